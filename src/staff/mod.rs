//! The staff commands beside the build: `diff`, `report`, `contractors`, `new`.

pub mod contractors;
pub mod diff;
pub mod new_union;
pub mod report;
