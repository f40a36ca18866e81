//! Where a moved section, group or item stood in the base and where it stands on the site.

use serde::Serialize;

use crate::model::{Base, MovedKind, Policy, UnionSite};

/// A section, group or item the union moved, keeping its id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MovedEntry {
    pub what: MovedKind,
    pub id: String,
    /// Where it stands in the base.
    pub from: Place,
    /// Where it stands on the union's site.
    pub to: Place,
}

/// A place among siblings: the parent's id (a section for a group, a group for an item; empty
/// for a section) and the 1-based position there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Place {
    pub parent: String,
    pub position: usize,
}

impl Place {
    /// `benefits.internal, position 2` / `benefits.internal の2番目`.
    pub fn describe(&self, ja: bool) -> String {
        match (self.parent.is_empty(), ja) {
            (true, false) => format!("position {}", self.position),
            (true, true) => format!("{}番目", self.position),
            (false, false) => format!("{}, position {}", self.parent, self.position),
            (false, true) => format!("{} の{}番目", self.parent, self.position),
        }
    }
}

/// The base entries the union moved that stand elsewhere on its site. A move that left an entry
/// where it was, and a move of the union's own entry (already counted as added), are not listed.
pub fn moved(base: &Base, site: &UnionSite) -> Vec<MovedEntry> {
    site.moved
        .iter()
        .filter_map(|m| {
            let from = place(&base.policy, m.what, &m.id)?;
            let to = place(&site.policy, m.what, &m.id)?;
            (from != to).then(|| MovedEntry {
                what: m.what,
                id: m.id.clone(),
                from,
                to,
            })
        })
        .collect()
}

fn place(policy: &Policy, what: MovedKind, id: &str) -> Option<Place> {
    let at = |parent: &str, index: usize| Place {
        parent: parent.to_string(),
        position: index + 1,
    };
    let sections = &policy.sections;
    match what {
        MovedKind::Section => sections.iter().position(|s| s.id == id).map(|i| at("", i)),
        MovedKind::Group => sections.iter().find_map(|s| {
            let i = s.groups.iter().position(|g| g.id == id)?;
            Some(at(&s.id, i))
        }),
        MovedKind::Item => sections.iter().flat_map(|s| &s.groups).find_map(|g| {
            let i = g.items.iter().position(|item| item.id == id)?;
            Some(at(&g.id, i))
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_read_in_both_languages() {
        let item = Place {
            parent: "health.internal".into(),
            position: 2,
        };
        assert_eq!(item.describe(false), "health.internal, position 2");
        assert_eq!(item.describe(true), "health.internal の2番目");
        let section = Place {
            parent: String::new(),
            position: 1,
        };
        assert_eq!(section.describe(true), "1番目");
    }
}
