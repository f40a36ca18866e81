//! `kumiai serve` end to end, over real HTTP on loopback: pages from memory with the live script,
//! correct headers, HEAD, 404, path traversal, and the live-reload stream reacting to edits made
//! the ways editors make them (plain write, temp file + rename, vim's backup dance). Every wait is
//! bounded; every server listens on 127.0.0.1 on a port the system picks.

#[path = "serve/client.rs"]
mod client;

use std::fs;
use std::io::Write;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use client::{Events, WAIT, get, request, request_to, subscribe};

use kumiai::BuildOptions;
use kumiai::diagnostic::Lang;
use kumiai::serve::{ServeOptions, Server};
use tempfile::TempDir;

/// How long to listen for a second, unwanted event after the expected one.
const SETTLE: Duration = Duration::from_millis(600);

// ---------------------------------------------------------------------------------------------
// A throw-away project: the repository's real base and theme, and two of its unions.

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).unwrap();
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

fn project() -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    copy_dir(&repo().join("content"), &root.join("content"));
    copy_dir(&repo().join("themes"), &root.join("themes"));
    fs::copy(repo().join("kumiai.toml"), root.join("kumiai.toml")).unwrap();
    fs::create_dir_all(root.join("unions")).unwrap();
    for file in ["minimal.toml", "tokyo-kiki.toml"] {
        fs::copy(
            repo().join("unions").join(file),
            root.join("unions").join(file),
        )
        .unwrap();
    }
    copy_dir(
        &repo().join("unions/tokyo-kiki"),
        &root.join("unions/tokyo-kiki"),
    );
    dir
}

fn start(root: &Path, union: Option<&str>) -> Server {
    Server::start(&ServeOptions {
        root: root.to_path_buf(),
        union: union.map(str::to_string),
        bind: IpAddr::V4(Ipv4Addr::LOCALHOST),
        port: 0,
        open: false,
        lang: Lang::En,
    })
    .expect("the server starts")
}

const MINIMAL_NAME: &str = "見本健康保険組合";

fn minimal_path(root: &Path) -> PathBuf {
    root.join("unions/minimal.toml")
}

fn renamed(root: &Path, name: &str) -> String {
    fs::read_to_string(minimal_path(root)).unwrap().replacen(
        &format!("name = \"{MINIMAL_NAME}\""),
        &format!("name = \"{name}\""),
        1,
    )
}

fn count(names: &[String], name: &str) -> usize {
    names.iter().filter(|n| *n == name).count()
}

const SCRIPT_START: &str = "<script src=\"/__kumiai/live.js\"";

fn without_live_script(html: &str) -> String {
    let start = html
        .find(SCRIPT_START)
        .expect("the live script is injected");
    let end = start + html[start..].find("</script>").unwrap() + "</script>".len();
    format!("{}{}", &html[..start], &html[end..])
}

// ---------------------------------------------------------------------------------------------

#[test]
fn serves_portal_and_pages_from_memory_with_the_live_script() {
    let dir = project();
    let server = start(dir.path(), None);
    let addr = server.addr();
    assert!(addr.ip().is_loopback());
    assert!(server.url().starts_with("http://127.0.0.1:"));

    let portal = get(addr, "/");
    assert_eq!(portal.status, 200);
    assert_eq!(
        portal.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert_eq!(portal.header("cache-control"), Some("no-store"));
    assert!(portal.text().contains(MINIMAL_NAME));
    assert!(portal.text().contains("minimal/index.html"));
    assert!(portal.text().contains(SCRIPT_START));
    assert!(portal.text().contains("</script></body>"));

    // The other federation files at the root, as `build` writes them; not its bookkeeping.
    let contractors = get(addr, "/contractors.html");
    assert_eq!(contractors.status, 200);
    let unions = get(addr, "/unions.json");
    assert_eq!(unions.status, 200);
    assert!(
        unions.text().contains("\"slug\":\"minimal\""),
        "{}",
        unions.text()
    );
    assert_eq!(get(addr, "/.kumiai-unions").status, 404);

    let page = get(addr, "/minimal/");
    assert_eq!(page.status, 200);
    assert_eq!(
        page.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert_eq!(page.header("cache-control"), Some("no-store"));
    assert!(page.text().contains(MINIMAL_NAME));
    assert_eq!(
        get(addr, "/minimal/index.html").text().len(),
        page.text().len()
    );

    let purposes = get(addr, "/tokyo-kiki/purposes.html");
    assert_eq!(purposes.status, 200);
    assert!(purposes.text().contains(SCRIPT_START));

    let css = get(addr, &format!("/minimal/{}", css_href(&page.text())));
    assert_eq!(css.status, 200);
    assert_eq!(css.header("content-type"), Some("text/css; charset=utf-8"));
    assert_eq!(css.header("cache-control"), Some("no-store"));
    assert!(!css.text().contains("__kumiai"));

    let js = get(addr, "/__kumiai/live.js");
    assert_eq!(js.status, 200);
    assert_eq!(
        js.header("content-type"),
        Some("text/javascript; charset=utf-8")
    );
    assert!(js.text().contains("EventSource"));
    assert!(
        !js.text().contains("innerHTML"),
        "user text is never parsed as HTML"
    );

    // A folder without its slash is redirected, so the pages' relative links work.
    let folder = get(addr, "/minimal");
    assert_eq!(folder.status, 307);
    assert_eq!(folder.header("location"), Some("/minimal/"));

    // What `serve` shows is exactly what `build` writes, plus the script `build` never writes.
    let out = dir.path().join("built");
    let report = kumiai::build(&BuildOptions {
        root: dir.path().to_path_buf(),
        output: Some(out.clone()),
        only: vec![],
        ..BuildOptions::default()
    })
    .unwrap();
    assert!(report.failed().is_empty());
    for (served, file) in [
        (page.text(), "minimal/index.html"),
        (purposes.text(), "tokyo-kiki/purposes.html"),
        (portal.text(), "index.html"),
    ] {
        let built = fs::read_to_string(out.join(file)).unwrap();
        assert!(
            !built.contains("__kumiai"),
            "{file}: build output has no live script"
        );
        assert_eq!(without_live_script(&served), built, "{file}");
    }
    server.stop();
}

#[test]
fn head_404_and_methods() {
    let dir = project();
    let server = start(dir.path(), None);
    let addr = server.addr();

    let get_reply = get(addr, "/minimal/purposes.html");
    let head = request(addr, "HEAD", "/minimal/purposes.html");
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty(), "HEAD has no body");
    assert_eq!(
        head.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert_eq!(head.header("cache-control"), Some("no-store"));
    assert_eq!(
        head.header("content-length"),
        Some(get_reply.body.len().to_string().as_str())
    );

    for missing in [
        "/nope.html",
        "/minimal/nope.html",
        "/nobody/",
        "/minimal/files/x.png",
    ] {
        let reply = get(addr, missing);
        assert_eq!(reply.status, 404, "{missing}");
        assert_eq!(
            reply.header("content-type"),
            Some("text/html; charset=utf-8")
        );
        assert_eq!(reply.header("cache-control"), Some("no-store"));
        assert!(reply.text().contains("404"));
        // The 404 page reloads by itself once the page exists.
        assert!(reply.text().contains(SCRIPT_START), "{missing}");
        let head = request(addr, "HEAD", missing);
        assert_eq!(head.status, 404);
        assert!(head.body.is_empty());
    }

    let post = request(addr, "POST", "/minimal/");
    assert_eq!(post.status, 405);
    assert_eq!(post.header("allow"), Some("GET, HEAD"));
    server.stop();
}

#[test]
fn traversal_attempts_never_reach_a_file() {
    let dir = project();
    let server = start(dir.path(), None);
    let addr = server.addr();
    for target in [
        "/../kumiai.toml",
        "/%2e%2e/kumiai.toml",
        "/%2E%2E/kumiai.toml",
        "/..%2fkumiai.toml",
        "/..%2Fkumiai.toml",
        "/unions/..\\kumiai.toml",
        "/%2e%2e%5ckumiai.toml",
        "/minimal/../../kumiai.toml",
        "/minimal/%2e%2e/%2e%2e/kumiai.toml",
        "/..%5c..%5ckumiai.toml",
        "/%252e%252e/kumiai.toml",
        "/unions/minimal.toml",
        "/content/base.toml",
        "/minimal/%00",
        "/..",
    ] {
        let reply = get(addr, target);
        assert!(
            reply.status == 404 || reply.status == 400,
            "{target}: {}",
            reply.status
        );
        let text = reply.text();
        assert!(!text.contains("theme = "), "{target} leaked kumiai.toml");
        assert!(!text.contains("[union]"), "{target} leaked a union file");
    }
    server.stop();
}

#[test]
fn saving_a_union_reloads_once_by_plain_write_rename_and_vim() {
    let dir = project();
    let root = dir.path();
    let server = start(root, None);
    let addr = server.addr();
    let events = subscribe(addr, "");
    events.expect("ok");

    // (a) A plain write, in two parts as a slow editor does it: still one rebuild.
    let text = renamed(root, "書換健康保険組合");
    {
        let mut file = fs::File::create(minimal_path(root)).unwrap();
        let (first, second) = text.as_bytes().split_at(text.len() / 2);
        file.write_all(first).unwrap();
        file.flush().unwrap();
        std::thread::sleep(Duration::from_millis(3));
        file.write_all(second).unwrap();
    }
    events.expect("reload");
    let more = events.during(SETTLE);
    assert_eq!(count(&more, "reload"), 0, "one save, one reload: {more:?}");
    assert_eq!(
        count(&more, "errors"),
        0,
        "no half-written file was built: {more:?}"
    );
    assert!(get(addr, "/minimal/").text().contains("書換健康保険組合"));
    // The portal lists the new name too.
    assert!(get(addr, "/").text().contains("書換健康保険組合"));

    // (b) A temp file renamed over the union's file.
    let text = fs::read_to_string(minimal_path(root))
        .unwrap()
        .replace("書換健康保険組合", "改名健康保険組合");
    let temp = root.join("unions/.minimal.toml.kumiai-tmp");
    fs::write(&temp, &text).unwrap();
    fs::rename(&temp, minimal_path(root)).unwrap();
    events.expect("reload");
    let more = events.during(SETTLE);
    assert_eq!(count(&more, "reload"), 0, "one save, one reload: {more:?}");
    assert!(get(addr, "/minimal/").text().contains("改名健康保険組合"));

    // (c) vim's save: probe file 4913, backup by rename, new file, backup removed.
    let text = fs::read_to_string(minimal_path(root))
        .unwrap()
        .replace("改名健康保険組合", "編集健康保険組合");
    let unions = root.join("unions");
    fs::write(unions.join("4913"), "").unwrap();
    fs::remove_file(unions.join("4913")).unwrap();
    fs::write(unions.join(".minimal.toml.swp"), "swap").unwrap();
    fs::rename(minimal_path(root), unions.join("minimal.toml~")).unwrap();
    fs::write(minimal_path(root), &text).unwrap();
    fs::remove_file(unions.join("minimal.toml~")).unwrap();
    events.expect("reload");
    let more = events.during(SETTLE);
    assert_eq!(count(&more, "reload"), 0, "one save, one reload: {more:?}");
    assert!(get(addr, "/minimal/").text().contains("編集健康保険組合"));

    // Swap files alone change nothing.
    fs::write(unions.join(".minimal.toml.swp"), "swap 2").unwrap();
    fs::write(unions.join("minimal.toml~"), "backup").unwrap();
    let more = events.during(SETTLE);
    assert!(more.is_empty(), "editor litter triggers nothing: {more:?}");
    server.stop();
}

#[test]
fn a_broken_save_shows_errors_keeps_the_last_good_page_and_a_fix_clears_them() {
    let dir = project();
    let root = dir.path();
    let server = start(root, None);
    let addr = server.addr();
    let events = subscribe(addr, "");
    events.expect("ok");
    let tab = subscribe(addr, "?page=%2Fminimal%2F");
    tab.expect("ok");

    let good = fs::read_to_string(minimal_path(root)).unwrap();
    // An unknown key on line 5, column 1.
    let broken = good.replacen("[union]\n", "[union]\nnmae = \"typo\"\n", 1);
    let line = broken.lines().position(|l| l.starts_with("nmae")).unwrap() + 1;
    fs::write(minimal_path(root), &broken).unwrap();
    let errors = events.expect("errors");
    assert!(errors.contains("unions/minimal.toml"), "{errors}");
    assert!(
        errors.contains(&format!("\"location\":\"unions/minimal.toml:{line}:1\"")),
        "{errors}"
    );
    assert!(
        errors.contains("nmae"),
        "the code frame's line is there: {errors}"
    );
    let errors_tab = tab.expect("errors");
    assert!(errors_tab.contains(&format!("unions/minimal.toml:{line}:1")));
    // The last good page is still served, and nothing reloaded.
    let page = get(addr, "/minimal/");
    assert_eq!(page.status, 200);
    assert!(page.text().contains(MINIMAL_NAME));
    let more = tab.during(SETTLE);
    assert_eq!(count(&more, "reload"), 0, "{more:?}");

    // A tab opened now gets the overlay at once.
    let late = Events::late(addr, "?page=%2Fminimal%2F");
    assert!(late.contains(&format!("unions/minimal.toml:{line}:1")));
    // A tab on another union sees none of it.
    let other = subscribe(addr, "?page=%2Ftokyo-kiki%2F");
    let other_state = other.next(WAIT).unwrap();
    assert_eq!(other_state.0, "ok", "{other_state:?}");
    assert!(!other_state.1.contains("minimal"));

    fs::write(minimal_path(root), &good).unwrap();
    let ok = events.expect("ok");
    assert!(!ok.contains("\"severity\":\"error\""), "{ok}");
    tab.expect("ok");
    assert!(
        other.during(SETTLE).is_empty(),
        "another union's tab is left alone"
    );
    server.stop();
}

impl Events {
    /// Subscribes and returns the data of the first state event (`errors` or `ok`).
    fn late(addr: SocketAddr, query: &str) -> String {
        let events = subscribe(addr, query);
        let (name, data) = events.next(WAIT).expect("a state event");
        assert_eq!(name, "errors", "{data}");
        data
    }
}

#[test]
fn tabs_reload_only_for_what_they_show() {
    let dir = project();
    let root = dir.path();
    let server = start(root, None);
    let addr = server.addr();
    let minimal = subscribe(addr, "?page=%2Fminimal%2Fpurposes.html");
    let kiki = subscribe(addr, "?page=%2Ftokyo-kiki%2F");
    let portal = subscribe(addr, "?page=%2F");
    for tab in [&minimal, &kiki, &portal] {
        tab.expect("ok");
    }

    // A change inside the union's pages (not its name): its tabs only.
    let text = fs::read_to_string(minimal_path(root))
        .unwrap()
        .replace("9:00～17:00", "9:00～16:00");
    fs::write(minimal_path(root), text).unwrap();
    minimal.expect("reload");
    assert_eq!(count(&kiki.during(SETTLE), "reload"), 0);
    assert_eq!(count(&portal.during(Duration::ZERO), "reload"), 0);

    // A new name shows on the portal too.
    fs::write(minimal_path(root), renamed(root, "新名健康保険組合")).unwrap();
    minimal.expect("reload");
    portal.expect("reload");
    assert_eq!(count(&kiki.during(SETTLE), "reload"), 0);

    // A union's own Markdown page rebuilds that union.
    let page = root.join("unions/tokyo-kiki/purposes.md");
    let mut text = fs::read_to_string(&page).unwrap();
    text.push_str("\n追記した段落。\n");
    fs::write(&page, text).unwrap();
    kiki.expect("reload");
    assert!(
        get(addr, "/tokyo-kiki/purposes.html")
            .text()
            .contains("追記した段落")
    );
    assert_eq!(count(&minimal.during(SETTLE), "reload"), 0);

    // The base changes every union.
    let base_page = root.join("content/pages/safety.md");
    let mut text = fs::read_to_string(&base_page).unwrap();
    text.push_str("\n基本文に追加した段落。\n");
    fs::write(&base_page, text).unwrap();
    minimal.expect("reload");
    kiki.expect("reload");
    assert!(
        get(addr, "/minimal/safety.html")
            .text()
            .contains("基本文に追加した段落")
    );
    server.stop();
}

#[test]
fn a_stylesheet_change_swaps_css_without_a_reload() {
    let dir = project();
    let root = dir.path();
    let server = start(root, None);
    let addr = server.addr();
    let events = subscribe(addr, "");
    let tab = subscribe(addr, "?page=%2Fminimal%2F");
    events.expect("ok");
    tab.expect("ok");

    let before = css_href(&get(addr, "/minimal/").text());
    let css = root.join("themes/default/static/style.css");
    let mut text = fs::read_to_string(&css).unwrap();
    text.push_str("\n.kumiai-test-marker { color: #c00; }\n");
    fs::write(&css, text).unwrap();
    let version = events.expect("css");
    assert!(
        version.contains('.'),
        "the css event says which version the tab is at"
    );
    tab.expect("css");
    let more = events.during(SETTLE);
    assert_eq!(count(&more, "reload"), 0, "{more:?}");
    // The stylesheet has a new name and the pages link to it; the open tab still links the old
    // name, which its swap asks for again: that answers with the current sheet.
    let after = css_href(&get(addr, "/minimal/").text());
    assert_ne!(before, after);
    assert_eq!(css_href(&get(addr, "/").text()), after);
    for path in [&before, &after] {
        for site in ["/minimal/", "/"] {
            let css = get(addr, &format!("{site}{path}"));
            assert_eq!(css.status, 200, "{site}{path}");
            assert!(css.text().contains("kumiai-test-marker"), "{site}{path}");
        }
    }

    // A broken theme shows on every tab and the pages stay; fixing it clears it.
    let good = fs::read_to_string(root.join("themes/default/templates/page.html")).unwrap();
    fs::write(
        root.join("themes/default/templates/page.html"),
        format!("{good}\n{{% if %}}"),
    )
    .unwrap();
    let errors = tab.expect("errors");
    assert!(errors.contains("themes/default"), "{errors}");
    assert_eq!(get(addr, "/minimal/").status, 200);
    fs::write(root.join("themes/default/templates/page.html"), good).unwrap();
    tab.expect("ok");
    server.stop();
}

#[test]
fn with_union_the_union_is_at_the_root() {
    let dir = project();
    let root = dir.path();
    let server = start(root, Some("minimal"));
    let addr = server.addr();
    let index = get(addr, "/");
    assert_eq!(index.status, 200);
    assert!(index.text().contains(MINIMAL_NAME));
    assert!(index.text().contains(SCRIPT_START));
    assert_eq!(get(addr, "/index.html").status, 200);
    assert_eq!(get(addr, "/purposes.html").status, 200);
    let css = get(addr, &format!("/{}", css_href(&index.text())));
    assert_eq!(css.status, 200);
    assert_eq!(css.header("content-type"), Some("text/css; charset=utf-8"));
    assert_eq!(get(addr, "/tokyo-kiki/").status, 404);
    assert_eq!(get(addr, "/minimal/").status, 404);

    // Exactly the page `build --union` writes.
    let out = root.join("built");
    kumiai::build(&BuildOptions {
        root: root.to_path_buf(),
        output: Some(out.clone()),
        only: vec!["minimal".into()],
        ..BuildOptions::default()
    })
    .unwrap();
    let built = fs::read_to_string(out.join("minimal/index.html")).unwrap();
    assert_eq!(without_live_script(&index.text()), built);

    let events = subscribe(addr, "");
    events.expect("ok");
    // Another union's file is not this preview's business.
    let kiki = root.join("unions/tokyo-kiki.toml");
    let text = fs::read_to_string(&kiki).unwrap();
    fs::write(&kiki, format!("{text}\n# comment\n")).unwrap();
    assert!(events.during(SETTLE).is_empty());
    fs::write(minimal_path(root), renamed(root, "単独健康保険組合")).unwrap();
    events.expect("reload");
    assert!(get(addr, "/").text().contains("単独健康保険組合"));
    server.stop();
}

#[test]
fn a_union_unknown_to_union_is_refused() {
    let dir = project();
    let error = Server::start(&ServeOptions {
        root: dir.path().to_path_buf(),
        union: Some("minimul".into()),
        port: 0,
        ..ServeOptions::default()
    })
    .err()
    .expect("refused");
    assert!(format!("{error:#}").contains("minimal"), "{error:#}");
}

#[test]
fn only_requests_for_a_loopback_name_are_answered() {
    let dir = project();
    let server = start(dir.path(), None);
    let addr = server.addr();
    let port = addr.port();
    for host in [
        format!("localhost:{port}"),
        format!("127.0.0.1:{port}"),
        "localhost".into(),
    ] {
        assert_eq!(request_to(addr, "GET", "/", &host).status, 200, "{host}");
    }
    // DNS rebinding: a web page's own name pointed at 127.0.0.1.
    let evil = request_to(addr, "GET", "/minimal/", &format!("evil.example:{port}"));
    assert_eq!(evil.status, 403);
    assert!(!evil.text().contains(MINIMAL_NAME));
    assert_eq!(
        request_to(addr, "GET", "/__kumiai/events", "evil.example").status,
        403
    );
    server.stop();
}

#[test]
fn a_folder_that_is_not_a_project_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let error = Server::start(&ServeOptions {
        root: dir.path().to_path_buf(),
        port: 0,
        ..ServeOptions::default()
    })
    .err()
    .expect("refused");
    let text = format!("{error:#}");
    assert!(text.contains("kumiai.toml not found"), "{text}");
    assert!(text.contains("--root"), "{text}");
}

#[test]
fn a_port_in_use_is_a_clear_error() {
    let dir = project();
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let error = Server::start(&ServeOptions {
        root: dir.path().to_path_buf(),
        port,
        ..ServeOptions::default()
    })
    .err()
    .expect("refused");
    let text = format!("{error:#}");
    assert!(text.contains("already in use"), "{text}");
    assert!(text.contains("--port"), "{text}");
}

#[test]
fn a_page_opened_while_broken_shows_the_errors_and_new_unions_appear() {
    let dir = project();
    let root = dir.path();
    fs::write(
        root.join("unions/broken.toml"),
        "[union\nname = \"壊れた\"\n",
    )
    .unwrap();
    let server = start(root, None);
    let addr = server.addr();
    // Never built: not served, not on the portal; the tab gets the errors at once.
    assert_eq!(get(addr, "/broken/").status, 404);
    assert!(!get(addr, "/").text().contains("broken/index.html"));
    let data = Events::late(addr, "?page=%2Fbroken%2F");
    assert!(data.contains("unions/broken.toml:1:"), "{data}");

    // A new union appears on its (404) tab and on the portal.
    let portal = subscribe(addr, "?page=%2F");
    portal.expect("errors");
    let tab = subscribe(addr, "?page=%2Fnew-union%2F");
    // Another union's errors are not this tab's business.
    tab.expect("ok");
    let text = fs::read_to_string(minimal_path(root))
        .unwrap()
        .replace(MINIMAL_NAME, "新設健康保険組合");
    fs::write(root.join("unions/new-union.toml"), text).unwrap();
    tab.expect("reload");
    portal.expect("reload");
    assert!(get(addr, "/new-union/").text().contains("新設健康保険組合"));
    assert!(get(addr, "/").text().contains("new-union/index.html"));

    // Deleting it takes it away again.
    fs::remove_file(root.join("unions/new-union.toml")).unwrap();
    tab.expect("reload");
    assert_eq!(get(addr, "/new-union/").status, 404);
    server.stop();
}

#[test]
fn a_project_broken_at_start_is_served_once_fixed() {
    let dir = project();
    let root = dir.path();
    let settings = fs::read_to_string(root.join("kumiai.toml")).unwrap();
    fs::write(
        root.join("kumiai.toml"),
        settings.replace("minify = true", "minify = yes"),
    )
    .unwrap();
    let server = start(root, None);
    let addr = server.addr();
    assert_eq!(get(addr, "/").status, 404);
    let data = Events::late(addr, "?page=%2F");
    assert!(data.contains("kumiai.toml"), "{data}");
    let tab = subscribe(addr, "?page=%2F");
    tab.expect("errors");
    fs::write(root.join("kumiai.toml"), settings).unwrap();
    tab.expect("ok");
    tab.expect("reload");
    assert_eq!(get(addr, "/").status, 200);
    assert_eq!(get(addr, "/minimal/").status, 200);
    server.stop();
}

/// The command line, once `serve` is wired into it: started as a user would.
#[test]
fn the_command_serves_and_prints_its_url() {
    let exe = env!("CARGO_BIN_EXE_kumiai");
    let help = std::process::Command::new(exe)
        .arg("--help")
        .output()
        .unwrap();
    if !String::from_utf8_lossy(&help.stdout).contains("serve") {
        eprintln!("skipped: `kumiai serve` is not on the command line yet");
        return;
    }
    let dir = project();
    let mut child = std::process::Command::new(exe)
        .args(["--lang", "en", "--root"])
        .arg(dir.path())
        .args(["serve", "--port", "0"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        use std::io::BufRead;
        for line in std::io::BufReader::new(stdout)
            .lines()
            .map_while(Result::ok)
        {
            if tx.send(line).is_err() {
                return;
            }
        }
    });
    let deadline = Instant::now() + Duration::from_secs(30);
    let mut url = None;
    while let Some(left) = deadline.checked_duration_since(Instant::now()) {
        match rx.recv_timeout(left) {
            Ok(line) => {
                if let Some(at) = line.find("http://127.0.0.1:") {
                    url = Some(line[at..].split_whitespace().next().unwrap().to_string());
                    break;
                }
            }
            Err(_) => break,
        }
    }
    let url = url.expect("the URL is printed");
    let addr: SocketAddr = url
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .parse()
        .unwrap();
    let page = get(addr, "/minimal/");
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(page.status, 200);
    assert!(page.text().contains(SCRIPT_START));
}

/// The fingerprinted stylesheet a page links (`assets/style.<hash>.css`).
fn css_href(html: &str) -> String {
    let start = html.find("assets/style.").expect("a stylesheet link");
    let end = start + html[start..].find(".css").expect(".css") + ".css".len();
    let href = &html[start..end];
    assert!(kumiai::render::is_css_path(href), "{href}");
    href.to_string()
}
