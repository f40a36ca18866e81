//! `kumiai ids [QUERY]`: the base's sections, groups and items with their ids and current text,
//! in order, so that union staff find the id to write in `[[item]]`, `[[group]]` or
//! `[[section]]` without reading the base's files.

use std::path::Path;

use serde::Serialize;

use crate::diagnostic::{Diagnostics, Lang};
use crate::load;
use crate::model::Base;
use crate::text::company::normalize_name;

/// What an id names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum IdKind {
    Section,
    Group,
    Item,
}

/// One id of the base and its text (a section's title, a group's label, an item's text).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IdRow {
    pub id: String,
    pub kind: IdKind,
    pub text: String,
    /// The id of the section it is in (its own id for a section).
    pub section: String,
    /// The id of the group it is in (its own id for a group; none for a section).
    pub group: Option<String>,
}

/// Every id of the base of the project at `root` (its `content/`, else the built-in base).
pub fn base_ids(root: &Path) -> Result<Vec<IdRow>, Diagnostics> {
    Ok(rows(&load::load_base(root)?))
}

/// The base's sections, groups and items, in the order of the base.
pub fn rows(base: &Base) -> Vec<IdRow> {
    let mut rows = Vec::new();
    for section in &base.policy.sections {
        rows.push(IdRow {
            id: section.id.clone(),
            kind: IdKind::Section,
            text: one_line(&section.title),
            section: section.id.clone(),
            group: None,
        });
        for group in &section.groups {
            rows.push(IdRow {
                id: group.id.clone(),
                kind: IdKind::Group,
                text: one_line(&group.label),
                section: section.id.clone(),
                group: Some(group.id.clone()),
            });
            for item in &group.items {
                rows.push(IdRow {
                    id: item.id.clone(),
                    kind: IdKind::Item,
                    text: one_line(&item.text),
                    section: section.id.clone(),
                    group: Some(group.id.clone()),
                });
            }
        }
    }
    rows
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The form a query and a text are compared in: as `kumiai contractors` compares names
/// (full- and half-width alike, no spaces, Latin letters in lower case).
pub fn normalize_query(text: &str) -> String {
    normalize_name(text)
}

/// The rows whose id or text contains `query` (compared normalised); a section or group that
/// matches brings all its rows.
pub fn filter(rows: &[IdRow], query: &str) -> Vec<IdRow> {
    let wanted = normalize_query(query);
    let hit = |row: &IdRow| {
        normalize_query(&row.id).contains(&wanted) || normalize_query(&row.text).contains(&wanted)
    };
    let sections: Vec<&str> = rows
        .iter()
        .filter(|r| r.kind == IdKind::Section && hit(r))
        .map(|r| r.id.as_str())
        .collect();
    let groups: Vec<&str> = rows
        .iter()
        .filter(|r| r.kind == IdKind::Group && hit(r))
        .map(|r| r.id.as_str())
        .collect();
    rows.iter()
        .filter(|r| {
            hit(r)
                || sections.contains(&r.section.as_str())
                || r.group.as_deref().is_some_and(|g| groups.contains(&g))
        })
        .cloned()
        .collect()
}

/// The rows for people: each row under its section and group (named even when only an item
/// of theirs matched), then how to use an id.
pub fn to_text(rows: &[IdRow], all: &[IdRow], query: Option<&str>, lang: Lang) -> String {
    let mut out = String::new();
    let (sections, groups, items) = counts(rows);
    out.push_str(&match (lang, query) {
        (Lang::Ja, None) => format!(
            "基本方針の ID（セクション {sections}、グループ {groups}、項目 {items}）\n"
        ),
        (Lang::Ja, Some(q)) => format!(
            "「{q}」に当たる ID（セクション {sections}、グループ {groups}、項目 {items}。含まれるセクションとグループも示します）\n"
        ),
        (Lang::En, None) => format!(
            "The base's ids ({sections} section{}, {groups} group{}, {items} item{})\n",
            plural(sections),
            plural(groups),
            plural(items)
        ),
        (Lang::En, Some(q)) => format!(
            "Ids matching \"{q}\" ({sections} section{}, {groups} group{}, {items} item{}; shown under their section and group)\n",
            plural(sections),
            plural(groups),
            plural(items)
        ),
    });
    let mut shown: Vec<&str> = Vec::new();
    for row in rows {
        // The section and group a matched row is in, for context.
        let parents = all.iter().filter(|p| {
            (p.kind == IdKind::Section && p.id == row.section)
                || (p.kind == IdKind::Group && Some(&p.id) == row.group.as_ref())
        });
        for parent in parents.chain(std::iter::once(row)) {
            if shown.contains(&parent.id.as_str()) {
                continue;
            }
            shown.push(&parent.id);
            out.push_str(&line(parent, lang));
        }
    }
    out.push_str(match lang {
        Lang::Ja => {
            "\n組合のファイルでは、[[item]] の下に id = \"benefits.internal.eligibility\" のように書いて、その項目を変えます（[[group]]・[[section]] も同じです）。\n"
        }
        Lang::En => {
            "\nIn a union's file, write id = \"benefits.internal.eligibility\" under [[item]] to change that item (the same for [[group]] and [[section]]).\n"
        }
    });
    out
}

fn line(row: &IdRow, lang: Lang) -> String {
    let (indent, word) = match (row.kind, lang) {
        (IdKind::Section, Lang::Ja) => ("", "セクション"),
        (IdKind::Group, Lang::Ja) => ("  ", "グループ"),
        (IdKind::Item, Lang::Ja) => ("    ", "項目"),
        (IdKind::Section, Lang::En) => ("", "section"),
        (IdKind::Group, Lang::En) => ("  ", "group"),
        (IdKind::Item, Lang::En) => ("    ", "item"),
    };
    let text = if row.text.is_empty() {
        match lang {
            Lang::Ja => "（見出しなし）",
            Lang::En => "(no heading)",
        }
    } else {
        &row.text
    };
    let gap = if row.kind == IdKind::Section {
        "\n"
    } else {
        ""
    };
    format!("{gap}{indent}{word} {}\n{indent}  {text}\n", row.id)
}

fn counts(rows: &[IdRow]) -> (usize, usize, usize) {
    let count = |kind| rows.iter().filter(|r| r.kind == kind).count();
    (
        count(IdKind::Section),
        count(IdKind::Group),
        count(IdKind::Item),
    )
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// Why nothing was listed: the query, the form it was compared in, how many ids there are.
pub fn no_match(query: &str, known: usize, lang: Lang) -> String {
    let compared = normalize_query(query);
    match lang {
        Lang::Ja => format!(
            "「{query}」に当たる ID はありません（比べた形:「{compared}」、ID は全部で {known} 個）。別の言葉で探すか、kumiai ids だけで全部を表示してください"
        ),
        Lang::En => format!(
            "no id matches \"{query}\" (compared as \"{compared}\"; {known} ids in all): try other words, or run `kumiai ids` to list them all"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(id: &str, kind: IdKind, text: &str) -> IdRow {
        let mut parts = id.split('.');
        let section = parts.next().unwrap_or_default().to_string();
        let group = parts.next().map(|g| format!("{section}.{g}"));
        IdRow {
            id: id.into(),
            kind,
            text: text.into(),
            section,
            group,
        }
    }

    fn sample() -> Vec<IdRow> {
        vec![
            row("benefits", IdKind::Section, "保険給付"),
            row("benefits.internal", IdKind::Group, "内部での利用"),
            row("benefits.internal.eligibility", IdKind::Item, "資格の確認"),
            row("health", IdKind::Section, "保健事業"),
            row("health.internal", IdKind::Group, "内部での利用"),
            row("health.internal.checkup", IdKind::Item, "健診の実施"),
            row("health.internal.ｔｅｓｔ", IdKind::Item, "ＡＢＣ 検査"),
        ]
    }

    fn ids(rows: &[IdRow]) -> Vec<&str> {
        rows.iter().map(|r| r.id.as_str()).collect()
    }

    #[test]
    fn an_item_matches_by_text_and_by_id() {
        assert_eq!(ids(&filter(&sample(), "健診")), ["health.internal.checkup"]);
        assert_eq!(
            ids(&filter(&sample(), "eligibility")),
            ["benefits.internal.eligibility"]
        );
    }

    #[test]
    fn width_spaces_and_case_are_ignored() {
        assert_eq!(
            ids(&filter(&sample(), "abc検査")),
            ["health.internal.ｔｅｓｔ"]
        );
        assert_eq!(
            ids(&filter(&sample(), "健 診")),
            ["health.internal.checkup"]
        );
    }

    #[test]
    fn a_matching_section_brings_its_groups_and_items() {
        assert_eq!(
            ids(&filter(&sample(), "保険給付")),
            [
                "benefits",
                "benefits.internal",
                "benefits.internal.eligibility"
            ]
        );
        // Both groups match: both with their items.
        assert_eq!(filter(&sample(), "内部での利用").len(), 5);
        assert!(filter(&sample(), "存在しない").is_empty());
    }

    #[test]
    fn text_names_the_parents_of_a_matched_item() {
        let all = sample();
        let text = to_text(&filter(&all, "健診"), &all, Some("健診"), Lang::Ja);
        assert!(text.contains("セクション health\n  保健事業"), "{text}");
        assert!(text.contains("  グループ health.internal\n"), "{text}");
        assert!(
            text.contains("    項目 health.internal.checkup\n      健診の実施"),
            "{text}"
        );
        assert!(!text.contains("benefits.internal.eligibility\n"), "{text}");
    }
}
