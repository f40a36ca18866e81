//! File and folder names in a union's folder: names that break addresses, systems or eyes.

use std::ffi::OsStr;
use std::path::Path;

use super::refuse;
use crate::diagnostic::Diagnostic;

/// The longest file or folder name accepted, in characters.
const MAX_NAME: usize = 100;

/// Why a file or folder name is refused: not UTF-8, control or invisible characters, hidden
/// (leading `.`), too long, or (for assets and folders, whose names go into addresses) anything
/// but letters, digits, `-`, `_` and `.`. Page files (`lenient`) may hold other printable
/// characters: their names never reach an address.
pub(crate) fn odd_name(path: &Path, name: &OsStr, lenient: bool) -> Option<Diagnostic> {
    let shown = path.display().to_string().escape_debug().to_string();
    let Some(name) = name.to_str() else {
        return Some(name_problem(
            path,
            format!("the name of {shown} is not valid UTF-8"),
            "名前が UTF-8 ではありません".to_string(),
            "my-file".to_string(),
        ));
    };
    let better = suggest_name(name);
    let invisible = |c: char| {
        c.is_control()
            || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
    };
    if name.chars().any(invisible) {
        return Some(name_problem(
            path,
            format!(
                "the name {name:?} holds a control or invisible character (a line break, tab or direction mark)"
            ),
            format!(
                "名前 {name:?} に制御文字か見えない文字（改行・タブ・方向指定など）が入っています"
            ),
            better,
        ));
    }
    if name.starts_with('.') {
        return Some(name_problem(
            path,
            format!(
                "`{name}` is a hidden file: a union's folder holds only its pages and the pictures and documents it publishes"
            ),
            format!(
                "`{name}` は隠しファイルです。組合のフォルダにはページと公開する画像・文書だけを置いてください"
            ),
            better,
        ));
    }
    if name.chars().count() > MAX_NAME {
        return Some(name_problem(
            path,
            format!("the name `{name}` is longer than {MAX_NAME} characters"),
            format!("名前 `{name}` が {MAX_NAME} 文字より長くなっています"),
            better.chars().take(40).collect(),
        ));
    }
    let plain = |c: char| c.is_alphanumeric() || matches!(c, '-' | '_' | '.');
    let printable = |c: char| !matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|');
    let ok = if lenient {
        name.chars().all(printable) && name.trim() == name
    } else {
        name.chars().all(plain)
    };
    // `con.png`, `nul.pdf`…: Windows reserves the device names whatever the extension.
    let stem = name.split('.').next().unwrap_or(name).to_ascii_lowercase();
    let device = crate::load::union::RESERVED_SLUGS
        .iter()
        .skip_while(|s| **s != "con")
        .any(|s| *s == stem);
    if !ok || name.ends_with('.') || device {
        return Some(name_problem(
            path,
            format!(
                "the name `{name}` breaks web addresses or some systems (only letters, digits, `-`, `_` and `.` are accepted, and no Windows device name such as `con` or `nul`)"
            ),
            format!(
                "名前 `{name}` はウェブのアドレスや一部のシステムで使えません（文字・数字・`-`・`_`・`.` だけが使え、`con`・`nul` など Windows の装置名は使えません）"
            ),
            better,
        ));
    }
    None
}

fn name_problem(path: &Path, en: String, ja: String, better: String) -> Diagnostic {
    refuse(
        path,
        "file-name",
        (en, ja),
        (
            format!("rename it, e.g. `{better}`"),
            format!("名前を変えてください（例: `{better}`）"),
        ),
    )
}

/// A name made of the accepted characters only.
fn suggest_name(name: &str) -> String {
    let mut out = String::new();
    for c in name.trim_start_matches('.').chars() {
        if c.is_alphanumeric() || matches!(c, '_' | '.') {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_matches(['-', '.']).to_string();
    if out.is_empty() {
        "file".to_string()
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn odd_names_are_refused() {
        let p = Path::new("unions/u/x");
        for bad in [
            "a\nb.png",
            "a\tb.png",
            ".hidden.png",
            "a b.png",
            "a#b.png",
            "a%20.png",
            "a?.png",
            "a\u{202E}gnp.exe",
            "a.png.",
        ] {
            assert!(odd_name(p, OsStr::new(bad), false).is_some(), "{bad:?}");
        }
        for good in ["map.png", "地図.png", "a_b-c.2.pdf"] {
            assert!(odd_name(p, OsStr::new(good), false).is_none(), "{good}");
        }
        assert!(odd_name(p, OsStr::new("my page.md"), true).is_none());
        assert!(odd_name(p, OsStr::new("my page.png"), false).is_some());
        assert!(odd_name(p, OsStr::new("a:b.md"), true).is_some());
        assert!(odd_name(p, OsStr::new("ページ（案）.md"), true).is_none());
        assert!(odd_name(p, OsStr::new("a\nb.md"), true).is_some());
        assert_eq!(suggest_name(".a b\nc.png"), "a-b-c.png");
        for device in ["con.png", "NUL.pdf", "com1.jpg", "lpt9.webp"] {
            assert!(odd_name(p, OsStr::new(device), false).is_some(), "{device}");
        }
        assert!(odd_name(p, OsStr::new("console.png"), false).is_none());
    }
}
