//! The standard base (`content/`) and the default theme (`themes/default/`) are compiled into
//! kumiai (`src/load/tree.rs`). Each file's bytes are tracked by rustc already; this tells
//! cargo to build again when a file is added to or removed from those folders too.

fn main() {
    println!("cargo::rerun-if-changed=content");
    println!("cargo::rerun-if-changed=themes/default");
}
