//! Every kind of mistake in an override is reported at its file, line and column, with the
//! nearest valid id when there is one — through the library and on the CLI's stderr.

mod common;

use std::fs;

use common::*;
use kumiai::Diagnostic;

#[path = "errors/file_and_values.rs"]
mod file_and_values;
#[path = "errors/pages.rs"]
mod pages;
#[path = "errors/unknown_ids.rs"]
mod unknown_ids;

const NAME: &str = "テスト健康保険組合";

/// What a broken override should produce.
struct Expect<'a> {
    /// Text that starts where the error points (for toml spans: the opening quote).
    at: &'a str,
    /// Which occurrence of `at` (0-based).
    nth: usize,
    /// Extra columns after the start of `at` (for parser errors at the end of a token).
    shift: usize,
    message: &'a [&'a str],
    suggestion: Option<&'a str>,
}

impl<'a> Expect<'a> {
    fn at(at: &'a str, message: &'a [&'a str], suggestion: Option<&'a str>) -> Self {
        Expect {
            at,
            nth: 0,
            shift: 0,
            message,
            suggestion,
        }
    }
}

/// Builds a project whose only union `u` has `[union]` + `rest`, checks the union's only
/// problem through the library and the CLI, and returns it.
fn check(rest: &str, expect: Expect) -> Diagnostic {
    let p = Project::new();
    check_in(&p, "u", &union_toml(NAME, rest), expect)
}

fn check_in(p: &Project, slug: &str, source: &str, expect: Expect) -> Diagnostic {
    let path = p.union(slug, source);
    let (line, column) = locate_nth(source, expect.at, expect.nth);
    let column = column + expect.shift;

    let report = p.build();
    let list = problems(&report, slug);
    assert_eq!(
        list.len(),
        1,
        "expected one problem, got:\n{}",
        describe(&report)
    );
    let d = list.into_iter().next().unwrap();
    assert_eq!(d.file, path);
    assert_eq!(
        (d.line, d.column),
        (line, column),
        "wrong location for:\n{d}\nin:\n{source}"
    );
    for part in expect.message {
        assert!(d.message.contains(part), "message lacks `{part}`:\n{d}");
    }
    if let Some(s) = expect.suggestion {
        let got = d.suggestion.as_deref().unwrap_or_default();
        assert!(got.contains(s), "suggestion lacks `{s}`:\n{d}");
    }
    // The same in Japanese, saying what to write.
    let ja = d.message_ja.as_deref().unwrap_or_default();
    if let Some(why) = japanese_problem(ja, d.suggestion_ja.as_deref()) {
        panic!("not in Japanese ({why}):\n{}", d.render(kumiai::Lang::Ja));
    }
    // The code frame shows the offending line.
    let source_line = source.lines().nth(line - 1).unwrap();
    assert_eq!(d.source_line.as_deref(), Some(source_line));

    let out = p.cli(&[]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "stderr:\n{err}");
    let located = format!("{}:{line}:{column}: ", path.display());
    assert!(err.contains(&located), "stderr lacks `{located}`:\n{err}");
    assert!(err.contains(&d.message), "stderr lacks the message:\n{err}");
    if let Some(s) = expect.suggestion {
        assert!(err.contains("= help: "), "stderr lacks the help:\n{err}");
        assert!(err.contains(s), "stderr lacks `{s}`:\n{err}");
    }
    assert!(!p.out().join(slug).exists(), "a broken union wrote output");
    d
}
