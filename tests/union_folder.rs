//! What a union's folder (`unions/<slug>/`) and the `unions/` folder may hold, through the CLI:
//! no symbolic link leads out of them, only PNG, JPEG, WebP and PDF files are published (told by
//! their content), odd names and reserved or overlong slugs are refused, and every refusal is a
//! diagnostic naming the file that `check` and `build` agree on: `build` exits 1 and keeps the
//! union's last good site.

mod common;

use std::fs;
use std::path::Path;

use common::*;
use serde_json::Value;

/// A union that builds, with a name.
// Every item the law asks for (the union itself is the window): the builds succeed.
const UNION: &str = "union = { name = \"フォルダ健康保険組合\", representative = \"理事長 見本 太郎\", postal_code = \"100-0001\", address = \"東京都千代田区千代田1-1\" }\n# 名称・代表者・住所（法が求める項目）\n";

/// Its override with a page whose text is read from `file` (the `file =` value at line 6,
/// column 8).
fn with_page_file(file: &str) -> String {
    format!("{UNION}\n[[page]]\nid = \"safety\"\nfile = \"{file}\"\n")
}

/// The smallest PNG header (what kumiai looks at) and some bytes.
const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0";
const JPEG: &[u8] = &[0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, b'J', b'F', b'I', b'F', 0];

/// A project holding the one union `u` with `source`.
fn project(source: &str) -> Project {
    let p = Project::new();
    p.union("u", source);
    p
}

fn put(p: &Project, rel: &str, bytes: &[u8]) -> std::path::PathBuf {
    let path = p.path().join(rel);
    fs::create_dir_all(path.parent().expect("parent")).expect("folder");
    fs::write(&path, bytes).expect("write");
    path
}

#[cfg(unix)]
fn link(target: &Path, at: &Path) {
    std::os::unix::fs::symlink(target, at).expect("symlink");
}

/// Every finding of `check --format json`, and its exit code.
fn check(p: &Project) -> (Vec<Value>, i32) {
    let out = p.check_cli(&["--format", "json", "--lang", "en"]);
    let code = exit_code(&out);
    let found = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    (found, code)
}

/// The finding with `rule` whose file ends with `file`; panics listing all of them otherwise.
fn finding<'a>(found: &'a [Value], rule: &str, file: &str) -> &'a Value {
    found
        .iter()
        .find(|f| {
            f["rule"] == rule
                && f["file"]
                    .as_str()
                    .is_some_and(|p| p.replace('\\', "/").ends_with(file))
        })
        .unwrap_or_else(|| panic!("no `{rule}` finding for {file}; check said:\n{found:#?}"))
}

/// `check` reports `rule` on `file` as an error, and `build` fails (exit 1) naming the file too.
fn refused(p: &Project, rule: &str, file: &str) -> Value {
    let (found, code) = check(p);
    assert_eq!(code, 1, "{found:#?}");
    let f = finding(&found, rule, file).clone();
    assert_eq!(f["severity"], "error", "{f}");
    let build = p.cli(&["--lang", "en"]);
    assert_eq!(exit_code(&build), 1, "{}", stderr(&build));
    assert!(
        stderr(&build).contains(&format!("[{rule}]")),
        "build must report [{rule}]: {}",
        stderr(&build)
    );
    f
}

/// Nothing under `public/` contains `needle`.
fn published_nowhere(p: &Project, needle: &str) {
    for file in files_under(&p.out()) {
        let bytes = fs::read(&file).expect("read");
        assert!(
            !String::from_utf8_lossy(&bytes).contains(needle),
            "{} publishes {needle:?}",
            file.display()
        );
    }
}

/// A file outside the project, holding a secret.
fn secret_outside() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("secret.md");
    fs::write(&path, "KUMIAI-SECRET of the build machine\n").expect("write");
    (dir, path)
}

// ---------------------------------------------------------------------------------------------
// Symbolic links

#[cfg(unix)]
#[test]
fn a_page_file_linked_to_a_file_outside_is_refused_where_it_is_named() {
    let (_outside, secret) = secret_outside();
    let p = project(&with_page_file("storage.md"));
    fs::create_dir_all(p.path().join("unions/u")).expect("folder");
    link(&secret, &p.path().join("unions/u/storage.md"));
    let f = refused(&p, "symlink", "unions/u.toml");
    assert_eq!(
        (f["line"].as_u64(), f["column"].as_u64()),
        (Some(6), Some(8))
    );
    assert!(
        f["message"].as_str().unwrap_or("").contains("outside"),
        "{f}"
    );
    // The link itself is named too.
    let (found, _) = check(&p);
    finding(&found, "symlink", "unions/u/storage.md");
    published_nowhere(&p, "KUMIAI-SECRET");
    assert!(!p.out().join("u").exists());
}

#[cfg(unix)]
#[test]
fn etc_passwd_behind_a_link_is_never_published() {
    let p = project(&with_page_file("storage.md"));
    fs::create_dir_all(p.path().join("unions/u")).expect("folder");
    link(
        Path::new("/etc/passwd"),
        &p.path().join("unions/u/storage.md"),
    );
    refused(&p, "symlink", "unions/u.toml");
    published_nowhere(&p, "root:");
}

#[cfg(unix)]
#[test]
fn a_linked_folder_inside_the_union_folder_is_refused_with_its_files() {
    let outside = tempfile::tempdir().expect("temp dir");
    fs::write(outside.path().join("p.md"), "KUMIAI-SECRET\n").expect("write");
    fs::write(outside.path().join("a.png"), PNG).expect("write");
    let p = project(&with_page_file("docs/p.md"));
    fs::create_dir_all(p.path().join("unions/u")).expect("folder");
    link(outside.path(), &p.path().join("unions/u/docs"));
    refused(&p, "symlink", "unions/u/docs");
    let (found, _) = check(&p);
    let f = finding(&found, "symlink", "unions/u.toml");
    assert_eq!(f["line"], 6);
    published_nowhere(&p, "KUMIAI-SECRET");
    assert!(!p.out().join("u/files/docs/a.png").exists());
}

#[cfg(unix)]
#[test]
fn a_union_folder_that_is_a_link_is_refused() {
    let outside = tempfile::tempdir().expect("temp dir");
    fs::write(outside.path().join("p.md"), "KUMIAI-SECRET\n").expect("write");
    let p = project(&with_page_file("p.md"));
    link(outside.path(), &p.path().join("unions/u"));
    refused(&p, "symlink", "unions/u");
    published_nowhere(&p, "KUMIAI-SECRET");
}

#[cfg(unix)]
#[test]
fn dangling_and_looping_links_are_diagnostics() {
    let p = project(UNION);
    fs::create_dir_all(p.path().join("unions/u")).expect("folder");
    link(
        Path::new("gone.png"),
        &p.path().join("unions/u/dangling.png"),
    );
    link(Path::new("loop.png"), &p.path().join("unions/u/loop.png"));
    let f = refused(&p, "symlink", "unions/u/dangling.png");
    assert!(
        f["message"].as_str().unwrap_or("").contains("nothing"),
        "{f}"
    );
    let (found, _) = check(&p);
    let f = finding(&found, "symlink", "unions/u/loop.png");
    assert!(f["message"].as_str().unwrap_or("").contains("loop"), "{f}");
}

#[cfg(unix)]
#[test]
fn an_override_linked_from_outside_unions_is_refused_and_one_inside_is_read() {
    let outside = tempfile::tempdir().expect("temp dir");
    let theirs = outside.path().join("theirs.toml");
    fs::write(&theirs, "[union]\nname = \"KUMIAI-SECRET\"\n").expect("write");
    let p = project(UNION);
    link(&theirs, &p.path().join("unions/stolen.toml"));
    refused(&p, "symlink", "unions/stolen.toml");
    published_nowhere(&p, "KUMIAI-SECRET");
    assert!(p.out().join("u/index.html").is_file(), "u still builds");

    // A link that stays inside unions/ is an ordinary override.
    fs::remove_file(p.path().join("unions/stolen.toml")).expect("remove");
    link(Path::new("u.toml"), &p.path().join("unions/alias.toml"));
    let (found, code) = check(&p);
    assert_eq!(code, 0, "{found:#?}");
    assert_eq!(exit_code(&p.cli(&[])), 0);
    assert!(p.out().join("alias/index.html").is_file());
}

#[cfg(unix)]
#[test]
fn a_dangling_link_in_unions_is_a_diagnostic() {
    let p = project(UNION);
    link(
        Path::new("nowhere.toml"),
        &p.path().join("unions/gone.toml"),
    );
    refused(&p, "symlink", "unions/gone.toml");
    assert!(p.out().join("u/index.html").is_file(), "u still builds");
}

// ---------------------------------------------------------------------------------------------
// Asset types

#[test]
fn pictures_and_pdfs_are_published_by_content() {
    let p = project(UNION);
    put(&p, "unions/u/map.png", PNG);
    put(&p, "unions/u/photos/office.JPG", JPEG);
    put(
        &p,
        "unions/u/form.pdf",
        b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n",
    );
    put(
        &p,
        "unions/u/地図.webp",
        b"RIFF\x10\0\0\0WEBPVP8 \x04\0\0\0",
    );
    put(&p, "unions/u/page.md", b"# not copied\n");
    let (found, code) = check(&p);
    assert_eq!(code, 0, "{found:#?}");
    assert_eq!(exit_code(&p.cli(&[])), 0);
    let files = p.out().join("u/files");
    assert_eq!(fs::read(files.join("map.png")).expect("map.png"), PNG);
    assert!(files.join("photos/office.JPG").is_file());
    assert!(files.join("form.pdf").is_file());
    assert!(files.join("地図.webp").is_file());
    assert!(!files.join("page.md").exists());
}

#[test]
fn html_script_and_svg_are_refused_and_named() {
    for (name, bytes) in [
        ("notice.html", &b"<script>alert(1)</script>"[..]),
        ("n.js", b"alert(document.cookie)"),
        (
            "logo.svg",
            b"<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>",
        ),
        ("notes.txt", b"hello"),
        ("no-extension", b"hello"),
    ] {
        let p = project(UNION);
        put(&p, &format!("unions/u/{name}"), bytes);
        let f = refused(&p, "asset-type", &format!("unions/u/{name}"));
        let message = f["message"].as_str().unwrap_or("");
        assert!(
            message.contains("PNG") && message.contains("PDF"),
            "says what is allowed: {f}"
        );
        assert!(f["suggestion"].is_string(), "{f}");
        assert!(
            !p.out().join("u").exists(),
            "{name}: the union is not published"
        );
    }
}

#[test]
fn a_png_that_is_really_a_page_is_refused() {
    let p = project(UNION);
    put(
        &p,
        "unions/u/photo.png",
        b"<!DOCTYPE html><script>alert(1)</script>",
    );
    let f = refused(&p, "asset-type", "unions/u/photo.png");
    assert!(f["message"].as_str().unwrap_or("").contains("HTML"), "{f}");
    // A real PNG header followed by a page is refused too: it is both.
    let p = project(UNION);
    let mut both = PNG.to_vec();
    both.extend_from_slice(b"<html><script>alert(1)</script>");
    put(&p, "unions/u/photo.png", &both);
    refused(&p, "asset-type", "unions/u/photo.png");
    // A PDF that runs script.
    let p = project(UNION);
    put(
        &p,
        "unions/u/form.pdf",
        b"%PDF-1.4\n<< /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>",
    );
    refused(&p, "asset-type", "unions/u/form.pdf");
}

#[test]
fn a_jpeg_named_png_gets_the_right_name_suggested() {
    let p = project(UNION);
    put(&p, "unions/u/photo.png", JPEG);
    let f = refused(&p, "asset-type", "unions/u/photo.png");
    assert!(
        f["suggestion"].as_str().unwrap_or("").contains("photo.jpg"),
        "{f}"
    );
}

#[cfg(unix)]
#[test]
fn odd_file_names_are_refused() {
    for name in [
        "a\nb.png",
        ".hidden.png",
        "my map.png",
        "a#1.png",
        "a\u{202E}gnp.png",
    ] {
        let p = project(UNION);
        put(&p, &format!("unions/u/{name}"), PNG);
        let f = refused(&p, "file-name", &format!("unions/u/{name}"));
        assert!(
            f["suggestion"].as_str().unwrap_or("").contains("rename"),
            "{f}"
        );
    }
}

#[test]
fn a_refused_file_keeps_the_last_good_site() {
    let p = project(UNION);
    put(&p, "unions/u/map.png", PNG);
    assert_eq!(exit_code(&p.cli(&[])), 0);
    let before = snapshot(&p.out().join("u"));
    put(&p, "unions/u/evil.js", b"alert(1)");
    // A change of the union's file too (its pages would change), with the refused file beside it.
    p.union(
        "u",
        &UNION.replace(
            "\", representative",
            "\", self_name = \"新しい名前\", representative",
        ),
    );
    let build = p.cli(&["--lang", "en"]);
    assert_eq!(exit_code(&build), 1);
    assert!(stderr(&build).contains("evil.js"), "{}", stderr(&build));
    assert_eq!(
        snapshot(&p.out().join("u")),
        before,
        "the old site stays as it was"
    );
}

// ---------------------------------------------------------------------------------------------
// Slugs and the unions/ folder

#[test]
fn reserved_slugs_are_refused_by_check_and_build() {
    for slug in [
        "assets",
        "files",
        "contractors",
        "unions",
        "index",
        "con",
        "nul",
        "com1",
        "lpt9",
    ] {
        let p = project(UNION);
        p.union(slug, UNION);
        let f = refused(&p, "slug", &format!("unions/{slug}.toml"));
        assert!(
            f["message"].as_str().unwrap_or("").contains("cannot name"),
            "{f}"
        );
        assert!(
            f["suggestion"].as_str().unwrap_or("").contains("rename"),
            "{f}"
        );
        assert!(
            p.out().join("u/index.html").is_file(),
            "{slug}: u still builds"
        );
    }
    // `kumiai new` refuses them too.
    let p = Project::new();
    let out = run_kumiai(p.path(), &["new", "assets", "--name", "組合"]);
    assert_ne!(exit_code(&out), 0);
    assert!(!p.path().join("unions/assets.toml").exists());
}

#[test]
fn an_overlong_slug_is_refused_by_check_and_build_alike() {
    let long = "a".repeat(250);
    let p = project(UNION);
    p.union(&long, UNION);
    let f = refused(&p, "slug", &format!("{long}.toml"));
    assert!(f["message"].as_str().unwrap_or("").contains("64"), "{f}");
    let build = p.cli(&["--lang", "en"]);
    assert!(!stderr(&build).contains("too long"), "{}", stderr(&build));
    let ok = "a".repeat(64);
    let p = project(UNION);
    p.union(&ok, UNION);
    assert_eq!(exit_code(&p.cli(&[])), 0);
}

#[test]
fn an_upper_case_extension_is_not_read_silently() {
    let p = project(UNION);
    put(&p, "unions/x.TOML", UNION.as_bytes());
    let f = refused(&p, "file-name", "unions/x.TOML");
    assert!(
        f["suggestion"].as_str().unwrap_or("").contains("x.toml"),
        "{f}"
    );
    assert!(p.out().join("u/index.html").is_file());
    put(&p, "unions/notepad.toml.txt", UNION.as_bytes());
    let (found, _) = check(&p);
    finding(&found, "file-name", "unions/notepad.toml.txt");
}

#[test]
fn a_folder_named_like_an_override_is_not_read_silently() {
    let p = project(UNION);
    fs::create_dir_all(p.path().join("unions/x.toml")).expect("folder");
    let f = refused(&p, "file-name", "unions/x.toml");
    assert!(
        f["message"].as_str().unwrap_or("").contains("folder"),
        "{f}"
    );
    assert!(p.out().join("u/index.html").is_file());
}

#[cfg(unix)]
#[test]
fn a_link_added_after_a_good_build_is_not_taken_for_an_unchanged_union() {
    let (_outside, secret) = secret_outside();
    let p = project(UNION);
    put(&p, "unions/u/map.png", PNG);
    assert_eq!(exit_code(&p.cli(&[])), 0);
    link(&secret, &p.path().join("unions/u/notes.md"));
    let build = p.cli(&["--lang", "en"]);
    assert_eq!(exit_code(&build), 1, "{}", stderr(&build));
    assert!(stderr(&build).contains("[symlink]"), "{}", stderr(&build));
}
