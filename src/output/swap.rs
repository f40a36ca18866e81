//! A site's new version is put together beside it and swapped in whole: a build that fails
//! (a full disk, a read-only folder, a name taken) or is killed leaves the site at its old
//! version, and the next build clears what it left.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::Context as _;

use super::manifest::{MANIFEST, mark_written, read_manifest};
use crate::render::OutputFile;

/// The names only kumiai gives to what it leaves beside a site or a file while writing.
const STAGING: &str = ".kumiai-new";
const OLD: &str = ".kumiai-old";
pub(super) const TMP: &str = ".kumiai-tmp";

/// Removes what interrupted or failed builds left: staging folders (`.<site>.kumiai-new`),
/// old versions (`.<site>.kumiai-old`, put back when the site itself is missing) and temp
/// files (`.<file>.kumiai-tmp`), at the top of the output folder and in the folders of its own
/// files. Only kumiai makes these names.
pub fn clear_leftovers(output: &Path) {
    let mut dirs = vec![output.to_path_buf()];
    if let Some(root) = read_manifest(output) {
        dirs.extend(
            super::folders(&root.files)
                .into_iter()
                .filter(|f| !f.as_os_str().is_empty())
                .map(|f| output.join(f)),
        );
    }
    for dir in dirs {
        let Ok(entries) = fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.filter_map(Result::ok) {
            let name = entry.file_name().to_string_lossy().into_owned();
            if !name.starts_with('.') {
                continue;
            }
            let path = entry.path();
            let _ = match entry.file_type() {
                Ok(t) if t.is_dir() && name.ends_with(STAGING) => fs::remove_dir_all(&path),
                Ok(t) if t.is_dir() && name.ends_with(OLD) => {
                    let site = dir.join(&name[1..name.len() - OLD.len()]);
                    if site.exists() {
                        fs::remove_dir_all(&path)
                    } else {
                        fs::rename(&path, &site)
                    }
                }
                Ok(t) if t.is_file() && name.ends_with(TMP) => fs::remove_file(&path),
                _ => Ok(()),
            };
        }
    }
}

/// `.<name><suffix>` beside `dir`, never linked to.
fn beside(dir: &Path, suffix: &str) -> PathBuf {
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    dir.with_file_name(format!(".{name}{suffix}"))
}

/// Empties the staging folder, a leftover of an interrupted build if it exists.
fn fresh_staging(dir: &Path) -> anyhow::Result<PathBuf> {
    let staging = beside(dir, STAGING);
    if fs::symlink_metadata(&staging).is_ok() {
        let removed = if staging.is_dir() {
            fs::remove_dir_all(&staging)
        } else {
            fs::remove_file(&staging)
        };
        removed.with_context(|| format!("removing the leftover {}", staging.display()))?;
    }
    fs::create_dir_all(&staging).with_context(|| format!("creating {}", staging.display()))?;
    Ok(staging)
}

/// Puts the new version of an existing site together in the staging folder (unchanged files
/// and files kumiai did not write are hard-linked, so they keep their mtimes; new and changed
/// files are written; stale ones left out), then exchanges the two folders in one step and
/// removes the old version. On any failure before the exchange the site is left as it was.
pub(super) fn swap_site(
    dir: &Path,
    write: &[&OutputFile],
    stale: &BTreeSet<&str>,
    manifest: &OutputFile,
    listed: &[String],
) -> anyhow::Result<()> {
    let staging = fresh_staging(dir)?;
    let rewritten: BTreeSet<&str> = write.iter().map(|f| f.path.as_str()).collect();
    let ready = carry_over(dir, &staging, |rel| {
        !(rewritten.contains(rel) || stale.contains(rel) || rel == MANIFEST)
    })
    .and_then(|()| write_all(&staging, write.iter().copied().chain([manifest])));
    if let Err(e) = ready {
        let _ = fs::remove_dir_all(&staging);
        return Err(e);
    }
    if let Err(e) = exchange(&staging, dir) {
        let _ = fs::remove_dir_all(&staging);
        return Err(e).with_context(|| format!("putting the new version of {}", dir.display()));
    }
    // The staging folder now holds the old version. If this removal fails or is interrupted,
    // the site is already whole and new; the next build clears what is left.
    let _ = fs::remove_dir_all(&staging);
    let _ = mark_written(dir, listed);
    Ok(())
}

/// Hard-links into `to` every file under `from` that `keep` accepts (by its relative path);
/// copies where the file system has no hard links.
fn carry_over(from: &Path, to: &Path, keep: impl Fn(&str) -> bool) -> anyhow::Result<()> {
    for entry in walkdir::WalkDir::new(from).min_depth(1).sort_by_file_name() {
        let entry = entry.with_context(|| format!("reading {}", from.display()))?;
        let Ok(rel) = entry.path().strip_prefix(from) else {
            continue;
        };
        let name = rel.to_string_lossy().replace('\\', "/");
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target)
                .with_context(|| format!("creating {}", target.display()))?;
        } else if keep(&name) && !name.ends_with(TMP) {
            fs::hard_link(entry.path(), &target)
                .or_else(|_| copy_keeping_time(entry.path(), &target))
                .with_context(|| format!("carrying {} over", entry.path().display()))?;
        }
    }
    Ok(())
}

fn copy_keeping_time(from: &Path, to: &Path) -> std::io::Result<()> {
    fs::copy(from, to)?;
    let modified = fs::metadata(from)?.modified()?;
    fs::File::options()
        .write(true)
        .open(to)?
        .set_modified(modified)
}

/// Writes files under `dir` (a staging folder: nobody reads it yet), creating each folder
/// once (a `mkdir` per file was a tenth of a full build's system calls).
fn write_all<'a>(
    dir: &Path,
    files: impl IntoIterator<Item = &'a OutputFile>,
) -> anyhow::Result<()> {
    let files: Vec<&OutputFile> = files.into_iter().collect();
    let parents: std::collections::BTreeSet<&Path> = files
        .iter()
        .filter_map(|f| Path::new(&f.path).parent())
        .collect();
    for parent in parents {
        let path = dir.join(parent);
        fs::create_dir_all(&path).with_context(|| format!("creating {}", path.display()))?;
    }
    for file in files {
        let path = dir.join(&file.path);
        fs::write(&path, &file.bytes).with_context(|| format!("writing {}", path.display()))?;
    }
    Ok(())
}

/// Exchanges the staging folder with the site: in one step where the system can (Linux
/// `renameat2` with `RENAME_EXCHANGE`); elsewhere the site is moved aside to
/// `.<site>.kumiai-old` and the staging folder renamed into place (if kumiai is killed in
/// between, the next build puts the old version back first).
fn exchange(staging: &Path, dir: &Path) -> anyhow::Result<()> {
    match exchange_atomic(staging, dir) {
        Ok(()) => return Ok(()),
        Err(e) if !unsupported(&e) => return Err(e.into()),
        Err(_) => {}
    }
    let old = beside(dir, OLD);
    if old.exists() {
        fs::remove_dir_all(&old).with_context(|| format!("removing {}", old.display()))?;
    }
    fs::rename(dir, &old).with_context(|| format!("moving {} aside", dir.display()))?;
    if let Err(e) = fs::rename(staging, dir) {
        let _ = fs::rename(&old, dir);
        return Err(e).with_context(|| format!("moving the new version to {}", dir.display()));
    }
    // The old version goes where the caller removes it from.
    fs::rename(&old, staging).with_context(|| format!("moving {} away", old.display()))
}

/// True when the system or the file system cannot exchange two folders in one step.
fn unsupported(e: &std::io::Error) -> bool {
    #[cfg(target_os = "linux")]
    {
        matches!(
            e.raw_os_error(),
            Some(libc::EINVAL | libc::ENOSYS | libc::EOPNOTSUPP)
        )
    }
    #[cfg(not(target_os = "linux"))]
    {
        e.kind() == std::io::ErrorKind::Unsupported
    }
}

/// Exchanges two folders in one step (Linux `renameat2` with `RENAME_EXCHANGE`).
#[cfg(target_os = "linux")]
fn exchange_atomic(a: &Path, b: &Path) -> std::io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let c = |p: &Path| {
        CString::new(p.as_os_str().as_bytes())
            .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidInput, e))
    };
    let (a, b) = (c(a)?, c(b)?);
    // SAFETY: both paths are NUL-terminated C strings that live across the call.
    let done = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if done == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange_atomic(_: &Path, _: &Path) -> std::io::Result<()> {
    Err(std::io::Error::new(
        std::io::ErrorKind::Unsupported,
        "no atomic exchange of folders here",
    ))
}

/// Writes a whole new site into `.<name>.kumiai-new` beside `dir`, then renames it to `dir`;
/// on failure nothing is left.
pub(super) fn write_new_site(
    dir: &Path,
    files: &[OutputFile],
    manifest: &OutputFile,
) -> anyhow::Result<()> {
    let staging = fresh_staging(dir)?;
    let written = write_all(&staging, files.iter().chain([manifest])).and_then(|()| {
        fs::rename(&staging, dir).with_context(|| {
            format!(
                "moving the new site {} to {}",
                staging.display(),
                dir.display()
            )
        })
    });
    if let Err(e) = written {
        let _ = fs::remove_dir_all(&staging);
        return Err(e);
    }
    let listed: Vec<String> = files.iter().map(|f| f.path.clone()).collect();
    let _ = mark_written(dir, &listed);
    Ok(())
}
