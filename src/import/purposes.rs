//! The purposes as the page lays them out: sections (by the base's titles), group labels
//! (【…】, <…>), items with their ＊ marks and contractor notes, in a list or in the two-column
//! table. What is not part of that structure is handed back in order, untouched.

use super::blocks::{
    Block, is_bare_label, split_label, split_number, strip_bullets, strip_consent,
};
use super::contractors::{Note, note, split_note};
use super::dates::date_fact;
use super::identity::{is_identity_line, is_union_line};
use super::outline::section_of;
use crate::model::{Base, GroupKind};

/// One item as the page writes it.
#[derive(Debug, Clone, Default)]
pub struct SrcItem {
    pub text: String,
    pub consent: bool,
    pub note: Option<Note>,
    /// Written with a number (「①」): bullets under it explain it rather than being items.
    pub numbered: bool,
    /// The bullets explaining it, shown under it (its text becomes Markdown).
    pub more: Vec<String>,
}

impl SrcItem {
    /// The item as Markdown: its line, then its explanatory bullets, escaped to show as written.
    pub fn markdown(&self) -> String {
        let escape = super::markdown::escape;
        let mut out = escape(&self.text);
        if !self.more.is_empty() {
            out.push('\n');
            for line in &self.more {
                out.push_str("\n- ");
                out.push_str(&escape(line));
            }
        }
        out
    }
}

/// A group of items: its kind (from its label, or unknown for items without one).
#[derive(Debug, Clone)]
pub struct SrcGroup {
    pub kind: Option<GroupKind>,
    pub label: Option<String>,
    pub items: Vec<SrcItem>,
}

/// A section: the base section it is (or `None` for one the base lacks), as titled.
#[derive(Debug, Clone)]
pub struct SrcSection {
    pub base_id: Option<String>,
    pub title: String,
    pub intro: Option<String>,
    pub groups: Vec<SrcGroup>,
}

/// The purposes of a page.
#[derive(Debug, Default)]
pub struct SrcPurposes {
    pub sections: Vec<SrcSection>,
    pub table: bool,
    /// Bracket styles of the labels, in order seen (`lenticular`, `angle`, `square`).
    pub label_styles: Vec<&'static str>,
    /// Column labels of a table's header row, by kind.
    pub column_labels: Vec<(GroupKind, String)>,
    pub legend: Option<String>,
    /// The first section's number as the page writes it (「1.」, 「（１）」, 「①」).
    pub numbering: Option<String>,
    /// The first item's number as the page writes it (「①」, 「(1)」, 「ア」), when items are
    /// numbered.
    pub item_numbers: Option<String>,
    /// Blocks before the first section (the page's own introduction), and after it ends.
    pub before: Vec<Block>,
    pub after: Vec<Block>,
}

/// The kind of group a label names, by its words.
pub fn kind_of(label: &str) -> GroupKind {
    let has = |w: &str| label.contains(w);
    if has("審査支払") {
        GroupKind::Review
    } else if has("受ける") {
        GroupKind::Receive
    } else if has("他機関") || has("提供する場合") {
        GroupKind::Provide
    } else if has("内部") {
        GroupKind::Internal
    } else if has("他の事業者") || has("提供") || has("外部") {
        GroupKind::External
    } else {
        GroupKind::Other
    }
}

/// Reads the purposes out of a region's blocks.
pub fn read(blocks: Vec<Block>, base: &Base) -> SrcPurposes {
    let mut out = SrcPurposes::default();
    let mut pending_intro: Option<String> = None;
    for block in blocks {
        match &block {
            Block::Row(cells) => row(cells, base, &mut out, &mut pending_intro),
            _ if out.sections.is_empty() && !starts_section(&block, base) => out.before.push(block),
            _ => line(block, base, &mut out),
        }
    }
    if let Some(intro) = pending_intro {
        out.after.push(Block::Para(intro));
    }
    out
}

fn starts_section(block: &Block, base: &Base) -> bool {
    !matches!(block, Block::Row(_)) && section_of(&block.text(), base).is_some()
}

/// One block of a list layout.
fn line(block: Block, base: &Base, out: &mut SrcPurposes) {
    let text = block.text();
    if is_identity_line(&text) {
        identity_line(out, block);
        return;
    }
    if let Some((id, _)) = section_of(&text, base) {
        let bare = strip_bullets(&text);
        if out.numbering.is_none() {
            out.numbering = split_number(bare).map(|(n, _)| n.to_string());
        }
        let title = split_number(bare)
            .map_or(bare, |(_, rest)| rest)
            .to_string();
        out.sections.push(SrcSection {
            base_id: Some(id),
            title,
            intro: None,
            groups: Vec::new(),
        });
        return;
    }
    if let Some((label, style)) = split_label(&text).or_else(|| bare_label(&block)) {
        out.label_styles.push(style);
        open_group(out, Some(label.to_string()));
        return;
    }
    if let Some(n) = note(strip_bullets(&text))
        && let Some(item) = last_item(out).filter(|i| i.note.is_none())
    {
        item.note = Some(n);
        return;
    }
    let section_open = out.sections.last().is_some_and(|s| s.groups.is_empty());
    match block {
        Block::Para(t) if section_open && !is_legend(&t) => {
            if let Some(section) = out.sections.last_mut() {
                let intro = section.intro.get_or_insert_with(String::new);
                intro.push_str(&t);
            }
        }
        Block::Bullet(t) if is_item(&t) => push_item(out, &t),
        Block::Para(t) if is_item(&t) && !t.ends_with('。') && date_fact(&t).is_none() => {
            push_item(out, &t)
        }
        Block::Para(t) if is_legend(&t) => out.legend = Some(t),
        other => out.after.push(other),
    }
}

/// The union's address, numbers or officer (under the list, or between its parts) are no
/// items: they and the name line just above them (read as an item until then) are prose for
/// the identity to take.
fn identity_line(out: &mut SrcPurposes, block: Block) {
    let group = out.sections.last_mut().and_then(|s| s.groups.last_mut());
    if let Some(group) = group {
        let named = group
            .items
            .last()
            .is_some_and(|i| is_union_line(&i.text) && i.note.is_none());
        if named && let Some(item) = group.items.pop() {
            out.after.push(Block::Para(item.text));
        }
    }
    out.after.push(block);
}

/// A group label written without brackets (`label_style = "none"`): a line of its own, not a
/// bullet, that ends as labels do and names a kind of group.
fn bare_label(block: &Block) -> Option<(&str, &'static str)> {
    let Block::Para(text) = block else {
        return None;
    };
    let text = text.trim();
    (is_bare_label(text) && kind_of(text) != GroupKind::Other).then_some((text, "none"))
}

/// A line that reads as an item: short of a paragraph, not a date or a note.
fn is_item(text: &str) -> bool {
    let (text, _) = split_note(strip_bullets(text));
    !text.is_empty() && text.chars().count() <= 120 && !is_legend(&text)
}

/// The ＊ legend: a line starting with the mark that speaks of the purposes (目的) or consent.
fn is_legend(text: &str) -> bool {
    let (mark, rest) = strip_consent(text.trim());
    mark && (rest.starts_with("の目的") || rest.contains("同意")) && rest.chars().count() > 15
}

/// The group items go into: the last one, or a new one without a label.
fn open_group(out: &mut SrcPurposes, label: Option<String>) {
    if out.sections.is_empty() {
        return;
    }
    let kind = label.as_deref().map(kind_of);
    if let Some(section) = out.sections.last_mut() {
        section.groups.push(SrcGroup {
            kind,
            label,
            items: Vec::new(),
        });
    }
}

fn push_item(out: &mut SrcPurposes, text: &str) {
    if out.sections.last().is_some_and(|s| s.groups.is_empty()) {
        open_group(out, None);
    }
    let (consent, rest) = strip_consent(strip_bullets(text));
    let number = item_number(rest);
    let rest = match number {
        Some((number, after)) => {
            out.item_numbers.get_or_insert_with(|| number.to_string());
            after
        }
        None => rest,
    };
    let bulleted = strip_bullets(text).len() < text.trim().len();
    let (text, note) = split_note(strip_bullets(rest));
    // A bullet under a numbered item (「①被保険者資格の確認」, then 「・…」) explains it.
    if let Some(item) = last_item(out).filter(|i| i.numbered && number.is_none() && bulleted) {
        item.more.push(text);
        return;
    }
    if let Some(group) = out.sections.last_mut().and_then(|s| s.groups.last_mut()) {
        group.items.push(SrcItem {
            text,
            consent,
            note,
            numbered: number.is_some(),
            more: Vec::new(),
        });
    }
}

/// An item's number in front of it (「①」, 「(1)」, 「１．」, 「ア．」, 「(ア)」) and the rest.
pub fn item_number(text: &str) -> Option<(&str, &str)> {
    split_number(text).or_else(|| katakana_number(text))
}

/// 「ア．」, 「ア 」, 「(ア)」, 「（イ）」: one katakana as a numeral (ア, イ, ウ …).
fn katakana_number(text: &str) -> Option<(&str, &str)> {
    let text = text.trim();
    let open = text.starts_with(['(', '（']);
    let body = if open {
        &text[text.chars().next()?.len_utf8()..]
    } else {
        text
    };
    let mut chars = body.chars();
    let kana = chars.next().filter(|c| ('ア'..='ン').contains(c))?;
    let end_char = chars.next()?;
    let ends = if open { ")）" } else { ".．、 \u{3000}" };
    if !ends.contains(end_char) {
        return None;
    }
    let end = text.len() - body.len() + kana.len_utf8() + end_char.len_utf8();
    let number = if end_char.is_whitespace() {
        text[..end].trim_end()
    } else {
        &text[..end]
    };
    let rest = text[end..].trim_start();
    (!rest.is_empty()).then_some((number, rest))
}

fn last_item(out: &mut SrcPurposes) -> Option<&mut SrcItem> {
    out.sections.last_mut()?.groups.last_mut()?.items.last_mut()
}

/// One row of the two-column table: a header row of column labels, a section row (its title,
/// then the internal and the external cell), or a row without a title that goes on the
/// section above (a full-width group) or introduces the one below.
fn row(
    cells: &[Vec<Block>],
    base: &Base,
    out: &mut SrcPurposes,
    pending_intro: &mut Option<String>,
) {
    let head = cells
        .first()
        .map(|c| c.iter().map(Block::text).collect::<String>())
        .unwrap_or_default();
    let rest = cells.get(1..).unwrap_or_default();
    if let Some((id, _)) = section_of(&head, base) {
        out.table = true;
        let title = split_number(head.trim())
            .map_or(head.trim(), |(_, r)| r)
            .to_string();
        let intro = pending_intro.take();
        out.sections.push(SrcSection {
            base_id: Some(id),
            title,
            intro,
            groups: Vec::new(),
        });
        for (column, cell) in rest.iter().enumerate() {
            cell_items(cell, column, out);
        }
        return;
    }
    if head.trim().is_empty() && out.sections.is_empty() && header_labels(rest, out) {
        out.table = true;
        return;
    }
    if head.trim().is_empty() && !out.sections.is_empty() {
        let blocks: Vec<&Block> = rest.iter().flatten().collect();
        let has_items = blocks
            .iter()
            .any(|b| matches!(b, Block::Bullet(_)) || split_label(&b.text()).is_some());
        if has_items {
            for cell in rest {
                for block in cell {
                    line(block.clone(), base, out);
                }
            }
        } else {
            let text: Vec<String> = blocks.iter().map(|b| b.text()).collect();
            *pending_intro = Some(text.join(""));
        }
        return;
    }
    if out.sections.is_empty() {
        out.before.push(Block::Row(cells.to_vec()));
    } else {
        out.after.push(Block::Row(cells.to_vec()));
    }
}

/// The header row of the table: an empty corner, then one label per column.
fn header_labels(cells: &[Vec<Block>], out: &mut SrcPurposes) -> bool {
    let labels: Vec<(&str, &'static str)> = cells
        .iter()
        .filter_map(|c| {
            c.first().and_then(|b| {
                if let Block::Para(t) = b {
                    split_label(t)
                } else {
                    None
                }
            })
        })
        .collect();
    if labels.is_empty() || labels.len() != cells.iter().filter(|c| !c.is_empty()).count() {
        return false;
    }
    for (label, style) in labels {
        out.label_styles.push(style);
        out.column_labels.push((kind_of(label), label.to_string()));
    }
    true
}

/// The items of one cell of a section row: column 0 holds internal use (or receiving), column 1
/// provision (or providing), unless a label inside the cell says otherwise.
fn cell_items(cell: &[Block], column: usize, out: &mut SrcPurposes) {
    if cell.is_empty() {
        return;
    }
    let first_label = cell
        .first()
        .and_then(|b| split_label(&b.text()).map(|_| ()));
    if first_label.is_none() {
        let kind = out.column_labels.get(column).map(|(k, _)| *k);
        let label = out.column_labels.get(column).map(|(_, l)| l.clone());
        if let Some(section) = out.sections.last_mut() {
            let kind = kind.or(Some(if column == 0 {
                GroupKind::Internal
            } else {
                GroupKind::External
            }));
            section.groups.push(SrcGroup {
                kind,
                label,
                items: Vec::new(),
            });
        }
    }
    for block in cell {
        let text = block.text();
        if let Some((label, style)) = split_label(&text) {
            out.label_styles.push(style);
            open_group(out, Some(label.to_string()));
        } else {
            push_item(out, &text);
        }
    }
}
