//! The structural edits of an override: new, changed, moved and removed sections, groups and
//! items, applied to a copy of the base's tree.

use super::{Merger, Position, What, near_help};
use crate::diagnostic::nearest;
use crate::load::format::{ItemEdit, NewItem};
use crate::model::{Base, Group, Item, Origin, Section};

impl Merger<'_> {
    pub(super) fn add_sections(&mut self, sections: &mut Vec<Section>) {
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

    pub(super) fn add_groups(&mut self, sections: &mut [Section], base: &Base) {
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

    pub(super) fn add_items(&mut self, sections: &mut [Section]) {
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

    pub(super) fn edit_sections(&mut self, sections: &mut Vec<Section>) {
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

    pub(super) fn edit_groups(&mut self, sections: &mut [Section]) {
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

    pub(super) fn edit_items(&mut self, sections: &mut [Section]) {
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
}

pub(super) fn insert<T>(list: &mut Vec<T>, pos: Position, value: T) {
    match pos {
        Position::End => list.push(value),
        Position::Before(i) => list.insert(i, value),
        Position::After(i) => list.insert(i + 1, value),
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

pub(super) fn find_group<'s>(sections: &'s mut [Section], id: &str) -> Option<&'s mut Group> {
    sections
        .iter_mut()
        .flat_map(|s| &mut s.groups)
        .find(|g| g.id == id)
}

pub(super) fn find_item<'s>(sections: &'s mut [Section], id: &str) -> Option<&'s mut Item> {
    sections
        .iter_mut()
        .flat_map(|s| &mut s.groups)
        .flat_map(|g| &mut g.items)
        .find(|i| i.id == id)
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
        origin: Origin::Added,
    }
}
