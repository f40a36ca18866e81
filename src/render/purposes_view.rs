//! The purposes of use shaped for display: labels bracketed, numbers written out, item texts,
//! intros and notes turned from Markdown into HTML, the table's cells decided.

use serde::Serialize;

use super::markdown::{self, Fragment};
use crate::model::{Group, GroupKind, Item, Layout, Presentation, RowHeader, Section, UnionSite};
use crate::text::numbering::Numbering;

/// One item ready to show.
#[derive(Serialize)]
pub struct ItemView {
    pub id: String,
    /// The text as written (Markdown, placeholders filled).
    pub text: String,
    /// The text as HTML: inline when one paragraph, else blocks (see `block`).
    pub html: String,
    pub block: bool,
    /// The item's number as the union writes it (`(1)`, `①`…), or empty: a bullet.
    pub marker: String,
    pub consent: bool,
    /// 「（外部委託先は、… TEL …）」, or empty.
    pub contractor_note: String,
    /// The same note's parts, for a theme that links the phone numbers: the label
    /// (「外部委託先」) and each contractor; empty when the item names none.
    pub contractor_label: String,
    pub contractors: Vec<ContractorView>,
    /// The consent page's note under the item (`consent_note`) as HTML, or empty.
    pub consent_note: String,
}

/// A contractor as an item's note names it.
#[derive(Serialize)]
pub struct ContractorView {
    pub name: String,
    pub phone: Option<String>,
    /// The phone number as a `tel:` link dials it (digits and `+`), when it has any.
    pub tel: Option<String>,
}

/// A heading split so that its closing bracket never starts a line alone: `head`, then `tail`
/// (its last two characters, kept together), when the heading ends in a bracket.
#[derive(Serialize)]
pub struct Glued {
    pub head: String,
    pub tail: String,
}

impl Glued {
    pub fn new(text: &str) -> Glued {
        let closes = text
            .chars()
            .last()
            .is_some_and(|c| "＞>】〕］）」』》〉)]".contains(c));
        let cut = text.char_indices().rev().nth(1).map(|(at, _)| at);
        match cut {
            Some(at) if closes && at > 0 => Glued {
                head: text[..at].to_string(),
                tail: text[at..].to_string(),
            },
            _ => Glued {
                head: text.to_string(),
                tail: String::new(),
            },
        }
    }
}

/// One group ready to show.
#[derive(Serialize)]
pub struct GroupView {
    pub id: String,
    /// The label with its brackets, e.g. 【健保組合等の内部での利用に係る事例】; empty when the
    /// group has no heading.
    pub label: String,
    /// The same, split so the closing bracket stays on the line of the word before it.
    pub label_glued: Glued,
    pub kind: &'static str,
    pub items: Vec<ItemView>,
    /// The note after the items, as HTML blocks.
    pub note: Option<String>,
}

/// One section ready to show, in list or table form.
#[derive(Serialize)]
pub struct SectionView {
    pub id: String,
    pub number: usize,
    /// The number as the union writes it, with the space the title needs (`1. `), or empty.
    pub marker: String,
    pub title: String,
    pub short_title: String,
    /// What heads the section's row in the table: `short_title` or `title`.
    pub row_header: String,
    /// A heading shown before the section.
    pub heading: Option<String>,
    /// The intro as written.
    pub intro: Option<String>,
    /// The intro as HTML.
    pub intro_html: Option<Fragment>,
    pub groups: Vec<GroupView>,
    /// Table layout: the group of the left column (internal use / receiving).
    pub left: Option<GroupView>,
    /// Table layout: the group of the right column (provision / providing).
    pub right: Option<GroupView>,
    /// Table layout: groups that span both columns, each on a row of its own.
    pub rows: Vec<GroupView>,
    /// Table layout: the section has one group, shown across both columns of its row (in
    /// place of `left`, `right` and `rows`).
    pub spans: bool,
    /// The note after the groups, as HTML blocks.
    pub note: Option<String>,
}

/// The words of the table layout.
#[derive(Serialize)]
pub struct TableView {
    /// Empty: no caption.
    pub caption: String,
    /// Empty: an empty corner cell.
    pub corner: String,
}

/// The purposes of use ready to show.
#[derive(Serialize)]
pub struct PurposesView {
    pub layout: Layout,
    pub sections: Vec<SectionView>,
    /// Column headers of the table layout.
    pub left_header: String,
    pub right_header: String,
    /// The same, split so the closing bracket stays on the line of the word before it.
    pub left_header_glued: Glued,
    pub right_header_glued: Glued,
    pub table: TableView,
    /// True when a section has a heading before it: in the list, sections and group labels
    /// then sit one level lower (h3, h4 under the h2 headings), so the outline stays valid.
    pub headed: bool,
    /// True when items carry numbers: they are listed in an `<ol>` with the number as text.
    pub numbered_items: bool,
    pub uses_consent: bool,
    pub consent_legend: String,
    /// The legend's first sentence: what ＊ means, without where to object (shown when the
    /// site has no window to point to).
    pub consent_legend_first: String,
}

/// Builds the purposes view of a union.
pub fn purposes(site: &UnionSite) -> PurposesView {
    let p = &site.presentation;
    let sections: Vec<SectionView> = site
        .policy
        .sections
        .iter()
        .enumerate()
        .map(|(n, s)| section(site, s, n + 1))
        .collect();
    let header = |kind| {
        site.policy
            .sections
            .iter()
            .flat_map(|s| &s.groups)
            .find(|g| g.kind == kind)
            .map(|g| p.label_style.wrap(&g.label))
            .unwrap_or_default()
    };
    let headed = sections.iter().any(|s| s.heading.is_some());
    let left_header = p
        .table
        .left
        .clone()
        .unwrap_or_else(|| header(GroupKind::Internal));
    let right_header = p
        .table
        .right
        .clone()
        .unwrap_or_else(|| header(GroupKind::External));
    PurposesView {
        layout: p.layout,
        left_header_glued: Glued::new(&left_header),
        right_header_glued: Glued::new(&right_header),
        left_header,
        right_header,
        table: TableView {
            caption: p.table.caption.clone(),
            corner: p.table.corner.clone(),
        },
        headed,
        numbered_items: item_numbering(p).is_some(),
        sections,
        uses_consent: site.uses_consent_mark(),
        consent_legend: site.consent_legend.clone(),
        consent_legend_first: first_sentence(&site.consent_legend),
    }
}

/// Section numbers as the union writes them; by default `1.` in the list and none in the table
/// (as the seeds number them).
fn section_numbering(p: &Presentation) -> Option<Numbering> {
    let default = match p.layout {
        Layout::List => "1.",
        Layout::Table => "",
    };
    let pattern = p.section_numbers.as_deref().unwrap_or(default);
    // Merge refused a pattern without a numeral: none is left to find here.
    Numbering::parse(pattern).ok().flatten()
}

fn item_numbering(p: &Presentation) -> Option<Numbering> {
    Numbering::parse(p.item_numbers.as_deref().unwrap_or(""))
        .ok()
        .flatten()
}

fn section(site: &UnionSite, s: &Section, number: usize) -> SectionView {
    let group = |g: &Group| group(site, g);
    let mut left = None;
    let mut right = None;
    let mut rows = Vec::new();
    for g in &s.groups {
        match g.kind.column() {
            Some(0) if left.is_none() => left = Some(group(g)),
            Some(1) if right.is_none() => right = Some(group(g)),
            _ => rows.push(group(g)),
        }
    }
    let p = &site.presentation;
    SectionView {
        id: s.id.clone(),
        number,
        marker: section_numbering(p).map_or_else(String::new, |n| n.marker(number)),
        title: s.title.clone(),
        short_title: s.short_title.clone(),
        row_header: match p.table.row_header {
            RowHeader::ShortTitle => s.short_title.clone(),
            RowHeader::Title => s.title.clone(),
        },
        heading: s.heading.clone(),
        intro: s.intro.clone(),
        intro_html: s.intro.as_deref().map(markdown::to_fragment),
        groups: s.groups.iter().map(group).collect(),
        left,
        right,
        rows,
        spans: s.groups.len() == 1,
        note: s.note.as_deref().map(markdown::to_blocks),
    }
}

fn group(site: &UnionSite, g: &Group) -> GroupView {
    let numbering = item_numbering(&site.presentation);
    let label = site.presentation.label_style.wrap(&g.label);
    GroupView {
        id: g.id.clone(),
        label_glued: Glued::new(&label),
        label,
        kind: g.kind.key(),
        // Numbers restart in every group.
        items: g
            .items
            .iter()
            .enumerate()
            .map(|(n, i)| item(site, i, numbering.as_ref().map(|p| p.marker(n + 1))))
            .collect(),
        note: g.note.as_deref().map(markdown::to_blocks),
    }
}

/// One item ready to show; `marker` is its number when the union numbers items.
pub(super) fn item(site: &UnionSite, i: &Item, marker: Option<String>) -> ItemView {
    let Fragment { html, block } = markdown::to_fragment(&i.text);
    ItemView {
        id: i.id.clone(),
        text: i.text.clone(),
        html,
        block,
        marker: marker.unwrap_or_default(),
        consent: i.consent,
        contractor_note: contractor_note(site, i),
        contractor_label: if i.contractors.is_empty() {
            String::new()
        } else {
            i.contractor_label
                .clone()
                .unwrap_or_else(|| "外部委託先".to_string())
        },
        contractors: i
            .contractors
            .iter()
            .filter_map(|id| site.contractor(id))
            .map(|c| ContractorView {
                name: c.name.clone(),
                phone: c.phone.clone(),
                tel: c
                    .phone
                    .as_deref()
                    .map(super::view::tel_digits)
                    .filter(|t| !t.is_empty()),
            })
            .collect(),
        consent_note: i
            .consent_note
            .as_deref()
            .map(|note| markdown::to_fragment(note).html)
            .unwrap_or_default(),
    }
}

/// 「（外部委託先は、A TEL 1、B TEL 2）」 as in seed 001.
pub fn contractor_note(site: &UnionSite, item: &Item) -> String {
    if item.contractors.is_empty() {
        return String::new();
    }
    let names: Vec<String> = item
        .contractors
        .iter()
        .filter_map(|id| site.contractor(id))
        .map(|c| match &c.phone {
            Some(phone) => format!("{} TEL {phone}", c.name),
            None => c.name.clone(),
        })
        .collect();
    let label = item.contractor_label.as_deref().unwrap_or("外部委託先");
    format!("（{label}は、{}）", names.join("、"))
}

/// Up to and including the first 「。」 (all of it when there is none).
fn first_sentence(text: &str) -> String {
    match text.find('。') {
        Some(at) => text[..at + '。'.len_utf8()].to_string(),
        None => text.to_string(),
    }
}
