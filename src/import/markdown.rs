//! Prose that has no structured place is carried verbatim as Markdown: escaped so that it
//! renders back to exactly the words of the page (no `*` turned into emphasis, no `{{` read as
//! a placeholder), tables as Markdown tables. And the test of whether the base's own page
//! already says what the page says.

use super::blocks::{Block, norm};

/// The blocks as Markdown, one paragraph per block.
pub fn to_markdown(blocks: &[Block]) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut table: Vec<&Vec<Vec<Block>>> = Vec::new();
    for block in blocks {
        if let Block::Row(cells) = block {
            table.push(cells);
            continue;
        }
        if !table.is_empty() {
            out.push(markdown_table(&std::mem::take(&mut table)));
        }
        out.push(match block {
            Block::Heading(t) => format!("## {}", escape(t)),
            Block::Bullet(t) => format!("- {}", escape(t)),
            Block::Para(t) => escape(t),
            Block::Row(_) => String::new(),
        });
    }
    if !table.is_empty() {
        out.push(markdown_table(&table));
    }
    out.join("\n\n")
}

/// Rows as a Markdown table, the first row as its header.
fn markdown_table(rows: &[&Vec<Vec<Block>>]) -> String {
    let width = rows.iter().map(|r| r.len()).max().unwrap_or(1).max(1);
    let line = |row: &Vec<Vec<Block>>| {
        let cells: Vec<String> = (0..width)
            .map(|i| {
                let text: Vec<String> = row
                    .get(i)
                    .map(|c| c.iter().map(Block::text).collect())
                    .unwrap_or_default();
                escape(&text.join(" ")).replace('|', "\\|")
            })
            .collect();
        format!("| {} |", cells.join(" | "))
    };
    let mut lines = vec![line(rows[0]), format!("|{}", " --- |".repeat(width))];
    lines.extend(rows[1..].iter().map(|r| line(r)));
    lines.join("\n")
}

/// Escapes what Markdown would read as markup, so the text shows as written.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if "\\`*_[]<>&#|~".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    let out = out.replace("{{", "\\{{");
    // A line starting with a number and a dot, or a list mark, would become a list.
    match out.split_once(['.', ')']) {
        Some((head, _)) if !head.is_empty() && head.chars().all(|c| c.is_ascii_digit()) => {
            let at = head.len();
            format!("{}\\{}", &out[..at], &out[at..])
        }
        _ if out.starts_with(['-', '+']) => format!("\\{out}"),
        _ => out,
    }
}

/// The share of a text's characters (normalised as the fidelity measure does) that lie in a
/// run of 8 or more characters also found in `known`: how much of the page a base page
/// already says.
pub fn covered_by(text: &str, known: &str) -> f32 {
    let text: Vec<char> = norm(text).chars().collect();
    if text.is_empty() {
        return 1.0;
    }
    let known: Vec<char> = norm(known).chars().collect();
    let windows: std::collections::HashSet<&[char]> = known.windows(8).collect();
    let mut covered = vec![false; text.len()];
    for (i, window) in text.windows(8).enumerate() {
        if windows.contains(window) {
            covered[i..i + 8].iter_mut().for_each(|c| *c = true);
        }
    }
    covered.iter().filter(|&&c| c).count() as f32 / text.len() as f32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_escaped() {
        assert_eq!(escape("*の目的 {{ x }}"), "\\*の目的 \\{{ x }}");
        assert_eq!(escape("1. 利用目的"), "1\\. 利用目的");
        assert_eq!(escape("- 項目"), "\\- 項目");
    }

    #[test]
    fn tables_and_coverage() {
        let rows = vec![
            Block::Row(vec![
                vec![Block::Para("類型".into())],
                vec![Block::Para("目的".into())],
            ]),
            Block::Row(vec![
                vec![Block::Para("資格".into())],
                vec![Block::Para("管理".into())],
            ]),
        ];
        assert_eq!(
            to_markdown(&rows),
            "| 類型 | 目的 |\n| --- | --- |\n| 資格 | 管理 |"
        );
        assert!(
            covered_by(
                "個人情報の利用目的について",
                "当組合の個人情報の利用目的についての説明"
            ) > 0.99
        );
        assert!(covered_by("まったく別の文章ですよね", "個人情報") < 0.01);
    }
}
