//! Pages and placeholders: unknown pages, missing or outside page files, unknown placeholders.

use super::*;

#[test]
fn unknown_page_suggests_the_nearest_page() {
    check(
        "[[page]]\nid = \"purpose\"\ntitle = \"利用目的\"\n",
        Expect::at("\"purpose\"", &["no page", "`purpose`"], Some("`purposes`")),
    );
}

#[test]
fn missing_page_file_suggests_the_nearest_file() {
    let p = Project::new();
    p.union_file("u", "history.md", "## 沿革\n");
    let d = check_in(
        &p,
        "u",
        &union_toml(NAME, "[[page]]\nid = \"history\"\nfile = \"histroy.md\"\n"),
        Expect::at(
            "\"histroy.md\"",
            &["not found", "histroy.md"],
            Some("did you mean `history.md`"),
        ),
    );
    assert!(
        d.message
            .contains(&p.path().join("unions/u").display().to_string())
    );
}

#[test]
fn missing_page_file_without_a_folder_says_what_to_create() {
    check(
        "[[page]]\nid = \"safety\"\nfile = \"safety.md\"\n",
        Expect::at("\"safety.md\"", &["not found"], Some("create ")),
    );
}

#[test]
fn missing_new_page_file_is_reported_once() {
    check(
        "[[new_page]]\nid = \"access\"\ntitle = \"アクセス\"\nfile = \"access.md\"\n",
        Expect::at("\"access.md\"", &["not found"], Some("create ")),
    );
}

#[test]
fn page_file_outside_the_union_folder_is_refused() {
    check(
        "[[page]]\nid = \"history\"\nfile = \"../minimal.toml\"\n",
        Expect::at(
            "\"../minimal.toml\"",
            &["must be a file inside the union's own folder"],
            Some("unions/u/"),
        ),
    );
}

#[test]
fn unknown_placeholder_in_a_page_body_suggests_the_nearest_name() {
    check(
        r#"
[[page]]
id = "requests"
body = """
## 手続

{{ union.nmae }}所定の請求書により請求してください。
"""
"#,
        Expect::at(
            "{{ union.nmae }}",
            &["`{{ union.nmae }}`", "not a value"],
            Some("did you mean `union.name`"),
        ),
    );
}

#[test]
fn unknown_placeholder_in_a_page_file_is_reported_in_that_file() {
    let p = Project::new();
    let md = "安全管理\n\n本文 {{ union.adress }}\n";
    let page = p.union_file("u", "safety.md", md);
    p.union(
        "u",
        &union_toml(NAME, "[[page]]\nid = \"safety\"\nfile = \"safety.md\"\n"),
    );
    let report = p.build();
    let list = problems(&report, "u");
    assert_eq!(list.len(), 1, "{}", describe(&report));
    let d = &list[0];
    assert_eq!(d.file, page);
    assert_eq!((d.line, d.column), (3, 4), "{d}");
    assert!(d.message.contains("`{{ union.adress }}`"), "{d}");
    assert!(
        d.suggestion
            .as_deref()
            .is_some_and(|s| s.contains("`union.address`")),
        "{d}"
    );
    let out = p.cli(&[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains(&format!("{}:3:4: ", page.display())));
}

#[test]
fn unknown_placeholder_in_a_page_title_is_reported() {
    check(
        "[[new_page]]\nid = \"storage\"\ntitle = \"{{ union.self_nme }}の保存期間\"\nbody = \"5年\"\n",
        Expect::at(
            "{{ union.self_nme }}",
            &["`{{ union.self_nme }}`"],
            Some("`union.self_name`"),
        ),
    );
}

#[test]
fn unknown_placeholder_in_a_section_intro_is_located() {
    // Section intros are expanded like page prose (the base's mynumber intro uses
    // `{{ base.mynumber_clause }}`), so a typo there is a bad reference like any other.
    let source = union_toml(
        NAME,
        "[[section]]\nid = \"mynumber\"\nintro = \"{{ base.mynumber_clase }}に基づく情報連携\"\n",
    );
    let p = Project::new();
    let path = p.union("u", &source);
    let report = p.build();
    let list = problems(&report, "u");
    assert_eq!(list.len(), 1, "{}", describe(&report));
    let d = &list[0];
    assert_eq!(d.file, path);
    let intro_line = locate(&source, "intro = ").0;
    assert_eq!(d.line, intro_line, "{d}");
    assert!(d.column > 0, "{d}");
    assert!(
        d.suggestion
            .as_deref()
            .is_some_and(|s| s.contains("`base.mynumber_clause`")),
        "{d}"
    );
}

#[test]
fn intro_and_body_together_are_refused() {
    check(
        "[[page]]\nid = \"purposes\"\nintro = \"前書き\"\nbody = \"本文\"\n",
        Expect::at("\"purposes\"", &["either `intro` or `body`/`file`"], None),
    );
}

#[test]
fn removing_the_top_page_is_refused() {
    check(
        "[[page]]\nid = \"index\"\nremove = true\n",
        Expect::at("\"index\"", &["`index` cannot be removed"], Some("body")),
    );
}
