//! What staff act on: `kumiai report`'s headline counts are `check`'s (one pipeline), each
//! with a page of those unions; its CSV; a replaced purposes page counted and named as a
//! deviation; `kumiai build` saying what `check` would, in both languages, and failing with
//! `--deny-warnings`; `[purposes] base = false` counted once in the footer.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;

use common::*;

/// A union missing a legal item, one with a warning, one replacing its purposes page, one
/// following the base.
fn project() -> Project {
    let p = Project::new();
    p.union(
        "no-rep",
        &format!(
            "[union]\nname = \"代表者なし健康保険組合\"\npostal_code = \"100-0001\"\naddress = \"東京都千代田区千代田1-1\"\n\n{WINDOW}"
        ),
    );
    p.union(
        "typo",
        &union_toml(
            "誤記健康保険組合",
            "[[item]]\nid = \"benefits.internal.payment\"\ntext = \"診察報酬の審査・支払\"\n",
        ),
    );
    p.union(
        "own-page",
        &union_toml(
            "独自頁健康保険組合",
            "[[page]]\nid = \"purposes\"\nbody = \"\"\"\n当組合は、保険給付、保健事業、加入者の資格の管理のために個人情報を利用します。\n\"\"\"\n",
        ),
    );
    p.union("follows", &union_toml("追従健康保険組合", ""));
    // Stale: the base rewords an item after the union, which rewords it too, last revised.
    let purposes = p.path().join("content/purposes.toml");
    let text = fs::read_to_string(&purposes).expect("purposes.toml");
    let old = "id = \"payment\"\ntext = \"保険給付及び付加給付の実施\"\n";
    assert!(text.contains(old));
    write(
        &purposes,
        &text.replace(old, "id = \"payment\"\ntext = \"保険給付及び付加給付の適正な実施\"\n\n[[section.group.item.history]]\nuntil = 2025-04-01\ntext = \"保険給付及び付加給付の実施\"\n"),
    );
    let base = p.path().join("content/base.toml");
    let text = fs::read_to_string(&base).expect("base.toml");
    write(
        &base,
        &format!(
            "{text}\n[[changelog]]\ndate = 2025-04-01\nnote = \"保険給付の利用目的の文言を改めました。\"\n"
        ),
    );
    p.union(
        "stale",
        &union_toml(
            "旧文健康保険組合",
            "[dates]\npublished = 2024-12-02\n\n[[item]]\nid = \"benefits.internal.payment\"\ntext = \"保険給付及び付加給付の実施に関すること\"\n",
        ),
    );
    p
}

/// The slugs of `check --format json`'s findings that match, by (rule, severity).
fn check_sets(p: &Project) -> BTreeMap<&'static str, BTreeSet<String>> {
    let out = p.check_cli(&["--format", "json"]);
    let mut sets: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    for key in ["legal", "acknowledged", "errors", "warnings", "stale"] {
        sets.insert(key, BTreeSet::new());
    }
    for line in stdout(&out).lines().filter(|l| l.starts_with('{')) {
        let v: serde_json::Value = serde_json::from_str(line).expect("a JSON line");
        let file = v["file"].as_str().unwrap_or_default();
        let Some(slug) = file
            .rsplit(['/', '\\'])
            .next()
            .and_then(|f| f.strip_suffix(".toml"))
        else {
            continue;
        };
        let rule = v["rule"].as_str().unwrap_or_default();
        let severity = v["severity"].as_str().unwrap_or_default();
        let mut add = |key| {
            if let Some(set) = sets.get_mut(key) {
                set.insert(slug.to_string());
            }
        };
        match severity {
            "error" => add("errors"),
            "warning" => add("warnings"),
            _ => {}
        }
        if rule.starts_with("legal-") && severity == "error" {
            add("legal");
        }
        if rule.starts_with("legal-") && severity == "note" {
            add("acknowledged");
        }
        if rule == "stale-override" {
            add("stale");
        }
    }
    sets
}

/// The rows' slugs of a report page.
fn row_slugs(html: &str) -> BTreeSet<String> {
    html.split("<tr data-slug=\"")
        .skip(1)
        .map(|r| r[..r.find('"').unwrap_or(0)].to_string())
        .collect()
}

/// The headline count a report page shows for `key`.
fn headline(index: &str, key: &str) -> usize {
    let at = index
        .find(&format!("href=\"filter-{key}.html\""))
        .unwrap_or_else(|| panic!("no headline {key}"));
    let rest = &index[at..];
    let start = rest.find("<span class=\"count\">").expect("a count") + 20;
    rest[start..start + rest[start..].find('<').expect("end")]
        .parse()
        .expect("a number")
}

/// RFC 4180 fields of one CSV line (no line breaks inside fields here).
fn csv_fields(line: &str) -> Vec<String> {
    let mut fields = vec![String::new()];
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                if let Some(f) = fields.last_mut() {
                    f.push('"');
                }
            }
            ('"', _) => quoted = !quoted,
            (',', false) => fields.push(String::new()),
            _ => {
                if let Some(f) = fields.last_mut() {
                    f.push(c);
                }
            }
        }
    }
    fields
}

#[test]
fn the_reports_counts_are_checks_and_each_links_to_its_unions() {
    let p = project();
    let dir = p.path().join("report");
    let out = run_kumiai(
        p.path(),
        &["report", "--output", dir.to_str().expect("utf-8")],
    );
    assert_eq!(exit_code(&out), 0, "{}", stderr(&out));
    let index = fs::read_to_string(dir.join("index.html")).expect("index.html");
    let sets = check_sets(&p);
    assert!(sets["legal"].contains("no-rep"), "{sets:?}");
    assert!(sets["warnings"].contains("typo"), "{sets:?}");
    assert!(sets["stale"].contains("stale"), "{sets:?}");
    for (key, unions) in &sets {
        assert_eq!(headline(&index, key), unions.len(), "{key}: {unions:?}");
        let page = fs::read_to_string(dir.join(format!("filter-{key}.html"))).expect("filter");
        assert_eq!(&row_slugs(&page), unions, "{key}");
        assert!(page.contains("aria-current=\"page\""), "{key}");
    }
    // The whole-page replacement is a deviation, named, and not in the 「0件」 bar.
    assert_eq!(headline(&index, "wholesale"), 1);
    let page = fs::read_to_string(dir.join("filter-wholesale.html")).expect("filter");
    assert_eq!(row_slugs(&page), BTreeSet::from(["own-page".to_string()]));
    let row = index
        .split("<tr data-slug=\"own-page\"")
        .nth(1)
        .and_then(|r| r.split("</tr>").next())
        .expect("own-page's row");
    assert!(row.contains("を組合独自の本文に置き換え"), "{row}");
    assert!(
        row.contains("<td class=\"num\" data-value=\"1\">1</td>"),
        "{row}"
    );
    // follows and no-rep change nothing; typo rewords one item; own-page replaced a page.
    assert!(index.contains("0件: 2 組合"), "the 0件 bar");
    let detail = fs::read_to_string(dir.join("own-page.html")).expect("detail");
    assert!(!detail.contains("下記の項目") && !detail.contains("文言を変更した項目"));
    assert!(detail.contains("乖離 1 件"), "{detail}");
    // Changed items are named by their text, the id beside it.
    let typo = fs::read_to_string(dir.join("typo.html")).expect("detail");
    assert!(
        typo.contains("<h3>保険給付及び付加給付の適正な実施 <span class=\"id\""),
        "{typo}"
    );

    // The CSV: UTF-8 with a BOM, CRLF, one row per union, every row as wide as the header.
    let csv = fs::read(dir.join("report.csv")).expect("report.csv");
    let text = String::from_utf8(csv).expect("UTF-8");
    let text = text.strip_prefix('\u{feff}').expect("a BOM");
    assert!(text.ends_with("\r\n") && !text.replace("\r\n", "").contains('\n'));
    let lines: Vec<Vec<String>> = text.lines().map(csv_fields).collect();
    assert_eq!(lines.len(), 6);
    let header = &lines[0];
    let column = |name: &str| header.iter().position(|h| h == name).expect(name);
    for line in &lines[1..] {
        assert_eq!(line.len(), header.len(), "{line:?}");
    }
    let own = lines.iter().find(|l| l[0] == "own-page").expect("own-page");
    assert_eq!(own[column("乖離の合計")], "1");
    assert!(own[column("全面的な置き換え")].contains("置き換え"));
    let no_rep = lines.iter().find(|l| l[0] == "no-rep").expect("no-rep");
    assert_eq!(no_rep[column("法定事項の不足")], "代表者");
    let warned: usize = lines[1..]
        .iter()
        .map(|l| l[column("警告")].parse::<usize>().expect("a count"))
        .sum();
    assert_eq!(warned, p.check().count(kumiai::Severity::Warning));
}

#[test]
fn build_says_what_check_would_in_both_languages() {
    let p = project();
    let warnings = p.check().count(kumiai::Severity::Warning);
    let errors = p.check().count(kumiai::Severity::Error);
    assert!(warnings >= 1 && errors >= 1);
    for _ in 0..2 {
        // The second build skips every union: the counts come from their manifests.
        let en = run_kumiai(p.path(), &["build"]);
        let line = stdout(&en);
        assert!(
            line.contains(&format!(
                "{errors} error{} and {warnings} warning{} (",
                if errors == 1 { "" } else { "s" },
                if warnings == 1 { "" } else { "s" }
            )) && line.contains("no-rep")
                && line.contains("stale")
                && line.contains("typo")
                && line.contains("`kumiai check` shows them"),
            "{line}"
        );
        let ja = run_kumiai(p.path(), &["--lang", "ja", "build"]);
        let line = stdout(&ja);
        assert!(
            line.contains(&format!("エラー {errors} 件・警告 {warnings} 件（"))
                && line.contains("kumiai check で確認できます"),
            "{line}"
        );
    }
    // Only warnings: the build passes, unless they are denied.
    p.union("no-rep", &union_toml("代表者あり健康保険組合", ""));
    assert_eq!(exit_code(&run_kumiai(p.path(), &["build"])), 0);
    let denied = run_kumiai(p.path(), &["build", "--deny-warnings"]);
    assert_eq!(exit_code(&denied), 1, "{}", stdout(&denied));
    p.union("typo", &union_toml("誤記健康保険組合", ""));
    p.union("stale", &union_toml("旧文健康保険組合", ""));
    assert_eq!(
        exit_code(&run_kumiai(p.path(), &["build", "--deny-warnings"])),
        0
    );
    let library = p.build();
    assert!(library.findings().warnings == 0 && !library.summary().contains("kumiai check"));
}

#[test]
fn dropping_the_base_purposes_is_one_change_in_the_footer() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let out = run_cli(
        &repo_root(),
        &["--output", tmp.path().to_str().expect("utf-8")],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    for (slug, count) in [("tokyo-kiki", "20"), ("kinki-denshi", "46")] {
        let page = fs::read_to_string(tmp.path().join(slug).join("index.html")).expect("page");
        assert!(
            page.contains(&format!("独自の変更が{count}件")),
            "{slug}: {}",
            &page[page.find("footer-base").unwrap_or(0)..][..300.min(page.len())]
        );
    }
    let diff = run_kumiai(&repo_root(), &["--lang", "ja", "diff", "tokyo-kiki"]);
    let text = stdout(&diff);
    assert!(text.contains("独自の変更（件数）: 20"), "{text}");
    assert!(
        text.contains("標準文例の利用目的（39 項目）を外し"),
        "{text}"
    );
    // What was dropped is still listed.
    assert!(
        text.contains("削除: benefits.internal.eligibility"),
        "{text}"
    );
}
