//! The time `kumiai import` takes for one page: read, outline, align to the base, write the
//! override, and judge the site it makes (the legal items), through the library as the command
//! does, without the process start.
//!
//! `cargo bench --bench import` imports each seed of `../shared/seeds/` (when present) and a
//! web page made from seed 001 (Shift_JIS, with a menu and a layout table), each
//! `KUMIAI_BENCH_RUNS` times (default 20) into a fresh slug of one project, and prints the median
//! and the slowest run per page. Not a timed test: a figure to watch (the target is well under a
//! second per page).

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use kumiai::import::{ImportOptions, import};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("walk");
        let rel = entry.path().strip_prefix(from).expect("under");
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).expect("dir");
        } else {
            fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

/// The pages to import: the seeds, and one of them as an old site's Shift_JIS page.
fn pages(dir: &Path) -> Vec<(String, PathBuf)> {
    let seeds = repo().join("../shared/seeds");
    let Ok(entries) = fs::read_dir(&seeds) else {
        eprintln!("note: ../shared/seeds is absent; nothing to import");
        return Vec::new();
    };
    let mut out: Vec<(String, PathBuf)> = entries
        .filter_map(Result::ok)
        .map(|e| (e.file_name().to_string_lossy()[..3].to_string(), e.path()))
        .collect();
    out.sort();
    if let Some((_, seed)) = out.iter().find(|(n, _)| n == "001") {
        let text = fs::read_to_string(seed).expect("seed 001");
        let body: String = text
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| format!("<p>{}</p>\n", l.replace('&', "&amp;").replace('<', "&lt;")))
            .collect();
        let html = format!(
            "<html><head><meta charset=\"Shift_JIS\"><script>x()</script></head><body>\
             <nav><a href=\"/\">ホーム</a></nav><table><tr><td>{body}</td></tr></table></body></html>"
        );
        let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode(&html);
        let path = dir.join("page-001.html");
        fs::write(&path, &bytes).expect("write page");
        out.push(("001 as HTML".into(), path));
    }
    out
}

fn main() {
    let runs: usize = std::env::var("KUMIAI_BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20);
    let project = tempfile::tempdir().expect("temp dir");
    let root = project.path();
    copy_dir(&repo().join("content"), &root.join("content"));
    copy_dir(&repo().join("themes"), &root.join("themes"));
    fs::copy(repo().join("kumiai.toml"), root.join("kumiai.toml")).expect("kumiai.toml");
    fs::create_dir(root.join("unions")).expect("unions/");
    println!("| page | median | slowest | structure |");
    println!("|---|---|---|---|");
    for (n, (label, path)) in pages(root).into_iter().enumerate() {
        let mut times: Vec<Duration> = Vec::new();
        let mut share = 0.0;
        for run in 0..runs {
            let options = ImportOptions {
                root: root.to_path_buf(),
                files: vec![path.clone()],
                slug: format!("bench-{n}-{run}"),
                name: Some("見本健康保険組合".into()),
            };
            let start = Instant::now();
            let report = import(&options).unwrap_or_else(|e| panic!("import {label}: {e:?}"));
            times.push(start.elapsed());
            share = report.structural_share();
        }
        times.sort();
        let median = times[times.len() / 2];
        let slowest = times[times.len() - 1];
        println!(
            "| {label} | {median:.1?} | {slowest:.1?} | {:.1}% |",
            share * 100.0
        );
    }
}
