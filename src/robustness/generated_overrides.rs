//! Generated override documents: parse, merge and render never panic; clean ones mostly merge.

use super::*;

#[test]
fn merge_and_render_never_panic_on_generated_overrides() {
    let ws = Workspace::new();
    LazyLock::force(&THEME);
    let tally = Tally::new(&["clean", "chaos", "parse-error", "merge-error", "rendered"]);
    let path = ws.unions().join(format!("{SLUG}.toml"));
    let assets = ws.unions().join(SLUG);
    let strategy = toml_gen::any_doc();
    run(
        "parse_toml_all + merge + render_union(generated override)",
        cases(1000, 0.5),
        strategy,
        &tally,
        |doc: Doc| {
            tally.add(if doc.chaos { "chaos" } else { "clean" });
            let outcome = exercise(&path, &doc.source, &assets)?;
            tally_outcome(&tally, &outcome);
            Ok(())
        },
    );
}

/// Clean documents mostly merge: a guard that the generator exercises the renderer rather than
/// only the error paths (it fails when kumiai starts refusing what the generator calls clean,
/// e.g. a new format check: then teach `toml_gen` the new rule).
#[test]
fn clean_generated_overrides_mostly_merge() {
    if strict() {
        // Strict documents contain the known bugs' triggers, some of which fail the merge.
        return;
    }
    let ws = Workspace::new();
    let path = ws.unions().join(format!("{SLUG}.toml"));
    // A fixed seed: the same 100 documents every run, so this guard cannot flake.
    let mut runner = TestRunner::deterministic();
    let strategy = toml_gen::doc(false);
    let (mut merged, mut total) = (0, 0);
    let mut failures = Vec::new();
    for _ in 0..100 {
        let doc = strategy.new_tree(&mut runner).unwrap().current();
        total += 1;
        match parse_toml_all::<Override>(&path, &doc.source) {
            Ok(parsed) => {
                let page_files = crate::load::pages::read_page_files(
                    &path,
                    &doc.source,
                    &parsed,
                    &path.with_extension(""),
                );
                let file = UnionFile {
                    slug: SLUG.into(),
                    path: path.clone(),
                    source: doc.source.clone(),
                    doc: parsed,
                    page_files,
                    folder: Default::default(),
                };
                match merge(&BASE, &file) {
                    Ok(_) => merged += 1,
                    Err(e) => failures.push(e.to_string()),
                }
            }
            Err(d) => failures.push(d.to_string()),
        }
    }
    eprintln!("[robustness] clean documents merged: {merged}/{total}");
    assert!(
        merged * 5 >= total * 2,
        "only {merged}/{total} clean documents merged; first problems:\n{}",
        failures.iter().take(5).cloned().collect::<String>()
    );
}
