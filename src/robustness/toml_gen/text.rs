//! Text: prose pieces, valid and invalid placeholders, braces, control characters, escapes.

use super::*;

/// Pieces of prose: Japanese, ASCII, Markdown and HTML, tricky Unicode.
const WORDS: &[&str] = &[
    "当組合",
    "被保険者",
    "個人情報",
    "健康保険組合",
    "保険給付の実施",
    "ｶﾀｶﾅ",
    "①②",
    "髙﨑",
    "𠮷野家",
    "🏥",
    "か\u{3099}",
    "\u{200B}",
    "\u{FEFF}",
    "\u{202E}abc",
    "（未記載）",
    "abc",
    "Tokyo Kiki",
    "<script>alert(1)</script>",
    "&amp; &lt;",
    "\"quoted\"",
    "it's",
    "\\",
    "*emphasis*",
    "\n# 見出し\n",
    "\n| a | b |\n|:--|--:|\n| 1 | 2 |\n",
    "\n- 一\n- 二\n",
    "[link](http://example.com/?a=1&b=2)",
    "<b style=\"x\">b</b>",
    "{% if x %}",
    "{# comment #}",
    "{",
    "}",
    "{{{",
    "}}}",
    "\t",
    "\n",
    "\r\n",
    "  ",
    "",
    "03-1234-5678",
    "０３－１２３４－５６７８（代表）",
    "〒100-0001",
];

/// A placeholder with one of the valid names, spaced in one of the ways people write them.
fn valid_placeholder(field: Field) -> impl Strategy<Value = String> {
    let names: Vec<&'static str> = crate::text::placeholders::NAMES
        .into_iter()
        .filter(|n| strict() || field != Field::Fee || *n != "wording.fee")
        .collect();
    let mut spacing = vec![("", ""), (" ", " "), ("  ", ""), (" ", "")];
    if strict() {
        // A tab inside the braces: `\t` in a basic string (finding: reported as unknown).
        spacing.push(("\t", " "));
    }
    (select(names), select(spacing)).prop_map(|(name, (a, b))| format!("{{{{{a}{name}{b}}}}}"))
}

/// A placeholder that names nothing kumiai knows (or is otherwise not a placeholder).
fn invalid_placeholder() -> impl Strategy<Value = String> {
    prop_oneof![
        select(vec![
            "{{ union.nmae }}",
            "{{}}",
            "{{ }}",
            "{{ union. }}",
            "{{ UNION.NAME }}",
            "{{ union.name | upper }}",
            "{{ union.name }",
            "{{ 組合名 }}",
            "{{ site.title }}",
            "{{ base.revison }}",
            "{{ {{ union.name }} }}",
            "{{ union.name\n}}",
        ])
        .prop_map(String::from),
        // A valid name with one character changed.
        (
            select(crate::text::placeholders::NAMES.to_vec()),
            any::<prop::sample::Index>(),
            prop::char::range('a', 'z'),
        )
            .prop_map(|(name, at, c)| {
                let mut chars: Vec<char> = name.chars().collect();
                let i = at.index(chars.len());
                chars[i] = c;
                let mut name: String = chars.into_iter().collect();
                if crate::text::placeholders::NAMES.contains(&name.as_str()) {
                    // Replaced a character by itself: still valid, so make it not.
                    name.push('x');
                }
                format!("{{{{ {name} }}}}")
            }),
    ]
}

/// Braces that are not placeholders: unclosed (chaos only: the check pairs an unclosed `{{` with
/// the `}}` of a later string), or escaped with a backslash.
fn literal_braces(unclosed: bool) -> impl Strategy<Value = String> {
    let mut pieces = vec!["\\{{ union.name }}", "\\{{ nothing }}"];
    if unclosed {
        pieces.extend(["{{ union.name", "}}", "{{"]);
    }
    select(pieces).prop_map(String::from)
}

/// Control characters, written in TOML as `\uXXXX` escapes (strict only: they are copied into the
/// HTML as they are, see the ignored tests).
fn control() -> impl Strategy<Value = String> {
    select(vec![
        "\u{0}",
        "\u{7}",
        "\u{1B}[31m",
        "\u{7F}",
        "\u{85}",
        "\u{8}",
    ])
    .prop_map(String::from)
}

/// Random printable text (no U+FFFD and no control characters, so any on a page are kumiai's).
fn random_text() -> impl Strategy<Value = String> {
    prop_oneof![
        "\\PC{0,12}",
        "[ぁ-んァ-ン一-龯ａ-ｚ０-９ 、。「」（）]{0,12}",
        "[ -~]{0,16}",
    ]
    .prop_map(|s: String| s.replace('\u{FFFD}', "?"))
}

/// Prose for a text field.
pub fn text(chaos: bool, field: Field) -> BoxedStrategy<String> {
    // Alternatives are left out rather than given weight 0: shrinking a union tries every
    // earlier alternative, whatever its weight.
    let mut pieces: Vec<(u32, BoxedStrategy<String>)> =
        vec![(6, select(WORDS).prop_map(String::from).boxed())];
    if field != Field::Raw || strict() {
        pieces.push((3, valid_placeholder(field).boxed()));
    }
    if chaos {
        pieces.push((2, invalid_placeholder().boxed()));
        pieces.push((1, literal_braces(true).boxed()));
    }
    pieces.push((3, random_text().boxed()));
    if strict() {
        pieces.push((1, control().boxed()));
    }
    prop::collection::vec(prop::strategy::Union::new_weighted(pieces), 0..6)
        .prop_map(move |pieces| defuse(pieces.concat(), field))
        .boxed()
}

/// Breaks what a field may not hold outside strict mode but pieces can form by meeting
/// (`{{ union.name` + `}}`): its `{{` becomes `{ {`.
pub(crate) fn defuse(text: String, field: Field) -> String {
    if strict() || field == Field::Filled {
        return text;
    }
    let forbidden = |name: &str| match field {
        Field::Raw => crate::text::placeholders::NAMES.contains(&name),
        Field::Fee => name == "wording.fee",
        Field::Filled | Field::Composed => false,
    };
    let mut text = text;
    let mut at = 0;
    while let Some(open) = text[at..].find("{{").map(|i| at + i) {
        if text[..open].ends_with('\\') {
            at = open + 2;
            continue;
        }
        match text[open..].find("}}").map(|i| open + i) {
            Some(close) if forbidden(text[open + 2..close].trim()) => {
                text.replace_range(open..open + 2, "{ {");
            }
            Some(_) => {}
            // Unclosed: literal on its own, but not once joined with the next value.
            None if field == Field::Composed => text.replace_range(open..open + 2, "{ {"),
            None => break,
        }
        at = open + 2;
    }
    text
}

/// Clean text now and then holds an escaped `\{{ … }}`; the page then shows braces on purpose.
pub(crate) fn text_maybe_escaped(chaos: bool, field: Field) -> BoxedStrategy<String> {
    if chaos {
        text(true, field)
    } else {
        prop_oneof![
            30 => text(false, field),
            1 => (text(false, field), literal_braces(false)).prop_map(|(a, b)| a + &b),
        ]
        .boxed()
    }
}
