//! The manifest each site folder carries: whose site it is, what it was built from, and which
//! files kumiai wrote there (so that only those are ever replaced or removed).

use std::collections::BTreeSet;
use std::fs;
use std::io::Read as _;
use std::path::Path;
use std::time::SystemTime;

use anyhow::Context as _;

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
    /// Files of the previous build kept as they are: listed again, neither read nor written.
    pub keep: &'a [&'a str],
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

    pub(super) fn folders_unchanged(&self, dir: &Path) -> bool {
        let Some(written) = self.written else {
            return false;
        };
        folders(&self.files).into_iter().all(|folder| {
            fs::metadata(dir.join(folder))
                .and_then(|m| m.modified())
                .is_ok_and(|changed| changed <= written)
        })
    }
}

/// The folders a site's files are in (the site folder itself first).
pub(crate) fn folders(files: &[String]) -> BTreeSet<&Path> {
    std::iter::once(Path::new(""))
        .chain(files.iter().filter_map(|f| Path::new(f).parent()))
        .collect()
}

/// Reads a site folder's manifest, if it has a readable one.
pub fn read_manifest(dir: &Path) -> Option<Manifest> {
    let mut file = fs::File::open(dir.join(MANIFEST)).ok()?;
    let meta = file.metadata().ok()?;
    // The size is known: one read, no probe for the end (a no-op build reads 1,400 of these).
    let mut bytes = vec![0; usize::try_from(meta.len()).ok()?];
    file.read_exact(&mut bytes).ok()?;
    let mut manifest = Manifest::parse(std::str::from_utf8(&bytes).ok()?)?;
    manifest.written = meta.modified().ok();
    Some(manifest)
}

/// Marks the site as written now: its manifest's mtime becomes newer than every folder of it.
///
/// The folders are looked at first: file systems keep coarse timestamps (a few milliseconds)
/// unless a timestamp was read since its last change (Linux 6.13 and later), so a file deleted
/// right after the build still makes its folder newer than the manifest.
pub(super) fn mark_written(dir: &Path, files: &[String]) -> anyhow::Result<()> {
    for folder in folders(files) {
        let _ = fs::metadata(dir.join(folder));
    }
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

    pub(super) fn to_text(&self) -> String {
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
