//! The member pages at federation scale (issue 18, item 5), through the CLI on temp projects
//! with the default theme: contractor phones as `tel:` links, the compact navigation, the
//! last-updated date on every page and on print, the union's website and logo in the header,
//! its own published address, the table layout's intro and headers, and `check`'s note on a
//! project without `base_url`.

mod common;

use std::fs;

use common::*;

/// The smallest PNG kumiai's folder rules accept (told by its first bytes).
const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0";

fn project() -> Project {
    let p = Project::new();
    p.use_default_theme();
    p
}

fn build_ok(p: &Project) {
    let out = run_kumiai(p.path(), &["build"]);
    assert!(out.status.success(), "build failed:\n{}", stderr(&out));
}

fn pages() -> [&'static str; 7] {
    [
        "index", "purposes", "safety", "requests", "contact", "history", "print",
    ]
}

fn set_base_url(p: &Project, url: &str) {
    let settings = p.path().join("kumiai.toml");
    let text = fs::read_to_string(&settings).expect("kumiai.toml");
    write(&settings, &format!("{text}base_url = \"{url}\"\n"));
}

#[test]
fn contractor_phones_are_tel_links_that_never_break() {
    let p = project();
    p.union(
        "u",
        &union_toml(
            "見本健康保険組合",
            "[contractors.acme]\nname = \"株式会社アクメ\"\nphone = \"06-4560-1050\"\n\
             [contractors.beta]\nname = \"ベータ情報サービス\"\n\
             [[item]]\nid = \"benefits.external.data-processing\"\ncontractors = [\"acme\", \"beta\"]\n",
        ),
    );
    build_ok(&p);
    let html = p.read("u/purposes.html");
    assert!(
        html.contains("（外部委託先は、株式会社アクメ TEL <a class=\"tel\" href=\"tel:0645601050\">06-4560-1050</a>、ベータ情報サービス）"),
        "{html}"
    );
    // The print page shows the same link; the stylesheet keeps the number on one line.
    assert!(p.read("u/print.html").contains("href=\"tel:0645601050\""));
    let css = stylesheet(&p, "u");
    assert!(css.contains(".tel"), "{css}");
    assert!(css.contains("white-space: nowrap") || css.contains("white-space:nowrap"));
}

fn stylesheet(p: &Project, slug: &str) -> String {
    let assets = p.out().join(slug).join("assets");
    let file = fs::read_dir(&assets)
        .expect("assets/")
        .filter_map(Result::ok)
        .find(|e| e.file_name().to_string_lossy().ends_with(".css"))
        .expect("a stylesheet");
    fs::read_to_string(file.path()).expect("css")
}

#[test]
fn every_page_has_short_navigation_labels_and_a_print_link() {
    let p = project();
    p.union("u", &union_toml("見本健康保険組合", ""));
    build_ok(&p);
    for page in ["index", "purposes", "contact"] {
        let html = p.read(&format!("u/{page}.html"));
        for short in [
            "基本方針",
            "利用目的",
            "安全管理",
            "開示請求",
            "苦情・相談",
            "改定履歴",
            "印刷",
        ] {
            assert!(
                html.contains(&format!("<span class=\"nav-short\">{short}</span>")),
                "{page}.html lacks the short label {short}"
            );
        }
        // The full titles stay, for wide screens.
        assert!(html.contains("<span class=\"nav-full\">安全管理措置の内容</span>"));
    }
    // On a phone the short labels replace the titles, without script.
    let css = stylesheet(&p, "u");
    assert!(css.contains(".nav-short"), "{css}");
    assert!(!p.read("u/index.html").contains("<script"));
}

#[test]
fn the_last_update_is_on_every_page_and_on_print_else_the_base_date_said_as_such() {
    let p = project();
    p.union("none", &union_toml("日付なし健康保険組合", ""));
    p.union(
        "published",
        &union_toml(
            "公表健康保険組合",
            "[dates]\neffective = 2005-04-01\npublished = 2024-12-02\n",
        ),
    );
    p.union(
        "revised",
        &union_toml(
            "改定健康保険組合",
            "[dates]\npublished = 2023-04-01\nrevisions = [{ date = 2025-06-01, note = \"改定\" }]\n",
        ),
    );
    p.union(
        "effective",
        &union_toml("施行健康保険組合", "[dates]\neffective = 2005-04-01\n"),
    );
    build_ok(&p);
    let base_date = "令和7年12月2日";
    for (slug, line) in [
        (
            "none",
            format!(
                "最終更新：<time datetime=\"2025-12-02\">{base_date}</time>（もとにした標準文例の改定日）"
            ),
        ),
        (
            "published",
            "最終更新：<time datetime=\"2024-12-02\">令和6年12月2日</time></p>".to_string(),
        ),
        (
            "revised",
            "最終更新：<time datetime=\"2025-06-01\">令和7年6月1日</time></p>".to_string(),
        ),
        (
            "effective",
            "施行日：<time datetime=\"2005-04-01\">平成17年4月1日</time></p>".to_string(),
        ),
    ] {
        for page in pages() {
            let html = p.read(&format!("{slug}/{page}.html"));
            assert!(html.contains(&line), "{slug}/{page}.html lacks {line}");
        }
    }
    let footer = |slug: &str| {
        let print = p.read(&format!("{slug}/print.html"));
        let at = print
            .find("print-date")
            .expect("a date in the print footer");
        print[at..].to_string()
    };
    assert!(footer("none").contains("最終更新：<time datetime=\"2025-12-02\">令和7年12月2日（2025年12月2日）</time>（もとにした標準文例の改定日）"));
    assert!(footer("published").contains("公表：<time datetime=\"2024-12-02\">"));
    assert!(footer("revised").contains("改定：<time datetime=\"2025-06-01\">"));
    assert!(footer("effective").contains("施行：<time datetime=\"2005-04-01\">"));
}

#[test]
fn the_website_and_the_logo_are_in_the_header() {
    let p = project();
    p.union(
        "u",
        &union_toml(
            "見本健康保険組合",
            "website = \"https://www.example-kenpo.or.jp/\"\nlogo = \"img/logo.png\"\nlogo_alt = \"見本健康保険組合のロゴ\"\n",
        ),
    );
    let folder = p.path().join("unions/u/img");
    fs::create_dir_all(&folder).expect("mkdir");
    fs::write(folder.join("logo.png"), PNG).expect("logo");
    build_ok(&p);
    for page in ["index", "purposes", "history"] {
        let html = p.read(&format!("u/{page}.html"));
        let header = &html[html.find("<header").unwrap()..html.find("</header>").unwrap()];
        assert!(
            header.contains("<img class=\"site-logo\" src=\"files/img/logo.png\" alt=\"見本健康保険組合のロゴ\">"),
            "{header}"
        );
        assert!(
            header.contains("<a class=\"site-home\" href=\"https://www.example-kenpo.or.jp/\">組合のホームページ</a>"),
            "{header}"
        );
    }
    assert_eq!(fs::read(p.out().join("u/files/img/logo.png")).unwrap(), PNG);
    // Without them, the header has neither.
    let q = project();
    q.union("v", &union_toml("見本健康保険組合", ""));
    build_ok(&q);
    let html = q.read("v/index.html");
    assert!(!html.contains("site-logo") && !html.contains("site-home"));
}

/// Builds `[union]` + `rest` with a folder holding `files`; the output of `check`.
fn check_with(rest: &str, files: &[(&str, &[u8])], lang: &str) -> String {
    let p = project();
    p.union("u", &union_toml("見本健康保険組合", rest));
    for (name, bytes) in files {
        let path = p.path().join("unions/u").join(name);
        fs::create_dir_all(path.parent().unwrap()).expect("mkdir");
        fs::write(path, bytes).expect("write");
    }
    let out = run_kumiai(p.path(), &["check", "--lang", lang]);
    assert!(!out.status.success(), "check passed:\n{}", stderr(&out));
    stderr(&out)
}

#[test]
fn a_logo_that_cannot_be_shown_is_an_error_at_its_place_in_both_languages() {
    let big = [PNG, &vec![0u8; 600 * 1024][..]].concat();
    let svg: &[u8] = b"<svg xmlns=\"http://www.w3.org/2000/svg\"/>";
    for (rest, files, en, ja) in [
        (
            "logo = \"logo.png\"\n",
            &[("logo.png", PNG)][..],
            "a logo needs `logo_alt`",
            "ロゴには `logo_alt`",
        ),
        (
            "logo_alt = \"ロゴ\"\n",
            &[][..],
            "`logo_alt` is given without `logo`",
            "`logo` がないのに `logo_alt` があります",
        ),
        (
            "logo = \"mark.png\"\nlogo_alt = \"ロゴ\"\n",
            &[("logo.png", PNG)][..],
            "there is no picture `mark.png` in unions/u/",
            "ロゴに使う画像 `mark.png` が unions/u/ にありません",
        ),
        (
            "logo = \"../logo.png\"\nlogo_alt = \"ロゴ\"\n",
            &[][..],
            "must name a file inside unions/u/",
            "unions/u/ の中のファイルを",
        ),
        (
            "logo = \"logo.svg\"\nlogo_alt = \"ロゴ\"\n",
            &[("logo.svg", svg)][..],
            "SVG pictures can carry script",
            "SVG 画像はスクリプトを含められるため",
        ),
        (
            "logo = \"guide.pdf\"\nlogo_alt = \"ロゴ\"\n",
            &[("guide.pdf", b"%PDF-1.4\n" as &[u8])][..],
            "a logo is a PNG, JPEG or WebP picture",
            "ロゴは PNG・JPEG・WebP の画像",
        ),
        (
            "logo = \"logo.png\"\nlogo_alt = \"ロゴ\"\n",
            &[("logo.png", &big[..])][..],
            "a logo may be at most 512 KB",
            "ロゴは 512 KB までです",
        ),
    ] {
        let out = check_with(rest, files, "en");
        assert!(out.contains("[logo]") && out.contains(en), "{rest}: {out}");
        // At the line of the key.
        let key = rest.lines().next().unwrap();
        let line = union_toml("見本健康保険組合", rest)
            .lines()
            .position(|l| l == key)
            .unwrap()
            + 1;
        assert!(
            out.contains(&format!("unions/u.toml:{line}:")),
            "{rest}: not at line {line}: {out}"
        );
        let out = check_with(rest, files, "ja");
        assert!(out.contains(ja), "{rest}: {out}");
    }
}

#[test]
fn published_url_makes_the_unions_links_absolute_under_its_own_domain() {
    let p = project();
    set_base_url(&p, "https://kenpo-fed.example/privacy/");
    p.union(
        "own",
        &union_toml(
            "自前健康保険組合",
            "published_url = \"https://www.own-kenpo.or.jp/kojin\"\n",
        ),
    );
    p.union("fed", &union_toml("連合会掲載健康保険組合", ""));
    build_ok(&p);
    let own = p.read("own/print.html");
    assert!(
        own.contains("URL：<a href=\"https://www.own-kenpo.or.jp/kojin/print.html\">"),
        "{own}"
    );
    assert!(p.read("own/safety.html").contains(
        "<link rel=\"canonical\" href=\"https://www.own-kenpo.or.jp/kojin/safety.html\">"
    ));
    let fed = p.read("fed/print.html");
    assert!(fed.contains("URL：<a href=\"https://kenpo-fed.example/privacy/fed/print.html\">"));
    assert!(p.read("fed/index.html").contains(
        "<link rel=\"canonical\" href=\"https://kenpo-fed.example/privacy/fed/index.html\">"
    ));
    let unions = p.read("unions.json");
    assert!(unions.contains("\"site\":\"https://www.own-kenpo.or.jp/kojin/index.html\""));
    assert!(unions.contains("\"policy\":\"https://www.own-kenpo.or.jp/kojin/policy.json\""));
    assert!(unions.contains("\"site\":\"https://kenpo-fed.example/privacy/fed/index.html\""));
    // The union's open data says where it is published, for the portal.
    assert!(
        p.read("own/policy.json")
            .contains("\"published_url\": \"https://www.own-kenpo.or.jp/kojin/\"")
    );
    assert!(!p.read("fed/policy.json").contains("published_url"));

    // Without any address: relative, and no canonical link.
    let q = project();
    q.union("u", &union_toml("見本健康保険組合", ""));
    build_ok(&q);
    assert!(q.read("u/print.html").contains("URL：u/print.html"));
    assert!(!q.read("u/index.html").contains("canonical"));
}

#[test]
fn a_published_url_that_is_not_a_folder_address_is_an_error() {
    for (value, en, ja) in [
        (
            "https://www.own-kenpo.or.jp/kojin/index.html",
            "names a page",
            "ページを指しています",
        ),
        (
            "https://www.own-kenpo.or.jp/kojin/?lang=ja",
            "has a `?` or `#`",
            "`?` や `#` があります",
        ),
        (
            "www.own-kenpo.or.jp/kojin/",
            "is not a web address starting with https://",
            "https:// で始まるウェブのアドレスではありません",
        ),
    ] {
        let rest = format!("published_url = \"{value}\"\n");
        let out = check_with(&rest, &[], "en");
        assert!(out.contains("[url]") && out.contains(en), "{value}: {out}");
        assert!(out.contains("unions/u.toml:7:"), "{value}: {out}");
        assert!(check_with(&rest, &[], "ja").contains(ja), "{value}");
    }
}

#[test]
fn check_notes_a_project_without_base_url_without_failing_it() {
    let p = project();
    p.union("u", &union_toml("見本健康保険組合", ""));
    let out = run_kumiai(p.path(), &["check", "--deny-warnings"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.starts_with("info: ")
            && err.contains(
                "kumiai.toml: [no-base-url] no base_url is set, and 1 union gives no published_url"
            ),
        "{err}"
    );
    assert!(stdout(&out).contains("0 errors, 0 warnings, 0 acknowledged"));
    let ja = stderr(&run_kumiai(p.path(), &["check", "--lang", "ja"]));
    assert!(
        ja.contains("参考: ") && ja.contains("base_url が設定されておらず"),
        "{ja}"
    );
    assert!(!ja.contains("確認済み: "), "{ja}");

    // Every union publishing on its own domain: nothing to note.
    p.union(
        "u",
        &union_toml(
            "見本健康保険組合",
            "published_url = \"https://www.example-kenpo.or.jp/privacy/\"\n",
        ),
    );
    assert!(!stderr(&run_kumiai(p.path(), &["check"])).contains("no-base-url"));
    // A base_url: nothing to note either.
    p.union("v", &union_toml("別の健康保険組合", ""));
    set_base_url(&p, "https://kenpo-fed.example/");
    assert!(!stderr(&run_kumiai(p.path(), &["check"])).contains("no-base-url"));
}

#[test]
fn the_table_shows_a_sections_heading_before_its_intro_and_keeps_closing_brackets_on_their_line() {
    let p = project();
    p.union(
        "u",
        &union_toml(
            "見本健康保険組合",
            "[presentation]\nlayout = \"table\"\nlabel_style = \"angle\"\n",
        ),
    );
    build_ok(&p);
    let html = p.read("u/purposes.html");
    // The intro's row starts with the section's row header, spanning the intro and the items.
    let intro = html
        .find("<tr class=\"section-intro\" id=\"purpose-mynumber\">")
        .expect("the 特定個人情報 intro row");
    let row = &html[intro..];
    assert!(
        row.starts_with("<tr class=\"section-intro\" id=\"purpose-mynumber\"><th scope=\"row\" rowspan=\"2\">特定個人情報</th><td colspan=\"2\">"),
        "{}",
        &row[..300]
    );
    // Column headers and group labels keep 「…もの＞」 together.
    assert!(
        html.contains("<th scope=\"col\">＜健保組合等の内部での利用に係る事<span class=\"nobr\">例＞</span></th>"),
        "{html}"
    );
    assert!(html.contains("<span class=\"nobr\">例＞</span></p>"));
}
