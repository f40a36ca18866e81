//! `[[acknowledge]]`: an acknowledged finding is a note; unknown or unmatched acknowledgements.

use super::*;

#[test]
fn an_acknowledged_finding_is_a_note_with_the_reason() {
    let src = acknowledged_union();
    let (p, path, report) = check_one(&src);
    assert_rules(&report, &["contractor-phone"]);
    let d = only(&report, "contractor-phone");
    assert_eq!(d.severity, Severity::Note, "{d}");
    assert_eq!(d.acknowledged.as_deref(), Some(REASON));
    assert_at(d, &path, &src, "b-sys =", 0);
    assert_eq!(report.count(Severity::Warning), 0);
    assert_eq!(report.count(Severity::Note), 1);
    assert!(report.passed(true));

    let out = p.check_cli(&["--deny-warnings"]);
    assert_eq!(exit_code(&out), 0, "{}", stderr(&out));
    assert_eq!(
        summary(&out),
        "checked 1 union: 0 errors, 0 warnings, 1 acknowledged"
    );
    let err = stderr(&out);
    assert!(
        err.starts_with(&format!("note: {}:", path.display())),
        "{err}"
    );
    assert!(
        err.contains(&format!("  = acknowledged: {REASON}\n")),
        "{err}"
    );

    // The same union without its acknowledgement fails with --deny-warnings.
    p.union(
        "u",
        &clean(&TWO_CONTRACTORS.replace("PHONE", "06-4560-1051")),
    );
    let out = p.check_cli(&["--deny-warnings"]);
    assert_eq!(exit_code(&out), 1);
    assert_eq!(
        summary(&out),
        "checked 1 union: 0 errors, 1 warning, 0 acknowledged"
    );
}

#[test]
fn acknowledging_an_unknown_rule_is_an_error_naming_the_nearest() {
    let src = clean(&format!(
        "{}\n[[acknowledge]]\nrule = \"contractor-phones\"\nreason = \"{REASON}\"\n",
        TWO_CONTRACTORS.replace("PHONE", "06-4560-1051")
    ));
    let (p, path, report) = check_one(&src);
    let errors: Vec<&Diagnostic> = report
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    assert_eq!(errors.len(), 1, "{}", rendered(&report));
    let e = errors[0];
    assert_eq!(e.rule, "unknown-reference");
    assert_at(e, &path, &src, "\"contractor-phones\"", 0);
    assert!(e.message.contains("contractor-phones"), "{e}");
    assert!(
        e.suggestion
            .as_deref()
            .is_some_and(|s| s.contains("`contractor-phone`")),
        "{e}"
    );
    // The finding itself is not acknowledged by a misspelt rule.
    assert_eq!(
        only(&report, "contractor-phone").severity,
        Severity::Warning
    );

    let out = p.check_cli(&[]);
    assert_eq!(exit_code(&out), 1);
    assert_eq!(
        summary(&out),
        "checked 1 union: 1 error, 1 warning, 0 acknowledged"
    );
}

#[test]
fn an_acknowledgement_that_matches_nothing_is_a_warning() {
    let src = clean("[[acknowledge]]\nrule = \"known-typo\"\nreason = \"昔の表記のまま\"\n");
    let (p, path, report) = check_one(&src);
    assert_rules(&report, &["unused-acknowledgement"]);
    let d = only(&report, "unused-acknowledgement");
    assert_eq!(d.severity, Severity::Warning);
    assert_at(d, &path, &src, "\"known-typo\"", 0);
    assert!(d.message.contains("known-typo"));

    let out = p.check_cli(&[]);
    assert_eq!(exit_code(&out), 0, "{}", stderr(&out));
    assert_eq!(
        summary(&out),
        "checked 1 union: 0 errors, 1 warning, 0 acknowledged"
    );
    assert_eq!(exit_code(&p.check_cli(&["--deny-warnings"])), 1);
}
