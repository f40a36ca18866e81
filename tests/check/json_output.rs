//! `--format json`: one object per line, nothing for a clean project.

use super::*;

#[test]
fn json_output_is_one_object_per_line() {
    let (p, _) = three_unions();
    p.union("d", &acknowledged_union());
    let report = p.check();

    let out = p.check_cli(&["--format", "json"]);
    assert_eq!(exit_code(&out), 1, "errors still fail");
    let text = stdout(&out);
    let objects: Vec<serde_json::Value> = text
        .lines()
        .map(|line| {
            serde_json::from_str(line).unwrap_or_else(|e| panic!("not JSON: {line}\n({e})"))
        })
        .collect();
    assert_eq!(objects.len(), report.diagnostics.len());
    assert_eq!(objects.len(), 5);

    let keys: BTreeSet<&str> = [
        "rule",
        "severity",
        "file",
        "line",
        "column",
        "message",
        "suggestion",
        "acknowledged",
    ]
    .into();
    for (json, d) in objects.iter().zip(&report.diagnostics) {
        let object = json.as_object().expect("an object");
        let found: BTreeSet<&str> = object.keys().map(String::as_str).collect();
        assert_eq!(found, keys, "{json}");
        assert_eq!(json["rule"], d.rule);
        let severity = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        };
        assert_eq!(json["severity"], severity);
        assert_eq!(json["file"], d.file.display().to_string());
        assert_eq!(json["line"], d.line);
        assert_eq!(json["column"], d.column);
        assert_eq!(json["message"], d.message.as_str());
        match &d.suggestion {
            Some(s) => assert_eq!(json["suggestion"], s.as_str()),
            None => assert!(json["suggestion"].is_null()),
        }
        match &d.acknowledged {
            Some(r) => assert_eq!(json["acknowledged"], r.as_str()),
            None => assert!(json["acknowledged"].is_null()),
        }
    }
    let note = objects
        .iter()
        .find(|o| o["severity"] == "note")
        .expect("the acknowledged finding");
    assert_eq!(note["rule"], "contractor-phone");
    assert_eq!(note["acknowledged"], REASON);

    // As many as the human output shows, and as the summary counts.
    let human = p.check_cli(&[]);
    let shown = stderr(&human)
        .lines()
        .filter(|l| {
            l.starts_with("error: ") || l.starts_with("warning: ") || l.starts_with("note: ")
        })
        .count();
    assert_eq!(shown, objects.len());
    assert_eq!(
        summary(&human),
        "checked 4 unions: 2 errors, 2 warnings, 1 acknowledged"
    );
    // In JSON mode the summary stays off stdout.
    assert!(
        stderr(&out)
            .lines()
            .last()
            .is_some_and(|l| l == summary(&human)),
        "{}",
        stderr(&out)
    );
}

#[test]
fn json_output_of_a_clean_project_is_empty() {
    let p = Project::new();
    p.union("u", &clean(""));
    let out = p.check_cli(&["--format", "json", "--deny-warnings"]);
    assert_eq!(exit_code(&out), 0);
    assert_eq!(stdout(&out), "");
}
