//! `[[page]]` and `[[new_page]]`: edits of the pages of a union site.

use schemars::JsonSchema;
use serde::Deserialize;
use toml::Spanned;

/// `[[page]]`: change a base page.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(
    deny_unknown_fields,
    expecting = "a table like `[[page]] id = \"contact\"`"
)]
#[schemars(description = "標準のページの変更 / Change to a standard page")]
pub struct PageEdit {
    #[schemars(
        with = "String",
        description = "変更するページの ID（必須）: index, purposes, safety, requests, contact, history / Id of the standard page (required)"
    )]
    pub id: Spanned<String>,
    #[schemars(description = "ページの題名 / A different title")]
    pub title: Option<String>,
    /// Replaces the page's Markdown, keeping what the page generates (purposes, windows, history).
    #[schemars(
        description = "本文（Markdown）を差し替え、自動で作る部分（利用目的・窓口・履歴）は残す / Replaces the page's Markdown, keeping what the page generates (purposes, windows, history)"
    )]
    pub intro: Option<String>,
    /// Replaces the whole page with this Markdown.
    #[schemars(
        description = "ページ全体をこの Markdown に差し替え / Replaces the whole page with this Markdown"
    )]
    pub body: Option<String>,
    /// Replaces the whole page with this Markdown file from `unions/<slug>/`.
    #[schemars(
        with = "Option<String>",
        description = "ページ全体を unions/<slug>/ の Markdown ファイルに差し替え / Replaces the whole page with this Markdown file from unions/<slug>/, e.g. purposes.md"
    )]
    pub file: Option<Spanned<String>>,
    #[serde(default)]
    #[schemars(
        description = "true でページを削除（index は不可） / true drops the page (not index)"
    )]
    pub remove: bool,
}

/// `[[new_page]]`: a page of the union's own.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(
    deny_unknown_fields,
    expecting = "a table like `[[new_page]] id = \"…\", title = \"…\"`"
)]
#[schemars(description = "組合独自のページ / A page of the union's own")]
pub struct NewPage {
    #[schemars(
        with = "String",
        description = "新しいページの ID（必須）。ファイル名になる（storage → storage.html） / Id (required), also the file name: storage → storage.html"
    )]
    pub id: Spanned<String>,
    #[schemars(description = "ページの題名（必須） / Title (required), e.g. 個人情報の保存と廃棄")]
    pub title: String,
    #[schemars(
        description = "本文（Markdown）。body か file のどちらか。sections や kind = \"consent\" のページでは前書き（省略可） / The page's Markdown; give body or file. On a page with sections or kind = \"consent\": its intro (optional)"
    )]
    pub body: Option<String>,
    #[schemars(
        with = "Option<String>",
        description = "unions/<slug>/ の Markdown ファイル / Markdown file in unions/<slug>/, e.g. storage.md"
    )]
    pub file: Option<Spanned<String>>,
    #[schemars(
        with = "Option<String>",
        description = "このページの後に置く。省略時は末尾 / Place after this page id; default at the end"
    )]
    pub after: Option<Spanned<String>>,
    /// Sections of purposes shown on this page instead of on the purposes page.
    #[schemars(
        with = "Option<Vec<String>>",
        description = "このページに表示するセクションの ID（例: [\"mynumber\"]）。利用目的のページには表示されなくなる / Ids of the sections this page shows, e.g. [\"mynumber\"]; the purposes page no longer shows them"
    )]
    pub sections: Option<Vec<Spanned<String>>>,
    #[schemars(
        description = "ページの種類。\"consent\" で黙示の同意（＊）のページ / What the page is: \"consent\" makes the implied-consent (＊) page"
    )]
    pub kind: Option<NewPageKind>,
}

/// What a page of the union's own shows besides its Markdown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
#[schemars(description = "独自のページの種類 / What a page of the union's own shows")]
pub enum NewPageKind {
    #[schemars(description = "Markdown だけ（既定） / Markdown only (default)")]
    Prose,
    #[schemars(
        description = "黙示の同意: 前書き、＊印の利用目的（セクションごと）、申出先 / Implied consent: intro, every ＊ item by section, where to object"
    )]
    Consent,
}
