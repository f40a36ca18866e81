//! The override format: the types `unions/<slug>.toml` is read into, exactly as written. The
//! editor schema (`kumiai schema`) is generated from them.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::Deserialize;
use toml::Spanned;
use toml::value::Datetime;

use crate::model::{Contact, Digits, GroupKind, LabelStyle, Layout};

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

/// `[union]`: identity.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, expecting = "a table like `[union] name = \"…\"`")]
#[schemars(description = "組合の基本情報 / Who the union is")]
pub struct UnionDoc {
    #[schemars(
        description = "組合の正式名称（必須） / Official name (required), e.g. 東京機器健康保険組合"
    )]
    pub name: String,
    #[schemars(
        description = "本文での自称。省略時は「当組合」 / How the text calls the union; default 当組合, e.g. 当健保組合"
    )]
    pub self_name: Option<String>,
    #[schemars(
        description = "代表者（理事長）の役職と氏名。法律上、公表が必要 / Representative (理事長), required by law to be published, e.g. 理事長 山田 太郎"
    )]
    pub representative: Option<String>,
    #[schemars(description = "組合の郵便番号 / Postal code, e.g. 100-0001")]
    pub postal_code: Option<String>,
    #[schemars(
        description = "組合の住所。法律上、公表が必要 / Address, required by law to be published, e.g. 東京都千代田区千代田1-1"
    )]
    pub address: Option<String>,
    #[schemars(description = "組合のホームページ / Home page, e.g. https://www.example.or.jp/")]
    pub website: Option<String>,
}

/// `[dates]`.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(
    deny_unknown_fields,
    expecting = "a table like `[dates] published = 2024-12-02`"
)]
#[schemars(
    description = "日付（引用符なしの 年-月-日、和暦で表示） / Dates, written YYYY-MM-DD without quotes, shown in 和暦"
)]
pub struct DatesDoc {
    #[schemars(
        with = "Option<crate::load::schema::LocalDate>",
        description = "制定日。引用符なしで書く / Date established (制定), without quotes, e.g. 2005-04-01"
    )]
    pub established: Option<Spanned<Datetime>>,
    #[schemars(
        with = "Option<crate::load::schema::LocalDate>",
        description = "施行日。引用符なしで書く / Date in effect (施行), without quotes, e.g. 2005-04-01"
    )]
    pub effective: Option<Spanned<Datetime>>,
    #[schemars(
        with = "Option<crate::load::schema::LocalDate>",
        description = "公表日・最終更新日。引用符なしで書く / Date published or last updated (公表), without quotes, e.g. 2024-12-02"
    )]
    pub published: Option<Spanned<Datetime>>,
    #[serde(default)]
    #[schemars(
        description = "改定履歴。{ date = 2024-12-02, note = \"…\" } の並び / Revision history: a list of { date = YYYY-MM-DD, note = \"…\" }"
    )]
    pub revisions: Vec<RevisionDoc>,
}

/// One entry of `[[dates.revisions]]`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(
    deny_unknown_fields,
    expecting = "a table like `{ date = 2024-12-02, note = \"…\" }`"
)]
#[schemars(description = "改定1件 / One revision")]
pub struct RevisionDoc {
    #[schemars(
        with = "crate::load::schema::LocalDate",
        description = "改定日。引用符なしで書く / Date of the revision, without quotes, e.g. 2024-12-02"
    )]
    pub date: Spanned<Datetime>,
    #[schemars(
        description = "改定の内容 / What changed, e.g. 資格確認書の発行開始に伴い、利用目的を改定"
    )]
    pub note: String,
}

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

/// `[contractors.<id>]`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(
    deny_unknown_fields,
    expecting = "a table like `[contractors.nihon-system] name = \"…\"`"
)]
#[schemars(description = "外部委託先 / An external contractor")]
pub struct ContractorDoc {
    #[schemars(
        description = "委託先の名称（必須） / Name (required), e.g. 日本システム技術（株）"
    )]
    pub name: String,
    #[schemars(
        description = "委託先の電話番号（サイトに表示） / Phone number, shown on the site, e.g. 06-4560-1050"
    )]
    pub phone: Option<String>,
    #[schemars(
        description = "連合会の記録用メモ。サイトには表示しない / Note for the federation's records; not shown on the site"
    )]
    pub note: Option<String>,
    #[schemars(
        description = "委託先が個人データを取り扱う国（日本以外の場合）。書くと [[abroad]] の記載が必要 / The country where it handles the data, if outside Japan; then [[abroad]] must cover it"
    )]
    pub country: Option<String>,
}

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
    #[serde(default)]
    #[schemars(description = "true でセクションごと削除 / true drops the whole section")]
    pub remove: bool,
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
        with = "Option<String>",
        description = "このセクションの前に置く（ID） / Place before this section id"
    )]
    pub before: Option<Spanned<String>>,
    #[schemars(
        with = "Option<String>",
        description = "このセクションの後に置く（ID）。before も after もなければ末尾 / Place after this section id; neither = at the end"
    )]
    pub after: Option<Spanned<String>>,
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
        description = "このグループだけの見出し（括弧なし） / Label of this group only, without brackets"
    )]
    pub label: Option<String>,
    #[serde(default)]
    #[schemars(description = "true でグループごと削除 / true drops the whole group")]
    pub remove: bool,
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
        description = "見出し（括弧なし）。省略時は種類の見出し / Label without brackets; default: the label of its kind"
    )]
    pub label: Option<String>,
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
    #[serde(default)]
    #[schemars(
        description = "true でこの項目を削除（組合が行っていない業務） / true drops the item (your union does not do this)"
    )]
    pub remove: bool,
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
        description = "本文（Markdown）。body か file のどちらか / The page's Markdown; give body or file"
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
}
