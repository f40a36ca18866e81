//! kumiai in the user's language, through the binary: every command's `--help` and `-h`,
//! clap's errors, the build and check summaries, in Japanese by locale or `--lang ja`, in
//! English otherwise; `--lang` beats the locale both ways.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use common::{Project, union_toml};

const JA: &str = "ja_JP.UTF-8";
const C: &str = "C";

/// Runs kumiai with the locale `locale` (and nothing else that names one).
fn run(locale: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kumiai"))
        .args(args)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANGUAGE")
        .env("LANG", locale)
        .env("NO_COLOR", "1")
        .output()
        .expect("run kumiai")
}

fn all(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// Words that may stay in Latin letters in Japanese text: names of formats and products.
const ALLOWED: &[&str] = &[
    "TOML", "JSON", "CSV", "HTML", "URL", "UTF", "BOM", "CRLF", "EUC", "JIS", "Excel", "Markdown",
    "Zola", "Hugo",
];

/// What is typed as it is: kumiai's name and its commands' (`ids` is to come).
const TYPED: &[&str] = &[
    "kumiai",
    "build",
    "check",
    "serve",
    "contractors",
    "diff",
    "report",
    "schema",
    "import",
    "init",
    "base",
    "completions",
    "new",
    "help",
    "ids",
];

/// The English left in a text meant to be Japanese: every run of three or more ASCII letters
/// that remains once these are dropped: backticked spans (commands, values, file names as
/// typed), URLs, options (`--root`, `-h`), placeholders (`<SLUG>`, `[QUERY]`, `[DIR]...`),
/// the names of kumiai and its commands, and paths and file names (a word holding `/` or a
/// dot between letters).
fn english_in(text: &str) -> Vec<String> {
    let mut plain = String::new();
    let mut in_ticks = false;
    for c in text.chars() {
        if c == '`' {
            in_ticks = !in_ticks;
            plain.push(' ');
        } else if !in_ticks {
            plain.push(c);
        }
    }
    let mut left = Vec::new();
    // ASCII words: maximal runs of printable ASCII other than spaces.
    for word in plain.split(|c: char| !c.is_ascii_graphic()) {
        if word.is_empty()
            || word.starts_with('-')
            || word.starts_with('<')
            || word.contains("://")
            || word.contains('/')
            || TYPED.contains(&word)
            || is_placeholder(word)
            || is_file_name(word)
        {
            continue;
        }
        for run in word.split(|c: char| !c.is_ascii_alphabetic()) {
            if run.len() >= 3 && !ALLOWED.contains(&run) {
                left.push(run.to_string());
            }
        }
    }
    left
}

/// `[QUERY]`, `[DIR]...`, `<FILES>...`: a value's name in capitals.
fn is_placeholder(word: &str) -> bool {
    let inner = word
        .trim_end_matches("...")
        .trim_start_matches(['[', '<'])
        .trim_end_matches([']', '>']);
    !inner.is_empty() && inner.chars().all(|c| c.is_ascii_uppercase() || c == '_')
}

/// `kumiai.toml`, `policy.json`: a name, a dot, an extension.
fn is_file_name(word: &str) -> bool {
    match word.rsplit_once('.') {
        Some((name, ext)) => {
            !name.is_empty() && !ext.is_empty() && ext.chars().all(|c| c.is_ascii_alphanumeric())
        }
        None => false,
    }
}

#[test]
fn the_english_check_finds_english_and_passes_japanese() {
    assert_eq!(english_in("Usage: kumiai build"), vec!["Usage"]);
    assert_eq!(english_in("built 1 union"), vec!["built", "union"]);
    assert_eq!(english_in("Print version"), vec!["Print", "version"]);
    assert!(english_in("使い方: kumiai build [オプション] --union <SLUG> [QUERY]").is_empty());
    assert!(english_in("`public/` に書きます。kumiai.toml を読みます。JSON で").is_empty());
}

/// The commands under `path`, read from its help's コマンド list (so a new command is
/// covered without being named here).
fn subcommands(path: &[&str]) -> Vec<String> {
    let mut args = path.to_vec();
    args.push("--help");
    let help = all(&run(JA, &args));
    let Some((_, list)) = help.split_once("コマンド:\n") else {
        return Vec::new();
    };
    list.lines()
        .take_while(|l| l.starts_with("  "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|name| *name != "help")
        .map(str::to_string)
        .collect()
}

/// Every command's path: the root, each command, each command's commands.
fn every_command() -> Vec<Vec<String>> {
    let mut paths = vec![Vec::new()];
    for name in subcommands(&[]) {
        for sub in subcommands(&[name.as_str()]) {
            paths.push(vec![name.clone(), sub]);
        }
        paths.push(vec![name]);
    }
    paths
}

#[test]
fn every_help_is_wholly_japanese_in_a_japanese_locale() {
    let paths = every_command();
    assert!(
        paths.len() >= 14,
        "the root, 12 commands and `base diff`: {paths:?}"
    );
    let mut checked = 0;
    for path in &paths {
        let path: Vec<&str> = path.iter().map(String::as_str).collect();
        for flag in ["--help", "-h"] {
            let mut args = path.clone();
            args.push(flag);
            let out = run(JA, &args);
            let text = all(&out);
            assert!(out.status.success(), "kumiai {args:?}:\n{text}");
            assert!(text.contains("使い方: kumiai"), "kumiai {args:?}:\n{text}");
            let english = english_in(&text);
            assert!(
                english.is_empty(),
                "English {english:?} in kumiai {args:?}:\n{text}"
            );
            checked += 1;
        }
    }
    // `help` itself: its own help, and another command's through it.
    for args in [
        &["help", "help"][..],
        &["help", "build"],
        &["help", "base", "diff"],
    ] {
        let text = all(&run(JA, args));
        assert!(text.contains("使い方: kumiai"), "kumiai {args:?}:\n{text}");
        assert!(english_in(&text).is_empty(), "kumiai {args:?}:\n{text}");
        checked += 1;
    }
    assert!(checked >= 31);
}

#[test]
fn every_help_is_english_in_the_c_locale() {
    for path in every_command() {
        let mut args: Vec<&str> = path.iter().map(String::as_str).collect();
        args.push("--help");
        let text = all(&run(C, &args));
        assert!(text.contains("Usage: kumiai"), "kumiai {args:?}:\n{text}");
        assert!(!text.contains("使い方"), "kumiai {args:?}:\n{text}");
    }
    let text = all(&run(C, &["build", "--help"]));
    assert!(
        text.contains("Options:") && text.contains("Print help"),
        "{text}"
    );
}

#[test]
fn lang_beats_the_locale_for_help_and_errors() {
    let ja = all(&run(C, &["--lang", "ja", "build", "--help"]));
    assert!(ja.contains("使い方: kumiai build [オプション]"), "{ja}");
    assert!(english_in(&ja).is_empty(), "{ja}");
    let ja = all(&run(C, &["build", "--lang=ja", "-h"]));
    assert!(ja.contains("使い方: kumiai build"), "{ja}");
    let en = all(&run(JA, &["--lang", "en", "build", "--help"]));
    assert!(en.contains("Usage: kumiai build [OPTIONS]"), "{en}");
    assert!(!en.contains("使い方"), "{en}");

    let ja = all(&run(C, &["--lang", "ja", "buidl"]));
    assert!(ja.starts_with("エラー: "), "{ja}");
    let en = all(&run(JA, &["--lang", "en", "buidl"]));
    assert!(
        en.starts_with("error: unrecognized subcommand 'buidl'"),
        "{en}"
    );
    assert!(
        en.contains("tip: a similar subcommand exists: 'build'"),
        "{en}"
    );
}

/// A clap error in Japanese: exit code 2, Japanese from the first line to the last, and what
/// it must say.
fn japanese_error(args: &[&str], says: &[&str]) {
    let out = run(JA, args);
    let text = all(&out);
    assert_eq!(out.status.code(), Some(2), "kumiai {args:?}:\n{text}");
    assert!(text.starts_with("エラー: "), "kumiai {args:?}:\n{text}");
    assert!(
        text.trim_end()
            .ends_with("詳しくは `--help` を付けて実行してください。"),
        "kumiai {args:?}:\n{text}"
    );
    for s in says {
        assert!(
            text.contains(s),
            "kumiai {args:?} should say {s:?}:\n{text}"
        );
    }
    let english = english_in(&text);
    assert!(
        english.is_empty(),
        "English {english:?} in kumiai {args:?}:\n{text}"
    );
}

#[test]
fn clap_errors_are_japanese_in_a_japanese_locale() {
    japanese_error(
        &["buidl"],
        &[
            "`buidl` というコマンドはありません",
            "ヒント: 似たコマンドがあります: `build`",
            "使い方: kumiai [オプション] <コマンド>",
        ],
    );
    japanese_error(
        &["build", "--forse"],
        &["`--forse` という引数やオプションはありません", "`--force`"],
    );
    japanese_error(
        &["check", "--format", "xml"],
        &[
            "`xml` は --format <FORMAT> に指定できる値ではありません",
            "`human`、`json`",
        ],
    );
    japanese_error(
        &["new", "tokyo"],
        &["必須の引数が指定されていません", "`--name <NAME>`"],
    );
    japanese_error(
        &["build", "--quiet", "--verbose"],
        &["一緒には指定できません", "使い方: kumiai build"],
    );
    japanese_error(
        &["serve", "--port", "http"],
        &["`http` は --port <PORT> の値として正しくありません"],
    );
    japanese_error(&["build", "--force", "--force"], &["1 回だけ"]);
    // A command that needs a command: the help, in Japanese, as clap shows it.
    let out = run(JA, &["base"]);
    let text = all(&out);
    assert_eq!(out.status.code(), Some(2), "{text}");
    assert!(
        text.contains("使い方: kumiai base [オプション] <コマンド>"),
        "{text}"
    );
    assert!(english_in(&text).is_empty(), "{text}");
}

fn project() -> Project {
    let p = Project::new();
    // A slug of no English word, so that the check for English sees only kumiai's words.
    p.union("tk-01", &union_toml("アルファ健康保険組合", ""));
    p
}

fn in_project(locale: &str, root: &Path, args: &[&str]) -> Output {
    let mut all_args = vec!["--root", root.to_str().expect("utf-8 temp path")];
    all_args.extend_from_slice(args);
    run(locale, &all_args)
}

#[test]
fn the_build_summary_in_both_languages() {
    let p = project();
    let out_dir = p.out();
    let out = out_dir.to_str().expect("utf-8 temp path");
    let en = in_project(C, p.path(), &["build", "--output", out]);
    let text = String::from_utf8_lossy(&en.stdout).into_owned();
    assert!(en.status.success(), "{}", all(&en));
    assert!(text.starts_with("built 1 union ("), "{text}");
    assert!(text.contains(&format!("into {out}")), "{text}");

    let ja = in_project(JA, p.path(), &["build", "--output", out, "--verbose"]);
    let text = String::from_utf8_lossy(&ja.stdout).into_owned();
    assert!(ja.status.success(), "{}", all(&ja));
    assert!(text.contains("tk-01: 変更なし（"), "{text}");
    assert!(text.contains("1 組合を構築しました（"), "{text}");
    assert!(text.contains("。変更なし 1 組合"), "{text}");
    assert!(english_in(&text).is_empty(), "{text}");

    let en = in_project(JA, p.path(), &["--lang", "en", "build", "--output", out]);
    let text = String::from_utf8_lossy(&en.stdout).into_owned();
    assert!(text.contains("; 1 unchanged"), "{text}");
}

#[test]
fn the_check_summary_in_both_languages() {
    let p = project();
    let en = all(&in_project(C, p.path(), &["check"]));
    assert!(en.contains("checked 1 union: 0 errors,"), "{en}");
    let ja = all(&in_project(JA, p.path(), &["check"]));
    assert!(ja.contains("1 組合を確認しました: エラー 0 件、"), "{ja}");
    let ja = all(&in_project(C, p.path(), &["--lang", "ja", "check"]));
    assert!(ja.contains("1 組合を確認しました"), "{ja}");
}

#[test]
fn a_failure_is_led_in_japanese() {
    // Not a project: the top-level error leads in Japanese, the detail follows.
    let dir = tempfile::tempdir().expect("temp dir");
    let out = in_project(
        JA,
        dir.path(),
        &["report", "--output", "/nonexistent-kumiai-report"],
    );
    let text = all(&out);
    assert!(!out.status.success(), "{text}");
    assert!(text.starts_with("エラー: "), "{text}");
}

#[test]
fn a_broken_project_stops_a_build_with_its_diagnostics_in_the_language() {
    let p = project();
    let settings = p.path().join("kumiai.toml");
    let mut text = std::fs::read_to_string(&settings).expect("kumiai.toml");
    text.push_str("titel = \"x\"\n");
    std::fs::write(&settings, text).expect("write kumiai.toml");
    let ja = all(&in_project(JA, p.path(), &["build"]));
    assert!(ja.starts_with("エラー: "), "{ja}");
    assert!(
        ja.contains("[unknown-key]") && ja.contains("= ヒント: "),
        "{ja}"
    );
    let en = all(&in_project(C, p.path(), &["build"]));
    assert!(en.starts_with("error: ") && en.contains("= help: "), "{en}");
}
