//! `kumiai import`, through the command line on throw-away projects: the five seeds and
//! variants made from them (items reordered, renumbered, other label styles, Shift_JIS and
//! EUC-JP, lines broken mid-sentence, truncated, inside a real-world web page) become unions
//! that build, reproduce the page's text, keep the base's ids, and are mostly structure; bad
//! input is refused with the file named and nothing written.

mod common;

#[path = "import/bad_input.rs"]
mod bad_input;
#[path = "import/pages.rs"]
mod pages;
#[path = "import/real_html.rs"]
mod real_html;
#[path = "import/seeds.rs"]
mod seeds;
#[path = "import/structure.rs"]
mod structure;
#[path = "import/support.rs"]
mod support;
#[path = "import/variants.rs"]
mod variants;
