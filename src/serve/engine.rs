//! The rebuild engine: runs the shared per-union pipeline for the unions a change touches and
//! swaps the results into the [`SiteState`]. It prints nothing: it returns [`Event`]s, which the
//! console reports (see `console`).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use axum::body::Bytes;
use rayon::prelude::*;
use tokio::sync::broadcast;

use super::state::{
    Attempt, Built, Change, SiteState, apply, compare, portal_entries, read, remove_union, to_map,
    with_stylesheet, write,
};
use crate::diagnostic::{Diagnostic, Diagnostics, Severity};
use crate::federation::{self, record::UnionRecord};
use crate::load::Config;
use crate::pipeline::{self, Rendered};
use crate::project::{Project, select_unions, slug_of};
use crate::render::{OutputFile, PortalEntry};

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

/// What one run of the engine did, for the console to report.
#[derive(Debug)]
pub(crate) enum Event {
    /// Settings, base or theme failed to load; the last good pages stay.
    ProjectFailed {
        problems: Vec<Diagnostic>,
        /// Nothing had been built yet.
        first: bool,
        ms: u128,
    },
    /// Only the theme's stylesheet changed and was swapped into the sites.
    Stylesheet {
        swapped: usize,
        change: Change,
        ms: u128,
    },
    /// Every union was rendered again.
    All {
        /// The first build since `serve` started.
        first: bool,
        built: usize,
        failed: Vec<String>,
        warnings: usize,
        change: Change,
        ms: u128,
        /// The errors of the unions that failed.
        problems: Vec<Diagnostic>,
    },
    /// Some unions were rendered again (or removed).
    Unions {
        built: Vec<String>,
        removed: Vec<String>,
        failed: Vec<String>,
        change: Change,
        ms: u128,
        /// Their errors, or their lint findings when they built.
        problems: Vec<Diagnostic>,
    },
    /// Problems found outside a union (the portal's templates).
    Problems(Vec<Diagnostic>),
}

/// Runs rebuilds and keeps [`SiteState`] current. Lives on the watcher's thread.
pub(crate) struct Engine {
    root: PathBuf,
    project: Option<Project>,
    state: Arc<RwLock<SiteState>>,
    ticks: broadcast::Sender<u64>,
    /// What the current run did, for the console.
    events: Vec<Event>,
}

impl Engine {
    pub fn new(
        root: PathBuf,
        state: Arc<RwLock<SiteState>>,
        ticks: broadcast::Sender<u64>,
    ) -> Self {
        Engine {
            root,
            project: None,
            state,
            ticks,
            events: Vec::new(),
        }
    }

    fn only(&self) -> Option<String> {
        read(&self.state).only.clone()
    }

    /// Rebuilds what `work` asks for, updates the state and tells the tabs; returns what it did.
    pub fn run(&mut self, work: &Work) -> Vec<Event> {
        let started = Instant::now();
        if work.all || self.project.is_none() {
            return self.rebuild_all(started);
        }
        if work.stylesheet && self.swap_stylesheet(started) {
            // That turned into a full rebuild, which covered the unions too.
            return std::mem::take(&mut self.events);
        }
        if !work.unions.is_empty() {
            self.rebuild_unions(&work.unions, Instant::now());
        }
        std::mem::take(&mut self.events)
    }

    /// Loads the project again and renders every union, in parallel; returns what it did.
    pub fn rebuild_all(&mut self, started: Instant) -> Vec<Event> {
        if let Some(project) = self.load_project(started) {
            self.rebuild_all_with(project, started);
        }
        std::mem::take(&mut self.events)
    }

    /// Loads settings, base and theme; on failure records and reports the problems, keeps
    /// serving the last good pages, and returns `None`.
    fn load_project(&mut self, started: Instant) -> Option<Project> {
        match Project::load(&self.root) {
            Ok(project) => Some(project),
            Err(e) => {
                let problems = self.project_diagnostics(&e);
                self.project = None;
                let first = {
                    let mut state = write(&self.state);
                    state.project_errors = problems.clone();
                    state.generation += 1;
                    state.generation == 1
                };
                self.tick();
                let ms = started.elapsed().as_millis();
                self.events.push(Event::ProjectFailed {
                    problems,
                    first,
                    ms,
                });
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
        let mut portal_problems = Vec::new();
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
            let change = if swapped > 0 {
                Change::Css
            } else {
                Change::None
            };
            let portal = |_: &SiteState| only.is_none();
            let change = self.apply_all(
                &project,
                &mut state,
                Vec::new(),
                portal,
                change,
                &mut portal_problems,
            );
            (swapped, change)
        };
        self.settle(project, portal_problems);
        let ms = started.elapsed().as_millis();
        self.events.push(Event::Stylesheet {
            swapped,
            change,
            ms,
        });
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
        let problems: Vec<Diagnostic> = attempts
            .iter()
            .filter_map(|a| a.outcome.as_ref().err())
            .flatten()
            .cloned()
            .collect();
        let mut portal_problems = Vec::new();
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
            let portal = |_: &SiteState| only.is_none();
            self.apply_all(
                &project,
                &mut state,
                attempts,
                portal,
                change,
                &mut portal_problems,
            )
        };
        self.settle(project, portal_problems);
        let ms = started.elapsed().as_millis();
        self.events.push(Event::All {
            first,
            built,
            failed,
            warnings,
            change,
            ms,
            problems,
        });
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
        let problems: Vec<Diagnostic> = attempts
            .iter()
            .flat_map(|a| match &a.outcome {
                Err(problems) => problems,
                Ok(Built { lints, .. }) => lints,
            })
            .cloned()
            .collect();
        let mut portal_problems = Vec::new();
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
                    .with_suggestion("put the file back, or remove what names it from the union's file")
                    .ja(
                        "ファイルがありません（削除または名前の変更）。最後に正常だったページを表示しています",
                        Some("ファイルを元に戻すか、組合のファイルからそのファイルを指定している行を消してください".to_string()),
                    );
                    if let Some(entry) = state.unions.get_mut(slug) {
                        entry.diagnostics = vec![d];
                    }
                } else {
                    change = change.max(remove_union(&mut state, slug, generation));
                }
            }
            let portal = |state: &SiteState| only.is_none() && portal_entries(state) != before;
            self.apply_all(
                &project,
                &mut state,
                attempts,
                portal,
                change,
                &mut portal_problems,
            )
        };
        self.settle(project, portal_problems);
        let ms = started.elapsed().as_millis();
        let built: Vec<&String> = names
            .iter()
            .filter(|n| !failed.contains(n) && !removed.contains(n))
            .collect();
        let built = built.into_iter().cloned().collect();
        self.events.push(Event::Unions {
            built,
            removed,
            failed,
            change,
            ms,
            problems,
        });
    }

    /// Puts the attempts into the state, renders the portal again when `portal` says it is due
    /// (its problems go to `portal_problems`), and stamps the generation; returns the change.
    fn apply_all(
        &self,
        project: &Project,
        state: &mut SiteState,
        attempts: Vec<Attempt>,
        portal: impl Fn(&SiteState) -> bool,
        mut change: Change,
        portal_problems: &mut Vec<Diagnostic>,
    ) -> Change {
        let generation = state.generation;
        for attempt in attempts {
            change = change.max(apply(state, attempt, generation));
        }
        if portal(state) {
            match self.render_portal(project, state, generation) {
                Ok(portal) => change = change.max(portal),
                Err(d) => portal_problems.push(d),
            }
        }
        state.all_stamp.mark(generation, change);
        change
    }

    /// Keeps the project for the next run, reports the portal's problems, tells the tabs.
    fn settle(&mut self, project: Project, portal_problems: Vec<Diagnostic>) {
        if !portal_problems.is_empty() {
            self.events.push(Event::Problems(portal_problems));
        }
        self.project = Some(project);
        self.tick();
    }

    fn attempt(&self, project: &Project, path: &Path) -> Attempt {
        let slug = slug_of(path);
        let outcome = match pipeline::render(project, path) {
            Ok(rendered) => {
                let lints = rendered.findings(project);
                let Rendered {
                    site,
                    files,
                    policy,
                    ..
                } = rendered;
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
    fn render_portal(
        &self,
        project: &Project,
        state: &mut SiteState,
        generation: u64,
    ) -> Result<Change, Diagnostic> {
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
                state.project_errors.push(d.clone());
                return Err(d);
            }
        };
        let change = compare(state.portal.as_deref(), &files);
        state.portal = Some(Arc::new(files));
        state.portal_stamp.mark(generation, change);
        Ok(change)
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
}

fn summarize(attempts: &[Attempt]) -> (usize, Vec<String>) {
    let failed: Vec<String> = attempts
        .iter()
        .filter(|a| a.outcome.is_err())
        .map(|a| a.slug.clone())
        .collect();
    (attempts.len() - failed.len(), failed)
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
