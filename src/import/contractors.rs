//! Contractor notes after items: 「（外部委託先は、日本システム技術（株） TEL 06-4560-1050）」,
//! 「（特定保健指導の外部委託先は、A TEL …、B TEL …）」. Names are kept as written; one company
//! is one contractor when the contractor index would say so (same normalised name and number).

use crate::text::company::{normalize_name, normalize_phone};

use super::identity::half_width;

/// A contractor as an item's note names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Named {
    pub name: String,
    pub phone: Option<String>,
}

/// A note read: the words before 「は、」 when they are not 「外部委託先」, and the contractors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub label: Option<String>,
    pub contractors: Vec<Named>,
}

/// Splits an item's text from a contractor note at its end, if it has one:
/// 「出産者に対する育児書の配布（外部委託先は、…）」 → (「出産者に対する育児書の配布」, note).
pub fn split_note(text: &str) -> (String, Option<Note>) {
    let text = text.trim();
    let Some(open) = text.rfind(['（', '(']).and_then(|_| note_start(text)) else {
        return (text.to_string(), None);
    };
    match note(&text[open..]) {
        Some(note) => (text[..open].trim().to_string(), Some(note)),
        None => (text.to_string(), None),
    }
}

/// Where a note opens: the bracket before 「…委託先は、」.
fn note_start(text: &str) -> Option<usize> {
    let at = text.find("委託先は")?;
    text[..at].rfind(['（', '('])
}

/// Reads a whole note, brackets included; `None` when it names no contractor.
pub fn note(text: &str) -> Option<Note> {
    let inner = text
        .trim()
        .strip_prefix(['（', '('])?
        .strip_suffix([')', '）'])?
        .trim();
    let (label, list) = inner.split_once("は、")?;
    if !label.ends_with("委託先") {
        return None;
    }
    let contractors: Vec<Named> = entries(list)
        .into_iter()
        .filter_map(|e| named(&e))
        .collect();
    if contractors.is_empty() {
        return None;
    }
    let label = (label != "外部委託先").then(|| label.to_string());
    Some(Note { label, contractors })
}

/// Splits the list at 「、」 outside brackets: 「A TEL 1、(株)B TEL 2」 → [A TEL 1, (株)B TEL 2].
fn entries(list: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut depth = 0i32;
    for c in list.chars() {
        match c {
            '(' | '（' => depth += 1,
            ')' | '）' => depth -= 1,
            _ => {}
        }
        if c == '、' && depth == 0 {
            out.push(String::new());
        } else if let Some(last) = out.last_mut() {
            last.push(c);
        }
    }
    out
}

/// 「日本システム技術（株） TEL 06-4560-1050」 → name and phone.
fn named(entry: &str) -> Option<Named> {
    let entry = entry.trim();
    let at = ["TEL", "ＴＥＬ", "Tel", "電話"]
        .iter()
        .filter_map(|k| entry.find(k).map(|i| (i, k.len())))
        .min();
    let (name, phone) = match at {
        Some((i, len)) => {
            let number: String = half_width(&entry[i + len..])
                .trim_start_matches([' ', ':', '：'])
                .chars()
                .take_while(|c| c.is_ascii_digit() || *c == '-')
                .collect();
            (
                entry[..i].trim(),
                Some(number).filter(|n| n.split('-').count() == 3),
            )
        }
        None => (entry, None),
    };
    (!name.is_empty()).then(|| Named {
        name: name.to_string(),
        phone,
    })
}

/// The contractors of a whole page, one entry each, with readable ids: a Latin name gives its
/// letters (`rizap`), others `itaku-1`, `itaku-2`… (委託).
#[derive(Debug, Default)]
pub struct Registry {
    pub entries: Vec<(String, Named)>,
}

impl Registry {
    /// The id of this contractor, if it has one (any spelling of the same company and number).
    pub fn find(&self, named: &Named) -> Option<&str> {
        let key = |n: &Named| {
            (
                normalize_name(&n.name),
                n.phone.as_deref().map(normalize_phone),
            )
        };
        let wanted = key(named);
        self.entries
            .iter()
            .find(|(_, n)| key(n) == wanted)
            .map(|(id, _)| id.as_str())
    }

    /// The id of this contractor, added when new.
    pub fn id_of(&mut self, named: &Named) -> String {
        if let Some(id) = self.find(named) {
            return id.to_string();
        }
        let latin: String = half_width(&named.name)
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .map(|c| c.to_ascii_lowercase())
            .collect();
        let stem = if latin.len() >= 3 {
            latin
        } else {
            "itaku".to_string()
        };
        let id = (1..)
            .map(|n| {
                if n == 1 && stem != "itaku" {
                    stem.clone()
                } else {
                    format!("{stem}-{n}")
                }
            })
            .find(|id| self.entries.iter().all(|(taken, _)| taken != id))
            .unwrap_or(stem);
        self.entries.push((id.clone(), named.clone()));
        id
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_after_items() {
        let (text, note) = split_note(
            "出産者に対する育児書の配布（外部委託先は、(株)赤ちゃんとママ社 TEL 03-5367-6591)",
        );
        assert_eq!(text, "出産者に対する育児書の配布");
        let note = note.expect("a note");
        assert_eq!(note.label, None);
        assert_eq!(
            note.contractors,
            vec![Named {
                name: "(株)赤ちゃんとママ社".into(),
                phone: Some("03-5367-6591".into())
            }]
        );
        let note = super::note("(特定保健指導の外部委託先は、日本予防医学協会 TEL 06-6362-9042、RIZAP(株) TEL 06-6454-7757)")
            .expect("a note");
        assert_eq!(note.label.as_deref(), Some("特定保健指導の外部委託先"));
        assert_eq!(note.contractors.len(), 2);
    }

    #[test]
    fn one_company_one_id() {
        let mut registry = Registry::default();
        let a = Named {
            name: "日本システム技術(株)".into(),
            phone: Some("06-4560-1050".into()),
        };
        let b = Named {
            name: "日本システム技術（株）".into(),
            phone: Some("06-4560-1050".into()),
        };
        let r = Named {
            name: "RIZAP(株)".into(),
            phone: None,
        };
        assert_eq!(registry.id_of(&a), "itaku-1");
        assert_eq!(registry.id_of(&b), "itaku-1");
        assert_eq!(registry.id_of(&r), "rizap");
    }
}
