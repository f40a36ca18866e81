//! What kumiai publishes as a link, through the CLI on a copy of the repository's project:
//! `javascript:` and every scheme but http, https, mailto and tel are refused in Markdown (the
//! union's, in any disguise, and the base's) and in URL fields, at the place they are written;
//! pages carry a Content-Security-Policy from disk and from `serve`; `contractors.csv` never
//! holds a formula; `serve` never redirects to another host.

mod common;

#[path = "serve/client.rs"]
mod client;

use std::fs;
use std::net::{IpAddr, Ipv4Addr};
use std::path::Path;
use std::process::{Command, Output};

use common::{copy_dir, files_under, published_text, repo_root, stderr, stdout};
use kumiai::Lang;
use kumiai::serve::{ServeOptions, Server};
use serde::Deserialize;
use tempfile::TempDir;

/// A copy of the repository's project: base, real theme, settings, example unions.
fn project() -> TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for part in ["content", "themes", "unions"] {
        copy_dir(&repo_root().join(part), &dir.path().join(part));
    }
    fs::copy(
        repo_root().join("kumiai.toml"),
        dir.path().join("kumiai.toml"),
    )
    .expect("copy");
    dir
}

fn kumiai(root: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kumiai"))
        .arg("--root")
        .arg(root)
        .args(args)
        .output()
        .expect("run the kumiai binary")
}

#[derive(Deserialize, Debug)]
struct Found {
    rule: String,
    severity: String,
    file: String,
    line: usize,
    column: usize,
    message: String,
    suggestion: Option<String>,
}

/// `check --format json` on the project: its exit code and findings.
fn check(root: &Path) -> (Option<i32>, Vec<Found>) {
    let out = kumiai(root, &["check", "--format", "json", "--lang", "en"]);
    let found = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    (out.status.code(), found)
}

/// The (file name, line, column) of every finding of `rule`.
fn places(found: &[Found], rule: &str) -> Vec<(String, usize, usize)> {
    found
        .iter()
        .filter(|f| f.rule == rule)
        .map(|f| {
            let name = Path::new(&f.file)
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            (name, f.line, f.column)
        })
        .collect()
}

fn no_script_published(out: &Path) {
    for file in files_under(out) {
        let bytes = fs::read(&file).expect("read");
        let Some(text) = published_text(out, &file, &bytes) else {
            continue;
        };
        let text = text.to_lowercase();
        for bad in ["javascript:", "vbscript:", "<script"] {
            assert!(!text.contains(bad), "{} contains {bad}", file.display());
        }
    }
}

// Every item the law asks for (the union itself is the window): the builds succeed.
const UNION: &str = "union = { name = \"リンク健康保険組合\", representative = \"理事長 見本 太郎\", postal_code = \"100-0001\", address = \"東京都千代田区千代田1-1\" }\n# 名称・代表者・住所（法が求める項目）\n";

#[test]
fn script_links_in_a_union_s_markdown_are_errors_where_they_are_written() {
    let dir = project();
    let root = dir.path();
    let toml = format!(
        "{UNION}\n[[page]]\nid = \"contact\"\nintro = \"\"\"\n\
         [a](javascript:alert(1)) と [b](&#106;avascript:alert(2))\n\
         <javascript:alert(3)> [c](<JaVa\tScript:alert(4)>) ![i](< javascript:alert(5)>)\n\
         [ok](https://www.example.or.jp/) [mail](mailto:a@example.or.jp) [tel](tel:03-1234-5678) [page](purposes.html)\n\
         [d][ref]\n\n[ref]: VBScript:alert(6)\n\"\"\"\n\n\
         [[new_page]]\nid = \"extra\"\ntitle = \"追加\"\nfile = \"extra.md\"\n"
    );
    fs::write(root.join("unions/links.toml"), toml).expect("write");
    fs::create_dir_all(root.join("unions/links")).expect("mkdir");
    fs::write(
        root.join("unions/links/extra.md"),
        "# 追加\n\n本文\n\n  [x](data:text/html,<script>alert(7)</script>)\n",
    )
    .expect("write");

    let (code, found) = check(root);
    assert_eq!(code, Some(1));
    let links = places(&found, "link");
    let at = |line, column| ("links.toml".to_string(), line, column);
    assert_eq!(
        links,
        [
            at(7, 1),
            at(7, 28),
            at(8, 1),
            at(8, 23),
            at(8, 51),
            at(12, 1),
            ("extra.md".to_string(), 5, 3),
        ],
        "{found:#?}"
    );
    for f in found.iter().filter(|f| f.rule == "link") {
        assert_eq!(f.severity, "error");
        assert!(
            f.message.contains("http, https, mailto, tel"),
            "{}",
            f.message
        );
        assert!(f.suggestion.is_some());
    }

    let build = kumiai(root, &["build", "--lang", "en"]);
    assert_eq!(build.status.code(), Some(1), "{}", stderr(&build));
    assert!(
        stderr(&build).contains("links.toml:7:1"),
        "{}",
        stderr(&build)
    );
    assert!(
        !root.join("public/links").exists(),
        "the union is not built"
    );
    assert!(
        root.join("public/acom/index.html").is_file(),
        "the others are"
    );
    no_script_published(&root.join("public"));
}

#[test]
fn safe_links_still_build_as_links() {
    let dir = project();
    let root = dir.path();
    let toml = format!(
        "{UNION}\n[[page]]\nid = \"contact\"\nintro = \"\"\"\n\
         [ok](https://www.example.or.jp/) [mail](mailto:a@example.or.jp) [tel](tel:03-1234-5678) [page](purposes.html#item-x)\n\
         javascript: written as text is only text.\n\"\"\"\n"
    );
    fs::write(root.join("unions/links.toml"), toml).expect("write");
    let build = kumiai(root, &["build", "--union", "links"]);
    assert_eq!(build.status.code(), Some(0), "{}", stderr(&build));
    let page = fs::read_to_string(root.join("public/links/contact.html")).expect("page");
    for href in [
        "https://www.example.or.jp/",
        "mailto:a@example.or.jp",
        "tel:03-1234-5678",
        "purposes.html#item-x",
    ] {
        assert!(
            page.contains(&format!("href={href}")) || page.contains(&format!("href=\"{href}\"")),
            "{href}"
        );
    }
}

#[test]
fn a_script_link_in_the_base_stops_the_build_at_its_place() {
    let dir = project();
    let root = dir.path();
    let page = root.join("content/pages/safety.md");
    let text = fs::read_to_string(&page).expect("safety.md");
    let lines = text.lines().count();
    fs::write(
        &page,
        format!("{text}\n詳しくは[こちら](JAVASCRIPT:alert(1))\n"),
    )
    .expect("write");
    let (code, found) = check(root);
    assert_eq!(code, Some(1));
    assert_eq!(
        places(&found, "link"),
        [("safety.md".to_string(), lines + 2, 5)],
        "{found:#?}"
    );
}

#[test]
fn url_fields_refuse_script_and_never_suggest_it() {
    let dir = project();
    let root = dir.path();
    fs::write(
        root.join("unions/links.toml"),
        "[union]\nname = \"リンク健康保険組合\"\nwebsite = \"javascript:alert(1)\"\n",
    )
    .expect("write");
    let (code, found) = check(root);
    assert_eq!(code, Some(1));
    let url: Vec<&Found> = found.iter().filter(|f| f.rule == "url").collect();
    assert_eq!(url.len(), 1, "{found:#?}");
    assert_eq!((url[0].line, url[0].column), (3, 12));
    let help = url[0].suggestion.as_deref().unwrap_or_default();
    assert!(!help.contains("javascript"), "{help}");
    assert!(help.contains("https://www.example.or.jp/"), "{help}");
}

#[test]
fn base_url_must_be_a_web_address() {
    for (value, line_has) in [
        ("javascript:alert(1)", "javascript"),
        ("  JavaScript:alert(1)//", "JavaScript"),
        ("data:text/html,x", "data:"),
        ("https://www.example.or.jp/privacy?x=1", "privacy"),
    ] {
        let dir = project();
        let root = dir.path();
        let settings = fs::read_to_string(root.join("kumiai.toml")).expect("kumiai.toml");
        let settings: String = settings
            .lines()
            .filter(|l| !l.starts_with("base_url"))
            .map(|l| format!("{l}\n"))
            .collect();
        fs::write(
            root.join("kumiai.toml"),
            format!("base_url = \"{value}\"\n{settings}"),
        )
        .expect("write");
        let out = kumiai(root, &["check", "--lang", "en"]);
        assert_eq!(out.status.code(), Some(1), "{value}");
        let err = stderr(&out) + &stdout(&out);
        assert!(err.contains("kumiai.toml:1:12"), "{value}: {err}");
        assert!(
            err.contains("[url]") && err.contains(line_has),
            "{value}: {err}"
        );
        let build = kumiai(root, &["build"]);
        assert_eq!(build.status.code(), Some(1), "{value}");
        assert!(!root.join("public").join("index.html").exists());
    }
}

#[test]
fn contractors_csv_holds_no_formula() {
    let dir = project();
    let root = dir.path();
    fs::write(
        root.join("unions/links.toml"),
        format!(
            "{UNION}\n[contractors]\nevil = {{ name = \"=HYPERLINK(\\\"https://evil.example/\\\",\\\"詳細\\\")\" }}\n\
             at = {{ name = \"@SUM(1+1)*cmd|' /C calc'!A0\" }}\n\n\
             [[item]]\nid = \"benefits.internal.eligibility\"\ncontractors = [\"evil\", \"at\"]\n"
        ),
    )
    .expect("write");
    let build = kumiai(root, &["build", "--lang", "en"]);
    assert_eq!(build.status.code(), Some(0), "{}", stderr(&build));
    let listed = kumiai(root, &["contractors", "--format", "csv"]);
    assert_eq!(listed.status.code(), Some(0), "{}", stderr(&listed));
    for csv in [
        fs::read_to_string(root.join("public/contractors.csv")).expect("csv"),
        stdout(&listed),
    ] {
        let cells: Vec<String> = csv.lines().flat_map(cells).collect();
        assert!(cells.iter().any(|c| c.starts_with("'=HYPERLINK(")), "{csv}");
        assert!(cells.iter().any(|c| c.starts_with("'@SUM")), "{csv}");
        for cell in &cells {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "a formula cell: {cell:?}"
            );
        }
    }
}

/// The cells of one CSV line (RFC 4180 quoting), without their quotes.
fn cells(line: &str) -> Vec<String> {
    let mut cells = vec![String::new()];
    let mut quoted = false;
    let mut chars = line.trim_start_matches('\u{feff}').chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                cells.last_mut().expect("a cell").push('"');
            }
            ('"', _) => quoted = !quoted,
            (',', false) => cells.push(String::new()),
            (c, _) => cells.last_mut().expect("a cell").push(c),
        }
    }
    cells
}

/// The CSP of `deploy/nginx.conf`, and that every other deploy file and `serve` send the same.
fn deployed_csp() -> String {
    let nginx = fs::read_to_string(repo_root().join("deploy/nginx.conf")).expect("nginx.conf");
    let line = nginx
        .lines()
        .find(|l| {
            l.trim_start()
                .starts_with("add_header Content-Security-Policy")
        })
        .expect("a CSP in deploy/nginx.conf");
    let csp = line.split('"').nth(1).expect("quoted").to_string();
    for file in ["deploy/_headers", "deploy/.htaccess"] {
        let text = fs::read_to_string(repo_root().join(file)).expect(file);
        assert!(text.contains(&csp), "{file} sends the CSP of nginx.conf");
    }
    csp
}

#[test]
fn pages_opened_from_disk_carry_the_deployed_csp() {
    let csp = deployed_csp();
    // A <meta> cannot carry frame-ancestors (browsers ignore it there); the rest is the same.
    let meta_policy: Vec<&str> = csp
        .split(';')
        .map(str::trim)
        .filter(|d| !d.starts_with("frame-ancestors"))
        .collect();
    let meta_policy = meta_policy.join("; ");
    assert!(meta_policy.starts_with("default-src 'self'"));
    let dir = project();
    let root = dir.path();
    let build = kumiai(root, &["build"]);
    assert_eq!(build.status.code(), Some(0), "{}", stderr(&build));
    let mut pages = 0;
    for file in files_under(&root.join("public")) {
        if file.extension().is_some_and(|e| e == "html") {
            pages += 1;
            let html = fs::read_to_string(&file).expect("page");
            let head = &html[..html.find("</head>").expect("a head")];
            let tag = head
                .split('<')
                .find(|t| t.starts_with("meta") && t.contains("Content-Security-Policy"))
                .unwrap_or_else(|| panic!("{}: no CSP meta: {head}", file.display()));
            assert!(
                tag.contains(&format!("content=\"{meta_policy}\"")),
                "{}: {tag}",
                file.display()
            );
            // Before anything it governs: right after the charset.
            let at = head.find("Content-Security-Policy").expect("meta");
            assert!(!head[..at].contains("<link") && !head[..at].contains("<script"));
        }
    }
    assert!(pages > 30, "{pages} pages");
}

#[test]
fn serve_sends_the_csp_and_never_redirects_to_another_host() {
    let csp = deployed_csp();
    let dir = project();
    let server = Server::start(&{
        let mut options = ServeOptions::new(dir.path().to_path_buf());
        options.union = None;
        options.bind = IpAddr::V4(Ipv4Addr::LOCALHOST);
        options.port = 0;
        options.open = false;
        options.lang = Lang::En;
        options
    })
    .expect("the server starts");
    let addr = server.addr();
    for path in [
        "/",
        "/acom/",
        "/acom/purposes.html",
        "/__kumiai/live.js",
        "/nothing",
    ] {
        let reply = client::get(addr, path);
        assert_eq!(
            reply.header("content-security-policy"),
            Some(csp.as_str()),
            "{path}"
        );
    }
    // The live-reload script is a same-origin file, which the CSP allows.
    let page = client::get(addr, "/acom/").text();
    assert!(page.contains("<script src=\"/__kumiai/live.js\""));

    for (path, location) in [
        ("/acom", "/acom/"),
        ("//acom", "/acom/"),
        ("///acom", "/acom/"),
        ("/acom//files/..", ""),
    ] {
        let reply = client::get(addr, path);
        if location.is_empty() {
            assert_eq!(reply.status, 400, "{path}");
            continue;
        }
        assert_eq!(reply.status, 307, "{path}");
        assert_eq!(reply.header("location"), Some(location), "{path}");
    }
    for path in ["/\\acom", "/%5Cacom", "/%2F%2Facom", "/%2facom"] {
        let reply = client::get(addr, path);
        assert!(
            matches!(reply.status, 400 | 404),
            "{path}: {} {:?}",
            reply.status,
            reply.header("location")
        );
        assert_eq!(reply.header("location"), None, "{path}");
    }
    server.stop();
}
