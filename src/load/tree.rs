//! Where the base and the theme are read from: the project's own folder when it has one
//! (`content/`, `themes/<name>/`), otherwise the copies compiled into kumiai, so that an
//! installed binary is a complete tool. A project's folder is taken whole, never mixed with
//! the built-in files.

use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};

use super::source::{decode, read_text};
use crate::diagnostic::Diagnostic;

/// The standard base (`content/` of kumiai's repository), compiled in. It names no publisher:
/// who publishes the base is the project's setting (`base_publisher` in `kumiai.toml`).
pub static BUILT_IN_BASE: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/content");

/// The default theme (`themes/default/` of kumiai's repository), compiled in.
pub static BUILT_IN_THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// The name of the theme kumiai carries.
pub const DEFAULT_THEME: &str = "default";

/// A folder of files: on disk, or compiled in (then shown as `<kumiai built-in>/…`).
#[derive(Clone)]
pub struct Tree {
    /// The folder on disk, or the name the built-in files are shown under.
    dir: PathBuf,
    built_in: Option<&'static Dir<'static>>,
}

impl Tree {
    /// The base of the project at `root`: its `content/` when there is one, else the built-in.
    pub fn base(root: &Path) -> Tree {
        let dir = root.join("content");
        if dir.exists() {
            Tree::disk(dir)
        } else {
            Tree::built_in_base()
        }
    }

    /// The built-in base, whatever the project has.
    pub fn built_in_base() -> Tree {
        Tree {
            dir: PathBuf::from("<kumiai built-in>/content"),
            built_in: Some(&BUILT_IN_BASE),
        }
    }

    /// Theme `name` of the project at `root`: its `themes/<name>/` when there is one, else the
    /// built-in theme when `name` is the default one; `None` when neither exists.
    pub fn theme(root: &Path, name: &str) -> Option<Tree> {
        let dir = root.join("themes").join(name);
        if dir.exists() {
            Some(Tree::disk(dir))
        } else if name == DEFAULT_THEME {
            Some(Tree::built_in_theme())
        } else {
            None
        }
    }

    /// The built-in default theme, whatever the project has.
    pub fn built_in_theme() -> Tree {
        Tree {
            dir: PathBuf::from("<kumiai built-in>/themes").join(DEFAULT_THEME),
            built_in: Some(&BUILT_IN_THEME),
        }
    }

    /// A folder on disk.
    pub fn disk(dir: PathBuf) -> Tree {
        Tree {
            dir,
            built_in: None,
        }
    }

    /// True for the files compiled into kumiai.
    pub fn is_built_in(&self) -> bool {
        self.built_in.is_some()
    }

    /// The folder (or the name the built-in files are shown under).
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The path of `rel` (slash-separated) as messages show it.
    pub fn path(&self, rel: &str) -> PathBuf {
        rel.split('/')
            .fold(self.dir.clone(), |p, part| p.join(part))
    }

    /// True when `rel` is a file of the tree.
    pub fn is_file(&self, rel: &str) -> bool {
        match self.built_in {
            Some(dir) => dir.get_file(rel).is_some(),
            None => self.path(rel).is_file(),
        }
    }

    /// The bytes of file `rel`.
    pub fn read(&self, rel: &str) -> std::io::Result<Vec<u8>> {
        match self.built_in {
            Some(dir) => dir
                .get_file(rel)
                .map(|f| f.contents().to_vec())
                .ok_or_else(|| std::io::Error::from(std::io::ErrorKind::NotFound)),
            None => std::fs::read(self.path(rel)),
        }
    }

    /// The text of file `rel`, decoded as every input of kumiai is (UTF-8, encodings named).
    pub fn read_text(&self, rel: &str) -> Result<String, Diagnostic> {
        let path = self.path(rel);
        match self.built_in {
            None => read_text(&path),
            Some(_) => {
                let bytes = self
                    .read(rel)
                    .map_err(|e| Diagnostic::unreadable(&path, &e, false))?;
                decode(&path, bytes)
            }
        }
    }

    /// Every file under `rel_dir` (`""` for the whole tree), as slash-separated paths relative
    /// to the tree, in name order. A folder that cannot be read is an error.
    pub fn files(&self, rel_dir: &str) -> std::io::Result<Vec<String>> {
        let mut found = Vec::new();
        match self.built_in {
            Some(dir) => {
                let start = if rel_dir.is_empty() {
                    Some(dir)
                } else {
                    dir.get_dir(rel_dir)
                };
                let start =
                    start.ok_or_else(|| std::io::Error::from(std::io::ErrorKind::NotFound))?;
                collect_built_in(start, &mut found);
            }
            None => {
                let start = if rel_dir.is_empty() {
                    self.dir.clone()
                } else {
                    self.path(rel_dir)
                };
                if !start.is_dir() {
                    return Err(std::io::Error::from(std::io::ErrorKind::NotFound));
                }
                for entry in walkdir::WalkDir::new(&start).sort_by_file_name() {
                    let entry = entry?;
                    if entry.path().is_file()
                        && let Ok(rel) = entry.path().strip_prefix(&self.dir)
                    {
                        found.push(rel.to_string_lossy().replace('\\', "/"));
                    }
                }
            }
        }
        found.sort();
        Ok(found)
    }
}

fn collect_built_in(dir: &'static Dir<'static>, found: &mut Vec<String>) {
    for file in dir.files() {
        found.push(file.path().to_string_lossy().replace('\\', "/"));
    }
    for sub in dir.dirs() {
        collect_built_in(sub, found);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_copies_are_the_repository_folders() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        for (built_in, disk) in [
            (Tree::built_in_base(), Tree::disk(root.join("content"))),
            (
                Tree::theme(Path::new("/nonexistent"), DEFAULT_THEME).unwrap(),
                Tree::disk(root.join("themes/default")),
            ),
        ] {
            assert!(built_in.is_built_in());
            let names = built_in.files("").unwrap();
            assert_eq!(names, disk.files("").unwrap());
            assert!(names.len() > 5);
            for name in names {
                assert_eq!(built_in.read(&name).unwrap(), disk.read(&name).unwrap());
            }
        }
    }

    #[test]
    fn a_project_folder_wins_and_an_unknown_theme_has_none() {
        let dir = tempfile::tempdir().unwrap();
        assert!(Tree::base(dir.path()).is_built_in());
        assert!(Tree::theme(dir.path(), "other").is_none());
        std::fs::create_dir_all(dir.path().join("content")).unwrap();
        std::fs::create_dir_all(dir.path().join("themes/default")).unwrap();
        assert!(!Tree::base(dir.path()).is_built_in());
        assert!(!Tree::theme(dir.path(), "default").unwrap().is_built_in());
        assert!(Tree::base(dir.path()).files("pages").is_err());
        assert_eq!(
            Tree::built_in_base().path("pages/index.md"),
            Path::new("<kumiai built-in>/content/pages/index.md")
        );
    }
}
