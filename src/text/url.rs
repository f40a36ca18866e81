//! Where a page lives and how a link to it is written; which link addresses kumiai publishes.

use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag};

/// The file a page is written to: flat, so every link is a plain relative file name that works
/// from disk, from any sub-path and without server rewrites.
pub fn page_file(id: &str) -> String {
    format!("{id}.html")
}

/// `href` made absolute when the site's address is known.
pub fn absolute(base_url: Option<&str>, href: &str) -> String {
    match base_url {
        Some(base) if !base.is_empty() => format!("{}/{href}", base.trim_end_matches('/')),
        _ => href.to_string(),
    }
}

/// The address of `file` of a union's site: under the union's own `published_url` when it has
/// one, else under the federation's `base_url` (`…/<slug>/<file>`), else relative to the
/// output root.
pub fn union_url(
    base_url: Option<&str>,
    published_url: Option<&str>,
    slug: &str,
    file: &str,
) -> String {
    match published_url.filter(|u| !u.is_empty()) {
        Some(own) => absolute(Some(own), file),
        None => absolute(base_url, &format!("{slug}/{file}")),
    }
}

/// True for an address [`absolute`] or [`union_url`] made absolute.
pub fn is_absolute(url: &str) -> bool {
    url.starts_with("https://") || url.starts_with("http://")
}

/// The schemes a published link may use. Anything else (`javascript:`, `vbscript:`, `data:`,
/// `file:`, …) is refused: a link that runs script is never shipped.
pub const LINK_SCHEMES: &[&str] = &["http", "https", "mailto", "tel"];

/// The Markdown extensions kumiai renders with; the link scan parses the same way.
pub const MARKDOWN_OPTIONS: Options = Options::ENABLE_TABLES.union(Options::ENABLE_STRIKETHROUGH);

/// The scheme a browser would see in `href`, lowercased: what comes before the first `:` when
/// no `/`, `?` or `#` comes before it. Browsers drop whitespace and control characters around
/// and inside a URL's scheme (`java\tscript:`, ` javascript:`), so they are dropped here too,
/// with every other invisible character: `java\u{200b}script:` counts as a scheme as well, and
/// is then refused for not being one of [`LINK_SCHEMES`].
pub fn scheme_of(href: &str) -> Option<String> {
    let visible: String = href
        .chars()
        .filter(|c| !c.is_control() && !c.is_whitespace() && !is_invisible(*c))
        .collect();
    let end = visible.find([':', '/', '?', '#'])?;
    (visible[end..].starts_with(':')).then(|| visible[..end].to_lowercase())
}

/// Format characters a browser would not show and an author cannot see.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{ad}' | '\u{200b}'..='\u{200f}' | '\u{2028}'..='\u{202e}' | '\u{2060}'..='\u{206f}' | '\u{feff}')
}

/// Whether kumiai publishes a link to `href`: a relative address (`purposes.html`, `#item-x`,
/// `files/a.pdf`), or an address with one of [`LINK_SCHEMES`].
pub fn is_safe_link(href: &str) -> bool {
    match scheme_of(href) {
        None => true,
        Some(scheme) => LINK_SCHEMES.contains(&scheme.as_str()),
    }
}

/// What a refused address was written as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkKind {
    /// `[text](address)` or `<address>`.
    Link,
    /// `![alt](address)`.
    Image,
    /// `[name]: address`, used by `[text][name]`.
    Definition,
}

/// A link, image or link definition in Markdown whose address kumiai does not publish.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefusedLink {
    /// Where it is written in the Markdown (bytes): the whole link, image or definition.
    pub span: Range<usize>,
    /// The address, as the Markdown gives it (entities decoded).
    pub dest: String,
    pub kind: LinkKind,
}

/// Every link, image and link definition in `markdown` whose address [`is_safe_link`] refuses,
/// in the order they are written. A link that uses a definition (`[text][name]`) is reported at
/// its definition, where the address is written.
pub fn refused_links(markdown: &str) -> Vec<RefusedLink> {
    let parser = Parser::new_ext(markdown, MARKDOWN_OPTIONS);
    let mut found: Vec<RefusedLink> = parser
        .reference_definitions()
        .iter()
        .filter(|(_, def)| !is_safe_link(&def.dest))
        .map(|(_, def)| RefusedLink {
            span: def.span.clone(),
            dest: def.dest.to_string(),
            kind: LinkKind::Definition,
        })
        .collect();
    for (event, span) in parser.into_offset_iter() {
        let (link_type, dest, kind) = match &event {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                ..
            }) => (link_type, dest_url, LinkKind::Link),
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                ..
            }) => (link_type, dest_url, LinkKind::Image),
            _ => continue,
        };
        let by_definition = matches!(
            link_type,
            LinkType::Reference | LinkType::Collapsed | LinkType::Shortcut
        );
        if !by_definition && !is_safe_link(dest) {
            found.push(RefusedLink {
                span,
                dest: dest.to_string(),
                kind,
            });
        }
    }
    found.sort_by_key(|l| l.span.start);
    found
}

/// `text` as a diagnostic can quote it: control characters written as escapes, and at most
/// 60 characters.
pub fn quoted(text: &str) -> String {
    let mut out: String = text
        .chars()
        .take(60)
        .flat_map(|c| {
            if c.is_control() || is_invisible(c) {
                c.escape_unicode().collect::<Vec<_>>()
            } else {
                vec![c]
            }
        })
        .collect();
    if text.chars().count() > 60 {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_and_allowed_schemes_are_safe() {
        for good in [
            "purposes.html",
            "purposes.html#item-benefits.a",
            "#main",
            "files/a.pdf",
            "./a:b.html",
            "../x",
            "/abs",
            "?q=a:b",
            "https://www.example.or.jp/",
            "HTTP://EXAMPLE.JP",
            "mailto:info@example.or.jp",
            "tel:0120-123-456",
            "",
        ] {
            assert!(is_safe_link(good), "{good:?}");
        }
    }

    #[test]
    fn script_and_other_schemes_are_refused_in_any_disguise() {
        for bad in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            " javascript:alert(1)",
            "\u{1}javascript:alert(1)",
            "java\tscript:alert(1)",
            "java\nscript:alert(1)",
            "java\rscript:alert(1)",
            "java\u{0}script:alert(1)",
            "java\u{200b}script:alert(1)",
            "\u{feff}javascript:alert(1)",
            "vbscript:msgbox(1)",
            "data:text/html,<script>alert(1)</script>",
            "file:///etc/passwd",
            "javascript :alert(1)",
            "ｊavascript:alert(1)",
        ] {
            assert!(!is_safe_link(bad), "{bad:?}");
        }
    }

    #[test]
    fn markdown_links_images_autolinks_and_definitions_are_found() {
        let md = "[a](javascript:alert(1)) ok [b](https://x.jp/)\n\n\
                  [c](&#106;avascript:alert(2)) <javascript:alert(3)>\n\n\
                  ![i](JAVASCRIPT:alert(4)) [d][r] [e]\n\n\
                  [r]: javascript:alert(5)\n[e]: https://ok.jp/\n[unused]: data:x\n";
        let found = refused_links(md);
        let dests: Vec<&str> = found.iter().map(|l| l.dest.as_str()).collect();
        assert_eq!(
            dests,
            [
                "javascript:alert(1)",
                "javascript:alert(2)",
                "javascript:alert(3)",
                "JAVASCRIPT:alert(4)",
                "javascript:alert(5)",
                "data:x"
            ]
        );
        assert_eq!(&md[found[0].span.clone()], "[a](javascript:alert(1))");
        assert_eq!(&md[found[2].span.clone()], "<javascript:alert(3)>");
        assert_eq!(found[3].kind, LinkKind::Image);
        assert_eq!(found[4].kind, LinkKind::Definition);
        assert!(md[found[4].span.clone()].starts_with("[r]: javascript"));
    }

    #[test]
    fn safe_markdown_has_nothing_to_refuse() {
        let md = "[a](purposes.html) <https://x.jp> <info@example.or.jp> javascript:alert(1)\n\n\
                  `[c](javascript:x)`\n\n    [d](javascript:y)\n";
        assert_eq!(refused_links(md), []);
    }

    #[test]
    fn quoted_shows_control_characters() {
        assert_eq!(quoted("java\tscript:"), "java\\u{9}script:");
        assert!(quoted(&"x".repeat(100)).ends_with('…'));
    }
}
