//! The portal and the contractor index on the default theme, through the CLI: unions by 50音
//! (with and without `kana`) and by prefecture, the jump index, the search script, the
//! contractor index's order and `tel:` links, and the same bytes from the same input.

mod common;

use std::fs;
use std::process::Command;

use common::*;

/// A union at `address`, with an optional reading, and `rest` after its identity.
fn union_with(name: &str, kana: Option<&str>, address: &str, rest: &str) -> String {
    let kana = kana
        .map(|k| format!("kana = \"{k}\"\n"))
        .unwrap_or_default();
    format!(
        "[union]\nname = \"{name}\"\n{kana}representative = \"理事長 見本 太郎\"\naddress = \"{address}\"\n{rest}\n\n{WINDOW}"
    )
}

fn five_unions(p: &Project) {
    p.use_default_theme();
    p.union(
        "tokyo",
        &union_with(
            "東京機器健康保険組合",
            Some("とうきょうきき"),
            "東京都台東区柳橋1-4-4",
            "",
        ),
    );
    p.union(
        "kinki",
        &union_with(
            "近畿電子産業健康保険組合",
            Some("キンキデンシサンギョウ"),
            "〒530-0001 大阪府大阪市北区梅田1-1",
            "",
        ),
    );
    p.union(
        "gas",
        &union_with("ガス健康保険組合", None, "横浜市西区1-1", ""),
    );
    p.union(
        "aichi",
        &union_with("愛知健康保険組合", None, "千代田区千代田1-1", ""),
    );
    p.union(
        "osaka",
        &union_with("大阪化学健康保険組合", None, "大阪府堺市1-1", ""),
    );
}

/// The part of the page from `id="<id>"` to the end of its group.
fn group<'a>(html: &'a str, id: &str) -> &'a str {
    let start = pos(html, &format!("id=\"{id}\""));
    let end = html[start..]
        .find("</details>")
        .map_or(html.len(), |e| start + e);
    &html[start..end]
}

/// Builds through the CLI into `<project>/<out>`.
fn build_ok(p: &Project, out: &str) {
    let out = p.path().join(out);
    let output = p.cli(&["--output", &out.to_string_lossy()]);
    assert!(output.status.success(), "{}", stderr(&output));
}

#[test]
fn unions_are_grouped_by_reading_and_by_prefecture() {
    let p = Project::new();
    five_unions(&p);
    build_ok(&p, "public");
    let html = p.read("index.html");
    // The data links come before the lists.
    assert!(pos(&html, "href=\"contractors.html\"") < pos(&html, "id=\"by-kana\""));
    assert!(pos(&html, "href=\"unions.json\"") < pos(&html, "id=\"by-kana\""));
    // か行: ガス (a name in kana is its own reading) before キンキ; た行: 東京.
    assert_order(
        group(&html, "kana-ka"),
        &["ガス健康保険組合", "近畿電子産業健康保険組合"],
    );
    assert!(group(&html, "kana-ta").contains("東京機器健康保険組合"));
    // Without a reading: 「読み未登録」, by name, and the page says so.
    let none = group(&html, "kana-none");
    assert_order(none, &["大阪化学健康保険組合", "愛知健康保険組合"]);
    assert!(!none.contains("東京機器"), "{none}");
    assert!(html.contains("「読み未登録」に名称の文字コード順で並べています"));
    assert_order(
        &html,
        &["id=\"kana-ka\"", "id=\"kana-ta\"", "id=\"kana-none\""],
    );
    // By prefecture, in the official order, from the start of the address (a designated city
    // names its prefecture); the others under その他.
    assert_order(
        &html,
        &[
            "id=\"pref-13\"",
            "id=\"pref-14\"",
            "id=\"pref-27\"",
            "id=\"pref-other\"",
        ],
    );
    assert!(group(&html, "pref-13").contains(">東京機器健康保険組合<"));
    assert!(group(&html, "pref-14").contains(">ガス健康保険組合<"));
    assert_order(
        group(&html, "pref-27"),
        &["近畿電子産業健康保険組合", "大阪化学健康保険組合"],
    );
    assert!(group(&html, "pref-other").contains(">愛知健康保険組合<"));
    assert!(html.contains("<h3>大阪府<span class=\"count\">（2）</span></h3>"));

    // Open data carries the reading and the prefecture.
    let unions: serde_json::Value = serde_json::from_str(&p.read("unions.json")).unwrap();
    let kinki = &unions["unions"][2];
    assert_eq!(kinki["slug"], "kinki");
    assert_eq!(kinki["kana"], "キンキデンシサンギョウ");
    assert_eq!(kinki["prefecture"], "大阪府");
    assert_eq!(unions["unions"][0]["prefecture"], serde_json::Value::Null);
    let policy: serde_json::Value = serde_json::from_str(&p.read("kinki/policy.json")).unwrap();
    assert_eq!(policy["union"]["kana"], "キンキデンシサンギョウ");
}

#[test]
fn the_jump_index_points_at_groups_that_exist_and_search_is_a_script_file() {
    let p = Project::new();
    five_unions(&p);
    build_ok(&p, "public");
    let html = p.read("index.html");
    let jumps: Vec<String> = attr_values(&html, "href")
        .into_iter()
        .filter(|h| h.starts_with('#'))
        .collect();
    assert!(jumps.len() >= 7, "{jumps:?}");
    for jump in &jumps {
        assert!(html.contains(&format!("id=\"{}\"", &jump[1..])), "{jump}");
    }
    // The search: a file of the theme (the CSP allows no inline script), and the box is hidden
    // until it runs, so the page without it shows no dead control.
    let scripts = attr_values(&html, "src");
    assert_eq!(scripts.len(), 1, "{scripts:?}");
    assert!(scripts[0].starts_with("assets/portal.") && scripts[0].ends_with(".js"));
    let script = fs::read_to_string(p.out().join(&scripts[0])).expect("the script is written");
    assert!(script.contains("portal-query") && script.contains("data-search"));
    assert_eq!(html.matches("<script").count(), 1);
    assert_eq!(html.matches("<script src=").count(), 1);
    let inline: Vec<String> = inline_code(&html)
        .into_iter()
        .filter(|f| f != "a <script> element")
        .collect();
    assert_eq!(inline, Vec::<String>::new());
    assert!(html.contains("id=\"portal-search\" role=\"search\" hidden"));
    // What the search matches besides the visible text: the reading as hiragana, the slug.
    assert!(html.contains("data-search=\"きんきでんしさんぎょう kinki\""));
    // Five unions: every group open, no tap needed.
    assert!(group(&html, "kana-ka").contains(" open>"));
    assert_eq!(broken_links(&p.out()), Vec::<String>::new());
}

#[test]
fn a_reading_that_is_not_kana_is_an_error_at_its_place() {
    let p = Project::new();
    p.union(
        "bad",
        &union_with("悪い健康保険組合", Some("ワルイ健保"), "東京都", ""),
    );
    let output = Command::new(env!("CARGO_BIN_EXE_kumiai"))
        .args(["--lang", "ja", "--root"])
        .arg(p.path())
        .arg("check")
        .output()
        .expect("run kumiai");
    assert!(!output.status.success());
    let text = stderr(&output) + &stdout(&output);
    assert!(text.contains("unions/bad.toml:3:9"), "{text}");
    assert!(
        text.contains("ひらがなかカタカナだけの読みではありません"),
        "{text}"
    );
    assert!(text.contains("kana = \"きんきでんしさんぎょう\""), "{text}");
}

#[test]
fn contractors_are_indexed_by_50on_and_phones_are_tel_links() {
    let p = Project::new();
    p.use_default_theme();
    let contractors = "[contractors]\n\
        rizap = { name = \"RIZAP（株）\", phone = \"06-6454-7757\" }\n\
        wee = { name = \"ウィーメックス（株）\", phone = \"03-1234-0001\" }\n\
        iris = { name = \"一般財団法人 アイリス\", phone = \"03-1234-0002\" }\n\
        nihon = { name = \"（株）日本システム技術\", phone = \"06-4560-1050\" }\n\n\
        [[item]]\nid = \"health.external.checkup-outsourcing\"\ncontractors = [\"rizap\", \"wee\", \"iris\", \"nihon\"]\n";
    p.union(
        "alpha",
        &union_with("アルファ健康保険組合", None, "東京都", contractors),
    );
    build_ok(&p, "public");
    let html = p.read("contractors.html");
    assert_order(
        &html,
        &[
            "id=\"g-a\"",
            "一般財団法人 アイリス",
            "ウィーメックス（株）",
            "id=\"g-latin\"",
            "RIZAP（株）",
            "id=\"g-other\"",
            "（株）日本システム技術",
        ],
    );
    for id in ["g-a", "g-latin", "g-other"] {
        assert!(html.contains(&format!("href=\"#{id}\"")), "{id}");
    }
    assert!(
        html.contains("<a class=\"tel\" href=\"tel:0645601050\">06-4560-1050</a>"),
        "{html}"
    );
    // The same order in the CSV and JSON.
    let json: serde_json::Value = serde_json::from_str(&p.read("contractors.json")).unwrap();
    let names: Vec<&str> = json["contractors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "一般財団法人 アイリス",
            "ウィーメックス（株）",
            "RIZAP（株）",
            "（株）日本システム技術"
        ]
    );
    let css = p.read(&stylesheet_of(&p.out()));
    assert!(css.contains(".use-phone a"), "phones never break inside");
}

#[test]
fn the_same_unions_give_the_same_bytes() {
    let p = Project::new();
    five_unions(&p);
    build_ok(&p, "a");
    build_ok(&p, "b");
    for file in ["index.html", "contractors.html", "unions.json"] {
        let a = fs::read(p.path().join("a").join(file)).unwrap();
        let b = fs::read(p.path().join("b").join(file)).unwrap();
        assert_eq!(a, b, "{file}");
    }
}

#[test]
fn the_minified_portal_closes_every_group() {
    let p = Project::new();
    five_unions(&p);
    fs::write(
        p.path().join("kumiai.toml"),
        "title = \"テスト用ポータル\"\nminify = true\ntheme = \"default\"\n",
    )
    .unwrap();
    build_ok(&p, "public");
    let html = p.read("index.html");
    for tag in ["section", "details", "ul"] {
        assert_eq!(
            html.matches(&format!("<{tag} ")).count() + html.matches(&format!("<{tag}>")).count(),
            html.matches(&format!("</{tag}>")).count(),
            "<{tag}> in {html}"
        );
    }
    // Three 50音 groups and four prefecture groups.
    assert_eq!(html.matches("<details").count(), 7, "{html}");
}
