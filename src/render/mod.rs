//! Stage 3, render: a merged union (or the portal) to HTML and assets, in memory.

pub mod markdown;
pub mod placeholders;
pub mod print;
pub mod theme;
pub mod view;

use anyhow::Context as _;
use serde::Serialize;

use crate::load::Config;
use crate::model::{PageKind, UnionSite};
use crate::open_data;
use placeholders::Values;
pub use theme::Theme;

/// A file to write, relative to the output folder of its site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Where the stylesheet lives inside every site.
pub const CSS_PATH: &str = "assets/style.css";

/// One entry of a site's navigation.
#[derive(Serialize)]
struct NavLink {
    id: String,
    title: String,
    href: String,
    current: bool,
}

/// A union's standing on the portal.
#[derive(Serialize)]
pub struct PortalEntry {
    pub slug: String,
    pub name: String,
    pub href: String,
}

/// The file a page is written to: flat, so every link is a plain relative file name that works
/// from disk, from any sub-path and without server rewrites.
pub fn page_file(id: &str) -> String {
    format!("{id}.html")
}

/// Renders every page of one union's site, plus its stylesheet.
pub fn render_union(
    site: &UnionSite,
    theme: &Theme,
    config: &Config,
) -> anyhow::Result<Vec<OutputFile>> {
    // Every text the union or the base wrote gets its `{{ … }}` values here, once.
    let site = &Values::for_union(site).fill_site(site);
    // What every page of the union shares is turned into template values once (they are
    // reference-counted, so each page's context is a cheap copy).
    let mut shared = tera::Context::new();
    shared.insert("site", &config);
    shared.insert("union", &site.identity);
    shared.insert("slug", &site.slug);
    shared.insert("css", CSS_PATH);
    shared.insert("dates", &view::dates(site));
    shared.insert("base", &site.base);
    let purposes = tera::Value::from_serializable(&view::purposes(site));
    let contacts = tera::Value::from_serializable(&view::contacts(site));
    let mut files = Vec::with_capacity(site.pages.len() + 4);
    let mut printed = Vec::with_capacity(site.pages.len());
    for page in &site.pages {
        let nav: Vec<NavLink> = site
            .pages
            .iter()
            .map(|p| NavLink {
                id: p.id.clone(),
                title: p.title.clone(),
                href: page_file(&p.id),
                current: p.id == page.id,
            })
            .collect();
        let mut ctx = shared.clone();
        ctx.insert("nav", &nav);
        ctx.insert("title", &page.title);
        ctx.insert("page_id", &page.id);
        ctx.insert("body", &*theme.body_html(&page.body, config.minify));
        ctx.insert("replaced", &page.replaced);
        ctx.insert("kind", &page.kind);
        if !page.replaced {
            match page.kind {
                PageKind::Purposes => ctx.insert_value("purposes", purposes.clone()),
                PageKind::Contact => ctx.insert_value("contacts", contacts.clone()),
                PageKind::History | PageKind::Prose => {}
            }
        }
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
    files.push(OutputFile {
        path: print::PRINT_FILE.to_string(),
        bytes: print::render(site, &printed, &view::dates(site), theme, config)?,
    });
    files.push(OutputFile {
        path: open_data::POLICY_FILE.to_string(),
        bytes: open_data::to_json(&open_data::policy_doc(site)),
    });
    files.push(OutputFile {
        path: open_data::POLICY_SCHEMA_NAME.to_string(),
        bytes: open_data::policy_schema_json().as_bytes().to_vec(),
    });
    files.push(OutputFile {
        path: CSS_PATH.to_string(),
        bytes: theme.css.clone().into_bytes(),
    });
    Ok(files)
}

/// Renders the federation portal that lists every union.
pub fn render_portal(
    entries: &[PortalEntry],
    theme: &Theme,
    config: &Config,
) -> anyhow::Result<Vec<OutputFile>> {
    let mut ctx = tera::Context::new();
    ctx.insert("site", &config);
    ctx.insert("unions", &entries);
    ctx.insert("css", CSS_PATH);
    let bytes = theme
        .render("portal.html", &ctx, config.minify)
        .context("rendering the portal")?;
    Ok(vec![
        OutputFile {
            path: "index.html".to_string(),
            bytes,
        },
        OutputFile {
            path: CSS_PATH.to_string(),
            bytes: theme.css.clone().into_bytes(),
        },
    ])
}
