//! The build orchestrator: load → merge → render → write, every union in parallel.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::diagnostic::Diagnostic;
use crate::federation::Listed;
use crate::federation::record::UnionRecord;
use crate::output::stamp::{Inputs, Stamp, Stamps};
use crate::output::{SiteInfo, Update, read_manifest, write_site};
use crate::pipeline::{self, Rendered};
use crate::project::{Project, select_unions, slug_of};
use crate::publish::{Gate, LegalItem};
use crate::render::PortalEntry;

/// What to build and where.
#[derive(Debug, Clone, Default)]
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
}

/// The outcome of one union.
pub enum UnionOutcome {
    Built {
        slug: String,
        name: String,
        pages: usize,
        /// True when the inputs were unchanged and nothing was rendered or written.
        unchanged: bool,
        /// What the site was built from (see [`crate::fingerprint`]).
        fingerprint: String,
        /// What the federation's files need of it, when it was rendered.
        record: Option<Box<UnionRecord>>,
        /// The Art. 32 items its published site lacks without an acknowledgement: published
        /// all the same (so base fixes reach it), but incomplete.
        incomplete: Vec<LegalItem>,
    },
    Failed {
        slug: String,
        problems: Vec<Diagnostic>,
    },
}

/// What a build did.
pub struct BuildReport {
    pub outcomes: Vec<UnionOutcome>,
    pub elapsed: Duration,
    pub output: PathBuf,
}

impl BuildReport {
    /// Slugs of the unions that failed.
    pub fn failed(&self) -> Vec<&str> {
        self.outcomes
            .iter()
            .filter_map(|o| match o {
                UnionOutcome::Failed { slug, .. } => Some(slug.as_str()),
                UnionOutcome::Built { .. } => None,
            })
            .collect()
    }

    /// Pages written (or confirmed unchanged) across all built unions.
    pub fn pages(&self) -> usize {
        self.outcomes
            .iter()
            .map(|o| match o {
                UnionOutcome::Built { pages, .. } => *pages,
                UnionOutcome::Failed { .. } => 0,
            })
            .sum()
    }

    /// The unions published without every Art. 32 item, with what each lacks.
    pub fn incomplete(&self) -> Vec<(&str, &[LegalItem])> {
        self.outcomes
            .iter()
            .filter_map(|o| match o {
                UnionOutcome::Built {
                    slug, incomplete, ..
                } if !incomplete.is_empty() => Some((slug.as_str(), incomplete.as_slice())),
                _ => None,
            })
            .collect()
    }

    /// True when every union built and is complete: the exit code a build reports.
    pub fn succeeded(&self) -> bool {
        self.failed().is_empty() && self.incomplete().is_empty()
    }

    /// The one summary line a build ends with.
    pub fn summary(&self) -> String {
        let built = self.outcomes.len() - self.failed().len();
        let failed = self.failed().len();
        let mut line = format!(
            "built {built} union{} ({} pages) in {} ms into {}",
            if built == 1 { "" } else { "s" },
            self.pages(),
            self.elapsed.as_millis(),
            self.output.display()
        );
        let unchanged = self
            .outcomes
            .iter()
            .filter(|o| {
                matches!(
                    o,
                    UnionOutcome::Built {
                        unchanged: true,
                        ..
                    }
                )
            })
            .count();
        if unchanged > 0 {
            line.push_str(&format!("; {unchanged} unchanged"));
        }
        if failed > 0 {
            line.push_str(&format!(
                "; {failed} failed ({}), their previous output left untouched",
                self.failed().join(", ")
            ));
        }
        let incomplete = self.incomplete();
        if !incomplete.is_empty() {
            let list: Vec<String> = incomplete
                .iter()
                .map(|(slug, items)| {
                    let items: Vec<&str> = items.iter().map(|i| i.ja()).collect();
                    format!("{slug}: {}", items.join("・"))
                })
                .collect();
            line.push_str(&format!(
                "; {} incomplete, published without what the law requires ({}): see `kumiai check`",
                incomplete.len(),
                list.join("; ")
            ));
        }
        line
    }
}

/// Builds the sites. A broken union is reported in the outcome and does not stop the others;
/// only a project-wide problem (settings, base, theme) is an `Err`.
pub fn build(options: &BuildOptions) -> anyhow::Result<BuildReport> {
    let started = Instant::now();
    let project = Project::load(&options.root)?;
    let output = options
        .output
        .clone()
        .unwrap_or_else(|| options.root.join("public"));
    let files = select_unions(&options.root, &options.only)?;
    crate::output::clear_leftovers(&output);

    let stamps = Stamps::load(&options.root, &output, &project.fingerprint);

    let bar = progress_bar(files.len(), options.progress);
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

    let outcomes = if options.only.is_empty() {
        write_portal(&project, outcomes, &output)?
    } else {
        outcomes
    };
    Ok(BuildReport {
        outcomes,
        elapsed: started.elapsed(),
        output,
    })
}

/// Unions done / total and the rate, on a terminal only: CI logs and pipes get the summary line.
fn progress_bar(total: usize, wanted: bool) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    let on_terminal = std::io::stderr().is_terminal() && std::env::var_os("CI").is_none();
    if !(wanted && on_terminal) {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(total as u64);
    if let Ok(style) = indicatif::ProgressStyle::with_template(
        "{bar:30.cyan/blue} {pos}/{len} unions  {per_sec}  {elapsed}",
    ) {
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
            incomplete: published_incomplete(&dir),
        };
        return (outcome, Some(stamp.clone()));
    }
    let fingerprint = crate::output::fingerprint::union(&project.fingerprint, path, &own_dir);
    if !force
        && let Some(manifest) = read_manifest(&dir)
        && manifest.is_current(&dir, &fingerprint)
    {
        inputs.site_files = &manifest.files;
        let stamp = Stamp::take(&slug, &fingerprint, &manifest.name, manifest.pages, &inputs);
        let outcome = UnionOutcome::Built {
            slug,
            name: manifest.name,
            pages: manifest.pages,
            unchanged: true,
            fingerprint,
            record: None,
            incomplete: published_incomplete(&dir),
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
    let Rendered {
        site,
        files,
        policy,
        legal,
        gate,
        ..
    } = match pipeline::render(project, path) {
        Ok(rendered) => rendered,
        Err(problems) => return UnionOutcome::Failed { slug, problems },
    };
    // Never worse: a site that shows an item the law requires is not replaced by one that
    // does not. (A site that never showed it is published with its other changes.)
    if let Some(published) = Gate::read(dir) {
        let lost = published.lost_in(&gate);
        if !lost.is_empty() {
            return UnionOutcome::Failed {
                slug,
                problems: kept_back(path, &lost, legal),
            };
        }
    }
    let info = SiteInfo {
        name: &site.identity.name,
        fingerprint: &fingerprint,
        pages: site.pages.len(),
        keep: &[],
    };
    if let Err(e) = write_site(dir, &info, &files, Update::Swap) {
        let problems = vec![Diagnostic::file(path, format!("{e:#}")).rule("io")];
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
    }
}

/// What a union's published site lacks, by its gate record (nothing for a site built before
/// records existed: it is judged again when it is next rendered).
fn published_incomplete(dir: &Path) -> Vec<LegalItem> {
    Gate::read(dir).map(|g| g.missing).unwrap_or_default()
}

/// The diagnostics of a union kept at its published version because the new build would take
/// away items the law requires: one that says so, then the finding of each item.
fn kept_back(
    path: &Path,
    lost: &[LegalItem],
    legal: Vec<(LegalItem, Diagnostic)>,
) -> Vec<Diagnostic> {
    let names: Vec<&str> = lost.iter().map(|i| i.ja()).collect();
    let list = names.join("・");
    let mut problems = vec![
        Diagnostic::file(
            path,
            format!(
                "not published: the site online shows {list}, which this version would no longer show; the published site is kept until the file is fixed"
            ),
        )
        .rule("publish-gate")
        .with_suggestion("put the missing items back (see the findings below), then build again")
        .ja(
            format!(
                "公開しませんでした: 公開中のサイトには「{list}」が載っていますが、この内容では載らなくなります。直すまでは公開中のサイトをそのまま残します"
            ),
            Some("下の指摘の項目を戻してから、もう一度ビルドしてください".to_string()),
        ),
    ];
    problems.extend(
        legal
            .into_iter()
            .filter(|(item, _)| lost.contains(item))
            .map(|(_, d)| d.severity(crate::diagnostic::Severity::Error)),
    );
    problems
}

/// The portal and the federation's files (contractor index, catalogue of every union).
fn write_portal(
    project: &Project,
    outcomes: Vec<UnionOutcome>,
    output: &Path,
) -> anyhow::Result<Vec<UnionOutcome>> {
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
    crate::federation::write(
        output,
        listed,
        &project.fingerprint,
        &project.theme,
        &project.config,
    )?;
    Ok(kept)
}
