//! `{{ union.name }}`-style placeholders in prose, filled with the union's own values.
//!
//! Deliberately not a template language: prose names values, nothing more, so a typo is an
//! exact error instead of a template-engine trace.

use std::collections::BTreeMap;
use std::path::Path;

use crate::diagnostic::Diagnostic;

use crate::model::UnionSite;
use crate::text::wareki;

/// Placeholder names and their values for one union.
pub struct Values(BTreeMap<&'static str, String>);

/// A placeholder that names no value.
#[derive(Debug, PartialEq, Eq)]
pub struct UnknownPlaceholder {
    pub name: String,
    /// Byte offset of `{{` in the text.
    pub offset: usize,
    /// The placeholder as written, braces included.
    pub raw: String,
    pub nearest: Vec<String>,
}

/// Shown where an optional value was not given, so the gap is visible rather than silent.
pub const NOT_GIVEN: &str = "（未記載）";

impl Values {
    /// The values a union's prose may name.
    pub fn for_union(site: &UnionSite) -> Values {
        let date = |d: Option<chrono::NaiveDate>| {
            d.map_or(NOT_GIVEN.to_string(), |d| {
                wareki::format(d, site.presentation.digits)
            })
        };
        let opt = |v: &Option<String>| v.clone().unwrap_or_else(|| NOT_GIVEN.to_string());
        let first = site.contacts.first();
        let mut map = BTreeMap::new();
        map.insert("union.name", site.identity.name.clone());
        map.insert("union.self_name", site.identity.self_name.clone());
        map.insert("union.representative", opt(&site.identity.representative));
        map.insert("union.postal_code", opt(&site.identity.postal_code));
        map.insert("union.address", opt(&site.identity.address));
        map.insert("union.website", opt(&site.identity.website));
        // The union's own number; a union that gives none is reached at its first window.
        let phone = site.identity.phone.clone();
        map.insert(
            "union.phone",
            opt(&phone.or_else(|| first.and_then(|c| c.phone.clone()))),
        );
        map.insert("union.fax", opt(&site.identity.fax));
        map.insert("union.privacy_officer", opt(&site.identity.privacy_officer));
        map.insert("union.letterhead", opt(&site.identity.letterhead));
        map.insert(
            "union.contact",
            first.map_or(NOT_GIVEN.to_string(), |c| c.department.clone()),
        );
        map.insert("dates.established", date(site.dates.established));
        map.insert("dates.effective", date(site.dates.effective));
        map.insert("dates.published", date(site.dates.published));
        map.insert("base.revision", site.base.revision.clone());
        map.insert(
            "base.date",
            wareki::format(site.base.date, site.presentation.digits),
        );
        map.insert("base.mynumber_clause", site.base.mynumber_clause.clone());
        let mut values = Values(map);
        let fee = values.fill(&site.fee);
        values.0.insert("wording.fee", fee);
        values
    }

    /// Replaces every `{{ name }}` in `text`; `\{{` writes a literal `{{`.
    ///
    /// A name without a value is left as written: loaders report those (see [`diagnose`])
    /// before anything is rendered.
    pub fn fill(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut copied = 0;
        for token in scan(text) {
            out.push_str(&text[copied..token.start]);
            match token.name.map(|name| self.0.get(name)) {
                None => out.push_str("{{"),
                Some(Some(value)) => out.push_str(value),
                Some(None) => out.push_str(&text[token.start..token.end]),
            }
            copied = token.end;
        }
        out.push_str(&text[copied..]);
        // Control characters (a NUL from `\u0000`, an ESC pasted from a terminal) have no place
        // on a page; browsers would show them as �.
        if out.chars().any(is_stray_control) {
            out.retain(|c| !is_stray_control(c));
        }
        out
    }
}

impl Values {
    /// The site with every text filled: identity, windows, dates' notes, contractors, the
    /// purposes and the pages. Values come from the unfilled site, so filling is one level deep.
    pub fn fill_site(&self, site: &UnionSite) -> UnionSite {
        let mut site = site.clone();
        let fill = |text: &mut String| *text = self.fill(text);
        let fill_opt = |text: &mut Option<String>| {
            if let Some(text) = text {
                *text = self.fill(text);
            }
        };
        let id = &mut site.identity;
        for text in [&mut id.name, &mut id.self_name] {
            fill(text);
        }
        for text in [
            &mut id.representative,
            &mut id.postal_code,
            &mut id.address,
            &mut id.website,
            &mut id.privacy_officer,
            &mut id.phone,
            &mut id.fax,
            &mut id.letterhead,
        ] {
            fill_opt(text);
        }
        if let Some(logo) = &mut id.logo {
            fill(&mut logo.alt);
        }
        for c in &mut site.contacts {
            fill(&mut c.department);
            for text in [
                &mut c.postal_code,
                &mut c.address,
                &mut c.phone,
                &mut c.fax,
                &mut c.email,
                &mut c.hours,
                &mut c.closed,
            ] {
                fill_opt(text);
            }
        }
        for r in &mut site.dates.revisions {
            fill(&mut r.note);
        }
        for c in &mut site.contractors {
            fill(&mut c.name);
            fill_opt(&mut c.phone);
        }
        for s in &mut site.policy.sections {
            fill(&mut s.title);
            fill(&mut s.short_title);
            fill_opt(&mut s.intro);
            fill_opt(&mut s.heading);
            fill_opt(&mut s.note);
            for g in &mut s.groups {
                fill(&mut g.label);
                fill_opt(&mut g.note);
                for i in &mut g.items {
                    fill(&mut i.text);
                    fill_opt(&mut i.consent_note);
                    fill_opt(&mut i.contractor_label);
                }
            }
        }
        for p in &mut site.pages {
            fill(&mut p.title);
            fill(&mut p.body);
        }
        for text in site.data_kinds.iter_mut().flat_map(|t| t.texts_mut()) {
            fill(text);
        }
        fill(&mut site.consent_legend);
        site.fee = self.0.get("wording.fee").cloned().unwrap_or_default();
        site
    }
}

/// Every name a placeholder may use.
pub const NAMES: [&str; 18] = [
    "union.name",
    "union.self_name",
    "union.representative",
    "union.postal_code",
    "union.address",
    "union.website",
    "union.phone",
    "union.fax",
    "union.privacy_officer",
    "union.letterhead",
    "union.contact",
    "dates.established",
    "dates.effective",
    "dates.published",
    "base.revision",
    "base.date",
    "base.mynumber_clause",
    "wording.fee",
];

/// Placeholders in `text` that name nothing, so loaders can report them before rendering.
pub fn unknown_in(text: &str) -> Vec<UnknownPlaceholder> {
    scan(text)
        .filter(|t| t.name.is_some_and(|name| !NAMES.contains(&name)))
        .map(|t| unknown(text, &t))
        .collect()
}

/// Placeholders opened but not closed on their line, like `{{ union.name` without `}}`: the
/// byte range of the `{{` and the name after it. A `{{` followed by anything but a dotted name
/// (`{{ b`) stays literal text, as `\{{` does.
pub fn unclosed_in(text: &str) -> Vec<std::ops::Range<usize>> {
    // Placeholders and escapes, in order and apart: a `{{` inside one is not a new one.
    let tokens: Vec<(usize, usize)> = scan(text).map(|t| (t.start, t.end)).collect();
    let mut found = Vec::new();
    for (open, _) in text.match_indices("{{") {
        let i = tokens.partition_point(|&(start, _)| start <= open);
        let inside = i > 0 && open < tokens[i - 1].1;
        // `{{{` is one `{{` for the scan: its second pair is not another.
        if inside || text[..open].ends_with('{') || text[..open].ends_with('\\') {
            continue;
        }
        let rest = &text[open + 2..];
        let name_at = rest.len() - rest.trim_start_matches([' ', '\t']).len();
        let name: &str = rest[name_at..]
            .split(|c: char| !(c.is_ascii_lowercase() || c == '_' || c == '.'))
            .next()
            .unwrap_or("");
        let dotted = name.split('.').count() >= 2 && name.split('.').all(|p| !p.is_empty());
        if dotted {
            found.push(open..open + 2 + name_at + name.len());
        }
    }
    found
}

/// Diagnostics for every unknown or unclosed placeholder in a file's text, each at its line and
/// column.
pub fn diagnose(path: &Path, source: &str) -> Vec<Diagnostic> {
    let unclosed = unclosed_in(source).into_iter().map(|at| {
        let raw = &source[at.clone()];
        Diagnostic::at(
            path,
            source,
            at.clone(),
            format!("`{raw}` is not closed: a placeholder ends with `}}}}` on the same line"),
        )
        .rule("placeholder")
        .with_suggestion(format!(
            "write `{raw} }}}}`, or `\\{{{{` for braces meant as text"
        ))
        .ja(
            format!("`{raw}` が閉じていません。差し込みは同じ行の `}}}}` で終わります"),
            Some(format!(
                "`{raw} }}}}` と書いてください。文字としての括弧なら `\\{{{{` と書きます"
            )),
        )
    });
    let unclosed: Vec<Diagnostic> = unclosed.collect();
    unknown_in(source)
        .into_iter()
        // In a TOML source a tab or line break inside the braces is written as an escape.
        .filter(|u| {
            let unescaped = u.name.replace("\\t", " ").replace("\\n", " ");
            !NAMES.contains(&unescaped.trim())
        })
        .map(|u| {
            let near: Vec<&str> = u.nearest.iter().map(String::as_str).collect();
            let names = NAMES.join(", ");
            let (help, help_ja) = if near.is_empty() {
                (
                    format!("the values are: {names}"),
                    format!("使える値: {names}"),
                )
            } else {
                (
                    crate::diagnostic::did_you_mean(&near),
                    crate::diagnostic::did_you_mean_ja(&near),
                )
            };
            Diagnostic::at(
                path,
                source,
                u.offset..u.offset + u.raw.len(),
                format!("`{}` is not a value kumiai knows", u.raw),
            )
            .rule("placeholder")
            .with_suggestion(help)
            .ja(
                format!("`{}` という差し込み値はありません", u.raw),
                Some(help_ja),
            )
        })
        .chain(unclosed)
        .collect()
}

fn unknown(text: &str, token: &Token) -> UnknownPlaceholder {
    let name = token.name.unwrap_or_default();
    UnknownPlaceholder {
        name: name.to_string(),
        offset: token.start,
        raw: text[token.start..token.end].to_string(),
        nearest: crate::diagnostic::nearest(name, NAMES)
            .into_iter()
            .map(String::from)
            .collect(),
    }
}

/// A `{{ name }}` (or an escaped `\{{`, whose name is `None`) at `start..end` of the text.
struct Token<'a> {
    start: usize,
    end: usize,
    name: Option<&'a str>,
}

/// Control characters other than tab and line breaks.
fn is_stray_control(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r')
}

/// Unknown placeholders in the string values of a TOML document that its source does not show
/// (braces written as escapes such as `\u007B`), named by the key that holds them.
pub fn diagnose_values(path: &Path, source: &str) -> Vec<Diagnostic> {
    let Ok(table) = source.parse::<toml::Table>() else {
        return Vec::new();
    };
    // Compare without backslashes: the source shows escapes that the values no longer have.
    let plain = |name: &str| name.replace('\\', "");
    let seen: Vec<String> = unknown_in(source).iter().map(|u| plain(&u.name)).collect();
    let mut found = Vec::new();
    walk(
        &toml::Value::Table(table),
        &mut String::new(),
        &mut |key, text| {
            for u in unknown_in(text) {
                if !seen.contains(&plain(&u.name)) {
                    let last = key.rsplit('.').next().unwrap_or(key);
                    let last = last.split('[').next().unwrap_or(last);
                    let at = source
                        .find(&format!("{last} ="))
                        .or_else(|| source.find(last));
                    let message = format!(
                        "`{key}` contains `{}`, which is not a value kumiai knows",
                        u.raw
                    );
                    let d = match at {
                        Some(at) => Diagnostic::at(path, source, at..at + last.len(), message),
                        None => Diagnostic::at(path, source, 0..0, message),
                    };
                    let names = NAMES.join(", ");
                    found.push(
                    d
                    .rule("placeholder")
                    .with_suggestion(format!("the values are: {names}; `\\u007B` written for a brace is still a placeholder, write `\\{{{{` for a brace as text"))
                    .ja(
                        format!("`{key}` に `{}` という差し込み値がありますが、そのような値はありません", u.raw),
                        Some(format!("使える値: {names}（`\\u007B` と書いた括弧も差し込みになります。文字としての括弧は `\\{{{{` と書きます）")),
                    ),
                );
                }
            }
        },
    );
    found
}

fn walk(value: &toml::Value, key: &mut String, visit: &mut dyn FnMut(&str, &str)) {
    match value {
        toml::Value::String(text) => visit(key, text),
        toml::Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                let len = key.len();
                key.push_str(&format!("[{i}]"));
                walk(item, key, visit);
                key.truncate(len);
            }
        }
        toml::Value::Table(table) => {
            for (name, item) in table {
                let len = key.len();
                if !key.is_empty() {
                    key.push('.');
                }
                key.push_str(name);
                walk(item, key, visit);
                key.truncate(len);
            }
        }
        _ => {}
    }
}

/// The names of the placeholders in `text`, known or not.
pub fn names_in(text: &str) -> Vec<&str> {
    scan(text).filter_map(|t| t.name).collect()
}

fn scan(text: &str) -> impl Iterator<Item = Token<'_>> {
    let mut at = 0;
    // The end of the current line and the next `}}`, kept between the `{{` of one line: a line
    // of many unclosed `{{` is scanned once, not once per `{{`.
    let mut line_end = 0;
    let mut next_close: Option<usize> = None;
    std::iter::from_fn(move || {
        loop {
            let open = at + text[at..].find("{{")?;
            if text[..open].ends_with('\\') {
                at = open + 2;
                return Some(Token {
                    start: open - 1,
                    end: open + 2,
                    name: None,
                });
            }
            // A placeholder sits on one line: an unclosed `{{` never pairs with a later `}}`.
            if open >= line_end {
                line_end = text[open..].find('\n').map_or(text.len(), |i| open + i);
            }
            if next_close.is_none_or(|c| c < open + 2) {
                next_close = text[open + 2..].find("}}").map(|i| open + 2 + i);
            }
            match next_close.filter(|&c| c + 2 <= line_end) {
                Some(close) => {
                    at = close + 2;
                    return Some(Token {
                        start: open,
                        end: close + 2,
                        name: Some(text[open + 2..close].trim()),
                    });
                }
                None => at = open + 2,
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values() -> Values {
        let mut map = BTreeMap::new();
        map.insert("union.name", "東京機器健康保険組合".to_string());
        map.insert("union.self_name", "当組合".to_string());
        Values(map)
    }

    #[test]
    fn expands_known_names() {
        let v = values();
        assert_eq!(
            v.fill("{{ union.name }}（以下「{{union.self_name}}」）"),
            "東京機器健康保険組合（以下「当組合」）"
        );
    }

    #[test]
    fn unknown_names_are_found_with_offset_and_suggestion() {
        let found = unknown_in("あ{{ union.nmae }}{{ union.name }}");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].name, "union.nmae");
        assert_eq!(found[0].offset, "あ".len());
        assert_eq!(found[0].raw, "{{ union.nmae }}");
        assert_eq!(
            found[0].nearest.first().map(String::as_str),
            Some("union.name")
        );
        assert_eq!(values().fill("{{ union.nmae }}"), "{{ union.nmae }}");
    }

    #[test]
    fn diagnostics_point_at_the_placeholder() {
        let source = "a = 1\ntext = \"当{{ union.nmae }}\"\n";
        let list = diagnose(Path::new("u.toml"), source);
        assert_eq!(list.len(), 1);
        assert_eq!((list[0].line, list[0].column), (2, 10));
        assert!(
            list[0]
                .suggestion
                .as_deref()
                .unwrap()
                .contains("union.name")
        );
    }

    #[test]
    fn escaped_and_unclosed_braces_are_literal() {
        let v = values();
        assert_eq!(v.fill("\\{{ x }}"), "{{ x }}");
        assert_eq!(v.fill("a {{ b"), "a {{ b");
    }
}
