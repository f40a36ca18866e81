//! Where each item of a group goes, so the site lists them in the page's order: a base item the
//! page shows in another group moves there (`to`), a base item out of the base's order moves
//! within its group (`after`/`before`), and a new item follows the nearest item that stays put.
//! The merge adds new items first and then applies moves in the order written, which is the
//! page's order, so an anchor always exists by the time it is named.

use std::collections::HashSet;

/// One item of a group, in the page's order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Placed {
    /// A base item of this group, with its position in the base.
    Kept(String, usize),
    /// A base item of another group, shown in this one.
    Moved(String),
    /// An item the base lacks.
    New(String),
}

impl Placed {
    fn id(&self) -> &str {
        match self {
            Placed::Kept(id, _) | Placed::Moved(id) | Placed::New(id) => id,
        }
    }
}

/// Where one item is placed: after or before a sibling (`None`: stays, or the group's end).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Place {
    pub id: String,
    pub after: Option<String>,
    pub before: Option<String>,
    /// Whether the item moves (a kept item out of order, or a moved one).
    pub moves: bool,
}

/// The places of a group's items, in the page's order.
pub fn places(group: &[Placed]) -> Vec<Place> {
    let in_order = in_base_order(group);
    let moves = |p: &Placed| match p {
        Placed::Kept(id, _) => !in_order.contains(id.as_str()),
        Placed::Moved(_) => true,
        Placed::New(_) => false,
    };
    let mut out = Vec::new();
    for (at, item) in group.iter().enumerate() {
        let mut place = Place {
            id: item.id().to_string(),
            moves: moves(item),
            ..Place::default()
        };
        if place.moves {
            place.after = at.checked_sub(1).map(|p| group[p].id().to_string());
            if place.after.is_none() {
                // The first of the group: before the first item that is already there (the
                // items in between move after it, one by one, in the page's order).
                place.before = group[1..]
                    .iter()
                    .find(|next| !moves(next))
                    .map(|n| n.id().to_string());
            }
        } else if matches!(item, Placed::New(_)) {
            // A new item is added before any move: it follows the last item already there.
            place.after = group[..at]
                .iter()
                .rev()
                .find(|p| !moves(p))
                .map(|p| p.id().to_string());
        }
        out.push(place);
    }
    out
}

/// The kept items that already stand in the base's order (the longest such run): they stay,
/// the others move.
fn in_base_order(group: &[Placed]) -> HashSet<&str> {
    let kept: Vec<(&str, usize)> = group
        .iter()
        .filter_map(|p| match p {
            Placed::Kept(id, n) => Some((id.as_str(), *n)),
            _ => None,
        })
        .collect();
    // Longest increasing subsequence by patience sorting, with links back to rebuild it.
    let mut tails: Vec<usize> = Vec::new();
    let mut back: Vec<Option<usize>> = vec![None; kept.len()];
    for (i, &(_, n)) in kept.iter().enumerate() {
        let at = tails.partition_point(|&t| kept[t].1 < n);
        back[i] = at.checked_sub(1).map(|p| tails[p]);
        if at == tails.len() {
            tails.push(i);
        } else {
            tails[at] = i;
        }
    }
    let mut run = HashSet::new();
    let mut next = tails.last().copied();
    while let Some(i) = next {
        run.insert(kept[i].0);
        next = back[i];
    }
    run
}

/// How many kept items are out of the base's order.
pub fn out_of_order(group: &[Placed]) -> usize {
    let kept = group
        .iter()
        .filter(|p| matches!(p, Placed::Kept(..)))
        .count();
    kept - in_base_order(group).len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kept(id: &str, n: usize) -> Placed {
        Placed::Kept(id.into(), n)
    }

    #[test]
    fn out_of_order_items_move_after_their_page_neighbour() {
        let group = vec![
            kept("c", 2),
            kept("a", 0),
            Placed::New("n".into()),
            kept("b", 1),
        ];
        assert_eq!(out_of_order(&group), 1);
        let places = places(&group);
        assert!(places[0].moves && places[0].before.as_deref() == Some("a"));
        assert!(!places[1].moves);
        assert_eq!(places[2].after.as_deref(), Some("a"));
        assert!(!places[3].moves);
    }

    #[test]
    fn a_moved_item_follows_its_page_neighbour() {
        let group = vec![
            kept("a", 0),
            Placed::Moved("x".into()),
            Placed::New("n".into()),
        ];
        let places = places(&group);
        assert_eq!(places[1].after.as_deref(), Some("a"));
        assert!(places[1].moves);
        assert_eq!(
            places[2].after.as_deref(),
            Some("a"),
            "added before the move"
        );
        let reversed = [kept("c", 2), kept("b", 1), kept("a", 0)];
        assert_eq!(out_of_order(&reversed), 2);
        let places = super::places(&reversed);
        assert_eq!(places[0].before.as_deref(), Some("a"));
        assert_eq!(places[1].after.as_deref(), Some("c"));
    }
}
