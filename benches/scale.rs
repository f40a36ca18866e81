//! Scale benchmark of `kumiai build`: N synthetic unions, full build against the `cp -r` floor,
//! no-op and incremental rebuilds, peak memory. Writes its tables into `BENCHMARKS.md`.
//!
//! ```sh
//! cargo bench --bench scale                              # N = 100, 1,400 and 5,000
//! KUMIAI_BENCH_SIZES=100,1400 cargo bench --bench scale  # chosen sizes only
//! ```
//!
//! For each N (in increasing order) it generates, deterministically, a project in a temp dir:
//! the repository's `content/`, `themes/` and `kumiai.toml`, and N unions made by cycling the
//! example unions in `unions/` with their own slug and name, their own phone numbers and postal
//! codes, some base items removed, reworded or added, contractors (外部委託先) attached, both
//! layouts (list and table, a narrative of its own sections, a table of data kinds), and Markdown
//! pages (an added page `storage.md` for three unions in four). Every union must build (0 failed).
//!
//! Every measurement runs the release `kumiai` binary (or `KUMIAI_BENCH_BIN`'s) as a child
//! process, reaped with `wait4`, so wall time, CPU time (user + sys) and peak RSS (`ru_maxrss`)
//! are those of that one process (not a maximum over every child the bench ever waited for):
//!
//! - **full build**: `kumiai build --force` into a new, empty output folder, 5 times (N ≤ 1,400)
//!   or 3; the fastest is reported (CPU time of that run; peak RSS the largest of all runs);
//! - **copy floor**: after each build, `cp -r` of its output tree to a new sibling folder on the
//!   same disk; the fastest is reported. Caches cannot be dropped without root, so the copy reads
//!   a tree that is in the page cache, as kumiai reads inputs that are;
//! - the same two **on tmpfs** (`/dev/shm`; the project stays on the disk), free of file-system
//!   artefacts;
//! - **no-op rebuild**: `kumiai build` with nothing changed, 5 times (median); every file's
//!   mtime and size are compared before and after, and must be unchanged;
//! - **one-union rebuild**: one union's file gets a new name, then `kumiai build`, 5 times
//!   (median); only that union's folder and the federation's files at the root (portal,
//!   `unions.json`, contractor index) may change. The same with
//!   `kumiai build --union SLUG` is reported for reference;
//! - **base-item rebuild**: the text of one item in `content/purposes.toml` changes, then
//!   `kumiai build` (every union is rendered again; files whose bytes did not change are not
//!   rewritten).
//!
//! On the disk, nothing is deleted until the end of the run: on an ext4 file system without a
//! journal (as on the machine these figures come from), creating files within 1 to 5 minutes of
//! deleting many is several times slower (the inode allocator checks recently deleted inodes one
//! by one: `recently_deleted()` in `fs/ext4/ialloc.c`, RECENTCY_MIN 60 s, RECENTCY_DIRTY 300 s),
//! which would distort whichever measurement comes after an `rm -rf` (other processes deleting
//! files on the same disk still can: hence the best of several runs, and a probe before each size
//! that times the creation of 1,000 empty files and waits, up to 4 minutes, while it is slow).
//! The machine is shared, so before each size the bench also waits (up to 2 min) for it to be
//! nearly idle, and it reports the CPU time other processes used during the reported runs. Do not
//! run two of these benches at once.
//!
//! Optionally (when `hugo` is on the PATH and `KUMIAI_BENCH_HUGO` is not `0`), the same number
//! of pages is built by Hugo from a minimal site whose pages carry the text of kumiai's generated
//! pages, with the same method (3 runs into new folders, each followed by `cp -r`, best
//! reported; `--minify`, as kumiai minifies).
//!
//! Options (environment): `KUMIAI_BENCH_SIZES` (default `100,1400,5000`), `KUMIAI_BENCH_HUGO`
//! (default on), `KUMIAI_BENCH_DIR` (where the temp projects go; default the system temp dir),
//! `KUMIAI_BENCH_TMPFS` (where the in-memory variant goes; default `/dev/shm` when it is a
//! tmpfs; `-` for none), `KUMIAI_BENCH_KEEP` (set: keep the generated projects, e.g. to profile
//! them), `KUMIAI_BENCH_MD` (the file to update; default `BENCHMARKS.md` in the repository; `-`
//! for none), `KUMIAI_BENCH_BIN` (the path of the `kumiai` binary to measure instead of the
//! release binary cargo builds for this bench, e.g. one built from another commit, to compare
//! two versions; it must print the same summary line; the report names it instead of the
//! commit). The tables go between the `<!-- bench:begin -->` and `<!-- bench:end -->` markers of
//! that file; the text around them (method, profile notes) is kept.
//!
//! ```sh
//! KUMIAI_BENCH_BIN=/tmp/kumiai-old KUMIAI_BENCH_MD=- cargo bench --bench scale  # another build
//! ```

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::LazyLock;
use std::time::{Duration, Instant, SystemTime};

#[path = "scale/child.rs"]
mod child;
#[path = "scale/hugo.rs"]
mod hugo;
#[path = "scale/measure.rs"]
mod measure;
#[path = "scale/project.rs"]
mod project;
#[path = "scale/report.rs"]
mod report;

use hugo::hugo_available;
use measure::{SizeResult, measure};
use report::{machine, report, update_markdown};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The `kumiai` binary to measure: `KUMIAI_BENCH_BIN` when it is set (made absolute, so it does
/// not depend on the folder a child runs in), else the release binary cargo built for the bench.
static KUMIAI_BIN: LazyLock<PathBuf> = LazyLock::new(|| match bench_bin() {
    Some(path) => fs::canonicalize(&path)
        .unwrap_or_else(|e| panic!("KUMIAI_BENCH_BIN={}: {e}", path.display())),
    None => PathBuf::from(env!("CARGO_BIN_EXE_kumiai")),
});

/// `KUMIAI_BENCH_BIN`, unless it is unset or empty.
fn bench_bin() -> Option<PathBuf> {
    std::env::var_os("KUMIAI_BENCH_BIN")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` passes nothing and expects speed.
    if !std::env::args().any(|a| a == "--bench") {
        println!("scale: run with `cargo bench --bench scale`");
        return;
    }
    let sizes: Vec<usize> = std::env::var("KUMIAI_BENCH_SIZES")
        .unwrap_or_else(|_| "100,1400,5000".into())
        .split(',')
        .map(|s| {
            s.trim()
                .replace('_', "")
                .parse()
                .expect("KUMIAI_BENCH_SIZES: numbers")
        })
        .collect::<BTreeSet<usize>>()
        .into_iter()
        .collect();
    if bench_bin().is_some() {
        // Fail now on a wrong path, not after the first project is generated.
        eprintln!("measuring {} (KUMIAI_BENCH_BIN)", KUMIAI_BIN.display());
    }
    let parent = std::env::var_os("KUMIAI_BENCH_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(std::env::temp_dir);
    let hugo_version = hugo_available();
    let use_hugo =
        hugo_version.is_some() && std::env::var("KUMIAI_BENCH_HUGO").map_or(true, |v| v != "0");
    if hugo_version.is_none() {
        eprintln!("hugo is not installed: the Hugo comparison is skipped");
    }
    let machine = machine(&parent);
    let started = Instant::now();
    // The temp dirs are all deleted at the end, not between sizes (see `measure`).
    let (results, dirs): (Vec<SizeResult>, Vec<tempfile::TempDir>) =
        sizes.iter().map(|&n| measure(n, &parent, use_hugo)).unzip();
    let tables = report(&results, &machine, &hugo_version);
    println!("\n{tables}");
    println!("bench ran in {:.0} s", started.elapsed().as_secs_f64());
    if std::env::var_os("KUMIAI_BENCH_KEEP").is_some() {
        for dir in dirs {
            eprintln!("kept {}", dir.keep().display());
        }
    } else {
        let started = Instant::now();
        drop(dirs);
        println!(
            "temp folders deleted in {:.0} s",
            started.elapsed().as_secs_f64()
        );
    }
    let target = std::env::var("KUMIAI_BENCH_MD")
        .unwrap_or_else(|_| repo().join("BENCHMARKS.md").to_string_lossy().into_owned());
    if target != "-" {
        update_markdown(Path::new(&target), &tables);
        println!("tables written to {target}");
    }
}
