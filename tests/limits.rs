//! Limits on what one union file may ask (issue 12): nesting that overflowed the stack, sizes,
//! entry counts, and mistakes that were accepted in silence. Through the CLI, on real files.

mod common;

use std::process::{Command, Output};

use common::{Project, stderr, stdout};

/// Runs `kumiai --root <project> <args…>`.
fn kumiai(project: &Project, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kumiai"))
        .arg("--root")
        .arg(project.path())
        .args(args)
        .output()
        .expect("run the kumiai binary")
}

// Every item the law asks for (the union itself is the window): the builds succeed.
const NAME: &str = "union = { name = \"試験健康保険組合\", representative = \"理事長 見本 太郎\", postal_code = \"100-0001\", address = \"東京都千代田区千代田1-1\" }\n# 名称・代表者・住所（法が求める項目）\n";

/// A project with one good union beside the one under test, minified as in production (the
/// minifier is what overflowed).
fn project_with(slug: &str, source: &str) -> Project {
    let project = Project::with_minify(true);
    project.union("good", NAME);
    project.union(slug, source);
    project
}

/// An error `check` reports: rule, file, line, column.
type Found = (String, String, usize, usize);

/// `check --format json`'s exit code and errors.
fn findings(project: &Project) -> (Option<i32>, Vec<Found>) {
    let out = kumiai(project, &["check", "--format", "json", "--lang", "en"]);
    let found = stdout(&out)
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter(|v| v["severity"] == "error")
        .map(|v| {
            (
                v["rule"].as_str().unwrap_or("").to_string(),
                v["file"].as_str().unwrap_or("").replace('\\', "/"),
                v["line"].as_u64().unwrap_or(0) as usize,
                v["column"].as_u64().unwrap_or(0) as usize,
            )
        })
        .collect();
    (out.status.code(), found)
}

fn has(found: &[Found], rule: &str, file: &str, line: usize) -> bool {
    found
        .iter()
        .any(|(r, f, l, _)| r == rule && f.ends_with(file) && *l == line)
}

/// Build refuses the union (exit 1, naming its file) and still builds the good one.
fn build_refuses(project: &Project, file: &str) {
    let out = kumiai(project, &["build", "--lang", "en"]);
    assert_eq!(out.status.code(), Some(1), "build: {}", stderr(&out));
    assert!(stderr(&out).contains(file), "{}", stderr(&out));
    assert!(project.out().join("good/index.html").is_file());
}

#[test]
fn five_thousand_block_quotes_are_refused_at_their_line_not_a_stack_overflow() {
    let body = format!("前置き\n\n{} 本文\n", ">".repeat(5000));
    let source = format!(
        "{NAME}\n[[new_page]]\nid = \"deep\"\ntitle = \"深い\"\nbody = \"\"\"\n{body}\"\"\"\n"
    );
    let project = project_with("deep", &source);
    let (code, found) = findings(&project);
    assert_eq!(code, Some(1), "check must exit 1, not crash: {found:?}");
    // Line 10 holds the `>`s; the 33rd level is the 33rd `>`.
    assert!(
        found.contains(&("limit".into(), found_file(&found, "deep.toml"), 10, 33)),
        "{found:?}"
    );
    build_refuses(&project, "deep.toml");
}

fn found_file(found: &[Found], ending: &str) -> String {
    found
        .iter()
        .map(|f| f.1.clone())
        .find(|f| f.ends_with(ending))
        .unwrap_or_default()
}

#[test]
fn a_page_file_of_deeply_nested_lists_is_refused_in_the_page_file() {
    let list: String = (0..2000)
        .map(|i| format!("{}- a\n", " ".repeat(2 * (i % 400))))
        .collect();
    let project = project_with(
        "lists",
        &format!("{NAME}\n[[new_page]]\nid = \"deep\"\ntitle = \"深い\"\nfile = \"deep.md\"\n"),
    );
    project.union_file("lists", "deep.md", &list);
    let (code, found) = findings(&project);
    assert_eq!(code, Some(1), "{found:?}");
    assert!(has(&found, "limit", "lists/deep.md", 17), "{found:?}");
    build_refuses(&project, "deep.md");
}

#[test]
fn deep_emphasis_through_a_placeholder_value_is_cut_not_a_crash() {
    // The name is not Markdown where it is written; it becomes Markdown in a page's body.
    let stars = "*".repeat(5000);
    let source = format!(
        "[union]\nname = \"{stars}名{stars}\"\n\n[[new_page]]\nid = \"name\"\ntitle = \"名称\"\nbody = \"{{{{ union.name }}}}\"\n"
    );
    let project = project_with("stars", &source);
    let out = kumiai(&project, &["build", "--lang", "en"]);
    assert!(
        matches!(out.status.code(), Some(0) | Some(1)),
        "build crashed: {:?} {}",
        out.status,
        stderr(&out)
    );
    if out.status.code() == Some(0) {
        let page = project.read("stars/name.html");
        assert!(page.contains('名'));
        assert!(page.matches("<em>").count() + page.matches("<strong>").count() <= 32);
    }
}

#[test]
fn a_page_file_over_one_mebibyte_is_refused_where_it_goes_over() {
    let line = "あ".repeat(99) + "\n"; // 298 bytes
    let text = line.repeat(1024 * 1024 / 298 + 1);
    let project = project_with(
        "big",
        &format!("{NAME}\n[[new_page]]\nid = \"big\"\ntitle = \"大\"\nfile = \"big.md\"\n"),
    );
    project.union_file("big", "big.md", &text);
    let (code, found) = findings(&project);
    assert_eq!(code, Some(1), "{found:?}");
    let over_line = 1024 * 1024 / 298 + 1;
    assert!(has(&found, "limit", "big/big.md", over_line), "{found:?}");
}

#[test]
fn twenty_thousand_new_items_are_refused_past_the_thousandth() {
    let mut source = NAME.to_string();
    for i in 0..20_000 {
        source.push_str(&format!(
            "\n[[new_item]]\nid = \"health.internal.x{i}\"\ntext = \"項目{i}\"\n"
        ));
    }
    let project = project_with("many", &source);
    let (code, found) = findings(&project);
    assert_eq!(code, Some(1));
    // Entry 1,001 starts on line 3 + 4 × 1000 + 1; its id is the line after.
    assert!(has(&found, "limit", "many.toml", 4 + 4000 + 1), "{found:?}");
    build_refuses(&project, "many.toml");
}

#[test]
fn an_unknown_acknowledged_rule_stops_build_as_it_stops_check() {
    let project = project_with(
        "ack",
        &format!("{NAME}\n[[acknowledge]]\nrule = \"legal-adress\"\nreason = \"別ページ\"\n"),
    );
    let (code, found) = findings(&project);
    assert_eq!(code, Some(1));
    assert!(has(&found, "unknown-reference", "ack.toml", 5), "{found:?}");
    build_refuses(&project, "ack.toml");
    assert!(!project.out().join("ack/index.html").exists());
}

#[test]
fn silently_accepted_mistakes_are_errors_at_their_place() {
    let cases: [(&str, &str, &str, usize); 8] = [
        (
            "twice",
            "[[item]]\nid = \"benefits.internal.payment\"\ntext = \"一\"\n[[item]]\nid = \"benefits.internal.payment\"\ntext = \"二\"\n",
            "duplicate-id",
            8,
        ),
        (
            "removetext",
            "[[item]]\nid = \"benefits.internal.payment\"\ntext = \"一\"\nremove = true\n",
            "conflict",
            5,
        ),
        (
            "removepage",
            "[[page]]\nid = \"safety\"\ntitle = \"安全\"\nremove = true\n",
            "conflict",
            5,
        ),
        (
            "unclosed",
            "[[page]]\nid = \"safety\"\ntitle = \"{{ union.name の安全\"\n",
            "placeholder",
            6,
        ),
        (
            "empty",
            "[[new_item]]\nid = \"health.internal.empty\"\ntext = \" \"\n",
            "missing-content",
            5,
        ),
        ("year0", "[dates]\nestablished = 0000-01-01\n", "date", 5),
        ("year1800", "[dates]\nestablished = 1800-01-01\n", "date", 5),
        ("future", "[dates]\npublished = 9999-12-31\n", "date", 5),
    ];
    let project = Project::new();
    project.union("good", NAME);
    for (slug, tail, _, _) in cases {
        project.union(slug, &format!("{NAME}\n{tail}"));
    }
    let (code, found) = findings(&project);
    assert_eq!(code, Some(1));
    for (slug, _, rule, line) in cases {
        assert!(
            has(&found, rule, &format!("{slug}.toml"), line),
            "{slug}: expected {rule} on line {line}: {found:?}"
        );
    }
    let out = kumiai(&project, &["build", "--lang", "en"]);
    assert_eq!(out.status.code(), Some(1));
    for (slug, ..) in cases {
        assert!(
            !project.out().join(slug).join("index.html").exists(),
            "{slug}"
        );
    }
}

#[test]
fn literal_braces_and_real_dates_still_build() {
    let project = Project::new();
    project.union(
        "fine",
        &format!(
            "{NAME}\n[dates]\nestablished = 1922-01-01\npublished = 2024-12-02\n\n[[page]]\nid = \"safety\"\ntitle = \"a {{{{ b と \\\\{{{{ union.name\"\n"
        ),
    );
    let out = kumiai(&project, &["build", "--lang", "en"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}
