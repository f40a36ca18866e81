//! `kumiai ids [QUERY]`.

use std::path::Path;
use std::process::ExitCode;

use super::DiffFormat;
use crate::diagnostic::Lang;
use crate::staff::ids::{base_ids, filter, no_match, to_text};

/// Prints the base's ids (those matching `query`), as text or JSON; fails when none matches.
pub(super) fn ids(root: &Path, query: Option<&str>, format: DiffFormat, lang: Lang) -> ExitCode {
    use std::io::Write as _;
    let all = match base_ids(root) {
        Ok(all) => all,
        Err(problems) => return super::failed(problems.0, lang),
    };
    let rows = match query {
        Some(q) => filter(&all, q),
        None => all.clone(),
    };
    if let Some(q) = query
        && rows.is_empty()
    {
        eprintln!("{}", no_match(q, all.len(), lang));
        return ExitCode::FAILURE;
    }
    let bytes = match format {
        DiffFormat::Text => to_text(&rows, &all, query, lang).into_bytes(),
        DiffFormat::Json => crate::open_data::to_json(&rows),
    };
    // Written at once: a closed pipe (`| head`) is an ordinary end, not a panic.
    match std::io::stdout().write_all(&bytes) {
        Ok(()) => ExitCode::SUCCESS,
        Err(_) => ExitCode::FAILURE,
    }
}
