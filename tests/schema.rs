//! The JSON Schema of the override format: the checked-in copy is current, the repository's
//! unions satisfy it, and it rejects what kumiai rejects (unknown keys, wrong types, dates that
//! are not plain dates), the way an editor using it (taplo / Even Better TOML) would see them.

use std::fs;
use std::path::{Path, PathBuf};

use kumiai::Override;
use serde_json::Value;

fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn schema() -> Value {
    kumiai::override_schema()
}

/// A TOML document as an editor hands it to JSON Schema: tables become objects and dates
/// become strings (`2024-12-02` → `"2024-12-02"`), as taplo does.
fn toml_to_json(value: toml::Value) -> Value {
    match value {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(i) => Value::from(i),
        toml::Value::Float(f) => serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number),
        toml::Value::Boolean(b) => Value::Bool(b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(items) => Value::Array(items.into_iter().map(toml_to_json).collect()),
        toml::Value::Table(table) => Value::Object(
            table
                .into_iter()
                .map(|(k, v)| (k, toml_to_json(v)))
                .collect(),
        ),
    }
}

fn json_of(source: &str) -> Value {
    toml_to_json(toml::from_str::<toml::Value>(source).expect("test TOML parses"))
}

/// Every schema error for `source`, as `path: message` lines (empty when valid).
fn schema_errors(source: &str) -> Vec<String> {
    let validator = jsonschema::validator_for(&schema()).expect("the schema is a valid schema");
    let instance = json_of(source);
    validator
        .iter_errors(&instance)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

/// Whether kumiai itself accepts the file's keys and types.
fn kumiai_accepts(source: &str) -> bool {
    toml::from_str::<Override>(source).is_ok()
}

#[test]
fn checked_in_schema_is_current() {
    let path = repo_root().join(kumiai::SCHEMA_FILE);
    let checked_in = fs::read_to_string(&path).unwrap_or_default();
    // Compare text with line endings normalized, so a checkout with CRLF does not fail.
    let checked_in = checked_in.replace("\r\n", "\n");
    assert!(
        checked_in == kumiai::override_schema_json(),
        "{} is missing or out of date with the override types; regenerate it with\n\n    \
         cargo run -- schema > schema/override.schema.json\n",
        path.display()
    );
}

#[test]
fn cli_prints_the_schema() {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_kumiai"))
        .arg("schema")
        .output()
        .expect("run kumiai schema");
    assert!(output.status.success(), "{output:?}");
    let printed = String::from_utf8(output.stdout).expect("UTF-8 output");
    assert_eq!(printed, kumiai::override_schema_json());
    let again = std::process::Command::new(env!("CARGO_BIN_EXE_kumiai"))
        .arg("schema")
        .output()
        .expect("run kumiai schema");
    assert_eq!(
        printed.as_bytes(),
        again.stdout,
        "the output is deterministic"
    );
}

#[test]
fn schema_is_draft_7_with_no_references() {
    let schema = schema();
    assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#");
    let text = schema.to_string();
    assert!(
        !text.contains("\"$ref\""),
        "everything is inlined for taplo"
    );
    assert!(!text.contains("\"null\""), "TOML has no null");
}

#[test]
fn every_union_in_the_repository_satisfies_the_schema() {
    let dir = repo_root().join("unions");
    let mut checked = 0;
    for entry in fs::read_dir(&dir).expect("unions/") {
        let path = entry.expect("dir entry").path();
        if path.extension().is_none_or(|x| x != "toml") {
            continue;
        }
        let source = fs::read_to_string(&path).expect("read union");
        let errors = schema_errors(&source);
        assert!(
            errors.is_empty(),
            "{}:\n{}",
            path.display(),
            errors.join("\n")
        );
        checked += 1;
    }
    assert!(
        checked >= 5,
        "only {checked} unions found in {}",
        dir.display()
    );
}

#[test]
fn minimal_file_passes() {
    let source = "[union]\nname = \"見本健康保険組合\"\n";
    assert_eq!(schema_errors(source), Vec::<String>::new());
    assert!(kumiai_accepts(source));
}

#[test]
fn readme_smallest_file_passes() {
    let source = fs::read_to_string(repo_root().join("unions/minimal.toml")).expect("minimal");
    assert_eq!(schema_errors(&source), Vec::<String>::new());
}

/// Files the schema and kumiai both reject, each for one mistake.
const REJECTED: &[(&str, &str)] = &[
    ("unknown key", "[union]\nname = \"x\"\nnmae = \"y\"\n"),
    (
        "unknown table",
        "[union]\nname = \"x\"\n[unoin]\nname = \"y\"\n",
    ),
    ("missing [union]", "[dates]\npublished = 2024-12-02\n"),
    ("missing name", "[union]\naddress = \"東京都\"\n"),
    ("wrong type", "[union]\nname = 1\n"),
    (
        "string where a list is meant",
        "[union]\nname = \"x\"\n[[item]]\nid = \"benefits.internal.payment\"\ncontractors = \"a\"\n",
    ),
    (
        "boolean as a string",
        "[union]\nname = \"x\"\n[[item]]\nid = \"benefits.internal.payment\"\nremove = \"true\"\n",
    ),
    (
        "unknown key in an array of tables",
        "[union]\nname = \"x\"\n[[contacts]]\ndepartment = \"総務部\"\ntel = \"03\"\n",
    ),
    (
        "unknown layout",
        "[union]\nname = \"x\"\n[presentation]\nlayout = \"grid\"\n",
    ),
    (
        "unknown group kind",
        "[union]\nname = \"x\"\n[labels]\ninternl = \"内部\"\n",
    ),
    (
        "unknown kind of a new group",
        "[union]\nname = \"x\"\n[[new_group]]\nid = \"health.partners\"\nkind = \"extern\"\n",
    ),
    (
        "contractor without a name",
        "[union]\nname = \"x\"\n[contractors]\na = { phone = \"03\" }\n",
    ),
    (
        "revision without a note",
        "[union]\nname = \"x\"\n[dates]\nrevisions = [{ date = 2024-12-02 }]\n",
    ),
    (
        "acknowledgement without a reason",
        "[union]\nname = \"x\"\n[[acknowledge]]\nrule = \"legal-address\"\n",
    ),
];

#[test]
fn mistakes_are_rejected_by_the_schema_as_by_kumiai() {
    for (what, source) in REJECTED {
        assert!(
            !schema_errors(source).is_empty(),
            "the schema accepts a file with: {what}"
        );
        assert!(
            !kumiai_accepts(source),
            "kumiai accepts a file with: {what}"
        );
    }
}

#[test]
fn the_unknown_key_is_named() {
    let errors = schema_errors("[union]\nname = \"x\"\nnmae = \"y\"\n");
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].starts_with("/union:"), "{errors:?}");
    assert!(errors[0].contains("nmae"), "{errors:?}");
}

#[test]
fn dates_are_plain_toml_dates() {
    let ok = "[union]\nname = \"x\"\n[dates]\nestablished = 2005-04-01\n\
              revisions = [{ date = 2024-12-02, note = \"改定\" }]\n";
    assert_eq!(schema_errors(ok), Vec::<String>::new());
    assert!(kumiai_accepts(ok));
    // kumiai refuses a date with a time (`to_date`); so does the schema.
    for bad in ["2024-12-02T09:00:00", "2024-12-02 09:00:00+09:00"] {
        let source = format!("[union]\nname = \"x\"\n[dates]\npublished = {bad}\n");
        assert!(
            !schema_errors(&source).is_empty(),
            "{bad} passes the schema"
        );
    }
}

#[test]
fn every_option_of_the_format_passes() {
    let source = r#"
[union]
name = "見本健康保険組合"
self_name = "当健保組合"
representative = "理事長 山田 太郎"
postal_code = "100-0001"
address = "東京都千代田区千代田1-1"
website = "https://www.example.or.jp/"
privacy_officer = "総務部長 山田 一郎"
phone = "03-1234-5670"
fax = "03-1234-5671"
letterhead = "各位"
published_url = "https://www.example-kenpo.or.jp/privacy/"
logo = "logo.png"
logo_alt = "見本健康保険組合のロゴ"
kana = "みほんけんこうほけんくみあい"

[[contacts]]
department = "総務部"
postal_code = "100-0001"
address = "東京都千代田区千代田1-1"
phone = "03-1234-5678"
fax = "03-1234-5679"
email = "kojin@example.or.jp"
hours = "9:00～17:00"
closed = "土曜、日曜"

[dates]
established = 2005-04-01
effective = 2005-04-01
published = 2024-12-02
revisions = [{ date = 2024-12-02, note = "改定" }]

[wording]
consent_legend = "＊…"
fee = "無料です。"
mynumber_clause = "番号法第19条第8号"

[presentation]
layout = "table"
label_style = "angle"
digits = "full"
section_numbers = "（１）"
item_numbers = "(1)"
table = { row_header = "title", caption = "", corner = "", left = "l", right = "r" }

[labels]
internal = "a"
external = "b"
review = "c"
receive = "d"
provide = "e"
other = "f"

[contractors]
x = { name = "（株）見本", phone = "03", note = "メモ", country = "シンガポール" }

[[abroad]]
country = "シンガポール"
measures = "同国の制度を確認し、契約で安全管理措置を定めています。"

[certified_body]
name = "見本個人情報保護協会"
contact = "苦情相談室 03-0000-0000"

[[joint_use]]
items = "氏名"
users = "見本株式会社"
purpose = "保健事業"
responsible = "見本健康保険組合（東京都千代田区千代田1-1、理事長 山田 太郎）"

[[item]]
id = "benefits.internal.payment"
text = "t"
contractors = ["x"]
contractor_label = "委託先"
consent = true
consent_note = "n"
remove = false
to = "health.internal"
before = "health.internal.checkups"
after = "health.internal.facilities"

[[new_item]]
id = "health.external.books"
text = "t"
contractors = ["x"]
contractor_label = "委託先"
consent = true
consent_note = "n"
before = "health.external.medical-cost-notice"
after = "health.external.reporting"

[[group]]
id = "claims.review"
label = "l"
note = "n"
remove = false
to = "online"
before = "online.receive"
after = "online.provide"

[[new_group]]
id = "health.partners"
kind = "other"
label = "l"
note = "n"
before = "health.internal"
after = "health.external"
items = ["t", { text = "t", id = "i", contractors = ["x"], consent = true, contractor_label = "l", consent_note = "n" }]

[[section]]
id = "claims"
title = "t"
short_title = "s"
intro = ""
heading = "h"
note = "n"
remove = false
before = "benefits"
after = "health"

[[new_section]]
id = "welfare"
title = "t"
short_title = "s"
intro = "i"
heading = "h"
note = "n"
before = "claims"
after = "health"
items = ["t"]

[purposes]
base = true

[[data_kind]]
name = "n"
purposes = ["p"]
id = "k"

[data_kinds]
headers = ["a", "b"]
intro = "i"
note = "n"
position = "after"

[[page]]
id = "purposes"
title = "t"
intro = "i"
body = "b"
file = "f.md"
remove = false

[[new_page]]
id = "storage"
title = "t"
body = "b"
file = "f.md"
after = "purposes"
sections = ["mynumber"]
kind = "prose"

[[acknowledge]]
rule = "legal-address"
reason = "r"
"#;
    assert_eq!(schema_errors(source), Vec::<String>::new());
    assert!(kumiai_accepts(source));
    // …and it uses every key the schema knows, so this test covers the whole format.
    let mut keys = Vec::new();
    property_names(&schema(), &mut keys);
    for key in keys {
        assert!(mentions(source, &key), "the test file does not use `{key}`");
    }
}

/// Whether `source` writes `key`: as `key = …` (also inside an inline table) or as a table
/// header `[key]` / `[[key]]`.
fn mentions(source: &str, key: &str) -> bool {
    let assigned = source.match_indices(&format!("{key} =")).any(|(at, _)| {
        source[..at]
            .chars()
            .next_back()
            .is_none_or(|c| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
    });
    assigned || source.contains(&format!("[{key}]"))
}

/// Every property name anywhere in the schema.
fn property_names(schema: &Value, out: &mut Vec<String>) {
    match schema {
        Value::Object(map) => {
            if let Some(Value::Object(props)) = map.get("properties") {
                for key in props.keys() {
                    if !out.contains(key) {
                        out.push(key.clone());
                    }
                }
            }
            map.values().for_each(|v| property_names(v, out));
        }
        Value::Array(items) => items.iter().for_each(|v| property_names(v, out)),
        _ => {}
    }
}

#[test]
fn every_table_refuses_unknown_keys_and_every_key_is_explained() {
    fn walk(at: &str, schema: &Value) {
        let Value::Object(map) = schema else { return };
        if let Some(Value::Object(props)) = map.get("properties") {
            assert_eq!(
                map.get("additionalProperties"),
                Some(&Value::Bool(false)),
                "{at} lets unknown keys through"
            );
            for (key, sub) in props {
                let description = sub["description"].as_str().unwrap_or_default();
                let (ja, en) = description.split_once(" / ").unwrap_or(("", ""));
                assert!(
                    !ja.is_ascii() && en.chars().any(|c| c.is_ascii_alphabetic()),
                    "{at}.{key} needs a description 「日本語 / English」, has {description:?}"
                );
                walk(&format!("{at}.{key}"), sub);
            }
        }
        for key in ["items", "additionalProperties"] {
            if let Some(sub) = map.get(key) {
                walk(&format!("{at}[]"), sub);
            }
        }
    }
    walk("", &schema());
}

#[test]
fn taplo_config_points_at_the_schema() {
    let root = repo_root();
    let config: toml::Table = toml::from_str(
        &fs::read_to_string(root.join(".taplo.toml")).expect(".taplo.toml at the repository root"),
    )
    .expect(".taplo.toml parses");
    let rules = config["rule"].as_array().expect("[[rule]]");
    let rule = rules
        .iter()
        .find(|r| {
            r["include"]
                .as_array()
                .is_some_and(|i| i.iter().any(|p| p.as_str() == Some("unions/*.toml")))
        })
        .expect("a rule for unions/*.toml");
    let path = rule["schema"]["path"].as_str().expect("schema.path");
    assert_eq!(path, kumiai::SCHEMA_FILE);
    assert!(Path::new(&root).join(path).is_file());

    let settings: Value = serde_json::from_str(
        &fs::read_to_string(root.join(".vscode/settings.json")).expect(".vscode/settings.json"),
    )
    .expect("settings.json is JSON");
    assert_eq!(settings["evenBetterToml.schema.enabled"], true);
    let extensions: Value = serde_json::from_str(
        &fs::read_to_string(root.join(".vscode/extensions.json")).expect(".vscode/extensions.json"),
    )
    .expect("extensions.json is JSON");
    assert!(
        extensions["recommendations"]
            .as_array()
            .is_some_and(|r| r.iter().any(|x| x == "tamasfe.even-better-toml"))
    );
}
