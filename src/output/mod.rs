//! Stage 4, output: put rendered files on disk, touching only what changed.
//!
//! `manifest` records what kumiai wrote in each site folder; `fingerprint` and `stamp` tell
//! when a union's site is already current, so nothing is rendered or written again.

pub mod fingerprint;
pub mod lock;
mod manifest;
pub mod prune;
pub mod stamp;
mod swap;

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::Context as _;

pub(crate) use manifest::folders;
use manifest::mark_written;
pub use manifest::{MANIFEST, Manifest, SiteInfo, read_manifest};
pub use swap::clear_leftovers;

use crate::render::OutputFile;

/// What a write did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct WriteStats {
    pub written: usize,
    pub unchanged: usize,
    pub removed: usize,
}

/// How a site folder that already exists is brought to its new version.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Update {
    /// The new version is put together beside the old one and exchanged with it in one step:
    /// an interrupted build leaves the whole site at its old or its new version. For a
    /// union's site.
    Swap,
    /// File by file, in an order that keeps links working: for the output root, which also
    /// holds the unions' folders (and wherever the exchange is not available).
    InPlace,
}

/// Writes `files` under `dir`. Unchanged files are left alone (their mtimes too), files of the
/// previous build that are no longer produced are removed, files kumiai did not write are
/// kept, and no reader ever sees half a file.
///
/// A site that does not exist yet is written whole into a staging folder beside it, which is
/// then renamed into place: the site appears at once, and a build into an empty output folder
/// costs about what copying the files would. An existing site is updated as `update` says.
pub fn write_site(
    dir: &Path,
    site: &SiteInfo,
    files: &[OutputFile],
    update: Update,
) -> anyhow::Result<WriteStats> {
    if let Some(bad) = files.iter().find(|f| !plain_relative(&f.path)) {
        return Err(UnsafeName {
            name: bad.path.clone(),
            site: dir.to_path_buf(),
        }
        .into());
    }
    let manifest = Manifest {
        name: site.name.to_string(),
        fingerprint: site.fingerprint.to_string(),
        pages: site.pages,
        legal: site.legal.map(str::to_string),
        findings: site.findings.map(str::to_string),
        files: files
            .iter()
            .map(|f| f.path.as_str())
            .chain(site.keep.iter().copied())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .map(str::to_string)
            .collect(),
        written: None,
    };
    let manifest_file = OutputFile {
        path: MANIFEST.to_string(),
        bytes: manifest.to_text().into_bytes(),
    };
    if fs::symlink_metadata(dir).is_err() {
        swap::write_new_site(dir, files, &manifest_file)?;
        return Ok(WriteStats {
            written: files.len(),
            ..WriteStats::default()
        });
    }
    let previous = read_manifest(dir);
    let ours: BTreeSet<&str> = previous
        .iter()
        .flat_map(|p| &p.files)
        .map(String::as_str)
        .chain([MANIFEST])
        .collect();
    if previous.is_none() && update == Update::Swap {
        check_foreign_folder(dir)?;
    }
    let mut stats = WriteStats::default();
    let mut new = Vec::new();
    let mut changed = Vec::new();
    for file in files {
        let path = dir.join(&file.path);
        let exists = fs::symlink_metadata(&path).is_ok();
        if exists && !ours.contains(file.path.as_str()) {
            return Err(Collision {
                existing: path,
                site: dir.to_path_buf(),
            }
            .into());
        }
        match fs::read(&path) {
            Ok(old) if old == file.bytes => stats.unchanged += 1,
            Ok(_) => changed.push(file),
            Err(_) => new.push(file),
        }
    }
    let now: BTreeSet<&str> = manifest.files.iter().map(String::as_str).collect();
    // Only plain relative paths ever go into the manifest; anything else is not ours to remove.
    let stale: BTreeSet<&str> = previous
        .iter()
        .flat_map(|p| &p.files)
        .map(String::as_str)
        .filter(|f| !now.contains(f) && plain_relative(f) && dir.join(f).is_file())
        .collect();
    let manifest_same = fs::read(dir.join(MANIFEST)).is_ok_and(|b| b == manifest_file.bytes);
    if new.is_empty() && changed.is_empty() && stale.is_empty() && manifest_same {
        // Nothing to write; if a folder was touched (a file of someone else's added), mark the
        // site current again, or it would be rendered again on every build.
        if !previous.is_some_and(|p| p.folders_unchanged(dir)) {
            mark_written(dir, &manifest.files)?;
        }
        return Ok(stats);
    }
    let write: Vec<&OutputFile> = new.iter().chain(&changed).copied().collect();
    stats.written = write.len();
    stats.removed = stale.len();
    if update == Update::Swap {
        swap::swap_site(dir, &write, &stale, &manifest_file, &manifest.files)?;
        return Ok(stats);
    }
    create_parents(dir, &new)?;
    for file in &write {
        write_atomic(&dir.join(&file.path), &file.bytes)?;
    }
    for old in &stale {
        let _ = fs::remove_file(dir.join(old));
    }
    write_file(dir, &manifest_file)?;
    mark_written(dir, &manifest.files)?;
    Ok(stats)
}

/// A file kumiai would write is already there, and kumiai did not write it (it is not in the
/// folder's `.kumiai-files`): nothing is written, the union fails.
#[derive(Debug)]
pub struct Collision {
    /// The file (or folder) that is in the way.
    pub existing: PathBuf,
    /// The site folder it is in.
    pub site: PathBuf,
}

impl std::fmt::Display for Collision {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.existing == self.site {
            write!(
                f,
                "{} already exists and kumiai did not write it (it has no {MANIFEST})",
                self.site.display()
            )
        } else {
            write!(
                f,
                "{} already exists and kumiai did not write it (it is not in {})",
                self.existing.display(),
                self.site.join(MANIFEST).display()
            )
        }
    }
}

impl std::error::Error for Collision {}

/// A file kumiai was asked to write has a name that is not a plain relative path (`..`, a
/// root, a control character such as a newline): nothing is written.
#[derive(Debug)]
pub struct UnsafeName {
    pub name: String,
    pub site: PathBuf,
}

impl std::fmt::Display for UnsafeName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "refusing to write {:?} in {}: a published file needs a plain relative name without \
             control characters, `..` or backslashes",
            self.name,
            self.site.display()
        )
    }
}

impl std::error::Error for UnsafeName {}

/// A site folder without a manifest is someone else's, unless it is empty.
fn check_foreign_folder(dir: &Path) -> anyhow::Result<()> {
    let empty = fs::read_dir(dir).is_ok_and(|mut entries| entries.next().is_none());
    if empty {
        return Ok(());
    }
    Err(Collision {
        existing: dir.to_path_buf(),
        site: dir.to_path_buf(),
    }
    .into())
}

/// True for a relative path of plain names (no `..`, no root, no drive) without control
/// characters: the only names kumiai writes, and the only ones it removes.
pub fn plain_relative(path: &str) -> bool {
    !path.is_empty()
        && !path.contains(|c: char| c.is_control() || c == '\\')
        && Path::new(path)
            .components()
            .all(|c| matches!(c, std::path::Component::Normal(_)))
}

/// Creates, once each, the folders the files go into.
fn create_parents(dir: &Path, files: &[&OutputFile]) -> anyhow::Result<()> {
    let parents: BTreeSet<&Path> = files
        .iter()
        .filter_map(|f| Path::new(&f.path).parent())
        .filter(|p| !p.as_os_str().is_empty())
        .collect();
    for parent in parents {
        let path = dir.join(parent);
        fs::create_dir_all(&path).with_context(|| format!("creating {}", path.display()))?;
    }
    Ok(())
}

/// Writes one file under `dir` unless it already holds these bytes; true when it wrote.
pub fn write_file(dir: &Path, file: &OutputFile) -> anyhow::Result<bool> {
    let path = dir.join(&file.path);
    if fs::read(&path).is_ok_and(|old| old == file.bytes) {
        return Ok(false);
    }
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).with_context(|| format!("creating {}", parent.display()))?;
    }
    write_atomic(&path, &file.bytes)?;
    Ok(true)
}

/// Replaces `path` through a temp file and a rename, so nobody ever reads half a file; a temp
/// file that could not be written whole (a full disk) is removed.
fn write_atomic(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = path.with_file_name(format!(".{name}{}", swap::TMP));
    let done = fs::write(&tmp, bytes)
        .with_context(|| format!("writing {}", path.display()))
        .and_then(|()| {
            fs::rename(&tmp, path).with_context(|| format!("replacing {}", path.display()))
        });
    if done.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    done
}

#[cfg(test)]
mod tests {
    use std::time::SystemTime;

    use super::*;

    fn info() -> SiteInfo<'static> {
        SiteInfo {
            name: "U",
            fingerprint: "F",
            pages: 2,
            legal: None,
            findings: None,
            keep: &[],
        }
    }

    fn file(path: &str, text: &str) -> OutputFile {
        OutputFile {
            path: path.into(),
            bytes: text.as_bytes().to_vec(),
        }
    }

    #[test]
    fn writes_only_changes_and_removes_only_its_own_stale_files() {
        for update in [Update::Swap, Update::InPlace] {
            only_changes_and_own_stale_files(update);
        }
    }

    fn only_changes_and_own_stale_files(update: Update) {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("u");
        let first = write_site(
            &site,
            &info(),
            &[file("a.html", "A"), file("b.html", "B")],
            update,
        )
        .unwrap();
        assert_eq!(first.written, 2);
        fs::create_dir_all(site.join("mine")).unwrap();
        fs::write(site.join("mine/notes.txt"), "not kumiai's").unwrap();
        let a_before = fs::metadata(site.join("a.html")).unwrap();
        std::thread::sleep(std::time::Duration::from_millis(10));
        let second = write_site(
            &site,
            &info(),
            &[file("a.html", "A"), file("c/d.html", "D")],
            update,
        )
        .unwrap();
        assert_eq!(
            second,
            WriteStats {
                written: 1,
                unchanged: 1,
                removed: 1
            }
        );
        assert!(!site.join("b.html").exists());
        assert_eq!(
            fs::read_to_string(site.join("mine/notes.txt")).unwrap(),
            "not kumiai's"
        );
        // The unchanged page is the same file, untouched.
        let a_after = fs::metadata(site.join("a.html")).unwrap();
        assert_eq!(a_after.modified().unwrap(), a_before.modified().unwrap());
        assert!(!dir.path().join(".u.kumiai-new").exists());
        assert_eq!(read_manifest(&site).unwrap().name, "U");
        assert!(read_manifest(&site).unwrap().is_current(&site, "F"));
        assert!(!read_manifest(&site).unwrap().is_current(&site, "G"));
        assert_eq!(fs::read_to_string(site.join("c/d.html")).unwrap(), "D");
    }

    /// Sets the mtime of a file or folder, to play a build that happened a while ago.
    fn set_mtime(path: &Path, time: SystemTime) {
        fs::File::open(path).unwrap().set_modified(time).unwrap();
    }

    #[test]
    fn a_file_deleted_or_added_after_the_build_makes_the_site_out_of_date() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("u");
        let files = [file("a.html", "A"), file("assets/s.css", "S")];
        write_site(&site, &info(), &files, Update::Swap).unwrap();
        let before = SystemTime::now() - std::time::Duration::from_secs(60);
        let age = |site: &Path| {
            for path in [site.to_path_buf(), site.join("assets"), site.join(MANIFEST)] {
                set_mtime(&path, before);
            }
        };
        age(&site);
        assert!(read_manifest(&site).unwrap().is_current(&site, "F"));
        fs::remove_file(site.join("assets/s.css")).unwrap();
        assert!(!read_manifest(&site).unwrap().is_current(&site, "F"));
        // Writing the site again puts the file back and makes it current.
        let stats = write_site(&site, &info(), &files, Update::Swap).unwrap();
        assert_eq!((stats.written, stats.unchanged), (1, 1));
        assert!(read_manifest(&site).unwrap().is_current(&site, "F"));
        age(&site);
        fs::write(site.join("mine.txt"), "someone else's").unwrap();
        assert!(!read_manifest(&site).unwrap().is_current(&site, "F"));
        // Nothing of kumiai's changed, but the site is marked current again.
        let stats = write_site(&site, &info(), &files, Update::Swap).unwrap();
        assert_eq!((stats.written, stats.unchanged), (0, 2));
        assert!(read_manifest(&site).unwrap().is_current(&site, "F"));
    }

    #[test]
    fn a_new_site_appears_whole_and_a_leftover_of_an_interrupted_build_is_cleared() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("u");
        let staging = dir.path().join(".u.kumiai-new");
        fs::create_dir_all(staging.join("assets")).unwrap();
        fs::write(staging.join("half.html"), "interrupted").unwrap();
        let stats = write_site(
            &site,
            &info(),
            &[file("index.html", "I"), file("assets/style.css", "C")],
            Update::Swap,
        )
        .unwrap();
        assert_eq!(stats.written, 2);
        assert!(!staging.exists());
        assert!(!site.join("half.html").exists());
        assert_eq!(
            fs::read_to_string(site.join("assets/style.css")).unwrap(),
            "C"
        );
        let manifest = read_manifest(&site).unwrap();
        assert_eq!(manifest.files, ["assets/style.css", "index.html"]);
        assert!(manifest.is_current(&site, "F"));
    }
}
