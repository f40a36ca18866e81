//! Exit codes and the summary line; every union in one run; `--union`.

use super::*;

#[test]
fn warnings_pass_unless_denied() {
    let p = Project::new();
    // A misspelling is a warning (a missing legal item would be an error).
    p.union(
        "u",
        &clean("[[section]]\nid = \"claims\"\nshort_title = \"診察報酬の審査・支払\"\n"),
    );
    let out = p.check_cli(&[]);
    assert_eq!(exit_code(&out), 0, "{}", stderr(&out));
    assert_eq!(
        summary(&out),
        "checked 1 union: 0 errors, 1 warning, 0 acknowledged"
    );
    assert_eq!(
        stdout(&out).lines().count(),
        1,
        "stdout is only the summary"
    );
    assert!(stderr(&out).contains("[known-typo]"));

    let out = p.check_cli(&["--deny-warnings"]);
    assert_eq!(exit_code(&out), 1);
    assert_eq!(
        summary(&out),
        "checked 1 union: 0 errors, 1 warning, 0 acknowledged"
    );
}

#[test]
fn an_error_fails_the_check() {
    let src = clean("[[item]]\nid = \"benefits.internal.eligibilty\"\ntext = \"資格の確認\"\n");
    let p = Project::new();
    let path = p.union("u", &src);
    let report = p.check();
    assert_eq!(report.count(Severity::Error), 1, "{}", rendered(&report));
    let e = &report.diagnostics[0];
    assert_eq!(e.rule, "unknown-reference");
    assert_at(e, &path, &src, "\"benefits.internal.eligibilty\"", 0);
    assert!(!report.passed(false));

    let out = p.check_cli(&[]);
    assert_eq!(exit_code(&out), 1);
    assert_eq!(
        summary(&out),
        "checked 1 union: 1 error, 0 warnings, 0 acknowledged"
    );
    assert!(
        stderr(&out).contains("help: did you mean `benefits.internal.eligibility`"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn every_problem_in_every_union_is_reported_in_one_run() {
    let (p, [(a_path, a), (b_path, b), _]) = three_unions();
    let report = p.check();
    assert_eq!(report.unions, 3);
    assert_rules(
        &report,
        &[
            "era-first-year",
            "known-typo",
            "unknown-reference",
            "unknown-reference",
        ],
    );
    let errors: Vec<(usize, usize)> = of_rule(&report, "unknown-reference")
        .iter()
        .inspect(|d| assert_eq!(d.file, a_path))
        .map(|d| (d.line, d.column))
        .collect();
    assert!(errors.contains(&locate(&a, "\"benefits.internal.eligibilty\"")));
    assert!(errors.contains(&locate(&a, "\"health.external.reportng\"")));
    assert_at(only(&report, "known-typo"), &b_path, &b, "診察報酬", 0);
    assert_at(only(&report, "era-first-year"), &b_path, &b, "令和1年", 0);

    let out = p.check_cli(&[]);
    assert_eq!(exit_code(&out), 1);
    assert_eq!(
        summary(&out),
        "checked 3 unions: 2 errors, 2 warnings, 0 acknowledged"
    );
    let err = stderr(&out);
    for (path, source, needle) in [
        (&a_path, &a, "\"benefits.internal.eligibilty\""),
        (&a_path, &a, "\"health.external.reportng\""),
        (&b_path, &b, "診察報酬"),
        (&b_path, &b, "令和1年"),
    ] {
        let (line, column) = locate(source, needle);
        let at = format!("{}:{line}:{column}: ", path.display());
        assert!(err.contains(&at), "`{at}` missing from:\n{err}");
    }
}

#[test]
fn union_option_restricts_the_check() {
    let (p, [_, (b_path, _), (c_path, _)]) = three_unions();

    let report = p.check_only(&["b"]);
    assert_eq!(report.unions, 1);
    assert_rules(&report, &["era-first-year", "known-typo"]);
    assert!(report.diagnostics.iter().all(|d| d.file == b_path));

    let out = p.check_cli(&["--union", "b"]);
    assert_eq!(exit_code(&out), 0, "a's errors are not looked at");
    assert_eq!(
        summary(&out),
        "checked 1 union: 0 errors, 2 warnings, 0 acknowledged"
    );
    assert!(!stderr(&out).contains("a.toml"), "{}", stderr(&out));

    let out = p.check_cli(&["--union", "b", "--union", "c", "--deny-warnings"]);
    assert_eq!(exit_code(&out), 1);
    assert_eq!(
        summary(&out),
        "checked 2 unions: 0 errors, 2 warnings, 0 acknowledged"
    );

    let out = p.check_cli(&["--union", "c"]);
    assert_eq!(exit_code(&out), 0);
    assert_eq!(
        summary(&out),
        "checked 1 union: 0 errors, 0 warnings, 0 acknowledged"
    );
    assert!(c_path.is_file());
}

#[test]
fn an_unknown_union_option_is_an_error() {
    let (p, _) = three_unions();
    let out = p.check_cli(&["--union", "bb"]);
    assert_eq!(exit_code(&out), 1);
    let err = stderr(&out);
    assert!(err.contains("bb"), "{err}");
}
