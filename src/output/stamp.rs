//! Stamps: what the file system says of each union's inputs and built site (inode, size,
//! mtime, ctime), kept between builds, so that an unchanged union is recognised with a few
//! `stat`s instead of reading and hashing its files (a no-op build of 1,400 unions is mostly
//! that). Like git's index, and with git's care for "racy" entries: a file changed within
//! [`RACY`] of being stamped is not trusted, and its union is checked the full way next time.
//!
//! The stamps live outside the output (`.kumiai-cache/` in the project), because they hold
//! times and inode numbers and the output must be the same bytes whoever builds it. Losing
//! them only costs one slower build. Only on Unix, where a file's ctime cannot be set back.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// A file changed this recently when it was stamped may change again within the same tick of
/// the file system's clock without its stamp changing: such stamps are not kept.
pub const RACY: Duration = Duration::from_secs(2);

/// The folder, in the project, that holds the stamps of each output folder.
pub const CACHE_DIR: &str = ".kumiai-cache";

/// What a build knew of one union when it last found it up to date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamp {
    pub slug: String,
    /// The union's fingerprint, and what its manifest said.
    pub fingerprint: String,
    pub name: String,
    pub pages: usize,
    /// The publish gate's line of its manifest (empty when it has none), so that a build
    /// that skips the union still knows what its site lacks without reading the manifest.
    pub legal: String,
    /// What `check` finds in the union, as its manifest says (empty: nothing), so that a build
    /// that skips it still counts its errors and warnings.
    pub findings: String,
    /// Stat data of the override file, its own folder and everything in it, the site's
    /// manifest and the site's folders, in a fixed order.
    files: String,
}

/// The stamps of one output folder, as the last build left them.
#[derive(Default)]
pub struct Stamps {
    /// Where they are kept; `None` when stamps are not used (not Unix, or no project path).
    path: Option<PathBuf>,
    /// The project fingerprint they were taken under: any change to it invalidates them all.
    project: String,
    by_slug: HashMap<String, Stamp>,
    /// The file as read, to write it again only when it changes.
    text: String,
}

impl Stamps {
    /// The stamps kept for building `root` into `output`; empty when there are none.
    pub fn load(root: &Path, output: &Path, project: &str) -> Stamps {
        if !cfg!(unix) {
            return Stamps::default();
        }
        let key = blake3::hash(absolute(output).to_string_lossy().as_bytes()).to_hex();
        let path = root.join(CACHE_DIR).join(format!("stamps-{}", &key[..16]));
        let mut stamps = Stamps {
            path: Some(path.clone()),
            project: project.to_string(),
            by_slug: HashMap::new(),
            text: String::new(),
        };
        let Ok(text) = std::fs::read_to_string(&path) else {
            return stamps;
        };
        let mut lines = text.lines();
        if lines.next() != Some(project) {
            return stamps;
        }
        stamps.by_slug = lines
            .filter_map(|line| {
                let mut fields = line.split('\t');
                let stamp = Stamp {
                    slug: fields.next()?.to_string(),
                    fingerprint: fields.next()?.to_string(),
                    name: fields.next()?.to_string(),
                    pages: fields.next()?.parse().ok()?,
                    files: fields.next()?.to_string(),
                    legal: fields.next().unwrap_or_default().to_string(),
                    findings: fields.next().unwrap_or_default().to_string(),
                };
                Some((stamp.slug.clone(), stamp))
            })
            .collect();
        stamps.text = text;
        stamps
    }

    /// The union's stamp, if its inputs and site are exactly as when it was stamped.
    pub fn current(&self, slug: &str, inputs: &Inputs) -> Option<&Stamp> {
        let stamp = self.by_slug.get(slug)?;
        (stat_all(inputs, Some(&stamp.files)) == stamp.files).then_some(stamp)
    }

    /// Saves the stamps of this build's unions: `fresh` ones (unions found up to date) replace
    /// the old, and a union without a fresh stamp keeps its old one, which no longer matches
    /// its files (it was rebuilt or changed): harmless, and the file is not rewritten for it.
    /// Unions not in `slugs` (gone) lose theirs. A cache: failing to write it is not an error.
    pub fn save(&self, slugs: &[String], fresh: Vec<Stamp>) {
        let Some(path) = &self.path else {
            return;
        };
        let mut fresh: HashMap<String, Stamp> =
            fresh.into_iter().map(|s| (s.slug.clone(), s)).collect();
        let mut stamps: Vec<Stamp> = slugs
            .iter()
            .filter_map(|slug| {
                fresh
                    .remove(slug)
                    .or_else(|| self.by_slug.get(slug).cloned())
            })
            .collect();
        stamps.sort_by(|a, b| a.slug.cmp(&b.slug));
        let mut text = format!("{}\n", self.project);
        for s in &stamps {
            let name = s.name.replace(['\t', '\n'], " ");
            text.push_str(&format!(
                "{}\t{}\t{name}\t{}\t{}\t{}\t{}\n",
                s.slug,
                s.fingerprint,
                s.pages,
                s.files,
                s.legal.replace(['\t', '\n'], " "),
                s.findings.replace(['\t', '\n'], " ")
            ));
        }
        if text == self.text {
            return;
        }
        if let Some(dir) = path.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        let tmp = path.with_extension("tmp");
        if std::fs::write(&tmp, text).is_ok() {
            let _ = std::fs::rename(&tmp, path);
        }
    }
}

/// The output folder's absolute path, the same before the folder exists (first build) and
/// after, however it was written (`public`, `./public`, a symlinked parent).
fn absolute(output: &Path) -> PathBuf {
    let parent = match output.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    match (parent.canonicalize(), output.file_name()) {
        (Ok(parent), Some(name)) => parent.join(name),
        _ => output.to_path_buf(),
    }
}

/// Where a union's inputs and site are.
pub struct Inputs<'a> {
    pub override_file: &'a Path,
    pub own_dir: &'a Path,
    pub site_dir: &'a Path,
    /// The site's files, relative to `site_dir` (from its manifest); only needed to take a
    /// stamp.
    pub site_files: &'a [String],
}

impl Stamp {
    /// Stamps a union found or made up to date; `None` when one of its files changed too
    /// recently to be trusted (or cannot be read).
    pub fn take(
        slug: &str,
        fingerprint: &str,
        name: &str,
        pages: usize,
        inputs: &Inputs,
    ) -> Option<Stamp> {
        Stamp::take_at(slug, fingerprint, name, pages, inputs, SystemTime::now())
    }

    /// [`Stamp::take`] as if it were `now`.
    fn take_at(
        slug: &str,
        fingerprint: &str,
        name: &str,
        pages: usize,
        inputs: &Inputs,
        now: SystemTime,
    ) -> Option<Stamp> {
        let files = stat_all(inputs, None);
        let recent = files.split(';').any(|entry| {
            entry
                .rsplit(',')
                .take(2)
                .filter_map(|ns| ns.parse::<i128>().ok())
                .any(|ns| racy(ns, now))
        });
        (!recent).then(|| Stamp {
            slug: slug.to_string(),
            fingerprint: fingerprint.to_string(),
            name: name.to_string(),
            pages,
            legal: String::new(),
            findings: String::new(),
            files,
        })
    }
}

/// True when a time (nanoseconds since the epoch) is within [`RACY`] of `now`, or after it.
fn racy(ns: i128, now: SystemTime) -> bool {
    let now = now
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as i128);
    ns + RACY.as_nanos() as i128 >= now
}

/// The stat data of all a union's files, as one string. With a `previous` stamp, the own
/// folder's entries and the site's folders are the ones it lists (so a check costs one `stat`
/// each and no listing: a file added to a folder changes that folder's own stamp); without,
/// they are listed afresh.
fn stat_all(inputs: &Inputs, previous: Option<&str>) -> String {
    let mut out = String::with_capacity(512);
    let mut add = |label: &str, path: &Path| {
        out.push_str(label);
        out.push(',');
        out.push_str(&stat(path).unwrap_or_else(|| "-".to_string()));
        out.push(';');
    };
    let listed = |prefix: &str| -> Vec<String> {
        previous
            .unwrap_or_default()
            .split(';')
            .filter_map(|e| e.strip_prefix(prefix))
            .filter_map(|e| e.split(',').next())
            .map(str::to_string)
            .collect()
    };
    add("o", inputs.override_file);
    add("d", inputs.own_dir);
    let own = match previous {
        Some(_) => listed("u:"),
        None => own_entries(inputs.own_dir),
    };
    for rel in &own {
        add(&format!("u:{rel}"), &inputs.own_dir.join(rel));
    }
    // The site's manifest needs no stamp of its own: every write to the site (an exchange of
    // folders, or a file renamed into place) changes the site folder's stamp.
    let folders = match previous {
        Some(_) => listed("s:"),
        None => crate::output::folders(inputs.site_files)
            .into_iter()
            .map(|p| p.to_string_lossy().into_owned())
            .collect(),
    };
    for rel in &folders {
        add(&format!("s:{rel}"), &inputs.site_dir.join(rel));
    }
    out
}

/// Everything under a union's own folder (files and folders), relative, in name order.
fn own_entries(dir: &Path) -> Vec<String> {
    walkdir::WalkDir::new(dir)
        .min_depth(1)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter_map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .ok()?
                .to_string_lossy()
                .into_owned();
            // The separators of the stamp line must not appear in a name.
            (!rel.contains([',', ';', '\t', '\n'])).then_some(rel)
        })
        .collect()
}

/// `dev:ino:size,mtime_ns,ctime_ns` of a file or folder.
#[cfg(unix)]
fn stat(path: &Path) -> Option<String> {
    use std::os::unix::fs::MetadataExt;
    let m = std::fs::symlink_metadata(path).ok()?;
    let ns = |s: i64, n: i64| i128::from(s) * 1_000_000_000 + i128::from(n);
    Some(format!(
        "{}:{}:{},{},{}",
        m.dev(),
        m.ino(),
        m.size(),
        ns(m.mtime(), m.mtime_nsec()),
        ns(m.ctime(), m.ctime_nsec())
    ))
}

#[cfg(not(unix))]
fn stat(_: &Path) -> Option<String> {
    None
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::fs;

    struct Union {
        _dir: tempfile::TempDir,
        file: PathBuf,
        own: PathBuf,
        site: PathBuf,
        site_files: Vec<String>,
    }

    fn union() -> Union {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("u.toml");
        let own = dir.path().join("u");
        let site = dir.path().join("public/u");
        fs::write(&file, "[union]").unwrap();
        fs::create_dir_all(&own).unwrap();
        fs::write(own.join("page.md"), "本文").unwrap();
        fs::create_dir_all(site.join("assets")).unwrap();
        fs::write(site.join("index.html"), "<p>").unwrap();
        fs::write(site.join("assets/s.css"), "p{}").unwrap();
        let site_files = vec!["index.html".to_string(), "assets/s.css".to_string()];
        Union {
            _dir: dir,
            file,
            own,
            site,
            site_files,
        }
    }

    impl Union {
        fn inputs(&self) -> Inputs<'_> {
            Inputs {
                override_file: &self.file,
                own_dir: &self.own,
                site_dir: &self.site,
                site_files: &self.site_files,
            }
        }

        /// Stamps as if the files had been written long ago, and keeps the stamp.
        fn stamped(&self) -> Stamps {
            let later = SystemTime::now() + Duration::from_secs(60);
            let stamp = Stamp::take_at("u", "F", "名", 2, &self.inputs(), later).unwrap();
            let mut stamps = Stamps::default();
            stamps.by_slug.insert("u".into(), stamp);
            stamps
        }
    }

    #[test]
    fn a_stamp_holds_until_any_input_or_site_folder_changes() {
        let u = union();
        let stamps = u.stamped();
        assert_eq!(stamps.current("u", &u.inputs()).unwrap().fingerprint, "F");
        // Past the file system's clock tick (the racy window the real stamps leave out).
        let tick = || std::thread::sleep(Duration::from_millis(30));
        tick();
        // The same length, so only the times tell.
        fs::write(u.own.join("page.md"), "本物").unwrap();
        assert!(stamps.current("u", &u.inputs()).is_none());

        let stamps = u.stamped();
        tick();
        fs::write(u.own.join("new.md"), "x").unwrap();
        assert!(stamps.current("u", &u.inputs()).is_none());

        let stamps = u.stamped();
        tick();
        fs::remove_file(u.site.join("assets/s.css")).unwrap();
        assert!(stamps.current("u", &u.inputs()).is_none());

        let stamps = u.stamped();
        tick();
        fs::write(&u.file, "[union]\n").unwrap();
        assert!(stamps.current("u", &u.inputs()).is_none());
    }

    #[test]
    fn an_output_folder_has_one_name_however_it_is_written() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let before = absolute(&out);
        fs::create_dir_all(&out).unwrap();
        assert_eq!(absolute(&out), before);
        assert_eq!(absolute(&dir.path().join(".").join("public")), before);
    }

    #[test]
    fn files_changed_just_now_are_not_stamped() {
        let u = union();
        assert!(Stamp::take("u", "F", "名", 2, &u.inputs()).is_none());
    }

    #[test]
    fn stamps_survive_a_save_and_a_load_under_the_same_project_only() {
        let u = union();
        let root = tempfile::tempdir().unwrap();
        let output = root.path().join("public");
        let later = SystemTime::now() + Duration::from_secs(60);
        let mut stamp = Stamp::take_at("u", "F", "名", 2, &u.inputs(), later).unwrap();
        stamp.legal = "shows: window".into();
        stamp.findings = "1 3".into();
        Stamps::load(root.path(), &output, "P").save(&["u".to_string()], vec![stamp.clone()]);
        let loaded = Stamps::load(root.path(), &output, "P");
        assert_eq!(loaded.current("u", &u.inputs()), Some(&stamp));
        assert!(
            Stamps::load(root.path(), &output, "Q")
                .current("u", &u.inputs())
                .is_none()
        );
        // A union rebuilt (no fresh stamp) keeps its old one; a union gone loses it.
        loaded.save(&["u".to_string()], Vec::new());
        assert!(
            Stamps::load(root.path(), &output, "P")
                .current("u", &u.inputs())
                .is_some()
        );
        loaded.save(&[], Vec::new());
        assert!(
            Stamps::load(root.path(), &output, "P")
                .current("u", &u.inputs())
                .is_none()
        );
    }
}
