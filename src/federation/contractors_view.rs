//! How `contractors.html` shows the contractor index: contractors in the order of a Japanese
//! index (50音 by their name without its legal form, then Latin letters and digits, then names
//! that start with kanji, whose reading kumiai does not know, by character code), grouped
//! under a jump index, with each phone number as a `tel:` link.

use serde::Serialize;

use super::contractors::{ContractorEntry, ContractorUse};
use crate::text::company::{normalize_phone, sort_name};
use crate::text::kana;

/// The group of names that start with a Latin letter or a digit, after the 50音 rows.
const LATIN: usize = kana::ROWS.len();
/// The group of the other names (kanji …), last.
const OTHER: usize = LATIN + 1;

/// Where a contractor goes, from its normalised name: its group, then its place in it.
pub fn order(key: &str) -> (usize, (String, String)) {
    let name = sort_name(key);
    let group = match (kana::row(name), name.chars().next()) {
        (Some(row), _) => row,
        (None, Some(c)) if c.is_ascii_alphanumeric() => LATIN,
        _ => OTHER,
    };
    (group, kana::sort_key(name))
}

/// One group of the index: a 50音 row, 「A–Z・数字」 or 「漢字など」.
#[derive(Serialize)]
pub struct ContractorGroup<'a> {
    /// Its anchor: `g-ka`, `g-latin`, `g-other`.
    pub id: String,
    /// Its heading and its label in the jump index.
    pub label: &'static str,
    pub short: &'static str,
    pub contractors: Vec<ContractorView<'a>>,
}

/// A contractor as the page shows it.
#[derive(Serialize)]
pub struct ContractorView<'a> {
    #[serde(flatten)]
    pub entry: &'a ContractorEntry,
    pub uses: Vec<UseView<'a>>,
}

/// One union's use of it, with its phone numbers as links.
#[derive(Serialize)]
pub struct UseView<'a> {
    #[serde(flatten)]
    pub used: &'a ContractorUse,
    pub tel: Vec<Phone>,
}

/// A phone number as written, and its `tel:` address (none when it holds no digits).
#[derive(Serialize)]
pub struct Phone {
    pub text: String,
    pub href: Option<String>,
}

/// A phone number with its `tel:` link: the digits (a `+81` number as its national form).
pub fn phone(text: &str) -> Phone {
    let digits = normalize_phone(text);
    Phone {
        text: text.to_string(),
        href: (!digits.is_empty()).then(|| format!("tel:{digits}")),
    }
}

/// The index's groups, in order, without empty ones (the contractors are in [`order`] already).
pub fn groups(contractors: &[ContractorEntry]) -> Vec<ContractorGroup<'_>> {
    let mut groups: Vec<ContractorGroup> = Vec::new();
    for entry in contractors {
        let group = order(&entry.key).0;
        let (id, label, short) = match kana::ROWS.get(group) {
            Some((row, id)) => (format!("g-{id}"), row_label(group), *row),
            None if group == LATIN => ("g-latin".to_string(), "A–Z・数字", "A–Z"),
            None => ("g-other".to_string(), "漢字などで始まる名称", "漢字など"),
        };
        if groups.last().is_none_or(|g| g.id != id) {
            groups.push(ContractorGroup {
                id,
                label,
                short,
                contractors: Vec::new(),
            });
        }
        let uses = entry
            .unions
            .iter()
            .map(|used| UseView {
                used,
                tel: used.phones.iter().map(|p| phone(p)).collect(),
            })
            .collect();
        if let Some(last) = groups.last_mut() {
            last.contractors.push(ContractorView { entry, uses });
        }
    }
    groups
}

fn row_label(row: usize) -> &'static str {
    [
        "あ行", "か行", "さ行", "た行", "な行", "は行", "ま行", "や行", "ら行", "わ行",
    ]
    .get(row)
    .copied()
    .unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::company::normalize_name;

    #[test]
    fn names_order_without_their_legal_form() {
        let mut names = vec![
            "RIZAP株式会社",
            "（株）日本システム技術",
            "株式会社ウィーメックス",
            "一般財団法人 アイリス",
            "ウエルネス（株）",
            "（株）カナミック",
            "3Mジャパン",
        ];
        names.sort_by_cached_key(|n| order(&normalize_name(n)));
        assert_eq!(
            names,
            [
                "一般財団法人 アイリス",
                "株式会社ウィーメックス",
                "ウエルネス（株）",
                "（株）カナミック",
                "3Mジャパン",
                "RIZAP株式会社",
                "（株）日本システム技術",
            ]
        );
    }

    #[test]
    fn phones_link_by_their_digits() {
        assert_eq!(
            phone("06-4560-1050").href.as_deref(),
            Some("tel:0645601050")
        );
        assert_eq!(
            phone("+81 3-1234-5678（代表）").href.as_deref(),
            Some("tel:0312345678")
        );
        assert_eq!(phone("（未定）").href, None);
    }
}
