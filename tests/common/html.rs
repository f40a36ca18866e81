//! Reading pages: where text is, the order of things, ids, attributes, links, language, inline code.

/// 1-based line and column (in characters) of the first occurrence of `needle` in `source`.
pub fn locate(source: &str, needle: &str) -> (usize, usize) {
    locate_nth(source, needle, 0)
}

/// 1-based line and column of the `n`th (0-based) occurrence of `needle` in `source`.
pub fn locate_nth(source: &str, needle: &str, n: usize) -> (usize, usize) {
    let at = source
        .match_indices(needle)
        .nth(n)
        .unwrap_or_else(|| panic!("`{needle}` occurs fewer than {} times", n + 1))
        .0;
    let line = source[..at].matches('\n').count() + 1;
    let line_start = source[..at].rfind('\n').map_or(0, |i| i + 1);
    let column = source[line_start..at].chars().count() + 1;
    (line, column)
}

/// Byte offset of `needle` in `haystack`, panicking with context when absent.
pub fn pos(haystack: &str, needle: &str) -> usize {
    haystack
        .find(needle)
        .unwrap_or_else(|| panic!("`{needle}` not found in:\n{haystack}"))
}

/// Asserts that the needles occur in this order.
pub fn assert_order(haystack: &str, needles: &[&str]) {
    let positions: Vec<usize> = needles.iter().map(|n| pos(haystack, n)).collect();
    for pair in positions.windows(2).zip(needles.windows(2)) {
        assert!(
            pair.0[0] < pair.0[1],
            "`{}` should come before `{}`",
            pair.1[0],
            pair.1[1]
        );
    }
}

/// The part of an HTML page between `<h3 data-group="ID"` and the end of its list.
pub fn group_html<'a>(html: &'a str, group_id: &str) -> &'a str {
    let start = pos(html, &format!("<h3 data-group=\"{group_id}\""));
    let end = start + pos(&html[start..], "</ul>");
    &html[start..end]
}

/// The `data-item` ids in a piece of HTML, in order.
pub fn item_ids(html: &str) -> Vec<String> {
    attr_values(html, "data-item")
}

/// Every value of `name="…"` in a piece of HTML, in order.
pub fn attr_values(html: &str, name: &str) -> Vec<String> {
    let marker = format!("{name}=\"");
    html.match_indices(&marker)
        .map(|(at, _)| {
            let rest = &html[at + marker.len()..];
            rest[..rest.find('"').unwrap_or(rest.len())].to_string()
        })
        .collect()
}

/// `(attribute, value)` for every `href` and `src` attribute in `html`, quoted or not.
pub fn link_attributes(html: &str) -> Vec<(String, String)> {
    let bytes = html.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        // Only look inside tags.
        if bytes[i] != b'<' {
            i += 1;
            continue;
        }
        let Some(end) = tag_end(html, i) else {
            break;
        };
        let tag = &html[i + 1..end];
        i = end + 1;
        if tag.starts_with('!') || tag.starts_with('/') {
            continue;
        }
        for (name, value) in tag_attributes(tag) {
            if name.eq_ignore_ascii_case("href") || name.eq_ignore_ascii_case("src") {
                found.push((name, value));
            }
        }
    }
    found
}

/// Byte offset of the `>` that closes the tag opening at `start`, skipping quoted values
/// (a quote opens a value only right after `=`).
fn tag_end(html: &str, start: usize) -> Option<usize> {
    let mut quote: Option<char> = None;
    let mut after_equals = false;
    for (offset, c) in html[start..].char_indices() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == '>' => return Some(start + offset),
            None if (c == '"' || c == '\'') && after_equals => quote = Some(c),
            None => {}
        }
        if quote.is_none() && !c.is_whitespace() {
            after_equals = c == '=';
        }
    }
    None
}

/// The `lang` attribute of the `<html>` start tag, quoted (`lang="ja"`) or not (`lang=ja`).
pub fn html_lang(html: &str) -> Option<String> {
    let lower = html.to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = lower[from..].find("<html") {
        let start = from + at;
        let after = lower.as_bytes().get(start + 5).copied();
        if after.is_some_and(|c| c.is_ascii_whitespace() || c == b'>') {
            let end = tag_end(html, start)?;
            return tag_attributes(&html[start + 1..end])
                .into_iter()
                .find(|(name, _)| name.eq_ignore_ascii_case("lang"))
                .map(|(_, value)| value);
        }
        from = start + 5;
    }
    None
}

/// Attributes of the inside of a tag (`a href="x" class=y`), in a plain character scan.
fn tag_attributes(tag: &str) -> Vec<(String, String)> {
    let chars: Vec<char> = tag.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    // Skip the tag name.
    while i < chars.len() && !chars[i].is_whitespace() {
        i += 1;
    }
    loop {
        while i < chars.len() && (chars[i].is_whitespace() || chars[i] == '/') {
            i += 1;
        }
        if i >= chars.len() {
            break;
        }
        let start = i;
        while i < chars.len() && !chars[i].is_whitespace() && chars[i] != '=' && chars[i] != '/' {
            i += 1;
        }
        let name: String = chars[start..i].iter().collect();
        while i < chars.len() && chars[i].is_whitespace() {
            i += 1;
        }
        if i < chars.len() && chars[i] == '=' {
            i += 1;
            while i < chars.len() && chars[i].is_whitespace() {
                i += 1;
            }
            let value: String = if i < chars.len() && (chars[i] == '"' || chars[i] == '\'') {
                let quote = chars[i];
                i += 1;
                let start = i;
                while i < chars.len() && chars[i] != quote {
                    i += 1;
                }
                let v = chars[start..i].iter().collect();
                i += 1;
                v
            } else {
                let start = i;
                while i < chars.len() && !chars[i].is_whitespace() {
                    i += 1;
                }
                chars[start..i].iter().collect()
            };
            out.push((name, value));
        } else if !name.is_empty() {
            out.push((name, String::new()));
        } else {
            i += 1;
        }
    }
    out
}

pub(super) fn decode_entities(text: &str) -> String {
    text.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

pub(super) fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let hex = |b: u8| (b as char).to_digit(16);
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let (Some(hi), Some(lo)) = (hex(bytes[i + 1]), hex(bytes[i + 2]))
        {
            out.push((hi * 16 + lo) as u8);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The inside of the first element that starts with `open` (e.g. `<tr data-section="x">`),
/// up to the first `close` after it.
pub fn between<'a>(html: &'a str, open: &str, close: &str) -> &'a str {
    let start = pos(html, open) + open.len();
    let end = start + pos(&html[start..], close);
    &html[start..end]
}

/// Inline script or style in a page (`<script`, `<style`, a `style=` attribute), which a
/// `Content-Security-Policy: default-src 'self'` would block.
pub fn inline_code(html: &str) -> Vec<String> {
    let lower = html.to_ascii_lowercase();
    let mut found = Vec::new();
    if lower.contains("<style") {
        found.push("a <style> element".to_string());
    }
    // A script loaded from a file (`<script src=…></script>`) is what `default-src 'self'`
    // allows; one with a body is inline.
    for (at, _) in lower.match_indices("<script") {
        let rest = &lower[at..];
        let open_end = rest.find('>').unwrap_or(rest.len());
        let body_end = rest.find("</script").unwrap_or(rest.len());
        let from_file = rest[..open_end].contains(" src=")
            && rest
                .get(open_end + 1..body_end)
                .is_some_and(|body| body.trim().is_empty());
        if !from_file {
            found.push("a <script> element".to_string());
        }
    }
    for attr in attribute_names(html) {
        if attr == "style" || attr.starts_with("on") {
            found.push(format!("a {attr}= attribute"));
        }
    }
    found
}

/// The names of every attribute of every tag in `html` (lowercase).
fn attribute_names(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        rest = &rest[open + 1..];
        if !rest.starts_with(|c: char| c.is_ascii_alphabetic()) {
            continue;
        }
        let end = rest.find('>').unwrap_or(rest.len());
        let tag = &rest[..end];
        let mut chars = tag.char_indices().peekable();
        // skip the tag name
        while chars.next_if(|(_, c)| !c.is_whitespace()).is_some() {}
        loop {
            while chars
                .next_if(|(_, c)| c.is_whitespace() || *c == '/')
                .is_some()
            {}
            let Some(&(start, _)) = chars.peek() else {
                break;
            };
            while chars
                .next_if(|(_, c)| !c.is_whitespace() && *c != '=' && *c != '/')
                .is_some()
            {}
            let stop = chars.peek().map_or(tag.len(), |(i, _)| *i);
            out.push(tag[start..stop].to_ascii_lowercase());
            if chars.next_if(|(_, c)| *c == '=').is_some() {
                match chars.peek().map(|(_, c)| *c) {
                    Some(q @ ('"' | '\'')) => {
                        chars.next();
                        while chars.next_if(|(_, c)| *c != q).is_some() {}
                        chars.next();
                    }
                    _ => while chars.next_if(|(_, c)| !c.is_whitespace()).is_some() {},
                }
            }
        }
        rest = &rest[end..];
    }
    out
}

/// The text a reader sees: tags dropped, the common entities decoded, no whitespace (so a
/// span the theme puts inside a word does not split it).
pub fn visible(html: &str) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    squeeze(
        &text
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&amp;", "&"),
    )
}

/// The text without whitespace, as [`visible`] gives it.
pub fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}
