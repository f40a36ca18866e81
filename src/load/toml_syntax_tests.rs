//! Every message of the TOML parser has words of its own in English and Japanese.

use super::*;
use std::path::Path;

/// Every message `toml_parser` 1.1 and `toml` 1.2 can give for a syntax problem (their
/// `ParseError::new` and `invalid_description` strings).
const PARSER_MESSAGES: &[&str] = &[
    "`_` may only go between digits",
    "cannot recurse further; max recursion depth met",
    "carriage return must be followed by newline",
    "cannot extend value of type array with a dotted key",
    "cannot extend value of type inline table with a dotted key",
    "duplicate key",
    "extra `=`",
    "extra assignment between key-value pairs",
    "extra comma in array",
    "extra comma in inline table",
    "integers with a radix cannot be signed",
    "invalid basic string",
    "invalid binary number",
    "invalid boolean",
    "invalid comment character",
    "invalid date-time",
    "invalid exponent",
    "invalid float",
    "invalid fraction",
    "invalid hexadecimal number",
    "invalid inline table element",
    "invalid integer number",
    "invalid key",
    "invalid key-value pair",
    "invalid literal string",
    "invalid mantissa",
    "invalid multi-line basic string",
    "invalid multi-line literal string",
    "invalid octal number",
    "invalid string",
    "invalid table",
    "invalid unquoted key",
    "invalid value",
    "key with no value",
    "keys cannot be multi-line basic strings",
    "keys cannot be multi-line literal strings",
    "missing array opening",
    "missing assignment between key-value pairs",
    "missing comma between array elements",
    "missing comma between key-value pairs",
    "missing comment start",
    "missing escaped value",
    "missing inline table opening",
    "missing key for inline table element",
    "missing opening quote",
    "missing table open",
    "missing value for key",
    "missing value",
    "radix must be lowercase",
    "redundant integer number prefix",
    "redundant numeric sign",
    "string values must be quoted",
    "too few unicode value digits",
    "unclosed array table",
    "unclosed array",
    "unclosed inline table",
    "unclosed table",
    "unexpected `=` in array",
    "unexpected content between comment and newline",
    "unexpected content",
    "unexpected key or value",
    "unexpected leading zero",
    "unexpected sign",
    "unquoted keys cannot be empty",
];

#[test]
fn every_parser_message_has_its_own_words_in_both_languages() {
    let text = "abc = 1\n";
    for message in PARSER_MESSAGES {
        let d = Diagnostic::at(Path::new("u.toml"), text, 0..3, *message);
        let d = syntax(d, text, 0..3, &format!("{message}, expected x"));
        assert_ne!(d.message, *message, "no plain words for `{message}`");
        let ja = d.message_ja.as_deref().unwrap_or_default();
        assert!(
            !ja.is_empty() && ja != "TOML の書き方に誤りがあります",
            "{message}: {ja}"
        );
        let help = d.suggestion_ja.as_deref().unwrap_or_default();
        assert!(
            help.contains('て') || help.contains('い'),
            "{message}: {help}"
        );
        assert!(!ja.contains(message), "{message} in Japanese: {ja}");
    }
}
