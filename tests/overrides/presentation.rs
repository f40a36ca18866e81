//! How the purposes look, with the real default theme: table words, labels without brackets or
//! without a heading, section and item numbers, Markdown in items, intros and notes, headings
//! between sections, Japanese line breaks.

use super::*;

/// A project with one union `u` (`[union]` plus `rest`) built with the real default theme.
fn real(rest: &str) -> Project {
    let p = project(rest);
    p.use_default_theme();
    p
}

/// The `<tr>` of one section in the table layout, up to the next row.
fn row<'a>(html: &'a str, section: &str) -> &'a str {
    let start = pos(html, &format!("id=\"purpose-{section}\""));
    let end = html[start..]
        .find("</tr>")
        .map_or(html.len(), |e| start + e);
    &html[start..end]
}

#[test]
fn the_table_keeps_the_words_of_the_union_page() {
    let p = real(
        r#"
[presentation]
layout = "table"
label_style = "none"

[presentation.table]
row_header = "title"
caption = ""
corner = ""
left = "組合内部での利用"
right = "外部への提供"
"#,
    );
    let html = p.build_page("u", "purposes");
    assert!(!html.contains("<caption>"), "{html}");
    assert!(html.contains(
        "<tr><td></td><th scope=\"col\">組合内部での利用</th><th scope=\"col\">外部への提供</th></tr>"
    ));
    assert!(
        row(&html, "benefits")
            .contains("<th scope=\"row\">被保険者等に対する保険給付に必要な利用目的</th>")
    );
    assert!(html.contains("<p class=\"group-label\">健保組合等の内部での利用に係る事例</p>"));
    assert!(!html.contains('【'), "no brackets anywhere");

    let plain = real("[presentation]\nlayout = \"table\"\n").build_page("u", "purposes");
    assert!(plain.contains("<caption>個人情報の利用目的</caption>"));
    assert!(plain.contains("<th scope=\"col\">区分</th>"));
    // The closing bracket is kept on the line of the character before it.
    assert!(plain.contains(
        "<th scope=\"col\">【健保組合等の内部での利用に係る事<span class=\"nobr\">例】</span></th>"
    ));
    assert!(row(&plain, "benefits").contains("<th scope=\"row\">被保険者等に対する保険給付</th>"));
}

#[test]
fn a_section_with_one_group_spans_both_columns() {
    let html = real("[presentation]\nlayout = \"table\"\n").build_page("u", "purposes");
    let premiums = row(&html, "premiums");
    assert_eq!(premiums.matches("<td").count(), 1, "{premiums}");
    assert!(premiums.contains("<td colspan=\"2\"><p class=\"group-label\">"));
    assert!(premiums.contains("標準報酬月額及び標準賞与額の把握"));
    let benefits = row(&html, "benefits");
    assert_eq!(benefits.matches("<td>").count(), 2, "{benefits}");
    assert!(!benefits.contains("colspan"));
}

#[test]
fn an_empty_label_shows_no_heading_in_list_and_table() {
    let rest = r#"
[labels]
internal = ""

[[group]]
id = "claims.review"
label = ""

[[new_group]]
id = "health.partners"
kind = "other"
label = ""

[[new_item]]
id = "health.partners.books"
text = "育児書の配布"
"#;
    let list = real(rest).build_page("u", "purposes");
    assert!(!list.contains("【】") && !list.contains("<h3 class=\"group-label\"></h3>"));
    assert!(!list.contains("健保組合等の内部での利用に係る事例"));
    assert!(!list.contains("審査支払機関への情報提供"));
    assert!(list.contains(
        "<h3 class=\"group-label\">【他の事業者等への情報提供を伴う事<span class=\"nobr\">例】</span></h3>"
    ));
    assert!(list.contains("育児書の配布"));
    let table =
        real(&format!("[presentation]\nlayout = \"table\"\n{rest}")).build_page("u", "purposes");
    assert!(!table.contains("<p class=\"group-label\"></p>"), "{table}");
    assert!(!table.contains("【】"));
}

#[test]
fn sections_and_items_are_numbered_as_the_union_writes_number_one() {
    let p = real("[presentation]\nsection_numbers = \"（１）\"\nitem_numbers = \"(1)\"\n");
    let html = p.build_page("u", "purposes");
    assert!(html.contains("<h2>（１）被保険者等に対する保険給付に必要な利用目的</h2>"));
    assert!(html.contains("<h2>（８）オンライン資格確認等システムの利用に係る利用目的</h2>"));
    assert!(html.contains("<ol class=\"numbered\">"));
    assert!(
        !html.contains("<ul>\n<li id=\"item-"),
        "items are no longer bullets"
    );
    // Numbers restart in every group: the first external item is (1) again.
    for id in [
        "benefits.internal.eligibility",
        "benefits.external.auto-payment",
    ] {
        assert!(
            html.contains(&format!(
                "<li id=\"item-{id}\"><span class=\"item-number\">(1) </span>"
            )),
            "{id}"
        );
    }
    assert!(html.contains(
        "<li id=\"item-benefits.internal.payment\"><span class=\"item-number\">(2) </span>"
    ));

    let none = real("[presentation]\nsection_numbers = \"\"\n").build_page("u", "purposes");
    assert!(none.contains("<h2>被保険者等に対する保険給付に必要な利用目的</h2>"));
    let table = real("[presentation]\nlayout = \"table\"\nsection_numbers = \"第一\"\n")
        .build_page("u", "purposes");
    assert!(row(&table, "premiums").contains("<th scope=\"row\">第二保険料の徴収等</th>"));
    let default_table = real("[presentation]\nlayout = \"table\"\n").build_page("u", "purposes");
    assert!(row(&default_table, "premiums").contains("<th scope=\"row\">保険料の徴収等</th>"));
}

#[test]
fn a_pattern_without_a_numeral_is_reported_where_it_is_written() {
    let source = union_toml(NAME, "[presentation]\nsection_numbers = \"第\"\n");
    let p = Project::new();
    p.union("u", &source);
    let found = problems(&p.build(), "u");
    let d = found
        .iter()
        .find(|d| d.rule == "numbering")
        .unwrap_or_else(|| panic!("no numbering problem: {found:?}"));
    assert_eq!((d.line, d.column), locate(&source, "\"第\""));
    assert!(d.message.contains("section_numbers") && d.message.contains("number one"));
    assert!(d.suggestion.as_deref().is_some_and(|s| s.contains("(1)")));
    assert!(d.message_ja.as_deref().is_some_and(|m| m.contains("番号")));
    assert!(d.suggestion_ja.is_some());
}

#[test]
fn item_texts_intros_and_notes_are_markdown() {
    let p = real(
        r#"
[[item]]
id = "benefits.internal.payment"
text = "**保険給付**及び付加給付の実施"

[[new_item]]
id = "health.internal.guidance"
text = """
保健指導の実施

- 特定保健指導
- 重症化予防
"""

[[section]]
id = "mynumber"
intro = """
一段落目。

二段落目。"""
note = "詳しくは[窓口](contact.html)へ。{{ union.name }}"

[[group]]
id = "health.internal"
note = "*大事な*注記"
"#,
    );
    let html = p.build_page("u", "purposes");
    assert!(html.contains(
        "<li id=\"item-benefits.internal.payment\"><strong>保険給付</strong>及び付加給付の実施</li>"
    ));
    assert!(html.contains("<li id=\"item-health.internal.guidance\"><p>保健指導の実施</p>"));
    assert!(html.contains("<li>特定保健指導</li>"));
    assert!(html.contains("<div class=\"section-intro\"><p>一段落目。</p>"));
    assert!(html.contains(&format!(
        "<div class=\"section-note\"><p>詳しくは<a href=\"contact.html\">窓口</a>へ。{NAME}</p>"
    )));
    assert!(html.contains("<div class=\"group-note\"><p><em>大事な</em>注記</p>"));
    // Plain text stays what it was: inline, escaped the same way.
    assert!(html.contains("<li id=\"item-benefits.internal.eligibility\">被保険者資格の確認"));
}

#[test]
fn a_script_link_in_a_note_or_an_item_is_refused_where_it_is_written() {
    let p = real(
        "[[group]]\nid = \"health.internal\"\nnote = \"[悪い](javascript:alert(1))注記\"\n[[item]]\nid = \"benefits.internal.payment\"\ntext = \"支払 <javascript:x>\"\n",
    );
    let report = p.build();
    let mut found: Vec<(usize, usize)> = problems(&report, "u")
        .iter()
        .filter(|d| d.rule == "link")
        .map(|d| (d.line, d.column))
        .collect();
    found.sort_unstable();
    let source = std::fs::read_to_string(p.union_path("u")).expect("u");
    let line_of = |needle: &str| {
        source
            .lines()
            .position(|l| l.contains(needle))
            .map_or(0, |n| n + 1)
    };
    assert_eq!(
        found.iter().map(|f| f.0).collect::<Vec<_>>(),
        [line_of("note = "), line_of("text = ")]
    );
    // Nothing of the union is published while it holds one.
    assert!(!p.out().join("u").join("purposes.html").exists());
}

#[test]
fn headings_between_sections_shift_the_outline_down_a_level() {
    let p = real(
        r#"
[[section]]
id = "benefits"
heading = "健康保険法に基づく利用目的"

[[section]]
id = "mynumber"
heading = "番号法に基づく利用目的"
"#,
    );
    let html = p.build_page("u", "purposes");
    assert_order(
        &html,
        &[
            "<h2 class=\"purpose-heading\">健康保険法に基づく利用目的</h2>",
            "<h3>1. 被保険者等に対する保険給付に必要な利用目的</h3>",
            "<h4 class=\"group-label\">【健保組合等の内部での利用に係る事<span class=\"nobr\">例】</span></h4>",
            "<h2 class=\"purpose-heading\">番号法に基づく利用目的</h2>",
            "<h3>7. 特定個人情報</h3>",
        ],
    );
    assert!(!html.contains("<h2>1. "));
    let plain = real("").build_page("u", "purposes");
    assert!(plain.contains("<h2>1. 被保険者等に対する保険給付に必要な利用目的</h2>"));
    assert!(!plain.contains("purpose-heading"));
    let table = real(
        "[presentation]\nlayout = \"table\"\n[[section]]\nid = \"mynumber\"\nheading = \"番号法\"\n",
    )
    .build_page("u", "purposes");
    assert!(table.contains("<tr class=\"section-heading\"><th colspan=\"3\">番号法</th></tr>"));
}

#[test]
fn japanese_lines_of_a_page_join_without_a_space() {
    let p = real(
        r#"
[[page]]
id = "safety"
body = """
当組合は、個人情報を適正に
取り扱います。
We protect
your data.
"""
"#,
    );
    let html = p.build_page("u", "safety");
    assert!(
        html.contains("<p>当組合は、個人情報を適正に取り扱います。\nWe protect\nyour data.</p>"),
        "{html}"
    );
}
