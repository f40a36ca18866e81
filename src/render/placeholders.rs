//! `{{ union.name }}`-style placeholders in prose, filled with the union's own values.
//!
//! Deliberately not a template language: prose names values, nothing more, so a typo is an
//! exact error instead of a template-engine trace.

use std::collections::BTreeMap;
use std::path::Path;

use crate::diagnostic::Diagnostic;

use crate::model::UnionSite;
use crate::wareki;

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
        map.insert("union.phone", opt(&first.and_then(|c| c.phone.clone())));
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
        out
    }
}

/// Every name a placeholder may use.
pub const NAMES: [&str; 15] = [
    "union.name",
    "union.self_name",
    "union.representative",
    "union.postal_code",
    "union.address",
    "union.website",
    "union.phone",
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

/// Diagnostics for every unknown placeholder in a file's text, each at its line and column.
pub fn diagnose(path: &Path, source: &str) -> Vec<Diagnostic> {
    unknown_in(source)
        .into_iter()
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

fn scan(text: &str) -> impl Iterator<Item = Token<'_>> {
    let mut at = 0;
    std::iter::from_fn(move || {
        let open = at + text[at..].find("{{")?;
        if text[..open].ends_with('\\') {
            at = open + 2;
            return Some(Token {
                start: open - 1,
                end: open + 2,
                name: None,
            });
        }
        let close = open + text[open..].find("}}")?;
        at = close + 2;
        Some(Token {
            start: open,
            end: close + 2,
            name: Some(text[open + 2..close].trim()),
        })
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
