//! `kumiai report --output DIR`: the federation staff's view of every union at once. One table
//! (`index.html`: deviations from the base, stale overrides, lint findings, missing legal
//! items; sortable by `report.js`, readable without it), a chart of unions by number of
//! deviations, and one page per union (`<slug>.html`) with its diff and findings. Computed in
//! memory with `check`'s machinery; written outside the public sites. Above the table, the
//! headline counts (`headline`), each linking to a page of the table that lists those unions;
//! the table as `report.csv`.

mod headline;

pub use headline::{categories, to_csv};

use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};
use rayon::prelude::*;
use serde::Serialize;

use crate::deviation::{Deviation, MovedEntry, deviation};
use crate::diagnostic::{Diagnostic, Lang, Severity};
use crate::model::{Base, Digits, MovedKind};
use crate::output::{MANIFEST, write_file};
use crate::pipeline::render_and_lint;
use crate::project::{Project, select_unions, slug_of};
use crate::publish::LegalItem;
use crate::render::OutputFile;
use crate::text::wareki;

const INDEX: &str = include_str!("report/index.html");
const DETAIL: &str = include_str!("report/detail.html");
const CSS: &str = include_str!("report/report.css");
const JS: &str = include_str!("report/report.js");

/// Chart buckets: unions by number of deviating items (inclusive upper bounds).
const BUCKETS: &[(usize, &str)] = &[
    (0, "0件"),
    (2, "1〜2件"),
    (5, "3〜5件"),
    (10, "6〜10件"),
    (20, "11〜20件"),
    (usize::MAX, "21件以上"),
];

/// One union's line of the report, and what its page shows.
#[derive(Debug, Serialize)]
pub struct Row {
    pub slug: String,
    pub name: String,
    /// False when its override has errors: only its findings are known.
    pub built: bool,
    pub base_revision: String,
    pub last_revision_iso: String,
    /// 和暦, or empty when the union gives no dates.
    pub last_revision: String,
    pub removed: usize,
    pub added: usize,
    pub reworded: usize,
    /// Sections, groups and items moved, and rows of the data-kinds table.
    pub moved: usize,
    pub data_kinds: usize,
    pub stale: usize,
    pub total: usize,
    pub errors: usize,
    pub warnings: usize,
    pub acknowledged: usize,
    /// What the law asks for that the union does not publish, unacknowledged (`legal-*` errors).
    pub legal_missing: Vec<&'static str>,
    /// What the law asks for that the union does not publish and has acknowledged.
    pub legal_acknowledged: Vec<&'static str>,
    /// Its `stale-override` findings (warnings, or notes when acknowledged), as `check` has them.
    pub stale_findings: usize,
    /// Pages the union wrote itself.
    pub own_pages: usize,
    /// The wholesale replacements, each one deviation, named (see `Deviation::wholesale`).
    pub wholesale: Vec<String>,
    /// True when the union replaced its purposes page: its items are not on the site.
    pub purposes_replaced: bool,
    /// True when it dropped the base's purposes for its own (`[purposes] base = false`).
    pub purposes_own: bool,
    /// The items it changed, labelled by their text (the id beside it).
    pub labels: Labels,
    pub deviation: Option<Deviation>,
    pub findings: Vec<Finding>,
}

/// The texts that name what a union changed, for its page: staff read 「保険給付及び付加給付の
/// 実施」, not `benefits.internal.payment` (which stays beside it, smaller).
#[derive(Debug, Default, Serialize)]
pub struct Labels {
    pub moved: Vec<MovedLabel>,
}

/// A moved section, group or item, named by its title or text.
#[derive(Debug, Serialize)]
pub struct MovedLabel {
    pub id: String,
    pub label: String,
    pub from: String,
    pub to: String,
}

/// A `check` finding as the union's page lists it.
#[derive(Debug, Serialize)]
pub struct Finding {
    pub severity: &'static str,
    pub rule: &'static str,
    /// `unions/acom.toml:32:6`, relative to the project.
    pub place: String,
    pub message: String,
    pub acknowledged: Option<String>,
}

/// One bar of the chart.
#[derive(Debug, Serialize)]
pub struct Bar {
    pub label: &'static str,
    pub count: usize,
    /// Length in SVG units, proportional to the largest count.
    pub width: usize,
    pub y: usize,
}

/// What a report covered, for the line the command prints.
pub struct ReportSummary {
    pub unions: usize,
    pub failed: usize,
    pub dir: PathBuf,
}

impl ReportSummary {
    /// The one line `kumiai report` prints.
    pub fn line(&self, lang: Lang) -> String {
        let index = self.dir.join("index.html");
        crate::diagnostic::messages::commands::report_written(
            lang,
            self.unions,
            self.failed,
            &index,
        )
    }
}

/// Computes the report of the project at `root` and writes it into `output`.
pub fn write(root: &Path, output: &Path) -> anyhow::Result<ReportSummary> {
    refuse_public(root, output)?;
    let project = Project::load(root)?;
    let rows = rows(&project)?;
    let files = render(&project, &rows)?;
    std::fs::create_dir_all(output).with_context(|| format!("creating {}", output.display()))?;
    for file in &files {
        write_file(output, file)?;
    }
    Ok(ReportSummary {
        unions: rows.len(),
        failed: rows.iter().filter(|r| !r.built).count(),
        dir: output.to_path_buf(),
    })
}

/// The report names every lint finding of every union: it is for the federation's staff, not
/// for members, so it must not land in a folder that gets published.
fn refuse_public(root: &Path, output: &Path) -> anyhow::Result<()> {
    let resolve = |p: &Path| {
        p.canonicalize()
            .or_else(|_| std::path::absolute(p))
            .unwrap_or_else(|_| p.to_path_buf())
    };
    let output = resolve(output);
    let public = resolve(&root.join("public"));
    let built = output.ancestors().find(|dir| {
        dir.join(MANIFEST).is_file() || dir.join(crate::federation::record::RECORDS_FILE).is_file()
    });
    if output.starts_with(&public) || built.is_some() {
        bail!(
            "{} is inside the public output ({}); the report lists every union's findings and is for the federation's staff: write it elsewhere, e.g. --output report",
            output.display(),
            built.unwrap_or(&public).display()
        );
    }
    Ok(())
}

/// Every union's row, in slug order.
pub fn rows(project: &Project) -> anyhow::Result<Vec<Row>> {
    let files = select_unions(&project.root, &[])?;
    Ok(files.par_iter().map(|path| row(project, path)).collect())
}

fn row(project: &Project, path: &Path) -> Row {
    let (rendered, found) = render_and_lint(project, path);
    let count = |s| found.iter().filter(|d| d.severity == s).count();
    // Unacknowledged only: an acknowledged gap is a note, and the union is then not incomplete.
    let legal = |severity: Severity| -> Vec<&'static str> {
        LegalItem::ALL
            .iter()
            .filter(|item| {
                found
                    .iter()
                    .any(|d| d.rule == item.rule() && d.severity == severity)
            })
            .map(|item| item.ja())
            .collect()
    };
    let legal_missing = legal(Severity::Error);
    let legal_acknowledged = legal(Severity::Note);
    let stale_findings = found.iter().filter(|d| d.rule == "stale-override").count();
    let findings = found.iter().map(|d| finding(&project.root, d)).collect();
    let mut row = Row {
        slug: slug_of(path),
        name: String::new(),
        built: rendered.is_some(),
        base_revision: String::new(),
        last_revision_iso: String::new(),
        last_revision: String::new(),
        removed: 0,
        added: 0,
        reworded: 0,
        moved: 0,
        data_kinds: 0,
        stale: 0,
        total: 0,
        errors: count(Severity::Error),
        warnings: count(Severity::Warning),
        acknowledged: count(Severity::Note),
        legal_missing,
        legal_acknowledged,
        stale_findings,
        own_pages: 0,
        wholesale: Vec::new(),
        purposes_replaced: false,
        purposes_own: false,
        labels: Labels::default(),
        deviation: None,
        findings,
    };
    if let Some(rendered) = rendered {
        let d = deviation(&project.base, &rendered.site);
        row.name = d.name.clone();
        row.base_revision = d.base_revision.clone();
        if let Some(day) = d.last_revision {
            row.last_revision_iso = day.to_string();
            row.last_revision = wareki::format(day, Digits::Half);
        }
        row.removed = d.removed.len();
        row.added = d.added.len();
        row.reworded = d.reworded.len();
        row.moved = d.moved.len();
        row.data_kinds = d.data_kinds.len();
        row.stale = d.stale().count();
        row.total = d.total();
        row.own_pages = d.own_pages.len();
        row.wholesale = d.wholesale(Lang::Ja);
        row.purposes_replaced = d.purposes_replaced;
        row.purposes_own = d.purposes_own;
        row.labels = Labels {
            moved: d
                .moved
                .iter()
                .map(|m| moved_label(&project.base, m))
                .collect(),
        };
        row.deviation = Some(d);
    }
    row
}

/// A moved entry named by the base's title (section), label (group) or text (item), with its
/// places named the same way.
fn moved_label(base: &Base, m: &MovedEntry) -> MovedLabel {
    let name = |what: MovedKind, id: &str| -> String {
        let sections = base.policy.sections.iter();
        match what {
            MovedKind::Section => sections
                .filter(|s| s.id == id)
                .map(|s| s.title.clone())
                .next(),
            MovedKind::Group => sections
                .flat_map(|s| &s.groups)
                .filter(|g| g.id == id)
                .map(|g| g.label.clone())
                .next(),
            MovedKind::Item => sections
                .flat_map(|s| &s.groups)
                .flat_map(|g| &g.items)
                .filter(|i| i.id == id)
                .map(|i| i.text.clone())
                .next(),
        }
        .filter(|label| !label.is_empty())
        .unwrap_or_else(|| id.to_string())
    };
    let parent = match m.what {
        MovedKind::Section => None,
        MovedKind::Group => Some(MovedKind::Section),
        MovedKind::Item => Some(MovedKind::Group),
    };
    let place = |p: &crate::deviation::moves::Place| match parent {
        Some(kind) if !p.parent.is_empty() => {
            format!("「{}」の{}番目", name(kind, &p.parent), p.position)
        }
        _ => format!("{}番目", p.position),
    };
    MovedLabel {
        id: m.id.clone(),
        label: name(m.what, &m.id),
        from: place(&m.from),
        to: place(&m.to),
    }
}

fn finding(root: &Path, d: &Diagnostic) -> Finding {
    let file = d.file.strip_prefix(root).unwrap_or(&d.file).display();
    Finding {
        severity: match d.severity {
            Severity::Error => "エラー",
            Severity::Warning => "警告",
            Severity::Note => "確認済み",
        },
        rule: d.rule,
        place: if d.line == 0 {
            file.to_string()
        } else {
            format!("{file}:{}:{}", d.line, d.column)
        },
        message: d.message_in(Lang::Ja).to_string(),
        acknowledged: d.acknowledged.clone(),
    }
}

/// The chart's bars: unions that built, by number of deviating items.
pub fn bars(rows: &[Row]) -> Vec<Bar> {
    let mut counts = vec![0usize; BUCKETS.len()];
    for row in rows.iter().filter(|r| r.built) {
        if let Some(at) = BUCKETS.iter().position(|(max, _)| row.total <= *max) {
            counts[at] += 1;
        }
    }
    let most = counts.iter().copied().max().unwrap_or(0).max(1);
    BUCKETS
        .iter()
        .zip(counts)
        .enumerate()
        .map(|(n, ((_, label), count))| Bar {
            label,
            count,
            width: count * 400 / most,
            y: n * 32,
        })
        .collect()
}

/// The report's files: `index.html`, one page per union, the stylesheet and the script.
pub fn render(project: &Project, rows: &[Row]) -> anyhow::Result<Vec<OutputFile>> {
    let mut tera = tera::Tera::new();
    tera.add_raw_templates([("index.html", INDEX), ("detail.html", DETAIL)])
        .map_err(|e| anyhow::anyhow!(crate::render::theme::error_chain(&e)))?;
    let render = |name: &str, ctx: &tera::Context| -> anyhow::Result<Vec<u8>> {
        tera.render(name, ctx)
            .map(String::into_bytes)
            .map_err(|e| anyhow::anyhow!("{name}: {}", crate::render::theme::error_chain(&e)))
    };
    let base = &project.base.meta;
    let mut shared = tera::Context::new();
    shared.insert("base_revision", &base.revision);
    shared.insert("base_date", &wareki::format(base.date, Digits::Half));
    shared.insert("title", &project.config.title);

    let bars = bars(rows);
    let categories = categories(rows);
    shared.insert("categories", &categories);
    shared.insert("all", &rows.len());
    shared.insert("failed", &rows.iter().filter(|r| !r.built).count());
    let mut ctx = shared.clone();
    ctx.insert("rows", rows);
    ctx.insert("chart_height", &(bars.len() * 32));
    ctx.insert("bars", &bars);
    let mut files = vec![OutputFile {
        path: "index.html".to_string(),
        bytes: render("index.html", &ctx)?,
    }];
    // One page per headline count: the table, only those unions (no script needed).
    for category in &categories {
        let mut ctx = shared.clone();
        let chosen: Vec<&Row> = rows
            .iter()
            .filter(|r| category.slugs.contains(&r.slug))
            .collect();
        ctx.insert("rows", &chosen);
        ctx.insert("current", category);
        files.push(OutputFile {
            path: category.href.clone(),
            bytes: render("index.html", &ctx)?,
        });
    }
    files.push(OutputFile {
        path: "report.csv".to_string(),
        bytes: to_csv(rows),
    });
    for row in rows {
        let mut ctx = shared.clone();
        ctx.insert("row", row);
        files.push(OutputFile {
            path: format!("{}.html", row.slug),
            bytes: render("detail.html", &ctx)?,
        });
    }
    files.push(OutputFile {
        path: "report.css".to_string(),
        bytes: CSS.as_bytes().to_vec(),
    });
    files.push(OutputFile {
        path: "report.js".to_string(),
        bytes: JS.as_bytes().to_vec(),
    });
    Ok(files)
}
