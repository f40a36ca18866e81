//! The overlay's payload: the same diagnostics as `kumiai check`, as JSON for the browser.

use serde::Serialize;

use crate::diagnostic::messages::serve::{OverlayWords, overlay_words};
use crate::diagnostic::{Diagnostic, Lang, Severity};

/// At most this many diagnostics go to a browser at once; the rest are counted.
const OVERLAY_LIMIT: usize = 200;

/// The JSON of an `errors` / `ok` event: the same diagnostics as `kumiai check`, with each one's
/// code frame parts, so the overlay can build its DOM from plain text.
#[derive(Serialize)]
pub(crate) struct Payload<'a> {
    pub lang: &'static str,
    pub errors: usize,
    pub warnings: usize,
    pub notes: usize,
    /// Diagnostics left out of `diagnostics` because there were too many.
    pub omitted: usize,
    pub diagnostics: Vec<PayloadItem<'a>>,
    /// The overlay's fixed words, in `lang`.
    pub words: OverlayWords,
}

#[derive(Serialize)]
pub(crate) struct PayloadItem<'a> {
    pub severity: Severity,
    pub rule: &'a str,
    pub file: String,
    pub line: usize,
    pub column: usize,
    /// `file:line:column` (or just `file` when the problem is the whole file).
    pub location: String,
    pub message: &'a str,
    pub suggestion: Option<&'a str>,
    pub acknowledged: Option<&'a str>,
    pub source_line: Option<&'a str>,
    pub width: usize,
    /// The whole diagnostic as `kumiai check` prints it, code frame included.
    pub text: String,
}

impl<'a> Payload<'a> {
    pub fn new(list: &[&'a Diagnostic], lang: Lang) -> Self {
        let count = |s: Severity| list.iter().filter(|d| d.severity == s).count();
        let diagnostics = list
            .iter()
            .take(OVERLAY_LIMIT)
            .map(|d| {
                let file = d.file.display().to_string();
                PayloadItem {
                    severity: d.severity,
                    rule: d.rule,
                    location: if d.line == 0 {
                        file.clone()
                    } else {
                        format!("{file}:{}:{}", d.line, d.column)
                    },
                    file,
                    line: d.line,
                    column: d.column,
                    message: d.message_in(lang),
                    suggestion: d.suggestion_in(lang),
                    acknowledged: d.acknowledged.as_deref(),
                    source_line: d.source_line.as_deref(),
                    width: d.width,
                    text: d.render(lang),
                }
            })
            .collect();
        Payload {
            lang: match lang {
                Lang::En => "en",
                Lang::Ja => "ja",
            },
            errors: count(Severity::Error),
            warnings: count(Severity::Warning),
            notes: count(Severity::Note),
            omitted: list.len().saturating_sub(OVERLAY_LIMIT),
            diagnostics,
            words: overlay_words(lang),
        }
    }
}
