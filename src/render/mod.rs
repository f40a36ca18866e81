//! Stage 3, render: a merged union (or the portal) to HTML and assets, in memory.

pub mod markdown;
pub mod placeholders;
pub mod print;
pub mod theme;
pub mod view;

use anyhow::{Context as _, anyhow};
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
    let purposes = view::purposes(site);
    let contacts = view::contacts(site);
    let dates = view::dates(site);
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
        let mut ctx = tera::Context::new();
        ctx.insert("site", &config);
        ctx.insert("union", &site.identity);
        ctx.insert("slug", &site.slug);
        ctx.insert("nav", &nav);
        ctx.insert("title", &page.title);
        ctx.insert("page_id", &page.id);
        ctx.insert("body", &markdown::to_html(&page.body));
        ctx.insert("replaced", &page.replaced);
        ctx.insert("kind", &page.kind);
        ctx.insert("css", CSS_PATH);
        ctx.insert("dates", &dates);
        ctx.insert("base", &site.base);
        if !page.replaced {
            match page.kind {
                PageKind::Purposes => ctx.insert("purposes", &purposes),
                PageKind::Contact => ctx.insert("contacts", &contacts),
                PageKind::History | PageKind::Prose => {}
            }
        }
        let render = |template: &str| {
            theme
                .tera
                .render(template, &ctx)
                .map_err(|e| anyhow!("{}", theme::error_chain(&e)))
                .with_context(|| format!("rendering page `{}` of `{}`", page.id, site.slug))
        };
        let html = render("page.html")?;
        files.push(OutputFile {
            path: page_file(&page.id),
            bytes: finish_html(html, config.minify),
        });
        printed.push(print::PrintedPage {
            id: page.id.clone(),
            title: page.title.clone(),
            html: print::demote_headings(&render("partials/page_body.html")?),
        });
    }
    let html = print::render(site, &printed, &dates, theme, config)?;
    files.push(OutputFile {
        path: print::PRINT_FILE.to_string(),
        bytes: finish_html(html, config.minify),
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
    let html = theme
        .tera
        .render("portal.html", &ctx)
        .map_err(|e| anyhow!("{}", theme::error_chain(&e)))
        .context("rendering the portal")?;
    Ok(vec![
        OutputFile {
            path: "index.html".to_string(),
            bytes: finish_html(html, config.minify),
        },
        OutputFile {
            path: CSS_PATH.to_string(),
            bytes: theme.css.clone().into_bytes(),
        },
    ])
}

/// Minifies HTML when asked; the structure a validator and a screen reader see is kept.
pub(crate) fn finish_html(html: String, minify: bool) -> Vec<u8> {
    if !minify {
        return html.into_bytes();
    }
    let cfg = minify_html::Cfg {
        keep_closing_tags: true,
        keep_html_and_head_opening_tags: true,
        minify_css: false,
        minify_js: false,
        ..minify_html::Cfg::default()
    };
    minify_html::minify(html.as_bytes(), &cfg)
}
