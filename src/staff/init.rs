//! `kumiai init [DIR]`: a new federation project, ready to build and to pass `check`.
//!
//! It writes `kumiai.toml` (every setting, commented), the built-in base copied into
//! `content/` (the federation's own copy from then on: it edits it, and a newer kumiai does
//! not change it; `kumiai base diff` shows what a newer one would bring), `unions/` with one
//! complete starter union, a `.gitignore` for the output, and with `--theme` the default theme
//! in `themes/default/` to customise. It refuses a folder that is not empty.

use std::io;
use std::path::{Path, PathBuf};

use crate::diagnostic::Lang;
use crate::load::tree::{DEFAULT_THEME, Tree};

/// The settings file `init` writes.
pub const SETTINGS: &str = include_str!("init/kumiai.toml");
/// The starter union `init` writes as `unions/<STARTER_SLUG>.toml`.
pub const STARTER: &str = include_str!("init/starter.toml");
/// The starter union's slug.
pub const STARTER_SLUG: &str = "mihon";
const GITIGNORE: &str = include_str!("init/gitignore");

/// Why `kumiai init` wrote nothing (or stopped).
#[derive(Debug, thiserror::Error)]
pub enum InitError {
    #[error(
        "{} is not empty: kumiai init creates a new project only in an empty or new folder (give another DIR)",
        .0.display()
    )]
    NotEmpty(PathBuf),
    #[error("{} is a file, not a folder", .0.display())]
    NotAFolder(PathBuf),
    #[error("cannot write {}: {}", .0.display(), .1)]
    Io(PathBuf, io::Error),
}

impl InitError {
    /// The message in the given language.
    pub fn message(&self, lang: Lang) -> String {
        match lang {
            Lang::En => self.to_string(),
            Lang::Ja => match self {
                InitError::NotEmpty(dir) => format!(
                    "{} は空ではありません。kumiai init は空のフォルダか新しいフォルダにだけプロジェクトを作成します（別のフォルダを指定してください）",
                    dir.display()
                ),
                InitError::NotAFolder(dir) => {
                    format!(
                        "{} はファイルです。フォルダを指定してください",
                        dir.display()
                    )
                }
                InitError::Io(path, e) => format!("{} に書き込めません: {e}", path.display()),
            },
        }
    }
}

/// What `init` wrote, relative to the project folder, in order.
pub struct Created {
    pub dir: PathBuf,
    pub files: Vec<String>,
}

/// Creates a new project in `dir` (made when missing; refused when not empty).
pub fn init(dir: &Path, with_theme: bool) -> Result<Created, InitError> {
    if dir.is_file() {
        return Err(InitError::NotAFolder(dir.to_path_buf()));
    }
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |e| InitError::Io(path, e)
    };
    if dir.exists() {
        if dir.read_dir().map_err(io(dir))?.next().is_some() {
            return Err(InitError::NotEmpty(dir.to_path_buf()));
        }
    } else {
        std::fs::create_dir_all(dir).map_err(io(dir))?;
    }
    let mut files: Vec<(String, Vec<u8>)> = vec![
        ("kumiai.toml".to_string(), SETTINGS.as_bytes().to_vec()),
        (".gitignore".to_string(), GITIGNORE.as_bytes().to_vec()),
    ];
    let copy = |files: &mut Vec<(String, Vec<u8>)>, tree: &Tree, to: &str| {
        for rel in tree.files("").unwrap_or_default() {
            let bytes = tree.read(&rel).unwrap_or_default();
            files.push((format!("{to}/{rel}"), bytes));
        }
    };
    copy(&mut files, &Tree::built_in_base(), "content");
    files.push((
        format!("unions/{STARTER_SLUG}.toml"),
        STARTER.as_bytes().to_vec(),
    ));
    if with_theme {
        copy(
            &mut files,
            &Tree::built_in_theme(),
            &format!("themes/{DEFAULT_THEME}"),
        );
    }
    let mut written = Vec::with_capacity(files.len());
    for (rel, bytes) in files {
        let path = rel
            .split('/')
            .fold(dir.to_path_buf(), |p, part| p.join(part));
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(io(parent))?;
        }
        write_new(&path, &bytes).map_err(io(&path))?;
        written.push(rel);
    }
    Ok(Created {
        dir: dir.to_path_buf(),
        files: written,
    })
}

/// Writes a file that must not exist yet.
fn write_new(path: &Path, bytes: &[u8]) -> io::Result<()> {
    use io::Write as _;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?;
    file.write_all(bytes)
}

impl Created {
    /// What to tell the user: what was written and the next commands.
    pub fn summary(&self, lang: Lang) -> String {
        let unions = self
            .files
            .iter()
            .filter(|f| f.starts_with("unions/"))
            .count();
        let theme = self.files.iter().any(|f| f.starts_with("themes/"));
        crate::diagnostic::messages::commands::init_created(lang, &self.dir, unions, theme)
    }
}
