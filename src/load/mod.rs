//! Stage 1, load: `kumiai.toml`, the base in `content/`, and each union's override in `unions/`.

pub mod assets;
pub mod base;
pub mod config;
pub mod fields;
pub mod format;
pub mod history;
pub mod links;
pub mod pages;
pub mod schema;
pub mod source;
pub mod toml_check;
pub mod toml_explain;
pub mod toml_syntax;
pub mod tree;
pub mod union;

use chrono::NaiveDate;

pub use base::load_base;
pub use config::Config;
pub use union::{UnionFile, list_unions, load_union};

/// Turns a TOML date literal into a calendar date, refusing times and impossible days.
/// The error is given in English and Japanese.
pub fn to_date(value: toml::value::Datetime) -> Result<NaiveDate, (String, String)> {
    let (Some(date), None) = (value.date, value.time) else {
        return Err((
            format!("`{value}` is not a plain date; write it as YYYY-MM-DD, e.g. 2024-12-02"),
            format!(
                "`{value}` は日付だけの形ではありません。2024-12-02 のように 年-月-日 で書いてください"
            ),
        ));
    };
    NaiveDate::from_ymd_opt(
        i32::from(date.year),
        u32::from(date.month),
        u32::from(date.day),
    )
    .ok_or_else(|| {
        (
            format!("{value} is not a real day of the calendar"),
            format!("{value} という日は暦にありません"),
        )
    })
}
