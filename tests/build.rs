//! The build as a whole: isolation of broken unions, `--union`, incremental writes, the portal,
//! and library/CLI agreement.

mod common;

use std::fs;
use std::time::Duration;

use common::*;

const GOOD: &str = r#"
[wording]
fee = "開示の請求の手数料は無料です。"
"#;

const BROKEN: &str = r#"
[[item]]
id = "benefits.internal.eligibilty"
text = "壊れた参照"
"#;

/// Long enough for any file system's mtime granularity.
fn tick() {
    std::thread::sleep(Duration::from_millis(1100));
}

#[test]
fn library_and_cli_build_the_same_sites() {
    let p = Project::new();
    p.union("alpha", &union_toml("アルファ健康保険組合", GOOD));
    p.union("beta", &union_toml("ベータ健康保険組合", ""));

    let report = p.build();
    assert_built(&report, "alpha");
    assert_built(&report, "beta");
    assert!(report.failed().is_empty());
    assert_eq!(report.pages(), 12);
    assert_eq!(report.output, p.out());

    let other = p.path().join("cli-out");
    let out = p.cli(&["--output", other.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("built 2 unions (12 pages)"),
        "{}",
        stdout(&out)
    );
    assert!(stderr(&out).is_empty(), "{}", stderr(&out));
    assert_eq!(snapshot(&p.out()), snapshot(&other));

    // The sites and the portal.
    for slug in ["alpha", "beta"] {
        for page in [
            "index", "purposes", "safety", "requests", "contact", "history",
        ] {
            assert!(p.out().join(format!("{slug}/{page}.html")).is_file());
        }
        let css = stylesheet_of(&p.out().join(slug));
        assert!(p.read(&format!("{slug}/index.html")).contains(&css));
    }
    let portal = p.read("index.html");
    assert!(portal.contains("PORTAL テスト用ポータル"));
    assert_order(
        &portal,
        &[
            "<a href=\"alpha/index.html\" data-slug=\"alpha\">アルファ健康保険組合</a>",
            "<a href=\"beta/index.html\" data-slug=\"beta\">ベータ健康保険組合</a>",
        ],
    );
    assert_eq!(
        stylesheet_of(&p.out()),
        stylesheet_of(&p.out().join("alpha"))
    );
    assert!(portal.contains(&format!("href=\"{}\"", stylesheet_of(&p.out()))));
    assert!(
        broken_links(&p.out()).is_empty(),
        "{:?}",
        broken_links(&p.out())
    );
}

#[test]
fn one_broken_union_does_not_stop_the_others() {
    let p = Project::new();
    p.union("alpha", &union_toml("アルファ健康保険組合", ""));
    p.union("beta", &union_toml("ベータ健康保険組合", ""));
    let first = p.cli(&[]);
    assert!(first.status.success(), "{}", stderr(&first));
    let beta_before = snapshot(&p.out().join("beta"));
    let beta_mtimes = mtimes(&p.out().join("beta"));
    assert!(beta_before.contains_key("index.html"));

    // Break beta; change alpha so its rebuild is visible.
    let beta = p.union("beta", &union_toml("ベータ健康保険組合", BROKEN));
    p.union("alpha", &union_toml("アルファ健康保険組合", GOOD));
    tick();
    let second = p.cli(&[]);
    let err = stderr(&second);
    assert_eq!(second.status.code(), Some(1), "{err}");
    assert!(err.contains(&format!("{}:", beta.display())), "{err}");
    assert!(
        err.contains("did you mean `benefits.internal.eligibility`"),
        "{err}"
    );
    assert!(
        stdout(&second).contains("1 failed (beta), their previous output left untouched"),
        "{}",
        stdout(&second)
    );

    // alpha was rebuilt.
    assert!(
        p.read("alpha/requests.html")
            .contains("<p>開示の請求の手数料は無料です。</p>")
    );
    // beta's previous site is untouched, byte for byte and time for time.
    assert_eq!(snapshot(&p.out().join("beta")), beta_before);
    assert_eq!(mtimes(&p.out().join("beta")), beta_mtimes);
    // The portal still lists beta's last good site.
    let portal = p.read("index.html");
    assert!(portal.contains("href=\"alpha/index.html\""));
    assert!(portal.contains("href=\"beta/index.html\""));

    // Through the library: the same outcome.
    let report = p.build();
    assert_built(&report, "alpha");
    assert_eq!(report.failed(), ["beta"]);
    assert_eq!(snapshot(&p.out().join("beta")), beta_before);
}

#[test]
fn a_union_that_never_built_leaves_no_folder() {
    let p = Project::new();
    p.union("alpha", &union_toml("アルファ健康保険組合", ""));
    p.union("beta", &union_toml("ベータ健康保険組合", BROKEN));
    let out = p.cli(&[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(p.out().join("alpha/index.html").is_file());
    assert!(!p.out().join("beta").exists());
    let portal = p.read("index.html");
    assert!(portal.contains("href=\"alpha/index.html\""));
    assert!(
        !portal.contains("beta"),
        "a union without a site is not listed:\n{portal}"
    );
}

#[test]
fn union_option_builds_only_that_union() {
    let p = Project::new();
    p.union("alpha", &union_toml("アルファ健康保険組合", ""));
    p.union("beta", &union_toml("ベータ健康保険組合", ""));
    p.union("gamma", &union_toml("ガンマ健康保険組合", BROKEN));

    let out = p.cli(&["--union", "alpha"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("built 1 union (6 pages)"),
        "{}",
        stdout(&out)
    );
    assert!(p.out().join("alpha/index.html").is_file());
    assert!(!p.out().join("beta").exists());
    // The broken union is not even looked at.
    assert!(stderr(&out).is_empty(), "{}", stderr(&out));
    // The portal is left as it is (here: not written).
    assert!(!p.out().join("index.html").exists());

    // Repeatable.
    let out = p.cli(&["--union", "alpha", "--union", "beta"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(p.out().join("beta/index.html").is_file());
    assert!(!p.out().join("index.html").exists());

    // Through the library.
    let report = p.build_only(&["beta"]);
    assert_eq!(report.outcomes.len(), 1);
    assert_built(&report, "beta");
}

#[test]
fn union_option_leaves_the_portal_and_other_sites_alone() {
    let p = Project::new();
    p.union("alpha", &union_toml("アルファ健康保険組合", ""));
    p.union("beta", &union_toml("ベータ健康保険組合", ""));
    assert!(p.cli(&[]).status.success());
    let portal = fs::read(p.out().join("index.html")).unwrap();
    let beta = snapshot(&p.out().join("beta"));

    p.union("alpha", &union_toml("アルファ健康保険組合（改称）", GOOD));
    p.union("beta", &union_toml("ベータ健康保険組合（改称）", GOOD));
    let out = p.cli(&["--union", "alpha"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        p.read("alpha/index.html")
            .contains("UNION アルファ健康保険組合（改称）")
    );
    assert_eq!(snapshot(&p.out().join("beta")), beta);
    assert_eq!(fs::read(p.out().join("index.html")).unwrap(), portal);
}

#[test]
fn unknown_union_slug_is_an_error_suggesting_the_nearest() {
    let p = Project::new();
    p.union("alpha", &union_toml("アルファ健康保険組合", ""));
    p.union("tokyo-kiki", &union_toml("東京機器健康保険組合", ""));

    let out = p.cli(&["--union", "tokyo-kikki"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("there is no union `tokyo-kikki`"), "{err}");
    assert!(err.contains("did you mean `tokyo-kiki`"), "{err}");
    assert!(!p.out().exists(), "nothing is built");

    let Err(e) = p.try_build(&["alpah"]) else {
        panic!("an unknown slug must be an error");
    };
    let message = format!("{e:#}");
    assert!(message.contains("there is no union `alpah`"), "{message}");
    assert!(message.contains("did you mean `alpha`"), "{message}");
}

#[test]
fn unchanged_files_are_not_rewritten() {
    let p = Project::new();
    p.union("alpha", &union_toml("アルファ健康保険組合", ""));
    p.union("beta", &union_toml("ベータ健康保険組合", ""));
    p.build();
    let before = mtimes(&p.out());
    let bytes = snapshot(&p.out());
    assert!(before.contains_key("index.html"));
    assert!(before.contains_key("alpha/.kumiai-files"));

    tick();
    p.build();
    assert_eq!(
        mtimes(&p.out()),
        before,
        "a build without changes rewrote files"
    );
    assert_eq!(snapshot(&p.out()), bytes);

    // A change touches only the page it shows on.
    p.union("alpha", &union_toml("アルファ健康保険組合", GOOD));
    tick();
    p.build();
    let after = mtimes(&p.out());
    let changed: Vec<&String> = after
        .iter()
        .filter(|(path, time)| before.get(*path) != Some(*time))
        .map(|(path, _)| path)
        .collect();
    // …and the print page, which shows every page; the manifests and the unions' records,
    // which say what the site and the federation's files were built from. The federation's
    // files themselves (fee is not in the open data) are not rewritten.
    assert_eq!(
        changed,
        [
            ".kumiai-files",
            ".kumiai-unions",
            "alpha/.kumiai-files",
            "alpha/print.html",
            "alpha/requests.html"
        ]
    );
}

#[test]
fn pages_removed_from_the_override_disappear_and_other_files_stay() {
    let p = Project::new();
    let with_pages = r#"
[[new_page]]
id = "storage"
title = "保存期間"
body = "5年"
"#;
    p.union("alpha", &union_toml("アルファ健康保険組合", with_pages));
    fs::create_dir_all(p.path().join("unions/alpha")).unwrap();
    fs::write(p.path().join("unions/alpha/map.png"), b"\x89PNG\r\n\x1a\n").unwrap();
    p.build();
    let site = p.out().join("alpha");
    assert!(site.join("storage.html").is_file());
    assert!(site.join("history.html").is_file());
    assert!(site.join("files/map.png").is_file());
    fs::write(site.join("mine.txt"), "placed by hand").unwrap();
    fs::create_dir_all(site.join("extra")).unwrap();
    fs::write(site.join("extra/notes.html"), "<p>mine</p>").unwrap();

    // Drop the new page, remove a base page the law does not require (removing `safety` would
    // be refused by the publish gate), drop the asset.
    p.union(
        "alpha",
        &union_toml(
            "アルファ健康保険組合",
            "[[page]]\nid = \"history\"\nremove = true\n",
        ),
    );
    fs::remove_file(p.path().join("unions/alpha/map.png")).unwrap();
    let report = p.build();
    assert_built(&report, "alpha");

    assert!(!site.join("storage.html").exists());
    assert!(!site.join("history.html").exists());
    assert!(!site.join("files/map.png").exists());
    assert!(site.join("index.html").is_file());
    let index = p.read("alpha/index.html");
    assert!(!index.contains("storage.html"));
    assert!(!index.contains("history.html"));
    // Files kumiai did not write stay.
    assert_eq!(
        fs::read_to_string(site.join("mine.txt")).unwrap(),
        "placed by hand"
    );
    assert_eq!(
        fs::read_to_string(site.join("extra/notes.html")).unwrap(),
        "<p>mine</p>"
    );
    let manifest = fs::read_to_string(site.join(".kumiai-files")).unwrap();
    assert!(!manifest.contains("mine.txt"));
    assert!(!manifest.contains("storage.html"));
}

#[test]
fn project_wide_problems_stop_the_build() {
    let p = Project::new();
    p.union("alpha", &union_toml("アルファ健康保険組合", ""));
    fs::remove_file(p.path().join("kumiai.toml")).unwrap();
    let out = p.cli(&[]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("kumiai.toml not found"), "{err}");
    assert!(!p.out().exists());
}

#[test]
fn minified_output_keeps_lang_and_working_links() {
    let p = Project::with_minify(true);
    p.union("alpha", &union_toml("アルファ健康保険組合", ""));
    let report = p.build();
    assert_built(&report, "alpha");
    let html = p.read("alpha/index.html");
    assert!(
        html.contains("lang=ja") || html.contains("lang=\"ja\""),
        "{html}"
    );
    assert!(!html.contains("\n<nav>"), "minified");
    let links = link_attributes(&html);
    assert!(links.iter().any(|(_, v)| v == "purposes.html"), "{links:?}");
    assert!(
        broken_links(&p.out()).is_empty(),
        "{:?}",
        broken_links(&p.out())
    );
}

#[test]
fn portal_keeps_the_name_of_a_union_that_failed() {
    let p = Project::new();
    p.union("alpha", &union_toml("アルファ健康保険組合", ""));
    p.union("beta", &union_toml("ベータ健康保険組合", ""));
    p.build();
    assert!(p.read("index.html").contains(">ベータ健康保険組合</a>"));

    p.union("beta", &union_toml("ベータ健康保険組合", BROKEN));
    let report = p.build();
    assert_eq!(report.failed(), ["beta"]);
    let portal = p.read("index.html");
    assert!(portal.contains("href=\"beta/index.html\""), "{portal}");
    assert!(
        portal.contains(">ベータ健康保険組合</a>"),
        "the portal lost beta's name:\n{portal}"
    );
}

#[test]
fn unknown_union_slug_with_nothing_near_names_the_unions() {
    let p = Project::new();
    p.union("alpha", &union_toml("アルファ健康保険組合", ""));
    p.union("beta", &union_toml("ベータ健康保険組合", ""));
    let out = p.cli(&["--union", "zzz"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("there is no union `zzz`"), "{err}");
    assert!(!err.contains("ids in the base"), "{err}");
    assert!(err.contains("alpha") && err.contains("beta"), "{err}");
}

#[test]
fn unchanged_unions_are_skipped_but_missing_files_and_changed_pages_are_rebuilt() {
    let p = Project::new();
    p.union(
        "alpha",
        &union_toml(
            "アルファ健康保険組合",
            "[[new_page]]\nid = \"extra\"\ntitle = \"追加\"\nfile = \"extra.md\"\n",
        ),
    );
    p.union_file("alpha", "extra.md", "最初の本文\n");
    p.build();
    let site = p.out().join("alpha");

    // A file deleted by hand makes the union out of date: it is rebuilt and the file is back.
    fs::remove_file(site.join("index.html")).unwrap();
    let report = p.build();
    assert!(report.failed().is_empty());
    assert!(site.join("index.html").is_file());

    // A change to the union's own Markdown page counts as a change of the union.
    tick();
    p.union_file("alpha", "extra.md", "新しい本文\n");
    p.build();
    let extra = fs::read_to_string(site.join("extra.html")).unwrap();
    assert!(extra.contains("新しい本文"), "{extra}");

    // Nothing changed: nothing is written, not even the manifest.
    let before = mtimes(&p.out());
    tick();
    let report = p.build();
    assert_eq!(report.pages(), 7);
    assert_eq!(mtimes(&p.out()), before);
}

#[test]
fn quiet_and_verbose_say_as_much_as_asked() {
    let p = Project::new();
    p.union("alpha", &union_toml("アルファ健康保険組合", ""));
    p.union("beta", &union_toml("ベータ健康保険組合", ""));

    let out = p.cli(&["--verbose"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("alpha: rendered (6 pages)"), "{text}");
    assert!(text.contains("beta: rendered (6 pages)"), "{text}");
    assert!(text.contains("built 2 unions (12 pages)"), "{text}");

    // Nothing changed: the unions are skipped, and the summary says so.
    let out = p.cli(&["-v"]);
    let text = stdout(&out);
    assert!(text.contains("alpha: unchanged (6 pages)"), "{text}");
    assert!(text.contains("; 2 unchanged"), "{text}");

    let out = p.cli(&["--quiet"]);
    assert!(out.status.success());
    assert!(stdout(&out).is_empty(), "{}", stdout(&out));
    // Not a terminal: no progress bar either.
    assert!(stderr(&out).is_empty(), "{}", stderr(&out));

    // Errors still show when quiet.
    p.union(
        "beta",
        &union_toml("ベータ健康保険組合", "[[item]]\nid = \"nope\"\n"),
    );
    let out = p.cli(&["-q"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("nope"), "{}", stderr(&out));
}

#[test]
fn a_changed_stylesheet_gets_a_new_name_and_the_old_file_goes() {
    let p = Project::new();
    p.union("alpha", &union_toml("アルファ健康保険組合", ""));
    p.build();
    let site = p.out().join("alpha");
    let old = stylesheet_of(&site);
    assert!(p.read("alpha/purposes.html").contains(&old));

    write(
        &p.path().join("themes/fixture/static/style.css"),
        &format!("{FIXTURE_CSS}h1 {{ color: #0b57a4; }}\n"),
    );
    let report = p.build();
    assert_built(&report, "alpha");
    let new = stylesheet_of(&site);
    assert_ne!(old, new, "the name follows the content");
    assert!(!site.join(&old).exists(), "the old stylesheet is removed");
    assert!(
        !p.out().join(&old).exists(),
        "the portal's old stylesheet too"
    );
    assert!(
        fs::read_to_string(site.join(&new))
            .unwrap()
            .contains("#0b57a4")
    );
    for page in ["index", "purposes", "history"] {
        let html = p.read(&format!("alpha/{page}.html"));
        assert!(html.contains(&new) && !html.contains(&old), "{page}.html");
    }
    assert!(p.read("index.html").contains(&new));
    assert!(broken_links(&p.out()).is_empty());
}

/// Unions found unchanged are stamped (outside the output), and the next build trusts the
/// stamps; any change to a union's file, its folder or its site still rebuilds it.
#[test]
fn stamped_unions_are_skipped_until_something_of_theirs_changes() {
    let p = Project::new();
    p.union("alpha", &union_toml("アルファ健康保険組合", ""));
    p.union("beta", &union_toml("ベータ健康保険組合", ""));
    p.build();
    // Files younger than stamp::RACY are not stamped: let the build's files age.
    std::thread::sleep(kumiai::RACY + std::time::Duration::from_millis(200));
    let report = p.build();
    assert!(
        report.summary().contains("2 unchanged"),
        "{}",
        report.summary()
    );
    let cache = p.path().join(kumiai::CACHE_DIR);
    let stamps: Vec<_> = fs::read_dir(&cache)
        .expect("stamps written")
        .filter_map(Result::ok)
        .collect();
    assert_eq!(stamps.len(), 1);
    let text = fs::read_to_string(stamps[0].path()).expect("stamps");
    assert!(
        text.contains("\nalpha\t") && text.contains("\nbeta\t"),
        "{text}"
    );
    assert!(
        !p.out().join(kumiai::CACHE_DIR).exists(),
        "stamps stay out of the output"
    );

    let before = mtimes(&p.out());
    let report = p.build();
    assert!(
        report.summary().contains("2 unchanged"),
        "{}",
        report.summary()
    );
    assert_eq!(mtimes(&p.out()), before);

    p.union("alpha", &union_toml("アルファ第二健康保険組合", ""));
    p.build();
    assert!(
        p.read("alpha/index.html")
            .contains("アルファ第二健康保険組合")
    );
    fs::remove_file(p.out().join("beta/index.html")).expect("remove a page");
    let report = p.build();
    assert!(
        report.summary().contains("1 unchanged"),
        "{}",
        report.summary()
    );
    assert!(p.read("beta/index.html").contains("ベータ健康保険組合"));
}
