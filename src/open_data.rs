//! Open data: `policy.json`, one union's merged policy in a stable, versioned public format.
//!
//! These are view types, not the internal model: the model may change shape between releases,
//! this format changes only with a new [`SCHEMA_VERSION`] (and a new schema file name). The
//! JSON Schema is generated from these types ([`policy_schema_json`]); the repository keeps a
//! copy in [`POLICY_SCHEMA_FILE`] and a test fails when it is stale.

use std::sync::LazyLock;

use schemars::JsonSchema;
use schemars::generate::SchemaSettings;
use serde::{Deserialize, Serialize};

use crate::model::{Contact, Digits, Item, Origin, PageKind, UnionSite};
use crate::text::url::page_file;
use crate::text::wareki;

/// Version of the format; bumped (with a new schema file) on any incompatible change.
pub const SCHEMA_VERSION: &str = "1";

/// Name of the schema file, beside `policy.json` in every union site.
pub const POLICY_SCHEMA_NAME: &str = "policy-v1.schema.json";

/// Name of the schema of `unions.json`, at the root of the output.
pub const UNIONS_SCHEMA_NAME: &str = "unions-v1.schema.json";

/// Where the repository keeps the generated schema of `policy.json`, relative to the project.
pub const POLICY_SCHEMA_FILE: &str = "schema/policy-v1.schema.json";

/// Where the repository keeps the generated schema of `unions.json`, relative to the project.
pub const UNIONS_SCHEMA_FILE: &str = "schema/unions-v1.schema.json";

/// File name of the open data in each union site.
pub const POLICY_FILE: &str = "policy.json";

/// Prefix of the `id` anchor every item carries on the page that lists the purposes.
pub const ITEM_ANCHOR_PREFIX: &str = "item-";

/// `policy.json`: one union's privacy policy after the base and its override are merged.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(
    title = "kumiai policy.json v1",
    description = "健康保険組合の個人情報保護方針（標準文例と組合の上書きを合成したもの） / A health insurance society's privacy policy, base and override merged"
)]
pub struct PolicyDoc {
    /// The schema of this file, relative to it.
    #[serde(rename = "$schema")]
    pub schema: String,
    /// Always "1" in this format.
    pub schema_version: String,
    /// The union's folder name in the federation's output, e.g. `tokyo-kiki`.
    pub slug: String,
    pub union: UnionDoc,
    /// The federation's base text this policy follows.
    pub base: BaseDoc,
    pub dates: DatesDoc,
    /// Contact windows (苦情・相談の窓口), in the order shown.
    pub contacts: Vec<ContactDoc>,
    /// Contractors (外部委託先) the union names; items refer to them by `id`.
    pub contractors: Vec<ContractorDoc>,
    /// The purposes of use (利用目的), in reading order.
    pub sections: Vec<SectionDoc>,
    /// The site's pages, in reading order.
    pub pages: Vec<PageDoc>,
    /// The page (file name in the union's site) whose items carry `id="item-<item id>"`
    /// anchors; null when the union replaced that page with its own text.
    pub items_page: Option<String>,
    /// The union's table of personal data by kind (個人情報の類型 → 利用目的), in its order;
    /// absent when the union has none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub data_kinds: Vec<DataKindDoc>,
}

/// One row of the table of personal data by kind.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct DataKindDoc {
    /// The union's id for the row, or its 1-based number; the page anchors it as `kind-<id>`.
    pub id: String,
    /// The kind of data, e.g. 資格に関する情報.
    pub name: String,
    /// What that data is used for, in the union's order.
    pub purposes: Vec<String>,
}

/// Who the union is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct UnionDoc {
    /// Official name, e.g. 東京機器健康保険組合.
    pub name: String,
    /// How the text calls the union, e.g. 当組合.
    pub self_name: String,
    /// 理事長.
    pub representative: Option<String>,
    pub postal_code: Option<String>,
    pub address: Option<String>,
    pub website: Option<String>,
    /// Where the union publishes its policy, when not under the federation's `base_url` (the
    /// folder holding its `index.html`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published_url: Option<String>,
    /// The name's reading in kana, as the union writes it (読み; null when not given).
    #[serde(default)]
    pub kana: Option<String>,
}

/// The base revision a policy follows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct BaseDoc {
    /// Revision id, e.g. 2024-12.
    pub revision: String,
    pub date: DateDoc,
}

/// A date, both as ISO 8601 and as written in Japanese (和暦, half-width digits).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct DateDoc {
    /// YYYY-MM-DD.
    #[schemars(regex(pattern = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"))]
    pub iso: String,
    /// e.g. 令和6年12月2日.
    pub wareki: String,
}

/// 制定・施行・公表 and the union's own revisions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct DatesDoc {
    /// 制定.
    pub established: Option<DateDoc>,
    /// 施行.
    pub effective: Option<DateDoc>,
    /// 公表・最終更新.
    pub published: Option<DateDoc>,
    /// 改定, oldest first as the union lists them.
    pub revisions: Vec<RevisionDoc>,
}

/// One dated change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct RevisionDoc {
    pub date: DateDoc,
    pub note: String,
}

/// A contact window.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ContactDoc {
    pub department: String,
    pub postal_code: Option<String>,
    pub address: Option<String>,
    pub phone: Option<String>,
    pub fax: Option<String>,
    pub email: Option<String>,
    pub hours: Option<String>,
    pub closed: Option<String>,
}

/// A contractor (外部委託先) as the union writes it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ContractorDoc {
    /// The union's own id for it, unique within this file.
    pub id: String,
    pub name: String,
    pub phone: Option<String>,
}

/// One section of purposes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct SectionDoc {
    pub id: String,
    /// 1-based position, as numbered on the site.
    pub number: usize,
    pub title: String,
    pub short_title: String,
    pub intro: Option<String>,
    pub groups: Vec<GroupDoc>,
    /// The page (file name in the union's site) that shows this section with its item anchors,
    /// when it is not `items_page`: a section the union shows on a page of its own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<String>,
    /// The heading shown before this section (over the sections that follow), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub heading: Option<String>,
    /// Markdown shown after the section's groups, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// One group of items.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct GroupDoc {
    /// `section.group`.
    pub id: String,
    /// internal | external | review | receive | provide | other.
    pub kind: crate::model::GroupKind,
    /// The label without brackets; empty when the group shows no heading.
    pub label: String,
    pub items: Vec<ItemDoc>,
    /// Markdown shown after the group's items, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// One purpose of use.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ItemDoc {
    /// `section.group.item`; stable across base revisions.
    pub id: String,
    /// The text as shown, placeholders filled in.
    pub text: String,
    pub origin: OriginDoc,
    /// ＊: relies on implied consent.
    pub consent: bool,
    /// Ids of entries of `contractors`.
    pub contractors: Vec<String>,
    /// Words before 「は、」 in the contractor note, when not 外部委託先.
    pub contractor_label: Option<String>,
}

/// Where an item's text comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum OriginDoc {
    /// The base's text, untouched.
    Base,
    /// A base item the union reworded.
    Changed,
    /// An item the union added.
    Added,
}

/// One page of the union's site.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct PageDoc {
    pub id: String,
    pub title: String,
    /// File name in the union's site, e.g. purposes.html.
    pub href: String,
}

/// `unions.json`: the catalogue of every union of the federation, in slug order, each with
/// the address of its full `policy.json`.
///
/// A catalogue rather than every policy embedded: at 1,400 unions that would be a file of
/// about 28 MB, rewritten whenever any one union changes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(
    title = "kumiai unions.json v1",
    description = "連合会の全組合の一覧（各組合の policy.json へのリンク付き） / Every union of the federation, with a link to its policy.json"
)]
pub struct UnionsDoc {
    #[serde(rename = "$schema")]
    pub schema: String,
    /// Always "1" in this format.
    pub schema_version: String,
    pub unions: Vec<UnionEntryDoc>,
}

/// One union in `unions.json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct UnionEntryDoc {
    pub slug: String,
    pub name: String,
    /// The union's site, relative to `unions.json` (absolute when the federation set
    /// `base_url`, or the union its own `published_url`).
    pub site: String,
    /// The union's whole merged policy, relative to `unions.json` (or absolute).
    pub policy: String,
    /// The base revision the union follows.
    pub base_revision: String,
    /// 公表・最終更新.
    pub published: Option<DateDoc>,
    /// The union's latest own revision.
    pub last_revision: Option<DateDoc>,
    /// Items as in the base, reworded by the union, added by the union.
    pub items_from_base: usize,
    pub items_changed: usize,
    pub items_added: usize,
    /// The contractors (外部委託先) the union names, as it writes them.
    pub contractors: Vec<String>,
    /// The name's reading in kana, as the union writes it (null when not given).
    #[serde(default)]
    pub kana: Option<String>,
    /// The prefecture (都道府県) the union's address starts with (or the prefecture of the
    /// designated city it starts with, e.g. 横浜市 → 神奈川県); null otherwise.
    #[serde(default)]
    pub prefecture: Option<String>,
    /// Where the union publishes its policy on a domain of its own (`[union] published_url`);
    /// the portal links there. Absent when it publishes under the federation's address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published_url: Option<String>,
}

/// Builds the open data of a union whose placeholders are already filled in.
pub fn policy_doc(site: &UnionSite) -> PolicyDoc {
    let date = |d: chrono::NaiveDate| DateDoc {
        iso: d.to_string(),
        wareki: wareki::format(d, Digits::Half),
    };
    let identity = &site.identity;
    PolicyDoc {
        schema: POLICY_SCHEMA_NAME.to_string(),
        schema_version: SCHEMA_VERSION.to_string(),
        slug: site.slug.clone(),
        union: UnionDoc {
            name: identity.name.clone(),
            self_name: identity.self_name.clone(),
            representative: identity.representative.clone(),
            postal_code: identity.postal_code.clone(),
            address: identity.address.clone(),
            website: identity.website.clone(),
            published_url: identity.published_url.clone(),
            kana: identity.kana.clone(),
        },
        base: BaseDoc {
            revision: site.base.revision.clone(),
            date: date(site.base.date),
        },
        dates: DatesDoc {
            established: site.dates.established.map(date),
            effective: site.dates.effective.map(date),
            published: site.dates.published.map(date),
            revisions: site
                .dates
                .revisions
                .iter()
                .map(|r| RevisionDoc {
                    date: date(r.date),
                    note: r.note.clone(),
                })
                .collect(),
        },
        contacts: site.contacts.iter().map(contact).collect(),
        contractors: site
            .contractors
            .iter()
            .map(|c| ContractorDoc {
                id: c.id.clone(),
                name: c.name.clone(),
                phone: c.phone.clone(),
            })
            .collect(),
        sections: site
            .policy
            .sections
            .iter()
            .enumerate()
            .map(|(n, s)| SectionDoc {
                id: s.id.clone(),
                number: n + 1,
                title: s.title.clone(),
                short_title: s.short_title.clone(),
                intro: s.intro.clone(),
                page: own_page_of(site, &s.id),
                heading: s.heading.clone(),
                note: s.note.clone(),
                groups: s
                    .groups
                    .iter()
                    .map(|g| GroupDoc {
                        id: g.id.clone(),
                        kind: g.kind,
                        label: g.label.clone(),
                        items: g.items.iter().map(item).collect(),
                        note: g.note.clone(),
                    })
                    .collect(),
            })
            .collect(),
        pages: site
            .pages
            .iter()
            .map(|p| PageDoc {
                id: p.id.clone(),
                title: p.title.clone(),
                href: page_file(&p.id),
            })
            .collect(),
        items_page: items_page(site),
        data_kinds: site
            .data_kinds
            .iter()
            .flat_map(|t| &t.kinds)
            .map(|k| DataKindDoc {
                id: k.id.clone(),
                name: k.name.clone(),
                purposes: k.purposes.clone(),
            })
            .collect(),
    }
}

/// The page that lists the items with their anchors: the first purposes page the union did
/// not replace with its own text.
pub fn items_page(site: &UnionSite) -> Option<String> {
    site.pages
        .iter()
        .find(|p| p.kind == PageKind::Purposes && !p.replaced)
        .map(|p| page_file(&p.id))
}

/// The page a section is shown on when the union gave it a page of its own (`sections = [...]`).
fn own_page_of(site: &UnionSite, section: &str) -> Option<String> {
    site.pages
        .iter()
        .find(|p| !p.replaced && p.sections.iter().any(|s| s == section))
        .map(|p| page_file(&p.id))
}

fn item(i: &Item) -> ItemDoc {
    ItemDoc {
        id: i.id.clone(),
        text: i.text.clone(),
        origin: match i.origin {
            Origin::Base => OriginDoc::Base,
            Origin::Reworded => OriginDoc::Changed,
            Origin::Added => OriginDoc::Added,
        },
        consent: i.consent,
        contractors: i.contractors.clone(),
        contractor_label: i.contractor_label.clone(),
    }
}

fn contact(c: &Contact) -> ContactDoc {
    ContactDoc {
        department: c.department.clone(),
        postal_code: c.postal_code.clone(),
        address: c.address.clone(),
        phone: c.phone.clone(),
        fax: c.fax.clone(),
        email: c.email.clone(),
        hours: c.hours.clone(),
        closed: c.closed.clone(),
    }
}

/// Pretty JSON with a final newline: readable, and diffs well between builds.
pub fn to_json<T: Serialize>(value: &T) -> Vec<u8> {
    // These plain structs (string keys only) always serialize.
    let mut text = serde_json::to_string_pretty(value).expect("open data always serializes");
    text.push('\n');
    text.into_bytes()
}

fn schema_for<T: JsonSchema>() -> String {
    let generator = SchemaSettings::draft2020_12().into_generator();
    let mut value = generator.into_root_schema_for::<T>().to_value();
    value.sort_all_objects();
    let mut text = serde_json::to_string_pretty(&value).expect("a JSON value always serializes");
    text.push('\n');
    text
}

/// The JSON Schema (draft 2020-12) of `policy.json`, as published beside it. Generated once:
/// every union site carries a copy.
pub fn policy_schema_json() -> &'static str {
    static SCHEMA: LazyLock<String> = LazyLock::new(schema_for::<PolicyDoc>);
    &SCHEMA
}

/// The JSON Schema of `unions.json`.
pub fn unions_schema_json() -> &'static str {
    static SCHEMA: LazyLock<String> = LazyLock::new(schema_for::<UnionsDoc>);
    &SCHEMA
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origin_uses_the_public_words() {
        let json = serde_json::to_string(&[OriginDoc::Base, OriginDoc::Changed, OriginDoc::Added])
            .unwrap_or_default();
        assert_eq!(json, r#"["base","changed","added"]"#);
    }

    #[test]
    fn schema_requires_the_version_and_names_itself() {
        let schema: serde_json::Value =
            serde_json::from_str(policy_schema_json()).unwrap_or_default();
        let required = schema["required"].as_array().cloned().unwrap_or_default();
        assert!(required.contains(&"schema_version".into()), "{schema}");
        assert!(required.contains(&"$schema".into()), "{schema}");
        assert_eq!(schema["title"], "kumiai policy.json v1");
    }
}
