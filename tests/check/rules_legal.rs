//! Every lint rule, 1: a complete union has no findings; the rule list; the `legal-*` rules.

use super::*;

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
    let ids: Vec<&str> = kumiai::RULES.iter().map(|r| r.id).collect();
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
            "removed-new-item",
            "known-typo",
            "consent-legend",
            "consent-mark-text",
            "contractor-phone",
            "window-not-shown",
            "old-article",
            "era-first-year",
        ],
        "every rule has a test below; a new rule needs one"
    );
    for r in kumiai::RULES {
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
