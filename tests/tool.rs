//! kumiai as an installed tool, through the command line on temp folders: `init`, the built-in
//! base and theme, `base diff`, `build --base-url`, `completions`.

mod common;

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

use common::{copy_dir, repo_root, snapshot};

fn kumiai(root: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kumiai"))
        .arg("--root")
        .arg(root)
        .args(["--lang", "en"])
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("run kumiai")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Runs kumiai and asserts it succeeded; returns stdout and stderr together.
fn ok(root: &Path, args: &[&str]) -> String {
    let out = kumiai(root, args);
    let all = format!("{}{}", text(&out.stdout), text(&out.stderr));
    assert!(out.status.success(), "kumiai {args:?} failed:\n{all}");
    all
}

fn temp() -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix("kumiai-tool-")
        .tempdir()
        .unwrap()
}

#[test]
fn init_in_a_new_folder_builds_and_checks_with_no_finding() {
    let dir = temp();
    let project = dir.path().join("demo");
    let said = ok(dir.path(), &["init", project.to_str().unwrap()]);
    assert!(said.contains("kumiai build"), "{said}");
    for file in [
        "kumiai.toml",
        "content/base.toml",
        "content/purposes.toml",
        "content/pages/index.md",
        "unions/mihon.toml",
        ".gitignore",
    ] {
        assert!(project.join(file).is_file(), "init wrote no {file}");
    }
    assert!(
        !project.join("themes").exists(),
        "the theme only with --theme"
    );
    // The base is the built-in one, byte for byte.
    assert_eq!(
        snapshot(&project.join("content")),
        snapshot(&repo_root().join("content"))
    );
    // Every setting is there, those left at their default commented.
    let settings = fs::read_to_string(project.join("kumiai.toml")).unwrap();
    for key in [
        "title =",
        "# base_url =",
        "# minify =",
        "# theme =",
        "# base_publisher =",
    ] {
        assert!(settings.contains(key), "kumiai.toml lacks `{key}`");
    }
    let built = ok(&project, &["build"]);
    assert!(built.contains("built 1 union"), "{built}");
    for page in ["index.html", "purposes.html", "print.html", "policy.json"] {
        assert!(project.join("public/mihon").join(page).is_file(), "{page}");
    }
    assert!(project.join("public/index.html").is_file());
    let checked = ok(&project, &["check", "--deny-warnings"]);
    assert!(
        checked.contains("0 errors, 0 warnings, 0 acknowledged"),
        "{checked}"
    );
    let diff = ok(&project, &["base", "diff"]);
    assert!(diff.contains("is the same as the built-in base"), "{diff}");
}

#[test]
fn init_refuses_a_folder_that_is_not_empty_and_writes_nothing() {
    let dir = temp();
    fs::write(dir.path().join("notes.txt"), "mine").unwrap();
    let out = kumiai(dir.path(), &["init"]);
    assert!(!out.status.success());
    assert!(text(&out.stderr).contains("is not empty"), "{:?}", out);
    let names: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(names.len(), 1, "init wrote beside notes.txt");
    assert_eq!(
        fs::read_to_string(dir.path().join("notes.txt")).unwrap(),
        "mine"
    );
    // A hidden file counts too, and so does a file given as the folder.
    let hidden = temp();
    fs::write(hidden.path().join(".git"), "x").unwrap();
    assert!(!kumiai(hidden.path(), &["init"]).status.success());
    let file = dir.path().join("notes.txt");
    assert!(
        !kumiai(dir.path(), &["init", file.to_str().unwrap()])
            .status
            .success()
    );
}

#[test]
fn init_with_theme_copies_the_default_theme_which_then_wins() {
    let dir = temp();
    ok(dir.path(), &["init", "--theme"]);
    let theme = dir.path().join("themes/default");
    assert_eq!(
        snapshot(&theme),
        snapshot(&repo_root().join("themes/default"))
    );
    ok(dir.path(), &["build"]);
    let before = fs::read_to_string(dir.path().join("public/mihon/index.html")).unwrap();
    // The project's copy is the one used: a change to its stylesheet shows in the pages.
    let css = theme.join("static/style.css");
    let edited = format!(
        "{}\n.federation {{ color: #123456 }}\n",
        fs::read_to_string(&css).unwrap()
    );
    fs::write(&css, edited).unwrap();
    ok(dir.path(), &["build"]);
    let after = fs::read_to_string(dir.path().join("public/mihon/index.html")).unwrap();
    assert_ne!(before, after, "the project's theme was not used");
}

/// A project with the repository's unions and settings, with or without its own copies of
/// `content/` and `themes/default/`.
fn repo_project(with_copies: bool) -> tempfile::TempDir {
    let dir = temp();
    let root = repo_root();
    copy_dir(&root.join("unions"), &dir.path().join("unions"));
    fs::copy(root.join("kumiai.toml"), dir.path().join("kumiai.toml")).unwrap();
    if with_copies {
        copy_dir(&root.join("content"), &dir.path().join("content"));
        copy_dir(
            &root.join("themes/default"),
            &dir.path().join("themes/default"),
        );
    }
    dir
}

#[test]
fn a_project_without_content_or_themes_builds_the_same_bytes_from_the_built_in_copies() {
    let with = repo_project(true);
    let without = repo_project(false);
    for dir in [&with, &without] {
        let out = dir.path().join("out");
        let _ = kumiai(dir.path(), &["build", "--output", out.to_str().unwrap()]);
        assert!(out.join("minimal/index.html").is_file());
    }
    let a = snapshot(&with.path().join("out"));
    let b = snapshot(&without.path().join("out"));
    assert!(a.len() > 40, "{} files", a.len());
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (name, bytes) in &a {
        assert!(b[name] == *bytes, "{name} differs");
    }
    // `check` finds the same on both: rule, severity and message of every finding.
    let findings = |dir: &Path| -> Vec<String> {
        let out = text(&kumiai(dir, &["check", "--format", "json"]).stdout);
        let mut list: Vec<String> = out
            .lines()
            .map(|l| {
                let v: serde_json::Value = serde_json::from_str(l).unwrap();
                format!("{} {} {}", v["rule"], v["severity"], v["message"])
            })
            .collect();
        list.sort();
        list
    };
    let a = findings(with.path());
    assert!(a.len() > 5, "{a:?}");
    assert_eq!(a, findings(without.path()));
}

#[test]
fn an_unknown_theme_without_a_folder_is_named() {
    let dir = temp();
    ok(dir.path(), &["init"]);
    let settings = dir.path().join("kumiai.toml");
    let text_before = fs::read_to_string(&settings).unwrap();
    fs::write(&settings, format!("{text_before}theme = \"ours\"\n")).unwrap();
    let out = kumiai(dir.path(), &["build"]);
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("theme `ours` not found"),
        "{out:?}"
    );
}

#[test]
fn base_diff_lists_a_changed_item_and_check_notes_an_older_base() {
    let dir = temp();
    ok(dir.path(), &["init"]);
    let meta = dir.path().join("content/base.toml");
    let old = fs::read_to_string(&meta).unwrap().replacen(
        "\ndate = 2025-12-02",
        "\ndate = 2024-12-02",
        1,
    );
    fs::write(&meta, old).unwrap();
    let purposes = dir.path().join("content/purposes.toml");
    let source = fs::read_to_string(&purposes).unwrap();
    assert!(source.contains("被保険者資格の確認"));
    fs::write(
        &purposes,
        source.replacen("被保険者資格の確認", "被保険者の資格の確認", 1),
    )
    .unwrap();
    let diff = ok(dir.path(), &["base", "diff"]);
    assert!(
        diff.contains("changed: item benefits.internal.eligibility"),
        "{diff}"
    );
    assert!(diff.contains("被保険者[-の-]資格の確認"), "{diff}");
    assert!(diff.contains("changed: setting date"), "{diff}");
    let json = ok(dir.path(), &["base", "diff", "--format", "json"]);
    let value: serde_json::Value = serde_json::from_str(json.trim()).unwrap();
    let ids: Vec<&str> = value["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&"benefits.internal.eligibility"), "{ids:?}");
    // check: a warning at the date of content/base.toml, pointing to base diff.
    let out = kumiai(dir.path(), &["check"]);
    let said = text(&out.stderr);
    assert!(said.contains("[base-behind]"), "{said}");
    assert!(said.contains("base.toml:7:1"), "{said}");
    assert!(said.contains("kumiai base diff"), "{said}");
}

#[test]
fn base_url_on_the_command_line_changes_the_absolute_addresses_for_one_build() {
    let dir = temp();
    ok(dir.path(), &["init"]);
    let print = dir.path().join("public/mihon/print.html");
    ok(dir.path(), &["build"]);
    let relative = fs::read_to_string(&print).unwrap();
    assert!(!relative.contains("https://kenpo.example.jp/"));
    ok(
        dir.path(),
        &["build", "--base-url", "https://kenpo.example.jp/privacy/"],
    );
    let absolute = fs::read_to_string(&print).unwrap();
    assert!(
        absolute.contains("https://kenpo.example.jp/privacy/mihon/print.html"),
        "print.html names no absolute address"
    );
    let catalogue = fs::read_to_string(dir.path().join("public/unions.json")).unwrap();
    assert!(catalogue.contains("https://kenpo.example.jp/privacy/mihon/index.html"));
    // The next build without it goes back to kumiai.toml's (none): the sites are rendered again.
    ok(dir.path(), &["build"]);
    assert_eq!(fs::read_to_string(&print).unwrap(), relative);
    // A bad address is refused as in kumiai.toml, and nothing is written.
    let out = kumiai(dir.path(), &["build", "--base-url", "javascript:alert(1)"]);
    assert!(!out.status.success());
    assert!(text(&out.stderr).contains("base_url"), "{out:?}");
    assert_eq!(fs::read_to_string(&print).unwrap(), relative);
}

#[test]
fn completions_print_a_script_for_each_shell() {
    let dir = temp();
    for (shell, marker) in [
        ("bash", "_kumiai()"),
        ("zsh", "#compdef kumiai"),
        ("fish", "complete -c kumiai"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let script = ok(dir.path(), &["completions", shell]);
        assert!(script.contains(marker), "{shell}: no {marker}");
        assert!(script.contains("init"), "{shell}: the commands are listed");
    }
    assert!(
        !kumiai(dir.path(), &["completions", "tcsh"])
            .status
            .success()
    );
}
