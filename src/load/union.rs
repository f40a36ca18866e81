//! `unions/<slug>.toml`: one union's override of the base.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;
use toml::value::Datetime;

use super::source::{parse_toml, read_text};
use crate::diagnostic::Diagnostic;
use crate::model::{Contact, Digits, GroupKind, LabelStyle, Layout};

/// A union's override file, as written. Every id that points into the base keeps its span so a
/// reference to nothing can be reported at its line and column.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Override {
    pub union: UnionDoc,
    #[serde(default)]
    pub contacts: Vec<Contact>,
    #[serde(default)]
    pub dates: DatesDoc,
    #[serde(default)]
    pub wording: WordingDoc,
    #[serde(default)]
    pub presentation: PresentationDoc,
    /// Group labels renamed by kind, for every section at once.
    #[serde(default)]
    pub labels: BTreeMap<GroupKind, String>,
    /// 外部委託先, keyed by an id the items refer to.
    #[serde(default)]
    pub contractors: BTreeMap<String, ContractorDoc>,
    #[serde(default)]
    pub section: Vec<SectionEdit>,
    #[serde(default)]
    pub new_section: Vec<NewSection>,
    #[serde(default)]
    pub group: Vec<GroupEdit>,
    #[serde(default)]
    pub new_group: Vec<NewGroup>,
    #[serde(default)]
    pub item: Vec<ItemEdit>,
    #[serde(default)]
    pub new_item: Vec<NewItem>,
    #[serde(default)]
    pub page: Vec<PageEdit>,
    #[serde(default)]
    pub new_page: Vec<NewPage>,
    /// Lint rules the union has looked at and decided about, with its reason.
    #[serde(default)]
    pub acknowledge: Vec<Acknowledgement>,
}

/// `[[acknowledge]]`: a lint finding the union accepts, with a written reason. The finding is
/// still shown, with the reason, but no longer counts as a warning.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Acknowledgement {
    pub rule: Spanned<String>,
    pub reason: String,
}

/// `[union]`: identity.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnionDoc {
    pub name: String,
    pub self_name: Option<String>,
    pub representative: Option<String>,
    pub postal_code: Option<String>,
    pub address: Option<String>,
    pub website: Option<String>,
}

/// `[dates]`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DatesDoc {
    pub established: Option<Spanned<Datetime>>,
    pub effective: Option<Spanned<Datetime>>,
    pub published: Option<Spanned<Datetime>>,
    #[serde(default)]
    pub revisions: Vec<RevisionDoc>,
}

/// One entry of `[[dates.revisions]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RevisionDoc {
    pub date: Spanned<Datetime>,
    pub note: String,
}

/// `[wording]`: sentences the base lets a union replace.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WordingDoc {
    /// Legend under the purposes when items carry ＊.
    pub consent_legend: Option<String>,
    /// Fee statement on the requests page.
    pub fee: Option<String>,
}

/// `[presentation]`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PresentationDoc {
    pub layout: Option<Layout>,
    pub digits: Option<Digits>,
    pub label_style: Option<LabelStyle>,
}

/// `[contractors.<id>]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContractorDoc {
    pub name: String,
    pub phone: Option<String>,
    pub note: Option<String>,
}

/// `[[section]]`: change a base section.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionEdit {
    pub id: Spanned<String>,
    pub title: Option<String>,
    pub short_title: Option<String>,
    pub intro: Option<String>,
    #[serde(default)]
    pub remove: bool,
}

/// `[[new_section]]`: a section the base does not have.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewSection {
    pub id: Spanned<String>,
    pub title: String,
    pub short_title: Option<String>,
    pub intro: Option<String>,
    pub before: Option<Spanned<String>>,
    pub after: Option<Spanned<String>>,
}

/// `[[group]]`: change a base group.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupEdit {
    pub id: Spanned<String>,
    pub label: Option<String>,
    #[serde(default)]
    pub remove: bool,
}

/// `[[new_group]]`: a group the base does not have; its id says which section it joins.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewGroup {
    pub id: Spanned<String>,
    pub kind: GroupKind,
    pub label: Option<String>,
    pub before: Option<Spanned<String>>,
    pub after: Option<Spanned<String>>,
}

/// `[[item]]`: change a base item.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemEdit {
    pub id: Spanned<String>,
    pub text: Option<String>,
    #[serde(default)]
    pub contractors: Vec<Spanned<String>>,
    pub contractor_label: Option<String>,
    pub consent: Option<bool>,
    #[serde(default)]
    pub remove: bool,
}

/// `[[new_item]]`: an item the base does not have; its id says which group it joins.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewItem {
    pub id: Spanned<String>,
    pub text: String,
    #[serde(default)]
    pub contractors: Vec<Spanned<String>>,
    pub contractor_label: Option<String>,
    #[serde(default)]
    pub consent: bool,
    pub before: Option<Spanned<String>>,
    pub after: Option<Spanned<String>>,
}

/// `[[page]]`: change a base page.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageEdit {
    pub id: Spanned<String>,
    pub title: Option<String>,
    /// Replaces the page's Markdown, keeping what the page generates (purposes, windows, history).
    pub intro: Option<String>,
    /// Replaces the whole page with this Markdown.
    pub body: Option<String>,
    /// Replaces the whole page with this Markdown file from `unions/<slug>/`.
    pub file: Option<Spanned<String>>,
    #[serde(default)]
    pub remove: bool,
}

/// `[[new_page]]`: a page of the union's own.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewPage {
    pub id: Spanned<String>,
    pub title: String,
    pub body: Option<String>,
    pub file: Option<Spanned<String>>,
    pub after: Option<Spanned<String>>,
}

/// An override file read from disk, with what diagnostics need.
#[derive(Debug)]
pub struct UnionFile {
    pub slug: String,
    pub path: PathBuf,
    pub source: String,
    pub doc: Override,
}

impl UnionFile {
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
    let mut files: Vec<PathBuf> = std::fs::read_dir(root.join("unions"))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    Ok(files)
}

/// Reads and parses one override file; the slug is checked here.
pub fn load_union(path: &Path) -> Result<UnionFile, Diagnostic> {
    let slug = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default()
        .to_string();
    if !is_valid_slug(&slug) {
        let better = suggest_slug(&slug);
        return Err(Diagnostic::file(
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
        ));
    }
    let source = read_text(path)?;
    let doc = parse_toml(path, &source)?;
    Ok(UnionFile {
        slug,
        path: path.to_path_buf(),
        source,
        doc,
    })
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
