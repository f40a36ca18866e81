//! Markdown to HTML for base and union prose.

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};

/// Renders Markdown to HTML.
///
/// Raw HTML in the Markdown is shown as text, not passed through: pages stay free of scripts
/// and inline styles whoever wrote them. `#` headings become `<h2>` because the page title is
/// the page's only `<h1>`.
pub fn to_html(markdown: &str) -> String {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let events = Parser::new_ext(markdown, options).flat_map(|event| match event {
        Event::Html(text) | Event::InlineHtml(text) => vec![Event::Text(text)],
        Event::Start(Tag::Heading {
            level: HeadingLevel::H1,
            id,
            classes,
            attrs,
        }) => vec![Event::Start(Tag::Heading {
            level: HeadingLevel::H2,
            id,
            classes,
            attrs,
        })],
        Event::End(TagEnd::Heading(HeadingLevel::H1)) => {
            vec![Event::End(TagEnd::Heading(HeadingLevel::H2))]
        }
        // Tables scroll sideways on phones; column alignment is dropped (it needs inline styles).
        Event::Start(Tag::Table(_)) => vec![
            Event::Html(CowStr::Borrowed("<div class=\"table-wrap\">")),
            Event::Start(Tag::Table(Vec::new())),
        ],
        Event::End(TagEnd::Table) => vec![
            Event::End(TagEnd::Table),
            Event::Html(CowStr::Borrowed("</div>")),
        ],
        other => vec![other],
    });
    let mut out = String::with_capacity(markdown.len() * 2);
    html::push_html(&mut out, events);
    // Header cells of Markdown tables are column headers.
    out.replace("<th>", "<th scope=\"col\">")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_and_lists() {
        let html = to_html("当組合は、\n次のとおり。\n\n- 一\n- 二\n");
        assert!(html.contains("<p>当組合は、\n次のとおり。</p>"));
        assert!(html.contains("<li>一</li>"));
    }

    #[test]
    fn raw_html_is_escaped() {
        let html = to_html("<script>alert(1)</script>\n\ntext <b style=\"x\">b</b>");
        assert!(!html.contains("<script>"));
        assert!(html.contains("&lt;script&gt;"));
        assert!(!html.contains("<b "));
    }

    #[test]
    fn h1_is_demoted() {
        assert!(to_html("# 見出し").contains("<h2>見出し</h2>"));
    }

    #[test]
    fn tables_get_scope_and_wrapper() {
        let html = to_html("| 類型 | 目的 |\n|:--|--:|\n| a | b |\n");
        assert!(html.contains("<div class=\"table-wrap\"><table>"));
        assert!(html.contains("<th scope=\"col\">類型</th>"));
        assert!(!html.contains("style="));
        assert!(html.contains("</table>\n</div>") || html.contains("</table></div>"));
    }
}
