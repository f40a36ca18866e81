//! Pages: retitled, replaced, read from files, removed and added; raw HTML shown as text.

use super::*;

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
    // Only pictures and documents are published, told by their first bytes.
    let png = b"\x89PNG\r\n\x1a\n a picture".as_slice();
    std::fs::write(p.path().join("unions/u/map.png"), png).unwrap();
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
    assert_eq!(std::fs::read(p.out().join("u/files/map.png")).unwrap(), png);
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
