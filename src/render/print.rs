//! `print.html`: a union's whole policy on one page, in reading order, for printing on A4.

use anyhow::Context as _;
use serde::Serialize;

use super::context::{PrintContext, UnionContext, to_tera};
use super::theme::Theme;
use super::view::DatesView;
use crate::load::Config;
use crate::model::UnionSite;
use crate::text::url::{is_absolute, union_url};

/// File name of the print page in every union site.
pub const PRINT_FILE: &str = "print.html";

/// One page of the site as the print page shows it: its title and its content, headings one
/// level down (the print page has one `<h1>`, and each page's title is an `<h2>`).
#[derive(Serialize)]
pub struct PrintedPage {
    pub id: String,
    pub title: String,
    pub html: String,
}

/// The date printed in the footer: the policy's last update as every page gives it (see
/// [`super::view::updated`]: 公表 or the latest 改定, else 施行, else 制定, else the base
/// revision's date, which the template says is the base's), in 和暦 and 西暦.
#[derive(Serialize)]
struct PrintDate {
    /// 公表 / 施行 / 制定.
    label: &'static str,
    /// True when the date is the base revision's (the union gives none).
    from_base: bool,
    iso: String,
    wareki: String,
    seireki: String,
}

/// Renders `print.html` with the theme's `print.html` template.
pub fn render(
    site: &UnionSite,
    pages: &[PrintedPage],
    dates: &DatesView,
    theme: &Theme,
    config: &Config,
) -> anyhow::Result<Vec<u8>> {
    let updated = &dates.updated;
    let date = Some(PrintDate {
        label: updated.print_label,
        from_base: updated.from_base,
        iso: updated.iso.clone(),
        wareki: updated.date.clone(),
        seireki: updated.seireki.clone(),
    });
    // Absolute when the union or the federation said where it is hosted; otherwise the path
    // under the portal, which still tells a reader of the paper where to look.
    let url = union_url(
        config.base_url.as_deref(),
        site.identity.published_url.as_deref(),
        &site.slug,
        PRINT_FILE,
    );
    let mut ctx = to_tera(&UnionContext {
        site: config,
        union: &site.identity,
        slug: &site.slug,
        css: &theme.css_path,
        dates,
        base: &site.base,
        has_window: site.has_window(),
        own_changes: site.own_changes,
        own_changes_shown: crate::text::wareki::apply_digits(
            &site.own_changes.to_string(),
            site.presentation.digits,
        ),
    })?;
    ctx.extend(to_tera(&PrintContext {
        pages,
        print_date: &date,
        print_url: &url,
        print_url_is_absolute: is_absolute(&url),
    })?);
    theme
        .render(PRINT_FILE, &ctx, config.minify)
        .with_context(|| format!("rendering the print page of `{}`", site.slug))
}

/// `<h2>` → `<h3>` … `<h5>` → `<h6>` (an `<h6>` stays). The HTML comes from the theme and from
/// Markdown, whose raw HTML is escaped, so every `<hN` here is a real heading tag.
///
/// One pass over the page: the print page holds a whole site, and this runs for every union.
pub fn demote_headings(html: &str) -> String {
    let bytes = html.as_bytes();
    let mut out = String::with_capacity(html.len());
    let mut copied = 0;
    let mut at = 0;
    while let Some(found) = html[at..].find('<') {
        let start = at + found;
        // `<h2` or `</h2`, then the level digit, then the end of the tag name.
        let name = start
            + if bytes.get(start + 1) == Some(&b'/') {
                2
            } else {
                1
            };
        let level = bytes.get(name + 1).copied();
        let ends_name = matches!(
            bytes.get(name + 2),
            Some(b'>' | b'/' | b' ' | b'\t' | b'\n')
        );
        if bytes.get(name) == Some(&b'h')
            && let Some(level @ b'2'..=b'5') = level
            && ends_name
        {
            out.push_str(&html[copied..name + 1]);
            out.push(char::from(level + 1));
            copied = name + 2;
        }
        at = start + 1;
    }
    out.push_str(&html[copied..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_move_one_level_down() {
        let html = r#"<h2 id="a">A</h2><h3>B</h3><h6>C</h6><h5>D</h5><p>&lt;h2&gt;</p>"#;
        assert_eq!(
            demote_headings(html),
            r#"<h3 id="a">A</h3><h4>B</h4><h6>C</h6><h6>D</h6><p>&lt;h2&gt;</p>"#
        );
        // Other tags starting with `h`, and names that only begin like a heading, stay.
        let other = "<header><hr><h2x>a</h2x><h1>t</h1><h4\nclass=x>b</h4 >";
        assert_eq!(
            demote_headings(other),
            "<header><hr><h2x>a</h2x><h1>t</h1><h5\nclass=x>b</h5 >"
        );
    }
}
