//! Watching the project: file events → which unions to rebuild, one rebuild per save.
//!
//! Directories are watched, never single files, so a file replaced by rename (how most editors
//! and `kumiai`'s own writes save) is still seen: `content/`, `unions/` and `themes/` recursively,
//! the project root itself without recursion (for `kumiai.toml`; `public/`, `target/` and `.git/`
//! are none of our business).
//!
//! `notify` is used directly, with our own coalescing rather than `notify-debouncer-*`: an event
//! only says *what may have changed*; the rebuild then reads the files as they are on disk. So we
//! need no per-file event bookkeeping, only "wait until the project has been quiet for
//! [`QUIET`], then rebuild everything the burst touched". A save is one burst however many events
//! it makes (temp file + rename, vim's `4913` probe and backup, truncate + write + close), and an
//! event that arrives during a rebuild starts the next burst, so no save is ever missed.

use std::path::{Component, Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use notify::event::{AccessKind, AccessMode, MetadataKind, ModifyKind};
use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher};

use super::console;
use super::engine::{Engine, Work};
use crate::diagnostic::Lang;

/// How long the project must be quiet before a burst of events is rebuilt. Editors finish a save
/// within a few milliseconds; this is short enough to feel instant and long enough to see a whole
/// save as one.
pub(crate) const QUIET: Duration = Duration::from_millis(30);

/// A burst that never goes quiet (a `git checkout`, a copy of many files) is still rebuilt after
/// this long; what arrives later goes into the next rebuild.
const LONGEST: Duration = Duration::from_millis(500);

/// The folders `serve` watches recursively.
const WATCHED: [&str; 3] = ["content", "unions", "themes"];

pub(crate) type Events = Receiver<notify::Result<Event>>;

/// Starts watching `root`; events go to the returned receiver.
pub(crate) fn watch(root: &Path) -> anyhow::Result<(RecommendedWatcher, Events)> {
    let (tx, rx) = std::sync::mpsc::channel();
    let mut watcher = notify::recommended_watcher(tx)?;
    watcher.watch(root, RecursiveMode::NonRecursive)?;
    for dir in WATCHED {
        let path = root.join(dir);
        if path.is_dir() {
            watcher.watch(&path, RecursiveMode::Recursive)?;
        }
    }
    Ok((watcher, rx))
}

/// Runs until the watcher is dropped: collects each burst of events and rebuilds once for it.
pub(crate) fn run(
    root: &Path,
    only: Option<&str>,
    events: &Events,
    engine: &mut Engine,
    watcher: &WatcherSlot,
    lang: Lang,
) {
    while let Ok(first) = events.recv() {
        let mut work = Work::default();
        note(root, only, first, &mut work, watcher, lang);
        let started = Instant::now();
        loop {
            let left = LONGEST.saturating_sub(started.elapsed());
            if left.is_zero() {
                break;
            }
            match events.recv_timeout(QUIET.min(left)) {
                Ok(event) => note(root, only, event, &mut work, watcher, lang),
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return,
            }
        }
        if !work.is_empty() {
            console::report(&engine.run(&work), lang);
        }
    }
}

/// Lets the loop add a watch on a folder created after `serve` started (say `unions/`).
pub(crate) type WatcherSlot = std::sync::Mutex<Option<RecommendedWatcher>>;

fn note(
    root: &Path,
    only: Option<&str>,
    event: notify::Result<Event>,
    work: &mut Work,
    watcher: &WatcherSlot,
    lang: Lang,
) {
    let event = match event {
        Ok(event) => event,
        Err(e) => {
            let e = e.to_string();
            eprintln!(
                "{}",
                crate::diagnostic::messages::serve::watch_failed(lang, &e)
            );
            work.all = true;
            return;
        }
    };
    if event.need_rescan() {
        // The kernel dropped events: we no longer know what changed.
        work.all = true;
        return;
    }
    if !matters(&event.kind) {
        return;
    }
    for path in &event.paths {
        match classify(root, path) {
            Some(Target::Stylesheet) => work.stylesheet = true,
            Some(Target::All) => {
                work.all = true;
                // A watched folder created (or recreated) after start needs its own watch.
                if path.parent() == Some(root)
                    && path.is_dir()
                    && let Ok(mut slot) = watcher.lock()
                    && let Some(w) = slot.as_mut()
                {
                    let _ = w.watch(path, RecursiveMode::Recursive);
                }
            }
            Some(Target::Union(slug)) if only.is_none_or(|o| o == slug) => {
                work.unions.insert(slug);
            }
            // Another union than the one previewed with `--union`, or nothing a build reads.
            Some(Target::Union(_)) | None => {}
        }
    }
}

/// Whether an event can mean changed content. Opening and reading files (our own rebuilds do
/// that) must not trigger rebuilds, nor must access-time updates.
fn matters(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime)) => false,
        _ => true,
    }
}

/// What a changed path affects.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Target {
    /// The settings, the base or the theme's templates: every union.
    All,
    /// A theme's stylesheet: every site's CSS, but no page.
    Stylesheet,
    /// One union's file or its folder of pages and images.
    Union(String),
}

/// Maps a path under `root` to what it affects; `None` for everything a build does not read
/// (editors' swap, backup and temp files, `public/`, `README.md`, …).
pub(crate) fn classify(root: &Path, path: &Path) -> Option<Target> {
    let rel = path.strip_prefix(root).ok()?;
    let parts: Vec<&str> = rel
        .components()
        .map(|c| match c {
            Component::Normal(s) => s.to_str(),
            _ => None,
        })
        .collect::<Option<Vec<_>>>()?;
    let name = *parts.last()?;
    if is_editor_litter(name) || parts.iter().skip(1).any(|p| p.starts_with('.')) {
        return None;
    }
    match parts.as_slice() {
        ["kumiai.toml"] => Some(Target::All),
        ["themes", _, "static", file] if file.ends_with(".css") => Some(Target::Stylesheet),
        ["content" | "themes", ..] => Some(Target::All),
        ["unions"] => Some(Target::All),
        ["unions", file] => match file.strip_suffix(".toml") {
            Some(slug) => Some(Target::Union(slug.to_string())),
            // A union's folder itself (created, renamed, deleted) when that union exists; other
            // files here (`sed -i`'s temp files, notes) are not read by a build.
            None if path.is_dir() || root.join("unions").join(format!("{file}.toml")).is_file() => {
                Some(Target::Union(file.to_string()))
            }
            None => None,
        },
        ["unions", folder, ..] => Some(Target::Union(folder.to_string())),
        _ => None,
    }
}

/// Files editors create beside the one being saved: vim's swap files, backups and its `4913`
/// write probe, emacs' lock and autosave files, JetBrains' and others' temp files.
pub(crate) fn is_editor_litter(name: &str) -> bool {
    name.starts_with('.')
        || name.ends_with('~')
        || name == "4913"
        || (name.starts_with('#') && name.ends_with('#'))
        || [".swp", ".swx", ".swo", ".tmp", ".kate-swp", ".crswap"]
            .iter()
            .any(|ext| name.ends_with(ext))
        || name.contains("___jb_")
}

/// The project root as watched: absolute and with symlinks resolved, so event paths strip.
pub(crate) fn canonical_root(root: &Path) -> anyhow::Result<PathBuf> {
    use anyhow::Context as _;
    root.canonicalize()
        .with_context(|| format!("the project folder {} cannot be opened", root.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(rel: &str) -> Option<Target> {
        classify(Path::new("/p"), &Path::new("/p").join(rel))
    }

    #[test]
    fn paths_map_to_what_they_affect() {
        assert_eq!(c("kumiai.toml"), Some(Target::All));
        assert_eq!(c("content/base.toml"), Some(Target::All));
        assert_eq!(c("content/pages/index.md"), Some(Target::All));
        assert_eq!(
            c("themes/default/static/style.css"),
            Some(Target::Stylesheet)
        );
        assert_eq!(c("themes/default/templates/page.html"), Some(Target::All));
        assert_eq!(c("unions/acom.toml"), Some(Target::Union("acom".into())));
        assert_eq!(
            c("unions/tokyo-kiki/purposes.md"),
            Some(Target::Union("tokyo-kiki".into()))
        );
        assert_eq!(
            c("unions/tokyo-kiki/img/logo.png"),
            Some(Target::Union("tokyo-kiki".into()))
        );
        // A bare name is a union's folder only when that union exists (here nothing does).
        assert_eq!(c("unions/sedAbC123"), None);
        assert_eq!(c("unions/README.md"), None);
        assert_eq!(c("public/index.html"), None);
        assert_eq!(c("README.md"), None);
        assert_eq!(c("target/debug/kumiai"), None);
    }

    #[test]
    fn editor_litter_is_ignored() {
        for litter in [
            "unions/.acom.toml.swp",
            "unions/.acom.toml.swx",
            "unions/acom.toml~",
            "unions/4913",
            "unions/.#acom.toml",
            "unions/#acom.toml#",
            "unions/acom.toml.tmp",
            "unions/acom.toml___jb_tmp___",
            "content/.base.toml.swp",
            "themes/default/static/style.css~",
            "themes/default/.git/index",
            "unions/acom/4913",
        ] {
            assert_eq!(c(litter), None, "{litter}");
        }
    }
}
