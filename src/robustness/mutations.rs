//! Mutations of the repository's real unions never panic kumiai.

use super::*;

#[derive(Debug, Clone)]
pub(crate) enum Mutation {
    DeleteLine(Index),
    DuplicateLine(Index),
    SwapLines(Index, Index),
    Truncate(Index),
    InsertBytes(Index, Vec<u8>),
    ReplaceByte(Index, u8),
    /// Drops one byte: cuts a multi-byte character or a quote.
    DeleteByte(Index),
    /// Inserts a meaningful line (a key, a table header, a reference) before a line.
    InsertLine(Index, &'static str),
    /// Appends a whole table: changes what the union means, keeps the syntax.
    AppendTable(&'static str),
}

/// Whole tables to append to a real union.
const TABLES: &[&str] = &[
    "\n[[item]]\nid = \"benefits.internal.payment\"\nremove = true\n",
    "\n[[item]]\nid = \"benefits.internal.paymnet\"\ntext = \"typo\"\n",
    "\n[[item]]\nid = \"benefits.internal.payment\"\nconsent = true\ncontractors = [\"nobody\"]\n",
    "\n[[group]]\nid = \"benefits.external\"\nremove = true\n",
    "\n[[section]]\nid = \"premiums\"\nremove = true\n",
    "\n[[section]]\nid = \"benefits\"\ntitle = \"新しい題 {{ union.self_name }}\"\n",
    "\n[[page]]\nid = \"safety\"\nremove = true\n",
    "\n[[page]]\nid = \"index\"\nremove = true\n",
    "\n[[page]]\nid = \"requests\"\nbody = \"本文\"\nfile = \"purposes.md\"\n",
    "\n[[new_item]]\nid = \"benefits.internal.extra\"\ntext = \"追加 {{ union.self_name }}\"\nafter = \"benefits.internal.payment\"\n",
    "\n[[new_item]]\nid = \"benefits.internal.extra\"\ntext = \"重複\"\n\n[[new_item]]\nid = \"benefits.internal.extra\"\ntext = \"重複\"\n",
    "\n[[new_group]]\nid = \"benefits.extra\"\nkind = \"other\"\n",
    "\n[[new_section]]\nid = \"extra\"\ntitle = \"追加の利用目的\"\nbefore = \"benefits\"\n",
    "\n[[new_page]]\nid = \"extra\"\ntitle = \"追加\"\nbody = \"本文 {{ dates.effective }}\"\nafter = \"index\"\n",
    "\n[[new_page]]\nid = \"Extra Page\"\ntitle = \"追加\"\nbody = \"本文\"\n",
    "\n[[new_page]]\nid = \"escape\"\ntitle = \"外\"\nfile = \"../../kumiai.toml\"\n",
    "\n[presentation]\nlayout = \"table\"\ndigits = \"full\"\nlabel_style = \"angle\"\n",
    "\n[[acknowledge]]\nrule = \"old-wording\"\nreason = \"理由\"\n",
];

/// Lines that change what a union means rather than break its syntax.
const LINES: &[&str] = &[
    "remove = true\n",
    "consent = true\n",
    "[[item]]\nid = \"benefits.internal.payment\"\n",
    "[[item]]\nid = \"benefits.internal.paymnet\"\n",
    "[[group]]\nid = \"benefits.external\"\nremove = true\n",
    "[[section]]\nid = \"premiums\"\nremove = true\n",
    "[[page]]\nid = \"safety\"\nremove = true\n",
    "[[page]]\nid = \"index\"\nremove = true\n",
    "[[new_item]]\nid = \"benefits.internal.extra\"\ntext = \"追加 {{ union.self_name }}\"\n",
    "[[new_page]]\nid = \"extra\"\ntitle = \"追加\"\nbody = \"本文\"\n",
    "contractors = [\"nobody\"]\n",
    "before = \"benefits.internal.payment\"\n",
    "after = \"nowhere\"\n",
    "[presentation]\nlayout = \"table\"\ndigits = \"full\"\nlabel_style = \"angle\"\n",
    "[presentation]\nlayout = \"grid\"\n",
    "[dates]\neffective = 2023-02-29\n",
    "text = \"{{ union.nmae }}\"\n",
    "title = \"題 {{ union.name }}\"\n",
    "file = \"../../etc/passwd\"\n",
    "file = \"missing.md\"\n",
    "[union]\nname = \"二つ目\"\n",
    "[[contacts]]\ndepartment = \"窓口\"\n",
    "# コメント\n",
    "\n",
];

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        3 => any::<Index>().prop_map(Mutation::DeleteLine),
        3 => any::<Index>().prop_map(Mutation::DuplicateLine),
        2 => (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
        1 => any::<Index>().prop_map(Mutation::Truncate),
        1 => (
            any::<Index>(),
            prop_oneof![
                prop::collection::vec(any::<u8>(), 1..6),
                select(vec![
                    &b"\""[..], b"'", b"[", b"]", b"\n", b"=", b"{{", b"}}", b"\\", b"\xE6",
                    b"\xEF\xBB\xBF", b"\0", b"#",
                ])
                .prop_map(|b| b.to_vec()),
            ],
        )
            .prop_map(|(at, b)| Mutation::InsertBytes(at, b)),
        1 => (any::<Index>(), any::<u8>()).prop_map(|(at, b)| Mutation::ReplaceByte(at, b)),
        1 => any::<Index>().prop_map(Mutation::DeleteByte),
        4 => (any::<Index>(), select(LINES)).prop_map(|(at, l)| Mutation::InsertLine(at, l)),
        4 => select(TABLES).prop_map(Mutation::AppendTable),
    ]
}

fn split_lines(bytes: &[u8]) -> Vec<Vec<u8>> {
    bytes
        .split_inclusive(|&b| b == b'\n')
        .map(<[u8]>::to_vec)
        .collect()
}

fn apply(bytes: &mut Vec<u8>, m: &Mutation) {
    let mut lines = split_lines(bytes);
    match m {
        Mutation::DeleteLine(at) if !lines.is_empty() => {
            lines.remove(at.index(lines.len()));
        }
        Mutation::DuplicateLine(at) if !lines.is_empty() => {
            let i = at.index(lines.len());
            let line = lines[i].clone();
            lines.insert(i, line);
        }
        Mutation::InsertLine(at, line) => {
            let i = at.index(lines.len() + 1);
            lines.insert(i, line.as_bytes().to_vec());
        }
        Mutation::SwapLines(a, b) if !lines.is_empty() => {
            let (a, b) = (a.index(lines.len()), b.index(lines.len()));
            lines.swap(a, b);
        }
        Mutation::AppendTable(table) => {
            bytes.extend_from_slice(table.as_bytes());
            return;
        }
        Mutation::Truncate(at) => {
            bytes.truncate(at.index(bytes.len() + 1));
            return;
        }
        Mutation::InsertBytes(at, b) => {
            let i = at.index(bytes.len() + 1);
            bytes.splice(i..i, b.iter().copied());
            return;
        }
        Mutation::ReplaceByte(at, b) if !bytes.is_empty() => {
            let i = at.index(bytes.len());
            bytes[i] = *b;
            return;
        }
        Mutation::DeleteByte(at) if !bytes.is_empty() => {
            bytes.remove(at.index(bytes.len()));
            return;
        }
        _ => return,
    }
    *bytes = lines.concat();
}

/// A real union with a few mutations applied: (slug, bytes, mutations).
pub(crate) fn mutated_union() -> impl Strategy<Value = (String, Vec<u8>, Vec<Mutation>)> {
    (
        select(REAL_UNIONS.clone()),
        prop::collection::vec(mutation(), 1..4),
    )
        .prop_map(|((slug, mut bytes), mutations)| {
            for m in &mutations {
                apply(&mut bytes, m);
            }
            (slug, bytes, mutations)
        })
}

#[test]
fn mutated_real_unions_never_panic() {
    let ws = Workspace::new();
    LazyLock::force(&THEME);
    let tally = Tally::new(&["decode-error", "parse-error", "merge-error", "rendered"]);
    run(
        "load_union + merge + render_union(mutated real union)",
        cases(1000, 0.5),
        mutated_union(),
        &tally,
        |(slug, bytes, _mutations)| {
            let path = ws.unions().join(format!("{slug}.toml"));
            fs::write(&path, &bytes).expect("write the union");
            let file = match load_union(&path) {
                Ok(file) => file,
                Err(list) => {
                    prop_assert!(!list.0.is_empty(), "an error without a diagnostic");
                    let lines = bytes.iter().filter(|&&b| b == b'\n').count() + 1;
                    let text = decode(&path, bytes.clone()).ok();
                    tally.add(if text.is_some() {
                        "parse-error"
                    } else {
                        "decode-error"
                    });
                    for d in &list.0 {
                        prop_assert!(d.line <= lines + 1);
                        check_diag(d, text.as_deref(), "load error")?;
                    }
                    return Ok(());
                }
            };
            let outcome = exercise(&path, &file.source, &file.path.with_extension(""))?;
            tally_outcome(&tally, &outcome);
            Ok(())
        },
    );
}
