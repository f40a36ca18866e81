//! `[[data_kind]]` and `[data_kinds]`: the table of personal data by kind, checked and built.

use std::collections::HashSet;

use toml::Spanned;

use super::Merger;
use crate::model::{DataKind, DataKindTable};

/// The column headers when the union gives none (seed 003's words).
pub(super) const DEFAULT_HEADERS: [&str; 2] = ["個人情報の類型", "利用目的"];

impl Merger<'_> {
    /// The table, when the union writes at least one `[[data_kind]]`.
    pub(super) fn data_kinds(&mut self) -> Option<DataKindTable> {
        let doc = &self.file.doc;
        let settings = &doc.data_kinds;
        if doc.data_kind.is_empty() {
            self.settings_without_rows();
            return None;
        }
        let mut kinds = Vec::with_capacity(doc.data_kind.len());
        let mut seen: HashSet<String> = HashSet::new();
        for (n, row) in doc.data_kind.iter().enumerate() {
            let id = match &row.id {
                Some(id) if !self.valid_new_id(id, 1, "qualification") => continue,
                Some(id) if seen.contains(id.get_ref()) => {
                    self.kind_twice(id);
                    continue;
                }
                Some(id) => id.get_ref().clone(),
                None => (n + 1).to_string(),
            };
            seen.insert(id.clone());
            let purposes: Vec<String> = row.purposes.get_ref().0.clone();
            if row.name.get_ref().trim().is_empty() {
                self.empty_cell(&row.name, "name", "\"資格に関する情報\"");
            }
            if purposes.is_empty() || purposes.iter().any(|p| p.trim().is_empty()) {
                self.empty_cell(&row.purposes, "purposes", "[\"加入者の管理\"]");
            }
            kinds.push(DataKind {
                id,
                name: row.name.get_ref().clone(),
                purposes,
            });
        }
        Some(DataKindTable {
            headers: self.headers(),
            intro: settings.intro.as_ref().map(|t| t.get_ref().clone()),
            note: settings.note.as_ref().map(|t| t.get_ref().clone()),
            position: settings
                .position
                .as_ref()
                .map(|p| *p.get_ref())
                .unwrap_or_default(),
            kinds,
        })
    }

    fn headers(&mut self) -> [String; 2] {
        let default = DEFAULT_HEADERS.map(String::from);
        let Some(given) = &self.file.doc.data_kinds.headers else {
            return default;
        };
        match given.get_ref().as_slice() {
            [left, right] if !left.trim().is_empty() && !right.trim().is_empty() => {
                [left.clone(), right.clone()]
            }
            _ => {
                let d = self
                    .file
                    .error_at(given, "`headers` must be two column headers, neither empty")
                    .rule("invalid-value")
                    .with_suggestion("for example `headers = [\"個人情報の類型\", \"利用目的\"]`")
                    .ja(
                        "`headers` には空でない列見出しを2つ書いてください",
                        Some("例: `headers = [\"個人情報の類型\", \"利用目的\"]`".into()),
                    );
                self.problems.push(d);
                default
            }
        }
    }

    /// `[data_kinds]` settings with no `[[data_kind]]` row would show nothing, silently.
    fn settings_without_rows(&mut self) {
        let settings = &self.file.doc.data_kinds;
        let given = [
            settings.headers.as_ref().map(Spanned::span),
            settings.intro.as_ref().map(Spanned::span),
            settings.note.as_ref().map(Spanned::span),
            settings.position.as_ref().map(Spanned::span),
        ];
        let Some(span) = given.into_iter().flatten().min_by_key(|s| s.start) else {
            return;
        };
        let at = Spanned::new(span, ());
        let d = self
            .file
            .error_at(
                &at,
                "[data_kinds] is set but there is no [[data_kind]] row to show",
            )
            .rule("missing-content")
            .with_suggestion("add rows: [[data_kind]] name = \"…\", purposes = [\"…\"]")
            .ja(
                "[data_kinds] がありますが、表に出す [[data_kind]] がありません",
                Some("行を加えてください: [[data_kind]] name = \"…\", purposes = [\"…\"]".into()),
            );
        self.problems.push(d);
    }

    fn kind_twice(&mut self, id: &Spanned<String>) {
        let raw = id.get_ref();
        let d = self
            .file
            .error_at(id, format!("[[data_kind]] id `{raw}` is used twice"))
            .rule("duplicate-id")
            .with_suggestion("give each [[data_kind]] its own id, or leave `id` out")
            .ja(
                format!("[[data_kind]] の id `{raw}` が二度使われています"),
                Some("[[data_kind]] ごとに別の id を付けるか、id を省いてください".into()),
            );
        self.problems.push(d);
    }

    fn empty_cell<T>(&mut self, at: &Spanned<T>, key: &str, example: &str) {
        let d = self
            .file
            .error_at(
                at,
                format!("[[data_kind]] `{key}` is empty: the table would show an empty cell"),
            )
            .rule("missing-content")
            .with_suggestion(format!("write it, e.g. `{key} = {example}`"))
            .ja(
                format!("[[data_kind]] の `{key}` が空です。表に空の欄ができてしまいます"),
                Some(format!("例: `{key} = {example}`")),
            );
        self.problems.push(d);
    }
}
