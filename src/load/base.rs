//! `content/`: the federation's base policy, read once per build.

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use chrono::NaiveDate;

use serde::Deserialize;
use toml::Spanned;

use super::history::{HistoryCheck, HistoryDoc};
use super::source::parse_toml_all;
use super::to_date;
use super::tree::Tree;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::model::{
    Base, BaseMeta, Group, GroupKind, Item, ItemChange, Origin, Page, PageKind, Policy, Revision,
    Section, Superseded, Typo,
};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MetaDoc {
    revision: String,
    date: toml::value::Datetime,
    title: String,
    mynumber_clause: String,
    self_name: String,
    consent_legend: String,
    fee: String,
    labels: BTreeMap<GroupKind, String>,
    #[serde(default)]
    changelog: Vec<ChangeDoc>,
    #[serde(default)]
    superseded: Vec<SupersededDoc>,
    #[serde(default)]
    typo: Vec<Typo>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SupersededDoc {
    old: String,
    #[serde(default)]
    variants: Vec<String>,
    #[serde(default)]
    except: Vec<String>,
    new: String,
    since: toml::value::Datetime,
    why: String,
    source: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ChangeDoc {
    date: toml::value::Datetime,
    note: String,
    /// Where the change comes from (act, article, guidance); for the federation's records.
    #[serde(default)]
    #[allow(dead_code)]
    source: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PurposesDoc {
    section: Vec<SectionDoc>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SectionDoc {
    id: String,
    title: String,
    short_title: String,
    intro: Option<String>,
    group: Vec<GroupDoc>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GroupDoc {
    id: String,
    kind: GroupKind,
    label: Option<String>,
    item: Vec<ItemDoc>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ItemDoc {
    id: String,
    text: String,
    /// The day the item joined the base (a `[[changelog]]` date), for items added later.
    added: Option<Spanned<toml::value::Datetime>>,
    #[serde(default)]
    history: Vec<HistoryDoc>,
}

/// Front matter of a page in `content/pages/*.md` (between `+++` lines).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    title: String,
    kind: PageKind,
    weight: i64,
}

/// Loads `content/base.toml`, `content/purposes.toml` and `content/pages/*.md` of the project
/// at `root`, or the built-in base when the project has no `content/` (see [`Tree::base`]).
pub fn load_base(root: &Path) -> Result<Base, Diagnostics> {
    load_base_from(&Tree::base(root))
}

/// Loads the base held in `tree` (a `content/` folder, or the built-in base).
pub fn load_base_from(tree: &Tree) -> Result<Base, Diagnostics> {
    let meta_path = tree.path("base.toml");
    let meta_text = tree
        .read_text("base.toml")
        .map_err(|d| Diagnostics(vec![d]))?;
    let meta_doc: MetaDoc = parse_toml_all(&meta_path, &meta_text)?;
    let mut meta = load_meta(&meta_path, meta_doc).map_err(|d| Diagnostics(vec![d]))?;
    let (policy, mut item_changes, item_added) = load_purposes(tree, &meta)?;
    item_changes.sort_by(|a, b| (a.date, &a.id).cmp(&(b.date, &b.id)));
    meta.item_changes = item_changes;
    meta.item_added = item_added;
    let pages = load_pages(tree)?;
    let consent_page = load_consent_page(tree).map_err(one)?;
    Ok(Base {
        meta,
        policy,
        pages,
        consent_page,
    })
}

fn one(d: Diagnostic) -> Diagnostics {
    Diagnostics(vec![d])
}

/// The default text of an implied-consent page: optional, so a base from before it still
/// loads (a union's consent page then needs its own `body` or `file`).
fn load_consent_page(tree: &Tree) -> Result<Option<String>, Diagnostic> {
    if !tree.is_file("consent.md") {
        return Ok(None);
    }
    let path = &tree.path("consent.md");
    let text = tree.read_text("consent.md")?;
    let problem = crate::text::placeholders::diagnose(path, &text)
        .into_iter()
        .chain(super::links::in_markdown(path, &text, 0))
        .next();
    match problem {
        Some(d) => Err(d),
        None => Ok(Some(text)),
    }
}

fn load_meta(path: &Path, doc: MetaDoc) -> Result<BaseMeta, Diagnostic> {
    let date = to_date(doc.date).map_err(|(m, _)| Diagnostic::file(path, format!("date: {m}")))?;
    let changelog = doc
        .changelog
        .into_iter()
        .map(|c| {
            Ok(Revision {
                date: to_date(c.date)
                    .map_err(|(m, _)| Diagnostic::file(path, format!("changelog: {m}")))?,
                note: c.note,
            })
        })
        .collect::<Result<Vec<_>, Diagnostic>>()?;
    let superseded = doc
        .superseded
        .into_iter()
        .map(|s| {
            Ok(Superseded {
                since: to_date(s.since)
                    .map_err(|(m, _)| Diagnostic::file(path, format!("superseded: {m}")))?,
                old: s.old,
                variants: s.variants,
                except: s.except,
                new: s.new,
                why: s.why,
                source: s.source,
            })
        })
        .collect::<Result<Vec<_>, Diagnostic>>()?;
    for kind in GroupKind::ALL {
        if kind != GroupKind::Other && !doc.labels.contains_key(&kind) {
            return Err(Diagnostic::file(
                path,
                format!("[labels] has no label for `{}`", kind.key()),
            ));
        }
    }
    Ok(BaseMeta {
        revision: doc.revision,
        date,
        title: doc.title,
        mynumber_clause: doc.mynumber_clause,
        labels: doc.labels,
        self_name: doc.self_name,
        consent_legend: doc.consent_legend,
        fee: doc.fee,
        changelog,
        item_changes: Vec::new(),
        item_added: BTreeMap::new(),
        superseded,
        typos: doc.typo,
    })
}

/// The purposes, the wording changes recorded on their items, and the days items were added.
type Purposes = (Policy, Vec<ItemChange>, BTreeMap<String, NaiveDate>);

/// The purposes, the wording changes recorded on their items, and the days items were added.
fn load_purposes(tree: &Tree, meta: &BaseMeta) -> Result<Purposes, Diagnostics> {
    let one = |d: Diagnostic| Diagnostics(vec![d]);
    let path = &tree.path("purposes.toml");
    let text = tree.read_text("purposes.toml").map_err(one)?;
    let doc: PurposesDoc = parse_toml_all(path, &text)?;
    let unknown = crate::text::placeholders::diagnose(path, &text);
    if !unknown.is_empty() {
        return Err(Diagnostics(unknown));
    }
    let mut seen = HashSet::new();
    let mut problems = Vec::new();
    let changelog: Vec<_> = meta.changelog.iter().map(|c| c.date).collect();
    let history = HistoryCheck {
        path,
        source: &text,
        changelog: &changelog,
    };
    let mut history_problems = Vec::new();
    let mut item_changes = Vec::new();
    let mut item_added = BTreeMap::new();
    let mut added_problems = Vec::new();
    let mut check = |id: &str| {
        let valid = !id.is_empty()
            && id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '.');
        if !valid {
            problems.push(Diagnostic::file(path, format!("invalid id `{id}`")));
        } else if !seen.insert(id.to_string()) {
            problems.push(Diagnostic::file(path, format!("duplicate id `{id}`")));
        }
    };
    let sections = doc
        .section
        .into_iter()
        .map(|s| {
            check(&s.id);
            let groups = s
                .group
                .into_iter()
                .map(|g| {
                    let gid = format!("{}.{}", s.id, g.id);
                    check(&gid);
                    let items = g
                        .item
                        .into_iter()
                        .map(|i| {
                            let iid = format!("{gid}.{}", i.id);
                            check(&iid);
                            item_changes.extend(history.changes(
                                &iid,
                                &i.text,
                                &i.history,
                                &mut history_problems,
                            ));
                            if let Some(added) = &i.added {
                                match added_date(path, &text, &changelog, &iid, added) {
                                    Ok(date) => {
                                        item_added.insert(iid.clone(), date);
                                    }
                                    Err(d) => added_problems.push(d),
                                }
                            }
                            Item {
                                id: iid,
                                text: i.text,
                                contractors: Vec::new(),
                                contractor_label: None,
                                consent: false,
                                consent_note: None,
                                origin: Origin::Base,
                            }
                        })
                        .collect();
                    Group {
                        label: g
                            .label
                            .or_else(|| meta.labels.get(&g.kind).cloned())
                            .unwrap_or_default(),
                        id: gid,
                        kind: g.kind,
                        items,
                        note: None,
                    }
                })
                .collect();
            Section {
                id: s.id,
                title: s.title,
                short_title: s.short_title,
                intro: s.intro,
                groups,
                heading: None,
                note: None,
                added: false,
            }
        })
        .collect();
    problems.extend(history_problems);
    problems.extend(added_problems);
    if problems.is_empty() {
        Ok((Policy { sections }, item_changes, item_added))
    } else {
        Err(Diagnostics(problems))
    }
}

/// `added = YYYY-MM-DD` on a base item: a plain date that a `[[changelog]]` entry has, since the
/// changelog note is what explains the addition.
fn added_date(
    path: &Path,
    source: &str,
    changelog: &[NaiveDate],
    id: &str,
    added: &Spanned<toml::value::Datetime>,
) -> Result<NaiveDate, Diagnostic> {
    let at = |en: String| Diagnostic::at(path, source, added.span(), en);
    let date = to_date(*added.get_ref()).map_err(|(en, ja)| {
        at(format!("`added` of `{id}`: {en}"))
            .rule("date")
            .with_suggestion("write the day the item joined the base, e.g. added = 2024-12-02")
            .ja(
                format!("`{id}` の `added`: {ja}"),
                Some("項目が標準に加わった日を added = 2024-12-02 のように書いてください".into()),
            )
    })?;
    if changelog.contains(&date) {
        return Ok(date);
    }
    let known: Vec<String> = changelog.iter().map(|d| d.to_string()).collect();
    Err(
        at(format!("`added` of `{id}`: no [[changelog]] entry of content/base.toml is dated {date}"))
            .rule("unknown-reference")
            .with_suggestion(format!(
                "use the date of the changelog entry that announced the item ({}), or add one dated {date}",
                known.join(", ")
            ))
            .ja(
                format!("`{id}` の `added`: content/base.toml の [[changelog]] に {date} の項目がありません"),
                Some(format!(
                    "項目の追加を告げた [[changelog]] の日付（{}）にするか、{date} の [[changelog]] を追加してください",
                    known.join("、")
                )),
            ),
    )
}

fn load_pages(tree: &Tree) -> Result<Vec<Page>, Diagnostics> {
    let mut pages = Vec::new();
    let mut problems = Vec::new();
    let files: Vec<String> = tree
        .files("pages")
        .map_err(|e| {
            Diagnostics(vec![Diagnostic::file(
                &tree.path("pages"),
                format!("cannot read: {e}"),
            )])
        })?
        .into_iter()
        // The page files themselves, not those of a folder inside.
        .filter(|p| p.ends_with(".md") && p.matches('/').count() == 1)
        .collect();
    for rel in files {
        match load_page(tree, &rel) {
            Ok(page) => pages.push(page),
            Err(Diagnostics(list)) => problems.extend(list),
        }
    }
    if !problems.is_empty() {
        return Err(Diagnostics(problems));
    }
    pages.sort_by_key(|(weight, page): &(i64, Page)| (*weight, page.id.clone()));
    Ok(pages.into_iter().map(|(_, page)| page).collect())
}

fn load_page(tree: &Tree, rel: &str) -> Result<(i64, Page), Diagnostics> {
    let one = |d: Diagnostic| Diagnostics(vec![d]);
    let path = &tree.path(rel);
    let text = tree.read_text(rel).map_err(one)?;
    let (front, body) = split_front_matter(path, &text).map_err(one)?;
    let fm: FrontMatter = parse_toml_all(path, front).map_err(|Diagnostics(mut list)| {
        for d in list.iter_mut().filter(|d| d.line > 0) {
            d.line += 1; // the `+++` line precedes the front matter
        }
        Diagnostics(list)
    })?;
    if let Some(d) = crate::text::placeholders::diagnose(path, &text)
        .into_iter()
        .next()
    {
        return Err(one(d));
    }
    // `body` ends the text: links are located in the file as it is.
    if let Some(d) = super::links::in_markdown(path, &text, text.len() - body.len())
        .into_iter()
        .next()
    {
        return Err(one(d));
    }
    let id = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default()
        .to_string();
    Ok((
        fm.weight,
        Page {
            id,
            title: fm.title,
            kind: fm.kind,
            body: body.to_string(),
            replaced: false,
            sections: Vec::new(),
        },
    ))
}

/// Splits `+++\nTOML\n+++\nMarkdown` into its two parts.
pub fn split_front_matter<'a>(
    path: &Path,
    text: &'a str,
) -> Result<(&'a str, &'a str), Diagnostic> {
    let missing = || {
        Diagnostic::file(
            path,
            "a page must start with TOML front matter between `+++` lines",
        )
        .with_suggestion(
            "begin the file with:\n+++\ntitle = \"…\"\nkind = \"prose\"\nweight = 10\n+++",
        )
    };
    let rest = text
        .strip_prefix("+++\n")
        .or_else(|| text.strip_prefix("+++\r\n"))
        .ok_or_else(missing)?;
    let end = rest.find("\n+++").ok_or_else(missing)?;
    let body = rest[end + 4..].trim_start_matches(['\r', '\n']);
    Ok((&rest[..end + 1], body))
}
