//! The publish gate's record: which Art. 32 items a published site shows, and which it lacks
//! without an acknowledgement. Kept as one line of the site's manifest, so the next build can
//! refuse to replace the site with one that shows less (and a build that skips an unchanged
//! union still knows it is incomplete).

use std::collections::BTreeSet;

use super::LegalItem;

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

    /// The record as one line: `present=name,address,… missing=fee,…`.
    pub fn to_line(&self) -> String {
        let keys = |items: &mut dyn Iterator<Item = &LegalItem>| {
            items
                .map(|i| i.rule().trim_start_matches("legal-"))
                .collect::<Vec<_>>()
                .join(",")
        };
        format!(
            "present={} missing={}",
            keys(&mut self.present.iter()),
            keys(&mut self.missing.iter())
        )
    }

    /// The record a line of [`Gate::to_line`] holds.
    pub fn parse(line: &str) -> Gate {
        let mut gate = Gate::default();
        for part in line.split_whitespace() {
            let Some((key, items)) = part.split_once('=') else {
                continue;
            };
            let items = items
                .split(',')
                .filter_map(|r| LegalItem::of_rule(&format!("legal-{r}")));
            match key {
                "present" => gate.present.extend(items),
                "missing" => gate.missing.extend(items),
                _ => {}
            }
        }
        gate
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_record_reads_back_and_tells_what_a_new_build_loses() {
        let old = Gate::new(&[LegalItem::Fee], &[LegalItem::Fee]);
        assert_eq!(Gate::parse(&old.to_line()), old);
        assert!(old.to_line().ends_with("missing=fee"), "{}", old.to_line());
        let new = Gate::new(&[LegalItem::Complaints], &[]);
        assert_eq!(old.lost_in(&new), [LegalItem::Complaints]);
        assert!(new.lost_in(&old).contains(&LegalItem::Fee));
    }
}
