//! Markdown bodies: generated Markdown (see `markdown_gen`) as `[[new_page]]` and `[[page]]`
//! bodies in the override and as page files in the union's folder, through the real pipeline
//! (load → merge → render, then the lints). Nothing panics or overflows the stack; every
//! outcome is a site or diagnostics located in the file they name; a built page holds no
//! script or frame element, no event handler and no link or source but http(s), mailto, tel or relative; and
//! Markdown nested past the limit is refused (rule `limit`).

use super::*;
use markdown_gen::{Md, markdown};

/// Where a generated text goes.
#[derive(Debug, Clone, Copy)]
enum Place {
    /// `[[new_page]] body = …`
    NewPageBody,
    /// `[[new_page]] file = …`, the text in `unions/fuzz/<file>`.
    NewPageFile,
    /// `[[page]] body = …` of a base page.
    PageBody,
    /// `[[page]] intro = …` of a base page.
    PageIntro,
    /// `[[page]] file = …` of a base page.
    PageFile,
}

/// How a page file's bytes are written.
#[derive(Debug, Clone, Copy)]
enum Bytes {
    Plain,
    Crlf,
    Bom,
}

fn place() -> impl Strategy<Value = Place> {
    select(vec![
        Place::NewPageBody,
        Place::NewPageFile,
        Place::PageBody,
        Place::PageIntro,
        Place::PageFile,
    ])
}

fn bytes() -> impl Strategy<Value = Bytes> {
    prop_oneof![4 => Just(Bytes::Plain), 1 => Just(Bytes::Crlf), 1 => Just(Bytes::Bom)]
}

/// The base pages a `[[page]]` may change, one per placement.
const BASE_PAGES: [&str; 3] = ["safety", "requests", "contact"];

/// The override: the repository's `minimal` union (a complete one), and the generated texts.
fn override_source(texts: &[(Place, Bytes, Md)]) -> (String, Vec<(String, Vec<u8>)>) {
    let mut source =
        fs::read_to_string(repo_root().join("unions/minimal.toml")).expect("unions/minimal.toml");
    let mut files = Vec::new();
    for (i, (place, bytes, md)) in texts.iter().enumerate() {
        let (table, id) = match place {
            Place::NewPageBody | Place::NewPageFile => ("new_page", format!("own-{i}")),
            _ => ("page", BASE_PAGES[i % BASE_PAGES.len()].to_string()),
        };
        source.push_str(&format!("\n[[{table}]]\nid = \"{id}\"\n"));
        if table == "new_page" {
            source.push_str(&format!("title = \"独自のページ {i}\"\n"));
        }
        match place {
            Place::NewPageBody | Place::PageBody => {
                source.push_str(&format!("body = {}\n", toml_string(&md.text)))
            }
            Place::PageIntro => source.push_str(&format!("intro = {}\n", toml_string(&md.text))),
            Place::NewPageFile | Place::PageFile => {
                let name = format!("page-{i}.md");
                source.push_str(&format!("file = \"{name}\"\n"));
                let text = match bytes {
                    Bytes::Plain => md.text.clone().into_bytes(),
                    Bytes::Crlf => md.text.replace('\n', "\r\n").into_bytes(),
                    Bytes::Bom => format!("\u{FEFF}{}", md.text).into_bytes(),
                };
                files.push((name, text));
            }
        }
    }
    (source, files)
}

/// `text` as a TOML string: a multi-line literal string when it can be one (so places in the
/// Markdown are places in the source), else a basic string with escapes.
fn toml_string(text: &str) -> String {
    let literal_ok = !text.contains("''")
        && !text.ends_with('\'')
        && !text.contains(|c: char| c.is_control() && c != '\n' && c != '\t');
    if literal_ok {
        format!("'''\n{text}'''")
    } else {
        toml::Value::String(text.to_string()).to_string()
    }
}

/// Rules of findings that concern a place in a text: they must name a line and a column. (A
/// problem that stops the union must always, unless the file cannot be read.)
const LOCATED_RULES: &[&str] = &["link", "limit", "placeholder", "page-file"];

#[test]
fn markdown_bodies_build_safe_pages_or_are_refused_in_place() {
    let scratch = ScratchProject::new();
    let tally = Tally::new(&[
        "built",
        "built-with-hostile-text",
        "refused",
        "refused-deep",
        "link",
        "placeholder",
        "limit",
    ]);
    let case = (
        prop::collection::vec((place(), bytes(), markdown()), 1..4),
        any::<bool>(),
    );
    run(
        "pipeline::render(generated Markdown bodies and page files)",
        cases(64, 0.05),
        case,
        &tally,
        |(texts, lint)| {
            scratch.clear_unions();
            let unions = scratch.unions();
            let (source, files) = override_source(&texts);
            let path = unions.join(format!("{SLUG}.toml"));
            fs::write(&path, &source).unwrap();
            let own = unions.join(SLUG);
            fs::create_dir_all(&own).unwrap();
            for (name, bytes) in &files {
                fs::write(own.join(name), bytes).unwrap();
            }
            let deep = texts.iter().any(|(_, _, md)| md.deep);
            match crate::pipeline::render(&scratch.project, &path) {
                Err(problems) => {
                    tally.add(if deep { "refused-deep" } else { "refused" });
                    prop_assert!(!problems.is_empty(), "refused without a diagnostic");
                    for d in &problems {
                        check_located(d, &path, &own, d.rule != "io")?;
                    }
                    for rule in ["link", "placeholder", "limit"] {
                        if problems.iter().any(|d| d.rule == rule) {
                            tally.add(rule);
                        }
                    }
                    if deep {
                        prop_assert!(
                            problems.iter().any(|d| d.rule == "limit"),
                            "Markdown nested too deep, refused without a `limit` diagnostic: {problems:#?}"
                        );
                    }
                }
                Ok(rendered) => {
                    tally.add("built");
                    prop_assert!(!deep, "Markdown nested too deep was built");
                    let escaped = texts.iter().any(|(_, _, md)| md.text.contains("\\{{"));
                    let controls = texts
                        .iter()
                        .any(|(_, _, md)| md.text.contains(shows_as_mojibake));
                    for f in &rendered.files {
                        if f.path.ends_with(".html") {
                            let html = std::str::from_utf8(&f.bytes).map_err(|e| {
                                TestCaseError::fail(format!("{} is not UTF-8: {e}", f.path))
                            })?;
                            check_page(&f.path, html, escaped, controls)?;
                        }
                    }
                    if texts
                        .iter()
                        .any(|(_, _, md)| md.text.to_ascii_lowercase().contains("script"))
                    {
                        tally.add("built-with-hostile-text");
                    }
                    // The findings `check` shows for the union are located too.
                    if lint {
                        for d in rendered.findings(&scratch.project) {
                            if d.file == path || d.file.starts_with(&own) {
                                check_located(&d, &path, &own, false)?;
                            } else {
                                check_diag(&d, text_of(&d.file).as_deref(), "finding")?;
                            }
                        }
                    }
                }
            }
            Ok(())
        },
    );
}

/// A diagnostic names the override or a file of the union's folder, and a place inside it when
/// `located`, or when its rule is about a place in a text.
fn check_located(
    d: &Diagnostic,
    path: &Path,
    own: &Path,
    located: bool,
) -> Result<(), TestCaseError> {
    prop_assert!(
        d.file == path || d.file.starts_with(own),
        "a diagnostic names a file outside the union: {d:?}"
    );
    prop_assert!(d.rule != "render", "a merged union failed to render: {d:?}");
    check_diag(d, text_of(&d.file).as_deref(), d.rule)?;
    if located || LOCATED_RULES.contains(&d.rule) {
        prop_assert!(
            d.line >= 1 && d.column >= 1,
            "a `{}` diagnostic without a place: {d:?}",
            d.rule
        );
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// What a built page may hold

/// Elements that run or embed something.
const ACTIVE_ELEMENTS: &[&str] = &["script", "iframe", "object", "embed", "frame", "base"];

/// Attributes whose value a browser loads or follows as an address.
const URL_ATTRIBUTES: &[&str] = &[
    "href",
    "src",
    "srcset",
    "action",
    "formaction",
    "poster",
    "data",
    "xlink:href",
    "background",
    "cite",
];

fn check_page(path: &str, html: &str, escaped: bool, controls: bool) -> Result<(), TestCaseError> {
    for (tag, attributes) in tags(html) {
        // Only as an element: `<img alt="<script>">` is text (the minifier unescapes `&lt;` in
        // attribute values, where it means nothing).
        prop_assert!(
            !ACTIVE_ELEMENTS.contains(&tag.as_str()),
            "a <{tag}> element in {path}"
        );
        for (name, value) in attributes {
            prop_assert!(
                !name.starts_with("on"),
                "an event handler `{name}` on <{tag}> in {path}"
            );
            if !URL_ATTRIBUTES.contains(&name.as_str()) {
                continue;
            }
            let value = decode_entities(&value);
            let urls: Vec<&str> = if name == "srcset" {
                value
                    .split(',')
                    .filter_map(|u| u.split_whitespace().next())
                    .collect()
            } else {
                vec![value.as_str()]
            };
            for url in urls {
                if let Some(scheme) = browser_scheme(url) {
                    prop_assert!(
                        ["http", "https", "mailto", "tel"].contains(&scheme.as_str()),
                        "<{tag} {name}={url:?}> in {path}: a browser sees the scheme `{scheme}`"
                    );
                }
            }
        }
    }
    if !escaped && let Some((name, _)) = leftover_placeholders(html).into_iter().next() {
        return Err(TestCaseError::fail(format!(
            "placeholder `{{{{ {name} }}}}` reached {path}"
        )));
    }
    if !controls && let Some(at) = html.find(shows_as_mojibake) {
        return Err(TestCaseError::fail(format!(
            "U+FFFD or a control character on {path}: …{:?}…",
            excerpt(html, at)
        )));
    }
    Ok(())
}

/// The scheme a browser finds in `url` (lowercased), as the URL standard parses it: leading and
/// trailing C0 controls and spaces dropped, tabs and line breaks dropped anywhere, then an ASCII
/// letter, letters, digits, `+`, `-`, `.`, and a colon. `None` for a relative address.
fn browser_scheme(url: &str) -> Option<String> {
    let cleaned: String = url
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let (scheme, _) = cleaned.split_once(':')?;
    let mut chars = scheme.chars();
    let starts = chars.next().is_some_and(|c| c.is_ascii_alphabetic());
    (starts && chars.all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c)))
        .then(|| scheme.to_ascii_lowercase())
}

/// An attribute value as a browser reads it: character references decoded.
fn decode_entities(value: &str) -> String {
    const NAMED: &[(&str, char)] = &[
        ("amp;", '&'),
        ("lt;", '<'),
        ("gt;", '>'),
        ("quot;", '"'),
        ("apos;", '\''),
        ("colon;", ':'),
        ("Tab;", '\t'),
        ("NewLine;", '\n'),
        ("sol;", '/'),
        ("lpar;", '('),
        ("rpar;", ')'),
        ("period;", '.'),
        ("nbsp;", '\u{A0}'),
        ("amp", '&'),
        ("lt", '<'),
        ("gt", '>'),
        ("quot", '"'),
    ];
    let mut out = String::new();
    let mut rest = value;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at + 1..];
        if let Some(num) = rest.strip_prefix('#') {
            let (hex, digits) = match num.strip_prefix(['x', 'X']) {
                Some(h) => (true, h),
                None => (false, num),
            };
            let len = digits
                .find(|c: char| {
                    !(if hex {
                        c.is_ascii_hexdigit()
                    } else {
                        c.is_ascii_digit()
                    })
                })
                .unwrap_or(digits.len());
            if len > 0 {
                let n = u32::from_str_radix(&digits[..len], if hex { 16 } else { 10 })
                    .unwrap_or(0xFFFD);
                out.push(
                    char::from_u32(n)
                        .filter(|&c| c != '\0')
                        .unwrap_or('\u{FFFD}'),
                );
                rest = digits[len..].strip_prefix(';').unwrap_or(&digits[len..]);
                continue;
            }
        } else if let Some((name, c)) = NAMED.iter().find(|(n, _)| rest.starts_with(n)) {
            out.push(*c);
            rest = &rest[name.len()..];
            continue;
        }
        out.push('&');
    }
    out.push_str(rest);
    out
}

/// The start tags of an HTML page: (name, attributes as (name, raw value)), names lowercased.
/// Comments and the text of `<style>` are skipped; so is the text of `<script>`, which the
/// checks refuse anyway.
fn tags(html: &str) -> Vec<(String, Vec<(String, String)>)> {
    let bytes = html.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    let find = |from: usize, needle: &str| html.get(from..)?.find(needle).map(|j| from + j);
    while let Some(lt) = find(i, "<") {
        i = lt + 1;
        if html[lt..].starts_with("<!--") {
            i = find(lt + 4, "-->").map_or(html.len(), |j| j + 3);
            continue;
        }
        if !bytes.get(i).is_some_and(u8::is_ascii_alphabetic) {
            continue;
        }
        let name_end = html[i..]
            .find(|c: char| c.is_ascii_whitespace() || c == '>' || c == '/')
            .map_or(html.len(), |j| i + j);
        let name = html[i..name_end].to_ascii_lowercase();
        i = name_end;
        let mut attributes = Vec::new();
        loop {
            while bytes
                .get(i)
                .is_some_and(|b| b.is_ascii_whitespace() || *b == b'/')
            {
                i += 1;
            }
            match bytes.get(i) {
                None => break,
                Some(b'>') => {
                    i += 1;
                    break;
                }
                _ => {}
            }
            let attr_end = html[i..]
                .find(|c: char| c.is_ascii_whitespace() || c == '=' || c == '>' || c == '/')
                .map_or(html.len(), |j| i + j)
                .max(i + 1);
            let attr = html[i..attr_end].to_ascii_lowercase();
            i = attr_end;
            while bytes.get(i).is_some_and(u8::is_ascii_whitespace) {
                i += 1;
            }
            let mut value = String::new();
            if bytes.get(i) == Some(&b'=') {
                i += 1;
                while bytes.get(i).is_some_and(u8::is_ascii_whitespace) {
                    i += 1;
                }
                let (start, end, next) = match bytes.get(i) {
                    Some(&q @ (b'"' | b'\'')) => {
                        let end =
                            find(i + 1, if q == b'"' { "\"" } else { "'" }).unwrap_or(html.len());
                        (i + 1, end, (end + 1).min(html.len()))
                    }
                    _ => {
                        let end = html[i..]
                            .find(|c: char| c.is_ascii_whitespace() || c == '>')
                            .map_or(html.len(), |j| i + j);
                        (i, end, end)
                    }
                };
                value = html[start..end].to_string();
                i = next;
            }
            attributes.push((attr, value));
        }
        if name == "style" || name == "script" {
            i = find(i, &format!("</{name}")).unwrap_or(html.len());
        }
        found.push((name, attributes));
    }
    found
}

#[test]
fn the_page_checks_see_what_a_browser_sees() {
    let attrs = |html: &str| -> Vec<(String, String)> {
        tags(html).into_iter().flat_map(|(_, a)| a).collect()
    };
    assert_eq!(
        attrs("<a href=x.html class='c'>t</a><img src=\"a b\" alt>"),
        [
            ("href".into(), "x.html".into()),
            ("class".into(), "c".into()),
            ("src".into(), "a b".into()),
            ("alt".into(), String::new()),
        ]
    );
    assert!(attrs("<!-- <a href=javascript:x> -->&lt;a href=x&gt;").is_empty());
    assert_eq!(
        decode_entities("&#106;ava&#X73;cript&colon;x&amp;y"),
        "javascript:x&y"
    );
    for (url, scheme) in [
        ("java\tscript:x", Some("javascript")),
        (" \u{1}JavaScript:x", Some("javascript")),
        ("java%09script:x", None),
        ("purposes.html", None),
        ("./a:b", None),
        ("HTTPS://x", Some("https")),
    ] {
        assert_eq!(browser_scheme(url).as_deref(), scheme, "{url:?}");
    }
    assert!(check_page("p", "<a href=\"&#106;avascript:x\">", false, false).is_err());
    assert!(check_page("p", "<a href=https://x.jp/ onclick=y>", false, false).is_err());
    assert!(check_page("p", "<p>a<SCRIPT>x</script>", false, false).is_err());
    assert!(check_page("p", "<a href=tel:1>&lt;script&gt;</a>", false, false).is_ok());
    assert!(check_page("p", "<img alt=\"<script>\" src=a.png>", false, false).is_ok());
}
