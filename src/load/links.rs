//! Links in a union's Markdown (and the base's) that kumiai refuses to publish: `javascript:`
//! and every other scheme but `http`, `https`, `mailto` and `tel`, reported where they are
//! written: in a page file, or inside the TOML string that holds a page's Markdown.

use std::ops::Range;
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use crate::diagnostic::Diagnostic;
use crate::load::UnionFile;
use crate::text::url::{LINK_SCHEMES, LinkKind, RefusedLink, quoted, refused_links, scheme_of};

/// Every refused link in the Markdown an override gives (`intro` and `body` of its pages) and
/// in the page files it names.
pub fn check(file: &UnionFile) -> Vec<Diagnostic> {
    let doc = &file.doc;
    let mut found = Vec::new();
    // Where each Markdown string of the override is written; parsed only when one has a link
    // to refuse (most files have none).
    let mut spans: Option<Option<Bodies>> = None;
    let texts = doc
        .page
        .iter()
        .enumerate()
        .flat_map(|(i, p)| {
            [
                (Field::PageIntro(i), p.intro.as_deref(), &p.id),
                (Field::PageBody(i), p.body.as_deref(), &p.id),
            ]
        })
        .chain(
            doc.new_page
                .iter()
                .enumerate()
                .map(|(i, p)| (Field::NewPageBody(i), p.body.as_deref(), &p.id)),
        );
    for (field, markdown, id) in texts {
        let Some(markdown) = markdown else { continue };
        let refused = refused_links(markdown);
        if refused.is_empty() {
            continue;
        }
        let bodies = spans.get_or_insert_with(|| toml::from_str::<Bodies>(&file.source).ok());
        let value = bodies.as_ref().and_then(|b| b.get(field));
        for link in &refused {
            let span = value
                .and_then(|v| in_toml_string(&file.source, v.span(), v.get_ref(), &link.span))
                .unwrap_or_else(|| id.span());
            found.push(diagnostic(&file.path, &file.source, span, link));
        }
    }
    for page in file.page_files.values().flatten() {
        found.extend(in_markdown(&page.path, &page.text, 0));
    }
    found
}

/// Every refused link in Markdown that starts at byte `offset` of the file `path` holds
/// `source` (a page file, or the part of a base page after its front matter).
pub fn in_markdown(path: &Path, source: &str, offset: usize) -> Vec<Diagnostic> {
    let Some(markdown) = source.get(offset..) else {
        return Vec::new();
    };
    refused_links(markdown)
        .iter()
        .map(|link| {
            let span = offset + link.span.start..offset + link.span.end;
            diagnostic(path, source, span, link)
        })
        .collect()
}

fn diagnostic(path: &Path, source: &str, span: Range<usize>, link: &RefusedLink) -> Diagnostic {
    let dest = quoted(&link.dest);
    let scheme = scheme_of(&link.dest)
        .map(|s| quoted(&s))
        .unwrap_or_default();
    let allowed = LINK_SCHEMES.join(", ");
    let (what, what_ja) = match link.kind {
        LinkKind::Link => ("a link", "リンク先"),
        LinkKind::Image => ("an image address", "画像のアドレス"),
        LinkKind::Definition => ("a link (in this definition)", "リンク先（この定義）"),
    };
    Diagnostic::at(
        path,
        source,
        span,
        format!(
            "`{dest}` cannot be published as {what}: only {allowed} and relative addresses are, and `{scheme}:` is not one of them"
        ),
    )
    .rule("link")
    .with_suggestion(
        "link to a web page (https://…), a mail address (mailto:…), a phone number (tel:…) or a file of the site (e.g. files/form.pdf); to show an address as text, put it between backticks",
    )
    .ja(
        format!(
            "`{dest}` は{what_ja}として公開できません。使えるのは {allowed} と相対アドレスだけで、`{scheme}:` は使えません"
        ),
        Some(
            "ウェブページ（https://…）、メールアドレス（mailto:…）、電話番号（tel:…）またはサイト内のファイル（例: files/form.pdf）にしてください。アドレスを文字として見せるときは ` で囲んでください"
                .to_string(),
        ),
    )
}

/// The Markdown strings of an override, with where they are written.
#[derive(Deserialize)]
struct Bodies {
    #[serde(default)]
    page: Vec<PageBodies>,
    #[serde(default)]
    new_page: Vec<PageBodies>,
}

#[derive(Deserialize)]
struct PageBodies {
    intro: Option<Spanned<String>>,
    body: Option<Spanned<String>>,
}

#[derive(Clone, Copy)]
enum Field {
    PageIntro(usize),
    PageBody(usize),
    NewPageBody(usize),
}

impl Bodies {
    fn get(&self, field: Field) -> Option<&Spanned<String>> {
        match field {
            Field::PageIntro(i) => self.page.get(i)?.intro.as_ref(),
            Field::PageBody(i) => self.page.get(i)?.body.as_ref(),
            Field::NewPageBody(i) => self.new_page.get(i)?.body.as_ref(),
        }
    }
}

/// Where bytes `inner` of a TOML string's value are written in `source`, the string being
/// written at `token` (quotes included). `None` when the token does not decode to `value`.
fn in_toml_string(
    source: &str,
    token: Range<usize>,
    value: &str,
    inner: &Range<usize>,
) -> Option<Range<usize>> {
    let raw = source.get(token.clone())?;
    let (decoded, map) = decode_toml_string(raw)?;
    if decoded != value {
        return None;
    }
    let start = token.start + *map.get(inner.start)?;
    let end = token.start + *map.get(inner.end)?;
    Some(start..end.max(start))
}

/// Decodes a TOML string token (basic or literal, one line or several) and gives, for each byte
/// of the value and one past its end, the offset in the token it comes from.
fn decode_toml_string(raw: &str) -> Option<(String, Vec<usize>)> {
    let (quote, literal) = [("\"\"\"", false), ("'''", true), ("\"", false), ("'", true)]
        .into_iter()
        .find(|(q, _)| raw.starts_with(q) && raw.len() >= 2 * q.len() && raw.ends_with(q))?;
    let multi = quote.len() == 3;
    let end = raw.len() - quote.len();
    let mut i = quote.len();
    if multi {
        i += ["\r\n", "\n"]
            .into_iter()
            .find(|nl| raw[i..].starts_with(nl))
            .map_or(0, str::len);
    }
    let mut out = String::new();
    let mut map = Vec::new();
    let push = |out: &mut String, map: &mut Vec<usize>, c: char, at: usize| {
        out.push(c);
        map.extend(std::iter::repeat_n(at, c.len_utf8()));
    };
    while i < end {
        let c = raw[i..].chars().next()?;
        if literal || c != '\\' {
            push(&mut out, &mut map, c, i);
            i += c.len_utf8();
            continue;
        }
        let escape = raw[i + 1..].chars().next()?;
        let simple = match escape {
            'b' => Some('\u{8}'),
            't' => Some('\t'),
            'n' => Some('\n'),
            'f' => Some('\u{c}'),
            'r' => Some('\r'),
            'e' => Some('\u{1b}'),
            '"' => Some('"'),
            '\\' => Some('\\'),
            _ => None,
        };
        if let Some(decoded) = simple {
            push(&mut out, &mut map, decoded, i);
            i += 2;
        } else if let Some(digits) = match escape {
            'x' => Some(2),
            'u' => Some(4),
            'U' => Some(8),
            _ => None,
        } {
            let hex = raw.get(i + 2..i + 2 + digits)?;
            let decoded = char::from_u32(u32::from_str_radix(hex, 16).ok()?)?;
            push(&mut out, &mut map, decoded, i);
            i += 2 + digits;
        } else if multi && escape.is_whitespace() {
            // A line-ending backslash: the whitespace and line breaks after it are dropped.
            i += 1;
            while let Some(c) = raw[i..end].chars().next().filter(|c| c.is_whitespace()) {
                i += c.len_utf8();
            }
        } else {
            return None;
        }
    }
    map.push(i);
    Some((out, map))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn located(source: &str) -> Vec<(usize, usize)> {
        let file =
            UnionFile::parse(Path::new("unions/u.toml"), source.to_string()).expect("parses");
        check(&file).iter().map(|d| (d.line, d.column)).collect()
    }

    #[test]
    fn links_inside_every_kind_of_toml_string_are_located_where_written() {
        let source = "[union]\nname = \"組合\"\n\n[[page]]\nid = \"index\"\nintro = \"前文 [a](javascript:x)\"\nbody = '''\n本文\n  [b](JAVASCRIPT:y)\n'''\n\n[[new_page]]\nid = \"extra\"\ntitle = \"t\"\nbody = \"\"\"\n\\u3042 [c](java\\u0073cript:z) \\\n   <javascript:w>\n\"\"\"\n";
        assert_eq!(located(source), [(6, 13), (9, 3), (16, 8), (17, 4)]);
    }

    #[test]
    fn crlf_files_and_one_line_escapes() {
        let source = "[union]\r\nname = \"組合\"\r\n[[page]]\r\nid = \"index\"\r\nbody = \"\"\"\r\nあ\r\n[a](javascript:x)\r\n\"\"\"\r\n[[page]]\r\nid = \"contact\"\r\nbody = \"x\\n\\t[b](vbscript:y)\"\r\n";
        assert_eq!(located(source), [(7, 1), (11, 14)]);
    }

    #[test]
    fn decoding_matches_toml() {
        for token in [
            "\"a\\tb\\u00e9\\U0001F600\\\\\\\"\"",
            "'a\\tb'",
            "\"\"\"\nx\\\n   y\"\"\"",
            "'''\r\nx\r\n'''",
        ] {
            let value: toml::Value = toml::from_str(&format!("v = {token}")).expect("toml");
            let (decoded, map) = decode_toml_string(token).expect("decodes");
            assert_eq!(Some(decoded.as_str()), value["v"].as_str(), "{token}");
            assert_eq!(map.len(), decoded.len() + 1);
        }
    }
}
