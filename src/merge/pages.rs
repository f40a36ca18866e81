//! The page edits of an override: titles, intros, whole bodies, new pages, removals.

use toml::Spanned;

use super::order::Ordered;
use super::{Merger, Reported, What};
use crate::model::{Base, Page, PageKind};

impl Merger<'_> {
    pub(super) fn pages(&mut self, base: &Base) -> Vec<Page> {
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
            let body = match self.page_body(&new.id, &new.body, &new.file) {
                Ok(Some(body)) => body,
                Ok(None) => {
                    let id = new.id.get_ref();
                    let help = "`body = \"\"\"…\"\"\"` / `file = \"page.md\"`";
                    self.error_help(
                        &new.id,
                        "missing-content",
                        (
                            format!("page `{id}` has no content"),
                            format!("ページ `{id}` に本文がありません"),
                        ),
                        (format!("add {help}"), format!("{help} を書いてください")),
                    );
                    continue;
                }
                Err(Reported) => continue,
            };
            let page = Page {
                id: new.id.get_ref().clone(),
                title: new.title.clone(),
                kind: PageKind::Prose,
                body,
                replaced: true,
            };
            ordered.insert(page.id.clone(), &pos, page);
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
                self.error(
                    f,
                    "conflict",
                    "give either `body` or `file`, not both".into(),
                    "`body` と `file` はどちらか一方だけを書いてください".into(),
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
