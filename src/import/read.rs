//! Reading a saved policy: bytes → text. Old union sites are Shift_JIS or EUC-JP, text copied
//! out of a PDF is UTF-8 or UTF-16; each refusal (unreadable, binary, unknown encoding, empty)
//! is a Diagnostic naming the file.

use std::path::Path;

use encoding_rs::{EUC_JP, Encoding, SHIFT_JIS, UTF_8};

use crate::diagnostic::Diagnostic;

/// One input file, decoded.
#[derive(Debug, Clone)]
pub struct Source {
    pub text: String,
    /// The encoding it was read in, e.g. `Shift_JIS`.
    pub encoding: &'static str,
    /// Whether it is a web page (starts with a tag) rather than plain text.
    pub html: bool,
}

/// Reads and decodes one file.
pub fn read(path: &Path) -> Result<Source, Diagnostic> {
    let bytes = std::fs::read(path).map_err(|e| unreadable(path, &e))?;
    let source = decode(path, &bytes)?;
    if source.text.trim().is_empty() {
        return Err(empty(path));
    }
    Ok(source)
}

/// Decodes bytes: a byte-order mark wins, then the page's own `<meta charset>`, then the first
/// of UTF-8, Shift_JIS and EUC-JP that decodes without a single error (the likelier Japanese
/// text when both legacy ones do).
pub fn decode(path: &Path, bytes: &[u8]) -> Result<Source, Diagnostic> {
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        return strict(path, encoding, &bytes[bom..]);
    }
    if looks_binary(bytes) {
        return Err(binary(path, bytes));
    }
    if let Some(encoding) = declared_charset(bytes) {
        return strict(path, encoding, bytes);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(source(text.to_string(), UTF_8));
    }
    let candidates: Vec<(String, &'static Encoding)> = [SHIFT_JIS, EUC_JP]
        .into_iter()
        .filter_map(|e| {
            Some((
                e.decode_without_bom_handling_and_without_replacement(bytes)?
                    .into_owned(),
                e,
            ))
        })
        .collect();
    candidates
        .into_iter()
        .max_by_key(|(text, _)| japanese_share(text))
        .map(|(text, e)| source(text, e))
        .ok_or_else(|| unknown_encoding(path))
}

fn source(text: String, encoding: &'static Encoding) -> Source {
    let html = text
        .trim_start_matches('\u{feff}')
        .trim_start()
        .starts_with('<');
    Source {
        text: text.replace("\r\n", "\n").replace('\r', "\n"),
        encoding: encoding.name(),
        html,
    }
}

/// Decodes in a known encoding, refusing any byte that is not of it.
fn strict(path: &Path, encoding: &'static Encoding, bytes: &[u8]) -> Result<Source, Diagnostic> {
    match encoding.decode_without_bom_handling_and_without_replacement(bytes) {
        Some(text) => Ok(source(text.into_owned(), encoding)),
        None => Err(wrong_declared(path, encoding.name())),
    }
}

/// The charset a page declares in its first 2 KiB (`<meta charset="shift_jis">` or the
/// `http-equiv` form); only ASCII is looked at, so any encoding can be read this way.
fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head: String = bytes
        .iter()
        .take(2048)
        .map(|&b| {
            if b.is_ascii() {
                (b as char).to_ascii_lowercase()
            } else {
                ' '
            }
        })
        .collect();
    let at = head.find("charset=")? + "charset=".len();
    let label: String = head[at..]
        .trim_start_matches(['"', '\''])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
        .collect();
    // A page saved by a browser is UTF-8 whatever its meta says; trust the bytes first.
    if std::str::from_utf8(bytes).is_ok() {
        return None;
    }
    Encoding::for_label(label.as_bytes())
}

/// Share of kana and kanji among the characters, to choose between two decodings of the same
/// bytes (Shift_JIS read as EUC-JP gives rare kanji and half-width kana).
fn japanese_share(text: &str) -> usize {
    let common = text
        .chars()
        .filter(|c| matches!(*c as u32, 0x3040..=0x30FF | 0x4E00..=0x9FFF | 0x3000..=0x303F))
        .count();
    common * 1000 / text.chars().count().max(1)
}

/// NUL bytes or a PDF's header: not text at all.
fn looks_binary(bytes: &[u8]) -> bool {
    bytes.starts_with(b"%PDF") || bytes.iter().take(8192).any(|&b| b == 0)
}

fn unreadable(path: &Path, e: &std::io::Error) -> Diagnostic {
    Diagnostic::file(path, format!("cannot read {}: {e}", path.display()))
        .rule("import")
        .with_suggestion("check the path, and that the file is a saved web page or a text file")
        .ja(
            format!("{} を読み込めません: {e}", path.display()),
            Some(
                "パスと、保存したウェブページまたはテキストファイルであることを確認してください"
                    .into(),
            ),
        )
}

fn empty(path: &Path) -> Diagnostic {
    Diagnostic::file(
        path,
        format!("{} is empty: there is no policy to import", path.display()),
    )
    .rule("import")
    .with_suggestion("save the union's policy page again (the whole page, not a link to it)")
    .ja(
        format!("{} は空です。取り込む方針がありません", path.display()),
        Some("組合の方針のページを保存し直してください（リンクではなくページ全体）".into()),
    )
}

fn binary(path: &Path, bytes: &[u8]) -> Diagnostic {
    let what = if bytes.starts_with(b"%PDF") {
        "a PDF"
    } else {
        "binary data"
    };
    let what_ja = if bytes.starts_with(b"%PDF") {
        "PDF"
    } else {
        "バイナリデータ"
    };
    Diagnostic::file(
        path,
        format!("{} is {what}, not a web page or text", path.display()),
    )
    .rule("encoding")
    .with_suggestion("copy the policy's text out of the document and save it as a .txt file")
    .ja(
        format!(
            "{} は{what_ja}で、ウェブページでもテキストでもありません",
            path.display()
        ),
        Some("文書から方針の文章をコピーし、.txt ファイルとして保存してください".into()),
    )
}

fn unknown_encoding(path: &Path) -> Diagnostic {
    Diagnostic::file(
        path,
        format!(
            "{} is not in UTF-8, Shift_JIS or EUC-JP: its encoding is unknown",
            path.display()
        ),
    )
    .rule("encoding")
    .with_suggestion("open it in a browser or an editor and save it as UTF-8")
    .ja(
        format!(
            "{} は UTF-8・Shift_JIS・EUC-JP のどれでもありません（文字コードが不明です）",
            path.display()
        ),
        Some("ブラウザかエディタで開き、UTF-8 で保存し直してください".into()),
    )
}

fn wrong_declared(path: &Path, encoding: &str) -> Diagnostic {
    Diagnostic::file(
        path,
        format!(
            "{} says it is {encoding}, but holds bytes that are not",
            path.display()
        ),
    )
    .rule("encoding")
    .with_suggestion("open it in a browser or an editor and save it as UTF-8")
    .ja(
        format!(
            "{} は {encoding} と書かれていますが、{encoding} でない文字を含みます",
            path.display()
        ),
        Some("ブラウザかエディタで開き、UTF-8 で保存し直してください".into()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decoded(bytes: &[u8]) -> Result<Source, Diagnostic> {
        decode(Path::new("p.html"), bytes)
    }

    #[test]
    fn legacy_encodings_are_told_apart() {
        let text = "個人情報の利用目的について、当組合は次のとおり公表します。";
        for encoding in [SHIFT_JIS, EUC_JP] {
            let (bytes, _, _) = encoding.encode(text);
            let source = decoded(&bytes).expect("decodes");
            assert_eq!(source.text, text);
            assert_eq!(source.encoding, encoding.name());
        }
    }

    #[test]
    fn declared_charset_and_bom() {
        let (bytes, _, _) = SHIFT_JIS.encode("<meta charset=\"Shift_JIS\"><p>保険給付</p>");
        assert_eq!(decoded(&bytes).expect("decodes").encoding, "Shift_JIS");
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice("保険".as_bytes());
        assert_eq!(decoded(&bom).expect("decodes").text, "保険");
    }

    #[test]
    fn binary_and_unknown_are_refused() {
        assert_eq!(
            decoded(b"%PDF-1.7 ...").map(|_| ()).unwrap_err().rule,
            "encoding"
        );
        assert_eq!(
            decoded(&[0x82, 0xA0, 0xFF, 0xFF, 0x80])
                .map(|_| ())
                .unwrap_err()
                .rule,
            "encoding"
        );
    }
}
