//! kumiai (組合): one shared base privacy policy + one override file per health insurance
//! society → one complete static site per society.
//!
//! The modules follow the data flow, lowest layer first; each imports only from the layers
//! above it in this list (`tests/layers.rs` keeps it so):
//!
//! 1. [`diagnostic`]: the one type for problems in user input, with file and span; the
//!    catalogue of every other line kumiai prints (`diagnostic::messages`);
//! 2. [`model`]: the policy types every stage shares;
//! 3. `text`: placeholders, 和暦, company names and phones, page files and URLs;
//! 4. `load`: `kumiai.toml`, the base in `content/`, each union's override;
//! 5. `merge`: the base with one override applied (pure: no I/O);
//! 6. `deviation`: what a union changed against the base;
//! 7. `lint`: the rules `check` applies to a merged union;
//! 8. [`open_data`]: `policy.json` and `unions.json`;
//! 9. `render`: a merged union (or the portal) to files in memory, through the theme;
//! 10. `publish`: the Art. 32 items judged on the rendered pages, the publish gate's record;
//! 11. `output`: files on disk (manifest, atomic swap, fingerprints, stamps, the build lock);
//! 12. `federation`: the portal, contractor index and catalogue at the output's root;
//! 13. [`project`]: settings, base and theme loaded once; which unions there are;
//! 14. `pipeline`: one union through load → merge → render → judge (→ lint), for every command;
//! 15. [`build`], [`check`]: the two commands over every union;
//! 16. `staff`: `diff`, `report`, `contractors`, `new`;
//! 17. [`import`]: a union's current policy page → a structured override;
//! 18. [`serve`]: the live preview, from memory;
//! 19. [`cli`]: the command line over all of them.
//!
//! The public API is what an embedder needs: [`build()`], [`check()`], [`serve`], the
//! [`Project`], the policy [`model`], the [`Diagnostic`] type and the [`open_data`] formats
//! (with the override schema and the rule and placeholder catalogues); the rest is internal.

// A `Diagnostic` is large, but it only travels on the error path of user input, where its size
// costs nothing that matters; boxing it everywhere would only add noise.
#![allow(clippy::result_large_err)]

pub mod diagnostic;
pub mod model;
pub(crate) mod text;
pub(crate) mod load;
pub(crate) mod merge;
pub(crate) mod deviation;
pub(crate) mod lint;
pub mod open_data;
pub(crate) mod render;
pub(crate) mod publish;
pub(crate) mod output;
pub(crate) mod federation;
pub mod project;
pub(crate) mod pipeline;
pub mod build;
pub mod check;
pub(crate) mod staff;
pub mod import;
pub mod serve;
pub mod cli;

// The property/fuzz suite: it drives the internal stages directly.
#[cfg(test)]
mod robustness;

pub use build::{BuildOptions, BuildReport, UnionOutcome, build};
pub use check::{CheckReport, check};
pub use diagnostic::{Diagnostic, Diagnostics, Lang, Severity};
pub use lint::{RULES, Rule, rule};
pub use load::format::Override;
pub use load::schema::{SCHEMA_FILE, override_schema, override_schema_json};
pub use output::stamp::{CACHE_DIR, RACY};
pub use project::Project;
pub use text::placeholders::NAMES as PLACEHOLDERS;
