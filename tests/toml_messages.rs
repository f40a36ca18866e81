//! What `check` says about a TOML mistake: at its line and column, what to write instead, in
//! English and in Japanese (with no English parser text inside the Japanese), and every mistake
//! of a file in one run.

mod common;

use std::fs;

use common::*;

type Found = JsonFinding;

/// `kumiai check --format json --lang <lang>` on a project whose only union `u` is `source`.
fn check_union(source: &[u8], lang: &str) -> Vec<Found> {
    let p = Project::new();
    fs::write(p.union_path("u"), source).expect("write the union");
    check_project(&p, lang)
}

fn check_project(p: &Project, lang: &str) -> Vec<Found> {
    let out = p.check_cli(&["--format", "json", "--lang", lang]);
    assert_eq!(exit_code(&out), 1, "{}", stderr(&out));
    assert!(!stderr(&out).contains("panicked"), "{}", stderr(&out));
    stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

/// The English words of the parser and of serde that must not reach a Japanese message.
const PARSER_ENGLISH: &[&str] = &[
    "expected",
    "invalid",
    "string",
    "struct",
    "key",
    "table",
    "duplicate",
    "missing",
    "unknown",
    "sequence",
    "map",
];

fn assert_japanese(f: &Found) {
    let text = format!("{} {}", f.message, f.suggestion.as_deref().unwrap_or(""));
    for word in PARSER_ENGLISH {
        // Keys and values the user wrote may be English; our Japanese sentences are not.
        let outside_code: String = text.split('`').step_by(2).collect::<Vec<_>>().join(" ");
        assert!(
            !outside_code.to_lowercase().contains(word),
            "English `{word}` in the Japanese message: {f:?}"
        );
    }
    assert!(
        text.chars().any(|c| ('\u{3040}'..='\u{30FF}').contains(&c)),
        "not Japanese: {f:?}"
    );
}

/// The one finding of `source` in both languages, at `line`:`column`, with rule `rule`, and
/// each suggestion containing the given words.
fn one(source: &str, rule: &str, (line, column): (usize, usize), en: &[&str], ja: &[&str]) {
    for (lang, words) in [("en", en), ("ja", ja)] {
        let found = check_union(source.as_bytes(), lang);
        assert_eq!(found.len(), 1, "{lang}: {found:#?}");
        let f = &found[0];
        assert!(f.file.ends_with("u.toml"), "{f:?}");
        assert_eq!(f.rule, rule, "{lang}: {f:?}");
        assert_eq!((f.line, f.column), (line, column), "{lang}: {f:?}");
        let help = f.suggestion.as_deref().unwrap_or_default();
        for w in words {
            assert!(
                f.message.contains(w) || help.contains(w),
                "{lang}: `{w}` missing: {f:?}"
            );
        }
        if lang == "ja" {
            assert_japanese(f);
        }
    }
}

const HEAD: &str = "[union]\nname = \"テスト健康保険組合\"\n";

#[test]
fn a_duplicate_key_is_named_with_its_first_line() {
    one(
        &format!("{HEAD}self_name = \"当組合\"\nself_name = \"当健保\"\n"),
        "duplicate-key",
        (4, 1),
        &["`self_name`", "line 3"],
        &["`self_name`", "3 行目"],
    );
}

#[test]
fn one_table_written_where_a_list_of_tables_is_needed() {
    one(
        &format!("{HEAD}[item]\nid = \"benefits.internal.payment\"\n"),
        "wrong-type",
        (3, 1),
        &["`[[item]]`"],
        &["`[[item]]`"],
    );
}

#[test]
fn a_list_of_tables_written_where_one_table_is_needed() {
    one(
        &format!("{HEAD}[[presentation]]\nlayout = \"table\"\n"),
        "wrong-type",
        (3, 1),
        &["`[presentation]`"],
        &["`[presentation]`"],
    );
}

#[test]
fn no_internal_type_name_leaks() {
    for lang in ["en", "ja"] {
        let found = check_union(
            format!("{HEAD}[dates]\nrevisions = [\"2024-12-02\"]\n").as_bytes(),
            lang,
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        let f = &found[0];
        assert_eq!((f.rule.as_str(), f.line, f.column), ("wrong-type", 4, 14));
        assert!(!f.message.contains("RevisionDoc"), "{f:?}");
        assert!(!f.message.contains("struct"), "{f:?}");
        assert!(f.message.contains("date = 2024-12-02"), "{f:?}");
    }
}

#[test]
fn an_impossible_date_gets_a_real_one() {
    one(
        &format!("{HEAD}[dates]\npublished = 2024-02-30\n"),
        "date",
        (4, 13),
        &["`2024-02-29`", "29"],
        &["`2024-02-29`", "29 日まで"],
    );
}

#[test]
fn a_wareki_date_gets_its_iso_date() {
    one(
        &format!("{HEAD}[dates]\npublished = 令和6年12月2日\n"),
        "date",
        (4, 13),
        &["`2024-12-02`", "without quotes"],
        &["`2024-12-02`", "引用符なし"],
    );
    one(
        &format!("{HEAD}[dates]\npublished = \"令和元年5月1日\"\n"),
        "date",
        (4, 13),
        &["`2019-05-01`"],
        &["`2019-05-01`"],
    );
}

#[test]
fn a_quoted_date_is_told_to_drop_the_quotes() {
    one(
        &format!("{HEAD}[dates]\npublished = \"2024-12-02\"\n"),
        "date",
        (4, 13),
        &["`2024-12-02` (without quotes)"],
        &["`2024-12-02` と書いてください（引用符なし）"],
    );
}

#[test]
fn utf32_is_called_utf32() {
    let text = HEAD;
    let mut bytes = vec![0xFF, 0xFE, 0, 0];
    bytes.extend(text.chars().flat_map(|c| (c as u32).to_le_bytes()));
    for (lang, source) in [("en", bytes.clone()), ("ja", bytes[4..].to_vec())] {
        let found = check_union(&source, lang);
        assert_eq!(found.len(), 1, "{found:#?}");
        let f = &found[0];
        assert_eq!((f.rule.as_str(), f.line, f.column), ("encoding", 1, 1));
        assert!(f.message.contains("UTF-32"), "{f:?}");
        assert!(!f.message.contains("UTF-16"), "{f:?}");
        assert!(f.message.contains("[union]"), "{f:?}");
        assert!(f.suggestion.as_deref().unwrap().contains("UTF-8"), "{f:?}");
    }
}

#[test]
fn an_empty_file_is_said_to_be_empty_with_the_smallest_file() {
    for source in ["", "\n\n# まだ何も書いていない\n"] {
        for (lang, said) in [("en", "empty"), ("ja", "空です")] {
            let found = check_union(source.as_bytes(), lang);
            assert_eq!(found.len(), 1, "{found:#?}");
            let f = &found[0];
            assert_eq!((f.rule.as_str(), f.line, f.column), ("missing-key", 0, 0));
            assert!(f.message.contains(said), "{f:?}");
            let help = f.suggestion.as_deref().unwrap();
            assert!(
                help.contains("[union]") && help.contains("name = "),
                "{f:?}"
            );
        }
    }
}

#[test]
fn curly_quotes_are_named_with_the_line_to_write() {
    one(
        &format!("{HEAD}[wording]\nfee = “無料です”\n"),
        "toml-syntax",
        (4, 7),
        &["curly", "fee = \"無料です\""],
        &["全角の引用符", "fee = \"無料です\""],
    );
}

#[test]
fn a_full_width_space_is_named() {
    one(
        &format!("{HEAD}self_name\u{3000}= \"当組合\"\n"),
        "toml-syntax",
        (3, 10),
        &["full-width space", "self_name = \"当組合\""],
        &["全角スペース", "self_name = \"当組合\""],
    );
}

#[test]
fn a_full_width_equals_sign_is_named() {
    one(
        &format!("{HEAD}self_name ＝ \"当組合\"\n"),
        "toml-syntax",
        (3, 11),
        &["`＝`", "self_name = \"当組合\""],
        &["全角のイコール", "self_name = \"当組合\""],
    );
}

#[test]
fn parser_english_stays_out_of_japanese() {
    let cases = [
        ("self_name = \"当組合\n", (3, 17)),
        ("[wording\nfee = \"x\"\n", (3, 9)),
        ("self_name = [\"a\" \"b\"]\n", (3, 18)),
        ("self_name = 当組合\n", (3, 13)),
    ];
    for (rest, at) in cases {
        let found = check_union(format!("{HEAD}{rest}").as_bytes(), "ja");
        let f = found.first().expect("a finding");
        assert_eq!(
            (f.rule.as_str(), f.line, f.column),
            ("toml-syntax", at.0, at.1),
            "{f:?}"
        );
        assert_japanese(f);
        assert!(f.suggestion.is_some(), "{f:?}");
    }
}

#[test]
fn every_mistake_of_a_file_in_one_run() {
    let source = format!(
        "{HEAD}nmae = \"x\"\n[[item]]\nid = \"benefits.internal.payment\"\nconsent = \"yes\"\n[presentation]\nlayout = \"tabel\"\n[dates]\npublished = \"2024-12-02\"\n"
    );
    for lang in ["en", "ja"] {
        let found = check_union(source.as_bytes(), lang);
        let places: Vec<(&str, usize, usize)> = found
            .iter()
            .map(|f| (f.rule.as_str(), f.line, f.column))
            .collect();
        assert_eq!(
            places,
            [
                ("unknown-key", 3, 1),
                ("wrong-type", 6, 11),
                ("invalid-value", 8, 10),
                ("date", 10, 13),
            ],
            "{found:#?}"
        );
    }
}

#[test]
fn syntax_errors_on_several_lines_in_one_run() {
    let source = format!("{HEAD}self_name = \"当組合\n[wording]\nfee = “無料です”\n");
    let found = check_union(source.as_bytes(), "en");
    let lines: Vec<usize> = found.iter().map(|f| f.line).collect();
    assert_eq!(lines, [3, 5], "{found:#?}");
}

#[test]
fn kumiai_toml_and_content_get_the_same_messages() {
    let p = Project::new();
    p.union("u", HEAD);
    fs::write(
        p.path().join("kumiai.toml"),
        "title ＝ \"ポータル\"\ntheme = \"fixture\"\n",
    )
    .unwrap();
    let found = check_project(&p, "ja");
    let f = found.first().expect("a finding");
    assert!(f.file.ends_with("kumiai.toml"), "{f:?}");
    assert_eq!((f.rule.as_str(), f.line, f.column), ("toml-syntax", 1, 7));
    assert_japanese(f);

    let p = Project::new();
    p.union("u", HEAD);
    let base = p.path().join("content/base.toml");
    let text = fs::read_to_string(&base).unwrap();
    fs::write(&base, format!("revision = \"2\"\n{text}")).unwrap();
    let found = check_project(&p, "en");
    let rules: Vec<&str> = found.iter().map(|f| f.rule.as_str()).collect();
    assert!(rules.contains(&"duplicate-key"), "{found:#?}");
    let dup = found.iter().find(|f| f.rule == "duplicate-key").unwrap();
    assert!(dup.message.contains("`revision`"), "{dup:?}");
}
