//! Groups and sections: new ones and where they go, renames, labels, and the table layout.

use super::*;

#[test]
fn new_groups_take_their_place_and_label() {
    let p = project(
        r#"
[[new_group]]
id = "premiums.external"
kind = "external"

[[new_item]]
id = "premiums.external.bank"
text = "口座振替のための金融機関への情報提供"

[[new_group]]
id = "benefits.notes"
kind = "other"
label = "独自の事例"
before = "benefits.external"

[[new_group]]
id = "claims.extra"
kind = "other"
label = "補足の事例"
after = "claims.internal"

[[new_item]]
id = "claims.extra.one"
text = "補足の利用目的"
"#,
    );
    let html = p.build_page("u", "purposes");
    // At the section's end, with the base label of its kind.
    assert!(html.contains(
        "<h3 data-group=\"premiums.external\" data-kind=\"external\">GROUP 【他の事業者等への情報提供を伴う事例】</h3>"
    ));
    assert_eq!(
        item_ids(group_html(&html, "premiums.external")),
        ["premiums.external.bank"]
    );
    assert_order(
        &html,
        &[
            "data-group=\"premiums.internal\"",
            "data-group=\"premiums.external\"",
            "data-section=\"health\"",
        ],
    );
    // Before a sibling.
    assert!(html.contains(
        "<h3 data-group=\"benefits.notes\" data-kind=\"other\">GROUP 【独自の事例】</h3>"
    ));
    assert_order(
        &html,
        &[
            "data-group=\"benefits.internal\"",
            "data-group=\"benefits.notes\"",
            "data-group=\"benefits.external\"",
        ],
    );
    // After a sibling.
    assert_order(
        &html,
        &[
            "data-group=\"claims.internal\"",
            "data-group=\"claims.extra\"",
            "data-group=\"claims.external\"",
            "data-group=\"claims.review\"",
        ],
    );
    assert!(html.contains(&li("claims.extra.one", "補足の利用目的")));
}

#[test]
fn new_sections_go_before_or_after_a_section() {
    let p = project(
        r#"
[[new_section]]
id = "privacy-first"
title = "最初の独自区分"
before = "benefits"

[[new_section]]
id = "after-benefits"
title = "保険給付の次の区分"
short_title = "次の区分"
intro = "{{ union.name }}独自の区分です。"
after = "benefits"

[[new_group]]
id = "after-benefits.internal"
kind = "internal"

[[new_item]]
id = "after-benefits.internal.one"
text = "独自区分の利用目的"
"#,
    );
    let html = p.build_page("u", "purposes");
    assert_order(
        &html,
        &[
            "SECTION 1. 最初の独自区分",
            "SECTION 2. 被保険者等に対する保険給付に必要な利用目的",
            "SECTION 3. 保険給付の次の区分",
            "SECTION 4. 保険料の徴収等に必要な利用目的",
            "SECTION 10. オンライン資格確認等システムの利用に係る利用目的",
        ],
    );
    // short_title defaults to the title.
    assert!(html.contains("SHORT 最初の独自区分"));
    assert!(html.contains("SHORT 次の区分"));
    // Placeholders in a new section's intro are filled in.
    assert!(html.contains(&format!("INTRO {NAME}独自の区分です。")));
    assert!(html.contains(
        "<h3 data-group=\"after-benefits.internal\" data-kind=\"internal\">GROUP 【健保組合等の内部での利用に係る事例】</h3>"
    ));
    assert!(html.contains(&li("after-benefits.internal.one", "独自区分の利用目的")));
}

#[test]
fn sections_are_renamed_and_their_intro_replaced() {
    let p = project(
        r#"
[[section]]
id = "other"
title = "その他の利用目的"
short_title = "その他（独自）"

[[section]]
id = "mynumber"
intro = "{{ base.mynumber_clause }}に基づく独自の前書き"

[[section]]
id = "benefits"
intro = "保険給付の前書き"
"#,
    );
    let html = p.build_page("u", "purposes");
    assert!(html.contains("SECTION 6. その他の利用目的"));
    assert!(html.contains("SHORT その他（独自）"));
    assert!(!html.contains("SHORT その他</p>"));
    assert!(html.contains("INTRO 番号法第19条第8号に基づく独自の前書き"));
    assert!(!html.contains("との情報連携における利用目的"));
    assert!(html.contains("INTRO 保険給付の前書き"));

    // An empty intro removes the base intro.
    let p = project("[[section]]\nid = \"mynumber\"\nintro = \"\"\n");
    let html = p.build_page("u", "purposes");
    assert!(!html.contains("INTRO"));
}

#[test]
fn group_labels_are_renamed_one_by_one_and_by_kind() {
    let p = project(
        r#"
[labels]
internal = "内部での利用"

[[group]]
id = "claims.review"
label = "審査支払機関への提供"

[[group]]
id = "premiums.internal"
label = "保険料に係る内部での利用"

[[new_group]]
id = "online.internal"
kind = "internal"
"#,
    );
    let html = p.build_page("u", "purposes");
    assert!(html.contains(
        "<h3 data-group=\"claims.review\" data-kind=\"review\">GROUP 【審査支払機関への提供】</h3>"
    ));
    assert!(html.contains(
        "<h3 data-group=\"premiums.internal\" data-kind=\"internal\">GROUP 【保険料に係る内部での利用】</h3>"
    ));
    // [labels] renames every group of the kind, new ones included, except the one renamed above.
    let internal = html.matches("data-kind=\"internal\"").count();
    assert!(internal >= 6, "{internal}");
    assert_eq!(html.matches("GROUP 【内部での利用】").count(), internal - 1);
    assert!(html.contains(
        "<h3 data-group=\"online.internal\" data-kind=\"internal\">GROUP 【内部での利用】</h3>"
    ));
    assert!(!html.contains("健保組合等の内部での利用に係る事例"));
    // Other kinds keep the base label.
    assert_eq!(
        html.matches("GROUP 【他の事業者等への情報提供を伴う事例】")
            .count(),
        html.matches("data-kind=\"external\"").count()
    );
}

#[test]
fn angle_label_style_brackets_labels_with_angles() {
    let p = project("[presentation]\nlabel_style = \"angle\"\n");
    let html = p.build_page("u", "purposes");
    // Full-width ＜…＞, so a narrow table cell never wraps a bare bracket onto its own line.
    assert!(html.contains(
        "<h3 data-group=\"benefits.internal\" data-kind=\"internal\">GROUP ＜健保組合等の内部での利用に係る事例＞</h3>"
    ));
    assert!(!html.contains("GROUP 【"));
    // The view's labels and table header: `render::view`'s unit test
    // `angle_label_style_brackets_labels_and_the_table_header`.
}

#[test]
fn table_layout_puts_groups_in_columns_and_rows() {
    let p = Project::new();
    p.union(
        "table",
        &union_toml(NAME, "[presentation]\nlayout = \"table\"\n"),
    );
    p.union("list", &union_toml(NAME, ""));
    let report = p.build();
    assert_built(&report, "table");
    assert_built(&report, "list");

    let html = p.read("table/purposes.html");
    assert!(html.contains("data-layout=\"table\""));
    assert!(html.contains("LEFT-HEADER 【健保組合等の内部での利用に係る事例】"));
    assert!(html.contains("RIGHT-HEADER 【他の事業者等への情報提供を伴う事例】"));
    let benefits = between(&html, "<tr data-section=\"benefits\">", "</tr>");
    assert!(benefits.contains("SHORT 被保険者等に対する保険給付"));
    let left = between(benefits, "<td data-column=\"left\">", "</td>");
    let right = between(benefits, "<td data-column=\"right\">", "</td>");
    assert_eq!(item_ids(left)[0], "benefits.internal.eligibility");
    assert_eq!(item_ids(right)[0], "benefits.external.auto-payment");
    // 番号法: receiving on the left, providing on the right.
    let mynumber = between(&html, "<tr data-section=\"mynumber\">", "</tr>");
    let left = between(mynumber, "<td data-column=\"left\">", "</td>");
    let right = between(mynumber, "<td data-column=\"right\">", "</td>");
    assert!(
        item_ids(left)
            .iter()
            .all(|id| id.starts_with("mynumber.receive."))
    );
    assert!(
        item_ids(right)
            .iter()
            .all(|id| id.starts_with("mynumber.provide."))
    );
    // Review groups span both columns.
    let review = between(&html, "<tr data-row=\"claims.review\">", "</tr>");
    assert!(review.contains("ROW 【審査支払機関への情報提供を伴う事例】"));
    assert_eq!(
        item_ids(review),
        ["claims.review.transfer", "claims.review.re-examination"]
    );

    let list = p.read("list/purposes.html");
    assert!(list.contains("data-layout=\"list\""));
    assert!(!list.contains("<table>"));
}
