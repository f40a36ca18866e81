//! `[presentation]`: how the union's site looks, with its numbering patterns checked.

use toml::Spanned;

use super::Merger;
use crate::model::{Presentation, TableWords};
use crate::text::numbering::{NUMERAL_LIST, Numbering};

impl Merger<'_> {
    /// The union's presentation; a numbering pattern with nothing to count with is an error at
    /// the pattern.
    pub(super) fn presentation(&mut self) -> Presentation {
        let doc = &self.file.doc.presentation;
        let table = &doc.table;
        let defaults = TableWords::default();
        Presentation {
            layout: doc.layout.unwrap_or_default(),
            digits: doc.digits.unwrap_or_default(),
            label_style: doc.label_style.unwrap_or_default(),
            section_numbers: self.numbering(doc.section_numbers.as_ref(), "section_numbers"),
            item_numbers: self.numbering(doc.item_numbers.as_ref(), "item_numbers"),
            table: TableWords {
                row_header: table.row_header.unwrap_or_default(),
                caption: table.caption.clone().unwrap_or(defaults.caption),
                corner: table.corner.clone().unwrap_or(defaults.corner),
                left: table.left.clone(),
                right: table.right.clone(),
            },
        }
    }

    fn numbering(&mut self, pattern: Option<&Spanned<String>>, key: &str) -> Option<String> {
        let pattern = pattern?;
        if Numbering::parse(pattern.get_ref()).is_err() {
            let written = pattern.get_ref();
            self.error_help(
                pattern,
                "numbering",
                (
                    format!(
                        "`{key} = \"{written}\"` has no numeral to count with: expected how number one looks, with one of {NUMERAL_LIST}"
                    ),
                    format!(
                        "`{key} = \"{written}\"` に番号になる文字がありません。1番の書き方を、{NUMERAL_LIST} のどれかを入れて書いてください"
                    ),
                ),
                (
                    format!(
                        "write number one as the page shows it, e.g. `{key} = \"(1)\"`, `\"（１）\"`, `\"①\"`, `\"第一\"` or `\"ア\"`; `\"\"` for no numbers"
                    ),
                    format!(
                        "ページでの1番の書き方で書いてください（例: `{key} = \"(1)\"`、`\"（１）\"`、`\"①\"`、`\"第一\"`、`\"ア\"`）。番号なしは `\"\"`"
                    ),
                ),
            );
        }
        Some(pattern.get_ref().clone())
    }
}
