//! The page's outline: which standard page (基本方針, 利用目的, 安全管理措置, 開示等の請求,
//! 苦情の申出先, 改定履歴) each part of the text belongs to, told by the titles people give
//! them. A policy site's pages are the same six whatever the union calls them.

use super::blocks::{Block, norm, split_number, strip_bullets};
use crate::model::Base;

/// One part of the text: the standard page it belongs to, its title as written, its blocks.
#[derive(Debug, Clone)]
pub struct Region {
    /// A standard page id: `index`, `purposes`, `safety`, `requests`, `contact`, `history`.
    pub page: &'static str,
    pub title: Option<String>,
    pub blocks: Vec<Block>,
}

/// Splits the blocks into regions at each title of a standard page. Text before the first
/// title belongs to the first page titled (or to the purposes, when there is no title).
pub fn regions(blocks: Vec<Block>, base: &Base) -> Vec<Region> {
    let mut regions: Vec<Region> = Vec::new();
    let mut preamble: Vec<Block> = Vec::new();
    for block in blocks {
        let page = page_title(&block, base);
        let current = regions.last().map(|r| r.page);
        match (page, regions.last_mut()) {
            (Some(page), last) if Some(page) != current || last.is_none() => {
                regions.push(Region {
                    page,
                    title: Some(title_text(&block)),
                    blocks: Vec::new(),
                });
            }
            (_, Some(region)) => region.blocks.push(block),
            (_, None) => preamble.push(block),
        }
    }
    if regions.is_empty() {
        regions.push(Region {
            page: "purposes",
            title: None,
            blocks: Vec::new(),
        });
    }
    preamble.append(&mut regions[0].blocks);
    regions[0].blocks = preamble;
    merge_repeated(regions)
}

/// A page titled twice (a table of contents, then the text) is one region, in first place.
fn merge_repeated(regions: Vec<Region>) -> Vec<Region> {
    let mut merged: Vec<Region> = Vec::new();
    for region in regions {
        match merged.iter_mut().find(|r| r.page == region.page) {
            Some(first) => {
                if first.blocks.is_empty() && first.title.is_some() {
                    // The first was an entry of a table of contents: the text keeps its title.
                    first
                        .blocks
                        .push(Block::Para(first.title.take().unwrap_or_default()));
                    first.title = region.title;
                } else if let Some(title) = region.title {
                    first.blocks.push(Block::Heading(title));
                }
                first.blocks.extend(region.blocks);
            }
            None => merged.push(region),
        }
    }
    merged
}

/// The title as written, without decoration marks (■, ◎) that no site shows.
fn title_text(block: &Block) -> String {
    strip_bullets(&block.text())
        .trim_start_matches(['◎', '■', '□', '◆'])
        .trim()
        .to_string()
}

/// The standard page a block is the title of, if it is one: short, not a sentence, not a
/// section of the purposes, and naming the page's subject.
pub fn page_title(block: &Block, base: &Base) -> Option<&'static str> {
    let text = match block {
        Block::Heading(t) | Block::Para(t) | Block::Bullet(t) => t,
        Block::Row(_) => return None,
    };
    let bare = title_text(&Block::Para(text.clone()));
    let bare = split_number(&bare).map_or(bare.as_str(), |(_, rest)| rest);
    let short = bare.chars().count() <= 50 && !bare.ends_with(['。', '、']);
    if !short || section_of(bare, base).is_some() {
        return None;
    }
    subject(bare)
}

/// Which page a title is about, by its words.
fn subject(title: &str) -> Option<&'static str> {
    let has = |words: &[&str]| words.iter().any(|w| title.contains(w));
    if has(&["安全管理"]) {
        Some("safety")
    } else if has(&["開示"]) && has(&["請求", "手続"]) {
        Some("requests")
    } else if has(&["苦情", "お問い合わせ", "問合せ", "問い合わせ", "相談窓口"])
    {
        Some("contact")
    } else if has(&["改定履歴", "改正履歴", "変更履歴"]) {
        Some("history")
    } else if has(&["利用目的"]) {
        Some("purposes")
    } else if has(&[
        "取り組み",
        "取組",
        "基本方針",
        "保護方針",
        "公表事項",
        "プライバシーポリシー",
    ]) {
        Some("index")
    } else {
        None
    }
}

/// The base section a heading names (its title or short title, exactly or nearly: 「診察報酬の
/// 審査・支払」 is 「診療報酬の審査・支払」 misspelt), with how near it is.
pub fn section_of(text: &str, base: &Base) -> Option<(String, f32)> {
    let text = strip_bullets(text);
    let text = split_number(text).map_or(text, |(_, rest)| rest);
    let wanted = norm(text);
    if wanted.chars().count() < 2 {
        return None;
    }
    base.policy
        .sections
        .iter()
        .map(|s| {
            let score = similarity(&wanted, &norm(&s.title))
                .max(similarity(&wanted, &norm(&s.short_title)));
            (s.id.clone(), score)
        })
        .filter(|(_, score)| *score >= 0.85)
        .max_by(|a, b| a.1.total_cmp(&b.1))
}

/// How alike two normalised texts are: twice the characters they share in order over their
/// lengths (1.0 = equal).
pub fn similarity(a: &str, b: &str) -> f32 {
    if a == b {
        return 1.0;
    }
    similar::TextDiff::from_chars(a, b).ratio()
}
