//! The federation's own output at the root of `public/`: the portal, the contractor index
//! (`contractors.html`, `.csv`, `.json`) and the open data of every union (`unions.json`).
//!
//! Everything here is derived from the unions' `policy.json` files, never from a fresh merge,
//! so a union a build skipped (unchanged) or could not build (broken override; its last good
//! site stays) is still counted exactly as it is published.

pub mod contractors;

use std::path::Path;

use anyhow::Context as _;
use blake3::Hasher;

use crate::load::Config;
use crate::open_data::{self, POLICY_FILE, PolicyDoc, UnionsDoc};
use crate::render::{self, OutputFile, PortalEntry, Theme};
use crate::write::{SiteInfo, read_manifest, write_site};
use contractors::ContractorIndex;

/// The federation's files, in memory.
pub fn render(
    entries: &[PortalEntry],
    docs: &[PolicyDoc],
    theme: &Theme,
    config: &Config,
) -> anyhow::Result<Vec<OutputFile>> {
    let mut files = render::render_portal(entries, theme, config)?;
    let index = ContractorIndex::build(docs);
    let mut ctx = tera::Context::new();
    ctx.insert("site", config);
    ctx.insert("css", &theme.css_path);
    ctx.insert("contractors", &index.contractors);
    let bytes = theme
        .render("contractors.html", &ctx, config.minify)
        .context("rendering the contractor index")?;
    files.push(OutputFile {
        path: "contractors.html".to_string(),
        bytes,
    });
    files.push(OutputFile {
        path: "contractors.csv".to_string(),
        bytes: index.to_csv(config.base_url.as_deref()),
    });
    files.push(OutputFile {
        path: "contractors.json".to_string(),
        bytes: open_data::to_json(&index),
    });
    let mut unions: Vec<PolicyDoc> = docs.to_vec();
    unions.sort_by(|a, b| a.slug.cmp(&b.slug));
    files.push(OutputFile {
        path: "unions.json".to_string(),
        bytes: open_data::to_json(&UnionsDoc {
            schema: open_data::UNIONS_SCHEMA_NAME.to_string(),
            schema_version: open_data::SCHEMA_VERSION.to_string(),
            unions,
        }),
    });
    files.push(OutputFile {
        path: open_data::UNIONS_SCHEMA_NAME.to_string(),
        bytes: open_data::unions_schema_json().as_bytes().to_vec(),
    });
    files.push(OutputFile {
        path: open_data::POLICY_SCHEMA_NAME.to_string(),
        bytes: open_data::policy_schema_json().as_bytes().to_vec(),
    });
    Ok(files)
}

/// Reads a built union's `policy.json`; `None` when the union has no site (yet) or the file
/// is not this format.
pub fn read_doc(site_dir: &Path) -> Option<PolicyDoc> {
    let text = std::fs::read_to_string(site_dir.join(POLICY_FILE)).ok()?;
    serde_json::from_str(&text).ok()
}

/// Writes the federation's files for the unions listed in `entries`, unless neither those
/// unions' sites nor the project changed since the files were last written.
///
/// The root gets a manifest of its own (the same write path as a union's site): stale
/// federation files are removed, and its fingerprint (the project's and every listed union's)
/// lets a no-op build skip reading every `policy.json`.
pub fn write(
    output: &Path,
    entries: &[PortalEntry],
    project_fingerprint: &str,
    theme: &Theme,
    config: &Config,
) -> anyhow::Result<()> {
    let mut hasher = Hasher::new();
    hasher.update(project_fingerprint.as_bytes());
    for entry in entries {
        let site = output.join(&entry.slug);
        hasher.update(entry.slug.as_bytes());
        hasher.update(&[0]);
        hasher.update(entry.name.as_bytes());
        hasher.update(&[0]);
        let built_from = read_manifest(&site).map(|m| m.fingerprint);
        hasher.update(built_from.as_deref().unwrap_or("-").as_bytes());
        hasher.update(&[0]);
    }
    let fingerprint = hasher.finalize().to_hex().to_string();
    if let Some(manifest) = read_manifest(output)
        && manifest.is_current(output, &fingerprint)
    {
        return Ok(());
    }
    let docs: Vec<PolicyDoc> = entries
        .iter()
        .filter_map(|e| read_doc(&output.join(&e.slug)))
        .collect();
    let files = render(entries, &docs, theme, config)?;
    let info = SiteInfo {
        name: &config.title,
        fingerprint: &fingerprint,
        // The portal and the contractor index: the HTML pages among these files.
        pages: 2,
    };
    write_site(output, &info, &files)
        .with_context(|| format!("writing the federation's files in {}", output.display()))?;
    Ok(())
}

/// The unions of a project, merged in memory (nothing written), as open data: what
/// `kumiai contractors` lists. Unions whose files have errors are returned apart, by slug.
pub struct ProjectDocs {
    pub docs: Vec<PolicyDoc>,
    pub failed: Vec<String>,
    pub config: Config,
}

/// Loads and merges every union of the project at `root`.
pub fn project_docs(root: &Path) -> anyhow::Result<ProjectDocs> {
    let config = Config::load(root).map_err(|d| crate::diagnostic::Diagnostics(vec![d]))?;
    let base = crate::load::load_base(root)?;
    let mut docs = Vec::new();
    let mut failed = Vec::new();
    for path in crate::build::select_unions(root, &[])? {
        let merged = crate::load::load_union(&path)
            .map_err(|_| ())
            .and_then(|file| crate::merge::merge(&base, &file).map_err(|_| ()));
        match merged {
            Ok(site) => {
                let site = crate::render::placeholders::Values::for_union(&site).fill_site(&site);
                docs.push(open_data::policy_doc(&site));
            }
            Err(()) => failed.push(crate::build::slug_of(&path)),
        }
    }
    Ok(ProjectDocs {
        docs,
        failed,
        config,
    })
}
