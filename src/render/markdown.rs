//! Markdown to HTML for base and union prose.

use pulldown_cmark::{CowStr, Event, HeadingLevel, Parser, Tag, TagEnd, html};

use crate::text::url::{MARKDOWN_OPTIONS, is_safe_link};

/// Renders Markdown to HTML.
///
/// Raw HTML in the Markdown is shown as text, not passed through: pages stay free of scripts
/// and inline styles whoever wrote them. Headings are renumbered from `<h2>` down, without
/// skipped levels (`###` straight under the title becomes `<h2>`), because the page title is the
/// page's only `<h1>` and screen-reader users move by heading level (WCAG 1.3.1).
///
/// A link or image whose address is not relative, `http`, `https`, `mailto` or `tel`
/// (`javascript:` in any spelling) is never rendered as one: only its text is kept. `check`
/// and `build` report such links as errors (see [`crate::text::url::refused_links`]); this is
/// the last guard.
pub fn to_html(markdown: &str) -> String {
    let mut levels = HeadingLevels::default();
    // Nesting deeper than the limit would overflow the stack of the minifier.
    let parsed = Parser::new_ext(markdown, MARKDOWN_OPTIONS);
    // For each open link and image: was it kept?
    let mut links: Vec<bool> = Vec::new();
    let mut images: Vec<bool> = Vec::new();
    let events = crate::text::limits::cap_depth(parsed).flat_map(|event| match event {
        Event::Html(text) | Event::InlineHtml(text) => vec![Event::Text(text)],
        // CommonMark reads an entity for no character (`&#0;`, `&#xD800;`, `&#1114112;`) as
        // U+FFFD: a page shows nothing for it rather than a replacement character.
        Event::Text(text) if text.contains('\u{FFFD}') => {
            vec![Event::Text(text.replace('\u{FFFD}', "").into())]
        }
        Event::Start(Tag::Link { ref dest_url, .. }) => {
            let keep = is_safe_link(dest_url);
            links.push(keep);
            if keep { vec![event] } else { Vec::new() }
        }
        Event::End(TagEnd::Link) => {
            if links.pop().unwrap_or(true) {
                vec![event]
            } else {
                Vec::new()
            }
        }
        Event::Start(Tag::Image { ref dest_url, .. }) => {
            let keep = is_safe_link(dest_url);
            images.push(keep);
            if keep { vec![event] } else { Vec::new() }
        }
        Event::End(TagEnd::Image) => {
            if images.pop().unwrap_or(true) {
                vec![event]
            } else {
                Vec::new()
            }
        }
        Event::Start(Tag::Heading {
            level,
            id,
            classes,
            attrs,
        }) => vec![Event::Start(Tag::Heading {
            level: levels.open(level),
            id,
            classes,
            attrs,
        })],
        Event::End(TagEnd::Heading(_)) => vec![Event::End(TagEnd::Heading(levels.close()))],
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

/// Maps the heading levels an author wrote to levels that start at 2 and never skip one, keeping
/// the author's nesting: a stack of (written level, output level).
#[derive(Default)]
struct HeadingLevels {
    stack: Vec<(HeadingLevel, usize)>,
    open: usize,
}

impl HeadingLevels {
    fn open(&mut self, written: HeadingLevel) -> HeadingLevel {
        while self.stack.last().is_some_and(|(w, _)| *w >= written) {
            self.stack.pop();
        }
        let level = self.stack.last().map_or(2, |(_, out)| out + 1).min(6);
        self.stack.push((written, level));
        self.open = level;
        Self::level(level)
    }

    fn close(&self) -> HeadingLevel {
        Self::level(self.open)
    }

    fn level(n: usize) -> HeadingLevel {
        match n {
            0..=2 => HeadingLevel::H2,
            3 => HeadingLevel::H3,
            4 => HeadingLevel::H4,
            5 => HeadingLevel::H5,
            _ => HeadingLevel::H6,
        }
    }
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
    fn links_that_could_run_script_are_only_text() {
        let md = "[a](javascript:alert(1)) [b](&#106;avascript:alert(2)) <javascript:alert(3)> \
                  [c](<JaVa\tScript:alert(4)>) ![i](javascript:alert(5)) [d][r] \
                  [![img](javascript:x)](https://ok.jp/) [ok](purposes.html)\n\n\
                  [r]: vbscript:y\n";
        let html = to_html(md);
        assert!(!html.contains("href=\"javascript") && !html.contains("src=\"javascript"));
        assert!(
            !html.contains("vbscript") && !html.contains("<img"),
            "{html}"
        );
        assert_eq!(html.matches("<a ").count(), 2, "{html}");
        assert!(html.contains("<a href=\"purposes.html\">ok</a>"));
        assert!(
            html.contains("<a href=\"https://ok.jp/\">img</a>"),
            "{html}"
        );
        assert!(html.contains("<p>a b javascript:alert(3) c i d"), "{html}");
    }

    #[test]
    fn entities_for_no_character_show_nothing() {
        let html = to_html("a&#0;b &#xD800;c &#1114112;d ![x&#0;](p.png)");
        assert!(!html.contains('\u{FFFD}'), "{html}");
        assert!(html.contains("ab c d"), "{html}");
    }

    #[test]
    fn h1_is_demoted() {
        assert!(to_html("# 見出し").contains("<h2>見出し</h2>"));
    }

    #[test]
    fn heading_levels_start_at_two_and_never_skip() {
        let html = to_html("### a\n\n### b\n\n##### c\n\n###### d\n\n## e\n\n#### f\n");
        let tags: Vec<&str> = html
            .match_indices("<h")
            .map(|(i, _)| &html[i + 1..i + 3])
            .collect();
        assert_eq!(tags, ["h2", "h2", "h3", "h4", "h2", "h3"], "{html}");
        assert!(html.contains("<h2>a</h2>") && html.contains("<h3>c</h3>"));
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
