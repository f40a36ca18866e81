//! The narrative model: a page that publishes its purposes as numbered chapters by business
//! process (「１ 適用関係の各種届出などについては…」, 「２ 現金給付…」), each with bullet items
//! and some prose, and shares no section with the base's list. Many unions publish this
//! model (「…が保有する個人情報の利用目的の公表について」); each chapter becomes a section of the
//! union's own with its items listed in it (`items = [...]`), so the page is structure, not one
//! pasted Markdown file.

use super::blocks::{Block, norm, split_number, strip_bullets};
use super::outline::similarity;
use crate::model::Base;
use crate::text::numbering::Numbering;

/// At least this many chapters in sequence, holding at least this many items, make a narrative:
/// fewer is a page with a numbered paragraph or two, better carried as it is.
const MIN_CHAPTERS: usize = 2;
const MIN_ITEMS: usize = 3;

/// Words that open a paragraph qualifying the item before it (「なお、開示請求に当たって…」):
/// the paragraph stays with its item, as the page shows it.
const CONTINUATIONS: &[&str] = &["なお", "また", "ただし", "但し"];

/// One item: its first paragraph, and the paragraphs that qualify it.
#[derive(Debug, Clone, Default)]
pub struct NarrItem {
    pub text: String,
    pub more: Vec<String>,
}

/// One chapter: its title (without its number), the prose before its first item, its items,
/// and the prose after them that qualifies no item.
#[derive(Debug, Clone, Default)]
pub struct Chapter {
    pub title: String,
    pub intro: Vec<Block>,
    pub items: Vec<NarrItem>,
    pub note: Vec<Block>,
}

/// The page as chapters: the number of the first as written (the page's numbering), the text
/// before the first chapter (the page's introduction), the chapters.
#[derive(Debug, Clone, Default)]
pub struct Narrative {
    pub numbering: String,
    pub before: Vec<Block>,
    pub chapters: Vec<Chapter>,
}

/// Characters (normalised) of a narrative by where they go.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct NarrTally {
    /// Titles and items.
    pub structural: usize,
    /// Chapter intros and notes (prose inside the structure).
    pub prose: usize,
    /// Items at least 0.8 alike to a base item (all of which a narrative drops): pasted.
    pub near_base: usize,
}

/// Reads the blocks as numbered chapters, when they are.
pub fn read(blocks: &[Block]) -> Option<Narrative> {
    let (numbering, heads) = longest_run(blocks)?;
    let mut chapters = Vec::new();
    for (k, &at) in heads.iter().enumerate() {
        let end = heads.get(k + 1).copied().unwrap_or(blocks.len());
        chapters.push(chapter(&blocks[at], &blocks[at + 1..end]));
    }
    let items: usize = chapters.iter().map(|c| c.items.len()).sum();
    (items >= MIN_ITEMS).then(|| Narrative {
        numbering,
        before: blocks[..heads[0]].to_vec(),
        chapters,
    })
}

/// The longest run of chapter titles numbered 1, 2, 3… in one style: (number one as written,
/// the blocks' indices).
fn longest_run(blocks: &[Block]) -> Option<(String, Vec<usize>)> {
    let mut best: Option<(String, Vec<usize>)> = None;
    for (at, block) in blocks.iter().enumerate() {
        let Some((number, pattern)) = number_one(block) else {
            continue;
        };
        let mut heads = vec![at];
        for (next, later) in blocks.iter().enumerate().skip(at + 1) {
            let wanted = pattern.marker(heads.len() + 1);
            if numbered_as(later, wanted.trim()) {
                heads.push(next);
            }
        }
        if heads.len() > best.as_ref().map_or(MIN_CHAPTERS - 1, |(_, h)| h.len()) {
            best = Some((number, heads));
        }
    }
    best
}

/// A title numbered one (「１ 適用関係…」, 「1. …」, 「（１）…」): its number and the pattern.
fn number_one(block: &Block) -> Option<(String, Numbering)> {
    let (number, _) = title_parts(block)?;
    let pattern = Numbering::parse(number.trim()).ok()??;
    (pattern.marker(1).trim() == number.trim()).then(|| (number.trim().to_string(), pattern))
}

fn numbered_as(block: &Block, wanted: &str) -> bool {
    title_parts(block).is_some_and(|(number, _)| number.trim() == wanted)
}

/// A heading or paragraph with a number in front: (number, title).
fn title_parts(block: &Block) -> Option<(String, String)> {
    let (Block::Heading(text) | Block::Para(text)) = block else {
        return None;
    };
    split_number(text).map(|(n, rest)| (n.to_string(), rest.to_string()))
}

/// One chapter's blocks: bullets (and lines numbered in another style, 「⑴ …」) are items; a
/// paragraph opening with なお/また after an item qualifies it; other prose is the chapter's
/// intro before its first item, its note after.
fn chapter(head: &Block, body: &[Block]) -> Chapter {
    let mut c = Chapter {
        title: title_parts(head).map(|(_, t)| t).unwrap_or_default(),
        ..Chapter::default()
    };
    for block in body {
        match block {
            Block::Bullet(t) => c.items.push(item(strip_bullets(t))),
            Block::Para(t) if split_number(t).is_some() => c.items.push(item(t)),
            Block::Para(t) if qualifies(&c, t) => {
                if let Some(last) = c.items.last_mut() {
                    last.more.push(t.trim().to_string());
                }
            }
            other if c.items.is_empty() => c.intro.push(other.clone()),
            other => c.note.push(other.clone()),
        }
    }
    c
}

fn item(text: &str) -> NarrItem {
    NarrItem {
        text: text.trim().to_string(),
        more: Vec::new(),
    }
}

/// A paragraph right after an item (nothing else in between) that opens with a word carrying
/// the item on.
fn qualifies(c: &Chapter, text: &str) -> bool {
    !c.items.is_empty()
        && c.note.is_empty()
        && CONTINUATIONS.iter().any(|w| text.trim().starts_with(w))
}

impl Narrative {
    /// Where the chapters' characters go: titles and items are structure, chapter prose is
    /// prose, and an item as alike to a base item as a rewording would be counts as pasted
    /// (the narrative keeps none of the base's ids, so a base item retold is not new structure).
    pub fn tally(&self, base: &Base) -> NarrTally {
        let base_texts: Vec<String> = base
            .policy
            .sections
            .iter()
            .flat_map(|s| &s.groups)
            .flat_map(|g| &g.items)
            .map(|i| norm(&i.text))
            .collect();
        let n = |t: &str| norm(t).chars().count();
        let blocks = |bs: &[Block]| bs.iter().map(|b| n(&b.text())).sum::<usize>();
        let mut t = NarrTally::default();
        for c in &self.chapters {
            t.structural += n(&c.title);
            t.prose += blocks(&c.intro) + blocks(&c.note);
            for item in &c.items {
                let size = n(&item.text) + item.more.iter().map(|m| n(m)).sum::<usize>();
                let text = norm(&item.text);
                if base_texts.iter().any(|b| similarity(&text, b) >= 0.8) {
                    t.near_base += size;
                } else {
                    t.structural += size;
                }
            }
        }
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn para(t: &str) -> Block {
        Block::Para(t.into())
    }
    fn bullet(t: &str) -> Block {
        Block::Bullet(t.into())
    }

    #[test]
    fn chapters_items_and_their_prose() {
        let blocks = vec![
            para("当組合は次のように利用します。"),
            para("１ 適用関係については、以下のように利用します。"),
            bullet("・資格の管理"),
            bullet("・開示請求の際に出力します。"),
            para("なお、本人以外には開示しません。"),
            para("２ 現金給付について"),
            bullet("・給付の決定"),
            para("（１）紙の書類は裁断します。"),
            para("当組合の事業以外には用いません。"),
        ];
        let n = read(&blocks).expect("a narrative");
        assert_eq!(n.numbering, "１");
        assert_eq!(n.before, vec![para("当組合は次のように利用します。")]);
        assert_eq!(n.chapters.len(), 2);
        let first = &n.chapters[0];
        assert_eq!(first.title, "適用関係については、以下のように利用します。");
        assert_eq!(
            first.items[1].more,
            vec!["なお、本人以外には開示しません。"]
        );
        let second = &n.chapters[1];
        assert_eq!(second.items[1].text, "（１）紙の書類は裁断します。");
        assert_eq!(second.note, vec![para("当組合の事業以外には用いません。")]);
    }

    #[test]
    fn one_numbered_paragraph_is_no_narrative() {
        let blocks = vec![
            para("1. はじめに"),
            bullet("・a"),
            bullet("・b"),
            bullet("・c"),
        ];
        assert!(read(&blocks).is_none());
        let few = vec![para("1. 甲"), bullet("・a"), para("2. 乙"), bullet("・b")];
        assert!(read(&few).is_none(), "too few items");
    }
}
