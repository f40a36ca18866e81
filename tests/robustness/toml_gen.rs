//! Strategies that write override files (`unions/<slug>.toml`) as TOML text, from pieces.
//!
//! Two flavours share every strategy: `clean` documents use real base ids, fresh well-formed new
//! ids and valid values, so most of them merge and the renderer gets exercised; `chaos`
//! documents mix in mutated and random ids, wrong types, impossible dates, invalid presentation
//! values, unknown placeholders, broken strings and `\uXXXX` escapes, so most of them fail and
//! the diagnostics get exercised.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::LazyLock;

use proptest::prelude::*;
use proptest::sample::select;

/// True when the generators may also produce inputs that trigger the known bugs pinned as
/// ignored tests in `robustness.rs` (`KUMIAI_FUZZ_STRICT=1`).
pub fn strict() -> bool {
    std::env::var("KUMIAI_FUZZ_STRICT").is_ok_and(|v| v != "0" && !v.is_empty())
}

/// Where a text goes, which decides which placeholders it may hold outside strict mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// Prose kumiai fills: titles, bodies, item texts, labels, contractor notes, the legend.
    Filled,
    /// Values shown as written (known bug: `[union]`, `[[contacts]]`, revision notes), so valid
    /// placeholders there reach the page unexpanded.
    Raw,
    /// `[wording] fee`: filled, but `{{ wording.fee }}` inside it is left as written.
    Fee,
    /// Contractor names and phones and `contractor_label`: joined into one note before it is
    /// filled (known bug), so an unclosed `{{` in one swallows a placeholder in the next.
    Composed,
}

/// Ids of the real base, read from the repository's `content/` once.
pub struct Ids {
    pub sections: Vec<String>,
    pub groups: Vec<String>,
    pub items: Vec<String>,
    pub pages: Vec<String>,
    /// Item ids by group id, so a clean `before`/`after` names a sibling.
    pub items_by_group: BTreeMap<String, Vec<String>>,
    /// Group ids by section id.
    pub groups_by_section: BTreeMap<String, Vec<String>>,
}

pub static IDS: LazyLock<Ids> = LazyLock::new(|| {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join("content/purposes.toml"))
        .expect("read content/purposes.toml");
    let doc: toml::Table = toml::from_str(&text).expect("content/purposes.toml parses");
    let mut ids = Ids {
        sections: Vec::new(),
        groups: Vec::new(),
        items: Vec::new(),
        pages: Vec::new(),
        items_by_group: BTreeMap::new(),
        groups_by_section: BTreeMap::new(),
    };
    let array = |v: Option<&toml::Value>| -> Vec<toml::Table> {
        v.and_then(|v| v.as_array())
            .map(|a| a.iter().filter_map(|t| t.as_table().cloned()).collect())
            .unwrap_or_default()
    };
    let id = |t: &toml::Table| t["id"].as_str().expect("string id").to_string();
    for section in array(doc.get("section")) {
        let sid = id(&section);
        ids.sections.push(sid.clone());
        for group in array(section.get("group")) {
            let gid = format!("{sid}.{}", id(&group));
            ids.groups.push(gid.clone());
            ids.groups_by_section
                .entry(sid.clone())
                .or_default()
                .push(gid.clone());
            for item in array(group.get("item")) {
                let iid = format!("{gid}.{}", id(&item));
                ids.items.push(iid.clone());
                ids.items_by_group.entry(gid.clone()).or_default().push(iid);
            }
        }
    }
    let mut pages: Vec<String> = std::fs::read_dir(root.join("content/pages"))
        .expect("read content/pages")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .filter_map(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
        .collect();
    pages.sort();
    ids.pages = pages;
    assert!(
        !ids.sections.is_empty() && !ids.groups.is_empty() && !ids.items.is_empty(),
        "content/purposes.toml has no ids"
    );
    assert!(ids.pages.iter().any(|p| p == "index"), "no index page");
    ids
});

/// Page files the tests put in `unions/<slug>/` before merging (see `PAGE_FILES` users).
pub const GOOD_PAGE_FILES: [&str; 4] = ["good.md", "bom.md", "crlf.md", "sub/nested.md"];
/// Page files that are present but broken, or absent, or outside the union's folder.
pub const BAD_PAGE_FILES: [&str; 9] = [
    "sjis.md",
    "utf16.md",
    "missing.md",
    "../escape.md",
    "/etc/hostname",
    "sub/../../x.md",
    "",
    ".",
    "sub",
];

/// Contractor ids the documents define and refer to; a small pool so references often hit.
const CONTRACTORS: [&str; 5] = ["acme", "kenshin-center", "東京事務所", "a b", "x"];

// ---------------------------------------------------------------------------------------------
// Text

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
    let names: Vec<&'static str> = kumiai::render::placeholders::NAMES
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
            select(kumiai::render::placeholders::NAMES.to_vec()),
            any::<prop::sample::Index>(),
            prop::char::range('a', 'z'),
        )
            .prop_map(|(name, at, c)| {
                let mut chars: Vec<char> = name.chars().collect();
                let i = at.index(chars.len());
                chars[i] = c;
                let mut name: String = chars.into_iter().collect();
                if kumiai::render::placeholders::NAMES.contains(&name.as_str()) {
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
fn defuse(text: String, field: Field) -> String {
    if strict() || field == Field::Filled {
        return text;
    }
    let forbidden = |name: &str| match field {
        Field::Raw => kumiai::render::placeholders::NAMES.contains(&name),
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
fn text_maybe_escaped(chaos: bool, field: Field) -> BoxedStrategy<String> {
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

// ---------------------------------------------------------------------------------------------
// TOML values

/// How a string is written in TOML.
#[derive(Debug, Clone, Copy)]
enum Quote {
    Basic,
    Literal,
    MultiBasic,
    MultiLiteral,
    /// Basic, with every non-ASCII character as `\uXXXX` (and, in strict mode, braces: an
    /// unknown placeholder written so escapes the check).
    Escaped,
    /// Not valid TOML: unescaped contents, maybe no closing quote.
    Broken,
}

fn escape_basic(s: &str, escape_all: bool) -> String {
    let mut out = String::new();
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c if escape_all && (!c.is_ascii() || ((c == '{' || c == '}') && strict())) => {
                if (c as u32) > 0xFFFF {
                    out.push_str(&format!("\\U{:08X}", c as u32));
                } else {
                    out.push_str(&format!("\\u{:04X}", c as u32));
                }
            }
            c => out.push(c),
        }
    }
    out
}

fn quote(s: &str, how: Quote) -> String {
    let literal_ok = !s.contains('\'') && !s.chars().any(|c| c.is_control() && c != '\t');
    let multi_literal_ok = !s.contains("'''")
        && !s.ends_with('\'')
        && !s
            .chars()
            .any(|c| c.is_control() && c != '\t' && c != '\n' && c != '\r')
        && !s.contains('\r');
    match how {
        Quote::Literal if literal_ok => format!("'{s}'"),
        Quote::MultiLiteral if multi_literal_ok => format!("'''\n{s}'''"),
        Quote::MultiBasic => {
            let mut body = String::new();
            for c in s.chars() {
                match c {
                    '"' => body.push_str("\\\""),
                    '\\' => body.push_str("\\\\"),
                    '\n' => body.push('\n'),
                    '\t' => body.push('\t'),
                    c if c.is_control() => body.push_str(&format!("\\u{:04X}", c as u32)),
                    c => body.push(c),
                }
            }
            format!("\"\"\"\n{body}\"\"\"")
        }
        Quote::Escaped => format!("\"{}\"", escape_basic(s, true)),
        Quote::Broken => format!("\"{s}"),
        _ => format!("\"{}\"", escape_basic(s, false)),
    }
}

fn quoting(chaos: bool) -> BoxedStrategy<Quote> {
    if chaos {
        prop_oneof![
            8 => Just(Quote::Basic),
            2 => Just(Quote::Literal),
            2 => Just(Quote::MultiBasic),
            1 => Just(Quote::MultiLiteral),
            2 => Just(Quote::Escaped),
            1 => Just(Quote::Broken),
        ]
        .boxed()
    } else {
        prop_oneof![
            8 => Just(Quote::Basic),
            2 => Just(Quote::Literal),
            2 => Just(Quote::MultiBasic),
            1 => Just(Quote::MultiLiteral),
            1 => Just(Quote::Escaped),
        ]
        .boxed()
    }
}

/// A TOML string value from a string strategy.
fn tstr_of(s: impl Strategy<Value = String> + 'static, chaos: bool) -> BoxedStrategy<String> {
    (s, quoting(chaos))
        .prop_map(|(s, how)| quote(&s, how))
        .boxed()
}

/// A value of the wrong type for whatever key it is given to.
fn wrong_type() -> impl Strategy<Value = String> {
    select(vec![
        "1",
        "-0",
        "3.14",
        "nan",
        "true",
        "[]",
        "{}",
        "[\"a\", 1]",
        "{ a = 1 }",
        "2024-12-02",
        "\"x\"",
        "'''\n'''",
        "",
    ])
    .prop_map(String::from)
}

/// A TOML string holding prose, or (chaos) sometimes a value of another type.
fn tval(chaos: bool, field: Field) -> BoxedStrategy<String> {
    if chaos {
        prop_oneof![12 => tstr_of(text_maybe_escaped(true, field), true), 1 => wrong_type()].boxed()
    } else {
        tstr_of(text_maybe_escaped(false, field), false)
    }
}

/// A text the renderer fills.
fn tval_text(chaos: bool) -> BoxedStrategy<String> {
    tval(chaos, Field::Filled)
}

/// A text joined with others before it is filled (see [`Field::Composed`]).
fn tval_composed(chaos: bool) -> BoxedStrategy<String> {
    tval(chaos, Field::Composed)
}

/// A text shown as written (see [`Field::Raw`]).
fn tval_raw(chaos: bool) -> BoxedStrategy<String> {
    tval(chaos, Field::Raw)
}

fn tbool(chaos: bool) -> BoxedStrategy<String> {
    if chaos {
        prop_oneof![
            6 => any::<bool>().prop_map(|b| b.to_string()),
            1 => select(vec!["\"true\"", "1", "yes", "True"]).prop_map(String::from),
        ]
        .boxed()
    } else {
        any::<bool>().prop_map(|b| b.to_string()).boxed()
    }
}

/// A TOML date: real days, era boundaries, and (chaos) impossible days, times and strings.
fn tdate(chaos: bool) -> BoxedStrategy<String> {
    let real = prop_oneof![
        3 => (1868i32..2101, 1u32..13, 1u32..29)
            .prop_map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}")),
        2 => select(vec![
            "1868-01-25", "1868-01-24", "1912-07-29", "1912-07-30", "1926-12-24",
            "1926-12-25", "1989-01-07", "1989-01-08", "2019-04-30", "2019-05-01",
            "2024-02-29", "0001-01-01", "1800-12-31", "9999-12-31", "2024-12-02",
        ])
        .prop_map(String::from),
    ];
    if chaos {
        prop_oneof![
            6 => real,
            3 => select(vec![
                "2023-02-29", "2024-02-30", "2024-04-31", "2100-02-29", "2024-13-01",
                "2024-00-10", "2024-01-00", "2024-01-32", "0000-01-01", "10000-01-01",
                "2024-12-02T10:00:00", "2024-12-02 10:00:00Z", "2024-12-02T10:00:00+09:00",
                "10:00:00", "2024-1-2", "\"2024-12-02\"", "\"令和6年12月2日\"", "20241202",
                "2024-12-02T", "1979-05-27T00:32:00.999999",
            ])
            .prop_map(String::from),
            1 => wrong_type(),
        ]
        .boxed()
    } else {
        real.boxed()
    }
}

/// Fields whose format kumiai checks (phone, fax, postal code, web and mail address).
#[derive(Debug, Clone, Copy)]
pub enum Format {
    Phone,
    Postal,
    Url,
    Email,
}

/// A well-formed value of a checked field.
fn well_formed(format: Format) -> BoxedStrategy<String> {
    match format {
        Format::Phone => prop_oneof![
            "0[1-9]-[0-9]{4}-[0-9]{4}",
            "0[1-9]{2}-[0-9]{3}-[0-9]{4}",
            "0120-[0-9]{3}-[0-9]{3}",
            "0[789]0-[0-9]{4}-[0-9]{4}",
        ]
        .boxed(),
        Format::Postal => "[0-9]{3}-[0-9]{4}".boxed(),
        Format::Url => "https?://www\\.[a-z]{1,8}\\.(or\\.jp|jp|com)/([a-z]{1,6}/)?".boxed(),
        Format::Email => "[a-z][a-z0-9.]{0,7}@[a-z]{1,8}\\.(or\\.jp|jp|com)".boxed(),
    }
}

/// Values people write in those fields that are not well formed.
const MALFORMED: &[&str] = &[
    "０３－１２３４－５６７８",
    "03-1234-5678（代表）",
    "0312345678",
    "TEL 03-1234-5678",
    "〒100-0001",
    "1000001",
    "100-00001",
    "www.example.or.jp",
    "https://",
    "http://例え.jp/",
    "mailto:info@example.jp",
    "info@example",
    "情報@例え.jp",
    "",
    " ",
    "当組合",
];

/// A checked field's value as a TOML string: well formed in clean documents; in chaos
/// documents also malformed or any text. Outside strict mode it is written on one line without
/// escapes (known bug: otherwise its diagnostic loses its line, see the ignored tests).
fn tformat(chaos: bool, format: Format, field: Field) -> BoxedStrategy<String> {
    if !chaos {
        return tstr_of(well_formed(format), false);
    }
    let value = prop_oneof![
        3 => well_formed(format),
        2 => select(MALFORMED).prop_map(String::from),
        2 => text(true, field),
    ];
    if strict() {
        prop_oneof![12 => tstr_of(value, true), 1 => wrong_type()].boxed()
    } else {
        let plain = value.prop_map(move |v: String| {
            let plain = v
                .chars()
                .filter(|c| !matches!(c, '"' | '\'' | '\\') && !c.is_control())
                .collect::<String>();
            // Dropping a backslash can turn `\{{ … }}` into a placeholder.
            defuse(plain, field)
        });
        prop_oneof![
            8 => plain.clone().prop_map(|v| format!("\"{v}\"")),
            2 => plain.prop_map(|v| format!("'{v}'")),
            1 => wrong_type(),
        ]
        .boxed()
    }
}

// ---------------------------------------------------------------------------------------------
// Ids

/// A real id with one small change: a typo, the wrong case, a dropped or extra segment.
fn mutated(ids: &'static [String]) -> impl Strategy<Value = String> {
    (
        select(ids),
        0..8usize,
        any::<prop::sample::Index>(),
        prop::char::range('a', 'z'),
    )
        .prop_map(|(id, op, at, c)| {
            let mut chars: Vec<char> = id.chars().collect();
            let i = at.index(chars.len().max(1)).min(chars.len());
            match op {
                0 if !chars.is_empty() => {
                    chars.remove(i.min(chars.len() - 1));
                }
                1 => chars.insert(i, c),
                2 => return id.to_uppercase(),
                3 => return format!("{id}.extra"),
                4 => return id.rsplit_once('.').map_or(String::new(), |(p, _)| p.into()),
                5 => return id.replace('.', "_"),
                6 => return format!(" {id}"),
                _ => return format!("{id}-2"),
            }
            chars.into_iter().collect()
        })
}

/// A random id-like string, Japanese and spaces included.
fn random_id() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z0-9.\\-]{0,14}",
        "[a-zA-Z0-9._\\- ぁ-ん]{0,12}",
        Just(String::new()),
        Just(".".to_string()),
        Just("..".to_string()),
        Just("a..b".to_string()),
    ]
}

/// A fresh, well-formed id segment.
fn segment() -> impl Strategy<Value = String> {
    "[a-z][a-z0-9]{0,5}(-[a-z0-9]{1,4})?"
}

/// An id referring to an existing element of the base, as a TOML value.
fn existing_id(ids: &'static [String], chaos: bool) -> BoxedStrategy<String> {
    let raw = if chaos {
        prop_oneof![
            5 => select(ids),
            3 => mutated(ids),
            1 => random_id(),
        ]
        .boxed()
    } else {
        select(ids).boxed()
    };
    if chaos {
        prop_oneof![12 => tstr_of(raw, true), 1 => wrong_type()].boxed()
    } else {
        tstr_of(raw, false)
    }
}

/// `before = …` / `after = …` lines, at most one of them in clean documents.
fn position(siblings: Vec<String>, chaos: bool) -> BoxedStrategy<Vec<String>> {
    let sibling = if siblings.is_empty() {
        random_id().boxed()
    } else if chaos {
        prop_oneof![4 => select(siblings), 1 => random_id()].boxed()
    } else {
        select(siblings).boxed()
    };
    let sibling = tstr_of(sibling, chaos);
    if chaos {
        (
            prop::option::weighted(0.3, sibling.clone()),
            prop::option::weighted(0.3, sibling),
        )
            .prop_map(|(b, a)| {
                let mut lines = Vec::new();
                if let Some(b) = b {
                    lines.push(format!("before = {b}"));
                }
                if let Some(a) = a {
                    lines.push(format!("after = {a}"));
                }
                lines
            })
            .boxed()
    } else {
        prop_oneof![
            3 => Just(Vec::new()),
            1 => sibling.clone().prop_map(|s| vec![format!("before = {s}")]),
            1 => sibling.prop_map(|s| vec![format!("after = {s}")]),
        ]
        .boxed()
    }
}

// ---------------------------------------------------------------------------------------------
// Tables

/// `key = value`, present with probability `p`.
fn opt_line(
    key: &'static str,
    value: BoxedStrategy<String>,
    p: f64,
) -> BoxedStrategy<Option<String>> {
    let value = if p <= 0.0 {
        Just(None).boxed()
    } else if p >= 1.0 {
        value.prop_map(Some).boxed()
    } else {
        prop::option::weighted(p, value).boxed()
    };
    value
        .prop_map(move |v| v.map(|v| format!("{key} = {v}")))
        .boxed()
}

fn table(header: String, lines: Vec<Option<String>>, extra: Vec<String>) -> String {
    let mut out = header;
    out.push('\n');
    for line in lines.into_iter().flatten().chain(extra) {
        out.push_str(&line);
        out.push('\n');
    }
    out
}

/// Now and then, in chaos documents, a key the schema does not know.
fn unknown_key(chaos: bool) -> BoxedStrategy<Option<String>> {
    if chaos {
        prop::option::weighted(
            0.05,
            select(vec![
                "colour = \"red\"",
                "id = \"dup\"",
                "名前 = \"x\"",
                "remove = true",
            ])
            .prop_map(String::from),
        )
        .boxed()
    } else {
        Just(None).boxed()
    }
}

fn union_table(chaos: bool) -> BoxedStrategy<String> {
    let name = if chaos {
        prop::option::weighted(0.95, tval_raw(true)).boxed()
    } else {
        tval_raw(false).prop_map(Some).boxed()
    };
    (
        name,
        opt_line("self_name", tval_raw(chaos), 0.3),
        opt_line("representative", tval_raw(chaos), 0.4),
        opt_line(
            "postal_code",
            tformat(chaos, Format::Postal, Field::Raw),
            0.4,
        ),
        opt_line("address", tval_raw(chaos), 0.4),
        opt_line("website", tformat(chaos, Format::Url, Field::Raw), 0.3),
        unknown_key(chaos),
    )
        .prop_map(|(name, a, b, c, d, e, unknown)| {
            table(
                "[union]".into(),
                vec![name.map(|n| format!("name = {n}")), a, b, c, d, e, unknown],
                vec![],
            )
        })
        .boxed()
}

fn contact(chaos: bool) -> BoxedStrategy<String> {
    (
        opt_line("department", tval_raw(chaos), if chaos { 0.9 } else { 1.0 }),
        opt_line(
            "postal_code",
            tformat(chaos, Format::Postal, Field::Raw),
            0.5,
        ),
        opt_line("address", tval_raw(chaos), 0.5),
        opt_line("phone", tformat(chaos, Format::Phone, Field::Raw), 0.6),
        opt_line("fax", tformat(chaos, Format::Phone, Field::Raw), 0.3),
        opt_line("email", tformat(chaos, Format::Email, Field::Raw), 0.3),
        opt_line("hours", tval_raw(chaos), 0.4),
        opt_line("closed", tval_raw(chaos), 0.4),
        unknown_key(chaos),
    )
        .prop_map(|(a, b, c, d, e, f, g, h, u)| {
            table(
                "[[contacts]]".into(),
                vec![a, b, c, d, e, f, g, h, u],
                vec![],
            )
        })
        .boxed()
}

fn dates(chaos: bool) -> BoxedStrategy<String> {
    let revision = (tdate(chaos), tval_raw(chaos))
        .prop_map(|(d, n)| format!("  {{ date = {d}, note = {n} }},"));
    (
        opt_line("established", tdate(chaos), 0.6),
        opt_line("effective", tdate(chaos), 0.6),
        opt_line("published", tdate(chaos), 0.6),
        prop::collection::vec(revision, 0..4),
        unknown_key(chaos),
    )
        .prop_map(|(a, b, c, revisions, u)| {
            let mut extra = Vec::new();
            if !revisions.is_empty() {
                extra.push(format!("revisions = [\n{}\n]", revisions.join("\n")));
            }
            table("[dates]".into(), vec![a, b, c, u], extra)
        })
        .boxed()
}

fn presentation(chaos: bool) -> BoxedStrategy<String> {
    let value = |valid: Vec<&'static str>, invalid: Vec<&'static str>| -> BoxedStrategy<String> {
        let valid = select(valid).prop_map(|v| format!("\"{v}\""));
        if chaos {
            prop_oneof![
                3 => valid,
                1 => select(invalid).prop_map(String::from),
                1 => wrong_type(),
            ]
            .boxed()
        } else {
            valid.boxed()
        }
    };
    (
        opt_line(
            "layout",
            value(
                vec!["list", "table"],
                vec!["\"grid\"", "\"Table\"", "\"\"", "\"表\""],
            ),
            0.7,
        ),
        opt_line(
            "digits",
            value(
                vec!["half", "full"],
                vec!["\"wide\"", "\"HALF\"", "\"全角\""],
            ),
            0.6,
        ),
        opt_line(
            "label_style",
            value(vec!["lenticular", "angle"], vec!["\"square\"", "\"【】\""]),
            0.6,
        ),
        unknown_key(chaos),
    )
        .prop_map(|(a, b, c, u)| table("[presentation]".into(), vec![a, b, c, u], vec![]))
        .boxed()
}

fn kinds(chaos: bool) -> BoxedStrategy<String> {
    let valid = select(vec![
        "internal", "external", "review", "receive", "provide", "other",
    ])
    .prop_map(String::from);
    if chaos {
        prop_oneof![5 => valid, 1 => select(vec!["Internal", "misc", "", "内部"]).prop_map(String::from)]
            .boxed()
    } else {
        valid.boxed()
    }
}

fn labels(chaos: bool) -> BoxedStrategy<String> {
    prop::collection::btree_map(kinds(chaos), tval_text(chaos), 1..4)
        .prop_map(|map| {
            let lines = map
                .into_iter()
                .map(|(k, v)| Some(format!("{} = {v}", toml_key(&k))))
                .collect();
            table("[labels]".into(), lines, vec![])
        })
        .boxed()
}

fn wording(chaos: bool) -> BoxedStrategy<String> {
    (
        opt_line("consent_legend", tval_text(chaos), 0.6),
        opt_line("fee", tval(chaos, Field::Fee), 0.6),
        unknown_key(chaos),
    )
        .prop_map(|(a, b, u)| table("[wording]".into(), vec![a, b, u], vec![]))
        .boxed()
}

/// A TOML key: bare when it can be, quoted otherwise.
fn toml_key(key: &str) -> String {
    if !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        key.to_string()
    } else {
        format!("\"{}\"", escape_basic(key, false))
    }
}

fn contractor(chaos: bool) -> BoxedStrategy<String> {
    (
        select(CONTRACTORS.to_vec()),
        opt_line("name", tval_composed(chaos), if chaos { 0.9 } else { 1.0 }),
        opt_line("phone", tformat(chaos, Format::Phone, Field::Composed), 0.6),
        opt_line("note", tval_text(chaos), 0.3),
        unknown_key(chaos),
    )
        .prop_map(|(id, a, b, c, u)| {
            table(
                format!("[contractors.{}]", toml_key(id)),
                vec![a, b, c, u],
                vec![],
            )
        })
        .boxed()
}

fn contractor_refs(chaos: bool) -> BoxedStrategy<Option<String>> {
    let id = if chaos {
        prop_oneof![4 => select(CONTRACTORS.to_vec()).prop_map(String::from), 1 => random_id()]
            .boxed()
    } else {
        select(CONTRACTORS.to_vec()).prop_map(String::from).boxed()
    };
    // Clean documents define every contractor they name (see `doc`), so references stay valid.
    prop::option::weighted(
        0.25,
        prop::collection::vec(tstr_of(id, chaos), 0..3)
            .prop_map(|refs| format!("contractors = [{}]", refs.join(", "))),
    )
    .boxed()
}

fn section_edit(chaos: bool) -> BoxedStrategy<String> {
    (
        existing_id(&IDS.sections, chaos),
        opt_line("title", tval_text(chaos), 0.4),
        opt_line("short_title", tval_text(chaos), 0.3),
        opt_line("intro", tval_text(chaos), 0.3),
        opt_line("remove", tbool(chaos), 0.15),
        unknown_key(chaos),
    )
        .prop_map(|(id, a, b, c, d, u)| {
            table(
                "[[section]]".into(),
                vec![Some(format!("id = {id}")), a, b, c, d, u],
                vec![],
            )
        })
        .boxed()
}

fn new_section(chaos: bool) -> BoxedStrategy<String> {
    let id = if chaos {
        prop_oneof![4 => segment(), 1 => select(&IDS.sections), 1 => random_id()].boxed()
    } else {
        segment().prop_map(|s| format!("u-{s}")).boxed()
    };
    (
        tstr_of(id, chaos),
        opt_line("title", tval_text(chaos), if chaos { 0.9 } else { 1.0 }),
        opt_line("short_title", tval_text(chaos), 0.4),
        opt_line("intro", tval_text(chaos), 0.3),
        position(IDS.sections.clone(), chaos),
        unknown_key(chaos),
    )
        .prop_map(|(id, a, b, c, pos, u)| {
            table(
                "[[new_section]]".into(),
                vec![Some(format!("id = {id}")), a, b, c, u],
                pos,
            )
        })
        .boxed()
}

fn group_edit(chaos: bool) -> BoxedStrategy<String> {
    (
        existing_id(&IDS.groups, chaos),
        opt_line("label", tval_text(chaos), 0.6),
        opt_line("remove", tbool(chaos), 0.15),
        unknown_key(chaos),
    )
        .prop_map(|(id, a, b, u)| {
            table(
                "[[group]]".into(),
                vec![Some(format!("id = {id}")), a, b, u],
                vec![],
            )
        })
        .boxed()
}

fn new_group(chaos: bool) -> BoxedStrategy<String> {
    select(&IDS.sections)
        .prop_flat_map(move |section| {
            let siblings = IDS
                .groups_by_section
                .get(&section)
                .cloned()
                .unwrap_or_default();
            let id = if chaos {
                prop_oneof![
                    4 => segment().prop_map({
                        let section = section.clone();
                        move |s| format!("{section}.{s}")
                    }),
                    1 => select(siblings.clone()),
                    1 => segment().prop_map(|s| format!("nosuch.{s}")),
                    1 => random_id(),
                ]
                .boxed()
            } else {
                segment()
                    .prop_map(move |s| format!("{section}.u-{s}"))
                    .boxed()
            };
            (
                tstr_of(id, chaos),
                kinds(chaos),
                opt_line("label", tval_text(chaos), 0.5),
                position(siblings, chaos),
                unknown_key(chaos),
            )
        })
        .prop_map(|(id, kind, label, pos, u)| {
            table(
                "[[new_group]]".into(),
                vec![
                    Some(format!("id = {id}")),
                    Some(format!("kind = \"{kind}\"")),
                    label,
                    u,
                ],
                pos,
            )
        })
        .boxed()
}

fn item_edit(chaos: bool) -> BoxedStrategy<String> {
    (
        existing_id(&IDS.items, chaos),
        opt_line("text", tval_text(chaos), 0.5),
        contractor_refs(chaos),
        opt_line("contractor_label", tval_composed(chaos), 0.2),
        opt_line("consent", tbool(chaos), 0.4),
        opt_line("remove", tbool(chaos), 0.15),
        unknown_key(chaos),
    )
        .prop_map(|(id, a, b, c, d, e, u)| {
            table(
                "[[item]]".into(),
                vec![Some(format!("id = {id}")), a, b, c, d, e, u],
                vec![],
            )
        })
        .boxed()
}

fn new_item(chaos: bool) -> BoxedStrategy<String> {
    select(&IDS.groups)
        .prop_flat_map(move |group| {
            let siblings = IDS.items_by_group.get(&group).cloned().unwrap_or_default();
            let id = if chaos {
                prop_oneof![
                    4 => segment().prop_map({
                        let group = group.clone();
                        move |s| format!("{group}.{s}")
                    }),
                    1 => select(siblings.clone()),
                    1 => segment().prop_map(|s| format!("benefits.nosuch.{s}")),
                    1 => random_id(),
                ]
                .boxed()
            } else {
                segment()
                    .prop_map(move |s| format!("{group}.u-{s}"))
                    .boxed()
            };
            (
                tstr_of(id, chaos),
                opt_line("text", tval_text(chaos), if chaos { 0.9 } else { 1.0 }),
                contractor_refs(chaos),
                opt_line("contractor_label", tval_composed(chaos), 0.2),
                opt_line("consent", tbool(chaos), 0.4),
                position(siblings, chaos),
                unknown_key(chaos),
            )
        })
        .prop_map(|(id, a, b, c, d, pos, u)| {
            table(
                "[[new_item]]".into(),
                vec![Some(format!("id = {id}")), a, b, c, d, u],
                pos,
            )
        })
        .boxed()
}

/// `body`/`file`/`intro` of a page: clean pages give at most one of them.
fn page_content(chaos: bool, with_intro: bool) -> BoxedStrategy<Vec<String>> {
    let file = if chaos {
        prop_oneof![
            2 => select(GOOD_PAGE_FILES.to_vec()),
            1 => select(BAD_PAGE_FILES.to_vec()),
        ]
        .prop_map(|f| format!("\"{}\"", escape_basic(f, false)))
        .boxed()
    } else {
        select(GOOD_PAGE_FILES.to_vec())
            .prop_map(|f| format!("\"{f}\""))
            .boxed()
    };
    if chaos {
        (
            opt_line("body", tval_text(true), 0.4),
            opt_line("file", file, 0.3),
            opt_line("intro", tval_text(true), if with_intro { 0.3 } else { 0.0 }),
        )
            .prop_map(|(a, b, c)| [a, b, c].into_iter().flatten().collect())
            .boxed()
    } else {
        let mut options = vec![
            (2, Just(Vec::new()).boxed()),
            (
                3,
                tval_text(false)
                    .prop_map(|b| vec![format!("body = {b}")])
                    .boxed(),
            ),
            (2, file.prop_map(|f| vec![format!("file = {f}")]).boxed()),
        ];
        if with_intro {
            options.push((
                2,
                tval_text(false)
                    .prop_map(|b| vec![format!("intro = {b}")])
                    .boxed(),
            ));
        }
        prop::strategy::Union::new_weighted(options).boxed()
    }
}

fn page_edit(chaos: bool) -> BoxedStrategy<String> {
    let remove = if chaos {
        opt_line("remove", tbool(true), 0.15)
    } else {
        prop::option::weighted(0.1, Just("remove = true".to_string())).boxed()
    };
    (
        existing_id(&IDS.pages, chaos),
        opt_line("title", tval_text(chaos), 0.5),
        page_content(chaos, true),
        remove,
        unknown_key(chaos),
    )
        .prop_map(move |(id, title, content, remove, u)| {
            // The top page cannot be removed: clean documents don't try.
            let bare = id.trim_matches(|c| c == '"' || c == '\'' || c == '\n');
            let remove = remove.filter(|_| chaos || bare != "index");
            table(
                "[[page]]".into(),
                vec![Some(format!("id = {id}")), title, remove, u],
                content,
            )
        })
        .boxed()
}

fn new_page(chaos: bool) -> BoxedStrategy<String> {
    let id = if chaos {
        prop_oneof![4 => segment(), 1 => select(&IDS.pages), 1 => random_id()].boxed()
    } else {
        segment().prop_map(|s| format!("u-{s}")).boxed()
    };
    let content = if chaos {
        page_content(true, false)
    } else {
        prop_oneof![
            tval_text(false).prop_map(|b| vec![format!("body = {b}")]),
            select(GOOD_PAGE_FILES.to_vec()).prop_map(|f| vec![format!("file = \"{f}\"")]),
        ]
        .boxed()
    };
    let after = if chaos {
        opt_line(
            "after",
            tstr_of(prop_oneof![3 => select(&IDS.pages), 1 => random_id()], true),
            0.4,
        )
    } else {
        opt_line("after", tstr_of(select(&IDS.pages), false), 0.4)
    };
    (
        tstr_of(id, chaos),
        opt_line("title", tval_text(chaos), if chaos { 0.9 } else { 1.0 }),
        after,
        content,
        unknown_key(chaos),
    )
        .prop_map(|(id, title, after, content, u)| {
            table(
                "[[new_page]]".into(),
                vec![Some(format!("id = {id}")), title, after, u],
                content,
            )
        })
        .boxed()
}

fn acknowledge(chaos: bool) -> BoxedStrategy<String> {
    (
        tstr_of(random_id(), chaos),
        opt_line("reason", tval_text(chaos), if chaos { 0.9 } else { 1.0 }),
    )
        .prop_map(|(rule, reason)| {
            table(
                "[[acknowledge]]".into(),
                vec![Some(format!("rule = {rule}")), reason],
                vec![],
            )
        })
        .boxed()
}

/// Lines that are not part of any schema: comments, junk, a repeated table.
fn junk() -> BoxedStrategy<String> {
    select(vec![
        "# コメント {{ union.nmae }}\n",
        "\n\n",
        "[union]\nname = \"again\"\n",
        "[mystery]\nx = 1\n",
        "stray\n",
        "[[item]]\n",
        "= \"no key\"\n",
        "a = \"unterminated\n",
        "[labels]\ninternal = 1\n",
        "[[ new_item ]]\nid = \"benefits.internal.sp\"\ntext = \"spaced header\"\n",
        "'''\n",
    ])
    .prop_map(String::from)
    .boxed()
}

/// One `[[…]]` entry of any kind.
fn entry(chaos: bool) -> BoxedStrategy<String> {
    let mut options = vec![
        (2, section_edit(chaos)),
        (2, new_section(chaos)),
        (2, group_edit(chaos)),
        (2, new_group(chaos)),
        (4, item_edit(chaos)),
        (4, new_item(chaos)),
        (3, page_edit(chaos)),
        (2, new_page(chaos)),
        (2, contact(chaos)),
        (1, acknowledge(chaos)),
    ];
    if chaos {
        options.push((1, junk()));
    }
    prop::strategy::Union::new_weighted(options).boxed()
}

/// A whole override document, as TOML text.
#[derive(Clone)]
pub struct Doc {
    pub chaos: bool,
    pub source: String,
}

impl std::fmt::Debug for Doc {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The text itself, so a shrunk failure can be pasted into a file as it is.
        writeln!(f, "Doc (chaos = {}):", self.chaos)?;
        writeln!(f, "----- 8< -----")?;
        write!(f, "{}", self.source)?;
        write!(f, "----- 8< -----")
    }
}

pub fn doc(chaos: bool) -> BoxedStrategy<Doc> {
    let singles = (
        union_table(chaos),
        prop::option::weighted(0.5, dates(chaos)),
        prop::option::weighted(0.3, presentation(chaos)),
        prop::option::weighted(0.15, labels(chaos)),
        prop::option::weighted(0.2, wording(chaos)),
    );
    let contractors = if chaos {
        prop::collection::vec(contractor(true), 0..4).boxed()
    } else {
        // Every contractor a clean document may refer to, each defined once.
        prop::option::weighted(0.3, Just(()))
            .prop_flat_map(|any| {
                if any.is_some() {
                    CONTRACTORS
                        .iter()
                        .map(|id| {
                            (
                                tval_composed(false),
                                prop::option::weighted(
                                    0.6,
                                    tformat(false, Format::Phone, Field::Composed),
                                ),
                            )
                                .prop_map(move |(name, phone)| {
                                    let mut t =
                                        format!("[contractors.{}]\nname = {name}\n", toml_key(id));
                                    if let Some(p) = phone {
                                        t.push_str(&format!("phone = {p}\n"));
                                    }
                                    t
                                })
                                .boxed()
                        })
                        .collect::<Vec<_>>()
                        .boxed()
                } else {
                    Just(Vec::new()).boxed()
                }
            })
            .boxed()
    };
    let drop_union = if chaos {
        prop::option::weighted(0.03, Just(())).boxed()
    } else {
        Just(None).boxed()
    };
    (
        singles,
        contractors,
        prop::collection::vec(entry(chaos), 0..10),
        drop_union,
        any::<prop::sample::Index>(),
    )
        .prop_map(
            move |((union, dates, pres, labels, wording), contractors, entries, drop_union, at)| {
                let mut tables: Vec<String> = Vec::new();
                if drop_union.is_none() {
                    tables.push(union);
                }
                tables.extend(dates);
                tables.extend(pres);
                tables.extend(labels);
                tables.extend(wording);
                // Clean documents that name no contractor still define them: unused is fine.
                tables.extend(contractors.iter().cloned());
                tables.extend(entries);
                let mut source = tables.join("\n");
                // Clean documents refer only to defined contractors.
                if !chaos && contractors.is_empty() && source.contains("contractors = [") {
                    source = source
                        .lines()
                        .filter(|l| !l.starts_with("contractors = ["))
                        .collect::<Vec<_>>()
                        .join("\n");
                    source.push('\n');
                }
                // Chaos: now and then, one more table slipped in somewhere in the middle.
                if chaos && at.index(7) == 0 && !tables.is_empty() {
                    let i = at.index(tables.len());
                    tables.insert(i, "[presentation]\nlayout = \"table\"\n".into());
                    source = tables.join("\n");
                }
                Doc { chaos, source }
            },
        )
        .boxed()
}

/// Either flavour: a third clean, two thirds chaos.
pub fn any_doc() -> BoxedStrategy<Doc> {
    prop_oneof![1 => doc(false), 2 => doc(true)].boxed()
}
