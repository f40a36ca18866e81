//! A saved web page → blocks. The tokenizer (html5gum) gives tags and decoded text; this walks
//! them keeping only what a reader of the policy sees: block elements become blocks, table rows
//! become rows of cells, and the site's chrome (navigation, header, footer, scripts, forms) is
//! counted and left out.

use html5gum::{DefaultEmitter, Token, Tokenizer};

use super::blocks::{Block, collapse_spaces};

/// Elements whose content is not the policy: site navigation and machinery.
const CHROME: &[&str] = &[
    "head", "script", "style", "noscript", "template", "nav", "header", "footer", "form", "button",
    "select", "svg", "iframe", "aside",
];

/// Elements that end a block of text.
const BREAKS: &[&str] = &[
    "p",
    "div",
    "br",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "section",
    "article",
    "main",
    "blockquote",
    "pre",
    "hr",
    "address",
    "table",
    "caption",
    "tbody",
    "thead",
    "tfoot",
    "figure",
    "center",
];

/// The blocks of a page, and how many characters of chrome were left out.
#[derive(Debug, Default)]
pub struct Page {
    pub blocks: Vec<Block>,
    pub chrome_chars: usize,
}

/// Reads an HTML page into blocks.
pub fn blocks(html: &str) -> Page {
    let mut emitter = DefaultEmitter::default();
    // Script and style bodies are raw text, not tags: let the tokenizer switch states for them.
    emitter.naively_switch_states(true);
    let mut walker = Walker::default();
    for Ok(token) in Tokenizer::new_with_emitter(html, emitter) {
        match token {
            Token::StartTag(tag) => {
                walker.open(&String::from_utf8_lossy(&tag.name), tag.self_closing)
            }
            Token::EndTag(tag) => walker.close(&String::from_utf8_lossy(&tag.name)),
            Token::String(text) => walker.text(&String::from_utf8_lossy(&text.value)),
            _ => {}
        }
    }
    walker.flush();
    walker.close_tables();
    Page {
        blocks: walker.blocks,
        chrome_chars: walker.chrome_chars,
    }
}

/// What kind of block the text being gathered will become.
#[derive(Debug, Default, Clone, Copy, PartialEq)]
enum Kind {
    #[default]
    Para,
    Heading,
    Bullet,
}

/// An open table: its finished rows, the row and cell being filled.
#[derive(Debug, Default)]
struct Table {
    rows: Vec<Vec<Vec<Block>>>,
    row: Option<Vec<Vec<Block>>>,
    cell: Option<Vec<Block>>,
}

#[derive(Debug, Default)]
struct Walker {
    blocks: Vec<Block>,
    tables: Vec<Table>,
    text: String,
    kind: Kind,
    /// Depth inside chrome elements; text there is only counted.
    chrome: usize,
    chrome_chars: usize,
}

impl Walker {
    fn open(&mut self, name: &str, self_closing: bool) {
        if CHROME.contains(&name) {
            if !self_closing {
                self.chrome += 1;
            }
            return;
        }
        if self.chrome > 0 {
            return;
        }
        match name {
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => self.start(Kind::Heading),
            "li" => self.start(Kind::Bullet),
            "table" => {
                self.flush();
                self.tables.push(Table::default());
            }
            "tr" => self.start_row(),
            "td" | "th" => self.start_cell(),
            _ if BREAKS.contains(&name) => self.flush(),
            _ => {}
        }
    }

    fn close(&mut self, name: &str) {
        if CHROME.contains(&name) {
            self.chrome = self.chrome.saturating_sub(1);
            return;
        }
        if self.chrome > 0 {
            return;
        }
        match name {
            "td" | "th" => self.end_cell(),
            "tr" => self.end_row(),
            "table" => self.end_table(),
            "li" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => self.flush(),
            _ if BREAKS.contains(&name) => self.flush(),
            _ => {}
        }
    }

    fn text(&mut self, text: &str) {
        if self.chrome > 0 {
            self.chrome_chars += text.chars().filter(|c| !c.is_whitespace()).count();
        } else {
            self.text.push_str(text);
        }
    }

    fn start(&mut self, kind: Kind) {
        self.flush();
        self.kind = kind;
    }

    /// Ends the text being gathered as a block, into the open cell or the page.
    fn flush(&mut self) {
        let text = collapse_spaces(&self.text);
        self.text.clear();
        let kind = std::mem::take(&mut self.kind);
        if text.is_empty() {
            return;
        }
        let block = match kind {
            Kind::Heading => Block::Heading(text),
            Kind::Bullet => Block::Bullet(text),
            Kind::Para => Block::Para(text),
        };
        match self.tables.last_mut().and_then(|t| t.cell.as_mut()) {
            Some(cell) => cell.push(block),
            None => self.blocks.push(block),
        }
    }

    fn start_row(&mut self) {
        self.end_row();
        if let Some(table) = self.tables.last_mut() {
            table.row = Some(Vec::new());
        }
    }

    fn start_cell(&mut self) {
        self.end_cell();
        if let Some(table) = self.tables.last_mut() {
            table.row.get_or_insert_with(Vec::new);
            table.cell = Some(Vec::new());
        }
    }

    fn end_cell(&mut self) {
        self.flush();
        if let Some(table) = self.tables.last_mut()
            && let Some(cell) = table.cell.take()
        {
            table.row.get_or_insert_with(Vec::new).push(cell);
        }
    }

    fn end_row(&mut self) {
        self.end_cell();
        if let Some(table) = self.tables.last_mut()
            && let Some(row) = table.row.take()
            && !row.is_empty()
        {
            table.rows.push(row);
        }
    }

    /// Ends a table: its rows go to the page, or, for a table inside a cell, their blocks go
    /// into that cell (a layout table inside a layout table is still one text).
    fn end_table(&mut self) {
        self.end_row();
        let Some(table) = self.tables.pop() else {
            return;
        };
        // A table of one column is the page's layout, not data: its cells are the page.
        let layout = table
            .rows
            .iter()
            .all(|r| r.iter().filter(|c| !c.is_empty()).count() <= 1);
        match self.tables.last_mut().and_then(|t| t.cell.as_mut()) {
            Some(cell) => cell.extend(table.rows.into_iter().flatten().flatten()),
            None if layout => self
                .blocks
                .extend(table.rows.into_iter().flatten().flatten()),
            None => self.blocks.extend(table.rows.into_iter().map(Block::Row)),
        }
    }

    /// Tables a page never closed end with it.
    fn close_tables(&mut self) {
        while !self.tables.is_empty() {
            self.end_table();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_rows_and_chrome() {
        let page = blocks(
            "<html><head><title>t</title><style>p{}</style></head><body><nav>ホーム</nav>\
             <h2>1. 保険給付</h2><ul><li>・資格の&amp;確認</li><li>給付</li></ul>\
             <table><tr><th>区分</th><td><ul><li>内部</li></ul></td></tr></table>\
             <p>保険\n給付</p><footer>©</footer></body></html>",
        );
        assert_eq!(
            page.blocks,
            vec![
                Block::Heading("1. 保険給付".into()),
                Block::Bullet("・資格の&確認".into()),
                Block::Bullet("給付".into()),
                Block::Row(vec![
                    vec![Block::Para("区分".into())],
                    vec![Block::Bullet("内部".into())]
                ]),
                Block::Para("保険給付".into()),
            ]
        );
        assert_eq!(page.chrome_chars, "tp{}ホーム©".chars().count());
    }
}
