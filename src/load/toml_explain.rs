//! The parser's and serde's wording of a TOML problem, turned into a diagnostic that says what is
//! wrong and what to write instead, in English and in Japanese (no English inside the Japanese).

use std::ops::Range;
use std::path::Path;

use super::toml_check::Problem;
use super::toml_syntax::{WithMessage, as_date, at, date_problem, syntax};
use crate::diagnostic::{Diagnostic, did_you_mean, did_you_mean_ja, nearest};

/// One diagnostic per problem; `empty` is the smallest valid document when the file is empty.
pub fn diagnose(
    path: &Path,
    text: &str,
    problems: Vec<Problem>,
    empty: Option<String>,
) -> Vec<Diagnostic> {
    if let Some(smallest) = empty {
        return vec![empty_file(path, &smallest)];
    }
    problems
        .into_iter()
        .map(|p| {
            let d = match &p.span {
                Some(span) => Diagnostic::at(path, text, span.clone(), p.message.clone()),
                None => Diagnostic::file(path, p.message.clone()),
            };
            let span = p.span.clone().unwrap_or(0..0);
            if p.syntax {
                syntax(d, text, span, &p.message)
            } else {
                typed(d, text, span, &p.message)
            }
        })
        .collect()
}

fn empty_file(path: &Path, smallest: &str) -> Diagnostic {
    let shown = smallest.replace('\n', "\n      ");
    Diagnostic::file(path, "the file is empty: nothing is written in it")
        .rule("missing-key")
        .with_suggestion(format!("the smallest valid file is:\n      {shown}"))
        .ja(
            "ファイルが空です（何も書かれていません）",
            Some(format!("最小限の内容は次のとおりです:\n      {shown}")),
        )
}

/// A key or type problem found by the types (serde).
fn typed(d: Diagnostic, text: &str, span: Range<usize>, message: &str) -> Diagnostic {
    let ticked: Vec<String> = message
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect();
    let wanted = ticked.first().map_or("", String::as_str);
    if message.starts_with("unknown field ") {
        let (ja, help, help_ja) = one_of(&ticked, ("keys allowed here are", "項目"));
        return d.rule("unknown-key").with_suggestion(help).ja(
            format!("`{wanted}` という項目はここでは使えません（{ja}）"),
            Some(help_ja),
        );
    }
    if message.starts_with("unknown variant ") {
        let (ja, help, help_ja) = one_of(&ticked, ("values allowed here are", "値"));
        return d.rule("invalid-value").with_suggestion(help).ja(
            format!("`{wanted}` は使えない値です（{ja}）"),
            Some(help_ja),
        );
    }
    if message.starts_with("missing field ") {
        return d
            .rule("missing-key")
            .with_message(format!("the required key `{wanted}` is missing here"))
            .with_suggestion(format!("add `{wanted} = …` to this table"))
            .ja(
                format!("必須の項目 `{wanted}` がありません"),
                Some(format!("この表に `{wanted} = …` を書き加えてください")),
            );
    }
    if message.ends_with("number overflowed") {
        return d
            .rule("wrong-type")
            .with_message("this number is too large".to_string())
            .with_suggestion("write a smaller number, or text in quotes \"…\"")
            .ja(
                "数値が大きすぎます",
                Some("小さい数値にするか、文字なら \"…\" で囲んでください".to_string()),
            );
    }
    let Some(rest) = message.strip_prefix("invalid type: ") else {
        return wrong_shape(d, message);
    };
    let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
    let source = at(text, &span);
    let header = source.trim_start();
    // `[item]` where `[[item]]` is needed, and the reverse.
    if found == "array of tables" || found == "map" && header.starts_with("[[") {
        let name = table_name(header);
        return d
            .rule("wrong-type")
            .with_message(format!(
                "`[[{name}]]` starts a list of tables, but `{name}` is one table"
            ))
            .with_suggestion(format!("write `[{name}]` (one pair of brackets)"))
            .ja(
                format!("`[[{name}]]` は表の配列の見出しですが、`{name}` は表1つです"),
                Some(format!("`[{name}]` と書いてください（角括弧は1組）")),
            );
    }
    if found == "map" && expected == "a sequence" && header.starts_with('[') {
        let name = table_name(header);
        return d
            .rule("wrong-type")
            .with_message(format!(
                "`[{name}]` is one table, but `{name}` is a list of tables"
            ))
            .with_suggestion(format!(
                "write `[[{name}]]` (two pairs of brackets) before each one"
            ))
            .ja(
                format!("`[{name}]` は表1つの見出しですが、`{name}` は表の配列です"),
                Some(format!(
                    "1件ごとに `[[{name}]]` と書いてください（角括弧は2組）"
                )),
            );
    }
    if (expected.contains("datetime") || expected.contains("date") && !expected.contains("table"))
        && let Some(text_value) = found.strip_prefix("string ")
    {
        let value = text_value.trim_matches('"');
        return date_problem(d, value, as_date(value));
    }
    let (found_en, found_ja) = kind(found);
    let (expected_en, expected_ja, help, help_ja) = expectation(expected);
    d.rule("wrong-type")
        .with_message(format!(
            "wrong kind of value: {found_en} where {expected_en} is expected"
        ))
        .with_suggestion(help)
        .ja(
            format!("値の種類が違います（{expected_ja}を書く所に{found_ja}が書かれています）"),
            Some(help_ja),
        )
}

/// serde's other complaints (lengths, shapes): kept in English, a plain Japanese message.
fn wrong_shape(d: Diagnostic, message: &str) -> Diagnostic {
    let message = leak_free(message);
    d.rule("wrong-type")
        .with_message(message)
        .with_suggestion("compare with the example in docs/override.md")
        .ja(
            "値の形が違います",
            Some("docs/override.md の例と見比べてください".to_string()),
        )
}

/// Internal type names (`struct RevisionDoc`, `enum Layout`) said in the user's words.
fn leak_free(message: &str) -> String {
    let mut out = Vec::new();
    let mut words = message.split(' ').peekable();
    while let Some(word) = words.next() {
        if matches!(word, "struct" | "enum") && words.peek().is_some() {
            let name = words.next().unwrap_or_default();
            let tail: String = name
                .chars()
                .skip_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            out.push(format!(
                "{}{tail}",
                if word == "struct" {
                    "a table"
                } else {
                    "one of the allowed values"
                }
            ));
        } else {
            out.push(word.to_string());
        }
    }
    out.join(" ")
}

/// What serde found, in English and Japanese.
fn kind(found: &str) -> (String, String) {
    let (head, value) = found.split_once(' ').unwrap_or((found, ""));
    let value = value.trim_matches('`');
    match head {
        "string" => (format!("the text {value}"), format!("文字列 {value} ")),
        "integer" | "floating" => (
            format!(
                "the number {}",
                value.trim_start_matches("point ").trim_matches('`')
            ),
            "数値".to_string(),
        ),
        "boolean" => (value.to_string(), format!("{value} ")),
        "map" => ("a table".to_string(), "表".to_string()),
        "sequence" => ("a list [ … ]".to_string(), "配列 [ … ] ".to_string()),
        _ if found.contains("date") || found.contains("time") => {
            ("a date".to_string(), "日付".to_string())
        }
        _ => (
            "another kind of value".to_string(),
            "別の種類の値".to_string(),
        ),
    }
}

/// What was expected, in English and Japanese, and what to write.
fn expectation(expected: &str) -> (String, String, String, String) {
    let e = expected.trim();
    let own = |en: &str, ja: &str, help: &str, help_ja: &str| {
        (
            en.to_string(),
            ja.to_string(),
            help.to_string(),
            help_ja.to_string(),
        )
    };
    // The types' own wording (`#[serde(expecting = "a table like `…`")]`) carries an example.
    if let Some(example) = e.strip_prefix("a table like ") {
        let example = example.trim_matches('`');
        return (
            format!("a table like {example}"),
            format!("{example} のような表"),
            format!("write it like {example}"),
            format!("{example} のように書いてください"),
        );
    }
    match e {
        "a string" | "a string key" | "string or table" => own(
            "text in quotes \"…\"",
            "\"…\" で囲んだ文字",
            "put the text in quotes: \"…\"",
            "文字を \"…\" で囲んでください",
        ),
        "a boolean" => own(
            "true or false",
            "true または false ",
            "write true or false, without quotes",
            "true か false を引用符なしで書いてください",
        ),
        "a sequence" => own(
            "a list [ … ]",
            "配列 [ … ] ",
            "write a list: [\"…\", \"…\"]",
            "[\"…\", \"…\"] のように配列で書いてください",
        ),
        "a map" | "a table" => own(
            "a table",
            "表",
            "write a table: [name] on its own line, then key = value lines",
            "[名前] の見出しの後に 項目名 = 値 の行を書いてください",
        ),
        _ if e.starts_with('i') || e.starts_with('u') || e.contains("integer") => own(
            "a whole number",
            "整数",
            "write the number with digits only, without quotes, e.g. 10",
            "10 のように数字だけを引用符なしで書いてください",
        ),
        _ if e.starts_with("struct ") => own(
            "a table",
            "表",
            "write a table: [name] on its own line, then key = value lines",
            "[名前] の見出しの後に 項目名 = 値 の行を書いてください",
        ),
        _ => own(
            "another kind of value",
            "別の種類の値",
            "compare with the example in docs/override.md",
            "docs/override.md の例と見比べてください",
        ),
    }
}

/// For "unknown `x`, expected one of `a`, `b`": the allowed list in Japanese and the suggestion
/// (English, Japanese): the nearest allowed word, or the whole list.
fn one_of(ticked: &[String], (what, what_ja): (&str, &str)) -> (String, String, String) {
    let wanted = ticked.first().map_or("", String::as_str);
    let allowed: Vec<&str> = ticked.iter().skip(1).map(String::as_str).collect();
    let near = nearest(wanted, allowed.iter().copied());
    let list = allowed.join(", ");
    let (en, ja) = (
        format!("the {what}: {list}"),
        format!("使える{what_ja}: {list}"),
    );
    if near.is_empty() {
        (ja.clone(), en, ja)
    } else {
        (ja, did_you_mean(&near), did_you_mean_ja(&near))
    }
}

/// The name in a table header line: `items` in `[[items]]` or `[items]`.
fn table_name(header: &str) -> &str {
    header
        .trim_start_matches('[')
        .split(']')
        .next()
        .unwrap_or("")
        .trim()
}
