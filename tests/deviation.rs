//! Deviations from the base: a base item reworded with a dated history entry reaches every
//! union that did not override it, while a union that did gets `stale-override` from `check`,
//! and `kumiai diff` / `kumiai report` show it. Also the checks on the history itself.

mod common;

use std::fs;

use common::*;
use kumiai::Severity;

const OLD: &str = "保険給付及び付加給付の実施";
const NEW: &str = "保険給付及び付加給付の適正な実施";
const OWN: &str = "保険給付及び付加給付の実施に関すること";

/// The real base, with `benefits.internal.payment` reworded on 2025-04-01.
fn reworded_base() -> Project {
    let p = Project::new();
    let purposes = p.path().join("content/purposes.toml");
    let text = fs::read_to_string(&purposes).expect("purposes.toml");
    let old = format!("id = \"payment\"\ntext = \"{OLD}\"\n");
    assert!(text.contains(&old));
    let new = format!(
        "id = \"payment\"\ntext = \"{NEW}\"\n\n[[section.group.item.history]]\nuntil = 2025-04-01\ntext = \"{OLD}\"\n"
    );
    write(&purposes, &text.replace(&old, &new));
    let base = p.path().join("content/base.toml");
    let text = fs::read_to_string(&base).expect("base.toml");
    write(
        &base,
        &format!(
            "{}\n[[changelog]]\ndate = 2025-04-01\nnote = \"保険給付の利用目的の文言を改めました。\"\n",
            text.replace(
                "revision = \"2024-12-02\"\ndate = 2024-12-02",
                "revision = \"2025-04-01\"\ndate = 2025-04-01"
            )
        ),
    );
    p
}

fn union(name: &str, published: &str, rest: &str) -> String {
    union_toml(
        name,
        &format!(
            "[dates]\npublished = {published}\nrevisions = [{{ date = {published}, note = \"利用目的を改定\" }}]\n\n{rest}"
        ),
    )
}

fn payment(text: &str) -> String {
    format!("[[item]]\nid = \"benefits.internal.payment\"\ntext = \"{text}\"\n")
}

/// Five unions around the change: one follows the base, three override the item before the
/// change (own text, the old base text, and acknowledged), one after it.
fn unions(p: &Project) {
    p.union("follows", &union("追従健康保険組合", "2024-12-02", ""));
    p.union(
        "rewords",
        &union("独自健康保険組合", "2024-12-02", &payment(OWN)),
    );
    p.union(
        "kept-old",
        &union("旧文健康保険組合", "2024-12-02", &payment(OLD)),
    );
    p.union(
        "recent",
        &union("最新健康保険組合", "2025-05-01", &payment(OWN)),
    );
    p.union(
        "acked",
        &union(
            "確認健康保険組合",
            "2024-12-02",
            &format!(
                "{}\n[[acknowledge]]\nrule = \"stale-override\"\nreason = \"理事会で独自の文言を維持すると決定\"\n",
                payment(OWN)
            ),
        ),
    );
}

fn stale_of(report: &kumiai::check::CheckReport, slug: &str) -> Vec<kumiai::Diagnostic> {
    report
        .diagnostics
        .iter()
        .filter(|d| d.rule == "stale-override" && d.file.ends_with(format!("{slug}.toml")))
        .cloned()
        .collect()
}

#[test]
fn a_base_rewording_reaches_followers_and_warns_overriders() {
    let p = reworded_base();
    unions(&p);
    let report = p.build();
    for slug in ["follows", "rewords", "kept-old", "recent", "acked"] {
        assert_built(&report, slug);
    }
    let follows = p.read("follows/purposes.html");
    assert!(follows.contains(&format!("ITEM {NEW}")), "{follows}");
    assert!(!follows.contains(&format!("ITEM {OLD}<")), "{follows}");
    assert!(
        p.read("rewords/purposes.html")
            .contains(&format!("ITEM {OWN}"))
    );

    let check = p.check();
    assert!(stale_of(&check, "follows").is_empty());
    assert!(
        stale_of(&check, "recent").is_empty(),
        "revised after the change"
    );
    let rewords = stale_of(&check, "rewords");
    assert_eq!(rewords.len(), 1, "{rewords:?}");
    let d = &rewords[0];
    assert_eq!(d.severity, Severity::Warning);
    let source = fs::read_to_string(p.union_path("rewords")).expect("source");
    let (line, column) = locate(&source, "\"benefits.internal.payment\"");
    assert_eq!((d.line, d.column), (line, column), "{d}");
    assert!(
        d.message.contains("2025-04-01") && d.message.contains(NEW),
        "{d}"
    );
    let kept = stale_of(&check, "kept-old");
    assert_eq!(kept.len(), 1);
    assert!(kept[0].message.contains("old wording"), "{}", kept[0]);
    let acked = stale_of(&check, "acked");
    assert_eq!(acked.len(), 1);
    assert_eq!(acked[0].severity, Severity::Note, "acknowledged");
    assert_eq!(
        acked[0].acknowledged.as_deref(),
        Some("理事会で独自の文言を維持すると決定")
    );
}

#[test]
fn check_reports_stale_overrides_through_the_cli() {
    let p = reworded_base();
    unions(&p);
    let out = p.check_cli(&["--union", "rewords"]);
    assert_eq!(exit_code(&out), 0, "a warning passes: {}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("rewords.toml:") && err.contains("[stale-override]"),
        "{err}"
    );
    let out = p.check_cli(&["--union", "rewords", "--format", "json", "--lang", "ja"]);
    let lines: Vec<serde_json::Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .filter(|v: &serde_json::Value| v["rule"] == "stale-override")
        .collect();
    assert_eq!(lines.len(), 1, "{}", stdout(&out));
    assert_eq!(lines[0]["severity"], "warning");
    let message = lines[0]["message"].as_str().expect("message");
    assert!(
        message.contains("令和7年4月1日") && message.contains(NEW),
        "{message}"
    );
    assert_eq!(
        exit_code(&p.check_cli(&["--union", "rewords", "--deny-warnings"])),
        1
    );
}

#[test]
fn diff_shows_old_base_new_base_and_the_union_text() {
    let p = reworded_base();
    unions(&p);
    let out = run_kumiai(p.path(), &["diff", "rewords"]);
    assert_eq!(exit_code(&out), 0, "{}", stderr(&out));
    let text = stdout(&out);
    assert!(!text.contains('\x1b'), "no colour when piped: {text}");
    assert!(
        text.contains("reworded, stale: benefits.internal.payment"),
        "{text}"
    );
    assert!(text.contains(&format!("old base: {OLD}")), "{text}");
    assert!(
        text.contains("new base: 保険給付及び付加給付の{+適正な+}実施"),
        "{text}"
    );
    assert!(
        text.contains("union:    保険給付及び付加給付の[-適正な-]実施{+に関すること+}"),
        "{text}"
    );

    let out = run_kumiai(p.path(), &["diff", "kept-old", "--format", "json"]);
    assert_eq!(exit_code(&out), 0, "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("JSON");
    let item = &json["reworded"][0];
    assert_eq!(item["id"], "benefits.internal.payment");
    assert_eq!(item["text"], OLD);
    assert_eq!(item["base_text"], NEW);
    assert_eq!(item["stale"]["old_base_text"], OLD);
    assert_eq!(item["stale"]["kept_old_text"], true);
    assert_eq!(item["stale"]["changed"], "2025-04-01");

    let recent = run_kumiai(p.path(), &["diff", "recent", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&recent)).expect("JSON");
    assert!(json["reworded"][0]["stale"].is_null(), "{json}");

    let follows = stdout(&run_kumiai(p.path(), &["diff", "follows"]));
    assert!(
        follows.contains("removed 0, added 0, reworded 0, stale 0"),
        "{follows}"
    );
}

#[test]
fn diff_lists_removed_and_added_items_and_suggests_slugs() {
    let p = Project::new();
    p.union(
        "u",
        &union_toml(
            "見本健康保険組合",
            "[[item]]\nid = \"claims.internal.receipt-review\"\nremove = true\n\n[[new_item]]\nid = \"health.external.books\"\ntext = \"育児書の配布\"\n",
        ),
    );
    let text = stdout(&run_kumiai(p.path(), &["diff", "u"]));
    assert!(text.contains("removed 1, added 1, reworded 0"), "{text}");
    assert!(
        text.contains("removed: claims.internal.receipt-review"),
        "{text}"
    );
    assert!(
        text.contains("added: health.external.books\n  union:    育児書の配布"),
        "{text}"
    );

    let out = run_kumiai(p.path(), &["diff", "uu"]);
    assert_eq!(exit_code(&out), 1);
    assert!(
        stderr(&out).contains("did you mean `u`?"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn the_report_has_one_row_per_union_and_a_page_each() {
    let p = reworded_base();
    unions(&p);
    p.union("broken", "[union]\nname = 1\n");
    let dir = p.path().join("report");
    let out = run_kumiai(
        p.path(),
        &["report", "--output", dir.to_str().expect("utf-8")],
    );
    assert_eq!(exit_code(&out), 0, "{}", stderr(&out));
    assert!(
        stdout(&out).contains("6 unions (1 with errors)"),
        "{}",
        stdout(&out)
    );
    let index = fs::read_to_string(dir.join("index.html")).expect("index.html");
    assert_eq!(html_lang(&index).as_deref(), Some("ja"));
    let rows: Vec<&str> = index.split("<tr data-slug=\"").skip(1).collect();
    let slugs: Vec<&str> = rows
        .iter()
        .map(|r| &r[..r.find('"').unwrap_or(0)])
        .collect();
    assert_eq!(
        slugs,
        [
            "acked", "broken", "follows", "kept-old", "recent", "rewords"
        ]
    );
    // total, removed, added, reworded, own pages, stale of `rewords`: 1, 0, 0, 1, 0, 1.
    let rewords = rows[5];
    let numbers: Vec<&str> = rewords
        .split("class=\"num")
        .skip(1)
        .map(|cell| {
            let start = cell.find('>').map_or(0, |i| i + 1);
            let end = cell.find("</td>").unwrap_or(start);
            cell[start..end].split('<').next().unwrap_or("")
        })
        .collect();
    assert_eq!(numbers[..6], ["1", "0", "0", "1", "0", "1"], "{rewords}");
    assert!(
        rows[1].contains("class=\"failed\"") && rows[1].contains("—"),
        "{}",
        rows[1]
    );
    assert!(index.contains("<th scope=\"col\""));
    assert!(index.contains("<svg role=\"img\"") && index.contains("<desc id=\"chart-desc\">"));
    assert!(index.contains("<script src=\"report.js\" defer></script>"));
    for name in [
        "acked", "broken", "follows", "kept-old", "recent", "rewords",
    ] {
        let page = fs::read_to_string(dir.join(format!("{name}.html"))).expect("detail page");
        assert!(page.contains("href=\"index.html\""), "{name} links back");
        assert!(
            index.contains(&format!("href=\"{name}.html\"")),
            "{name} is linked"
        );
        for html in [&page, &index] {
            let inline: Vec<String> = inline_code(html)
                .into_iter()
                .filter(|f| f != "a <script> element")
                .collect();
            assert!(inline.is_empty(), "{name}: {inline:?}");
            assert_eq!(
                html.matches("<script").count(),
                html.matches("<script src=").count()
            );
        }
    }
    let page = fs::read_to_string(dir.join("rewords.html")).expect("rewords.html");
    assert!(page.contains(&format!("<td>{OLD}</td>")), "old base text");
    assert!(page.contains("<ins>適正な</ins>"), "new base text marked");
    assert!(page.contains("stale-override"), "its finding");
    assert!(dir.join("report.js").is_file() && dir.join("report.css").is_file());

    // The same inputs give the same bytes; the public output is refused.
    let before = snapshot(&dir);
    run_kumiai(
        p.path(),
        &["report", "--output", dir.to_str().expect("utf-8")],
    );
    assert_eq!(before, snapshot(&dir));
    p.build();
    let inside = p.out().join("follows").join("report");
    let out = run_kumiai(
        p.path(),
        &["report", "--output", inside.to_str().expect("utf-8")],
    );
    assert_eq!(exit_code(&out), 1);
    assert!(
        stderr(&out).contains("inside the public output"),
        "{}",
        stderr(&out)
    );
    assert!(!inside.exists());
}

#[test]
fn the_base_history_is_checked_at_its_line() {
    let p = reworded_base();
    p.union("u", &union_toml("見本健康保険組合", ""));
    let purposes = p.path().join("content/purposes.toml");
    let text = fs::read_to_string(&purposes).expect("purposes.toml");
    let bad = text.replace("until = 2025-04-01", "until = 2025-04-02");
    write(&purposes, &bad);
    let out = p.check_cli(&[]);
    assert_eq!(exit_code(&out), 1);
    let err = stderr(&out);
    let (line, column) = locate(&bad, "2025-04-02");
    assert!(
        err.contains(&format!(
            "purposes.toml:{line}:{column}: [unknown-reference] no [[changelog]] entry"
        )),
        "{err}"
    );
    assert!(err.contains("did you mean until = 2025-04-01?"), "{err}");

    write(
        &purposes,
        &text.replace("until = 2025-04-01", "until = 2025-04-01T10:00:00"),
    );
    let err = stderr(&p.check_cli(&[]));
    assert!(
        err.contains("[date]") && err.contains("YYYY-MM-DD"),
        "{err}"
    );

    write(
        &purposes,
        &text.replace(&format!("text = \"{OLD}\""), &format!("text = \"{NEW}\"")),
    );
    let err = stderr(&p.check_cli(&[]));
    assert!(
        err.contains("the same as the text that replaced it"),
        "{err}"
    );
}

#[test]
fn the_history_page_lists_each_base_change_and_whether_it_reached_the_site() {
    let p = reworded_base();
    p.use_default_theme();
    unions(&p);
    p.union(
        "removes",
        &union(
            "削除健康保険組合",
            "2024-12-02",
            "[[item]]\nid = \"benefits.internal.payment\"\nremove = true\n",
        ),
    );
    let report = p.build();
    let item_line = |slug: &str| {
        let html = p.read(&format!("{slug}/history.html"));
        assert!(
            html.contains("<time datetime=\"2025-04-01\">令和7年4月1日</time>"),
            "{html}"
        );
        assert!(
            html.contains("保険給付の利用目的の文言を改めました。"),
            "{html}"
        );
        let line = between(
            &html,
            &format!("<li>改定後「{NEW}」（改定前「{OLD}」）："),
            "</li>",
        );
        assert!(inline_code(&html).is_empty());
        line.to_string()
    };
    assert_built(&report, "follows");
    assert_eq!(item_line("follows"), "反映済み");
    assert_eq!(
        item_line("rewords"),
        "<strong>当組合独自の文言のため未反映</strong>"
    );
    assert_eq!(
        item_line("recent"),
        "<strong>当組合独自の文言のため未反映</strong>"
    );
    assert_eq!(item_line("removes"), "当組合のページには掲載していない項目");
    // The union's own revisions are listed too, in 和暦.
    let follows = p.read("follows/history.html");
    assert!(
        follows.contains(
            "<time datetime=\"2024-12-02\">令和6年12月2日</time></th><td>利用目的を改定</td>"
        ),
        "{follows}"
    );
}
