//! Limits on what one file may ask of kumiai: its size, the nesting depth of its Markdown and
//! the number of entries in a table. A policy never comes near them; a careless paste or a
//! hostile file does, and without them one file could overflow the stack of every build
//! (minify-html parses nested elements recursively) or make the merge crawl.

use pulldown_cmark::{Event, Options, Parser};

/// The largest union file or page file kumiai reads as a policy text (1 MiB).
pub const MAX_FILE_BYTES: usize = 1024 * 1024;

/// The deepest nesting of Markdown blocks and inline elements (block quotes, lists, emphasis,
/// links…) a page may have. Real policies nest three or four levels.
pub const MAX_DEPTH: usize = 32;

/// The most entries one table of an override (`[[new_item]]`, `[[item]]`, `[[page]]`…) may
/// have. The base has about a hundred items; a union adds or changes a few.
pub const MAX_ENTRIES: usize = 1000;

/// The Markdown options every page is rendered with (`render::markdown`): depth is measured on
/// the same parse.
pub fn markdown_options() -> Options {
    super::url::MARKDOWN_OPTIONS
}

/// Where `markdown` first nests deeper than [`MAX_DEPTH`]: the byte offset of the element that
/// goes one level too deep.
pub fn too_deep(markdown: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (event, range) in Parser::new_ext(markdown, markdown_options()).into_offset_iter() {
        match event {
            Event::Start(_) => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Some(range.start);
                }
            }
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

/// Drops the elements nested deeper than [`MAX_DEPTH`], keeping their text. The merge refuses
/// such pages where it can name the place; this keeps the renderer safe from what it cannot see
/// (a union's name of 5,000 `*` filled into a page by `{{ union.name }}`).
pub fn cap_depth<'a>(events: impl Iterator<Item = Event<'a>>) -> impl Iterator<Item = Event<'a>> {
    // One flag per open element: whether it was dropped.
    let mut open: Vec<bool> = Vec::new();
    events.filter(move |event| match event {
        Event::Start(_) => {
            let keep = open.len() < MAX_DEPTH;
            open.push(!keep);
            keep
        }
        Event::End(_) => !open.pop().unwrap_or(false),
        _ => true,
    })
}

/// Where `text` goes over [`MAX_FILE_BYTES`]: the start of the character that crosses it.
pub fn too_large(text: &str) -> Option<usize> {
    if text.len() <= MAX_FILE_BYTES {
        return None;
    }
    let mut at = MAX_FILE_BYTES;
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    Some(at)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_nesting_passes() {
        assert_eq!(too_deep("> a\n>\n> - b\n>   - *c* **d**\n"), None);
        assert_eq!(
            too_deep(&format!("{} x\n", ">".repeat(MAX_DEPTH - 1))),
            None
        );
    }

    #[test]
    fn deep_block_quotes_are_found_at_the_quote_that_goes_too_deep() {
        let text = format!("ok\n\n{} x\n", ">".repeat(5000));
        let at = too_deep(&text).expect("too deep");
        assert!((4..4 + 5000).contains(&at), "{at}");
    }

    #[test]
    fn deep_lists_and_emphasis_are_found() {
        let lists: String = (0..200)
            .map(|i| format!("{}- a\n", "  ".repeat(i)))
            .collect();
        assert!(too_deep(&lists).is_some());
        let stars = format!("{}x{}", "*".repeat(200), "*".repeat(200));
        assert!(too_deep(&stars).is_some());
    }

    #[test]
    fn capping_keeps_the_text_and_balances_the_tags() {
        let text = format!(
            "{} deep | x\n\n| a | b |\n|---|---|\n| c | d |\n",
            ">".repeat(300)
        );
        let mut html = String::new();
        pulldown_cmark::html::push_html(
            &mut html,
            cap_depth(Parser::new_ext(&text, markdown_options())),
        );
        assert!(html.contains("deep"));
        assert_eq!(html.matches("<blockquote>").count(), MAX_DEPTH);
        assert_eq!(html.matches("</blockquote>").count(), MAX_DEPTH);
    }

    #[test]
    fn size_limit_points_at_a_char_boundary() {
        assert_eq!(too_large("小さい"), None);
        let big = "あ".repeat(MAX_FILE_BYTES / 3 + 1);
        let at = too_large(&big).expect("too large");
        assert!(big.is_char_boundary(at) && at <= MAX_FILE_BYTES);
    }
}
