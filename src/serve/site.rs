//! The in-memory site `serve` answers from, and the rebuilds that keep it current.
//!
//! Nothing is written to disk: every union's rendered files live in a map (path → bytes) behind
//! an `RwLock` that readers hold only long enough to clone an `Arc`. A rebuild renders outside the
//! lock and swaps the result in, so a request never waits for a render and never sees half a
//! union. A union whose file is broken keeps its last good files; its diagnostics are kept beside
//! them for the overlay.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use axum::body::Bytes;
use rayon::prelude::*;
use serde::Serialize;
use tokio::sync::broadcast;

use crate::build::{Project, Rendered, render_in_memory, select_unions, slug_of};
use crate::diagnostic::{Diagnostic, Diagnostics, Lang, Severity};
use crate::federation::{self, record::UnionRecord};
use crate::lint::lint;
use crate::load::Config;
use crate::render::{self, OutputFile, PortalEntry};

/// One site's files: path relative to the site root (`index.html`, `assets/style.css`) → bytes.
pub(crate) type Files = Arc<HashMap<String, Bytes>>;

/// The generations at which a scope last changed, and last changed in more than its stylesheet.
/// A tab that has seen generation `g` reloads when `reloaded > g`, swaps its CSS when only
/// `changed > g`.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Stamp {
    pub changed: u64,
    pub reloaded: u64,
}

impl Stamp {
    fn mark(&mut self, generation: u64, change: Change) {
        match change {
            Change::None => {}
            Change::Css => self.changed = generation,
            Change::Pages => {
                self.changed = generation;
                self.reloaded = generation;
            }
        }
    }
}

/// How a site's output differs from what was served before.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Change {
    /// Byte for byte the same: the open tabs are already current.
    None,
    /// Only stylesheets differ: tabs can swap them without reloading.
    Css,
    /// A page, an image or the set of files differs: tabs reload.
    Pages,
}

fn compare(old: Option<&HashMap<String, Bytes>>, new: &HashMap<String, Bytes>) -> Change {
    let Some(old) = old else {
        return Change::Pages;
    };
    // A new stylesheet has a new name, and every page links to it: compare against the old
    // files moved to that name, so a change of the stylesheet alone is still only `Css`.
    let moved;
    let old = match (stylesheet(old), stylesheet(new)) {
        (Some(from), Some(to)) if from != to => {
            moved = with_stylesheet(old, to, &old[from]);
            &moved
        }
        _ => old,
    };
    let mut change = Change::None;
    for (path, bytes) in new {
        if old.get(path) != Some(bytes) {
            if !path.ends_with(".css") || !old.contains_key(path) {
                return Change::Pages;
            }
            change = Change::Css;
        }
    }
    if old.keys().any(|path| !new.contains_key(path)) {
        return Change::Pages;
    }
    change
}

/// The path of a site's fingerprinted stylesheet (`assets/style.<hash>.css`), if it has one.
pub(crate) fn stylesheet(files: &HashMap<String, Bytes>) -> Option<&str> {
    files
        .keys()
        .find(|p| render::is_css_path(p))
        .map(String::as_str)
}

/// `files` with its stylesheet replaced by `css` at `path`, and its pages linking there: what a
/// render with that stylesheet gives when nothing else changed, without rendering again.
fn with_stylesheet(
    files: &HashMap<String, Bytes>,
    path: &str,
    css: &Bytes,
) -> HashMap<String, Bytes> {
    let old = stylesheet(files).filter(|old| *old != path);
    let mut out = HashMap::with_capacity(files.len());
    for (p, bytes) in files {
        match old {
            Some(old) if p == old => continue,
            Some(old) if p.ends_with(".html") => {
                out.insert(p.clone(), relink(bytes, old, path));
            }
            _ => {
                out.insert(p.clone(), bytes.clone());
            }
        }
    }
    out.insert(path.to_string(), css.clone());
    out
}

/// Replaces the first `old` in a page (the `<link>` in its head) by `new`.
fn relink(html: &Bytes, old: &str, new: &str) -> Bytes {
    let Some(at) = html.windows(old.len()).position(|w| w == old.as_bytes()) else {
        return html.clone();
    };
    let mut out = Vec::with_capacity(html.len() + new.len() - old.len().min(new.len()));
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(new.as_bytes());
    out.extend_from_slice(&html[at + old.len()..]);
    Bytes::from(out)
}

/// What `serve` knows about one union.
pub(crate) struct UnionEntry {
    /// The union's name in its last good build (the slug until it has one).
    pub name: String,
    /// Its last good files; `None` when it never built or its file was removed.
    pub files: Option<Files>,
    /// The errors of its last attempt when it failed, else its lint findings.
    pub diagnostics: Vec<Diagnostic>,
    pub stamp: Stamp,
    /// What the federation's files (portal, contractor index, unions.json) need of its last
    /// good build.
    pub record: Option<UnionRecord>,
}

/// Which part of the site a browser tab shows, for what it must be told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Scope {
    /// A subscriber that named no page (a script, a test): told about everything.
    All,
    /// The portal (`/`), which lists every union.
    Portal,
    /// One union's pages.
    Union(String),
}

/// Everything the HTTP side reads.
pub(crate) struct SiteState {
    /// Bumped by every rebuild; pages are served with the generation they belong to.
    pub generation: u64,
    pub unions: BTreeMap<String, UnionEntry>,
    /// The portal's files (`None` with `--union`, or before the project first loaded).
    pub portal: Option<Files>,
    pub portal_stamp: Stamp,
    /// Any change at all, for [`Scope::All`].
    pub all_stamp: Stamp,
    /// Problems in `kumiai.toml`, `content/` or the theme: nothing can be rebuilt until fixed.
    pub project_errors: Vec<Diagnostic>,
    /// `--union SLUG`: that union is served at `/`.
    pub only: Option<String>,
}

impl SiteState {
    pub fn new(only: Option<String>) -> Self {
        SiteState {
            generation: 0,
            unions: BTreeMap::new(),
            portal: None,
            portal_stamp: Stamp::default(),
            all_stamp: Stamp::default(),
            project_errors: Vec::new(),
            only,
        }
    }

    /// When `scope` last changed.
    pub fn stamp(&self, scope: &Scope) -> Stamp {
        match scope {
            Scope::All => self.all_stamp,
            Scope::Portal => self.portal_stamp,
            Scope::Union(slug) => self.unions.get(slug).map(|u| u.stamp).unwrap_or_default(),
        }
    }

    /// The scope of a page path as the browser shows it (`/`, `/acom/purposes.html`).
    pub fn scope_of_page(&self, segments: &[String]) -> Scope {
        if let Some(only) = &self.only {
            return Scope::Union(only.clone());
        }
        match segments.first() {
            // A folder-like first segment is a union, built or not yet: its tab reloads when it
            // appears. `index.html`, `assets/…` and other files belong to the portal.
            Some(first) if segments.len() > 1 || !first.contains('.') => {
                Scope::Union(first.clone())
            }
            _ => Scope::Portal,
        }
    }

    /// The diagnostics a tab showing `scope` should see: the project's, then its union's (or
    /// every union's for the portal), errors first.
    pub fn diagnostics(&self, scope: &Scope) -> Vec<&Diagnostic> {
        let mut list: Vec<&Diagnostic> = self.project_errors.iter().collect();
        match scope {
            Scope::Union(slug) => {
                if let Some(entry) = self.unions.get(slug) {
                    list.extend(&entry.diagnostics);
                }
            }
            Scope::All | Scope::Portal => {
                for entry in self.unions.values() {
                    list.extend(&entry.diagnostics);
                }
            }
        }
        list.sort_by_key(|d| d.severity);
        list
    }
}

/// At most this many diagnostics go to a browser at once; the rest are counted.
const OVERLAY_LIMIT: usize = 200;

/// The JSON of an `errors` / `ok` event: the same diagnostics as `kumiai check`, with each one's
/// code frame parts, so the overlay can build its DOM from plain text.
#[derive(Serialize)]
pub(crate) struct Payload<'a> {
    pub lang: &'static str,
    pub errors: usize,
    pub warnings: usize,
    pub notes: usize,
    /// Diagnostics left out of `diagnostics` because there were too many.
    pub omitted: usize,
    pub diagnostics: Vec<PayloadItem<'a>>,
}

#[derive(Serialize)]
pub(crate) struct PayloadItem<'a> {
    pub severity: Severity,
    pub rule: &'a str,
    pub file: String,
    pub line: usize,
    pub column: usize,
    /// `file:line:column` (or just `file` when the problem is the whole file).
    pub location: String,
    pub message: &'a str,
    pub suggestion: Option<&'a str>,
    pub acknowledged: Option<&'a str>,
    pub source_line: Option<&'a str>,
    pub width: usize,
    /// The whole diagnostic as `kumiai check` prints it, code frame included.
    pub text: String,
}

impl<'a> Payload<'a> {
    pub fn new(list: &[&'a Diagnostic], lang: Lang) -> Self {
        let count = |s: Severity| list.iter().filter(|d| d.severity == s).count();
        let diagnostics = list
            .iter()
            .take(OVERLAY_LIMIT)
            .map(|d| {
                let file = d.file.display().to_string();
                PayloadItem {
                    severity: d.severity,
                    rule: d.rule,
                    location: if d.line == 0 {
                        file.clone()
                    } else {
                        format!("{file}:{}:{}", d.line, d.column)
                    },
                    file,
                    line: d.line,
                    column: d.column,
                    message: d.message_in(lang),
                    suggestion: d.suggestion_in(lang),
                    acknowledged: d.acknowledged.as_deref(),
                    source_line: d.source_line.as_deref(),
                    width: d.width,
                    text: d.render(lang),
                }
            })
            .collect();
        Payload {
            lang: match lang {
                Lang::En => "en",
                Lang::Ja => "ja",
            },
            errors: count(Severity::Error),
            warnings: count(Severity::Warning),
            notes: count(Severity::Note),
            omitted: list.len().saturating_sub(OVERLAY_LIMIT),
            diagnostics,
        }
    }
}

/// What a batch of file changes asks for.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct Work {
    /// `kumiai.toml`, `content/` or `themes/` changed: reload the project, rebuild every union.
    pub all: bool,
    /// Only the theme's stylesheet changed: swap it in without rendering every page again.
    pub stylesheet: bool,
    /// These unions' files changed.
    pub unions: BTreeSet<String>,
}

impl Work {
    pub fn is_empty(&self) -> bool {
        !self.all && !self.stylesheet && self.unions.is_empty()
    }
}

/// The outcome of one union's render.
struct Attempt {
    slug: String,
    outcome: Result<Built, Vec<Diagnostic>>,
}

/// A union that rendered: its name, its files and its lint findings.
struct Built {
    name: String,
    files: HashMap<String, Bytes>,
    lints: Vec<Diagnostic>,
    record: UnionRecord,
}

/// Runs rebuilds and keeps [`SiteState`] current. Lives on the watcher's thread.
pub(crate) struct Engine {
    root: PathBuf,
    lang: Lang,
    project: Option<Project>,
    state: Arc<RwLock<SiteState>>,
    ticks: broadcast::Sender<u64>,
}

impl Engine {
    pub fn new(
        root: PathBuf,
        lang: Lang,
        state: Arc<RwLock<SiteState>>,
        ticks: broadcast::Sender<u64>,
    ) -> Self {
        Engine {
            root,
            lang,
            project: None,
            state,
            ticks,
        }
    }

    fn only(&self) -> Option<String> {
        read(&self.state).only.clone()
    }

    /// Rebuilds what `work` asks for, updates the state, tells the tabs and prints one line.
    pub fn run(&mut self, work: &Work) {
        let started = Instant::now();
        if work.all || self.project.is_none() {
            self.rebuild_all(started);
            return;
        }
        if work.stylesheet && self.swap_stylesheet(started) {
            // That turned into a full rebuild, which covered the unions too.
            return;
        }
        if !work.unions.is_empty() {
            self.rebuild_unions(&work.unions, Instant::now());
        }
    }

    /// Loads the project again and renders every union, in parallel.
    pub fn rebuild_all(&mut self, started: Instant) {
        if let Some(project) = self.load_project(started) {
            self.rebuild_all_with(project, started);
        }
    }

    /// Loads settings, base and theme; on failure records and reports the problems, keeps
    /// serving the last good pages, and returns `None`.
    fn load_project(&mut self, started: Instant) -> Option<Project> {
        match Project::load(&self.root) {
            Ok(project) => Some(project),
            Err(e) => {
                let problems = self.project_diagnostics(&e);
                for d in &problems {
                    eprint!("{}", d.render(self.lang));
                }
                self.project = None;
                let first = {
                    let mut state = write(&self.state);
                    state.project_errors = problems;
                    state.generation += 1;
                    state.generation == 1
                };
                self.tick();
                let ms = started.elapsed().as_millis();
                if first {
                    self.say(
                        &format!(
                            "the project could not be loaded ({ms} ms); the pages appear once it is fixed and saved"
                        ),
                        &format!(
                            "プロジェクトを読み込めませんでした（{ms} ms）。直して保存するとページが表示されます"
                        ),
                    );
                } else {
                    self.say(
                        &format!(
                            "the project could not be loaded ({ms} ms); the last good pages are still served"
                        ),
                        &format!(
                            "プロジェクトを読み込めませんでした（{ms} ms）。最後に正常だったページを表示しています"
                        ),
                    );
                }
                None
            }
        }
    }

    /// Only the theme's stylesheet changed: reload the project (which compiles it), check on one
    /// union that its pages are indeed unchanged, then swap the stylesheet into every site
    /// instead of rendering 1,400 unions again. Returns true when it fell back to a full rebuild.
    fn swap_stylesheet(&mut self, started: Instant) -> bool {
        let Some(project) = self.load_project(started) else {
            return true;
        };
        let css = Bytes::from(project.theme.css.clone());
        let css_path = project.theme.css_path.clone();
        let sample = read(&self.state)
            .unions
            .iter()
            .find(|(_, u)| {
                u.files.is_some() && u.diagnostics.iter().all(|d| d.severity != Severity::Error)
            })
            .map(|(slug, u)| (slug.clone(), u.files.clone()));
        if let Some((slug, Some(old))) = sample {
            let path = self.root.join("unions").join(format!("{slug}.toml"));
            let same_pages = match self.attempt(&project, &path).outcome {
                Ok(Built { files: new, .. }) => compare(Some(&old), &new) <= Change::Css,
                Err(_) => false,
            };
            if !same_pages {
                self.rebuild_all_with(project, started);
                return true;
            }
        }
        let only = self.only();
        let (swapped, change) = {
            let mut state = write(&self.state);
            state.project_errors.clear();
            let generation = state.generation + 1;
            state.generation = generation;
            let mut swapped = 0;
            for entry in state.unions.values_mut() {
                let Some(files) = &entry.files else { continue };
                if files.get(&css_path) == Some(&css) {
                    continue;
                }
                entry.files = Some(Arc::new(with_stylesheet(files, &css_path, &css)));
                entry.stamp.mark(generation, Change::Css);
                swapped += 1;
            }
            let mut change = if swapped > 0 {
                Change::Css
            } else {
                Change::None
            };
            if only.is_none() {
                change = change.max(self.render_portal(&project, &mut state, generation));
            }
            state.all_stamp.mark(generation, change);
            (swapped, change)
        };
        self.project = Some(project);
        self.tick();
        let ms = started.elapsed().as_millis();
        self.say(
            &format!(
                "rebuilt the stylesheet of {swapped} site(s) in {ms} ms{}",
                change_note_en(change)
            ),
            &format!(
                "{swapped} サイトのスタイルシートを更新しました（{ms} ms）{}",
                change_note_ja(change)
            ),
        );
        false
    }

    /// Renders every union against a freshly loaded project.
    fn rebuild_all_with(&mut self, project: Project, started: Instant) {
        let first = read(&self.state).generation == 0;
        let only = self.only();
        let paths = match &only {
            Some(slug) => vec![self.root.join("unions").join(format!("{slug}.toml"))],
            None => select_unions(&self.root, &[]).unwrap_or_default(),
        };
        let attempts: Vec<Attempt> = paths
            .par_iter()
            .map(|path| self.attempt(&project, path))
            .collect();
        let listed: BTreeSet<String> = attempts.iter().map(|a| a.slug.clone()).collect();
        let (built, failed) = summarize(&attempts);
        let warnings: usize = attempts
            .iter()
            .filter_map(|a| a.outcome.as_ref().ok())
            .map(|Built { lints, .. }| {
                lints
                    .iter()
                    .filter(|d| d.severity == Severity::Warning)
                    .count()
            })
            .sum();
        for attempt in &attempts {
            if let Err(problems) = &attempt.outcome {
                for d in problems {
                    eprint!("{}", d.render(self.lang));
                }
            }
        }
        let change = {
            let mut state = write(&self.state);
            state.project_errors.clear();
            let generation = state.generation + 1;
            state.generation = generation;
            let mut change = Change::None;
            // Unions whose file is gone (in a full rebuild, any not listed any more).
            let gone: Vec<String> = state
                .unions
                .keys()
                .filter(|slug| !listed.contains(*slug))
                .cloned()
                .collect();
            for slug in gone {
                change = change.max(remove_union(&mut state, &slug, generation));
            }
            for attempt in attempts {
                change = change.max(apply(&mut state, attempt, generation));
            }
            if only.is_none() {
                change = change.max(self.render_portal(&project, &mut state, generation));
            }
            state.all_stamp.mark(generation, change);
            change
        };
        self.project = Some(project);
        self.tick();
        let ms = started.elapsed().as_millis();
        let tail_en = failure_tail_en(&failed);
        let tail_ja = failure_tail_ja(&failed);
        let warn_en = if warnings > 0 {
            format!(", {warnings} warning(s) (shown in the browser; kumiai check lists them)")
        } else {
            String::new()
        };
        let warn_ja = if warnings > 0 {
            format!("、警告 {warnings} 件（ブラウザに表示。kumiai check でも確認できます）")
        } else {
            String::new()
        };
        if first {
            self.say(
                &format!("built {built} union(s) in memory in {ms} ms{tail_en}{warn_en}"),
                &format!("{built} 組合をメモリ上に構築しました（{ms} ms）{tail_ja}{warn_ja}"),
            );
        } else {
            self.say(
                &format!(
                    "rebuilt everything: {built} union(s) in {ms} ms{}{tail_en}{warn_en}",
                    change_note_en(change)
                ),
                &format!(
                    "全体を再構築しました: {built} 組合、{ms} ms{}{tail_ja}{warn_ja}",
                    change_note_ja(change)
                ),
            );
        }
    }

    /// Renders only these unions against the loaded project.
    fn rebuild_unions(&mut self, slugs: &BTreeSet<String>, started: Instant) {
        let Some(project) = self.project.take() else {
            return;
        };
        let only = self.only();
        let slugs: Vec<&String> = slugs
            .iter()
            .filter(|s| only.as_ref().is_none_or(|o| o == *s))
            .collect();
        if slugs.is_empty() {
            self.project = Some(project);
            return;
        }
        let mut present = Vec::new();
        let mut removed = Vec::new();
        for slug in slugs {
            let path = self.root.join("unions").join(format!("{slug}.toml"));
            let known = read(&self.state)
                .unions
                .get(slug)
                .is_some_and(|u| u.files.is_some() || !u.diagnostics.is_empty());
            if path.is_file() || (known && settled_exists(&path)) {
                present.push(path);
            } else if known {
                removed.push(slug.clone());
            }
            // Neither a file nor a union we serve: a stray file in unions/, nothing to do.
        }
        if present.is_empty() && removed.is_empty() {
            self.project = Some(project);
            return;
        }
        let attempts: Vec<Attempt> = present
            .par_iter()
            .map(|path| self.attempt(&project, path))
            .collect();
        let names: Vec<String> = attempts
            .iter()
            .map(|a| a.slug.clone())
            .chain(removed.iter().cloned())
            .collect();
        let (_, failed) = summarize(&attempts);
        for attempt in &attempts {
            let list = match &attempt.outcome {
                Err(problems) => problems,
                Ok(Built { lints, .. }) => lints,
            };
            for d in list {
                eprint!("{}", d.render(self.lang));
            }
        }
        let change = {
            let mut state = write(&self.state);
            let generation = state.generation + 1;
            state.generation = generation;
            let before = portal_entries(&state);
            let mut change = Change::None;
            for slug in &removed {
                if only.is_some() {
                    // The one union being previewed lost its file: keep its pages, say why.
                    let path = self.root.join("unions").join(format!("{slug}.toml"));
                    let d = Diagnostic::file(
                        &relative(&self.root, &path),
                        "the file is gone (deleted or renamed); the last good pages are shown",
                    )
                    .rule("missing-content")
                    .ja(
                        "ファイルがありません（削除または名前の変更）。最後に正常だったページを表示しています",
                        None,
                    );
                    if let Some(entry) = state.unions.get_mut(slug) {
                        entry.diagnostics = vec![d];
                    }
                } else {
                    change = change.max(remove_union(&mut state, slug, generation));
                }
            }
            for attempt in attempts {
                change = change.max(apply(&mut state, attempt, generation));
            }
            if only.is_none() && portal_entries(&state) != before {
                change = change.max(self.render_portal(&project, &mut state, generation));
            }
            state.all_stamp.mark(generation, change);
            change
        };
        self.project = Some(project);
        self.tick();
        let ms = started.elapsed().as_millis();
        let built: Vec<&String> = names
            .iter()
            .filter(|n| !failed.contains(n) && !removed.contains(n))
            .collect();
        let mut en = Vec::new();
        let mut ja = Vec::new();
        if !built.is_empty() {
            let list = built.iter().map(|s| s.as_str()).collect::<Vec<_>>();
            en.push(format!(
                "rebuilt {} in {ms} ms{}",
                list.join(", "),
                change_note_en(change)
            ));
            ja.push(format!(
                "{} を再構築しました（{ms} ms）{}",
                list.join("、"),
                change_note_ja(change)
            ));
        }
        if !removed.is_empty() {
            en.push(format!("removed {} (its file is gone)", removed.join(", ")));
            ja.push(format!(
                "{} を外しました（ファイルがありません）",
                removed.join("、")
            ));
        }
        if !failed.is_empty() {
            en.push(format!(
                "{} has errors ({ms} ms); its last good pages are still served",
                failed.join(", ")
            ));
            ja.push(format!(
                "{} にエラーがあります（{ms} ms）。最後に正常だったページを表示しています",
                failed.join("、")
            ));
        }
        self.say(&en.join("; "), &ja.join("。"));
    }

    fn attempt(&self, project: &Project, path: &Path) -> Attempt {
        let slug = slug_of(path);
        let outcome = match render_in_memory(project, path) {
            Ok(Rendered {
                file,
                site,
                files,
                policy,
            }) => {
                let lints = lint(&site, &file, &project.base);
                let record = UnionRecord::from_doc(&policy, "", project.config.base_url.as_deref());
                let files = files
                    .into_iter()
                    .map(|OutputFile { path, bytes }| (path, Bytes::from(bytes)))
                    .collect();
                Ok(Built {
                    name: site.identity.name,
                    files,
                    lints: self.relative_all(lints),
                    record,
                })
            }
            Err(problems) => Err(self.relative_all(problems)),
        };
        Attempt { slug, outcome }
    }

    /// The portal and the other federation files (contractor index, `unions.json`), as
    /// `build` writes them at the root of the output.
    fn render_portal(&self, project: &Project, state: &mut SiteState, generation: u64) -> Change {
        let keys = portal_entries(state);
        let records: Vec<UnionRecord> = keys.iter().filter_map(|k| k.record.clone()).collect();
        let entries: Vec<PortalEntry> = keys.into_iter().map(Into::into).collect();
        let rendered = federation::render(
            &entries,
            &records,
            "",
            false,
            &project.theme,
            &project.config,
        );
        let files = match rendered {
            Ok(files) => to_map(
                files
                    .into_iter()
                    // The build's bookkeeping, not a page.
                    .filter(|f| f.path != federation::record::RECORDS_FILE)
                    .collect(),
            ),
            Err(e) => {
                let d = Diagnostic::file(
                    Path::new(&format!("themes/{}", project.config.theme)),
                    self.strip_root(&format!("{e:#}")),
                )
                .rule("render");
                eprint!("{}", d.render(self.lang));
                state.project_errors.push(d);
                return Change::None;
            }
        };
        let change = compare(state.portal.as_deref(), &files);
        state.portal = Some(Arc::new(files));
        state.portal_stamp.mark(generation, change);
        change
    }

    /// A project-wide failure as diagnostics, like `kumiai check` reports it.
    fn project_diagnostics(&self, e: &anyhow::Error) -> Vec<Diagnostic> {
        let list = match e.downcast_ref::<Diagnostics>() {
            Some(Diagnostics(list)) => list.clone(),
            None => {
                // Template and stylesheet errors come as text; they belong to the theme.
                let file = match Config::load(&self.root) {
                    Ok(config) => PathBuf::from("themes").join(config.theme),
                    Err(_) => PathBuf::from("kumiai.toml"),
                };
                vec![Diagnostic::file(&file, self.strip_root(&format!("{e:#}"))).rule("project")]
            }
        };
        self.relative_all(list)
    }

    fn relative_all(&self, list: Vec<Diagnostic>) -> Vec<Diagnostic> {
        list.into_iter()
            .map(|mut d| {
                d.file = relative(&self.root, &d.file);
                d
            })
            .collect()
    }

    fn strip_root(&self, text: &str) -> String {
        let prefix = format!("{}{}", self.root.display(), std::path::MAIN_SEPARATOR);
        text.replace(&prefix, "")
    }

    fn tick(&self) {
        let generation = read(&self.state).generation;
        // No subscriber is not an error: nobody has a tab open.
        let _ = self.ticks.send(generation);
    }

    fn say(&self, en: &str, ja: &str) {
        match self.lang {
            Lang::En => println!("{en}"),
            Lang::Ja => println!("{ja}"),
        }
    }
}

fn summarize(attempts: &[Attempt]) -> (usize, Vec<String>) {
    let failed: Vec<String> = attempts
        .iter()
        .filter(|a| a.outcome.is_err())
        .map(|a| a.slug.clone())
        .collect();
    (attempts.len() - failed.len(), failed)
}

fn failure_tail_en(failed: &[String]) -> String {
    if failed.is_empty() {
        String::new()
    } else {
        format!(
            "; {} failed ({}), their last good pages are still served",
            failed.len(),
            failed.join(", ")
        )
    }
}

fn failure_tail_ja(failed: &[String]) -> String {
    if failed.is_empty() {
        String::new()
    } else {
        format!(
            "。{} 組合が失敗（{}）、最後に正常だったページを表示しています",
            failed.len(),
            failed.join("、")
        )
    }
}

fn change_note_en(change: Change) -> &'static str {
    match change {
        Change::None => " (no page changed)",
        Change::Css => " (stylesheet swapped)",
        Change::Pages => " (reloaded)",
    }
}

fn change_note_ja(change: Change) -> &'static str {
    match change {
        Change::None => "（ページの変更なし）",
        Change::Css => "（スタイルシートを差し替え）",
        Change::Pages => "（再読み込み）",
    }
}

/// Puts one union's render into the state; returns how its pages changed.
fn apply(state: &mut SiteState, attempt: Attempt, generation: u64) -> Change {
    let Attempt { slug, outcome } = attempt;
    let entry = state
        .unions
        .entry(slug.clone())
        .or_insert_with(|| UnionEntry {
            name: slug,
            files: None,
            diagnostics: Vec::new(),
            stamp: Stamp::default(),
            record: None,
        });
    match outcome {
        Ok(Built {
            name,
            files,
            lints,
            record,
        }) => {
            let change = compare(entry.files.as_deref(), &files);
            entry.name = name;
            entry.record = Some(record);
            entry.files = Some(Arc::new(files));
            entry.diagnostics = lints;
            entry.stamp.mark(generation, change);
            change
        }
        Err(problems) => {
            // The last good pages stay; only the diagnostics change.
            entry.diagnostics = problems;
            Change::None
        }
    }
}

/// Forgets a union whose file is gone; its open tabs reload (onto the 404 page).
fn remove_union(state: &mut SiteState, slug: &str, generation: u64) -> Change {
    let Some(entry) = state.unions.get_mut(slug) else {
        return Change::None;
    };
    entry.diagnostics.clear();
    if entry.files.take().is_some() {
        entry.stamp.mark(generation, Change::Pages);
        Change::Pages
    } else {
        Change::None
    }
}

/// The portal lists every union that has pages to show, in the order `build` lists them.
fn portal_entries(state: &SiteState) -> Vec<PortalEntryKey> {
    let mut entries: Vec<PortalEntryKey> = state
        .unions
        .iter()
        .filter(|(_, u)| u.files.is_some())
        .map(|(slug, u)| PortalEntryKey {
            slug: slug.clone(),
            name: u.name.clone(),
            record: u.record.clone(),
        })
        .collect();
    entries.sort_by(|a, b| format!("{}.toml", a.slug).cmp(&format!("{}.toml", b.slug)));
    entries
}

/// A union as the federation's files show it: they are made again when any of these change.
#[derive(Clone, PartialEq, Eq)]
struct PortalEntryKey {
    slug: String,
    name: String,
    record: Option<UnionRecord>,
}

impl From<PortalEntryKey> for PortalEntry {
    fn from(k: PortalEntryKey) -> Self {
        PortalEntry {
            href: format!("{}/index.html", k.slug),
            slug: k.slug,
            name: k.name,
        }
    }
}

fn to_map(files: Vec<OutputFile>) -> HashMap<String, Bytes> {
    files
        .into_iter()
        .map(|OutputFile { path, bytes }| (path, Bytes::from(bytes)))
        .collect()
}

/// `path` relative to `root` when it is under it, for messages that read like `kumiai check`'s.
pub(crate) fn relative(root: &Path, path: &Path) -> PathBuf {
    match path.strip_prefix(root) {
        Ok(rel) if !rel.as_os_str().is_empty() => rel.to_path_buf(),
        _ => path.to_path_buf(),
    }
}

/// Whether a union's file exists, allowing an editor that saves by "rename the old file away,
/// then write the new one" a moment to finish, so such a save never looks like a deletion.
fn settled_exists(path: &Path) -> bool {
    if path.is_file() {
        return true;
    }
    let deadline = Instant::now() + Duration::from_millis(150);
    while Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(10));
        if path.is_file() {
            return true;
        }
    }
    false
}

pub(crate) fn read(state: &RwLock<SiteState>) -> std::sync::RwLockReadGuard<'_, SiteState> {
    state
        .read()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn write(state: &RwLock<SiteState>) -> std::sync::RwLockWriteGuard<'_, SiteState> {
    state
        .write()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(entries: &[(&str, &str)]) -> HashMap<String, Bytes> {
        entries
            .iter()
            .map(|(p, b)| (p.to_string(), Bytes::from(b.to_string())))
            .collect()
    }

    #[test]
    fn changes_are_classified() {
        const A: &str = "assets/style.aaaaaaaaaa.css";
        const B: &str = "assets/style.bbbbbbbbbb.css";
        let page = |css: &str, text: &str| format!("<link href={css}><p>{text}</p>");
        let old = map(&[("index.html", &page(A, "a")), (A, "x")]);
        assert_eq!(compare(None, &old), Change::Pages);
        assert_eq!(compare(Some(&old), &old), Change::None);
        // The stylesheet changed, so did its name and the link to it: still only `Css`.
        let css = map(&[("index.html", &page(B, "a")), (B, "y")]);
        assert_eq!(compare(Some(&old), &css), Change::Css);
        assert_eq!(with_stylesheet(&old, B, &Bytes::from("y")), css);
        let text = map(&[("index.html", &page(B, "b")), (B, "y")]);
        assert_eq!(compare(Some(&old), &text), Change::Pages);
        let fewer = map(&[("index.html", &page(A, "a"))]);
        assert_eq!(compare(Some(&old), &fewer), Change::Pages);
        assert_eq!(stylesheet(&old), Some(A));
    }

    #[test]
    fn pages_map_to_scopes() {
        let state = SiteState::new(None);
        let seg = |s: &[&str]| s.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert_eq!(state.scope_of_page(&seg(&[])), Scope::Portal);
        assert_eq!(state.scope_of_page(&seg(&["index.html"])), Scope::Portal);
        assert_eq!(
            state.scope_of_page(&seg(&["acom"])),
            Scope::Union("acom".into())
        );
        assert_eq!(
            state.scope_of_page(&seg(&["acom", "purposes.html"])),
            Scope::Union("acom".into())
        );
        let only = SiteState::new(Some("acom".into()));
        assert_eq!(only.scope_of_page(&seg(&[])), Scope::Union("acom".into()));
    }
}
