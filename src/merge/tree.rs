//! The structural edits of an override: new, changed, moved and removed sections, groups and
//! items, applied to a copy of the base's tree.

use std::collections::{HashMap, HashSet};

use super::order::Ordered;
use super::{Merger, What, near_help};
use crate::diagnostic::nearest;
use crate::load::format::{ItemEdit, NewItem};
use crate::model::{Base, Group, Item, Origin, Section};

impl Merger<'_> {
    pub(super) fn add_sections(&mut self, sections: &mut Vec<Section>) {
        if self.file.doc.new_section.is_empty() {
            return;
        }
        let mut ordered = Ordered::new(std::mem::take(sections), |s: &Section| &s.id);
        for new in &self.file.doc.new_section {
            if !self.valid_new_id(&new.id, 1, "my-section") {
                continue;
            }
            if self.taken(What::Section, &new.id, ordered.contains(new.id.get_ref())) {
                continue;
            }
            let Some(pos) = self.position(&new.before, &new.after, &ordered, What::Section) else {
                continue;
            };
            let section = Section {
                id: new.id.get_ref().clone(),
                title: new.title.clone(),
                short_title: new.short_title.clone().unwrap_or_else(|| new.title.clone()),
                intro: new.intro.clone(),
                groups: self.compact_section_group(new),
                heading: new.heading.clone().filter(|h| !h.is_empty()),
                note: new.note.clone().filter(|n| !n.is_empty()),
                added: true,
            };
            ordered.insert(section.id.clone(), &pos, section);
        }
        *sections = ordered.into_vec();
    }

    pub(super) fn add_groups(&mut self, sections: &mut [Section], base: &Base) {
        if self.file.doc.new_group.is_empty() {
            return;
        }
        // Each section's groups, indexed; put back in place at the end.
        let mut by_section: HashMap<String, Ordered<Group>> = sections
            .iter_mut()
            .map(|s| {
                let groups = std::mem::take(&mut s.groups);
                (s.id.clone(), Ordered::new(groups, |g: &Group| &g.id))
            })
            .collect();
        for new in &self.file.doc.new_group {
            if !self.valid_new_id(&new.id, 2, "benefits.my-group") {
                continue;
            }
            let (section_id, _) = split_parent(new.id.get_ref());
            let Some(groups) = by_section.get_mut(section_id) else {
                let section_ids = sections.iter().map(|s| s.id.as_str());
                let near = nearest(section_id, section_ids);
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
            if self.taken(What::Group, &new.id, groups.contains(new.id.get_ref())) {
                continue;
            }
            let Some(pos) = self.position(&new.before, &new.after, groups, What::GroupInSection)
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
                items: self.compact_items(new.id.get_ref(), &new.items),
                note: new.note.clone().filter(|n| !n.is_empty()),
            };
            groups.insert(group.id.clone(), &pos, group);
        }
        for section in sections.iter_mut() {
            if let Some(groups) = by_section.remove(&section.id) {
                section.groups = groups.into_vec();
            }
        }
    }

    pub(super) fn add_items(&mut self, sections: &mut [Section]) {
        if self.file.doc.new_item.is_empty() {
            return;
        }
        // Each group's items, indexed; put back in place at the end.
        let mut by_group: HashMap<String, Ordered<Item>> = sections
            .iter_mut()
            .flat_map(|s| &mut s.groups)
            .map(|g| {
                let items = std::mem::take(&mut g.items);
                (g.id.clone(), Ordered::new(items, |i: &Item| &i.id))
            })
            .collect();
        for new in &self.file.doc.new_item {
            if !self.valid_new_id(&new.id, 3, "benefits.external.my-item") {
                continue;
            }
            let (group_id, _) = split_parent(new.id.get_ref());
            let Some(items) = by_group.get_mut(group_id) else {
                let group_ids = all_group_ids(sections);
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
            if self.taken(What::Item, &new.id, items.contains(new.id.get_ref())) {
                continue;
            }
            let Some(pos) = self.position(&new.before, &new.after, items, What::ItemInGroup) else {
                continue;
            };
            items.insert(new.id.get_ref().clone(), &pos, new_item(new));
        }
        for group in sections.iter_mut().flat_map(|s| &mut s.groups) {
            if let Some(items) = by_group.remove(&group.id) {
                group.items = items.into_vec();
            }
        }
    }

    pub(super) fn edit_sections(&mut self, sections: &mut Vec<Section>) {
        let index: HashMap<String, usize> = sections
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.clone(), i))
            .collect();
        for edit in &self.file.doc.section {
            let Some(&i) = index.get(edit.id.get_ref()) else {
                let ids = sections.iter().map(|s| s.id.clone()).collect();
                self.unknown(What::Section, &edit.id, ids);
                continue;
            };
            let section = &mut sections[i];
            if let Some(title) = &edit.title {
                section.title = title.clone();
            }
            if let Some(short) = &edit.short_title {
                section.short_title = short.clone();
            }
            if let Some(intro) = &edit.intro {
                section.intro = Some(intro.clone()).filter(|t| !t.is_empty());
            }
            if let Some(heading) = &edit.heading {
                section.heading = Some(heading.clone()).filter(|t| !t.is_empty());
            }
            if let Some(note) = &edit.note {
                section.note = Some(note.clone()).filter(|t| !t.is_empty());
            }
        }
        let removed: HashSet<&String> = self
            .file
            .doc
            .section
            .iter()
            .filter(|e| e.remove)
            .map(|e| e.id.get_ref())
            .collect();
        sections.retain(|s| !removed.contains(&s.id));
    }

    pub(super) fn edit_groups(&mut self, sections: &mut [Section]) {
        let index: HashMap<String, (usize, usize)> = sections
            .iter()
            .enumerate()
            .flat_map(|(si, s)| {
                s.groups
                    .iter()
                    .enumerate()
                    .map(move |(gi, g)| (g.id.clone(), (si, gi)))
            })
            .collect();
        for edit in &self.file.doc.group {
            let Some(&(si, gi)) = index.get(edit.id.get_ref()) else {
                self.unknown(What::Group, &edit.id, all_group_ids(sections));
                continue;
            };
            let group = &mut sections[si].groups[gi];
            if let Some(label) = &edit.label {
                group.label = label.clone();
            }
            if let Some(note) = &edit.note {
                group.note = Some(note.clone()).filter(|t| !t.is_empty());
            }
        }
        let removed: HashSet<&String> = self
            .file
            .doc
            .group
            .iter()
            .filter(|e| e.remove)
            .map(|e| e.id.get_ref())
            .collect();
        for section in sections.iter_mut() {
            section.groups.retain(|g| !removed.contains(&g.id));
        }
    }

    pub(super) fn edit_items(&mut self, sections: &mut [Section]) {
        let index: HashMap<String, (usize, usize, usize)> = sections
            .iter()
            .enumerate()
            .flat_map(|(si, s)| s.groups.iter().enumerate().map(move |(gi, g)| (si, gi, g)))
            .flat_map(|(si, gi, g)| {
                g.items
                    .iter()
                    .enumerate()
                    .map(move |(ii, i)| (i.id.clone(), (si, gi, ii)))
            })
            .collect();
        // Every item id, for a "did you mean": made once, when the first unknown id needs it.
        let mut known: Option<Vec<String>> = None;
        for edit in &self.file.doc.item {
            let Some(&(si, gi, ii)) = index.get(edit.id.get_ref()) else {
                let ids = known.get_or_insert_with(|| all_item_ids(sections)).clone();
                self.unknown(What::Item, &edit.id, ids);
                continue;
            };
            apply_item_edit(&mut sections[si].groups[gi].items[ii], edit);
        }
        let removed: HashSet<&String> = self
            .file
            .doc
            .item
            .iter()
            .filter(|e| e.remove)
            .map(|e| e.id.get_ref())
            .collect();
        if !removed.is_empty() {
            for group in sections.iter_mut().flat_map(|s| &mut s.groups) {
                group.items.retain(|i| !removed.contains(&i.id));
            }
        }
    }
}

pub(super) fn split_parent(id: &str) -> (&str, &str) {
    id.rsplit_once('.').unwrap_or(("", id))
}

pub(super) fn all_group_ids(sections: &[Section]) -> Vec<String> {
    sections
        .iter()
        .flat_map(|s| &s.groups)
        .map(|g| g.id.clone())
        .collect()
}

pub(super) fn all_item_ids(sections: &[Section]) -> Vec<String> {
    sections
        .iter()
        .flat_map(|s| &s.groups)
        .flat_map(|g| &g.items)
        .map(|i| i.id.clone())
        .collect()
}

pub(super) fn apply_item_edit(item: &mut Item, edit: &ItemEdit) {
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
    if let Some(note) = &edit.consent_note {
        item.consent_note = Some(note.clone());
    }
}

pub(super) fn new_item(new: &NewItem) -> Item {
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
        consent_note: new.consent_note.clone(),
        origin: Origin::Added,
    }
}
