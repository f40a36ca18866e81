//! The file itself: its name, TOML syntax, keys and tables, values and dates, columns, encodings.

use super::*;

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
            message: &["expected `]]`"],
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
