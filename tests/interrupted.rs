//! A build killed halfway (SIGKILL, as Ctrl-C or a lost CI runner would) leaves every site
//! usable: no page half-written, no link to a page that is not there, each union at its old or
//! its new version; the next build completes the job.

mod common;

use std::fs;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

use common::*;

/// The output as a visitor sees it: kumiai's hidden bookkeeping and staging folders left out.
fn visible_copy(out: &Path, to: &Path) {
    for file in files_under(out) {
        let rel = file.strip_prefix(out).expect("under out");
        let hidden = rel
            .components()
            .any(|c| c.as_os_str().to_string_lossy().starts_with('.'));
        if !hidden {
            let target = to.join(rel);
            fs::create_dir_all(target.parent().expect("parent")).expect("mkdir");
            fs::copy(&file, &target).expect("copy");
        }
    }
}

/// Every visible page is whole, every link resolves, and each union's pages all come from
/// one version (old or new): `version` tells which version a page is.
fn assert_usable(out: &Path, version: impl Fn(&str) -> Option<&'static str>) {
    let copy = tempfile::tempdir().expect("temp dir");
    visible_copy(out, copy.path());
    let broken = broken_links(copy.path());
    assert!(broken.is_empty(), "broken links after a kill: {broken:?}");
    for entry in fs::read_dir(copy.path())
        .expect("out")
        .filter_map(Result::ok)
    {
        if !entry.path().is_dir() || entry.file_name() == "assets" {
            continue;
        }
        let mut versions = Vec::new();
        for page in files_under(&entry.path()) {
            if page.extension().is_some_and(|x| x == "html") {
                let html = fs::read_to_string(&page).expect("page");
                assert!(
                    html.trim_end().ends_with("</html>"),
                    "{} is cut short",
                    page.display()
                );
                versions.extend(version(&html));
            }
        }
        versions.dedup();
        assert!(
            versions.len() <= 1,
            "{:?} mixes versions {versions:?}",
            entry.path()
        );
    }
}

#[test]
fn a_killed_build_leaves_every_site_usable_and_the_next_build_finishes() {
    let p = Project::new();
    for i in 0..120 {
        p.union(
            &format!("u{i:03}"),
            &union_toml(&format!("旧名{i:03}健康保険組合"), ""),
        );
    }
    p.build();
    let old = |html: &str| html.contains("旧名").then_some("old");
    assert_usable(&p.out(), old);

    // Every union gets a new name (so every page changes), and 60 new unions appear.
    for i in 0..120 {
        p.union(
            &format!("u{i:03}"),
            &union_toml(&format!("新名{i:03}健康保険組合"), ""),
        );
    }
    for i in 120..180 {
        p.union(
            &format!("u{i:03}"),
            &union_toml(&format!("新名{i:03}健康保険組合"), ""),
        );
    }
    let either = |html: &str| {
        if html.contains("旧名") {
            Some("old")
        } else if html.contains("新名") {
            Some("new")
        } else {
            None
        }
    };
    for delay in [30, 120, 300] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_kumiai"))
            .arg("--root")
            .arg(p.path())
            .args(["build", "--quiet"])
            .spawn()
            .expect("start kumiai");
        std::thread::sleep(Duration::from_millis(delay));
        // SIGKILL: no chance to clean up, the worst case.
        let _ = child.kill();
        let _ = child.wait();
        assert_usable(&p.out(), either);
        let renamed = (0..180)
            .filter(|i| {
                fs::read_to_string(p.out().join(format!("u{i:03}/index.html")))
                    .is_ok_and(|h| h.contains("新名"))
            })
            .count();
        eprintln!("killed after {delay} ms: {renamed} of 180 unions at the new version");
    }

    let output = run_cli(p.path(), &["--quiet"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_usable(&p.out(), |html| html.contains("新名").then_some("new"));
    for i in 0..180 {
        let page = p.read(&format!("u{i:03}/index.html"));
        assert!(
            page.contains(&format!("新名{i:03}")),
            "u{i:03} was not finished"
        );
    }
    // Nothing of the interrupted builds is left behind.
    let leftovers: Vec<String> = files_under(&p.out())
        .iter()
        .map(|f| f.to_string_lossy().into_owned())
        .filter(|f| f.contains(".kumiai-tmp") || f.contains(".kumiai-new"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}
