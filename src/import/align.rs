//! The page's purposes set against the base: each base item found (exactly, reworded, or in
//! a wording the base had before) keeps its id; what the base has and the page lacks is
//! removed; what the page adds is a new item at its place. Pairs are chosen best first, so the
//! nearest wording wins and no line becomes a new item while a base item fits it.

use std::collections::{BTreeMap, HashSet};

use super::blocks::norm;
use super::contractors::Note;
use super::order::{Placed, out_of_order, places};
use super::outline::similarity;
use super::purposes::{SrcItem, SrcPurposes};
use super::wording::{CLAUSE, mynumber_clause};
use crate::model::{Base, GroupKind};

/// Least similarity for a base item of the same section, and of another section.
const NEAR: f32 = 0.6;
const NEAR_ELSEWHERE: f32 = 0.85;

/// An edit of a base item (`[[item]]`).
#[derive(Debug, Clone, Default)]
pub struct ItemEdit {
    pub id: String,
    pub text: Option<String>,
    /// Its first line words it otherwise than the base (not only bullets explaining it).
    pub reworded: bool,
    pub consent: bool,
    /// The item's explanation on the consent page (Markdown).
    pub consent_note: Option<String>,
    pub note: Option<Note>,
    pub remove: bool,
    /// The group it moves to, when the page shows it in another (`to`).
    pub to: Option<String>,
    /// Its place among the target group's items, when it moves (`after`/`before`).
    pub after: Option<String>,
    pub before: Option<String>,
}

/// A new item (`[[new_item]]`), placed after or before a sibling.
#[derive(Debug, Clone, Default)]
pub struct NewItem {
    pub id: String,
    pub text: String,
    pub consent: bool,
    pub consent_note: Option<String>,
    pub note: Option<Note>,
    pub after: Option<String>,
    pub before: Option<String>,
}

/// An edit of a base section (`[[section]]`).
#[derive(Debug, Clone, Default)]
pub struct SectionEdit {
    pub id: String,
    pub title: Option<String>,
    pub short_title: Option<String>,
    /// `Some("")` drops the base's intro.
    pub intro: Option<String>,
    pub remove: bool,
}

/// A new group (`[[new_group]]`) or a new section's group.
#[derive(Debug, Clone)]
pub struct NewGroup {
    pub id: String,
    pub kind: GroupKind,
    pub label: Option<String>,
}

/// A section the base lacks (`[[new_section]]`).
#[derive(Debug, Clone)]
pub struct NewSection {
    pub id: String,
    pub title: String,
    pub after: Option<String>,
}

/// Counts for the report.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Counts {
    pub matched: usize,
    pub reworded: usize,
    pub moved: usize,
    /// Base items kept in their group whose order on the page differs from the base's.
    pub reordered: usize,
    pub added: usize,
    /// Items written with bullets explaining them (their text is Markdown).
    pub explained: usize,
    pub removed: usize,
}

/// Everything the purposes need in the override.
#[derive(Debug, Default)]
pub struct Alignment {
    pub sections: Vec<SectionEdit>,
    pub new_sections: Vec<NewSection>,
    pub new_groups: Vec<NewGroup>,
    /// `(group id, label)` for groups whose label differs from their kind's.
    pub group_labels: Vec<(String, String)>,
    pub removed_groups: Vec<String>,
    pub labels: BTreeMap<GroupKind, String>,
    pub items: Vec<ItemEdit>,
    pub new_items: Vec<NewItem>,
    /// Ids of base items that matched an item of the page.
    pub matched_ids: Vec<String>,
    /// Characters of new items whose text is near (≥ 0.8) a base item that was removed: pasted
    /// rather than structure.
    pub near_removed_chars: usize,
    pub counts: Counts,
    /// `(section id, clause)`: a section's intro that is the base's but for the My Number Act
    /// clause it cites (`[wording] mynumber_clause`).
    pub mynumber_clause: Option<(String, String)>,
}

/// A base item, where it sits, and the texts it has had.
struct BaseItem {
    id: String,
    section: String,
    group: String,
    kind: GroupKind,
    texts: Vec<String>,
}

fn base_items(base: &Base) -> Vec<BaseItem> {
    let mut out = Vec::new();
    for section in &base.policy.sections {
        for group in &section.groups {
            for item in &group.items {
                let mut texts = vec![norm(&item.text)];
                texts.extend(base.meta.changes_of(&item.id).map(|c| norm(&c.old)));
                out.push(BaseItem {
                    id: item.id.clone(),
                    section: section.id.clone(),
                    group: group.id.clone(),
                    kind: group.kind,
                    texts,
                });
            }
        }
    }
    out
}

/// Where a page item sits: (section index, group index, item index).
type At = (usize, usize, usize);

/// Aligns the page's purposes with the base.
pub fn align(src: &SrcPurposes, base: &Base) -> Alignment {
    let items = base_items(base);
    let pairs = best_pairs(src, &items);
    let mut plan = Alignment::default();
    let targets = target_groups(src, base, &items, &pairs, &mut plan);
    place_items(src, &items, &pairs, &targets, &mut plan);
    remove_absent(src, base, &mut plan);
    edit_sections(src, base, &mut plan);
    edit_labels(src, base, &targets, &mut plan);
    headless_groups(src, &targets, &mut plan);
    count_near_removed(&items, &mut plan);
    plan
}

/// Chooses item pairs best first: every (page item, base item) pair near enough, sorted by
/// similarity, taken when neither side is taken yet.
fn best_pairs(src: &SrcPurposes, items: &[BaseItem]) -> BTreeMap<At, usize> {
    let mut scored: Vec<(f32, At, usize)> = Vec::new();
    for (s, section) in src.sections.iter().enumerate() {
        for (g, group) in section.groups.iter().enumerate() {
            for (i, item) in group.items.iter().enumerate() {
                let text = norm(&item.text);
                for (b, base) in items.iter().enumerate() {
                    let same_section = section.base_id.as_deref() == Some(base.section.as_str());
                    let score = base
                        .texts
                        .iter()
                        .map(|t| similarity(&text, t))
                        .fold(0.0, f32::max);
                    let least = if same_section { NEAR } else { NEAR_ELSEWHERE };
                    if score >= least {
                        let bonus = if same_section { 0.02 } else { 0.0 }
                            + if group.kind == Some(base.kind) {
                                0.02
                            } else {
                                0.0
                            };
                        scored.push((score + bonus, (s, g, i), b));
                    }
                }
            }
        }
    }
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut pairs = BTreeMap::new();
    let mut taken = HashSet::new();
    for (_, at, b) in scored {
        if !pairs.contains_key(&at) && taken.insert(b) {
            pairs.insert(at, b);
        }
    }
    pairs
}

/// The group id each page group becomes: the base group of its kind in its section (a group
/// without a label takes the kind of the base items it holds), or a new group.
fn target_groups(
    src: &SrcPurposes,
    base: &Base,
    items: &[BaseItem],
    pairs: &BTreeMap<At, usize>,
    plan: &mut Alignment,
) -> Vec<Vec<(String, GroupKind)>> {
    let mut targets = Vec::new();
    let mut previous_section: Option<String> = None;
    for (s, section) in src.sections.iter().enumerate() {
        let section_id = match &section.base_id {
            Some(id) => id.clone(),
            None => {
                let id = format!("added-{}", plan.new_sections.len() + 1);
                plan.new_sections.push(NewSection {
                    id: id.clone(),
                    title: section.title.clone(),
                    after: previous_section.clone(),
                });
                id
            }
        };
        previous_section = Some(section_id.clone());
        let base_section = base
            .policy
            .sections
            .iter()
            .find(|b| Some(&b.id) == section.base_id.as_ref());
        let mut claimed: Vec<String> = Vec::new();
        let mut row = Vec::new();
        for (g, group) in section.groups.iter().enumerate() {
            let kind = group.kind.unwrap_or_else(|| {
                let held = (0..group.items.len()).filter_map(|i| pairs.get(&(s, g, i)));
                held.map(|&b| items[b].kind)
                    .next()
                    .or_else(|| base_section.and_then(|b| b.groups.first()).map(|g| g.kind))
                    .unwrap_or(GroupKind::Other)
            });
            let existing = base_section
                .and_then(|b| {
                    b.groups
                        .iter()
                        .find(|bg| bg.kind == kind && !claimed.contains(&bg.id))
                })
                .map(|bg| bg.id.clone());
            let id = existing
                .unwrap_or_else(|| new_group_id(&section_id, kind, plan, group.label.clone()));
            claimed.push(id.clone());
            row.push((id, kind));
        }
        targets.push(row);
    }
    targets
}

fn new_group_id(
    section: &str,
    kind: GroupKind,
    plan: &mut Alignment,
    label: Option<String>,
) -> String {
    let stem = format!("{section}.{}", kind.key());
    let id = (1..)
        .map(|n| {
            if n == 1 {
                stem.clone()
            } else {
                format!("{stem}-{n}")
            }
        })
        .find(|id| plan.new_groups.iter().all(|g| &g.id != id))
        .unwrap_or(stem);
    plan.new_groups.push(NewGroup {
        id: id.clone(),
        kind,
        label,
    });
    id
}

/// Each page item becomes an edit of its base item (moved when the page shows it in another
/// group or out of the base's order), or a new item; then each is placed as the page has it.
fn place_items(
    src: &SrcPurposes,
    items: &[BaseItem],
    pairs: &BTreeMap<At, usize>,
    targets: &[Vec<(String, GroupKind)>],
    plan: &mut Alignment,
) {
    let mut added = 0;
    for (s, section) in src.sections.iter().enumerate() {
        for (g, group) in section.groups.iter().enumerate() {
            let (group_id, _) = &targets[s][g];
            let mut placed: Vec<Placed> = Vec::new();
            for (i, item) in group.items.iter().enumerate() {
                let matched = pairs.get(&(s, g, i)).map(|&b| (b, &items[b]));
                match matched {
                    Some((at, b)) => {
                        let mut edit = edit_of(item, b);
                        if &b.group == group_id {
                            plan.counts.matched += 1;
                            placed.push(Placed::Kept(b.id.clone(), at));
                        } else {
                            edit.to = Some(group_id.clone());
                            plan.counts.moved += 1;
                            placed.push(Placed::Moved(b.id.clone()));
                        }
                        plan.items.push(edit);
                        plan.matched_ids.push(b.id.clone());
                    }
                    None => {
                        added += 1;
                        plan.counts.added += 1;
                        let new = new_item(item, group_id, added);
                        placed.push(Placed::New(new.id.clone()));
                        plan.new_items.push(new);
                    }
                }
            }
            plan.counts.reordered += out_of_order(&placed);
            apply_places(&placed, plan);
        }
    }
    plan.counts.reworded = plan.items.iter().filter(|e| e.reworded).count();
    plan.counts.explained = src
        .sections
        .iter()
        .flat_map(|s| &s.groups)
        .flat_map(|g| &g.items)
        .filter(|i| !i.more.is_empty())
        .count();
}

/// Writes each item's place (from `order::places`) on its edit or new item.
fn apply_places(group: &[Placed], plan: &mut Alignment) {
    for place in places(group) {
        if let Some(new) = plan.new_items.iter_mut().find(|n| n.id == place.id) {
            new.after = place.after;
            continue;
        }
        if !place.moves {
            continue;
        }
        if let Some(edit) = plan.items.iter_mut().rev().find(|e| e.id == place.id) {
            edit.after = place.after;
            edit.before = place.before;
        }
    }
}

/// The edit of a base item the page shows: its text when the page words it otherwise (beyond
/// width of characters and spaces), its ＊ mark and contractors.
fn edit_of(item: &SrcItem, base: &BaseItem) -> ItemEdit {
    let reworded = norm(&item.text) != base.texts[0];
    // Bullets explaining the item make its text Markdown; its first line keeps it the base's.
    let text = if item.more.is_empty() {
        reworded.then(|| item.text.clone())
    } else {
        Some(item.markdown())
    };
    ItemEdit {
        id: base.id.clone(),
        text,
        reworded,
        consent: item.consent,
        note: item.note.clone(),
        ..ItemEdit::default()
    }
}

fn new_item(item: &SrcItem, group: &str, n: usize) -> NewItem {
    NewItem {
        id: format!("{group}.added-{n}"),
        text: if item.more.is_empty() {
            item.text.clone()
        } else {
            item.markdown()
        },
        consent: item.consent,
        note: item.note.clone(),
        ..NewItem::default()
    }
}

/// Base items the page does not show are removed: a whole section when the page has none of
/// it, a whole group when none of its items is shown, else item by item.
fn remove_absent(src: &SrcPurposes, base: &Base, plan: &mut Alignment) {
    let shown: HashSet<&str> = plan.matched_ids.iter().map(String::as_str).collect();
    let present: HashSet<&str> = src
        .sections
        .iter()
        .filter_map(|s| s.base_id.as_deref())
        .collect();
    let mut removals = Vec::new();
    for section in &base.policy.sections {
        let count: usize = section.groups.iter().map(|g| g.items.len()).sum();
        let any_shown = section
            .groups
            .iter()
            .flat_map(|g| &g.items)
            .any(|i| shown.contains(i.id.as_str()));
        if !present.contains(section.id.as_str()) && !any_shown {
            plan.sections.push(SectionEdit {
                id: section.id.clone(),
                remove: true,
                ..SectionEdit::default()
            });
            plan.counts.removed += count;
            continue;
        }
        for group in &section.groups {
            let absent: Vec<&str> = group
                .items
                .iter()
                .map(|i| i.id.as_str())
                .filter(|id| !shown.contains(id))
                .collect();
            if absent.len() == group.items.len() && !group.items.is_empty() {
                plan.removed_groups.push(group.id.clone());
            } else {
                removals.extend(absent.iter().map(|id| id.to_string()));
            }
            plan.counts.removed += absent.len();
        }
    }
    for id in removals {
        plan.items.push(ItemEdit {
            id,
            remove: true,
            ..ItemEdit::default()
        });
    }
    let groups_removed = plan.removed_groups.clone();
    plan.items.retain(|e| {
        !(e.remove
            && groups_removed
                .iter()
                .any(|g| e.id.starts_with(&format!("{g}."))))
    });
}

/// Section titles and intros that the page words otherwise.
fn edit_sections(src: &SrcPurposes, base: &Base, plan: &mut Alignment) {
    for section in &src.sections {
        let Some(b) = base
            .policy
            .sections
            .iter()
            .find(|b| Some(&b.id) == section.base_id.as_ref())
        else {
            continue;
        };
        let mut edit = SectionEdit {
            id: b.id.clone(),
            ..SectionEdit::default()
        };
        let title = norm(&section.title);
        if src.table && title != norm(&b.short_title) {
            edit.short_title = Some(section.title.clone());
        } else if !src.table && title != norm(&b.title) {
            edit.title = Some(section.title.clone());
        }
        let base_intro = b
            .intro
            .as_deref()
            .map(|i| i.replace(CLAUSE, &base.meta.mynumber_clause));
        let clause = section
            .intro
            .as_deref()
            .zip(b.intro.as_deref())
            .and_then(|(intro, template)| mynumber_clause(intro, template));
        match (&section.intro, &base_intro) {
            (Some(intro), Some(b)) if norm(intro) == norm(b) => {}
            (Some(_), Some(_)) if clause.is_some() => {
                plan.mynumber_clause = clause.map(|c| (b.id.clone(), c));
            }
            (Some(intro), _) => edit.intro = Some(intro.clone()),
            (None, Some(_)) => edit.intro = Some(String::new()),
            (None, None) => {}
        }
        if edit.title.is_some() || edit.short_title.is_some() || edit.intro.is_some() {
            plan.sections.push(edit);
        }
    }
}

/// Group labels: one per kind in `[labels]` when the page words a kind the same everywhere,
/// else on the group.
/// Groups the page lists with no heading of their own get `label = ""`: every kind shown, in
/// `[labels]`, when no group of the page has a heading; else each such group. A table's cells
/// are headed by its columns, so it has none.
fn headless_groups(src: &SrcPurposes, targets: &[Vec<(String, GroupKind)>], plan: &mut Alignment) {
    if src.table {
        return;
    }
    let all = src.sections.iter().flat_map(|s| &s.groups);
    let none_labelled = all.clone().all(|g| g.label.is_none());
    for (s, section) in src.sections.iter().enumerate() {
        for (g, group) in section.groups.iter().enumerate() {
            let (id, kind) = &targets[s][g];
            if group.label.is_some() {
                continue;
            }
            if let Some(new) = plan.new_groups.iter_mut().find(|n| &n.id == id) {
                new.label = Some(String::new());
            } else if none_labelled {
                plan.labels.insert(*kind, String::new());
            } else {
                plan.group_labels.push((id.clone(), String::new()));
            }
        }
    }
}

fn edit_labels(
    src: &SrcPurposes,
    base: &Base,
    targets: &[Vec<(String, GroupKind)>],
    plan: &mut Alignment,
) {
    let mut by_kind: BTreeMap<GroupKind, Vec<(String, String)>> = BTreeMap::new();
    for (kind, label) in &src.column_labels {
        by_kind
            .entry(*kind)
            .or_default()
            .push((String::new(), label.clone()));
    }
    for (s, section) in src.sections.iter().enumerate() {
        for (g, group) in section.groups.iter().enumerate() {
            let (id, kind) = &targets[s][g];
            let new = plan.new_groups.iter().any(|n| &n.id == id);
            if let (Some(label), false) = (&group.label, new) {
                by_kind
                    .entry(*kind)
                    .or_default()
                    .push((id.clone(), label.clone()));
            }
        }
    }
    for (kind, labels) in by_kind {
        let default = base
            .meta
            .labels
            .get(&kind)
            .map(|l| norm(l))
            .unwrap_or_default();
        let first = &labels[0].1;
        if labels.iter().all(|(_, l)| norm(l) == norm(first)) {
            if norm(first) != default {
                plan.labels.insert(kind, first.clone());
            }
        } else {
            let differing = labels
                .into_iter()
                .filter(|(id, l)| !id.is_empty() && norm(l) != default);
            plan.group_labels.extend(differing);
        }
    }
}

/// New items that are a removed base item in other words count as pasted.
fn count_near_removed(items: &[BaseItem], plan: &mut Alignment) {
    let removed: Vec<&BaseItem> = items
        .iter()
        .filter(|b| !plan.matched_ids.contains(&b.id))
        .collect();
    plan.near_removed_chars = plan
        .new_items
        .iter()
        .map(|n| norm(&n.text))
        .filter(|text| {
            removed
                .iter()
                .any(|b| b.texts.iter().any(|t| similarity(text, t) >= 0.8))
        })
        .map(|text| text.chars().count())
        .sum();
}
