//! Moves: `[[section]]`, `[[group]]` and `[[item]]` with `to`/`before`/`after` put a section,
//! group or item elsewhere, keeping its id (so the base's later wording changes still reach
//! it, and `kumiai diff` shows a move instead of a removal and an addition).
//!
//! Moves run after the additions, so a target may be the union's own, and before the other
//! edits, which find what they change by id wherever it now stands. An id that names nothing is
//! left to those edits to report, once.

use toml::Spanned;

use super::{Merger, What};
use crate::model::{Moved, MovedKind, Section};

/// A move as written: the entry's id, where to, and before/after which sibling.
struct Move<'e> {
    id: &'e Spanned<String>,
    to: Option<&'e Spanned<String>>,
    before: &'e Option<Spanned<String>>,
    after: &'e Option<Spanned<String>>,
}

impl Move<'_> {
    fn wanted(&self) -> bool {
        self.to.is_some() || self.before.is_some() || self.after.is_some()
    }
}

impl Merger<'_> {
    /// Applies every move of the override; returns what moved, in the order written.
    pub(super) fn moves(&mut self, sections: &mut Vec<Section>) -> Vec<Moved> {
        let doc = &self.file.doc;
        let mut moved = Vec::new();
        for e in &doc.section {
            let m = Move {
                id: &e.id,
                to: None,
                before: &e.before,
                after: &e.after,
            };
            if m.wanted() && self.move_section(sections, &m) {
                moved.push(record(MovedKind::Section, &e.id));
            }
        }
        for e in &doc.group {
            let m = Move {
                id: &e.id,
                to: e.to.as_ref(),
                before: &e.before,
                after: &e.after,
            };
            if m.wanted() && self.move_group(sections, &m) {
                moved.push(record(MovedKind::Group, &e.id));
            }
        }
        for e in &doc.item {
            let m = Move {
                id: &e.id,
                to: e.to.as_ref(),
                before: &e.before,
                after: &e.after,
            };
            if m.wanted() && self.move_item(sections, &m) {
                moved.push(record(MovedKind::Item, &e.id));
            }
        }
        moved
    }

    fn move_section(&mut self, sections: &mut Vec<Section>, m: &Move) -> bool {
        let Some(from) = sections.iter().position(|s| s.id == *m.id.get_ref()) else {
            return false;
        };
        let ids = sibling_ids(sections.iter().map(|s| &s.id), m.id);
        let Some(at) = self.place(m, &ids, What::Section) else {
            return false;
        };
        let section = sections.remove(from);
        sections.insert(at, section);
        true
    }

    fn move_group(&mut self, sections: &mut [Section], m: &Move) -> bool {
        let Some((si, gi)) = find_group(sections, m.id.get_ref()) else {
            return false;
        };
        let target = match m.to {
            None => si,
            Some(to) => match sections.iter().position(|s| s.id == *to.get_ref()) {
                Some(ti) => ti,
                None => {
                    let ids = sections.iter().map(|s| s.id.clone()).collect();
                    self.unknown(What::Section, to, ids);
                    return false;
                }
            },
        };
        let ids = sibling_ids(sections[target].groups.iter().map(|g| &g.id), m.id);
        let Some(at) = self.place(m, &ids, What::GroupInSection) else {
            return false;
        };
        let group = sections[si].groups.remove(gi);
        sections[target].groups.insert(at, group);
        true
    }

    fn move_item(&mut self, sections: &mut [Section], m: &Move) -> bool {
        let Some((si, gi, ii)) = find_item(sections, m.id.get_ref()) else {
            return false;
        };
        let (ts, tg) = match m.to {
            None => (si, gi),
            Some(to) => match find_group(sections, to.get_ref()) {
                Some(found) => found,
                None => {
                    self.unknown(What::Group, to, super::tree::all_group_ids(sections));
                    return false;
                }
            },
        };
        let items = &sections[ts].groups[tg].items;
        let ids = sibling_ids(items.iter().map(|i| &i.id), m.id);
        let Some(at) = self.place(m, &ids, What::ItemInGroup) else {
            return false;
        };
        let item = sections[si].groups[gi].items.remove(ii);
        sections[ts].groups[tg].items.insert(at, item);
        true
    }

    /// The index among `ids` (the target's entries, the moved one left out) that `before` /
    /// `after` name: before that sibling, after it, or at the end when neither is given.
    fn place(&mut self, m: &Move, ids: &[&str], what: What) -> Option<usize> {
        let (anchor, after) = match (m.before, m.after) {
            (Some(b), Some(_)) => {
                self.error_help(
                    b,
                    "conflict",
                    (
                        "give either `before` or `after`, not both".into(),
                        "`before` と `after` が両方書かれています".into(),
                    ),
                    (
                        "delete the `before` or the `after` line: keep the one that says where it goes".into(),
                        "置きたい場所を表す方だけを残し、`before` か `after` の行を消してください".into(),
                    ),
                );
                return None;
            }
            (Some(b), None) => (b, false),
            (None, Some(a)) => (a, true),
            (None, None) => return Some(ids.len()),
        };
        if anchor.get_ref() == m.id.get_ref() {
            self.beside_itself(anchor);
            return None;
        }
        match ids.iter().position(|id| id == anchor.get_ref()) {
            Some(i) => Some(if after { i + 1 } else { i }),
            None => {
                self.unknown(what, anchor, ids.iter().map(|s| s.to_string()).collect());
                None
            }
        }
    }

    fn beside_itself(&mut self, at: &Spanned<String>) {
        let id = at.get_ref();
        self.error_help(
            at,
            "conflict",
            (
                format!("`{id}` cannot be placed before or after itself"),
                format!("`{id}` を自分自身の前後に置くことはできません"),
            ),
            (
                "name the neighbour it should stand beside".into(),
                "隣に来るべき別の ID を書いてください".into(),
            ),
        );
    }
}

fn record(what: MovedKind, id: &Spanned<String>) -> Moved {
    Moved {
        what,
        id: id.get_ref().clone(),
    }
}

/// The siblings' ids without the entry being moved.
fn sibling_ids<'s>(
    ids: impl Iterator<Item = &'s String>,
    moving: &Spanned<String>,
) -> Vec<&'s str> {
    ids.filter(|id| *id != moving.get_ref())
        .map(String::as_str)
        .collect()
}

fn find_group(sections: &[Section], id: &str) -> Option<(usize, usize)> {
    sections.iter().enumerate().find_map(|(si, s)| {
        let gi = s.groups.iter().position(|g| g.id == id)?;
        Some((si, gi))
    })
}

fn find_item(sections: &[Section], id: &str) -> Option<(usize, usize, usize)> {
    sections.iter().enumerate().find_map(|(si, s)| {
        s.groups.iter().enumerate().find_map(|(gi, g)| {
            let ii = g.items.iter().position(|i| i.id == id)?;
            Some((si, gi, ii))
        })
    })
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use crate::load::UnionFile;
    use crate::model::UnionSite;

    fn merged(rest: &str) -> UnionSite {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let base = crate::load::load_base(root).expect("repo base loads");
        let source = format!("[union]\nname = \"A\"\n{rest}");
        let file = UnionFile::parse(&PathBuf::from("unions/t.toml"), source).expect("parses");
        super::super::merge(&base, &file).expect("merges")
    }

    fn section_ids(site: &UnionSite) -> Vec<&str> {
        site.policy.sections.iter().map(|s| s.id.as_str()).collect()
    }

    #[test]
    fn after_the_last_sibling_is_the_end() {
        let site = merged("[[section]]\nid = \"benefits\"\nafter = \"online\"\n");
        assert_eq!(section_ids(&site).last(), Some(&"benefits"));
        assert_eq!(section_ids(&site).first(), Some(&"premiums"));
        assert_eq!(site.moved.len(), 1);
    }

    #[test]
    fn a_group_without_to_reorders_in_its_section() {
        let site = merged("[[group]]\nid = \"claims.internal\"\n after = \"claims.review\"\n");
        let claims = &site.policy.sections[3];
        let ids: Vec<&str> = claims.groups.iter().map(|g| g.id.as_str()).collect();
        assert_eq!(ids, ["claims.external", "claims.review", "claims.internal"]);
    }

    #[test]
    fn a_moved_item_can_be_edited_and_anchored_to_new_items() {
        let site = merged(
            r#"
[[new_item]]
id = "health.internal.own"
text = "独自"
[[item]]
id = "benefits.internal.payment"
to = "health.internal"
after = "health.internal.own"
text = "別の文言"
"#,
        );
        let health = &site.policy.sections[2].groups[0];
        let last = health
            .items
            .last()
            .map(|i| (i.id.as_str(), i.text.as_str()));
        assert_eq!(last, Some(("benefits.internal.payment", "別の文言")));
    }
}
