//! `kumiai import FILE... --slug SLUG [--name NAME]`: a union's current policy page (saved web
//! pages or text copied out of a PDF) → a structured override, `unions/SLUG.toml`, with
//! `unions/SLUG/` pages only for what has no structured place.
//!
//! The stages, each in its own file: `read` (bytes → text, in any encoding old sites use),
//! `html` and `text` (→ blocks), `outline` (which standard page each part is), `purposes`
//! (sections, groups, items), `align` (against the base's ids), `identity`, `dates` and
//! `contractors` (values out of the prose), `draft` (all of it together, with a tally of what is
//! structure), `markdown` (prose carried verbatim), `write` (the override's text) and `report`.
//! Nothing is overwritten, no text is dropped, no value is invented.

mod align;
mod blocks;
mod contractors;
mod data_kinds;
mod dates;
mod draft;
mod extra;
mod html;
mod identity;
mod markdown;
mod narrative;
mod order;
mod outline;
mod purposes;
mod read;
mod site;
pub mod report;
mod text;
mod wording;
mod write;

use std::fs::{self, OpenOptions};
use std::io::Write as _;
use std::path::{Path, PathBuf};

use crate::diagnostic::Diagnostic;
use crate::load::union::is_valid_slug;
use crate::project::Project;
use blocks::Block;
use draft::Draft;
use report::{Report, SourceInfo};

/// What to import, and as which union.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    pub root: PathBuf,
    pub files: Vec<PathBuf>,
    pub slug: String,
    /// The union's official name, when the page does not give it.
    pub name: Option<String>,
}

/// Imports the files as a new union; on any problem, writes nothing and says why.
pub fn import(options: &ImportOptions) -> Result<Report, Vec<Diagnostic>> {
    let project = prepare(options)?;
    let (files, sources) = read_all(&options.files)?;
    let all_text: String = files
        .iter()
        .flat_map(|f| &f.blocks)
        .map(Block::text)
        .collect::<Vec<_>>()
        .join("\n");
    let name = union_name(options, &all_text)?;
    let several = files.len() > 1;
    let split = site::split(files, &project.base);
    let mut regions = outline::regions(split.main, &project.base);
    if let Some(purposes) = regions.iter_mut().find(|r| r.page == "purposes") {
        purposes.blocks.extend(split.section_blocks);
    }
    let mut draft = draft::draft(regions, name, &all_text, &project.base);
    draft.files_became = extra::apply(&mut draft, split.extra, &project.base);
    if several {
        note_policy_files(&mut draft, &sources);
    }
    union_address(&mut draft);
    let missing = write_union(&project, options, &draft, &sources)?;
    Ok(report::report(options, &draft, sources, missing))
}

/// Refuses a bad slug, a folder that is not a project, and a union that exists already.
fn prepare(options: &ImportOptions) -> Result<Project, Vec<Diagnostic>> {
    let toml = options
        .root
        .join("unions")
        .join(format!("{}.toml", options.slug));
    if !is_valid_slug(&options.slug) {
        return Err(vec![problem(
            &toml,
            "slug",
            &format!(
                "`{}` is not a valid union slug: use lowercase ASCII letters, digits and single hyphens, e.g. `tokyo-kiki`",
                options.slug
            ),
            &format!(
                "`{}` は組合の識別名（スラッグ）に使えません。英小文字・数字・ハイフンで書いてください（例: tokyo-kiki）",
                options.slug
            ),
        )]);
    }
    for path in [
        toml.clone(),
        options.root.join("unions").join(&options.slug),
    ] {
        if path.exists() {
            return Err(vec![problem(
                &path,
                "import",
                &format!(
                    "{} already exists: import never overwrites a union; choose another slug, or remove it first",
                    path.display()
                ),
                &format!(
                    "{} はすでにあります。import は既存の組合を上書きしません。別の識別名にするか、先に削除してください",
                    path.display()
                ),
            )]);
        }
    }
    Project::load(&options.root).map_err(|e| {
        vec![problem(
            &options.root.join("kumiai.toml"),
            "import",
            &format!("{e:#}"),
            &format!("プロジェクトを読み込めません: {e:#}"),
        )]
    })
}

/// The files that are neither a page of their own are the policy's pages, read as one.
fn note_policy_files(d: &mut Draft, sources: &[SourceInfo]) {
    for source in sources {
        let file = file_name(&source.path);
        if !d.files_became.iter().any(|(f, _)| *f == file) {
            d.files_became
                .push((file, "the policy's standard pages (read together)".into()));
        }
    }
}

/// Reads every file into blocks, one page per file (a policy spread over several pages);
/// every refusal is reported, not only the first.
fn read_all(files: &[PathBuf]) -> Result<(Vec<site::FilePage>, Vec<SourceInfo>), Vec<Diagnostic>> {
    let mut blocks = Vec::new();
    let mut sources = Vec::new();
    let mut problems = Vec::new();
    // A site's other pages (its consent page, a page of its own) need not name personal
    // information: only when no file does is the import not a policy's.
    let mut off_topic = Vec::new();
    for path in files {
        let source = match read::read(path) {
            Ok(source) => source,
            Err(d) => {
                problems.push(d);
                continue;
            }
        };
        let (page, chrome) = if source.html {
            let page = html::blocks(&source.text);
            (page.blocks, page.chrome_chars)
        } else {
            (text::blocks(&source.text), 0)
        };
        let text: String = page.iter().map(Block::text).collect();
        if !is_policy(&text) {
            off_topic.push(not_a_policy(path));
        }
        sources.push(SourceInfo {
            path: path.clone(),
            encoding: source.encoding,
            html: source.html,
            chrome_chars: chrome,
        });
        blocks.push(site::FilePage {
            file: file_name(path),
            blocks: page,
        });
    }
    if off_topic.len() == files.len() {
        problems.extend(off_topic);
    }
    if problems.is_empty() {
        Ok((blocks, sources))
    } else {
        Err(problems)
    }
}

/// A policy page speaks of personal information (or its purposes) at least once.
fn is_policy(text: &str) -> bool {
    ["個人情報", "個人データ", "利用目的", "特定個人情報"]
        .iter()
        .any(|w| text.contains(w))
}

/// The name given, else the one the page uses; a page that names no union needs `--name`.
fn union_name(options: &ImportOptions, text: &str) -> Result<String, Vec<Diagnostic>> {
    if let Some(name) = options
        .name
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty())
    {
        return Ok(name.to_string());
    }
    identity::union_name(text).ok_or_else(|| {
        let file = options.files.first().cloned().unwrap_or_default();
        vec![problem(&file, "import",
            "the page does not name the union: give its official name with --name, e.g. --name 東京機器健康保険組合",
            "ページに組合の名称がありません。--name で正式名称を指定してください（例: --name 東京機器健康保険組合）")]
    })
}

/// The union's own address is its window's, when the window is the union's (its department
/// starts with the union's name), as a person copying the page would take it.
fn union_address(d: &mut Draft) {
    let own = d.windows.iter().find(|w| {
        w.department
            .as_deref()
            .is_some_and(|dep| dep.starts_with(&d.name))
    });
    if let Some(w) = own.filter(|w| w.address.is_some()) {
        d.postal_code = w.postal_code.clone();
        d.address = w.address.clone();
    }
}

/// Writes the override and its pages, judges the site they make as `check` does, and writes
/// an acknowledgement for each Art. 32 item it lacks. Returns those rules. On an error of
/// the written override (an importer's bug), removes what it wrote.
fn write_union(
    project: &Project,
    options: &ImportOptions,
    d: &Draft,
    sources: &[SourceInfo],
) -> Result<Vec<&'static str>, Vec<Diagnostic>> {
    let names: Vec<String> = sources.iter().map(|s| file_name(&s.path)).collect();
    let written = write::write(d, &names, &[]);
    let unions = options.root.join("unions");
    let toml = unions.join(format!("{}.toml", options.slug));
    let folder = unions.join(&options.slug);
    let io = |path: &Path, e: std::io::Error| {
        vec![problem(
            path,
            "import",
            &format!("cannot write {}: {e}", path.display()),
            &format!("{} に書き込めません: {e}", path.display()),
        )]
    };
    create_new(&toml, &written.toml).map_err(|e| io(&toml, e))?;
    let cleanup = || {
        let _ = fs::remove_file(&toml);
        let _ = fs::remove_dir_all(&folder);
    };
    for (name, text) in &written.files {
        let path = folder.join(name);
        if let Err(e) = fs::create_dir_all(&folder).and_then(|()| create_new(&path, text)) {
            cleanup();
            return Err(io(&path, e));
        }
    }
    let rendered = match crate::pipeline::render(project, &toml) {
        Ok(rendered) => rendered,
        Err(diagnostics) => {
            cleanup();
            return Err(diagnostics);
        }
    };
    let mut missing: Vec<&'static str> = rendered.legal.iter().map(|(_, d)| d.rule).collect();
    missing.dedup();
    if !missing.is_empty() {
        let written = write::write(d, &names, &missing);
        fs::write(&toml, written.toml).map_err(|e| io(&toml, e))?;
    }
    Ok(missing)
}

/// Creates a file that must not exist yet (checked and created in one step).
fn create_new(path: &Path, text: &str) -> std::io::Result<()> {
    let mut file = OpenOptions::new().write(true).create_new(true).open(path)?;
    file.write_all(text.as_bytes())
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

fn not_a_policy(path: &Path) -> Diagnostic {
    problem(path, "import",
        &format!("{} does not look like a privacy policy: it never mentions 個人情報, 個人データ or 利用目的", path.display()),
        &format!("{} は個人情報保護方針に見えません（「個人情報」「個人データ」「利用目的」のどれもありません）", path.display()))
    .with_suggestion("save the union's policy page itself (not its menu or a page linking to it)")
    .ja(
        format!("{} は個人情報保護方針に見えません（「個人情報」「個人データ」「利用目的」のどれもありません）", path.display()),
        Some("組合の方針のページそのものを保存してください（メニューやリンク元のページではなく）".into()),
    )
}

/// A problem with a file as a whole, in both languages.
fn problem(path: &Path, rule: &'static str, en: &str, ja: &str) -> Diagnostic {
    Diagnostic::file(path, en).rule(rule).ja(ja, None)
}
