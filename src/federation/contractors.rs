//! The contractor index: every contractor (外部委託先) any union names, with the unions and the
//! items that use it. The same company written differently in different unions is one entry.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::record::ContractorPart;
use crate::text::company::{normalize_name, normalize_phone};
use crate::text::url::absolute;

/// Every contractor, in the order of an index in Japanese (see [`super::contractors_view::order`]).
#[derive(Debug, Clone, Serialize)]
pub struct ContractorIndex {
    /// Version of this format (`contractors.json`).
    pub schema_version: &'static str,
    pub contractors: Vec<ContractorEntry>,
}

/// One company, however the unions write it.
#[derive(Debug, Clone, Serialize)]
pub struct ContractorEntry {
    /// The normalised name that groups the spellings.
    pub key: String,
    /// A stable `id` for the entry on contractors.html.
    pub anchor: String,
    /// The spelling most unions use (ties: the first in code-point order).
    pub name: String,
    /// Every spelling seen, in code-point order.
    pub spellings: Vec<String>,
    /// Distinct phone numbers (compared by their digits), each as first written.
    pub phones: Vec<String>,
    /// True when the unions give more than one phone number for it.
    pub phone_differs: bool,
    /// The unions that name it, in slug order.
    pub unions: Vec<ContractorUse>,
}

/// One union's use of a contractor.
#[derive(Debug, Clone, Serialize)]
pub struct ContractorUse {
    pub slug: String,
    pub union_name: String,
    /// How this union writes the name.
    pub names: Vec<String>,
    /// The phone numbers this union gives, as written.
    pub phones: Vec<String>,
    /// The union's items that hand data to it, in reading order.
    pub items: Vec<ItemUse>,
}

/// An item that uses a contractor.
#[derive(Debug, Clone, Serialize)]
pub struct ItemUse {
    pub id: String,
    pub text: String,
    /// Link to the item, relative to the output root (`<slug>/purposes.html#item-<id>`).
    pub href: String,
}

#[derive(Default)]
struct Acc {
    spellings: BTreeMap<String, usize>,
    /// normalised phone → as first written.
    phones: BTreeMap<String, String>,
    unions: Vec<ContractorUse>,
}

impl ContractorIndex {
    /// Builds the index from what it shows of each union (any order; the index is sorted).
    pub fn build(records: &[ContractorPart]) -> ContractorIndex {
        let mut records: Vec<&ContractorPart> = records.iter().collect();
        records.sort_by(|a, b| a.slug.cmp(&b.slug));
        let mut all: BTreeMap<String, Acc> = BTreeMap::new();
        for doc in records {
            // Contractors of this union grouped by company: one union may define the same
            // company twice (seed 001 does, with two phone numbers).
            let mut here: BTreeMap<String, Vec<&crate::open_data::ContractorDoc>> = BTreeMap::new();
            for c in &doc.contractors {
                here.entry(normalize_name(&c.name)).or_default().push(c);
            }
            for (key, defs) in here {
                let acc = all.entry(key).or_default();
                let ids: BTreeSet<&str> = defs.iter().map(|c| c.id.as_str()).collect();
                let mut names = Vec::new();
                let mut phones = Vec::new();
                for c in &defs {
                    *acc.spellings.entry(c.name.clone()).or_default() += 1;
                    if !names.contains(&c.name) {
                        names.push(c.name.clone());
                    }
                    if let Some(phone) = &c.phone {
                        acc.phones
                            .entry(normalize_phone(phone))
                            .or_insert_with(|| phone.clone());
                        if !phones.contains(phone) {
                            phones.push(phone.clone());
                        }
                    }
                }
                let items = doc
                    .contractor_items
                    .iter()
                    .filter(|i| i.contractors.iter().any(|c| ids.contains(c.as_str())))
                    .map(|i| ItemUse {
                        id: i.id.clone(),
                        text: i.text.clone(),
                        href: doc.item_href(i),
                    })
                    .collect();
                acc.unions.push(ContractorUse {
                    slug: doc.slug.clone(),
                    union_name: doc.name.clone(),
                    names,
                    phones,
                    items,
                });
            }
        }
        let mut contractors: Vec<ContractorEntry> = all
            .into_iter()
            .map(|(key, acc)| {
                let name = acc
                    .spellings
                    .iter()
                    // BTreeMap order breaks ties: the first spelling in code-point order wins.
                    .fold(None::<(&String, usize)>, |best, (s, n)| match best {
                        Some((_, m)) if m >= *n => best,
                        _ => Some((s, *n)),
                    })
                    .map(|(s, _)| s.clone())
                    .unwrap_or_default();
                ContractorEntry {
                    anchor: format!(
                        "c-{}",
                        &blake3::hash(key.as_bytes()).to_hex().as_str()[..10]
                    ),
                    key,
                    name,
                    spellings: acc.spellings.into_keys().collect(),
                    phone_differs: acc.phones.len() > 1,
                    phones: acc.phones.into_values().collect(),
                    unions: acc.unions,
                }
            })
            .collect();
        // As an index in Japanese: 50音, then Latin letters, then kanji (see `order`).
        contractors.sort_by_cached_key(|c| (super::contractors_view::order(&c.key), c.key.clone()));
        ContractorIndex {
            schema_version: "1",
            contractors,
        }
    }

    /// Only the contractors whose normalised name contains the normalised `query`.
    pub fn filter(mut self, query: &str) -> ContractorIndex {
        let query = normalize_name(query);
        self.contractors.retain(|c| c.key.contains(&query));
        self
    }

    /// `contractors.csv`: one row per contractor, union and item, UTF-8 with a BOM and CRLF line
    /// ends so that Excel on Windows opens it with the right characters.
    pub fn to_csv(&self, base_url: Option<&str>) -> Vec<u8> {
        let mut out = String::from("\u{feff}");
        let header = [
            "委託先",
            "表記",
            "電話番号",
            "電話番号の相違",
            "組合",
            "組合名",
            "利用目的ID",
            "利用目的",
            "URL",
        ];
        push_row(&mut out, &header.map(String::from));
        for c in &self.contractors {
            for u in &c.unions {
                let mut row = vec![
                    c.name.clone(),
                    u.names.join("／"),
                    u.phones.join("／"),
                    if c.phone_differs { "あり" } else { "" }.to_string(),
                    u.slug.clone(),
                    u.union_name.clone(),
                ];
                if u.items.is_empty() {
                    row.extend([String::new(), String::new(), String::new()]);
                    push_row(&mut out, &row);
                }
                for item in &u.items {
                    let mut row = row.clone();
                    row.extend([
                        item.id.clone(),
                        item.text.clone(),
                        absolute(base_url, &item.href),
                    ]);
                    push_row(&mut out, &row);
                }
            }
        }
        out.into_bytes()
    }

    /// The listing `kumiai contractors` prints.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        for c in &self.contractors {
            out.push_str(&c.name);
            out.push('\n');
            if c.spellings.len() > 1 {
                out.push_str(&format!("  表記: {}\n", c.spellings.join(" / ")));
            }
            if !c.phones.is_empty() {
                let flag = if c.phone_differs {
                    "  ← 電話番号が異なる (phone numbers differ)"
                } else {
                    ""
                };
                out.push_str(&format!("  TEL: {}{flag}\n", c.phones.join(" / ")));
            }
            for u in &c.unions {
                let phones = if c.phone_differs && !u.phones.is_empty() {
                    format!(" TEL {}", u.phones.join(" / "))
                } else {
                    String::new()
                };
                out.push_str(&format!(
                    "  {} {}「{}」{phones}\n",
                    u.slug,
                    u.union_name,
                    u.names.join("」「")
                ));
                for item in &u.items {
                    out.push_str(&format!("    {} {}\n", item.id, item.text));
                }
            }
        }
        out
    }
}

pub(crate) fn push_row(out: &mut String, fields: &[String]) {
    let cells: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
    out.push_str(&cells.join(","));
    out.push_str("\r\n");
}

/// RFC 4180: quote a field holding a comma, a quote or a line break; double its quotes. A field
/// a spreadsheet would read as a formula (starting with `=`, `+`, `-`, `@`, a tab or a carriage
/// return, or their full-width forms, which Japanese Excel also takes) gets an apostrophe in
/// front, as OWASP advises against CSV injection: a contractor named `=HYPERLINK(…)` stays text
/// when staff open `contractors.csv` in Excel, which shows it without the apostrophe.
fn csv_field(field: &str) -> String {
    let field = if starts_like_formula(field) {
        format!("'{field}")
    } else {
        field.to_string()
    };
    if field.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field
    }
}

/// Whether a spreadsheet could take `field` as a formula.
fn starts_like_formula(field: &str) -> bool {
    field.starts_with(['=', '+', '-', '@', '\t', '\r', '＝', '＋', '－', '＠'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_only_what_needs_it() {
        assert_eq!(csv_field("a"), "a");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
    }

    #[test]
    fn csv_cells_never_start_a_formula() {
        assert_eq!(
            csv_field("=HYPERLINK(\"http://x.example\",\"a\")"),
            "\"'=HYPERLINK(\"\"http://x.example\"\",\"\"a\"\")\""
        );
        for formula in [
            "=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "＝1", "＋1", "－1", "＠x",
        ] {
            let cell = csv_field(formula);
            let inner = cell.trim_start_matches('"');
            assert!(inner.starts_with('\''), "{formula:?} → {cell:?}");
        }
        for plain in [
            "日本システム技術（株）",
            "03-3866-5051",
            "a=b",
            "",
            "'quoted",
        ] {
            assert_eq!(csv_field(plain), plain, "{plain:?}");
        }
    }
}
