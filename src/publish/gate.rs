//! The publish gate's record: which Art. 32 items a published site shows, and which it lacks
//! without an acknowledgement. Kept as a small file in the site folder, so the next build can
//! refuse to replace the site with one that shows less.

use std::collections::BTreeSet;
use std::path::Path;

use super::LegalItem;
use crate::render::OutputFile;

/// The record's file name in every site folder (hidden by the deploy configs, as every
/// `.kumiai-*` file is).
pub const LEGAL_FILE: &str = ".kumiai-legal";

/// What a site shows of the items the law asks for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Gate {
    /// Items the site shows.
    pub present: BTreeSet<LegalItem>,
    /// Items it lacks that the union has not acknowledged: the union is incomplete.
    pub missing: Vec<LegalItem>,
}

impl Gate {
    /// The record of a union whose judgement found `lacking` (every item it lacks) of which
    /// `unacknowledged` are not acknowledged.
    pub fn new(lacking: &[LegalItem], unacknowledged: &[LegalItem]) -> Gate {
        let present = LegalItem::ALL
            .into_iter()
            .filter(|i| !lacking.contains(i))
            .collect();
        let mut missing = unacknowledged.to_vec();
        missing.sort();
        missing.dedup();
        Gate { present, missing }
    }

    /// The items `self` (the published site) shows that `new` would not.
    pub fn lost_in(&self, new: &Gate) -> Vec<LegalItem> {
        self.present.difference(&new.present).copied().collect()
    }

    /// Reads a site folder's record; `None` for a site built before records existed.
    pub fn read(site_dir: &Path) -> Option<Gate> {
        let text = std::fs::read_to_string(site_dir.join(LEGAL_FILE)).ok()?;
        let mut gate = Gate::default();
        for line in text.lines() {
            let (key, items) = line.split_once(':')?;
            let items = items
                .split_whitespace()
                .filter_map(|r| LegalItem::of_rule(&format!("legal-{r}")));
            match key {
                "present" => gate.present.extend(items),
                "missing" => gate.missing.extend(items),
                _ => {}
            }
        }
        Some(gate)
    }
}

/// The record as a file of the site.
pub fn legal_file(gate: &Gate) -> OutputFile {
    let keys = |items: &mut dyn Iterator<Item = &LegalItem>| {
        items
            .map(|i| i.rule().trim_start_matches("legal-"))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let text = format!(
        "present: {}\nmissing: {}\n",
        keys(&mut gate.present.iter()),
        keys(&mut gate.missing.iter())
    );
    OutputFile {
        path: LEGAL_FILE.to_string(),
        bytes: text.into_bytes(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_record_reads_back_and_tells_what_a_new_build_loses() {
        let old = Gate::new(&[LegalItem::Fee], &[LegalItem::Fee]);
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(LEGAL_FILE), legal_file(&old).bytes).unwrap();
        assert_eq!(Gate::read(dir.path()), Some(old.clone()));
        let new = Gate::new(&[LegalItem::Complaints], &[]);
        assert_eq!(old.lost_in(&new), [LegalItem::Complaints]);
        assert!(new.lost_in(&old).contains(&LegalItem::Fee));
    }
}
