//! `[[section]]`, `[[group]]`, `[[item]]` and their `new_` forms: edits of the purposes of use.

use schemars::JsonSchema;
use serde::Deserialize;
use toml::Spanned;

use super::{CompactItem, CompactItemSchema};
use crate::model::GroupKind;

/// `[[section]]`: change a base section.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(
    deny_unknown_fields,
    expecting = "a table like `[[section]] id = \"claims\"`"
)]
#[schemars(description = "標準のセクションの変更 / Change to a base section")]
pub struct SectionEdit {
    #[schemars(
        with = "String",
        description = "変更するセクションの ID（必須）: benefits, premiums, health, claims, stability, other, mynumber, online / Id of the base section (required)"
    )]
    pub id: Spanned<String>,
    #[schemars(description = "list 表示での題名 / Title in the list layout")]
    pub title: Option<String>,
    #[schemars(description = "table 表示での行見出し / Row header in the table layout")]
    pub short_title: Option<String>,
    #[schemars(
        description = "グループの前に出す文。intro = \"\" で削除 / Sentence before the groups; intro = \"\" removes it"
    )]
    pub intro: Option<String>,
    #[schemars(
        description = "このセクションの前に出す見出し（後に続くセクションをまとめる）。\"\" で削除 / A heading shown before this section, over the sections that follow; \"\" removes it"
    )]
    pub heading: Option<String>,
    #[schemars(
        description = "グループの後に出す注記（Markdown）。\"\" で削除 / A note after the section's groups (Markdown); \"\" removes it"
    )]
    pub note: Option<String>,
    #[serde(default)]
    #[schemars(description = "true でセクションごと削除 / true drops the whole section")]
    pub remove: bool,
    #[schemars(
        with = "Option<String>",
        description = "このセクションをこのセクション（ID）の前に移す / Move this section before this section id"
    )]
    pub before: Option<Spanned<String>>,
    #[schemars(
        with = "Option<String>",
        description = "このセクションをこのセクション（ID）の後に移す / Move this section after this section id"
    )]
    pub after: Option<Spanned<String>>,
}

/// `[[new_section]]`: a section the base does not have.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(
    deny_unknown_fields,
    expecting = "a table like `[[new_section]] id = \"…\", title = \"…\"`"
)]
#[schemars(description = "組合独自のセクション / A section of the union's own")]
pub struct NewSection {
    #[schemars(
        with = "String",
        description = "新しいセクションの ID（必須、英小文字・数字・ハイフン） / Id of the new section (required), e.g. my-section"
    )]
    pub id: Spanned<String>,
    #[schemars(description = "list 表示での題名（必須） / Title in the list layout (required)")]
    pub title: String,
    #[schemars(description = "table 表示での行見出し / Row header in the table layout")]
    pub short_title: Option<String>,
    #[schemars(description = "グループの前に出す文 / Sentence before the groups")]
    pub intro: Option<String>,
    #[schemars(
        description = "このセクションの前に出す見出し（後に続くセクションをまとめる）。\"\" で削除 / A heading shown before this section, over the sections that follow; \"\" removes it"
    )]
    pub heading: Option<String>,
    #[schemars(
        description = "グループの後に出す注記（Markdown）。\"\" で削除 / A note after the section's groups (Markdown); \"\" removes it"
    )]
    pub note: Option<String>,
    #[schemars(
        with = "Option<String>",
        description = "このセクションの前に置く（ID） / Place before this section id"
    )]
    pub before: Option<Spanned<String>>,
    #[schemars(
        with = "Option<String>",
        description = "このセクションの後に置く（ID）。before も after もなければ末尾 / Place after this section id; neither = at the end"
    )]
    pub after: Option<Spanned<String>>,
    /// The compact form: the section's items, in one group `<section>.items` without a label.
    #[serde(default)]
    #[schemars(
        with = "Vec<CompactItemSchema>",
        description = "項目を直接並べる簡易形: 文字列または { text, id, contractors, consent, contractor_label }。見出しのないグループ <section>.items（種類 other）になる / The items written directly: strings or { text, id, contractors, consent, contractor_label }; they form one group <section>.items of kind other, without a label"
    )]
    pub items: Vec<Spanned<CompactItem>>,
}

/// `[[group]]`: change a base group.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(
    deny_unknown_fields,
    expecting = "a table like `[[group]] id = \"claims.review\"`"
)]
#[schemars(description = "標準のグループの変更 / Change to a base group")]
pub struct GroupEdit {
    #[schemars(
        with = "String",
        description = "変更するグループの ID（必須、セクション.グループ） / Id of the base group (required), e.g. claims.review"
    )]
    pub id: Spanned<String>,
    #[schemars(
        description = "このグループだけの見出し（括弧なし）。\"\" で見出しなし / Label of this group only, without brackets; \"\" = no heading"
    )]
    pub label: Option<String>,
    #[schemars(
        description = "項目の後に出す注記（Markdown）。\"\" で削除 / A note after the group's items (Markdown); \"\" removes it"
    )]
    pub note: Option<String>,
    #[serde(default)]
    #[schemars(description = "true でグループごと削除 / true drops the whole group")]
    pub remove: bool,
    #[schemars(
        with = "Option<String>",
        description = "このグループを別のセクション（ID）に移す / Move this group to this section id"
    )]
    pub to: Option<Spanned<String>>,
    #[schemars(
        with = "Option<String>",
        description = "移し先のセクションのこのグループの前に置く / Place before this group of the target section"
    )]
    pub before: Option<Spanned<String>>,
    #[schemars(
        with = "Option<String>",
        description = "移し先のセクションのこのグループの後に置く / Place after this group of the target section"
    )]
    pub after: Option<Spanned<String>>,
}

/// `[[new_group]]`: a group the base does not have; its id says which section it joins.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(
    deny_unknown_fields,
    expecting = "a table like `[[new_group]] id = \"health.partners\", kind = \"external\"`"
)]
#[schemars(description = "組合独自のグループ / A group of the union's own")]
pub struct NewGroup {
    #[schemars(
        with = "String",
        description = "新しいグループの ID（必須）: セクション ID + 独自の名前 / Id (required): section id + your own name, e.g. health.partners"
    )]
    pub id: Spanned<String>,
    #[schemars(
        description = "グループの種類（必須）。既定の見出しと table 表示での列が決まる / Kind (required): decides the default label and the table column"
    )]
    pub kind: GroupKind,
    #[schemars(
        description = "見出し（括弧なし）。省略時は種類の見出し、\"\" で見出しなし / Label without brackets; default: the label of its kind; \"\" = no heading"
    )]
    pub label: Option<String>,
    #[schemars(
        description = "項目の後に出す注記（Markdown）。\"\" で削除 / A note after the group's items (Markdown); \"\" removes it"
    )]
    pub note: Option<String>,
    #[schemars(
        with = "Option<String>",
        description = "同じセクションのこのグループの前に置く / Place before this group of the same section"
    )]
    pub before: Option<Spanned<String>>,
    #[schemars(
        with = "Option<String>",
        description = "同じセクションのこのグループの後に置く。どちらもなければ末尾 / Place after this group of the same section; neither = at the end"
    )]
    pub after: Option<Spanned<String>>,
    /// The compact form: the group's items, ids `<group>.<id or number>`.
    #[serde(default)]
    #[schemars(
        with = "Vec<CompactItemSchema>",
        description = "項目を直接並べる簡易形: 文字列または { text, id, contractors, consent, contractor_label }。ID は <group>.<id または番号> / The items written directly: strings or { text, id, contractors, consent, contractor_label }; ids are <group>.<id or number>"
    )]
    pub items: Vec<Spanned<CompactItem>>,
}

/// `[[item]]`: change a base item.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(
    deny_unknown_fields,
    expecting = "a table like `[[item]] id = \"benefits.internal.eligibility\"`"
)]
#[schemars(description = "標準の利用目的（項目）の変更 / Change to a base item")]
pub struct ItemEdit {
    #[schemars(
        with = "String",
        description = "変更する項目の ID（必須、セクション.グループ.項目） / Id of the base item (required), e.g. benefits.internal.eligibility"
    )]
    pub id: Spanned<String>,
    #[schemars(description = "標準の代わりの文言 / Your wording instead of the base's")]
    pub text: Option<String>,
    #[serde(default)]
    #[schemars(
        with = "Vec<String>",
        description = "外部委託先のキー（[contractors] で定義）の並び / Keys of contractors defined in [contractors], e.g. [\"nihon-system\"]"
    )]
    pub contractors: Vec<Spanned<String>>,
    #[schemars(
        description = "「外部委託先」の代わりの語 / Words instead of 外部委託先, e.g. 特定保健指導の外部委託先"
    )]
    pub contractor_label: Option<String>,
    #[schemars(
        description = "true で＊（黙示の同意）を付ける、false で外す / true marks the item ＊ (implied consent), false unmarks it"
    )]
    pub consent: Option<bool>,
    #[schemars(
        description = "黙示の同意のページでこの項目の下に出す説明（Markdown）: 理由、提供先、同意しない場合の扱いなど。consent = true の項目だけ / Shown under the item on the implied-consent page (Markdown): why, to whom, what happens if a member objects; only on an item marked ＊"
    )]
    pub consent_note: Option<String>,
    #[serde(default)]
    #[schemars(
        description = "true でこの項目を削除（組合が行っていない業務） / true drops the item (your union does not do this)"
    )]
    pub remove: bool,
    #[schemars(
        with = "Option<String>",
        description = "この項目を別のグループ（セクション.グループ）に移す。ID はそのまま / Move this item to this group (section.group); it keeps its id"
    )]
    pub to: Option<Spanned<String>>,
    #[schemars(
        with = "Option<String>",
        description = "移し先のグループのこの項目の前に置く / Place before this item of the target group"
    )]
    pub before: Option<Spanned<String>>,
    #[schemars(
        with = "Option<String>",
        description = "移し先のグループのこの項目の後に置く。どちらもなければ末尾 / Place after this item of the target group; neither = at the end"
    )]
    pub after: Option<Spanned<String>>,
}

/// `[[new_item]]`: an item the base does not have; its id says which group it joins.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(
    deny_unknown_fields,
    expecting = "a table like `[[new_item]] id = \"…\", text = \"…\"`"
)]
#[schemars(description = "組合独自の利用目的（項目） / An item of the union's own")]
pub struct NewItem {
    #[schemars(
        with = "String",
        description = "新しい項目の ID（必須）: グループ ID + 独自の名前 / Id (required): group id + your own name, e.g. health.external.childcare-books"
    )]
    pub id: Spanned<String>,
    #[schemars(
        description = "項目の文言（必須） / Wording (required), e.g. 出産者に対する育児書の配布"
    )]
    pub text: String,
    #[serde(default)]
    #[schemars(
        with = "Vec<String>",
        description = "外部委託先のキー（[contractors] で定義）の並び / Keys of contractors defined in [contractors]"
    )]
    pub contractors: Vec<Spanned<String>>,
    #[schemars(description = "「外部委託先」の代わりの語 / Words instead of 外部委託先")]
    pub contractor_label: Option<String>,
    #[serde(default)]
    #[schemars(
        description = "true で＊（黙示の同意）を付ける / true marks the item ＊ (implied consent)"
    )]
    pub consent: bool,
    #[schemars(
        description = "黙示の同意のページでこの項目の下に出す説明（Markdown）: 理由、提供先、同意しない場合の扱いなど。consent = true の項目だけ / Shown under the item on the implied-consent page (Markdown): why, to whom, what happens if a member objects; only on an item marked ＊"
    )]
    pub consent_note: Option<String>,
    #[schemars(
        with = "Option<String>",
        description = "同じグループのこの項目の前に置く / Place before this item of the same group"
    )]
    pub before: Option<Spanned<String>>,
    #[schemars(
        with = "Option<String>",
        description = "同じグループのこの項目の後に置く。どちらもなければ末尾 / Place after this item of the same group; neither = at the end"
    )]
    pub after: Option<Spanned<String>>,
}
