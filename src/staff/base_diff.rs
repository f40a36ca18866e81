//! `kumiai base diff`: what the base compiled into this kumiai changes against the project's own
//! copy in `content/`, item by item. A federation's base is its own copy (`kumiai init` writes
//! it) and does not change when kumiai is upgraded: this is how it sees the law updates of a
//! newer kumiai before taking them into its `content/`.

use std::fmt::Write as _;
use std::path::Path;

use serde::Serialize;

use super::diff::{Marks, render};
use crate::deviation::{Segment, char_diff};
use crate::diagnostic::{Diagnostic, Diagnostics, Lang};
use crate::load::base::load_base_from;
use crate::load::tree::Tree;
use crate::model::{Base, Page};

/// One difference between the project's base and the built-in one.
#[derive(Debug, Serialize)]
pub struct Change {
    /// `added`, `removed` or `changed`.
    pub kind: &'static str,
    /// What changed: `item`, `section`, `group`, `page`, `setting`, `changelog`, `superseded`, `typo`.
    pub what: &'static str,
    /// Its id (an item's full id, a page's id, a setting's key, a changelog entry's date).
    pub id: String,
    /// The project's text (none for an addition).
    pub project: Option<String>,
    /// The built-in text (none for a removal).
    pub built_in: Option<String>,
    /// The project's text → the built-in one, character by character (changes only).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub marks: Vec<Segment>,
}

/// The comparison of the project's base with the built-in one.
#[derive(Debug, Serialize)]
pub struct BaseDiff {
    /// The project's base revision and date.
    pub project_revision: String,
    pub project_date: String,
    /// The built-in base's revision and date.
    pub built_in_revision: String,
    pub built_in_date: String,
    /// False when the project has no `content/` (it builds from the built-in base itself).
    pub project_has_base: bool,
    pub changes: Vec<Change>,
}

/// Compares the base of the project at `root` with the built-in one.
pub fn base_diff(root: &Path) -> Result<BaseDiff, Vec<Diagnostic>> {
    let tree = Tree::base(root);
    let project = load_base_from(&tree).map_err(|Diagnostics(list)| list)?;
    let built_in = load_base_from(&Tree::built_in_base()).map_err(|Diagnostics(list)| list)?;
    Ok(BaseDiff {
        project_revision: project.meta.revision.clone(),
        project_date: project.meta.date.to_string(),
        built_in_revision: built_in.meta.revision.clone(),
        built_in_date: built_in.meta.date.to_string(),
        project_has_base: !tree.is_built_in(),
        changes: compare(&project, &built_in),
    })
}

/// Every difference from `old` (the project's) to `new` (the built-in), in the built-in order.
pub fn compare(old: &Base, new: &Base) -> Vec<Change> {
    let mut out = Vec::new();
    let m = (&old.meta, &new.meta);
    for (key, a, b) in [
        ("revision", &m.0.revision, &m.1.revision),
        ("title", &m.0.title, &m.1.title),
        (
            "mynumber_clause",
            &m.0.mynumber_clause,
            &m.1.mynumber_clause,
        ),
        ("self_name", &m.0.self_name, &m.1.self_name),
        ("consent_legend", &m.0.consent_legend, &m.1.consent_legend),
        ("fee", &m.0.fee, &m.1.fee),
    ] {
        texts(&mut out, "setting", key, Some(a.as_str()), Some(b.as_str()));
    }
    let (d0, d1) = (m.0.date.to_string(), m.1.date.to_string());
    texts(&mut out, "setting", "date", Some(&d0), Some(&d1));
    for (kind, label) in &m.1.labels {
        let id = format!("labels.{}", kind.key());
        let before = m.0.labels.get(kind).map(String::as_str);
        texts(&mut out, "setting", &id, before, Some(label));
    }
    let notes = |b: &Base| -> Vec<(String, String)> {
        (b.meta.changelog.iter())
            .map(|c| (c.date.to_string(), c.note.clone()))
            .collect()
    };
    keyed(&mut out, "changelog", notes(old), notes(new));
    let superseded = |b: &Base| -> Vec<(String, String)> {
        (b.meta.superseded.iter())
            .map(|s| (s.old.clone(), format!("{} → {}", s.old, s.new)))
            .collect()
    };
    keyed(&mut out, "superseded", superseded(old), superseded(new));
    let typos = |b: &Base| -> Vec<(String, String)> {
        (b.meta.typos.iter())
            .map(|t| (t.wrong.clone(), format!("{} → {}", t.wrong, t.right)))
            .collect()
    };
    keyed(&mut out, "typo", typos(old), typos(new));
    let sections = |b: &Base| -> Vec<(String, String)> {
        (b.policy.sections.iter())
            .map(|s| (s.id.clone(), s.title.clone()))
            .collect()
    };
    keyed(&mut out, "section", sections(old), sections(new));
    let intros = |b: &Base| -> Vec<(String, String)> {
        (b.policy.sections.iter())
            .filter_map(|s| Some((format!("{}.intro", s.id), s.intro.clone()?)))
            .collect()
    };
    keyed(&mut out, "section", intros(old), intros(new));
    let groups = |b: &Base| -> Vec<(String, String)> {
        (b.policy.sections.iter().flat_map(|s| &s.groups))
            .map(|g| (g.id.clone(), g.label.clone()))
            .collect()
    };
    keyed(&mut out, "group", groups(old), groups(new));
    let items = |b: &Base| -> Vec<(String, String)> {
        (b.policy.sections.iter().flat_map(|s| &s.groups))
            .flat_map(|g| &g.items)
            .map(|i| (i.id.clone(), i.text.clone()))
            .collect()
    };
    keyed(&mut out, "item", items(old), items(new));
    let pages = |b: &Base| -> Vec<(String, String)> {
        let mut list: Vec<(String, String)> = b.pages.iter().map(page_text).collect();
        if let Some(consent) = &b.consent_page {
            list.push(("consent".to_string(), consent.clone()));
        }
        list
    };
    keyed(&mut out, "page", pages(old), pages(new));
    out
}

/// A page as one text: its title, then its Markdown.
fn page_text(page: &Page) -> (String, String) {
    (
        page.id.clone(),
        format!("# {}\n\n{}", page.title, page.body),
    )
}

/// Entries by key: changed where both have the key, added (in the built-in order), removed.
fn keyed(
    out: &mut Vec<Change>,
    what: &'static str,
    old: Vec<(String, String)>,
    new: Vec<(String, String)>,
) {
    for (key, text) in &new {
        let before = old.iter().find(|(k, _)| k == key).map(|(_, t)| t.as_str());
        texts(out, what, key, before, Some(text));
    }
    for (key, text) in &old {
        if !new.iter().any(|(k, _)| k == key) {
            texts(out, what, key, Some(text), None);
        }
    }
}

fn texts(
    out: &mut Vec<Change>,
    what: &'static str,
    id: &str,
    project: Option<&str>,
    built_in: Option<&str>,
) {
    let kind = match (project, built_in) {
        (Some(a), Some(b)) if a == b => return,
        (Some(_), Some(_)) => "changed",
        (None, Some(_)) => "added",
        (Some(_), None) => "removed",
        (None, None) => return,
    };
    let marks = match (project, built_in) {
        (Some(a), Some(b)) => char_diff(a, b),
        _ => Vec::new(),
    };
    out.push(Change {
        kind,
        what,
        id: id.to_string(),
        project: project.map(str::to_string),
        built_in: built_in.map(str::to_string),
        marks,
    });
}

/// The comparison as text for people.
pub fn to_text(d: &BaseDiff, marks: Marks, lang: Lang) -> String {
    let ja = lang == Lang::Ja;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} {} ({}) → {} {} ({})",
        if ja {
            "この組合連合の標準文例"
        } else {
            "project base"
        },
        d.project_revision,
        d.project_date,
        if ja {
            "kumiai 内蔵の標準文例"
        } else {
            "built-in base"
        },
        d.built_in_revision,
        d.built_in_date,
    );
    if !d.project_has_base {
        let _ = writeln!(
            out,
            "{}",
            if ja {
                "content/ がないため、このプロジェクトは内蔵の標準文例で作成しています（差分はありません）"
            } else {
                "the project has no content/: it builds from the built-in base itself (nothing differs)"
            }
        );
        return out;
    }
    if d.changes.is_empty() {
        let _ = writeln!(
            out,
            "{}",
            if ja {
                "content/ は内蔵の標準文例と同じです"
            } else {
                "content/ is the same as the built-in base"
            }
        );
        return out;
    }
    let _ = writeln!(
        out,
        "{} {}",
        d.changes.len(),
        if ja {
            "件の違い（content/ → 内蔵）"
        } else {
            "differences (content/ → built-in)"
        }
    );
    for c in &d.changes {
        let kind = match (c.kind, ja) {
            ("added", true) => "追加",
            ("removed", true) => "削除",
            (_, true) => "変更",
            (kind, false) => kind,
        };
        let _ = writeln!(out, "\n{kind}: {} {}", c.what, c.id);
        match (&c.project, &c.built_in) {
            (Some(_), Some(_)) => {
                let _ = writeln!(out, "  {}", indent(&render(&c.marks, marks)));
            }
            (Some(text), None) | (None, Some(text)) => {
                let _ = writeln!(out, "  {}", indent(text));
            }
            (None, None) => {}
        }
    }
    out
}

fn indent(text: &str) -> String {
    text.trim_end().replace('\n', "\n  ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_base_has_no_change_and_an_edited_item_is_one() {
        let base = load_base_from(&Tree::built_in_base()).unwrap();
        assert!(compare(&base, &base).is_empty());
        let mut old = base.clone();
        let item = &mut old.policy.sections[0].groups[0].items[0];
        let id = item.id.clone();
        item.text = format!("{}（旧）", item.text);
        old.meta.changelog.pop();
        let changes = compare(&old, &base);
        assert_eq!(changes.len(), 2, "{changes:?}");
        assert_eq!((changes[0].kind, changes[0].what), ("added", "changelog"));
        assert_eq!((changes[1].kind, changes[1].what), ("changed", "item"));
        assert_eq!(changes[1].id, id);
        assert!(changes[1].marks.iter().any(|s| s.text == "（旧）"));
    }
}
