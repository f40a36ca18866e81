//! The pages of their own that several files bring (see `site`): each becomes a
//! `[[new_page]]` with its prose as the body; a consent page also marks its items `consent =
//! true` on the purposes, each one's explanation its `consent_note`, and adds an item the
//! purposes lack in the group of its nearest base item.

use super::align::{Alignment, ItemEdit, NewItem};
use super::blocks::{Block, norm, strip_bullets, strip_consent};
use super::draft::Draft;
use super::markdown::{escape, to_markdown};
use super::outline::similarity;
use super::site::{ExtraKind, ExtraPage};
use crate::model::Base;

/// Least similarity for a consent page's item to be a purposes item.
const NEAR: f32 = 0.6;

/// A `[[new_page]]` of the override.
#[derive(Debug, Clone, Default)]
pub struct NewPageDraft {
    pub id: String,
    pub title: String,
    pub file: String,
    /// The page's Markdown (`unions/SLUG/<id>.md`); empty for none.
    pub body: String,
    pub sections: Vec<String>,
    pub consent: bool,
}

/// Drafts each page of its own; returns for the report `(file, what it became)`.
pub fn apply(d: &mut Draft, pages: Vec<ExtraPage>, base: &Base) -> Vec<(String, String)> {
    let mut became = Vec::new();
    for page in pages {
        let (id, what) = match &page.kind {
            ExtraKind::Section(id) => (id.clone(), format!("[[new_page]] sections = [\"{id}\"]")),
            ExtraKind::Consent => (
                "consent".to_string(),
                "[[new_page]] kind = \"consent\"".into(),
            ),
            ExtraKind::Other => (page_id(d, &page.file), "[[new_page]] (Markdown)".into()),
        };
        let prose = if page.kind == ExtraKind::Consent {
            consent_items(d, page.blocks.clone(), base)
        } else {
            page.blocks.clone()
        };
        d.tally.structural += norm(&page.title).chars().count();
        let body = to_markdown(&prose);
        let pasted = norm(&prose.iter().map(Block::text).collect::<String>())
            .chars()
            .count();
        if pasted > 0 {
            d.tally.pasted += pasted;
            d.tally
                .prose
                .push((format!("{id}.md"), pasted, "a page of its own (its body)"));
        }
        became.push((page.file.clone(), format!("{what} `{id}`")));
        d.new_pages.push(NewPageDraft {
            file: format!("{id}.md"),
            consent: page.kind == ExtraKind::Consent,
            sections: match page.kind {
                ExtraKind::Section(s) => vec![s],
                _ => Vec::new(),
            },
            id,
            title: page.title,
            body,
        });
    }
    became
}

/// A page id from the file's stem when it is a usable one (`storage.html` → storage), else
/// `page-N`; never one a standard or earlier page has.
fn page_id(d: &Draft, file: &str) -> String {
    let stem = file
        .rsplit_once('.')
        .map_or(file, |(s, _)| s)
        .to_ascii_lowercase();
    let taken = |id: &str| {
        [
            "index", "purposes", "safety", "requests", "contact", "history", "consent", "print",
        ]
        .contains(&id)
            || d.new_pages.iter().any(|p| p.id == id)
    };
    if crate::load::union::is_valid_slug(&stem) && !taken(&stem) {
        return stem;
    }
    (1..)
        .map(|n| format!("page-{n}"))
        .find(|id| !taken(id))
        .unwrap_or_default()
}

/// Marks the consent page's items on the purposes; returns the page's other blocks (its body).
fn consent_items(d: &mut Draft, blocks: Vec<Block>, base: &Base) -> Vec<Block> {
    let Some(mut alignment) = d.alignment.take() else {
        // No purposes list to mark (a narrative or a table of kinds): the page stays prose.
        return blocks;
    };
    let mut rest = Vec::new();
    let mut added = 0;
    for block in blocks {
        let Some((item, note)) = consent_item(&block) else {
            rest.push(block);
            continue;
        };
        d.tally.structural += norm(&item).chars().count();
        let n = norm(&note).chars().count();
        if n > 0 {
            d.tally.pasted += n;
            d.tally.prose.push((
                "consent notes".into(),
                n,
                "an item's explanation on the consent page",
            ));
        }
        let note = (!note.is_empty()).then(|| escape(&note));
        if !mark(&mut alignment, &item, note.clone(), base) {
            added += 1;
            add_item(&mut alignment, &item, note, added, base);
        }
    }
    d.alignment = Some(alignment);
    rest
}

/// An item of the consent page and its explanation: a table row 項目 | 理由 (not the header),
/// or a bullet 「項目：理由」.
fn consent_item(block: &Block) -> Option<(String, String)> {
    let cell = |c: &Vec<Block>| c.iter().map(Block::text).collect::<Vec<_>>().join("\n");
    let (item, note) = match block {
        Block::Row(cells) if cells.len() >= 2 => {
            let note: Vec<String> = cells[1..].iter().map(cell).collect();
            (cell(&cells[0]), note.join("\n\n"))
        }
        Block::Bullet(text) => match text.split_once(['：', ':']) {
            Some((item, note)) => (item.to_string(), note.trim().to_string()),
            None => (text.clone(), String::new()),
        },
        _ => return None,
    };
    let item = strip_consent(strip_bullets(item.trim()))
        .1
        .trim()
        .to_string();
    let header = ["項目", "利用目的", "目的"].contains(&item.as_str());
    (!item.is_empty() && !header).then_some((item, note.trim().to_string()))
}

/// Marks the purposes item nearest the text (a base item shown, or a new item); false when
/// none is near enough.
fn mark(a: &mut Alignment, text: &str, note: Option<String>, base: &Base) -> bool {
    let wanted = norm(text);
    let score = |t: &str| similarity(&wanted, &norm(t));
    let edits = a
        .matched_ids
        .iter()
        .map(|id| (score(&base_text(base, id)), Some(id.clone()), None));
    let news = a
        .new_items
        .iter()
        .enumerate()
        .map(|(i, n)| (score(&n.text), None, Some(i)));
    let best = edits.chain(news).max_by(|x, y| x.0.total_cmp(&y.0));
    let Some((_, id, new)) = best.filter(|b| b.0 >= NEAR) else {
        return false;
    };
    if let Some(i) = new {
        a.new_items[i].consent = true;
        a.new_items[i].consent_note = note;
    } else if let Some(id) = id {
        // An item shown exactly as the base has it has no edit yet.
        let i = match a.items.iter().position(|e| e.id == id) {
            Some(i) => i,
            None => {
                a.items.push(ItemEdit {
                    id,
                    ..ItemEdit::default()
                });
                a.items.len() - 1
            }
        };
        a.items[i].consent = true;
        a.items[i].consent_note = note;
    }
    true
}

/// A ＊ item the purposes lack: new, after the shown base item nearest to it (so in a group of
/// the same kind of use).
fn add_item(a: &mut Alignment, text: &str, note: Option<String>, n: usize, base: &Base) {
    let wanted = norm(text);
    let nearest = a
        .matched_ids
        .iter()
        .map(|id| (similarity(&wanted, &norm(&base_text(base, id))), id))
        .max_by(|x, y| x.0.total_cmp(&y.0));
    let Some((_, after)) = nearest else {
        return;
    };
    let group = after.rsplit_once('.').map_or(after.as_str(), |(g, _)| g);
    a.new_items.push(NewItem {
        id: format!("{group}.consent-{n}"),
        text: text.to_string(),
        consent: true,
        consent_note: note,
        after: Some(after.clone()),
        ..NewItem::default()
    });
    a.counts.added += 1;
}

/// A base item's text by its full id (`section.group.item`).
fn base_text(base: &Base, id: &str) -> String {
    for s in &base.policy.sections {
        for g in &s.groups {
            for i in &g.items {
                if format!("{}.{}.{}", s.id, g.id, i.id) == id || i.id == id {
                    return i.text.clone();
                }
            }
        }
    }
    String::new()
}
