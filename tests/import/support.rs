//! A project with the real base and theme, the seeds, the import and build commands, and the
//! fidelity measure (the same as `../shared/tools/fidelity.py`, which is also run when present).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use tempfile::TempDir;
use unicode_normalization::UnicodeNormalization;

use crate::common::{attr_values, copy_dir, repo_root};

/// The seeds: (file stem prefix, name to pass when the page names no union).
pub const SEEDS: [(&str, Option<&str>); 5] = [
    ("000", Some("埼玉サンプル健康保険組合")),
    ("001", Some("大阪サンプル健康保険組合")),
    ("002", None),
    ("003", None),
    ("004", None),
];

/// The folder of the seeds, beside the repository (`../shared/seeds`), when present.
pub fn seeds_dir() -> Option<PathBuf> {
    let dir = repo_root().join("../shared/seeds");
    dir.is_dir().then_some(dir)
}

/// The text of seed `prefix`; `None` (with a note) when the seeds are not beside the repository.
pub fn seed(prefix: &str) -> Option<String> {
    let Some(dir) = seeds_dir() else {
        eprintln!("note: ../shared/seeds is absent; the seed tests are skipped");
        return None;
    };
    let entry = fs::read_dir(&dir)
        .expect("read seeds")
        .filter_map(Result::ok)
        .find(|e| e.file_name().to_string_lossy().starts_with(prefix))
        .unwrap_or_else(|| panic!("seed {prefix} in {}", dir.display()));
    Some(fs::read_to_string(entry.path()).expect("read seed"))
}

/// A throw-away project: the real `content/`, `themes/` and `kumiai.toml`, no unions.
pub struct Site {
    pub dir: TempDir,
}

impl Site {
    pub fn new() -> Site {
        let dir = tempfile::tempdir().expect("temp dir");
        let repo = repo_root();
        copy_dir(&repo.join("content"), &dir.path().join("content"));
        copy_dir(&repo.join("themes"), &dir.path().join("themes"));
        fs::copy(repo.join("kumiai.toml"), dir.path().join("kumiai.toml")).expect("kumiai.toml");
        fs::create_dir(dir.path().join("unions")).expect("unions/");
        Site { dir }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// Writes an input file (outside `unions/`) and returns its path.
    pub fn input(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.root().join("input").join(name);
        fs::create_dir_all(path.parent().expect("parent")).expect("input dir");
        fs::write(&path, bytes).expect("write input");
        path
    }

    /// `kumiai --lang en import FILES --slug s [--name NAME]`.
    pub fn import(&self, files: &[&Path], name: Option<&str>) -> Output {
        let mut args: Vec<String> = vec!["import".into()];
        args.extend(files.iter().map(|f| f.display().to_string()));
        args.extend(["--slug".into(), "s".into()]);
        if let Some(name) = name {
            args.extend(["--name".into(), name.into()]);
        }
        self.kumiai(&args)
    }

    pub fn kumiai(&self, args: &[String]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_kumiai"))
            .arg("--root")
            .arg(self.root())
            .args(["--lang", "en"])
            .args(args)
            .output()
            .expect("run kumiai")
    }

    /// Builds the site; asserts it built.
    pub fn build(&self) {
        let out = self.kumiai(&["build".into(), "--quiet".into()]);
        assert!(
            out.status.success(),
            "build failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    pub fn override_text(&self) -> String {
        fs::read_to_string(self.root().join("unions/s.toml")).expect("unions/s.toml")
    }

    /// Item ids on the built purposes page.
    pub fn item_ids(&self) -> Vec<String> {
        let html =
            fs::read_to_string(self.root().join("public/s/purposes.html")).expect("purposes.html");
        attr_values(&html, "id")
            .into_iter()
            .filter_map(|id| id.strip_prefix("item-").map(str::to_string))
            .collect()
    }

    pub fn site_dir(&self) -> PathBuf {
        self.root().join("public/s")
    }
}

/// Imports `text` (as a file named `name`) and builds; returns the site and the report.
pub fn imported(name: &str, bytes: &[u8], union_name: Option<&str>) -> (Site, String) {
    let site = Site::new();
    let input = site.input(name, bytes);
    let out = site.import(&[&input], union_name);
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "import failed: {}{}",
        stdout,
        String::from_utf8_lossy(&out.stderr)
    );
    site.build();
    (site, stdout)
}

/// The structural share the report prints (「created unions/s.toml: 96.9% of the text …」).
pub fn structural_share(report: &str) -> f64 {
    let percent = report
        .split_once(": ")
        .and_then(|(_, r)| r.split_once('%'))
        .map(|(p, _)| p);
    percent
        .and_then(|p| p.parse::<f64>().ok())
        .expect("a share in the report")
        / 100.0
}

const MARKS: &str = "・-*•◎■▼●□◆◇<>\\";

fn norm(text: &str) -> String {
    let mut plain = String::with_capacity(text.len());
    let mut in_tag = false;
    for c in text.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                plain.push(' ');
            }
            _ if !in_tag => plain.push(c),
            _ => {}
        }
    }
    let plain = plain
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
    plain
        .nfkc()
        .filter(|c| !c.is_whitespace() && !MARKS.contains(*c))
        .collect()
}

/// The share of the seed's text found in the site, in runs of 8 or more characters (the
/// measure of `fidelity.py`; the seed's own text is read as text, tags and all).
pub fn fidelity(seed: &str, site: &Path) -> f64 {
    let mut out = String::new();
    for file in crate::common::files_under(site) {
        if file.extension().is_some_and(|e| e == "html") {
            let html = fs::read_to_string(&file).expect("page");
            out.push_str(&norm(&strip_scripts(&html)));
            out.push('\n');
        }
    }
    let seed: Vec<char> = norm(seed).chars().collect();
    let text = |a: usize, b: usize| seed[a..b].iter().collect::<String>();
    let (mut covered, mut i) = (0, 0);
    while i < seed.len() {
        if i + 8 <= seed.len() && out.contains(&text(i, i + 8)) {
            let (mut lo, mut hi) = (8, seed.len() - i);
            while lo < hi {
                let mid = (lo + hi).div_ceil(2);
                if out.contains(&text(i, i + mid)) {
                    lo = mid
                } else {
                    hi = mid - 1
                }
            }
            covered += lo;
            i += lo;
        } else {
            i += 1;
        }
    }
    if seed.is_empty() {
        1.0
    } else {
        covered as f64 / seed.len() as f64
    }
}

fn strip_scripts(html: &str) -> String {
    let mut out = html.to_string();
    for tag in ["script", "style"] {
        while let Some(start) = out.find(&format!("<{tag}")) {
            let end = out[start..]
                .find(&format!("</{tag}>"))
                .map_or(out.len(), |e| start + e + tag.len() + 3);
            out.replace_range(start..end, " ");
        }
    }
    out
}

/// Runs `../shared/tools/fidelity.py SEED SITE --min 0.99` when it is there; notes its absence.
pub fn official_fidelity(seed_path_prefix: &str, site: &Path) {
    let tool = repo_root().join("../shared/tools/fidelity.py");
    let Some(dir) = seeds_dir().filter(|_| tool.is_file()) else {
        eprintln!("note: ../shared/tools/fidelity.py is absent; only the test's own measure ran");
        return;
    };
    let seed = fs::read_dir(&dir)
        .expect("seeds")
        .filter_map(Result::ok)
        .find(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with(seed_path_prefix)
        })
        .expect("seed file")
        .path();
    match Command::new("python3")
        .arg(&tool)
        .arg(&seed)
        .arg(site)
        .args(["--min", "0.99"])
        .output()
    {
        Ok(out) => assert!(
            out.status.success(),
            "fidelity.py: {}",
            String::from_utf8_lossy(&out.stdout)
        ),
        Err(e) => eprintln!("note: python3 could not run ({e}); only the test's own measure ran"),
    }
}
