//! Every whole example of the override reference (`docs/override.md`) builds, with the real base
//! and the default theme, and shows what the reference says it shows.
//!
//! A ```toml block holding `[union]` is a whole override file. The comments right under it say
//! what its site shows: `<!-- expect PAGE: TEXT -->` (the visible text of `PAGE` holds `TEXT`)
//! and `<!-- expect-not PAGE: TEXT -->`; whitespace is ignored on both sides.

mod common;

use std::fs;
use std::path::Path;

use common::*;

/// One whole example and what it must show.
struct Example {
    /// Line of the opening fence in docs/override.md, for messages.
    line: usize,
    toml: String,
    expect: Vec<(bool, String, String)>,
}

fn examples(reference: &str) -> Vec<Example> {
    let lines: Vec<&str> = reference.lines().collect();
    let mut found = Vec::new();
    let mut at = 0;
    while at < lines.len() {
        if lines[at].trim() != "```toml" {
            at += 1;
            continue;
        }
        let start = at;
        let body: Vec<&str> = lines[at + 1..]
            .iter()
            .take_while(|l| l.trim() != "```")
            .copied()
            .collect();
        at += body.len() + 2;
        let mut expect = Vec::new();
        while let Some(line) = lines.get(at).map(|l| l.trim()) {
            let (wanted, rest) = if let Some(rest) = line.strip_prefix("<!-- expect-not ") {
                (false, rest)
            } else if let Some(rest) = line.strip_prefix("<!-- expect ") {
                (true, rest)
            } else if line.is_empty() && expect.is_empty() {
                at += 1;
                continue;
            } else {
                break;
            };
            let rest = rest
                .strip_suffix("-->")
                .expect("an expect comment ends with -->");
            let (page, text) = rest.split_once(':').expect("expect PAGE: TEXT");
            expect.push((wanted, page.trim().to_string(), text.trim().to_string()));
            at += 1;
        }
        if body.iter().any(|l| l.trim() == "[union]") {
            found.push(Example {
                line: start + 1,
                toml: body.join("\n"),
                expect,
            });
        } else {
            assert!(
                expect.is_empty(),
                "docs/override.md:{}: an expect comment under a block that is not a whole file",
                start + 1
            );
        }
    }
    found
}

/// A project with the real base and the real default theme.
fn real_project(dir: &Path) {
    copy_dir(&repo_root().join("content"), &dir.join("content"));
    copy_dir(
        &repo_root().join("themes").join("default"),
        &dir.join("themes").join("default"),
    );
    write(
        &dir.join("kumiai.toml"),
        "title = \"見本\"\nminify = false\n",
    );
    fs::create_dir_all(dir.join("unions")).expect("create unions/");
}

#[test]
fn every_whole_example_of_the_reference_builds_and_shows_what_it_says() {
    let reference =
        fs::read_to_string(repo_root().join("docs").join("override.md")).expect("docs/override.md");
    let examples = examples(&reference);
    assert!(!examples.is_empty(), "the reference lost its examples");
    for example in &examples {
        let dir = tempfile::tempdir().expect("temp dir");
        real_project(dir.path());
        write(
            &dir.path().join("unions").join("example.toml"),
            &example.toml,
        );
        // An example's `logo = "NAME"` names a picture of the union's folder: put one there.
        for line in example.toml.lines() {
            if let Some(name) = line
                .strip_prefix("logo = \"")
                .and_then(|rest| rest.strip_suffix('"'))
            {
                let folder = dir.path().join("unions").join("example");
                fs::create_dir_all(&folder).expect("create the union's folder");
                fs::write(
                    folder.join(name),
                    b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0",
                )
                .expect("write the logo");
            }
        }
        let out = run_cli(dir.path(), &[]);
        let site = dir.path().join("public").join("example");
        assert!(
            site.join("index.html").is_file(),
            "docs/override.md:{}: the example does not build:\n{}",
            example.line,
            stderr(&out)
        );
        assert!(
            !stderr(&out).contains("error"),
            "docs/override.md:{}: the example has errors:\n{}",
            example.line,
            stderr(&out)
        );
        for (wanted, page, text) in &example.expect {
            let html = fs::read_to_string(site.join(page))
                .unwrap_or_else(|_| panic!("docs/override.md:{}: no page {page}", example.line));
            assert_eq!(
                visible(&html).contains(&squeeze(text)),
                *wanted,
                "docs/override.md:{}: {page} {} 「{text}」",
                example.line,
                if *wanted { "lacks" } else { "shows" }
            );
        }
    }
}

#[test]
fn expect_comments_are_read_and_can_fail() {
    let doc = "```toml\n[union]\nname = \"A\"\n```\n<!-- expect index.html: A -->\n<!-- expect-not index.html: B -->\n\n```toml\n[wording]\n```\n";
    let found = examples(doc);
    assert_eq!(found.len(), 1);
    assert_eq!(
        found[0].expect,
        [
            (true, "index.html".into(), "A".into()),
            (false, "index.html".into(), "B".into())
        ]
    );
    assert_eq!(visible("<p>a &amp; <b>b</b>\n c</p>"), "a&bc");
}
