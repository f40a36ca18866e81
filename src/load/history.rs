//! `[[section.group.item.history]]` in `content/purposes.toml`: the earlier wordings of a base
//! item, each with the day it was replaced. Checked here so a slip in the federation's own file
//! is reported at its line, like a union's.

use std::path::Path;

use chrono::NaiveDate;
use serde::Deserialize;
use toml::Spanned;
use toml::value::Datetime;

use super::to_date;
use crate::diagnostic::Diagnostic;
use crate::model::ItemChange;

/// One earlier wording of an item, as written in `content/purposes.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HistoryDoc {
    /// The day this text stopped being the base's (the new text took effect that day).
    pub until: Spanned<Datetime>,
    /// The text before that day.
    pub text: String,
}

/// Where the history is read from, and the base's changelog dates it must match.
pub struct HistoryCheck<'a> {
    pub path: &'a Path,
    pub source: &'a str,
    pub changelog: &'a [NaiveDate],
}

impl HistoryCheck<'_> {
    /// The item's changes, oldest first; every mistake is pushed to `problems`.
    pub fn changes(
        &self,
        id: &str,
        current: &str,
        history: &[HistoryDoc],
        problems: &mut Vec<Diagnostic>,
    ) -> Vec<ItemChange> {
        let mut dated: Vec<(NaiveDate, &HistoryDoc)> = Vec::new();
        for entry in history {
            match to_date(*entry.until.get_ref()) {
                Ok(date) => {
                    if let Some(d) = self.order(id, &dated, date, entry) {
                        problems.push(d);
                    } else if let Some(d) = self.in_changelog(date, entry) {
                        problems.push(d);
                    } else {
                        dated.push((date, entry));
                    }
                }
                Err((en, ja)) => problems.push(
                    self.at(entry, format!("history of `{id}`: {en}"))
                        .rule("date")
                        .with_suggestion(
                            "write the day the new text took effect, e.g. until = 2024-12-02",
                        )
                        .ja(
                            format!("`{id}` の履歴: {ja}"),
                            Some(
                                "新しい文言になった日を until = 2024-12-02 のように書いてください"
                                    .to_string(),
                            ),
                        ),
                ),
            }
        }
        let mut changes = Vec::with_capacity(dated.len());
        for (n, (date, entry)) in dated.iter().enumerate() {
            let new = dated.get(n + 1).map_or(current, |(_, e)| e.text.as_str());
            if entry.text.trim().is_empty() || entry.text == new {
                problems.push(
                    self.at(entry, format!("history of `{id}`: the old text is empty or the same as the text that replaced it"))
                        .rule("invalid-value")
                        .with_suggestion("write the wording the item had before this date")
                        .ja(
                            format!("`{id}` の履歴: 旧文言が空か、置き換えた後の文言と同じです"),
                            Some("この日より前の文言を書いてください".to_string()),
                        ),
                );
                continue;
            }
            changes.push(ItemChange {
                id: id.to_string(),
                date: *date,
                old: entry.text.clone(),
                new: new.to_string(),
            });
        }
        changes
    }

    /// Entries must go oldest first, one per day, so "the text before" is unambiguous.
    fn order(
        &self,
        id: &str,
        earlier: &[(NaiveDate, &HistoryDoc)],
        date: NaiveDate,
        entry: &HistoryDoc,
    ) -> Option<Diagnostic> {
        let (last, _) = earlier.last()?;
        (date <= *last).then(|| {
            self.at(
                entry,
                format!("history of `{id}`: {date} is not after the entry before it ({last})"),
            )
            .rule("invalid-value")
            .with_suggestion("list the earlier texts oldest first, one entry per date")
            .ja(
                format!("`{id}` の履歴: {date} が一つ前の項目（{last}）より後になっていません"),
                Some("旧文言は古い順に、日付ごとに一つずつ書いてください".to_string()),
            )
        })
    }

    /// Every wording change belongs to a dated `[[changelog]]` note, which the history pages
    /// show; a date without one is most likely a typo in either.
    fn in_changelog(&self, date: NaiveDate, entry: &HistoryDoc) -> Option<Diagnostic> {
        if self.changelog.contains(&date) {
            return None;
        }
        let known: Vec<String> = self.changelog.iter().map(|d| d.to_string()).collect();
        let nearest = self
            .changelog
            .iter()
            .min_by_key(|d| (**d - date).num_days().abs())
            .map(|d| d.to_string());
        let (help, help_ja) = match nearest {
            Some(near) => (
                format!(
                    "did you mean until = {near}? Otherwise add a [[changelog]] entry dated {date} to content/base.toml (changelog dates: {})",
                    known.join(", ")
                ),
                format!(
                    "until = {near} の誤りではありませんか。そうでなければ content/base.toml に {date} の [[changelog]] を追加してください"
                ),
            ),
            None => (
                format!("add a [[changelog]] entry dated {date} to content/base.toml"),
                format!("content/base.toml に {date} の [[changelog]] を追加してください"),
            ),
        };
        Some(
            self.at(
                entry,
                format!("no [[changelog]] entry of content/base.toml is dated {date}"),
            )
            .rule("unknown-reference")
            .with_suggestion(help)
            .ja(
                format!("content/base.toml の [[changelog]] に {date} の項目がありません"),
                Some(help_ja),
            ),
        )
    }

    fn at(&self, entry: &HistoryDoc, message: String) -> Diagnostic {
        Diagnostic::at(self.path, self.source, entry.until.span(), message)
    }
}
