//! The purposes as a table by kind of personal information (「個人情報の類型」→「利用目的」, the
//! 公表事項 model of seed 003): each row is a `[[data_kind]]` with its purposes listed, the text
//! after the table the table's note.

use super::blocks::{Block, collapse_spaces, norm};

/// The column headers the format shows when none are given.
pub const DEFAULT_HEADERS: [&str; 2] = ["個人情報の類型", "利用目的"];

/// One row: the kind of information and its purposes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kind {
    pub name: String,
    pub purposes: Vec<String>,
}

/// The table: its headers as written, its rows, the blocks before it (the page's
/// introduction) and after it (the table's note).
#[derive(Debug, Clone, Default)]
pub struct DataKinds {
    pub headers: [String; 2],
    pub kinds: Vec<Kind>,
    pub before: Vec<Block>,
    pub note: Vec<Block>,
}

/// Reads a table of kinds out of the blocks: a header row naming the kinds (類型, 種類) and the
/// purposes (目的), then two-cell rows. `None` when the blocks hold no such table.
pub fn read(blocks: &[Block]) -> Option<DataKinds> {
    let at = blocks.iter().position(is_header)?;
    let Block::Row(head) = &blocks[at] else {
        return None;
    };
    let mut table = DataKinds {
        headers: [cell_text(&head[0]), cell_text(&head[1])],
        before: blocks[..at].to_vec(),
        ..DataKinds::default()
    };
    let mut rest = blocks[at + 1..].iter().peekable();
    while let Some(Block::Row(cells)) = rest.peek() {
        let [name, purposes] = cells.as_slice() else {
            break;
        };
        table.kinds.push(Kind {
            name: cell_text(name),
            purposes: split_purposes(&cell_text(purposes)),
        });
        rest.next();
    }
    table.note = rest.cloned().collect();
    (!table.kinds.is_empty()).then_some(table)
}

/// The header row: two cells, the first naming kinds of information, the second purposes.
fn is_header(block: &Block) -> bool {
    let Block::Row(cells) = block else {
        return false;
    };
    let [kind, purpose] = cells.as_slice() else {
        return false;
    };
    let (kind, purpose) = (cell_text(kind), cell_text(purpose));
    (kind.contains("類型") || kind.contains("種類")) && purpose.contains("目的")
}

/// A cell's text on one line; a PDF's breaks inside Japanese words go.
fn cell_text(cell: &[Block]) -> String {
    let text: Vec<String> = cell.iter().map(Block::text).collect();
    collapse_spaces(&text.join(" "))
}

/// The purposes of one row, split at each 「、」 outside brackets (the site joins them with
/// 「、」 again, so the row reads as written).
fn split_purposes(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut current = String::new();
    for c in text.chars() {
        match c {
            '（' | '(' | '「' | '『' => depth += 1,
            '）' | ')' | '」' | '』' => depth = depth.saturating_sub(1),
            '、' if depth == 0 => {
                out.push(std::mem::take(&mut current).trim().to_string());
                continue;
            }
            _ => {}
        }
        current.push(c);
    }
    out.push(current.trim().to_string());
    out.retain(|p| !p.is_empty());
    out
}

impl DataKinds {
    /// The headers when they differ from the format's defaults.
    pub fn own_headers(&self) -> Option<&[String; 2]> {
        let same = self
            .headers
            .iter()
            .zip(DEFAULT_HEADERS)
            .all(|(h, d)| norm(h) == norm(d));
        (!same).then_some(&self.headers)
    }

    /// Characters (normalised) of the headers and rows: structure.
    pub fn structural(&self) -> usize {
        let n = |t: &str| norm(t).chars().count();
        let headers: usize = self.headers.iter().map(|h| n(h)).sum();
        let rows: usize = self
            .kinds
            .iter()
            .map(|k| n(&k.name) + k.purposes.iter().map(|p| n(p)).sum::<usize>())
            .sum();
        headers + rows
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(a: &str, b: &str) -> Block {
        Block::Row(vec![
            vec![Block::Para(a.into())],
            vec![Block::Para(b.into())],
        ])
    }

    #[test]
    fn rows_of_kinds_and_their_purposes() {
        let blocks = vec![
            Block::Para("次の利用目的で取り扱います。".into()),
            row("個人情報の類型", "利用目的"),
            row("資格に関する情報", "加入者の管理、保険料の徴収"),
            row(
                "被扶養者(被扶養者になろうとする者を含む) の情報",
                "認定（収入、身分）",
            ),
            Block::Para("※上表と同一です。".into()),
        ];
        let table = read(&blocks).expect("a table");
        assert_eq!(table.before.len(), 1);
        assert_eq!(
            table.kinds[0].purposes,
            vec!["加入者の管理", "保険料の徴収"]
        );
        assert_eq!(table.kinds[1].purposes, vec!["認定（収入、身分）"]);
        assert_eq!(
            table.kinds[1].name,
            "被扶養者(被扶養者になろうとする者を含む) の情報"
        );
        assert_eq!(table.note, vec![Block::Para("※上表と同一です。".into())]);
        assert!(table.own_headers().is_none());
        assert!(read(&[row("区分", "内容")]).is_none());
    }
}
