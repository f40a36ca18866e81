//! What `serve` prints on the terminal: one line per rebuild, after the diagnostics it found,
//! in the user's language.

use super::engine::Event;
use super::state::Change;
use crate::diagnostic::Lang;
use crate::diagnostic::messages::serve as words;

/// Prints what a run of the engine did.
pub(crate) fn report(events: &[Event], lang: Lang) {
    for event in events {
        for d in problems(event) {
            eprint!("{}", d.render(lang));
        }
        if let Some(line) = line(event, lang) {
            println!("{line}");
        }
    }
}

fn problems(event: &Event) -> &[crate::diagnostic::Diagnostic] {
    match event {
        Event::ProjectFailed { problems, .. }
        | Event::All { problems, .. }
        | Event::Unions { problems, .. }
        | Event::Problems(problems) => problems,
        Event::Stylesheet { .. } => &[],
    }
}

/// The one line a rebuild ends with (the words are in `diagnostic::messages::serve`).
fn line(event: &Event, lang: Lang) -> Option<String> {
    Some(match event {
        Event::ProjectFailed { first, ms, .. } => words::project_failed(lang, *first, *ms),
        Event::Stylesheet {
            swapped,
            change,
            ms,
        } => words::stylesheet(lang, *swapped, *ms, word(*change)),
        Event::All {
            first,
            built,
            failed,
            warnings,
            change,
            ms,
            ..
        } => {
            let change = (!*first).then(|| word(*change));
            words::all_built(lang, *built, *ms, change, failed, *warnings)
        }
        Event::Unions {
            built,
            removed,
            failed,
            change,
            ms,
            ..
        } => words::unions_changed(lang, built, removed, failed, *ms, word(*change)),
        Event::Problems(_) => return None,
    })
}

fn word(change: Change) -> words::Change {
    match change {
        Change::None => words::Change::None,
        Change::Css => words::Change::Css,
        Change::Pages => words::Change::Pages,
    }
}
