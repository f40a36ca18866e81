//! What the federation's files need of each union, kept between builds in one file at the
//! output root, so that a build which renders one union neither re-reads nor re-serialises
//! every other one: each record keeps its parts as the JSON they go out as.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::open_data::{
    ContractorDoc, OriginDoc, POLICY_FILE, PolicyDoc, SCHEMA_VERSION, UNIONS_SCHEMA_NAME,
    UnionEntryDoc,
};

use crate::text::kana;
use crate::text::url::union_url;

/// The file at the output root that keeps every union's record. Not for visitors: the deploy
/// configs hide `.kumiai-*` files.
///
/// The first line is the [`contractor_key`]; then one line per union, in slug order, of five
/// fields separated by tabs: slug, fingerprint, contractor hash, its `unions.json` entry (JSON)
/// and what the contractor index shows of it (JSON, or `null`). JSON never holds a raw tab, and
/// a line is split, not parsed: reading 1,400 records is one read of the file.
pub const RECORDS_FILE: &str = ".kumiai-unions";

/// One union as the federation's files need it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnionRecord {
    pub slug: String,
    /// The fingerprint of the site this record was taken from (its manifest's).
    pub fingerprint: String,
    /// Hash of `contractors` when the union names any contractor; empty otherwise.
    pub contractor_hash: String,
    /// Its entry of `unions.json`, as JSON written there.
    pub entry: String,
    /// What the contractor index shows of it (a [`ContractorPart`] as JSON, or `null`),
    /// parsed only when the index is made again.
    pub contractors: String,
}

/// What the contractor index shows of one union.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ContractorPart {
    pub slug: String,
    pub name: String,
    pub contractors: Vec<ContractorDoc>,
    /// The items that name a contractor, in reading order.
    pub contractor_items: Vec<ContractorItem>,
    /// Where the items are, relative to the output root (`<slug>/<page>`), and whether that
    /// page carries the items' anchors.
    pub items_page: String,
    pub items_anchored: bool,
}

/// An item that hands data to contractors.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ContractorItem {
    pub id: String,
    pub text: String,
    /// Ids of the union's `contractors`.
    pub contractors: Vec<String>,
    /// `<slug>/<page>` when the item's section is on a page of its own (not `items_page`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<String>,
}

impl ContractorPart {
    /// What the contractor index shows of a union's open data.
    pub fn from_doc(doc: &PolicyDoc) -> ContractorPart {
        let contractor_items = doc
            .sections
            .iter()
            .flat_map(|s| s.groups.iter().map(move |g| (s, g)))
            .flat_map(|(s, g)| g.items.iter().map(move |i| (s, i)))
            .filter(|(_, i)| !i.contractors.is_empty())
            .map(|(s, i)| ContractorItem {
                id: i.id.clone(),
                text: i.text.clone(),
                contractors: i.contractors.clone(),
                page: s.page.as_ref().map(|page| format!("{}/{page}", doc.slug)),
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
        ContractorPart {
            slug: doc.slug.clone(),
            name: doc.union.name.clone(),
            contractors: doc.contractors.clone(),
            contractor_items,
            items_page: format!("{}/{items_page}", doc.slug),
            items_anchored,
        }
    }

    /// Link to one of the union's items, relative to the output root.
    pub fn item_href(&self, item: &ContractorItem) -> String {
        let item_id = &item.id;
        if let Some(page) = &item.page {
            return format!("{page}#{}{item_id}", crate::open_data::ITEM_ANCHOR_PREFIX);
        }
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

/// A union's entry of `unions.json`.
fn entry(doc: &PolicyDoc, base_url: Option<&str>) -> UnionEntryDoc {
    let items = doc
        .sections
        .iter()
        .flat_map(|s| &s.groups)
        .flat_map(|g| &g.items);
    let count = |origin: OriginDoc| items.clone().filter(|i| i.origin == origin).count();
    UnionEntryDoc {
        slug: doc.slug.clone(),
        name: doc.union.name.clone(),
        site: union_url(
            base_url,
            doc.union.published_url.as_deref(),
            &doc.slug,
            "index.html",
        ),
        policy: union_url(
            base_url,
            doc.union.published_url.as_deref(),
            &doc.slug,
            POLICY_FILE,
        ),
        base_revision: doc.base.revision.clone(),
        published: doc.dates.published.clone(),
        last_revision: doc.dates.revisions.last().map(|r| r.date.clone()),
        items_from_base: count(OriginDoc::Base),
        items_changed: count(OriginDoc::Changed),
        items_added: count(OriginDoc::Added),
        contractors: doc.contractors.iter().map(|c| c.name.clone()).collect(),
        kana: doc.union.kana.clone(),
        prefecture: doc
            .union
            .address
            .as_deref()
            .and_then(kana::prefecture)
            .map(|i| kana::PREFECTURES[i].to_string()),
        published_url: doc.union.published_url.clone(),
    }
}

/// Serialises to JSON (plain strings and numbers always serialise; `null` else).
fn json<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "null".to_string())
}

impl UnionRecord {
    /// The record of a union's open data, built from the site with `fingerprint`; links are
    /// absolute when the federation set `base_url` (or the union its `published_url`).
    pub fn from_doc(doc: &PolicyDoc, fingerprint: &str, base_url: Option<&str>) -> UnionRecord {
        let part = ContractorPart::from_doc(doc);
        let (contractors, contractor_hash) = if part.contractors.is_empty() {
            ("null".to_string(), String::new())
        } else {
            let contractors = json(&part);
            let hash = blake3::hash(contractors.as_bytes()).to_hex().to_string();
            (contractors, hash)
        };
        UnionRecord {
            slug: doc.slug.clone(),
            fingerprint: fingerprint.to_string(),
            contractor_hash,
            entry: json(&entry(doc, base_url)),
            contractors,
        }
    }

    /// What the contractor index shows of this union, if it names any contractor.
    pub fn contractor_part(&self) -> Option<ContractorPart> {
        serde_json::from_str(&self.contractors).ok()
    }

    /// Its line in the records file.
    fn line(&self) -> String {
        [
            self.slug.as_str(),
            &self.fingerprint,
            &self.contractor_hash,
            &self.entry,
            &self.contractors,
        ]
        .join("\t")
    }

    /// Reads a line of the records file; `None` for anything else.
    fn parse(line: &str) -> Option<UnionRecord> {
        let mut fields = line.split('\t');
        let mut next = || fields.next().map(str::to_string);
        let record = UnionRecord {
            slug: next()?,
            fingerprint: next()?,
            contractor_hash: next()?,
            entry: next()?,
            contractors: next()?,
        };
        (fields.next().is_none() && record.entry.starts_with('{')).then_some(record)
    }
}

/// `unions.json`: every union's entry as kept, in slug order, one per line.
pub fn catalogue(records: &[UnionRecord]) -> Vec<u8> {
    let mut out = format!(
        "{{\"$schema\":\"{UNIONS_SCHEMA_NAME}\",\"schema_version\":\"{SCHEMA_VERSION}\",\"unions\":["
    );
    for (i, record) in records.iter().enumerate() {
        out.push_str(if i == 0 { "\n" } else { ",\n" });
        out.push_str(&record.entry);
    }
    out.push_str("\n]}\n");
    out.into_bytes()
}

/// What the last build kept at the output root.
#[derive(Default)]
pub struct Kept {
    /// Every union's record, by slug.
    pub records: BTreeMap<String, UnionRecord>,
    /// The [`contractor_key`] the contractor index was last made from.
    pub contractor_key: Option<String>,
}

/// The records kept by the last build; empty when there are none (or unreadable).
pub fn read_records(output: &Path) -> Kept {
    let Ok(text) = std::fs::read_to_string(output.join(RECORDS_FILE)) else {
        return Kept::default();
    };
    let mut lines = text.lines();
    let contractor_key = lines
        .next()
        .and_then(|l| l.strip_prefix("contractor-key\t"))
        .map(str::to_string);
    let records = lines
        .filter_map(UnionRecord::parse)
        .map(|r| (r.slug.clone(), r))
        .collect();
    Kept {
        records,
        contractor_key,
    }
}

/// The records file: the contractor key, then one line per union in the order given.
pub fn records_file(records: &[UnionRecord], contractor_key: &str) -> Vec<u8> {
    let mut out = format!("contractor-key\t{contractor_key}\n");
    for record in records {
        out.push_str(&record.line());
        out.push('\n');
    }
    out.into_bytes()
}

/// Hash of everything the contractor index shows: when it is the one the index was last made
/// from, the index's files are kept as they are (they are the largest of the federation's
/// files, and most changes to a union do not touch its contractors).
pub fn contractor_key(records: &[UnionRecord], project: &str, base_url: Option<&str>) -> String {
    let mut hasher = blake3::Hasher::new();
    for part in [project, base_url.unwrap_or("")] {
        hasher.update(part.as_bytes());
        hasher.update(&[0]);
    }
    for r in records.iter().filter(|r| !r.contractor_hash.is_empty()) {
        hasher.update(r.slug.as_bytes());
        hasher.update(&[0]);
        hasher.update(r.contractor_hash.as_bytes());
    }
    hasher.finalize().to_hex().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(slug: &str, entry: &str) -> UnionRecord {
        UnionRecord {
            slug: slug.into(),
            fingerprint: "f".into(),
            contractor_hash: String::new(),
            entry: entry.into(),
            contractors: "null".into(),
        }
    }

    #[test]
    fn records_read_back_as_written_and_other_lines_are_skipped() {
        let dir = tempfile::tempdir().unwrap();
        // JSON escapes a tab inside a string, so a field never holds a raw one.
        let entry = serde_json::to_string(&serde_json::json!({ "name": "a\tb" })).unwrap();
        let records = [record("a", &entry), record("b", "{}")];
        let mut text = records_file(&records, "K");
        text.extend(b"not a record\n");
        std::fs::write(dir.path().join(RECORDS_FILE), text).unwrap();
        let kept = read_records(dir.path());
        assert_eq!(kept.contractor_key.as_deref(), Some("K"));
        assert_eq!(kept.records.len(), 2);
        assert_eq!(kept.records["a"], records[0]);
        let all = String::from_utf8(catalogue(&records)).unwrap();
        let parsed: serde_json::Value = serde_json::from_str(&all).unwrap();
        assert_eq!(parsed["unions"][0]["name"], "a\tb");
        assert_eq!(parsed["schema_version"], SCHEMA_VERSION);
    }
}
