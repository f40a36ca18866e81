//! What the federation's files need of each union, kept between builds in one file at the
//! output root, so that a build which renders one union does not re-read every other one.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::open_data::{ContractorDoc, DateDoc, OriginDoc, PolicyDoc};

/// The file at the output root that keeps every union's record (one JSON object per line, in
/// slug order). Not for visitors: the deploy configs hide `.kumiai-*` files.
pub const RECORDS_FILE: &str = ".kumiai-unions";

/// One union as the portal, `unions.json` and the contractor index see it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UnionRecord {
    pub slug: String,
    /// The fingerprint of the site this record was taken from (its manifest's).
    pub fingerprint: String,
    pub name: String,
    pub base_revision: String,
    pub published: Option<DateDoc>,
    /// The union's latest own revision.
    pub last_revision: Option<DateDoc>,
    pub items: ItemCounts,
    pub contractors: Vec<ContractorDoc>,
    /// The items that name a contractor, in reading order.
    pub contractor_items: Vec<ContractorItem>,
    /// Where the items are, relative to the output root (`<slug>/<page>`), and whether that
    /// page carries the items' anchors.
    pub items_page: String,
    pub items_anchored: bool,
}

/// How many items the union's purposes have, by where their text comes from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemCounts {
    pub base: usize,
    pub changed: usize,
    pub added: usize,
}

/// An item that hands data to contractors.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ContractorItem {
    pub id: String,
    pub text: String,
    /// Ids of the union's `contractors`.
    pub contractors: Vec<String>,
}

impl UnionRecord {
    /// The record of a union's open data, built from the site with `fingerprint`.
    pub fn from_doc(doc: &PolicyDoc, fingerprint: &str) -> UnionRecord {
        let items = doc
            .sections
            .iter()
            .flat_map(|s| &s.groups)
            .flat_map(|g| &g.items);
        let mut counts = ItemCounts::default();
        for item in items.clone() {
            match item.origin {
                OriginDoc::Base => counts.base += 1,
                OriginDoc::Changed => counts.changed += 1,
                OriginDoc::Added => counts.added += 1,
            }
        }
        let contractor_items = items
            .filter(|i| !i.contractors.is_empty())
            .map(|i| ContractorItem {
                id: i.id.clone(),
                text: i.text.clone(),
                contractors: i.contractors.clone(),
            })
            .collect();
        // A union that replaced its purposes page with its own text has no item anchors:
        // links go to that page (or to its top page).
        let (items_page, items_anchored) = match &doc.items_page {
            Some(page) => (page.clone(), true),
            None => (
                doc.pages
                    .iter()
                    .find(|p| p.id == "purposes")
                    .map_or("index.html", |p| p.href.as_str())
                    .to_string(),
                false,
            ),
        };
        UnionRecord {
            slug: doc.slug.clone(),
            fingerprint: fingerprint.to_string(),
            name: doc.union.name.clone(),
            base_revision: doc.base.revision.clone(),
            published: doc.dates.published.clone(),
            last_revision: doc.dates.revisions.last().map(|r| r.date.clone()),
            items: counts,
            contractors: doc.contractors.clone(),
            contractor_items,
            items_page: format!("{}/{items_page}", doc.slug),
            items_anchored,
        }
    }

    /// Link to one of the union's items, relative to the output root.
    pub fn item_href(&self, item_id: &str) -> String {
        if self.items_anchored {
            format!(
                "{}#{}{item_id}",
                self.items_page,
                crate::open_data::ITEM_ANCHOR_PREFIX
            )
        } else {
            self.items_page.clone()
        }
    }
}

/// What the last build kept at the output root.
#[derive(Default)]
pub struct Kept {
    /// Every union's record, by slug.
    pub records: BTreeMap<String, UnionRecord>,
    /// The [`contractor_key`] the contractor index was last made from.
    pub contractor_key: Option<String>,
}

/// The first line of the records file.
#[derive(Serialize, Deserialize)]
struct Header {
    contractor_key: String,
}

/// The records kept by the last build; empty when there are none (or unreadable).
pub fn read_records(output: &Path) -> Kept {
    let Ok(text) = std::fs::read_to_string(output.join(RECORDS_FILE)) else {
        return Kept::default();
    };
    let mut lines = text.lines();
    let contractor_key = lines
        .next()
        .and_then(|l| serde_json::from_str::<Header>(l).ok())
        .map(|h| h.contractor_key);
    let records = lines
        .filter_map(|line| serde_json::from_str::<UnionRecord>(line).ok())
        .map(|r| (r.slug.clone(), r))
        .collect();
    Kept {
        records,
        contractor_key,
    }
}

/// The records file: a header line, then one line per union in the order given (slug order).
pub fn records_file(records: &[UnionRecord], contractor_key: &str) -> Vec<u8> {
    let header = Header {
        contractor_key: contractor_key.to_string(),
    };
    let mut out = Vec::new();
    // Serialising plain strings and numbers cannot fail; a record that did would be left out
    // and read again from its site's policy.json next time.
    for line in std::iter::once(serde_json::to_vec(&header))
        .chain(records.iter().map(serde_json::to_vec))
        .flatten()
    {
        out.extend(line);
        out.push(b'\n');
    }
    out
}

/// Hash of everything the contractor index shows: when it is the one the index was last made
/// from, the index's files are kept as they are (they are the largest of the federation's
/// files, and most changes to a union do not touch its contractors).
pub fn contractor_key(records: &[UnionRecord], project: &str, base_url: Option<&str>) -> String {
    #[derive(Serialize)]
    struct Shown<'a> {
        slug: &'a str,
        name: &'a str,
        contractors: &'a [ContractorDoc],
        contractor_items: &'a [ContractorItem],
        items_page: &'a str,
        items_anchored: bool,
    }
    let mut hasher = blake3::Hasher::new();
    hasher.update(project.as_bytes());
    hasher.update(base_url.unwrap_or("").as_bytes());
    for r in records.iter().filter(|r| !r.contractors.is_empty()) {
        let shown = Shown {
            slug: &r.slug,
            name: &r.name,
            contractors: &r.contractors,
            contractor_items: &r.contractor_items,
            items_page: &r.items_page,
            items_anchored: r.items_anchored,
        };
        if let Ok(bytes) = serde_json::to_vec(&shown) {
            hasher.update(&bytes);
        }
    }
    hasher.finalize().to_hex().to_string()
}
