//! `kumiai check` and the lint rules: every rule fires where it should (file, line, column, rule
//! id, severity) and not on a complete union; acknowledgements; exit codes and the summary line;
//! JSON output; Japanese messages; encodings and broken files (for `check` and `build`); `check`
//! writes nothing; and the real example unions report exactly what README.md says.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use common::*;
use kumiai::Diagnostic;
use kumiai::check::CheckReport;
use kumiai::diagnostic::{Lang, Severity};

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

/// A complete union but without a complaints window, followed by `rest`.
fn no_window(rest: &str) -> String {
    union_with(IDENTITY, "", rest)
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
        kumiai::lint::rule(rule).map(|r| r.severity),
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

// ---------------------------------------------------------------------------------------------
// 1. Every lint rule

#[test]
fn a_complete_union_has_no_findings() {
    let (p, _, report) = check_one(&clean(""));
    assert!(report.diagnostics.is_empty(), "{}", rendered(&report));
    assert!(report.passed(true));
    let out = p.check_cli(&["--deny-warnings"]);
    assert_eq!(exit_code(&out), 0, "{}", stderr(&out));
    assert_eq!(
        summary(&out),
        "checked 1 union: 0 errors, 0 warnings, 0 acknowledged"
    );
    assert_eq!(stderr(&out), "", "nothing to report on a complete union");
}

#[test]
fn every_rule_is_documented_as_a_warning() {
    let ids: Vec<&str> = kumiai::lint::RULES.iter().map(|r| r.id).collect();
    assert_eq!(
        ids,
        [
            "legal-address",
            "legal-representative",
            "legal-purposes",
            "legal-requests",
            "legal-fee",
            "legal-safety",
            "legal-complaints",
            "old-wording",
            "stale-override",
            "known-typo",
            "consent-legend",
            "contractor-phone",
            "window-not-shown",
            "old-article",
            "era-first-year",
        ],
        "every rule has a test below; a new rule needs one"
    );
    for r in kumiai::lint::RULES {
        assert_eq!(r.severity, Severity::Warning, "{}", r.id);
    }
}

#[test]
fn legal_address() {
    let src = union_with(&IDENTITY.replacen(ADDRESS, "", 1), WINDOW, "");
    let (_, path, report) = check_one(&src);
    assert_rules(&report, &["legal-address"]);
    assert_finding(
        only(&report, "legal-address"),
        "legal-address",
        &path,
        &src,
        "[union]",
    );
    assert_eq!(locate(&src, "[union]"), (2, 1));
}

#[test]
fn legal_representative() {
    let src = union_with(
        &IDENTITY.replacen("representative = \"理事長 見本 太郎\"\n", "", 1),
        WINDOW,
        "",
    );
    let (_, path, report) = check_one(&src);
    assert_rules(&report, &["legal-representative"]);
    let d = only(&report, "legal-representative");
    assert_finding(d, "legal-representative", &path, &src, "[union]");
    assert!(d.suggestion.as_deref().unwrap().contains("representative"));
}

#[test]
fn legal_purposes() {
    let src = clean("[[page]]\nid = \"purposes\"\nremove = true\n");
    let (_, path, report) = check_one(&src);
    assert_rules(&report, &["legal-purposes"]);
    assert_finding(
        only(&report, "legal-purposes"),
        "legal-purposes",
        &path,
        &src,
        "id = \"purposes\"",
    );
}

#[test]
fn legal_purposes_is_satisfied_by_a_replaced_purposes_page() {
    let src = clean(
        "[[page]]\nid = \"purposes\"\nbody = \"\"\"\n当組合は、保険給付、保健事業及び保険料の徴収のために個人情報を利用します。\n\"\"\"\n",
    );
    let (_, _, report) = check_one(&src);
    assert_rules(&report, &[]);
}

#[test]
fn legal_requests() {
    let src = clean("[[page]]\nid = \"requests\"\nremove = true\n");
    let (_, path, report) = check_one(&src);
    // No requests page at all: only legal-requests, not legal-fee on top of it.
    assert_rules(&report, &["legal-requests"]);
    assert_finding(
        only(&report, "legal-requests"),
        "legal-requests",
        &path,
        &src,
        "id = \"requests\"",
    );
}

#[test]
fn legal_fee() {
    let src = clean(
        "[[page]]\nid = \"requests\"\nbody = \"\"\"\n開示等の請求は、所定の請求書により窓口で受け付けます。\n\"\"\"\n",
    );
    let (_, path, report) = check_one(&src);
    assert_rules(&report, &["legal-fee"]);
    assert_finding(
        only(&report, "legal-fee"),
        "legal-fee",
        &path,
        &src,
        "id = \"requests\"",
    );
}

#[test]
fn legal_fee_is_satisfied_by_a_fee_or_by_saying_there_is_none() {
    for statement in [
        "開示等の請求には、1件につき300円の手数料をいただきます。",
        "開示等の請求は無料です。",
        "{{ wording.fee }}",
    ] {
        let src = clean(&format!(
            "[[page]]\nid = \"requests\"\nbody = \"\"\"\n開示等の請求は窓口で受け付けます。\n\n{statement}\n\"\"\"\n"
        ));
        let (_, _, report) = check_one(&src);
        assert_rules(&report, &[]);
    }
}

#[test]
fn legal_fee_when_the_fee_statement_is_emptied() {
    let src = clean("[wording]\nfee = \"\"\n");
    let (_, _, report) = check_one(&src);
    assert_rules(&report, &["legal-fee"]);
}

#[test]
fn legal_fee_for_an_emptied_fee_points_at_it() {
    let src = clean("[wording]\nfee = \"\"\n");
    let (_, path, report) = check_one(&src);
    assert_finding(
        only(&report, "legal-fee"),
        "legal-fee",
        &path,
        &src,
        "fee = \"\"",
    );
}

#[test]
fn legal_safety() {
    let src = clean(
        "[[page]]\nid = \"safety\"\nbody = \"\"\"\n組織的、人的及び物理的安全管理措置を講じています。\n\"\"\"\n",
    );
    let (_, path, report) = check_one(&src);
    assert_rules(&report, &["legal-safety"]);
    assert_finding(
        only(&report, "legal-safety"),
        "legal-safety",
        &path,
        &src,
        "id = \"safety\"",
    );

    let complete = clean(
        "[[page]]\nid = \"safety\"\nbody = \"\"\"\n組織的、人的、物理的及び技術的安全管理措置を講じています。\n\"\"\"\n",
    );
    let (_, _, report) = check_one(&complete);
    assert_rules(&report, &[]);
}

#[test]
fn legal_complaints() {
    let src = no_window("");
    let (_, path, report) = check_one(&src);
    assert_rules(&report, &["legal-complaints"]);
    let d = only(&report, "legal-complaints");
    assert_finding(d, "legal-complaints", &path, &src, "[union]");
    assert!(d.suggestion.as_deref().unwrap().contains("[[contacts]]"));
}

#[test]
fn old_wording_in_an_item_shows_the_current_base_text() {
    let old = "被保険者資格の確認、被扶養者の認定並びに健康保険被保険者証の発行管理";
    let src = clean(&format!(
        "[[item]]\nid = \"benefits.internal.eligibility\"\ntext = \"{old}\"\n"
    ));
    let (p, path, report) = check_one(&src);
    assert_rules(&report, &["old-wording"]);
    let d = only(&report, "old-wording");
    // At the start of the item's text (after the quote).
    assert_finding(d, "old-wording", &path, &src, old);
    assert!(d.message.contains("「健康保険被保険者証」"), "{d}");
    assert!(
        d.message
            .contains("「健康保険資格確認書・資格情報のお知らせ」"),
        "{d}"
    );
    let base = kumiai::load::load_base(p.path()).expect("the base loads");
    let current = base
        .policy
        .sections
        .iter()
        .flat_map(|s| &s.groups)
        .flat_map(|g| &g.items)
        .find(|i| i.id == "benefits.internal.eligibility")
        .expect("the base has the item")
        .text
        .clone();
    assert!(!current.contains("健康保険被保険者証"));
    let help = d.suggestion.as_deref().unwrap();
    assert!(
        help.contains(&current) && help.contains("benefits.internal.eligibility"),
        "the help shows the current base text 「{current}」: {help}"
    );
    assert!(d.suggestion_ja.as_deref().unwrap().contains(&current));
}

#[test]
fn stale_override_names_the_change_and_the_new_base_text() {
    // Own wording (not the old base text), written before the base's 2024-12-02 change.
    let own = "被保険者資格の確認及び被扶養者の認定";
    let src = union_with(
        IDENTITY,
        WINDOW,
        &format!("[[item]]\nid = \"benefits.internal.eligibility\"\ntext = \"{own}\"\n"),
    )
    .replace("published = 2024-12-02", "published = 2024-06-01")
    .replace("{ date = 2024-12-02,", "{ date = 2024-06-01,");
    let (_, path, report) = check_one(&src);
    assert_rules(&report, &["stale-override"]);
    let d = only(&report, "stale-override");
    assert_finding(
        d,
        "stale-override",
        &path,
        &src,
        "\"benefits.internal.eligibility\"",
    );
    assert!(
        d.message.contains("2024-12-02") && d.message.contains("2024-06-01"),
        "{d}"
    );
    assert!(
        d.message
            .contains("資格確認書・資格情報のお知らせの発行管理"),
        "{d}"
    );
    assert!(!d.message.contains("old wording"), "{d}");
    let ja = d.message_ja.as_deref().unwrap();
    assert!(
        ja.contains("令和6年12月2日") && ja.contains("令和6年6月1日"),
        "{ja}"
    );
    assert!(
        d.suggestion.as_deref().unwrap().contains("kumiai diff u"),
        "{d}"
    );
}

#[test]
fn old_wording_in_a_page_says_what_to_write() {
    let src = clean(
        "[[new_page]]\nid = \"card\"\ntitle = \"保険証について\"\nbody = \"\"\"\n健康保険被保険者証をお持ちください。\n\"\"\"\n",
    );
    let (_, path, report) = check_one(&src);
    assert_rules(&report, &["old-wording"]);
    let d = only(&report, "old-wording");
    assert_finding(d, "old-wording", &path, &src, "健康保険被保険者証をお持ち");
    assert!(
        d.suggestion
            .as_deref()
            .unwrap()
            .contains("「健康保険資格確認書・資格情報のお知らせ」"),
        "{d}"
    );
}

#[test]
fn known_typo() {
    let src = clean("[[section]]\nid = \"claims\"\nshort_title = \"診察報酬の審査・支払\"\n");
    let (p, path, report) = check_one(&src);
    assert_rules(&report, &["known-typo"]);
    let d = only(&report, "known-typo");
    assert_finding(d, "known-typo", &path, &src, "診察報酬");
    assert!(d.message.contains("「診療報酬」"), "{d}");
    assert_eq!(d.suggestion.as_deref(), Some("write 「診療報酬」"));
    assert_eq!(d.width, 4, "the marker covers the four characters");

    // On the command line, as README.md shows it.
    let (line, column) = locate(&src, "診察報酬");
    let out = p.check_cli(&[]);
    let err = stderr(&out);
    let head = format!(
        "warning: {}:{line}:{column}: [known-typo] 「診察報酬」 looks like a misspelling of 「診療報酬」\n",
        path.display()
    );
    assert!(err.starts_with(&head), "expected\n{head}in\n{err}");
    assert!(
        err.contains(&format!(
            " {line} | short_title = \"診察報酬の審査・支払\"\n"
        )),
        "{err}"
    );
    // Four wide characters: eight cells, after `short_title = "` (15 cells).
    assert!(
        err.contains(&format!("| {}{}\n", " ".repeat(15), "^".repeat(8))),
        "{err}"
    );
    assert!(err.contains("  = help: write 「診療報酬」\n"), "{err}");
}

#[test]
fn known_typo_finds_every_occurrence() {
    let src = clean(
        "[[item]]\nid = \"benefits.external.auto-payment\"\ntext = \"高額療養費等の自動払いにおける給付口座(事業主)への支払い\"\n\n[[section]]\nid = \"claims\"\nshort_title = \"診察報酬の審査・支払\"\ntitle = \"診察報酬の審査・支払に必要な利用目的\"\n",
    );
    let (_, path, report) = check_one(&src);
    assert_rules(&report, &["known-typo", "known-typo", "known-typo"]);
    let typos = of_rule(&report, "known-typo");
    let mut at: Vec<(usize, usize)> = typos.iter().map(|d| (d.line, d.column)).collect();
    at.sort();
    let mut expected = vec![
        locate(&src, "給付口座"),
        locate_nth(&src, "診察報酬", 0),
        locate_nth(&src, "診察報酬", 1),
    ];
    expected.sort();
    assert_eq!(at, expected);
    assert!(typos.iter().all(|d| d.file == path));
    assert!(
        typos
            .iter()
            .any(|d| d.suggestion.as_deref() == Some("write 「給与口座」"))
    );
}

#[test]
fn lint_ignores_toml_comments() {
    let src = clean("# 旧: 診察報酬、健康保険被保険者証、令和1年、下記窓口\n");
    let (_, _, report) = check_one(&src);
    assert_rules(&report, &[]);
}

#[test]
fn consent_legend() {
    let src = no_window("[[item]]\nid = \"benefits.internal.payment\"\nconsent = true\n");
    let (_, path, report) = check_one(&src);
    assert_rules(&report, &["consent-legend", "legal-complaints"]);
    assert_finding(
        only(&report, "consent-legend"),
        "consent-legend",
        &path,
        &src,
        "consent = true",
    );

    // With a window (and the base legend) implied consent is fine.
    let (_, _, report) = check_one(&clean(
        "[[item]]\nid = \"benefits.internal.payment\"\nconsent = true\n",
    ));
    assert_rules(&report, &[]);
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

#[test]
fn contractor_phone_across_full_and_half_width_names() {
    let src = clean(&TWO_CONTRACTORS.replace("PHONE", "06-4560-1051"));
    let (_, path, report) = check_one(&src);
    assert_rules(&report, &["contractor-phone"]);
    let d = only(&report, "contractor-phone");
    assert_finding(d, "contractor-phone", &path, &src, "b-sys =");
    assert!(
        d.message.contains("06-4560-1050") && d.message.contains("06-4560-1051"),
        "{d}"
    );
    assert!(d.message.contains("a-sys") && d.message.contains("b-sys"));
}

#[test]
fn contractor_phone_not_for_one_number_or_two_companies() {
    let same = clean(&TWO_CONTRACTORS.replace("PHONE", "06-4560-1050"));
    let (_, _, report) = check_one(&same);
    assert_rules(&report, &[]);

    let other_company = clean(
        &TWO_CONTRACTORS
            .replace("PHONE", "06-4560-1051")
            .replace("日本システム技術(株)", "日本データ技術(株)"),
    );
    let (_, _, report) = check_one(&other_company);
    assert_rules(&report, &[]);
}

#[test]
fn window_not_shown() {
    let src = clean(
        "[[new_page]]\nid = \"guide\"\ntitle = \"ご案内\"\nbody = \"\"\"\nご不明な点は、下記窓口までお問い合わせください。\n\"\"\"\n",
    );
    let (_, path, report) = check_one(&src);
    assert_rules(&report, &["window-not-shown"]);
    let d = only(&report, "window-not-shown");
    assert_finding(d, "window-not-shown", &path, &src, "下記窓口");
    assert!(d.message.contains("complaints page"), "{d}");

    // With no window at all, the message says so.
    let src = no_window(
        "[[new_page]]\nid = \"guide\"\ntitle = \"ご案内\"\nbody = \"\"\"\nご不明な点は、下記窓口までお問い合わせください。\n\"\"\"\n",
    );
    let (_, _, report) = check_one(&src);
    assert_rules(&report, &["legal-complaints", "window-not-shown"]);
    assert!(
        only(&report, "window-not-shown")
            .message
            .contains("no window at all")
    );
}

#[test]
fn window_not_shown_not_on_the_contact_page_above_its_windows() {
    // The contact page prints its intro, then every [[contacts]] window: 「下記窓口」 is right.
    let src = clean(
        "[[page]]\nid = \"contact\"\nintro = \"\"\"\n苦情・お問い合わせは、下記窓口で受け付けています。\n\"\"\"\n",
    );
    let (_, _, report) = check_one(&src);
    assert_rules(&report, &[]);
}

#[test]
fn old_article() {
    let src = clean(
        "[[new_page]]\nid = \"provision\"\ntitle = \"第三者提供\"\nbody = \"\"\"\n当組合は、個人情報保護法第23条に基づき、第三者提供を制限します。\n\"\"\"\n",
    );
    let (_, path, report) = check_one(&src);
    assert_rules(&report, &["old-article"]);
    let d = only(&report, "old-article");
    assert_finding(d, "old-article", &path, &src, "個人情報保護法第23条");
    assert!(d.message.contains("第23条") && d.message.contains("第27条"));
    assert_eq!(d.suggestion.as_deref(), Some("write 第27条"));
}

#[test]
fn old_article_not_on_the_new_number() {
    let src = clean(
        "[[new_page]]\nid = \"provision\"\ntitle = \"第三者提供\"\nbody = \"\"\"\n当組合は、個人情報保護法第27条に基づき、第三者提供を制限します。\n\"\"\"\n",
    );
    let (_, _, report) = check_one(&src);
    assert_rules(&report, &[]);
}

#[test]
fn old_article_with_full_width_digits_and_同法() {
    let src = clean(
        "[[new_page]]\nid = \"provision\"\ntitle = \"第三者提供\"\nbody = \"\"\"\n個人情報保護法に従います。同法第２３条の第三者提供の制限を守ります。\n\"\"\"\n",
    );
    let (_, path, report) = check_one(&src);
    assert_rules(&report, &["old-article"]);
    assert_finding(
        only(&report, "old-article"),
        "old-article",
        &path,
        &src,
        "同法第２３条",
    );
}

#[test]
fn era_first_year() {
    let src = clean(
        "[[new_page]]\nid = \"news\"\ntitle = \"お知らせ\"\nbody = \"\"\"\n令和10年4月1日に見直す予定です。\n令和元年5月1日に制定しました。\n令和1年10月1日に改定しました。\n\"\"\"\n",
    );
    let (_, path, report) = check_one(&src);
    // Only 令和1年: not 令和10年, not 令和元年.
    assert_rules(&report, &["era-first-year"]);
    let d = only(&report, "era-first-year");
    assert_finding(d, "era-first-year", &path, &src, "令和1年");
    assert_eq!(d.suggestion.as_deref(), Some("write 「令和元年」"));
}

#[test]
fn findings_in_a_markdown_heading_inside_a_toml_body() {
    let src = clean(
        "[[new_page]]\nid = \"news\"\ntitle = \"お知らせ\"\nbody = \"\"\"\n## 令和1年の改定\n\n改定しました。\n\"\"\"\n",
    );
    let (_, path, report) = check_one(&src);
    assert_rules(&report, &["era-first-year"]);
    assert_finding(
        only(&report, "era-first-year"),
        "era-first-year",
        &path,
        &src,
        "令和1年",
    );
}

#[test]
fn findings_in_markdown_page_files_are_located_in_those_files() {
    let src = clean(
        "[[page]]\nid = \"requests\"\nfile = \"requests.md\"\n\n[[new_page]]\nid = \"guide\"\ntitle = \"ご案内\"\nfile = \"guide.md\"\n",
    );
    let requests =
        "# 開示等の請求\n\n{{ wording.fee }}\n\n診察報酬明細書の開示も、この手続で受け付けます。\n";
    let guide = "# 令和1年のお知らせ\n\n詳しくは下記窓口へ。\n";
    let p = Project::new();
    p.union("u", &src);
    let requests_path = p.union_file("u", "requests.md", requests);
    let guide_path = p.union_file("u", "guide.md", guide);
    let report = p.check();
    assert_rules(
        &report,
        &["era-first-year", "known-typo", "window-not-shown"],
    );
    assert_finding(
        only(&report, "known-typo"),
        "known-typo",
        &requests_path,
        requests,
        "診察報酬",
    );
    assert_eq!(locate(requests, "診察報酬"), (5, 1));
    // A Markdown heading in a .md file is text, not a comment.
    assert_finding(
        only(&report, "era-first-year"),
        "era-first-year",
        &guide_path,
        guide,
        "令和1年",
    );
    assert_finding(
        only(&report, "window-not-shown"),
        "window-not-shown",
        &guide_path,
        guide,
        "下記窓口",
    );

    // The CLI names the Markdown file.
    let out = p.check_cli(&[]);
    assert!(
        stderr(&out).contains(&format!(
            "warning: {}:5:1: [known-typo]",
            requests_path.display()
        )),
        "{}",
        stderr(&out)
    );
}

// ---------------------------------------------------------------------------------------------
// 2. [[acknowledge]]

const REASON: &str = "健診と保健指導で窓口の電話番号が異なるため";

fn acknowledged_union() -> String {
    clean(&format!(
        "{}\n[[acknowledge]]\nrule = \"contractor-phone\"\nreason = \"{REASON}\"\n",
        TWO_CONTRACTORS.replace("PHONE", "06-4560-1051")
    ))
}

#[test]
fn an_acknowledged_finding_is_a_note_with_the_reason() {
    let src = acknowledged_union();
    let (p, path, report) = check_one(&src);
    assert_rules(&report, &["contractor-phone"]);
    let d = only(&report, "contractor-phone");
    assert_eq!(d.severity, Severity::Note, "{d}");
    assert_eq!(d.acknowledged.as_deref(), Some(REASON));
    assert_at(d, &path, &src, "b-sys =", 0);
    assert_eq!(report.count(Severity::Warning), 0);
    assert_eq!(report.count(Severity::Note), 1);
    assert!(report.passed(true));

    let out = p.check_cli(&["--deny-warnings"]);
    assert_eq!(exit_code(&out), 0, "{}", stderr(&out));
    assert_eq!(
        summary(&out),
        "checked 1 union: 0 errors, 0 warnings, 1 acknowledged"
    );
    let err = stderr(&out);
    assert!(
        err.starts_with(&format!("note: {}:", path.display())),
        "{err}"
    );
    assert!(
        err.contains(&format!("  = acknowledged: {REASON}\n")),
        "{err}"
    );

    // The same union without its acknowledgement fails with --deny-warnings.
    p.union(
        "u",
        &clean(&TWO_CONTRACTORS.replace("PHONE", "06-4560-1051")),
    );
    let out = p.check_cli(&["--deny-warnings"]);
    assert_eq!(exit_code(&out), 1);
    assert_eq!(
        summary(&out),
        "checked 1 union: 0 errors, 1 warning, 0 acknowledged"
    );
}

#[test]
fn acknowledging_an_unknown_rule_is_an_error_naming_the_nearest() {
    let src = clean(&format!(
        "{}\n[[acknowledge]]\nrule = \"contractor-phones\"\nreason = \"{REASON}\"\n",
        TWO_CONTRACTORS.replace("PHONE", "06-4560-1051")
    ));
    let (p, path, report) = check_one(&src);
    let errors: Vec<&Diagnostic> = report
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    assert_eq!(errors.len(), 1, "{}", rendered(&report));
    let e = errors[0];
    assert_eq!(e.rule, "unknown-reference");
    assert_at(e, &path, &src, "\"contractor-phones\"", 0);
    assert!(e.message.contains("contractor-phones"), "{e}");
    assert!(
        e.suggestion
            .as_deref()
            .is_some_and(|s| s.contains("`contractor-phone`")),
        "{e}"
    );
    // The finding itself is not acknowledged by a misspelt rule.
    assert_eq!(
        only(&report, "contractor-phone").severity,
        Severity::Warning
    );

    let out = p.check_cli(&[]);
    assert_eq!(exit_code(&out), 1);
    assert_eq!(
        summary(&out),
        "checked 1 union: 1 error, 1 warning, 0 acknowledged"
    );
}

#[test]
fn an_acknowledgement_that_matches_nothing_is_a_warning() {
    let src = clean("[[acknowledge]]\nrule = \"known-typo\"\nreason = \"昔の表記のまま\"\n");
    let (p, path, report) = check_one(&src);
    assert_rules(&report, &["unused-acknowledgement"]);
    let d = only(&report, "unused-acknowledgement");
    assert_eq!(d.severity, Severity::Warning);
    assert_at(d, &path, &src, "\"known-typo\"", 0);
    assert!(d.message.contains("known-typo"));

    let out = p.check_cli(&[]);
    assert_eq!(exit_code(&out), 0, "{}", stderr(&out));
    assert_eq!(
        summary(&out),
        "checked 1 union: 0 errors, 1 warning, 0 acknowledged"
    );
    assert_eq!(exit_code(&p.check_cli(&["--deny-warnings"])), 1);
}

// ---------------------------------------------------------------------------------------------
// 3. Exit codes and the summary line

#[test]
fn warnings_pass_unless_denied() {
    let p = Project::new();
    p.union("u", &no_window(""));
    let out = p.check_cli(&[]);
    assert_eq!(exit_code(&out), 0, "{}", stderr(&out));
    assert_eq!(
        summary(&out),
        "checked 1 union: 0 errors, 1 warning, 0 acknowledged"
    );
    assert_eq!(
        stdout(&out).lines().count(),
        1,
        "stdout is only the summary"
    );
    assert!(stderr(&out).contains("[legal-complaints]"));

    let out = p.check_cli(&["--deny-warnings"]);
    assert_eq!(exit_code(&out), 1);
    assert_eq!(
        summary(&out),
        "checked 1 union: 0 errors, 1 warning, 0 acknowledged"
    );
}

#[test]
fn an_error_fails_the_check() {
    let src = clean("[[item]]\nid = \"benefits.internal.eligibilty\"\ntext = \"資格の確認\"\n");
    let p = Project::new();
    let path = p.union("u", &src);
    let report = p.check();
    assert_eq!(report.count(Severity::Error), 1, "{}", rendered(&report));
    let e = &report.diagnostics[0];
    assert_eq!(e.rule, "unknown-reference");
    assert_at(e, &path, &src, "\"benefits.internal.eligibilty\"", 0);
    assert!(!report.passed(false));

    let out = p.check_cli(&[]);
    assert_eq!(exit_code(&out), 1);
    assert_eq!(
        summary(&out),
        "checked 1 union: 1 error, 0 warnings, 0 acknowledged"
    );
    assert!(
        stderr(&out).contains("help: did you mean `benefits.internal.eligibility`"),
        "{}",
        stderr(&out)
    );
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

#[test]
fn every_problem_in_every_union_is_reported_in_one_run() {
    let (p, [(a_path, a), (b_path, b), _]) = three_unions();
    let report = p.check();
    assert_eq!(report.unions, 3);
    assert_rules(
        &report,
        &[
            "era-first-year",
            "known-typo",
            "unknown-reference",
            "unknown-reference",
        ],
    );
    let errors: Vec<(usize, usize)> = of_rule(&report, "unknown-reference")
        .iter()
        .inspect(|d| assert_eq!(d.file, a_path))
        .map(|d| (d.line, d.column))
        .collect();
    assert!(errors.contains(&locate(&a, "\"benefits.internal.eligibilty\"")));
    assert!(errors.contains(&locate(&a, "\"health.external.reportng\"")));
    assert_at(only(&report, "known-typo"), &b_path, &b, "診察報酬", 0);
    assert_at(only(&report, "era-first-year"), &b_path, &b, "令和1年", 0);

    let out = p.check_cli(&[]);
    assert_eq!(exit_code(&out), 1);
    assert_eq!(
        summary(&out),
        "checked 3 unions: 2 errors, 2 warnings, 0 acknowledged"
    );
    let err = stderr(&out);
    for (path, source, needle) in [
        (&a_path, &a, "\"benefits.internal.eligibilty\""),
        (&a_path, &a, "\"health.external.reportng\""),
        (&b_path, &b, "診察報酬"),
        (&b_path, &b, "令和1年"),
    ] {
        let (line, column) = locate(source, needle);
        let at = format!("{}:{line}:{column}: ", path.display());
        assert!(err.contains(&at), "`{at}` missing from:\n{err}");
    }
}

#[test]
fn union_option_restricts_the_check() {
    let (p, [_, (b_path, _), (c_path, _)]) = three_unions();

    let report = p.check_only(&["b"]);
    assert_eq!(report.unions, 1);
    assert_rules(&report, &["era-first-year", "known-typo"]);
    assert!(report.diagnostics.iter().all(|d| d.file == b_path));

    let out = p.check_cli(&["--union", "b"]);
    assert_eq!(exit_code(&out), 0, "a's errors are not looked at");
    assert_eq!(
        summary(&out),
        "checked 1 union: 0 errors, 2 warnings, 0 acknowledged"
    );
    assert!(!stderr(&out).contains("a.toml"), "{}", stderr(&out));

    let out = p.check_cli(&["--union", "b", "--union", "c", "--deny-warnings"]);
    assert_eq!(exit_code(&out), 1);
    assert_eq!(
        summary(&out),
        "checked 2 unions: 0 errors, 2 warnings, 0 acknowledged"
    );

    let out = p.check_cli(&["--union", "c"]);
    assert_eq!(exit_code(&out), 0);
    assert_eq!(
        summary(&out),
        "checked 1 union: 0 errors, 0 warnings, 0 acknowledged"
    );
    assert!(c_path.is_file());
}

#[test]
fn an_unknown_union_option_is_an_error() {
    let (p, _) = three_unions();
    let out = p.check_cli(&["--union", "bb"]);
    assert_eq!(exit_code(&out), 1);
    let err = stderr(&out);
    assert!(err.contains("bb"), "{err}");
}

// ---------------------------------------------------------------------------------------------
// 4. --format json

#[test]
fn json_output_is_one_object_per_line() {
    let (p, _) = three_unions();
    p.union("d", &acknowledged_union());
    let report = p.check();

    let out = p.check_cli(&["--format", "json"]);
    assert_eq!(exit_code(&out), 1, "errors still fail");
    let text = stdout(&out);
    let objects: Vec<serde_json::Value> = text
        .lines()
        .map(|line| {
            serde_json::from_str(line).unwrap_or_else(|e| panic!("not JSON: {line}\n({e})"))
        })
        .collect();
    assert_eq!(objects.len(), report.diagnostics.len());
    assert_eq!(objects.len(), 5);

    let keys: BTreeSet<&str> = [
        "rule",
        "severity",
        "file",
        "line",
        "column",
        "message",
        "suggestion",
        "acknowledged",
    ]
    .into();
    for (json, d) in objects.iter().zip(&report.diagnostics) {
        let object = json.as_object().expect("an object");
        let found: BTreeSet<&str> = object.keys().map(String::as_str).collect();
        assert_eq!(found, keys, "{json}");
        assert_eq!(json["rule"], d.rule);
        let severity = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        };
        assert_eq!(json["severity"], severity);
        assert_eq!(json["file"], d.file.display().to_string());
        assert_eq!(json["line"], d.line);
        assert_eq!(json["column"], d.column);
        assert_eq!(json["message"], d.message.as_str());
        match &d.suggestion {
            Some(s) => assert_eq!(json["suggestion"], s.as_str()),
            None => assert!(json["suggestion"].is_null()),
        }
        match &d.acknowledged {
            Some(r) => assert_eq!(json["acknowledged"], r.as_str()),
            None => assert!(json["acknowledged"].is_null()),
        }
    }
    let note = objects
        .iter()
        .find(|o| o["severity"] == "note")
        .expect("the acknowledged finding");
    assert_eq!(note["rule"], "contractor-phone");
    assert_eq!(note["acknowledged"], REASON);

    // As many as the human output shows, and as the summary counts.
    let human = p.check_cli(&[]);
    let shown = stderr(&human)
        .lines()
        .filter(|l| {
            l.starts_with("error: ") || l.starts_with("warning: ") || l.starts_with("note: ")
        })
        .count();
    assert_eq!(shown, objects.len());
    assert_eq!(
        summary(&human),
        "checked 4 unions: 2 errors, 2 warnings, 1 acknowledged"
    );
    // In JSON mode the summary stays off stdout.
    assert!(
        stderr(&out)
            .lines()
            .last()
            .is_some_and(|l| l == summary(&human)),
        "{}",
        stderr(&out)
    );
}

#[test]
fn json_output_of_a_clean_project_is_empty() {
    let p = Project::new();
    p.union("u", &clean(""));
    let out = p.check_cli(&["--format", "json", "--deny-warnings"]);
    assert_eq!(exit_code(&out), 0);
    assert_eq!(stdout(&out), "");
}

// ---------------------------------------------------------------------------------------------
// 5. Languages

/// A union with several findings: no address, a typo, old wording.
fn findings_union() -> String {
    union_with(
        &IDENTITY.replacen(ADDRESS, "", 1),
        WINDOW,
        "[[item]]\nid = \"benefits.internal.eligibility\"\ntext = \"被保険者資格の確認、被扶養者の認定並びに健康保険被保険者証の発行管理\"\n\n[[section]]\nid = \"claims\"\nshort_title = \"診察報酬の審査・支払\"\n",
    )
}

#[test]
fn japanese_messages() {
    let p = Project::new();
    p.union("u", &findings_union());
    let out = p.check_cli(&["--lang", "ja"]);
    assert_eq!(exit_code(&out), 0);
    assert_eq!(
        summary(&out),
        "1 組合を確認しました: エラー 0 件、警告 3 件、確認済み 0 件"
    );
    let err = stderr(&out);
    assert!(err.contains("警告: "), "{err}");
    assert!(err.contains("ありません"), "{err}");
    assert!(err.contains("古い表現"), "{err}");
    assert!(err.contains("組合の住所が書かれていません"), "{err}");
    assert!(
        err.contains("  = ヒント: 「診療報酬」と書いてください"),
        "{err}"
    );
    assert!(!err.contains("warning:") && !err.contains("help:"), "{err}");

    let out = p.check_cli(&["--lang", "ja", "--format", "json"]);
    for line in stdout(&out).lines() {
        let json: serde_json::Value = serde_json::from_str(line).expect("JSON");
        let message = json["message"].as_str().unwrap();
        assert!(
            !message.contains(" the ") && !message.contains(" is "),
            "Japanese message expected: {message}"
        );
    }
}

#[test]
fn english_messages() {
    let p = Project::new();
    p.union("u", &findings_union());
    let out = p.check_cli(&["--lang", "en"]);
    assert_eq!(exit_code(&out), 0);
    assert_eq!(
        summary(&out),
        "checked 1 union: 0 errors, 3 warnings, 0 acknowledged"
    );
    let err = stderr(&out);
    assert!(err.contains("warning: "), "{err}");
    assert!(err.contains("the union's address is not given"), "{err}");
    assert!(err.contains("is old wording"), "{err}");
    assert!(
        !err.contains("ありません") && !err.contains("警告"),
        "{err}"
    );
}

#[test]
fn the_language_defaults_to_the_locale() {
    let p = Project::new();
    p.union("u", &findings_union());
    let out = run_kumiai_in_locale(p.path(), "ja_JP.UTF-8", &["check"]);
    assert!(
        summary(&out).contains("組合を確認しました"),
        "{}",
        stdout(&out)
    );
    let out = run_kumiai_in_locale(p.path(), "en_US.UTF-8", &["check"]);
    assert!(
        summary(&out).starts_with("checked 1 union"),
        "{}",
        stdout(&out)
    );
    // --lang wins over the locale.
    let out = run_kumiai_in_locale(p.path(), "ja_JP.UTF-8", &["--lang", "en", "check"]);
    assert!(summary(&out).starts_with("checked 1 union"));
}

// ---------------------------------------------------------------------------------------------
// 6. Encodings and broken files, for check and build

const GOOD_RENAMED: &str = "改名健康保険組合";

/// A project with unions `good` and `bad`, both built while complete; then `bad` is replaced by
/// `bytes` and `good` is renamed. Checks that `check` (library and CLI) and `build` (library and
/// CLI) fail on `bad` only, with a diagnostic of `rule`, that `good` is still built, and that
/// `bad`'s previous site is left exactly as it was. Returns `bad`'s path and diagnostic.
fn broken_union(bytes: &[u8], rule: &str) -> (PathBuf, Diagnostic) {
    let p = Project::new();
    p.union("good", &clean(""));
    let bad = p.union("bad", &clean(""));
    let report = p.build();
    assert_built(&report, "good");
    assert_built(&report, "bad");
    let before = snapshot(&p.out().join("bad"));
    assert!(before.contains_key("index.html"));

    fs::write(&bad, bytes).expect("write the broken file");
    p.union("good", &clean("").replace("見本健康保険組合", GOOD_RENAMED));

    // check, through the library
    let report = p.check();
    assert_eq!(report.unions, 2);
    assert!(
        report
            .diagnostics
            .iter()
            .all(|d| d.file.starts_with(p.path().join("unions").join("bad")) || d.file == bad),
        "only `bad` has problems:\n{}",
        rendered(&report)
    );
    let found = report
        .diagnostics
        .iter()
        .find(|d| d.rule == rule && d.severity == Severity::Error)
        .unwrap_or_else(|| panic!("no `{rule}` error in:\n{}", rendered(&report)))
        .clone();
    assert_eq!(found.file, bad);

    // check, on the command line
    let out = p.check_cli(&[]);
    assert_eq!(exit_code(&out), 1, "{}", stderr(&out));
    assert!(
        stderr(&out).contains(&format!("[{rule}]")),
        "{}",
        stderr(&out)
    );
    assert!(!stderr(&out).contains("panicked"), "{}", stderr(&out));
    assert!(
        summary(&out).starts_with("checked 2 unions: "),
        "{}",
        stdout(&out)
    );

    // build, on the command line and through the library
    let out = p.cli(&[]);
    assert_eq!(exit_code(&out), 1, "{}", stderr(&out));
    assert!(!stderr(&out).contains("panicked"), "{}", stderr(&out));
    assert!(
        stderr(&out).contains(&bad.display().to_string()),
        "{}",
        stderr(&out)
    );
    assert!(
        p.read("good/index.html").contains(GOOD_RENAMED),
        "the good union is still built"
    );
    let report = p.build();
    assert_built(&report, "good");
    let list = problems(&report, "bad");
    assert!(list.iter().any(|d| d.rule == rule), "{}", describe(&report));
    assert_eq!(
        snapshot(&p.out().join("bad")),
        before,
        "the broken union's previous site is left as it was"
    );
    (bad, found)
}

fn utf16le(text: &str, bom: bool) -> Vec<u8> {
    let mut bytes = if bom { vec![0xFF, 0xFE] } else { vec![] };
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    bytes
}

#[test]
fn shift_jis_file() {
    // 「名前」 in Shift_JIS on line 2.
    let (_, d) = broken_union(b"[union]\nname = \"\x96\xbc\x91\x4f\"\n", "encoding");
    assert_eq!(d.line, 2, "{d}");
    assert!(d.message.contains("Shift_JIS"), "{d}");
    assert!(
        d.message.contains("name = \"名前\""),
        "the decoded line: {d}"
    );
    assert!(d.suggestion.as_deref().unwrap().contains("UTF-8"));
}

#[test]
fn utf16_file_with_bom() {
    let (_, d) = broken_union(&utf16le(&clean(""), true), "encoding");
    assert!(d.message.contains("UTF-16"), "{d}");
    assert!(
        d.message.contains("# テスト用の組合"),
        "first line decoded: {d}"
    );
}

#[test]
fn utf16_file_without_bom() {
    let (_, d) = broken_union(&utf16le(&clean(""), false), "encoding");
    assert!(d.message.contains("UTF-16"), "{d}");
    assert!(
        d.message.contains("# テスト用の組合"),
        "first line decoded: {d}"
    );
}

#[test]
fn utf16_file_without_bom_mostly_japanese() {
    let acom = fs::read_to_string(repo_root().join("unions").join("acom.toml")).expect("acom");
    let (_, d) = broken_union(&utf16le(&acom, false), "encoding");
    assert!(d.message.contains("UTF-16"), "{d}");
}

#[test]
fn truncated_file() {
    let src = clean("");
    let cut = pos(&src, "東京都千代田区") + "東京都".len();
    let (line, _) = locate(&src, "東京都千代田区");
    let (_, d) = broken_union(&src.as_bytes()[..cut], "toml-syntax");
    assert_eq!(d.line, line, "{d}");
    assert!(d.suggestion.is_some(), "{d}");
}

#[test]
fn random_bytes() {
    // A fixed pseudo-random sequence (xorshift), so a failure can be reproduced.
    let mut x: u32 = 0x9E37_79B9;
    let bytes: Vec<u8> = (0..4096)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            (x >> 24) as u8
        })
        .collect();
    let p = Project::new();
    p.union("good", &clean(""));
    let bad = p.union("bad", &clean(""));
    p.build();
    let before = snapshot(&p.out().join("bad"));
    fs::write(&bad, &bytes).expect("write");

    let report = p.check();
    assert!(report.count(Severity::Error) >= 1, "{}", rendered(&report));
    assert!(report.diagnostics.iter().all(|d| d.file == bad));
    let out = p.check_cli(&[]);
    assert_eq!(exit_code(&out), 1, "{}", stderr(&out));
    assert!(!stderr(&out).contains("panicked"), "{}", stderr(&out));
    let out = p.cli(&[]);
    assert_eq!(exit_code(&out), 1, "{}", stderr(&out));
    assert!(!stderr(&out).contains("panicked"), "{}", stderr(&out));
    assert_built(&p.build(), "good");
    assert_eq!(snapshot(&p.out().join("bad")), before);
}

#[test]
fn unknown_key() {
    let src = clean("").replacen("name =", "nmae =", 1);
    let (bad, d) = broken_union(src.as_bytes(), "unknown-key");
    assert_at(&d, &bad, &src, "nmae", 0);
    assert!(d.suggestion.as_deref().unwrap().contains("`name`"), "{d}");
}

#[test]
fn wrong_type() {
    let src = clean("[[item]]\nid = \"benefits.internal.payment\"\nconsent = \"yes\"\n");
    let (bad, d) = broken_union(src.as_bytes(), "wrong-type");
    assert_at(&d, &bad, &src, "\"yes\"", 0);
}

#[test]
fn invalid_value() {
    let src = clean("[presentation]\nlayout = \"tabel\"\n");
    let (bad, d) = broken_union(src.as_bytes(), "invalid-value");
    assert_at(&d, &bad, &src, "\"tabel\"", 0);
    assert!(d.suggestion.as_deref().unwrap().contains("`table`"), "{d}");
}

#[test]
fn utf8_bom_and_crlf_files_are_read_as_they_are() {
    let typo = "[[section]]\nid = \"claims\"\nshort_title = \"診察報酬の審査・支払\"\n";
    let src = clean(typo);
    let (line, column) = locate(&src, "診察報酬");
    let variants: [(&str, Vec<u8>); 3] = [
        ("bom", [b"\xEF\xBB\xBF".as_slice(), src.as_bytes()].concat()),
        ("crlf", src.replace('\n', "\r\n").into_bytes()),
        (
            "both",
            [
                b"\xEF\xBB\xBF".as_slice(),
                src.replace('\n', "\r\n").as_bytes(),
            ]
            .concat(),
        ),
    ];
    let p = Project::new();
    for (slug, bytes) in &variants {
        fs::write(p.union_path(slug), bytes).expect("write");
    }
    let report = p.check();
    assert_eq!(report.unions, 3);
    assert_rules(&report, &["known-typo", "known-typo", "known-typo"]);
    for d in &report.diagnostics {
        assert_eq!((d.line, d.column), (line, column), "{d}");
        assert_eq!(
            d.source_line.as_deref(),
            Some("short_title = \"診察報酬の審査・支払\""),
            "no BOM, no CR in the frame"
        );
    }
    let out = p.check_cli(&[]);
    assert_eq!(exit_code(&out), 0, "{}", stderr(&out));
    let report = p.build();
    for (slug, _) in &variants {
        assert_built(&report, slug);
        let index = p.read(&format!("{slug}/index.html"));
        assert!(index.contains("UNION 見本健康保険組合 /"), "{index}");
        assert!(!index.contains('\u{FEFF}'), "no BOM reaches a page");
    }
}

// ---------------------------------------------------------------------------------------------
// 7. check writes nothing

#[test]
fn check_writes_nothing() {
    let (p, _) = three_unions();
    p.union("d", &acknowledged_union());
    p.union(
        "e",
        &clean("[[page]]\nid = \"requests\"\nfile = \"requests.md\"\n"),
    );
    p.union_file("e", "requests.md", "{{ wording.fee }}\n\n令和1年に改定。\n");
    p.union("f", "[union]\nname = \"壊れた\n");
    // Once never built: no public/ appears.
    let before = snapshot(p.path());
    let times = mtimes(p.path());
    p.check();
    p.check_cli(&[]);
    assert_eq!(snapshot(p.path()), before);
    assert!(!p.out().exists(), "check creates no output folder");

    // And after a build: public/ and its file list are left alone too.
    p.build();
    assert!(p.out().join("c").join("index.html").is_file());
    let before = snapshot(p.path());
    let times_after_build = mtimes(p.path());
    p.check();
    p.check_only(&["e"]);
    for args in [
        &[][..],
        &["--format", "json"],
        &["--lang", "ja"],
        &["--deny-warnings"],
        &["--union", "c"],
    ] {
        p.check_cli(args);
    }
    assert_eq!(snapshot(p.path()), before, "check changed the project");
    assert_eq!(mtimes(p.path()), times_after_build, "check touched a file");
    // The unions were not touched by the build either.
    for (name, time) in &times {
        if name.starts_with("unions/") {
            assert_eq!(times_after_build.get(name), Some(time), "{name}");
        }
    }
}

// ---------------------------------------------------------------------------------------------
// 8. The real example unions, as README.md's table "What `check` reports on the example unions,
// and why" says (hard-coded here: if the examples or the rules change, the README must too).

#[test]
fn the_example_unions_report_what_the_readme_says() {
    // (union, findings); "(acknowledged)" marks a note.
    let readme: [(&str, &[&str]); 6] = [
        ("minimal", &[]),
        (
            "example-saitama",
            &[
                "legal-address",
                "legal-representative",
                "legal-complaints",
                "consent-legend",
                "known-typo",
                "known-typo",
                "known-typo",
                "window-not-shown",
            ],
        ),
        (
            "example-osaka",
            &[
                "legal-address",
                "legal-representative",
                "legal-complaints",
                "old-wording",
                "stale-override",
                "contractor-phone (acknowledged)",
            ],
        ),
        (
            "kinki-denshi",
            &["legal-address", "legal-representative", "legal-complaints"],
        ),
        ("tokyo-kiki", &["legal-representative", "legal-fee"]),
        (
            "acom",
            &[
                "legal-address",
                "legal-representative",
                "legal-complaints",
                "old-wording",
                "stale-override",
            ],
        ),
    ];
    let expected: BTreeMap<String, Vec<String>> = readme
        .iter()
        .map(|(slug, rules)| {
            let mut rules: Vec<String> = rules.iter().map(|r| r.to_string()).collect();
            rules.sort();
            (slug.to_string(), rules)
        })
        .collect();

    let root = repo_root();
    let report = kumiai::check::check(&root, &[]);
    let mut found: BTreeMap<String, Vec<String>> = kumiai::load::list_unions(&root)
        .expect("unions/")
        .iter()
        .map(|p| (kumiai::build::slug_of(p), Vec::new()))
        .collect();
    for d in &report.diagnostics {
        let unions = root.join("unions");
        let rel = d.file.strip_prefix(&unions).unwrap_or_else(|_| {
            panic!("a finding outside unions/:\n{d}");
        });
        let slug = rel
            .components()
            .next()
            .and_then(|c| c.as_os_str().to_str())
            .map(|s| s.trim_end_matches(".toml").to_string())
            .expect("a union");
        let entry = match d.severity {
            Severity::Note => format!("{} (acknowledged)", d.rule),
            Severity::Warning => d.rule.to_string(),
            Severity::Error => panic!("the examples have no errors:\n{d}"),
        };
        found.entry(slug).or_default().push(entry);
    }
    for rules in found.values_mut() {
        rules.sort();
    }
    assert_eq!(
        found,
        expected,
        "README.md's table no longer matches `kumiai check`:\n{}",
        rendered(&report)
    );
    assert_eq!(report.unions, 6);

    let out = run_kumiai(&root, &["check"]);
    assert_eq!(exit_code(&out), 0, "{}", stderr(&out));
    assert_eq!(
        summary(&out),
        "checked 6 unions: 0 errors, 23 warnings, 1 acknowledged"
    );
}
