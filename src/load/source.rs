//! Reading user files: text decoding and TOML parsing with located errors.

use std::path::Path;

use serde::de::DeserializeOwned;

use crate::diagnostic::Diagnostic;

/// Reads a UTF-8 text file (a leading BOM is dropped; CRLF is fine).
pub fn read_text(path: &Path) -> Result<String, Diagnostic> {
    let bytes = std::fs::read(path)
        .map_err(|e| Diagnostic::file(path, format!("cannot read the file: {e}")))?;
    decode(path, bytes)
}

/// Decodes file bytes as UTF-8, naming the line of the first bad byte.
pub fn decode(path: &Path, bytes: Vec<u8>) -> Result<String, Diagnostic> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(Diagnostic::file(
            path,
            "the file is saved as UTF-16; kumiai reads UTF-8",
        )
        .with_suggestion("save the file as \"UTF-8\" in your editor (メモ帳: 名前を付けて保存 → 文字コード UTF-8)"));
    }
    let bytes = match bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        Some(rest) => rest.to_vec(),
        None => bytes,
    };
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        let line = bytes[..valid].iter().filter(|&&b| b == b'\n').count() + 1;
        Diagnostic {
            line,
            column: 1,
            ..Diagnostic::file(
                path,
                format!("line {line} is not valid UTF-8 (the file may be saved as Shift_JIS)"),
            )
        }
        .with_suggestion("save the file as \"UTF-8\" in your editor (メモ帳: 名前を付けて保存 → 文字コード UTF-8)")
    })
}

/// Parses TOML text into `T`, turning a syntax or type error into a located diagnostic.
pub fn parse_toml<T: DeserializeOwned>(path: &Path, text: &str) -> Result<T, Diagnostic> {
    toml::from_str(text).map_err(|e| {
        let message = e.message().trim().to_string();
        match e.span() {
            Some(span) => Diagnostic::at(path, text, span, message),
            None => Diagnostic::file(path, message),
        }
    })
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
    fn shift_jis_is_reported_with_its_line() {
        // 「名前」 in Shift_JIS on line 2.
        let err = decode(
            Path::new("a"),
            b"a = 1\nname = \"\x96\xbc\x91\x4f\"\n".to_vec(),
        )
        .unwrap_err();
        assert_eq!(err.line, 2);
        assert!(err.message.contains("UTF-8"));
    }

    #[test]
    fn utf16_is_reported() {
        let err = decode(Path::new("a"), vec![0xFF, 0xFE, b'a', 0]).unwrap_err();
        assert!(err.message.contains("UTF-16"));
    }

    #[test]
    fn toml_errors_are_located() {
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        struct T {
            name: String,
        }
        let err = parse_toml::<T>(Path::new("a.toml"), "\nname = 3\n").unwrap_err();
        assert_eq!(err.line, 2);
        assert_eq!(err.column, 8);
    }
}
