//! Stage 2, merge: the base with one union's override applied, every reference checked.

use std::path::Component;

use toml::Spanned;

use crate::diagnostic::{Diagnostic, Diagnostics, did_you_mean, nearest};
use crate::load::UnionFile;
use crate::load::to_date;
use crate::load::union::{ItemEdit, NewItem};
use crate::model::{
    Base, Contractor, Dates, Group, Identity, Item, Origin, Page, PageKind, Presentation, Revision,
    Section, UnionSite,
};

/// Applies a union's override to the base. Reports every problem, not only the first.
pub fn merge(base: &Base, file: &UnionFile) -> Result<UnionSite, Diagnostics> {
    let mut m = Merger {
        file,
        problems: Vec::new(),
    };
    let doc = &file.doc;
    m.problems.extend(crate::load::fields::check(file));
    m.fee_names_itself();

    let contractors: Vec<Contractor> = doc
        .contractors
        .iter()
        .map(|(id, c)| Contractor {
            id: id.clone(),
            name: c.name.clone(),
            phone: c.phone.clone(),
            note: c.note.clone(),
        })
        .collect();

    let mut sections = base.policy.sections.clone();
    for group in sections.iter_mut().flat_map(|s| &mut s.groups) {
        if let Some(label) = doc.labels.get(&group.kind) {
            group.label = label.clone();
        }
    }
    m.add_sections(&mut sections);
    m.add_groups(&mut sections, base);
    m.add_items(&mut sections);
    m.edit_sections(&mut sections);
    m.edit_groups(&mut sections);
    m.edit_items(&mut sections);
    m.check_contractors(&contractors);

    let pages = m.pages(base);
    // Every text of the override is in its source, so one scan finds every bad placeholder.
    m.problems.extend(crate::render::placeholders::diagnose(
        &file.path,
        &file.source,
    ));
    m.problems
        .extend(crate::render::placeholders::diagnose_values(
            &file.path,
            &file.source,
        ));
    m.no_placeholders_in_values();
    let dates = m.dates();

    let presentation = Presentation {
        layout: doc.presentation.layout.unwrap_or_default(),
        digits: doc.presentation.digits.unwrap_or_default(),
        label_style: doc.presentation.label_style.unwrap_or_default(),
    };
    let identity = Identity {
        name: doc.union.name.clone(),
        self_name: doc
            .union
            .self_name
            .clone()
            .unwrap_or_else(|| base.meta.self_name.clone()),
        representative: doc.union.representative.clone(),
        postal_code: doc.union.postal_code.clone(),
        address: doc.union.address.clone(),
        website: doc.union.website.clone(),
    };

    if !m.problems.is_empty() {
        return Err(Diagnostics(m.problems));
    }
    Ok(UnionSite {
        slug: file.slug.clone(),
        identity,
        contacts: doc.contacts.clone(),
        dates,
        contractors,
        policy: crate::model::Policy { sections },
        pages,
        presentation,
        consent_legend: doc
            .wording
            .consent_legend
            .clone()
            .unwrap_or_else(|| base.meta.consent_legend.clone()),
        fee: doc
            .wording
            .fee
            .clone()
            .unwrap_or_else(|| base.meta.fee.clone()),
        base: base.meta.clone(),
    })
}

/// Carries the file being merged and the problems found so far.
struct Merger<'a> {
    file: &'a UnionFile,
    problems: Vec<Diagnostic>,
}

/// What a reference points to, for messages in both languages.
#[derive(Clone, Copy)]
enum What {
    Section,
    Group,
    Item,
    Page,
    GroupInSection,
    ItemInGroup,
}

impl What {
    fn en(self) -> &'static str {
        match self {
            What::Section => "section",
            What::Group => "group",
            What::Item => "item",
            What::Page => "page",
            What::GroupInSection => "group in this section",
            What::ItemInGroup => "item in this group",
        }
    }

    fn ja(self) -> &'static str {
        match self {
            What::Section => "セクション",
            What::Group => "グループ",
            What::Item => "項目",
            What::Page => "ページ",
            What::GroupInSection => "このセクションのグループ",
            What::ItemInGroup => "このグループの項目",
        }
    }

    /// The TOML table that changes an existing one.
    fn table(self) -> &'static str {
        match self {
            What::Section => "section",
            What::Group | What::GroupInSection => "group",
            What::Item | What::ItemInGroup => "item",
            What::Page => "page",
        }
    }
}

/// "did you mean" in both languages.
fn near_help(near: &[&str]) -> (String, String) {
    (did_you_mean(near), crate::diagnostic::did_you_mean_ja(near))
}

/// A problem that has already been added to the list.
struct Reported;

/// Where a new element goes among its siblings.
enum Position {
    End,
    Before(usize),
    After(usize),
}

impl Merger<'_> {
    /// `[union]` and `[[contacts]]` hold the values placeholders stand for, not prose.
    fn no_placeholders_in_values(&mut self) {
        let doc = &self.file.doc;
        let u = &doc.union;
        let mut values: Vec<&str> = vec![&u.name];
        values.extend(
            [
                &u.self_name,
                &u.representative,
                &u.postal_code,
                &u.address,
                &u.website,
            ]
            .into_iter()
            .flatten()
            .map(String::as_str),
        );
        for c in &doc.contacts {
            values.push(&c.department);
            values.extend(
                [
                    &c.postal_code,
                    &c.address,
                    &c.phone,
                    &c.fax,
                    &c.email,
                    &c.hours,
                    &c.closed,
                ]
                .into_iter()
                .flatten()
                .map(String::as_str),
            );
        }
        for value in values {
            if crate::render::placeholders::names_in(value).is_empty() {
                continue;
            }
            let file = self.file;
            let at = file.source.find(value).unwrap_or(0);
            self.problems.push(
                Diagnostic::at(&file.path, &file.source, at..at + value.len(), "[union] and [[contacts]] hold plain values: `{{ … }}` is not filled there")
                    .rule("placeholder")
                    .with_suggestion("write the value itself")
                    .ja(
                        "[union] と [[contacts]] には値そのものを書きます。`{{ … }}` は差し込まれません",
                        Some("値そのものを書いてください".to_string()),
                    ),
            );
        }
    }

    /// The fee statement is what `{{ wording.fee }}` shows: it cannot contain itself.
    fn fee_names_itself(&mut self) {
        let Some(fee) = &self.file.doc.wording.fee else {
            return;
        };
        let names = crate::render::placeholders::names_in(fee);
        if names.contains(&"wording.fee") {
            let file = self.file;
            let at = file
                .source
                .find("fee =")
                .or_else(|| file.source.find("fee"))
                .unwrap_or(0);
            self.problems.push(
                Diagnostic::at(&file.path, &file.source, at..at + 3, "the fee statement names itself ({{ wording.fee }})")
                    .rule("placeholder")
                    .with_suggestion("write the fee itself, e.g. 「開示等の請求の手数料は無料です。」")
                    .ja(
                        "手数料の記載が自分自身（{{ wording.fee }}）を差し込んでいます",
                        Some("「開示等の請求の手数料は無料です。」のように手数料そのものを書いてください".to_string()),
                    ),
            );
        }
    }

    /// Records a problem at `at` of the override, in English and Japanese.
    fn error(&mut self, at: &Spanned<String>, rule: &'static str, en: String, ja: String) {
        self.problems
            .push(self.file.error_at(at, en).rule(rule).ja(ja, None));
    }

    /// Like [`Merger::error`], with a suggestion in both languages.
    fn error_help(
        &mut self,
        at: &Spanned<String>,
        rule: &'static str,
        (en, ja): (String, String),
        (help, help_ja): (String, String),
    ) {
        let d = self.file.error_at(at, en).rule(rule).with_suggestion(help);
        self.problems.push(d.ja(ja, Some(help_ja)));
    }

    fn unknown(&mut self, what: What, at: &Spanned<String>, known: Vec<String>) {
        let near = nearest(at.get_ref(), known.iter().map(String::as_str));
        let id = at.get_ref();
        self.error_help(
            at,
            "unknown-reference",
            (
                format!("there is no {} `{id}` to refer to", what.en()),
                format!("`{id}` という{}はありません", what.ja()),
            ),
            near_help(&near),
        );
    }

    /// Checks the shape of a new id: `segments` parts of lowercase ASCII, digits and hyphens.
    fn valid_new_id(&mut self, id: &Spanned<String>, segments: usize, example: &str) -> bool {
        let parts: Vec<&str> = id.get_ref().split('.').collect();
        let ok = parts.len() == segments
            && parts.iter().all(|p| {
                !p.is_empty()
                    && p.chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            });
        if !ok {
            let raw = id.get_ref();
            self.error_help(
                id,
                "invalid-id",
                (
                    format!(
                        "`{raw}` is not a valid id here: expected {segments} part(s) joined by dots, in lowercase ASCII letters, digits and hyphens"
                    ),
                    format!(
                        "`{raw}` はここでは使えない ID です。半角英小文字・数字・ハイフンの {segments} つの部分を「.」でつないでください"
                    ),
                ),
                (format!("for example `{example}`"), format!("例: `{example}`")),
            );
        }
        ok
    }

    /// Reports a new id that is already taken; true when it is.
    fn taken(&mut self, what: What, id: &Spanned<String>, ids: &[String]) -> bool {
        let taken = ids.contains(id.get_ref());
        if taken {
            let (raw, table) = (id.get_ref(), what.table());
            self.error_help(
                id,
                "duplicate-id",
                (
                    format!("{} `{raw}` already exists", what.en()),
                    format!("{}「{raw}」はすでにあります", what.ja()),
                ),
                (
                    format!("use [[{table}]] to change an existing {}", what.en()),
                    format!(
                        "既にある{}を変えるには [[{table}]] を使ってください",
                        what.ja()
                    ),
                ),
            );
        }
        taken
    }

    /// Resolves `before`/`after` among sibling ids.
    fn position(
        &mut self,
        before: &Option<Spanned<String>>,
        after: &Option<Spanned<String>>,
        siblings: &[String],
        what: What,
    ) -> Option<Position> {
        match (before, after) {
            (Some(b), Some(_)) => {
                self.error(
                    b,
                    "conflict",
                    "give either `before` or `after`, not both".into(),
                    "`before` と `after` はどちらか一方だけを書いてください".into(),
                );
                None
            }
            (Some(at), None) | (None, Some(at)) => {
                match siblings.iter().position(|s| s == at.get_ref()) {
                    Some(i) if before.is_some() => Some(Position::Before(i)),
                    Some(i) => Some(Position::After(i)),
                    None => {
                        self.unknown(what, at, siblings.to_vec());
                        None
                    }
                }
            }
            (None, None) => Some(Position::End),
        }
    }

    fn add_sections(&mut self, sections: &mut Vec<Section>) {
        for new in &self.file.doc.new_section {
            if !self.valid_new_id(&new.id, 1, "my-section") {
                continue;
            }
            let ids: Vec<String> = sections.iter().map(|s| s.id.clone()).collect();
            if self.taken(What::Section, &new.id, &ids) {
                continue;
            }
            let Some(pos) = self.position(&new.before, &new.after, &ids, What::Section) else {
                continue;
            };
            let section = Section {
                id: new.id.get_ref().clone(),
                title: new.title.clone(),
                short_title: new.short_title.clone().unwrap_or_else(|| new.title.clone()),
                intro: new.intro.clone(),
                groups: Vec::new(),
            };
            insert(sections, pos, section);
        }
    }

    fn add_groups(&mut self, sections: &mut [Section], base: &Base) {
        for new in &self.file.doc.new_group {
            if !self.valid_new_id(&new.id, 2, "benefits.my-group") {
                continue;
            }
            let (section_id, _) = split_parent(new.id.get_ref());
            let section_ids: Vec<String> = sections.iter().map(|s| s.id.clone()).collect();
            let Some(section) = sections.iter_mut().find(|s| s.id == section_id) else {
                let near = nearest(section_id, section_ids.iter().map(String::as_str));
                let id = new.id.get_ref();
                self.error_help(
                    &new.id,
                    "unknown-reference",
                    (
                        format!("there is no section `{section_id}` for group `{id}`"),
                        format!("グループ `{id}` を入れるセクション `{section_id}` がありません"),
                    ),
                    near_help(&near),
                );
                continue;
            };
            let ids: Vec<String> = section.groups.iter().map(|g| g.id.clone()).collect();
            if self.taken(What::Group, &new.id, &ids) {
                continue;
            }
            let Some(pos) = self.position(&new.before, &new.after, &ids, What::GroupInSection)
            else {
                continue;
            };
            let label = new
                .label
                .clone()
                .or_else(|| self.file.doc.labels.get(&new.kind).cloned())
                .or_else(|| base.meta.labels.get(&new.kind).cloned())
                .unwrap_or_default();
            let group = Group {
                id: new.id.get_ref().clone(),
                kind: new.kind,
                label,
                items: Vec::new(),
            };
            insert(&mut section.groups, pos, group);
        }
    }

    fn add_items(&mut self, sections: &mut [Section]) {
        for new in &self.file.doc.new_item {
            if !self.valid_new_id(&new.id, 3, "benefits.external.my-item") {
                continue;
            }
            let (group_id, _) = split_parent(new.id.get_ref());
            let group_ids = all_group_ids(sections);
            let Some(group) = find_group(sections, group_id) else {
                let near = nearest(group_id, group_ids.iter().map(String::as_str));
                let id = new.id.get_ref();
                self.error_help(
                    &new.id,
                    "unknown-reference",
                    (
                        format!("there is no group `{group_id}` for item `{id}`"),
                        format!("項目 `{id}` を入れるグループ `{group_id}` がありません"),
                    ),
                    near_help(&near),
                );
                continue;
            };
            // A full item id names its group, so a clash can only be inside this group.
            let ids: Vec<String> = group.items.iter().map(|i| i.id.clone()).collect();
            if self.taken(What::Item, &new.id, &ids) {
                continue;
            }
            let Some(pos) = self.position(&new.before, &new.after, &ids, What::ItemInGroup) else {
                continue;
            };
            insert(&mut group.items, pos, new_item(new));
        }
    }

    fn edit_sections(&mut self, sections: &mut Vec<Section>) {
        for edit in &self.file.doc.section {
            let ids: Vec<String> = sections.iter().map(|s| s.id.clone()).collect();
            let Some(section) = sections.iter_mut().find(|s| &s.id == edit.id.get_ref()) else {
                self.unknown(What::Section, &edit.id, ids);
                continue;
            };
            if let Some(title) = &edit.title {
                section.title = title.clone();
            }
            if let Some(short) = &edit.short_title {
                section.short_title = short.clone();
            }
            if let Some(intro) = &edit.intro {
                section.intro = Some(intro.clone()).filter(|t| !t.is_empty());
            }
        }
        let removed: Vec<&String> = self
            .file
            .doc
            .section
            .iter()
            .filter(|e| e.remove)
            .map(|e| e.id.get_ref())
            .collect();
        sections.retain(|s| !removed.contains(&&s.id));
    }

    fn edit_groups(&mut self, sections: &mut [Section]) {
        for edit in &self.file.doc.group {
            let ids = all_group_ids(sections);
            let Some(group) = find_group(sections, edit.id.get_ref()) else {
                self.unknown(What::Group, &edit.id, ids);
                continue;
            };
            if let Some(label) = &edit.label {
                group.label = label.clone();
            }
        }
        for edit in self.file.doc.group.iter().filter(|e| e.remove) {
            for section in sections.iter_mut() {
                section.groups.retain(|g| &g.id != edit.id.get_ref());
            }
        }
    }

    fn edit_items(&mut self, sections: &mut [Section]) {
        for edit in &self.file.doc.item {
            let ids = all_item_ids(sections);
            let Some(item) = find_item(sections, edit.id.get_ref()) else {
                self.unknown(What::Item, &edit.id, ids);
                continue;
            };
            apply_item_edit(item, edit);
        }
        for edit in self.file.doc.item.iter().filter(|e| e.remove) {
            for group in sections.iter_mut().flat_map(|s| &mut s.groups) {
                group.items.retain(|i| &i.id != edit.id.get_ref());
            }
        }
    }

    fn check_contractors(&mut self, contractors: &[Contractor]) {
        let known: Vec<String> = contractors.iter().map(|c| c.id.clone()).collect();
        let doc = &self.file.doc;
        let refs: Vec<&Spanned<String>> = doc
            .item
            .iter()
            .flat_map(|e| &e.contractors)
            .chain(doc.new_item.iter().flat_map(|e| &e.contractors))
            .collect();
        for r in refs {
            if !known.contains(r.get_ref()) {
                let near = nearest(r.get_ref(), known.iter().map(String::as_str));
                let id = r.get_ref();
                let help = if known.is_empty() {
                    let table = format!("[contractors.{id}]\nname = \"…\"\nphone = \"…\"");
                    (
                        format!("define it first:\n{table}"),
                        format!("先に委託先を定義してください:\n{table}"),
                    )
                } else {
                    near_help(&near)
                };
                self.error_help(
                    r,
                    "unknown-reference",
                    (
                        format!("there is no contractor `{id}` in [contractors]"),
                        format!("[contractors] に委託先 `{id}` がありません"),
                    ),
                    help,
                );
            }
        }
    }

    fn pages(&mut self, base: &Base) -> Vec<Page> {
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
                pages[index].body = intro.clone();
            }
            if let Ok(Some(body)) = self.page_body(&edit.body, &edit.file) {
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
        for new in &doc.new_page {
            if !self.valid_new_id(&new.id, 1, "storage") {
                continue;
            }
            let ids: Vec<String> = pages.iter().map(|p| p.id.clone()).collect();
            if self.taken(What::Page, &new.id, &ids) {
                continue;
            }
            let Some(pos) = self.position(&None, &new.after, &ids, What::Page) else {
                continue;
            };
            let body = match self.page_body(&new.body, &new.file) {
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
            insert(&mut pages, pos, page);
        }
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
    fn page_body(
        &mut self,
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
            (Some(body), None) => Ok(Some(body.clone())),
            (None, Some(f)) => self.read_page_file(f).map(Some).ok_or(Reported),
            (None, None) => Ok(None),
        }
    }

    fn read_page_file(&mut self, name: &Spanned<String>) -> Option<String> {
        let rel = std::path::Path::new(name.get_ref());
        let inside = rel
            .components()
            .all(|c| matches!(c, Component::Normal(_) | Component::CurDir));
        if !inside {
            let (raw, slug) = (name.get_ref(), &self.file.slug);
            self.error_help(
                name,
                "page-file",
                (
                    format!("`{raw}` must be a file inside the union's own folder"),
                    format!("`{raw}` は組合のフォルダの中のファイルにしてください"),
                ),
                (
                    format!("put the file in unions/{slug}/ and write only its name"),
                    format!("ファイルを unions/{slug}/ に置き、ファイル名だけを書いてください"),
                ),
            );
            return None;
        }
        let path = self.file.assets_dir().join(rel);
        if !path.is_file() {
            let dir = self.file.assets_dir();
            let found: Vec<String> = std::fs::read_dir(&dir)
                .map(|rd| {
                    rd.filter_map(|e| e.ok())
                        .filter_map(|e| e.file_name().into_string().ok())
                        .collect()
                })
                .unwrap_or_default();
            let near = nearest(name.get_ref(), found.iter().map(String::as_str));
            let shown = path.display();
            self.error_help(
                name,
                "page-file",
                (
                    format!("page file `{shown}` not found"),
                    format!("ページのファイル `{shown}` が見つかりません"),
                ),
                if near.is_empty() {
                    (
                        format!("create {shown}"),
                        format!("{shown} を作成してください"),
                    )
                } else {
                    near_help(&near)
                },
            );
            return None;
        }
        match crate::load::source::read_text(&path) {
            Ok(text) => {
                self.problems
                    .extend(crate::render::placeholders::diagnose(&path, &text));
                Some(text)
            }
            Err(d) => {
                self.problems.push(d);
                None
            }
        }
    }

    fn dates(&mut self) -> Dates {
        let doc = &self.file.doc.dates;
        let mut date = |value: &Option<Spanned<toml::value::Datetime>>| {
            let value = value.as_ref()?;
            match to_date(*value.get_ref()) {
                Ok(d) => Some(d),
                Err((en, ja)) => {
                    let d = self.file.error_at(value, en).rule("date").ja(ja, None);
                    self.problems.push(d);
                    None
                }
            }
        };
        let established = date(&doc.established);
        let effective = date(&doc.effective);
        let published = date(&doc.published);
        let revisions = doc
            .revisions
            .iter()
            .filter_map(|r| {
                Some(Revision {
                    date: date(&Some(r.date.clone()))?,
                    note: r.note.clone(),
                })
            })
            .collect();
        Dates {
            established,
            effective,
            published,
            revisions,
        }
    }
}

fn insert<T>(list: &mut Vec<T>, pos: Position, value: T) {
    match pos {
        Position::End => list.push(value),
        Position::Before(i) => list.insert(i, value),
        Position::After(i) => list.insert(i + 1, value),
    }
}

fn split_parent(id: &str) -> (&str, &str) {
    id.rsplit_once('.').unwrap_or(("", id))
}

fn all_group_ids(sections: &[Section]) -> Vec<String> {
    sections
        .iter()
        .flat_map(|s| &s.groups)
        .map(|g| g.id.clone())
        .collect()
}

fn all_item_ids(sections: &[Section]) -> Vec<String> {
    sections
        .iter()
        .flat_map(|s| &s.groups)
        .flat_map(|g| &g.items)
        .map(|i| i.id.clone())
        .collect()
}

fn find_group<'s>(sections: &'s mut [Section], id: &str) -> Option<&'s mut Group> {
    sections
        .iter_mut()
        .flat_map(|s| &mut s.groups)
        .find(|g| g.id == id)
}

fn find_item<'s>(sections: &'s mut [Section], id: &str) -> Option<&'s mut Item> {
    sections
        .iter_mut()
        .flat_map(|s| &mut s.groups)
        .flat_map(|g| &mut g.items)
        .find(|i| i.id == id)
}

fn apply_item_edit(item: &mut Item, edit: &ItemEdit) {
    if let Some(text) = &edit.text
        && *text != item.text
    {
        item.text = text.clone();
        if item.origin == Origin::Base {
            item.origin = Origin::Reworded;
        }
    }
    if !edit.contractors.is_empty() {
        item.contractors = edit
            .contractors
            .iter()
            .map(|c| c.get_ref().clone())
            .collect();
    }
    if let Some(label) = &edit.contractor_label {
        item.contractor_label = Some(label.clone());
    }
    if let Some(consent) = edit.consent {
        item.consent = consent;
    }
}

fn new_item(new: &NewItem) -> Item {
    Item {
        id: new.id.get_ref().clone(),
        text: new.text.clone(),
        contractors: new
            .contractors
            .iter()
            .map(|c| c.get_ref().clone())
            .collect(),
        contractor_label: new.contractor_label.clone(),
        consent: new.consent,
        origin: Origin::Added,
    }
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use super::*;
    use crate::load::source::parse_toml;

    fn base() -> Base {
        crate::load::load_base(Path::new(env!("CARGO_MANIFEST_DIR"))).expect("repo base loads")
    }

    fn union(source: &str) -> UnionFile {
        let path = PathBuf::from("unions/test.toml");
        UnionFile {
            slug: "test".into(),
            doc: parse_toml(&path, source).expect("test override parses"),
            path,
            source: source.into(),
        }
    }

    fn item_ids(site: &UnionSite, group: &str) -> Vec<String> {
        let group = site
            .policy
            .sections
            .iter()
            .flat_map(|s| &s.groups)
            .find(|g| g.id == group)
            .expect("group exists");
        group.items.iter().map(|i| i.id.clone()).collect()
    }

    #[test]
    fn untouched_union_gets_the_base() {
        let base = base();
        let site = merge(&base, &union("[union]\nname = \"A\"\n")).unwrap();
        assert_eq!(site.policy.sections.len(), base.policy.sections.len());
        assert_eq!(site.identity.self_name, base.meta.self_name);
        assert_eq!(site.pages.len(), base.pages.len());
    }

    #[test]
    fn new_items_go_where_they_are_told() {
        let site = merge(
            &base(),
            &union(
                r#"[union]
name = "A"
[[new_item]]
id = "premiums.internal.first"
text = "x"
before = "premiums.internal.standard-remuneration"
[[new_item]]
id = "premiums.internal.middle"
text = "y"
after = "premiums.internal.standard-remuneration"
[[new_item]]
id = "premiums.internal.last"
text = "z"
"#,
            ),
        )
        .unwrap();
        assert_eq!(
            item_ids(&site, "premiums.internal"),
            [
                "premiums.internal.first",
                "premiums.internal.standard-remuneration",
                "premiums.internal.middle",
                "premiums.internal.collection",
                "premiums.internal.last",
            ]
        );
    }

    #[test]
    fn every_bad_reference_is_reported_with_its_line() {
        let source = r#"[union]
name = "A"
[[item]]
id = "benefits.internal.eligibilty"
text = "x"
[[item]]
id = "benefits.internal.payment"
contractors = ["nobody"]
[[new_item]]
id = "benefits.nowhere.x"
text = "y"
"#;
        let Err(Diagnostics(problems)) = merge(&base(), &union(source)) else {
            panic!("bad references must fail");
        };
        assert_eq!(problems.len(), 3, "{problems:?}");
        let lines: Vec<usize> = problems.iter().map(|p| p.line).collect();
        assert!(lines.contains(&4) && lines.contains(&8) && lines.contains(&10));
        let typo = problems.iter().find(|p| p.line == 4).unwrap();
        assert_eq!(typo.column, 6);
        assert!(
            typo.suggestion
                .as_deref()
                .unwrap()
                .contains("benefits.internal.eligibility")
        );
    }

    #[test]
    fn rewording_is_recorded_and_removal_applies() {
        let site = merge(
            &base(),
            &union(
                r#"[union]
name = "A"
[[item]]
id = "benefits.internal.payment"
text = "別の文言"
[[item]]
id = "mynumber.receive.public-account"
remove = true
"#,
            ),
        )
        .unwrap();
        let items: Vec<&Item> = site
            .policy
            .sections
            .iter()
            .flat_map(|s| &s.groups)
            .flat_map(|g| &g.items)
            .collect();
        let payment = items
            .iter()
            .find(|i| i.id == "benefits.internal.payment")
            .unwrap();
        assert_eq!(payment.origin, Origin::Reworded);
        assert!(
            !items
                .iter()
                .any(|i| i.id == "mynumber.receive.public-account")
        );
    }
}
