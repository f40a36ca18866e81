//! The real example unions report what docs/federation.md's table says (a change needs the guide too).

use super::*;

#[test]
fn the_example_unions_report_what_the_readme_says() {
    // (union, findings); "(acknowledged)" marks a note.
    let readme: [(&str, &[&str]); 6] = [
        ("minimal", &[]),
        (
            "example-saitama",
            &["known-typo", "known-typo", "known-typo", "window-not-shown"],
        ),
        (
            "example-osaka",
            &[
                "old-wording",
                "stale-override",
                "contractor-phone (acknowledged)",
            ],
        ),
        (
            "kinki-denshi",
            &[
                "legal-address (acknowledged)",
                "legal-representative (acknowledged)",
                "legal-complaints (acknowledged)",
            ],
        ),
        (
            "tokyo-kiki",
            &[
                "legal-representative (acknowledged)",
                "legal-fee (acknowledged)",
            ],
        ),
        (
            "acom",
            &[
                "legal-address (acknowledged)",
                "legal-representative (acknowledged)",
                "legal-complaints (acknowledged)",
                "old-wording",
                "stale-override",
                "removed-new-item",
            ],
        ),
    ];
    let expected: BTreeMap<String, Vec<String>> = readme
        .iter()
        .map(|(slug, rules)| {
            let mut rules: Vec<String> = rules.iter().map(|r| r.to_string()).collect();
            rules.sort();
            (slug.to_string(), rules)
        })
        .collect();

    let root = repo_root();
    let report = kumiai::check::check(&root, &[]);
    let mut found: BTreeMap<String, Vec<String>> = kumiai::Project::load(&root)
        .expect("the project loads")
        .slugs()
        .expect("unions/")
        .into_iter()
        .map(|slug| (slug, Vec::new()))
        .collect();
    for d in &report.diagnostics {
        let unions = root.join("unions");
        let rel = d.file.strip_prefix(&unions).unwrap_or_else(|_| {
            panic!("a finding outside unions/:\n{d}");
        });
        let slug = rel
            .components()
            .next()
            .and_then(|c| c.as_os_str().to_str())
            .map(|s| s.trim_end_matches(".toml").to_string())
            .expect("a union");
        let entry = match d.severity {
            Severity::Note => format!("{} (acknowledged)", d.rule),
            Severity::Warning => d.rule.to_string(),
            Severity::Error => panic!("the examples have no errors:\n{d}"),
        };
        found.entry(slug).or_default().push(entry);
    }
    for rules in found.values_mut() {
        rules.sort();
    }
    assert_eq!(
        found,
        expected,
        "docs/federation.md's table no longer matches `kumiai check`:\n{}",
        rendered(&report)
    );
    assert_eq!(report.unions, 6);

    let out = run_kumiai(&root, &["check"]);
    assert_eq!(exit_code(&out), 0, "{}", stderr(&out));
    assert_eq!(
        summary(&out),
        "checked 6 unions: 0 errors, 9 warnings, 9 acknowledged"
    );
}
