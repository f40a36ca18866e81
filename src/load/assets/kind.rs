//! The kinds of asset a union may publish, told by content: PNG, JPEG, WebP, PDF; and the
//! markup or PDF actions that make a file a program whatever its first bytes say.

use std::ffi::OsStr;
use std::path::Path;

use super::refuse;
use crate::diagnostic::Diagnostic;

/// The kinds of asset a union may publish.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Png,
    Jpeg,
    Webp,
    Pdf,
}

impl Kind {
    fn by_extension(ext: &str) -> Option<Kind> {
        match ext.to_ascii_lowercase().as_str() {
            "png" => Some(Kind::Png),
            "jpg" | "jpeg" => Some(Kind::Jpeg),
            "webp" => Some(Kind::Webp),
            "pdf" => Some(Kind::Pdf),
            _ => None,
        }
    }

    fn by_content(bytes: &[u8]) -> Option<Kind> {
        if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            Some(Kind::Png)
        } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Some(Kind::Jpeg)
        } else if bytes.len() >= 12 && bytes.starts_with(b"RIFF") && &bytes[8..12] == b"WEBP" {
            Some(Kind::Webp)
        } else if bytes.starts_with(b"%PDF-") {
            Some(Kind::Pdf)
        } else {
            None
        }
    }

    fn name(self) -> &'static str {
        match self {
            Kind::Png => "a PNG image",
            Kind::Jpeg => "a JPEG image",
            Kind::Webp => "a WebP image",
            Kind::Pdf => "a PDF document",
        }
    }

    fn name_ja(self) -> &'static str {
        match self {
            Kind::Png => "PNG 画像",
            Kind::Jpeg => "JPEG 画像",
            Kind::Webp => "WebP 画像",
            Kind::Pdf => "PDF 文書",
        }
    }

    fn extension(self) -> &'static str {
        match self {
            Kind::Png => "png",
            Kind::Jpeg => "jpg",
            Kind::Webp => "webp",
            Kind::Pdf => "pdf",
        }
    }
}

const ALLOWED: &str = "PNG, JPEG or WebP pictures and PDF documents (.png, .jpg, .jpeg, .webp, .pdf), and Markdown page files (.md)";
const ALLOWED_JA: &str = "PNG・JPEG・WebP の画像と PDF 文書（.png .jpg .jpeg .webp .pdf）、ページの Markdown ファイル（.md）";

/// Text in a file that makes it a page or a script whatever its first bytes say.
/// Each is at least 6 bytes long, so that the compressed data of a real picture matches one by
/// chance about once in 10^13 bytes (a 4-byte `<svg` matched random megabytes in a test run).
const MARKUP: &[&[u8]] = &[
    b"<script",
    b"<html>",
    b"<html ",
    b"<iframe",
    b"<object",
    b"<embed",
    b"<body>",
    b"<body ",
    b"<!doctype",
    b"javascript:",
    b"onload=",
    b"onerror=",
];
/// What makes a PDF run something: scripts, launching programs, embedded files. Looked for
/// outside the PDF's streams only (see [`outside_streams`]): a 3-byte `/JS` would match the
/// compressed data of a real document by chance.
const PDF_ACTIONS: &[&[u8]] = &[
    b"/javascript",
    b"/js",
    b"/launch",
    b"/embeddedfile",
    b"/richmedia",
    b"/xfa",
];

/// Reads one asset and checks it is what its name says, and one of the kinds allowed.
pub(super) fn check_asset(path: &Path) -> Result<Vec<u8>, Diagnostic> {
    // The diagnostic names the whole path; the message, the name alone.
    let shown = format!(
        "`{}`",
        path.file_name().unwrap_or_default().to_string_lossy()
    );
    let ext = path.extension().and_then(OsStr::to_str).unwrap_or("");
    let Some(named) = Kind::by_extension(ext) else {
        let (why, why_ja) = match ext.to_ascii_lowercase().as_str() {
            "svg" | "svgz" => (
                "SVG pictures can carry script",
                "SVG 画像はスクリプトを含められるため",
            ),
            "html" | "htm" | "xhtml" | "xht" | "shtml" | "js" | "mjs" | "cjs" | "wasm" => (
                "pages and scripts would run in the reader's browser",
                "ページやスクリプトは閲覧者のブラウザで動いてしまうため",
            ),
            _ => (
                "only what a policy site needs is published",
                "ポリシーのサイトに必要なものだけを公開するため",
            ),
        };
        return Err(refuse(
            path,
            "asset-type",
            (
                format!("{shown} is not published: {why}; a union's folder may hold {ALLOWED}"),
                format!(
                    "{shown} は公開しません（{why_ja}）。組合のフォルダに置けるのは {ALLOWED_JA} です"
                ),
            ),
            (
                "save pictures as PNG, JPEG or WebP and documents as PDF, or remove the file"
                    .to_string(),
                "画像は PNG・JPEG・WebP、文書は PDF で保存するか、ファイルを削除してください"
                    .to_string(),
            ),
        ));
    };
    let bytes = std::fs::read(path).map_err(|e| Diagnostic::unreadable(path, &e, false))?;
    let found = Kind::by_content(&bytes);
    if found != Some(named) {
        let (what, what_ja) = match found {
            Some(kind) => (kind.name().to_string(), kind.name_ja().to_string()),
            None if has_markup(&bytes, MARKUP) => (
                "HTML or script".to_string(),
                "HTML かスクリプト".to_string(),
            ),
            None => (
                "not a kind kumiai publishes".to_string(),
                "kumiai が公開する種類ではありません".to_string(),
            ),
        };
        let stem = path.file_stem().and_then(OsStr::to_str).unwrap_or("file");
        let (help, help_ja) = match found {
            Some(kind) => (
                format!("rename it to `{stem}.{}`", kind.extension()),
                format!("名前を `{stem}.{}` に変えてください", kind.extension()),
            ),
            None => (
                format!(
                    "save it again as {} from the program that made it",
                    named.name()
                ),
                format!(
                    "作成したソフトで {} として保存し直してください",
                    named.name_ja()
                ),
            ),
        };
        return Err(refuse(
            path,
            "asset-type",
            (
                format!(
                    "{shown} is named as {} but its content is {what}; a union's folder may hold {ALLOWED}",
                    named.name()
                ),
                format!(
                    "{shown} は名前では{}ですが、中身は{what_ja}。組合のフォルダに置けるのは {ALLOWED_JA} です",
                    named.name_ja()
                ),
            ),
            (help, help_ja),
        ));
    }
    let pdf_action = named == Kind::Pdf && has_pdf_action(&bytes);
    if has_markup(&bytes, MARKUP) || pdf_action {
        return Err(refuse(
            path,
            "asset-type",
            (
                format!("{shown} is {} that also holds HTML, script or actions: a file that is both a picture or document and a program is not published", named.name()),
                format!("{shown} は{}ですが、HTML・スクリプト・動作の指定を含んでいます。このようなファイルは公開しません", named.name_ja()),
            ),
            (
                "export the picture or document again from the program that made it (for a PDF, without scripts, forms or attachments)".to_string(),
                "作成したソフトで書き出し直してください（PDF はスクリプト・フォーム・添付なしで）".to_string(),
            ),
        ));
    }
    Ok(bytes)
}

/// Where in `bytes` one of `needles` starts (ASCII case-insensitive), and which: one pass over
/// the bytes, comparing only where a needle's first byte is (a picture of a few megabytes is
/// scanned in milliseconds).
fn find_any<'a>(
    bytes: &'a [u8],
    needles: &'static [&'static [u8]],
) -> impl Iterator<Item = (usize, usize)> + 'a {
    let mut first = [false; 256];
    for needle in needles {
        if let Some(&b) = needle.first() {
            first[usize::from(b.to_ascii_lowercase())] = true;
            first[usize::from(b.to_ascii_uppercase())] = true;
        }
    }
    bytes
        .iter()
        .enumerate()
        .filter(move |&(_, &b)| first[usize::from(b)])
        .flat_map(move |(at, _)| {
            let rest = &bytes[at..];
            needles
                .iter()
                .filter(|n| rest.len() >= n.len() && rest[..n.len()].eq_ignore_ascii_case(n))
                .map(|n| (at, n.len()))
                .collect::<Vec<_>>()
        })
}

/// Whether `bytes` contain one of `needles` (ASCII case-insensitive).
fn has_markup(bytes: &[u8], needles: &'static [&'static [u8]]) -> bool {
    find_any(bytes, needles).next().is_some()
}

/// Whether a PDF names an action that runs something: `/JavaScript`, `/JS`, `/Launch`… as whole
/// PDF names (a name ends at a delimiter, white space or the end).
fn has_pdf_action(bytes: &[u8]) -> bool {
    outside_streams(bytes).into_iter().any(|part| {
        find_any(part, PDF_ACTIONS).any(|(at, len)| {
            part.get(at + len)
                .is_none_or(|&b| !b.is_ascii_alphanumeric())
        })
    })
}

/// The parts of a PDF outside its `stream … endstream` data: its objects' dictionaries, where
/// actions are named. (Objects packed into a compressed object stream are not seen: the
/// browsers' own PDF viewers do not run a document's scripts.)
fn outside_streams(bytes: &[u8]) -> Vec<&[u8]> {
    let find = |from: usize, needle: &[u8]| {
        bytes
            .get(from..)?
            .windows(needle.len())
            .position(|w| w == needle)
            .map(|i| from + i)
    };
    let mut parts = Vec::new();
    let mut at = 0;
    while let Some(start) = find(at, b"stream") {
        let data = start + b"stream".len();
        let is_keyword = matches!(bytes.get(data), Some(b'\r' | b'\n'))
            && (start == 0 || !bytes[start - 1].is_ascii_alphabetic());
        if !is_keyword {
            parts.push(&bytes[at..data]);
            at = data;
            continue;
        }
        parts.push(&bytes[at..data]);
        match find(data, b"endstream") {
            Some(end) => at = end,
            None => return parts,
        }
    }
    parts.push(&bytes[at..]);
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_are_told_by_content() {
        assert_eq!(Kind::by_content(b"\x89PNG\r\n\x1a\nrest"), Some(Kind::Png));
        assert_eq!(
            Kind::by_content(&[0xFF, 0xD8, 0xFF, 0xE0]),
            Some(Kind::Jpeg)
        );
        assert_eq!(Kind::by_content(b"RIFF\0\0\0\0WEBPVP8 "), Some(Kind::Webp));
        assert_eq!(Kind::by_content(b"%PDF-1.7\n"), Some(Kind::Pdf));
        assert_eq!(Kind::by_content(b"<!DOCTYPE html>"), None);
        assert_eq!(Kind::by_content(b"RIFF\0\0\0\0WAVE"), None);
        assert_eq!(Kind::by_extension("JPEG"), Some(Kind::Jpeg));
        assert_eq!(Kind::by_extension("svg"), None);
    }

    #[test]
    fn markup_and_pdf_actions_are_found() {
        assert!(has_markup(b"\x89PNG....<ScRiPt>", MARKUP));
        assert!(!has_markup(b"\x89PNG....<scrip", MARKUP));
        assert!(has_pdf_action(
            b"%PDF-1.4 << /S /JavaScript /JS (app.alert(1)) >>"
        ));
        assert!(has_pdf_action(b"%PDF-1.4 << /JS"));
        assert!(!has_pdf_action(b"%PDF-1.4 << /JSON >>"));
        // Inside a stream's data, `/JS` is compressed bytes, not a name.
        assert!(!has_pdf_action(
            b"%PDF-1.4 << /Length 4 >>\nstream\n/JS \nendstream\n<< /Type /Page >>"
        ));
        assert!(has_pdf_action(
            b"%PDF-1.4 << >>\nstream\nxx\nendstream\n<< /S /JavaScript >>"
        ));
        // One pass finds every needle, in any case.
        assert!(!has_markup(b"<svg><scrip", MARKUP));
        assert!(has_markup(b"xx<IFRAME", MARKUP));
    }
}
