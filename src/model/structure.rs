//! The structure a union adds beside the base's sections: a table of personal data by kind
//! (個人情報の類型 → 利用目的), and the record of what it moved.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A table of the personal data a union holds, by kind, with what each is used for (seed 003's
/// 公表事項); shown on the purposes page beside the sections.
#[derive(Debug, Clone, Serialize)]
pub struct DataKindTable {
    /// The two column headers, default 「個人情報の類型」「利用目的」.
    pub headers: [String; 2],
    /// Markdown shown before the table.
    pub intro: Option<String>,
    /// Markdown shown after the table.
    pub note: Option<String>,
    pub position: DataKindsPosition,
    pub kinds: Vec<DataKind>,
}

/// One row of the data-kinds table.
#[derive(Debug, Clone, Serialize)]
pub struct DataKind {
    /// The union's id (`id = "…"`), else the row's 1-based number.
    pub id: String,
    /// e.g. 「資格に関する情報」.
    pub name: String,
    /// e.g. 「加入者の管理」, shown joined with 「、」.
    pub purposes: Vec<String>,
}

/// Where the data-kinds table stands on the purposes page, relative to the sections.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
#[schemars(
    description = "表の位置（利用目的のセクションとの前後） / Where the table stands, relative to the sections"
)]
pub enum DataKindsPosition {
    #[default]
    #[schemars(description = "セクションの前（既定） / Before the sections (default)")]
    Before,
    #[schemars(description = "セクションの後 / After the sections")]
    After,
}

impl DataKindTable {
    /// Every text of the table, for filling placeholders.
    pub fn texts_mut(&mut self) -> impl Iterator<Item = &mut String> {
        let rows = self
            .kinds
            .iter_mut()
            .flat_map(|k| std::iter::once(&mut k.name).chain(&mut k.purposes));
        self.headers
            .iter_mut()
            .chain(self.intro.iter_mut())
            .chain(self.note.iter_mut())
            .chain(rows)
    }
}

/// What a union moved: a section, group or item it placed elsewhere with `to`/`before`/`after`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Moved {
    pub what: MovedKind,
    /// The id it keeps wherever it goes.
    pub id: String,
}

/// Which level of the purposes a move is at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MovedKind {
    Section,
    Group,
    Item,
}
