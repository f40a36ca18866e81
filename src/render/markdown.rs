//! Markdown to HTML for base and union prose: pages, and the item texts, intros and notes of
//! the purposes.

use pulldown_cmark::{CowStr, Event, HeadingLevel, Parser, Tag, TagEnd, html};
use serde::Serialize;

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
///
/// A line break inside a paragraph between two Japanese characters joins the lines without a
/// space (「…利用いたします。\n当組合の…」 reads as one sentence); between Latin words it stays
/// a space.
pub fn to_html(markdown: &str) -> String {
    let events = safe_events(markdown);
    let mut out = String::with_capacity(markdown.len() * 2);
    html::push_html(&mut out, events.into_iter());
    // Header cells of Markdown tables are column headers.
    out.replace("<th>", "<th scope=\"col\">")
}

/// A short Markdown text of the purposes (an item, an intro, a note) as HTML.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fragment {
    pub html: String,
    /// False when the text is one paragraph: `html` is then its inline content, to put inside
    /// the theme's own `<li>` or `<p>`; true when it holds blocks (paragraphs, a list).
    pub block: bool,
}

/// Renders a short text of the purposes: one paragraph inline (for plain text exactly what a
/// template's escaping gives, so a site without Markdown keeps its bytes), more as blocks, with
/// the same guards as [`to_html`].
pub fn to_fragment(markdown: &str) -> Fragment {
    let events: Vec<Event> = safe_events(markdown)
        .into_iter()
        // Text escaped as templates escape it (quotes too), not as the Markdown writer does.
        .map(|event| match event {
            Event::Text(text) => Event::Html(escape_as_templates_do(&text).into()),
            other => other,
        })
        .collect();
    let one_paragraph = matches!(events.first(), Some(Event::Start(Tag::Paragraph)))
        && matches!(events.last(), Some(Event::End(TagEnd::Paragraph)))
        && !events[1..events.len() - 1]
            .iter()
            .any(|e| matches!(e, Event::Start(Tag::Paragraph)));
    let (inner, block) = match events.len() {
        0 => (&events[..], false),
        n if one_paragraph => (&events[1..n - 1], false),
        _ => (&events[..], true),
    };
    let mut html = String::with_capacity(markdown.len() * 2);
    html::push_html(&mut html, inner.iter().cloned());
    Fragment {
        html: html.replace("<th>", "<th scope=\"col\">"),
        block,
    }
}

/// A short text of the purposes as HTML blocks: one paragraph becomes `<p>…</p>`.
pub fn to_blocks(markdown: &str) -> String {
    match to_fragment(markdown) {
        Fragment { html, block: true } => html,
        Fragment { html, block: false } => format!("<p>{html}</p>"),
    }
}

/// Escapes text as Tera's templates do (`&`, `<`, `>`, `"`, `'`): a plain item text rendered
/// here is byte for byte what `{{ item.text }}` gave before items were Markdown.
fn escape_as_templates_do(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The events of `markdown` with every guard of [`to_html`] applied.
fn safe_events(markdown: &str) -> Vec<Event<'_>> {
    let mut levels = HeadingLevels::default();
    // Nesting deeper than the limit would overflow the stack of the minifier.
    let parsed = Parser::new_ext(markdown, MARKDOWN_OPTIONS);
    // For each open link and image: was it kept?
    let mut links: Vec<bool> = Vec::new();
    let mut images: Vec<bool> = Vec::new();
    let events: Vec<Event> = crate::text::limits::cap_depth(parsed)
        .flat_map(|event| match event {
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
            // Tables scroll sideways on phones; column alignment is dropped (it needs inline
            // styles).
            Event::Start(Tag::Table(_)) => vec![
                Event::Html(CowStr::Borrowed("<div class=\"table-wrap\">")),
                Event::Start(Tag::Table(Vec::new())),
            ],
            Event::End(TagEnd::Table) => vec![
                Event::End(TagEnd::Table),
                Event::Html(CowStr::Borrowed("</div>")),
            ],
            other => vec![other],
        })
        .collect();
    join_japanese_lines(events)
}

/// Drops the soft line breaks that stand between two Japanese characters: a browser would show
/// them as a space in the middle of a sentence.
fn join_japanese_lines(events: Vec<Event<'_>>) -> Vec<Event<'_>> {
    let joins: Vec<bool> = (0..events.len())
        .map(|at| {
            matches!(events[at], Event::SoftBreak)
                && neighbour(events[..at].iter().rev(), |t| t.chars().next_back())
                    .is_some_and(is_cjk)
                && neighbour(events[at + 1..].iter(), |t| t.chars().next()).is_some_and(is_cjk)
        })
        .collect();
    events
        .into_iter()
        .zip(joins)
        .filter_map(|(event, join)| (!join).then_some(event))
        .collect()
}

/// The character next to a line break, looking through inline markup (`**`, links) to the
/// nearest text; `None` when something else (a picture, another break) stands there.
fn neighbour<'a, 'e: 'a>(
    mut events: impl Iterator<Item = &'a Event<'e>>,
    edge: impl Fn(&str) -> Option<char>,
) -> Option<char> {
    events.find_map(|event| match event {
        Event::Text(text) | Event::Code(text) => Some(edge(text)),
        Event::Start(Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. })
        | Event::End(TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link) => {
            None
        }
        _ => Some(None),
    })?
}

/// Kana, kanji, and Japanese and full-width punctuation: characters written without spaces
/// between them.
fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3000}'..='\u{30FF}'      // punctuation 、。「」, hiragana, katakana
        | '\u{31F0}'..='\u{31FF}'    // small katakana
        | '\u{3400}'..='\u{4DBF}'    // kanji, extension A
        | '\u{4E00}'..='\u{9FFF}'    // kanji
        | '\u{F900}'..='\u{FAFF}'    // compatibility kanji
        | '\u{FF00}'..='\u{FFEF}'    // full-width forms （）：１Ａ, half-width katakana
        | '\u{20000}'..='\u{3FFFF}') // kanji, extensions B and later
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
        assert!(html.contains("<p>当組合は、次のとおり。</p>"), "{html}");
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

    #[test]
    fn japanese_lines_join_without_a_space_and_latin_lines_keep_one() {
        let html = to_html(
            "利用いたします。\n当組合の\n**事業**\nです。\nKenpo\nunion、\n[窓口](contact.html)\nへ\n",
        );
        assert!(
            html.contains("<p>利用いたします。当組合の<strong>事業</strong>です。\nKenpo\nunion、<a href=\"contact.html\">窓口</a>へ</p>"),
            "{html}"
        );
    }

    #[test]
    fn one_paragraph_is_inline_and_escaped_as_templates_escape() {
        let plain = to_fragment("A&B <b> \"引用\" 'x'");
        assert_eq!(plain.html, "A&amp;B &lt;b&gt; &quot;引用&quot; &#39;x&#39;");
        assert!(!plain.block);
        let marked = to_fragment("**重要**な[お知らせ](https://ok.jp/)");
        assert_eq!(
            marked.html,
            "<strong>重要</strong>な<a href=\"https://ok.jp/\">お知らせ</a>"
        );
        assert_eq!(
            to_fragment(""),
            Fragment {
                html: String::new(),
                block: false
            }
        );
    }

    #[test]
    fn several_paragraphs_or_a_list_are_blocks() {
        let item = to_fragment("健診の実施\n\n- 特定健診\n- がん検診\n");
        assert!(item.block);
        assert!(item.html.starts_with("<p>健診の実施</p>"), "{}", item.html);
        assert!(item.html.contains("<li>特定健診</li>"));
        assert_eq!(to_blocks("一文。"), "<p>一文。</p>");
        assert!(!to_blocks("[x](javascript:alert(1))").contains("href"));
    }
}
