//! `[purposes] base = false`, the compact `items = [...]` form and the `[[data_kind]]` table.

use super::*;

/// The project with the real default theme, so the data-kinds partial is what renders.
fn with_real_theme(rest: &str) -> Project {
    let p = project(rest);
    p.use_default_theme();
    p
}

#[test]
fn the_union_sections_replace_the_base_with_compact_items() {
    let p = project(
        r#"
[contractors]
k = { name = "（株）見本" }

[purposes]
base = false

[[new_section]]
id = "own"
title = "当組合の利用目的"
items = ["加入者の資格管理", { text = "健診の実施", id = "checkups", contractors = ["k"], consent = true }]

[[new_group]]
id = "own.partners"
kind = "external"
items = ["委託先への提供"]
"#,
    );
    let html = p.build_page("u", "purposes");
    assert!(!html.contains("data-section=\"benefits\""), "{html}");
    assert_eq!(
        item_ids(&html),
        ["own.items.1", "own.items.checkups", "own.partners.1"]
    );
    assert!(html.contains("data-group=\"own.items\" data-kind=\"other\""));
    let site = merged(&p, "u");
    let checkups = find_item(&site, "own.items.checkups");
    assert!(checkups.consent && checkups.contractors == ["k"]);
    assert_eq!(checkups.origin, Origin::Added);
}

#[test]
fn a_compact_item_naming_an_unknown_contractor_is_reported() {
    let p = project(
        r#"
[[new_section]]
id = "own"
title = "当組合の利用目的"
items = [{ text = "健診の実施", contractors = ["nobody"] }]
"#,
    );
    let report = p.build();
    let found = problems(&report, "u");
    assert!(
        found
            .iter()
            .any(|d| d.rule == "unknown-reference" && d.message.contains("nobody")),
        "{found:?}"
    );
}

#[test]
fn data_kinds_show_as_a_table_in_open_data_and_in_diff() {
    let p = with_real_theme(
        r#"
[[data_kind]]
name = "資格に関する情報"
purposes = ["加入者の管理", "標準報酬月額の設定"]

[[data_kind]]
id = "checkups"
name = "健診に関する情報"
purposes = "保健事業の実施"

[data_kinds]
headers = ["情報の種類", "使いみち"]
note = "このほか**法令**に基づき利用します。"
position = "after"
"#,
    );
    let html = p.build_page("u", "purposes");
    assert!(html.contains("<th scope=\"col\">情報の種類</th><th scope=\"col\">使いみち</th>"));
    assert!(html.contains(
        "<tr id=\"kind-1\"><th scope=\"row\">資格に関する情報</th><td>加入者の管理、標準報酬月額の設定</td></tr>"
    ));
    assert!(html.contains("<tr id=\"kind-checkups\">"));
    assert!(html.contains("<strong>法令</strong>"));
    // After the sections.
    assert_order(&html, &["item-online.provide.registration", "kind-1"]);
    let policy: serde_json::Value =
        serde_json::from_str(&p.read("u/policy.json")).unwrap_or_default();
    assert_eq!(policy["data_kinds"][1]["purposes"][0], "保健事業の実施");
    let diff = stdout(&run_kumiai(p.path(), &["diff", "u"]));
    assert!(diff.contains("data kind: 健診に関する情報"), "{diff}");
}

#[test]
fn a_data_kinds_table_alone_publishes_the_purposes() {
    let p = with_real_theme(
        r#"
[purposes]
base = false

[[data_kind]]
name = "資格に関する情報"
purposes = ["加入者の管理"]
"#,
    );
    let html = p.build_page("u", "purposes");
    assert!(html.contains("加入者の管理"));
    let report = p.build();
    assert_built(&report, "u");
    // Nothing says the purposes are missing.
    let check = stdout(&run_kumiai(p.path(), &["check"]));
    assert!(!check.contains("legal-purposes"), "{check}");
}

#[test]
fn bad_data_kinds_are_reported() {
    let p = project(
        r#"
[[data_kind]]
id = "a"
name = ""
purposes = ["x"]

[[data_kind]]
id = "a"
name = "y"
purposes = ["z"]

[data_kinds]
headers = ["only one"]
"#,
    );
    let report = p.build();
    let rules: Vec<&str> = problems(&report, "u").iter().map(|d| d.rule).collect();
    for rule in ["missing-content", "duplicate-id", "invalid-value"] {
        assert!(rules.contains(&rule), "{rule} in {rules:?}");
    }
}
