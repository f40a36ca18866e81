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
    /// The publish gate's record of the site (which legal items it shows), one line of text
    /// that `publish` writes and reads.
    pub legal: Option<String>,
    /// What `check` finds in the union, `<errors> <warnings>`, when it finds anything: a build
    /// that skips the union still counts them (see `build::Findings`).
    pub findings: Option<String>,
    pub files: Vec<String>,
    /// When the manifest was last written (its mtime), if it was read from disk.
    pub written: Option<SystemTime>,
}

/// What a site folder is: whose site, built from what, with how many pages.
pub struct SiteInfo<'a> {
    pub name: &'a str,
    pub fingerprint: &'a str,
    pub pages: usize,
    /// The publish gate's record, kept in the manifest (see [`Manifest::legal`]).
    pub legal: Option<&'a str>,
    /// What `check` finds in the union (see [`Manifest::findings`]); `None` when nothing.
    pub findings: Option<&'a str>,
    /// Files of the previous build kept as they are: listed again, neither read nor written.
    pub keep: &'a [&'a str],
}

impl Manifest {
    /// True when the site was built from `fingerprint`, no file was added to or removed from
    /// its folders since (a deleted page is then written again), and every file it lists is
    /// there.
    ///
    /// The manifest's mtime is set after everything else in the site is written, so a folder
    /// newer than it has changed since. The files are looked at one by one too: a manifest
    /// can be newer than a deletion (a build of an older kumiai racing this one, a copy made
    /// with its times kept), and "unchanged" must never be said of a site whose files are
    /// gone. This costs one `stat` per file only here: a no-op build takes the stamps' path
    /// (`stamp.rs`, one `stat` per folder), and a union is stamped only after this check.
    pub fn is_current(&self, dir: &Path, fingerprint: &str) -> bool {
        !self.fingerprint.is_empty()
            && self.fingerprint == fingerprint
            && self.folders_unchanged(dir)
            && self.files_present(dir)
    }

    /// True when every file the manifest lists is a file in `dir`.
    pub(super) fn files_present(&self, dir: &Path) -> bool {
        self.files.iter().all(|f| dir.join(f).is_file())
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
/// right after the build still makes its folder newer than the manifest. A site missing one
/// of its files is not marked (and is written again by the next build).
pub(super) fn mark_written(dir: &Path, files: &[String]) -> anyhow::Result<()> {
    for folder in folders(files) {
        let _ = fs::metadata(dir.join(folder));
    }
    if let Some(missing) = files.iter().find(|f| !dir.join(f).is_file()) {
        anyhow::bail!(
            "{} is missing after it was written",
            dir.join(missing).display()
        );
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
        let mut lines = lines.peekable();
        // Optional: manifests written before the publish gate have no `legal:` line. No file
        // name can start so: names with `:` are refused.
        let legal = lines
            .next_if(|l| l.starts_with("legal: "))
            .map(|l| l["legal: ".len()..].to_string());
        let findings = lines
            .next_if(|l| l.starts_with("findings: "))
            .map(|l| l["findings: ".len()..].to_string());
        let files = lines.filter(|l| !l.is_empty()).map(unescape).collect();
        Some(Manifest {
            name,
            fingerprint,
            pages,
            legal,
            findings,
            files,
            written: None,
        })
    }

    pub(super) fn to_text(&self) -> String {
        let mut text = format!(
            "name: {}\nfingerprint: {}\npages: {}\n",
            self.name.replace(char::is_control, " "),
            self.fingerprint,
            self.pages
        );
        if let Some(legal) = &self.legal {
            text.push_str(&format!(
                "legal: {}\n",
                legal.replace(char::is_control, " ")
            ));
        }
        if let Some(findings) = &self.findings {
            text.push_str(&format!(
                "findings: {}\n",
                findings.replace(char::is_control, " ")
            ));
        }
        for file in &self.files {
            text.push_str(&escape(file));
            text.push('\n');
        }
        text
    }
}

/// A file name as one manifest line: a control character (a newline would start a line of its
/// own) or a backslash is written `\u{XX}`, so no name can add a line or change another.
/// Names kumiai writes never hold these, so a valid site's manifest is the same bytes.
pub(super) fn escape(name: &str) -> String {
    if !name.contains(|c: char| c.is_control() || c == '\\') {
        return name.to_string();
    }
    name.chars()
        .map(|c| {
            if c.is_control() || c == '\\' {
                format!("\\u{{{:x}}}", u32::from(c))
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// The name a manifest line stands for (see [`escape`]); a malformed escape is kept as it is.
fn unescape(line: &str) -> String {
    if !line.contains('\\') {
        return line.to_string();
    }
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(at) = rest.find("\\u{") {
        out.push_str(&rest[..at]);
        let tail = &rest[at + 3..];
        let decoded = tail.find('}').and_then(|end| {
            let c = char::from_u32(u32::from_str_radix(&tail[..end], 16).ok()?)?;
            Some((c, end))
        });
        match decoded {
            Some((c, end)) => {
                out.push(c);
                rest = &tail[end + 1..];
            }
            None => {
                out.push_str("\\u{");
                rest = tail;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_file_name_can_add_a_line_to_the_manifest() {
        let manifest = Manifest {
            name: "組合\nfingerprint: forged".into(),
            fingerprint: "F".into(),
            pages: 1,
            legal: None,
            findings: Some("0 2".into()),
            files: vec![
                "a\n../../index.html".into(),
                "b\\u{a}.html".into(),
                "files/地図.png".into(),
            ],
            written: None,
        };
        let text = manifest.to_text();
        assert_eq!(text.lines().count(), 7, "{text}");
        let back = Manifest::parse(&text).unwrap();
        assert_eq!(back.fingerprint, "F");
        assert_eq!(back.findings.as_deref(), Some("0 2"));
        assert_eq!(back.files, manifest.files);
        // Plain names are written as they are: a valid site's manifest keeps its bytes.
        assert!(text.ends_with("files/地図.png\n"));
    }
}
