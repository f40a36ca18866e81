//! Stage 3, render: a merged union (or the portal) to HTML and assets, in memory.

pub mod consent;
pub mod context;
pub mod data_kinds;
pub mod identity;
pub mod markdown;
pub mod print;
pub mod purposes_view;
pub mod theme;
pub mod view;

use anyhow::Context as _;
pub use context::PortalEntry;
use context::{NavLink, PageContext, UnionContext, to_tera};

use crate::load::Config;
use crate::model::{Page, PageKind, Section, UnionSite};
use crate::open_data;
use crate::text::placeholders::Values;
use crate::text::url::{is_absolute, page_file, union_url};
pub use theme::Theme;

/// A file to write, relative to the output folder of its site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Where a stylesheet lives inside every site: `assets/style.<first 10 hex of its blake3>.css`.
/// The name changes whenever the bytes do, so a server may cache it forever
/// (`Cache-Control: immutable`, see `deploy/`) and a new build can never be shown with an old
/// stylesheet. The file of the previous build is removed by the manifest like any stale file.
pub fn css_path(css: &str) -> String {
    let hash = blake3::hash(css.as_bytes()).to_hex();
    format!("{CSS_PREFIX}{}{CSS_SUFFIX}", &hash[..10])
}

const CSS_PREFIX: &str = "assets/style.";
const CSS_SUFFIX: &str = ".css";

/// True for a path [`css_path`] makes (any hash).
pub fn is_css_path(path: &str) -> bool {
    path.strip_prefix(CSS_PREFIX)
        .and_then(|rest| rest.strip_suffix(CSS_SUFFIX))
        .is_some_and(|hash| !hash.is_empty() && hash.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// A union's site in memory: its files, and its open data (written as `policy.json` among
/// them, and kept here for the federation's files).
pub struct UnionOutput {
    pub files: Vec<OutputFile>,
    pub policy: open_data::PolicyDoc,
    /// The union as rendered: its placeholders filled.
    pub site: UnionSite,
}

/// Renders every page of one union's site, its print page, open data and stylesheet.
pub fn render_union(
    site: &UnionSite,
    theme: &Theme,
    config: &Config,
) -> anyhow::Result<UnionOutput> {
    // Every text the union or the base wrote gets its `{{ … }}` values here, once.
    let filled = Values::for_union(site).fill_site(site);
    let site = &filled;
    // What every page of the union shares is turned into template values once (they are
    // reference-counted, so each page's context is a cheap copy).
    let dates = view::dates(site);
    let shared = to_tera(&UnionContext {
        site: config,
        union: &site.identity,
        slug: &site.slug,
        css: &theme.css_path,
        dates: &dates,
        base: &site.base,
        has_window: site.has_window(),
        own_changes: site.own_changes,
        own_changes_shown: crate::text::wareki::apply_digits(
            &site.own_changes.to_string(),
            site.presentation.digits,
        ),
    })?;
    let contacts = view::contacts(site);
    let consent = view_if(site, PageKind::Consent, consent::consent);
    let consent_page = consent::consent_page(&site.pages);
    let data_kinds = data_kinds::view(site, theme, config.minify);
    let mut files = Vec::with_capacity(site.pages.len() + 4);
    let mut printed = Vec::with_capacity(site.pages.len());
    for page in &site.pages {
        let nav: Vec<NavLink> = site
            .pages
            .iter()
            .map(|p| NavLink {
                id: p.id.clone(),
                title: p.title.clone(),
                short: nav_short(p).to_string(),
                href: page_file(&p.id),
                current: p.id == page.id,
            })
            .collect();
        let generated = !page.replaced;
        let is = |kind| generated && page.kind == kind;
        let purposes = is(PageKind::Purposes).then(|| purposes_on(site, page));
        let identity_rows = (generated && page.id == "index")
            .then(|| identity::identity_rows(&site.identity, &page.body));
        let mut ctx = shared.clone();
        let canonical = union_url(
            config.base_url.as_deref(),
            site.identity.published_url.as_deref(),
            &site.slug,
            &page_file(&page.id),
        );
        ctx.extend(to_tera(&PageContext {
            nav: &nav,
            canonical: is_absolute(&canonical).then_some(canonical.as_str()),
            title: &page.title,
            page_id: &page.id,
            body: &theme.body_html(&page.body, config.minify),
            replaced: page.replaced,
            kind: page.kind,
            purposes: purposes.as_ref(),
            contacts: (is(PageKind::Contact) || is(PageKind::Consent)).then_some(&contacts[..]),
            certified_body: site
                .certified_body
                .as_ref()
                .filter(|_| generated && page.kind == PageKind::Contact),
            abroad: (generated && page.kind == PageKind::Safety && !site.abroad.is_empty())
                .then_some(&site.abroad[..]),
            // Joint use is told once, on the page of the purposes that shows the rest.
            joint_use: (is(PageKind::Purposes)
                && page.sections.is_empty()
                && !site.joint_use.is_empty())
            .then_some(&site.joint_use[..]),
            consent: consent.as_ref().filter(|_| is(PageKind::Consent)),
            consent_page: consent_page.as_ref().filter(|_| is(PageKind::Purposes)),
            identity_rows: identity_rows.as_deref(),
            data_kinds: data_kinds
                .as_ref()
                .filter(|_| is(PageKind::Purposes) && page.sections.is_empty()),
        })?);
        let render = |template: &str| {
            theme
                .render(template, &ctx, config.minify)
                .with_context(|| format!("rendering page `{}` of `{}`", page.id, site.slug))
        };
        let bytes = render("page.html")?;
        files.push(OutputFile {
            path: page_file(&page.id),
            bytes,
        });
        printed.push(print::PrintedPage {
            id: page.id.clone(),
            title: page.title.clone(),
            html: print::demote_headings(&String::from_utf8_lossy(&render(
                "partials/page_body.html",
            )?)),
        });
    }
    let policy = open_data::policy_doc(site);
    files.push(OutputFile {
        path: print::PRINT_FILE.to_string(),
        bytes: print::render(site, &printed, &dates, theme, config)?,
    });
    files.push(OutputFile {
        path: open_data::POLICY_FILE.to_string(),
        bytes: open_data::to_json(&policy),
    });
    files.push(OutputFile {
        path: open_data::POLICY_SCHEMA_NAME.to_string(),
        bytes: open_data::policy_schema_json().as_bytes().to_vec(),
    });
    files.push(OutputFile {
        path: theme.css_path.clone(),
        bytes: theme.css.clone().into_bytes(),
    });
    Ok(UnionOutput {
        files,
        policy,
        site: filled,
    })
}

/// A page's label in the navigation on a phone: a word or two for each standard page (the
/// full title stays on wide screens), the title itself for a union's own pages.
fn nav_short(page: &Page) -> &str {
    match (page.id.as_str(), page.kind) {
        ("index", _) => "基本方針",
        ("purposes", PageKind::Purposes) => "利用目的",
        ("safety", _) => "安全管理",
        ("requests", _) => "開示請求",
        ("contact", _) => "苦情・相談",
        ("history", _) => "改定履歴",
        (_, PageKind::Consent) => "黙示の同意",
        _ => &page.title,
    }
}

/// The purposes one page shows: its own sections (numbered as in the whole list), with the ＊
/// legend only when one of them holds a ＊ item.
fn purposes_on(site: &UnionSite, page: &Page) -> view::PurposesView {
    // A page that names no section shows every section that no other page names.
    let elsewhere = |id: &String| {
        site.pages
            .iter()
            .any(|p| p.id != page.id && p.sections.contains(id))
    };
    let shown: Vec<&Section> = site
        .policy
        .sections
        .iter()
        .filter(|s| match page.sections.is_empty() {
            true => !elsewhere(&s.id),
            false => page.sections.contains(&s.id),
        })
        .collect();
    let mut purposes = view::purposes(site);
    purposes
        .sections
        .retain(|s| shown.iter().any(|on| on.id == s.id));
    purposes.uses_consent = shown
        .iter()
        .flat_map(|s| &s.groups)
        .flat_map(|g| &g.items)
        .any(|i| i.consent);
    purposes
}

/// A view built only for a site that has a page of `kind`.
fn view_if<T>(site: &UnionSite, kind: PageKind, build: fn(&UnionSite) -> T) -> Option<T> {
    site.pages
        .iter()
        .any(|p| p.kind == kind)
        .then(|| build(site))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stylesheet_names_follow_their_content() {
        let a = css_path("a{color:red}");
        assert!(is_css_path(&a), "{a}");
        assert_eq!(a.len(), "assets/style.".len() + 10 + ".css".len());
        assert_eq!(a, css_path("a{color:red}"));
        assert_ne!(a, css_path("a{color:blue}"));
        assert!(!is_css_path("assets/style.css"));
        assert!(!is_css_path("assets/style.zz.css"));
        assert!(!is_css_path("files/style.0123456789.css"));
    }
}
