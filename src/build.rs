//! The build orchestrator: load → merge → render → write, every union in parallel.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::diagnostic::Diagnostic;
use crate::federation::Listed;
use crate::federation::record::UnionRecord;
use crate::output::lock::{BuildLock, DEFAULT_WAIT};
use crate::output::prune::{self, Gone};
use crate::output::stamp::{Inputs, Stamp, Stamps};
use crate::output::{Collision, SiteInfo, UnsafeName, Update, read_manifest, write_site};
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
    /// Remove the sites of unions gone from `unions/` even when they are many (more than 10 %
    /// of the unions, or all of them); without it only a few are removed at once.
    pub prune: bool,
    /// How long to wait for another build into the same output folder (default two minutes).
    pub lock_wait: Option<Duration>,
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
    /// Why the portal and the federation's files could not be written, if they could not.
    pub federation_error: Option<String>,
    /// The sites of unions gone from `unions/`: removed or kept.
    pub gone: Gone,
    /// True when the build first waited for another build into the same output folder.
    pub waited: bool,
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
        !self.any_failed() && self.incomplete().is_empty()
    }

    /// True when anything failed: a union, or the federation's files.
    pub fn any_failed(&self) -> bool {
        !self.failed().is_empty() || self.federation_error.is_some()
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
        if !self.gone.removed.is_empty() {
            line.push_str(&format!(
                "; removed the site{} of {} union{} no longer in unions/ ({})",
                plural(self.gone.removed.len()),
                self.gone.removed.len(),
                plural(self.gone.removed.len()),
                names(&self.gone.removed)
            ));
        }
        if !self.gone.left_files.is_empty() {
            line.push_str(&format!(
                "; files kumiai did not write were left in {}",
                names(&self.gone.left_files)
            ));
        }
        if let Some(note) = self.kept_note() {
            line.push_str("; ");
            line.push_str(&note);
        }
        if let Some(e) = &self.federation_error {
            line.push_str(&format!(
                "; the portal and the federation's files were NOT all written ({e})"
            ));
        }
        if self.waited {
            line.push_str("; waited for another build into the same folder first");
        }
        line
    }

    /// What the build kept of unions gone from `unions/`, and how to remove them.
    pub fn kept_note(&self) -> Option<String> {
        let kept = &self.gone.kept;
        (!kept.is_empty()).then(|| {
            format!(
                "kept the site{} of {} union{} no longer in unions/ ({}): removing this many at \
                 once needs `kumiai build --prune`",
                plural(kept.len()),
                kept.len(),
                plural(kept.len()),
                names(kept)
            )
        })
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
    // One build at a time per output folder: held until this function returns.
    let lock = BuildLock::acquire(&output, options.lock_wait.unwrap_or(DEFAULT_WAIT))?;
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

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// Up to five names, then how many more.
fn names(all: &[String]) -> String {
    let mut text = all.iter().take(5).cloned().collect::<Vec<_>>().join(", ");
    if all.len() > 5 {
        text.push_str(&format!(" and {} more", all.len() - 5));
    }
    text
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

/// Why a union's site could not be written: a file or folder of someone else's in the way, or
/// the machine (a full disk, a read-only folder). The site is then at its previous version.
fn write_failure(path: &Path, dir: &Path, e: &anyhow::Error) -> Diagnostic {
    if let Some(c) = e.downcast_ref::<Collision>() {
        let existing = c.existing.display();
        return if c.existing == c.site {
            Diagnostic::file(
                path,
                format!(
                    "{c}: the union's site cannot be published there without replacing \
                     someone else's files"
                ),
            )
            .with_suggestion(format!(
                "move {existing} away if it is not needed, or give the union another slug \
                 (rename its file)"
            ))
            .ja(
                format!(
                    "{existing} は kumiai が作ったフォルダではありません（{} がありません）。\
                     この組合のサイトをそこに書くと、他の人のファイルを上書きしてしまいます",
                    crate::output::MANIFEST
                ),
                Some(format!(
                    "不要なら {existing} を移動するか、組合のファイル名（スラッグ）を変えてください"
                )),
            )
            .rule("output-collision")
        } else {
            Diagnostic::file(
                path,
                format!("{c}: the union's site would replace it; nothing was written"),
            )
            .with_suggestion(format!(
                "move or delete {existing} if it is not needed, or give the union's page \
                 another file name"
            ))
            .ja(
                format!(
                    "{existing} は kumiai が書いたファイルではないため、上書きしません（何も書き\
                     込んでいません）"
                ),
                Some(format!(
                    "不要なら {existing} を移動・削除するか、組合のページのファイル名を変えてください"
                )),
            )
            .rule("output-collision")
        };
    }
    if let Some(u) = e.downcast_ref::<UnsafeName>() {
        return Diagnostic::file(path, format!("{u}; the site was left as it was"))
            .with_suggestion("rename the file in the union's folder (letters, digits, - and _)")
            .ja(
                format!(
                    "{:?} は公開できない名前です（制御文字・`..`・バックスラッシュ）。サイトは前の\
                     ままです",
                    u.name
                ),
                Some("組合のフォルダのファイル名を変えてください（英数字と - _）".to_string()),
            )
            .rule("output-name");
    }
    Diagnostic::file(
        path,
        format!(
            "could not write the site {}: {e:#}; it was left at its previous version",
            dir.display()
        ),
    )
    .with_suggestion("free disk space or fix the folder's permissions, then build again")
    .ja(
        format!(
            "サイト {} を書き込めませんでした: {e:#}。サイトは前の版のままです",
            dir.display()
        ),
        Some("ディスクの空きやフォルダの権限を確認して、もう一度ビルドしてください".to_string()),
    )
    .rule("io")
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
    let written = crate::federation::write(
        output,
        listed,
        &project.fingerprint,
        &project.theme,
        &project.config,
    );
    (kept, written.err())
}
