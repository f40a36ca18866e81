//! `unions/<slug>.toml`: finding the unions, and reading one union's override and its page files.

use std::path::{Path, PathBuf};

use toml::Spanned;

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
}

impl UnionFile {
    /// Parses an override's text (every problem of the file, when it has any) and reads the
    /// page files it names from its own folder.
    pub fn parse(path: &Path, source: String) -> Result<UnionFile, Diagnostics> {
        let slug = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default()
            .to_string();
        let doc: Override = parse_toml_all(path, &source)?;
        let page_files = read_page_files(path, &source, &doc, &path.with_extension(""));
        Ok(UnionFile {
            slug,
            path: path.to_path_buf(),
            source,
            doc,
            page_files,
        })
    }

    /// `unions/<slug>/`: the folder of the union's own pages and images.
    pub fn assets_dir(&self) -> PathBuf {
        self.path.with_extension("")
    }

    /// A diagnostic at a span of this file.
    pub fn error_at<T>(&self, span: &Spanned<T>, message: impl Into<String>) -> Diagnostic {
        Diagnostic::at(&self.path, &self.source, span.span(), message)
    }
}

/// Every `unions/*.toml`, sorted by slug.
pub fn list_unions(root: &Path) -> std::io::Result<Vec<PathBuf>> {
    // The entry's own type (no `stat` per file, except for symlinks, which are followed):
    // with 1,400 unions this runs before every build.
    let is_file = |e: &std::fs::DirEntry| match e.file_type() {
        Ok(t) if t.is_symlink() => e.path().is_file(),
        Ok(t) => t.is_file(),
        Err(_) => false,
    };
    let mut files: Vec<PathBuf> = std::fs::read_dir(root.join("unions"))?
        .filter_map(Result::ok)
        .filter(|e| is_file(e) && e.path().extension().is_some_and(|x| x == "toml"))
        .map(|e| e.path())
        .collect();
    files.sort();
    Ok(files)
}

/// Reads and parses one override file; the slug is checked here.
pub fn load_union(path: &Path) -> Result<UnionFile, Diagnostics> {
    let slug = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default()
        .to_string();
    if !is_valid_slug(&slug) {
        let better = suggest_slug(&slug);
        return Err(Diagnostics(vec![Diagnostic::file(
            path,
            format!("`{slug}` is not a valid union slug (the file name decides the web folder)"),
        )
        .rule("slug")
        .with_suggestion(format!(
            "rename the file to lowercase ASCII letters, digits and hyphens, e.g. `{better}.toml`"
        ))
        .ja(
            format!("ファイル名 `{slug}` は組合の識別名（スラッグ）として使えません（ファイル名がそのままウェブのフォルダ名になります）"),
            Some(format!("半角英小文字・数字・ハイフンだけの名前に変えてください（例: `{better}.toml`）")),
        )]));
    }
    let source = read_text(path).map_err(|d| Diagnostics(vec![d]))?;
    UnionFile::parse(path, source)
}

/// Slugs: lowercase ASCII letters, digits and single inner hyphens.
pub fn is_valid_slug(slug: &str) -> bool {
    !slug.is_empty()
        && !slug.starts_with('-')
        && !slug.ends_with('-')
        && !slug.contains("--")
        && slug
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
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
            assert!(!is_valid_slug(bad), "{bad}");
        }
        assert_eq!(suggest_slug("Tokyo_Kiki"), "tokyo-kiki");
        assert_eq!(suggest_slug("東京"), "my-union");
    }
}
