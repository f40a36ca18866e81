//! The contractor index: `kumiai contractors` and the federation's contractors.html / .csv /
//! .json, on synthetic unions that write one company three ways.

mod common;

use std::fs;

use common::*;
use serde_json::Value;

/// One company under three spellings in three unions; the third gives another number.
fn three_unions(p: &Project) {
    let unions = [
        (
            "alpha",
            "アルファ健康保険組合",
            "日本健診システム（株）",
            "03-1111-2222",
        ),
        (
            "beta",
            "ベータ健康保険組合",
            "日本健診システム株式会社",
            "03-1111-2222",
        ),
        (
            "gamma",
            "ガンマ健康保険組合",
            "日本健診システム　㈱",
            "03-9999-0000",
        ),
    ];
    for (slug, name, company, phone) in unions {
        p.union(
            slug,
            &union_toml(
                name,
                &format!(
                    r#"
[contractors]
kenshin = {{ name = "{company}", phone = "{phone}" }}
other-{slug} = {{ name = "{slug}データ（有）" }}

[[item]]
id = "health.external.checkup-outsourcing"
contractors = ["kenshin"]
"#
                ),
            ),
        );
    }
}

fn real_theme(p: &Project) {
    p.use_default_theme();
}

#[test]
fn one_company_under_three_spellings_is_found_under_each() {
    let p = Project::new();
    three_unions(&p);
    for query in [
        "日本健診システム（株）",
        "日本健診システム株式会社",
        "日本健診システム ㈱",
        "ｼｽﾃﾑ",
        "健診",
    ] {
        let output = run_kumiai(p.path(), &["contractors", query, "--format", "json"]);
        assert_eq!(exit_code(&output), 0, "{query}: {}", stderr(&output));
        let index: Value = serde_json::from_str(&stdout(&output)).expect("json");
        let found = index["contractors"].as_array().expect("contractors");
        assert_eq!(found.len(), 1, "{query}: {index:#}");
        let c = &found[0];
        assert_eq!(c["key"], "日本健診システム株式会社");
        assert_eq!(
            c["spellings"],
            serde_json::json!([
                "日本健診システム　㈱",
                "日本健診システム株式会社",
                "日本健診システム（株）"
            ])
        );
        assert_eq!(c["phone_differs"], true);
        assert_eq!(
            c["phones"],
            serde_json::json!(["03-1111-2222", "03-9999-0000"])
        );
        let unions: Vec<&str> = c["unions"]
            .as_array()
            .expect("unions")
            .iter()
            .filter_map(|u| u["slug"].as_str())
            .collect();
        assert_eq!(unions, ["alpha", "beta", "gamma"]);
        assert_eq!(
            c["unions"][2]["items"][0]["href"],
            "gamma/purposes.html#item-health.external.checkup-outsourcing"
        );
    }
}

#[test]
fn a_query_that_matches_nothing_fails_with_a_message() {
    let p = Project::new();
    three_unions(&p);
    let output = run_kumiai(p.path(), &["contractors", "存在しない会社"]);
    assert_eq!(exit_code(&output), 1);
    assert!(
        stderr(&output).contains("no contractor matches \"存在しない会社\""),
        "{}",
        stderr(&output)
    );
    assert!(stdout(&output).is_empty());
    // Without a query every contractor is listed, the differing numbers marked.
    let all = run_kumiai(p.path(), &["contractors"]);
    assert_eq!(exit_code(&all), 0);
    let text = stdout(&all);
    assert!(text.contains("alphaデータ（有）"), "{text}");
    assert!(text.contains("電話番号が異なる"), "{text}");
    assert!(
        text.contains("gamma ガンマ健康保険組合「日本健診システム　㈱」 TEL 03-9999-0000"),
        "{text}"
    );
}

#[test]
fn a_broken_union_is_named_and_left_out() {
    let p = Project::new();
    three_unions(&p);
    p.union("delta", "[union]\nname = 1\n");
    let output = run_kumiai(p.path(), &["contractors", "健診"]);
    assert_eq!(exit_code(&output), 0);
    assert!(stderr(&output).contains("unions/delta.toml has errors"));
    assert!(stdout(&output).contains("gamma"));
}

#[test]
fn the_federation_publishes_the_index_as_html_csv_and_json() {
    let p = Project::new();
    real_theme(&p);
    three_unions(&p);
    let report = p.build();
    for slug in ["alpha", "beta", "gamma"] {
        assert_built(&report, slug);
    }
    assert_eq!(broken_links(&p.out()), Vec::<String>::new());

    let html = p.read("contractors.html");
    assert_eq!(html_lang(&html).as_deref(), Some("ja"));
    assert!(!html.contains("style="));
    assert!(html.contains("組合によって電話番号が異なります"), "{html}");
    let link = "gamma/purposes.html#item-health.external.checkup-outsourcing";
    assert!(html.contains(&format!("href=\"{link}\"")), "{html}");
    // …and the anchor is there on the union's page.
    let purposes = p.read("gamma/purposes.html");
    assert!(
        purposes.contains("id=\"item-health.external.checkup-outsourcing\""),
        "{purposes}"
    );
    assert!(p.read("index.html").contains("href=\"contractors.html\""));

    let csv = fs::read(p.out().join("contractors.csv")).expect("csv");
    assert!(csv.starts_with("\u{feff}".as_bytes()), "UTF-8 with a BOM");
    let csv = String::from_utf8(csv).expect("UTF-8");
    assert!(csv.ends_with("\r\n"));
    assert!(!csv.replace("\r\n", "").contains('\n'), "CRLF only");
    let rows: Vec<&str> = csv.trim_end().split("\r\n").collect();
    assert!(
        rows[0]
            .ends_with("委託先,表記,電話番号,電話番号の相違,組合,組合名,利用目的ID,利用目的,URL")
    );
    let kenshin: Vec<&&str> = rows
        .iter()
        .filter(|r| r.starts_with("日本健診システム"))
        .collect();
    assert_eq!(kenshin.len(), 3, "{csv}");
    assert!(kenshin[2].contains(",あり,gamma,"), "{csv}");

    let json: Value = serde_json::from_str(&p.read("contractors.json")).expect("json");
    assert_eq!(json["schema_version"], "1");
    assert_eq!(json["contractors"].as_array().map(Vec::len), Some(4));
}

#[test]
fn federation_files_follow_every_union_change_and_only_then() {
    let p = Project::new();
    three_unions(&p);
    p.build();
    let before = mtimes(&p.out());
    p.build();
    assert_eq!(mtimes(&p.out()), before, "a no-op build rewrites nothing");

    // A union built alone leaves the federation's files as they are…
    let gamma = fs::read_to_string(p.union_path("gamma")).expect("gamma");
    p.union("gamma", &gamma.replace("03-9999-0000", "03-1111-2222"));
    p.build_only(&["gamma"]);
    assert!(p.read("contractors.json").contains("03-9999-0000"));
    // …and the next full build brings them up to date, though gamma itself is unchanged now.
    let report = p.build();
    assert!(
        report.summary().contains("3 unchanged"),
        "{}",
        report.summary()
    );
    let json = p.read("contractors.json");
    assert!(!json.contains("03-9999-0000"), "{json}");
    assert!(p.read("unions.json").contains("\"slug\":\"gamma\""));

    // Without the kept records (deleted, or written by an older kumiai), the federation's files
    // are rebuilt from each site's policy.json: the same bytes.
    let before = p.read("contractors.json");
    fs::remove_file(p.out().join(".kumiai-unions")).expect("records");
    fs::remove_file(p.out().join("contractors.json")).expect("index");
    p.build();
    assert_eq!(p.read("contractors.json"), before);
    assert!(p.read(".kumiai-unions").contains("\"slug\":\"gamma\""));
}

#[test]
fn the_index_files_change_only_when_what_they_show_changes() {
    let p = Project::new();
    three_unions(&p);
    p.union("delta", &union_toml("デルタ健康保険組合", ""));
    p.build();
    let index = ["contractors.html", "contractors.csv", "contractors.json"];
    let times = |p: &Project| {
        let all = mtimes(&p.out());
        index.map(|f| all.get(f).copied().expect("an index file"))
    };
    let before = times(&p);
    // A union that names no contractor is renamed: the portal changes, the index does not.
    std::thread::sleep(std::time::Duration::from_millis(20));
    p.union("delta", &union_toml("デルタ第二健康保険組合", ""));
    p.build();
    assert!(p.read("index.html").contains("デルタ第二健康保険組合"));
    assert_eq!(times(&p), before, "the contractor index was rewritten");
    // A union that names one is renamed: the index shows the new name.
    p.union(
        "alpha",
        &fs::read_to_string(p.union_path("alpha"))
            .expect("alpha")
            .replace("アルファ健康保険組合", "アルファ第二健康保険組合"),
    );
    p.build();
    for file in index {
        assert!(p.read(file).contains("アルファ第二健康保険組合"), "{file}");
    }
}

#[test]
fn an_item_on_a_section_page_of_its_own_is_linked_there() {
    let p = Project::new();
    real_theme(&p);
    three_unions(&p);
    // gamma shows its 保健事業 on a page of its own: the index must link there, not to purposes.
    let gamma = p.union_path("gamma");
    let source = fs::read_to_string(&gamma).expect("gamma");
    p.union(
        "gamma",
        &format!(
            "{source}\n[[new_page]]\nid = \"health\"\ntitle = \"保健事業\"\nsections = [\"health\"]\n"
        ),
    );
    let report = p.build();
    assert_built(&report, "gamma");
    assert_eq!(broken_links(&p.out()), Vec::<String>::new());
    let html = p.read("contractors.html");
    let link = "gamma/health.html#item-health.external.checkup-outsourcing";
    assert!(html.contains(&format!("href=\"{link}\"")), "{html}");
    assert!(!html.contains("gamma/purposes.html#item-health."), "{html}");
    let policy: Value = serde_json::from_str(&p.read("gamma/policy.json")).expect("json");
    let health = policy["sections"]
        .as_array()
        .and_then(|s| s.iter().find(|s| s["id"] == "health"))
        .expect("health section");
    assert_eq!(health["page"], "health.html");
}
