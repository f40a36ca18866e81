//! The robustness corpus: one folder per bad input under `tests/corpus/`, each with what kumiai
//! must say about it. Every case runs through the CLI on a copy of the repository's project:
//! `check` must report the expected rule at the expected place (and never crash), and `build`
//! must fail that union only, never publish a file from outside the union's folder, never ship
//! script, and leave the other unions built.
//!
//! A case folder holds the files to lay over the project (`unions/<slug>.toml`,
//! `unions/<slug>/…`, even `kumiai.toml` or `content/…`) and `case.toml`:
//!
//! ```toml
//! why = "what a careless or hostile union folder does here"
//! [[expect]]
//! rule = "page-file"          # the diagnostic's rule id
//! file = "unions/u.toml"      # relative to the project
//! line = 4                    # 0 when the problem has no place inside the file
//! column = 8
//! severity = "error"          # error | warning | note (acknowledged)
//! ```
//!
//! Files named `*.symlink` become symbolic links to the path they contain (git keeps them as
//! plain text, so the corpus checks out the same everywhere). In a name, `%XX` stands for the
//! byte XX (hexadecimal): `a%0Ab.png` is laid over as a file named `a`, newline, `b.png`.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use std::process::{Command, Output};

use common::{copy_dir, repo_root, stderr, stdout};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    why: String,
    #[serde(default)]
    expect: Vec<Expected>,
    /// The build still succeeds (exit 0): the problem is a warning, or is only refused.
    #[serde(default)]
    builds: bool,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct Expected {
    rule: String,
    file: String,
    #[serde(default)]
    line: usize,
    #[serde(default)]
    column: usize,
    #[serde(default = "error")]
    severity: String,
}

fn error() -> String {
    "error".into()
}

/// Text that must never reach a built site: what a case smuggles in.
const NEVER_PUBLISHED: &[&str] = &["root:x:0:0", "<script", "javascript:", "KUMIAI-SECRET"];

fn cases() -> Vec<PathBuf> {
    let dir = repo_root().join("tests/corpus");
    let mut cases: Vec<PathBuf> = fs::read_dir(&dir)
        .expect("tests/corpus/")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("case.toml").is_file())
        .collect();
    cases.sort();
    cases
}

/// A copy of the repository's project (base, theme, settings, example unions) with the case
/// laid over it.
fn project_for(case: &Path) -> tempfile::TempDir {
    let dir = tempfile::Builder::new()
        .prefix("kumiai-corpus-")
        .tempdir()
        .expect("temp dir");
    let root = dir.path();
    for part in ["content", "themes", "unions"] {
        copy_dir(&repo_root().join(part), &root.join(part));
    }
    fs::copy(repo_root().join("kumiai.toml"), root.join("kumiai.toml")).expect("kumiai.toml");
    lay_over(case, root);
    dir
}

fn lay_over(from: &Path, to: &Path) {
    for entry in fs::read_dir(from).expect("case folder").flatten() {
        let path = entry.path();
        let name = unescape(&entry.file_name().to_string_lossy());
        if name == "case.toml" {
            continue;
        }
        if path.is_dir() {
            fs::create_dir_all(to.join(&name)).expect("folder");
            lay_over(&path, &to.join(&name));
        } else if let Some(link) = name.strip_suffix(".symlink") {
            let target = fs::read_to_string(&path).expect("link target");
            symlink(Path::new(target.trim()), &to.join(link));
        } else {
            fs::copy(&path, to.join(&name)).expect("copy a case file");
        }
    }
}

/// A case file's name with its `%XX` escapes decoded.
fn unescape(name: &str) -> String {
    let mut bytes = Vec::new();
    let mut rest = name.as_bytes();
    while let Some((&b, tail)) = rest.split_first() {
        let hex = tail.get(..2).and_then(|h| std::str::from_utf8(h).ok());
        match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
            Some(byte) if b == b'%' => {
                bytes.push(byte);
                rest = &tail[2..];
            }
            _ => {
                bytes.push(b);
                rest = tail;
            }
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

#[cfg(unix)]
fn symlink(target: &Path, link: &Path) {
    std::os::unix::fs::symlink(target, link).expect("symlink");
}

#[cfg(not(unix))]
fn symlink(_: &Path, _: &Path) {}

/// Runs the kumiai binary on the project at `root`.
fn kumiai(root: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kumiai"))
        .arg("--root")
        .arg(root)
        .args(args)
        .output()
        .expect("run the kumiai binary")
}

#[derive(Deserialize)]
struct Found {
    rule: String,
    severity: String,
    file: String,
    line: usize,
    column: usize,
    message: String,
    #[serde(default)]
    suggestion: Option<String>,
}

#[test]
fn every_corpus_case_is_reported_where_it_is_and_never_published() {
    let cases = cases();
    assert!(!cases.is_empty(), "no case in tests/corpus/");
    let mut failures = Vec::new();
    for case in &cases {
        let name = case
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let spec: Case = toml::from_str(&fs::read_to_string(case.join("case.toml")).expect("case"))
            .unwrap_or_else(|e| panic!("{name}/case.toml: {e}"));
        assert!(!spec.why.is_empty(), "{name}: say why");
        let project = project_for(case);
        let root = project.path();

        let check = kumiai(root, &["check", "--format", "json", "--lang", "en"]);
        let code = check.status.code();
        if !matches!(code, Some(0) | Some(1)) {
            failures.push(format!(
                "{name}: check crashed ({code:?}): {}",
                stderr(&check)
            ));
            continue;
        }
        let found: Vec<Found> = stdout(&check)
            .lines()
            .map(|line| {
                serde_json::from_str(line)
                    .unwrap_or_else(|e| panic!("{name}: check's JSON: {e}\n{line}"))
            })
            .collect();
        for want in &spec.expect {
            let hit = found.iter().any(|f| {
                let file = f.file.replace('\\', "/");
                f.rule == want.rule
                    && f.severity == want.severity
                    && (file == want.file || file.ends_with(&format!("/{}", want.file)))
                    && f.line == want.line
                    && f.column == want.column
            });
            if !hit {
                let seen: Vec<String> = found
                    .iter()
                    .map(|f| {
                        format!(
                            "  {} {} {}:{}:{} {}",
                            f.severity, f.rule, f.file, f.line, f.column, f.message
                        )
                    })
                    .collect();
                failures.push(format!(
                    "{name}: expected {want:?}; check said:\n{}",
                    seen.join("\n")
                ));
            }
        }

        failures.extend(untranslated(&name, root));

        let out = root.join("public");
        let build = kumiai(root, &["build", "--lang", "en"]);
        let code = build.status.code();
        let expected_code = if spec.builds { Some(0) } else { Some(1) };
        if code != expected_code {
            failures.push(format!(
                "{name}: build exited {code:?}, expected {expected_code:?}: {}",
                stderr(&build)
            ));
        }
        for slug in ["acom", "example-osaka", "tokyo-kiki"] {
            if !out.join(slug).join("index.html").is_file() {
                failures.push(format!(
                    "{name}: the other unions must still build ({slug})"
                ));
            }
        }
        for file in common::files_under(&out) {
            let Ok(bytes) = fs::read(&file) else { continue };
            let Some(text) = common::published_text(&out, &file, &bytes) else {
                continue;
            };
            for bad in NEVER_PUBLISHED {
                if text.contains(bad) {
                    failures.push(format!("{name}: {} contains {bad:?}", file.display()));
                }
            }
            let ext = file.extension().and_then(|e| e.to_str()).unwrap_or("");
            if ["js", "mjs", "svg", "htm", "xhtml"].contains(&ext) {
                failures.push(format!("{name}: {} can run script", file.display()));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// Every finding of `check --lang ja` on the case's project whose message or suggestion is not
/// Japanese.
fn untranslated(name: &str, root: &Path) -> Vec<String> {
    let check = kumiai(root, &["check", "--format", "json", "--lang", "ja"]);
    stdout(&check)
        .lines()
        .filter_map(|line| {
            let f: Found = serde_json::from_str(line).ok()?;
            let why = common::japanese_problem(&f.message, f.suggestion.as_deref())?;
            Some(format!(
                "{name}: {} {}:{}:{} not in Japanese ({why}): {} / {:?}",
                f.rule, f.file, f.line, f.column, f.message, f.suggestion
            ))
        })
        .collect()
}
