//! Serving over HTTP: pages from memory with the live script, headers, HEAD and 404, traversal.

use super::*;

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
    let report = kumiai::build(&{
        let mut options = BuildOptions::new(dir.path().to_path_buf());
        options.output = Some(out.clone());
        options.only = vec![];
        options
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
