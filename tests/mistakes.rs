//! The mistakes union staff really make in their file, each said in Japanese with the file,
//! line and column, and what to write instead. A TOML syntax error stops the parser, so each
//! syntax mistake has a file of its own; the key and type mistakes are reported together from
//! one file, and the mistakes in values (checked after the types) from another.

mod common;

use std::fs;

use common::*;

type Found = JsonFinding;

const HEAD: &str = "[union]\nname = \"見本健康保険組合\"\n";

/// `kumiai check --lang ja --format json` on a project whose only union `mihon` is `source`,
/// and the human output's stderr.
fn check(source: &[u8]) -> (Vec<Found>, String) {
    let p = Project::new();
    fs::write(p.union_path("mihon"), source).expect("write the union");
    let out = p.check_cli(&["--format", "json", "--lang", "ja"]);
    assert_eq!(exit_code(&out), 1, "{}", stderr(&out));
    let found = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    let human = p.check_cli(&["--lang", "ja"]);
    (found, stderr(&human))
}

/// One mistake: its rule, place, words of the message and of the suggestion (what to write).
struct Mistake {
    rule: &'static str,
    at: (usize, usize),
    message: &'static str,
    write: &'static str,
}

fn assert_found(found: &[Found], human: &str, want: &Mistake) {
    let f = found
        .iter()
        .find(|f| f.rule == want.rule && (f.line, f.column) == want.at)
        .unwrap_or_else(|| panic!("no {} at {:?}: {found:#?}", want.rule, want.at));
    assert!(f.file.ends_with("mihon.toml"), "{f:?}");
    assert!(f.message.contains(want.message), "{f:?}");
    let help = f.suggestion.as_deref().unwrap_or_default();
    assert!(help.contains(want.write), "{f:?}");
    assert!(
        japanese_problem(&f.message, f.suggestion.as_deref()).is_none(),
        "{f:?}"
    );
    // People read the same, with the place and the line itself.
    let (line, column) = want.at;
    let place = format!("mihon.toml:{line}:{column}: [{}] ", want.rule);
    assert!(human.contains(&place), "{place} missing:\n{human}");
    assert!(human.contains(&format!("  = ヒント: {help}")), "{human}");
}

/// The syntax mistakes: one file each, one message each.
#[test]
fn each_syntax_mistake_says_what_to_write() {
    let cases: [(&str, Mistake); 6] = [
        (
            // 1. the closing quote forgotten
            "self_name = \"当組合\n",
            Mistake {
                rule: "toml-syntax",
                at: (3, 17),
                message: "文字列が閉じていません",
                write: "同じ行の終わりに `\"` を書いてください",
            },
        ),
        (
            // 2. a full-width ＝ (typed with the Japanese input on)
            "self_name ＝ \"当組合\"\n",
            Mistake {
                rule: "toml-syntax",
                at: (3, 11),
                message: "全角のイコール",
                write: "self_name = \"当組合\"",
            },
        ),
        (
            // 3. curly quotes (a word processor's “ ”)
            "self_name = “当組合”\n",
            Mistake {
                rule: "toml-syntax",
                at: (3, 13),
                message: "全角の引用符",
                write: "self_name = \"当組合\"",
            },
        ),
        (
            // 4. a full-width space before `=`
            "self_name\u{3000}= \"当組合\"\n",
            Mistake {
                rule: "toml-syntax",
                at: (3, 10),
                message: "全角スペース",
                write: "self_name = \"当組合\"",
            },
        ),
        (
            // 5. text without quotes
            "self_name = 当組合\n",
            Mistake {
                rule: "toml-syntax",
                at: (3, 13),
                message: "文字は \"…\" で囲んで書きます",
                write: "self_name = \"当組合\" と書いてください",
            },
        ),
        (
            // 6. a key given twice
            "name = \"別の名前\"\n",
            Mistake {
                rule: "duplicate-key",
                at: (3, 1),
                message: "`name` が二度書かれています（最初は 2 行目）",
                write: "どちらか一方だけ残し",
            },
        ),
    ];
    for (rest, want) in &cases {
        let (found, human) = check(format!("{HEAD}{rest}").as_bytes());
        assert_eq!(found.len(), 1, "{rest}: {found:#?}");
        assert_found(&found, &human, want);
    }
}

/// 7. The file saved in Shift_JIS (Notepad's 「ANSI」) instead of UTF-8.
#[test]
fn a_file_saved_in_shift_jis_is_named_with_how_to_save_it() {
    let text = format!("{HEAD}self_name = \"当組合\"\n");
    let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode(&text);
    let (found, human) = check(&bytes);
    assert_eq!(found.len(), 1, "{found:#?}");
    let f = &found[0];
    assert!(f.message.contains("Shift_JIS"), "{f:?}");
    let help = f.suggestion.as_deref().unwrap_or_default();
    assert!(help.contains("UTF-8"), "{f:?}");
    assert!(
        japanese_problem(&f.message, f.suggestion.as_deref()).is_none(),
        "{f:?}"
    );
    assert!(human.contains("mihon.toml"), "{human}");
}

/// 8–11. A misspelt key, a misspelt table, a date written the Japanese way, a value of the
/// wrong kind: all four from one file.
#[test]
fn key_and_type_mistakes_of_one_file_are_all_said() {
    let source = format!(
        "{HEAD}adress = \"東京都千代田区千代田1-1\"\n\n[dates]\npublished = \"令和6年12月2日\"\n\n[[itme]]\nid = \"benefits.internal.payment\"\nremove = true\n\n[[item]]\nid = \"benefits.internal.payment\"\nconsent = \"はい\"\n"
    );
    let (found, human) = check(source.as_bytes());
    let wants = [
        Mistake {
            rule: "unknown-key",
            at: (3, 1),
            message: "`adress` という項目はここでは使えません",
            write: "もしかして `address` ですか？",
        },
        Mistake {
            rule: "date",
            at: (6, 13),
            message: "令和6年12月2日 は TOML の日付の書き方ではありません",
            write: "`2024-12-02` と書いてください（引用符なし）",
        },
        Mistake {
            rule: "unknown-key",
            at: (8, 3),
            message: "`itme` という項目はここでは使えません",
            write: "もしかして `item` ですか？",
        },
        Mistake {
            rule: "wrong-type",
            at: (14, 11),
            message: "true または false を書く所に文字列 \"はい\" が書かれています",
            write: "true か false を引用符なしで書いてください",
        },
    ];
    assert_eq!(found.len(), wants.len(), "{found:#?}");
    for want in &wants {
        assert_found(&found, &human, want);
    }
}

/// 12–14. An item id with a typo, a phone number in full-width, a website without https://:
/// all three from one file.
#[test]
fn value_mistakes_of_one_file_are_all_said() {
    let source = format!(
        "{HEAD}website = \"www.example.or.jp\"\n\n[[contacts]]\ndepartment = \"総務部\"\nphone = \"０３－１２３４－５６７８\"\n\n[[item]]\nid = \"benefits.internal.eligibilty\"\ntext = \"資格の確認\"\n"
    );
    let (found, human) = check(source.as_bytes());
    let wants = [
        Mistake {
            rule: "url",
            at: (3, 12),
            message: "https:// で始まるウェブのアドレスではありません",
            write: "`https://www.example.or.jp` のように",
        },
        Mistake {
            rule: "phone",
            at: (7, 10),
            message: "03-3866-5051 の形の電話番号ではありません",
            write: "`03-1234-5678` と半角で書いてください",
        },
        Mistake {
            rule: "unknown-reference",
            at: (10, 6),
            message: "`benefits.internal.eligibilty` という項目はありません",
            write: "もしかして `benefits.internal.eligibility` ですか？",
        },
    ];
    assert_eq!(found.len(), wants.len(), "{found:#?}");
    for want in &wants {
        assert_found(&found, &human, want);
    }
}

#[test]
fn english_sentences_are_told_from_japanese() {
    assert!(not_japanese("`nmae` という項目はここでは使えません").is_none());
    assert!(not_japanese("name = \"○○健康保険組合\" のように書いてください").is_none());
    assert!(not_japanese("使える値: http, https, mailto と相対アドレス").is_none());
    assert!(not_japanese("did you mean `x`?").is_some());
    assert!(not_japanese("項目 is not allowed here").is_some());
    assert!(not_japanese("no such item").is_some());
}
