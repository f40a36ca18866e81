//! `print.html`: a union's whole policy on one page, in reading order, for printing on A4.

use anyhow::Context as _;
use serde::Serialize;

use super::theme::Theme;
use super::view::DatesView;
use crate::federation::contractors::absolute;
use crate::load::Config;
use crate::model::UnionSite;
use crate::wareki;

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

/// The date printed in the footer: the policy's publication date (or, failing that, its
/// effective or establishment date), in 和暦 and 西暦.
#[derive(Serialize)]
struct PrintDate {
    /// 公表 / 施行 / 制定.
    label: &'static str,
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
    let digits = site.presentation.digits;
    let date = [
        ("公表", site.dates.published),
        ("施行", site.dates.effective),
        ("制定", site.dates.established),
    ]
    .into_iter()
    .find_map(|(label, d)| d.map(|d| (label, d)))
    .map(|(label, d)| PrintDate {
        label,
        iso: d.to_string(),
        wareki: wareki::format(d, digits),
        // 西暦 follows the union's choice of digits, like its 和暦.
        seireki: wareki::apply_digits(&d.format("%Y年%-m月%-d日").to_string(), digits),
    });
    // Absolute when the federation said where it is hosted; otherwise the path under the
    // portal, which still tells a reader of the paper where to look.
    let url = absolute(
        config.base_url.as_deref(),
        &format!("{}/{PRINT_FILE}", site.slug),
    );
    let mut ctx = tera::Context::new();
    ctx.insert("site", config);
    ctx.insert("union", &site.identity);
    ctx.insert("slug", &site.slug);
    ctx.insert("pages", pages);
    ctx.insert("css", &theme.css_path);
    ctx.insert("dates", dates);
    ctx.insert("base", &site.base);
    ctx.insert("print_date", &date);
    ctx.insert("print_url", &url);
    ctx.insert(
        "print_url_is_absolute",
        &(url.starts_with("https://") || url.starts_with("http://")),
    );
    theme
        .render(PRINT_FILE, &ctx, config.minify)
        .with_context(|| format!("rendering the print page of `{}`", site.slug))
}

/// `<h2>` → `<h3>` … `<h5>` → `<h6>` (an `<h6>` stays). The HTML comes from the theme and from
/// Markdown, whose raw HTML is escaped, so every `<hN` here is a real heading tag.
pub fn demote_headings(html: &str) -> String {
    let mut out = html.to_string();
    for level in (2..=5).rev() {
        for (from, to) in [
            (format!("<h{level}"), format!("<h{}", level + 1)),
            (format!("</h{level}>"), format!("</h{}>", level + 1)),
        ] {
            out = replace_tag(&out, &from, &to);
        }
    }
    out
}

/// Replaces `from` where it starts a tag name (followed by `>`, white space or `/`), so `<h2`
/// never matches inside `<h20`-like text.
fn replace_tag(html: &str, from: &str, to: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find(from) {
        let after = &rest[at + from.len()..];
        out.push_str(&rest[..at]);
        let ends_name = from.ends_with('>')
            || after
                .chars()
                .next()
                .is_some_and(|c| c == '>' || c == '/' || c.is_whitespace());
        out.push_str(if ends_name { to } else { from });
        rest = after;
    }
    out.push_str(rest);
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
    }
}
