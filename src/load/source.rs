//! Reading user files: text decoding and TOML parsing with located errors.

use std::path::Path;

use encoding_rs::{Encoding, SHIFT_JIS, UTF_16BE, UTF_16LE};
use serde::de::DeserializeOwned;

use super::toml_check::{Checked, check};
use super::toml_explain::diagnose;
use crate::diagnostic::{Diagnostic, Diagnostics};

const SAVE_AS_UTF8: &str =
    "save the file as \"UTF-8\" in your editor (e.g. Notepad: File → Save As → Encoding: UTF-8)";
const SAVE_AS_UTF8_JA: &str = "エディタで文字コードを「UTF-8」にして保存し直してください（メモ帳: 名前を付けて保存 → 文字コード: UTF-8）";

/// Reads a UTF-8 text file (a leading BOM is dropped; CRLF is fine).
pub fn read_text(path: &Path) -> Result<String, Diagnostic> {
    let bytes = std::fs::read(path).map_err(|e| Diagnostic::unreadable(path, &e, false))?;
    decode(path, bytes)
}

/// Decodes file bytes as UTF-8. Files saved as UTF-16 or Shift_JIS (common on Japanese
/// Windows) are named as such, with the decoded text of the first line that is not UTF-8,
/// so the user sees their own words rather than mojibake.
pub fn decode(path: &Path, bytes: Vec<u8>) -> Result<String, Diagnostic> {
    if let Some(first) = utf32_first_line(&bytes) {
        return Err(wrong_encoding(path, "UTF-32", 1, &first));
    }
    if let Some((encoding, bom)) = Encoding::for_bom(&bytes)
        && encoding != encoding_rs::UTF_8
    {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom..]);
        let first = text.lines().next().unwrap_or_default().to_string();
        return Err(wrong_encoding(path, "UTF-16", 1, &first));
    }
    // Some editors add a byte order mark to a file that already has one.
    let mut start = 0;
    while bytes[start..].starts_with(&[0xEF, 0xBB, 0xBF]) {
        start += 3;
    }
    let mut bytes = bytes;
    bytes.drain(..start);
    // Valid UTF-8 without NUL bytes is the common case: only then is the file not UTF-16.
    let suspicious = bytes.contains(&0) || std::str::from_utf8(&bytes).is_err();
    if let Some(encoding) = suspicious.then(|| utf16_without_bom(&bytes)).flatten() {
        let (text, _) = encoding.decode_without_bom_handling(&bytes);
        let first = text.lines().next().unwrap_or_default().to_string();
        return Err(wrong_encoding(path, "UTF-16", 1, &first));
    }
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        let line = bytes[..valid].iter().filter(|&&b| b == b'\n').count() + 1;
        let start = bytes[..valid]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        let end = bytes[valid..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(bytes.len(), |i| valid + i);
        let raw_line = &bytes[start..end];
        match SHIFT_JIS.decode_without_bom_handling_and_without_replacement(bytes) {
            Some(_) => {
                let (text, _) = SHIFT_JIS.decode_without_bom_handling(raw_line);
                wrong_encoding(path, "Shift_JIS (CP932)", line, text.trim_end())
            }
            None => Diagnostic {
                line,
                column: String::from_utf8_lossy(&bytes[start..valid]).chars().count() + 1,
                ..Diagnostic::file(
                    path,
                    format!("line {line} is not valid UTF-8 text (the file may be damaged)"),
                )
            }
            .rule("encoding")
            .with_suggestion(SAVE_AS_UTF8)
            .ja(
                format!("{line} 行目が UTF-8 の文字として読めません（ファイルが壊れている可能性があります）"),
                Some(SAVE_AS_UTF8_JA.to_string()),
            ),
        }
    })
}

/// The first line of a file saved as UTF-32 (with a byte order mark, or without one: then every
/// character takes four bytes, most of them zero), which UTF-16 detection would misname.
fn utf32_first_line(bytes: &[u8]) -> Option<String> {
    if bytes.len() < 4 || !bytes.len().is_multiple_of(4) {
        return None;
    }
    let (little, start) = match bytes {
        [0xFF, 0xFE, 0, 0, ..] => (true, 4),
        [0, 0, 0xFE, 0xFF, ..] => (false, 4),
        _ => {
            // Without a mark: the zero high bytes of every character show the order.
            let units = bytes.len() / 4;
            let le = bytes.chunks(4).filter(|c| c[2] == 0 && c[3] == 0).count();
            let be = bytes.chunks(4).filter(|c| c[0] == 0 && c[1] == 0).count();
            if le == units && be < units {
                (true, 0)
            } else if be == units && le < units {
                (false, 0)
            } else {
                return None;
            }
        }
    };
    let text: Option<String> = bytes[start..]
        .chunks(4)
        .map(|c| {
            let word = [c[0], c[1], c[2], c[3]];
            let code = if little {
                u32::from_le_bytes(word)
            } else {
                u32::from_be_bytes(word)
            };
            char::from_u32(code).filter(|&c| c != '\0' || start == 4)
        })
        .collect();
    let text = text?;
    // Text, not binary: almost no control characters.
    let controls = text
        .chars()
        .filter(|c| c.is_control() && !c.is_whitespace())
        .count();
    (controls * 20 <= text.chars().count())
        .then(|| text.lines().next().unwrap_or_default().to_string())
}

/// UTF-16 saved without a byte order mark: the bytes decode as UTF-16 into text that looks like
/// an override file (ASCII keys, Japanese values), in the byte order that gives the most ASCII.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    if bytes.len() < 4 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    [UTF_16LE, UTF_16BE]
        .into_iter()
        .filter_map(|encoding| {
            let text = encoding.decode_without_bom_handling_and_without_replacement(bytes)?;
            let (plausible, ascii) = text.chars().fold((0usize, 0usize), |(p, a), c| {
                let is_ascii = c.is_ascii_graphic() || c.is_ascii_whitespace();
                let japanese = matches!(c as u32,
                    0x3000..=0x30FF | 0x4E00..=0x9FFF | 0xFF00..=0xFFEF | 0x2010..=0x2312);
                (
                    p + usize::from(is_ascii || japanese),
                    a + usize::from(is_ascii),
                )
            });
            let total = text.chars().count().max(1);
            // Random bytes decode to a scatter of rare characters; text is almost all plausible,
            // and an override always has some ASCII (keys, `=`, quotes, new lines).
            (plausible * 100 >= total * 97 && ascii * 4 >= total).then_some((ascii, encoding))
        })
        .max_by_key(|(ascii, _)| *ascii)
        .map(|(_, encoding)| encoding)
}

fn wrong_encoding(path: &Path, encoding: &str, line: usize, text: &str) -> Diagnostic {
    Diagnostic {
        line,
        column: 1,
        source_line: Some(text.to_string()),
        width: text.chars().count().max(1),
        ..Diagnostic::file(
            path,
            format!("the file is saved as {encoding}; kumiai reads UTF-8 (line {line} reads: {text})"),
        )
    }
    .rule("encoding")
    .with_suggestion(SAVE_AS_UTF8)
    .ja(
        format!("ファイルが {encoding} で保存されています。kumiai は UTF-8 のファイルを読みます（{line} 行目: {text}）"),
        Some(SAVE_AS_UTF8_JA.to_string()),
    )
}

/// Parses TOML text into `T`, turning a syntax or type error into a located diagnostic with a
/// plain explanation and, for unknown keys or values, the nearest valid one. Only the first
/// problem: see [`parse_toml_all`] for every one.
#[cfg(test)]
pub fn parse_toml<T: DeserializeOwned>(path: &Path, text: &str) -> Result<T, Diagnostic> {
    parse_toml_all(path, text).map_err(|Diagnostics(list)| {
        list.into_iter()
            .next()
            .unwrap_or_else(|| Diagnostic::file(path, "invalid TOML").rule("toml-syntax"))
    })
}

/// Parses TOML text into `T`, reporting every problem of the file (every syntax error the
/// parser recovers from, then every key and type error), each located and explained.
pub fn parse_toml_all<T: DeserializeOwned>(path: &Path, text: &str) -> Result<T, Diagnostics> {
    match check::<T>(text) {
        Checked::Ok(value) => Ok(value),
        Checked::Problems { problems, empty } => {
            Err(Diagnostics(diagnose(path, text, problems, empty)))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_is_dropped() {
        let text = decode(Path::new("a"), b"\xEF\xBB\xBFname = 1".to_vec()).unwrap();
        assert_eq!(text, "name = 1");
    }

    #[test]
    fn shift_jis_is_reported_with_its_line_decoded() {
        // 「名前」 in Shift_JIS on line 2.
        let err = decode(
            Path::new("a"),
            b"a = 1\nname = \"\x96\xbc\x91\x4f\"\n".to_vec(),
        )
        .unwrap_err();
        assert_eq!(err.line, 2);
        assert!(err.message.contains("Shift_JIS"), "{err}");
        assert!(err.message.contains("name = \"名前\""), "{err}");
        assert_eq!(err.rule, "encoding");
    }

    #[test]
    fn utf16_is_reported_with_or_without_bom() {
        let text = "name = \"組合\"\n";
        let mut le: Vec<u8> = vec![0xFF, 0xFE];
        le.extend(text.encode_utf16().flat_map(|u| u.to_le_bytes()));
        let err = decode(Path::new("a"), le.clone()).unwrap_err();
        assert!(
            err.message.contains("UTF-16") && err.message.contains("組合"),
            "{err}"
        );
        let err = decode(Path::new("a"), le[2..].to_vec()).unwrap_err();
        assert!(err.message.contains("UTF-16"), "{err}");
    }

    #[test]
    fn random_bytes_are_reported_not_decoded() {
        let err = decode(Path::new("a"), vec![b'a', 0xFF, 0xFE, 0xFD, b'\n']).unwrap_err();
        assert_eq!(err.line, 1);
        assert!(!err.message.is_empty());
    }

    #[derive(serde::Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct T {
        name: String,
        #[serde(default)]
        kind: Option<Kind>,
    }

    #[derive(serde::Deserialize, Debug)]
    #[serde(rename_all = "lowercase")]
    enum Kind {
        List,
        Table,
    }

    #[test]
    fn toml_errors_are_located() {
        let err = parse_toml::<T>(Path::new("a.toml"), "\nname = 3\n").unwrap_err();
        assert_eq!((err.line, err.column), (2, 8));
        assert_eq!(err.rule, "wrong-type");
    }

    #[test]
    fn unknown_keys_and_values_get_the_nearest() {
        let err = parse_toml::<T>(Path::new("a.toml"), "name = \"x\"\nnmae = \"y\"\n").unwrap_err();
        assert_eq!((err.rule, err.line), ("unknown-key", 2));
        assert!(err.suggestion.unwrap().contains("`name`"));
        assert!(err.message_ja.unwrap().contains("nmae"));
        let err =
            parse_toml::<T>(Path::new("a.toml"), "name = \"x\"\nkind = \"tabel\"\n").unwrap_err();
        assert_eq!(err.rule, "invalid-value");
        assert!(err.suggestion.unwrap().contains("`table`"));
    }

    #[test]
    fn missing_keys_and_syntax_errors_are_explained() {
        let err = parse_toml::<T>(Path::new("a.toml"), "kind = \"list\"\n").unwrap_err();
        assert_eq!(err.rule, "missing-key");
        let err = parse_toml::<T>(Path::new("a.toml"), "name = \"unterminated\n").unwrap_err();
        assert_eq!((err.rule, err.line), ("toml-syntax", 1));
    }
}
