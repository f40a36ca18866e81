//! The five seeds, each imported into an empty project with no hand edit: the union builds,
//! `check` passes, the site reproduces the seed (fidelity ≥ 0.99), and the structure is what a
//! careful person would write (the hand-written example unions in `unions/` are the answers).

use std::fs;

use crate::support::*;

/// Imports seed `prefix` and checks what every seed must give; returns the site and report.
fn seed_imported(prefix: &str) -> Option<(Site, String, String)> {
    let text = seed(prefix)?;
    let name = SEEDS
        .iter()
        .find(|(p, _)| *p == prefix)
        .and_then(|(_, n)| *n);
    let (site, report) = imported(&format!("{prefix}.txt"), text.as_bytes(), name);
    let ratio = fidelity(&text, &site.site_dir());
    assert!(
        ratio >= 0.99,
        "seed {prefix}: fidelity {ratio:.4}\n{report}"
    );
    official_fidelity(prefix, &site.site_dir());
    let check = site.kumiai(&["check".into(), "--union".into(), "s".into()]);
    assert!(
        check.status.success(),
        "check: {}",
        String::from_utf8_lossy(&check.stdout)
    );
    Some((site, report, text))
}

fn has_no_pages(site: &Site) -> bool {
    !site.root().join("unions/s").exists()
}

#[test]
fn seed_000_table_marks_and_labels_are_structure() {
    let Some((site, report, _)) = seed_imported("000") else {
        return;
    };
    let toml = site.override_text();
    for line in [
        "layout = \"table\"",
        "label_style = \"angle\"",
        "self_name = \"当健保組合\"",
        "published = 2024-12-02",
        "short_title = \"診察報酬の審査・支払\"",
        "internal = \"健保組合等の内部での利用に関するもの\"",
        // Section 7's intro is the base's but for the clause: a value, not pasted prose.
        "mynumber_clause = \"番号法第19条第7号\"",
    ] {
        assert!(toml.contains(line), "missing {line:?} in\n{toml}");
    }
    assert!(
        toml.contains("[[item]]\nid = \"benefits.external.third-party-claim\"\nconsent = true")
    );
    assert!(toml.contains("text = \"第三者行為等に係る傷病原因照会\""));
    assert!(has_no_pages(&site), "no Markdown page");
    assert!(!toml.contains("intro = "), "no prose intro: {toml}");
    assert!(structural_share(&report) >= 0.99, "{report}");
    let ids = site.item_ids();
    assert!(ids.contains(&"claims.review.transfer".to_string()));
    assert!(
        !ids.contains(&"health.internal.facilities".to_string()),
        "removed: the page lacks it"
    );
}

#[test]
fn seed_001_contractors_and_no_markdown() {
    let Some((site, report, _)) = seed_imported("001") else {
        return;
    };
    let toml = site.override_text();
    assert!(has_no_pages(&site), "fully structural: no Markdown page");
    assert!(structural_share(&report) >= 0.99, "{report}");
    assert!(toml.contains("mynumber_clause = \"番号法第 19 条第 7 号\""));
    assert!(toml.contains("name = \"ガリバー・インターナショナル(株)\", phone = \"06-6485-3000\""));
    assert!(toml.contains("contractor_label = \"特定保健指導の外部委託先\""));
    assert!(toml.contains(
        "text = \"被保険者資格の確認、被扶養者の認定並びに健康保険被保険者証の発行管理\""
    ));
    // 日本予防医学協会 with two numbers stays two contractors, as the page gives them.
    assert_eq!(toml.matches("name = \"日本予防医学協会\"").count(), 2);
    let ids = site.item_ids();
    assert_eq!(
        ids.iter().filter(|id| id.contains(".added-")).count(),
        2,
        "{ids:?}"
    );
    assert!(ids.contains(&"mynumber.receive.public-account".to_string()));
}

#[test]
fn seed_002_narrative_chapters_are_sections_of_its_own() {
    let Some((site, report, _)) = seed_imported("002") else {
        return;
    };
    let toml = site.override_text();
    assert!(toml.contains("name = \"近畿電子産業健康保険組合\""));
    assert!(
        has_no_pages(&site),
        "no Markdown page: the chapters are structure"
    );
    assert!(structural_share(&report) >= 0.8, "{report}");
    for line in [
        "[purposes]\nbase = false",
        "section_numbers = \"１\"",
        "id = \"chapter-8\"\ntitle = \"特定個人情報について\"",
        "title = \"その他保健事業の実施について\"",
    ] {
        assert!(toml.contains(line), "missing {line:?} in\n{toml}");
    }
    assert_eq!(toml.matches("[[new_section]]").count(), 8, "{toml}");
    let ids = site.item_ids();
    assert_eq!(ids.len(), 47, "{ids:?}");
    assert!(ids.contains(&"chapter-1.items.13".to_string()), "{ids:?}");
    let page = fs::read_to_string(site.site_dir().join("purposes.html")).expect("purposes.html");
    // A paragraph that qualifies an item (「なお、…」) stays with it.
    assert!(page.contains("<p>なお、開示請求に当たって"), "{page}");
    assert!(
        report.contains("8 chapters written as sections"),
        "{report}"
    );
    for rule in ["legal-address", "legal-representative", "legal-complaints"] {
        assert!(
            toml.contains(&format!(
                "rule = \"{rule}\"\nreason = \"取込元に記載なし・要確認\""
            )),
            "{rule}"
        );
    }
    assert!(
        !toml.contains("legal-purposes"),
        "the chapters publish the purposes"
    );
}

#[test]
fn seed_003_window_website_and_titles() {
    let Some((site, report, _)) = seed_imported("003") else {
        return;
    };
    let toml = site.override_text();
    for line in [
        "name = \"東京機器健康保険組合\"",
        "website = \"https://www.kiki-kenpo.or.jp/\"",
        "department = \"東京機器健康保険組合 総務課\"",
        "postal_code = \"111-0052\"",
        "phone = \"03-3866-5051\"",
        "hours = \"9:00～17:00\"",
        "closed = \"土曜、日曜、祝祭日、当組合創立記念日（5月1日）、年末年始\"",
        "title = \"個人情報保護法に基づく公表事項\"",
        "title = \"2. 安全管理措置の内容\"",
        "rule = \"legal-representative\"",
        "rule = \"legal-fee\"",
    ] {
        assert!(toml.contains(line), "missing {line:?} in\n{toml}");
    }
    assert!(
        !toml.contains("legal-complaints"),
        "the window is on the page"
    );
    assert!(report.contains("contacts[0].phone"), "{report}");
    // The 公表事項 table is structure: one [[data_kind]] per row, its purposes listed.
    assert!(toml.contains("[purposes]\nbase = false"), "{toml}");
    assert_eq!(toml.matches("[[data_kind]]").count(), 17, "{toml}");
    assert!(toml.contains(
        "name = \"第三者行為(交通事故等)に関する情報\"\npurposes = [\"加害者および保険会社に対する求償\"]"
    ));
    assert!(!site.root().join("unions/s/purposes.md").exists());
    assert!(structural_share(&report) >= 0.75, "{report}");
}

#[test]
fn seed_004_dates_digits_and_every_base_id() {
    let Some((site, report, _)) = seed_imported("004") else {
        return;
    };
    let toml = site.override_text();
    for line in [
        "name = \"アコム健康保険組合\"",
        "effective = 2021-09-01",
        "{ date = 2021-10-29, note = \"から改正施行する。\" }",
        "digits = \"full\"",
    ] {
        assert!(toml.contains(line), "missing {line:?} in\n{toml}");
    }
    assert!(has_no_pages(&site), "fully structural: no Markdown page");
    let ids = site.item_ids();
    assert_eq!(ids.len(), 38, "{ids:?}");
    assert!(ids.iter().all(|id| !id.contains(".added-")));
    assert!(
        report.contains("38 matched (1 reworded), 0 moved, 0 in another order, 0 added, 1 removed"),
        "{report}"
    );
}
