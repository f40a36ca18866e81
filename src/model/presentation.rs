//! How a union's site looks: layout, digits, label brackets, numbering, the table's words.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// How the purposes are laid out.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
#[schemars(description = "利用目的の並べ方 / How the purposes are laid out")]
pub enum Layout {
    /// Numbered sections with lists (seeds 001, 004).
    #[default]
    #[schemars(
        description = "番号付きのセクションと箇条書き（既定） / Numbered sections with lists (default)"
    )]
    List,
    /// The two-column table of seed 000.
    #[schemars(
        description = "2列の表（内部での利用／情報提供） / Two-column table (internal use / provision)"
    )]
    Table,
}

/// Half-width (2024) or full-width (２０２４) digits in dates.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
#[schemars(description = "日付の数字 / Digits in dates")]
pub enum Digits {
    #[default]
    #[schemars(description = "半角数字（既定）: 令和6年12月2日 / Half-width digits (default)")]
    Half,
    #[schemars(description = "全角数字: 令和６年１２月２日 / Full-width digits")]
    Full,
}

/// Brackets around group labels: 【…】 or ＜…＞.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
#[schemars(description = "グループ見出しの括弧 / Brackets around group labels")]
pub enum LabelStyle {
    #[default]
    #[schemars(description = "【…】（既定） / Lenticular brackets (default)")]
    Lenticular,
    #[schemars(description = "＜…＞ / Full-width angle brackets")]
    Angle,
    #[schemars(description = "括弧なし（見出しの文字だけ） / No brackets: the label as written")]
    None,
    #[schemars(description = "〔…〕 / Tortoise-shell brackets")]
    Tortoise,
    #[schemars(description = "［…］ / Full-width square brackets")]
    Square,
    #[schemars(description = "（…） / Full-width parentheses")]
    Round,
    #[schemars(description = "「…」 / Corner brackets")]
    Corner,
    #[schemars(description = "《…》 / Double angle brackets")]
    Double,
}

impl LabelStyle {
    /// Wraps a label in this style's brackets; an empty label (no heading) stays empty.
    pub fn wrap(self, label: &str) -> String {
        match self {
            _ if label.is_empty() => String::new(),
            LabelStyle::Lenticular => format!("【{label}】"),
            // Full-width brackets keep a closing bracket from wrapping onto a line of its own.
            LabelStyle::Angle => format!("＜{label}＞"),
            LabelStyle::None => label.to_string(),
            LabelStyle::Tortoise => format!("〔{label}〕"),
            LabelStyle::Square => format!("［{label}］"),
            LabelStyle::Round => format!("（{label}）"),
            LabelStyle::Corner => format!("「{label}」"),
            LabelStyle::Double => format!("《{label}》"),
        }
    }
}

/// Presentation choices a union makes.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Presentation {
    pub layout: Layout,
    pub digits: Digits,
    pub label_style: LabelStyle,
    /// How section number one looks (`1.`, `（１）`, `第一`…; `""`: none). `None`: the layout's
    /// default (`1.` in the list, none in the table). Checked by merge to hold a numeral.
    pub section_numbers: Option<String>,
    /// How item number one looks; `None` or `""`: bullets, no numbers.
    pub item_numbers: Option<String>,
    /// The words of the table layout.
    pub table: TableWords,
}

/// The words of the table layout (`[presentation.table]`).
#[derive(Debug, Clone, Serialize)]
pub struct TableWords {
    /// What heads each section's row: its `short_title` (default) or its `title`.
    pub row_header: RowHeader,
    /// The table's caption; empty: none.
    pub caption: String,
    /// The top-left header; empty: an empty cell.
    pub corner: String,
    /// The column headers; `None`: the labels of the internal and external groups.
    pub left: Option<String>,
    pub right: Option<String>,
}

impl Default for TableWords {
    fn default() -> Self {
        TableWords {
            row_header: RowHeader::default(),
            caption: "個人情報の利用目的".to_string(),
            corner: "区分".to_string(),
            left: None,
            right: None,
        }
    }
}

/// What heads a section's row in the table layout.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[schemars(description = "table 表示の行見出し / What heads each row of the table")]
pub enum RowHeader {
    #[default]
    #[schemars(
        description = "セクションの short_title（既定） / The section's short_title (default)"
    )]
    ShortTitle,
    #[schemars(
        description = "セクションの title（list 表示と同じ題名） / The section's full title"
    )]
    Title,
}
