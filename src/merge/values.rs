//! The values an override gives: no placeholders inside them, a fee that does not name
//! itself, contractors that are used, real dates.

use toml::Spanned;

use super::{Merger, near_help};
use crate::diagnostic::{Diagnostic, nearest};
use crate::load::to_date;
use crate::model::{Contractor, Dates, Revision};

impl Merger<'_> {
    /// `[union]` and `[[contacts]]` hold the values placeholders stand for, not prose.
    pub(super) fn no_placeholders_in_values(&mut self) {
        let doc = &self.file.doc;
        let u = &doc.union;
        let mut values: Vec<&str> = vec![&u.name];
        values.extend(
            [
                &u.self_name,
                &u.representative,
                &u.postal_code,
                &u.address,
                &u.website,
            ]
            .into_iter()
            .flatten()
            .map(String::as_str),
        );
        for c in &doc.contacts {
            values.push(&c.department);
            values.extend(
                [
                    &c.postal_code,
                    &c.address,
                    &c.phone,
                    &c.fax,
                    &c.email,
                    &c.hours,
                    &c.closed,
                ]
                .into_iter()
                .flatten()
                .map(String::as_str),
            );
        }
        for value in values {
            if crate::text::placeholders::names_in(value).is_empty() {
                continue;
            }
            let file = self.file;
            let at = file.source.find(value).unwrap_or(0);
            self.problems.push(
                Diagnostic::at(&file.path, &file.source, at..at + value.len(), "[union] and [[contacts]] hold plain values: `{{ … }}` is not filled there")
                    .rule("placeholder")
                    .with_suggestion("write the value itself")
                    .ja(
                        "[union] と [[contacts]] には値そのものを書きます。`{{ … }}` は差し込まれません",
                        Some("値そのものを書いてください".to_string()),
                    ),
            );
        }
    }

    /// The fee statement is what `{{ wording.fee }}` shows: it cannot contain itself.
    pub(super) fn fee_names_itself(&mut self) {
        let Some(fee) = &self.file.doc.wording.fee else {
            return;
        };
        let names = crate::text::placeholders::names_in(fee);
        if names.contains(&"wording.fee") {
            let file = self.file;
            let at = file
                .source
                .find("fee =")
                .or_else(|| file.source.find("fee"))
                .unwrap_or(0);
            self.problems.push(
                Diagnostic::at(&file.path, &file.source, at..at + 3, "the fee statement names itself ({{ wording.fee }})")
                    .rule("placeholder")
                    .with_suggestion("write the fee itself, e.g. 「開示等の請求の手数料は無料です。」")
                    .ja(
                        "手数料の記載が自分自身（{{ wording.fee }}）を差し込んでいます",
                        Some("「開示等の請求の手数料は無料です。」のように手数料そのものを書いてください".to_string()),
                    ),
            );
        }
    }

    pub(super) fn check_contractors(&mut self, contractors: &[Contractor]) {
        let known: Vec<String> = contractors.iter().map(|c| c.id.clone()).collect();
        let doc = &self.file.doc;
        let refs: Vec<&Spanned<String>> = doc
            .item
            .iter()
            .flat_map(|e| &e.contractors)
            .chain(doc.new_item.iter().flat_map(|e| &e.contractors))
            .collect();
        for r in refs {
            if !known.contains(r.get_ref()) {
                let near = nearest(r.get_ref(), known.iter().map(String::as_str));
                let id = r.get_ref();
                let help = if known.is_empty() {
                    let table = format!("[contractors.{id}]\nname = \"…\"\nphone = \"…\"");
                    (
                        format!("define it first:\n{table}"),
                        format!("先に委託先を定義してください:\n{table}"),
                    )
                } else {
                    near_help(&near)
                };
                self.error_help(
                    r,
                    "unknown-reference",
                    (
                        format!("there is no contractor `{id}` in [contractors]"),
                        format!("[contractors] に委託先 `{id}` がありません"),
                    ),
                    help,
                );
            }
        }
    }

    pub(super) fn dates(&mut self) -> Dates {
        let doc = &self.file.doc.dates;
        let mut date = |value: &Option<Spanned<toml::value::Datetime>>| {
            let value = value.as_ref()?;
            match to_date(*value.get_ref()) {
                Ok(d) => Some(d),
                Err((en, ja)) => {
                    let d = self.file.error_at(value, en).rule("date").ja(ja, None);
                    self.problems.push(d);
                    None
                }
            }
        };
        let established = date(&doc.established);
        let effective = date(&doc.effective);
        let published = date(&doc.published);
        let revisions = doc
            .revisions
            .iter()
            .filter_map(|r| {
                Some(Revision {
                    date: date(&Some(r.date.clone()))?,
                    note: r.note.clone(),
                })
            })
            .collect();
        Dates {
            established,
            effective,
            published,
            revisions,
        }
    }
}
