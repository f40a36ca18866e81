//! Mistakes in the edit tables that the merge would otherwise accept in silence: the same id
//! changed twice (the last one used to win), `remove = true` with a change beside it (the
//! change was dropped), an item with no words, and a consent note on an item without ＊.

use std::collections::HashMap;

use toml::Spanned;

use super::{Merger, What};

impl Merger<'_> {
    /// Runs every check of this file.
    pub(super) fn check_edits(&mut self) {
        let doc = &self.file.doc;
        self.no_twice(What::Section, doc.section.iter().map(|e| &e.id));
        self.no_twice(What::Group, doc.group.iter().map(|e| &e.id));
        self.no_twice(What::Item, doc.item.iter().map(|e| &e.id));
        self.no_twice(What::Page, doc.page.iter().map(|e| &e.id));
        for e in &doc.section {
            let changes = [
                ("title", e.title.is_some()),
                ("short_title", e.short_title.is_some()),
                ("intro", e.intro.is_some()),
                ("before", e.before.is_some()),
                ("after", e.after.is_some()),
            ];
            self.remove_alone(What::Section, &e.id, e.remove, &changes);
        }
        for e in &doc.group {
            let changes = [
                ("label", e.label.is_some()),
                ("to", e.to.is_some()),
                ("before", e.before.is_some()),
                ("after", e.after.is_some()),
            ];
            self.remove_alone(What::Group, &e.id, e.remove, &changes);
        }
        for e in &doc.item {
            let changes = [
                ("text", e.text.is_some()),
                ("contractors", !e.contractors.is_empty()),
                ("contractor_label", e.contractor_label.is_some()),
                ("consent", e.consent.is_some()),
                ("consent_note", e.consent_note.is_some()),
                ("to", e.to.is_some()),
                ("before", e.before.is_some()),
                ("after", e.after.is_some()),
            ];
            self.remove_alone(What::Item, &e.id, e.remove, &changes);
            if !e.remove && e.text.as_deref().is_some_and(|t| t.trim().is_empty()) {
                self.empty_text(&e.id, true);
            }
        }
        for e in &doc.new_item {
            if e.text.trim().is_empty() {
                self.empty_text(&e.id, false);
            }
        }
        // Base items never carry ＊, so an edit's note needs the edit's own `consent = true`.
        for e in &doc.item {
            if e.consent_note.is_some() && e.consent != Some(true) && !e.remove {
                self.note_without_mark(&e.id);
            }
        }
        for e in &doc.new_item {
            if e.consent_note.is_some() && !e.consent {
                self.note_without_mark(&e.id);
            }
        }
        for e in &doc.page {
            let changes = [
                ("title", e.title.is_some()),
                ("intro", e.intro.is_some()),
                ("body", e.body.is_some()),
                ("file", e.file.is_some()),
            ];
            self.remove_alone(What::Page, &e.id, e.remove, &changes);
        }
    }

    /// Each id once per table: a second entry is reported at its id, naming the first's line.
    fn no_twice<'i>(&mut self, what: What, ids: impl Iterator<Item = &'i Spanned<String>>) {
        let mut first: HashMap<&str, usize> = HashMap::new();
        for id in ids {
            let Some(&at) = first.get(id.get_ref().as_str()) else {
                first.insert(id.get_ref(), id.span().start);
                continue;
            };
            let line = self.file.source[..at].matches('\n').count() + 1;
            let (raw, table) = (id.get_ref(), what.table());
            self.error_help(
                id,
                "duplicate-id",
                (
                    format!(
                        "{} `{raw}` is changed twice: a [[{table}]] on line {line} already changes it",
                        what.en()
                    ),
                    format!(
                        "{}「{raw}」を二度変更しています。{line} 行目の [[{table}]] ですでに変更しています",
                        what.ja()
                    ),
                ),
                (
                    format!("put both changes in the [[{table}]] on line {line} and delete this one"),
                    format!("{line} 行目の [[{table}]] にまとめて、こちらは削除してください"),
                ),
            );
        }
    }

    /// `remove = true` drops the entry: a change beside it would be lost without a word.
    fn remove_alone(
        &mut self,
        what: What,
        id: &Spanned<String>,
        remove: bool,
        changes: &[(&str, bool)],
    ) {
        let given: Vec<&str> = changes.iter().filter(|c| c.1).map(|c| c.0).collect();
        if !remove || given.is_empty() {
            return;
        }
        let (keys, raw) = (given.join("`, `"), id.get_ref());
        self.error_help(
            id,
            "conflict",
            (
                format!(
                    "{} `{raw}` is removed (`remove = true`) and changed (`{keys}`) at once: the change would be lost",
                    what.en()
                ),
                format!(
                    "{}「{raw}」を削除（`remove = true`）しながら変更（`{keys}`）しています。変更は使われません",
                    what.ja()
                ),
            ),
            (
                format!("keep either `remove = true` or `{keys}`"),
                format!("`remove = true` か `{keys}` のどちらかだけを残してください"),
            ),
        );
    }

    /// `consent_note` explains an item on the implied-consent page, which lists ＊ items only:
    /// on an unmarked item it would never be shown.
    pub(super) fn note_without_mark(&mut self, id: &Spanned<String>) {
        let raw = id.get_ref();
        self.error_help(
            id,
            "conflict",
            (
                format!(
                    "item `{raw}` has a `consent_note` but no ＊ (`consent = true`): the note would never be shown"
                ),
                format!(
                    "項目「{raw}」に `consent_note` がありますが＊（`consent = true`）がないため、表示されません"
                ),
            ),
            (
                "add `consent = true`, or delete `consent_note`".to_string(),
                "`consent = true` を書くか、`consent_note` を削除してください".to_string(),
            ),
        );
    }

    fn empty_text(&mut self, id: &Spanned<String>, edit: bool) {
        let raw = id.get_ref();
        let (help, help_ja) = if edit {
            (
                "write the item's wording, or `remove = true` to drop the item".to_string(),
                "項目の文言を書くか、項目をなくすなら `remove = true` と書いてください".to_string(),
            )
        } else {
            (
                "write the item's wording in `text = \"…\"`".to_string(),
                "`text = \"…\"` に項目の文言を書いてください".to_string(),
            )
        };
        self.error_help(
            id,
            "missing-content",
            (
                format!("item `{raw}` has an empty `text`: it would show as an empty line"),
                format!("項目「{raw}」の `text` が空です。空の行として表示されてしまいます"),
            ),
            (help, help_ja),
        );
    }
}
