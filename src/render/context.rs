//! The template contract: one typed context per kind of template a theme provides. Every
//! field here is a variable the theme's templates can use (README, "Themes", lists them).

use serde::Serialize;

use super::consent::{ConsentView, PageLink};
use super::identity::IdentityRow;
use super::print::PrintedPage;
use super::view::{ContactView, DatesView, PurposesView};
use crate::load::Config;
use crate::model::{Abroad, BaseMeta, CertifiedBody, Identity, JointUse, PageKind};

/// The templates every theme must have, and what each renders.
pub const REQUIRED_TEMPLATES: &[(&str, &str)] = &[
    ("page.html", "each page of a union's site (PageContext)"),
    (
        "partials/page_body.html",
        "a page's content alone, for the print page (PageContext)",
    ),
    ("print.html", "a union's print page (PrintContext)"),
    ("portal.html", "the federation's portal (PortalContext)"),
    (
        "contractors.html",
        "the contractor index (ContractorsContext)",
    ),
];

/// What every template of one union shares.
#[derive(Serialize)]
pub struct UnionContext<'a> {
    /// The project's settings (`kumiai.toml`): `site.title`, `site.base_url`, …
    pub site: &'a Config,
    /// The union's name, representative, address, website.
    pub union: &'a Identity,
    pub slug: &'a str,
    /// Path of the stylesheet, relative to the site folder.
    pub css: &'a str,
    /// The union's dates and revisions, in 和暦 and 西暦.
    pub dates: &'a DatesView,
    /// The base's revision and wording.
    pub base: &'a BaseMeta,
    /// True when the site shows a window for complaints (a `[[contacts]]` entry or the union's
    /// own address): text that points at "the window" is shown only then.
    pub has_window: bool,
    /// How many changes of its own the union makes to the base.
    pub own_changes: usize,
    /// The same, written in the union's digits (２ where its dates are full-width).
    pub own_changes_shown: String,
}

/// One entry of a site's navigation.
#[derive(Serialize)]
pub struct NavLink {
    pub id: String,
    pub title: String,
    /// A short label for narrow screens (「利用目的」, 「安全管理」…; a union's own page: its title).
    pub short: String,
    pub href: String,
    /// True on the page it links to.
    pub current: bool,
}

/// `page.html` and `partials/page_body.html`: one page, beside the [`UnionContext`].
#[derive(Serialize)]
pub struct PageContext<'a> {
    pub nav: &'a [NavLink],
    /// The page's absolute address, when the union (`published_url`) or the federation
    /// (`base_url`) says where the site is published.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub canonical: Option<&'a str>,
    pub title: &'a str,
    pub page_id: &'a str,
    /// The page's Markdown as HTML (the generated part follows it, unless `replaced`).
    pub body: &'a str,
    /// True when the union replaced the whole page with its own text.
    pub replaced: bool,
    pub kind: PageKind,
    /// On the purposes page (unless replaced): the sections, groups and items.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub purposes: Option<&'a PurposesView>,
    /// On the contact page (unless replaced): the union's windows.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contacts: Option<&'a [ContactView]>,
    /// On the contact page (unless replaced): the accredited body the union belongs to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub certified_body: Option<&'a CertifiedBody>,
    /// On the safety page (unless replaced): 外的環境の把握, the countries where data is handled.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub abroad: Option<&'a [Abroad]>,
    /// On the purposes page (unless replaced): personal data used jointly with others.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub joint_use: Option<&'a [JointUse]>,
    /// On a consent page: the ＊ items by section (the page's `contacts` say where to object).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub consent: Option<&'a ConsentView>,
    /// On a purposes page of a site with a consent page: the page the ＊ legend links to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub consent_page: Option<&'a PageLink>,
    /// On the top page (unless replaced): the rows of the identity block, without those whose
    /// value the page's own text already shows.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub identity_rows: Option<&'a [IdentityRow]>,
    /// On the purposes page (unless replaced): the table of personal data by kind.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data_kinds: Option<&'a super::data_kinds::DataKindsView>,
}

/// `print.html`: the whole policy on one page, beside the [`UnionContext`].
#[derive(Serialize)]
pub struct PrintContext<'a, D: Serialize> {
    pub pages: &'a [PrintedPage],
    /// The date in the footer: the union's (公表 or 改定, else 施行, else 制定), else the base
    /// revision's (`from_base`).
    pub print_date: &'a Option<D>,
    /// Where the page is published (absolute when `published_url` or `base_url` is set).
    pub print_url: &'a str,
    pub print_url_is_absolute: bool,
}

/// A union's standing on the portal.
#[derive(Serialize)]
pub struct PortalEntry {
    pub slug: String,
    pub name: String,
    pub href: String,
}

/// `portal.html`: the federation's list of unions, grouped (see `federation::portal`).
#[derive(Serialize)]
pub struct PortalContext<'a, G: Serialize> {
    pub site: &'a Config,
    pub css: &'a str,
    /// The theme's portal script (the search box), when the theme has one.
    pub script: Option<&'a str>,
    /// Every union in slug order (`slug`, `name`, `href`), for a theme's own listing.
    pub unions: &'a [PortalEntry],
    /// How many unions are listed.
    pub count: usize,
    /// Whether the groups are shown open (a short list).
    pub open: bool,
    /// Whether some union is listed under 「読み未登録」.
    pub unregistered: bool,
    /// By 50音 row, then 「読み未登録」.
    pub by_kana: &'a [G],
    /// By prefecture, then 「その他」.
    pub by_prefecture: &'a [G],
}

/// `contractors.html`: every contractor with the unions and items that use it.
#[derive(Serialize)]
pub struct ContractorsContext<'a, C: Serialize, G: Serialize> {
    pub site: &'a Config,
    pub css: &'a str,
    pub contractors: &'a [C],
    /// The same contractors in the groups of the jump index (50音 rows, A–Z, kanji), with
    /// their phone numbers as `tel:` links.
    pub groups: &'a [G],
}

/// A typed context as Tera's.
pub fn to_tera<T: Serialize>(value: &T) -> anyhow::Result<tera::Context> {
    tera::Context::from_serialize(value).map_err(|e| anyhow::anyhow!("template context: {e}"))
}
