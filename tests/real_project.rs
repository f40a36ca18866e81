//! The repository's own project (real base, real theme, real unions) builds into complete,
//! correctly linked, reproducible sites.
//!
//! This exercises the real theme, so it fails while the theme is incomplete.

mod common;

use std::fs;
use std::path::Path;

use common::*;

fn union_slugs(root: &Path) -> Vec<String> {
    let mut slugs: Vec<String> = fs::read_dir(root.join("unions"))
        .expect("read unions/")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "toml"))
        .filter_map(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
        .collect();
    slugs.sort();
    slugs
}

fn build_into(root: &Path, out: &Path) {
    let output = run_cli(root, &["--output", out.to_str().expect("utf-8 temp path")]);
    assert!(
        output.status.success(),
        "building the repository project failed ({}):\nstderr:\n{}\nstdout:\n{}",
        output.status,
        stderr(&output),
        stdout(&output)
    );
}

#[test]
fn the_repository_project_builds_complete_linked_reproducible_sites() {
    let root = repo_root();
    let tmp = tempfile::tempdir().expect("temp dir");
    let first = tmp.path().join("first");
    let second = tmp.path().join("second");

    build_into(&root, &first);

    // Every union has a site.
    let slugs = union_slugs(&root);
    assert!(!slugs.is_empty(), "the repository has no unions");
    for slug in &slugs {
        let index = first.join(slug).join("index.html");
        assert!(
            index.is_file(),
            "unions/{slug}.toml produced no {}",
            index.display()
        );
    }
    assert!(first.join("index.html").is_file(), "no portal");

    // Every page is Japanese.
    let pages: Vec<_> = files_under(&first)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|x| x == "html"))
        .collect();
    assert!(pages.len() > slugs.len());
    for page in &pages {
        let html = fs::read_to_string(page).expect("read page");
        assert_eq!(
            html_lang(&html).as_deref(),
            Some("ja"),
            "{} has no lang=\"ja\" on <html>",
            page.display()
        );
    }

    // No inline script or style anywhere: `Content-Security-Policy: default-src 'self'` holds
    // (see deploy/).
    for page in &pages {
        let html = fs::read_to_string(page).expect("read page");
        let inline = inline_code(&html);
        assert!(
            inline.is_empty(),
            "{} has inline code a strict CSP blocks: {inline:?}",
            page.display()
        );
    }

    // Every relative link and source resolves.
    let broken = broken_links(&first);
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));

    // Building again changes nothing, and a fresh build gives the same bytes.
    let once = snapshot(&first);
    build_into(&root, &first);
    assert!(
        snapshot(&first) == once,
        "a second build into the same folder changed it"
    );
    build_into(&root, &second);
    let again = snapshot(&second);
    let differ: Vec<&String> = once
        .keys()
        .chain(again.keys())
        .filter(|k| once.get(*k) != again.get(*k))
        .collect();
    assert!(differ.is_empty(), "two builds differ in: {differ:?}");
}

/// The link checker itself: it must find what it is meant to find.
#[test]
fn link_checker_finds_broken_links_and_skips_external_ones() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let out = tmp.path();
    write(&out.join("a/ok.html"), "");
    write(&out.join("a/assets/style.css"), "");
    write(&out.join("b/index.html"), "");
    write(
        &out.join("a/index.html"),
        concat!(
            "<!DOCTYPE html><html lang=ja><head>",
            "<link rel=stylesheet href=assets/style.css>",
            "</head><body>",
            "<a href=\"ok.html#top\">ok</a> <a href='ok.html?x=1'>ok</a> <a href=../b/>dir</a>",
            "<a href=\"https://example.com/x.html\">ext</a> <a href=\"mailto:a@example.com\">m</a>",
            "<a href=\"tel:0312345678\">t</a> <a href=\"#main\">frag</a> <a href=http://x>h</a>",
            "<a data-href=\"nothing.html\">not a link</a>",
            "<p>text with href=\"nothing.html\" outside a tag</p>",
            "<a href=\"missing.html\">bad</a>",
            "<img src=missing.png alt=x>",
            "<a class=x href = \"../../outside.html\">escape</a>",
            "<a href=\"/abs.html\">root</a>",
            "<img alt=\"a > b\" src=\"quoted-gt.png\">",
            "</body></html>"
        ),
    );
    write(&out.join("outside.html"), "");
    let broken = broken_links(out);
    assert_eq!(broken.len(), 5, "{broken:#?}");
    assert!(broken.iter().any(|b| b.contains("quoted-gt.png")));
    assert!(broken.iter().any(|b| b.contains("missing.html")));
    assert!(broken.iter().any(|b| b.contains("missing.png")));
    assert!(broken.iter().any(|b| b.contains("../../outside.html")));
    assert!(
        broken
            .iter()
            .any(|b| b.contains("/abs.html") && b.contains("root-relative"))
    );

    assert_eq!(
        html_lang("<!DOCTYPE html><html lang=ja>").as_deref(),
        Some("ja")
    );
    assert_eq!(
        html_lang("<html class=\"x\" lang=\"ja\">").as_deref(),
        Some("ja")
    );
    assert_eq!(html_lang("<html lang=\"en\">").as_deref(), Some("en"));
    assert_eq!(html_lang("<html>"), None);
}

/// The inline-code detector finds what a strict CSP would block, and nothing else.
#[test]
fn inline_code_detector_finds_script_style_and_handlers() {
    assert!(inline_code("<p class=x title='style=1'>style= <a href=x>ok</a></p>").is_empty());
    assert_eq!(inline_code("<p style=\"color:red\">x</p>").len(), 1);
    assert_eq!(inline_code("<P STYLE=color:red>x</P>").len(), 1);
    assert_eq!(inline_code("<body onload=\"x()\">").len(), 1);
    assert_eq!(inline_code("<script>x()</script>").len(), 1);
    assert_eq!(inline_code("<style>p{}</style>").len(), 1);
}
