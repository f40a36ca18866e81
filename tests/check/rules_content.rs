//! Every lint rule, 2: wording, typos, consent, contractors, windows, articles, eras; where findings are.

use super::*;

#[test]
fn old_wording_in_an_item_shows_the_current_base_text() {
    let old = "被保険者資格の確認、被扶養者の認定並びに健康保険被保険者証の発行管理";
    let src = clean(&format!(
        "[[item]]\nid = \"benefits.internal.eligibility\"\ntext = \"{old}\"\n"
    ));
    let (p, path, report) = check_one(&src);
    assert_rules(&report, &["old-wording"]);
    let d = only(&report, "old-wording");
    // At the start of the item's text (after the quote).
    assert_finding(d, "old-wording", &path, &src, old);
    assert!(d.message.contains("「健康保険被保険者証」"), "{d}");
    assert!(
        d.message
            .contains("「健康保険資格確認書・資格情報のお知らせ」"),
        "{d}"
    );
    let base = kumiai::Project::load(p.path())
        .expect("the project loads")
        .base;
    let current = base
        .policy
        .sections
        .iter()
        .flat_map(|s| &s.groups)
        .flat_map(|g| &g.items)
        .find(|i| i.id == "benefits.internal.eligibility")
        .expect("the base has the item")
        .text
        .clone();
    assert!(!current.contains("健康保険被保険者証"));
    let help = d.suggestion.as_deref().unwrap();
    assert!(
        help.contains(&current) && help.contains("benefits.internal.eligibility"),
        "the help shows the current base text 「{current}」: {help}"
    );
    assert!(d.suggestion_ja.as_deref().unwrap().contains(&current));
}

#[test]
fn stale_override_names_the_change_and_the_new_base_text() {
    // Own wording (not the old base text), written before the base's 2024-12-02 change.
    let own = "被保険者資格の確認及び被扶養者の認定";
    let src = union_with(
        IDENTITY,
        WINDOW,
        &format!("[[item]]\nid = \"benefits.internal.eligibility\"\ntext = \"{own}\"\n"),
    )
    .replace("published = 2024-12-02", "published = 2024-06-01")
    .replace("{ date = 2024-12-02,", "{ date = 2024-06-01,");
    let (_, path, report) = check_one(&src);
    assert_rules(&report, &["stale-override"]);
    let d = only(&report, "stale-override");
    assert_finding(
        d,
        "stale-override",
        &path,
        &src,
        "\"benefits.internal.eligibility\"",
    );
    assert!(
        d.message.contains("2024-12-02") && d.message.contains("2024-06-01"),
        "{d}"
    );
    assert!(
        d.message
            .contains("資格確認書・資格情報のお知らせの発行管理"),
        "{d}"
    );
    assert!(!d.message.contains("old wording"), "{d}");
    let ja = d.message_ja.as_deref().unwrap();
    assert!(
        ja.contains("令和6年12月2日") && ja.contains("令和6年6月1日"),
        "{ja}"
    );
    assert!(
        d.suggestion.as_deref().unwrap().contains("kumiai diff u"),
        "{d}"
    );
}

#[test]
fn old_wording_in_a_page_says_what_to_write() {
    let src = clean(
        "[[new_page]]\nid = \"card\"\ntitle = \"資格確認書について\"\nbody = \"\"\"\n健康保険被保険者証をお持ちください。\n\"\"\"\n",
    );
    let (_, path, report) = check_one(&src);
    assert_rules(&report, &["old-wording"]);
    let d = only(&report, "old-wording");
    assert_finding(d, "old-wording", &path, &src, "健康保険被保険者証をお持ち");
    assert!(
        d.suggestion
            .as_deref()
            .unwrap()
            .contains("「健康保険資格確認書・資格情報のお知らせ」"),
        "{d}"
    );
}

#[test]
fn known_typo() {
    let src = clean("[[section]]\nid = \"claims\"\nshort_title = \"診察報酬の審査・支払\"\n");
    let (p, path, report) = check_one(&src);
    assert_rules(&report, &["known-typo"]);
    let d = only(&report, "known-typo");
    assert_finding(d, "known-typo", &path, &src, "診察報酬");
    assert!(d.message.contains("「診療報酬」"), "{d}");
    assert_eq!(d.suggestion.as_deref(), Some("write 「診療報酬」"));
    assert_eq!(d.width, 4, "the marker covers the four characters");

    // On the command line, as docs/federation.md shows it.
    let (line, column) = locate(&src, "診察報酬");
    let out = p.check_cli(&[]);
    let err = stderr(&out);
    let head = format!(
        "warning: {}:{line}:{column}: [known-typo] 「診察報酬」 looks like a misspelling of 「診療報酬」\n",
        path.display()
    );
    assert!(err.starts_with(&head), "expected\n{head}in\n{err}");
    assert!(
        err.contains(&format!(
            " {line} | short_title = \"診察報酬の審査・支払\"\n"
        )),
        "{err}"
    );
    // Four wide characters: eight cells, after `short_title = "` (15 cells).
    assert!(
        err.contains(&format!("| {}{}\n", " ".repeat(15), "^".repeat(8))),
        "{err}"
    );
    assert!(err.contains("  = help: write 「診療報酬」\n"), "{err}");
}

#[test]
fn known_typo_finds_every_occurrence() {
    let src = clean(
        "[[item]]\nid = \"benefits.external.auto-payment\"\ntext = \"高額療養費等の自動払いにおける給付口座(事業主)への支払い\"\n\n[[section]]\nid = \"claims\"\nshort_title = \"診察報酬の審査・支払\"\ntitle = \"診察報酬の審査・支払に必要な利用目的\"\n",
    );
    let (_, path, report) = check_one(&src);
    assert_rules(&report, &["known-typo", "known-typo", "known-typo"]);
    let typos = of_rule(&report, "known-typo");
    let mut at: Vec<(usize, usize)> = typos.iter().map(|d| (d.line, d.column)).collect();
    at.sort();
    let mut expected = vec![
        locate(&src, "給付口座"),
        locate_nth(&src, "診察報酬", 0),
        locate_nth(&src, "診察報酬", 1),
    ];
    expected.sort();
    assert_eq!(at, expected);
    assert!(typos.iter().all(|d| d.file == path));
    assert!(
        typos
            .iter()
            .any(|d| d.suggestion.as_deref() == Some("write 「給与口座」"))
    );
}

#[test]
fn lint_ignores_toml_comments() {
    let src = clean("# 旧: 診察報酬、健康保険被保険者証、令和1年、下記窓口\n");
    let (_, _, report) = check_one(&src);
    assert_rules(&report, &[]);
}

#[test]
fn consent_legend() {
    // No window at all: no [[contacts]], and no address of the union's to write to.
    let src = union_with(
        &IDENTITY.replacen(ADDRESS, "", 1),
        "",
        "[[item]]\nid = \"benefits.internal.payment\"\nconsent = true\n",
    );
    let (_, path, report) = check_one(&src);
    assert_rules(
        &report,
        &["consent-legend", "legal-address", "legal-complaints"],
    );
    assert_finding(
        only(&report, "consent-legend"),
        "consent-legend",
        &path,
        &src,
        "consent = true",
    );

    // With a window (and the base legend) implied consent is fine.
    let (_, _, report) = check_one(&clean(
        "[[item]]\nid = \"benefits.internal.payment\"\nconsent = true\n",
    ));
    assert_rules(&report, &[]);
}

#[test]
fn contractor_phone_across_full_and_half_width_names() {
    let src = clean(&TWO_CONTRACTORS.replace("PHONE", "06-4560-1051"));
    let (_, path, report) = check_one(&src);
    assert_rules(&report, &["contractor-phone"]);
    let d = only(&report, "contractor-phone");
    assert_finding(d, "contractor-phone", &path, &src, "b-sys =");
    assert!(
        d.message.contains("06-4560-1050") && d.message.contains("06-4560-1051"),
        "{d}"
    );
    assert!(d.message.contains("a-sys") && d.message.contains("b-sys"));
}

#[test]
fn contractor_phone_not_for_one_number_or_two_companies() {
    let same = clean(&TWO_CONTRACTORS.replace("PHONE", "06-4560-1050"));
    let (_, _, report) = check_one(&same);
    assert_rules(&report, &[]);

    let other_company = clean(
        &TWO_CONTRACTORS
            .replace("PHONE", "06-4560-1051")
            .replace("日本システム技術(株)", "日本データ技術(株)"),
    );
    let (_, _, report) = check_one(&other_company);
    assert_rules(&report, &[]);
}

#[test]
fn window_not_shown() {
    let src = clean(
        "[[new_page]]\nid = \"guide\"\ntitle = \"ご案内\"\nbody = \"\"\"\nご不明な点は、下記窓口までお問い合わせください。\n\"\"\"\n",
    );
    let (_, path, report) = check_one(&src);
    assert_rules(&report, &["window-not-shown"]);
    let d = only(&report, "window-not-shown");
    assert_finding(d, "window-not-shown", &path, &src, "下記窓口");
    assert!(d.message.contains("complaints page"), "{d}");

    // With no window at all (no [[contacts]], no address), the message says so.
    let src = union_with(
        &IDENTITY.replacen(ADDRESS, "", 1),
        "",
        "[[new_page]]\nid = \"guide\"\ntitle = \"ご案内\"\nbody = \"\"\"\nご不明な点は、下記窓口までお問い合わせください。\n\"\"\"\n",
    );
    let (_, _, report) = check_one(&src);
    assert_rules(
        &report,
        &["legal-address", "legal-complaints", "window-not-shown"],
    );
    assert!(
        only(&report, "window-not-shown")
            .message
            .contains("no window at all")
    );
}

#[test]
fn window_not_shown_not_on_the_contact_page_above_its_windows() {
    // The contact page prints its intro, then every [[contacts]] window: 「下記窓口」 is right.
    let src = clean(
        "[[page]]\nid = \"contact\"\nintro = \"\"\"\n苦情・お問い合わせは、下記窓口で受け付けています。\n\"\"\"\n",
    );
    let (_, _, report) = check_one(&src);
    assert_rules(&report, &[]);
}

#[test]
fn old_article() {
    let src = clean(
        "[[new_page]]\nid = \"provision\"\ntitle = \"第三者提供\"\nbody = \"\"\"\n当組合は、個人情報保護法第23条に基づき、第三者提供を制限します。\n\"\"\"\n",
    );
    let (_, path, report) = check_one(&src);
    assert_rules(&report, &["old-article"]);
    let d = only(&report, "old-article");
    // At the article itself, not at the law's name.
    assert_finding(d, "old-article", &path, &src, "第23条");
    assert!(d.message.contains("第23条") && d.message.contains("第27条"));
    assert_eq!(d.suggestion.as_deref(), Some("write 第27条"));
}

#[test]
fn old_article_not_on_the_new_number() {
    let src = clean(
        "[[new_page]]\nid = \"provision\"\ntitle = \"第三者提供\"\nbody = \"\"\"\n当組合は、個人情報保護法第27条に基づき、第三者提供を制限します。\n\"\"\"\n",
    );
    let (_, _, report) = check_one(&src);
    assert_rules(&report, &[]);
}

#[test]
fn old_article_with_full_width_digits_and_同法() {
    let src = clean(
        "[[new_page]]\nid = \"provision\"\ntitle = \"第三者提供\"\nbody = \"\"\"\n個人情報保護法に従います。同法第２３条の第三者提供の制限を守ります。\n\"\"\"\n",
    );
    let (_, path, report) = check_one(&src);
    assert_rules(&report, &["old-article"]);
    assert_finding(
        only(&report, "old-article"),
        "old-article",
        &path,
        &src,
        "第２３条",
    );
}

#[test]
fn era_first_year() {
    let src = clean(
        "[[new_page]]\nid = \"news\"\ntitle = \"お知らせ\"\nbody = \"\"\"\n令和10年4月1日に見直す予定です。\n令和元年5月1日に制定しました。\n令和1年10月1日に改定しました。\n\"\"\"\n",
    );
    let (_, path, report) = check_one(&src);
    // Only 令和1年: not 令和10年, not 令和元年.
    assert_rules(&report, &["era-first-year"]);
    let d = only(&report, "era-first-year");
    assert_finding(d, "era-first-year", &path, &src, "令和1年");
    assert_eq!(d.suggestion.as_deref(), Some("write 「令和元年」"));
}

#[test]
fn findings_in_a_markdown_heading_inside_a_toml_body() {
    let src = clean(
        "[[new_page]]\nid = \"news\"\ntitle = \"お知らせ\"\nbody = \"\"\"\n## 令和1年の改定\n\n改定しました。\n\"\"\"\n",
    );
    let (_, path, report) = check_one(&src);
    assert_rules(&report, &["era-first-year"]);
    assert_finding(
        only(&report, "era-first-year"),
        "era-first-year",
        &path,
        &src,
        "令和1年",
    );
}

#[test]
fn findings_in_markdown_page_files_are_located_in_those_files() {
    let src = clean(
        "[[page]]\nid = \"requests\"\nfile = \"requests.md\"\n\n[[new_page]]\nid = \"guide\"\ntitle = \"ご案内\"\nfile = \"guide.md\"\n",
    );
    let requests =
        "# 開示等の請求\n\n{{ wording.fee }}\n\n診察報酬明細書の開示も、この手続で受け付けます。\n";
    let guide = "# 令和1年のお知らせ\n\n詳しくは下記窓口へ。\n";
    let p = Project::new();
    p.union("u", &src);
    let requests_path = p.union_file("u", "requests.md", requests);
    let guide_path = p.union_file("u", "guide.md", guide);
    let report = p.check();
    assert_rules(
        &report,
        // The union's own requests page names no procedure: judged on the page (issue 13).
        &[
            "era-first-year",
            "known-typo",
            "legal-requests",
            "window-not-shown",
        ],
    );
    assert_finding(
        only(&report, "known-typo"),
        "known-typo",
        &requests_path,
        requests,
        "診察報酬",
    );
    assert_eq!(locate(requests, "診察報酬"), (5, 1));
    // A Markdown heading in a .md file is text, not a comment.
    assert_finding(
        only(&report, "era-first-year"),
        "era-first-year",
        &guide_path,
        guide,
        "令和1年",
    );
    assert_finding(
        only(&report, "window-not-shown"),
        "window-not-shown",
        &guide_path,
        guide,
        "下記窓口",
    );

    // The CLI names the Markdown file.
    let out = p.check_cli(&[]);
    assert!(
        stderr(&out).contains(&format!(
            "warning: {}:5:1: [known-typo]",
            requests_path.display()
        )),
        "{}",
        stderr(&out)
    );
}
