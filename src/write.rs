//! Stage 4, write: put rendered files on disk, touching only what changed.

use std::collections::BTreeSet;
use std::fs;
use std::io::Read as _;
use std::path::Path;
use std::time::SystemTime;

use anyhow::Context as _;

use crate::render::OutputFile;

/// Lists, inside each site folder, the files kumiai wrote there, so stale ones can be removed
/// without ever touching a file kumiai did not create.
pub const MANIFEST: &str = ".kumiai-files";

/// The manifest of one site folder: whose site it is and which files kumiai wrote.
#[derive(Debug, Default)]
pub struct Manifest {
    /// The union's name when the site was last built, so the portal can still name a union
    /// whose override is currently broken.
    pub name: String,
    /// Hash of everything the site was built from; equal means nothing to do.
    pub fingerprint: String,
    /// Number of pages, for the summary of a build that skipped the union.
    pub pages: usize,
    pub files: Vec<String>,
    /// When the manifest was last written (its mtime), if it was read from disk.
    pub written: Option<SystemTime>,
}

/// What a site folder is: whose site, built from what, with how many pages.
pub struct SiteInfo<'a> {
    pub name: &'a str,
    pub fingerprint: &'a str,
    pub pages: usize,
}

impl Manifest {
    /// True when the site was built from `fingerprint` and no file was added to or removed
    /// from its folders since (a deleted page is then written again).
    ///
    /// The manifest's mtime is set after everything else in the site is written, so a folder
    /// newer than it has changed since; checking each folder's mtime costs one `stat` per
    /// folder instead of one per file, which is most of what a no-op rebuild does.
    pub fn is_current(&self, dir: &Path, fingerprint: &str) -> bool {
        !self.fingerprint.is_empty()
            && self.fingerprint == fingerprint
            && self.folders_unchanged(dir)
    }

    fn folders_unchanged(&self, dir: &Path) -> bool {
        let Some(written) = self.written else {
            return false;
        };
        let folders: BTreeSet<&Path> = std::iter::once(Path::new(""))
            .chain(self.files.iter().filter_map(|f| Path::new(f).parent()))
            .collect();
        folders.into_iter().all(|folder| {
            fs::metadata(dir.join(folder))
                .and_then(|m| m.modified())
                .is_ok_and(|changed| changed <= written)
        })
    }
}

/// Reads a site folder's manifest, if it has a readable one.
pub fn read_manifest(dir: &Path) -> Option<Manifest> {
    let file = fs::File::open(dir.join(MANIFEST)).ok()?;
    let written = file.metadata().and_then(|m| m.modified()).ok();
    let mut text = String::with_capacity(1024);
    // Through `take`: `File`'s own `read_to_string` asks for the size again.
    file.take(u64::MAX).read_to_string(&mut text).ok()?;
    let mut manifest = Manifest::parse(&text)?;
    manifest.written = written;
    Some(manifest)
}

/// Marks the site as written now: its manifest's mtime becomes newer than every folder of it.
fn mark_written(dir: &Path) -> anyhow::Result<()> {
    let path = dir.join(MANIFEST);
    fs::File::options()
        .write(true)
        .open(&path)
        .and_then(|f| f.set_modified(SystemTime::now()))
        .with_context(|| format!("setting the time of {}", path.display()))
}

impl Manifest {
    /// A plain line format rather than TOML: every build reads one manifest per union, and a
    /// no-op rebuild of 1,400 unions is mostly that. `name:`, `fingerprint:` and `pages:` lines,
    /// then one written file per line.
    fn parse(text: &str) -> Option<Manifest> {
        let mut lines = text.lines();
        let mut field = |key: &str| lines.next()?.strip_prefix(key).map(str::to_string);
        let name = field("name: ")?;
        let fingerprint = field("fingerprint: ")?;
        let pages = field("pages: ")?.parse().ok()?;
        let files = lines
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect();
        Some(Manifest {
            name,
            fingerprint,
            pages,
            files,
            written: None,
        })
    }

    fn to_text(&self) -> String {
        let mut text = format!(
            "name: {}\nfingerprint: {}\npages: {}\n",
            self.name.replace('\n', " "),
            self.fingerprint,
            self.pages
        );
        for file in &self.files {
            text.push_str(file);
            text.push('\n');
        }
        text
    }
}

/// What a write did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct WriteStats {
    pub written: usize,
    pub unchanged: usize,
    pub removed: usize,
}

/// Writes `files` under `dir`. Each file appears atomically, unchanged files are left alone
/// (their mtimes too), and files of the previous build that are no longer produced are removed.
///
/// A site that does not exist yet is written whole into a temporary folder beside it, which is
/// then renamed into place: the site appears at once, and a build into an empty output folder
/// costs about what copying the files would.
///
/// An existing site is updated file by file, in an order that keeps links working if the build
/// is interrupted: files that are new come first (so nothing links to a page that is not there
/// yet), changed files next (each through a temp file and a rename), stale files are removed
/// after every page that could link to them is rewritten, and the manifest comes last.
pub fn write_site(dir: &Path, site: &SiteInfo, files: &[OutputFile]) -> anyhow::Result<WriteStats> {
    let manifest = Manifest {
        name: site.name.to_string(),
        fingerprint: site.fingerprint.to_string(),
        pages: site.pages,
        files: files
            .iter()
            .map(|f| f.path.clone())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect(),
        written: None,
    };
    let manifest_file = OutputFile {
        path: MANIFEST.to_string(),
        bytes: manifest.to_text().into_bytes(),
    };
    if !dir.exists() {
        return write_new_site(dir, files, &manifest_file);
    }
    let mut stats = WriteStats::default();
    let mut new = Vec::new();
    let mut changed = Vec::new();
    for file in files {
        match fs::read(dir.join(&file.path)) {
            Ok(old) if old == file.bytes => stats.unchanged += 1,
            Ok(_) => changed.push(file),
            Err(_) => new.push(file),
        }
    }
    create_parents(dir, &new)?;
    for file in new.into_iter().chain(changed) {
        write_atomic(&dir.join(&file.path), &file.bytes)?;
        stats.written += 1;
    }
    let previous = read_manifest(dir);
    if let Some(previous) = &previous {
        let now: BTreeSet<&str> = manifest.files.iter().map(String::as_str).collect();
        for old in previous.files.iter().filter(|f| !now.contains(f.as_str())) {
            // Only plain relative paths ever go into the manifest; refuse anything else.
            if Path::new(old)
                .components()
                .all(|c| matches!(c, std::path::Component::Normal(_)))
                && fs::remove_file(dir.join(old)).is_ok()
            {
                stats.removed += 1;
            }
        }
    }
    let rewrote = write_file(dir, &manifest_file)?;
    // Also when nothing changed but a folder was touched (a file of someone else's added):
    // otherwise the union would be rendered again on every build.
    let unchanged = previous.is_some_and(|p| p.folders_unchanged(dir));
    if rewrote || stats.written + stats.removed > 0 || !unchanged {
        mark_written(dir)?;
    }
    Ok(stats)
}

/// Writes a whole new site into `.<name>.kumiai-new` beside `dir`, then renames it to `dir`.
fn write_new_site(
    dir: &Path,
    files: &[OutputFile],
    manifest: &OutputFile,
) -> anyhow::Result<WriteStats> {
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let staging = dir.with_file_name(format!(".{name}.kumiai-new"));
    // A leftover of an interrupted build: kumiai's own temporary folder, never linked to.
    if staging.exists() {
        fs::remove_dir_all(&staging)
            .with_context(|| format!("removing the leftover {}", staging.display()))?;
    }
    fs::create_dir_all(&staging).with_context(|| format!("creating {}", staging.display()))?;
    let all: Vec<&OutputFile> = files.iter().chain([manifest]).collect();
    create_parents(&staging, &all)?;
    for file in &all {
        let path = staging.join(&file.path);
        fs::write(&path, &file.bytes).with_context(|| format!("writing {}", path.display()))?;
    }
    fs::rename(&staging, dir).with_context(|| {
        format!(
            "moving the new site {} to {}",
            staging.display(),
            dir.display()
        )
    })?;
    mark_written(dir)?;
    Ok(WriteStats {
        written: files.len(),
        ..WriteStats::default()
    })
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

/// Replaces `path` through a temp file and a rename, so nobody ever reads half a file.
fn write_atomic(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = path.with_file_name(format!(".{name}.kumiai-tmp"));
    fs::write(&tmp, bytes).with_context(|| format!("writing {}", tmp.display()))?;
    fs::rename(&tmp, path).with_context(|| format!("replacing {}", path.display()))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn info() -> SiteInfo<'static> {
        SiteInfo {
            name: "U",
            fingerprint: "F",
            pages: 2,
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
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("u");
        let first =
            write_site(&site, &info(), &[file("a.html", "A"), file("b.html", "B")]).unwrap();
        assert_eq!(first.written, 2);
        fs::write(site.join("mine.txt"), "not kumiai's").unwrap();
        let second = write_site(
            &site,
            &info(),
            &[file("a.html", "A"), file("c/d.html", "D")],
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
        assert!(site.join("mine.txt").exists());
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
        write_site(&site, &info(), &files).unwrap();
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
        let stats = write_site(&site, &info(), &files).unwrap();
        assert_eq!((stats.written, stats.unchanged), (1, 1));
        assert!(read_manifest(&site).unwrap().is_current(&site, "F"));
        age(&site);
        fs::write(site.join("mine.txt"), "someone else's").unwrap();
        assert!(!read_manifest(&site).unwrap().is_current(&site, "F"));
        // Nothing of kumiai's changed, but the site is marked current again.
        let stats = write_site(&site, &info(), &files).unwrap();
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
