//! Shared fixtures of the integration tests.
//!
//! Every test builds a throw-away project in a `TempDir`: the repository's real `content/`
//! (so the tests exercise the real base and its ids), a `kumiai.toml` with `minify = false`,
//! and a tiny fixture theme whose templates print the render context plainly, so assertions
//! don't depend on the real theme (which is edited separately).

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::SystemTime;

use kumiai::{BuildOptions, BuildReport, Diagnostic, UnionOutcome};
use tempfile::TempDir;

/// The repository root (holds the real `content/`, `unions/`, `themes/`).
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The fixture theme's page template (Tera 2). Every value is printed behind a plain marker
/// (`ITEM `, `GROUP `, `SECTION n. `…) so tests can assert on exact substrings.
pub const PAGE_TEMPLATE: &str = r##"<!DOCTYPE html>
<html lang="ja">
<head>
<meta charset="utf-8">
<title>{{ title }} | {{ union.name }}</title>
<link rel="stylesheet" href="{{ css }}">
</head>
<body data-page="{{ page_id }}" data-kind="{{ kind }}" data-replaced="{{ replaced }}">
<p class="union">UNION {{ union.name }} / {{ union.self_name }}</p>
<nav>
{% for link in nav %}<a href="{{ link.href }}" data-nav="{{ link.id }}"{% if link.current %} aria-current="page"{% endif %}>NAV {{ link.title }}</a>
{% endfor %}</nav>
<h1>{{ title }}</h1>
<div class="body">
{{ body | safe }}
</div>
{% if purposes %}
<div class="purposes" data-layout="{{ purposes.layout }}">
{% if purposes.layout == "table" %}
<table>
<tr><th>HEAD</th><th>LEFT-HEADER {{ purposes.left_header }}</th><th>RIGHT-HEADER {{ purposes.right_header }}</th></tr>
{% for section in purposes.sections %}
<tr data-section="{{ section.id }}"><th>SHORT {{ section.short_title }}</th>
<td data-column="left">{% if section.left %}{% for item in section.left.items %}<p data-item="{{ item.id }}">ITEM {{ item.text }}{% if item.consent %}＊{% endif %}{{ item.contractor_note }}</p>
{% endfor %}{% endif %}</td>
<td data-column="right">{% if section.right %}{% for item in section.right.items %}<p data-item="{{ item.id }}">ITEM {{ item.text }}{% if item.consent %}＊{% endif %}{{ item.contractor_note }}</p>
{% endfor %}{% endif %}</td></tr>
{% for group in section.rows %}<tr data-row="{{ group.id }}"><td colspan="3">ROW {{ group.label }}
{% for item in group.items %}<p data-item="{{ item.id }}">ITEM {{ item.text }}{% if item.consent %}＊{% endif %}{{ item.contractor_note }}</p>
{% endfor %}</td></tr>
{% endfor %}{% endfor %}
</table>
{% else %}
{% for section in purposes.sections %}
<section data-section="{{ section.id }}">
<h2>SECTION {{ section.number }}. {{ section.title }}</h2>
<p class="short">SHORT {{ section.short_title }}</p>
{% if section.intro %}<p class="intro">INTRO {{ section.intro }}</p>
{% endif %}{% for group in section.groups %}<h3 data-group="{{ group.id }}" data-kind="{{ group.kind }}">GROUP {{ group.label }}</h3>
<ul>
{% for item in group.items %}<li data-item="{{ item.id }}">ITEM {{ item.text }}{% if item.consent %}＊{% endif %}{{ item.contractor_note }}</li>
{% endfor %}</ul>
{% endfor %}</section>
{% endfor %}
{% endif %}
{% if purposes.uses_consent %}<p class="legend">LEGEND {{ purposes.consent_legend }}</p>
{% endif %}</div>
{% endif %}
{% if contacts %}{% for c in contacts %}<div class="contact">
<p>DEPT {{ c.department }}</p>
{% if c.postal_line %}<p>POSTAL {{ c.postal_line }}</p>
{% endif %}{% if c.phone %}<p>TEL {{ c.phone }}</p>
{% endif %}{% if c.hours_line %}<p>HOURS {{ c.hours_line }}</p>
{% endif %}</div>
{% endfor %}{% endif %}
<footer>
{% if dates.established %}<p>ESTABLISHED {{ dates.established }}</p>
{% endif %}{% if dates.effective %}<p>EFFECTIVE {{ dates.effective }}</p>
{% endif %}{% if dates.published %}<p>PUBLISHED {{ dates.published }}</p>
{% endif %}{% for r in dates.revisions %}<p>REVISION {{ r.date }} {{ r.note }}</p>
{% endfor %}<p>BASE {{ dates.base_revision }} {{ dates.base_date }}</p>
</footer>
</body>
</html>
"##;

/// The fixture theme's portal template.
pub const PORTAL_TEMPLATE: &str = r##"<!DOCTYPE html>
<html lang="ja">
<head>
<meta charset="utf-8">
<title>{{ site.title }}</title>
<link rel="stylesheet" href="{{ css }}">
</head>
<body>
<h1>PORTAL {{ site.title }}</h1>
<ul>
{% for u in unions %}<li><a href="{{ u.href }}" data-slug="{{ u.slug }}">{{ u.name }}</a></li>
{% endfor %}</ul>
</body>
</html>
"##;

/// The fixture theme's print page: every page's content behind a `PRINT-PAGE` marker.
pub const PRINT_TEMPLATE: &str = r##"<!DOCTYPE html>
<html lang="ja">
<head>
<meta charset="utf-8">
<title>PRINT {{ union.name }}</title>
<link rel="stylesheet" href="{{ css }}">
</head>
<body>
<h1>PRINT {{ union.name }}</h1>
{% for page in pages %}<section data-print-page="{{ page.id }}">
<h2>PRINT-PAGE {{ page.title }}</h2>
{{ page.html | safe }}
</section>
{% endfor %}<footer>
<p>URL {{ print_url }}</p>
{% if print_date %}<p>DATE {{ print_date.label }} {{ print_date.wareki }} {{ print_date.seireki }}</p>
{% endif %}</footer>
</body>
</html>
"##;

/// What a page shows under its title, for the fixture's print page.
pub const PAGE_BODY_TEMPLATE: &str = r##"<div class="body">{{ body | safe }}</div>
{% if purposes %}{% for section in purposes.sections %}<h2>SECTION {{ section.title }}</h2>
{% for group in section.groups %}{% for item in group.items %}<p id="item-{{ item.id }}">ITEM {{ item.text }}{{ item.contractor_note }}</p>
{% endfor %}{% endfor %}{% endfor %}{% endif %}
"##;

/// The fixture theme's contractor index.
pub const CONTRACTORS_TEMPLATE: &str = r##"<!DOCTYPE html>
<html lang="ja">
<head>
<meta charset="utf-8">
<title>CONTRACTORS</title>
<link rel="stylesheet" href="{{ css }}">
</head>
<body>
<h1>CONTRACTORS</h1>
{% for c in contractors %}<section id="{{ c.anchor }}" data-key="{{ c.key }}">
<h2>CONTRACTOR {{ c.name }}</h2>
{% for s in c.spellings %}<p>SPELLING {{ s }}</p>
{% endfor %}{% if c.phone_differs %}<p>PHONES DIFFER</p>
{% endif %}{% for u in c.unions %}<p data-union="{{ u.slug }}">USE {{ u.union_name }} {% for p in u.phones %}TEL {{ p }} {% endfor %}</p>
{% for i in u.items %}<a href="{{ i.href }}">ITEM {{ i.text }}</a>
{% endfor %}{% endfor %}</section>
{% endfor %}</body>
</html>
"##;

pub const FIXTURE_CSS: &str = "body { color: #222; margin: 0 auto; max-width: 40rem; }\n";

/// A throw-away kumiai project. The folder lives as long as this value.
pub struct Project {
    dir: TempDir,
}

impl Project {
    /// A project with the real base, the fixture theme, `minify = false` and no unions yet.
    pub fn new() -> Project {
        Project::with_minify(false)
    }

    pub fn with_minify(minify: bool) -> Project {
        let dir = tempfile::Builder::new()
            .prefix("kumiai-test-")
            .tempdir()
            .expect("create temp dir");
        let root = dir.path();
        copy_dir(&repo_root().join("content"), &root.join("content"));
        write(
            &root.join("kumiai.toml"),
            &format!("title = \"テスト用ポータル\"\nminify = {minify}\ntheme = \"fixture\"\n"),
        );
        let theme = root.join("themes").join("fixture");
        write(&theme.join("templates").join("page.html"), PAGE_TEMPLATE);
        write(
            &theme.join("templates").join("portal.html"),
            PORTAL_TEMPLATE,
        );
        write(&theme.join("templates").join("print.html"), PRINT_TEMPLATE);
        write(
            &theme
                .join("templates")
                .join("partials")
                .join("page_body.html"),
            PAGE_BODY_TEMPLATE,
        );
        write(
            &theme.join("templates").join("contractors.html"),
            CONTRACTORS_TEMPLATE,
        );
        write(&theme.join("static").join("style.css"), FIXTURE_CSS);
        fs::create_dir_all(root.join("unions")).expect("create unions/");
        Project { dir }
    }

    /// The project root.
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// The default output folder, `public/`.
    pub fn out(&self) -> PathBuf {
        self.path().join("public")
    }

    /// `unions/<slug>.toml`.
    pub fn union_path(&self, slug: &str) -> PathBuf {
        self.path().join("unions").join(format!("{slug}.toml"))
    }

    /// Writes `unions/<slug>.toml` and returns its path.
    pub fn union(&self, slug: &str, source: &str) -> PathBuf {
        let path = self.union_path(slug);
        write(&path, source);
        path
    }

    /// Writes `unions/<slug>/<name>` (a page file or an asset) and returns its path.
    pub fn union_file(&self, slug: &str, name: &str, contents: &str) -> PathBuf {
        let path = self.path().join("unions").join(slug).join(name);
        write(&path, contents);
        path
    }

    /// Builds through the library into `public/`.
    pub fn build(&self) -> BuildReport {
        self.build_only(&[])
    }

    /// Builds only these slugs through the library.
    pub fn build_only(&self, only: &[&str]) -> BuildReport {
        self.try_build(only).expect("project-wide build error")
    }

    pub fn try_build(&self, only: &[&str]) -> anyhow::Result<BuildReport> {
        kumiai::build(&BuildOptions {
            root: self.path().to_path_buf(),
            output: None,
            only: only.iter().map(|s| s.to_string()).collect(),
            ..BuildOptions::default()
        })
    }

    /// Runs `kumiai --root <root> build <args…>`.
    pub fn cli(&self, args: &[&str]) -> Output {
        run_cli(self.path(), args)
    }

    /// Reads `public/<rel>` as text.
    pub fn read(&self, rel: &str) -> String {
        let path = self.out().join(rel);
        fs::read_to_string(&path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()))
    }

    /// Builds one union through the library, asserts it built, and returns the HTML of one of
    /// its pages.
    pub fn build_page(&self, slug: &str, page: &str) -> String {
        let report = self.build();
        assert_built(&report, slug);
        self.read(&format!("{slug}/{page}.html"))
    }
}

/// Runs the CLI binary: `kumiai --root <root> build <args…>`.
pub fn run_cli(root: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kumiai"))
        .arg("--root")
        .arg(root)
        .arg("build")
        .args(args)
        .output()
        .expect("run the kumiai binary")
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// `[union]` with a name: the smallest valid override, followed by `rest`.
pub fn union_toml(name: &str, rest: &str) -> String {
    format!("[union]\nname = \"{name}\"\n\n{rest}")
}

/// The problems of a failed union; panics (listing the outcomes) if it did not fail.
pub fn problems(report: &BuildReport, slug: &str) -> Vec<Diagnostic> {
    for outcome in &report.outcomes {
        if let UnionOutcome::Failed { slug: s, problems } = outcome
            && s == slug
        {
            return problems.clone();
        }
    }
    panic!(
        "union `{slug}` did not fail; outcomes: {}",
        describe(report)
    );
}

/// Asserts that a union built, printing its problems otherwise.
pub fn assert_built(report: &BuildReport, slug: &str) {
    let built = report
        .outcomes
        .iter()
        .any(|o| matches!(o, UnionOutcome::Built { slug: s, .. } if s == slug));
    assert!(built, "union `{slug}` did not build: {}", describe(report));
}

/// A readable account of every outcome, for failure messages.
pub fn describe(report: &BuildReport) -> String {
    report
        .outcomes
        .iter()
        .map(|o| match o {
            UnionOutcome::Built { slug, pages, .. } => format!("{slug}: built {pages} pages\n"),
            UnionOutcome::Failed { slug, problems } => {
                let text: String = problems.iter().map(|p| p.to_string()).collect();
                format!("{slug}: failed\n{text}")
            }
        })
        .collect()
}

/// 1-based line and column (in characters) of the first occurrence of `needle` in `source`.
pub fn locate(source: &str, needle: &str) -> (usize, usize) {
    locate_nth(source, needle, 0)
}

/// 1-based line and column of the `n`th (0-based) occurrence of `needle` in `source`.
pub fn locate_nth(source: &str, needle: &str, n: usize) -> (usize, usize) {
    let at = source
        .match_indices(needle)
        .nth(n)
        .unwrap_or_else(|| panic!("`{needle}` occurs fewer than {} times", n + 1))
        .0;
    let line = source[..at].matches('\n').count() + 1;
    let line_start = source[..at].rfind('\n').map_or(0, |i| i + 1);
    let column = source[line_start..at].chars().count() + 1;
    (line, column)
}

/// Byte offset of `needle` in `haystack`, panicking with context when absent.
pub fn pos(haystack: &str, needle: &str) -> usize {
    haystack
        .find(needle)
        .unwrap_or_else(|| panic!("`{needle}` not found in:\n{haystack}"))
}

/// Asserts that the needles occur in this order.
pub fn assert_order(haystack: &str, needles: &[&str]) {
    let positions: Vec<usize> = needles.iter().map(|n| pos(haystack, n)).collect();
    for pair in positions.windows(2).zip(needles.windows(2)) {
        assert!(
            pair.0[0] < pair.0[1],
            "`{}` should come before `{}`",
            pair.1[0],
            pair.1[1]
        );
    }
}

/// The part of an HTML page between `<h3 data-group="ID"` and the end of its list.
pub fn group_html<'a>(html: &'a str, group_id: &str) -> &'a str {
    let start = pos(html, &format!("<h3 data-group=\"{group_id}\""));
    let end = start + pos(&html[start..], "</ul>");
    &html[start..end]
}

/// The `data-item` ids in a piece of HTML, in order.
pub fn item_ids(html: &str) -> Vec<String> {
    attr_values(html, "data-item")
}

/// Every value of `name="…"` in a piece of HTML, in order.
pub fn attr_values(html: &str, name: &str) -> Vec<String> {
    let marker = format!("{name}=\"");
    html.match_indices(&marker)
        .map(|(at, _)| {
            let rest = &html[at + marker.len()..];
            rest[..rest.find('"').unwrap_or(rest.len())].to_string()
        })
        .collect()
}

pub fn write(path: &Path, contents: &str) {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).expect("create parent dir");
    }
    fs::write(path, contents).unwrap_or_else(|e| panic!("writing {}: {e}", path.display()));
}

/// Copies a folder recursively.
pub fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("create dir");
    for entry in fs::read_dir(from).unwrap_or_else(|e| panic!("reading {}: {e}", from.display())) {
        let entry = entry.expect("dir entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).expect("copy file");
        }
    }
}

/// Every file under `dir`, by path relative to it ('/'-separated), with its bytes.
pub fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    for path in files_under(dir) {
        let rel = relative(dir, &path);
        files.insert(rel, fs::read(&path).expect("read file"));
    }
    files
}

/// Every file under `dir`, by relative path, with its modification time.
pub fn mtimes(dir: &Path) -> BTreeMap<String, SystemTime> {
    files_under(dir)
        .into_iter()
        .map(|p| {
            let time = fs::metadata(&p).and_then(|m| m.modified()).expect("mtime");
            (relative(dir, &p), time)
        })
        .collect()
}

/// Every regular file under `dir`, recursively, sorted.
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = fs::read_dir(&d) else {
            continue;
        };
        for entry in entries {
            let entry = entry.expect("dir entry");
            let ty = entry.file_type().expect("file type");
            if ty.is_dir() {
                stack.push(entry.path());
            } else if ty.is_file() {
                out.push(entry.path());
            }
        }
    }
    out.sort();
    out
}

fn relative(dir: &Path, path: &Path) -> String {
    path.strip_prefix(dir)
        .expect("under dir")
        .to_string_lossy()
        .replace('\\', "/")
}

/// Problems with the links of the HTML files under `dir`: every relative `href`/`src` must
/// name an existing file inside `dir`. External schemes and fragment-only links are skipped.
pub fn broken_links(dir: &Path) -> Vec<String> {
    let mut broken = Vec::new();
    let root = dir.canonicalize().expect("canonical output dir");
    for file in files_under(dir) {
        if file.extension().is_none_or(|x| x != "html") {
            continue;
        }
        let html = fs::read_to_string(&file).expect("read html");
        for (attr, value) in link_attributes(&html) {
            let Some(target) = local_target(&value) else {
                continue;
            };
            if target.starts_with('/') {
                // Root-relative links break when the sites are opened from disk or hosted
                // under a sub-path.
                broken.push(format!(
                    "{}: {attr}=\"{value}\" is root-relative",
                    relative(dir, &file)
                ));
                continue;
            }
            let mut resolved = file.parent().expect("file has a parent").join(&target);
            if resolved.is_dir() {
                resolved = resolved.join("index.html");
            }
            let ok = resolved.is_file()
                && resolved
                    .canonicalize()
                    .is_ok_and(|canonical| canonical.starts_with(&root));
            if !ok {
                broken.push(format!(
                    "{}: {attr}=\"{value}\" does not resolve to a file in the output",
                    relative(dir, &file)
                ));
            }
        }
    }
    broken
}

/// The path part of a link value to check, or `None` for links that are not local files.
fn local_target(value: &str) -> Option<String> {
    let value = decode_entities(value.trim());
    let lower = value.to_ascii_lowercase();
    let skipped = ["http:", "https:", "mailto:", "tel:", "data:", "javascript:"];
    if value.is_empty()
        || value.starts_with('#')
        || value.starts_with("//")
        || skipped.iter().any(|s| lower.starts_with(s))
    {
        return None;
    }
    let end = value.find(['?', '#']).unwrap_or(value.len());
    let path = percent_decode(&value[..end]);
    if path.is_empty() {
        return None; // `?x` or similar: the page itself
    }
    Some(path)
}

/// `(attribute, value)` for every `href` and `src` attribute in `html`, quoted or not.
pub fn link_attributes(html: &str) -> Vec<(String, String)> {
    let bytes = html.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        // Only look inside tags.
        if bytes[i] != b'<' {
            i += 1;
            continue;
        }
        let Some(end) = tag_end(html, i) else {
            break;
        };
        let tag = &html[i + 1..end];
        i = end + 1;
        if tag.starts_with('!') || tag.starts_with('/') {
            continue;
        }
        for (name, value) in tag_attributes(tag) {
            if name.eq_ignore_ascii_case("href") || name.eq_ignore_ascii_case("src") {
                found.push((name, value));
            }
        }
    }
    found
}

/// Byte offset of the `>` that closes the tag opening at `start`, skipping quoted values
/// (a quote opens a value only right after `=`).
fn tag_end(html: &str, start: usize) -> Option<usize> {
    let mut quote: Option<char> = None;
    let mut after_equals = false;
    for (offset, c) in html[start..].char_indices() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == '>' => return Some(start + offset),
            None if (c == '"' || c == '\'') && after_equals => quote = Some(c),
            None => {}
        }
        if quote.is_none() && !c.is_whitespace() {
            after_equals = c == '=';
        }
    }
    None
}

/// The `lang` attribute of the `<html>` start tag, quoted (`lang="ja"`) or not (`lang=ja`).
pub fn html_lang(html: &str) -> Option<String> {
    let lower = html.to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = lower[from..].find("<html") {
        let start = from + at;
        let after = lower.as_bytes().get(start + 5).copied();
        if after.is_some_and(|c| c.is_ascii_whitespace() || c == b'>') {
            let end = tag_end(html, start)?;
            return tag_attributes(&html[start + 1..end])
                .into_iter()
                .find(|(name, _)| name.eq_ignore_ascii_case("lang"))
                .map(|(_, value)| value);
        }
        from = start + 5;
    }
    None
}

/// Attributes of the inside of a tag (`a href="x" class=y`), in a plain character scan.
fn tag_attributes(tag: &str) -> Vec<(String, String)> {
    let chars: Vec<char> = tag.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    // Skip the tag name.
    while i < chars.len() && !chars[i].is_whitespace() {
        i += 1;
    }
    loop {
        while i < chars.len() && (chars[i].is_whitespace() || chars[i] == '/') {
            i += 1;
        }
        if i >= chars.len() {
            break;
        }
        let start = i;
        while i < chars.len() && !chars[i].is_whitespace() && chars[i] != '=' && chars[i] != '/' {
            i += 1;
        }
        let name: String = chars[start..i].iter().collect();
        while i < chars.len() && chars[i].is_whitespace() {
            i += 1;
        }
        if i < chars.len() && chars[i] == '=' {
            i += 1;
            while i < chars.len() && chars[i].is_whitespace() {
                i += 1;
            }
            let value: String = if i < chars.len() && (chars[i] == '"' || chars[i] == '\'') {
                let quote = chars[i];
                i += 1;
                let start = i;
                while i < chars.len() && chars[i] != quote {
                    i += 1;
                }
                let v = chars[start..i].iter().collect();
                i += 1;
                v
            } else {
                let start = i;
                while i < chars.len() && !chars[i].is_whitespace() {
                    i += 1;
                }
                chars[start..i].iter().collect()
            };
            out.push((name, value));
        } else if !name.is_empty() {
            out.push((name, String::new()));
        } else {
            i += 1;
        }
    }
    out
}

fn decode_entities(text: &str) -> String {
    text.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let hex = |b: u8| (b as char).to_digit(16);
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let (Some(hi), Some(lo)) = (hex(bytes[i + 1]), hex(bytes[i + 2]))
        {
            out.push((hi * 16 + lo) as u8);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The union's site after merge, through the library (for what the pages don't show).
pub fn merged(project: &Project, slug: &str) -> kumiai::model::UnionSite {
    let base = kumiai::load::load_base(project.path()).expect("the base loads");
    let file = kumiai::load::load_union(&project.union_path(slug)).expect("the union loads");
    kumiai::merge::merge(&base, &file).expect("the union merges")
}

/// An item of a merged site by id.
pub fn find_item<'a>(site: &'a kumiai::model::UnionSite, id: &str) -> &'a kumiai::model::Item {
    site.policy
        .sections
        .iter()
        .flat_map(|s| &s.groups)
        .flat_map(|g| &g.items)
        .find(|i| i.id == id)
        .unwrap_or_else(|| panic!("no item `{id}`"))
}

/// The inside of the first element that starts with `open` (e.g. `<tr data-section="x">`),
/// up to the first `close` after it.
pub fn between<'a>(html: &'a str, open: &str, close: &str) -> &'a str {
    let start = pos(html, open) + open.len();
    let end = start + pos(&html[start..], close);
    &html[start..end]
}

/// Runs the CLI binary with any arguments: `kumiai --root <root> <args…>`. The locale is set to
/// `C` so that messages are in English unless the arguments say `--lang ja`.
pub fn run_kumiai(root: &Path, args: &[&str]) -> Output {
    run_kumiai_in_locale(root, "C", args)
}

/// Like [`run_kumiai`], with the locale environment (`LC_ALL`, `LANG`) set to `locale`.
pub fn run_kumiai_in_locale(root: &Path, locale: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kumiai"))
        .env_remove("LANGUAGE")
        .env_remove("LC_MESSAGES")
        .env("LC_ALL", locale)
        .env("LANG", locale)
        .arg("--root")
        .arg(root)
        .args(args)
        .output()
        .expect("run the kumiai binary")
}

/// The exit code of a finished CLI run (panics if it was killed by a signal).
pub fn exit_code(output: &Output) -> i32 {
    output
        .status
        .code()
        .unwrap_or_else(|| panic!("kumiai was killed by a signal\nstderr:\n{}", stderr(output)))
}

impl Project {
    /// Runs `kumiai --root <root> check <args…>` (English unless `--lang ja` is given).
    pub fn check_cli(&self, args: &[&str]) -> Output {
        let mut all = vec!["check"];
        all.extend_from_slice(args);
        run_kumiai(self.path(), &all)
    }

    /// Checks the whole project through the library.
    pub fn check(&self) -> kumiai::check::CheckReport {
        self.check_only(&[])
    }

    /// Checks only these slugs through the library.
    pub fn check_only(&self, only: &[&str]) -> kumiai::check::CheckReport {
        let only: Vec<String> = only.iter().map(|s| s.to_string()).collect();
        kumiai::check::check(self.path(), &only)
    }
}

/// The fingerprinted stylesheet (`assets/style.<hash>.css`) of the site in `dir`, as a path
/// relative to it; panics unless there is exactly one.
pub fn stylesheet_of(dir: &Path) -> String {
    let found: Vec<String> = fs::read_dir(dir.join("assets"))
        .map(|entries| {
            entries
                .filter_map(|e| e.ok())
                .map(|e| format!("assets/{}", e.file_name().to_string_lossy()))
                .filter(|p| kumiai::render::is_css_path(p))
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(
        found.len(),
        1,
        "expected one stylesheet in {}: {found:?}",
        dir.display()
    );
    found.into_iter().next().unwrap()
}

/// Inline script or style in a page (`<script`, `<style`, a `style=` attribute), which a
/// `Content-Security-Policy: default-src 'self'` would block.
pub fn inline_code(html: &str) -> Vec<String> {
    let lower = html.to_ascii_lowercase();
    let mut found = Vec::new();
    for tag in ["<script", "<style"] {
        if lower.contains(tag) {
            found.push(format!("a {tag}> element"));
        }
    }
    for attr in attribute_names(html) {
        if attr == "style" || attr.starts_with("on") {
            found.push(format!("a {attr}= attribute"));
        }
    }
    found
}

/// The names of every attribute of every tag in `html` (lowercase).
fn attribute_names(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        rest = &rest[open + 1..];
        if !rest.starts_with(|c: char| c.is_ascii_alphabetic()) {
            continue;
        }
        let end = rest.find('>').unwrap_or(rest.len());
        let tag = &rest[..end];
        let mut chars = tag.char_indices().peekable();
        // skip the tag name
        while chars.next_if(|(_, c)| !c.is_whitespace()).is_some() {}
        loop {
            while chars
                .next_if(|(_, c)| c.is_whitespace() || *c == '/')
                .is_some()
            {}
            let Some(&(start, _)) = chars.peek() else {
                break;
            };
            while chars
                .next_if(|(_, c)| !c.is_whitespace() && *c != '=' && *c != '/')
                .is_some()
            {}
            let stop = chars.peek().map_or(tag.len(), |(i, _)| *i);
            out.push(tag[start..stop].to_ascii_lowercase());
            if chars.next_if(|(_, c)| *c == '=').is_some() {
                match chars.peek().map(|(_, c)| *c) {
                    Some(q @ ('"' | '\'')) => {
                        chars.next();
                        while chars.next_if(|(_, c)| *c != q).is_some() {}
                        chars.next();
                    }
                    _ => while chars.next_if(|(_, c)| !c.is_whitespace()).is_some() {},
                }
            }
        }
        rest = &rest[end..];
    }
    out
}
