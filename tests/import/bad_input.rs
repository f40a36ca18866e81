//! Bad input is refused with a diagnostic that names the file, the exit code is 1, and nothing
//! is written into `unions/`; an existing union is never overwritten.

use std::fs;
use std::path::Path;

use crate::support::Site;

const POLICY: &str = "個人情報の利用目的\n\n1. 被保険者等に対する保険給付に必要な利用目的\n【健保組合等の内部での利用に係る事例】\n・保険給付及び付加給付の実施\n";

/// Runs the import of `file` and asserts the refusal: exit 1, `rule` and the file's name on
/// stderr, `unions/` left empty.
fn refused(site: &Site, file: &Path, rule: &str) -> String {
    let out = site.import(&[file], Some("見本健康保険組合"));
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    let name = file
        .file_name()
        .expect("name")
        .to_string_lossy()
        .into_owned();
    assert!(stderr.contains(&name), "the file is named: {stderr}");
    assert!(
        stderr.contains(&format!("[{rule}]")) || stderr.contains(rule),
        "rule {rule}: {stderr}"
    );
    let left: Vec<_> = fs::read_dir(site.root().join("unions"))
        .expect("unions/")
        .collect();
    assert!(left.is_empty(), "nothing written: {left:?}");
    stderr
}

#[test]
fn unreadable_file() {
    let site = Site::new();
    let missing = site.root().join("input/nowhere.html");
    refused(&site, &missing, "import");
}

#[test]
fn binary_and_unknown_encodings() {
    let site = Site::new();
    let pdf = site.input("policy.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj");
    assert!(refused(&site, &pdf, "encoding").contains("PDF"));
    let garbage = site.input("policy.txt", &[0x82, 0xA0, 0xFF, 0xFE, 0x80, 0xFF, 0x82]);
    refused(&site, &garbage, "encoding");
    // A page that says it is Shift_JIS but holds bytes that are not.
    let mut lying = b"<meta charset=\"shift_jis\"><p>".to_vec();
    lying.extend_from_slice(&[0x82, 0xFF, 0xFF]);
    refused(&site, &site.input("lying.html", &lying), "encoding");
}

#[test]
fn empty_and_non_policy_pages() {
    let site = Site::new();
    refused(&site, &site.input("empty.html", b"  \n\n"), "import");
    let news = "<html><body><nav>個人情報保護方針</nav><p>健保だより 第12号を発行しました。</p></body></html>";
    refused(&site, &site.input("news.html", news.as_bytes()), "import");
}

#[test]
fn a_page_without_a_name_needs_one() {
    let site = Site::new();
    let file = site.input("p.txt", POLICY.as_bytes());
    let out = site.import(&[&file], None);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--name"));
}

#[test]
fn an_existing_union_is_never_overwritten() {
    let site = Site::new();
    let existing = site.root().join("unions/s.toml");
    fs::write(&existing, "[union]\nname = \"既存健康保険組合\"\n").expect("write");
    let file = site.input("p.txt", POLICY.as_bytes());
    let out = site.import(&[&file], Some("見本健康保険組合"));
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("already exists"));
    assert_eq!(
        fs::read_to_string(&existing).expect("read"),
        "[union]\nname = \"既存健康保険組合\"\n"
    );
}

#[test]
fn a_small_policy_imports_and_says_what_it_lacks() {
    let site = Site::new();
    let file = site.input("p.txt", POLICY.as_bytes());
    let out = site.import(&[&file], Some("見本健康保険組合"));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let toml = site.override_text();
    assert!(toml.contains("id = \"premiums\"\nremove = true"), "{toml}");
    assert!(toml.contains("reason = \"取込元に記載なし・要確認\""));
    site.build();
    assert_eq!(
        site.item_ids(),
        vec!["benefits.internal.payment".to_string()]
    );
}
