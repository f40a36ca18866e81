//! The contractor index: every contractor (外部委託先) any union names, with the unions and the
//! items that use it. The same company written differently in different unions is one entry.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;
use unicode_normalization::UnicodeNormalization;

use super::record::ContractorPart;

/// Legal-form abbreviations (after NFKC, so ㈱ and （株） are already `(株)`) and their long
/// forms. Longer abbreviations first, so `(医社)` is not read as `(医)` + `社)`.
const LEGAL_FORMS: &[(&str, &str)] = &[
    ("(医社)", "医療法人社団"),
    ("(医財)", "医療法人財団"),
    ("(一財)", "一般財団法人"),
    ("(一社)", "一般社団法人"),
    ("(公財)", "公益財団法人"),
    ("(公社)", "公益社団法人"),
    ("(社福)", "社会福祉法人"),
    ("(特非)", "特定非営利活動法人"),
    ("(独)", "独立行政法人"),
    ("(株)", "株式会社"),
    ("(有)", "有限会社"),
    ("(合)", "合同会社"),
    ("(名)", "合名会社"),
    ("(資)", "合資会社"),
    ("(財)", "財団法人"),
    ("(社)", "社団法人"),
    ("(医)", "医療法人"),
    ("(学)", "学校法人"),
    ("(福)", "社会福祉法人"),
];

/// The form of a company name used to decide whether two spellings are one company: NFKC
/// (full-width letters and digits, ㈱), legal-form abbreviations written out, no white space
/// (U+3000 included), no 「・」, Latin letters in lower case.
pub fn normalize_name(name: &str) -> String {
    let mut text: String = name
        .nfkc()
        .filter(|c| !c.is_whitespace() && *c != '・')
        .collect();
    for (short, long) in LEGAL_FORMS {
        text = text.replace(short, long);
    }
    text.to_lowercase()
}

/// The form of a phone number used to compare numbers: its digits (`+81` read as a leading
/// `0`), without notes in brackets such as （代表）; digits in brackets, as in `06(6362)9042`,
/// are kept.
pub fn normalize_phone(phone: &str) -> String {
    let text: String = phone.nfkc().collect();
    let mut number = String::new();
    let mut rest = text.as_str();
    while let Some(open) = rest.find('(') {
        number.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let close = after.find(')').unwrap_or(after.len());
        let inner = &after[..close];
        if inner
            .chars()
            .all(|c| c.is_ascii_digit() || c == '-' || c.is_whitespace())
        {
            number.push_str(inner);
        }
        rest = after.get(close + 1..).unwrap_or("");
    }
    number.push_str(rest);
    let digits: String = number.chars().filter(char::is_ascii_digit).collect();
    match (
        number.trim_start().starts_with("+81"),
        digits.strip_prefix("81"),
    ) {
        (true, Some(national)) => format!("0{national}"),
        _ => digits,
    }
}

/// Every contractor, in the order of their normalised names.
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
                        href: doc.item_href(&i.id),
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
        let contractors = all
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

/// `href` made absolute when the site's address is known.
pub fn absolute(base_url: Option<&str>, href: &str) -> String {
    match base_url {
        Some(base) if !base.is_empty() => format!("{}/{href}", base.trim_end_matches('/')),
        _ => href.to_string(),
    }
}

fn push_row(out: &mut String, fields: &[String]) {
    let cells: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
    out.push_str(&cells.join(","));
    out.push_str("\r\n");
}

/// RFC 4180: quote a field holding a comma, a quote or a line break; double its quotes.
fn csv_field(field: &str) -> String {
    if field.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_of_one_company_normalise_alike() {
        let key = normalize_name("日本システム技術株式会社");
        for spelling in [
            "日本システム技術（株）",
            "日本システム技術(株)",
            "日本システム技術㈱",
            "日本システム技術 株式会社",
            "日本システム技術　（株）",
            "日本システム技術（株）\u{3000}",
        ] {
            assert_eq!(normalize_name(spelling), key, "{spelling}");
        }
        assert_eq!(
            normalize_name("ＲＩＺＡＰ（株）"),
            normalize_name("RIZAP株式会社")
        );
        assert_eq!(normalize_name("Rizap(株)"), normalize_name("RIZAP株式会社"));
        assert_eq!(
            normalize_name("（一財）日本予防医学協会"),
            normalize_name("一般財団法人 日本予防医学協会")
        );
        assert_eq!(
            normalize_name("（株）ベネフィット・ワン"),
            normalize_name("株式会社ベネフィットワン")
        );
        assert_ne!(
            normalize_name("日本予防医学協会"),
            normalize_name("日本歯科衛生協会")
        );
    }

    #[test]
    fn phones_compare_by_digits() {
        assert_eq!(normalize_phone("06-6362-9042"), "0663629042");
        assert_eq!(
            normalize_phone("０６－６３６２－９０４２（代表）"),
            "0663629042"
        );
        assert_eq!(normalize_phone("06 (6362) 9042"), "0663629042");
        assert_eq!(normalize_phone("+81-6-6362-9042"), "0663629042");
        assert_ne!(
            normalize_phone("06-6362-9042"),
            normalize_phone("06-6362-9041")
        );
    }

    #[test]
    fn csv_quotes_only_what_needs_it() {
        assert_eq!(csv_field("a"), "a");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
    }
}
