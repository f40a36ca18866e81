//! The module tree follows the data flow: each top-level module of `src/` imports only from
//! the modules before it in `src/lib.rs`. A back-edge (a lower layer reaching up) fails here,
//! naming the file and the line.

use std::fs;
use std::path::{Path, PathBuf};

/// The top-level modules, lowest layer first: each may import only from those before it.
const LAYERS: &[&str] = &[
    "diagnostic",
    "model",
    "text",
    "load",
    "merge",
    "deviation",
    "lint",
    "open_data",
    "render",
    "publish",
    "output",
    "federation",
    "project",
    "pipeline",
    "build",
    "check",
    "staff",
    "import",
    "serve",
    "cli",
];

/// The top-level modules `src/lib.rs` declares, in its order.
fn declared() -> Vec<String> {
    let lib = fs::read_to_string(root().join("src/lib.rs")).expect("src/lib.rs");
    let mut test_only = false;
    lib.lines()
        .filter_map(|l| {
            // A module only for tests (`#[cfg(test)] mod …;`) is no layer.
            let after_cfg_test = std::mem::replace(&mut test_only, l.trim() == "#[cfg(test)]");
            if after_cfg_test {
                return None;
            }
            let l = l.trim();
            let rest = l
                .strip_prefix("pub mod ")
                .or_else(|| l.strip_prefix("pub(crate) mod "))
                .or_else(|| l.strip_prefix("mod "))?;
            Some(rest.trim_end_matches(';').to_string())
        })
        .collect()
}

#[test]
fn lib_declares_the_layers_in_order() {
    assert_eq!(
        declared(),
        LAYERS,
        "src/lib.rs lists its modules as LAYERS does"
    );
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The top-level module a file under `src/` belongs to (`src/load/base.rs` → `load`).
fn module_of(path: &Path) -> Option<String> {
    let rel = path.strip_prefix(root().join("src")).ok()?;
    let first = rel.components().next()?.as_os_str().to_str()?;
    Some(first.trim_end_matches(".rs").to_string())
}

/// Every `crate::<module>` a file names, with its line number, including inside `use` groups
/// (`use crate::{a, b::{c, d}}`, over several lines too). Comments are skipped.
fn crate_refs(text: &str) -> Vec<(usize, String)> {
    let code: String = text
        .lines()
        .map(|l| l.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n");
    let line_of = |at: usize| code[..at].matches('\n').count() + 1;
    let ident = |s: &str| -> String {
        s.chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect()
    };
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(rel) = code[from..].find("crate::") {
        let at = from + rel + "crate::".len();
        from = at;
        if !code[at..].starts_with('{') {
            found.push((line_of(at), ident(&code[at..])));
            continue;
        }
        // A group: the first name of each element at depth 1.
        let mut depth = 0;
        let mut expect_name = false;
        for (i, c) in code[at..].char_indices() {
            match c {
                '{' => {
                    depth += 1;
                    expect_name = depth == 1;
                }
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                }
                ',' if depth == 1 => expect_name = true,
                c if expect_name && (c.is_alphanumeric() || c == '_') => {
                    found.push((line_of(at + i), ident(&code[at + i..])));
                    expect_name = false;
                }
                _ => {}
            }
        }
    }
    found
}

#[test]
fn no_module_imports_a_later_layer() {
    let rank = |m: &str| LAYERS.iter().position(|o| *o == m);
    let mut back_edges = Vec::new();
    for entry in walkdir(&root().join("src")) {
        let Some(module) = module_of(&entry) else {
            continue;
        };
        let Some(own) = rank(&module) else { continue };
        let text = fs::read_to_string(&entry).expect("source file");
        for (line, used) in crate_refs(&text) {
            if let Some(theirs) = rank(&used)
                && theirs > own
            {
                back_edges.push(format!(
                    "{}:{line}: `{module}` imports `{used}`, a later layer",
                    entry.strip_prefix(root()).unwrap_or(&entry).display()
                ));
            }
        }
    }
    assert!(
        back_edges.is_empty(),
        "back-edges:\n{}",
        back_edges.join("\n")
    );
}

#[test]
fn the_checker_sees_every_form_of_import() {
    let text = "use crate::load::Config;\nuse crate::{model::Base, text};\nlet x = crate::render::css_path(y); // crate::serve\nuse crate::{\n    output::{A, B},\n    build,\n};\n";
    let found = crate_refs(text);
    let names: Vec<&str> = found.iter().map(|(_, m)| m.as_str()).collect();
    assert_eq!(
        names,
        ["load", "model", "text", "render", "output", "build"]
    );
    assert_eq!(found[4].0, 5, "line numbers count from 1");
}

#[test]
fn no_source_file_is_over_600_lines() {
    let mut long = Vec::new();
    for dir in ["src", "tests", "benches"] {
        for path in walkdir(&root().join(dir)) {
            let lines = fs::read_to_string(&path)
                .map(|t| t.lines().count())
                .unwrap_or(0);
            if lines > 600 {
                long.push(format!("{} ({lines} lines)", path.display()));
            }
        }
    }
    assert!(
        long.is_empty(),
        "files over 600 lines:\n{}",
        long.join("\n")
    );
}

/// Every `.rs` file under `dir`, sorted.
fn walkdir(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = fs::read_dir(dir) else {
        return out;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walkdir(&path));
        } else if path.extension().is_some_and(|x| x == "rs") {
            out.push(path);
        }
    }
    out.sort();
    out
}
