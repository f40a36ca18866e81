//! `[wording]` and `[presentation]`: sentences a union may replace and how its site looks.

use schemars::JsonSchema;
use serde::Deserialize;
use toml::Spanned;

use crate::model::{Digits, LabelStyle, Layout};

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
        description = "グループ見出しの括弧: lenticular 【…】（既定）または angle ＜…＞ / Brackets around group labels: lenticular (default) or angle"
    )]
    pub label_style: Option<LabelStyle>,
}
