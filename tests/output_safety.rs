//! What a build does to the output folder when the machine or the people misbehave: two builds
//! at once, a write that fails halfway, files kumiai did not write in the way, unions removed.

mod common;

use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};

use common::*;

/// Every file a site's manifest lists is there, and every page is whole.
fn assert_whole(site: &Path) {
    let manifest = fs::read_to_string(site.join(".kumiai-files"))
        .unwrap_or_else(|e| panic!("{}: no manifest: {e}", site.display()));
    // After the name, fingerprint and pages lines, and the publish gate's `legal:` line.
    for file in manifest
        .lines()
        .skip(3)
        .filter(|l| !l.starts_with("legal: "))
    {
        let path = site.join(file);
        assert!(path.is_file(), "{} is missing", path.display());
        if file.ends_with(".html") {
            let html = fs::read_to_string(&path).expect("page");
            assert!(
                html.trim_end().ends_with("</html>"),
                "{} is cut",
                path.display()
            );
        }
    }
}

fn project_with(n: usize, name: &str) -> Project {
    let p = Project::new();
    for i in 0..n {
        p.union(
            &format!("u{i:03}"),
            &union_toml(&format!("{name}{i:03}健康保険組合"), ""),
        );
    }
    p
}

#[test]
fn two_builds_at_once_leave_every_site_whole_and_the_second_waits_or_names_the_holder() {
    let p = project_with(120, "組合");
    p.build();
    for round in 0..3 {
        // Every site changes, so both builds write every site.
        for i in 0..120 {
            p.union(
                &format!("u{i:03}"),
                &union_toml(&format!("版{round}組合{i:03}健康保険組合"), ""),
            );
        }
        let start = || {
            Command::new(env!("CARGO_BIN_EXE_kumiai"))
                .arg("--root")
                .arg(p.path())
                .args(["build", "--quiet", "--wait", "60"])
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .expect("start kumiai")
        };
        let (a, b) = (start(), start());
        for child in [a, b] {
            let out = child.wait_with_output().expect("wait");
            let err = stderr(&out);
            // Either it waited and built, or it says who holds the lock.
            assert!(
                out.status.success() || err.contains("is being built by another build: process"),
                "round {round}: {err}"
            );
        }
        for i in 0..120 {
            let site = p.out().join(format!("u{i:03}"));
            assert_whole(&site);
            let index = fs::read_to_string(site.join("index.html")).unwrap();
            assert!(
                index.contains(&format!("版{round}組合{i:03}")),
                "u{i:03} is old"
            );
        }
        assert!(!p.out().join(".kumiai-build/lock").exists());
    }
    // And a plain build after them finds nothing missing.
    let report = p.build();
    assert!(report.failed().is_empty(), "{}", describe(&report));
    for i in 0..120 {
        assert_whole(&p.out().join(format!("u{i:03}")));
    }
}

#[test]
fn a_build_names_the_build_that_holds_the_output_folder() {
    let p = project_with(1, "組合");
    let lock = p.out().join(".kumiai-build/lock");
    fs::create_dir_all(lock.parent().unwrap()).unwrap();
    fs::write(
        &lock,
        "token: t\nhost: build-server-2\npid: 4242\nsince: 1767225600\nbeat: 3\n",
    )
    .unwrap();
    let out = p.cli(&["--wait", "0"]);
    assert_eq!(exit_code(&out), 1);
    let err = stderr(&out);
    assert!(err.contains("process 4242 on build-server-2"), "{err}");
    assert!(err.contains("since 2026-01-01 00:00:00 UTC"), "{err}");
    assert!(!p.out().join("u000").exists(), "built although locked");
    // The lock of another build is never removed by the one that waited.
    assert!(lock.is_file());
}

#[test]
fn the_no_op_check_notices_a_site_missing_files_even_when_its_manifest_is_newer() {
    let p = project_with(2, "組合");
    p.build();
    let site = p.out().join("u000");
    let css = fs::read_to_string(site.join(".kumiai-files"))
        .unwrap()
        .lines()
        .find(|l| l.ends_with(".css"))
        .expect("a stylesheet")
        .to_string();
    fs::remove_file(site.join(&css)).unwrap();
    // What a racing build did: mark the manifest as written after the file went.
    let manifest = fs::File::options()
        .write(true)
        .open(site.join(".kumiai-files"))
        .unwrap();
    manifest
        .set_modified(std::time::SystemTime::now() + std::time::Duration::from_secs(5))
        .unwrap();
    let report = p.build();
    assert!(report.failed().is_empty(), "{}", describe(&report));
    assert!(site.join(&css).is_file(), "{css} was not written again");
    assert!(
        !report.summary().contains("2 unchanged"),
        "{}",
        report.summary()
    );
}

#[test]
fn a_write_that_fails_halfway_leaves_the_site_at_its_old_version_and_names_the_union() {
    let p = project_with(3, "旧名");
    p.build();
    let site = p.out().join("u001");
    let manifest = fs::read_to_string(site.join(".kumiai-files")).unwrap();
    // The last page in name order: the others would be written before it fails.
    let last = manifest
        .lines()
        .filter(|l| l.ends_with(".html"))
        .max()
        .unwrap()
        .to_string();
    // A folder where the page must go (works as root, unlike a read-only folder).
    fs::remove_file(site.join(&last)).unwrap();
    fs::create_dir_all(site.join(&last)).unwrap();
    fs::write(site.join(&last).join("keep.txt"), "someone's").unwrap();
    for i in 0..3 {
        p.union(
            &format!("u{i:03}"),
            &union_toml(&format!("新名{i:03}健康保険組合"), ""),
        );
    }
    let out = p.cli(&[]);
    assert_eq!(exit_code(&out), 1);
    let err = stderr(&out);
    assert!(err.contains("u001.toml"), "{err}");
    assert!(err.contains("previous version"), "{err}");
    let summary = stdout(&out);
    assert!(summary.contains("1 failed (u001)"), "{summary}");
    // Every page of u001 is still the old version; the others are new.
    for file in files_under(&site) {
        if file.extension().is_some_and(|x| x == "html") {
            let html = fs::read_to_string(&file).unwrap();
            assert!(!html.contains("新名"), "{} is new", file.display());
        }
    }
    assert!(p.read("u000/index.html").contains("新名000"));
    assert_eq!(
        fs::read_to_string(site.join(&last).join("keep.txt")).unwrap(),
        "someone's"
    );
    let leftovers: Vec<_> = fs::read_dir(p.out())
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("kumiai-new") || n.contains("kumiai-old"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn a_federation_file_that_cannot_be_written_fails_the_build_and_says_so() {
    let p = project_with(2, "組合");
    p.build();
    fs::remove_file(p.out().join("unions.json")).unwrap();
    fs::create_dir_all(p.out().join("unions.json/x")).unwrap();
    p.union("u002", &union_toml("新しい健康保険組合", ""));
    let out = p.cli(&[]);
    assert_eq!(exit_code(&out), 1);
    assert!(stderr(&out).contains("federation"), "{}", stderr(&out));
    assert!(stdout(&out).contains("NOT all written"), "{}", stdout(&out));
    // The unions themselves were built.
    assert!(p.read("u002/index.html").contains("新しい健康保険組合"));
}

#[test]
fn a_page_named_like_a_file_kumiai_did_not_write_is_an_error_naming_both() {
    let p = project_with(1, "組合");
    p.build();
    let mine = p.out().join("u000/storage.html");
    fs::write(&mine, "hand-written").unwrap();
    p.union(
        "u000",
        &union_toml(
            "組合000健康保険組合",
            "[[new_page]]\nid = \"storage\"\ntitle = \"保管\"\nfile = \"storage.md\"\n",
        ),
    );
    p.union_file("u000", "storage.md", "本文\n");
    let out = p.cli(&[]);
    assert_eq!(exit_code(&out), 1);
    let err = stderr(&out);
    assert!(err.contains("u000.toml"), "{err}");
    assert!(err.contains("storage.html"), "{err}");
    assert!(err.contains("output-collision"), "{err}");
    assert_eq!(fs::read_to_string(&mine).unwrap(), "hand-written");
    // Still there after the page is taken out again: kumiai never deletes it.
    p.union("u000", &union_toml("組合000健康保険組合", ""));
    let out = p.cli(&[]);
    assert_eq!(exit_code(&out), 0, "{}", stderr(&out));
    assert_eq!(fs::read_to_string(&mine).unwrap(), "hand-written");
}

#[test]
fn a_new_union_whose_slug_is_someone_elses_folder_is_an_error() {
    let p = project_with(1, "組合");
    let news = p.out().join("news");
    fs::create_dir_all(&news).unwrap();
    fs::write(news.join("index.html"), "<p>our news</p>").unwrap();
    p.union("news", &union_toml("ニュース健康保険組合", ""));
    let out = p.cli(&[]);
    assert_eq!(exit_code(&out), 1);
    let err = stderr(&out);
    assert!(err.contains("news.toml"), "{err}");
    assert!(err.contains("kumiai did not write it"), "{err}");
    assert_eq!(
        fs::read_to_string(news.join("index.html")).unwrap(),
        "<p>our news</p>"
    );
    assert!(!news.join(".kumiai-files").exists());
    assert!(p.read("u000/index.html").contains("組合000"));
}

#[test]
fn a_newline_in_an_asset_name_never_reaches_the_manifest() {
    let p = project_with(1, "組合");
    p.build();
    p.union_file("u000", "map\nx.png", "png");
    let out = p.cli(&[]);
    assert_eq!(exit_code(&out), 1, "{}", stdout(&out));
    assert!(stderr(&out).contains("u000"), "{}", stderr(&out));
    let manifest = p.read("u000/.kumiai-files");
    assert!(!manifest.lines().any(|l| l == "x.png"), "{manifest}");
}

#[test]
fn a_removed_union_loses_its_site_but_not_files_kumiai_did_not_write() {
    let p = project_with(3, "組合");
    p.build();
    fs::write(p.out().join("u001/notes.txt"), "mine").unwrap();
    fs::remove_file(p.union_path("u001")).unwrap();
    fs::remove_file(p.union_path("u002")).unwrap();
    // Two of three at once: too many without --prune.
    let out = p.cli(&[]);
    assert_eq!(exit_code(&out), 0, "{}", stderr(&out));
    assert!(stderr(&out).contains("--prune"), "{}", stderr(&out));
    assert!(p.out().join("u002/index.html").is_file());
    assert!(!p.read("index.html").contains("u002/index.html"));

    // One of two at a time is fine.
    p.union("u002", &union_toml("組合002健康保険組合", ""));
    let out = p.cli(&[]);
    assert_eq!(exit_code(&out), 0, "{}", stderr(&out));
    assert!(
        stdout(&out).contains("removed the site of 1 union no longer in unions/ (u001)"),
        "{}",
        stdout(&out)
    );
    assert!(!p.out().join("u001/index.html").exists());
    assert!(!p.out().join("u001/.kumiai-files").exists());
    assert_eq!(p.read("u001/notes.txt"), "mine");
    assert!(p.out().join("u002/index.html").is_file());
}

#[test]
fn an_emptied_unions_folder_keeps_every_site_until_prune() {
    let p = project_with(4, "組合");
    p.build();
    for i in 0..4 {
        fs::remove_file(p.union_path(&format!("u{i:03}"))).unwrap();
    }
    let out = p.cli(&[]);
    let err = stderr(&out);
    assert!(err.contains("kept the sites of 4 unions"), "{err}");
    assert!(err.contains("kumiai build --prune"), "{err}");
    for i in 0..4 {
        assert!(p.out().join(format!("u{i:03}/index.html")).is_file());
    }
    let out = p.cli(&["--prune"]);
    assert!(
        stdout(&out).contains("removed the sites of 4 unions"),
        "{}",
        stdout(&out)
    );
    for i in 0..4 {
        assert!(!p.out().join(format!("u{i:03}")).exists());
    }
}

#[test]
fn the_deploy_configs_hide_kumiais_bookkeeping_and_leftovers() {
    let nginx = fs::read_to_string(repo_root().join("deploy/nginx.conf")).unwrap();
    assert!(
        nginx.contains(r#"location ~ "/\.([^/]*\.)?kumiai-""#),
        "{nginx}"
    );
    let headers = fs::read_to_string(repo_root().join("deploy/_headers")).unwrap();
    assert!(headers.contains(".kumiai-new"), "{headers}");
}
