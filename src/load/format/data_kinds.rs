//! `[purposes]`, `[[data_kind]]` and `[data_kinds]`: the purposes without the base's sections,
//! and a table of personal data by kind.

use schemars::JsonSchema;
use serde::Deserialize;
use toml::Spanned;

use super::{OneOrMany, OneOrManySchema};
use crate::model::DataKindsPosition;

/// `[purposes]`: whether the base's sections are kept.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(
    deny_unknown_fields,
    expecting = "a table like `[purposes] base = false`"
)]
#[schemars(description = "利用目的の全体 / The purposes as a whole")]
pub struct PurposesDoc {
    /// False drops every base section: the union's `[[new_section]]`s are then the purposes.
    #[serde(default = "yes")]
    #[schemars(
        with = "bool",
        description = "false で標準の8つのセクションをすべて外し、[[new_section]] だけを利用目的にする（既定 true） / false drops every base section: your [[new_section]]s are then the purposes (default true)"
    )]
    pub base: Spanned<bool>,
}

impl Default for PurposesDoc {
    fn default() -> Self {
        PurposesDoc {
            base: Spanned::new(0..0, true),
        }
    }
}

fn yes() -> Spanned<bool> {
    Spanned::new(0..0, true)
}

/// `[[data_kind]]`: one row of the table of personal data by kind.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(
    deny_unknown_fields,
    expecting = "a table like `[[data_kind]] name = \"…\", purposes = [\"…\"]`"
)]
#[schemars(
    description = "個人情報の類型と利用目的（表の1行） / One kind of personal data and its purposes (a table row)"
)]
pub struct DataKindDoc {
    #[schemars(
        with = "String",
        description = "個人情報の類型（必須） / The kind of data (required), e.g. 資格に関する情報"
    )]
    pub name: Spanned<String>,
    #[schemars(
        with = "OneOrManySchema",
        description = "利用目的（必須）: 文字列またはその並び。「、」でつないで表示 / Its purposes (required): a text or a list, shown joined with 「、」"
    )]
    pub purposes: Spanned<OneOrMany>,
    #[schemars(
        with = "Option<String>",
        description = "行の ID（英小文字・数字・ハイフン）。省略時は 1 から数えた番号 / The row's id; default: its 1-based number"
    )]
    pub id: Option<Spanned<String>>,
}

/// `[data_kinds]`: how the table of `[[data_kind]]` rows is shown.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(
    deny_unknown_fields,
    expecting = "a table like `[data_kinds] position = \"after\"`"
)]
#[schemars(description = "個人情報の類型の表の見せ方 / How the table of data kinds is shown")]
pub struct DataKindsDoc {
    #[schemars(
        with = "Option<[String; 2]>",
        description = "2つの列見出し（既定 [\"個人情報の類型\", \"利用目的\"]） / The two column headers"
    )]
    pub headers: Option<Spanned<Vec<String>>>,
    #[schemars(
        with = "Option<String>",
        description = "表の前に出す文（Markdown） / Markdown before the table"
    )]
    pub intro: Option<Spanned<String>>,
    #[schemars(
        with = "Option<String>",
        description = "表の後に出す文（Markdown） / Markdown after the table"
    )]
    pub note: Option<Spanned<String>>,
    #[schemars(
        with = "Option<DataKindsPosition>",
        description = "表の位置: before（利用目的のセクションの前、既定）または after / Where the table stands: before the sections (default) or after"
    )]
    pub position: Option<Spanned<DataKindsPosition>>,
}
