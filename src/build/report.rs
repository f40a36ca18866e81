//! What a build did: each union's outcome, and the summary line a build ends with.

use std::path::PathBuf;
use std::time::Duration;

use crate::diagnostic::messages::build as messages;
use crate::diagnostic::{Diagnostic, Lang, Severity};
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
        /// What `kumiai check` finds in it (kept with its stamp and manifest when skipped).
        findings: Findings,
    },
    Failed {
        slug: String,
        problems: Vec<Diagnostic>,
    },
}

/// How many errors and warnings `kumiai check` finds in a union: the same findings, from the
/// same pipeline (`pipeline::Rendered::findings`), counted when the union is rendered and kept
/// in its manifest and stamp, so a build that skips it still counts them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Findings {
    pub errors: usize,
    pub warnings: usize,
}

impl Findings {
    /// Counts a list of findings by severity (acknowledged ones are neither).
    pub fn of(found: &[Diagnostic]) -> Findings {
        let count = |s| found.iter().filter(|d| d.severity == s).count();
        Findings {
            errors: count(Severity::Error),
            warnings: count(Severity::Warning),
        }
    }

    /// True when there is neither an error nor a warning.
    pub fn is_empty(&self) -> bool {
        self.errors == 0 && self.warnings == 0
    }

    /// `<errors> <warnings>`, as a manifest and a stamp keep it; `None` when empty, so a
    /// union without findings keeps the manifest it always had.
    pub fn to_line(&self) -> Option<String> {
        (!self.is_empty()).then(|| format!("{} {}", self.errors, self.warnings))
    }

    /// The counts of [`Findings::to_line`]; none when the line is absent or not understood.
    pub fn parse(line: &str) -> Findings {
        let mut numbers = line.split(' ').map(|n| n.parse().unwrap_or(0));
        Findings {
            errors: numbers.next().unwrap_or(0),
            warnings: numbers.next().unwrap_or(0),
        }
    }
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
    /// The findings of the project itself (a base older than kumiai's, `base-behind`), which
    /// `check` reports beside the unions'.
    pub project_findings: Findings,
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

    /// The errors and warnings `kumiai check` would report: the project's own, then every
    /// union's (a union that failed counts the problems that stopped it).
    pub fn findings(&self) -> Findings {
        let mut all = self.project_findings;
        for (_, f) in self.findings_by_union() {
            all.errors += f.errors;
            all.warnings += f.warnings;
        }
        all
    }

    /// The unions with an error or a warning, in slug order, and their counts.
    pub fn findings_by_union(&self) -> Vec<(&str, Findings)> {
        self.outcomes
            .iter()
            .map(|o| match o {
                UnionOutcome::Built { slug, findings, .. } => (slug.as_str(), *findings),
                UnionOutcome::Failed { slug, problems } => (slug.as_str(), Findings::of(problems)),
            })
            .filter(|(_, f)| !f.is_empty())
            .collect()
    }

    /// True for `build --deny-warnings`: a warning fails the build as an error does.
    pub fn succeeded_denying_warnings(&self, deny_warnings: bool) -> bool {
        self.succeeded() && !(deny_warnings && self.findings().warnings > 0)
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
        let findings = self.findings();
        let findings_summary = (!findings.is_empty()).then(|| {
            let mut unions: Vec<String> = Vec::new();
            if !self.project_findings.is_empty() {
                unions.push("content/".to_string());
            }
            unions.extend(
                self.findings_by_union()
                    .into_iter()
                    .map(|(slug, _)| slug.to_string()),
            );
            messages::FindingsSummary {
                errors: findings.errors,
                warnings: findings.warnings,
                unions,
            }
        });
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
                findings: findings_summary.as_ref(),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn findings_round_trip_through_the_manifest_line() {
        let findings = Findings {
            errors: 1,
            warnings: 2,
        };
        assert_eq!(
            Findings::parse(&findings.to_line().unwrap_or_default()),
            findings
        );
        assert_eq!(Findings::default().to_line(), None);
    }
}
