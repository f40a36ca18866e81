//! kumiai (組合): one shared base privacy policy + one override file per health insurance
//! society → one complete static site per society.
//!
//! The modules follow the data flow: [`load`] (settings, base, unions) → [`merge`] →
//! [`render`] → [`write`], with [`model`] as the types they share and [`build`] running them.

// A `Diagnostic` is large, but it only travels on the error path of user input, where its size
// costs nothing that matters; boxing it everywhere would only add noise.
#![allow(clippy::result_large_err)]

pub mod build;
pub mod check;
pub mod deviation;
pub mod diagnostic;
pub mod federation;
pub mod fingerprint;
pub mod lint;
pub mod load;
pub mod merge;
pub mod model;
pub mod new_union;
pub mod open_data;
pub mod render;
pub mod schema;
pub mod serve;
pub mod stamp;
pub mod wareki;
pub mod write;

pub use build::{BuildOptions, BuildReport, UnionOutcome, build};
pub use diagnostic::{Diagnostic, Diagnostics};
