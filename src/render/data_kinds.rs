//! The table of personal data by kind (`[[data_kind]]`) ready to show on the purposes page.

use serde::Serialize;

use super::theme::Theme;
use crate::model::{DataKindsPosition, UnionSite};

/// `data_kinds` in the purposes page's context (partials/data_kinds.html).
#[derive(Serialize)]
pub struct DataKindsView {
    /// The two column headers.
    pub headers: [String; 2],
    /// The text before and after the table, as HTML.
    pub intro: Option<String>,
    pub note: Option<String>,
    /// Before or after the sections.
    pub position: DataKindsPosition,
    pub rows: Vec<DataKindRow>,
}

/// One row: a kind of data and its purposes, joined as the seed writes them.
#[derive(Serialize)]
pub struct DataKindRow {
    pub id: String,
    pub name: String,
    pub purposes: String,
}

/// The view of a site's table, if it has one.
pub fn view(site: &UnionSite, theme: &Theme, minify: bool) -> Option<DataKindsView> {
    let table = site.data_kinds.as_ref()?;
    let html = |md: &Option<String>| md.as_ref().map(|t| theme.body_html(t, minify).to_string());
    Some(DataKindsView {
        headers: table.headers.clone(),
        intro: html(&table.intro),
        note: html(&table.note),
        position: table.position,
        rows: table
            .kinds
            .iter()
            .map(|k| DataKindRow {
                id: k.id.clone(),
                name: k.name.clone(),
                purposes: k.purposes.join("、"),
            })
            .collect(),
    })
}
