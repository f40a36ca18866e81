//! The policy model: the types every stage (load → merge → render → write) shares.

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

mod presentation;
mod structure;
pub use presentation::*;
pub use structure::*;

/// The purposes of use: ordered sections of groups of items.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Policy {
    pub sections: Vec<Section>,
}

/// One of the (usually eight) sections of purposes, e.g. 保険給付.
#[derive(Debug, Clone, Serialize)]
pub struct Section {
    /// Stable id, e.g. `benefits`.
    pub id: String,
    /// Full title used in list layout, e.g. 「被保険者等に対する保険給付に必要な利用目的」.
    pub title: String,
    /// Short title used as the row header of the table layout, e.g. 「被保険者等に対する保険給付」.
    pub short_title: String,
    /// Optional paragraph shown before the groups (section 7's 番号法 sentence).
    pub intro: Option<String>,
    pub groups: Vec<Group>,
    /// A heading shown before this section, over the sections that follow (a law's purpose).
    pub heading: Option<String>,
    /// Markdown shown after the section's groups.
    pub note: Option<String>,
    /// True for a section the union added (`[[new_section]]`): its prose may state its purposes
    /// without items, where a base section emptied of its items states none.
    #[serde(skip)]
    pub added: bool,
}

/// A group of items inside a section, e.g. 【健保組合等の内部での利用に係る事例】.
#[derive(Debug, Clone, Serialize)]
pub struct Group {
    /// Full id, `section.group`, e.g. `benefits.internal`.
    pub id: String,
    pub kind: GroupKind,
    /// The label without brackets; brackets come from the presentation settings. Empty: the
    /// group has no heading.
    pub label: String,
    pub items: Vec<Item>,
    /// Markdown shown after the group's items.
    pub note: Option<String>,
}

/// What a group is about; decides its default label and its column in the table layout.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
#[schemars(
    description = "グループの種類。既定の見出しと table 表示での列が決まる / Kind of group: decides its default label and its table column"
)]
pub enum GroupKind {
    /// Use inside the union (内部での利用).
    #[schemars(
        description = "組合等の内部での利用（table の左列） / Use inside the union (left column)"
    )]
    Internal,
    /// Provision to other parties (他の事業者等への情報提供).
    #[schemars(
        description = "他の事業者等への情報提供（table の右列） / Provision to other parties (right column)"
    )]
    External,
    /// Provision to the review and payment agencies (審査支払機関への情報提供).
    #[schemars(
        description = "審査支払機関への情報提供（table では全幅の行） / Provision to the review and payment agencies (full-width row)"
    )]
    Review,
    /// Receiving information from other agencies (他機関より情報を受ける場合).
    #[schemars(
        description = "他機関より情報を受ける場合（table の左列） / Receiving information from other agencies (left column)"
    )]
    Receive,
    /// Providing information to other agencies (組合が情報を提供する場合).
    #[schemars(
        description = "組合が他機関に情報を提供する場合（table の右列） / Providing information to other agencies (right column)"
    )]
    Provide,
    /// Anything else a union adds.
    #[schemars(description = "その他（table では全幅の行） / Anything else (full-width row)")]
    Other,
}

impl GroupKind {
    /// All kinds, in the order the documentation lists them.
    pub const ALL: [GroupKind; 6] = [
        GroupKind::Internal,
        GroupKind::External,
        GroupKind::Review,
        GroupKind::Receive,
        GroupKind::Provide,
        GroupKind::Other,
    ];

    /// The key used in TOML files.
    pub fn key(self) -> &'static str {
        match self {
            GroupKind::Internal => "internal",
            GroupKind::External => "external",
            GroupKind::Review => "review",
            GroupKind::Receive => "receive",
            GroupKind::Provide => "provide",
            GroupKind::Other => "other",
        }
    }

    /// The table column (0 = left, 1 = right) this kind of group sits in, if any.
    pub fn column(self) -> Option<usize> {
        match self {
            GroupKind::Internal | GroupKind::Receive => Some(0),
            GroupKind::External | GroupKind::Provide => Some(1),
            GroupKind::Review | GroupKind::Other => None,
        }
    }
}

/// One purpose of use.
#[derive(Debug, Clone, Serialize)]
pub struct Item {
    /// Full id, `section.group.item`, e.g. `benefits.internal.eligibility`.
    pub id: String,
    pub text: String,
    /// Ids of the contractors (外部委託先) this item hands data to.
    pub contractors: Vec<String>,
    /// Words before 「は、」 in the contractor note; default 「外部委託先」.
    pub contractor_label: Option<String>,
    /// ＊: the item relies on implied consent.
    pub consent: bool,
    /// Markdown shown under the item on the implied-consent page (why, to whom, how to object).
    pub consent_note: Option<String>,
    pub origin: Origin,
}

/// Where an item's current text comes from, so reports can show deviations from the base.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Origin {
    /// Base text, untouched.
    Base,
    /// Base item whose wording the union replaced.
    Reworded,
    /// Item the union added.
    Added,
}

/// An external contractor (外部委託先).
#[derive(Debug, Clone, Serialize)]
pub struct Contractor {
    pub id: String,
    pub name: String,
    pub phone: Option<String>,
    pub note: Option<String>,
    /// The country where it handles the data, when outside Japan (外的環境の把握 applies).
    pub country: Option<String>,
}

/// 外的環境の把握: a country where the union's personal data is handled, and what the union knows
/// of its rules and does about them (法32条1項4号・令10条1号; PPC FAQ A10-24).
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    description = "外的環境の把握: 外国で個人データを取り扱う場合の国名と措置 / A country where personal data is handled, and the measures taken"
)]
pub struct Abroad {
    #[schemars(description = "国名（必須） / The country (required), e.g. シンガポール")]
    pub country: String,
    #[schemars(
        description = "その国の個人情報の保護に関する制度を把握したうえで講じた措置（必須） / What the union knows of that country's rules and the measures it takes (required)"
    )]
    pub measures: String,
}

/// 認定個人情報保護団体: the body the union belongs to, if any (施行令第10条第3号).
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    description = "加入している認定個人情報保護団体 / The accredited personal information protection organisation the union belongs to"
)]
pub struct CertifiedBody {
    #[schemars(description = "団体の名称（必須） / Its name (required)")]
    pub name: String,
    #[schemars(
        description = "苦情の解決の申出先（必須）: 窓口・住所・電話 / Where members can complain to it (required): window, address, phone"
    )]
    pub contact: String,
}

/// 共同利用: personal data used jointly with others (個人情報保護法第27条第5項第3号).
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "個人データの共同利用 / Personal data used jointly with others")]
pub struct JointUse {
    #[schemars(
        description = "共同して利用される個人データの項目（必須） / The data items (required)"
    )]
    pub items: String,
    #[schemars(
        description = "共同して利用する者の範囲（必須） / Who uses them jointly (required)"
    )]
    pub users: String,
    #[schemars(description = "利用する者の利用目的（必須） / The purpose of the use (required)")]
    pub purpose: String,
    #[schemars(
        description = "管理について責任を有する者の氏名又は名称、住所、代表者の氏名（必須） / The responsible party's name, address and representative (required)"
    )]
    pub responsible: String,
}

/// Who the union is: the Art. 32 identity items.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Identity {
    /// Official name, e.g. 「東京機器健康保険組合」.
    pub name: String,
    /// How the text refers to the union itself: 「当組合」 or 「当健保組合」.
    pub self_name: String,
    /// Representative (理事長), e.g. 「理事長 山田 太郎」.
    pub representative: Option<String>,
    pub postal_code: Option<String>,
    pub address: Option<String>,
    pub website: Option<String>,
    /// 個人情報取扱責任者: title and name, e.g. 「総務部長 山田 一郎」.
    pub privacy_officer: Option<String>,
    /// The union's own phone number (not a window's).
    pub phone: Option<String>,
    /// The union's own fax number (not a window's).
    pub fax: Option<String>,
    /// A line shown at the top of the index page, e.g. 「各位」.
    pub letterhead: Option<String>,
    /// Where the union publishes its policy when not under the federation's `base_url`: the
    /// folder holding `index.html`, with its trailing `/`.
    pub published_url: Option<String>,
    /// The logo shown in the header, when the union gives one.
    pub logo: Option<Logo>,
    /// The name's reading in kana (読み), e.g. 「きんきでんしさんぎょう」: the portal's 50音 order.
    pub kana: Option<String>,
}

/// A union's logo: a picture of its folder, published under `files/`.
#[derive(Debug, Clone, Serialize)]
pub struct Logo {
    /// Its address inside the site, e.g. `files/logo.png`.
    pub src: String,
    pub alt: String,
}

/// A contact window (窓口) for questions and complaints.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "苦情・相談の窓口 / A contact window")]
pub struct Contact {
    /// e.g. 「東京機器健康保険組合 総務課」.
    #[schemars(
        description = "窓口の名称（必須） / Name of the window (required), e.g. 東京機器健康保険組合 総務課"
    )]
    pub department: String,
    #[schemars(description = "窓口の郵便番号 / Postal code, e.g. 100-0001")]
    pub postal_code: Option<String>,
    #[schemars(description = "窓口の住所 / Address, e.g. 東京都千代田区千代田1-1")]
    pub address: Option<String>,
    #[schemars(description = "電話番号 / Phone number, e.g. 03-1234-5678")]
    pub phone: Option<String>,
    #[schemars(description = "FAX 番号 / Fax number, e.g. 03-1234-5679")]
    pub fax: Option<String>,
    #[schemars(description = "メールアドレス / Email address, e.g. kojin@example.or.jp")]
    pub email: Option<String>,
    /// e.g. 「9:00～17:00」.
    #[schemars(
        description = "受付時間。「受付時間：{hours}（{closed}を除く）」と表示 / Opening hours, e.g. 9:00～17:00"
    )]
    pub hours: Option<String>,
    /// Days the window is closed, e.g. 「土曜、日曜、祝祭日、年末年始」.
    #[schemars(
        description = "休業日 / Days the window is closed, e.g. 土曜、日曜、祝日、年末年始"
    )]
    pub closed: Option<String>,
}

/// The policy's dates, stored as ISO dates and rendered as 和暦.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Dates {
    /// 制定.
    pub established: Option<NaiveDate>,
    /// 施行.
    pub effective: Option<NaiveDate>,
    /// 公表 / 最終更新.
    pub published: Option<NaiveDate>,
    pub revisions: Vec<Revision>,
}

/// One dated change (改定).
#[derive(Debug, Clone, Serialize)]
pub struct Revision {
    pub date: NaiveDate,
    pub note: String,
}

/// What a page shows besides its Markdown body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PageKind {
    /// Markdown only.
    Prose,
    /// Markdown intro, then the purposes of use, the ＊ legend, joint use and the dates.
    Purposes,
    /// Markdown intro, then the contact windows and the accredited body, if any.
    Contact,
    /// Markdown (the four kinds of measures), then 外的環境の把握 where data is handled abroad.
    Safety,
    /// Markdown intro, then the revision history (union and base).
    History,
    /// Markdown intro (what 黙示の同意 is), then every ＊ item by section, then where to object.
    Consent,
}

/// One page of a union site.
#[derive(Debug, Clone, Serialize)]
pub struct Page {
    /// Stable id; also the file name (`index` → `index.html`).
    pub id: String,
    pub title: String,
    pub kind: PageKind,
    /// Markdown, with `{{ … }}` placeholders still in it until render time.
    pub body: String,
    /// True when the union replaced the body: the page then shows only that Markdown.
    pub replaced: bool,
    /// A purposes page: the ids of the sections it shows; empty = every section that no other
    /// page shows (the base purposes page).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sections: Vec<String>,
}

/// The federation's base: metadata, purposes and standard pages.
#[derive(Debug, Clone)]
pub struct Base {
    pub meta: BaseMeta,
    pub policy: Policy,
    pub pages: Vec<Page>,
    /// The default text of a union's implied-consent page (`content/consent.md`), if the base
    /// has one.
    pub consent_page: Option<String>,
}

/// The base's own identity and defaults.
#[derive(Debug, Clone, Serialize)]
pub struct BaseMeta {
    /// Revision id a site names when it says which base it follows.
    pub revision: String,
    pub date: NaiveDate,
    pub title: String,
    /// 「番号法第19条第7号」: one value, referenced from prose as `{{ base.mynumber_clause }}`.
    pub mynumber_clause: String,
    /// Default group labels, by kind.
    pub labels: std::collections::BTreeMap<GroupKind, String>,
    pub self_name: String,
    pub consent_legend: String,
    pub fee: String,
    pub changelog: Vec<Revision>,
    /// Dated wording changes of single items (`[[section.group.item.history]]`), by date then id.
    pub item_changes: Vec<ItemChange>,
    /// The day each base item added after the first base was added (`added = …` on the item),
    /// by full item id.
    pub item_added: std::collections::BTreeMap<String, NaiveDate>,
    /// Wording the base has replaced, for the `old-wording` lint.
    pub superseded: Vec<Superseded>,
    /// Known misspellings, for the `known-typo` lint.
    pub typos: Vec<Typo>,
}

impl BaseMeta {
    /// The wording changes of one item, oldest first.
    pub fn changes_of<'a>(&'a self, id: &'a str) -> impl Iterator<Item = &'a ItemChange> + 'a {
        self.item_changes.iter().filter(move |c| c.id == id)
    }

    /// The base text of item `id` on day `on` (`None`: before any recorded change), given its
    /// current text.
    pub fn text_on<'a>(&'a self, id: &'a str, current: &'a str, on: Option<NaiveDate>) -> &'a str {
        self.changes_of(id)
            .find(|c| on.is_none_or(|day| c.date > day))
            .map_or(current, |c| c.old.as_str())
    }
}

/// One dated rewording of a base item: the text it had until `date`, and the one it got then.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ItemChange {
    /// Full item id, e.g. `benefits.internal.eligibility`.
    pub id: String,
    /// The day the new wording took effect; a `[[changelog]]` entry of the base has this date.
    pub date: NaiveDate,
    /// The wording before that day.
    pub old: String,
    /// The wording from that day on.
    pub new: String,
}

/// Old wording the base has replaced since a date.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Superseded {
    pub old: String,
    /// Other ways the old wording is written (「保険証」 for 「健康保険被保険者証」).
    pub variants: Vec<String>,
    /// Current wording that contains a variant and is not old (「マイナ保険証」).
    pub except: Vec<String>,
    pub new: String,
    pub since: NaiveDate,
    pub why: String,
    /// Where the change comes from (act, article, ordinance, guidance).
    pub source: Option<String>,
}

impl Superseded {
    /// Where the old wording or one of its variants stands in `text`, as byte ranges in order;
    /// the longest phrase wins where several overlap, and none counts inside an `except` phrase.
    pub fn occurrences(&self, text: &str) -> Vec<(usize, usize)> {
        let mut phrases: Vec<&str> = std::iter::once(self.old.as_str())
            .chain(self.variants.iter().map(String::as_str))
            .filter(|p| !p.is_empty())
            .collect();
        phrases.sort_by_key(|p| std::cmp::Reverse(p.len()));
        let excepted: Vec<(usize, usize)> = self
            .except
            .iter()
            .filter(|e| !e.is_empty())
            .flat_map(|e| {
                text.match_indices(e.as_str())
                    .map(|(at, m)| (at, at + m.len()))
            })
            .collect();
        let mut found: Vec<(usize, usize)> = Vec::new();
        for phrase in phrases {
            for (at, m) in text.match_indices(phrase) {
                let range = (at, at + m.len());
                let overlaps = |r: &(usize, usize)| r.0 < range.1 && range.0 < r.1;
                let inside = |r: &(usize, usize)| r.0 <= range.0 && range.1 <= r.1;
                if !found.iter().any(overlaps) && !excepted.iter().any(inside) {
                    found.push(range);
                }
            }
        }
        found.sort_unstable();
        found
    }
}

/// A misspelling seen in published policies and its correction.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Typo {
    pub wrong: String,
    pub right: String,
    /// Where it was seen, or why it is wrong (the term as the law writes it).
    pub source: String,
}

/// Everything needed to render one union's site: the base with the union's override applied.
#[derive(Debug, Clone, Serialize)]
pub struct UnionSite {
    /// File stem of `unions/<slug>.toml`; also the output folder.
    pub slug: String,
    pub identity: Identity,
    pub contacts: Vec<Contact>,
    pub dates: Dates,
    pub contractors: Vec<Contractor>,
    pub policy: Policy,
    pub pages: Vec<Page>,
    pub presentation: Presentation,
    pub consent_legend: String,
    pub fee: String,
    /// 外的環境の把握: countries where its data is handled.
    pub abroad: Vec<Abroad>,
    pub certified_body: Option<CertifiedBody>,
    pub joint_use: Vec<JointUse>,
    /// The union's table of personal data by kind (`[[data_kind]]`), if it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data_kinds: Option<DataKindTable>,
    /// The sections, groups and items the union moved, in the order it wrote them.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub moved: Vec<Moved>,
    /// False when the union wrote `[purposes] base = false`: it takes none of the base's
    /// sections, and its purposes are wholly its own (one deviation, not one per base item).
    #[serde(skip)]
    pub purposes_base: bool,
    /// How many changes of its own the union makes to the base (0 until counted: see
    /// `deviation::own_changes`); the site says so instead of claiming to follow the base.
    pub own_changes: usize,
    pub base: BaseMeta,
}

impl UnionSite {
    /// True when the site shows a window where members can complain: one of its `[[contacts]]`,
    /// or the union itself when it gives its address.
    pub fn has_window(&self) -> bool {
        !self.contacts.is_empty() || self.identity.address.is_some()
    }
}

impl UnionSite {
    /// Looks a contractor up by id.
    pub fn contractor(&self, id: &str) -> Option<&Contractor> {
        self.contractors.iter().find(|c| c.id == id)
    }

    /// True when at least one item carries the ＊ mark.
    pub fn uses_consent_mark(&self) -> bool {
        self.policy
            .sections
            .iter()
            .flat_map(|s| &s.groups)
            .flat_map(|g| &g.items)
            .any(|i| i.consent)
    }
}
