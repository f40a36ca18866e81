//! Generated Markdown for `markdown_bodies`: block quotes, lists, emphasis, links, images and
//! link definitions with every kind of address (`javascript:` in odd spellings among them), raw
//! HTML, tables, headings, code, `{{ placeholders }}` valid and broken, very long lines, CJK
//! text; and now and then a construct nested past the limit.

use super::*;
use crate::text::limits::MAX_DEPTH;

/// A generated Markdown text, and what the generator knows about it.
#[derive(Debug, Clone)]
pub(crate) struct Md {
    pub text: String,
    /// It starts with a construct nested deeper than [`MAX_DEPTH`]: first, so nothing before it
    /// (an unclosed HTML block, a code fence) can turn it into text.
    pub deep: bool,
}

// ---------------------------------------------------------------------------------------------
// Addresses

/// Addresses a page may link to: http(s), mailto, tel and relative ones, some odd.
fn safe_address() -> impl Strategy<Value = String> {
    select(vec![
        "https://www.example.or.jp/",
        "https://example.jp/a?b=1&c=2#x",
        "HTTP://EXAMPLE.JP",
        "http://例え.jp/パス",
        "mailto:info@example.or.jp",
        "MAILTO:a@b.jp",
        "tel:03-1234-5678",
        "tel:+81-3-1234-5678",
        "purposes.html",
        "purposes.html#item-benefits.internal.payment",
        "#main",
        "files/map.png",
        "./a:b.html",
        "../x",
        "/abs",
        "?q=a:b",
        "//cdn.example.jp/x",
        "",
        "a%3Ab",
        "javascript%3Aalert(1)",
    ])
    .prop_map(String::from)
}

/// One character of a scheme written another way: as an HTML entity, or with a character a
/// browser drops (or an author cannot see) before it.
fn disguise(c: char, how: u8) -> String {
    let n = u32::from(c);
    match how % 12 {
        0 => format!("&#{n};"),
        1 => format!("&#x{n:X};"),
        2 => format!("&#X{n:x};"),
        3 => format!("&#0000{n}"),
        4 => format!("\t{c}"),
        5 => format!("\n{c}"),
        6 => format!("\r{c}"),
        7 => format!("\u{0}{c}"),
        8 => format!("\u{1}{c}"),
        9 => format!("\u{200B}{c}"),
        10 => format!("&Tab;{c}"),
        _ => format!("&NewLine;{c}"),
    }
}

/// An address that could run script or show something other than the site: `javascript:`,
/// `vbscript:`, `data:`, `file:`, in mixed case, with entities, with whitespace and control
/// characters inside or before the scheme, with the colon written as an entity.
fn hostile_address() -> impl Strategy<Value = String> {
    let scheme = select(vec!["javascript", "vbscript", "data", "file", "jAvAsCrIpT"]);
    let payload = select(vec![
        "alert(1)",
        "alert(document.cookie)//",
        "text/html,<script>alert(1)</script>",
        "text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        "//%0aalert(1)",
        "///etc/passwd",
    ]);
    let colon = select(vec![":", ":", ":", "&colon;", "&#58;", "&#x3a;", "%3A"]);
    let lead = select(vec!["", "", "", " ", "\u{1}", "\u{FEFF}", "\t", "&#32;"]);
    (
        scheme,
        payload,
        colon,
        lead,
        any::<u64>(),
        prop::collection::vec((any::<Index>(), any::<u8>()), 0..3),
    )
        .prop_map(|(scheme, payload, colon, lead, case, disguises)| {
            let mut chars: Vec<String> = scheme
                .chars()
                .enumerate()
                .map(|(i, c)| {
                    if case >> (i % 64) & 1 == 1 {
                        c.to_ascii_uppercase().to_string()
                    } else {
                        c.to_string()
                    }
                })
                .collect();
            for (at, how) in disguises {
                let i = at.index(chars.len());
                let c = chars[i].chars().last().unwrap_or('a');
                chars[i] = disguise(c, how);
            }
            format!("{lead}{}{colon}{payload}", chars.concat())
        })
}

fn address() -> impl Strategy<Value = String> {
    prop_oneof![8 => safe_address(), 1 => hostile_address()]
}

/// `[text](address)` and the other ways Markdown (and raw HTML) writes a link or an image.
fn link(text: String) -> impl Strategy<Value = String> {
    (address(), 0u8..9, 1u8..4).prop_map(move |(dest, form, label)| {
        let bare =
            !dest.contains(|c: char| c.is_whitespace() || c.is_control() || "()<>".contains(c));
        let dest_md = if bare {
            dest.clone()
        } else {
            format!("<{dest}>")
        };
        match form {
            0 => format!("[{text}]({dest_md})"),
            1 => format!("[{text}]({dest_md} \"題名\")"),
            2 => format!("![{text}]({dest_md})"),
            3 => format!("<{dest}>"),
            4 => format!("[{text}][r{label}]"),
            5 => format!("[r{label}]"),
            6 => format!("<a href=\"{dest}\">{text}</a>"),
            7 => format!("<img src=\"{dest}\" alt=\"{text}\">"),
            _ => format!("[{text}](<{dest}>)"),
        }
    })
}

// ---------------------------------------------------------------------------------------------
// Inlines

fn placeholder() -> impl Strategy<Value = String> {
    let valid = (select(NAMES.to_vec()), select(vec![" ", "", "  "]))
        .prop_map(|(name, pad)| format!("{{{{{pad}{name}{pad}}}}}"));
    let broken = select(vec![
        "{{ union.nmae }}",
        "{{ union.name",
        "union.name }}",
        "{{}}",
        "{{ }}",
        "{{ a.b }}",
        "{{{ union.name }}}",
        "\\{{ union.name }}",
        "{{ UNION.NAME }}",
        "{{ union.name }",
        "{ union.name }}",
    ])
    .prop_map(String::from);
    prop_oneof![6 => valid, 1 => broken]
}

fn raw_inline_html() -> impl Strategy<Value = String> {
    select(vec![
        "<script>alert(1)</script>",
        "<SCRIPT SRC=//x.jp/a.js></SCRIPT>",
        "<img src=x onerror=alert(1)>",
        "<svg onload=alert(1)>",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<!-- 注 -->",
        "<style>*{color:red}</style>",
        "<iframe src=\"javascript:alert(1)\"></iframe>",
        "</p>",
        "<br>",
        "<b style=\"x\">太字</b>",
    ])
    .prop_map(String::from)
}

/// Text and the characters Markdown gives a meaning.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => "[ぁ-んァ-ヶ一-龯、。「」（）]{1,12}",
        2 => "[a-zA-Z0-9 ,.!]{1,16}",
        2 => select(vec![
            "*", "_", "**", "`", "[", "]", "(", ")", "<", ">", "&", "&amp;", "&#0;",
            "&#xD800;", "&#1114112;", "\\", "|", "~~", "!", "#", "&lt;script&gt;", "\u{3000}",
            "　当組合", "😀", "ｊａｖａｓｃｒｉｐｔ：",
        ])
        .prop_map(String::from),
    ]
}

fn code_span() -> impl Strategy<Value = String> {
    (
        prop_oneof![text(), hostile_address(), raw_inline_html()],
        select(vec!["`", "``"]),
    )
        .prop_map(|(inside, ticks)| format!("{ticks} {} {ticks}", inside.replace('`', "")))
}

fn inline_leaf() -> BoxedStrategy<String> {
    prop_oneof![
        6 => text(),
        2 => code_span(),
        2 => placeholder(),
        2 => raw_inline_html(),
        3 => text().prop_flat_map(link),
        1 => Just("  \n".to_string()),
    ]
    .boxed()
}

fn inline() -> BoxedStrategy<String> {
    inline_leaf()
        .prop_recursive(3, 24, 4, |inner| {
            prop_oneof![
                3 => (prop::collection::vec(inner.clone(), 1..5), select(vec!["", " "]))
                    .prop_map(|(parts, sep)| parts.join(sep)),
                1 => inner.clone().prop_map(|s| format!("*{s}*")),
                1 => inner.clone().prop_map(|s| format!("**{s}**")),
                1 => inner.clone().prop_map(|s| format!("_{s}_")),
                1 => inner.clone().prop_map(|s| format!("~~{s}~~")),
                2 => inner.prop_flat_map(link),
            ]
        })
        .boxed()
}

// ---------------------------------------------------------------------------------------------
// Blocks

/// An HTML block; each is closed, so it does not swallow what follows.
fn html_block() -> impl Strategy<Value = String> {
    select(vec![
        "<script>\nalert(1)\n</script>",
        "<div>\n<script>alert(1)</script>\n</div>",
        "<!DOCTYPE html>",
        "<?php echo 1; ?>",
        "<![CDATA[x]]>",
        "<pre><a href=\"javascript:alert(1)\">x</a></pre>",
        "<textarea>\n</textarea>",
        "<iframe src=\"data:text/html,<script>alert(1)</script>\"></iframe>",
        "<!-- 注\n-->",
        "<object data=\"javascript:alert(1)\"></object>",
        "<form action=\"javascript:alert(1)\"><button>送信</button></form>",
    ])
    .prop_map(String::from)
}

fn table() -> impl Strategy<Value = String> {
    let cell = || inline().prop_map(|s| s.replace('|', "\\|").replace('\n', " "));
    (1usize..4)
        .prop_flat_map(move |n| {
            (
                prop::collection::vec(cell(), n),
                prop::collection::vec(select(vec!["---", ":--", "--:", ":-:"]), n),
                prop::collection::vec(prop::collection::vec(cell(), n), 0..3),
            )
        })
        .prop_map(|(head, align, rows)| {
            let row = |cells: &[String]| format!("| {} |", cells.join(" | "));
            let mut lines = vec![row(&head), format!("|{}|", align.join("|"))];
            lines.extend(rows.iter().map(|r| row(r)));
            lines.join("\n")
        })
}

/// A line of 2,000 to 40,000 characters.
fn long_line() -> impl Strategy<Value = String> {
    (
        select(vec!["あ", "個人情報", "a", "word ", "*", "[", "<"]),
        2000usize..40_000,
    )
        .prop_map(|(unit, len)| unit.repeat(len / unit.chars().count()))
}

fn block_leaf() -> BoxedStrategy<String> {
    prop_oneof![
        6 => inline(),
        2 => (1usize..8, inline()).prop_map(|(n, s)| format!("{} {}", "#".repeat(n), s.replace('\n', " "))),
        1 => inline().prop_map(|s| format!("{}\n===", s.replace('\n', " "))),
        1 => (select(vec!["", "html", "js"]), prop_oneof![hostile_address(), html_block(), text()])
            .prop_map(|(lang, code)| format!("```{lang}\n{}\n```", code.replace("```", ""))),
        1 => prop_oneof![hostile_address(), html_block()].prop_map(|c| format!("    {}", c.replace('\n', " "))),
        2 => html_block(),
        2 => table(),
        1 => select(vec!["***", "---", "___"]).prop_map(String::from),
        2 => (1u8..4, address()).prop_map(|(n, dest)| format!("[r{n}]: <{}>", dest.replace(['<', '>', '\n'], ""))),
        1 => (1u8..4, address()).prop_map(|(n, dest)| format!("[r{n}]: {dest} \"題名\"")),
        1 => long_line(),
    ]
    .boxed()
}

/// Each line of `text` after a prefix: `first` on the first line, `rest` on the others.
fn indent(text: &str, first: &str, rest: &str) -> String {
    text.split('\n')
        .enumerate()
        .map(|(i, line)| format!("{}{line}", if i == 0 { first } else { rest }))
        .collect::<Vec<_>>()
        .join("\n")
}

fn blocks(inner: BoxedStrategy<String>) -> impl Strategy<Value = String> {
    prop::collection::vec(inner, 1..4).prop_map(|b| b.join("\n\n"))
}

fn block() -> BoxedStrategy<String> {
    block_leaf()
        .prop_recursive(3, 16, 4, |inner| {
            prop_oneof![
                2 => blocks(inner.clone()).prop_map(|b| indent(&b, "> ", "> ")),
                2 => (
                    select(vec!["- ", "* ", "+ ", "1. ", "1) "]),
                    prop::collection::vec(blocks(inner), 1..4),
                )
                    .prop_map(|(marker, items)| {
                        let pad = " ".repeat(marker.len());
                        items
                            .iter()
                            .map(|item| indent(item, marker, &pad))
                            .collect::<Vec<_>>()
                            .join("\n")
                    }),
            ]
        })
        .boxed()
}

/// A construct nested deeper than [`MAX_DEPTH`]: block quotes, lists, emphasis, or quotes and
/// lists mixed.
fn too_deep() -> impl Strategy<Value = String> {
    prop_oneof![
        (MAX_DEPTH + 1..MAX_DEPTH * 2).prop_map(|n| format!("{} 深い\n", ">".repeat(n))),
        Just(format!("{} 深い\n", ">".repeat(5000))),
        (MAX_DEPTH / 2 + 1..MAX_DEPTH * 2).prop_map(|n| {
            (0..n)
                .map(|i| format!("{}- 項目\n", "  ".repeat(i)))
                .collect::<String>()
        }),
        (MAX_DEPTH * 2 + 4..MAX_DEPTH * 6).prop_map(|n| format!(
            "{}強調{}\n",
            "*".repeat(n),
            "*".repeat(n)
        )),
        (MAX_DEPTH / 3 + 1..MAX_DEPTH).prop_map(|n| format!("{}x\n", "> - ".repeat(n))),
    ]
}

/// A Markdown text: a few blocks, sometimes after a construct nested too deep.
pub(crate) fn markdown() -> impl Strategy<Value = Md> {
    (
        prop::option::weighted(0.08, too_deep()),
        prop::collection::vec(block(), 0..5),
    )
        .prop_map(|(deep, blocks)| {
            let mut parts: Vec<String> = deep.iter().cloned().collect();
            parts.extend(blocks);
            Md {
                text: parts.join("\n\n") + "\n",
                deep: deep.is_some(),
            }
        })
}
