//! `[union]`, `[dates]` and `[contractors]`: who the union is, when, and who works for it.

use schemars::JsonSchema;
use serde::Deserialize;
use toml::Spanned;
use toml::value::Datetime;

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
    #[schemars(
        description = "個人情報取扱責任者の役職と氏名（トップページに表示） / The person responsible for personal data (個人情報取扱責任者): title and name, shown on the top page, e.g. 総務部長 山田 一郎"
    )]
    pub privacy_officer: Option<String>,
    #[schemars(
        description = "組合の代表電話（窓口の電話ではなく） / The union's own phone number (not a window's), e.g. 03-1234-5678"
    )]
    pub phone: Option<String>,
    #[schemars(description = "組合の FAX 番号 / The union's own fax number, e.g. 03-1234-5679")]
    pub fax: Option<String>,
    #[schemars(
        description = "トップページの冒頭に表示する1行（例: 各位、別紙） / A line shown at the top of the index page, e.g. 各位"
    )]
    pub letterhead: Option<String>,
    #[schemars(
        description = "この組合の方針を公開しているアドレス（連合会の base_url と違う場合、index.html のあるフォルダ）。絶対リンク・印刷用ページの URL・ポータルに使います / Where this union's policy is published when not under the federation's base_url: the folder holding index.html; used for absolute links, the print page's URL and the portal, e.g. https://www.example-kenpo.or.jp/privacy/"
    )]
    pub published_url: Option<String>,
    #[schemars(
        description = "ヘッダーに表示するロゴ画像。unions/<slug>/ に置いた PNG・JPEG・WebP（512KB まで）のファイル名。logo_alt も必要 / A logo shown in the header: a PNG, JPEG or WebP file (at most 512 KB) in unions/<slug>/; needs logo_alt, e.g. logo.png"
    )]
    pub logo: Option<String>,
    #[schemars(
        description = "ロゴ画像の代替テキスト（logo を書いたら必須） / The logo's text alternative (required with logo), e.g. 見本健康保険組合のロゴ"
    )]
    pub logo_alt: Option<String>,
    #[schemars(
        description = "組合名の読み（ひらがな・カタカナ）。ポータルの50音順に使う / The name's reading in kana, for the portal's 50音 order, e.g. きんきでんしさんぎょう"
    )]
    pub kana: Option<String>,
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
