//! Starting the server: `--union`, loopback names only, refused folders and ports, broken projects, the command.

use super::*;

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
    kumiai::build(&{
        let mut options = BuildOptions::new(root.to_path_buf());
        options.output = Some(out.clone());
        options.only = vec!["minimal".into()];
        options
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
    let error = Server::start(&{
        let mut options = ServeOptions::new(dir.path().to_path_buf());
        options.union = Some("minimul".into());
        options.port = 0;
        options
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
    let error = Server::start(&{
        let mut options = ServeOptions::new(dir.path().to_path_buf());
        options.port = 0;
        options
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
    let error = Server::start(&{
        let mut options = ServeOptions::new(dir.path().to_path_buf());
        options.port = port;
        options
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
