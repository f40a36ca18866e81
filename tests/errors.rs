//! Every kind of mistake in an override is reported at its file, line and column, with the
//! nearest valid id when there is one — through the library and on the CLI's stderr.

mod common;

use std::fs;

use common::*;
use kumiai::Diagnostic;

const NAME: &str = "テスト健康保険組合";

/// What a broken override should produce.
struct Expect<'a> {
    /// Text that starts where the error points (for toml spans: the opening quote).
    at: &'a str,
    /// Which occurrence of `at` (0-based).
    nth: usize,
    /// Extra columns after the start of `at` (for parser errors at the end of a token).
    shift: usize,
    message: &'a [&'a str],
    suggestion: Option<&'a str>,
}

impl<'a> Expect<'a> {
    fn at(at: &'a str, message: &'a [&'a str], suggestion: Option<&'a str>) -> Self {
        Expect {
            at,
            nth: 0,
            shift: 0,
            message,
            suggestion,
        }
    }
}

/// Builds a project whose only union `u` has `[union]` + `rest`, checks the union's only
/// problem through the library and the CLI, and returns it.
fn check(rest: &str, expect: Expect) -> Diagnostic {
    let p = Project::new();
    check_in(&p, "u", &union_toml(NAME, rest), expect)
}

fn check_in(p: &Project, slug: &str, source: &str, expect: Expect) -> Diagnostic {
    let path = p.union(slug, source);
    let (line, column) = locate_nth(source, expect.at, expect.nth);
    let column = column + expect.shift;

    let report = p.build();
    let list = problems(&report, slug);
    assert_eq!(
        list.len(),
        1,
        "expected one problem, got:\n{}",
        describe(&report)
    );
    let d = list.into_iter().next().unwrap();
    assert_eq!(d.file, path);
    assert_eq!(
        (d.line, d.column),
        (line, column),
        "wrong location for:\n{d}\nin:\n{source}"
    );
    for part in expect.message {
        assert!(d.message.contains(part), "message lacks `{part}`:\n{d}");
    }
    if let Some(s) = expect.suggestion {
        let got = d.suggestion.as_deref().unwrap_or_default();
        assert!(got.contains(s), "suggestion lacks `{s}`:\n{d}");
    }
    // The code frame shows the offending line.
    let source_line = source.lines().nth(line - 1).unwrap();
    assert_eq!(d.source_line.as_deref(), Some(source_line));

    let out = p.cli(&[]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "stderr:\n{err}");
    let located = format!("{}:{line}:{column}: ", path.display());
    assert!(err.contains(&located), "stderr lacks `{located}`:\n{err}");
    assert!(err.contains(&d.message), "stderr lacks the message:\n{err}");
    if let Some(s) = expect.suggestion {
        assert!(err.contains("= help: "), "stderr lacks the help:\n{err}");
        assert!(err.contains(s), "stderr lacks `{s}`:\n{err}");
    }
    assert!(!p.out().join(slug).exists(), "a broken union wrote output");
    d
}

#[test]
fn unknown_item_suggests_the_nearest_item() {
    let d = check(
        "[[item]]\nid = \"benefits.internal.eligibilty\"\ntext = \"新しい文言\"\n",
        Expect::at(
            "\"benefits.internal.eligibilty\"",
            &["no item", "`benefits.internal.eligibilty`"],
            Some("`benefits.internal.eligibility`"),
        ),
    );
    // The nearest id comes first.
    assert!(
        d.suggestion
            .unwrap()
            .starts_with("did you mean `benefits.internal.eligibility`")
    );
    assert_eq!(d.width, "\"benefits.internal.eligibilty\"".len());
}

#[test]
fn unknown_item_in_another_group_suggests_the_same_item_elsewhere() {
    check(
        "[[item]]\nid = \"benefits.external.payment\"\nremove = true\n",
        Expect::at(
            "\"benefits.external.payment\"",
            &["no item"],
            Some("`benefits.internal.payment`"),
        ),
    );
}

#[test]
fn unknown_group_suggests_the_nearest_group() {
    check(
        "[[group]]\nid = \"benefits.internl\"\nlabel = \"内部\"\n",
        Expect::at(
            "\"benefits.internl\"",
            &["no group", "`benefits.internl`"],
            Some("did you mean `benefits.internal`"),
        ),
    );
}

#[test]
fn unknown_section_suggests_the_nearest_section() {
    check(
        "[[section]]\nid = \"benefit\"\ntitle = \"保険給付\"\n",
        Expect::at(
            "\"benefit\"",
            &["no section", "`benefit`"],
            Some("did you mean `benefits`"),
        ),
    );
}

#[test]
fn unknown_before_of_a_new_item_suggests_the_nearest_sibling() {
    check(
        r#"
[[new_item]]
id = "benefits.internal.extra"
text = "独自の利用目的"
before = "benefits.internal.paymnt"
"#,
        Expect::at(
            "\"benefits.internal.paymnt\"",
            &["`benefits.internal.paymnt`"],
            Some("`benefits.internal.payment`"),
        ),
    );
}

#[test]
fn unknown_after_of_a_new_section_suggests_the_nearest_section() {
    check(
        r#"
[[new_section]]
id = "extra"
title = "独自の区分"
after = "premium"
"#,
        Expect::at(
            "\"premium\"",
            &["no section", "`premium`"],
            Some("`premiums`"),
        ),
    );
}

#[test]
fn unknown_after_of_a_new_group_suggests_the_nearest_group() {
    check(
        r#"
[[new_group]]
id = "claims.extra"
kind = "other"
after = "claims.externl"
"#,
        Expect::at(
            "\"claims.externl\"",
            &["`claims.externl`"],
            Some("`claims.external`"),
        ),
    );
}

#[test]
fn unknown_after_of_a_new_page_suggests_the_nearest_page() {
    check(
        r#"
[[new_page]]
id = "storage"
title = "保存期間"
body = "5年"
after = "purpose"
"#,
        Expect::at("\"purpose\"", &["no page", "`purpose`"], Some("`purposes`")),
    );
}

#[test]
fn new_item_into_a_missing_group_suggests_the_nearest_group() {
    check(
        "[[new_item]]\nid = \"benefits.internl.extra\"\ntext = \"独自の利用目的\"\n",
        Expect::at(
            "\"benefits.internl.extra\"",
            &["no group `benefits.internl`"],
            Some("did you mean `benefits.internal`"),
        ),
    );
}

#[test]
fn duplicate_new_item_is_reported_at_the_second_one() {
    let rest = r#"
[[new_item]]
id = "benefits.internal.extra"
text = "独自の利用目的"

[[new_item]]
id = "benefits.internal.extra"
text = "もう一つの利用目的"
"#;
    check(
        rest,
        Expect {
            at: "\"benefits.internal.extra\"",
            nth: 1,
            shift: 0,
            message: &["`benefits.internal.extra` already exists"],
            suggestion: Some("[[item]]"),
        },
    );
}

#[test]
fn new_item_with_a_base_id_is_a_duplicate() {
    check(
        "[[new_item]]\nid = \"benefits.internal.payment\"\ntext = \"重複\"\n",
        Expect::at(
            "\"benefits.internal.payment\"",
            &["already exists"],
            Some("use [[item]] to change an existing item"),
        ),
    );
}

#[test]
fn unknown_contractor_suggests_the_nearest_contractor() {
    check(
        r#"
[contractors.acme]
name = "株式会社アクメ"

[[item]]
id = "benefits.external.data-processing"
contractors = ["acm"]
"#,
        Expect::at(
            "\"acm\"",
            &["no contractor `acm`"],
            Some("did you mean `acme`"),
        ),
    );
}

#[test]
fn contractor_without_any_contractors_says_how_to_define_one() {
    check(
        r#"
[[new_item]]
id = "health.external.app"
text = "アプリの委託"
contractors = ["acme"]
"#,
        Expect::at(
            "\"acme\"",
            &["no contractor `acme`"],
            Some("[contractors.acme]"),
        ),
    );
}

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

#[test]
fn invalid_slug_names_the_file_and_suggests_a_valid_name() {
    let p = Project::new();
    let path = p.union("Bad_Name", &union_toml(NAME, ""));
    p.union("good", &union_toml(NAME, ""));

    let report = p.build();
    assert_built(&report, "good");
    let list = problems(&report, "Bad_Name");
    assert_eq!(list.len(), 1);
    let d = &list[0];
    assert_eq!(d.file, path);
    // A problem of the file as a whole: no line and column.
    assert_eq!((d.line, d.column), (0, 0));
    assert!(
        d.message.contains("`Bad_Name` is not a valid union slug"),
        "{d}"
    );
    assert!(
        d.suggestion
            .as_deref()
            .unwrap_or_default()
            .contains("`bad-name.toml`"),
        "{d}"
    );

    let out = p.cli(&[]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains(&format!("error: {}: ", path.display())),
        "{err}"
    );
    assert!(err.contains("`bad-name.toml`"), "{err}");
    assert!(!p.out().join("Bad_Name").exists());
}

#[test]
fn toml_syntax_error_is_located() {
    // An unterminated string: reported at the end of its line.
    let line = "fee = \"無料です";
    check(
        &format!("[wording]\n{line}\n"),
        Expect {
            at: line,
            nth: 0,
            shift: line.chars().count(),
            message: &["string"],
            suggestion: None,
        },
    );
}

#[test]
fn toml_unclosed_table_header_is_located() {
    check(
        "[[item]\nid = \"benefits.internal.payment\"\n",
        Expect {
            at: "[[item]",
            nth: 0,
            shift: "[[item]".len(),
            message: &["expected `]`"],
            suggestion: None,
        },
    );
}

#[test]
fn unknown_key_is_located_and_lists_the_valid_keys() {
    check(
        "[[item]]\nid = \"benefits.internal.payment\"\ntexte = \"新しい文言\"\n",
        Expect::at("texte", &["unknown field `texte`", "`text`"], None),
    );
}

#[test]
fn unknown_table_is_located_and_lists_the_valid_tables() {
    check(
        "[presentaton]\nlayout = \"table\"\n",
        Expect {
            at: "presentaton",
            nth: 0,
            shift: 0,
            message: &["unknown field `presentaton`", "`presentation`"],
            suggestion: None,
        },
    );
}

#[test]
fn unknown_value_of_a_choice_is_located() {
    check(
        "[presentation]\nlayout = \"tabel\"\n",
        Expect::at("\"tabel\"", &["tabel", "`table`"], None),
    );
}

#[test]
fn impossible_date_is_located() {
    check(
        "[dates]\neffective = 2024-02-30\n",
        Expect::at("2024-02-30", &["date"], None),
    );
}

#[test]
fn date_with_a_time_is_located() {
    check(
        "[dates]\npublished = 2024-12-02T09:00:00\n",
        Expect::at(
            "2024-12-02T09:00:00",
            &["not a plain date", "YYYY-MM-DD"],
            None,
        ),
    );
}

#[test]
fn impossible_revision_date_is_located() {
    check(
        "[dates]\nrevisions = [\n  { date = 2023-13-01, note = \"改定\" },\n]\n",
        Expect::at("2023-13-01", &["date"], None),
    );
}

#[test]
fn every_problem_of_a_file_is_reported_not_only_the_first() {
    let source = union_toml(
        NAME,
        r#"
[[item]]
id = "benefits.internal.eligibilty"
text = "x"

[[group]]
id = "claims.reveiw"
label = "y"

[[page]]
id = "safty"
title = "z"
"#,
    );
    let p = Project::new();
    let path = p.union("u", &source);
    let report = p.build();
    let list = problems(&report, "u");
    let mut found: Vec<(usize, usize)> = list.iter().map(|d| (d.line, d.column)).collect();
    found.sort();
    assert_eq!(
        found,
        [
            locate(&source, "\"benefits.internal.eligibilty\""),
            locate(&source, "\"claims.reveiw\""),
            locate(&source, "\"safty\""),
        ]
    );
    let suggestions: Vec<String> = list.iter().filter_map(|d| d.suggestion.clone()).collect();
    assert!(
        suggestions
            .iter()
            .any(|s| s.contains("`benefits.internal.eligibility`"))
    );
    assert!(suggestions.iter().any(|s| s.contains("`claims.review`")));
    assert!(suggestions.iter().any(|s| s.contains("`safety`")));

    let err = stderr(&p.cli(&[]));
    for (line, column) in found {
        let located = format!("{}:{line}:{column}: ", path.display());
        assert!(err.contains(&located), "stderr lacks `{located}`:\n{err}");
    }
}

#[test]
fn japanese_text_before_the_error_counts_one_column_per_character() {
    let line = "revisions = [{ note = \"資格確認書の発行開始\", date = 2024-13-01 }]";
    let d = check(
        &format!("[dates]\n{line}\n"),
        Expect::at("2024-13-01", &["date"], None),
    );
    let prefix = &line[..line.find("2024-13-01").unwrap()];
    assert_eq!(d.column, prefix.chars().count() + 1);
    assert_ne!(d.column, prefix.len() + 1, "bytes are not columns");
}

#[test]
fn invalid_new_id_is_located() {
    check(
        "[[new_item]]\nid = \"benefits.internal.Extra_Item\"\ntext = \"独自\"\n",
        Expect::at(
            "\"benefits.internal.Extra_Item\"",
            &["is not a valid id here"],
            Some("for example"),
        ),
    );
}

#[test]
fn before_and_after_together_are_refused() {
    check(
        r#"
[[new_item]]
id = "benefits.internal.extra"
text = "独自"
before = "benefits.internal.payment"
after = "benefits.internal.eligibility"
"#,
        Expect::at(
            "\"benefits.internal.payment\"",
            &["either `before` or `after`"],
            None,
        ),
    );
}

#[test]
fn errors_are_located_in_files_saved_with_bom_and_crlf() {
    let source =
        union_toml(NAME, "[[item]]\nid = \"benefits.internal.eligibilty\"\n").replace('\n', "\r\n");
    let p = Project::new();
    let path = p.union_path("u");
    let mut bytes = vec![0xEF, 0xBB, 0xBF];
    bytes.extend_from_slice(source.as_bytes());
    fs::write(&path, bytes).unwrap();
    let report = p.build();
    let list = problems(&report, "u");
    assert_eq!(list.len(), 1, "{}", describe(&report));
    assert_eq!(
        (list[0].line, list[0].column),
        locate(&source, "\"benefits.internal.eligibilty\"")
    );
    assert_eq!(
        list[0].source_line.as_deref(),
        Some("id = \"benefits.internal.eligibilty\"")
    );
}

#[test]
fn a_good_file_saved_with_bom_and_crlf_builds() {
    let source = union_toml(
        NAME,
        "[[page]]\nid = \"safety\"\nbody = \"\"\"\n## 独自\n\n本文です。\n\"\"\"\n",
    )
    .replace('\n', "\r\n");
    let p = Project::new();
    let mut bytes = vec![0xEF, 0xBB, 0xBF];
    bytes.extend_from_slice(source.as_bytes());
    fs::write(p.union_path("u"), bytes).unwrap();
    let html = p.build_page("u", "safety");
    assert!(html.contains("<h2>独自</h2>"), "{html}");
    assert!(html.contains(&format!("UNION {NAME} /")));
}

#[test]
fn shift_jis_file_is_reported_at_its_line() {
    let p = Project::new();
    let path = p.union_path("u");
    // 「名前」 in Shift_JIS on line 2.
    fs::write(&path, b"[union]\nname = \"\x96\xbc\x91\x4f\"\n").unwrap();
    let report = p.build();
    let list = problems(&report, "u");
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].line, 2);
    assert!(list[0].message.contains("UTF-8"), "{}", list[0]);
    let err = stderr(&p.cli(&[]));
    assert!(err.contains(&format!("{}:2:1: ", path.display())), "{err}");
}
