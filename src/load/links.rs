//! Links in a union's Markdown (and the base's) that kumiai refuses to publish: `javascript:`
//! and every other scheme but `http`, `https`, `mailto` and `tel`, reported where they are
//! written: in a page file, or inside the TOML string that holds the Markdown (a page's, a
//! section's or group's note, an item's text).

use std::ops::Range;
use std::path::Path;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::diagnostic::Diagnostic;
use crate::load::UnionFile;
use crate::load::format::CompactItem;
use crate::text::url::{LINK_SCHEMES, LinkKind, RefusedLink, quoted, refused_links, scheme_of};

/// Every refused link in the Markdown an override gives (page intros and bodies, section intros
/// and notes, group notes, item texts and consent notes, the data-kinds table's texts) and in
/// the page files it names.
pub fn check(file: &UnionFile) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    // Where each string is written is looked up only when one has a link to refuse (most files
    // have none), by parsing the file again with spans.
    let mut tokens: Option<Vec<Range<usize>>> = None;
    for (markdown, fallback) in markdown_texts(file) {
        let refused = refused_links(markdown);
        if refused.is_empty() {
            continue;
        }
        let tokens = tokens.get_or_insert_with(|| string_tokens(&file.source));
        for link in &refused {
            let span = tokens
                .iter()
                .find_map(|t| in_toml_string(&file.source, t.clone(), markdown, &link.span))
                .unwrap_or_else(|| fallback.clone());
            found.push(diagnostic(&file.path, &file.source, span, link));
        }
    }
    for page in file.page_files.values().flatten() {
        found.extend(in_markdown(&page.path, &page.text, 0));
    }
    found
}

/// Each Markdown text of the override, with the place to report it at if its string cannot be
/// found again (the id of the table it is in). The merge checks their nesting from the same list.
pub(crate) fn markdown_texts(file: &UnionFile) -> Vec<(&str, Range<usize>)> {
    let doc = &file.doc;
    let mut texts: Vec<(Option<&str>, Range<usize>)> = Vec::new();
    for p in &doc.page {
        texts.push((p.intro.as_deref(), p.id.span()));
        texts.push((p.body.as_deref(), p.id.span()));
    }
    for p in &doc.new_page {
        texts.push((p.body.as_deref(), p.id.span()));
    }
    for s in &doc.section {
        texts.push((s.intro.as_deref(), s.id.span()));
        texts.push((s.note.as_deref(), s.id.span()));
    }
    for s in &doc.new_section {
        texts.push((s.intro.as_deref(), s.id.span()));
        texts.push((s.note.as_deref(), s.id.span()));
        for entry in &s.items {
            texts.extend(compact_texts(entry));
        }
    }
    for g in &doc.group {
        texts.push((g.note.as_deref(), g.id.span()));
    }
    for g in &doc.new_group {
        texts.push((g.note.as_deref(), g.id.span()));
        for entry in &g.items {
            texts.extend(compact_texts(entry));
        }
    }
    for i in &doc.item {
        texts.push((i.text.as_deref(), i.id.span()));
        texts.push((i.consent_note.as_deref(), i.id.span()));
    }
    for i in &doc.new_item {
        texts.push((Some(i.text.as_str()), i.id.span()));
        texts.push((i.consent_note.as_deref(), i.id.span()));
    }
    for text in [&doc.data_kinds.intro, &doc.data_kinds.note]
        .into_iter()
        .flatten()
    {
        texts.push((Some(text.get_ref().as_str()), text.span()));
    }
    texts
        .into_iter()
        .filter_map(|(text, at)| Some((text?, at)))
        .collect()
}

fn compact_texts(
    entry: &Spanned<CompactItem>,
) -> impl Iterator<Item = (Option<&str>, Range<usize>)> {
    let note = match entry.get_ref() {
        CompactItem::Full(f) => f.consent_note.as_deref(),
        CompactItem::Text(_) => None,
    };
    [
        (Some(entry.get_ref().text()), entry.span()),
        (note, entry.span()),
    ]
    .into_iter()
}

/// Where every string value of a TOML file is written (quotes included), in file order.
fn string_tokens(source: &str) -> Vec<Range<usize>> {
    fn walk(value: &DeValue<'_>, span: Range<usize>, out: &mut Vec<Range<usize>>) {
        match value {
            DeValue::String(_) => out.push(span),
            DeValue::Array(items) => {
                for item in items.iter() {
                    walk(item.get_ref(), item.span(), out);
                }
            }
            DeValue::Table(table) => {
                for (_, v) in table.iter() {
                    walk(v.get_ref(), v.span(), out);
                }
            }
            _ => {}
        }
    }
    let (root, _) = DeTable::parse_recoverable(source);
    let mut out = Vec::new();
    for (_, v) in root.get_ref().iter() {
        walk(v.get_ref(), v.span(), &mut out);
    }
    out.sort_by_key(|r| r.start);
    out
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
    fn links_in_items_notes_and_tables_are_located_where_written() {
        let source = "[union]\nname = \"組合\"\n[[item]]\nid = \"benefits.internal.payment\"\ntext = \"支払 [a](javascript:x)\"\n[[new_section]]\nid = \"own\"\ntitle = \"t\"\nnote = \"注 [b](javascript:y)\"\nitems = [\"普通の項目\", { text = \"項目 <javascript:z>\", consent = true, consent_note = \"[c](data:w)\" }]\n[data_kinds]\nintro = \"前 [d](vbscript:v)\"\n";
        let mut found = located(source);
        found.sort_unstable();
        assert_eq!(found, [(5, 12), (9, 11), (10, 32), (10, 81), (12, 12)]);
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
