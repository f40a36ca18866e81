//! What every outcome must satisfy: located diagnostics, no placeholder or mojibake left on a page.

use super::*;

/// Checks that a diagnostic points inside the text it names. `text` is `None` when the file
/// cannot be read as text (then only the basics are checked).
pub(crate) fn check_diag(
    d: &Diagnostic,
    text: Option<&str>,
    what: &str,
) -> Result<(), TestCaseError> {
    prop_assert!(
        !d.message.trim().is_empty(),
        "{what}: empty diagnostic message: {d:?}"
    );
    // Rendering the diagnostic for the terminal, in both languages, must not panic either.
    let shown = d.to_string();
    let _ = d.render(crate::diagnostic::Lang::Ja);
    prop_assert!(
        shown.contains(d.message.trim()),
        "{what}: the message is not shown"
    );
    if d.line == 0 {
        prop_assert_eq!(
            d.column,
            0,
            "{}: a whole-file diagnostic has a column",
            what
        );
        return Ok(());
    }
    prop_assert!(
        d.column >= 1,
        "{what}: line {} but column {}: {d:?}",
        d.line,
        d.column
    );
    if let Some(text) = text {
        let lines: Vec<&str> = text.split('\n').collect();
        prop_assert!(
            d.line <= lines.len(),
            "{what}: line {} is past the end ({} lines): {d:?}",
            d.line,
            lines.len()
        );
        let raw = lines[d.line - 1];
        let line = raw.trim_end_matches('\r');
        // One past the end is the end of the line (after a `\r`, if the line has one).
        prop_assert!(
            d.column <= raw.chars().count() + 1,
            "{what}: column {} is past the end of line {} ({:?}): {d:?}",
            d.column,
            d.line,
            line
        );
        if let Some(shown_line) = &d.source_line {
            prop_assert_eq!(
                shown_line.as_str(),
                line,
                "{}: the code frame shows another line",
                what
            );
        }
    }
    Ok(())
}

/// What happened to one document.
pub(crate) enum Outcome {
    ParseError,
    MergeError,
    Rendered,
}

/// Every string value of a TOML document (keys and values), for what the author wrote.
fn toml_strings(source: &str) -> Vec<String> {
    fn walk(v: &toml::Value, out: &mut Vec<String>) {
        match v {
            toml::Value::String(s) => out.push(s.clone()),
            toml::Value::Array(a) => a.iter().for_each(|v| walk(v, out)),
            toml::Value::Table(t) => t.iter().for_each(|(k, v)| {
                out.push(k.clone());
                walk(v, out);
            }),
            _ => {}
        }
    }
    let mut out = Vec::new();
    if let Ok(table) = source.parse::<toml::Table>() {
        walk(&toml::Value::Table(table), &mut out);
    }
    out
}

/// `{{ name }}` placeholders left in a page, as (name, is a valid name).
pub(crate) fn leftover_placeholders(html: &str) -> Vec<(String, bool)> {
    let mut found = Vec::new();
    let mut at = 0;
    while let Some(open) = html[at..].find("{{").map(|i| at + i) {
        let Some(close) = html[open..].find("}}").map(|i| open + i) else {
            break;
        };
        let name = html[open + 2..close].trim();
        let looks_like_one = name.contains('.')
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.');
        if looks_like_one {
            found.push((name.to_string(), NAMES.contains(&name)));
        }
        at = open + 2;
    }
    found
}

/// Parses, merges and renders one override file, checking every outcome.
pub(crate) fn exercise(path: &Path, source: &str, assets: &Path) -> Result<Outcome, TestCaseError> {
    let doc: Override = match parse_toml_all(path, source) {
        Ok(doc) => doc,
        Err(list) => {
            prop_assert!(!list.0.is_empty(), "a parse error without a diagnostic");
            for d in &list.0 {
                check_diag(d, Some(source), "parse error")?;
            }
            return Ok(Outcome::ParseError);
        }
    };
    let slug = path.file_stem().unwrap().to_string_lossy().into_owned();
    let page_files =
        crate::load::pages::read_page_files(path, source, &doc, &path.with_extension(""));
    let file = UnionFile {
        slug: slug.clone(),
        path: path.to_path_buf(),
        source: source.to_string(),
        doc,
        page_files,
        folder: crate::load::assets::read_folder(assets),
    };
    let site = match merge(&BASE, &file) {
        Ok(site) => site,
        Err(Diagnostics(list)) => {
            prop_assert!(!list.is_empty(), "merge failed without a diagnostic");
            let _ = Diagnostics(list.clone()).to_string();
            for d in &list {
                if d.file == path {
                    // Problems in the override itself are always located.
                    prop_assert!(
                        d.line >= 1 && d.column >= 1,
                        "merge diagnostic without a location: {d:?}"
                    );
                    check_diag(d, Some(source), "merge error")?;
                } else {
                    // Problems in a page file of the union's folder (may concern the whole file).
                    prop_assert!(
                        d.file.starts_with(assets),
                        "merge diagnostic names a file outside the union: {d:?}"
                    );
                    // A file kumiai cannot decode is framed with its decoded text (Shift_JIS,
                    // UTF-16), not with its bytes: then only the basics are checked.
                    let text = fs::read(&d.file).ok().and_then(|b| decode(&d.file, b).ok());
                    check_diag(d, text.as_deref(), "page file error")?;
                }
            }
            return Ok(Outcome::MergeError);
        }
    };
    check_site(&site, &slug)?;
    let files = match render_union(&site, &THEME, &CONFIG) {
        Ok(output) => output.files,
        Err(e) => {
            return Err(TestCaseError::fail(format!(
                "a merged site failed to render: {e:#}"
            )));
        }
    };
    prop_assert_eq!(
        files.len(),
        site.pages.len() + 4,
        "one file per page plus print.html, policy.json, its schema and the stylesheet"
    );
    let policy = files.iter().find(|f| f.path == "policy.json");
    prop_assert!(
        policy.is_some_and(|f| {
            serde_json::from_slice::<crate::open_data::PolicyDoc>(&f.bytes)
                .is_ok_and(|doc| doc.slug == slug)
        }),
        "policy.json reads back as the open-data format"
    );
    // Text the author escaped on purpose (`\{{ … }}`) is shown as written.
    let escaped = toml_strings(source).iter().any(|s| s.contains("\\{{"));
    for f in &files {
        let html = match std::str::from_utf8(&f.bytes) {
            Ok(html) => html,
            Err(e) => return Err(TestCaseError::fail(format!("{} is not UTF-8: {e}", f.path))),
        };
        if !f.path.ends_with(".html") {
            continue;
        }
        if let Some(at) = html.find(shows_as_mojibake) {
            return Err(TestCaseError::fail(format!(
                "U+FFFD or a control character (mojibake) on {}: …{:?}…",
                f.path,
                excerpt(html, at)
            )));
        }
        if !escaped && let Some((name, valid)) = leftover_placeholders(html).into_iter().next() {
            return Err(TestCaseError::fail(format!(
                "{} placeholder `{{{{ {name} }}}}` reached {}",
                if valid { "unexpanded" } else { "unknown" },
                f.path
            )));
        }
    }
    Ok(Outcome::Rendered)
}

/// Characters a browser shows as U+FFFD or as garbage: U+FFFD itself, NUL, and the other C0 and
/// C1 control characters except the whitespace ones.
pub(crate) fn shows_as_mojibake(c: char) -> bool {
    c == '\u{FFFD}' || (c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{C}'))
}

/// Some context around byte `at` of `text`.
pub(crate) fn excerpt(text: &str, at: usize) -> String {
    let before: String = text[..at]
        .chars()
        .rev()
        .take(60)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let after: String = text[at..].chars().take(60).collect();
    format!("{before}{after}")
}

/// Invariants of a merged site.
fn check_site(site: &UnionSite, slug: &str) -> Result<(), TestCaseError> {
    prop_assert_eq!(&site.slug, slug);
    prop_assert!(
        site.pages.iter().any(|p| p.id == "index"),
        "the site lost its top page"
    );
    let mut pages = HashSet::new();
    for p in &site.pages {
        prop_assert!(pages.insert(&p.id), "page `{}` appears twice", p.id);
    }
    let mut ids = HashSet::new();
    for s in &site.policy.sections {
        prop_assert!(ids.insert(&s.id), "section `{}` appears twice", s.id);
        for g in &s.groups {
            prop_assert!(ids.insert(&g.id), "group `{}` appears twice", g.id);
            prop_assert!(
                g.id.starts_with(&format!("{}.", s.id)),
                "group `{}` is filed under section `{}`",
                g.id,
                s.id
            );
            for i in &g.items {
                prop_assert!(ids.insert(&i.id), "item `{}` appears twice", i.id);
                prop_assert!(
                    i.id.starts_with(&format!("{}.", g.id)),
                    "item `{}` is filed under group `{}`",
                    i.id,
                    g.id
                );
            }
        }
    }
    Ok(())
}

pub(crate) fn tally_outcome(tally: &Tally, outcome: &Outcome) {
    tally.add(match outcome {
        Outcome::ParseError => "parse-error",
        Outcome::MergeError => "merge-error",
        Outcome::Rendered => "rendered",
    });
}
