//! `kumiai ids [QUERY]`: the base's ids with their texts, through the CLI, in Japanese and
//! English, filtered and as JSON.

mod common;

use std::fs;

use common::*;
use serde::Deserialize;

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct Row {
    id: String,
    kind: String,
    text: String,
    section: String,
    group: Option<String>,
}

fn json(p: &Project, args: &[&str]) -> Vec<Row> {
    let mut all = vec!["ids"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--format", "json"]);
    let out = run_kumiai(p.path(), &all);
    assert_eq!(exit_code(&out), 0, "{}", stderr(&out));
    serde_json::from_str(&stdout(&out)).unwrap_or_else(|e| panic!("{e}\n{}", stdout(&out)))
}

#[test]
fn ids_lists_every_item_with_its_text_under_japanese_headings() {
    let p = Project::new();
    let out = run_kumiai(p.path(), &["--lang", "ja", "ids"]);
    assert_eq!(exit_code(&out), 0, "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("項目 benefits.internal.eligibility\n      被保険者資格の確認"),
        "{text}"
    );
    assert!(text.contains("セクション benefits\n"), "{text}");
    assert!(text.contains("グループ benefits.internal\n"), "{text}");
    // In the base's order: the first section before the second, an item after its group.
    let at = |s: &str| text.find(s).unwrap_or_else(|| panic!("{s} missing"));
    assert!(at("セクション benefits\n") < at("グループ benefits.internal\n"));
    assert!(at("グループ benefits.internal\n") < at("項目 benefits.internal.eligibility"));
    assert!(at("項目 benefits.internal.eligibility") < at("セクション premiums\n"));

    let out = run_kumiai(p.path(), &["--lang", "en", "ids"]);
    assert!(stdout(&out).contains("    item benefits.internal.eligibility\n"));
}

#[test]
fn the_project_base_is_the_one_listed() {
    let p = Project::new();
    let purposes = p.path().join("content/purposes.toml");
    let text = fs::read_to_string(&purposes).unwrap();
    let changed = text.replacen("保険給付及び付加給付の実施", "保険給付と付加給付の実施", 1);
    assert_ne!(text, changed, "the base's wording moved: update this test");
    fs::write(&purposes, changed).unwrap();
    let rows = json(&p, &["benefits.internal.payment"]);
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0].text, "保険給付と付加給付の実施");
}

#[test]
fn a_query_finds_items_by_text_in_any_width() {
    let p = Project::new();
    let rows = json(&p, &["健 診"]);
    assert!(!rows.is_empty());
    assert!(rows.iter().all(|r| r.text.contains("健診")), "{rows:?}");
    assert!(
        rows.iter().any(|r| r.id == "health.internal.checkups"),
        "{rows:?}"
    );
    // Full-width letters find an id written in half-width.
    let rows = json(&p, &["ｅｌｉｇｉｂｉｌｉｔｙ"]);
    assert_eq!(rows[0].id, "benefits.internal.eligibility", "{rows:?}");
    assert_eq!(rows[0].kind, "item");
    assert_eq!(rows[0].section, "benefits");
    assert_eq!(rows[0].group.as_deref(), Some("benefits.internal"));
}

#[test]
fn a_matching_group_shows_its_items() {
    let p = Project::new();
    let rows = json(&p, &["benefits.internal"]);
    let kinds: Vec<&str> = rows.iter().map(|r| r.kind.as_str()).collect();
    assert_eq!(kinds[0], "group", "{rows:?}");
    assert!(kinds[1..].iter().all(|k| *k == "item"), "{rows:?}");
    assert!(rows.iter().any(|r| r.id == "benefits.internal.eligibility"));
    assert!(
        rows.iter()
            .all(|r| r.group.as_deref() == Some("benefits.internal"))
    );
}

#[test]
fn nothing_matching_fails_with_a_message_in_either_language() {
    let p = Project::new();
    let out = run_kumiai(p.path(), &["--lang", "ja", "ids", "存在しない言葉"]);
    assert_eq!(exit_code(&out), 1);
    assert!(stdout(&out).is_empty());
    let err = stderr(&out);
    assert!(
        err.contains("「存在しない言葉」に当たる ID はありません"),
        "{err}"
    );
    assert!(
        japanese_problem(&err, Some("kumiai ids で探してください")).is_none(),
        "{err}"
    );
    let out = run_kumiai(p.path(), &["ids", "zzzz", "--format", "json"]);
    assert_eq!(exit_code(&out), 1);
    assert!(
        stderr(&out).contains("no id matches \"zzzz\""),
        "{}",
        stderr(&out)
    );
}
