//! TOML syntax problems as the parser words them, in plain words and in Japanese: look-alike
//! characters (curly quotes, full-width spaces and ＝), dates written another way, duplicate keys.

use std::ops::Range;

use chrono::{Datelike, NaiveDate};

use crate::diagnostic::Diagnostic;
use crate::text::wareki;

/// The text of the span, or of its line when the span is empty.
pub(super) fn at<'a>(text: &'a str, span: &Range<usize>) -> &'a str {
    text.get(span.clone()).unwrap_or_default()
}

pub(super) fn line_at(text: &str, at: usize) -> (usize, &str) {
    let at = at.min(text.len());
    let at = (0..=at)
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0);
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    (start, text[start..end].trim_end_matches('\r'))
}

/// Moves the diagnostic to another byte offset (same file), keeping its texts.
pub(super) fn moved(d: Diagnostic, text: &str, span: Range<usize>) -> Diagnostic {
    let place = Diagnostic::at(&d.file, text, span, "");
    Diagnostic {
        line: place.line,
        column: place.column,
        width: place.width,
        source_line: place.source_line,
        ..d
    }
}

/// Full-width and typographic characters outside quoted text on a line: the first one's byte
/// offset in the line and its kind, and the line as it should be written.
fn look_alike(line: &str) -> Option<(usize, char, String)> {
    let mut fixed = String::new();
    let mut first = None;
    let mut quote: Option<char> = None;
    let mut escaped = false;
    // Text opened with a curly quote ends at a curly (or straight) quote.
    let mut curly = false;
    for (i, c) in line.char_indices() {
        if let Some(q) = quote {
            if curly && matches!(c, '“' | '”' | '‘' | '’' | '＂' | '＇') {
                fixed.push(q);
                quote = None;
                continue;
            }
            fixed.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' && q == '"' {
                escaped = true;
            } else if c == q {
                quote = None;
            }
            continue;
        }
        if c == '#' {
            fixed.push_str(&line[i..]);
            break;
        }
        let plain = match c {
            '“' | '”' | '＂' => Some('"'),
            '‘' | '’' | '＇' => Some('\''),
            '\u{3000}' => Some(' '),
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0),
            _ => None,
        };
        match plain {
            Some(p) => {
                first.get_or_insert((i, c));
                fixed.push(p);
                if p == '"' || p == '\'' {
                    quote = Some(p);
                    curly = true;
                }
            }
            None => {
                fixed.push(c);
                if c == '"' || c == '\'' {
                    quote = Some(c);
                    curly = false;
                }
            }
        }
    }
    first.map(|(i, c)| (i, c, fixed))
}

fn look_alike_problem(d: Diagnostic, text: &str, span: &Range<usize>) -> Option<Diagnostic> {
    let (start, line) = line_at(text, span.start);
    let (offset, c, fixed) = look_alike(line)?;
    let at = start + offset;
    let d = moved(d, text, at..at + c.len_utf8());
    let (en, ja) = match c {
        '“' | '”' | '‘' | '’' => (
            format!("`{c}` is a typographic (curly) quote: TOML text is quoted with straight quotes \"…\""),
            format!("`{c}` は全角の引用符（“…” や ‘…’）です。TOML の文字は半角の \"…\" で囲みます"),
        ),
        '\u{3000}' => (
            "a full-width space (U+3000) is written here: TOML separates with ordinary (half-width) spaces".to_string(),
            "全角スペース（U+3000）が書かれています。TOML の区切りは半角スペースです".to_string(),
        ),
        '＝' => (
            "`＝` is a full-width equals sign: keys and values are separated by `=`".to_string(),
            "`＝` は全角のイコールです。項目名と値の間は半角の `=` で区切ります".to_string(),
        ),
        _ => (
            format!("`{c}` is a full-width character: keys, `=`, brackets and quotes are written in half-width (ASCII)"),
            format!("`{c}` は全角文字です。項目名・`=`・括弧・引用符は半角で書きます"),
        ),
    };
    let (help, help_ja) = if fixed.trim().is_empty() {
        (
            "delete the full-width space: the line is empty otherwise".to_string(),
            "この行の全角スペースを消してください（ほかには何も書かれていません）".to_string(),
        )
    } else {
        (
            format!("write the line as: {}", fixed.trim()),
            format!("この行を次のように書いてください: {}", fixed.trim()),
        )
    };
    Some(
        d.rule("toml-syntax")
            .with_suggestion(help)
            .ja(ja, Some(help_ja))
            .with_message(en),
    )
}

pub(super) trait WithMessage {
    /// Replaces the English message.
    fn with_message(self, message: String) -> Self;
}

impl WithMessage for Diagnostic {
    fn with_message(mut self, message: String) -> Self {
        self.message = message;
        self
    }
}

/// A date written some other way, as the TOML date it should be.
pub(super) fn as_date(value: &str) -> Option<NaiveDate> {
    let value = value.trim().trim_matches(['"', '\'', '「', '」', '“', '”']);
    wareki::parse(value)
}

fn iso(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

pub(super) fn date_problem(d: Diagnostic, value: &str, date: Option<NaiveDate>) -> Diagnostic {
    let value = value.trim();
    match date {
        Some(date) => {
            let iso = iso(date);
            d.rule("date")
                .with_message(format!(
                    "{value} is not a TOML date: dates are written year-month-day, without quotes"
                ))
                .with_suggestion(format!("write `{iso}` (without quotes)"))
                .ja(
                    format!("{value} は TOML の日付の書き方ではありません。日付は 年-月-日 の形で、引用符なしで書きます"),
                    Some(format!("`{iso}` と書いてください（引用符なし）")),
                )
        }
        None => d
            .rule("date")
            .with_message(format!(
                "{value} is not a date: dates are written year-month-day, without quotes"
            ))
            .with_suggestion("write the date as YYYY-MM-DD without quotes, e.g. `2024-12-02`")
            .ja(
                format!(
                    "{value} は日付として読めません。日付は 年-月-日 の形で、引用符なしで書きます"
                ),
                Some("`2024-12-02` のように 年-月-日 を引用符なしで書いてください".to_string()),
            ),
    }
}

/// `2024-02-30`: the nearest real day, and how many days the month has.
fn impossible_date(d: Diagnostic, value: &str) -> Diagnostic {
    let parts: Vec<i64> = value
        .get(..10)
        .unwrap_or(value)
        .split('-')
        .filter_map(|p| p.parse().ok())
        .collect();
    let [year, month, day] = parts.as_slice() else {
        return date_problem(d, value, None);
    };
    let (year, month, day) = (
        *year as i32,
        (*month).clamp(1, 12) as u32,
        (*day).max(1) as u32,
    );
    let last = (28..=31)
        .rev()
        .find(|&last| NaiveDate::from_ymd_opt(year, month, last).is_some())
        .unwrap_or(28);
    let Some(near) = NaiveDate::from_ymd_opt(year, month, day.min(last)) else {
        return date_problem(d, value, None);
    };
    let near = iso(near);
    let (en, ja) = if parts[1] < 1 || parts[1] > 12 {
        (
            format!("{value} is not a date of the calendar: a month is 01 to 12"),
            format!("{value} という日は暦にありません（月は 01 から 12 まで）"),
        )
    } else {
        (
            format!(
                "{value} is not a date of the calendar: {year}-{month:02} has days 01 to {last}"
            ),
            format!(
                "{value} という日は暦にありません（{}年{}月は {last} 日まで）",
                near_year(&near),
                month
            ),
        )
    };
    d.rule("date")
        .with_message(en)
        .with_suggestion(format!("write a real date, e.g. `{near}`"))
        .ja(
            ja,
            Some(format!("暦にある日付を書いてください（例: `{near}`）")),
        )
}

fn near_year(iso: &str) -> i32 {
    NaiveDate::parse_from_str(iso, "%Y-%m-%d").map_or(0, |d| d.year())
}

/// A parser (syntax) problem: its wording, in plain words and in Japanese.
pub(super) fn syntax(d: Diagnostic, text: &str, span: Range<usize>, message: &str) -> Diagnostic {
    if let Some(found) = look_alike_problem(d.clone(), text, &span) {
        return found;
    }
    let what = message.split(", expected").next().unwrap_or(message);
    let value = at(text, &span);
    if what == "duplicate key" {
        return duplicate(d, text, &span);
    }
    if what.starts_with("invalid date") || what.starts_with("invalid datetime") {
        return impossible_date(d, value);
    }
    if what == "string values must be quoted" && !value.trim().is_empty() {
        if let Some(date) = as_date(value) {
            return date_problem(d, value, Some(date));
        }
        let key = line_at(text, span.start)
            .1
            .split('=')
            .next()
            .unwrap_or("")
            .trim();
        return d
            .rule("toml-syntax")
            .with_message(format!("text must be in quotes: {value}"))
            .with_suggestion(format!("write {key} = \"{}\"", value.trim()))
            .ja(
                format!("文字は \"…\" で囲んで書きます: {value}"),
                Some(format!("{key} = \"{}\" と書いてください", value.trim())),
            );
    }
    let (en, ja, help, help_ja): (&str, &str, &str, &str) = match what {
        "invalid basic string" | "invalid string" => (
            "this string (text in quotes) is not closed: the closing `\"` is missing",
            "文字列が閉じていません（終わりの `\"` がありません）",
            "end the text with `\"` on the same line; text over several lines goes between `\"\"\"` and `\"\"\"`",
            "同じ行の終わりに `\"` を書いてください。複数行にわたる文は `\"\"\"` と `\"\"\"` の間に書きます",
        ),
        "invalid literal string" => (
            "this string (text in quotes) is not closed: the closing `'` is missing",
            "文字列が閉じていません（終わりの `'` がありません）",
            "end the text with `'` on the same line",
            "同じ行の終わりに `'` を書いてください",
        ),
        "invalid multi-line basic string" | "invalid multi-line literal string" => (
            "this text over several lines is not closed: the closing `\"\"\"` is missing",
            "複数行の文字列が閉じていません（終わりの `\"\"\"` がありません）",
            "end the text with `\"\"\"`",
            "文の終わりに `\"\"\"` を書いてください",
        ),
        "unclosed table" | "invalid table" | "missing table open" => (
            "the table header is not closed: expected `]`",
            "表の見出しが閉じていません（`]` がありません）",
            "write the header on one line, e.g. `[union]`",
            "`[union]` のように見出しを1行で書いてください",
        ),
        "unclosed array table" => (
            "the header of a list of tables is not closed: expected `]]`",
            "表の配列の見出しが閉じていません（`]]` がありません）",
            "write the header on one line, e.g. `[[item]]`",
            "`[[item]]` のように見出しを1行で書いてください",
        ),
        "unclosed array" | "missing array opening" => (
            "this list is not closed: expected `]`",
            "配列（[ … ]）が閉じていません（`]` がありません）",
            "end the list with `]`, its items separated by commas: [\"a\", \"b\"]",
            "配列は [\"a\", \"b\"] のようにコンマで区切り、`]` で閉じてください",
        ),
        "unclosed inline table"
        | "missing inline table opening"
        | "invalid inline table element" => (
            "this inline table is not closed: expected `}`",
            "インラインテーブル（{ … }）が閉じていません（`}` がありません）",
            "write it on one line and end it with `}`: { date = 2024-12-02, note = \"…\" }",
            "{ date = 2024-12-02, note = \"…\" } のように1行で書き、`}` で閉じてください",
        ),
        "key with no value"
        | "missing assignment between key-value pairs"
        | "key-value separator" => (
            "`=` is missing between the key and its value",
            "項目名と値の間に `=` がありません",
            "write key = value, e.g. name = \"…\"",
            "name = \"…\" のように 項目名 = 値 と書いてください",
        ),
        "string values must be quoted" | "missing value for key" | "missing value" => (
            "the value after `=` is missing",
            "`=` の後に値がありません",
            "write the value: text in quotes \"…\", a number, true/false, or a date like 2024-12-02",
            "値を書いてください（文字は \"…\" で囲む、数値・true/false・2024-12-02 のような日付はそのまま）",
        ),
        "invalid unquoted key"
        | "unquoted keys cannot be empty"
        | "invalid key"
        | "missing key for inline table element" => (
            "a key is written with letters, digits, `-` and `_` only",
            "項目名に使えるのは半角の英字・数字・`-`・`_` だけです",
            "check the key against docs/override.md; keys are in half-width (ASCII) letters",
            "docs/override.md の項目名と見比べてください（項目名は半角英字です）",
        ),
        "unexpected key or value"
        | "unexpected content"
        | "unexpected content between comment and newline"
        | "extra assignment between key-value pairs"
        | "extra `=`" => (
            "something else follows the value on this line",
            "値の後に余計なものが書かれています",
            "write one key = value per line; text with spaces goes in quotes",
            "1行に 項目名 = 値 を1つだけ書いてください（空白を含む文は \"…\" で囲みます）",
        ),
        "missing comma between array elements" | "missing comma between key-value pairs" => (
            "a comma `,` is missing between two items",
            "項目の間のコンマ `,` がありません",
            "separate the items with commas: [\"a\", \"b\"]",
            "[\"a\", \"b\"] のようにコンマで区切ってください",
        ),
        "extra comma in array" | "extra comma in inline table" => (
            "there is one comma too many",
            "コンマが多すぎます",
            "remove the extra `,`",
            "余分な `,` を消してください",
        ),
        "unexpected `=` in array" => (
            "`=` inside a list [ … ]: a list holds values, not keys",
            "配列 [ … ] の中に `=` があります。配列には値だけを書きます",
            "write key = value pairs in a table { … }, or close the list with `]` first",
            "項目名 = 値 は { … } の中に書くか、先に `]` で配列を閉じてください",
        ),
        "invalid key-value pair" => (
            "a line starts without a key: write the key before `=`",
            "行の始めに項目名がありません（`=` の前に項目名を書きます）",
            "write key = value, e.g. name = \"…\"; a line of text alone goes inside a quoted value",
            "name = \"…\" のように 項目名 = 値 と書いてください（文だけの行は \"…\" の中に入れます）",
        ),
        "missing opening quote" => (
            "this text ends with a quote but does not start with one",
            "文字列の始まりの引用符がありません（終わりにだけ引用符があります）",
            "put the same quote at both ends: \"…\"",
            "\"…\" のように前と後ろの両方を同じ引用符で囲んでください",
        ),
        "keys cannot be multi-line basic strings" | "keys cannot be multi-line literal strings" => {
            (
                "a key cannot be written between `\"\"\"` or `'''`",
                "項目名を `\"\"\"` や `'''` で囲むことはできません",
                "write the key in half-width letters without quotes, e.g. name = \"…\"",
                "name = \"…\" のように、項目名は引用符なしの半角英字で書いてください",
            )
        }
        "missing escaped value"
        | "too few unicode value digits"
        | "unicode hexadecimal value"
        | "invalid value" => (
            "`\\` starts an escape in quoted text",
            "\"…\" の中の `\\` は特別な記号の始まりです",
            "write `\\\\` for a backslash, or use '…' quotes",
            "`\\` そのものは `\\\\` と書くか、'…' で囲んでください",
        ),
        "invalid integer number"
        | "invalid float"
        | "invalid exponent"
        | "invalid fraction"
        | "invalid mantissa"
        | "unexpected leading zero"
        | "redundant numeric sign"
        | "unexpected sign"
        | "`_` may only go between digits"
        | "invalid hexadecimal number"
        | "invalid octal number"
        | "invalid binary number"
        | "integers with a radix cannot be signed"
        | "radix must be lowercase"
        | "redundant integer number prefix" => (
            "this number is not written as TOML reads numbers",
            "数値の書き方に誤りがあります",
            "write numbers with half-width digits only, e.g. 300; text goes in quotes \"…\"",
            "数値は 300 のように半角数字だけで書き、文字なら \"…\" で囲んでください",
        ),
        "invalid boolean" => (
            "true and false are written in lower case, without quotes",
            "true と false は小文字で、引用符なしで書きます",
            "write true or false",
            "true または false と書いてください",
        ),
        "invalid comment character" | "missing comment start" => (
            "a control character is written here",
            "制御文字が含まれています",
            "delete the invisible character (retype the line)",
            "見えない文字を消してください（行を打ち直してください）",
        ),
        "carriage return must be followed by newline" => (
            "a lone carriage return (CR) ends this line",
            "改行コードが CR だけになっています",
            "save the file with LF or CRLF line endings",
            "改行コードを LF か CRLF にして保存してください",
        ),
        "cannot recurse further; max recursion depth met" => (
            "tables or lists are nested too deep",
            "表や配列の入れ子が深すぎます",
            "write fewer levels of [ … ] and { … } inside each other",
            "[ … ] や { … } の入れ子を減らしてください",
        ),
        _ => (
            "",
            "TOML の書き方に誤りがあります",
            "check the quotes \"…\" around text, the = between key and value, and [brackets] of tables",
            "文字を \"…\" で閉じているか、項目名と値の間に = があるか、[表の名前] の括弧が閉じているかを確かめてください",
        ),
    };
    let (en, ja, help, help_ja) = if what.starts_with("cannot extend value of type") {
        (
            "this key already has a value: a dotted key cannot add to it",
            "この項目にはすでに値があるため、点（.）で区切った項目名で書き足せません",
            "write the key once; put its keys together under one [table] header",
            "同じ項目名を二度書いていないか確かめ、書き足す項目は [表の名前] の下にまとめてください",
        )
    } else {
        (en, ja, help, help_ja)
    };
    let en = if en.is_empty() {
        message.to_string()
    } else {
        en.to_string()
    };
    d.rule("toml-syntax")
        .with_message(en)
        .with_suggestion(help)
        .ja(ja.to_string(), Some(help_ja.to_string()))
}

/// `duplicate key`: which key, and where it was first written.
fn duplicate(d: Diagnostic, text: &str, span: &Range<usize>) -> Diagnostic {
    let key = at(text, span).trim().trim_matches(['"', '\'']).to_string();
    let (this_start, _) = line_at(text, span.start);
    let first = text[..this_start]
        .lines()
        .enumerate()
        .filter(|(_, line)| {
            let line = line.trim_start().trim_start_matches('[').trim_start();
            line.strip_prefix(key.as_str()).is_some_and(|rest| {
                let rest = rest.trim_start();
                rest.starts_with('=') || rest.starts_with(']') || rest.starts_with('.')
            })
        })
        .map(|(i, _)| i + 1)
        .last();
    let (en, ja) = match first {
        Some(line) => (
            format!("`{key}` is written twice: it is already set on line {line}"),
            format!("`{key}` が二度書かれています（最初は {line} 行目）"),
        ),
        None => (
            format!("`{key}` is written twice in the same table"),
            format!("`{key}` が同じ表に二度書かれています"),
        ),
    };
    d.rule("duplicate-key")
        .with_message(en)
        .with_suggestion(format!("keep one `{key}` and delete the other"))
        .ja(
            ja,
            Some(format!(
                "`{key}` をどちらか一方だけ残し、もう一方を消してください"
            )),
        )
}

#[cfg(test)]
#[path = "toml_syntax_tests.rs"]
mod tests;
