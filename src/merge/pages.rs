//! The page edits of an override: titles, intros, whole bodies, new pages, removals.

use std::collections::BTreeMap;

use toml::Spanned;

use super::order::Ordered;
use super::{Merger, Reported, What};
use crate::load::format::{NewPage, NewPageKind};
use crate::model::{Base, Page, PageKind, Section};

impl Merger<'_> {
    pub(super) fn pages(&mut self, base: &Base, sections: &[Section]) -> Vec<Page> {
        let mut pages = base.pages.clone();
        let doc = &self.file.doc;
        for edit in &doc.page {
            let ids: Vec<String> = pages.iter().map(|p| p.id.clone()).collect();
            let Some(index) = pages.iter().position(|p| &p.id == edit.id.get_ref()) else {
                self.unknown(What::Page, &edit.id, ids);
                continue;
            };
            if let Some(title) = &edit.title {
                pages[index].title = title.clone();
            }
            if let Some(intro) = &edit.intro {
                self.body_limits(&edit.id, intro);
                pages[index].body = intro.clone();
            }
            if let Ok(Some(body)) = self.page_body(&edit.id, &edit.body, &edit.file) {
                if edit.intro.is_some() {
                    self.error_help(
                        &edit.id,
                        "conflict",
                        (
                            "give either `intro` or `body`/`file` for a page, not both".into(),
                            "ページには `intro` か `body`/`file` のどちらか一方だけを書いてください".into(),
                        ),
                        (
                            "`intro` keeps the generated part of the page; `body` and `file` replace all of it".into(),
                            "`intro` は自動で作られる部分を残し、`body` と `file` はページ全体を置き換えます".into(),
                        ),
                    );
                }
                pages[index].body = body;
                pages[index].replaced = true;
            }
        }
        let mut ordered = Ordered::new(pages, |p: &Page| &p.id);
        // Which page shows each section named by a `sections = [...]`, so none shows twice.
        let mut claimed = BTreeMap::new();
        for new in &doc.new_page {
            if !self.valid_new_id(&new.id, 1, "storage") {
                continue;
            }
            if self.taken(What::Page, &new.id, ordered.contains(new.id.get_ref())) {
                continue;
            }
            let Some(pos) = self.position(&None, &new.after, &ordered, What::Page) else {
                continue;
            };
            if let Some(page) = self.new_page(new, base, sections, &mut claimed) {
                ordered.insert(page.id.clone(), &pos, page);
            }
        }
        let mut pages = ordered.into_vec();
        let removed: Vec<&String> = doc
            .page
            .iter()
            .filter(|e| e.remove)
            .map(|e| e.id.get_ref())
            .collect();
        if removed.iter().any(|id| *id == "index") {
            let at = doc.page.iter().find(|e| e.id.get_ref() == "index");
            if let Some(edit) = at {
                self.error_help(
                    &edit.id,
                    "conflict",
                    (
                        "the top page `index` cannot be removed".into(),
                        "トップページ `index` は削除できません".into(),
                    ),
                    (
                        "replace its content with `body` instead".into(),
                        "内容を変えるには `body` を使ってください".into(),
                    ),
                );
            }
        }
        pages.retain(|p| p.id == "index" || !removed.contains(&&p.id));
        pages
    }

    /// A page of the union's own: prose, a page of some sections of purposes, or the
    /// implied-consent page. `None` when a problem was reported.
    fn new_page(
        &mut self,
        new: &NewPage,
        base: &Base,
        sections: &[Section],
        claimed: &mut BTreeMap<String, String>,
    ) -> Option<Page> {
        let kind = self.new_page_kind(new)?;
        let body = match self.page_body(&new.id, &new.body, &new.file) {
            Ok(Some(body)) => body,
            // A page of sections needs no intro; a consent page has the base's.
            Ok(None) if kind == PageKind::Purposes => String::new(),
            Ok(None) if kind == PageKind::Consent && base.consent_page.is_some() => {
                base.consent_page.clone().unwrap_or_default()
            }
            Ok(None) => {
                self.no_content(&new.id);
                return None;
            }
            Err(Reported) => return None,
        };
        let shown = match kind {
            PageKind::Purposes => self.page_sections(new, sections, claimed)?,
            PageKind::Consent => {
                self.consent_items(&new.id, sections)?;
                Vec::new()
            }
            _ => Vec::new(),
        };
        Some(Page {
            id: new.id.get_ref().clone(),
            title: new.title.clone(),
            kind,
            body,
            // Only a prose page is all the union's text; the others generate their lists.
            replaced: kind == PageKind::Prose,
            sections: shown,
        })
    }

    /// What a new page shows: `sections` make it a purposes page, `kind = "consent"` the
    /// implied-consent page; both at once is a conflict.
    fn new_page_kind(&mut self, new: &NewPage) -> Option<PageKind> {
        match (new.kind, &new.sections) {
            (Some(NewPageKind::Consent), Some(_)) => {
                self.error_help(
                    &new.id,
                    "conflict",
                    (
                        "a consent page lists the ＊ items of every section: give either `sections` or `kind = \"consent\"`".into(),
                        "黙示の同意のページはすべてのセクションの＊の項目を表示します。`sections` か `kind = \"consent\"` のどちらか一方だけを書いてください".into(),
                    ),
                    (
                        "make two pages: one with `sections`, one with `kind = \"consent\"`".into(),
                        "`sections` のページと `kind = \"consent\"` のページを別々に作ってください".into(),
                    ),
                );
                None
            }
            (Some(NewPageKind::Consent), None) => Some(PageKind::Consent),
            (_, Some(_)) => Some(PageKind::Purposes),
            (_, None) => Some(PageKind::Prose),
        }
    }

    fn no_content(&mut self, id: &Spanned<String>) {
        let raw = id.get_ref();
        let help = "`body = \"\"\"…\"\"\"` / `file = \"page.md\"`";
        self.error_help(
            id,
            "missing-content",
            (
                format!("page `{raw}` has no content"),
                format!("ページ `{raw}` に本文がありません"),
            ),
            (format!("add {help}"), format!("{help} を書いてください")),
        );
    }

    /// The ids a page's `sections = [...]` names, each an existing section that no other page
    /// has claimed. `None` when a problem was reported.
    fn page_sections(
        &mut self,
        new: &NewPage,
        sections: &[Section],
        claimed: &mut BTreeMap<String, String>,
    ) -> Option<Vec<String>> {
        let named = new.sections.as_deref().unwrap_or_default();
        if named.is_empty() {
            let example = sections.last().map_or("mynumber", |s| s.id.as_str());
            self.error_help(
                &new.id,
                "missing-content",
                (
                    format!("page `{}` names no section to show", new.id.get_ref()),
                    format!(
                        "ページ `{}` に表示するセクションがありません",
                        new.id.get_ref()
                    ),
                ),
                (
                    format!("name at least one, e.g. `sections = [\"{example}\"]`"),
                    format!("1つ以上書いてください。例: `sections = [\"{example}\"]`"),
                ),
            );
            return None;
        }
        let known: Vec<String> = sections.iter().map(|s| s.id.clone()).collect();
        let mut ids = Vec::new();
        for at in named {
            let id = at.get_ref();
            if !known.contains(id) {
                self.unknown(What::Section, at, known.clone());
            } else if let Some(page) = claimed.get(id) {
                self.section_shown_twice(at, page);
            } else {
                claimed.insert(id.clone(), new.id.get_ref().clone());
                ids.push(id.clone());
            }
        }
        (ids.len() == named.len()).then_some(ids)
    }

    fn section_shown_twice(&mut self, at: &Spanned<String>, page: &str) {
        let id = at.get_ref();
        self.error_help(
            at,
            "conflict",
            (
                format!("section `{id}` is already shown on page `{page}`: a section is shown on one page only"),
                format!("セクション `{id}` はすでにページ `{page}` に表示されます。セクションは1つのページにだけ表示できます"),
            ),
            (
                format!("remove `{id}` from one of the two `sections` lists"),
                format!("どちらかの `sections` から `{id}` を削除してください"),
            ),
        );
    }

    /// A consent page lists the ＊ items: with none, it would explain how to object to nothing.
    fn consent_items(&mut self, id: &Spanned<String>, sections: &[Section]) -> Option<()> {
        let marked = sections
            .iter()
            .flat_map(|s| &s.groups)
            .flat_map(|g| &g.items)
            .any(|i| i.consent);
        if marked {
            return Some(());
        }
        let raw = id.get_ref();
        self.error_help(
            id,
            "missing-content",
            (
                format!("page `{raw}` lists the items marked ＊ (implied consent), but no item is marked"),
                format!("ページ `{raw}` は＊印（黙示の同意）の項目を表示しますが、＊印の項目がありません"),
            ),
            (
                "mark the items with `consent = true` in [[item]] or [[new_item]], or remove this [[new_page]]".into(),
                "[[item]] か [[new_item]] で `consent = true` を書くか、この [[new_page]] を削除してください".into(),
            ),
        );
        None
    }

    /// The Markdown of `body` or `file`, if either is given. `Err` means a problem with them
    /// was already reported.
    pub(super) fn page_body(
        &mut self,
        id: &Spanned<String>,
        body: &Option<String>,
        file: &Option<Spanned<String>>,
    ) -> Result<Option<String>, Reported> {
        match (body, file) {
            (Some(_), Some(f)) => {
                self.error_help(
                    f,
                    "conflict",
                    (
                        "give either `body` or `file`, not both".into(),
                        "`body` と `file` が両方書かれています".into(),
                    ),
                    (
                        "keep `body` (the text in this file) or `file` (a page file in the union's folder), and delete the other".into(),
                        "`body`（このファイルに書いた本文）か `file`（組合のフォルダのページファイル）のどちらか一方を残し、もう一方の行を消してください".into(),
                    ),
                );
                Err(Reported)
            }
            (Some(body), None) => {
                self.body_limits(id, body);
                Ok(Some(body.clone()))
            }
            (None, Some(f)) => self.read_page_file(f).map(Some).ok_or(Reported),
            (None, None) => Ok(None),
        }
    }

    /// The text of a page file, read when the union loaded; a file that could not be read
    /// is reported here, where it is used.
    pub(super) fn read_page_file(&mut self, name: &Spanned<String>) -> Option<String> {
        match self.file.page_files.get(name.get_ref()) {
            Some(Ok(page)) => {
                self.page_file_limits(&page.path, &page.text);
                self.problems
                    .extend(crate::text::placeholders::diagnose(&page.path, &page.text));
                Some(page.text.clone())
            }
            Some(Err(d)) => {
                self.problems.push(d.clone());
                None
            }
            None => None,
        }
    }
}
