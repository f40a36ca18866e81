//! What a build did: each union's outcome, and the summary line a build ends with.

use std::path::PathBuf;
use std::time::Duration;

use crate::diagnostic::messages::build as messages;
use crate::diagnostic::{Diagnostic, Lang};
use crate::federation::record::UnionRecord;
use crate::output::prune::Gone;
use crate::publish::LegalItem;

/// The outcome of one union.
pub enum UnionOutcome {
    Built {
        slug: String,
        name: String,
        pages: usize,
        /// True when the inputs were unchanged and nothing was rendered or written.
        unchanged: bool,
        /// What the site was built from (see [`crate::fingerprint`]).
        fingerprint: String,
        /// What the federation's files need of it, when it was rendered.
        record: Option<Box<UnionRecord>>,
        /// The Art. 32 items its published site lacks without an acknowledgement: published
        /// all the same (so base fixes reach it), but incomplete.
        incomplete: Vec<LegalItem>,
    },
    Failed {
        slug: String,
        problems: Vec<Diagnostic>,
    },
}

/// What a build did.
pub struct BuildReport {
    pub outcomes: Vec<UnionOutcome>,
    pub elapsed: Duration,
    pub output: PathBuf,
    /// Why the portal and the federation's files could not be written, if they could not.
    pub federation_error: Option<String>,
    /// The sites of unions gone from `unions/`: removed or kept.
    pub gone: Gone,
    /// True when the build first waited for another build into the same output folder.
    pub waited: bool,
}

impl BuildReport {
    /// Slugs of the unions that failed.
    pub fn failed(&self) -> Vec<&str> {
        self.outcomes
            .iter()
            .filter_map(|o| match o {
                UnionOutcome::Failed { slug, .. } => Some(slug.as_str()),
                UnionOutcome::Built { .. } => None,
            })
            .collect()
    }

    /// Pages written (or confirmed unchanged) across all built unions.
    pub fn pages(&self) -> usize {
        self.outcomes
            .iter()
            .map(|o| match o {
                UnionOutcome::Built { pages, .. } => *pages,
                UnionOutcome::Failed { .. } => 0,
            })
            .sum()
    }

    /// The unions published without every Art. 32 item, with what each lacks.
    pub fn incomplete(&self) -> Vec<(&str, &[LegalItem])> {
        self.outcomes
            .iter()
            .filter_map(|o| match o {
                UnionOutcome::Built {
                    slug, incomplete, ..
                } if !incomplete.is_empty() => Some((slug.as_str(), incomplete.as_slice())),
                _ => None,
            })
            .collect()
    }

    /// True when every union built and is complete: the exit code a build reports.
    pub fn succeeded(&self) -> bool {
        !self.any_failed() && self.incomplete().is_empty()
    }

    /// True when anything failed: a union, or the federation's files.
    pub fn any_failed(&self) -> bool {
        !self.failed().is_empty() || self.federation_error.is_some()
    }

    /// The one summary line a build ends with, in English.
    pub fn summary(&self) -> String {
        self.summary_in(Lang::En)
    }

    /// The one summary line a build ends with, in the language (the words are in
    /// `diagnostic::messages::build`).
    pub fn summary_in(&self, lang: Lang) -> String {
        let failed = self.failed();
        let unchanged = self
            .outcomes
            .iter()
            .filter(|o| {
                matches!(
                    o,
                    UnionOutcome::Built {
                        unchanged: true,
                        ..
                    }
                )
            })
            .count();
        let incomplete: Vec<(&str, Vec<&str>)> = self
            .incomplete()
            .into_iter()
            .map(|(slug, items)| (slug, items.iter().map(|i| i.ja()).collect()))
            .collect();
        messages::summary(
            lang,
            &messages::Summary {
                built: self.outcomes.len() - failed.len(),
                pages: self.pages(),
                ms: self.elapsed.as_millis(),
                output: &self.output,
                unchanged,
                failed: &failed,
                incomplete: &incomplete,
                removed: &self.gone.removed,
                left_files: &self.gone.left_files,
                kept: &self.gone.kept,
                federation_error: self.federation_error.as_deref(),
                waited: self.waited,
            },
        )
    }

    /// What the build kept of unions gone from `unions/`, and how to remove them (English).
    pub fn kept_note(&self) -> Option<String> {
        self.kept_note_in(Lang::En)
    }

    /// What the build kept of unions gone from `unions/`, in the language.
    pub fn kept_note_in(&self, lang: Lang) -> Option<String> {
        messages::kept_note(lang, &self.gone.kept)
    }
}
