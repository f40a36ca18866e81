//! The README and the guides in `docs/` say what the code does, and a test fails when they stop
//! doing so:
//!
//! - every ```` ```toml ```` block of `docs/federation.md` is built in a project made by
//!   `kumiai init`: a block holding `[union]` is a whole union file; any other block has, on the
//!   line right above its fence, `<!-- test: FILE -->` (the block is the whole of `FILE`) or
//!   `<!-- test: append FILE -->` (the block is added at the end of `FILE`). `build` and `check`
//!   must then pass, and `<!-- expect PATH: TEXT -->` lines under the block (PATH under
//!   `public/`) say what a page's visible text must hold;
//! - every `kumiai …` command (and `cargo run -- …`) in a ```` ```sh ```` block of the README or
//!   of `docs/` is parsed by the real CLI, run with `--help` appended, so a renamed command,
//!   flag or value fails; a script it names (`dist/…`, `qa/…`) must exist;
//! - every relative link between the README and `docs/` leads to a file, and a `#fragment` to a
//!   heading of it (GitHub's anchors);
//! - the README's first commands stay the two a newcomer runs.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::*;

/// The README and every Markdown file of `docs/`, as (path relative to the repository, text).
fn documents() -> Vec<(String, String)> {
    let root = repo_root();
    let mut found = vec![(
        "README.md".to_string(),
        fs::read_to_string(root.join("README.md")).expect("README.md"),
    )];
    let mut docs: Vec<PathBuf> = fs::read_dir(root.join("docs"))
        .expect("docs/")
        .map(|e| e.expect("docs/ entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    docs.sort();
    for path in docs {
        let rel = path.strip_prefix(&root).expect("under the repository");
        let rel = rel.to_string_lossy().replace('\\', "/");
        found.push((rel, fs::read_to_string(&path).expect("a doc")));
    }
    found
}

/// A fenced block: its language, the line of its opening fence (1-based), its lines, and the
/// lines around it.
struct Block {
    lang: String,
    line: usize,
    body: Vec<String>,
    /// The line right above the opening fence.
    above: String,
    /// The lines right after the closing fence.
    after: Vec<String>,
}

fn blocks(text: &str) -> Vec<Block> {
    let lines: Vec<&str> = text.lines().collect();
    let mut found = Vec::new();
    let mut at = 0;
    while at < lines.len() {
        let Some(lang) = lines[at].trim_start().strip_prefix("```") else {
            at += 1;
            continue;
        };
        let start = at;
        let body: Vec<String> = lines[at + 1..]
            .iter()
            .take_while(|l| l.trim() != "```")
            .map(|l| l.to_string())
            .collect();
        at += body.len() + 2;
        found.push(Block {
            lang: lang.trim().to_string(),
            line: start + 1,
            body,
            above: start
                .checked_sub(1)
                .map(|i| lines[i].trim().to_string())
                .unwrap_or_default(),
            after: lines[at.min(lines.len())..]
                .iter()
                .take(12)
                .map(|l| l.trim().to_string())
                .collect(),
        });
    }
    found
}

// ---------------------------------------------------------------- federation.md's TOML examples

/// What a ```` ```toml ```` block of federation.md is, in a project made by `kumiai init`.
#[derive(Debug, PartialEq)]
enum Placement {
    Whole(String),
    Append(String),
}

fn placement(block: &Block) -> Option<Placement> {
    let inner = block
        .above
        .strip_prefix("<!-- test:")
        .and_then(|r| r.strip_suffix("-->"))
        .map(str::trim);
    match inner {
        Some(rest) => Some(match rest.strip_prefix("append ") {
            Some(file) => Placement::Append(file.trim().to_string()),
            None => Placement::Whole(rest.to_string()),
        }),
        None if block.body.iter().any(|l| l.trim() == "[union]") => {
            Some(Placement::Whole("unions/example.toml".to_string()))
        }
        None => None,
    }
}

/// The `<!-- expect PATH: TEXT -->` lines under a block: (wanted, path, text).
fn expectations(block: &Block) -> Vec<(bool, String, String)> {
    let mut found = Vec::new();
    for line in &block.after {
        let (wanted, rest) = if let Some(rest) = line.strip_prefix("<!-- expect-not ") {
            (false, rest)
        } else if let Some(rest) = line.strip_prefix("<!-- expect ") {
            (true, rest)
        } else if line.is_empty() && found.is_empty() {
            continue;
        } else {
            break;
        };
        let rest = rest
            .strip_suffix("-->")
            .expect("an expect line ends with -->");
        let (path, text) = rest.split_once(':').expect("expect PATH: TEXT");
        found.push((wanted, path.trim().to_string(), text.trim().to_string()));
    }
    found
}

#[test]
fn every_toml_example_of_the_federation_guide_builds() {
    let guide = fs::read_to_string(repo_root().join("docs").join("federation.md"))
        .expect("docs/federation.md");
    let examples: Vec<Block> = blocks(&guide)
        .into_iter()
        .filter(|b| b.lang == "toml")
        .collect();
    assert!(
        examples.len() >= 5,
        "the federation guide lost its examples"
    );
    for block in &examples {
        let at = format!("docs/federation.md:{}", block.line);
        let placement = placement(block).unwrap_or_else(|| {
            panic!("{at}: a toml block with no `[union]` needs `<!-- test: FILE -->` above it")
        });
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path();
        let init = run_kumiai(root, &["init"]);
        assert_eq!(exit_code(&init), 0, "{}", stderr(&init));
        let body = block.body.join("\n") + "\n";
        match &placement {
            Placement::Whole(file) => write(&root.join(file), &body),
            Placement::Append(file) => {
                let path = root.join(file);
                let old = fs::read_to_string(&path)
                    .unwrap_or_else(|_| panic!("{at}: `kumiai init` writes no {file}"));
                write(&path, &format!("{old}\n{body}"));
            }
        }
        let build = run_kumiai(root, &["build"]);
        assert_eq!(
            exit_code(&build),
            0,
            "{at}: the example ({placement:?}) does not build:\n{}",
            stderr(&build)
        );
        let check = run_kumiai(root, &["check"]);
        assert_eq!(
            exit_code(&check),
            0,
            "{at}: `kumiai check` fails on the example ({placement:?}):\n{}",
            stderr(&check)
        );
        assert!(
            !stderr(&check).contains("error:"),
            "{at}: {}",
            stderr(&check)
        );
        for (wanted, page, text) in expectations(block) {
            let html = fs::read_to_string(root.join("public").join(&page))
                .unwrap_or_else(|_| panic!("{at}: no page public/{page}"));
            assert_eq!(
                visible(&html).contains(&squeeze(&text)),
                wanted,
                "{at}: public/{page} {} 「{text}」",
                if wanted { "lacks" } else { "shows" }
            );
        }
    }
}

#[test]
fn a_placement_is_read_from_the_line_above_the_fence() {
    let doc = "<!-- test: append content/base.toml -->\n```toml\n[[typo]]\n```\n\n<!-- test: kumiai.toml -->\n```toml\ntitle = \"a\"\n```\n<!-- expect mihon/index.html: 見本 -->\n\n```toml\n[union]\n```\n\n```toml\nx = 1\n```\n";
    let found = blocks(doc);
    let places: Vec<Option<Placement>> = found.iter().map(placement).collect();
    assert_eq!(
        places,
        [
            Some(Placement::Append("content/base.toml".into())),
            Some(Placement::Whole("kumiai.toml".into())),
            Some(Placement::Whole("unions/example.toml".into())),
            None,
        ]
    );
    assert_eq!(
        expectations(&found[1]),
        [(true, "mihon/index.html".into(), "見本".into())]
    );
    assert!(expectations(&found[0]).is_empty());
}

// ---------------------------------------------------------------- shell commands

/// Splits a shell line into words: quotes, an unquoted `#` starting a word ends the line.
fn shell_words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut in_word = false;
    let mut quote: Option<char> = None;
    for c in line.chars() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => word.push(c),
            None => match c {
                '"' | '\'' => {
                    quote = Some(c);
                    in_word = true;
                }
                '#' if !in_word => break,
                c if c.is_whitespace() => {
                    if in_word {
                        words.push(std::mem::take(&mut word));
                        in_word = false;
                    }
                }
                c => {
                    word.push(c);
                    in_word = true;
                }
            },
        }
    }
    if in_word {
        words.push(word);
    }
    words
}

/// What a line of a ```` ```sh ```` block asks of the repository: kumiai's arguments for each
/// kumiai command on it, and the scripts of the repository it runs.
fn commands(line: &str) -> (Vec<Vec<String>>, Vec<String>) {
    let mut kumiai = Vec::new();
    let mut scripts = Vec::new();
    let words = shell_words(line);
    for command in words.split(|w| matches!(w.as_str(), "&&" | "||" | "|" | ";")) {
        // Redirections end the command's arguments.
        let command: Vec<&String> = command
            .iter()
            .take_while(|w| !w.starts_with('>') && !w.starts_with('<') && !w.starts_with("2>"))
            .skip_while(|w| w.contains('=') && !w.starts_with('-'))
            .collect();
        let Some(program) = command.first() else {
            continue;
        };
        let rest: Vec<String> = command[1..].iter().map(|w| w.to_string()).collect();
        if program.as_str() == "kumiai" {
            kumiai.push(rest);
        } else if program.as_str() == "cargo" && rest.first().is_some_and(|w| w == "run") {
            if let Some(at) = rest.iter().position(|w| w == "--") {
                kumiai.push(rest[at + 1..].to_vec());
            }
        } else if program.starts_with("dist/") || program.starts_with("qa/") {
            scripts.push(program.to_string());
        }
    }
    (kumiai, scripts)
}

fn kumiai(args: &[String]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kumiai"))
        .env_remove("LANGUAGE")
        .env_remove("LC_MESSAGES")
        .env("LC_ALL", "C")
        .env("LANG", "C")
        .args(args)
        .output()
        .expect("run the kumiai binary")
}

/// The subcommand of kumiai's arguments: the first word that is not an option (`--root` and
/// `--lang` take a value).
fn subcommand(args: &[String]) -> Option<&str> {
    let mut words = args.iter();
    while let Some(word) = words.next() {
        match word.as_str() {
            "--root" | "--lang" => {
                words.next();
            }
            w if w.starts_with('-') => {}
            w => return Some(w),
        }
    }
    None
}

#[test]
fn every_command_the_docs_show_is_one_kumiai_parses() {
    let mut checked = 0;
    let mut failures = Vec::new();
    for (file, text) in documents() {
        for block in blocks(&text).iter().filter(|b| b.lang == "sh") {
            for (offset, line) in block.body.iter().enumerate() {
                let at = format!("{file}:{}", block.line + 1 + offset);
                let (invocations, scripts) = commands(line);
                for script in scripts {
                    if !repo_root().join(&script).is_file() {
                        failures.push(format!("{at}: no script {script}"));
                    }
                }
                for mut args in invocations {
                    args.push("--help".to_string());
                    let out = kumiai(&args);
                    checked += 1;
                    if !out.status.success() {
                        failures.push(format!(
                            "{at}: `kumiai {}` is refused:\n{}",
                            args.join(" "),
                            stderr(&out)
                        ));
                    }
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(checked >= 40, "only {checked} commands found in the docs");
}

#[test]
fn shell_lines_are_read_as_a_shell_reads_them() {
    let (k, s) =
        commands("cd x && kumiai --root ../p build --base-url \"\" # a comment && kumiai nothing");
    assert_eq!(k, [["--root", "../p", "build", "--base-url", ""]]);
    assert!(s.is_empty());
    let (k, _) = commands("LANG=ja_JP.UTF-8 kumiai contractors --format csv > c.csv");
    assert_eq!(k, [["contractors", "--format", "csv"]]);
    let (k, _) = commands("cargo run --release -- build   # builds");
    assert_eq!(k, [["build"]]);
    let (_, s) = commands("dist/pack-windows ../fed tokyo-kiki");
    assert_eq!(s, ["dist/pack-windows"]);
    assert_eq!(
        subcommand(&["--lang".into(), "ja".into(), "ids".into()]),
        Some("ids")
    );
    // What the test relies on: a flag kumiai does not have is refused even with --help after it.
    let out = kumiai(&["build".into(), "--no-such-flag".into(), "--help".into()]);
    assert!(!out.status.success());
    let out = kumiai(&[
        "check".into(),
        "--format".into(),
        "xml".into(),
        "--help".into(),
    ]);
    assert!(!out.status.success());
}

// ---------------------------------------------------------------- links

/// GitHub's anchor of a heading: lower case, letters, digits, `-` and `_` kept, spaces as `-`.
fn anchor(heading: &str) -> String {
    heading
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}

/// The anchors of a Markdown file's headings (outside code blocks), with GitHub's `-1`, `-2`…
/// for repeats.
fn anchors(text: &str) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    let mut in_code = false;
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            in_code = !in_code;
            continue;
        }
        if in_code || !line.starts_with('#') {
            continue;
        }
        let heading = line.trim_start_matches('#').trim();
        let base = anchor(heading);
        let mut name = base.clone();
        let mut n = 0;
        while found.contains(&name) {
            n += 1;
            name = format!("{base}-{n}");
        }
        found.push(name);
    }
    found
}

/// The targets of the Markdown links of a text, outside code blocks and inline code, with
/// their line numbers.
fn links(text: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    let mut in_code = false;
    for (n, line) in text.lines().enumerate() {
        if line.trim_start().starts_with("```") {
            in_code = !in_code;
            continue;
        }
        if in_code {
            continue;
        }
        // Inline code spans hold no links.
        let outside: String = line
            .split('`')
            .enumerate()
            .map(|(i, part)| if i % 2 == 0 { part } else { "" })
            .collect();
        let mut rest = outside.as_str();
        while let Some(at) = rest.find("](") {
            let after = &rest[at + 2..];
            let Some(end) = after.find(')') else { break };
            found.push((n + 1, after[..end].to_string()));
            rest = &after[end..];
        }
    }
    found
}

fn normalise(path: &Path) -> String {
    let mut parts: Vec<String> = Vec::new();
    for part in path.components() {
        match part {
            std::path::Component::ParentDir => {
                parts.pop();
            }
            std::path::Component::CurDir => {}
            other => parts.push(other.as_os_str().to_string_lossy().into_owned()),
        }
    }
    parts.join("/")
}

#[test]
fn every_relative_link_of_the_readme_and_docs_resolves() {
    let root = repo_root();
    let mut failures = Vec::new();
    let mut checked = 0;
    for (file, text) in documents() {
        let folder = Path::new(&file).parent().unwrap_or(Path::new(""));
        for (line, target) in links(&text) {
            if target.contains("://") || target.starts_with("mailto:") {
                continue;
            }
            checked += 1;
            let (path, fragment) = match target.split_once('#') {
                Some((path, fragment)) => (path, Some(fragment)),
                None => (target.as_str(), None),
            };
            let rel = if path.is_empty() {
                file.clone()
            } else {
                normalise(&folder.join(path))
            };
            let at = format!("{file}:{line}: ({target})");
            let full = root.join(&rel);
            if !full.exists() {
                failures.push(format!("{at}: no {rel}"));
                continue;
            }
            if let Some(fragment) = fragment {
                let target_text = fs::read_to_string(&full).unwrap_or_default();
                if !anchors(&target_text).iter().any(|a| a == fragment) {
                    failures.push(format!("{at}: {rel} has no heading #{fragment}"));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(checked >= 20, "only {checked} links found");
}

#[test]
fn anchors_and_links_are_read_as_github_reads_them() {
    assert_eq!(
        anchor("2. プロジェクトを作る（kumiai init）"),
        "2-プロジェクトを作るkumiai-init"
    );
    assert_eq!(anchor("`[union]` — who you are"), "union--who-you-are");
    assert_eq!(anchors("# A\n```\n# not\n```\n## A\n"), ["a", "a-1"]);
    assert_eq!(
        links("see [x](a.md#b) and `[y](no.md)`\n```\n[z](no.md)\n```\n"),
        [(1, "a.md#b".to_string())]
    );
    assert_eq!(normalise(Path::new("docs/../README.md")), "README.md");
}

// ---------------------------------------------------------------- the README's first commands

#[test]
fn the_readme_starts_with_the_two_commands() {
    let readme = fs::read_to_string(repo_root().join("README.md")).expect("README.md");
    let first = blocks(&readme)
        .into_iter()
        .find(|b| b.lang == "sh")
        .expect("a sh block");
    let commands: Vec<Vec<String>> = first
        .body
        .iter()
        .map(|l| shell_words(l))
        .filter(|w| !w.is_empty())
        .collect();
    assert_eq!(
        commands,
        [
            vec!["cargo", "run", "--release", "--", "build"],
            vec!["cargo", "test"]
        ]
    );
}

#[test]
fn every_lint_rule_is_in_the_federation_guide() {
    let guide = fs::read_to_string(repo_root().join("docs").join("federation.md"))
        .expect("docs/federation.md");
    for rule in kumiai::RULES {
        assert!(
            guide.contains(&format!("| `{}` |", rule.id)),
            "docs/federation.md's rules table lacks `{}`",
            rule.id
        );
    }
}
