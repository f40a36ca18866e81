//! Open data (`policy.json`, `unions.json`) and the print page, on the repository's own
//! project (real base, real theme, the example unions) built through the CLI.

mod common;

use std::fs;
use std::path::Path;

use common::*;
use serde_json::Value;

const EXAMPLES: [&str; 6] = [
    "acom",
    "example-osaka",
    "example-saitama",
    "kinki-denshi",
    "minimal",
    "tokyo-kiki",
];

fn build_repo(out: &Path) {
    let output = run_cli(
        &repo_root(),
        &["--output", out.to_str().expect("utf-8 temp path")],
    );
    assert!(output.status.success(), "{}", stderr(&output));
}

fn json(path: &Path) -> Value {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn checked_in(name: &str) -> Value {
    json(&repo_root().join("schema").join(name))
}

#[test]
fn checked_in_schemas_are_current() {
    use kumiai::open_data::{POLICY_SCHEMA_FILE, UNIONS_SCHEMA_FILE};
    for (file, current) in [
        (POLICY_SCHEMA_FILE, kumiai::open_data::policy_schema_json()),
        (UNIONS_SCHEMA_FILE, kumiai::open_data::unions_schema_json()),
    ] {
        let path = repo_root().join(file);
        let text = fs::read_to_string(&path)
            .unwrap_or_default()
            .replace("\r\n", "\n");
        assert!(
            text == current,
            "{} is out of date with src/open_data.rs; regenerate it with\n\n    \
             cargo run -- schema {} > {file}\n",
            path.display(),
            if file == POLICY_SCHEMA_FILE {
                "policy"
            } else {
                "unions"
            }
        );
    }
    let printed = run_kumiai(&repo_root(), &["schema", "policy"]);
    assert_eq!(
        stdout(&printed),
        kumiai::open_data::policy_schema_json(),
        "`kumiai schema policy` prints the schema"
    );
}

#[test]
fn every_example_union_publishes_valid_open_data() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let out = tmp.path().join("public");
    build_repo(&out);
    let policy_schema = checked_in("policy-v1.schema.json");
    let validator = jsonschema::validator_for(&policy_schema).expect("the schema compiles");
    for slug in EXAMPLES {
        let site = out.join(slug);
        let doc = json(&site.join("policy.json"));
        let errors: Vec<String> = validator
            .iter_errors(&doc)
            .map(|e| format!("{e} at {}", e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{slug}/policy.json: {errors:#?}");
        assert_eq!(doc["schema_version"], "1");
        assert_eq!(doc["slug"], slug);
        // The schema it names is beside it, and is the published one.
        let named = doc["$schema"].as_str().expect("$schema");
        assert_eq!(json(&site.join(named)), policy_schema, "{slug}");
    }

    // What the format promises, on the examples that show it.
    let osaka = json(&out.join("example-osaka/policy.json"));
    let items: Vec<&Value> = osaka["sections"]
        .as_array()
        .expect("sections")
        .iter()
        .flat_map(|s| s["groups"].as_array().expect("groups"))
        .flat_map(|g| g["items"].as_array().expect("items"))
        .collect();
    let item = |id: &str| {
        *items
            .iter()
            .find(|i| i["id"] == id)
            .unwrap_or_else(|| panic!("no item {id}"))
    };
    assert_eq!(item("benefits.internal.eligibility")["origin"], "changed");
    assert_eq!(item("health.external.childcare-books")["origin"], "added");
    assert_eq!(item("benefits.internal.payment")["origin"], "base");
    assert_eq!(
        item("health.external.reporting")["contractors"],
        serde_json::json!(["yobou-hoken", "benefit-one", "rizap"])
    );
    assert_eq!(osaka["items_page"], "purposes.html");
    let minimal = json(&out.join("minimal/policy.json"));
    assert_eq!(
        minimal["dates"]["published"],
        serde_json::json!({ "iso": "2024-12-02", "wareki": "令和6年12月2日" })
    );
    assert_eq!(minimal["contacts"][0]["phone"], "03-1234-5678");
    assert!(minimal["base"]["revision"].is_string());
    // kinki-denshi's narrative is sections of its own instead of the base's: open data lists them.
    let kinki = json(&out.join("kinki-denshi/policy.json"));
    assert_eq!(kinki["items_page"], "purposes.html");
    let ids: Vec<&str> = kinki["sections"]
        .as_array()
        .expect("sections")
        .iter()
        .filter_map(|s| s["id"].as_str())
        .collect();
    assert_eq!(ids.first(), Some(&"application"));
    assert_eq!(ids.len(), 8);

    // unions.json: the catalogue of every union, in slug order, linking each policy.json.
    let unions_schema = checked_in("unions-v1.schema.json");
    let all = json(&out.join("unions.json"));
    let validator = jsonschema::validator_for(&unions_schema).expect("the schema compiles");
    assert!(validator.is_valid(&all), "unions.json is not valid");
    assert_eq!(json(&out.join("unions-v1.schema.json")), unions_schema);
    let slugs: Vec<&str> = all["unions"]
        .as_array()
        .expect("unions")
        .iter()
        .filter_map(|u| u["slug"].as_str())
        .collect();
    assert_eq!(slugs, EXAMPLES);
    let entry = &all["unions"][1];
    assert_eq!(entry["policy"], "example-osaka/policy.json");
    assert_eq!(entry["site"], "example-osaka/index.html");
    assert_eq!(entry["name"], osaka["union"]["name"]);
    assert_eq!(entry["base_revision"], osaka["base"]["revision"]);
    assert_eq!(entry["published"], osaka["dates"]["published"]);
    let items: Vec<&Value> = osaka["sections"]
        .as_array()
        .expect("sections")
        .iter()
        .flat_map(|s| s["groups"].as_array().expect("groups"))
        .flat_map(|g| g["items"].as_array().expect("items"))
        .collect();
    let counted = |origin: &str| items.iter().filter(|i| i["origin"] == origin).count();
    assert_eq!(entry["items_from_base"], counted("base"));
    assert_eq!(entry["items_changed"], counted("changed"));
    assert_eq!(entry["items_added"], counted("added"));
    assert!(counted("added") > 0, "example-osaka adds items");
    let names: Vec<&Value> = osaka["contractors"]
        .as_array()
        .expect("contractors")
        .iter()
        .map(|c| &c["name"])
        .collect();
    assert_eq!(entry["contractors"], serde_json::json!(names));
}

/// `<h1` and `<h2` openings in `html` (minified or not).
fn count_tag(html: &str, tag: &str) -> usize {
    html.match_indices(&format!("<{tag}"))
        .filter(|(at, _)| {
            html[at + tag.len() + 1..]
                .chars()
                .next()
                .is_some_and(|c| c == '>' || c == ' ')
        })
        .count()
}

#[test]
fn print_pages_hold_the_whole_policy_in_reading_order_without_chrome() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let out = tmp.path().join("public");
    build_repo(&out);
    for slug in EXAMPLES {
        let site = out.join(slug);
        let print = fs::read_to_string(site.join("print.html")).expect("print.html");
        assert_eq!(html_lang(&print).as_deref(), Some("ja"), "{slug}");
        assert_eq!(count_tag(&print, "h1"), 1, "{slug}: one <h1>");
        assert!(!print.contains("site-nav"), "{slug}: no navigation");
        assert!(!print.contains("skip-link"), "{slug}: no skip link");
        assert!(!print.contains("style="), "{slug}: no inline style (CSP)");
        assert!(!print.contains("<script"), "{slug}: no script (CSP)");
        // Every page, as a chapter, in the site's order.
        let doc = json(&site.join("policy.json"));
        let titles: Vec<String> = doc["pages"]
            .as_array()
            .expect("pages")
            .iter()
            .map(|p| format!(">{}</h2>", p["title"].as_str().expect("title")))
            .collect();
        let titles: Vec<&str> = titles.iter().map(String::as_str).collect();
        assert_order(&print, &titles);
        assert_eq!(
            count_tag(&print, "h2"),
            titles.len(),
            "{slug}: page titles are the only <h2>"
        );
        assert!(
            print.contains(&format!("{slug}/print.html")),
            "{slug}: URL in the footer"
        );
        // Every page links to it.
        for page in doc["pages"].as_array().expect("pages") {
            let href = page["href"].as_str().expect("href");
            let html = fs::read_to_string(site.join(href)).expect("page");
            assert!(
                html.contains("href=print.html"),
                "{slug}/{href} links to print.html"
            );
        }
    }
    let minimal = fs::read_to_string(out.join("minimal/print.html")).expect("print");
    assert!(
        minimal.contains("令和6年12月2日（2024年12月2日）"),
        "the policy date in 和暦 and 西暦"
    );
    // The item anchors are on the purposes page and in the print page.
    let osaka = fs::read_to_string(out.join("example-osaka/print.html")).expect("print");
    assert!(
        osaka.contains("id=\"item-health.external.childcare-books\"")
            || osaka.contains("id=item-health.external.childcare-books"),
        "{osaka}"
    );
    // The stylesheet has the A4 rules the print page relies on.
    let css_file = fs::read_dir(out.join("minimal/assets"))
        .expect("assets")
        .filter_map(Result::ok)
        .find(|e| e.file_name().to_string_lossy().starts_with("style."))
        .expect("a stylesheet");
    let css = fs::read_to_string(css_file.path()).expect("css");
    assert!(css.contains("size:A4") || css.contains("size: A4"), "{css}");
    assert!(css.contains("break-before:page") || css.contains("break-before: page"));
}

#[test]
fn print_footer_gives_an_absolute_address_when_the_site_has_one() {
    let p = Project::new();
    let settings = p.path().join("kumiai.toml");
    let text = fs::read_to_string(&settings).expect("kumiai.toml");
    write(
        &settings,
        &format!("{text}base_url = \"https://example.or.jp/privacy/\"\n"),
    );
    p.union(
        "alpha",
        &union_toml(
            "アルファ健康保険組合",
            "[presentation]\ndigits = \"full\"\n[dates]\npublished = 2019-05-01\n",
        ),
    );
    assert_built(&p.build(), "alpha");
    let print = p.read("alpha/print.html");
    assert!(
        print.contains("URL https://example.or.jp/privacy/alpha/print.html"),
        "{print}"
    );
    assert!(
        print.contains("DATE 公表 令和元年５月１日 ２０１９年５月１日"),
        "{print}"
    );
    // Page headings move one level down under the page titles.
    assert!(
        print.contains("<h2>PRINT-PAGE 安全管理措置の内容</h2>"),
        "{print}"
    );
    assert!(print.contains("<h3>組織的安全管理措置</h3>"), "{print}");
    assert!(!print.contains("<h2>組織的安全管理措置</h2>"), "{print}");
}

#[test]
fn a_purposes_page_replaced_with_prose_has_no_item_anchors_to_point_at() {
    let p = Project::new();
    p.union(
        "u",
        &union_toml(
            "テスト健康保険組合",
            "[[page]]\nid = \"purposes\"\nbody = \"当組合は、保険給付と保健事業のために個人情報を利用します。\"\n",
        ),
    );
    assert_built(&p.build(), "u");
    let doc = json(&p.out().join("u/policy.json"));
    assert_eq!(doc["items_page"], Value::Null);
}

#[test]
fn headings_and_notes_are_open_data_too() {
    let p = Project::new();
    p.union(
        "u",
        &union_toml(
            "テスト健康保険組合",
            "[[section]]\nid = \"benefits\"\nheading = \"健康保険法に基づく事業\"\nnote = \"節の注記\"\n[[group]]\nid = \"benefits.internal\"\nnote = \"グループの注記\"\n",
        ),
    );
    assert_built(&p.build(), "u");
    let doc = json(&p.out().join("u/policy.json"));
    let benefits = &doc["sections"][0];
    assert_eq!(benefits["heading"], "健康保険法に基づく事業");
    assert_eq!(benefits["note"], "節の注記");
    assert_eq!(benefits["groups"][0]["note"], "グループの注記");
    assert_eq!(doc["sections"][1].get("heading"), None);
}
