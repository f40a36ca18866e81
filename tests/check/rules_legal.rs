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
    // Nothing to report on a complete union; the project (no `base_url`) gets its note only.
    let err = stderr(&out);
    assert!(
        err.lines()
            .all(|l| l.starts_with("info: ") && l.contains("[no-base-url]")
                || l.starts_with("  = help: ")),
        "{err}"
    );
}

#[test]
fn every_rule_is_documented_legal_ones_as_errors() {
    let ids: Vec<&str> = kumiai::RULES.iter().map(|r| r.id).collect();
    assert_eq!(
        ids,
        [
            "legal-name",
            "legal-address",
            "legal-representative",
            "legal-purposes",
            "legal-requests",
            "legal-fee",
            "legal-safety",
            "legal-abroad",
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
        "every rule has a test; a new rule needs one"
    );
    for r in kumiai::RULES {
        let expected = if r.id.starts_with("legal-") {
            Severity::Error
        } else {
            Severity::Warning
        };
        assert_eq!(r.severity, expected, "{}", r.id);
    }
}

/// Asserts that `d` is a `legal-*` error at `needle` of `source` in `file`, in both languages.
fn assert_legal(d: &Diagnostic, rule: &str, file: &Path, source: &str, needle: &str) {
    assert_eq!(d.rule, rule);
    assert_eq!(d.severity, Severity::Error, "{d}");
    assert_at(d, file, source, needle, 0);
    assert!(d.suggestion.is_some(), "a finding says what to do:\n{d}");
    assert!(
        d.message_ja.as_deref().is_some_and(|m| !m.is_empty()),
        "{d}"
    );
    assert!(d.suggestion_ja.is_some(), "{d}");
}

#[test]
fn legal_address() {
    let src = union_with(&IDENTITY.replacen(ADDRESS, "", 1), WINDOW, "");
    let (_, path, report) = check_one(&src);
    assert_rules(&report, &["legal-address"]);
    assert_legal(
        only(&report, "legal-address"),
        "legal-address",
        &path,
        &src,
        "[union]",
    );
    assert!(
        !report.passed(false),
        "a missing legal item fails the check"
    );
}

#[test]
fn placeholder_values_do_not_count_as_given() {
    for (key, value, rule) in [
        ("representative", "準備中", "legal-representative"),
        ("representative", "", "legal-representative"),
        ("address", "未定", "legal-address"),
        ("address", "-", "legal-address"),
        ("address", "　", "legal-address"),
    ] {
        let identity = IDENTITY
            .lines()
            .map(|l| {
                if l.starts_with(&format!("{key} =")) {
                    format!("{key} = \"{value}\"")
                } else {
                    l.to_string()
                }
            })
            .collect::<Vec<_>>()
            .join("\n");
        let src = union_with(&identity, WINDOW, "");
        let (_, path, report) = check_one(&src);
        assert_rules(&report, &[rule]);
        assert_legal(only(&report, rule), rule, &path, &src, &format!("{key} ="));
    }
}

#[test]
fn legal_representative_when_the_top_page_leaves_it_out() {
    // The value is given, but the union's own top page (a whole body) does not show it.
    let src =
        clean("[[page]]\nid = \"index\"\nbody = \"\"\"\n当組合の個人情報保護方針です。\n\"\"\"\n");
    let (_, path, report) = check_one(&src);
    assert_rules(&report, &["legal-representative", "legal-address"]);
    let d = only(&report, "legal-representative");
    assert_legal(d, "legal-representative", &path, &src, "representative =");
}

#[test]
fn legal_purposes() {
    let src = clean("[[page]]\nid = \"purposes\"\nremove = true\n");
    let (_, path, report) = check_one(&src);
    assert_rules(&report, &["legal-purposes"]);
    assert_legal(
        only(&report, "legal-purposes"),
        "legal-purposes",
        &path,
        &src,
        "id = \"purposes\"",
    );
}

#[test]
fn legal_purposes_when_every_group_of_a_section_is_removed() {
    let src = clean("[[group]]\nid = \"premiums.internal\"\nremove = true\n");
    let (_, _, report) = check_one(&src);
    assert_rules(&report, &["legal-purposes"]);
    assert!(
        only(&report, "legal-purposes")
            .message
            .contains("without any item")
    );
}

#[test]
fn an_item_written_in_markdown_counts_as_shown() {
    // The first item of a group, with explanatory sub-bullets: the page shows it as a paragraph
    // and a list, not as the Markdown written.
    let src = clean(
        "[[item]]\nid = \"benefits.internal.eligibility\"\ntext = \"\"\"\n被保険者資格の確認及び**被扶養者の認定**\n- 資格取得届により資格の取得を確認します。\n\"\"\"\n",
    );
    let (_, _, report) = check_one(&src);
    assert_rules(&report, &[]);
    // The real theme renders the Markdown: the page shows no 「**」 and no 「- 」.
    let p = Project::new();
    p.use_default_theme();
    p.union("u", &src);
    assert_rules(&p.check(), &[]);
}

#[test]
fn a_union_s_own_section_may_tell_its_purposes_in_prose_but_a_base_one_may_not() {
    // A narrative chapter of the union's own (seed 002's 特定個人情報) has text and no items.
    let own = "[purposes]\nbase = false\n[[new_section]]\nid = \"own\"\ntitle = \"当組合の利用目的\"\nitems = [\"保険給付の実施\"]\n[[new_section]]\nid = \"prose\"\ntitle = \"特定個人情報について\"\nintro = \"特定個人情報は、番号法に定める事務に限って利用します。\"\n";
    let (_, _, report) = check_one(&clean(own));
    assert_rules(&report, &[]);
    // Without its text it tells nothing.
    let silent = own.replace(
        "intro = \"特定個人情報は、番号法に定める事務に限って利用します。\"\n",
        "",
    );
    let (_, _, report) = check_one(&clean(&silent));
    assert_rules(&report, &["legal-purposes"]);
    // A base section emptied of its items keeps its intro, and still tells none.
    let emptied = "[[group]]\nid = \"mynumber.receive\"\nremove = true\n[[group]]\nid = \"mynumber.provide\"\nremove = true\n";
    let (_, _, report) = check_one(&clean(emptied));
    assert_rules(&report, &["legal-purposes"]);
}

#[test]
fn legal_purposes_is_satisfied_by_a_replaced_purposes_page_but_not_by_a_placeholder() {
    let src = clean(
        "[[page]]\nid = \"purposes\"\nbody = \"\"\"\n当組合は、保険給付、保健事業及び保険料の徴収のために個人情報を利用します。\n\"\"\"\n",
    );
    let (_, _, report) = check_one(&src);
    assert_rules(&report, &[]);
    let src = clean("[[page]]\nid = \"purposes\"\nbody = \"準備中です。\"\n");
    let (_, _, report) = check_one(&src);
    assert_rules(&report, &["legal-purposes"]);
}

#[test]
fn legal_requests() {
    let src = clean("[[page]]\nid = \"requests\"\nremove = true\n");
    let (_, _, report) = check_one(&src);
    assert_rules(&report, &["legal-requests"]);
    // A page that names only some procedures: the missing ones are listed.
    let src = clean(
        "[[page]]\nid = \"requests\"\nbody = \"\"\"\n開示の請求は窓口で受け付けます。手数料は無料です。\n\"\"\"\n",
    );
    let (_, path, report) = check_one(&src);
    assert_rules(&report, &["legal-requests"]);
    let d = only(&report, "legal-requests");
    assert_legal(d, "legal-requests", &path, &src, "id = \"requests\"");
    for missing in ["利用目的の通知", "訂正等", "利用停止等", "第三者提供の停止"]
    {
        assert!(d.message.contains(missing), "{missing}: {d}");
    }
}

const ALL_PROCEDURES: &str =
    "利用目的の通知、開示、訂正等、利用停止等及び第三者提供の停止の請求は、窓口で受け付けます。";

#[test]
fn legal_fee() {
    let src = clean(&format!(
        "[[page]]\nid = \"requests\"\nbody = \"\"\"\n{ALL_PROCEDURES}\n\"\"\"\n"
    ));
    let (_, path, report) = check_one(&src);
    assert_rules(&report, &["legal-fee"]);
    assert_legal(
        only(&report, "legal-fee"),
        "legal-fee",
        &path,
        &src,
        "id = \"requests\"",
    );
}

#[test]
fn legal_fee_needs_an_amount_or_no_fee_not_just_the_word() {
    for (statement, ok) in [
        (
            "利用目的の通知及び開示の請求には、1件につき300円の手数料をいただきます。",
            true,
        ),
        ("開示等の請求は無料です。", true),
        ("{{ wording.fee }}", true),
        ("手数料については別に定めます。", false),
        ("手数料がかかる場合があります。", false),
    ] {
        let src = clean(&format!(
            "[[page]]\nid = \"requests\"\nbody = \"\"\"\n{ALL_PROCEDURES}\n\n{statement}\n\"\"\"\n"
        ));
        let (_, _, report) = check_one(&src);
        let expected: &[&str] = if ok { &[] } else { &["legal-fee"] };
        assert_rules(&report, expected);
    }
}

#[test]
fn legal_fee_for_an_emptied_fee_points_at_it() {
    let src = clean("[wording]\nfee = \"\"\n");
    let (_, path, report) = check_one(&src);
    assert_rules(&report, &["legal-fee"]);
    assert_legal(
        only(&report, "legal-fee"),
        "legal-fee",
        &path,
        &src,
        "fee = \"\"",
    );
}

const FOUR_MEASURES: &str = "## 組織的安全管理措置\n\n責任者を置き、取扱いの範囲を定め、点検と監査を行っています。\n\n## 人的安全管理措置\n\n職員に定期的な研修を行い、秘密の保持を就業規則に定めています。\n\n## 物理的安全管理措置\n\n入室を管理し、機器の持ち出しを制限し、盗難を防いでいます。\n\n## 技術的安全管理措置\n\nアクセスを制御し、不正アクセスから情報システムを守っています。\n";

#[test]
fn legal_safety() {
    let src = clean(
        "[[page]]\nid = \"safety\"\nbody = \"\"\"\n組織的、人的及び物理的安全管理措置を講じています。\n\"\"\"\n",
    );
    let (_, path, report) = check_one(&src);
    assert_rules(&report, &["legal-safety"]);
    assert_legal(
        only(&report, "legal-safety"),
        "legal-safety",
        &path,
        &src,
        "id = \"safety\"",
    );

    // One line naming the four kinds is not the four measures (and 個人的 is not 人的).
    let one_line = clean(
        "[[page]]\nid = \"safety\"\nbody = \"\"\"\n個人データは、組織的、個人的、物理的、技術的に安全管理措置を講じて管理しています。\n\"\"\"\n",
    );
    let (_, _, report) = check_one(&one_line);
    assert_rules(&report, &["legal-safety"]);

    let complete = clean(&format!(
        "[[page]]\nid = \"safety\"\nbody = \"\"\"\n{FOUR_MEASURES}\"\"\"\n"
    ));
    let (_, _, report) = check_one(&complete);
    assert_rules(&report, &[]);
}

#[test]
fn legal_abroad_is_asked_for_by_a_foreign_contractor_only() {
    let contractor = "[contractors]\noverseas = { name = \"Mihon Data Pte. Ltd.\", country = \"シンガポール\" }\n\n[[item]]\nid = \"benefits.internal.payment\"\ncontractors = [\"overseas\"]\n";
    let src = clean(contractor);
    let (_, path, report) = check_one(&src);
    assert_rules(&report, &["legal-abroad"]);
    assert_legal(
        only(&report, "legal-abroad"),
        "legal-abroad",
        &path,
        &src,
        "overseas = {",
    );
    let covered = clean(&format!(
        "{contractor}\n[[abroad]]\ncountry = \"シンガポール\"\nmeasures = \"同国の個人情報保護法を確認し、委託契約で安全管理措置を定めています。\"\n"
    ));
    let (p, _, report) = check_one(&covered);
    assert_rules(&report, &[]);
    p.build();
    let safety = p.read("u/safety.html");
    assert!(safety.contains("シンガポール"), "{safety}");
}

#[test]
fn legal_complaints() {
    // Neither a [[contacts]] window nor the union's own address.
    let src = union_with(&IDENTITY.replacen(ADDRESS, "", 1), "", "");
    let (_, path, report) = check_one(&src);
    assert_rules(&report, &["legal-address", "legal-complaints"]);
    let d = only(&report, "legal-complaints");
    assert_legal(d, "legal-complaints", &path, &src, "[union]");
    assert!(d.suggestion.as_deref().unwrap().contains("[[contacts]]"));
}

#[test]
fn legal_complaints_when_the_window_has_no_way_to_reach_it() {
    let src = union_with(
        &IDENTITY.replacen(ADDRESS, "", 1),
        "[[contacts]]\ndepartment = \"総務部\"\n",
        "",
    );
    let (_, _, report) = check_one(&src);
    assert_rules(&report, &["legal-address", "legal-complaints"]);
}

#[test]
fn legal_complaints_when_the_contact_page_body_is_replaced() {
    let src = clean("[[page]]\nid = \"contact\"\nbody = \"準備中です。\"\n");
    let (_, _, report) = check_one(&src);
    assert_rules(&report, &["legal-complaints"]);
}

#[test]
fn an_acknowledged_legal_gap_passes_the_check() {
    let src = union_with(
        &IDENTITY.replacen("representative = \"理事長 見本 太郎\"\n", "", 1),
        WINDOW,
        "[[acknowledge]]\nrule = \"legal-representative\"\nreason = \"理事長の交代の手続中\"\n",
    );
    let (_, _, report) = check_one(&src);
    assert_eq!(report.count(Severity::Error), 0, "{}", rendered(&report));
    assert_eq!(report.count(Severity::Note), 1);
    assert!(report.passed(true));
}
