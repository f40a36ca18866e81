//! Plain text → blocks: text copied out of a PDF breaks lines mid-sentence (and often puts a
//! blank line after each), text copied from a web page keeps one line per paragraph or item,
//! a table copied from a page keeps its cells apart with tabs.

use super::blocks::{Block, is_bare_label, is_cjk, split_label, split_number};
use super::html;

/// Reads plain text (Markdown-ish, tab-separated table rows, raw `<li>` markup in cells) into
/// blocks, joining the lines a PDF broke mid-sentence.
pub fn blocks(text: &str) -> Vec<Block> {
    let (lines, gaps) = lines_and_gaps(text);
    let full = full_width(&lines);
    let usual_gap = usual(&gaps);
    let mut joined: Vec<String> = Vec::new();
    for (line, gap) in lines.into_iter().zip(gaps) {
        match joined.last_mut() {
            // More blank lines than the text puts between its lines set a title apart.
            Some(prev) if gap <= usual_gap && continues(prev, line, full) => {
                join(prev, line.trim())
            }
            _ => joined.push(line.to_string()),
        }
    }
    joined.iter().map(|l| block(l)).collect()
}

/// The text's non-blank lines, each with the number of blank lines before it.
fn lines_and_gaps(text: &str) -> (Vec<&str>, Vec<usize>) {
    let mut lines = Vec::new();
    let mut gaps = Vec::new();
    let mut blank = 0;
    for line in text.lines() {
        let line = line.trim_matches([' ', '\u{3000}', '\u{a0}', '\u{feff}']);
        if line.trim().is_empty() {
            blank += 1;
        } else {
            lines.push(line);
            gaps.push(blank);
            blank = 0;
        }
    }
    (lines, gaps)
}

/// The most common gap between lines (a PDF copied with a blank line after each line has 1).
fn usual(gaps: &[usize]) -> usize {
    let mut counts = std::collections::BTreeMap::new();
    for gap in gaps.iter().skip(1) {
        *counts.entry(*gap).or_insert(0usize) += 1;
    }
    counts
        .into_iter()
        .max_by_key(|&(gap, n)| (n, std::cmp::Reverse(gap)))
        .map_or(0, |(gap, _)| gap)
}

/// Appends a wrapped line's rest; a space only between two Latin words.
fn join(prev: &mut String, next: &str) {
    let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    if latin(prev.chars().next_back()) && latin(next.chars().next()) {
        prev.push(' ');
    }
    prev.push_str(next);
}

/// The width of a full line of the document (its 90th percentile, counting a Japanese
/// character as 2), when there are enough long lines to tell; `None` for text whose lines are
/// paragraphs.
fn full_width(lines: &[&str]) -> Option<usize> {
    let mut widths: Vec<usize> = lines
        .iter()
        .map(|l| width(l))
        .filter(|&w| w >= 30)
        .collect();
    if widths.len() < 5 {
        return None;
    }
    widths.sort_unstable();
    Some(widths[widths.len() * 9 / 10])
}

fn width(line: &str) -> usize {
    line.trim()
        .chars()
        .map(|c| if is_cjk(c) { 2 } else { 1 })
        .sum()
}

/// Whether `next` is the rest of `prev`, broken off by the line width: `prev` is a full line
/// (or leaves a bracket open) and does not end a sentence, and `next` starts no new unit.
fn continues(prev: &str, next: &str, full: Option<usize>) -> bool {
    if starts_unit(next) || prev.contains('\t') || prev.starts_with('#') {
        return false;
    }
    let prev = prev.trim();
    if open_brackets(prev) {
        return true;
    }
    if prev.ends_with(['。', '！', '？', '：', ':']) || split_label(prev).is_some() {
        return false;
    }
    full.is_some_and(|full| width(prev) * 100 >= full * 85)
}

/// A line that begins something of its own: a bullet, a number, a label, a mark, a heading, a
/// table row, an address, a date, a contractor note.
fn starts_unit(line: &str) -> bool {
    let line = line.trim_start();
    let first = line.chars().next().unwrap_or(' ');
    line.contains('\t')
        || "・･-–•○●◦◆◇□■▪#＊*※\\【<＜〈［[〔《≪〒◎".contains(first)
        || is_bare_label(line)
        || split_label(line).is_some()
        || split_number(line).is_some()
        || line.starts_with(['(', '（']) && line.contains("委託先")
        || ["令和", "平成", "昭和"]
            .iter()
            .any(|era| line.starts_with(era))
}

/// More opening than closing round brackets or quotes: the sentence goes on.
fn open_brackets(text: &str) -> bool {
    let count = |set: &[char]| text.chars().filter(|c| set.contains(c)).count();
    count(&['(', '（']) > count(&[')', '）']) || count(&['「']) > count(&['」'])
}

/// One logical line as a block.
fn block(line: &str) -> Block {
    if line.contains('\t') {
        return Block::Row(line.split('\t').map(cell).collect());
    }
    let trimmed = line.trim();
    if let Some(heading) = trimmed.strip_prefix('#') {
        return Block::Heading(heading.trim_start_matches('#').trim().to_string());
    }
    if let Some(item) = ["- ", "* ", "+ "]
        .iter()
        .find_map(|m| trimmed.strip_prefix(m))
    {
        return Block::Bullet(item.trim().to_string());
    }
    if trimmed.starts_with(['・', '･', '•', '○', '●', '◦']) {
        return Block::Bullet(trimmed.to_string());
    }
    Block::Para(trimmed.to_string())
}

/// One cell of a tab-separated row: raw `<ul><li>` markup (as seed 000 keeps) is read as HTML.
fn cell(text: &str) -> Vec<Block> {
    let text = text.trim();
    if text.is_empty() {
        Vec::new()
    } else if text.contains('<') && text.contains("</") {
        html::blocks(text).blocks
    } else {
        vec![Block::Para(text.to_string())]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pdf_lines_are_joined_and_units_kept() {
        let long =
            "アコム健康保険組合（以下「当組合」という。）におきましては、被保険者やその家族（以";
        let text = format!(
            "{long}\n\n下「加入者」という。）からいただいた各種届出や申請書などに記載されている個人情報、\n\n\
             医療機関等に受診された際に、医療機関等から当組合に請求される「診療報酬明細書（以下\n\n\
             「レセプト」という。）」に記載されている個人情報を基に、個人情報データベースを作成し\n\n\
             以下のような健康保険事業に利用いたします。\n\n１．被保険者等に対する保険給付に必要な利用目的\n\n\
             【健保組合等の内部での利用に係る事例】\n・保険給付及び付加給付の実施\n・番号法に定める利用事務"
        );
        let blocks = blocks(&text);
        assert_eq!(blocks.len(), 5, "{blocks:#?}");
        assert!(blocks[0].text().ends_with("利用いたします。"));
        assert_eq!(
            blocks[3],
            Block::Bullet("・保険給付及び付加給付の実施".into())
        );
    }

    #[test]
    fn a_wider_gap_sets_a_title_apart() {
        let line = "近畿電子産業健康保険組合が保有する個人情報の利用目的の公表について";
        let para = "近畿電子産業健康保険組合（以下「当組合」という。）におきましては、被保険";
        let text = format!("{line}\n\n\n\n{para}\n\n{para}\n\n{para}\n\n{para}\n\n{para}。");
        let blocks = blocks(&text);
        assert_eq!(blocks.len(), 2, "{blocks:#?}");
        assert_eq!(blocks[0].text(), line);
    }

    #[test]
    fn rows_with_markup_in_cells() {
        let blocks = blocks("保健事業\t<ul><li>・健診</li><li>*通知</li></ul>\t");
        assert_eq!(
            blocks,
            vec![Block::Row(vec![
                vec![Block::Para("保健事業".into())],
                vec![
                    Block::Bullet("・健診".into()),
                    Block::Bullet("*通知".into())
                ],
                vec![],
            ])]
        );
    }
}
