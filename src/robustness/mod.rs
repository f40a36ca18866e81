//! Robustness: nothing a user writes may panic kumiai, and no mojibake may reach a page.
//!
//! Property tests feed arbitrary bytes, arbitrary (mostly valid) override TOML, mutations of
//! the repository's real unions, generated Markdown page bodies and page files
//! (`markdown_bodies`) and generated union folders (`union_folders`) to the loader, the merge,
//! the renderer and the whole build, and check that every outcome is either a located
//! diagnostic or a clean site.
//!
//! Case counts are small by default so `cargo test` stays fast. For a long run, set
//! `KUMIAI_FUZZ_CASES` (the number of cases of the main properties; the heavy ones get a
//! fraction of it) and use `--release`:
//!
//! ```text
//! KUMIAI_FUZZ_CASES=20000 cargo test --release --lib robustness -- --nocapture
//! ```
//!
//! Each property prints its case count, outcome tally and wall time (visible with
//! `--nocapture`). A failure prints the shrunk input. Failures are not persisted to files.
//!
//! Known bugs found by these properties are pinned as `#[ignore]`d tests in `known_bugs.rs`,
//! and the generators stay clear of their triggers (see `toml_gen::Field` and `toml_gen::strict`)
//! so the properties keep guarding everything else. Run with `KUMIAI_FUZZ_STRICT=1` to let the
//! generators hit them too.

#[cfg(unix)]
mod folder_gen;
mod markdown_gen;
mod toml_gen;

mod arbitrary_bytes;
mod end_to_end;
mod generated_overrides;
mod invariants;
mod known_bugs;
mod markdown_bodies;
mod mutations;
#[cfg(unix)]
mod union_folders;

use std::collections::{BTreeMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use crate::Diagnostic;
use crate::diagnostic::Diagnostics;
use crate::load::format::Override;
use crate::load::source::{decode, parse_toml_all};
use crate::load::{Config, UnionFile, load_union};
use crate::merge::merge;
use crate::model::{Base, UnionSite};
use crate::render::{Theme, render_union};
use crate::text::placeholders::NAMES;
use proptest::prelude::*;
use proptest::sample::{Index, select};
use proptest::test_runner::{Config as ProptestConfig, TestCaseError, TestError, TestRunner};
use tempfile::TempDir;

use invariants::{
    check_diag, excerpt, exercise, leftover_placeholders, shows_as_mojibake, tally_outcome,
};
use toml_gen::{Doc, GOOD_PAGE_FILES, strict};

// ---------------------------------------------------------------------------------------------
// Configuration

/// Cases for a property: `default` normally, `KUMIAI_FUZZ_CASES × share` for a long run.
fn cases(default: u32, share: f64) -> u32 {
    match std::env::var("KUMIAI_FUZZ_CASES") {
        Ok(v) => {
            let n: f64 = v
                .trim()
                .parse()
                .expect("KUMIAI_FUZZ_CASES must be a number");
            ((n * share).ceil() as u32).max(1)
        }
        Err(_) => default,
    }
}

fn runner(cases: u32) -> TestRunner {
    TestRunner::new(ProptestConfig {
        cases,
        // Nothing is written into the repository; a failure prints its shrunk input instead.
        failure_persistence: None,
        max_shrink_iters: 2048,
        ..ProptestConfig::default()
    })
}

/// Runs one property, prints its figures, and turns a failure into a panic with the minimal
/// input.
fn run<S: Strategy>(
    name: &str,
    cases: u32,
    strategy: S,
    tally: &Tally,
    test: impl Fn(S::Value) -> Result<(), TestCaseError>,
) where
    S::Value: std::fmt::Debug,
{
    let started = Instant::now();
    let result = runner(cases).run(&strategy, test);
    let elapsed = started.elapsed();
    eprintln!(
        "[robustness] {name}: {cases} cases in {:.2} s ({:.2} ms/case){}; {}",
        elapsed.as_secs_f64(),
        elapsed.as_secs_f64() * 1000.0 / f64::from(cases.max(1)),
        if strict() { " [strict]" } else { "" },
        tally.summary()
    );
    match result {
        Ok(()) => {}
        Err(TestError::Fail(reason, input)) => {
            panic!("{name} failed: {reason}\nminimal input: {input:#?}")
        }
        Err(TestError::Abort(reason)) => panic!("{name} aborted: {reason}"),
    }
}

/// Outcome counters of a property, printed at its end.
#[derive(Default)]
struct Tally(BTreeMap<&'static str, AtomicUsize>);

impl Tally {
    fn new(keys: &[&'static str]) -> Tally {
        Tally(keys.iter().map(|k| (*k, AtomicUsize::new(0))).collect())
    }
    fn add(&self, key: &'static str) {
        if let Some(n) = self.0.get(key) {
            n.fetch_add(1, Ordering::Relaxed);
        }
    }
    fn summary(&self) -> String {
        self.0
            .iter()
            .map(|(k, n)| format!("{k} {}", n.load(Ordering::Relaxed)))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

// ---------------------------------------------------------------------------------------------
// Fixtures

fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

static BASE: LazyLock<Base> = LazyLock::new(|| {
    crate::load::load_base(&repo_root()).unwrap_or_else(|e| panic!("the repo base loads: {e}"))
});

static CONFIG: LazyLock<Config> = LazyLock::new(|| {
    Config::load(&repo_root()).unwrap_or_else(|e| panic!("the repo kumiai.toml loads: {e}"))
});

static THEME: LazyLock<Theme> = LazyLock::new(|| {
    Theme::load(&repo_root(), "default", true)
        .unwrap_or_else(|e| panic!("the repo theme loads: {e:#}"))
});

/// The repository's example unions: slug and bytes.
static REAL_UNIONS: LazyLock<Vec<(String, Vec<u8>)>> = LazyLock::new(|| {
    let mut unions: Vec<(String, Vec<u8>)> = crate::load::list_unions(&repo_root())
        .expect("list unions/")
        .into_iter()
        .map(|p| {
            let slug = p.file_stem().unwrap().to_string_lossy().into_owned();
            (slug, fs::read(&p).expect("read a union"))
        })
        .collect();
    unions.sort();
    assert!(!unions.is_empty(), "the repository has no unions");
    unions
});

/// The slug the structured documents are merged under.
const SLUG: &str = "fuzz";

/// A scratch `unions/` folder: the real unions' page folders, and a `fuzz/` folder of page
/// files, good and broken, for `file = "…"`.
struct Workspace {
    dir: TempDir,
}

impl Workspace {
    fn new() -> Workspace {
        let dir = tempfile::tempdir().expect("temp dir");
        let unions = dir.path().join("unions");
        let pages = unions.join(SLUG);
        fs::create_dir_all(pages.join("sub")).unwrap();
        let files: [(&str, &[u8]); 6] = [
            (
                "good.md",
                "# 独自の見出し\n\n{{ union.name }}の独自ページです。\n\n- 一\n- 二\n".as_bytes(),
            ),
            (
                "bom.md",
                "\u{FEFF}BOMつきのページ（{{ union.self_name }}）\n".as_bytes(),
            ),
            (
                "crlf.md",
                "一行目\r\n二行目 {{ dates.published }}\r\n".as_bytes(),
            ),
            ("sub/nested.md", "入れ子のページ\n".as_bytes()),
            // 「名前」 in Shift_JIS.
            ("sjis.md", b"a\n\x96\xbc\x91\x4f\n"),
            ("utf16.md", b"\xFF\xFEa\x00b\x00"),
        ];
        for (name, bytes) in files {
            fs::write(pages.join(name), bytes).unwrap();
        }
        fs::write(unions.join("escape.md"), "outside\n").unwrap();
        for name in GOOD_PAGE_FILES {
            assert!(
                pages.join(name).is_file(),
                "fixture page file {name} missing"
            );
        }
        // The real unions' own folders, so their `file = "…"` pages resolve when mutated.
        for (slug, _) in REAL_UNIONS.iter() {
            let from = repo_root().join("unions").join(slug);
            if from.is_dir() {
                copy_dir(&from, &unions.join(slug));
            }
        }
        Workspace { dir }
    }

    fn unions(&self) -> PathBuf {
        self.dir.path().join("unions")
    }
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// The repository's project (settings, base, theme) copied into `to`, with an empty `unions/`.
fn copy_project(to: &Path) {
    let root = repo_root();
    copy_dir(&root.join("content"), &to.join("content"));
    copy_dir(&root.join("themes"), &to.join("themes"));
    fs::copy(root.join("kumiai.toml"), to.join("kumiai.toml")).unwrap();
    fs::create_dir_all(to.join("unions")).unwrap();
}

/// A copy of the repository's project in a temp dir (`<tmp>/project`), loaded once, for the
/// properties that run the real pipeline: each case writes its own union into `unions/`. Next
/// to the project, `<tmp>/outside` is for what must never reach a site.
struct ScratchProject {
    dir: TempDir,
    project: crate::Project,
}

impl ScratchProject {
    fn new() -> ScratchProject {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path().join("project");
        copy_project(&root);
        fs::create_dir_all(dir.path().join("outside")).unwrap();
        let project = crate::Project::load(&root)
            .unwrap_or_else(|e| panic!("the copied project loads: {e:#}"));
        ScratchProject { dir, project }
    }

    fn unions(&self) -> PathBuf {
        self.project.root.join("unions")
    }

    fn outside(&self) -> PathBuf {
        self.dir.path().join("outside")
    }

    /// An empty `unions/` for the next case. Links in it are removed, never followed.
    fn clear_unions(&self) {
        let unions = self.unions();
        fs::remove_dir_all(&unions).expect("clear unions/");
        fs::create_dir_all(&unions).unwrap();
    }
}

/// The text of a file a diagnostic names, as kumiai reads it (decoded), when it is text.
fn text_of(path: &Path) -> Option<String> {
    fs::read(path).ok().and_then(|b| decode(path, b).ok())
}
