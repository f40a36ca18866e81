//! Stage 2, merge: the base with one union's override applied, every reference checked.
//! Pure: the union's files were read by `load`; nothing here touches the disk.
//!
//! `tree` applies the structural edits (sections, groups, items), `pages` the page edits,
//! `values` checks the values and dates the override gives.

mod compact;
mod data_kinds;
mod edits;
mod limits;
mod logo;
mod moves;
mod order;
mod pages;
mod presentation;
mod tree;
mod values;

use toml::Spanned;

use crate::diagnostic::{Diagnostic, Diagnostics, did_you_mean, nearest};
use crate::load::UnionFile;
use crate::model::{Base, Contractor, Identity, UnionSite};

/// Applies a union's override to the base. Reports every problem, not only the first.
pub fn merge(base: &Base, file: &UnionFile) -> Result<UnionSite, Diagnostics> {
    let mut m = Merger {
        file,
        problems: Vec::new(),
    };
    let doc = &file.doc;
    m.file_limits();
    m.markdown_limits();
    m.check_edits();
    m.problems.extend(crate::load::fields::check(file));
    m.fee_names_itself();

    let contractors: Vec<Contractor> = doc
        .contractors
        .iter()
        .map(|(id, c)| Contractor {
            id: id.clone(),
            name: c.name.clone(),
            phone: c.phone.clone(),
            note: c.note.clone(),
            country: c.country.clone(),
        })
        .collect();

    // `[purposes] base = false`: the union's own sections are the purposes.
    let mut sections = if *doc.purposes.base.get_ref() {
        base.policy.sections.clone()
    } else {
        Vec::new()
    };
    for group in sections.iter_mut().flat_map(|s| &mut s.groups) {
        if let Some(label) = doc.labels.get(&group.kind) {
            group.label = label.clone();
        }
    }
    m.add_sections(&mut sections);
    m.add_groups(&mut sections, base);
    m.add_items(&mut sections);
    let moved = m.moves(&mut sections);
    m.edit_sections(&mut sections);
    m.edit_groups(&mut sections);
    m.edit_items(&mut sections);
    m.check_contractors(&contractors);

    let pages = m.pages(base, &sections);
    // Every text of the override is in its source, so one scan finds every bad placeholder.
    m.problems.extend(crate::text::placeholders::diagnose(
        &file.path,
        &file.source,
    ));
    m.problems
        .extend(crate::text::placeholders::diagnose_values(
            &file.path,
            &file.source,
        ));
    m.no_placeholders_in_values();
    let dates = m.dates();
    let data_kinds = m.data_kinds();
    let meta = m.base_meta(base);

    let presentation = m.presentation();
    let identity = Identity {
        name: doc.union.name.clone(),
        self_name: doc
            .union
            .self_name
            .clone()
            .unwrap_or_else(|| base.meta.self_name.clone()),
        representative: doc.union.representative.clone(),
        postal_code: doc.union.postal_code.clone(),
        address: doc.union.address.clone(),
        website: doc.union.website.clone(),
        privacy_officer: doc.union.privacy_officer.clone(),
        phone: doc.union.phone.clone(),
        fax: doc.union.fax.clone(),
        letterhead: doc.union.letterhead.clone(),
        published_url: m.published_url(),
        logo: m.logo(),
        kana: doc.union.kana.clone(),
    };

    if !m.problems.is_empty() {
        return Err(Diagnostics(m.problems));
    }
    Ok(UnionSite {
        slug: file.slug.clone(),
        identity,
        contacts: doc.contacts.clone(),
        dates,
        contractors,
        policy: crate::model::Policy { sections },
        pages,
        presentation,
        consent_legend: doc
            .wording
            .consent_legend
            .clone()
            .unwrap_or_else(|| base.meta.consent_legend.clone()),
        fee: doc
            .wording
            .fee
            .clone()
            .unwrap_or_else(|| base.meta.fee.clone()),
        abroad: doc.abroad.clone(),
        certified_body: doc.certified_body.clone(),
        joint_use: doc.joint_use.clone(),
        data_kinds,
        moved,
        purposes_base: *doc.purposes.base.get_ref(),
        own_changes: 0,
        base: meta,
    })
}

/// Carries the file being merged and the problems found so far.
struct Merger<'a> {
    file: &'a UnionFile,
    problems: Vec<Diagnostic>,
}

/// What a reference points to, for messages in both languages.
#[derive(Clone, Copy)]
enum What {
    Section,
    Group,
    Item,
    Page,
    GroupInSection,
    ItemInGroup,
}

impl What {
    fn en(self) -> &'static str {
        match self {
            What::Section => "section",
            What::Group => "group",
            What::Item => "item",
            What::Page => "page",
            What::GroupInSection => "group in this section",
            What::ItemInGroup => "item in this group",
        }
    }

    fn ja(self) -> &'static str {
        match self {
            What::Section => "セクション",
            What::Group => "グループ",
            What::Item => "項目",
            What::Page => "ページ",
            What::GroupInSection => "このセクションのグループ",
            What::ItemInGroup => "このグループの項目",
        }
    }

    /// The TOML table that changes an existing one.
    fn table(self) -> &'static str {
        match self {
            What::Section => "section",
            What::Group | What::GroupInSection => "group",
            What::Item | What::ItemInGroup => "item",
            What::Page => "page",
        }
    }
}

/// "did you mean" in both languages.
fn near_help(near: &[&str]) -> (String, String) {
    (did_you_mean(near), crate::diagnostic::did_you_mean_ja(near))
}

/// A problem that has already been added to the list.
struct Reported;

/// Where a new element goes among its siblings: at the end, or before or after the sibling
/// with this id.
enum Position {
    End,
    Before(String),
    After(String),
}

impl Merger<'_> {
    /// Records a problem at `at` of the override, and what to write instead, in English and
    /// Japanese.
    fn error_help(
        &mut self,
        at: &Spanned<String>,
        rule: &'static str,
        (en, ja): (String, String),
        (help, help_ja): (String, String),
    ) {
        let d = self.file.error_at(at, en).rule(rule).with_suggestion(help);
        self.problems.push(d.ja(ja, Some(help_ja)));
    }

    fn unknown(&mut self, what: What, at: &Spanned<String>, known: Vec<String>) {
        let near = nearest(at.get_ref(), known.iter().map(String::as_str));
        let id = at.get_ref();
        self.error_help(
            at,
            "unknown-reference",
            (
                format!("there is no {} `{id}` to refer to", what.en()),
                format!("`{id}` という{}はありません", what.ja()),
            ),
            near_help(&near),
        );
    }

    /// Checks the shape of a new id: `segments` parts of lowercase ASCII, digits and hyphens.
    fn valid_new_id(&mut self, id: &Spanned<String>, segments: usize, example: &str) -> bool {
        let parts: Vec<&str> = id.get_ref().split('.').collect();
        let ok = parts.len() == segments
            && parts.iter().all(|p| {
                !p.is_empty()
                    && p.chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            });
        if !ok {
            let raw = id.get_ref();
            self.error_help(
                id,
                "invalid-id",
                (
                    format!(
                        "`{raw}` is not a valid id here: expected {segments} part(s) joined by dots, in lowercase ASCII letters, digits and hyphens"
                    ),
                    format!(
                        "`{raw}` はここでは使えない ID です。半角英小文字・数字・ハイフンの {segments} つの部分を「.」でつないでください"
                    ),
                ),
                (format!("for example `{example}`"), format!("例: `{example}`")),
            );
        }
        ok
    }

    /// Reports a new id that is already taken (`exists`); true when it is.
    fn taken(&mut self, what: What, id: &Spanned<String>, exists: bool) -> bool {
        if exists {
            let (raw, table) = (id.get_ref(), what.table());
            self.error_help(
                id,
                "duplicate-id",
                (
                    format!("{} `{raw}` already exists", what.en()),
                    format!("{}「{raw}」はすでにあります", what.ja()),
                ),
                (
                    format!("use [[{table}]] to change an existing {}", what.en()),
                    format!(
                        "既にある{}を変えるには [[{table}]] を使ってください",
                        what.ja()
                    ),
                ),
            );
        }
        exists
    }

    /// Resolves `before`/`after` among the siblings.
    fn position<T>(
        &mut self,
        before: &Option<Spanned<String>>,
        after: &Option<Spanned<String>>,
        siblings: &order::Ordered<T>,
        what: What,
    ) -> Option<Position> {
        match (before, after) {
            (Some(b), Some(_)) => {
                self.error_help(
                    b,
                    "conflict",
                    (
                        "give either `before` or `after`, not both".into(),
                        "`before` と `after` が両方書かれています".into(),
                    ),
                    (
                        "delete the `before` or the `after` line: keep the one that says where it goes".into(),
                        "置きたい場所を表す方だけを残し、`before` か `after` の行を消してください".into(),
                    ),
                );
                None
            }
            (Some(at), None) | (None, Some(at)) => {
                let id = at.get_ref();
                if !siblings.contains(id) {
                    self.unknown(what, at, siblings.ids());
                    None
                } else if before.is_some() {
                    Some(Position::Before(id.clone()))
                } else {
                    Some(Position::After(id.clone()))
                }
            }
            (None, None) => Some(Position::End),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use super::*;
    use crate::model::{Item, Origin};

    fn base() -> Base {
        crate::load::load_base(Path::new(env!("CARGO_MANIFEST_DIR"))).expect("repo base loads")
    }

    fn union(source: &str) -> UnionFile {
        let path = PathBuf::from("unions/test.toml");
        UnionFile::parse(&path, source.into()).expect("test override parses")
    }

    fn item_ids(site: &UnionSite, group: &str) -> Vec<String> {
        let group = site
            .policy
            .sections
            .iter()
            .flat_map(|s| &s.groups)
            .find(|g| g.id == group)
            .expect("group exists");
        group.items.iter().map(|i| i.id.clone()).collect()
    }

    #[test]
    fn untouched_union_gets_the_base() {
        let base = base();
        let site = merge(&base, &union("[union]\nname = \"A\"\n")).unwrap();
        assert_eq!(site.policy.sections.len(), base.policy.sections.len());
        assert_eq!(site.identity.self_name, base.meta.self_name);
        assert_eq!(site.pages.len(), base.pages.len());
    }

    #[test]
    fn new_items_go_where_they_are_told() {
        let site = merge(
            &base(),
            &union(
                r#"[union]
name = "A"
[[new_item]]
id = "premiums.internal.first"
text = "x"
before = "premiums.internal.standard-remuneration"
[[new_item]]
id = "premiums.internal.middle"
text = "y"
after = "premiums.internal.standard-remuneration"
[[new_item]]
id = "premiums.internal.last"
text = "z"
"#,
            ),
        )
        .unwrap();
        assert_eq!(
            item_ids(&site, "premiums.internal"),
            [
                "premiums.internal.first",
                "premiums.internal.standard-remuneration",
                "premiums.internal.middle",
                "premiums.internal.collection",
                "premiums.internal.last",
            ]
        );
    }

    #[test]
    fn every_bad_reference_is_reported_with_its_line() {
        let source = r#"[union]
name = "A"
[[item]]
id = "benefits.internal.eligibilty"
text = "x"
[[item]]
id = "benefits.internal.payment"
contractors = ["nobody"]
[[new_item]]
id = "benefits.nowhere.x"
text = "y"
"#;
        let Err(Diagnostics(problems)) = merge(&base(), &union(source)) else {
            panic!("bad references must fail");
        };
        assert_eq!(problems.len(), 3, "{problems:?}");
        let lines: Vec<usize> = problems.iter().map(|p| p.line).collect();
        assert!(lines.contains(&4) && lines.contains(&8) && lines.contains(&10));
        let typo = problems.iter().find(|p| p.line == 4).unwrap();
        assert_eq!(typo.column, 6);
        assert!(
            typo.suggestion
                .as_deref()
                .unwrap()
                .contains("benefits.internal.eligibility")
        );
    }

    #[test]
    fn rewording_is_recorded_and_removal_applies() {
        let site = merge(
            &base(),
            &union(
                r#"[union]
name = "A"
[[item]]
id = "benefits.internal.payment"
text = "別の文言"
[[item]]
id = "mynumber.receive.public-account"
remove = true
"#,
            ),
        )
        .unwrap();
        let items: Vec<&Item> = site
            .policy
            .sections
            .iter()
            .flat_map(|s| &s.groups)
            .flat_map(|g| &g.items)
            .collect();
        let payment = items
            .iter()
            .find(|i| i.id == "benefits.internal.payment")
            .unwrap();
        assert_eq!(payment.origin, Origin::Reworded);
        assert!(
            !items
                .iter()
                .any(|i| i.id == "mynumber.receive.public-account")
        );
    }
}
