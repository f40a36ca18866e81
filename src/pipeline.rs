//! The per-union pipeline that build, serve, check and report share: load → merge → render,
//! and the lints when asked for. Nothing here writes; build writes, serve keeps files in memory.

use std::path::Path;

use crate::diagnostic::{Diagnostic, Diagnostics, Severity};
use crate::lint::{acknowledge, lint};
use crate::load::assets::Asset;
use crate::load::{self, UnionFile};
use crate::merge::merge;
use crate::model::{Base, UnionSite};
use crate::open_data::PolicyDoc;
use crate::project::Project;
use crate::publish::{self, Gate, LegalItem};
use crate::render::{self, OutputFile};

/// One union loaded, merged and rendered, nothing written yet.
pub struct Rendered {
    pub file: UnionFile,
    pub site: UnionSite,
    pub files: Vec<OutputFile>,
    /// Its open data, as in its `policy.json`.
    pub policy: PolicyDoc,
    /// The Art. 32 items its pages lack, each with its finding (before acknowledgements).
    pub legal: Vec<(LegalItem, Diagnostic)>,
    /// What its pages show of those items, and what it lacks unacknowledged (kept in the site's
    /// manifest, for the next build's gate).
    pub gate: Gate,
}

impl Rendered {
    /// Every finding `check` reports for the union: the lints and the legal judgement of its
    /// pages, with the union's acknowledgements applied.
    pub fn findings(&self, project: &Project) -> Vec<Diagnostic> {
        let mut found = lint(&self.site, &self.file, &project.base);
        found.extend(self.legal.iter().map(|(_, d)| d.clone()));
        acknowledge(found, &self.file)
    }
}

/// Loads, merges and renders one union in memory; `build` then writes it, `check` lints it.
///
/// An `[[acknowledge]]` of a rule that does not exist is an error: `check` reports it with the
/// lints ([`render_and_lint`]), and the union is not built, so build, serve and check agree.
pub fn render(project: &Project, path: &Path) -> Result<Rendered, Vec<Diagnostic>> {
    let rendered = render_unlinted(project, path)?;
    let unknown = crate::lint::unknown_acknowledgements(&rendered.file);
    if unknown.is_empty() {
        Ok(rendered)
    } else {
        Err(unknown)
    }
}

/// [`render`] without looking at the acknowledgements (the lints do).
fn render_unlinted(project: &Project, path: &Path) -> Result<Rendered, Vec<Diagnostic>> {
    let (mut file, site) = merge_union(&project.base, path)?;
    let output = render::render_union(&site, &project.theme, &project.config)
        .map_err(|e| vec![Diagnostic::file(path, format!("{e:#}")).rule("render")])?;
    let legal = publish::judge(&output.site, &file, &output.files, &project.root);
    let gate = gate_of(&legal, &file);
    let files = with_union_assets(output.files, std::mem::take(&mut file.folder.assets));
    Ok(Rendered {
        file,
        site,
        files,
        policy: output.policy,
        legal,
        gate,
    })
}

/// The gate's record of a judged union: what it lacks, and what of that it has not acknowledged.
fn gate_of(legal: &[(LegalItem, Diagnostic)], file: &UnionFile) -> Gate {
    let lacking: Vec<LegalItem> = legal.iter().map(|(item, _)| *item).collect();
    let found: Vec<Diagnostic> = legal.iter().map(|(_, d)| d.clone()).collect();
    let unacknowledged: Vec<LegalItem> = acknowledge(found, file)
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .filter_map(|d| LegalItem::of_rule(d.rule))
        .collect();
    Gate::new(&lacking, &unacknowledged)
}

impl Project {
    /// One union's policy as the base and its override make it (placeholders not yet filled),
    /// or the problems that stop it from building.
    pub fn merged(&self, slug: &str) -> Result<UnionSite, Vec<Diagnostic>> {
        let path = self.root.join("unions").join(format!("{slug}.toml"));
        merge_union(&self.base, &path).map(|(_, site)| site)
    }
}

/// Loads one union's override and merges it into the base: its policy, placeholders not yet
/// filled (as `diff` compares it). Nothing is rendered. A file its folder refuses (see
/// [`load::assets`]) stops the union like a mistake in its override: it is reported with the
/// override's own problems, and the union is not built without it.
pub fn merge_union(base: &Base, path: &Path) -> Result<(UnionFile, UnionSite), Vec<Diagnostic>> {
    let file = load::load_union(path).map_err(|Diagnostics(list)| list)?;
    match merge(base, &file) {
        Ok(mut site) if file.folder.problems.is_empty() => {
            site.own_changes = crate::deviation::own_changes(base, &site);
            Ok((file, site))
        }
        Ok(_) => Err(file.folder.problems),
        Err(Diagnostics(mut list)) => {
            list.extend(file.folder.problems);
            Err(list)
        }
    }
}

/// [`render`], then the lints: every diagnostic `check` reports for the union, and the rendered
/// union when it builds. `check`, `report` and `serve` use it, so all three count the same.
pub fn render_and_lint(project: &Project, path: &Path) -> (Option<Rendered>, Vec<Diagnostic>) {
    match render_unlinted(project, path) {
        Ok(rendered) => {
            let found = rendered.findings(project);
            (Some(rendered), found)
        }
        Err(problems) => (None, problems),
    }
}

/// Adds the union's assets (its pictures and documents, checked when it loaded) under `files/`.
fn with_union_assets(mut files: Vec<OutputFile>, assets: Vec<Asset>) -> Vec<OutputFile> {
    files.extend(assets.into_iter().map(|asset| OutputFile {
        path: format!("files/{}", asset.rel),
        bytes: asset.bytes,
    }));
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fast path (templates minified once, fragments minified alone) must give pages that
    /// minify-html would not change further, and the same pages as minifying each whole page.
    #[test]
    fn minified_templates_give_the_pages_that_minifying_each_page_gives() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut project = Project::load(root).expect("the repository's project loads");
        assert!(project.config.minify && project.theme.minified.is_some());
        let unions = crate::load::list_unions(root).expect("unions/");
        let fast: Vec<_> = unions
            .iter()
            .map(|u| render(&project, u).expect("builds").files)
            .collect();
        project.theme.minified = None;
        let slow: Vec<_> = unions
            .iter()
            .map(|u| render(&project, u).expect("builds").files)
            .collect();
        let mut pages = 0;
        for (fast, slow) in fast.iter().zip(&slow) {
            for (f, s) in fast.iter().zip(slow) {
                assert_eq!(f.path, s.path);
                if f.path.ends_with(".html") {
                    pages += 1;
                    let again =
                        minify_html::minify(&f.bytes, &crate::render::theme::minify_cfg(false));
                    assert_eq!(
                        String::from_utf8_lossy(&again),
                        String::from_utf8_lossy(&s.bytes),
                        "{}",
                        f.path
                    );
                    // What is left over: whitespace the templates wrote beside their tags, and
                    // quotes around attribute values made by a template expression.
                    assert!(
                        f.bytes.len() <= s.bytes.len() * 103 / 100,
                        "{}: {} bytes, {} minified page by page",
                        f.path,
                        f.bytes.len(),
                        s.bytes.len()
                    );
                }
            }
        }
        assert!(pages > 20, "{pages} pages compared");
    }
}
