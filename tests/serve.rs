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
use kumiai::Lang;
use kumiai::serve::{ServeOptions, Server};
use tempfile::TempDir;

#[path = "serve/http_serving.rs"]
mod http_serving;
#[path = "serve/live_reload.rs"]
mod live_reload;
#[path = "serve/startup.rs"]
mod startup;

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
    // A page file of the union's own, for the tests that edit one.
    let mut kiki = fs::read_to_string(root.join("unions/tokyo-kiki.toml")).unwrap();
    kiki.push_str(
        "\n[[new_page]]\nid = \"storage\"\ntitle = \"保存と廃棄\"\nfile = \"storage.md\"\n",
    );
    fs::write(root.join("unions/tokyo-kiki.toml"), kiki).unwrap();
    fs::create_dir_all(root.join("unions/tokyo-kiki")).unwrap();
    fs::write(
        root.join("unions/tokyo-kiki/storage.md"),
        "個人情報は、定めた期間保存した後に廃棄します。\n",
    )
    .unwrap();
    dir
}

fn start(root: &Path, union: Option<&str>) -> Server {
    Server::start(&{
        let mut options = ServeOptions::new(root.to_path_buf());
        options.union = union.map(str::to_string);
        options.bind = IpAddr::V4(Ipv4Addr::LOCALHOST);
        options.port = 0;
        options.open = false;
        options.lang = Lang::En;
        options
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

/// The fingerprinted stylesheet a page links (`assets/style.<hash>.css`).
fn css_href(html: &str) -> String {
    let start = html.find("assets/style.").expect("a stylesheet link");
    let end = start + html[start..].find(".css").expect(".css") + ".css".len();
    let href = &html[start..end];
    assert!(is_css_path(href), "{href}");
    href.to_string()
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

/// True for the path of a site's stylesheet, as kumiai names it: `assets/style.<hash>.css`.
fn is_css_path(path: &str) -> bool {
    path.strip_prefix("assets/style.")
        .and_then(|rest| rest.strip_suffix(".css"))
        .is_some_and(|hash| !hash.is_empty() && hash.bytes().all(|b| b.is_ascii_hexdigit()))
}
