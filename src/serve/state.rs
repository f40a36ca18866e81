//! What `serve` holds in memory and answers from.
//!
//! Nothing is written to disk: every union's rendered files live in a map (path → bytes) behind
//! an `RwLock` that readers hold only long enough to clone an `Arc`. A rebuild renders outside the
//! lock and swaps the result in, so a request never waits for a render and never sees half a
//! union. A union whose file is broken keeps its last good files; its diagnostics are kept beside
//! them for the overlay.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, RwLock};

use axum::body::Bytes;

use crate::diagnostic::Diagnostic;
use crate::federation::record::UnionRecord;
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
    pub(crate) fn mark(&mut self, generation: u64, change: Change) {
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

pub(crate) fn compare(
    old: Option<&HashMap<String, Bytes>>,
    new: &HashMap<String, Bytes>,
) -> Change {
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
pub(crate) fn with_stylesheet(
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

pub(crate) fn read(state: &RwLock<SiteState>) -> std::sync::RwLockReadGuard<'_, SiteState> {
    state
        .read()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

pub(crate) fn write(state: &RwLock<SiteState>) -> std::sync::RwLockWriteGuard<'_, SiteState> {
    state
        .write()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// The outcome of one union's render.
pub(crate) struct Attempt {
    pub slug: String,
    pub outcome: Result<Built, Vec<Diagnostic>>,
}

/// A union that rendered: its name, its files and its lint findings.
pub(crate) struct Built {
    pub name: String,
    pub files: HashMap<String, Bytes>,
    pub lints: Vec<Diagnostic>,
    pub record: UnionRecord,
}

/// Puts one union's render into the state; returns how its pages changed.
pub(crate) fn apply(state: &mut SiteState, attempt: Attempt, generation: u64) -> Change {
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
pub(crate) fn remove_union(state: &mut SiteState, slug: &str, generation: u64) -> Change {
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
pub(crate) fn portal_entries(state: &SiteState) -> Vec<PortalEntryKey> {
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
pub(crate) struct PortalEntryKey {
    pub slug: String,
    pub name: String,
    pub record: Option<UnionRecord>,
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

pub(crate) fn to_map(files: Vec<OutputFile>) -> HashMap<String, Bytes> {
    files
        .into_iter()
        .map(|OutputFile { path, bytes }| (path, Bytes::from(bytes)))
        .collect()
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
