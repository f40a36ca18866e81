//! Several files in one import, each a page of the union's site: the purposes page, a page
//! holding one section of the purposes, a page on 黙示の同意, and a page of the union's own.

use std::fs;

use crate::support::*;

const OSAKA: &str = "大阪サンプル健康保険組合";

/// Seed 001 without its section 7, and section 7 as a page of its own.
fn split_mynumber(text: &str) -> (String, String) {
    let start = text.find("7. 特定個人情報").expect("section 7");
    let end = text.find("8. オンライン資格確認").expect("section 8");
    let purposes = format!("{}{}", &text[..start], &text[end..]);
    let section = text[start..end].replacen("7. 特定個人情報", "", 1);
    let page = format!(
        "特定個人情報の利用目的\n\n当組合は、マイナンバーを含む個人情報を次の目的に限って利用します。\n{section}"
    );
    (purposes, page)
}

const CONSENT: &str = "<html><body><h1>黙示の同意について</h1>\
<p>当組合は、次の項目について黙示による包括的な同意をいただいたものとして取り扱います。\
同意されない場合は、当組合の窓口へお申し出ください。</p>\
<table><tr><th>項目</th><th>理由</th></tr>\
<tr><td>コラボヘルスの一環である健診結果の事業者への提供</td><td>事業主と共同で健康づくりを進めるため、健診結果を事業主に提供します。</td></tr>\
<tr><td>人間ドック受診者名簿の契約保養所への送付</td><td>受付の確認のため、氏名のみを送付します。</td></tr>\
</table></body></html>";

const STORAGE: &str = "個人情報の保存と廃棄\n\n当組合は、保存期間を過ぎた個人情報を、復元できない方法で速やかに廃棄します。\n";

#[test]
fn each_file_becomes_a_page_of_the_site() {
    let Some(text) = seed("001") else { return };
    let (purposes, mynumber) = split_mynumber(&text);
    let site = Site::new();
    let files = [
        site.input("purposes.txt", purposes.as_bytes()),
        site.input("mynumber.txt", mynumber.as_bytes()),
        site.input("consent.html", CONSENT.as_bytes()),
        site.input("storage.txt", STORAGE.as_bytes()),
    ];
    let refs: Vec<&std::path::Path> = files.iter().map(|p| p.as_path()).collect();
    let out = site.import(&refs, Some(OSAKA));
    let report = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "{report}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    site.build();
    let toml = site.override_text();
    for line in [
        "sections = [\"mynumber\"]",
        "kind = \"consent\"",
        "id = \"storage\"",
        "consent_note = ",
        "text = \"人間ドック受診者名簿の契約保養所への送付\"",
    ] {
        assert!(toml.contains(line), "missing {line:?} in\n{toml}");
    }
    for file in ["mynumber.txt", "consent.html", "storage.txt"] {
        assert!(report.contains(&format!("file {file} → ")), "{report}");
    }
    // The section is not removed from the base: its items keep their ids.
    assert!(!toml.contains("id = \"mynumber\"\nremove = true"), "{toml}");
    let page = |name: &str| fs::read_to_string(site.site_dir().join(name)).expect(name);
    assert!(page("mynumber.html").contains("課税・非課税情報"));
    assert!(!page("purposes.html").contains("課税・非課税情報"));
    let consent = page("consent.html");
    assert!(consent.contains("氏名のみを送付します") && consent.contains("事業主と共同で"));
    assert!(page("storage.html").contains("復元できない方法"));
}

/// Seed 001 with its first group's items numbered, the first explained by bullets under it,
/// as real pages do.
fn explained_item(text: &str) -> String {
    let first = "- ・被保険者資格の確認、被扶養者の認定並びに健康保険被保険者証の発行管理\n\
                 - ・保険給付及び付加給付の実施\n- ・番号法に定める利用事務";
    assert!(text.contains(first), "seed 001 changed");
    text.replacen(
        first,
        "①被保険者資格の確認、被扶養者の認定並びに健康保険被保険者証の発行管理\n\
         - ・資格取得届に基づき、被保険者の資格を確認します\n\
         - ・被扶養者の認定基準に沿って審査します\n\
         ②保険給付及び付加給付の実施\n③番号法に定める利用事務",
        1,
    )
}

#[test]
fn bullets_under_an_item_are_its_markdown_text() {
    let Some(text) = seed("001") else { return };
    let (site, report) = imported("p.txt", explained_item(&text).as_bytes(), Some(OSAKA));
    // The bullets are the item's, not items of their own: the seed's counts are unchanged.
    assert!(
        report.contains("39 matched") && report.contains("2 added"),
        "{report}"
    );
    assert!(
        report.contains("items with bullets explaining them: 1"),
        "{report}"
    );
    let toml = site.override_text();
    let at = toml
        .find("id = \"benefits.internal.eligibility\"")
        .expect("the item keeps its base id");
    assert!(
        toml[at..].contains(
            "発行管理\\n\\n- 資格取得届に基づき、被保険者の資格を確認します\\n- 被扶養者"
        ),
        "{toml}"
    );
    let page = fs::read_to_string(site.site_dir().join("purposes.html")).expect("purposes");
    assert!(
        page.contains("<li>資格取得届に基づき、被保険者の資格を確認します</li>"),
        "{page}"
    );
}
