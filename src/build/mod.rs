//! The build orchestrator: load → merge → render → write, every union in parallel.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::federation::Listed;
use crate::federation::record::UnionRecord;
use crate::output::lock::{BuildLock, DEFAULT_WAIT};
use crate::output::prune::{self, Gone};
use crate::output::stamp::{Inputs, Stamp, Stamps};
use crate::output::{SiteInfo, Update, read_manifest, write_site};
use crate::pipeline::{self, Rendered};
use crate::project::{Project, select_unions, slug_of};
use crate::publish::Gate;
use crate::render::PortalEntry;

mod problems;
mod report;

use problems::{kept_back, write_failure};
pub use report::{BuildReport, Findings, UnionOutcome};

/// What to build and where. Start from [`BuildOptions::new`] and set the fields you need:
/// new options may be added (the struct is `#[non_exhaustive]`).
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct BuildOptions {
    /// Project root: holds `kumiai.toml`, `content/`, `unions/`, `themes/`.
    pub root: PathBuf,
    /// Output folder; `public/` under the root by default.
    pub output: Option<PathBuf>,
    /// Build only these slugs (all when empty). The portal is then left as it is.
    pub only: Vec<String>,
    /// Render every union even when its inputs have not changed since the last build.
    pub force: bool,
    /// Show a progress bar on the terminal (never drawn when stderr is not a terminal).
    pub progress: bool,
    /// Remove the sites of unions gone from `unions/` even when they are many (more than 10 %
    /// of the unions, or all of them); without it only a few are removed at once.
    pub prune: bool,
    /// How long to wait for another build into the same output folder (default two minutes).
    pub lock_wait: Option<Duration>,
    /// The address the sites are published at, for this build only, instead of `base_url` in
    /// `kumiai.toml` (an empty one: no address, relative links only).
    pub base_url: Option<String>,
    /// The language of the progress bar.
    pub lang: crate::diagnostic::Lang,
}

impl BuildOptions {
    /// Builds every union of the project at `root` into `root/public/`.
    pub fn new(root: impl Into<PathBuf>) -> BuildOptions {
        BuildOptions {
            root: root.into(),
            ..BuildOptions::default()
        }
    }
}

/// Builds the sites. A broken union is reported in the outcome and does not stop the others;
/// only a project-wide problem (settings, base, theme) is an `Err`.
pub fn build(options: &BuildOptions) -> anyhow::Result<BuildReport> {
    let started = Instant::now();
    let mut project = Project::load(&options.root)?;
    if let Some(url) = &options.base_url {
        project = project.with_base_url(url)?;
    }
    let output = options
        .output
        .clone()
        .unwrap_or_else(|| options.root.join("public"));
    let files = select_unions(&options.root, &options.only)?;
    // One build at a time per output folder: held until this function returns.
    let lock = BuildLock::acquire(&output, options.lock_wait.unwrap_or(DEFAULT_WAIT))?;
    crate::output::clear_leftovers(&output);

    let stamps = Stamps::load(&options.root, &output, &project.fingerprint);
    let project_findings = Findings::of(&project.base_behind().into_iter().collect::<Vec<_>>());

    let bar = progress_bar(files.len(), options.progress, options.lang);
    let (outcomes, new_stamps): (Vec<UnionOutcome>, Vec<Option<Stamp>>) = files
        .par_iter()
        .map(|path| {
            let done = build_union_stamped(&project, path, &output, options.force, &stamps);
            bar.inc(1);
            done
        })
        .unzip();
    bar.finish_and_clear();
    // A build of some unions only leaves the others' stamps as they were.
    if options.only.is_empty() {
        let slugs: Vec<String> = files.iter().map(|p| slug_of(p)).collect();
        stamps.save(&slugs, new_stamps.into_iter().flatten().collect());
    }

    let mut federation_error = None;
    let mut gone = Gone::default();
    let outcomes = if options.only.is_empty() {
        let (outcomes, failed) = write_portal(&project, outcomes, &output);
        federation_error = failed.map(|e| format!("{e:#}"));
        let slugs: Vec<String> = files.iter().map(|p| slug_of(p)).collect();
        gone = remove_gone(&output, &slugs, options.prune);
        outcomes
    } else {
        outcomes
    };
    Ok(BuildReport {
        outcomes,
        elapsed: started.elapsed(),
        output,
        federation_error,
        gone,
        waited: lock.waited,
        project_findings,
    })
}

/// Removes the sites of unions gone from `unions/` (after the portal stopped linking them),
/// unless they are many and `prune` is not set.
fn remove_gone(output: &Path, slugs: &[String], prune: bool) -> Gone {
    let current: std::collections::BTreeSet<&str> = slugs.iter().map(String::as_str).collect();
    let sites = prune::gone_sites(output, &current);
    let mut gone = Gone::default();
    if !prune && prune::needs_prune(sites.len(), sites.len() + current.len()) {
        gone.kept = sites;
        return gone;
    }
    for slug in sites {
        match prune::remove_site(&output.join(&slug)) {
            Ok(true) => gone.removed.push(slug),
            Ok(false) => {
                gone.left_files.push(slug.clone());
                gone.removed.push(slug);
            }
            Err(_) => gone.kept.push(slug),
        }
    }
    gone
}

/// Unions done / total and the rate, on a terminal only: CI logs and pipes get the summary line.
fn progress_bar(
    total: usize,
    wanted: bool,
    lang: crate::diagnostic::Lang,
) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    let on_terminal = std::io::stderr().is_terminal() && std::env::var_os("CI").is_none();
    if !(wanted && on_terminal) {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(total as u64);
    let template = crate::diagnostic::messages::build::progress_template(lang);
    if let Ok(style) = indicatif::ProgressStyle::with_template(template) {
        bar.set_style(style);
    }
    bar
}

/// Loads, merges, renders and writes one union. Nothing is written unless every step succeeded,
/// so a broken override leaves the union's last good output in place.
pub fn build_union(project: &Project, path: &Path, output: &Path, force: bool) -> UnionOutcome {
    build_union_stamped(project, path, output, force, &Stamps::default()).0
}

/// [`build_union`], first asking the stamps whether the union is unchanged (a few `stat`s),
/// and stamping it when it is found unchanged the full way (reading and hashing its inputs).
fn build_union_stamped(
    project: &Project,
    path: &Path,
    output: &Path,
    force: bool,
    stamps: &Stamps,
) -> (UnionOutcome, Option<Stamp>) {
    let slug = slug_of(path);
    let dir = output.join(&slug);
    let own_dir = path.with_extension("");
    let mut inputs = Inputs {
        override_file: path,
        own_dir: &own_dir,
        site_dir: &dir,
        site_files: &[],
    };
    if !force && let Some(stamp) = stamps.current(&slug, &inputs) {
        let outcome = UnionOutcome::Built {
            slug,
            name: stamp.name.clone(),
            pages: stamp.pages,
            unchanged: true,
            fingerprint: stamp.fingerprint.clone(),
            record: None,
            incomplete: Gate::parse(&stamp.legal).missing,
            findings: Findings::parse(&stamp.findings),
        };
        return (outcome, Some(stamp.clone()));
    }
    let fingerprint = crate::output::fingerprint::union(&project.fingerprint, path, &own_dir);
    if !force
        && let Some(manifest) = read_manifest(&dir)
        && manifest.is_current(&dir, &fingerprint)
    {
        inputs.site_files = &manifest.files;
        let stamp = Stamp::take(&slug, &fingerprint, &manifest.name, manifest.pages, &inputs).map(
            |mut stamp| {
                stamp.legal = manifest.legal.clone().unwrap_or_default();
                stamp.findings = manifest.findings.clone().unwrap_or_default();
                stamp
            },
        );
        let outcome = UnionOutcome::Built {
            slug,
            name: manifest.name,
            pages: manifest.pages,
            unchanged: true,
            fingerprint,
            record: None,
            incomplete: manifest
                .legal
                .as_deref()
                .map(|l| Gate::parse(l).missing)
                .unwrap_or_default(),
            findings: Findings::parse(manifest.findings.as_deref().unwrap_or_default()),
        };
        return (outcome, stamp);
    }
    // A site written now is too recent to stamp (see `stamp::RACY`): the next build checks
    // it the full way, and stamps it.
    (
        build_and_write(project, path, &dir, slug, fingerprint),
        None,
    )
}

/// Renders and writes one union whose site is out of date.
fn build_and_write(
    project: &Project,
    path: &Path,
    dir: &Path,
    slug: String,
    fingerprint: String,
) -> UnionOutcome {
    let rendered = match pipeline::render(project, path) {
        Ok(rendered) => rendered,
        Err(problems) => return UnionOutcome::Failed { slug, problems },
    };
    // What `check` reports of it: the same findings, counted now and kept in its manifest.
    let findings = Findings::of(&rendered.findings(project));
    let Rendered {
        site,
        files,
        policy,
        legal,
        gate,
        ..
    } = rendered;
    // Never worse: a site that shows an item the law requires is not replaced by one that
    // does not. (A site that never showed it is published with its other changes.)
    if let Some(published) = published_gate(dir) {
        let lost = published.lost_in(&gate);
        if !lost.is_empty() {
            return UnionOutcome::Failed {
                slug,
                problems: kept_back(path, &lost, legal),
            };
        }
    }
    let legal_line = gate.to_line();
    let findings_line = findings.to_line();
    let info = SiteInfo {
        name: &site.identity.name,
        fingerprint: &fingerprint,
        pages: site.pages.len(),
        legal: Some(&legal_line),
        findings: findings_line.as_deref(),
        keep: &[],
    };
    if let Err(e) = write_site(dir, &info, &files, Update::Swap) {
        let problems = vec![write_failure(path, dir, &e)];
        return UnionOutcome::Failed { slug, problems };
    }
    UnionOutcome::Built {
        slug,
        name: site.identity.name,
        pages: site.pages.len(),
        unchanged: false,
        record: Some(Box::new(UnionRecord::from_doc(
            &policy,
            &fingerprint,
            project.config.base_url.as_deref(),
        ))),
        fingerprint,
        incomplete: gate.missing,
        findings,
    }
}

/// The publish gate's record of a union's published site, from its manifest (`None` for a
/// site built before records existed).
fn published_gate(dir: &Path) -> Option<Gate> {
    read_manifest(dir)?.legal.as_deref().map(Gate::parse)
}

/// The portal and the federation's files (contractor index, catalogue of every union); the
/// outcomes, and why the files could not be written if they could not.
fn write_portal(
    project: &Project,
    outcomes: Vec<UnionOutcome>,
    output: &Path,
) -> (Vec<UnionOutcome>, Option<anyhow::Error>) {
    let entry = |slug: &str, name: String| PortalEntry {
        slug: slug.to_string(),
        name,
        href: format!("{slug}/index.html"),
    };
    let mut listed = Vec::with_capacity(outcomes.len());
    let mut kept = Vec::with_capacity(outcomes.len());
    for outcome in outcomes {
        match outcome {
            UnionOutcome::Built {
                slug,
                name,
                pages,
                unchanged,
                fingerprint,
                record,
                incomplete,
                findings,
            } => {
                listed.push(Listed {
                    entry: entry(&slug, name.clone()),
                    fingerprint: fingerprint.clone(),
                    record: record.map(|r| *r),
                });
                kept.push(UnionOutcome::Built {
                    slug,
                    name,
                    pages,
                    unchanged,
                    fingerprint,
                    record: None,
                    incomplete,
                    findings,
                });
            }
            // A failed union still has its last good site, if any: keep listing it as it was.
            UnionOutcome::Failed { slug, problems } => {
                let dir = output.join(&slug);
                if let Some(manifest) = read_manifest(&dir)
                    && dir.join("index.html").is_file()
                {
                    listed.push(Listed {
                        entry: entry(&slug, manifest.name),
                        fingerprint: manifest.fingerprint,
                        record: None,
                    });
                }
                kept.push(UnionOutcome::Failed { slug, problems });
            }
        }
    }
    let written = crate::federation::write(
        output,
        listed,
        &project.fingerprint,
        &project.theme,
        &project.config,
    );
    (kept, written.err())
}
