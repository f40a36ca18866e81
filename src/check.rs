//! `kumiai check`: everything a build reads, validated and linted, nothing written.

use std::path::Path;

use rayon::prelude::*;
use serde::Serialize;

use crate::diagnostic::{Diagnostic, Diagnostics, Lang, Severity};
use crate::pipeline;
use crate::project::{Project, select_unions};

/// Every diagnostic of a check, in file order.
pub struct CheckReport {
    pub diagnostics: Vec<Diagnostic>,
    /// Unions looked at.
    pub unions: usize,
}

impl CheckReport {
    /// How many diagnostics have this severity.
    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    }

    /// True when the check passes: no error, and no warning either when they are denied.
    pub fn passed(&self, deny_warnings: bool) -> bool {
        self.count(Severity::Error) == 0 && !(deny_warnings && self.count(Severity::Warning) > 0)
    }

    /// The one summary line a check ends with.
    pub fn summary(&self, lang: Lang) -> String {
        let (errors, warnings, notes) = (
            self.count(Severity::Error),
            self.count(Severity::Warning),
            self.count(Severity::Note),
        );
        match lang {
            Lang::En => format!(
                "checked {} union{}: {errors} error{}, {warnings} warning{}, {notes} acknowledged",
                self.unions,
                if self.unions == 1 { "" } else { "s" },
                if errors == 1 { "" } else { "s" },
                if warnings == 1 { "" } else { "s" },
            ),
            Lang::Ja => format!(
                "{} 組合を確認しました: エラー {errors} 件、警告 {warnings} 件、確認済み {notes} 件",
                self.unions
            ),
        }
    }
}

/// Checks the project at `root`, or only the unions in `only`.
pub fn check(root: &Path, only: &[String]) -> CheckReport {
    let project = match Project::load(root) {
        Ok(project) => project,
        Err(e) => {
            let diagnostics = match e.downcast_ref::<Diagnostics>() {
                Some(Diagnostics(list)) => list.clone(),
                None => vec![Diagnostic::file(root, format!("{e:#}")).rule("project")],
            };
            return CheckReport {
                diagnostics,
                unions: 0,
            };
        }
    };
    let files = match select_unions(root, only) {
        Ok(files) => files,
        Err(e) => {
            return CheckReport {
                diagnostics: vec![
                    Diagnostic::file(&root.join("unions"), format!("{e:#}")).rule("project"),
                ],
                unions: 0,
            };
        }
    };
    let mut diagnostics: Vec<Diagnostic> = project.base_behind().into_iter().collect();
    diagnostics.par_extend(
        files
            .par_iter()
            .flat_map_iter(|path| pipeline::render_and_lint(&project, path).1),
    );
    CheckReport {
        diagnostics,
        unions: files.len(),
    }
}

/// One diagnostic as a JSON object, for `--format json`.
#[derive(Serialize)]
pub struct JsonDiagnostic<'a> {
    pub rule: &'a str,
    pub severity: Severity,
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub message: &'a str,
    pub suggestion: Option<&'a str>,
    pub acknowledged: Option<&'a str>,
}

impl<'a> JsonDiagnostic<'a> {
    /// The JSON view of `d`, with messages in `lang`.
    pub fn new(d: &'a Diagnostic, lang: Lang) -> Self {
        JsonDiagnostic {
            rule: d.rule,
            severity: d.severity,
            file: d.file.display().to_string(),
            line: d.line,
            column: d.column,
            message: d.message_in(lang),
            suggestion: d.suggestion_in(lang),
            acknowledged: d.acknowledged.as_deref(),
        }
    }
}
