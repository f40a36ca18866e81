//! What a build did: each union's outcome, and the summary line a build ends with.

use std::path::PathBuf;
use std::time::Duration;

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

    /// The one summary line a build ends with, in English (see [`BuildReport::summary_in`]).
    pub fn summary(&self) -> String {
        self.summary_in(Lang::En)
    }

    /// The one summary line a build ends with; what `check` would report is said in `lang`.
    pub fn summary_in(&self, lang: Lang) -> String {
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
        let findings = self.findings();
        if !findings.is_empty() {
            let mut unions: Vec<&str> = Vec::new();
            if !self.project_findings.is_empty() {
                unions.push("content/");
            }
            unions.extend(self.findings_by_union().into_iter().map(|(slug, _)| slug));
            line.push_str(&findings_clause(lang, findings, &unions));
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

/// `; 2 errors and 5 warnings (acom, tokyo-kiki and 3 more): `kumiai check` shows them`, the
/// part of the summary line that says what `check` would report.
pub fn findings_clause(lang: Lang, findings: Findings, unions: &[&str]) -> String {
    let Findings { errors, warnings } = findings;
    match lang {
        Lang::En => format!(
            "; {errors} error{} and {warnings} warning{} ({}): `kumiai check` shows them",
            plural(errors),
            plural(warnings),
            names_of(lang, unions)
        ),
        Lang::Ja => format!(
            "; エラー {errors} 件・警告 {warnings} 件（{}）: 内容は `kumiai check` で確認できます",
            names_of(lang, unions)
        ),
    }
}

/// Up to five of the unions with findings, then how many more: `a, b and 3 more` /
/// `a、b ほか 3 組合`.
pub fn names_of(lang: Lang, unions: &[&str]) -> String {
    let shown = unions.iter().take(5).copied();
    let more = unions.len().saturating_sub(5);
    match lang {
        Lang::En => {
            let mut text = shown.collect::<Vec<_>>().join(", ");
            if more > 0 {
                text.push_str(&format!(" and {more} more"));
            }
            text
        }
        Lang::Ja => {
            let mut text = shown.collect::<Vec<_>>().join("、");
            if more > 0 {
                text.push_str(&format!(" ほか {more} 組合"));
            }
            text
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_few_unions_are_named_then_how_many_more() {
        let unions = ["a", "b", "c", "d", "e", "f", "g"];
        assert_eq!(names_of(Lang::En, &unions), "a, b, c, d, e and 2 more");
        assert_eq!(names_of(Lang::Ja, &unions), "a、b、c、d、e ほか 2 組合");
        assert_eq!(names_of(Lang::Ja, &unions[..2]), "a、b");
        let findings = Findings {
            errors: 1,
            warnings: 2,
        };
        assert_eq!(
            findings_clause(Lang::En, findings, &unions[..1]),
            "; 1 error and 2 warnings (a): `kumiai check` shows them"
        );
        assert!(
            findings_clause(Lang::Ja, findings, &unions)
                .contains("エラー 1 件・警告 2 件（a、b、c、d、e ほか 2 組合）")
        );
        assert_eq!(
            Findings::parse(&findings.to_line().unwrap_or_default()),
            findings
        );
        assert_eq!(Findings::default().to_line(), None);
    }
}
