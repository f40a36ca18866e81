//! Japanese and English messages, and the default from the locale.

use super::*;

/// A union with several findings: no address, a typo, old wording.
fn findings_union() -> String {
    union_with(
        &IDENTITY.replacen(ADDRESS, "", 1),
        WINDOW,
        "[[item]]\nid = \"benefits.internal.eligibility\"\ntext = \"被保険者資格の確認、被扶養者の認定並びに健康保険被保険者証の発行管理\"\n\n[[section]]\nid = \"claims\"\nshort_title = \"診察報酬の審査・支払\"\n",
    )
}

#[test]
fn japanese_messages() {
    let p = Project::new();
    p.union("u", &findings_union());
    let out = p.check_cli(&["--lang", "ja"]);
    // The missing address is an error: the law requires it (issue 13).
    assert_eq!(exit_code(&out), 1);
    assert_eq!(
        summary(&out),
        "1 組合を確認しました: エラー 1 件、警告 2 件、確認済み 0 件"
    );
    let err = stderr(&out);
    assert!(err.contains("警告: "), "{err}");
    assert!(err.contains("ありません"), "{err}");
    assert!(err.contains("古い表現"), "{err}");
    assert!(
        err.contains("組合の住所がトップページに掲載されていません"),
        "{err}"
    );
    assert!(
        err.contains("  = ヒント: 「診療報酬」と書いてください"),
        "{err}"
    );
    assert!(!err.contains("warning:") && !err.contains("help:"), "{err}");

    let out = p.check_cli(&["--lang", "ja", "--format", "json"]);
    for line in stdout(&out).lines() {
        let json: serde_json::Value = serde_json::from_str(line).expect("JSON");
        let message = json["message"].as_str().unwrap();
        assert!(
            !message.contains(" the ") && !message.contains(" is "),
            "Japanese message expected: {message}"
        );
    }
}

#[test]
fn english_messages() {
    let p = Project::new();
    p.union("u", &findings_union());
    let out = p.check_cli(&["--lang", "en"]);
    assert_eq!(exit_code(&out), 1);
    assert_eq!(
        summary(&out),
        "checked 1 union: 1 error, 2 warnings, 0 acknowledged"
    );
    let err = stderr(&out);
    assert!(err.contains("warning: "), "{err}");
    assert!(
        err.contains("the union's address is not published"),
        "{err}"
    );
    assert!(err.contains("is old wording"), "{err}");
    assert!(
        !err.contains("ありません") && !err.contains("警告"),
        "{err}"
    );
}

#[test]
fn the_language_defaults_to_the_locale() {
    let p = Project::new();
    p.union("u", &findings_union());
    let out = run_kumiai_in_locale(p.path(), "ja_JP.UTF-8", &["check"]);
    assert!(
        summary(&out).contains("組合を確認しました"),
        "{}",
        stdout(&out)
    );
    let out = run_kumiai_in_locale(p.path(), "en_US.UTF-8", &["check"]);
    assert!(
        summary(&out).starts_with("checked 1 union"),
        "{}",
        stdout(&out)
    );
    // --lang wins over the locale.
    let out = run_kumiai_in_locale(p.path(), "ja_JP.UTF-8", &["--lang", "en", "check"]);
    assert!(summary(&out).starts_with("checked 1 union"));
}
