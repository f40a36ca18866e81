//! The shape every reader produces: a page as a list of blocks (headings, paragraphs, list
//! items, table rows), and the marks people put in front of lines (・, ＊, 1., （１）, 【…】).

use unicode_normalization::UnicodeNormalization;

/// One block of a page, in reading order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A heading (`<h1>`…`<h6>`, or a Markdown `#` line).
    Heading(String),
    /// A paragraph or an unmarked line.
    Para(String),
    /// A list item (`<li>`, or a line starting with a bullet).
    Bullet(String),
    /// A table row: each cell holds its own blocks.
    Row(Vec<Vec<Block>>),
}

impl Block {
    /// The block's own text (a row's cells joined by tabs, as text copied from a table is).
    pub fn text(&self) -> String {
        match self {
            Block::Heading(t) | Block::Para(t) | Block::Bullet(t) => t.clone(),
            Block::Row(cells) => cells
                .iter()
                .map(|c| c.iter().map(Block::text).collect::<Vec<_>>().join(" "))
                .collect::<Vec<_>>()
                .join("\t"),
        }
    }
}

/// Bullet marks a line may start with; the importer keeps the text after them.
const BULLETS: &[char] = &[
    '・', '･', '-', '–', '•', '○', '●', '◦', '◆', '◇', '□', '■', '▪',
];

/// A consent mark (＊, *) in front of an item: the item relies on implied consent.
const CONSENT: &[char] = &['＊', '*', '※'];

/// Drops leading bullets and white space: 「- ・保険給付」 → 「保険給付」.
pub fn strip_bullets(text: &str) -> &str {
    let mut rest = text.trim();
    loop {
        let next = rest.trim_start_matches(BULLETS).trim_start();
        if next.len() == rest.len() {
            return rest;
        }
        rest = next;
    }
}

/// Splits a leading consent mark from an item: 「*第三者行為…」 → (true, 「第三者行為…」). A
/// backslash before the mark (Markdown's escape) is part of it.
pub fn strip_consent(text: &str) -> (bool, &str) {
    let rest = text.trim_start_matches('\\');
    match rest.strip_prefix(CONSENT) {
        Some(after) => (true, strip_bullets(after)),
        None => (false, text),
    }
}

/// Splits a leading number from a heading: 「1. 保険給付」, 「１．」, 「（１）」, 「①」, 「第1」,
/// 「一、」 → (the number as written, the rest). `None` when the text has no number in front.
pub fn split_number(text: &str) -> Option<(&str, &str)> {
    let text = text.trim();
    let mut end = 0;
    let mut chars = text.char_indices().peekable();
    let open = matches!(chars.peek(), Some((_, '(' | '（')));
    if open {
        chars.next();
    }
    if let Some(&(_, '第')) = chars.peek() {
        chars.next();
    }
    let mut digits = 0;
    while let Some(&(i, c)) = chars.peek() {
        if is_numeral(c) {
            digits += 1;
            end = i + c.len_utf8();
            chars.next();
        } else {
            break;
        }
    }
    if digits == 0 || digits > 3 {
        return None;
    }
    match chars.peek() {
        Some(&(i, c)) if matches!(c, ')' | '）') && open => end = i + c.len_utf8(),
        Some(&(i, c)) if matches!(c, '.' | '．' | '、' | ',' | '，') && !open => {
            end = i + c.len_utf8()
        }
        Some(&(_, ' ' | '\u{3000}')) if !open => {}
        // A circled number needs nothing after it; anything else is a word starting with a
        // digit or a kanji numeral (「一部負担金」), not a number.
        Some(_) if !open && text.starts_with(|c: char| ('①'..='⑳').contains(&c)) => {}
        _ => return None,
    }
    let rest = text[end..].trim_start();
    (!rest.is_empty()).then_some((&text[..end], rest))
}

/// A character that counts as a numeral in a heading's number.
fn is_numeral(c: char) -> bool {
    c.is_ascii_digit()
        || ('０'..='９').contains(&c)
        || ('①'..='⑳').contains(&c)
        || ('⑴'..='⒇').contains(&c)
        || "一二三四五六七八九十".contains(c)
}

/// Brackets that mark a group label, with the label style each means (the styles of
/// `[presentation] label_style`).
const LABEL_BRACKETS: &[(char, char, &str)] = &[
    ('【', '】', "lenticular"),
    ('<', '>', "angle"),
    ('＜', '＞', "angle"),
    ('〈', '〉', "angle"),
    ('［', '］', "square"),
    ('[', ']', "square"),
    ('〔', '〕', "tortoise"),
    ('《', '》', "double"),
    ('≪', '≫', "double"),
    ('（', '）', "round"),
    ('(', ')', "round"),
    ('「', '」', "corner"),
];

/// Words a group label holds (「…に係る事例」, 「…する場合」, 「…に関するもの」): round and corner
/// brackets also hold notes and quotations, so only a line with one of them is a label there.
const LABEL_WORDS: &[&str] = &["事例", "場合", "もの", "利用", "提供"];

/// A group label: 「【健保組合等の内部での利用に係る事例】」 → (label text, bracket style).
pub fn split_label(text: &str) -> Option<(&str, &'static str)> {
    let text = strip_bullets(text);
    LABEL_BRACKETS.iter().find_map(|&(open, close, style)| {
        let inner = text.strip_prefix(open)?.strip_suffix(close)?.trim();
        let plain = !inner.contains([open, close]) && !inner.is_empty();
        let worded = !matches!(style, "round" | "corner")
            || (LABEL_WORDS.iter().any(|w| inner.contains(w)) && !inner.contains("委託先"));
        (plain && worded).then_some((inner, style))
    })
}

/// A group label written without brackets (`label_style = "none"`): a short line that ends as
/// labels do (「…に係る事例」, 「…する場合」, 「…に関するもの」).
pub fn is_bare_label(text: &str) -> bool {
    let text = text.trim();
    let ends = [
        "に係る事例",
        "を伴う事例",
        "に関するもの",
        "する場合",
        "を受ける場合",
    ];
    text.chars().count() <= 40 && ends.iter().any(|e| text.ends_with(e)) && !text.contains('。')
}

/// The form two texts are compared in: NFKC, no white space, no bullets or consent marks, no
/// brackets that differ only in width. What the fidelity measure compares, too.
pub fn norm(text: &str) -> String {
    text.nfkc()
        .filter(|c| !c.is_whitespace() && !"・･-*•◎■▼●□◆◇<>\\＊".contains(*c))
        .collect()
}

/// True for characters of Japanese text (kana, kanji, full-width punctuation), where a line
/// break or a space between two of them is no space at all.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3000..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF)
}

/// Collapses runs of white space to one space, and drops the space between two Japanese
/// characters (a line break inside a sentence in HTML or a PDF).
pub fn collapse_spaces(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            let prev_cjk = out.chars().next_back().is_some_and(is_cjk);
            if !(prev_cjk && is_cjk(c)) {
                out.push(' ');
            }
            pending_space = false;
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_front_of_headings() {
        assert_eq!(split_number("1. 保険給付"), Some(("1.", "保険給付")));
        assert_eq!(split_number("２．保険料"), Some(("２．", "保険料")));
        assert_eq!(split_number("（１）利用"), Some(("（１）", "利用")));
        assert_eq!(split_number("１ 適用関係"), Some(("１", "適用関係")));
        assert_eq!(split_number("①保険給付"), Some(("①", "保険給付")));
        assert_eq!(split_number("一部負担金"), None);
        assert_eq!(split_number("2024年"), None);
    }

    #[test]
    fn labels_bullets_and_marks() {
        assert_eq!(
            split_label("【内部での利用】"),
            Some(("内部での利用", "lenticular"))
        );
        assert_eq!(split_label("<内部>"), Some(("内部", "angle")));
        assert_eq!(split_label("保険給付"), None);
        assert_eq!(
            split_label("〔内部での利用〕"),
            Some(("内部での利用", "tortoise"))
        );
        assert_eq!(
            split_label("（他の事業者等への提供に係る事例）"),
            Some(("他の事業者等への提供に係る事例", "round"))
        );
        assert_eq!(split_label("（外部委託先は、A社）"), None);
        assert_eq!(split_label("「レセプト」"), None);
        assert_eq!(strip_bullets("- ・ 保険給付"), "保険給付");
        assert_eq!(strip_consent("*求償"), (true, "求償"));
        assert_eq!(strip_consent("\\*求償"), (true, "求償"));
    }

    #[test]
    fn spaces_between_japanese_characters_go() {
        assert_eq!(
            collapse_spaces("保険\n 給付  and   more"),
            "保険給付 and more"
        );
    }
}
