//! The values an override gives: no placeholders inside them, a fee that does not name
//! itself, contractors that are used, real dates.

use chrono::{Datelike, NaiveDate};
use toml::Spanned;

use super::{Merger, near_help};
use crate::diagnostic::{Diagnostic, nearest};
use crate::load::to_date;
use crate::model::{Base, BaseMeta, Contractor, Dates, Revision};

/// The earliest date a union's policy can carry: the Health Insurance Act (健康保険法) of 1922
/// created the unions, and 和暦 from 大正 on shows every day since.
pub const EARLIEST: (i32, u32, u32) = (1922, 1, 1);

/// How many years ahead of today a date may lie (a revision in effect from next April is
/// written in advance; 2204 for 2024 is a typo).
pub const YEARS_AHEAD: i32 = 5;

/// A real day that a union's policy can carry: not before [`EARLIEST`], not more than
/// [`YEARS_AHEAD`] years ahead.
fn plausible(date: NaiveDate) -> Result<NaiveDate, (String, String)> {
    let (y, m, d) = EARLIEST;
    let earliest = NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN);
    if date < earliest {
        return Err((
            format!(
                "{date} is before {earliest}: no health insurance union's policy is older than the Health Insurance Act of 1922, and 和暦 cannot show it; check the year (written YYYY-MM-DD, e.g. 2005-04-01)"
            ),
            format!(
                "{date} は {earliest} より前の日付です。健康保険組合の方針は健康保険法（大正11年）より古くはなく、和暦でも表せません。年を確かめてください（例: 2005-04-01）"
            ),
        ));
    }
    let today = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .ok()
        .and_then(|d| chrono::DateTime::from_timestamp(i64::try_from(d.as_secs()).ok()?, 0))
        .map_or(NaiveDate::MAX, |t| t.date_naive());
    let latest =
        NaiveDate::from_ymd_opt(today.year() + YEARS_AHEAD, 12, 31).unwrap_or(NaiveDate::MAX);
    if date > latest {
        return Err((
            format!(
                "{date} is more than {YEARS_AHEAD} years ahead (after {latest}); check the year, e.g. 2024 written as 2204"
            ),
            format!(
                "{date} は {YEARS_AHEAD} 年以上先（{latest} より後）の日付です。年を確かめてください（2024 を 2204 と書いていませんか）"
            ),
        ));
    }
    Ok(date)
}

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
                &u.privacy_officer,
                &u.phone,
                &u.fax,
                &u.letterhead,
                &u.published_url,
                &u.logo,
                &u.logo_alt,
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

    /// The base's values as this union's text sees them: `[wording] mynumber_clause` gives the
    /// union's own `{{ base.mynumber_clause }}` (in the base's text too; that text itself is
    /// kept). The value is plain: placeholders are filled one level deep, so none may be in it.
    pub(super) fn base_meta(&mut self, base: &Base) -> BaseMeta {
        let mut meta = base.meta.clone();
        let Some(clause) = &self.file.doc.wording.mynumber_clause else {
            return meta;
        };
        let value = clause.get_ref();
        if value.trim().is_empty() || !crate::text::placeholders::names_in(value).is_empty() {
            self.error_help(
                clause,
                "invalid-value",
                (
                    "`mynumber_clause` must be the clause itself, not empty and without `{{ … }}`"
                        .into(),
                    "`mynumber_clause` には条項そのものを書いてください（空や `{{ … }}` は不可）"
                        .into(),
                ),
                (
                    "for example `mynumber_clause = \"番号法第19条第8号\"`".into(),
                    "例: `mynumber_clause = \"番号法第19条第8号\"`".into(),
                ),
            );
            return meta;
        }
        meta.mynumber_clause = value.clone();
        meta
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
            .chain(super::compact::contractors(doc))
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
            match to_date(*value.get_ref()).and_then(plausible) {
                Ok(d) => Some(d),
                Err((en, ja)) => {
                    let d = self
                        .file
                        .error_at(value, en)
                        .rule("date")
                        .with_suggestion(
                            "write a real date, year-month-day without quotes, e.g. 2005-04-01 (check the year)",
                        )
                        .ja(
                            ja,
                            Some(
                                "2005-04-01 のように、暦にある日付を 年-月-日 の形で引用符なしで書いてください（年も確かめてください）"
                                    .into(),
                            ),
                        );
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
