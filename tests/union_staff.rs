//! The guide for union staff (`docs/union-staff.md`) says what kumiai does: every ```toml block
//! holding `[union]` is a whole union file that builds with the real base and theme (and shows
//! what its `<!-- expect PAGE: TEXT -->` lines say), and after every ```toml mistake block the
//! next ```text block is exactly what `kumiai check --lang ja --union mihon` prints for it
//! (```toml mistake shift_jis: the file saved in Shift_JIS).

mod common;

use std::fs;
use std::path::Path;
use std::process::Command;

use common::*;

struct Block {
    /// Line of the opening fence, for messages.
    line: usize,
    info: String,
    body: String,
}

fn blocks(guide: &str) -> Vec<Block> {
    let lines: Vec<&str> = guide.lines().collect();
    let mut found = Vec::new();
    let mut at = 0;
    while at < lines.len() {
        let Some(info) = lines[at].strip_prefix("```") else {
            at += 1;
            continue;
        };
        let body: Vec<&str> = lines[at + 1..]
            .iter()
            .take_while(|l| **l != "```")
            .copied()
            .collect();
        found.push(Block {
            line: at + 1,
            info: info.trim().to_string(),
            body: body.join("\n"),
        });
        at += body.len() + 2;
    }
    found
}

fn guide() -> String {
    fs::read_to_string(repo_root().join("docs/union-staff.md")).expect("docs/union-staff.md")
}

/// A project with the real base and default theme, and `unions/mihon.toml` holding `bytes`.
fn project(bytes: &[u8]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    copy_dir(&repo_root().join("content"), &root.join("content"));
    copy_dir(
        &repo_root().join("themes/default"),
        &root.join("themes/default"),
    );
    write(
        &root.join("kumiai.toml"),
        "title = \"見本\"\nminify = false\n",
    );
    fs::create_dir_all(root.join("unions")).expect("unions/");
    fs::write(root.join("unions/mihon.toml"), bytes).expect("the union");
    dir
}

/// `kumiai check --lang ja --union mihon` run in the project folder, as check.bat runs it.
fn check_in(root: &Path) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_kumiai"))
        .current_dir(root)
        .args(["check", "--lang", "ja", "--union", "mihon"])
        .output()
        .expect("run kumiai");
    stderr(&out)
}

#[test]
fn every_whole_file_of_the_guide_builds_and_shows_what_it_says() {
    let guide = guide();
    let lines: Vec<&str> = guide.lines().collect();
    let files: Vec<Block> = blocks(&guide)
        .into_iter()
        .filter(|b| b.info == "toml" && b.body.lines().any(|l| l.trim() == "[union]"))
        .collect();
    assert!(!files.is_empty(), "the guide lost its example");
    for block in &files {
        let dir = project(block.body.as_bytes());
        let out = run_kumiai(dir.path(), &["build"]);
        assert_eq!(
            exit_code(&out),
            0,
            "docs/union-staff.md:{}: does not build:\n{}",
            block.line,
            stderr(&out)
        );
        let after = block.line + block.body.lines().count() + 1;
        for line in lines[after..]
            .iter()
            .take_while(|l| l.starts_with("<!-- expect "))
        {
            let rest = line
                .trim_start_matches("<!-- expect ")
                .trim_end_matches("-->");
            let (page, text) = rest.split_once(':').expect("expect PAGE: TEXT");
            let html = fs::read_to_string(dir.path().join("public/mihon").join(page.trim()))
                .unwrap_or_else(|e| panic!("{page}: {e}"));
            let text: String = text.chars().filter(|c| !c.is_whitespace()).collect();
            assert!(
                visible(&html).contains(&text),
                "docs/union-staff.md:{}: {page} lacks 「{text}」",
                block.line
            );
        }
    }
}

#[test]
fn every_mistake_of_the_guide_prints_the_message_the_guide_quotes() {
    let all = blocks(&guide());
    let mut mistakes = 0;
    for (i, block) in all.iter().enumerate() {
        let Some(kind) = block.info.strip_prefix("toml mistake") else {
            continue;
        };
        mistakes += 1;
        let text = format!("{}\n", block.body);
        let bytes = if kind.trim() == "shift_jis" {
            encoding_rs::SHIFT_JIS.encode(&text).0.into_owned()
        } else {
            text.into_bytes()
        };
        let dir = project(&bytes);
        let printed = check_in(dir.path());
        let quoted = all
            .get(i + 1)
            .filter(|b| b.info == "text")
            .unwrap_or_else(|| panic!("docs/union-staff.md:{}: no ```text after", block.line));
        assert_eq!(
            printed.trim_end(),
            quoted.body.trim_end(),
            "docs/union-staff.md:{}: the guide quotes another message than kumiai prints",
            quoted.line
        );
        assert!(printed.contains("エラー: "), "{printed}");
        assert!(printed.contains("  = ヒント: "), "{printed}");
    }
    assert!(
        mistakes >= 10,
        "the guide shows {mistakes} mistakes, not ten"
    );
}
