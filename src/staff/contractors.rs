//! `kumiai contractors`: every union merged in memory, for the contractor index on the terminal.

use std::path::Path;

use crate::federation::record::ContractorPart;
use crate::load::{self, Config};
use crate::open_data;
use crate::pipeline;
use crate::project::{select_unions, slug_of};
use crate::text::placeholders::Values;

/// The unions of a project, merged in memory (nothing written), as open data: what
/// `kumiai contractors` lists. Unions whose files have errors are returned apart, by slug.
pub struct ProjectDocs {
    pub docs: Vec<ContractorPart>,
    pub failed: Vec<String>,
    pub config: Config,
}

/// Loads and merges every union of the project at `root`.
pub fn project_docs(root: &Path) -> anyhow::Result<ProjectDocs> {
    let config = Config::load(root)?;
    let base = load::load_base(root)?;
    let mut docs = Vec::new();
    let mut failed = Vec::new();
    for path in select_unions(root, &[])? {
        match pipeline::merge_union(&base, &path) {
            Ok((_, site)) => {
                let site = Values::for_union(&site).fill_site(&site);
                docs.push(ContractorPart::from_doc(&open_data::policy_doc(&site)));
            }
            Err(_) => failed.push(slug_of(&path)),
        }
    }
    Ok(ProjectDocs {
        docs,
        failed,
        config,
    })
}
