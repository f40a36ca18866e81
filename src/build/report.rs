//! What a build did: each union's outcome, and the summary line a build ends with.

use std::path::PathBuf;
use std::time::Duration;

use crate::diagnostic::Diagnostic;
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

    /// The one summary line a build ends with.
    pub fn summary(&self) -> String {
        let built = self.outcomes.len() - self.failed().len();
        let failed = self.failed().len();
        let mut line = format!(
            "built {built} union{} ({} pages) in {} ms into {}",
            if built == 1 { "" } else { "s" },
            self.pages(),
            self.elapsed.as_millis(),
            self.output.display()
        );
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
        if unchanged > 0 {
            line.push_str(&format!("; {unchanged} unchanged"));
        }
        if failed > 0 {
            line.push_str(&format!(
                "; {failed} failed ({}), their previous output left untouched",
                self.failed().join(", ")
            ));
        }
        let incomplete = self.incomplete();
        if !incomplete.is_empty() {
            let list: Vec<String> = incomplete
                .iter()
                .map(|(slug, items)| {
                    let items: Vec<&str> = items.iter().map(|i| i.ja()).collect();
                    format!("{slug}: {}", items.join("・"))
                })
                .collect();
            line.push_str(&format!(
                "; {} incomplete, published without what the law requires ({}): see `kumiai check`",
                incomplete.len(),
                list.join("; ")
            ));
        }
        if !self.gone.removed.is_empty() {
            line.push_str(&format!(
                "; removed the site{} of {} union{} no longer in unions/ ({})",
                plural(self.gone.removed.len()),
                self.gone.removed.len(),
                plural(self.gone.removed.len()),
                names(&self.gone.removed)
            ));
        }
        if !self.gone.left_files.is_empty() {
            line.push_str(&format!(
                "; files kumiai did not write were left in {}",
                names(&self.gone.left_files)
            ));
        }
        if let Some(note) = self.kept_note() {
            line.push_str("; ");
            line.push_str(&note);
        }
        if let Some(e) = &self.federation_error {
            line.push_str(&format!(
                "; the portal and the federation's files were NOT all written ({e})"
            ));
        }
        if self.waited {
            line.push_str("; waited for another build into the same folder first");
        }
        line
    }

    /// What the build kept of unions gone from `unions/`, and how to remove them.
    pub fn kept_note(&self) -> Option<String> {
        let kept = &self.gone.kept;
        (!kept.is_empty()).then(|| {
            format!(
                "kept the site{} of {} union{} no longer in unions/ ({}): removing this many at \
                 once needs `kumiai build --prune`",
                plural(kept.len()),
                kept.len(),
                plural(kept.len()),
                names(kept)
            )
        })
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// Up to five names, then how many more.
fn names(all: &[String]) -> String {
    let mut text = all.iter().take(5).cloned().collect::<Vec<_>>().join(", ");
    if all.len() > 5 {
        text.push_str(&format!(" and {} more", all.len() - 5));
    }
    text
}
