//! `[wording]` and `[presentation]`: sentences a union may replace and how its site looks.

use schemars::JsonSchema;
use serde::Deserialize;
use toml::Spanned;

use crate::model::{Digits, LabelStyle, Layout, RowHeader};

/// `[wording]`: sentences the base lets a union replace.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(
    deny_unknown_fields,
    expecting = "a table like `[wording] fee = \"…\"`"
)]
#[schemars(description = "差し替えられる文言 / Sentences a union may replace")]
pub struct WordingDoc {
    /// Legend under the purposes when items carry ＊.
    #[schemars(
        description = "＊の付いた項目があるとき、利用目的の下に出す凡例 / Legend under the purposes when items carry ＊ (implied consent)"
    )]
    pub consent_legend: Option<String>,
    /// Fee statement on the requests page.
    #[schemars(
        description = "開示等の請求の手数料についての文 / Fee statement on the requests page, e.g. 開示等の請求には、1件につき300円の手数料をいただきます。"
    )]
    pub fee: Option<String>,
    /// The union's value of `{{ base.mynumber_clause }}`.
    #[schemars(
        with = "Option<String>",
        description = "{{ base.mynumber_clause }} の組合の値（例: 番号法第19条第7号）。標準の文もこの値で表示 / Your value of {{ base.mynumber_clause }}, e.g. 番号法第19条第7号; base text shows it too"
    )]
    pub mynumber_clause: Option<Spanned<String>>,
}

/// `[presentation]`.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(
    deny_unknown_fields,
    expecting = "a table like `[presentation] layout = \"table\"`"
)]
#[schemars(description = "表示形式 / Presentation")]
pub struct PresentationDoc {
    #[schemars(
        description = "利用目的の並べ方: list（既定）または table / How the purposes are laid out: list (default) or table"
    )]
    pub layout: Option<Layout>,
    #[schemars(
        description = "日付の数字: half 2024（既定）または full ２０２４ / Digits in dates: half (default) or full"
    )]
    pub digits: Option<Digits>,
    #[schemars(
        description = "グループ見出しの括弧: lenticular 【…】（既定）、angle ＜…＞、tortoise 〔…〕、square ［…］、round （…）、corner 「…」、double 《…》 または none（括弧なし） / Brackets around group labels: lenticular (default), angle, tortoise, square, round, corner, double or none"
    )]
    pub label_style: Option<LabelStyle>,
    #[schemars(
        with = "Option<String>",
        description = "セクション番号の書き方を1番で: \"1.\"（list の既定）、\"（１）\"、\"第一\"、\"①\"…。\"\" で番号なし / How section number one looks: \"1.\" (list default), \"（１）\", \"第一\", \"①\"…; \"\" = no numbers"
    )]
    pub section_numbers: Option<Spanned<String>>,
    #[schemars(
        with = "Option<String>",
        description = "項目番号の書き方を1番で: \"(1)\"、\"①\"、\"ア\"、\"a.\"…。省略時は番号なし（箇条書き） / How item number one looks: \"(1)\", \"①\", \"ア\", \"a.\"…; default: bullets, no numbers"
    )]
    pub item_numbers: Option<Spanned<String>>,
    #[serde(default)]
    #[schemars(
        description = "[presentation.table] table 表示の文言: 行見出し・表題・左上・列見出し / Words of the table layout: row headers, caption, corner, column headers"
    )]
    pub table: TableDoc,
}

/// `[presentation.table]`: the words of the table layout, as the union's page writes them.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(
    deny_unknown_fields,
    expecting = "a table like `[presentation.table] caption = \"…\"`"
)]
#[schemars(description = "table 表示の文言 / Words of the table layout")]
pub struct TableDoc {
    #[schemars(
        description = "行見出しに出すもの: short_title（既定）または title / What heads each row: short_title (default) or title"
    )]
    pub row_header: Option<RowHeader>,
    #[schemars(
        description = "表題（既定「個人情報の利用目的」）。\"\" で表題なし / The caption (default 個人情報の利用目的); \"\" = none"
    )]
    pub caption: Option<String>,
    #[schemars(
        description = "左上の見出し（既定「区分」）。\"\" で空欄 / The top-left header (default 区分); \"\" = an empty cell"
    )]
    pub corner: Option<String>,
    #[schemars(
        description = "左の列の見出し（既定は internal の見出し） / The left column's header (default: the internal group's label)"
    )]
    pub left: Option<String>,
    #[schemars(
        description = "右の列の見出し（既定は external の見出し） / The right column's header (default: the external group's label)"
    )]
    pub right: Option<String>,
}
