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
const MARKUP: &[&[u8]] = &[
    b"<script",
    b"<html",
    b"<svg",
    b"<iframe",
    b"<object",
    b"<embed",
    b"<body",
    b"<!doctype",
    b"javascript:",
];
/// What makes a PDF run something: scripts, launching programs, embedded files.
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
    let bytes = std::fs::read(path).map_err(|e| {
        Diagnostic::file(path, format!("cannot read the file: {e}"))
            .rule("io")
            .ja(format!("ファイルを読めません: {e}"), None)
    })?;
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

/// Whether `bytes` contain one of `needles` (ASCII case-insensitive).
fn has_markup(bytes: &[u8], needles: &[&[u8]]) -> bool {
    needles.iter().any(|needle| {
        bytes
            .windows(needle.len())
            .any(|w| w.eq_ignore_ascii_case(needle))
    })
}

/// Whether a PDF names an action that runs something: `/JavaScript`, `/JS`, `/Launch`… as whole
/// PDF names (a name ends at a delimiter, white space or the end).
fn has_pdf_action(bytes: &[u8]) -> bool {
    PDF_ACTIONS.iter().any(|needle| {
        bytes.windows(needle.len()).enumerate().any(|(at, w)| {
            w.eq_ignore_ascii_case(needle)
                && bytes
                    .get(at + needle.len())
                    .is_none_or(|&b| !b.is_ascii_alphanumeric())
        })
    })
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
    }
}
