//! The staff commands beside the build: `diff`, `report`, `contractors`, `new`, `init`,
//! `base diff`, `ids`.

pub mod base_diff;
pub mod contractors;
pub mod diff;
pub mod ids;
pub mod init;
pub mod new_union;
pub mod report;
