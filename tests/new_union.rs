//! `kumiai new SLUG --name 名称`: the new file builds as it is, shows every option of the format,
//! and its examples, uncommented, build too; bad slugs and existing files are refused.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;
use tempfile::TempDir;

const NAME: &str = "見本健康保険組合";

/// A throw-away project: the repository's real `content/`, `themes/` and `kumiai.toml`, and
/// an empty `unions/`.
fn project() -> TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    copy_dir(&repo.join("content"), &dir.path().join("content"));
    copy_dir(&repo.join("themes"), &dir.path().join("themes"));
    fs::copy(repo.join("kumiai.toml"), dir.path().join("kumiai.toml")).expect("kumiai.toml");
    fs::create_dir(dir.path().join("unions")).expect("unions/");
    dir
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("create dir");
    for entry in fs::read_dir(from).expect("read dir") {
        let entry = entry.expect("dir entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).expect("copy file");
        }
    }
}

fn kumiai(root: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kumiai"))
        .arg("--root")
        .arg(root)
        .args(args)
        .output()
        .expect("run the kumiai binary")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn assert_ok(output: &Output, what: &str) {
    assert!(
        output.status.success(),
        "{what} failed ({:?})\nstdout:\n{}\nstderr:\n{}",
        output.status,
        text(&output.stdout),
        text(&output.stderr)
    );
}

/// The examples turned on: every `# ` at the start of a line deleted (a lone `#` becomes an
/// empty line); `##` explanations stay comments.
fn uncomment(source: &str) -> String {
    source
        .lines()
        .map(|line| {
            if line == "#" {
                ""
            } else if let Some(rest) = line.strip_prefix("# ") {
                rest
            } else {
                line
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn new_file_builds_as_it_is() {
    let dir = project();
    let output = kumiai(dir.path(), &["new", "mihon", "--name", NAME]);
    assert_ok(&output, "kumiai new");
    assert!(
        text(&output.stdout).contains("mihon.toml"),
        "{}",
        text(&output.stdout)
    );

    let path = dir.path().join("unions/mihon.toml");
    let source = fs::read_to_string(&path).expect("unions/mihon.toml written");
    assert!(
        source.contains(&format!("[union]\nname = \"{NAME}\"\n")),
        "{source}"
    );
    let table: toml::Table = toml::from_str(&source).expect("the new file parses");
    assert_eq!(
        table.keys().collect::<Vec<_>>(),
        ["union"],
        "only [union] is set"
    );
    assert_eq!(
        table["union"].as_table().map(toml::Table::len),
        Some(1),
        "only its name"
    );

    // A new union gives only its name: it is published (so a preview works), and the build
    // says it is incomplete and exits 1 until the representative, address and window are in.
    let output = kumiai(dir.path(), &["build"]);
    assert_eq!(output.status.code(), Some(1), "{}", text(&output.stderr));
    let summary = text(&output.stdout);
    assert!(
        summary.contains("1 incomplete") && summary.contains("mihon: 住所・代表者・苦情の申出先"),
        "{summary}"
    );
    let index = fs::read_to_string(dir.path().join("public/mihon/index.html"))
        .expect("the union's site exists");
    assert!(index.contains(NAME), "the site shows the union's name");
    for page in ["purposes", "safety", "requests", "contact", "history"] {
        assert!(
            dir.path()
                .join(format!("public/mihon/{page}.html"))
                .is_file(),
            "{page}.html"
        );
    }
}

/// The file `kumiai new mihon` writes.
fn new_file() -> String {
    let dir = project();
    assert_ok(
        &kumiai(dir.path(), &["new", "mihon", "--name", NAME]),
        "kumiai new",
    );
    fs::read_to_string(dir.path().join("unions/mihon.toml")).expect("the new file")
}

/// The name inside every `{{ … }}` of a text.
fn placeholders_in(text: &str) -> Vec<&str> {
    text.split("{{")
        .skip(1)
        .filter_map(|rest| Some(rest.split_once("}}")?.0.trim()))
        .collect()
}

#[test]
fn new_file_mentions_every_key_of_the_format() {
    let source = new_file();
    let schema = kumiai::override_schema();
    let top = schema["properties"].as_object().expect("properties");
    assert!(top.len() >= 16, "{top:?}");
    for (key, sub) in top {
        let header = if sub["type"] == "array" {
            format!("[[{key}]]")
        } else {
            format!("[{key}]")
        };
        assert!(
            source.contains(&header),
            "the new file does not show {header}"
        );
    }
    let mut keys = Vec::new();
    nested_keys(&schema, &mut keys);
    for key in keys {
        assert!(
            source.contains(&format!("{key} =")),
            "the new file does not show the key `{key}`"
        );
    }
}

/// Property names of every table below the top level.
fn nested_keys(schema: &Value, out: &mut Vec<String>) {
    fn walk(schema: &Value, depth: usize, out: &mut Vec<String>) {
        let Value::Object(map) = schema else { return };
        if let Some(Value::Object(props)) = map.get("properties") {
            for (key, sub) in props {
                if depth > 0 && !out.contains(key) {
                    out.push(key.clone());
                }
                walk(sub, depth + 1, out);
            }
        }
        for key in ["items", "additionalProperties"] {
            if let Some(sub) = map.get(key) {
                walk(sub, depth, out);
            }
        }
    }
    walk(schema, 0, out);
}

#[test]
fn new_file_names_only_known_placeholders() {
    let source = new_file();
    assert!(source.contains("{{ union.name }}"));
    let unknown: Vec<&str> = placeholders_in(&source)
        .into_iter()
        .filter(|name| !kumiai::PLACEHOLDERS.contains(name))
        .collect();
    assert_eq!(
        unknown,
        Vec::<&str>::new(),
        "every {{{{ … }}}} in the new file must be a value kumiai knows"
    );
}

#[test]
fn examples_uncommented_satisfy_the_schema_and_build() {
    let dir = project();
    assert_ok(
        &kumiai(dir.path(), &["new", "mihon", "--name", NAME]),
        "kumiai new",
    );
    let source = fs::read_to_string(dir.path().join("unions/mihon.toml")).expect("new file");
    let all = uncomment(&source);
    assert_ne!(all, source);

    let validator = jsonschema::validator_for(&kumiai::override_schema()).expect("schema");
    let instance = toml_to_json(toml::from_str(&all).expect("the uncommented examples parse"));
    let errors: Vec<String> = validator
        .iter_errors(&instance)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{}", errors.join("\n"));

    // Every option at once must also make sense to kumiai: ids exist, contractors are defined,
    // new groups and items land where they say.
    fs::write(dir.path().join("unions/mihon.toml"), &all).expect("write");
    // `logo = "logo.png"` names a picture the union puts in its folder.
    fs::create_dir_all(dir.path().join("unions/mihon")).expect("mkdir");
    fs::write(
        dir.path().join("unions/mihon/logo.png"),
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0",
    )
    .expect("write the logo");
    let output = kumiai(dir.path(), &["build"]);
    assert_ok(&output, "kumiai build with every example turned on");
    let purposes =
        fs::read_to_string(dir.path().join("public/mihon/purposes.html")).expect("purposes");
    for shown in [
        "出産者に対する育児書の配布",
        "（株）見本出版",
        "福利厚生事業",
        "提携スポーツ施設",
    ] {
        assert!(purposes.contains(shown), "purposes.html lacks {shown}");
    }
    assert!(dir.path().join("public/mihon/storage.html").is_file());
    let index = fs::read_to_string(dir.path().join("public/mihon/index.html")).expect("index");
    assert!(index.contains("files/logo.png"), "the logo is not shown");
}

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

#[test]
fn a_bad_slug_is_refused() {
    let dir = project();
    for slug in ["Tokyo_Kiki", "tokyo kiki", "a-", "東京", "a--b", "a/b"] {
        let output = kumiai(dir.path(), &["--lang", "en", "new", slug, "--name", NAME]);
        assert_eq!(output.status.code(), Some(1), "{slug}");
        let stderr = text(&output.stderr);
        assert!(
            stderr.contains("not a valid union slug"),
            "{slug}: {stderr}"
        );
    }
    assert_eq!(
        fs::read_dir(dir.path().join("unions"))
            .expect("unions/")
            .count(),
        0
    );

    let output = kumiai(
        dir.path(),
        &["--lang", "ja", "new", "Tokyo", "--name", NAME],
    );
    assert_eq!(output.status.code(), Some(1));
    assert!(
        text(&output.stderr).contains("英小文字"),
        "{}",
        text(&output.stderr)
    );
}

#[test]
fn an_existing_file_is_never_overwritten() {
    let dir = project();
    let path = dir.path().join("unions/mihon.toml");
    fs::write(&path, "[union]\nname = \"既存の組合\"\n").expect("write");
    let before = fs::read(&path).expect("read");

    let output = kumiai(
        dir.path(),
        &["--lang", "en", "new", "mihon", "--name", NAME],
    );
    assert_eq!(output.status.code(), Some(1));
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains("already exists") && stderr.contains("mihon.toml"),
        "{stderr}"
    );
    assert_eq!(
        fs::read(&path).expect("read"),
        before,
        "the file is untouched"
    );

    let output = kumiai(
        dir.path(),
        &["--lang", "ja", "new", "mihon", "--name", NAME],
    );
    assert_eq!(output.status.code(), Some(1));
    assert!(
        text(&output.stderr).contains("上書きしません"),
        "{}",
        text(&output.stderr)
    );
    assert_eq!(
        fs::read(&path).expect("read"),
        before,
        "the file is untouched"
    );
}

#[test]
fn a_second_new_of_the_same_slug_is_refused() {
    let dir = project();
    assert_ok(
        &kumiai(dir.path(), &["new", "mihon", "--name", NAME]),
        "first kumiai new",
    );
    let path = dir.path().join("unions/mihon.toml");
    let first = fs::read(&path).expect("read");
    let output = kumiai(dir.path(), &["new", "mihon", "--name", "別の組合"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(fs::read(&path).expect("read"), first);
}

#[test]
fn a_folder_that_is_not_a_project_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let output = kumiai(
        dir.path(),
        &["--lang", "en", "new", "mihon", "--name", NAME],
    );
    assert_eq!(output.status.code(), Some(1));
    assert!(
        text(&output.stderr).contains("kumiai.toml"),
        "{}",
        text(&output.stderr)
    );
    assert!(!dir.path().join("unions").exists(), "nothing is created");
}

#[test]
fn names_are_written_as_toml_strings() {
    let dir = project();
    let name = r#"見本 "健保" \ 組合"#;
    assert_ok(
        &kumiai(dir.path(), &["new", "quoted", "--name", name]),
        "kumiai new",
    );
    let source = fs::read_to_string(dir.path().join("unions/quoted.toml")).expect("new file");
    let table: toml::Table = toml::from_str(&source).expect("parses");
    assert_eq!(table["union"]["name"].as_str(), Some(name));

    for bad in ["", "   ", "a\nb", "{{ union.name }}"] {
        let output = kumiai(dir.path(), &["new", "bad", "--name", bad]);
        assert_eq!(output.status.code(), Some(1), "{bad:?}");
    }
    assert!(!dir.path().join("unions/bad.toml").exists());
}
