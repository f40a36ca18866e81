//! The measurements of one size: full builds, copy floors, no-op and incremental rebuilds.

use super::child::{Run, run, wait_for_disk, wait_quiet};
use super::hugo::hugo_compare;
use super::project::{BASE_EDIT_NEW, BASE_EDIT_OLD, generate_project};
use super::report::file_system;
use super::*;

/// Every file under a folder: relative path → (mtime, size).
type Snapshot = BTreeMap<PathBuf, (SystemTime, u64)>;

pub(crate) fn snapshot(dir: &Path) -> Snapshot {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let meta = e.metadata().unwrap();
            (
                e.path().strip_prefix(dir).unwrap().to_path_buf(),
                (meta.modified().unwrap(), meta.len()),
            )
        })
        .collect()
}

/// Files added, removed, or whose mtime or size changed.
fn changed(before: &Snapshot, after: &Snapshot) -> Vec<PathBuf> {
    let keys: BTreeSet<&PathBuf> = before.keys().chain(after.keys()).collect();
    keys.into_iter()
        .filter(|k| before.get(*k) != after.get(*k))
        .cloned()
        .collect()
}

pub(crate) fn tree_size(snap: &Snapshot) -> (usize, u64) {
    (snap.len(), snap.values().map(|(_, len)| len).sum())
}

fn kumiai(root: &Path, out: &Path) -> Command {
    let mut cmd = Command::new(&*KUMIAI_BIN);
    cmd.arg("--lang")
        .arg("en")
        .arg("--root")
        .arg(root)
        .arg("build")
        .arg("--output")
        .arg(out);
    cmd
}

/// `built N unions (P pages) in X ms into …[; K unchanged]`: (P, K). Panics on any failure or
/// when the number of unions built is not `expected_unions`.
fn parse_summary(run: &Run, expected_unions: usize) -> (usize, usize) {
    let line = run.stdout.lines().last().unwrap_or_default();
    assert!(
        line.starts_with("built ") && !line.contains("failed"),
        "unexpected summary: {line}\n{}",
        run.stderr
    );
    let words: Vec<&str> = line.split_whitespace().collect();
    let unions: usize = words[1].parse().unwrap();
    let pages: usize = words[3].trim_start_matches('(').parse().unwrap();
    assert_eq!(unions, expected_unions, "{line}");
    let unchanged = line
        .split("; ")
        .find_map(|part| part.strip_suffix(" unchanged")?.parse().ok())
        .unwrap_or(0);
    (pages, unchanged)
}

/// The run of median wall time, and the fastest and slowest wall times.
fn median(mut runs: Vec<Run>) -> (Run, Duration, Duration) {
    runs.sort_by_key(|r| r.wall);
    let (min, max) = (runs[0].wall, runs[runs.len() - 1].wall);
    (runs[runs.len() / 2].clone(), min, max)
}

pub(crate) fn fastest(runs: &[Run]) -> Run {
    runs.iter().min_by_key(|r| r.wall).unwrap().clone()
}

/// How many times Hugo's builds and their copies are repeated (each into a new folder).
pub(crate) const REPEAT: usize = 3;

/// How many times kumiai's full builds and their copies are repeated (each into a new folder).
fn repeats(n: usize) -> usize {
    if n <= 1400 { 5 } else { 3 }
}

/// A tmpfs folder for the in-memory variant of the full build (`KUMIAI_BENCH_TMPFS`, default
/// `/dev/shm`; `-` for none).
fn tmpfs_dir() -> Option<PathBuf> {
    let dir = std::env::var("KUMIAI_BENCH_TMPFS").unwrap_or_else(|_| "/dev/shm".into());
    if dir == "-" {
        return None;
    }
    let dir = PathBuf::from(dir);
    file_system(&dir).starts_with("tmpfs").then_some(dir)
}

pub(crate) struct HugoResult {
    pub(crate) pages: usize,
    pub(crate) runs: Vec<Run>,
    pub(crate) floors: Vec<Run>,
    pub(crate) files: usize,
    pub(crate) bytes: u64,
}

pub(crate) struct SizeResult {
    pub(crate) n: usize,
    pub(crate) table_layout: usize,
    pub(crate) md_pages: usize,
    pub(crate) pages: usize,
    pub(crate) files: usize,
    pub(crate) bytes: u64,
    pub(crate) html_bytes: u64,
    pub(crate) html_files: usize,
    pub(crate) probe: Duration,
    pub(crate) quiet: f64,
    pub(crate) fulls: Vec<Run>,
    pub(crate) floors: Vec<Run>,
    pub(crate) mem_fulls: Vec<Run>,
    pub(crate) mem_floors: Vec<Run>,
    pub(crate) noop: Run,
    pub(crate) noop_min: Duration,
    pub(crate) noop_max: Duration,
    pub(crate) noop_untouched: bool,
    pub(crate) one: Run,
    pub(crate) one_min: Duration,
    pub(crate) one_max: Duration,
    pub(crate) one_files: usize,
    pub(crate) one_only_that_union: bool,
    pub(crate) one_flag: Run,
    pub(crate) base: Run,
    pub(crate) base_files: usize,
    pub(crate) base_unions: usize,
    pub(crate) hugo: Option<Result<HugoResult, String>>,
}

/// Measures one size. The folders are never deleted during the measurements (the returned temp
/// dir is dropped at the very end): on this disk (ext4 without a journal) creating files within
/// about 30 s of deleting many is several times slower (`recently_deleted` in the inode
/// allocator), which would distort both the build and the copy.
pub(crate) fn measure(n: usize, parent: &Path, hugo: bool) -> (SizeResult, tempfile::TempDir) {
    let dir = tempfile::Builder::new()
        .prefix(&format!("kumiai-scale-{n}-"))
        .tempdir_in(parent)
        .unwrap();
    let scratch = dir.path();
    let root = scratch.join("project");
    let t0 = Instant::now();
    let unions = generate_project(&root, n);
    let md_pages = unions.iter().map(|u| u.pages.len()).sum();
    let table_layout = unions.iter().filter(|u| u.table_layout).count();
    eprintln!(
        "[N={n}] generated {n} unions ({table_layout} table layout, {md_pages} Markdown files) in {} ms",
        t0.elapsed().as_millis()
    );
    let probe = wait_for_disk(scratch, &format!("[N={n}]"));
    let quiet = wait_quiet(&format!("[N={n}]"));

    // Full builds into new, empty folders, each followed by `cp -r` of its output.
    let mut fulls = Vec::new();
    let mut floors = Vec::new();
    let mut pages = 0;
    for k in 1..=repeats(n) {
        let out = scratch.join(format!("public-{k}"));
        let r = run(kumiai(&root, &out).arg("--force"), scratch);
        pages = parse_summary(&r, n).0;
        let c = run(
            Command::new("cp")
                .arg("-r")
                .arg(&out)
                .arg(scratch.join(format!("copy-{k}"))),
            scratch,
        );
        eprintln!(
            "[N={n}] full build {k}: {:.3} s wall, {:.3} s CPU, {} MiB peak RSS, others {:.2} s CPU; cp -r {:.3} s wall, others {:.2} s CPU",
            r.wall.as_secs_f64(),
            r.cpu.as_secs_f64(),
            r.max_rss_kib / 1024,
            r.others.as_secs_f64(),
            c.wall.as_secs_f64(),
            c.others.as_secs_f64(),
        );
        fulls.push(r);
        floors.push(c);
    }
    // The same in memory (tmpfs), where deleting is harmless: no file-system artefacts.
    let mut mem_fulls = Vec::new();
    let mut mem_floors = Vec::new();
    if let Some(tmpfs) = tmpfs_dir() {
        let mem = tempfile::Builder::new()
            .prefix(&format!("kumiai-scale-{n}-"))
            .tempdir_in(&tmpfs)
            .unwrap();
        let (out, copy) = (mem.path().join("public"), mem.path().join("copy"));
        for _ in 0..repeats(n) {
            let r = run(kumiai(&root, &out).arg("--force"), scratch);
            parse_summary(&r, n);
            let c = run(Command::new("cp").arg("-r").arg(&out).arg(&copy), scratch);
            fs::remove_dir_all(&out).unwrap();
            fs::remove_dir_all(&copy).unwrap();
            mem_fulls.push(r);
            mem_floors.push(c);
        }
        eprintln!(
            "[N={n}] on tmpfs: full build {:.3} s, cp -r {:.3} s (best of {})",
            fastest(&mem_fulls).wall.as_secs_f64(),
            fastest(&mem_floors).wall.as_secs_f64(),
            repeats(n)
        );
    }

    let out = scratch.join(format!("public-{}", repeats(n)));
    let snap = snapshot(&out);
    let (files, bytes) = tree_size(&snap);
    let html: Vec<u64> = snap
        .iter()
        .filter(|(p, _)| p.extension().is_some_and(|x| x == "html"))
        .map(|(_, (_, len))| *len)
        .collect();
    for u in &unions {
        assert!(
            snap.contains_key(&Path::new(&u.slug).join("index.html")),
            "{} has a site",
            u.slug
        );
    }

    // No-op rebuilds: nothing may be rewritten.
    let mut noops = Vec::new();
    let mut noop_untouched = true;
    for _ in 0..5 {
        let before = snapshot(&out);
        let r = run(&mut kumiai(&root, &out), scratch);
        let (_, unchanged) = parse_summary(&r, n);
        let diff = changed(&before, &snapshot(&out));
        if unchanged != n {
            eprintln!("[N={n}] no-op rebuild: {unchanged} of {n} unions reported unchanged");
        }
        if !diff.is_empty() {
            eprintln!(
                "[N={n}] no-op rebuild touched {} files, e.g. {:?}",
                diff.len(),
                &diff[..diff.len().min(5)]
            );
            noop_untouched = false;
        }
        noops.push(r);
    }
    let (noop, noop_min, noop_max) = median(noops);
    eprintln!(
        "[N={n}] no-op rebuild: median {:.1} ms, files untouched: {noop_untouched}",
        noop.wall.as_secs_f64() * 1e3
    );

    // One union's file changes (its name): only its folder and the root's files may change.
    let target = &unions[n / 2];
    let path = root.join("unions").join(format!("{}.toml", target.slug));
    let mut current = target.name.clone();
    let rename = |edit: usize, current: &mut String| {
        let text = fs::read_to_string(&path).unwrap();
        let next = format!("{}（改{edit}）", target.name);
        let updated = text.replacen(
            &format!("name = \"{current}\""),
            &format!("name = \"{next}\""),
            1,
        );
        assert_ne!(updated, text);
        fs::write(&path, updated).unwrap();
        *current = next;
    };
    let mut ones = Vec::new();
    let mut one_only_that_union = true;
    let mut one_files = 0;
    for edit in 1..=5 {
        rename(edit, &mut current);
        let before = snapshot(&out);
        let r = run(&mut kumiai(&root, &out), scratch);
        let (_, unchanged) = parse_summary(&r, n);
        let diff = changed(&before, &snapshot(&out));
        if unchanged != n - 1 {
            eprintln!("[N={n}] one-union rebuild: {unchanged} of {n} unions reported unchanged");
        }
        // The union's folder, and the federation's files at the root (portal, unions.json,
        // contractor index, their bookkeeping): never another union's folder.
        let ours = |p: &PathBuf| p.starts_with(&target.slug) || p.components().count() == 1;
        if !diff.iter().all(ours)
            || !diff.contains(&Path::new(&target.slug).join("index.html"))
            || !diff.contains(&PathBuf::from("index.html"))
        {
            eprintln!("[N={n}] one-union rebuild changed {diff:?}");
            one_only_that_union = false;
        }
        one_files = diff.len();
        ones.push(r);
    }
    let (one, one_min, one_max) = median(ones);
    let mut flagged = Vec::new();
    for edit in 6..=10 {
        rename(edit, &mut current);
        let r = run(kumiai(&root, &out).args(["--union", &target.slug]), scratch);
        parse_summary(&r, 1);
        flagged.push(r);
    }
    let (one_flag, _, _) = median(flagged);
    eprintln!(
        "[N={n}] one-union rebuild: median {:.1} ms ({one_files} files rewritten, only that union and the root's files: {one_only_that_union}); with --union: {:.1} ms",
        one.wall.as_secs_f64() * 1e3,
        one_flag.wall.as_secs_f64() * 1e3
    );

    // One base item's text changes: every union is rendered again.
    let purposes = root.join("content/purposes.toml");
    let text = fs::read_to_string(&purposes).unwrap();
    assert_eq!(text.matches(BASE_EDIT_OLD).count(), 1);
    fs::write(&purposes, text.replacen(BASE_EDIT_OLD, BASE_EDIT_NEW, 1)).unwrap();
    let before = snapshot(&out);
    let base = run(&mut kumiai(&root, &out), scratch);
    assert_eq!(
        parse_summary(&base, n).1,
        0,
        "no union is unchanged after a base change"
    );
    let diff = changed(&before, &snapshot(&out));
    let base_unions = diff
        .iter()
        .filter(|p| p.components().count() == 2 && p.ends_with(".kumiai-files"))
        .count();
    assert_eq!(
        base_unions, n,
        "every union's manifest gets the new fingerprint"
    );
    eprintln!(
        "[N={n}] base-item rebuild: {:.3} s, {} files rewritten, {base_unions} unions re-rendered",
        base.wall.as_secs_f64(),
        diff.len()
    );

    let hugo = hugo.then(|| hugo_compare(&root, &out, &unions, pages, scratch));
    if let Some(Ok(h)) = &hugo {
        eprintln!(
            "[N={n}] hugo: {} pages in {:.3} s (best of {}), floor {:.3} s",
            h.pages,
            fastest(&h.runs).wall.as_secs_f64(),
            h.runs.len(),
            fastest(&h.floors).wall.as_secs_f64()
        );
    }
    let result = SizeResult {
        n,
        table_layout,
        md_pages,
        pages,
        files,
        bytes,
        html_bytes: html.iter().sum(),
        html_files: html.len(),
        probe,
        quiet,
        fulls,
        floors,
        mem_fulls,
        mem_floors,
        noop,
        noop_min,
        noop_max,
        noop_untouched,
        one,
        one_min,
        one_max,
        one_files,
        one_only_that_union,
        one_flag,
        base,
        base_files: diff.len(),
        base_unions,
        hugo,
    };
    (result, dir)
}
