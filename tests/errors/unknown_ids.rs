//! Unknown and duplicate ids, before/after targets and contractors, each with the nearest valid one.

use super::*;

#[test]
fn unknown_item_suggests_the_nearest_item() {
    let d = check(
        "[[item]]\nid = \"benefits.internal.eligibilty\"\ntext = \"新しい文言\"\n",
        Expect::at(
            "\"benefits.internal.eligibilty\"",
            &["no item", "`benefits.internal.eligibilty`"],
            Some("`benefits.internal.eligibility`"),
        ),
    );
    // The nearest id comes first.
    assert!(
        d.suggestion
            .unwrap()
            .starts_with("did you mean `benefits.internal.eligibility`")
    );
    assert_eq!(d.width, "\"benefits.internal.eligibilty\"".len());
}

#[test]
fn unknown_item_in_another_group_suggests_the_same_item_elsewhere() {
    check(
        "[[item]]\nid = \"benefits.external.payment\"\nremove = true\n",
        Expect::at(
            "\"benefits.external.payment\"",
            &["no item"],
            Some("`benefits.internal.payment`"),
        ),
    );
}

#[test]
fn unknown_group_suggests_the_nearest_group() {
    check(
        "[[group]]\nid = \"benefits.internl\"\nlabel = \"内部\"\n",
        Expect::at(
            "\"benefits.internl\"",
            &["no group", "`benefits.internl`"],
            Some("did you mean `benefits.internal`"),
        ),
    );
}

#[test]
fn unknown_section_suggests_the_nearest_section() {
    check(
        "[[section]]\nid = \"benefit\"\ntitle = \"保険給付\"\n",
        Expect::at(
            "\"benefit\"",
            &["no section", "`benefit`"],
            Some("did you mean `benefits`"),
        ),
    );
}

#[test]
fn unknown_before_of_a_new_item_suggests_the_nearest_sibling() {
    check(
        r#"
[[new_item]]
id = "benefits.internal.extra"
text = "独自の利用目的"
before = "benefits.internal.paymnt"
"#,
        Expect::at(
            "\"benefits.internal.paymnt\"",
            &["`benefits.internal.paymnt`"],
            Some("`benefits.internal.payment`"),
        ),
    );
}

#[test]
fn unknown_after_of_a_new_section_suggests_the_nearest_section() {
    check(
        r#"
[[new_section]]
id = "extra"
title = "独自の区分"
after = "premium"
"#,
        Expect::at(
            "\"premium\"",
            &["no section", "`premium`"],
            Some("`premiums`"),
        ),
    );
}

#[test]
fn unknown_after_of_a_new_group_suggests_the_nearest_group() {
    check(
        r#"
[[new_group]]
id = "claims.extra"
kind = "other"
after = "claims.externl"
"#,
        Expect::at(
            "\"claims.externl\"",
            &["`claims.externl`"],
            Some("`claims.external`"),
        ),
    );
}

#[test]
fn unknown_after_of_a_new_page_suggests_the_nearest_page() {
    check(
        r#"
[[new_page]]
id = "storage"
title = "保存期間"
body = "5年"
after = "purpose"
"#,
        Expect::at("\"purpose\"", &["no page", "`purpose`"], Some("`purposes`")),
    );
}

#[test]
fn new_item_into_a_missing_group_suggests_the_nearest_group() {
    check(
        "[[new_item]]\nid = \"benefits.internl.extra\"\ntext = \"独自の利用目的\"\n",
        Expect::at(
            "\"benefits.internl.extra\"",
            &["no group `benefits.internl`"],
            Some("did you mean `benefits.internal`"),
        ),
    );
}

#[test]
fn duplicate_new_item_is_reported_at_the_second_one() {
    let rest = r#"
[[new_item]]
id = "benefits.internal.extra"
text = "独自の利用目的"

[[new_item]]
id = "benefits.internal.extra"
text = "もう一つの利用目的"
"#;
    check(
        rest,
        Expect {
            at: "\"benefits.internal.extra\"",
            nth: 1,
            shift: 0,
            message: &["`benefits.internal.extra` already exists"],
            suggestion: Some("[[item]]"),
        },
    );
}

#[test]
fn new_item_with_a_base_id_is_a_duplicate() {
    check(
        "[[new_item]]\nid = \"benefits.internal.payment\"\ntext = \"重複\"\n",
        Expect::at(
            "\"benefits.internal.payment\"",
            &["already exists"],
            Some("use [[item]] to change an existing item"),
        ),
    );
}

#[test]
fn unknown_contractor_suggests_the_nearest_contractor() {
    check(
        r#"
[contractors.acme]
name = "株式会社アクメ"

[[item]]
id = "benefits.external.data-processing"
contractors = ["acm"]
"#,
        Expect::at(
            "\"acm\"",
            &["no contractor `acm`"],
            Some("did you mean `acme`"),
        ),
    );
}

#[test]
fn contractor_without_any_contractors_says_how_to_define_one() {
    check(
        r#"
[[new_item]]
id = "health.external.app"
text = "アプリの委託"
contractors = ["acme"]
"#,
        Expect::at(
            "\"acme\"",
            &["no contractor `acme`"],
            Some("[contractors.acme]"),
        ),
    );
}
