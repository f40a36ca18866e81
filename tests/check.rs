//! `kumiai check` and the lint rules: every rule fires where it should (file, line, column, rule
//! id, severity) and not on a complete union; acknowledgements; exit codes and the summary line;
//! JSON output; Japanese messages; encodings and broken files (for `check` and `build`); `check`
//! writes nothing; and the real example unions report exactly what docs/federation.md says.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use common::*;
use kumiai::Diagnostic;
use kumiai::check::CheckReport;
use kumiai::{Lang, Severity};

#[path = "check/acknowledge.rs"]
mod acknowledge;
#[path = "check/base_history.rs"]
mod base_history;
#[path = "check/encodings.rs"]
mod encodings;
#[path = "check/example_unions.rs"]
mod example_unions;
#[path = "check/exit_codes.rs"]
mod exit_codes;
#[path = "check/json_output.rs"]
mod json_output;
#[path = "check/languages.rs"]
mod languages;
#[path = "check/rules_content.rs"]
mod rules_content;
#[path = "check/rules_legal.rs"]
mod rules_legal;
#[path = "check/wording_exact.rs"]
mod wording_exact;
#[path = "check/writes_nothing.rs"]
mod writes_nothing;

// ---------------------------------------------------------------------------------------------
// A complete union and helpers

/// `[union]` with every identity item the law asks for.
const IDENTITY: &str = r#"[union]
name = "見本健康保険組合"
representative = "理事長 見本 太郎"
postal_code = "100-0001"
address = "東京都千代田区千代田1-1"
website = "https://www.example.or.jp/"
"#;

/// The address lines of [`IDENTITY`].
const ADDRESS: &str = "postal_code = \"100-0001\"\naddress = \"東京都千代田区千代田1-1\"\n";

/// One complaints window.
const WINDOW: &str = r#"[[contacts]]
department = "見本健康保険組合 総務部"
postal_code = "100-0001"
address = "東京都千代田区千代田1-1"
phone = "03-1234-5678"
hours = "9:00～17:00"
closed = "土曜、日曜、祝日、年末年始"
"#;

const DATES: &str = r#"[dates]
established = 2005-04-01
effective = 2005-04-01
published = 2024-12-02
revisions = [
  { date = 2024-12-02, note = "資格確認書の発行開始に伴い、利用目的を改定" },
]
"#;

/// A union file from its identity, its windows, and `rest` (appended after `[dates]`). A comment
/// comes first so that nothing is found on line 1 by accident.
fn union_with(identity: &str, window: &str, rest: &str) -> String {
    format!("# テスト用の組合\n{identity}\n{window}\n{DATES}\n{rest}")
}

/// A complete union (like `unions/minimal.toml`) followed by `rest`.
fn clean(rest: &str) -> String {
    union_with(IDENTITY, WINDOW, rest)
}

/// A union with no window at all: no `[[contacts]]`, and no address of its own to write to
/// (so `legal-address` and `legal-complaints`), followed by `rest`.
fn no_window(rest: &str) -> String {
    union_with(&IDENTITY.replacen(ADDRESS, "", 1), "", rest)
}

/// A project whose only union is `u` with this source, and its check through the library.
fn check_one(source: &str) -> (Project, PathBuf, CheckReport) {
    let p = Project::new();
    let path = p.union("u", source);
    let report = p.check();
    assert_eq!(report.unions, 1);
    (p, path, report)
}

/// Every diagnostic, rendered, for failure messages.
fn rendered(report: &CheckReport) -> String {
    report
        .diagnostics
        .iter()
        .map(|d| d.render(Lang::En))
        .collect()
}

/// The rule ids of a report, sorted (with repeats).
fn rule_ids(report: &CheckReport) -> Vec<&'static str> {
    let mut ids: Vec<&'static str> = report.diagnostics.iter().map(|d| d.rule).collect();
    ids.sort();
    ids
}

/// Asserts that the report has exactly these rule ids (any order, with repeats).
fn assert_rules(report: &CheckReport, expected: &[&str]) {
    let mut expected = expected.to_vec();
    expected.sort();
    assert_eq!(
        rule_ids(report),
        expected,
        "unexpected findings:\n{}",
        rendered(report)
    );
}

/// The diagnostics of one rule.
fn of_rule<'a>(report: &'a CheckReport, rule: &str) -> Vec<&'a Diagnostic> {
    report
        .diagnostics
        .iter()
        .filter(|d| d.rule == rule)
        .collect()
}

/// The only diagnostic of `rule`.
fn only<'a>(report: &'a CheckReport, rule: &str) -> &'a Diagnostic {
    let found = of_rule(report, rule);
    assert_eq!(
        found.len(),
        1,
        "expected one `{rule}` finding:\n{}",
        rendered(report)
    );
    found[0]
}

/// Asserts that `d` is in `file` at the `nth` occurrence of `needle` in `source`.
fn assert_at(d: &Diagnostic, file: &Path, source: &str, needle: &str, nth: usize) {
    let (line, column) = locate_nth(source, needle, nth);
    assert_eq!(d.file, file, "wrong file for:\n{d}");
    assert_eq!(
        (d.line, d.column),
        (line, column),
        "`{needle}` is at {line}:{column}, but the finding is at:\n{d}"
    );
}

/// Asserts that `d` is a lint warning of `rule` at `needle`, with messages and help in both
/// languages.
fn assert_finding(d: &Diagnostic, rule: &str, file: &Path, source: &str, needle: &str) {
    assert_eq!(d.rule, rule);
    assert_eq!(d.severity, Severity::Warning, "{d}");
    assert_eq!(
        kumiai::rule(rule).map(|r| r.severity),
        Some(Severity::Warning),
        "`{rule}` is a lint rule"
    );
    assert_at(d, file, source, needle, 0);
    assert!(!d.message.is_empty(), "{d}");
    assert!(d.suggestion.is_some(), "a finding says what to do:\n{d}");
    assert!(
        d.message_ja.as_deref().is_some_and(|m| !m.is_empty()),
        "a finding has a Japanese message:\n{d}"
    );
    assert!(d.suggestion_ja.is_some(), "{d}");
    assert_eq!(d.acknowledged, None);
}

fn summary(output: &std::process::Output) -> String {
    stdout(output)
        .lines()
        .last()
        .unwrap_or_default()
        .to_string()
}

/// Three unions: `a` with two errors, `b` with two warnings, `c` complete.
fn three_unions() -> (Project, [(PathBuf, String); 3]) {
    let p = Project::new();
    let a = clean(
        "[[item]]\nid = \"benefits.internal.eligibilty\"\ntext = \"資格の確認\"\n\n[[item]]\nid = \"health.external.reportng\"\nremove = true\n",
    );
    let b = clean(
        "[[section]]\nid = \"claims\"\nshort_title = \"診察報酬の審査・支払\"\n\n[[new_page]]\nid = \"news\"\ntitle = \"お知らせ\"\nbody = \"令和1年に改定しました。\"\n",
    );
    let c = clean("");
    let paths = [
        (p.union("a", &a), a),
        (p.union("b", &b), b),
        (p.union("c", &c), c),
    ];
    (p, paths)
}

const REASON: &str = "健診と保健指導で窓口の電話番号が異なるため";

fn acknowledged_union() -> String {
    clean(&format!(
        "{}\n[[acknowledge]]\nrule = \"contractor-phone\"\nreason = \"{REASON}\"\n",
        TWO_CONTRACTORS.replace("PHONE", "06-4560-1051")
    ))
}

const TWO_CONTRACTORS: &str = r#"[contractors]
a-sys = { name = "日本システム技術（株）", phone = "06-4560-1050" }
b-sys = { name = "日本システム技術(株)", phone = "PHONE" }

[[item]]
id = "benefits.external.overseas-translation"
contractors = ["a-sys"]

[[item]]
id = "claims.external.receipt-punch"
contractors = ["b-sys"]
"#;
