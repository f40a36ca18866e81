//! Every override operation of `unions/<slug>.toml` has a visible effect on the built site.

mod common;

use common::*;
use kumiai::model::Origin;

#[path = "overrides/compact.rs"]
mod compact;
#[path = "overrides/items.rs"]
mod items;
#[path = "overrides/moves.rs"]
mod moves;
#[path = "overrides/own_pages.rs"]
mod own_pages;
#[path = "overrides/pages.rs"]
mod pages;
#[path = "overrides/presentation.rs"]
mod presentation;
#[path = "overrides/prose.rs"]
mod prose;
#[path = "overrides/structure.rs"]
mod structure;

const NAME: &str = "テスト健康保険組合";

/// A project with one union `u` made of `[union]` plus `rest`.
fn project(rest: &str) -> Project {
    let p = Project::new();
    p.union("u", &union_toml(NAME, rest));
    p
}

fn li(id: &str, text: &str) -> String {
    format!("<li data-item=\"{id}\">ITEM {text}</li>")
}
