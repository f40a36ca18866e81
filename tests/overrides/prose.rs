//! Prose: dates in wareki, the union's own name, the fee statement, contact windows, escapes.

use super::*;

#[test]
fn dates_are_written_in_wareki_with_half_or_full_width_digits() {
    let dates = r#"
[dates]
established = 2019-05-01
effective = 2019-04-30
published = 2024-12-02
revisions = [
  { date = 1989-01-08, note = "制定当初の改定" },
]
"#;
    let p = Project::new();
    p.union("half", &union_toml(NAME, dates));
    p.union(
        "full",
        &union_toml(NAME, &format!("[presentation]\ndigits = \"full\"\n{dates}")),
    );
    p.union("none", &union_toml(NAME, ""));
    let report = p.build();
    for slug in ["half", "full", "none"] {
        assert_built(&report, slug);
    }

    let half = p.read("half/index.html");
    assert!(half.contains("ESTABLISHED 令和元年5月1日"));
    assert!(half.contains("EFFECTIVE 平成31年4月30日"));
    assert!(half.contains("PUBLISHED 令和6年12月2日"));
    assert!(half.contains("REVISION 平成元年1月8日 制定当初の改定"));
    assert!(half.contains("BASE 2025-12-02 令和7年12月2日"));

    let full = p.read("full/index.html");
    assert!(full.contains("ESTABLISHED 令和元年５月１日"));
    assert!(full.contains("EFFECTIVE 平成３１年４月３０日"));
    assert!(full.contains("PUBLISHED 令和６年１２月２日"));
    assert!(full.contains("REVISION 平成元年１月８日 制定当初の改定"));
    assert!(full.contains("BASE 2025-12-02 令和７年１２月２日"));

    let none = p.read("none/index.html");
    assert!(!none.contains("ESTABLISHED"));
    assert!(!none.contains("PUBLISHED"));
}

#[test]
fn date_placeholders_in_prose_use_wareki() {
    let p = project(
        r#"
[dates]
established = 2019-05-01

[[page]]
id = "safety"
body = "制定日：{{ dates.established }}／施行日：{{ dates.effective }}"
"#,
    );
    let html = p.build_page("u", "safety");
    assert!(html.contains("<p>制定日：令和元年5月1日／施行日：（未記載）</p>"));
}

#[test]
fn self_name_is_used_in_prose_and_titles() {
    let p = Project::new();
    // Still inside [union]: a blank line does not end a table.
    p.union("own", &union_toml(NAME, "self_name = \"当健保組合\"\n"));
    p.union("default", &union_toml(NAME, ""));
    let report = p.build();
    assert_built(&report, "own");
    assert_built(&report, "default");

    let own = p.read("own/index.html");
    assert!(own.contains(
        "<title>当健保組合の個人情報保護の取り組みについて | テスト健康保険組合</title>"
    ));
    assert!(own.contains("当健保組合は、加入者（被保険者・被扶養者）のみなさまの個人情報について"));
    assert!(!own.contains("当組合"));
    assert!(
        p.read("own/requests.html")
            .contains("当健保組合所定の請求書により")
    );
    assert!(
        p.read("own/purposes.html")
            .contains("<p>当健保組合は、次の利用目的で")
    );

    let default = p.read("default/index.html");
    assert!(default.contains("当組合は、加入者（被保険者・被扶養者）のみなさまの個人情報について"));
}

#[test]
fn wording_fee_replaces_the_fee_statement() {
    let p = Project::new();
    p.union(
        "paid",
        &union_toml(
            NAME,
            "[wording]\nfee = \"開示の請求には、1件につき300円の手数料がかかります。\"\n",
        ),
    );
    p.union("free", &union_toml(NAME, ""));
    let report = p.build();
    assert_built(&report, "paid");
    assert_built(&report, "free");

    let paid = p.read("paid/requests.html");
    assert!(
        paid.contains(
            "<h2>手数料</h2>\n<p>開示の請求には、1件につき300円の手数料がかかります。</p>"
        )
    );
    assert!(!paid.contains("無料"));
    let free = p.read("free/requests.html");
    assert!(free.contains("<p>開示等の請求にかかる手数料は無料です。</p>"));
}

#[test]
fn contact_windows_are_listed_on_the_contact_page() {
    let p = project(
        r#"
[[contacts]]
department = "テスト健康保険組合 総務課"
postal_code = "100-0001"
address = "東京都千代田区千代田1-1"
phone = "03-1234-5678"
hours = "9:00～17:00"
closed = "土曜、日曜"

[[contacts]]
department = "テスト健康保険組合 大阪分室"
"#,
    );
    let html = p.build_page("u", "contact");
    assert_order(
        &html,
        &[
            "DEPT テスト健康保険組合 総務課",
            "POSTAL 〒100-0001 東京都千代田区千代田1-1",
            "TEL 03-1234-5678",
            "HOURS 9:00～17:00（土曜、日曜を除く）",
            "DEPT テスト健康保険組合 大阪分室",
        ],
    );
    // Only the contact page lists them.
    assert!(!p.read("u/index.html").contains("DEPT "));
}

#[test]
fn escaped_placeholders_are_written_literally() {
    let p = project(
        "[[page]]\nid = \"safety\"\nbody = \"書式は \\\\{{ union.name }} です：{{ union.name }}\"\n",
    );
    let html = p.build_page("u", "safety");
    assert!(
        html.contains(&format!("<p>書式は {{{{ union.name }}}} です：{NAME}</p>")),
        "{html}"
    );
}
