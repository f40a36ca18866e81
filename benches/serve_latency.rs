//! Save → reload latency of `kumiai serve` in a project of 1,400 unions.
//!
//! `cargo bench --bench serve_latency` generates the project (deterministically: the repository's
//! `content/`, `themes/` and `kumiai.toml`, and 1,400 copies of `unions/minimal.toml` with their
//! own slugs and names), starts the server on a free loopback port, subscribes to the live-reload
//! stream as a tab on one union's page would, and then, many times over, saves one union's file
//! (alternately by plain write and by temp file + rename) and measures from just before the save
//! to the `reload` event. It prints the median and the 95th percentile. The same for a change to
//! the theme's stylesheet (swapped into every site, a `css` event) and to a page of the base
//! (every union rendered again, a `reload` event). Not a timed test: a figure to watch.
//!
//! Options (environment): `KUMIAI_BENCH_UNIONS` (default 1400), `KUMIAI_BENCH_SAVES` (default 60).

#[path = "../tests/serve/client.rs"]
mod client;

use std::fs;
use std::net::{IpAddr, Ipv4Addr};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use kumiai::Lang;
use kumiai::serve::{ServeOptions, Server};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).unwrap();
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

const NAME: &str = "見本健康保険組合";

fn slug(i: usize) -> String {
    format!("union-{i:04}")
}

fn union_text(template: &str, i: usize, edit: usize) -> String {
    template.replacen(
        &format!("name = \"{NAME}\""),
        &format!("name = \"見本{i:04}健康保険組合（第{edit}版）\""),
        1,
    )
}

fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let rank = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[rank.min(sorted.len() - 1)]
}

fn report(what: &str, mut samples: Vec<Duration>) {
    samples.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{what}: n={} median {:.1} ms, p95 {:.1} ms (min {:.1}, max {:.1})",
        samples.len(),
        ms(percentile(&samples, 0.5)),
        ms(percentile(&samples, 0.95)),
        ms(samples[0]),
        ms(samples[samples.len() - 1]),
    );
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` passes nothing and expects speed.
    if !std::env::args().any(|a| a == "--bench") {
        println!("serve_latency: run with `cargo bench --bench serve_latency`");
        return;
    }
    let unions = env_number("KUMIAI_BENCH_UNIONS", 1400);
    let saves = env_number("KUMIAI_BENCH_SAVES", 60);

    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    copy_dir(&repo().join("content"), &root.join("content"));
    copy_dir(&repo().join("themes"), &root.join("themes"));
    fs::copy(repo().join("kumiai.toml"), root.join("kumiai.toml")).unwrap();
    fs::create_dir_all(root.join("unions")).unwrap();
    let template = fs::read_to_string(repo().join("unions/minimal.toml")).unwrap();
    for i in 1..=unions {
        fs::write(
            root.join("unions").join(format!("{}.toml", slug(i))),
            union_text(&template, i, 0),
        )
        .unwrap();
    }

    let started = Instant::now();
    let server = Server::start(&{
        let mut options = ServeOptions::new(root.to_path_buf());
        options.union = None;
        options.bind = IpAddr::V4(Ipv4Addr::LOCALHOST);
        options.port = 0;
        options.open = false;
        options.lang = Lang::En;
        options
    })
    .unwrap();
    println!(
        "startup: {unions} unions built into memory and served in {} ms",
        started.elapsed().as_millis()
    );
    let addr = server.addr();

    // One union's file, saved again and again, watched by a tab on that union's page.
    let target = unions / 2;
    let page = format!("/{}/", slug(target));
    let tab = client::subscribe(addr, &format!("?page={}", page.replace('/', "%2F")));
    tab.expect("ok");
    let path = root.join("unions").join(format!("{}.toml", slug(target)));
    let mut samples = Vec::with_capacity(saves);
    for edit in 1..=saves {
        let text = union_text(&template, target, edit);
        let t0 = Instant::now();
        if edit % 2 == 0 {
            fs::write(&path, &text).unwrap();
        } else {
            let temp = path.with_extension("toml.tmp");
            fs::write(&temp, &text).unwrap();
            fs::rename(&temp, &path).unwrap();
        }
        tab.expect("reload");
        samples.push(t0.elapsed());
        let body = client::get(addr, &page).text();
        assert!(
            body.contains(&format!("（第{edit}版）")),
            "the new text is served"
        );
        // Let the burst settle (and any stray event surface) before the next save.
        let extra = tab.during(Duration::from_millis(80));
        assert!(
            !extra.iter().any(|e| e == "reload"),
            "one save, one reload: {extra:?}"
        );
    }
    report(
        &format!("save one union's file -> reload event ({unions} unions)"),
        samples,
    );

    // The theme's stylesheet: every union re-rendered, tabs swap the stylesheet.
    let css = root.join("themes/default/static/style.css");
    let original = fs::read_to_string(&css).unwrap();
    let mut samples = Vec::new();
    for edit in 1..=5 {
        let t0 = Instant::now();
        fs::write(
            &css,
            format!("{original}\n.bench-{edit} {{ color: #{edit}{edit}{edit}; }}\n"),
        )
        .unwrap();
        tab.expect("css");
        samples.push(t0.elapsed());
        tab.during(Duration::from_millis(200));
    }
    report(
        &format!("save the theme's style.css -> css event ({unions} unions' stylesheet swapped)"),
        samples,
    );

    // A page of the base: every union rendered again, every tab reloads.
    let base_page = root.join("content/pages/safety.md");
    let original = fs::read_to_string(&base_page).unwrap();
    let mut samples = Vec::new();
    for edit in 1..=5 {
        let t0 = Instant::now();
        fs::write(&base_page, format!("{original}\n追記 {edit}。\n")).unwrap();
        tab.expect("reload");
        samples.push(t0.elapsed());
        tab.during(Duration::from_millis(200));
    }
    report(
        &format!("save a base page -> reload event ({unions} unions rendered again)"),
        samples,
    );
    server.stop();
}
