//! Shared fixtures of the integration tests.
//!
//! Every test builds a throw-away project in a `TempDir`: the repository's real `content/`
//! (so the tests exercise the real base and its ids), a `kumiai.toml` with `minify = false`,
//! and a tiny fixture theme whose templates print the render context plainly, so assertions
//! don't depend on the real theme (which is edited separately).

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::SystemTime;

use kumiai::{BuildOptions, BuildReport, Diagnostic, UnionOutcome};
use tempfile::TempDir;

mod theme;
pub use theme::*;
mod html;
pub use html::*;
mod files;
pub use files::*;
mod japanese;
#[allow(unused_imports)]
pub use japanese::*;

/// One finding of `kumiai check --format json`.
#[derive(serde::Deserialize, Debug)]
pub struct JsonFinding {
    pub rule: String,
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
    pub suggestion: Option<String>,
}

/// The repository root (holds the real `content/`, `unions/`, `themes/`).
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A throw-away kumiai project. The folder lives as long as this value.
pub struct Project {
    dir: TempDir,
}

impl Project {
    /// A project with the real base, the fixture theme, `minify = false` and no unions yet.
    pub fn new() -> Project {
        Project::with_minify(false)
    }

    pub fn with_minify(minify: bool) -> Project {
        let dir = tempfile::Builder::new()
            .prefix("kumiai-test-")
            .tempdir()
            .expect("create temp dir");
        let root = dir.path();
        copy_dir(&repo_root().join("content"), &root.join("content"));
        write(
            &root.join("kumiai.toml"),
            &format!("title = \"テスト用ポータル\"\nminify = {minify}\ntheme = \"fixture\"\n"),
        );
        let theme = root.join("themes").join("fixture");
        write(&theme.join("templates").join("page.html"), PAGE_TEMPLATE);
        write(
            &theme.join("templates").join("portal.html"),
            PORTAL_TEMPLATE,
        );
        write(&theme.join("templates").join("print.html"), PRINT_TEMPLATE);
        write(
            &theme
                .join("templates")
                .join("partials")
                .join("page_body.html"),
            PAGE_BODY_TEMPLATE,
        );
        write(
            &theme.join("templates").join("contractors.html"),
            CONTRACTORS_TEMPLATE,
        );
        write(&theme.join("static").join("style.css"), FIXTURE_CSS);
        fs::create_dir_all(root.join("unions")).expect("create unions/");
        Project { dir }
    }

    /// Switches the project to the repository's default theme, for what its partials show.
    pub fn use_default_theme(&self) {
        copy_dir(
            &repo_root().join("themes").join("default"),
            &self.path().join("themes").join("default"),
        );
        write(
            &self.path().join("kumiai.toml"),
            "title = \"テスト用ポータル\"\nminify = false\ntheme = \"default\"\n",
        );
    }

    /// The project root.
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// The default output folder, `public/`.
    pub fn out(&self) -> PathBuf {
        self.path().join("public")
    }

    /// `unions/<slug>.toml`.
    pub fn union_path(&self, slug: &str) -> PathBuf {
        self.path().join("unions").join(format!("{slug}.toml"))
    }

    /// Writes `unions/<slug>.toml` and returns its path.
    pub fn union(&self, slug: &str, source: &str) -> PathBuf {
        let path = self.union_path(slug);
        write(&path, source);
        path
    }

    /// Writes `unions/<slug>/<name>` (a page file or an asset) and returns its path.
    pub fn union_file(&self, slug: &str, name: &str, contents: &str) -> PathBuf {
        let path = self.path().join("unions").join(slug).join(name);
        write(&path, contents);
        path
    }

    /// Builds through the library into `public/`.
    pub fn build(&self) -> BuildReport {
        self.build_only(&[])
    }

    /// Builds only these slugs through the library.
    pub fn build_only(&self, only: &[&str]) -> BuildReport {
        self.try_build(only).expect("project-wide build error")
    }

    pub fn try_build(&self, only: &[&str]) -> anyhow::Result<BuildReport> {
        kumiai::build(&{
            let mut options = BuildOptions::new(self.path().to_path_buf());
            options.output = None;
            options.only = only.iter().map(|s| s.to_string()).collect();
            options
        })
    }

    /// Runs `kumiai --root <root> build <args…>`.
    pub fn cli(&self, args: &[&str]) -> Output {
        run_cli(self.path(), args)
    }

    /// Reads `public/<rel>` as text.
    pub fn read(&self, rel: &str) -> String {
        let path = self.out().join(rel);
        fs::read_to_string(&path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()))
    }

    /// Builds one union through the library, asserts it built, and returns the HTML of one of
    /// its pages.
    pub fn build_page(&self, slug: &str, page: &str) -> String {
        let report = self.build();
        assert_built(&report, slug);
        self.read(&format!("{slug}/{page}.html"))
    }
}

/// Runs the CLI binary: `kumiai --root <root> build <args…>`.
pub fn run_cli(root: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kumiai"))
        .arg("--root")
        .arg(root)
        .arg("build")
        .args(args)
        .output()
        .expect("run the kumiai binary")
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// `[union]` with a name: the smallest valid override, followed by `rest`.
/// A union file that publishes every item the law asks for (representative, address, one
/// complaints window), so that builds succeed; `rest` follows `[union]`'s identity.
pub fn union_toml(name: &str, rest: &str) -> String {
    format!("[union]\nname = \"{name}\"\n{IDENTITY}\n{rest}\n\n{WINDOW}")
}

/// The identity items [`union_toml`] gives besides the name.
pub const IDENTITY: &str = "representative = \"理事長 見本 太郎\"\npostal_code = \"100-0001\"\naddress = \"東京都千代田区千代田1-1\"\n";

/// The complaints window [`union_toml`] gives.
pub const WINDOW: &str = "[[contacts]]\ndepartment = \"見本健康保険組合 総務部\"\nphone = \"03-1234-5678\"\nhours = \"9:00～17:00\"\n";

/// The problems of a failed union; panics (listing the outcomes) if it did not fail.
pub fn problems(report: &BuildReport, slug: &str) -> Vec<Diagnostic> {
    for outcome in &report.outcomes {
        if let UnionOutcome::Failed { slug: s, problems } = outcome
            && s == slug
        {
            return problems.clone();
        }
    }
    panic!(
        "union `{slug}` did not fail; outcomes: {}",
        describe(report)
    );
}

/// Asserts that a union built, printing its problems otherwise.
pub fn assert_built(report: &BuildReport, slug: &str) {
    let built = report
        .outcomes
        .iter()
        .any(|o| matches!(o, UnionOutcome::Built { slug: s, .. } if s == slug));
    assert!(built, "union `{slug}` did not build: {}", describe(report));
}

/// A readable account of every outcome, for failure messages.
pub fn describe(report: &BuildReport) -> String {
    report
        .outcomes
        .iter()
        .map(|o| match o {
            UnionOutcome::Built { slug, pages, .. } => format!("{slug}: built {pages} pages\n"),
            UnionOutcome::Failed { slug, problems } => {
                let text: String = problems.iter().map(|p| p.to_string()).collect();
                format!("{slug}: failed\n{text}")
            }
        })
        .collect()
}

/// The union's site after merge, through the library (for what the pages don't show).
pub fn merged(project: &Project, slug: &str) -> kumiai::model::UnionSite {
    let loaded = kumiai::Project::load(project.path()).expect("the project loads");
    loaded.merged(slug).expect("the union merges")
}

/// An item of a merged site by id.
pub fn find_item<'a>(site: &'a kumiai::model::UnionSite, id: &str) -> &'a kumiai::model::Item {
    site.policy
        .sections
        .iter()
        .flat_map(|s| &s.groups)
        .flat_map(|g| &g.items)
        .find(|i| i.id == id)
        .unwrap_or_else(|| panic!("no item `{id}`"))
}

/// Runs the CLI binary with any arguments: `kumiai --root <root> <args…>`. The locale is set to
/// `C` so that messages are in English unless the arguments say `--lang ja`.
pub fn run_kumiai(root: &Path, args: &[&str]) -> Output {
    run_kumiai_in_locale(root, "C", args)
}

/// Like [`run_kumiai`], with the locale environment (`LC_ALL`, `LANG`) set to `locale`.
pub fn run_kumiai_in_locale(root: &Path, locale: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kumiai"))
        .env_remove("LANGUAGE")
        .env_remove("LC_MESSAGES")
        .env("LC_ALL", locale)
        .env("LANG", locale)
        .arg("--root")
        .arg(root)
        .args(args)
        .output()
        .expect("run the kumiai binary")
}

/// The exit code of a finished CLI run (panics if it was killed by a signal).
pub fn exit_code(output: &Output) -> i32 {
    output
        .status
        .code()
        .unwrap_or_else(|| panic!("kumiai was killed by a signal\nstderr:\n{}", stderr(output)))
}

impl Project {
    /// Runs `kumiai --root <root> check <args…>` (English unless `--lang ja` is given).
    pub fn check_cli(&self, args: &[&str]) -> Output {
        let mut all = vec!["check"];
        all.extend_from_slice(args);
        run_kumiai(self.path(), &all)
    }

    /// Checks the whole project through the library.
    pub fn check(&self) -> kumiai::check::CheckReport {
        self.check_only(&[])
    }

    /// Checks only these slugs through the library.
    pub fn check_only(&self, only: &[&str]) -> kumiai::check::CheckReport {
        let only: Vec<String> = only.iter().map(|s| s.to_string()).collect();
        kumiai::check::check(self.path(), &only)
    }
}
