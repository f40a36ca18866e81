//! Lint from the base's history (issue 13): `stale-override` only where the union's wording
//! really predates a base change, and `removed-new-item` for a base item the union removes
//! though the base added it after the union's last revision.

use super::*;

/// A complete union without `[dates]`, followed by `rest`.
fn undated(rest: &str) -> String {
    format!("# テスト用の組合\n{IDENTITY}\n{WINDOW}\n{rest}")
}

/// A complete union whose only date is `day`, followed by `rest`.
fn dated(day: &str, rest: &str) -> String {
    format!("# テスト用の組合\n{IDENTITY}\n{WINDOW}\n[dates]\npublished = {day}\n\n{rest}")
}

fn eligibility(text: &str) -> String {
    format!("[[item]]\nid = \"benefits.internal.eligibility\"\ntext = \"{text}\"\n")
}

#[test]
fn stale_override_not_for_an_undated_union_that_follows_the_change() {
    // Its own words, but after the change: 資格確認書, no 被保険者証. Flagged before, only for
    // the missing [dates].
    let own = "被保険者資格の確認、被扶養者の認定並びに資格確認書等の発行管理";
    let (_, _, report) = check_one(&undated(&eligibility(own)));
    assert_rules(&report, &[]);
}

#[test]
fn stale_override_for_an_undated_union_near_the_old_wording() {
    // Near the wording before 2024-12-02 (健康保険証 for 健康保険被保険者証).
    let own = "被保険者資格の確認、被扶養者の認定並びに健康保険証の発行管理";
    let src = undated(&eligibility(own));
    let (_, path, report) = check_one(&src);
    // 健康保険証 is also one of the old card's names (`old-wording`'s variants).
    assert_rules(&report, &["old-wording", "stale-override"]);
    let d = only(&report, "stale-override");
    assert_finding(
        d,
        "stale-override",
        &path,
        &src,
        "\"benefits.internal.eligibility\"",
    );
    assert!(d.message.contains("no [dates]"), "{d}");
    assert!(
        !d.message.contains("old wording"),
        "not the exact old text: {d}"
    );
}

#[test]
fn stale_override_for_an_undated_union_with_the_old_text() {
    let old = "被保険者資格の確認、被扶養者の認定並びに健康保険被保険者証の発行管理";
    let (_, _, report) = check_one(&undated(&eligibility(old)));
    assert_rules(&report, &["old-wording", "stale-override"]);
    assert!(
        only(&report, "stale-override")
            .message
            .contains("old wording")
    );
}

#[test]
fn stale_override_not_for_a_dated_union_whose_text_is_nearer_the_new_wording() {
    let own = "被保険者資格の確認、被扶養者の認定並びに資格確認書等の発行管理";
    let (_, _, report) = check_one(&dated("2024-06-01", &eligibility(own)));
    assert_rules(&report, &[]);
}

const REMOVE_PUBLIC_ACCOUNT: &str =
    "[[item]]\nid = \"mynumber.receive.public-account\"\nremove = true\n";

#[test]
fn removed_new_item_after_the_last_revision() {
    // As acom: last revised 2021-10-29, removes the item the base added on 2024-12-02.
    let src = dated("2021-10-29", REMOVE_PUBLIC_ACCOUNT);
    let (_, path, report) = check_one(&src);
    assert_rules(&report, &["removed-new-item"]);
    let d = only(&report, "removed-new-item");
    assert_finding(
        d,
        "removed-new-item",
        &path,
        &src,
        "\"mynumber.receive.public-account\"",
    );
    assert!(
        d.message.contains("2024-12-02")
            && d.message.contains("2021-10-29")
            && d.message.contains("公金受取口座"),
        "{d}"
    );
    let ja = d.message_ja.as_deref().unwrap();
    assert!(
        ja.contains("令和6年12月2日") && ja.contains("令和3年10月29日"),
        "{ja}"
    );
    assert!(
        d.suggestion
            .as_deref()
            .unwrap()
            .contains("removed-new-item")
    );
}

#[test]
fn removed_new_item_not_when_revised_since_or_never_added() {
    // Revised on the day the item was added: the removal is a decision about it.
    let (_, _, report) = check_one(&dated("2024-12-02", REMOVE_PUBLIC_ACCOUNT));
    assert_rules(&report, &[]);
    // An item of the first base (no `added`).
    let (_, _, report) = check_one(&dated(
        "2021-10-29",
        "[[item]]\nid = \"health.internal.facilities\"\nremove = true\n",
    ));
    assert_rules(&report, &[]);
}

#[test]
fn removed_new_item_for_a_removed_group_and_when_undated() {
    // claims.review came with オンライン資格確認 (2021-10-20): both of its items.
    let src = dated(
        "2020-04-01",
        "[[group]]\nid = \"claims.review\"\nremove = true\n",
    );
    let (_, path, report) = check_one(&src);
    assert_rules(&report, &["removed-new-item", "removed-new-item"]);
    for d in of_rule(&report, "removed-new-item") {
        assert_at(d, &path, &src, "\"claims.review\"", 0);
        assert!(d.message.contains("2021-10-20"), "{d}");
    }
    let (_, _, report) = check_one(&undated(REMOVE_PUBLIC_ACCOUNT));
    assert_rules(&report, &["removed-new-item"]);
    assert!(
        only(&report, "removed-new-item")
            .message
            .contains("no [dates]")
    );
}

#[test]
fn removed_new_item_can_be_acknowledged() {
    let reason = "公金受取口座の情報連携は当組合では未実施のため";
    let src = dated(
        "2021-10-29",
        &format!(
            "{REMOVE_PUBLIC_ACCOUNT}\n[[acknowledge]]\nrule = \"removed-new-item\"\nreason = \"{reason}\"\n"
        ),
    );
    let (_, _, report) = check_one(&src);
    let d = only(&report, "removed-new-item");
    assert_eq!(d.severity, Severity::Note);
    assert_eq!(d.acknowledged.as_deref(), Some(reason));
}

#[test]
fn an_added_date_outside_the_changelog_stops_the_base() {
    let p = Project::new();
    p.union("u", &clean(""));
    let purposes = p.path().join("content").join("purposes.toml");
    let text = fs::read_to_string(&purposes).expect("purposes.toml");
    assert!(text.contains("added = 2024-12-02"));
    let text = text.replace("added = 2024-12-02", "added = 2024-12-01");
    fs::write(&purposes, &text).expect("write");
    let out = p.check_cli(&[]);
    assert_eq!(exit_code(&out), 1, "{}", stderr(&out));
    let (line, column) = locate(&text, "2024-12-01");
    let err = stderr(&out);
    assert!(
        err.contains(&format!("purposes.toml:{line}:{column}:")) && err.contains("changelog"),
        "at the date, naming the changelog:\n{err}"
    );
}
