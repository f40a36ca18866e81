//! Moves (`to`/`before`/`after` on `[[section]]`, `[[group]]`, `[[item]]`) and per-union base
//! values (`[wording] mynumber_clause`).

use super::*;

/// The problems of union `u`, as `(rule, line, column)`.
fn places(p: &Project) -> Vec<(&'static str, usize, usize)> {
    let report = p.build();
    problems(&report, "u")
        .iter()
        .map(|d| (d.rule, d.line, d.column))
        .collect()
}

#[test]
fn an_item_moves_to_another_group_keeping_its_id() {
    let p = project(
        r#"
[[item]]
id = "benefits.internal.payment"
to = "health.internal"
before = "health.internal.facilities"
"#,
    );
    let html = p.build_page("u", "purposes");
    assert_eq!(
        item_ids(group_html(&html, "health.internal")),
        [
            "health.internal.checkups",
            "health.internal.specific-checkups",
            "benefits.internal.payment",
            "health.internal.facilities",
        ]
    );
    assert!(
        !item_ids(group_html(&html, "benefits.internal"))
            .contains(&"benefits.internal.payment".to_string())
    );
    // It is still the base item: a base rewording would reach it.
    assert_eq!(
        find_item(&merged(&p, "u"), "benefits.internal.payment").origin,
        Origin::Base
    );
}

#[test]
fn items_groups_and_sections_reorder_in_place() {
    let p = project(
        r#"
[[item]]
id = "premiums.internal.collection"
before = "premiums.internal.standard-remuneration"

[[group]]
id = "claims.review"
after = "claims.internal"

[[group]]
id = "online.provide"
to = "mynumber"

[[section]]
id = "online"
before = "benefits"
"#,
    );
    let html = p.build_page("u", "purposes");
    assert_eq!(
        item_ids(group_html(&html, "premiums.internal")),
        [
            "premiums.internal.collection",
            "premiums.internal.standard-remuneration"
        ]
    );
    assert_order(
        &html,
        &[
            "SECTION 1. オンライン資格確認等システムの利用に係る利用目的",
            "data-group=\"online.receive\"",
            "SECTION 2. 被保険者等に対する保険給付に必要な利用目的",
            "data-group=\"claims.internal\"",
            "data-group=\"claims.review\"",
            "data-group=\"claims.external\"",
            "data-group=\"mynumber.provide\"",
            "data-group=\"online.provide\"",
        ],
    );
}

#[test]
fn a_move_to_nowhere_is_reported_where_it_is_written() {
    let p = project(
        r#"
[[item]]
id = "benefits.internal.payment"
to = "health.intrenal"

[[item]]
id = "benefits.internal.eligibility"
after = "benefits.internal.eligibility"

[[group]]
id = "claims.review"
to = "online"
before = "online.nowhere"

[[section]]
id = "online"
remove = true
after = "benefits"
"#,
    );
    let found = places(&p);
    // The union's lines start after [union]'s identity (union_toml puts it first).
    let line = |needle: &str| {
        let source = std::fs::read_to_string(p.union_path("u")).unwrap_or_default();
        locate(&source, needle).0
    };
    for (rule, needle) in [
        ("unknown-reference", "to = \"health.intrenal\""),
        ("conflict", "after = \"benefits.internal.eligibility\""),
        ("unknown-reference", "before = \"online.nowhere\""),
        ("conflict", "id = \"online\""),
    ] {
        assert!(
            found
                .iter()
                .any(|(r, l, _)| *r == rule && *l == line(needle)),
            "{rule} at `{needle}` in {found:?}"
        );
    }
}

#[test]
fn diff_says_moved_from_and_to_and_keeps_a_rewording() {
    let p = project(
        r#"
[[item]]
id = "benefits.internal.payment"
to = "health.internal"
text = "保険給付の実施"
"#,
    );
    let out = run_kumiai(p.path(), &["diff", "u"]);
    let text = stdout(&out);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(text.contains("moved: item benefits.internal.payment\n  benefits.internal, position 2 → health.internal, position 4"), "{text}");
    assert!(
        text.contains("reworded: benefits.internal.payment"),
        "{text}"
    );
    assert!(
        !text.contains("removed: benefits.internal.payment"),
        "{text}"
    );
    assert!(!text.contains("added: benefits.internal.payment"), "{text}");
    // The site counts the move as a change of its own, beside the rewording.
    assert_eq!(merged(&p, "u").moved.len(), 1);
    let json = run_kumiai(p.path(), &["diff", "u", "--format", "json"]);
    let value: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap_or_default();
    assert_eq!(
        value["moved"][0]["to"]["parent"], "health.internal",
        "{value}"
    );
}

#[test]
fn a_union_gives_its_own_mynumber_clause() {
    let p = project(
        r#"
[wording]
mynumber_clause = "番号法第19条第7号"

[[new_item]]
id = "mynumber.provide.own"
text = "{{ base.mynumber_clause }}に基づく提供"
"#,
    );
    let html = p.build_page("u", "purposes");
    assert!(html.contains("番号法第19条第7号に基づく提供"), "{html}");
    // The base's section 7 intro names the clause through the placeholder: it shows the union's.
    let intro = between(&html, "data-section=\"mynumber\"", "data-group");
    assert!(intro.contains("番号法第19条第7号"), "{intro}");
    assert!(!html.contains("番号法第19条第8号"), "{html}");
}

#[test]
fn an_empty_or_templated_mynumber_clause_is_refused() {
    let p = project("[wording]\nmynumber_clause = \"{{ union.name }}\"\n");
    let found = places(&p);
    assert!(
        found
            .iter()
            .any(|(rule, _, column)| *rule == "invalid-value" && *column == 19),
        "{found:?}"
    );
}
