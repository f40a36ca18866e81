//! The message catalogue: every line kumiai prints that is not a diagnostic of a user's file,
//! in English and Japanese, in one place (this folder).
//!
//! A translator reads the Japanese of every message here, beside its English. Each message is
//! one function taking the [`Lang`] and its typed arguments and returning the text; the caller
//! prints it. To add a message: add a function to the file of its command (or a new file
//! here, declared below), with both languages in one `match lang`, and call it where the line
//! is printed. The English side stays byte-identical to what kumiai printed before.
//!
//! - [`build`]: `kumiai build`'s summary line, notes, verbose lines and progress bar;
//! - [`commands`]: the lines of `check`, `new`, `init`, `report`, `contractors`, `serve`;
//! - [`serve`]: the preview's console lines and the words of its browser overlay;
//! - [`help`]: the command line's help (every command and option) and clap's own words and
//!   errors in Japanese (the English help is the doc comments of `src/cli.rs`);
//! - here: the words every command shares, and how a failed command's error is printed.

use super::Lang;

pub(crate) mod build;
pub(crate) mod commands;
pub(crate) mod help;
pub(crate) mod serve;

/// The word a problem line starts with: `error: …`.
pub(crate) fn error_word(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "error",
        Lang::Ja => "エラー",
    }
}

/// The word a warning line starts with: `warning: …`.
pub(crate) fn warning_word(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "warning",
        Lang::Ja => "警告",
    }
}

/// The separator of a list in running text: `a, b` / `a、b`.
pub(crate) fn list_separator(lang: Lang) -> &'static str {
    match lang {
        Lang::En => ", ",
        Lang::Ja => "、",
    }
}

/// Up to five names, then how many more: `a, b, c, d, e and 3 more` / `a、b、c、d、e ほか 3 件`.
pub(crate) fn names(lang: Lang, all: &[String]) -> String {
    let mut text = all
        .iter()
        .take(5)
        .cloned()
        .collect::<Vec<_>>()
        .join(list_separator(lang));
    if all.len() > 5 {
        let more = all.len() - 5;
        text.push_str(&match lang {
            Lang::En => format!(" and {more} more"),
            Lang::Ja => format!(" ほか {more} 件"),
        });
    }
    text
}

/// A failed command's error, as printed at the top level (no trailing newline).
///
/// English: the whole chain of causes, as before (`prefix` is `"error: "` where the command
/// printed one, `""` where it did not). Japanese: a Japanese lead line (what failed, and the
/// operating system's reason named in Japanese when there is one), then the English chain
/// marked 詳細 for whoever must look further. A failure that is a list of diagnostics of the
/// user's files (a broken `kumiai.toml`, say) is printed as those diagnostics, in Japanese too.
pub(crate) fn failure(lang: Lang, prefix: &str, error: &anyhow::Error) -> String {
    if lang == Lang::Ja
        && let Some(super::Diagnostics(list)) = error.downcast_ref::<super::Diagnostics>()
    {
        // As English prints them (`{error:#}`), in Japanese.
        return list.iter().map(|d| d.render(lang)).collect();
    }
    match lang {
        Lang::En => format!("{prefix}{error:#}"),
        Lang::Ja => {
            let reason = error
                .chain()
                .find_map(|cause| cause.downcast_ref::<std::io::Error>())
                .map(|io| format!("（原因: {}）", io_kind(io.kind())))
                .unwrap_or_default();
            format!("エラー: 処理を完了できませんでした{reason}\n詳細: {error:#}")
        }
    }
}

/// What the operating system said went wrong, in Japanese words a person can act on.
pub(crate) fn io_kind(kind: std::io::ErrorKind) -> &'static str {
    use std::io::ErrorKind as K;
    match kind {
        K::NotFound => "ファイルまたはフォルダが見つかりません",
        K::PermissionDenied => "アクセスする権限がありません",
        K::AlreadyExists => "同じ名前のファイルまたはフォルダがすでにあります",
        K::AddrInUse => {
            "そのポートはほかのプログラムが使っています（--port で別の番号を指定してください）"
        }
        K::AddrNotAvailable => "そのアドレスはこの機器では使えません",
        K::ConnectionRefused | K::ConnectionReset | K::ConnectionAborted => "接続が切れました",
        K::InvalidInput | K::InvalidData => "内容が正しくありません",
        K::TimedOut => "時間内に終わりませんでした",
        K::WriteZero | K::StorageFull => "ディスクがいっぱいです",
        K::ReadOnlyFilesystem => "書き込みできない場所です（読み取り専用）",
        K::DirectoryNotEmpty => "フォルダが空ではありません",
        K::NotADirectory => "フォルダではありません",
        K::IsADirectory => "ファイルではなくフォルダです",
        K::Interrupted => "中断されました",
        K::BrokenPipe => "出力先が閉じられました",
        K::OutOfMemory => "メモリが足りません",
        K::Unsupported => "この環境では使えない操作です",
        _ => "ファイルの読み書きに失敗しました",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_cut_after_five_in_both_languages() {
        let all: Vec<String> = (1..=7).map(|i| format!("u{i}")).collect();
        assert_eq!(names(Lang::En, &all), "u1, u2, u3, u4, u5 and 2 more");
        assert_eq!(names(Lang::Ja, &all), "u1、u2、u3、u4、u5 ほか 2 件");
    }

    #[test]
    fn a_failure_in_japanese_leads_in_japanese_and_names_the_io_reason() {
        let io = std::io::Error::new(std::io::ErrorKind::PermissionDenied, "denied");
        let error = anyhow::Error::new(io).context("writing public/x");
        let ja = failure(Lang::Ja, "error: ", &error);
        let first = ja.lines().next().unwrap_or_default();
        assert!(
            first.starts_with("エラー: ") && first.contains("権限"),
            "{ja}"
        );
        assert!(ja.contains("\n詳細: writing public/x: denied"), "{ja}");
        assert_eq!(
            failure(Lang::En, "error: ", &error),
            "error: writing public/x: denied"
        );
    }
}
