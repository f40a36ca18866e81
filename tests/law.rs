//! The law judged on what members see (issue 13), through the CLI on copies of the repository's
//! project with its real theme: the publish gate, incomplete unions, the truthful footer, pages
//! that never point at a window that is not there, and the base's current wording.

mod common;

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

use common::{copy_dir, repo_root, stderr, stdout};

/// A copy of the repository's base, theme and settings with the given unions only.
fn project(unions: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for part in ["content", "themes"] {
        copy_dir(&repo_root().join(part), &dir.path().join(part));
    }
    fs::copy(
        repo_root().join("kumiai.toml"),
        dir.path().join("kumiai.toml"),
    )
    .expect("settings");
    fs::create_dir_all(dir.path().join("unions")).expect("unions/");
    for (slug, source) in unions {
        put_union(dir.path(), slug, source);
    }
    dir
}

fn put_union(root: &Path, slug: &str, source: &str) {
    fs::write(root.join("unions").join(format!("{slug}.toml")), source).expect("union");
}

fn kumiai(root: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kumiai"))
        .arg("--root")
        .arg(root)
        .args(["--lang", "en"])
        .args(args)
        .output()
        .expect("run kumiai")
}

fn read(root: &Path, rel: &str) -> String {
    fs::read_to_string(root.join("public").join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

const COMPLETE: &str = r#"[union]
name = "見本健康保険組合"
representative = "理事長 見本 太郎"
postal_code = "100-0001"
address = "東京都千代田区千代田1-1"

[[contacts]]
department = "見本健康保険組合 総務部"
phone = "03-1234-5678"
hours = "9:00～17:00"
"#;

#[test]
fn a_site_never_loses_a_legal_item_it_shows() {
    let dir = project(&[("u", COMPLETE)]);
    let root = dir.path();
    let first = kumiai(root, &["build"]);
    assert!(first.status.success(), "{}", stderr(&first));
    let contact_before = read(root, "u/contact.html");
    assert!(contact_before.contains("03-1234-5678"));

    // The contact page is replaced by a placeholder (and the top page retitled): the
    // published site keeps its windows, the build says why and fails.
    let without_window = format!(
        "{COMPLETE}\n[[page]]\nid = \"contact\"\nbody = \"準備中です。\"\n\n[[page]]\nid = \"index\"\ntitle = \"新しい題名\"\n"
    );
    put_union(root, "u", &without_window);
    let second = kumiai(root, &["build"]);
    assert_eq!(second.status.code(), Some(1));
    let err = stderr(&second);
    assert!(err.contains("[publish-gate]"), "{err}");
    assert!(err.contains("苦情の申出先"), "{err}");
    assert!(err.contains("[legal-complaints]"), "{err}");
    assert_eq!(
        read(root, "u/contact.html"),
        contact_before,
        "the published site is kept"
    );
    assert!(!read(root, "u/index.html").contains("新しい題名"));
}

#[test]
fn an_incomplete_union_is_published_counted_and_fails_the_build_until_acknowledged() {
    let lacking = "[union]\nname = \"新設健康保険組合\"\n";
    let dir = project(&[("u", COMPLETE), ("new", lacking)]);
    let root = dir.path();
    let out = kumiai(root, &["build"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let summary = stdout(&out);
    assert!(
        summary.contains("1 incomplete") && summary.contains("new: 住所・代表者・苦情の申出先"),
        "{summary}"
    );
    // Published all the same (base fixes reach it), and it says nothing false.
    let contact = read(root, "new/contact.html");
    assert!(!contact.contains("次の窓口"), "{contact}");
    assert!(contact.contains("まだ掲載されていません"), "{contact}");
    assert!(read(root, "new/.kumiai-files").contains("missing=address,representative,complaints"));

    let acknowledged = format!(
        "{lacking}\n{}",
        ["legal-address", "legal-representative", "legal-complaints"]
            .iter()
            .map(|r| format!("[[acknowledge]]\nrule = \"{r}\"\nreason = \"設立準備中のため\"\n"))
            .collect::<String>()
    );
    put_union(root, "new", &acknowledged);
    let out = kumiai(root, &["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!stdout(&out).contains("incomplete"), "{}", stdout(&out));
}

#[test]
fn a_theme_that_leaves_the_windows_out_is_caught() {
    let dir = project(&[("u", COMPLETE)]);
    let root = dir.path();
    let partial = root.join("themes/default/templates/partials/contacts.html");
    fs::write(&partial, "<div class=\"prose\">{{ body | safe }}</div>\n").expect("theme");
    let out = kumiai(root, &["check"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("[legal-complaints]"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn the_footer_claims_no_conformity_and_names_a_publisher_only_when_set() {
    let reworded = format!(
        "{COMPLETE}\n[[item]]\nid = \"benefits.internal.eligibility\"\ntext = \"被保険者資格の確認\"\n"
    );
    let dir = project(&[("u", &reworded)]);
    let root = dir.path();
    assert!(kumiai(root, &["build"]).status.success());
    for page in ["index.html", "print.html", "history.html"] {
        let html = read(root, &format!("u/{page}"));
        assert!(!html.contains("準拠"), "{page}");
        // The line that says what the site is built from names no federation by itself.
        let footer = html
            .split("footer-base")
            .nth(1)
            .and_then(|rest| rest.split("</p>").next())
            .unwrap_or_else(|| panic!("{page} says what it is built from"));
        assert!(!footer.contains("連合会"), "{page}: {footer}");
    }
    let index = read(root, "u/index.html");
    assert!(index.contains("をもとに作成しています"), "{index}");
    assert!(index.contains("独自の変更が1件あります"), "{index}");
    // In the union's own digits, as its dates are.
    put_union(
        root,
        "u",
        &format!("{reworded}\n[presentation]\ndigits = \"full\"\n"),
    );
    assert!(kumiai(root, &["build"]).status.success());
    assert!(read(root, "u/index.html").contains("独自の変更が１件あります"));

    let settings = fs::read_to_string(root.join("kumiai.toml")).expect("settings");
    fs::write(
        root.join("kumiai.toml"),
        format!("base_publisher = \"見本連合会\"\n{settings}"),
    )
    .expect("settings");
    assert!(kumiai(root, &["build"]).status.success());
    assert!(read(root, "u/index.html").contains("見本連合会の"));
}

#[test]
fn the_base_is_current_as_of_late_2026() {
    let dir = project(&[("u", COMPLETE)]);
    let root = dir.path();
    assert!(kumiai(root, &["build"]).status.success());
    assert!(read(root, "u/purposes.html").contains("番号法第19条第8号"));
    let requests = read(root, "u/requests.html");
    assert!(
        requests.contains("ご本人が請求した方法"),
        "Art. 33: the person chooses"
    );
    assert!(read(root, "u/history.html").contains("令和7年12月2日"));
}

#[test]
fn old_card_names_are_old_wording_but_the_mynumber_card_is_not() {
    let with = |text: &str| {
        format!("{COMPLETE}\n[[new_item]]\nid = \"benefits.internal.card\"\ntext = \"{text}\"\n")
    };
    for (text, old) in [
        ("保険証の発行", true),
        ("健康保険証の回収", true),
        ("マイナ保険証の利用登録の案内", false),
        ("マイナンバーカードの健康保険証利用の案内", false),
    ] {
        let dir = project(&[("u", &with(text))]);
        let out = kumiai(dir.path(), &["check"]);
        assert_eq!(
            stderr(&out).contains("[old-wording]"),
            old,
            "{text}: {}",
            stderr(&out)
        );
    }
}
