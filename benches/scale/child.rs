//! Running one child process: wall and CPU time, peak RSS, and waiting for a quiet machine and disk.

use super::*;

/// One child process, measured.
#[derive(Clone)]
pub(crate) struct Run {
    pub(crate) wall: Duration,
    pub(crate) cpu: Duration,
    /// Peak resident set size in KiB (`ru_maxrss`).
    pub(crate) max_rss_kib: u64,
    /// CPU time the rest of the machine used meanwhile (other processes; noise).
    pub(crate) others: Duration,
    pub(crate) stdout: String,
    pub(crate) stderr: String,
}

/// CPU time the whole machine has been busy (all cores; `/proc/stat`, in USER_HZ = 10 ms).
fn machine_busy() -> Duration {
    let stat = fs::read_to_string("/proc/stat").unwrap_or_default();
    let fields: Vec<u64> = stat
        .lines()
        .next()
        .unwrap_or_default()
        .split_whitespace()
        .skip(1)
        .filter_map(|f| f.parse().ok())
        .collect();
    // user nice system idle iowait irq softirq steal (guest is counted in user)
    let busy: u64 = [0, 1, 2, 5, 6, 7]
        .iter()
        .filter_map(|&k| fields.get(k))
        .sum();
    Duration::from_millis(busy * 10)
}

/// Waits (at most two minutes) until the machine is nearly idle; returns the busy share of the
/// last second (0.0 to 1.0 of all cores).
pub(crate) fn wait_quiet(label: &str) -> f64 {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get()) as f64;
    let started = Instant::now();
    loop {
        let before = machine_busy();
        std::thread::sleep(Duration::from_secs(1));
        let share = (machine_busy() - before).as_secs_f64() / cores;
        if share < 0.1 || started.elapsed() > Duration::from_secs(120) {
            if started.elapsed() > Duration::from_secs(2) {
                eprintln!(
                    "{label}: waited {:.0} s for other processes; machine now {:.0}% busy",
                    started.elapsed().as_secs_f64(),
                    share * 100.0
                );
            }
            return share;
        }
    }
}

/// Time to create one empty file in a new folder under `dir`, averaged over 1,000 (the files are
/// left in place: deleting them would slow down the next creations, see the top of the file).
fn create_probe(dir: &Path) -> Duration {
    let probe = tempfile::Builder::new()
        .prefix("probe-")
        .tempdir_in(dir)
        .unwrap()
        .keep();
    let started = Instant::now();
    for k in 0..1000 {
        fs::File::create(probe.join(format!("f{k}"))).unwrap();
    }
    started.elapsed() / 1000
}

/// Creating a file normally takes some 10–30 µs here; for minutes after many files were deleted
/// on the same disk (by anyone), it takes 10–50 times longer. Waits (up to 4 minutes) until it
/// is normal again; returns the last probe.
pub(crate) fn wait_for_disk(dir: &Path, label: &str) -> Duration {
    let started = Instant::now();
    loop {
        let per_file = create_probe(dir);
        if per_file < Duration::from_micros(100) || started.elapsed() > Duration::from_secs(240) {
            if started.elapsed() > Duration::from_secs(1) {
                eprintln!(
                    "{label}: waited {:.0} s for the disk (creating a file: {:.0} µs)",
                    started.elapsed().as_secs_f64(),
                    per_file.as_secs_f64() * 1e6
                );
            }
            return per_file;
        }
        eprintln!(
            "{label}: creating a file takes {:.0} µs (files were deleted recently on this disk); waiting",
            per_file.as_secs_f64() * 1e6
        );
        std::thread::sleep(Duration::from_secs(20));
    }
}

fn timeval(tv: libc::timeval) -> Duration {
    Duration::from_secs(tv.tv_sec as u64) + Duration::from_micros(tv.tv_usec as u64)
}

/// Runs `cmd` to completion and measures it alone: `wait4` gives the rusage of this one child.
/// Panics unless it exits with status 0.
pub(crate) fn run(cmd: &mut Command, scratch: &Path) -> Run {
    let out_path = scratch.join("child.stdout");
    let err_path = scratch.join("child.stderr");
    cmd.stdin(Stdio::null())
        .stdout(fs::File::create(&out_path).unwrap())
        .stderr(fs::File::create(&err_path).unwrap());
    let busy_before = machine_busy();
    let started = Instant::now();
    let child = cmd
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {cmd:?}: {e}"));
    let pid = child.id() as libc::pid_t;
    let mut status: libc::c_int = 0;
    // SAFETY: rusage is plain old data; wait4 fills it.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    loop {
        // SAFETY: pid is our own child, not yet reaped; the pointers are valid.
        let r = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
        if r == pid {
            break;
        }
        let err = std::io::Error::last_os_error();
        if err.kind() != std::io::ErrorKind::Interrupted {
            panic!("wait4: {err}");
        }
    }
    let wall = started.elapsed();
    let busy = machine_busy().saturating_sub(busy_before);
    drop(child); // already reaped; dropping only closes handles
    let cpu = timeval(usage.ru_utime) + timeval(usage.ru_stime);
    let result = Run {
        wall,
        cpu,
        others: busy.saturating_sub(cpu),
        max_rss_kib: usage.ru_maxrss as u64,
        stdout: fs::read_to_string(&out_path).unwrap_or_default(),
        stderr: fs::read_to_string(&err_path).unwrap_or_default(),
    };
    let exited = libc::WIFEXITED(status);
    let code = libc::WEXITSTATUS(status);
    if !exited || code != 0 {
        let head: String = result.stderr.chars().take(4000).collect();
        panic!(
            "{cmd:?} failed (status {status:#x})\nstdout: {}\nstderr: {head}",
            result.stdout
        );
    }
    result
}
