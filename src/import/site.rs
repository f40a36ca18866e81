//! Several files in one import: each file is a page of the union's site. The file with the
//! purposes and the files titled as a standard page are read together, as one policy; a page
//! holding one section of the purposes (特定個人情報 on its own page) becomes a page of that
//! section, a page on 黙示の同意 the consent page, and any other page a page of its own.

use super::blocks::{Block, split_label, strip_bullets};
use super::outline::{page_title, section_of};
use crate::model::Base;

/// One file's blocks, with its file name for the report.
#[derive(Debug, Clone)]
pub struct FilePage {
    pub file: String,
    pub blocks: Vec<Block>,
}

/// What a file that is not part of the policy's standard pages becomes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExtraKind {
    /// `[[new_page]] sections = [id]`: its items join the purposes, its prose is the body.
    Section(String),
    /// `[[new_page]] kind = "consent"`.
    Consent,
    /// `[[new_page]]` of Markdown.
    Other,
}

/// A page of its own: its kind, title and the blocks it keeps (prose; a consent page's items).
#[derive(Debug, Clone)]
pub struct ExtraPage {
    pub file: String,
    pub kind: ExtraKind,
    pub title: String,
    pub blocks: Vec<Block>,
}

/// The files split into the policy's blocks (in reading order), the blocks of sections shown on
/// pages of their own (to join the purposes), and the pages of their own.
#[derive(Debug, Default)]
pub struct Split {
    pub main: Vec<Block>,
    pub section_blocks: Vec<Block>,
    pub extra: Vec<ExtraPage>,
}

/// Sorts the files; one file is always the policy itself.
pub fn split(files: Vec<FilePage>, base: &Base) -> Split {
    let mut split = Split::default();
    let purposes_file = purposes_file(&files, base);
    for (n, page) in files.into_iter().enumerate() {
        let kind = if n == purposes_file {
            None
        } else {
            kind_of(&page.blocks, base)
        };
        match kind {
            None => split.main.extend(page.blocks),
            Some(kind) => extra(&mut split, page, kind, base),
        }
    }
    split
}

/// The file with the most section headings of the base's purposes (the first when none has).
fn purposes_file(files: &[FilePage], base: &Base) -> usize {
    let count = |f: &FilePage| {
        f.blocks
            .iter()
            .filter(|b| matches!(b, Block::Heading(_) | Block::Para(_)))
            .filter(|b| section_of(&b.text(), base).is_some())
            .count()
    };
    let best = files.iter().map(count).max().unwrap_or(0);
    files.iter().position(|f| count(f) == best).unwrap_or(0)
}

/// What a file other than the purposes' is, by its title: `None` for a standard page.
fn kind_of(blocks: &[Block], base: &Base) -> Option<ExtraKind> {
    let first = blocks.first()?;
    let title = title_of(first);
    if title.contains("同意") && blocks.iter().any(|b| b.text().contains("黙示")) {
        return Some(ExtraKind::Consent);
    }
    if let Some(id) = section_page(&title, base) {
        return Some(ExtraKind::Section(id));
    }
    if page_title(first, base).is_some() {
        return None;
    }
    Some(ExtraKind::Other)
}

/// The base section a page's title names, once the words every such title adds are off
/// (「特定個人情報の利用目的」, 「特定個人情報の取扱いについて」 → 特定個人情報).
fn section_page(title: &str, base: &Base) -> Option<String> {
    let mut bare = title.trim();
    for tail in ["について", "の利用目的", "の取扱い", "の取り扱い"] {
        bare = bare.strip_suffix(tail).unwrap_or(bare);
    }
    for tail in ["について", "の利用目的", "の取扱い", "の取り扱い"] {
        bare = bare.strip_suffix(tail).unwrap_or(bare);
    }
    section_of(bare, base).map(|(id, _)| id)
}

fn title_of(block: &Block) -> String {
    strip_bullets(&block.text())
        .trim_start_matches(['◎', '■', '□', '◆'])
        .trim()
        .to_string()
}

/// Files a page of its own; a section page's items (from its first item on) join the purposes
/// under the section's base title, its prose before them stays the page's body.
fn extra(split: &mut Split, page: FilePage, kind: ExtraKind, base: &Base) {
    let mut blocks = page.blocks.into_iter();
    let title = blocks.next().map(|b| title_of(&b)).unwrap_or_default();
    let mut rest: Vec<Block> = blocks.collect();
    if let ExtraKind::Section(id) = &kind {
        let first_item = rest
            .iter()
            .position(|b| {
                matches!(b, Block::Bullet(_) | Block::Row(_)) || split_label(&b.text()).is_some()
            })
            .unwrap_or(rest.len());
        let items = rest.split_off(first_item);
        let section = base.policy.sections.iter().find(|s| &s.id == id);
        if let Some(section) = section {
            split
                .section_blocks
                .push(Block::Heading(section.title.clone()));
        }
        split.section_blocks.extend(items);
    }
    split.extra.push(ExtraPage {
        file: page.file,
        kind,
        title,
        blocks: rest,
    });
}
