//! Items: reworded text, contractors, consent, removal, new items and where they go.

use super::*;

#[test]
fn item_text_is_replaced_and_marked_reworded() {
    let p = project(
        r#"
[[item]]
id = "benefits.internal.payment"
text = "保険給付及び付加給付（独自給付を含む）の実施"

# Same text as the base: not a rewording.
[[item]]
id = "benefits.internal.eligibility"
text = "被保険者資格の確認、被扶養者の認定並びに健康保険資格確認書・資格情報のお知らせの発行管理"

[[new_item]]
id = "benefits.internal.extra"
text = "独自の利用目的"
"#,
    );
    let html = p.build_page("u", "purposes");
    assert!(html.contains(&li(
        "benefits.internal.payment",
        "保険給付及び付加給付（独自給付を含む）の実施"
    )));
    assert!(!html.contains("ITEM 保険給付及び付加給付の実施<"));
    // Untouched items keep the base text.
    assert!(html.contains(&li(
        "premiums.internal.collection",
        "健康保険料、介護保険料、調整保険料の徴収"
    )));

    let site = merged(&p, "u");
    assert_eq!(
        find_item(&site, "benefits.internal.payment").origin,
        Origin::Reworded
    );
    assert_eq!(
        find_item(&site, "benefits.internal.eligibility").origin,
        Origin::Base
    );
    assert_eq!(
        find_item(&site, "benefits.internal.extra").origin,
        Origin::Added
    );
    assert_eq!(
        find_item(&site, "premiums.internal.collection").origin,
        Origin::Base
    );
}

#[test]
fn contractors_and_contractor_label_render_the_note() {
    let p = project(
        r#"
[contractors.acme]
name = "株式会社アクメ"
phone = "03-0000-0000"

[contractors.beta]
name = "ベータ情報サービス"

[[item]]
id = "benefits.external.data-processing"
contractors = ["acme"]

[[item]]
id = "stability.external.data-outsourcing"
contractors = ["acme", "beta"]
contractor_label = "委託先"

[[new_item]]
id = "health.external.app"
text = "健康管理アプリの運営の委託"
contractors = ["beta"]
"#,
    );
    let html = p.build_page("u", "purposes");
    assert!(html.contains(&li(
        "benefits.external.data-processing",
        "被保険者等の資格等のデータ処理の外部委託（外部委託先は、株式会社アクメ TEL 03-0000-0000）"
    )));
    assert!(html.contains(&li(
        "stability.external.data-outsourcing",
        "医療費分析及び医療費通知に係るデータ処理等の外部委託（委託先は、株式会社アクメ TEL 03-0000-0000、ベータ情報サービス）"
    )));
    assert!(html.contains(&li(
        "health.external.app",
        "健康管理アプリの運営の委託（外部委託先は、ベータ情報サービス）"
    )));
    // Items without contractors have no note.
    assert!(html.contains(&li(
        "benefits.external.overseas-translation",
        "海外療養費に係る翻訳のための外部委託"
    )));
}

#[test]
fn consent_marks_items_and_shows_the_legend() {
    let p = Project::new();
    p.union(
        "marked",
        &union_toml(
            NAME,
            r#"
[[item]]
id = "health.external.collabo-health"
consent = true
"#,
        ),
    );
    p.union(
        "custom",
        &union_toml(
            NAME,
            r#"
[wording]
consent_legend = "＊印は黙示の同意によるものです（独自の文言）。"

[[new_item]]
id = "health.external.sports"
text = "スポーツ大会の案内"
consent = true
"#,
        ),
    );
    p.union("plain", &union_toml(NAME, ""));
    let report = p.build();
    for slug in ["marked", "custom", "plain"] {
        assert_built(&report, slug);
    }

    let marked = p.read("marked/purposes.html");
    assert!(marked.contains(&li(
        "health.external.collabo-health",
        "コラボヘルスの一環である健診結果の事業者への提供＊"
    )));
    // Only that item carries the mark.
    assert_eq!(marked.matches("＊</li>").count(), 1);
    assert!(
        marked.contains("LEGEND ＊印の利用目的は、加入者の皆さまの黙示の同意をいただいたうえで")
    );

    let custom = p.read("custom/purposes.html");
    assert!(custom.contains(&li("health.external.sports", "スポーツ大会の案内＊")));
    assert!(custom.contains("LEGEND ＊印は黙示の同意によるものです（独自の文言）。"));

    let plain = p.read("plain/purposes.html");
    assert!(!plain.contains("＊</li>"));
    assert!(!plain.contains("LEGEND"), "no ＊ items, so no legend");
}

#[test]
fn remove_drops_items_groups_and_sections() {
    let p = project(
        r#"
[[item]]
id = "health.internal.facilities"
remove = true

[[group]]
id = "claims.review"
remove = true

[[section]]
id = "premiums"
remove = true
"#,
    );
    let html = p.build_page("u", "purposes");
    assert!(!html.contains("health.internal.facilities"));
    assert!(!html.contains("健康増進施設（保養所等）の運営<"));
    // Its neighbours stay.
    assert_eq!(
        item_ids(group_html(&html, "health.internal")),
        [
            "health.internal.checkups",
            "health.internal.specific-checkups"
        ]
    );
    assert!(!html.contains("data-group=\"claims.review\""));
    assert!(!html.contains("claims.review.transfer"));
    assert!(html.contains("data-group=\"claims.external\""));
    assert!(!html.contains("data-section=\"premiums\""));
    assert!(!html.contains("保険料の徴収等に必要な利用目的"));
    // Sections are renumbered.
    assert!(html.contains("SECTION 1. 被保険者等に対する保険給付に必要な利用目的"));
    assert!(html.contains("SECTION 2. 保健事業に必要な利用目的"));
    assert!(html.contains("SECTION 7. オンライン資格確認等システムの利用に係る利用目的"));
    assert!(!html.contains("SECTION 8."));
}

#[test]
fn new_items_go_to_the_end_or_before_or_after_a_sibling() {
    let p = project(
        r#"
[[new_item]]
id = "benefits.internal.at-end"
text = "末尾に追加する利用目的"

[[new_item]]
id = "benefits.internal.first"
text = "先頭に追加する利用目的"
before = "benefits.internal.eligibility"

[[new_item]]
id = "benefits.internal.middle"
text = "途中に追加する利用目的"
after = "benefits.internal.payment"
"#,
    );
    let html = p.build_page("u", "purposes");
    assert_eq!(
        item_ids(group_html(&html, "benefits.internal")),
        [
            "benefits.internal.first",
            "benefits.internal.eligibility",
            "benefits.internal.payment",
            "benefits.internal.middle",
            "benefits.internal.mynumber-use",
            "benefits.internal.at-end",
        ]
    );
    assert!(html.contains(&li("benefits.internal.middle", "途中に追加する利用目的")));
    assert!(html.contains(&li("benefits.internal.first", "先頭に追加する利用目的")));
    assert!(html.contains(&li("benefits.internal.at-end", "末尾に追加する利用目的")));
}
