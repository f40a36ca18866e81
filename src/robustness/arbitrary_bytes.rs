//! Arbitrary bytes: text-file-shaped strategies, then `decode` and `load_union` never panic.

use super::*;

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Bytes shaped like a text file: a prefix (none, BOMs, UTF-16 marks), valid UTF-8 text, and
/// now and then bad bytes spliced in (Shift_JIS, lone continuation bytes, cut characters).
fn text_file_bytes() -> impl Strategy<Value = Vec<u8>> {
    let prefix = prop_oneof![
        6 => Just(Vec::new()),
        2 => Just(BOM.to_vec()),
        // A BOM twice (some tools add one to a file that has one): only the first is dropped.
        1 => Just([BOM, BOM].concat()),
        1 => Just(b"\xFF\xFE".to_vec()),
        1 => Just(b"\xFE\xFF".to_vec()),
        1 => Just(b"\xEF\xBB".to_vec()),
    ];
    let text = prop_oneof![
        "\\PC{0,40}",
        "[a-z =\"\\[\\]\n\r]{0,40}",
        "[ぁ-ん一-龯\n、。]{0,20}",
    ];
    let bad = prop_oneof![
        Just(b"\x96\xbc\x91\x4f".to_vec()),
        Just(b"\x80".to_vec()),
        Just(b"\xE6\x97".to_vec()),
        Just(b"\xF0\x9F\x98".to_vec()),
        Just(b"\xC0\xAF".to_vec()),
        Just(b"\xED\xA0\x80".to_vec()),
        Just(b"\xFF".to_vec()),
        prop::collection::vec(any::<u8>(), 1..4),
    ];
    (
        prefix,
        text,
        prop::collection::vec((any::<Index>(), bad), 0..3),
    )
        .prop_map(|(prefix, text, bad)| {
            let mut bytes = text.into_bytes();
            for (at, b) in bad {
                let i = at.index(bytes.len() + 1);
                bytes.splice(i..i, b);
            }
            [prefix, bytes].concat()
        })
}

/// TOML-ish tokens strung together as bytes, valid UTF-8 or not.
fn token_soup() -> impl Strategy<Value = Vec<u8>> {
    let token: BoxedStrategy<&'static [u8]> = select(vec![
        &b"[union]\n"[..],
        b"name = ",
        b"\"\xe8\xa6\x8b\xe6\x9c\xac\"\n",
        b"[[item]]\n",
        b"[[new_item]]\n",
        b"[[page]]\n",
        b"id = ",
        b"\"benefits.internal.payment\"",
        b"text = ",
        b"\"{{ union.name }}\"",
        b"\"{{ union.nmae }}\"",
        b"[dates]\n",
        b"effective = ",
        b"2024-02-30",
        b"2024-12-02",
        b"[presentation]\nlayout = ",
        b"\"table\"",
        b"'''",
        b"\"\"\"",
        b"\"",
        b"'",
        b"=",
        b".",
        b",",
        b"[",
        b"]",
        b"{",
        b"}",
        b"#",
        b"\\",
        b"\\u",
        b"\n",
        b"\r\n",
        b"\r",
        b" ",
        b"\t",
        b"\0",
        b"\xEF\xBB\xBF",
        b"\xE6",
        b"\xFF",
        b"\x96\xbc",
        "東京".as_bytes(),
        b"true",
        b"1e400",
        b"-0x1",
        b"9999999999999999999999",
    ])
    .boxed();
    prop::collection::vec(token, 0..40).prop_map(|t| t.concat())
}

pub(crate) fn any_bytes() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        2 => prop::collection::vec(any::<u8>(), 0..300),
        3 => text_file_bytes(),
        3 => token_soup(),
        // A valid start, so the soup after it sometimes parses and reaches the merge.
        2 => token_soup().prop_map(|soup| [&b"[union]\nname = \"\xe8\xa6\x8b\xe6\x9c\xac\"\n"[..], &soup].concat()),
    ]
}

/// File names for `unions/<name>.toml`: mostly valid slugs, some that are not.
fn slug() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => Just(SLUG.to_string()),
        2 => "[a-z0-9]{1,4}(-[a-z0-9]{1,4})?",
        1 => select(vec!["Fuzz", "a_b", "東京", "-a", "a-", "a--b", "a b", "ａ", ".hidden"])
            .prop_map(String::from),
    ]
}

// ---------------------------------------------------------------------------------------------
// 1. decode

#[test]
fn decode_never_panics_and_reports_within_the_file() {
    let tally = Tally::new(&["ok", "utf-16", "invalid-utf-8"]);
    run(
        "decode(arbitrary bytes)",
        cases(2000, 1.0),
        any_bytes(),
        &tally,
        |bytes| {
            let path = Path::new("unions/x.toml");
            let mut stripped: &[u8] = &bytes;
            while let Some(rest) = stripped.strip_prefix(BOM) {
                stripped = rest;
            }
            let stripped = stripped.to_vec();
            let newlines = bytes.iter().filter(|&&b| b == b'\n').count();
            match decode(path, bytes.clone()) {
                Ok(text) => {
                    tally.add("ok");
                    // Leading BOMs are dropped; nothing else changes.
                    prop_assert_eq!(text.as_bytes(), &stripped[..]);
                    if strict() || !stripped.starts_with(BOM) {
                        prop_assert!(
                            !text.starts_with('\u{FEFF}'),
                            "decoded text still starts with a BOM"
                        );
                    }
                }
                Err(d) => {
                    prop_assert!(!d.message.trim().is_empty());
                    prop_assert!(
                        d.line <= newlines + 1,
                        "line {} of {}",
                        d.line,
                        newlines + 1
                    );
                    check_diag(&d, None, "decode error")?;
                    if d.message.contains("UTF-16") {
                        tally.add("utf-16");
                    } else {
                        // Not UTF-16, so not UTF-8 either: named at the line of the first bad byte.
                        tally.add("invalid-utf-8");
                        let e = std::str::from_utf8(&stripped)
                            .expect_err("decode refused valid UTF-8 that is not UTF-16");
                        let line = stripped[..e.valid_up_to()]
                            .iter()
                            .filter(|&&b| b == b'\n')
                            .count()
                            + 1;
                        prop_assert_eq!(d.line, line, "not the line of the first bad byte");
                    }
                }
            }
            Ok(())
        },
    );
}

// ---------------------------------------------------------------------------------------------
// 2. load_union on arbitrary bytes

#[test]
fn load_union_never_panics_on_arbitrary_bytes() {
    let ws = Workspace::new();
    let tally = Tally::new(&[
        "bad-slug",
        "decode-error",
        "parse-error",
        "merge-error",
        "rendered",
    ]);
    run(
        "load_union(arbitrary bytes)",
        cases(2000, 1.0),
        (slug(), any_bytes()),
        &tally,
        |(slug, bytes)| {
            let path = ws.unions().join(format!("{slug}.toml"));
            fs::write(&path, &bytes).expect("write the union");
            let result = load_union(&path);
            let _ = fs::remove_file(&path);
            let file = match result {
                Ok(file) => file,
                Err(list) => {
                    prop_assert!(!list.0.is_empty(), "an error without a diagnostic");
                    let lines = bytes.iter().filter(|&&b| b == b'\n').count() + 1;
                    let valid = crate::load::union::is_valid_slug(&slug);
                    let text = decode(&path, bytes.clone()).ok();
                    tally.add(match (valid, &text) {
                        (false, _) => "bad-slug",
                        (true, Some(_)) => "parse-error",
                        (true, None) => "decode-error",
                    });
                    for d in &list.0 {
                        prop_assert!(
                            d.line <= lines + 1,
                            "line {} is past the end ({lines} lines)",
                            d.line
                        );
                        if !valid {
                            prop_assert_eq!(d.line, 0, "a bad slug concerns the whole file");
                            check_diag(d, None, "slug error")?;
                        } else {
                            // Framed with the text as decoded (Shift_JIS, UTF-16): basics only.
                            check_diag(d, text.as_deref(), "load error")?;
                        }
                    }
                    return Ok(());
                }
            };
            prop_assert!(crate::load::union::is_valid_slug(&slug));
            let outcome = exercise(&path, &file.source, &file.path.with_extension(""))?;
            tally_outcome(&tally, &outcome);
            Ok(())
        },
    );
}
