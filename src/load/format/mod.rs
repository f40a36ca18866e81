//! The override format: the types `unions/<slug>.toml` is read into, exactly as written. The
//! editor schema (`kumiai schema`) is generated from them.

mod compact;
mod data_kinds;
mod identity;
mod pages;
mod purposes;
mod settings;

pub use compact::*;
pub use data_kinds::*;
pub use identity::*;
pub use pages::*;
pub use purposes::*;
pub use settings::*;

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::Deserialize;
use toml::Spanned;

use crate::model::{Contact, GroupKind};

/// A union's override file, as written. Every id that points into the base keeps its span so a
/// reference to nothing can be reported at its line and column.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "kumiai 上書きファイル / override file (unions/<slug>.toml)",
    description = "健康保険組合ごとの上書きファイル。書いた所だけが連合会の標準（base）と置き換わり、書かない所は標準のままです。 / One union's override of the federation's base policy: only what you write differs from the base; everything else comes from it."
)]
pub struct Override {
    #[schemars(
        description = "[union] 組合の基本情報（必須）: 正式名称・自称・代表者・住所・ホームページ / Who the union is (required): name, self name, representative, address, website"
    )]
    pub union: UnionDoc,
    #[serde(default)]
    #[schemars(
        description = "[[contacts]] 苦情・相談の窓口。窓口ごとに1ブロック。「苦情の申出先」ページに表示 / Contact windows, one [[contacts]] block per window; shown on the contact page"
    )]
    pub contacts: Vec<Contact>,
    #[serde(default)]
    #[schemars(
        description = "[dates] 制定日・施行日・公表日と改定履歴（和暦で表示） / Dates established, effective and published, and the revision history (shown in 和暦)"
    )]
    pub dates: DatesDoc,
    #[serde(default)]
    #[schemars(
        description = "[wording] 標準の文言のうち組合が差し替えられる文: ＊の凡例、手数料 / Base sentences a union may replace: the ＊ legend and the fee statement"
    )]
    pub wording: WordingDoc,
    #[serde(default)]
    #[schemars(
        description = "[presentation] 表示形式: レイアウト（list/table）・見出しの括弧・日付の数字 / Presentation: layout, label brackets, digits in dates"
    )]
    pub presentation: PresentationDoc,
    /// Group labels renamed by kind, for every section at once.
    #[serde(default)]
    #[schemars(
        schema_with = "crate::load::schema::labels_schema",
        description = "[labels] グループ見出しを種類ごとに変更（全セクション共通）。キーは internal, external, review, receive, provide, other / Group labels renamed by kind, in every section at once"
    )]
    pub labels: BTreeMap<GroupKind, String>,
    /// 外部委託先, keyed by an id the items refer to.
    #[serde(default)]
    #[schemars(
        description = "[contractors] 外部委託先を一度だけ定義。キー（例: nihon-system）を項目の contractors から参照 / External contractors (外部委託先), defined once; items refer to them by key, e.g. nihon-system"
    )]
    pub contractors: BTreeMap<String, ContractorDoc>,
    #[serde(default)]
    #[schemars(
        description = "[purposes] base = false で標準のセクションをすべて外す / base = false drops every base section"
    )]
    pub purposes: PurposesDoc,
    #[serde(default)]
    #[schemars(
        description = "[[data_kind]] 個人情報の類型ごとの利用目的の表（1行ずつ）。「利用目的」ページに表示 / A table of personal data by kind and its purposes, one row each; shown on the purposes page"
    )]
    pub data_kind: Vec<DataKindDoc>,
    #[serde(default)]
    #[schemars(
        description = "[data_kinds] 個人情報の類型の表の列見出し・前後の文・位置 / The data-kinds table's headers, text before and after, and position"
    )]
    pub data_kinds: DataKindsDoc,
    #[serde(default)]
    #[schemars(
        description = "[[section]] 標準のセクション（利用目的の大分類、例: claims）の見出し・前文を変更、または削除 / Change or remove a base section, e.g. claims"
    )]
    pub section: Vec<SectionEdit>,
    #[serde(default)]
    #[schemars(
        description = "[[new_section]] 組合独自のセクションを追加 / Add a section of your own"
    )]
    pub new_section: Vec<NewSection>,
    #[serde(default)]
    #[schemars(
        description = "[[group]] 標準のグループ（例: claims.review）の見出しを変更、または削除 / Change the label of a base group, e.g. claims.review, or remove it"
    )]
    pub group: Vec<GroupEdit>,
    #[serde(default)]
    #[schemars(
        description = "[[new_group]] 組合独自のグループを追加。ID の前半が加わるセクション（例: health.partners） / Add a group; its id says which section it joins, e.g. health.partners"
    )]
    pub new_group: Vec<NewGroup>,
    #[serde(default)]
    #[schemars(
        description = "[[item]] 標準の利用目的（項目、例: benefits.internal.eligibility）の文言・委託先・＊を変更、または削除 / Change a base item (wording, contractors, ＊), e.g. benefits.internal.eligibility, or remove it"
    )]
    pub item: Vec<ItemEdit>,
    #[serde(default)]
    #[schemars(
        description = "[[new_item]] 組合独自の利用目的を追加。ID の前半が加わるグループ（例: health.external.childcare-books） / Add an item; its id says which group it joins, e.g. health.external.childcare-books"
    )]
    pub new_item: Vec<NewItem>,
    #[serde(default)]
    #[schemars(
        description = "[[page]] 標準のページ（index, purposes, safety, requests, contact, history）の題名・本文を変更、または削除 / Change a standard page's title or text, or remove it"
    )]
    pub page: Vec<PageEdit>,
    #[serde(default)]
    #[schemars(
        description = "[[new_page]] 組合独自のページを追加（Markdown） / Add a page of your own (Markdown)"
    )]
    pub new_page: Vec<NewPage>,
    #[serde(default)]
    #[schemars(
        description = "[[abroad]] 外的環境の把握: 外国で個人データを取り扱う場合（外国の委託先を含む）の国名と講じた措置。「安全管理措置」ページに表示 / Where personal data is handled abroad (a foreign contractor included): the country and the measures taken; shown on the safety page"
    )]
    pub abroad: Vec<crate::model::Abroad>,
    #[schemars(
        description = "[certified_body] 加入している認定個人情報保護団体（加入している場合のみ）。「苦情の申出先」ページに表示 / The accredited organisation the union belongs to, if any; shown on the contact page"
    )]
    pub certified_body: Option<crate::model::CertifiedBody>,
    #[serde(default)]
    #[schemars(
        description = "[[joint_use]] 個人データの共同利用（行う場合のみ）: 項目・共同利用者の範囲・利用目的・責任者。「利用目的」ページに表示 / Personal data used jointly with others, if any: items, users, purpose, responsible party; shown on the purposes page"
    )]
    pub joint_use: Vec<crate::model::JointUse>,
    /// Lint rules the union has looked at and decided about, with its reason.
    #[serde(default)]
    #[schemars(
        description = "[[acknowledge]] 確認済みのチェック結果（kumiai check の警告）と理由。表示は残り、警告には数えません / Lint findings the union has looked at and accepts, with the reason: still shown, no longer counted as warnings"
    )]
    pub acknowledge: Vec<Acknowledgement>,
}

/// `[[acknowledge]]`: a lint finding the union accepts, with a written reason. The finding is
/// still shown, with the reason, but no longer counts as a warning.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(
    deny_unknown_fields,
    expecting = "a table like `{ rule = \"…\", reason = \"…\" }`"
)]
#[schemars(description = "確認済みのチェック結果 / A lint finding the union accepts")]
pub struct Acknowledgement {
    #[schemars(
        with = "String",
        description = "チェック項目の ID（kumiai check の表示どおり、例: legal-representative） / The rule id as kumiai check shows it, e.g. legal-representative"
    )]
    pub rule: Spanned<String>,
    #[schemars(description = "そのままにする理由（必須） / Why the union keeps it so (required)")]
    pub reason: String,
}
