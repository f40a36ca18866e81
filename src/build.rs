//! The build orchestrator: load → merge → render → write, every union in parallel.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context as _, anyhow};
use rayon::prelude::*;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::federation::Listed;
use crate::federation::record::UnionRecord;
use crate::load::UnionFile;
use crate::load::{self, Config};
use crate::merge::merge;
use crate::model::{Base, UnionSite};
use crate::open_data::PolicyDoc;
use crate::render::{self, OutputFile, PortalEntry, Theme};
use crate::stamp::{Inputs, Stamp, Stamps};
use crate::write::{SiteInfo, Update, read_manifest, write_site};

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

/// Everything a build reads once and shares between unions.
pub struct Project {
    pub root: PathBuf,
    pub config: Config,
    pub base: Base,
    pub theme: Theme,
    /// Hash of what every union depends on (see [`crate::fingerprint`]).
    pub fingerprint: String,
}

impl Project {
    /// Loads the settings, the base and the theme. Problems here stop the whole build.
    pub fn load(root: &Path) -> anyhow::Result<Project> {
        let config = Config::load(root).map_err(|d| Diagnostics(vec![d]))?;
        let base = load::load_base(root)?;
        let theme = Theme::load(root, &config.theme, config.minify)?;
        let fingerprint = crate::fingerprint::project(root, &config.theme);
        Ok(Project {
            root: root.to_path_buf(),
            config,
            base,
            theme,
            fingerprint,
        })
    }
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
    crate::write::clear_leftovers(&output);

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

pub(crate) fn select_unions(root: &Path, only: &[String]) -> anyhow::Result<Vec<PathBuf>> {
    let all = load::list_unions(root)
        .with_context(|| format!("reading {}", root.join("unions").display()))?;
    if only.is_empty() {
        return Ok(all);
    }
    let slugs: Vec<String> = all
        .iter()
        .filter_map(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
        .collect();
    for wanted in only {
        if !slugs.contains(wanted) {
            let near = crate::diagnostic::nearest(wanted, slugs.iter().map(String::as_str));
            let help = if near.is_empty() {
                format!("the unions are: {}", slugs.join(", "))
            } else {
                crate::diagnostic::did_you_mean(&near)
            };
            return Err(anyhow!(
                "there is no union `{wanted}` (no file unions/{wanted}.toml); {help}"
            ));
        }
    }
    Ok(all
        .into_iter()
        .filter(|p| {
            p.file_stem()
                .is_some_and(|s| only.iter().any(|o| o.as_str() == s))
        })
        .collect())
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
        };
        return (outcome, Some(stamp.clone()));
    }
    let fingerprint = crate::fingerprint::union(&project.fingerprint, path, &own_dir);
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
        ..
    } = match render_in_memory(project, path) {
        Ok(rendered) => rendered,
        Err(problems) => return UnionOutcome::Failed { slug, problems },
    };
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
    }
}

/// One union loaded, merged and rendered, nothing written yet.
pub struct Rendered {
    pub file: UnionFile,
    pub site: UnionSite,
    pub files: Vec<OutputFile>,
    /// Its open data, as in its `policy.json`.
    pub policy: PolicyDoc,
}

/// Loads, merges and renders one union in memory; `build` then writes it, `check` lints it.
pub fn render_in_memory(project: &Project, path: &Path) -> Result<Rendered, Vec<Diagnostic>> {
    let file = load::load_union(path).map_err(|d| vec![d])?;
    let site = merge(&project.base, &file).map_err(|Diagnostics(list)| list)?;
    let output = render::render_union(&site, &project.theme, &project.config)
        .map_err(|e| vec![Diagnostic::file(path, format!("{e:#}")).rule("render")])?;
    let files = with_union_assets(output.files, &file.assets_dir());
    Ok(Rendered {
        file,
        site,
        files,
        policy: output.policy,
    })
}

/// A union's slug: its file name without `.toml`.
pub fn slug_of(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Copies images and other non-Markdown files from `unions/<slug>/` into the site.
fn with_union_assets(mut files: Vec<OutputFile>, dir: &Path) -> Vec<OutputFile> {
    let assets = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter(|e| e.path().extension().is_none_or(|x| x != "md"));
    for entry in assets {
        let Ok(rel) = entry.path().strip_prefix(dir) else {
            continue;
        };
        if let Ok(bytes) = std::fs::read(entry.path()) {
            let rel = rel.to_string_lossy().replace('\\', "/");
            files.push(OutputFile {
                path: format!("files/{rel}"),
                bytes,
            });
        }
    }
    files
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
