//! Strategies that write override files (`unions/<slug>.toml`) as TOML text, from pieces.
//!
//! Two flavours share every strategy: `clean` documents use real base ids, fresh well-formed new
//! ids and valid values, so most of them merge and the renderer gets exercised; `chaos`
//! documents mix in mutated and random ids, wrong types, impossible dates, invalid presentation
//! values, unknown placeholders, broken strings and `\uXXXX` escapes, so most of them fail and
//! the diagnostics get exercised.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::LazyLock;

use proptest::prelude::*;
use proptest::sample::select;

#[path = "toml_gen/edit_tables.rs"]
mod edit_tables;
#[path = "toml_gen/ids.rs"]
mod ids;
#[path = "toml_gen/text.rs"]
mod text;
#[path = "toml_gen/union_tables.rs"]
mod union_tables;
#[path = "toml_gen/values.rs"]
mod values;

use edit_tables::entry;
use ids::{existing_id, position, random_id, segment};
use text::{defuse, text, text_maybe_escaped};
use union_tables::{
    contact, contractor, contractor_refs, dates, kinds, labels, presentation, toml_key,
    union_table, wording,
};
use values::{
    Format, escape_basic, tbool, tdate, tformat, tstr_of, tval, tval_composed, tval_raw, tval_text,
    wrong_type,
};

/// True when the generators may also produce inputs that trigger the known bugs pinned as
/// ignored tests in `robustness/known_bugs.rs` (`KUMIAI_FUZZ_STRICT=1`).
pub fn strict() -> bool {
    std::env::var("KUMIAI_FUZZ_STRICT").is_ok_and(|v| v != "0" && !v.is_empty())
}

/// Where a text goes, which decides which placeholders it may hold outside strict mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// Prose kumiai fills: titles, bodies, item texts, labels, contractor notes, the legend.
    Filled,
    /// Values shown as written (known bug: `[union]`, `[[contacts]]`, revision notes), so valid
    /// placeholders there reach the page unexpanded.
    Raw,
    /// `[wording] fee`: filled, but `{{ wording.fee }}` inside it is left as written.
    Fee,
    /// Contractor names and phones and `contractor_label`: joined into one note before it is
    /// filled (known bug), so an unclosed `{{` in one swallows a placeholder in the next.
    Composed,
}

/// Ids of the real base, read from the repository's `content/` once.
pub struct Ids {
    pub sections: Vec<String>,
    pub groups: Vec<String>,
    pub items: Vec<String>,
    pub pages: Vec<String>,
    /// Item ids by group id, so a clean `before`/`after` names a sibling.
    pub items_by_group: BTreeMap<String, Vec<String>>,
    /// Group ids by section id.
    pub groups_by_section: BTreeMap<String, Vec<String>>,
}

pub static IDS: LazyLock<Ids> = LazyLock::new(|| {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join("content/purposes.toml"))
        .expect("read content/purposes.toml");
    let doc: toml::Table = toml::from_str(&text).expect("content/purposes.toml parses");
    let mut ids = Ids {
        sections: Vec::new(),
        groups: Vec::new(),
        items: Vec::new(),
        pages: Vec::new(),
        items_by_group: BTreeMap::new(),
        groups_by_section: BTreeMap::new(),
    };
    let array = |v: Option<&toml::Value>| -> Vec<toml::Table> {
        v.and_then(|v| v.as_array())
            .map(|a| a.iter().filter_map(|t| t.as_table().cloned()).collect())
            .unwrap_or_default()
    };
    let id = |t: &toml::Table| t["id"].as_str().expect("string id").to_string();
    for section in array(doc.get("section")) {
        let sid = id(&section);
        ids.sections.push(sid.clone());
        for group in array(section.get("group")) {
            let gid = format!("{sid}.{}", id(&group));
            ids.groups.push(gid.clone());
            ids.groups_by_section
                .entry(sid.clone())
                .or_default()
                .push(gid.clone());
            for item in array(group.get("item")) {
                let iid = format!("{gid}.{}", id(&item));
                ids.items.push(iid.clone());
                ids.items_by_group.entry(gid.clone()).or_default().push(iid);
            }
        }
    }
    let mut pages: Vec<String> = std::fs::read_dir(root.join("content/pages"))
        .expect("read content/pages")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .filter_map(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
        .collect();
    pages.sort();
    ids.pages = pages;
    assert!(
        !ids.sections.is_empty() && !ids.groups.is_empty() && !ids.items.is_empty(),
        "content/purposes.toml has no ids"
    );
    assert!(ids.pages.iter().any(|p| p == "index"), "no index page");
    ids
});

/// Page files the tests put in `unions/<slug>/` before merging (see `PAGE_FILES` users).
pub const GOOD_PAGE_FILES: [&str; 4] = ["good.md", "bom.md", "crlf.md", "sub/nested.md"];
/// Page files that are present but broken, or absent, or outside the union's folder.
pub const BAD_PAGE_FILES: [&str; 9] = [
    "sjis.md",
    "utf16.md",
    "missing.md",
    "../escape.md",
    "/etc/hostname",
    "sub/../../x.md",
    "",
    ".",
    "sub",
];

/// Contractor ids the documents define and refer to; a small pool so references often hit.
const CONTRACTORS: [&str; 5] = ["acme", "kenshin-center", "東京事務所", "a b", "x"];

/// `key = value`, present with probability `p`.
fn opt_line(
    key: &'static str,
    value: BoxedStrategy<String>,
    p: f64,
) -> BoxedStrategy<Option<String>> {
    let value = if p <= 0.0 {
        Just(None).boxed()
    } else if p >= 1.0 {
        value.prop_map(Some).boxed()
    } else {
        prop::option::weighted(p, value).boxed()
    };
    value
        .prop_map(move |v| v.map(|v| format!("{key} = {v}")))
        .boxed()
}

fn table(header: String, lines: Vec<Option<String>>, extra: Vec<String>) -> String {
    let mut out = header;
    out.push('\n');
    for line in lines.into_iter().flatten().chain(extra) {
        out.push_str(&line);
        out.push('\n');
    }
    out
}

/// Now and then, in chaos documents, a key the schema does not know.
fn unknown_key(chaos: bool) -> BoxedStrategy<Option<String>> {
    if chaos {
        prop::option::weighted(
            0.05,
            select(vec![
                "colour = \"red\"",
                "id = \"dup\"",
                "名前 = \"x\"",
                "remove = true",
            ])
            .prop_map(String::from),
        )
        .boxed()
    } else {
        Just(None).boxed()
    }
}

/// A whole override document, as TOML text.
#[derive(Clone)]
pub struct Doc {
    pub chaos: bool,
    pub source: String,
}

impl std::fmt::Debug for Doc {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The text itself, so a shrunk failure can be pasted into a file as it is.
        writeln!(f, "Doc (chaos = {}):", self.chaos)?;
        writeln!(f, "----- 8< -----")?;
        write!(f, "{}", self.source)?;
        write!(f, "----- 8< -----")
    }
}

pub fn doc(chaos: bool) -> BoxedStrategy<Doc> {
    let singles = (
        union_table(chaos),
        prop::option::weighted(0.5, dates(chaos)),
        prop::option::weighted(0.3, presentation(chaos)),
        prop::option::weighted(0.15, labels(chaos)),
        prop::option::weighted(0.2, wording(chaos)),
    );
    let contractors = if chaos {
        prop::collection::vec(contractor(true), 0..4).boxed()
    } else {
        // Every contractor a clean document may refer to, each defined once.
        prop::option::weighted(0.3, Just(()))
            .prop_flat_map(|any| {
                if any.is_some() {
                    CONTRACTORS
                        .iter()
                        .map(|id| {
                            (
                                tval_composed(false),
                                prop::option::weighted(
                                    0.6,
                                    tformat(false, Format::Phone, Field::Composed),
                                ),
                            )
                                .prop_map(move |(name, phone)| {
                                    let mut t =
                                        format!("[contractors.{}]\nname = {name}\n", toml_key(id));
                                    if let Some(p) = phone {
                                        t.push_str(&format!("phone = {p}\n"));
                                    }
                                    t
                                })
                                .boxed()
                        })
                        .collect::<Vec<_>>()
                        .boxed()
                } else {
                    Just(Vec::new()).boxed()
                }
            })
            .boxed()
    };
    let drop_union = if chaos {
        prop::option::weighted(0.03, Just(())).boxed()
    } else {
        Just(None).boxed()
    };
    (
        singles,
        contractors,
        prop::collection::vec(entry(chaos), 0..10),
        drop_union,
        any::<prop::sample::Index>(),
    )
        .prop_map(
            move |((union, dates, pres, labels, wording), contractors, entries, drop_union, at)| {
                let mut tables: Vec<String> = Vec::new();
                if drop_union.is_none() {
                    tables.push(union);
                }
                tables.extend(dates);
                tables.extend(pres);
                tables.extend(labels);
                tables.extend(wording);
                // Clean documents that name no contractor still define them: unused is fine.
                tables.extend(contractors.iter().cloned());
                tables.extend(entries);
                let mut source = tables.join("\n");
                // Clean documents refer only to defined contractors.
                if !chaos && contractors.is_empty() && source.contains("contractors = [") {
                    source = source
                        .lines()
                        .filter(|l| !l.starts_with("contractors = ["))
                        .collect::<Vec<_>>()
                        .join("\n");
                    source.push('\n');
                }
                // Chaos: now and then, one more table slipped in somewhere in the middle.
                if chaos && at.index(7) == 0 && !tables.is_empty() {
                    let i = at.index(tables.len());
                    tables.insert(i, "[presentation]\nlayout = \"table\"\n".into());
                    source = tables.join("\n");
                }
                Doc { chaos, source }
            },
        )
        .boxed()
}

/// Either flavour: a third clean, two thirds chaos.
pub fn any_doc() -> BoxedStrategy<Doc> {
    prop_oneof![1 => doc(false), 2 => doc(true)].boxed()
}
