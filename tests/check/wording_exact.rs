//! The exact wording lint (issue 13): `old-article` from the table of renumbered articles, the
//! `window-not-shown` family, the sourced typo list, and `consent-mark-text`; the false
//! positives the issue names are tested not to come back.

use super::*;

/// A complete union with one page of its own whose body is `body`.
fn page(body: &str) -> String {
    clean(&format!(
        "[[new_page]]\nid = \"notes\"\ntitle = \"個人情報の取扱い\"\nbody = \"\"\"\n{body}\n\"\"\"\n"
    ))
}

#[test]
fn old_article_not_on_current_citations() {
    // Both were flagged before: 第27条 near 公表, 第33条 near 手数料.
    for body in [
        "共同利用する場合は、個人情報保護法第27条第5項第3号に定める事項をあらかじめ公表します。",
        "保有個人データの開示（個人情報保護法第33条）の請求には、手数料はかかりません。",
        "個人情報保護法第21条第4項各号に定める場合は、利用目的の通知・公表を行いません。",
    ] {
        let (_, _, report) = check_one(&page(body));
        assert_rules(&report, &[]);
    }
}

#[test]
fn old_article_after_the_name_in_brackets_after_同法_and_alone() {
    // (body, the citation the finding is at, what to write) — all missed before.
    let cases = [
        (
            "利用目的は、個人情報保護法（第15条第1項）に基づき、できる限り特定します。",
            "第15条",
            "第17条",
        ),
        (
            "個人情報保護法に従います。ただし、同法第16条第3項各号に該当する場合は、利用目的の達成に必要な範囲を超えて利用することがあります。",
            "第16条",
            "第18条",
        ),
        (
            "健診結果は、第23条第4項第3号に基づき、健康保険組合連合会と共同利用します。",
            "第23条",
            "第27条第5項第3号",
        ),
        (
            "個人情報の保護に関する法律第二十条に基づき、安全管理措置を講じます。",
            "第二十条",
            "第23条",
        ),
        (
            "委託先の監督は、個人情報保護法第22条に基づき行います。",
            "第22条",
            "第25条",
        ),
        (
            "個人情報保護法第35条に基づき、苦情の適切かつ迅速な処理に努めます。",
            "第35条",
            "第40条",
        ),
    ];
    for (body, at, write) in cases {
        let src = page(body);
        let (_, path, report) = check_one(&src);
        assert_rules(&report, &["old-article"]);
        let d = only(&report, "old-article");
        // At the article itself, not at the law's name or 同法.
        assert_finding(d, "old-article", &path, &src, at);
        assert_eq!(d.width, at.chars().count(), "{d}");
        assert_eq!(d.suggestion.as_deref(), Some(&*format!("write {write}")));
        assert!(d.message.contains(at) && d.message.contains(write), "{d}");
    }
}

#[test]
fn old_article_only_for_this_act() {
    for body in [
        "健康保険法第150条及び第23条の規定により、第三者に提供します。",
        "番号法第19条第8号に基づき、第三者に提供します。",
        "健康保険法に定める給付を行います。同法第28条の開示の規定によります。",
        "行政手続における特定の個人を識別するための番号の利用等に関する法律第28条に基づく開示",
        "個人情報保護法施行令第10条の安全管理措置を公表します。",
        // No subject in the sentence: unknown, not flagged.
        "個人情報保護法第23条を参照してください。",
    ] {
        let (_, _, report) = check_one(&page(body));
        assert_rules(&report, &[]);
    }
}

#[test]
fn old_article_twice_in_one_sentence() {
    let body = "個人情報保護法第23条の第三者提供の制限及び第28条の開示を遵守します。";
    let src = page(body);
    let (_, path, report) = check_one(&src);
    assert_rules(&report, &["old-article", "old-article"]);
    let mut at: Vec<(usize, usize)> = of_rule(&report, "old-article")
        .iter()
        .map(|d| {
            assert_eq!(d.file, path);
            (d.line, d.column)
        })
        .collect();
    at.sort();
    assert_eq!(at, [locate(&src, "第23条"), locate(&src, "第28条")]);
}

#[test]
fn window_not_shown_family() {
    // (body, the pointer the finding starts at) — only 「下記窓口」-like words were found before.
    let cases = [
        ("苦情の申出先（下記参照）までご連絡ください。", "下記参照"),
        (
            "ご不明な点は、下記の連絡先にお問い合わせください。",
            "下記の連絡先",
        ),
        ("開示の請求は、以下の窓口で受け付けます。", "以下の窓口"),
        ("ご意見は下記までお問い合わせください。", "下記まで"),
        (
            "下記のとおり、相談窓口を設けています。",
            "下記のとおり、相談窓口",
        ),
    ];
    for (body, pointer) in cases {
        let src = no_window(&format!(
            "[[new_page]]\nid = \"guide\"\ntitle = \"ご案内\"\nbody = \"\"\"\n{body}\n\"\"\"\n"
        ));
        let (_, path, report) = check_one(&src);
        assert_rules(
            &report,
            &["legal-address", "legal-complaints", "window-not-shown"],
        );
        let d = only(&report, "window-not-shown");
        assert_finding(d, "window-not-shown", &path, &src, pointer);
        assert!(d.message.contains(&format!("「{pointer}」")), "{d}");
        assert!(d.message.contains("no window at all"), "{d}");
    }
}

#[test]
fn window_not_shown_not_for_other_pointers() {
    for body in [
        "見本健康保険組合（以下「当組合」という。）は、次のとおり公表します。",
        "利用目的は、下記のとおりです。",
        "利用目的は以下のように定めます。",
    ] {
        let src = no_window(&format!(
            "[[new_page]]\nid = \"guide\"\ntitle = \"ご案内\"\nbody = \"\"\"\n{body}\n\"\"\"\n"
        ));
        let (_, _, report) = check_one(&src);
        assert_rules(&report, &["legal-address", "legal-complaints"]);
    }
}

#[test]
fn every_typo_has_a_source_and_is_found() {
    let base = kumiai::Project::load(&repo_root())
        .expect("the project loads")
        .base;
    let typos = &base.meta.typos;
    assert!(
        (8..=15).contains(&typos.len()),
        "{} typos: a longer, sourced list",
        typos.len()
    );
    for typo in typos {
        assert!(
            !typo.source.trim().is_empty(),
            "{} has no source",
            typo.wrong
        );
        assert_ne!(typo.wrong, typo.right);
        // Unambiguous: the right word never contains the wrong one.
        assert!(!typo.right.contains(&typo.wrong), "{}", typo.wrong);
        let src = page(&format!("{}について", typo.wrong));
        let (_, path, report) = check_one(&src);
        assert_rules(&report, &["known-typo"]);
        let d = only(&report, "known-typo");
        assert_finding(d, "known-typo", &path, &src, &typo.wrong);
        assert_eq!(
            d.suggestion.as_deref(),
            Some(&*format!("write 「{}」", typo.right))
        );
        // The corrected word is not a finding.
        let (_, _, report) = check_one(&page(&format!("{}について", typo.right)));
        assert_rules(&report, &[]);
    }
}

#[test]
fn a_typo_without_a_source_stops_the_base() {
    let p = Project::new();
    p.union("u", &clean(""));
    let base = p.path().join("content").join("base.toml");
    let text = fs::read_to_string(&base).expect("base.toml");
    let typos = text.find("[[typo]]").expect("the base has typos");
    let cut = typos
        + text[typos..]
            .find("source = ")
            .expect("the base's typos have sources");
    let line_end = cut + text[cut..].find('\n').expect("a line");
    fs::write(&base, format!("{}{}", &text[..cut], &text[line_end + 1..])).expect("write");
    let out = p.check_cli(&[]);
    assert_eq!(exit_code(&out), 1, "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("base.toml") && err.contains("source"),
        "names the file and the missing key:\n{err}"
    );
}

#[test]
fn consent_mark_typed_into_an_item_text() {
    let src = clean(
        "[[item]]\nid = \"benefits.external.auto-payment\"\ntext = \"＊高額療養費等の自動払いにおける給与口座（事業主）への支払い\"\n\n[[new_item]]\nid = \"health.external.books\"\ntext = \"機関紙の発送の委託*\"\n",
    );
    let (_, path, report) = check_one(&src);
    assert_rules(&report, &["consent-mark-text", "consent-mark-text"]);
    let found = of_rule(&report, "consent-mark-text");
    let mut at: Vec<(usize, usize)> = found.iter().map(|d| (d.line, d.column)).collect();
    at.sort();
    // At the marks themselves.
    assert_eq!(at, [locate(&src, "＊高額"), locate(&src, "*\"")]);
    for d in &found {
        assert_eq!(d.file, path);
        assert!(d.message.contains("consent = true"), "{d}");
        assert!(d.suggestion_ja.is_some() && d.message_ja.is_some());
    }
    let d = found
        .iter()
        .find(|d| d.message.contains("auto-payment"))
        .expect("the reworded item");
    assert_finding(d, "consent-mark-text", &path, &src, "＊高額");
}

#[test]
fn consent_mark_not_when_the_item_is_marked() {
    let src = clean(
        "[[new_item]]\nid = \"health.external.books\"\ntext = \"機関紙の発送の委託（＊印の項目）\"\nconsent = true\n",
    );
    let (_, _, report) = check_one(&src);
    assert_rules(&report, &[]);
}
