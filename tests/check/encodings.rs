//! Encodings and broken files, for `check` and `build`.

use super::*;

const GOOD_RENAMED: &str = "改名健康保険組合";

/// A project with unions `good` and `bad`, both built while complete; then `bad` is replaced by
/// `bytes` and `good` is renamed. Checks that `check` (library and CLI) and `build` (library and
/// CLI) fail on `bad` only, with a diagnostic of `rule`, that `good` is still built, and that
/// `bad`'s previous site is left exactly as it was. Returns `bad`'s path and diagnostic.
fn broken_union(bytes: &[u8], rule: &str) -> (PathBuf, Diagnostic) {
    let p = Project::new();
    p.union("good", &clean(""));
    let bad = p.union("bad", &clean(""));
    let report = p.build();
    assert_built(&report, "good");
    assert_built(&report, "bad");
    let before = snapshot(&p.out().join("bad"));
    assert!(before.contains_key("index.html"));

    fs::write(&bad, bytes).expect("write the broken file");
    p.union("good", &clean("").replace("見本健康保険組合", GOOD_RENAMED));

    // check, through the library
    let report = p.check();
    assert_eq!(report.unions, 2);
    assert!(
        report
            .diagnostics
            .iter()
            .all(|d| d.file.starts_with(p.path().join("unions").join("bad")) || d.file == bad),
        "only `bad` has problems:\n{}",
        rendered(&report)
    );
    let found = report
        .diagnostics
        .iter()
        .find(|d| d.rule == rule && d.severity == Severity::Error)
        .unwrap_or_else(|| panic!("no `{rule}` error in:\n{}", rendered(&report)))
        .clone();
    assert_eq!(found.file, bad);

    // check, on the command line
    let out = p.check_cli(&[]);
    assert_eq!(exit_code(&out), 1, "{}", stderr(&out));
    assert!(
        stderr(&out).contains(&format!("[{rule}]")),
        "{}",
        stderr(&out)
    );
    assert!(!stderr(&out).contains("panicked"), "{}", stderr(&out));
    assert!(
        summary(&out).starts_with("checked 2 unions: "),
        "{}",
        stdout(&out)
    );

    // build, on the command line and through the library
    let out = p.cli(&[]);
    assert_eq!(exit_code(&out), 1, "{}", stderr(&out));
    assert!(!stderr(&out).contains("panicked"), "{}", stderr(&out));
    assert!(
        stderr(&out).contains(&bad.display().to_string()),
        "{}",
        stderr(&out)
    );
    assert!(
        p.read("good/index.html").contains(GOOD_RENAMED),
        "the good union is still built"
    );
    let report = p.build();
    assert_built(&report, "good");
    let list = problems(&report, "bad");
    assert!(list.iter().any(|d| d.rule == rule), "{}", describe(&report));
    assert_eq!(
        snapshot(&p.out().join("bad")),
        before,
        "the broken union's previous site is left as it was"
    );
    (bad, found)
}

fn utf16le(text: &str, bom: bool) -> Vec<u8> {
    let mut bytes = if bom { vec![0xFF, 0xFE] } else { vec![] };
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    bytes
}

#[test]
fn shift_jis_file() {
    // 「名前」 in Shift_JIS on line 2.
    let (_, d) = broken_union(b"[union]\nname = \"\x96\xbc\x91\x4f\"\n", "encoding");
    assert_eq!(d.line, 2, "{d}");
    assert!(d.message.contains("Shift_JIS"), "{d}");
    assert!(
        d.message.contains("name = \"名前\""),
        "the decoded line: {d}"
    );
    assert!(d.suggestion.as_deref().unwrap().contains("UTF-8"));
}

#[test]
fn utf16_file_with_bom() {
    let (_, d) = broken_union(&utf16le(&clean(""), true), "encoding");
    assert!(d.message.contains("UTF-16"), "{d}");
    assert!(
        d.message.contains("# テスト用の組合"),
        "first line decoded: {d}"
    );
}

#[test]
fn utf16_file_without_bom() {
    let (_, d) = broken_union(&utf16le(&clean(""), false), "encoding");
    assert!(d.message.contains("UTF-16"), "{d}");
    assert!(
        d.message.contains("# テスト用の組合"),
        "first line decoded: {d}"
    );
}

#[test]
fn utf16_file_without_bom_mostly_japanese() {
    let acom = fs::read_to_string(repo_root().join("unions").join("acom.toml")).expect("acom");
    let (_, d) = broken_union(&utf16le(&acom, false), "encoding");
    assert!(d.message.contains("UTF-16"), "{d}");
}

#[test]
fn truncated_file() {
    let src = clean("");
    let cut = pos(&src, "東京都千代田区") + "東京都".len();
    let (line, _) = locate(&src, "東京都千代田区");
    let (_, d) = broken_union(&src.as_bytes()[..cut], "toml-syntax");
    assert_eq!(d.line, line, "{d}");
    assert!(d.suggestion.is_some(), "{d}");
}

#[test]
fn random_bytes() {
    // A fixed pseudo-random sequence (xorshift), so a failure can be reproduced.
    let mut x: u32 = 0x9E37_79B9;
    let bytes: Vec<u8> = (0..4096)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            (x >> 24) as u8
        })
        .collect();
    let p = Project::new();
    p.union("good", &clean(""));
    let bad = p.union("bad", &clean(""));
    p.build();
    let before = snapshot(&p.out().join("bad"));
    fs::write(&bad, &bytes).expect("write");

    let report = p.check();
    assert!(report.count(Severity::Error) >= 1, "{}", rendered(&report));
    assert!(report.diagnostics.iter().all(|d| d.file == bad));
    let out = p.check_cli(&[]);
    assert_eq!(exit_code(&out), 1, "{}", stderr(&out));
    assert!(!stderr(&out).contains("panicked"), "{}", stderr(&out));
    let out = p.cli(&[]);
    assert_eq!(exit_code(&out), 1, "{}", stderr(&out));
    assert!(!stderr(&out).contains("panicked"), "{}", stderr(&out));
    assert_built(&p.build(), "good");
    assert_eq!(snapshot(&p.out().join("bad")), before);
}

#[test]
fn unknown_key() {
    let src = clean("").replacen("name =", "nmae =", 1);
    let (bad, d) = broken_union(src.as_bytes(), "unknown-key");
    assert_at(&d, &bad, &src, "nmae", 0);
    assert!(d.suggestion.as_deref().unwrap().contains("`name`"), "{d}");
}

#[test]
fn wrong_type() {
    let src = clean("[[item]]\nid = \"benefits.internal.payment\"\nconsent = \"yes\"\n");
    let (bad, d) = broken_union(src.as_bytes(), "wrong-type");
    assert_at(&d, &bad, &src, "\"yes\"", 0);
}

#[test]
fn invalid_value() {
    let src = clean("[presentation]\nlayout = \"tabel\"\n");
    let (bad, d) = broken_union(src.as_bytes(), "invalid-value");
    assert_at(&d, &bad, &src, "\"tabel\"", 0);
    assert!(d.suggestion.as_deref().unwrap().contains("`table`"), "{d}");
}

#[test]
fn utf8_bom_and_crlf_files_are_read_as_they_are() {
    let typo = "[[section]]\nid = \"claims\"\nshort_title = \"診察報酬の審査・支払\"\n";
    let src = clean(typo);
    let (line, column) = locate(&src, "診察報酬");
    let variants: [(&str, Vec<u8>); 3] = [
        ("bom", [b"\xEF\xBB\xBF".as_slice(), src.as_bytes()].concat()),
        ("crlf", src.replace('\n', "\r\n").into_bytes()),
        (
            "both",
            [
                b"\xEF\xBB\xBF".as_slice(),
                src.replace('\n', "\r\n").as_bytes(),
            ]
            .concat(),
        ),
    ];
    let p = Project::new();
    for (slug, bytes) in &variants {
        fs::write(p.union_path(slug), bytes).expect("write");
    }
    let report = p.check();
    assert_eq!(report.unions, 3);
    assert_rules(&report, &["known-typo", "known-typo", "known-typo"]);
    for d in &report.diagnostics {
        assert_eq!((d.line, d.column), (line, column), "{d}");
        assert_eq!(
            d.source_line.as_deref(),
            Some("short_title = \"診察報酬の審査・支払\""),
            "no BOM, no CR in the frame"
        );
    }
    let out = p.check_cli(&[]);
    assert_eq!(exit_code(&out), 0, "{}", stderr(&out));
    let report = p.build();
    for (slug, _) in &variants {
        assert_built(&report, slug);
        let index = p.read(&format!("{slug}/index.html"));
        assert!(index.contains("UNION 見本健康保険組合 /"), "{index}");
        assert!(!index.contains('\u{FEFF}'), "no BOM reaches a page");
    }
}
