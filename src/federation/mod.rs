//! The federation's own output at the root of `public/`: the portal, the contractor index
//! (`contractors.html`, `.csv`, `.json`) and the catalogue of every union (`unions.json`).
//!
//! Everything here is derived from each union's record (see [`record`]): taken from the
//! union's open data when the build rendered it, and otherwise kept from the previous build
//! (or read from its published `policy.json`). So a union a build skipped (unchanged) or could
//! not build (broken override; its last good site stays) is counted exactly as it is
//! published, and a build that renders one union reads one file, not 1,400.

pub mod contractors;
pub mod contractors_view;
pub mod portal;
pub mod record;

use std::path::Path;

use anyhow::Context as _;
use blake3::Hasher;

use crate::load::Config;
use crate::open_data::{self, POLICY_FILE, PolicyDoc};
use crate::output::{SiteInfo, Update, read_manifest, write_site};
use crate::render::context::{ContractorsContext, to_tera};
use crate::render::{OutputFile, PortalEntry, Theme};
use contractors::ContractorIndex;
use record::{ContractorPart, RECORDS_FILE, UnionRecord};

/// A union as the federation's files list it.
pub struct Listed {
    pub entry: PortalEntry,
    /// The fingerprint of its site as published (empty when unknown).
    pub fingerprint: String,
    /// Its record, when the build just rendered it.
    pub record: Option<UnionRecord>,
}

/// The federation's files, in memory. Each is made from all the unions, so a build that
/// rendered one union spends most of its time here: the independent files are made in
/// parallel, and the contractor index's files are not made when `keep_index` says the last
/// ones show the same.
pub fn render(
    entries: &[PortalEntry],
    records: &[UnionRecord],
    contractor_key: &str,
    keep_index: bool,
    theme: &Theme,
    config: &Config,
) -> anyhow::Result<Vec<OutputFile>> {
    let file = |path: &str, bytes: Vec<u8>| OutputFile {
        path: path.to_string(),
        bytes,
    };
    let ((portal, index), (unions, kept)) = rayon::join(
        || {
            rayon::join(
                || portal::render(entries, records, theme, config),
                || {
                    if keep_index {
                        Ok(Vec::new())
                    } else {
                        contractor_files(records, theme, config)
                    }
                },
            )
        },
        || {
            rayon::join(
                || record::catalogue(records),
                || record::records_file(records, contractor_key),
            )
        },
    );
    let mut files = portal?;
    files.extend(index?);
    files.extend([
        file("unions.json", unions),
        file(
            open_data::UNIONS_SCHEMA_NAME,
            open_data::unions_schema_json().as_bytes().to_vec(),
        ),
        file(
            open_data::POLICY_SCHEMA_NAME,
            open_data::policy_schema_json().as_bytes().to_vec(),
        ),
        file(RECORDS_FILE, kept),
    ]);
    Ok(files)
}

/// The contractor index's files (also in parallel: they are the largest).
const CONTRACTOR_FILES: [&str; 3] = ["contractors.html", "contractors.csv", "contractors.json"];

fn contractor_files(
    records: &[UnionRecord],
    theme: &Theme,
    config: &Config,
) -> anyhow::Result<Vec<OutputFile>> {
    let parts: Vec<ContractorPart> = records
        .iter()
        .filter(|r| !r.contractor_hash.is_empty())
        .filter_map(UnionRecord::contractor_part)
        .collect();
    let index = ContractorIndex::build(&parts);
    let (html, (csv, json)) = rayon::join(
        || contractors_page(&index, theme, config),
        || {
            rayon::join(
                || index.to_csv(config.base_url.as_deref()),
                || open_data::to_json(&index),
            )
        },
    );
    Ok(CONTRACTOR_FILES
        .iter()
        .zip([html?, csv, json])
        .map(|(path, bytes)| OutputFile {
            path: path.to_string(),
            bytes,
        })
        .collect())
}

/// True when the last build's contractor index files are all there.
fn contractor_files_exist(output: &Path) -> bool {
    CONTRACTOR_FILES.iter().all(|f| output.join(f).is_file())
}

/// `contractors.html`: every contractor with the unions and items that use it.
fn contractors_page(
    index: &ContractorIndex,
    theme: &Theme,
    config: &Config,
) -> anyhow::Result<Vec<u8>> {
    let ctx = to_tera(&ContractorsContext {
        site: config,
        css: &theme.css_path,
        contractors: &index.contractors,
        groups: &contractors_view::groups(&index.contractors),
    })?;
    theme
        .render("contractors.html", &ctx, config.minify)
        .context("rendering the contractor index")
}

/// Reads a built union's `policy.json`; `None` when the union has no site (yet) or the file
/// is not this format.
pub fn read_doc(site_dir: &Path) -> Option<PolicyDoc> {
    let text = std::fs::read_to_string(site_dir.join(POLICY_FILE)).ok()?;
    serde_json::from_str(&text).ok()
}

/// Writes the federation's files for the `listed` unions, unless neither those unions' sites
/// nor the project changed since the files were last written.
///
/// The root gets a manifest of its own (the same write path as a union's site): stale
/// federation files are removed, and its fingerprint (the project's and every listed union's)
/// lets a no-op build skip everything else here.
pub fn write(
    output: &Path,
    listed: Vec<Listed>,
    project_fingerprint: &str,
    theme: &Theme,
    config: &Config,
) -> anyhow::Result<()> {
    let mut hasher = Hasher::new();
    hasher.update(project_fingerprint.as_bytes());
    for union in &listed {
        for part in [&union.entry.slug, &union.entry.name, &union.fingerprint] {
            hasher.update(part.as_bytes());
            hasher.update(&[0]);
        }
    }
    let fingerprint = hasher.finalize().to_hex().to_string();
    if let Some(manifest) = read_manifest(output)
        && manifest.is_current(output, &fingerprint)
    {
        return Ok(());
    }
    let mut kept = record::read_records(output);
    let mut entries = Vec::with_capacity(listed.len());
    let mut records = Vec::with_capacity(listed.len());
    for union in listed {
        let slug = &union.entry.slug;
        let record = union
            .record
            .or_else(|| {
                kept.records
                    .remove(slug)
                    .filter(|r| r.fingerprint == union.fingerprint)
            })
            .or_else(|| {
                read_doc(&output.join(slug)).map(|doc| {
                    UnionRecord::from_doc(&doc, &union.fingerprint, config.base_url.as_deref())
                })
            });
        records.extend(record);
        entries.push(union.entry);
    }
    let contractor_key =
        record::contractor_key(&records, project_fingerprint, config.base_url.as_deref());
    let keep_index = kept.contractor_key.as_deref() == Some(contractor_key.as_str())
        && contractor_files_exist(output);
    let files = render(
        &entries,
        &records,
        &contractor_key,
        keep_index,
        theme,
        config,
    )?;
    let info = SiteInfo {
        name: &config.title,
        fingerprint: &fingerprint,
        // The portal and the contractor index: the HTML pages among these files.
        pages: 2,
        legal: None,
        findings: None,
        keep: if keep_index { &CONTRACTOR_FILES } else { &[] },
    };
    write_site(output, &info, &files, Update::InPlace)
        .with_context(|| format!("writing the federation's files in {}", output.display()))?;
    Ok(())
}
