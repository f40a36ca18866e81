//! The implied-consent (黙示の同意) page: every item marked ＊, under the title of its section.

use serde::Serialize;

use super::purposes_view::{ItemView, item};
use crate::model::{Page, PageKind, Section, UnionSite};
use crate::text::url::page_file;

/// The ＊ items of a site, by section, ready to show.
#[derive(Serialize)]
pub struct ConsentView {
    /// Only the sections that hold a ＊ item, in policy order.
    pub sections: Vec<ConsentSectionView>,
}

/// One section of the consent page.
#[derive(Serialize)]
pub struct ConsentSectionView {
    pub id: String,
    pub title: String,
    /// Shown as on the purposes page (Markdown text, contractors), without their numbers.
    pub items: Vec<ItemView>,
}

/// A link to another page of the site.
#[derive(Serialize)]
pub struct PageLink {
    pub title: String,
    pub href: String,
}

/// Builds the consent page's list of ＊ items.
pub fn consent(site: &UnionSite) -> ConsentView {
    let sections = site
        .policy
        .sections
        .iter()
        .map(|s| section(site, s))
        .filter(|s| !s.items.is_empty())
        .collect();
    ConsentView { sections }
}

fn section(site: &UnionSite, s: &Section) -> ConsentSectionView {
    let items = s
        .groups
        .iter()
        .flat_map(|g| &g.items)
        .filter(|i| i.consent)
        .map(|i| item(site, i, None))
        .collect();
    ConsentSectionView {
        id: s.id.clone(),
        title: s.title.clone(),
        items,
    }
}

/// The site's consent page, for the ＊ legend to link to (the first, if a union made two).
pub fn consent_page(pages: &[Page]) -> Option<PageLink> {
    pages
        .iter()
        .find(|p| p.kind == PageKind::Consent)
        .map(|p| PageLink {
            title: p.title.clone(),
            href: page_file(&p.id),
        })
}
