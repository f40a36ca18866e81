//! The Markdown files a union's override names (`file = "…"`), read once when the union loads,
//! so that merge stays free of I/O and the lint locates findings in the same text.

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

use toml::Spanned;

use super::format::Override;
use super::source::read_text;
use crate::diagnostic::{Diagnostic, did_you_mean, did_you_mean_ja, nearest};

/// One page file as read: where it is, and its text.
#[derive(Debug, Clone)]
pub struct PageText {
    pub path: PathBuf,
    pub text: String,
}

/// Every page file the override names, by the name written in it: its text, or why it could
/// not be read (reported by merge where the file is used).
pub type PageFiles = BTreeMap<String, Result<PageText, Diagnostic>>;

/// Reads each file named by a `[[page]]` or `[[new_page]]` of `doc`, from `own_dir`.
pub fn read_page_files(path: &Path, source: &str, doc: &Override, own_dir: &Path) -> PageFiles {
    let names = doc
        .page
        .iter()
        .filter_map(|p| p.file.as_ref())
        .chain(doc.new_page.iter().filter_map(|p| p.file.as_ref()));
    let mut files = PageFiles::new();
    for name in names {
        if !files.contains_key(name.get_ref()) {
            let read = read_one(path, source, name, own_dir);
            files.insert(name.get_ref().clone(), read);
        }
    }
    files
}

fn read_one(
    path: &Path,
    source: &str,
    name: &Spanned<String>,
    own_dir: &Path,
) -> Result<PageText, Diagnostic> {
    let error = |en: String, ja: String, help: String, help_ja: String| {
        Diagnostic::at(path, source, name.span(), en)
            .rule("page-file")
            .with_suggestion(help)
            .ja(ja, Some(help_ja))
    };
    let rel = Path::new(name.get_ref());
    let inside = rel
        .components()
        .all(|c| matches!(c, Component::Normal(_) | Component::CurDir));
    let slug = own_dir
        .file_name()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    if !inside {
        let raw = name.get_ref();
        return Err(error(
            format!("`{raw}` must be a file inside the union's own folder"),
            format!("`{raw}` は組合のフォルダの中のファイルにしてください"),
            format!("put the file in unions/{slug}/ and write only its name"),
            format!("ファイルを unions/{slug}/ に置き、ファイル名だけを書いてください"),
        ));
    }
    let file = own_dir.join(rel);
    if let Some((en, ja)) = leaves_folder(own_dir, &file) {
        return Err(Diagnostic::at(path, source, name.span(), en)
            .rule("symlink")
            .with_suggestion(format!(
                "put the page file itself in unions/{slug}/ instead of a link to it"
            ))
            .ja(
                ja,
                Some(format!(
                    "リンクではなく、ページのファイルそのものを unions/{slug}/ に置いてください"
                )),
            ));
    }
    if !file.is_file() {
        let found: Vec<String> = std::fs::read_dir(own_dir)
            .map(|rd| {
                rd.filter_map(|e| e.ok())
                    .filter_map(|e| e.file_name().into_string().ok())
                    .collect()
            })
            .unwrap_or_default();
        let near = nearest(name.get_ref(), found.iter().map(String::as_str));
        let shown = file.display();
        let (help, help_ja) = if near.is_empty() {
            (
                format!("create {shown}"),
                format!("{shown} を作成してください"),
            )
        } else {
            (did_you_mean(&near), did_you_mean_ja(&near))
        };
        return Err(error(
            format!("page file `{shown}` not found"),
            format!("ページのファイル `{shown}` が見つかりません"),
            help,
            help_ja,
        ));
    }
    let text = read_text(&file)?;
    Ok(PageText { path: file, text })
}

/// Why `file` may not be read as a page of the union whose folder is `own_dir`: the folder is a
/// symbolic link, or `file` is (or lies under) a link that leads out of the folder, nowhere or
/// round in a loop. Nothing outside the union's own folder is ever read as its page.
fn leaves_folder(own_dir: &Path, file: &Path) -> Option<(String, String)> {
    let is_link = |p: &Path| std::fs::symlink_metadata(p).is_ok_and(|m| m.file_type().is_symlink());
    let shown = file.display();
    if is_link(own_dir) {
        let dir = own_dir.display();
        return Some((
            format!(
                "{dir} is a symbolic link: page files are read only from the union's own folder"
            ),
            format!(
                "{dir} はシンボリックリンクです。ページのファイルは組合のフォルダそのものからだけ読み込みます"
            ),
        ));
    }
    // The usual case, without resolving whole paths: no link between the folder and the file.
    if let Ok(rel) = file.strip_prefix(own_dir) {
        let mut at = own_dir.to_path_buf();
        let linked = rel.components().any(|c| {
            at.push(c);
            is_link(&at)
        });
        if !linked {
            return None;
        }
    }
    let root = std::fs::canonicalize(own_dir).ok()?;
    match std::fs::canonicalize(file) {
        Ok(target) if !target.starts_with(&root) => Some((
            format!(
                "page file `{shown}` is a symbolic link to a file outside the union's folder: it is not read"
            ),
            format!(
                "ページのファイル `{shown}` は組合のフォルダの外を指すシンボリックリンクです。読み込みません"
            ),
        )),
        Err(_) if is_link(file) => Some((
            format!(
                "page file `{shown}` is a symbolic link that leads to nothing or round in a loop"
            ),
            format!(
                "ページのファイル `{shown}` は指す先がないか循環しているシンボリックリンクです"
            ),
        )),
        _ => None,
    }
}
