//! Pages of the union's own that show generated parts: sections of purposes on a page of their
//! own, the implied-consent (＊) page; and the identity values `[union]` adds to the top page.
//! Built with the real default theme, whose partials show these parts.

use super::*;

/// A project whose union `u` is `[union]` plus `rest`, built with the real default theme.
fn real_theme_project(rest: &str) -> Project {
    let p = project(rest);
    p.use_default_theme();
    p
}

/// The problems of union `u`, which must fail.
fn failed(rest: &str) -> Vec<kumiai::Diagnostic> {
    let p = project(rest);
    problems(&p.build(), "u")
}

const MYNUMBER_PAGE: &str = r#"
[[item]]
id = "mynumber.receive.public-account"
consent = true

[[new_page]]
id = "mynumber"
title = "特定個人情報の利用目的"
body = "マイナンバーは次の目的に限って利用します。"
sections = ["mynumber"]
"#;

#[test]
fn a_section_moves_to_its_own_page_keeping_its_number_and_its_legend() {
    let p = real_theme_project(MYNUMBER_PAGE);
    let page = p.build_page("u", "mynumber");
    assert!(page.contains("マイナンバーは次の目的に限って利用します。"));
    assert!(
        page.contains("7. 特定個人情報"),
        "numbered as in the whole list"
    );
    assert!(page.contains("id=\"item-mynumber.receive.public-account\""));
    assert!(
        page.contains("class=\"legend\""),
        "its ＊ item brings the legend"
    );
    assert!(!page.contains("item-benefits.internal.eligibility"));

    let purposes = p.read("u/purposes.html");
    assert!(!purposes.contains("item-mynumber.receive.benefit-info"));
    assert!(purposes.contains("6. その他"));
    assert!(purposes.contains("8. オンライン資格確認等システムの利用に係る利用目的"));
    assert!(
        !purposes.contains("class=\"legend\""),
        "no ＊ item left here"
    );
}

#[test]
fn sections_are_checked_where_they_are_named() {
    let unknown = failed(
        r#"
[[new_page]]
id = "mynumber"
title = "特定個人情報"
sections = ["mynumbr"]
"#,
    );
    assert_eq!(unknown.len(), 1, "{unknown:?}");
    assert_eq!(unknown[0].rule, "unknown-reference");
    assert_eq!((unknown[0].line, unknown[0].column), (11, 13));
    assert!(
        unknown[0]
            .suggestion
            .as_deref()
            .unwrap()
            .contains("mynumber")
    );

    let twice = failed(
        r#"
[[new_page]]
id = "a"
title = "A"
sections = ["online"]

[[new_page]]
id = "b"
title = "B"
sections = ["mynumber", "online"]
"#,
    );
    assert_eq!(twice.len(), 1, "{twice:?}");
    assert_eq!(twice[0].rule, "conflict");
    assert_eq!((twice[0].line, twice[0].column), (16, 25));
    assert!(
        twice[0].message.contains("page `a`"),
        "{}",
        twice[0].message
    );
    assert!(
        twice[0]
            .message_ja
            .as_deref()
            .unwrap_or_default()
            .contains("ページ `a`")
    );

    let none = failed("[[new_page]]\nid = \"a\"\ntitle = \"A\"\nsections = []\n");
    assert_eq!(none[0].rule, "missing-content");
    assert_eq!(none[0].line, 8);
}

const CONSENT_PAGE: &str = r#"
[[item]]
id = "health.external.collabo-health"
consent = true

[[new_item]]
id = "health.external.childcare-books"
text = "出産者に対する育児書の配布"
consent = true

[[item]]
id = "other.external.third-party-consult"
consent = true

[[new_page]]
id = "consent"
title = "黙示の同意について"
kind = "consent"
"#;

#[test]
fn the_consent_page_lists_every_marked_item_by_section_and_where_to_object() {
    let p = real_theme_project(CONSENT_PAGE);
    let page = p.build_page("u", "consent");
    assert!(page.contains("<h1>黙示の同意について</h1>"));
    // The base's text, its placeholders filled.
    assert!(
        page.contains("当組合は、これらの利用目的を公表し"),
        "{page}"
    );
    assert_order(
        &page,
        &[
            "<h2>保健事業に必要な利用目的</h2>",
            "コラボヘルスの一環である健診結果の事業者への提供",
            "出産者に対する育児書の配布",
            "<h2>その他</h2>",
            "第三者求償事務において",
            "次の窓口にお申し出ください",
            "見本健康保険組合 総務部",
            "03-1234-5678",
        ],
    );
    assert!(
        !page.contains("医療機関への健診の委託"),
        "unmarked items stay off"
    );
    assert!(!page.contains("<h2>被保険者等に対する保険給付"));

    let purposes = p.read("u/purposes.html");
    assert!(
        purposes.contains("詳しくは「<a href=\"consent.html\">黙示の同意について</a>」"),
        "the legend links to the page"
    );
}

#[test]
fn a_consent_page_takes_the_union_s_own_text() {
    let rest = format!("{CONSENT_PAGE}body = \"同意されない方は総務部へ。\"\n");
    let p = real_theme_project(&rest);
    let page = p.build_page("u", "consent");
    assert!(page.contains("同意されない方は総務部へ。"));
    assert!(!page.contains("これらの利用目的を公表し"));
    assert!(page.contains("出産者に対する育児書の配布"));
}

#[test]
fn a_consent_page_needs_a_marked_item_and_no_sections() {
    let empty = failed("[[new_page]]\nid = \"consent\"\ntitle = \"同意\"\nkind = \"consent\"\n");
    assert_eq!(empty.len(), 1, "{empty:?}");
    assert_eq!(empty[0].rule, "missing-content");
    assert_eq!((empty[0].line, empty[0].column), (8, 6));
    assert!(
        empty[0]
            .suggestion
            .as_deref()
            .unwrap()
            .contains("consent = true")
    );

    let both = failed(&format!("{CONSENT_PAGE}sections = [\"health\"]\n"));
    assert_eq!(both[0].rule, "conflict", "{both:?}");
}

#[test]
fn identity_values_show_on_the_top_page_and_fill_placeholders() {
    let p = real_theme_project(
        r#"privacy_officer = "総務部長 山田 一郎"
phone = "03-9999-0000"
fax = "03-9999-0001"
letterhead = "各位"

[[new_page]]
id = "officer"
title = "責任者"
body = "責任者：{{ union.privacy_officer }}／電話 {{ union.phone }}／FAX {{ union.fax }}／{{ union.letterhead }}"
"#,
    );
    let index = p.build_page("u", "index");
    assert_order(
        &index,
        &[
            "<p class=\"letterhead\">各位</p>",
            "<dt>代表者</dt><dd>理事長 見本 太郎</dd>",
            "<dt>個人情報取扱責任者</dt><dd>総務部長 山田 一郎</dd>",
            "<dt>電話</dt><dd>03-9999-0000</dd>",
            "<dt>FAX</dt><dd>03-9999-0001</dd>",
        ],
    );
    let page = p.read("u/officer.html");
    assert!(
        page.contains("責任者：総務部長 山田 一郎／電話 03-9999-0000／FAX 03-9999-0001／各位"),
        "the union's own phone, not its window's"
    );
}

#[test]
fn union_phone_falls_back_to_the_first_window() {
    let p = project(
        "[[new_page]]\nid = \"tel\"\ntitle = \"電話\"\nbody = \"電話 {{ union.phone }}／FAX {{ union.fax }}\"\n",
    );
    let page = p.build_page("u", "tel");
    assert!(page.contains("電話 03-1234-5678／FAX （未記載）"), "{page}");
}

#[test]
fn rows_the_top_page_already_shows_are_left_out() {
    let own = r#"privacy_officer = "総務部長 山田 一郎"

[[page]]
id = "index"
intro = """
テスト健康保険組合（理事長 見本 太郎）は、個人情報取扱責任者 総務部長 山田 一郎 のもとで管理します。
"""
"#;
    let p = real_theme_project(own);
    let index = p.build_page("u", "index");
    assert!(index.contains("<dt>所在地</dt>"), "not in the text: kept");
    assert!(!index.contains("<dt>名称</dt>"));
    assert!(!index.contains("<dt>代表者</dt>"));
    assert!(!index.contains("<dt>個人情報取扱責任者</dt>"));

    // Every row shown in the text: no block at all, and the law still finds every value.
    let all = own.replace(
        "のもとで管理します。",
        "のもとで管理します。所在地：〒100-0001 東京都千代田区千代田1-1",
    );
    let p = real_theme_project(&all);
    let index = p.build_page("u", "index");
    assert!(!index.contains("identity-block"), "{index}");
}

#[test]
fn the_union_s_own_numbers_are_checked_like_a_window_s() {
    let found = failed("phone = \"０３-９９９９-００００\"\n");
    assert_eq!(found[0].rule, "phone", "{found:?}");
    assert_eq!(found[0].line, 7);
}
