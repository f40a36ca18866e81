//! How far a union has drifted from the base: the items it removed, added or reworded, and the
//! rewordings gone stale because the base changed the item after the union's last revision.
//! `kumiai diff`, `kumiai report`, the `stale-override` rule and the 改定履歴 page read it.

pub mod moves;

pub use moves::{MovedEntry, moved};

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use crate::model::{Base, Dates, Item, Origin, PageKind, UnionSite};

/// One union's deviations from the base, items in the base's order.
#[derive(Debug, Clone, Serialize)]
pub struct Deviation {
    pub slug: String,
    pub name: String,
    /// The base revision the union's site follows (always the current one: sites are rebuilt).
    pub base_revision: String,
    /// The latest of the union's own dates; see [`last_revision`].
    pub last_revision: Option<NaiveDate>,
    /// True when the union replaced the purposes page with its own text, so its items are not
    /// shown on the site whatever they say.
    pub purposes_replaced: bool,
    /// True when the union dropped the base's purposes wholesale (`[purposes] base = false`)
    /// for its own: `removed` still lists every base item, but they are one deviation.
    pub purposes_own: bool,
    /// The pages the union wrote itself (a base page whose whole body it replaced, or a page
    /// of its own): each is one deviation.
    pub own_pages: Vec<OwnPage>,
    pub removed: Vec<RemovedItem>,
    pub added: Vec<AddedItem>,
    pub reworded: Vec<RewordedItem>,
    /// Base sections, groups and items the union moved (they keep their ids).
    pub moved: Vec<MovedEntry>,
    /// The names of the rows of the union's table of personal data by kind (the base has none).
    pub data_kinds: Vec<String>,
    /// How many changes of its own the union makes, in all (see [`Deviation::total`]).
    pub changes: usize,
}

/// A page whose whole text is the union's.
#[derive(Debug, Clone, Serialize)]
pub struct OwnPage {
    pub id: String,
    pub title: String,
    /// True when it replaces a base page (`[[page]]` with `body`/`file`); false for a page of
    /// the union's own (`[[new_page]]`).
    pub replaces_base: bool,
}

/// A base item the union does not show (`remove = true`, or its group or section removed).
#[derive(Debug, Clone, Serialize)]
pub struct RemovedItem {
    pub id: String,
    pub base_text: String,
}

/// An item of the union's own (`[[new_item]]`).
#[derive(Debug, Clone, Serialize)]
pub struct AddedItem {
    pub id: String,
    pub text: String,
}

/// A base item whose wording the union replaced.
#[derive(Debug, Clone, Serialize)]
pub struct RewordedItem {
    pub id: String,
    /// The base's current text.
    pub base_text: String,
    /// The union's text.
    pub text: String,
    /// From the base's text to the union's, character by character.
    pub marks: Vec<Segment>,
    /// Set when the base changed this item after the union's last revision.
    pub stale: Option<Stale>,
}

/// A reworded item whose base text changed after the union last revised its policy: the
/// union's text was written against a wording the base no longer has.
#[derive(Debug, Clone, Serialize)]
pub struct Stale {
    /// The latest base change of this item after the union's last revision.
    pub changed: NaiveDate,
    /// The same day in 和暦 (half-width digits), for pages and messages.
    pub changed_wareki: String,
    /// The base text on the day of the union's last revision (the old wording nearest to the
    /// union's text when the union gives no dates).
    pub old_base_text: String,
    /// From the old base text to the current one.
    pub base_marks: Vec<Segment>,
    /// True when the union's text is exactly an old base text: it kept the base's old words.
    pub kept_old_text: bool,
}

/// A run of characters of a two-text comparison.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Segment {
    pub kind: SegmentKind,
    pub text: String,
}

/// Whether a run is in both texts, only the first, or only the second.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SegmentKind {
    Same,
    Removed,
    Inserted,
}

impl Deviation {
    /// How many changes of its own the union makes, as its footer, `diff` and `report` say:
    /// see [`count`]. A replaced purposes page hides every item, so then only the pages count;
    /// base purposes dropped wholesale are one change, not one per base item.
    pub fn total(&self) -> usize {
        self.changes
    }

    fn count(&self) -> usize {
        count(&Counts {
            purposes_shown: !self.purposes_replaced,
            purposes_own: self.purposes_own,
            removed: self.removed.len(),
            other: self.added.len()
                + self.reworded.len()
                + self.moved.len()
                + self.data_kinds.len(),
            pages: self.own_pages.len(),
        })
    }

    /// The wholesale replacements, each counted as one deviation, named for people: the
    /// purposes page replaced by the union's own text, the base's purposes dropped for the
    /// union's own, and every other page the union wrote itself.
    pub fn wholesale(&self, lang: crate::diagnostic::Lang) -> Vec<String> {
        let ja = lang == crate::diagnostic::Lang::Ja;
        let mut out = Vec::new();
        if self.purposes_own {
            out.push(if ja {
                format!(
                    "標準文例の利用目的（{} 項目）を外し、組合独自の利用目的に置き換え",
                    self.removed.len()
                )
            } else {
                format!(
                    "the base's purposes ({} items) dropped for the union's own",
                    self.removed.len()
                )
            });
        }
        for page in &self.own_pages {
            out.push(match (ja, page.replaces_base) {
                (true, true) => format!(
                    "「{}」（{}.html）を組合独自の本文に置き換え",
                    page.title, page.id
                ),
                (true, false) => format!("組合独自のページ「{}」（{}.html）", page.title, page.id),
                (false, true) => format!(
                    "“{}” ({}.html) replaced by the union's own text",
                    page.title, page.id
                ),
                (false, false) => {
                    format!("the union's own page “{}” ({}.html)", page.title, page.id)
                }
            });
        }
        out
    }

    /// The reworded items that have gone stale.
    pub fn stale(&self) -> impl Iterator<Item = (&RewordedItem, &Stale)> {
        self.reworded
            .iter()
            .filter_map(|r| r.stale.as_ref().map(|s| (r, s)))
    }
}

/// The latest of a union's own dates (revisions, published, effective, established). `None`
/// when it gives none: every base change then counts as after it, since nothing shows that
/// the union has seen it (but a reworded item is stale only if its text is nearer an old base
/// wording than the current one; see `stale`).
pub fn last_revision(dates: &Dates) -> Option<NaiveDate> {
    dates
        .revisions
        .iter()
        .map(|r| r.date)
        .chain(
            [dates.published, dates.effective, dates.established]
                .into_iter()
                .flatten(),
        )
        .max()
}

/// Compares a merged union with the base it was merged from.
pub fn deviation(base: &Base, site: &UnionSite) -> Deviation {
    let shown: BTreeMap<&str, &Item> = items(&site.policy).map(|i| (i.id.as_str(), i)).collect();
    let last = last_revision(&site.dates);
    let mut removed = Vec::new();
    let mut reworded = Vec::new();
    for base_item in items(&base.policy) {
        match shown.get(base_item.id.as_str()) {
            None => removed.push(RemovedItem {
                id: base_item.id.clone(),
                base_text: base_item.text.clone(),
            }),
            Some(item) if item.origin == Origin::Reworded && item.text != base_item.text => {
                reworded.push(RewordedItem {
                    id: item.id.clone(),
                    marks: char_diff(&base_item.text, &item.text),
                    stale: stale(site, &base_item.text, item, last),
                    base_text: base_item.text.clone(),
                    text: item.text.clone(),
                });
            }
            Some(_) => {}
        }
    }
    let added = items(&site.policy)
        .filter(|i| i.origin == Origin::Added)
        .map(|i| AddedItem {
            id: i.id.clone(),
            text: i.text.clone(),
        })
        .collect();
    let own_pages = site
        .pages
        .iter()
        .filter(|p| p.replaced)
        .map(|p| OwnPage {
            id: p.id.clone(),
            title: p.title.clone(),
            replaces_base: base.pages.iter().any(|b| b.id == p.id),
        })
        .collect();
    let mut d = Deviation {
        slug: site.slug.clone(),
        name: site.identity.name.clone(),
        base_revision: site.base.revision.clone(),
        last_revision: last,
        purposes_replaced: !site
            .pages
            .iter()
            .any(|p| p.kind == PageKind::Purposes && !p.replaced),
        purposes_own: !site.purposes_base,
        own_pages,
        removed,
        added,
        reworded,
        moved: moved(base, site),
        data_kinds: data_kind_names(site),
        changes: 0,
    };
    d.changes = d.count();
    d
}

fn data_kind_names(site: &UnionSite) -> Vec<String> {
    site.data_kinds
        .iter()
        .flat_map(|t| &t.kinds)
        .map(|k| k.name.clone())
        .collect()
}

/// What the one count of a union's own changes is made of.
struct Counts {
    /// False when the union replaced its purposes page with its own text.
    purposes_shown: bool,
    /// True when it dropped the base's purposes for its own (`[purposes] base = false`).
    purposes_own: bool,
    /// Base items it does not show.
    removed: usize,
    /// Items added and reworded, entries moved, rows of its data-kinds table.
    other: usize,
    /// Pages it wrote itself.
    pages: usize,
}

/// The one count of a union's own changes: items removed, added and reworded, entries moved,
/// rows of its data-kinds table, and pages it wrote itself (a replaced base page or a page of
/// its own), each once. A replaced purposes page counts once, not once per item it hides; the
/// base's purposes dropped wholesale count once, not once per base item.
fn count(c: &Counts) -> usize {
    if !c.purposes_shown {
        return c.pages;
    }
    let removed = if c.purposes_own {
        usize::from(c.removed > 0)
    } else {
        c.removed
    };
    removed + c.other + c.pages
}

/// How many changes of its own a union's site shows against the base: [`Deviation::total`],
/// counted, not compared: every build counts every union it renders, so this stays clear of
/// [`deviation`]'s character diffs and staleness scores.
pub fn own_changes(base: &Base, site: &UnionSite) -> usize {
    let pages = site.pages.iter().filter(|p| p.replaced).count();
    let purposes_shown = site
        .pages
        .iter()
        .any(|p| p.kind == PageKind::Purposes && !p.replaced);
    if !purposes_shown {
        return pages;
    }
    let shown: BTreeMap<&str, &Item> = items(&site.policy).map(|i| (i.id.as_str(), i)).collect();
    let (mut removed, mut reworded) = (0, 0);
    for b in items(&base.policy) {
        match shown.get(b.id.as_str()) {
            None => removed += 1,
            Some(item) if item.origin == Origin::Reworded && item.text != b.text => reworded += 1,
            Some(_) => {}
        }
    }
    let added = items(&site.policy)
        .filter(|i| i.origin == Origin::Added)
        .count();
    let structure = moved(base, site).len() + site.data_kinds.as_ref().map_or(0, |t| t.kinds.len());
    count(&Counts {
        purposes_shown,
        purposes_own: !site.purposes_base,
        removed,
        other: reworded + added + structure,
        pages,
    })
}

/// The item's base change the union's text has not followed, if any: a change after the union's
/// last revision, when the union's text is nearer to a wording the base had before it than to
/// the current one. A union that gives no dates is stale only when its text is strictly nearer
/// an old wording (it cannot be shown to predate the change otherwise); one whose last revision
/// predates the change is stale unless its text is strictly nearer the current wording.
fn stale(site: &UnionSite, current: &str, item: &Item, last: Option<NaiveDate>) -> Option<Stale> {
    let changes: Vec<_> = site
        .base
        .changes_of(&item.id)
        .filter(|c| last.is_none_or(|day| c.date > day))
        .collect();
    let changed = changes.iter().map(|c| c.date).max()?;
    let nearness = |text: &str| similar::TextDiff::from_chars(text, item.text.as_str()).ratio();
    let (nearest_old, old_nearness) = changes
        .iter()
        .map(|c| (c.old.as_str(), nearness(&c.old)))
        .fold(None::<(&str, f32)>, |best, (text, r)| match best {
            Some((_, b)) if b >= r => best,
            _ => Some((text, r)),
        })?;
    let current_nearness = nearness(current);
    let predates = match last {
        Some(_) => old_nearness >= current_nearness,
        None => old_nearness > current_nearness,
    };
    if !predates {
        return None;
    }
    let old = match last {
        Some(_) => site.base.text_on(&item.id, current, last),
        None => nearest_old,
    }
    .to_string();
    Some(Stale {
        changed,
        changed_wareki: crate::text::wareki::format(changed, crate::model::Digits::Half),
        base_marks: char_diff(&old, current),
        kept_old_text: changes.iter().any(|c| c.old == item.text),
        old_base_text: old,
    })
}

fn items(policy: &crate::model::Policy) -> impl Iterator<Item = &Item> {
    policy
        .sections
        .iter()
        .flat_map(|s| &s.groups)
        .flat_map(|g| &g.items)
}

/// `old` → `new`, character by character, with neighbouring characters of one kind joined.
pub fn char_diff(old: &str, new: &str) -> Vec<Segment> {
    let diff = similar::TextDiff::from_chars(old, new);
    let mut out: Vec<Segment> = Vec::new();
    for change in diff.iter_all_changes() {
        let kind = match change.tag() {
            similar::ChangeTag::Equal => SegmentKind::Same,
            similar::ChangeTag::Delete => SegmentKind::Removed,
            similar::ChangeTag::Insert => SegmentKind::Inserted,
        };
        match out.last_mut() {
            Some(last) if last.kind == kind => last.text.push_str(change.value()),
            _ => out.push(Segment {
                kind,
                text: change.value().to_string(),
            }),
        }
    }
    out
}

/// The segments in plain text: `[-removed-]{+inserted+}`, for terminals without colour.
pub fn marked(segments: &[Segment]) -> String {
    segments
        .iter()
        .map(|s| match s.kind {
            SegmentKind::Same => s.text.clone(),
            SegmentKind::Removed => format!("[-{}-]", s.text),
            SegmentKind::Inserted => format!("{{+{}+}}", s.text),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Revision;

    #[test]
    fn char_diff_marks_the_changed_characters_only() {
        let segments = char_diff(
            "健康保険被保険者証の発行管理",
            "健康保険資格確認書の発行管理",
        );
        assert_eq!(
            marked(&segments),
            "健康保険[-被保険者証-]{+資格確認書+}の発行管理"
        );
        assert_eq!(marked(&char_diff("同じ", "同じ")), "同じ");
    }

    #[test]
    fn last_revision_is_the_latest_of_every_date() {
        let day = |m, d| NaiveDate::from_ymd_opt(2021, m, d);
        let dates = Dates {
            established: day(1, 1),
            effective: day(9, 1),
            published: None,
            revisions: vec![Revision {
                date: day(10, 29).unwrap_or_default(),
                note: String::new(),
            }],
        };
        assert_eq!(last_revision(&dates), day(10, 29));
        assert_eq!(last_revision(&Dates::default()), None);
    }
}

#[cfg(test)]
mod own_changes_tests {
    use std::path::Path;

    use super::*;

    /// The quick count agrees with the full comparison on every example union.
    #[test]
    fn the_count_agrees_with_the_deviation() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let base = crate::load::load_base(root).expect("the base loads");
        let unions = crate::load::list_unions(root).expect("unions/");
        assert!(unions.len() >= 5);
        for path in unions {
            let file = crate::load::load_union(&path).expect("the union loads");
            let site = crate::merge::merge(&base, &file).expect("the union merges");
            let d = deviation(&base, &site);
            assert_eq!(own_changes(&base, &site), d.total(), "{}", path.display());
            if d.purposes_own {
                assert!(d.removed.len() > 1 && d.total() < d.removed.len() + d.added.len());
            }
        }
    }
}
