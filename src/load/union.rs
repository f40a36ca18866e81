//! `unions/<slug>.toml`: finding the unions, and reading one union's override and its page files.

use std::path::{Path, PathBuf};

use toml::Spanned;

use super::assets::{UnionFolder, read_folder, symlink_problem};
use super::format::Override;
use super::pages::{PageFiles, read_page_files};
use super::source::{parse_toml_all, read_text};
use crate::diagnostic::{Diagnostic, Diagnostics};

/// An override file read from disk, with what diagnostics need.
#[derive(Debug)]
pub struct UnionFile {
    pub slug: String,
    pub path: PathBuf,
    pub source: String,
    pub doc: Override,
    /// The Markdown files its pages name, read once here.
    pub page_files: PageFiles,
    /// Its folder's assets, checked and read once here, and the files refused.
    pub folder: UnionFolder,
}

impl UnionFile {
    /// Parses an override's text (every problem of the file, when it has any) and reads the
    /// page files it names from its own folder.
    pub fn parse(path: &Path, source: String) -> Result<UnionFile, Diagnostics> {
        let slug = slug_of(path);
        let doc: Override = parse_toml_all(path, &source)?;
        let own_dir = path.with_extension("");
        let page_files = read_page_files(path, &source, &doc, &own_dir);
        let folder = read_folder(&own_dir);
        Ok(UnionFile {
            slug,
            path: path.to_path_buf(),
            source,
            doc,
            page_files,
            folder,
        })
    }

    /// A diagnostic at a span of this file.
    pub fn error_at<T>(&self, span: &Spanned<T>, message: impl Into<String>) -> Diagnostic {
        Diagnostic::at(&self.path, &self.source, span.span(), message)
    }
}

/// Every `unions/*.toml`, sorted by name; and every entry of `unions/` that looks like an
/// override but cannot be read as one (`x.TOML`, `x.toml.txt`, a folder named `x.toml`, a
/// symbolic link that leads nowhere): [`load_union`] reports those, so none is skipped silently.
pub fn list_unions(root: &Path) -> std::io::Result<Vec<PathBuf>> {
    // Only the names (no `stat` per file): with 1,400 unions this runs before every build.
    let mut files: Vec<PathBuf> = std::fs::read_dir(root.join("unions"))?
        .filter_map(Result::ok)
        .filter(|e| looks_like_override(&e.file_name().to_string_lossy()))
        .map(|e| e.path())
        .collect();
    files.sort();
    Ok(files)
}

/// `x.toml`, in any case, or as Windows Notepad saves it (`x.toml.txt`).
fn looks_like_override(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.ends_with(".toml") || lower.ends_with(".toml.txt")
}

/// A union's slug: the name of its override file without `.toml`. A file that does not end in
/// exactly `.toml` keeps its whole name, so it can never be taken for another union's site.
pub fn slug_of(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    match name.strip_suffix(".toml") {
        Some(slug) => slug.to_string(),
        None => name,
    }
}

/// The longest slug accepted: it is a folder name and part of every address of the site.
pub const MAX_SLUG: usize = 64;

/// Names a union's site folder may not take: what kumiai writes at the output root (`assets/`,
/// `index.html`, `contractors.*`, `unions.json`), a site's own `files/`, and the device names
/// Windows reserves in every folder.
pub const RESERVED_SLUGS: &[&str] = &[
    "assets",
    "files",
    "contractors",
    "unions",
    "index",
    "con",
    "prn",
    "aux",
    "nul",
    "com0",
    "com1",
    "com2",
    "com3",
    "com4",
    "com5",
    "com6",
    "com7",
    "com8",
    "com9",
    "lpt0",
    "lpt1",
    "lpt2",
    "lpt3",
    "lpt4",
    "lpt5",
    "lpt6",
    "lpt7",
    "lpt8",
    "lpt9",
];

/// [`RESERVED_SLUGS`] in a few words.
const RESERVED_SHOWN: &str =
    "assets, files, contractors, unions, index, con, prn, aux, nul, com0–com9, lpt0–lpt9";

/// Reads and parses one override file; the file's kind, its name and the slug are checked here.
pub fn load_union(path: &Path) -> Result<UnionFile, Diagnostics> {
    check_entry(path).map_err(|d| Diagnostics(vec![d]))?;
    let slug = slug_of(path);
    if let Some(problem) = slug_problem(&slug) {
        return Err(Diagnostics(vec![slug_diagnostic(path, &slug, problem)]));
    }
    let source = read_text(path).map_err(|d| Diagnostics(vec![d]))?;
    UnionFile::parse(path, source)
}

/// What `unions/<name>` is: an override must be a file (or a link to a file inside `unions/`)
/// whose name ends in `.toml`, in lower case.
fn check_entry(path: &Path) -> Result<(), Diagnostic> {
    let name = path
        .file_name()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stem = name
        .get(
            ..name
                .to_ascii_lowercase()
                .find(".toml")
                .unwrap_or(name.len()),
        )
        .unwrap_or(&name)
        .to_string();
    let problem = |en: String, ja: String, help: String, help_ja: String| {
        Diagnostic::file(path, en)
            .rule("file-name")
            .with_suggestion(help)
            .ja(ja, Some(help_ja))
    };
    let meta =
        std::fs::symlink_metadata(path).map_err(|e| Diagnostic::unreadable(path, &e, false))?;
    if meta.file_type().is_symlink() {
        let unions = path.parent().unwrap_or(Path::new("."));
        let within = std::fs::canonicalize(unions).unwrap_or_else(|_| unions.to_path_buf());
        if let Some(problem) = symlink_problem(path, &within, ("unions/", "unions/ フォルダ")) {
            return Err(problem);
        }
    } else if meta.is_dir() {
        return Err(problem(
            format!("`{name}` is a folder: an override is a file, so this folder is not read"),
            format!(
                "`{name}` はフォルダです。上書き設定はファイルなので、このフォルダは読み込まれません"
            ),
            format!(
                "put the override in a file unions/{stem}.toml, and the union's pages and pictures in the folder unions/{stem}/"
            ),
            format!(
                "上書き設定はファイル unions/{stem}.toml に書き、ページや画像はフォルダ unions/{stem}/ に置いてください"
            ),
        ));
    } else if !meta.is_file() {
        return Err(problem(
            format!("`{name}` is not a regular file (a pipe, socket or device)"),
            format!("`{name}` は通常のファイルではありません（パイプ・ソケット・デバイス）"),
            format!("replace it with a file unions/{stem}.toml"),
            format!("ファイル unions/{stem}.toml にしてください"),
        ));
    }
    if !name.ends_with(".toml") {
        return Err(problem(
            format!("`{name}` is not read: an override's name must end in `.toml`, in lower case"),
            format!(
                "`{name}` は読み込まれません。上書き設定のファイル名は小文字の `.toml` で終わる必要があります"
            ),
            format!("rename it to `{stem}.toml`"),
            format!("ファイル名を `{stem}.toml` に変えてください"),
        ));
    }
    Ok(())
}

/// Why a slug cannot name a union's site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SlugProblem {
    /// Not lowercase ASCII letters, digits and single inner hyphens.
    Characters,
    /// A name kumiai writes at the output root, or a device name of Windows.
    Reserved,
    /// Longer than [`MAX_SLUG`].
    TooLong,
}

/// Why `slug` cannot name a union's site, if it cannot.
pub fn slug_problem(slug: &str) -> Option<SlugProblem> {
    let plain = !slug.is_empty()
        && !slug.starts_with('-')
        && !slug.ends_with('-')
        && !slug.contains("--")
        && slug
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if !plain {
        Some(SlugProblem::Characters)
    } else if slug.len() > MAX_SLUG {
        Some(SlugProblem::TooLong)
    } else if RESERVED_SLUGS.contains(&slug) {
        Some(SlugProblem::Reserved)
    } else {
        None
    }
}

/// Slugs: lowercase ASCII letters, digits and single inner hyphens, at most [`MAX_SLUG`]
/// characters, and none of [`RESERVED_SLUGS`].
pub fn is_valid_slug(slug: &str) -> bool {
    slug_problem(slug).is_none()
}

fn slug_diagnostic(path: &Path, slug: &str, problem: SlugProblem) -> Diagnostic {
    let shown: String = slug.chars().take(80).collect();
    let shown = if shown.len() < slug.len() {
        format!("{shown}…")
    } else {
        shown
    };
    let (en, ja, help, help_ja) = match problem {
        SlugProblem::Characters => {
            let better = suggest_slug(slug);
            (
                format!(
                    "`{shown}` is not a valid union slug (the file name decides the web folder)"
                ),
                format!(
                    "ファイル名 `{shown}` は組合の識別名（スラッグ）として使えません（ファイル名がそのままウェブのフォルダ名になります）"
                ),
                format!(
                    "rename the file to lowercase ASCII letters, digits and hyphens, e.g. `{better}.toml`"
                ),
                format!(
                    "半角英小文字・数字・ハイフンだけの名前に変えてください（例: `{better}.toml`）"
                ),
            )
        }
        SlugProblem::Reserved => (
            format!(
                "`{slug}` cannot name a union: kumiai writes that name at the root of the output, or Windows reserves it for a device"
            ),
            format!(
                "`{slug}` は組合の識別名に使えません。出力の最上位に kumiai が書く名前か、Windows が装置名として予約している名前です"
            ),
            format!(
                "rename the file to a name of the union itself, e.g. `{slug}-kenpo.toml` (reserved: {RESERVED_SHOWN})"
            ),
            format!(
                "組合の名前から付けた別の名前に変えてください（例: `{slug}-kenpo.toml`。使えない名前: {RESERVED_SHOWN}）"
            ),
        ),
        SlugProblem::TooLong => {
            let better: String = slug.chars().take(MAX_SLUG).collect();
            let better = better.trim_end_matches('-');
            (
                format!(
                    "the slug `{shown}` is {} characters long; at most {MAX_SLUG} are accepted (it is a folder name and part of every address)",
                    slug.chars().count()
                ),
                format!(
                    "識別名 `{shown}` が {} 文字あります。フォルダ名とアドレスの一部になるため、{MAX_SLUG} 文字までにしてください",
                    slug.chars().count()
                ),
                format!("rename the file to a shorter name, e.g. `{better}.toml`"),
                format!("もっと短い名前に変えてください（例: `{better}.toml`）"),
            )
        }
    };
    Diagnostic::file(path, en)
        .rule("slug")
        .with_suggestion(help)
        .ja(ja, Some(help_ja))
}

fn suggest_slug(slug: &str) -> String {
    let mut out = String::new();
    for c in slug.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() {
        "my-union".to_string()
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert!(is_valid_slug("tokyo-kiki"));
        assert!(is_valid_slug("acom"));
        assert!(is_valid_slug("a1"));
        for bad in ["", "Tokyo", "tokyo_kiki", "-a", "a-", "a--b", "東京", "a b"] {
            assert_eq!(slug_problem(bad), Some(SlugProblem::Characters), "{bad}");
        }
        for reserved in [
            "assets",
            "files",
            "contractors",
            "unions",
            "index",
            "con",
            "nul",
            "com1",
            "lpt9",
        ] {
            assert_eq!(
                slug_problem(reserved),
                Some(SlugProblem::Reserved),
                "{reserved}"
            );
        }
        assert!(is_valid_slug(&"a".repeat(MAX_SLUG)));
        assert_eq!(
            slug_problem(&"a".repeat(MAX_SLUG + 1)),
            Some(SlugProblem::TooLong)
        );
        assert!(is_valid_slug("console") && is_valid_slug("assets-kenpo"));
        assert_eq!(suggest_slug("Tokyo_Kiki"), "tokyo-kiki");
        assert_eq!(suggest_slug("東京"), "my-union");
    }

    #[test]
    fn slugs_of_files() {
        assert_eq!(slug_of(Path::new("unions/acom.toml")), "acom");
        assert_eq!(slug_of(Path::new("unions/acom.TOML")), "acom.TOML");
        assert_eq!(slug_of(Path::new("unions/acom.toml.txt")), "acom.toml.txt");
        assert!(looks_like_override("a.Toml") && looks_like_override("a.toml.txt"));
        assert!(!looks_like_override("a.tom") && !looks_like_override("README.md"));
    }
}
