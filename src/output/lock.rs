//! One build at a time per output folder.
//!
//! The lock is a file, `.kumiai-build/lock`, inside the output folder, created with
//! `create_new` (atomic on local disks, NFS and SMB alike, so it holds when two machines or a
//! Windows share write to one folder). It says who holds it: host, process, since when, and a
//! heartbeat counter the holder rewrites every [`HEARTBEAT`]. The lock lives in a folder of its
//! own so that taking and releasing it never changes the output root's own folder (whose times
//! tell a no-op build that the portal is current).
//!
//! A build killed with `kill -9` leaves its lock behind. Such a lock is recognised as stale
//! when its process is gone (same host only: a process id means nothing elsewhere) or, on any
//! host, when its heartbeat has not moved for [`STALE`] as seen by the waiter's own clock (no
//! comparison of two machines' clocks, and a reused process id does not keep a dead lock).

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant, SystemTime};

use anyhow::{Context as _, bail};

/// The folder, inside the output folder, that holds the lock.
pub const LOCK_DIR: &str = ".kumiai-build";

/// How often the holder proves it is alive.
pub const HEARTBEAT: Duration = Duration::from_secs(2);

/// A lock whose heartbeat has not moved for this long is the leftover of a killed build.
pub const STALE: Duration = Duration::from_secs(15);

/// How long a build waits for another one by default.
pub const DEFAULT_WAIT: Duration = Duration::from_secs(120);

/// The lock of one output folder, held until dropped.
pub struct BuildLock {
    path: PathBuf,
    token: String,
    /// Dropping it wakes the heartbeat thread at once (a sleep of 100 ms in a loop had made
    /// every build wait that long for the thread when it ended).
    stop: Option<mpsc::Sender<()>>,
    beat: Option<JoinHandle<()>>,
    /// True when this build had to wait for another one.
    pub waited: bool,
}

/// Who holds a lock, as its file says.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Holder {
    token: String,
    host: String,
    pid: u32,
    since: u64,
    beat: u64,
}

impl Holder {
    fn parse(text: &str) -> Option<Holder> {
        let field = |key: &str| -> Option<String> {
            text.lines()
                .find_map(|l| l.strip_prefix(key))
                .map(str::to_string)
        };
        Some(Holder {
            token: field("token: ")?,
            host: field("host: ")?,
            pid: field("pid: ")?.parse().ok()?,
            since: field("since: ")?.parse().ok()?,
            beat: field("beat: ")?.parse().ok()?,
        })
    }

    fn text(&self) -> String {
        format!(
            "token: {}\nhost: {}\npid: {}\nsince: {}\nbeat: {}\n",
            self.token, self.host, self.pid, self.since, self.beat
        )
    }

    /// "process 123 on host, since 2025-01-01 10:00:00 UTC".
    fn describe(&self) -> String {
        format!(
            "process {} on {}, since {}",
            self.pid,
            self.host,
            utc(self.since)
        )
    }

    /// True when the holder is on this host and its process no longer exists.
    fn gone_here(&self) -> bool {
        self.host == host_name() && !process_alive(self.pid)
    }
}

impl BuildLock {
    /// Takes the lock of `output`, waiting up to `wait` for another build to finish. On
    /// timeout, the error says who holds it.
    pub fn acquire(output: &Path, wait: Duration) -> anyhow::Result<BuildLock> {
        let dir = output.join(LOCK_DIR);
        fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
        let path = dir.join("lock");
        let now = unix_now();
        let me = Holder {
            token: format!("{}-{}-{}", host_name(), std::process::id(), nanos()),
            host: host_name(),
            pid: std::process::id(),
            since: now,
            beat: 0,
        };
        let started = Instant::now();
        let mut waited = false;
        // The content last seen, and since when it has not changed (by our clock).
        let mut seen: Option<(String, Instant)> = None;
        loop {
            match fs::File::options().write(true).create_new(true).open(&path) {
                Ok(mut file) => {
                    use std::io::Write as _;
                    file.write_all(me.text().as_bytes())
                        .and_then(|()| file.sync_all())
                        .with_context(|| format!("writing {}", path.display()))?;
                    return Ok(BuildLock::hold(path, me, waited));
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
                Err(e) => {
                    return Err(e).with_context(|| format!("creating the lock {}", path.display()));
                }
            }
            let text = fs::read_to_string(&path).unwrap_or_default();
            let holder = Holder::parse(&text);
            let unchanged_for = match &seen {
                Some((old, since)) if *old == text => since.elapsed(),
                _ => {
                    seen = Some((text.clone(), Instant::now()));
                    Duration::ZERO
                }
            };
            let stale = holder.as_ref().is_some_and(Holder::gone_here) || unchanged_for >= STALE;
            if stale {
                break_stale(&path, &text);
                seen = None;
                continue;
            }
            if started.elapsed() >= wait {
                let who = holder.map_or_else(
                    || "another build (its lock file cannot be read)".to_string(),
                    |h| format!("another build: {}", h.describe()),
                );
                bail!(
                    "{} is being built by {who}; waited {} s. Run the build again when it is \
                     done; if that build was killed, its lock is recognised as stale {} s after \
                     its last heartbeat ({}).",
                    output.display(),
                    started.elapsed().as_secs(),
                    STALE.as_secs(),
                    path.display()
                );
            }
            waited = true;
            std::thread::sleep(
                Duration::from_millis(100)
                    .min(wait.saturating_sub(started.elapsed()))
                    .max(Duration::from_millis(10)),
            );
        }
    }

    fn hold(path: PathBuf, mut me: Holder, waited: bool) -> BuildLock {
        let (stop, stopped) = mpsc::channel::<()>();
        let token = me.token.clone();
        let beat = {
            let path = path.clone();
            std::thread::Builder::new()
                .name("kumiai-lock".into())
                .spawn(move || {
                    // Beats every HEARTBEAT until the sender is dropped (or sends).
                    while let Err(mpsc::RecvTimeoutError::Timeout) = stopped.recv_timeout(HEARTBEAT)
                    {
                        me.beat += 1;
                        // Only while the lock is still ours (never revive a lock taken over).
                        let ours = fs::read_to_string(&path)
                            .ok()
                            .and_then(|t| Holder::parse(&t))
                            .is_some_and(|h| h.token == me.token);
                        if ours {
                            let _ = fs::write(&path, me.text());
                        }
                    }
                })
                .ok()
        };
        BuildLock {
            path,
            token,
            stop: Some(stop),
            beat,
            waited,
        }
    }
}

/// Moves a stale lock aside and removes it. If another waiter took the lock over in between
/// (what we moved is not what we saw), it is put back.
fn break_stale(path: &Path, seen: &str) {
    let aside = path.with_file_name(format!("stale-{}-{}", std::process::id(), nanos()));
    if fs::rename(path, &aside).is_err() {
        return;
    }
    let moved = fs::read_to_string(&aside).unwrap_or_default();
    if moved != seen {
        let _ = fs::hard_link(&aside, path);
    }
    let _ = fs::remove_file(&aside);
}

impl Drop for BuildLock {
    fn drop(&mut self) {
        drop(self.stop.take());
        if let Some(beat) = self.beat.take() {
            let _ = beat.join();
        }
        let ours = fs::read_to_string(&self.path)
            .ok()
            .and_then(|t| Holder::parse(&t))
            .is_some_and(|h| h.token == self.token);
        if ours {
            let _ = fs::remove_file(&self.path);
        }
    }
}

fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

fn nanos() -> u128 {
    SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos())
}

/// A time as `YYYY-MM-DD HH:MM:SS UTC`.
fn utc(secs: u64) -> String {
    let days = secs / 86_400;
    let rest = secs % 86_400;
    // Civil from days (Howard Hinnant's algorithm).
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02} {:02}:{:02}:{:02} UTC",
        rest / 3_600,
        rest / 60 % 60,
        rest % 60
    )
}

/// This machine's name (for the lock file: who holds it).
fn host_name() -> String {
    #[cfg(unix)]
    {
        let mut buf = [0u8; 256];
        // SAFETY: the buffer is valid for its length; gethostname NUL-terminates within it
        // or truncates, and we stop at the first NUL or the end.
        let ok = unsafe { libc::gethostname(buf.as_mut_ptr().cast(), buf.len()) } == 0;
        if ok {
            let end = buf.iter().position(|&b| b == 0).unwrap_or(buf.len());
            let name = String::from_utf8_lossy(&buf[..end]).trim().to_string();
            if !name.is_empty() {
                return name.replace(['\n', '\r'], " ");
            }
        }
    }
    std::env::var("COMPUTERNAME")
        .or_else(|_| std::env::var("HOSTNAME"))
        .map(|h| h.replace(['\n', '\r'], " "))
        .unwrap_or_else(|_| "unknown-host".to_string())
}

/// True unless this host has no process with this id.
fn process_alive(pid: u32) -> bool {
    #[cfg(unix)]
    {
        let Ok(pid) = libc::pid_t::try_from(pid) else {
            return true;
        };
        // SAFETY: signal 0 only checks that the process exists.
        let done = unsafe { libc::kill(pid, 0) };
        done == 0 || std::io::Error::last_os_error().raw_os_error() != Some(libc::ESRCH)
    }
    #[cfg(not(unix))]
    {
        let _ = pid;
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_taker_waits_then_names_the_holder() {
        let dir = tempfile::tempdir().unwrap();
        let first = BuildLock::acquire(dir.path(), Duration::ZERO).unwrap();
        assert!(!first.waited);
        let err = BuildLock::acquire(dir.path(), Duration::from_millis(200))
            .err()
            .unwrap()
            .to_string();
        assert!(
            err.contains(&format!("process {}", std::process::id())),
            "{err}"
        );
        assert!(err.contains(&host_name()), "{err}");
        assert!(err.contains("UTC"), "{err}");
        drop(first);
        let again = BuildLock::acquire(dir.path(), Duration::ZERO).unwrap();
        assert!(!again.waited);
        drop(again);
        assert!(!dir.path().join(LOCK_DIR).join("lock").exists());
    }

    #[test]
    fn the_lock_of_a_process_gone_from_this_host_is_taken_over_at_once() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join(LOCK_DIR)).unwrap();
        // A process id far above any pid_max: no such process.
        let dead = Holder {
            token: "dead".into(),
            host: host_name(),
            pid: 999_999_999,
            since: 0,
            beat: 7,
        };
        fs::write(dir.path().join(LOCK_DIR).join("lock"), dead.text()).unwrap();
        let lock = BuildLock::acquire(dir.path(), Duration::ZERO).unwrap();
        let text = fs::read_to_string(dir.path().join(LOCK_DIR).join("lock")).unwrap();
        assert_eq!(Holder::parse(&text).unwrap().token, lock.token);
    }

    #[test]
    fn a_lock_of_another_host_is_not_broken_by_its_process_id() {
        let other = Holder {
            token: "t".into(),
            host: format!("{}-elsewhere", host_name()),
            pid: 999_999_999,
            since: 86_400 * 365,
            beat: 0,
        };
        assert!(!other.gone_here());
        assert_eq!(Holder::parse(&other.text()), Some(other));
        assert_eq!(utc(86_400 * 365 + 3_661), "1971-01-01 01:01:01 UTC");
    }
}
