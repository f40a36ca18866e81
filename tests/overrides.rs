//! Every override operation of `unions/<slug>.toml` has a visible effect on the built site.

mod common;

use common::*;
use kumiai::model::Origin;

const NAME: &str = "テスト健康保険組合";

/// A project with one union `u` made of `[union]` plus `rest`.
fn project(rest: &str) -> Project {
    let p = Project::new();
    p.union("u", &union_toml(NAME, rest));
    p
}

fn li(id: &str, text: &str) -> String {
    format!("<li data-item=\"{id}\">ITEM {text}</li>")
}

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
    assert!(html.contains("INTRO 番号法第19条第7号に基づく独自の前書き"));
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

    let site = merged(&p, "u");
    let view = kumiai::render::view::purposes(&site);
    assert_eq!(
        view.sections[0].groups[0].label,
        "＜健保組合等の内部での利用に係る事例＞"
    );
    assert_eq!(view.right_header, "＜他の事業者等への情報提供を伴う事例＞");
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

#[test]
fn dates_are_written_in_wareki_with_half_or_full_width_digits() {
    let dates = r#"
[dates]
established = 2019-05-01
effective = 2019-04-30
published = 2024-12-02
revisions = [
  { date = 1989-01-08, note = "制定当初の改定" },
]
"#;
    let p = Project::new();
    p.union("half", &union_toml(NAME, dates));
    p.union(
        "full",
        &union_toml(NAME, &format!("[presentation]\ndigits = \"full\"\n{dates}")),
    );
    p.union("none", &union_toml(NAME, ""));
    let report = p.build();
    for slug in ["half", "full", "none"] {
        assert_built(&report, slug);
    }

    let half = p.read("half/index.html");
    assert!(half.contains("ESTABLISHED 令和元年5月1日"));
    assert!(half.contains("EFFECTIVE 平成31年4月30日"));
    assert!(half.contains("PUBLISHED 令和6年12月2日"));
    assert!(half.contains("REVISION 平成元年1月8日 制定当初の改定"));
    assert!(half.contains("BASE 2024-12-02 令和6年12月2日"));

    let full = p.read("full/index.html");
    assert!(full.contains("ESTABLISHED 令和元年５月１日"));
    assert!(full.contains("EFFECTIVE 平成３１年４月３０日"));
    assert!(full.contains("PUBLISHED 令和６年１２月２日"));
    assert!(full.contains("REVISION 平成元年１月８日 制定当初の改定"));
    assert!(full.contains("BASE 2024-12-02 令和６年１２月２日"));

    let none = p.read("none/index.html");
    assert!(!none.contains("ESTABLISHED"));
    assert!(!none.contains("PUBLISHED"));
}

#[test]
fn date_placeholders_in_prose_use_wareki() {
    let p = project(
        r#"
[dates]
established = 2019-05-01

[[page]]
id = "safety"
body = "制定日：{{ dates.established }}／施行日：{{ dates.effective }}"
"#,
    );
    let html = p.build_page("u", "safety");
    assert!(html.contains("<p>制定日：令和元年5月1日／施行日：（未記載）</p>"));
}

#[test]
fn pages_are_retitled_replaced_read_from_files_removed_and_added() {
    let p = project(
        r#"
[[page]]
id = "safety"
title = "安全管理措置（独自）"

[[page]]
id = "purposes"
intro = "{{ union.self_name }}独自の前書きです。"

[[page]]
id = "requests"
body = """
## 独自の手続

請求は書面で受け付けます。
"""

[[page]]
id = "history"
file = "history.md"

[[page]]
id = "contact"
remove = true

[[new_page]]
id = "storage"
title = "保存期間"
body = "保存期間は{{ union.name }}の規程によります。"
after = "purposes"

[[new_page]]
id = "access"
title = "アクセス"
file = "access.md"
"#,
    );
    p.union_file(
        "u",
        "history.md",
        "## 沿革\n\n{{ union.name }}の沿革です。\n",
    );
    p.union_file("u", "access.md", "地図：![地図](files/map.png)\n");
    p.union_file("u", "map.png", "not really a png");
    let report = p.build();
    assert_built(&report, "u");
    let pages = report
        .outcomes
        .iter()
        .find_map(|o| match o {
            kumiai::UnionOutcome::Built { pages, .. } => Some(*pages),
            _ => None,
        })
        .unwrap();
    assert_eq!(pages, 7);

    // Title: on the page and in every page's navigation.
    let safety = p.read("u/safety.html");
    assert!(safety.contains("<h1>安全管理措置（独自）</h1>"));
    assert!(safety.contains("組織的安全管理措置"), "body kept");
    assert!(p.read("u/index.html").contains("NAV 安全管理措置（独自）"));

    // Intro: new Markdown, the purposes still generated.
    let purposes = p.read("u/purposes.html");
    assert!(purposes.contains("<p>当組合独自の前書きです。</p>"));
    assert!(!purposes.contains("次の利用目的で個人情報を取り扱います"));
    assert!(purposes.contains("data-replaced=\"false\""));
    assert!(purposes.contains("SECTION 1. 被保険者等に対する保険給付に必要な利用目的"));

    // Body: the whole page replaced.
    let requests = p.read("u/requests.html");
    assert!(requests.contains("<h2>独自の手続</h2>"));
    assert!(requests.contains("<p>請求は書面で受け付けます。</p>"));
    assert!(!requests.contains("請求の方法"));
    assert!(requests.contains("data-replaced=\"true\""));

    // File: Markdown from unions/u/, placeholders filled in; the history list is replaced.
    let history = p.read("u/history.html");
    assert!(history.contains("<h2>沿革</h2>"));
    assert!(history.contains(&format!("<p>{NAME}の沿革です。</p>")));
    assert!(!history.contains("の個人情報保護方針の制定・改定の履歴です"));

    // Removed: no file, no link.
    assert!(!p.out().join("u/contact.html").exists());
    assert!(!p.read("u/index.html").contains("contact.html"));

    // New pages: after the page named, or at the end.
    let storage = p.read("u/storage.html");
    assert!(storage.contains("<h1>保存期間</h1>"));
    assert!(storage.contains(&format!("<p>保存期間は{NAME}の規程によります。</p>")));
    let nav = between(&storage, "<nav>", "</nav>");
    assert_eq!(
        attr_values(nav, "data-nav"),
        [
            "index", "purposes", "storage", "safety", "requests", "history", "access"
        ]
    );
    assert!(nav.contains(
        "<a href=\"storage.html\" data-nav=\"storage\" aria-current=\"page\">NAV 保存期間</a>"
    ));

    // Assets of unions/u/ are copied under files/, Markdown is not.
    let access = p.read("u/access.html");
    assert!(access.contains("src=\"files/map.png\""));
    assert_eq!(
        std::fs::read_to_string(p.out().join("u/files/map.png")).unwrap(),
        "not really a png"
    );
    assert!(!p.out().join("u/files/history.md").exists());
    assert!(
        broken_links(&p.out()).is_empty(),
        "{:?}",
        broken_links(&p.out())
    );
}

#[test]
fn a_purposes_page_replaced_by_a_body_shows_only_that_body() {
    let p = project("[[page]]\nid = \"purposes\"\nbody = \"利用目的は別紙のとおりです。\"\n");
    let html = p.build_page("u", "purposes");
    assert!(html.contains("<p>利用目的は別紙のとおりです。</p>"));
    assert!(!html.contains("data-layout="));
    assert!(!html.contains("ITEM "));
}

#[test]
fn raw_html_in_union_markdown_is_shown_as_text() {
    let p = project(
        "[[page]]\nid = \"safety\"\nbody = \"<script>alert(1)</script>\\n\\n<b onclick=\\\"x()\\\">太字</b>\"\n",
    );
    let html = p.build_page("u", "safety");
    assert!(!html.contains("<script>"));
    assert!(html.contains("&lt;script&gt;"));
    assert!(!html.contains("<b onclick"));
}

#[test]
fn self_name_is_used_in_prose_and_titles() {
    let p = Project::new();
    // Still inside [union]: a blank line does not end a table.
    p.union("own", &union_toml(NAME, "self_name = \"当健保組合\"\n"));
    p.union("default", &union_toml(NAME, ""));
    let report = p.build();
    assert_built(&report, "own");
    assert_built(&report, "default");

    let own = p.read("own/index.html");
    assert!(own.contains(
        "<title>当健保組合の個人情報保護の取り組みについて | テスト健康保険組合</title>"
    ));
    assert!(own.contains("当健保組合は、加入者（被保険者・被扶養者）のみなさまの個人情報について"));
    assert!(!own.contains("当組合"));
    assert!(
        p.read("own/requests.html")
            .contains("当健保組合所定の請求書により")
    );
    assert!(
        p.read("own/purposes.html")
            .contains("<p>当健保組合は、次の利用目的で")
    );

    let default = p.read("default/index.html");
    assert!(default.contains("当組合は、加入者（被保険者・被扶養者）のみなさまの個人情報について"));
}

#[test]
fn wording_fee_replaces_the_fee_statement() {
    let p = Project::new();
    p.union(
        "paid",
        &union_toml(
            NAME,
            "[wording]\nfee = \"開示の請求には、1件につき300円の手数料がかかります。\"\n",
        ),
    );
    p.union("free", &union_toml(NAME, ""));
    let report = p.build();
    assert_built(&report, "paid");
    assert_built(&report, "free");

    let paid = p.read("paid/requests.html");
    assert!(
        paid.contains(
            "<h2>手数料</h2>\n<p>開示の請求には、1件につき300円の手数料がかかります。</p>"
        )
    );
    assert!(!paid.contains("無料"));
    let free = p.read("free/requests.html");
    assert!(free.contains("<p>開示等の請求にかかる手数料は無料です。</p>"));
}

#[test]
fn contact_windows_are_listed_on_the_contact_page() {
    let p = project(
        r#"
[[contacts]]
department = "テスト健康保険組合 総務課"
postal_code = "100-0001"
address = "東京都千代田区千代田1-1"
phone = "03-1234-5678"
hours = "9:00～17:00"
closed = "土曜、日曜"

[[contacts]]
department = "テスト健康保険組合 大阪分室"
"#,
    );
    let html = p.build_page("u", "contact");
    assert_order(
        &html,
        &[
            "DEPT テスト健康保険組合 総務課",
            "POSTAL 〒100-0001 東京都千代田区千代田1-1",
            "TEL 03-1234-5678",
            "HOURS 9:00～17:00（土曜、日曜を除く）",
            "DEPT テスト健康保険組合 大阪分室",
        ],
    );
    // Only the contact page lists them.
    assert!(!p.read("u/index.html").contains("DEPT "));
}

#[test]
fn escaped_placeholders_are_written_literally() {
    let p = project(
        "[[page]]\nid = \"safety\"\nbody = \"書式は \\\\{{ union.name }} です：{{ union.name }}\"\n",
    );
    let html = p.build_page("u", "safety");
    assert!(
        html.contains(&format!("<p>書式は {{{{ union.name }}}} です：{NAME}</p>")),
        "{html}"
    );
}
