//! End to end: one good union and one broken one; the broken one never stops the build.

use super::*;
use arbitrary_bytes::any_bytes;
use mutations::mutated_union;

/// A broken union for the end-to-end property: (file stem, bytes).
fn broken_union() -> impl Strategy<Value = (String, Vec<u8>)> {
    let name = prop_oneof![
        3 => Just("broken".to_string()),
        1 => Just("Broken_File".to_string()),
        1 => Just("壊れた".to_string()),
    ];
    let bytes = prop_oneof![
        2 => mutated_union().prop_map(|(_, b, _)| b),
        1 => any_bytes(),
        1 => toml_gen::doc(true).prop_map(|d| d.source.into_bytes()),
        1 => toml_gen::doc(false).prop_map(|d| d.source.into_bytes()),
    ];
    (name, bytes)
}

#[test]
fn a_broken_union_never_stops_the_build() {
    let tally = Tally::new(&["broken-failed", "broken-built"]);
    run(
        "build(project with one good and one broken union)",
        cases(16, 0.01),
        (select(REAL_UNIONS.clone()), broken_union()),
        &tally,
        |((good, good_bytes), (broken, broken_bytes))| {
            let tmp = tempfile::tempdir().expect("temp dir");
            let root = tmp.path();
            copy_project(root);
            let unions = root.join("unions");
            fs::write(unions.join(format!("{good}.toml")), &good_bytes).unwrap();
            let good_assets = repo_root().join("unions").join(&good);
            if good_assets.is_dir() {
                copy_dir(&good_assets, &unions.join(&good));
            }
            fs::write(unions.join(format!("{broken}.toml")), &broken_bytes).unwrap();

            let report = crate::build(&crate::BuildOptions {
                root: root.to_path_buf(),
                output: None,
                only: Vec::new(),
                ..Default::default()
            });
            let report = match report {
                Ok(report) => report,
                Err(e) => return Err(TestCaseError::fail(format!("the build failed: {e:#}"))),
            };
            prop_assert_eq!(report.outcomes.len(), 2);
            let public = root.join("public");
            for outcome in &report.outcomes {
                match outcome {
                    crate::UnionOutcome::Built { slug, pages, .. } => {
                        prop_assert!(
                            public.join(slug).join("index.html").is_file(),
                            "{slug} built without an index.html"
                        );
                        prop_assert!(*pages >= 1);
                        if *slug == broken {
                            tally.add("broken-built");
                        }
                    }
                    crate::UnionOutcome::Failed { slug, problems } => {
                        prop_assert_eq!(slug, &broken, "the good union failed: {:?}", problems);
                        prop_assert!(!problems.is_empty(), "failed without a problem");
                        for d in problems {
                            check_diag(d, None, "build problem")?;
                        }
                        prop_assert!(
                            !public.join(slug).exists(),
                            "a failed union left output behind"
                        );
                        tally.add("broken-failed");
                    }
                }
            }
            let _ = report.summary();
            let portal = fs::read_to_string(public.join("index.html")).expect("portal written");
            let link = format!("{good}/index.html");
            prop_assert!(portal.contains(&link), "the portal does not link {}", link);
            for entry in walkdir::WalkDir::new(&public)
                .into_iter()
                .filter_map(Result::ok)
            {
                if entry.path().extension().is_some_and(|x| x == "html") {
                    let bytes = fs::read(entry.path()).unwrap();
                    let html = String::from_utf8(bytes);
                    prop_assert!(html.is_ok(), "{} is not UTF-8", entry.path().display());
                    prop_assert!(
                        !html.unwrap().contains(shows_as_mojibake),
                        "U+FFFD or a control character in {}",
                        entry.path().display()
                    );
                }
            }
            Ok(())
        },
    );
}
