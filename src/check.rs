//! `kumiai check`: everything a build reads, validated and linted, nothing written.

use std::path::Path;

use rayon::prelude::*;
use serde::Serialize;

use crate::diagnostic::{Diagnostic, Diagnostics, Lang, Severity};
use crate::load::base::load_base_from;
use crate::load::tree::Tree;
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
        crate::diagnostic::messages::commands::check_summary(
            lang,
            self.unions,
            errors,
            warnings,
            notes,
        )
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
    let mut diagnostics: Vec<Diagnostic> = base_behind(root, &project).into_iter().collect();
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

/// A warning (rule `base-behind`) when the project's own base (`content/`) is older than the
/// one built into this kumiai: a federation's base is its copy and does not follow kumiai's
/// updates by itself; `kumiai base diff` shows what the newer one changes.
fn base_behind(root: &Path, project: &Project) -> Option<Diagnostic> {
    let tree = Tree::base(root);
    if tree.is_built_in() {
        return None;
    }
    let built_in = load_base_from(&Tree::built_in_base()).ok()?.meta;
    let own = &project.base.meta;
    if own.date >= built_in.date {
        return None;
    }
    let path = tree.path("base.toml");
    let text = tree.read_text("base.toml").ok()?;
    let at = text
        .find("\ndate")
        .map(|i| i + 1..i + 5)
        .or_else(|| text.find("revision").map(|i| i..i + 8));
    let message = format!(
        "the project's base (content/) is revision {} of {}; this kumiai carries revision {} of {}",
        own.revision, own.date, built_in.revision, built_in.date
    );
    let d = match at {
        Some(span) => Diagnostic::at(&path, &text, span, message),
        None => Diagnostic::file(&path, message),
    };
    Some(
        d.rule("base-behind")
            .severity(Severity::Warning)
            .with_suggestion(
                "run `kumiai base diff` to see what the newer base changes, item by item, and take what applies into content/ (then set its revision and date)",
            )
            .ja(
                format!(
                    "このプロジェクトの標準文例（content/）は {} 版（{}）です。この kumiai には {} 版（{}）が入っています",
                    own.revision, own.date, built_in.revision, built_in.date
                ),
                Some(
                    "`kumiai base diff` で新しい版の変更点を項目ごとに確認し、必要なものを content/ に取り込んでください（その後 revision と date を更新）".to_string(),
                ),
            ),
    )
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
