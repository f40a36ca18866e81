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
    /// Notes on the project (`no-base-url`): shown after the diagnostics, never counted, never
    /// failing a check.
    pub notes: Vec<Diagnostic>,
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

    /// The notes, as the terminal shows them (label 「参考」 / `info`: not `note`/「確認済み」,
    /// which name acknowledged findings).
    pub fn notes_text(&self, lang: Lang) -> String {
        self.notes
            .iter()
            .map(|d| {
                let text = d.render(lang);
                let (from, to) = match lang {
                    Lang::En => ("note: ", "info: "),
                    Lang::Ja => ("確認済み: ", "参考: "),
                };
                match text.strip_prefix(from) {
                    Some(rest) => format!("{to}{rest}"),
                    None => text,
                }
            })
            .collect()
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
                notes: Vec::new(),
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
                notes: Vec::new(),
            };
        }
    };
    let mut diagnostics: Vec<Diagnostic> = project.base_behind().into_iter().collect();
    let results: Vec<(bool, Vec<Diagnostic>)> = files
        .par_iter()
        .map(|path| {
            let (rendered, found) = pipeline::render_and_lint(&project, path);
            let unplaced = rendered.is_some_and(|r| r.site.identity.published_url.is_none());
            (unplaced, found)
        })
        .collect();
    let unplaced = results.iter().filter(|(unplaced, _)| *unplaced).count();
    diagnostics.extend(results.into_iter().flat_map(|(_, found)| found));
    CheckReport {
        diagnostics,
        unions: files.len(),
        notes: no_base_url(root, &project, unplaced).into_iter().collect(),
    }
}

/// A note (rule `no-base-url`) when the project sets no `base_url` and some unions give no
/// `published_url`: their print page then names its address as a path (`slug/print.html`) a
/// reader of the paper cannot open, and their pages have no canonical address. A note, not a
/// warning: a project previewed, or published only as files, has no address to give, and
/// `--deny-warnings` must not fail it for that.
fn no_base_url(root: &Path, project: &Project, unplaced: usize) -> Option<Diagnostic> {
    let set = project
        .config
        .base_url
        .as_deref()
        .is_some_and(|u| !u.is_empty());
    if set || unplaced == 0 {
        return None;
    }
    Some(
        Diagnostic::file(
            &root.join("kumiai.toml"),
            format!(
                "no base_url is set, and {unplaced} union{} give{} no published_url: their print page names its address as a path (slug/print.html), not a web address a reader of the paper can open",
                if unplaced == 1 { "" } else { "s" },
                if unplaced == 1 { "s" } else { "" },
            ),
        )
        .rule("no-base-url")
        .severity(Severity::Note)
        .with_suggestion(
            "set base_url = \"https://…/\" in kumiai.toml (where the sites are published), or published_url in [union] of a union that publishes on its own domain",
        )
        .ja(
            format!(
                "base_url が設定されておらず、published_url のない組合が {unplaced} 組合あります。その印刷用ページの URL は相対パス（slug/print.html）になり、紙で読む人がサイトを開けません"
            ),
            Some(
                "kumiai.toml に base_url = \"https://…/\"（サイトを公開するアドレス）を書くか、自組合のドメインで公開する組合は [union] に published_url を書いてください".to_string(),
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
