//! The compact form of a new section's or group's items, `items = [ "text", { text = "…" } ]`:
//! each entry becomes an item whose id is the group's id and the entry's `id` (else its 1-based
//! number), so a union can write a list of purposes without one `[[new_item]]` per line.

use std::collections::HashSet;

use toml::Spanned;

use super::Merger;
use crate::load::format::{CompactItem, NewSection, Override};
use crate::model::{Group, GroupKind, Item, Origin};

/// The last part of the id of the one group a new section's `items = [...]` forms.
pub(super) const COMPACT_GROUP: &str = "items";

impl Merger<'_> {
    /// The group a new section's `items = [...]` forms: kind `other`, no label (no heading).
    pub(super) fn compact_section_group(&mut self, new: &NewSection) -> Vec<Group> {
        if new.items.is_empty() {
            return Vec::new();
        }
        let id = format!("{}.{COMPACT_GROUP}", new.id.get_ref());
        let items = self.compact_items(&id, &new.items);
        vec![Group {
            id,
            kind: GroupKind::Other,
            label: String::new(),
            items,
            note: None,
        }]
    }

    /// The items of `items = [...]` in group `group_id`; a bad entry is reported and left out.
    pub(super) fn compact_items(
        &mut self,
        group_id: &str,
        entries: &[Spanned<CompactItem>],
    ) -> Vec<Item> {
        let mut items = Vec::with_capacity(entries.len());
        let mut seen: HashSet<String> = HashSet::new();
        for (n, entry) in entries.iter().enumerate() {
            let last = match entry.get_ref().id() {
                Some(id) if !self.valid_new_id(id, 1, "checkups") => continue,
                Some(id) => id.get_ref().clone(),
                None => (n + 1).to_string(),
            };
            let id = format!("{group_id}.{last}");
            if seen.contains(&id) {
                let span = entry.get_ref().id().map_or(entry.span(), Spanned::span);
                self.compact_duplicate(&Spanned::new(span, ()), &id);
                continue;
            }
            if entry.get_ref().text().trim().is_empty() {
                self.compact_empty(entry, &id);
                continue;
            }
            if let CompactItem::Full(f) = entry.get_ref()
                && f.consent_note.is_some()
                && !f.consent
            {
                self.note_without_mark(&Spanned::new(entry.span(), id));
                continue;
            }
            seen.insert(id.clone());
            items.push(compact_item(id, entry.get_ref()));
        }
        items
    }

    fn compact_duplicate<T>(&mut self, at: &Spanned<T>, id: &str) {
        let d = self
            .file
            .error_at(at, format!("item `{id}` is in this list twice"))
            .rule("duplicate-id")
            .with_suggestion(
                "give the entry another `id`; an entry without `id` is numbered by its place (1, 2, …)",
            )
            .ja(
                format!("項目 `{id}` がこの並びに二度あります"),
                Some("別の `id` を付けてください。`id` のない項目は並びの順の番号（1, 2, …）になります".into()),
            );
        self.problems.push(d);
    }

    fn compact_empty<T>(&mut self, at: &Spanned<T>, id: &str) {
        let d = self
            .file
            .error_at(
                at,
                format!("item `{id}` has an empty text: it would show as an empty line"),
            )
            .rule("missing-content")
            .with_suggestion("write the item's wording, or delete the entry")
            .ja(
                format!("項目 `{id}` の文言が空です。空の行として表示されてしまいます"),
                Some("項目の文言を書くか、この項目を削除してください".into()),
            );
        self.problems.push(d);
    }
}

/// Every contractor reference of the compact items, for the check of `[contractors]`.
pub(super) fn contractors(doc: &Override) -> impl Iterator<Item = &Spanned<String>> {
    let sections = doc.new_section.iter().flat_map(|s| &s.items);
    let groups = doc.new_group.iter().flat_map(|g| &g.items);
    sections
        .chain(groups)
        .flat_map(|e| e.get_ref().contractors())
}

fn compact_item(id: String, entry: &CompactItem) -> Item {
    let (contractor_label, consent, consent_note) = match entry {
        CompactItem::Text(_) => (None, false, None),
        CompactItem::Full(f) => (
            f.contractor_label.clone(),
            f.consent,
            f.consent_note.clone(),
        ),
    };
    Item {
        id,
        text: entry.text().to_string(),
        contractors: entry
            .contractors()
            .iter()
            .map(|c| c.get_ref().clone())
            .collect(),
        contractor_label,
        consent,
        consent_note,
        origin: Origin::Added,
    }
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use crate::load::UnionFile;

    #[test]
    fn entries_are_numbered_by_their_place_unless_named() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let base = crate::load::load_base(root).expect("repo base loads");
        let source = "[union]\nname = \"A\"\n[[new_section]]\nid = \"own\"\ntitle = \"t\"\nitems = [\"a\", { text = \"b\", id = \"x\" }, \"c\"]\n";
        let file =
            UnionFile::parse(&PathBuf::from("unions/t.toml"), source.into()).expect("parses");
        let site = super::super::merge(&base, &file).expect("merges");
        let own = site.policy.sections.last().expect("a section");
        let group = &own.groups[0];
        assert_eq!((group.id.as_str(), group.label.as_str()), ("own.items", ""));
        let ids: Vec<&str> = group.items.iter().map(|i| i.id.as_str()).collect();
        assert_eq!(ids, ["own.items.1", "own.items.x", "own.items.3"]);
    }
}
