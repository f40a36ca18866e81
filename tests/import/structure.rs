//! Constructs of the override taken from variants of the seeds: the union's own identity
//! (個人情報取扱責任者, its TEL/FAX, 各位), numbered items, the other label brackets, labels
//! without brackets and groups without a heading.

use std::fs;

use crate::common::visible;
use crate::support::*;

const OSAKA: &str = "大阪サンプル健康保険組合";

#[test]
fn identity_lines_become_union_values() {
    let Some(text) = seed("004") else { return };
    let variant = format!(
        "加入者各位\n\n{text}\n\nアコム健康保険組合\n〒160-0023 東京都新宿区西新宿1-1-1\n\
         TEL 03-1234-5670　FAX 03-1234-5679\n個人情報取扱責任者：総務部長 山田 一郎\n"
    );
    let (site, report) = imported("p.txt", variant.as_bytes(), None);
    let toml = site.override_text();
    for line in [
        "privacy_officer = \"総務部長 山田 一郎\"",
        "phone = \"03-1234-5670\"",
        "fax = \"03-1234-5679\"",
        "letterhead = \"加入者各位\"",
        "postal_code = \"160-0023\"",
    ] {
        assert!(toml.contains(line), "missing {line:?} in\n{toml}");
    }
    assert!(!toml.contains("[[contacts]]"), "not a window: {toml}");
    assert!(report.contains("union.privacy_officer"), "{report}");
    let index = fs::read_to_string(site.site_dir().join("index.html")).expect("index.html");
    assert!(index.contains("加入者各位") && index.contains("03-1234-5679"));
    assert!(fidelity(&variant, &site.site_dir()) >= 0.99);
}

/// Seed 001 with each group's items numbered ①, ②… on lines of their own (no bullets).
fn numbered_items(text: &str) -> String {
    let mut n = 0;
    text.lines()
        .map(|line| match line.strip_prefix("- ・") {
            Some(rest) => {
                n += 1;
                let mark = char::from_u32('①' as u32 + n - 1).unwrap_or('⑳');
                format!("{mark}{rest}")
            }
            None => {
                if line.starts_with('【') {
                    n = 0;
                }
                line.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn numbered_items_and_round_labels() {
    let Some(text) = seed("001") else { return };
    let variant = numbered_items(&text)
        .replace('【', "（")
        .replace('】', "）");
    let (site, report) = imported("p.txt", variant.as_bytes(), Some(OSAKA));
    let toml = site.override_text();
    assert!(toml.contains("item_numbers = \"①\""), "{toml}");
    assert!(toml.contains("label_style = \"round\""), "{toml}");
    assert!(report.contains("39 matched"), "{report}");
    assert!(fidelity(&variant, &site.site_dir()) >= 0.99, "{report}");
}

#[test]
fn tortoise_and_bare_labels() {
    let Some(text) = seed("001") else { return };
    let tortoise = text.replace('【', "〔").replace('】', "〕");
    let (site, _) = imported("p.txt", tortoise.as_bytes(), Some(OSAKA));
    assert!(site.override_text().contains("label_style = \"tortoise\""));
    let bare = text.replace(['【', '】'], "");
    let (site, report) = imported("p.txt", bare.as_bytes(), Some(OSAKA));
    let toml = site.override_text();
    assert!(toml.contains("label_style = \"none\""), "{toml}");
    assert!(report.contains("39 matched"), "{report}");
    assert!(fidelity(&bare, &site.site_dir()) >= 0.99);
}

#[test]
fn a_group_without_a_heading_gets_an_empty_label() {
    let Some(text) = seed("001") else { return };
    let first =
        "1. 被保険者等に対する保険給付に必要な利用目的\n\n【健保組合等の内部での利用に係る事例】\n";
    assert!(text.contains(first), "seed 001 has the heading");
    let variant = text.replacen(first, "1. 被保険者等に対する保険給付に必要な利用目的\n", 1);
    let (site, report) = imported("p.txt", variant.as_bytes(), Some(OSAKA));
    let toml = site.override_text();
    assert!(
        toml.contains("[[group]]\nid = \"benefits.internal\"\nlabel = \"\""),
        "{toml}"
    );
    assert!(report.contains("39 matched"), "{report}");
    let page = fs::read_to_string(site.site_dir().join("purposes.html")).expect("purposes.html");
    // The seed shows the label six times; the variant dropped one.
    assert_eq!(
        visible(&page)
            .matches("健保組合等の内部での利用に係る事例")
            .count(),
        5
    );
    assert!(fidelity(&variant, &site.site_dir()) >= 0.99);
}
