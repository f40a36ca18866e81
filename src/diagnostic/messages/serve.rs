//! `kumiai serve`: what the preview prints on the terminal, and the words of its overlay in
//! the browser.

use serde::Serialize;

use super::Lang;

/// The preview is up.
pub(crate) fn serving(lang: Lang, url: &str) -> String {
    match lang {
        Lang::En => format!("serving at {url} (Ctrl-C to stop)"),
        Lang::Ja => format!("{url} で公開中です（Ctrl-C で終了）"),
    }
}

/// `--bind 0.0.0.0`: the whole network sees the preview.
pub(crate) fn all_interfaces(lang: Lang, bind: &str) -> String {
    match lang {
        Lang::En => format!(
            "note: listening on all interfaces ({bind}): other machines on the network can see this preview"
        ),
        Lang::Ja => format!(
            "注意: すべてのネットワークインターフェース（{bind}）で待ち受けています。ネットワーク上の他の機器からも見えます"
        ),
    }
}

/// `--open` could not start a browser.
pub(crate) fn no_browser(lang: Lang, error: &str, url: &str) -> String {
    match lang {
        Lang::En => format!("could not open a browser ({error}); open {url} yourself"),
        Lang::Ja => format!("ブラウザを開けませんでした（{error}）。{url} を開いてください"),
    }
}

/// The preview's server or watcher stopped working.
pub(crate) fn server_failed(lang: Lang, error: &str) -> String {
    match lang {
        Lang::En => format!("kumiai serve: {error}"),
        Lang::Ja => format!("kumiai serve: プレビューのサーバーでエラーが起きました: {error}"),
    }
}

/// The file watcher lost track; everything is rebuilt.
pub(crate) fn watch_failed(lang: Lang, error: &str) -> String {
    match lang {
        Lang::En => {
            format!("kumiai serve: watching files: {error}; rebuilding everything to be safe")
        }
        Lang::Ja => format!(
            "kumiai serve: ファイルの変更を監視できませんでした（{error}）。念のためすべて再構築します"
        ),
    }
}

/// The project could not be loaded: at the first build (nothing to show yet) or later.
pub(crate) fn project_failed(lang: Lang, first: bool, ms: u128) -> String {
    match (lang, first) {
        (Lang::En, true) => format!(
            "the project could not be loaded ({ms} ms); the pages appear once it is fixed and saved"
        ),
        (Lang::Ja, true) => format!(
            "プロジェクトを読み込めませんでした（{ms} ms）。直して保存するとページが表示されます"
        ),
        (Lang::En, false) => format!(
            "the project could not be loaded ({ms} ms); the last good pages are still served"
        ),
        (Lang::Ja, false) => format!(
            "プロジェクトを読み込めませんでした（{ms} ms）。最後に正常だったページを表示しています"
        ),
    }
}

/// What the browser was told after a rebuild.
#[derive(Clone, Copy)]
pub(crate) enum Change {
    None,
    Css,
    Pages,
}

fn change_note(lang: Lang, change: Change) -> &'static str {
    match (lang, change) {
        (Lang::En, Change::None) => " (no page changed)",
        (Lang::En, Change::Css) => " (stylesheet swapped)",
        (Lang::En, Change::Pages) => " (reloaded)",
        (Lang::Ja, Change::None) => "（ページの変更なし）",
        (Lang::Ja, Change::Css) => "（スタイルシートを差し替え）",
        (Lang::Ja, Change::Pages) => "（再読み込み）",
    }
}

/// Only the stylesheet changed.
pub(crate) fn stylesheet(lang: Lang, sites: usize, ms: u128, change: Change) -> String {
    let note = change_note(lang, change);
    match lang {
        Lang::En => format!("rebuilt the stylesheet of {sites} site(s) in {ms} ms{note}"),
        Lang::Ja => format!("{sites} サイトのスタイルシートを更新しました（{ms} ms）{note}"),
    }
}

/// Every union was built: the first time (`change` is `None` then) or after a change of the
/// base, the theme or the settings.
pub(crate) fn all_built(
    lang: Lang,
    built: usize,
    ms: u128,
    change: Option<Change>,
    failed: &[String],
    warnings: usize,
) -> String {
    let tail = if failed.is_empty() {
        String::new()
    } else {
        let n = failed.len();
        match lang {
            Lang::En => format!(
                "; {n} failed ({}), their last good pages are still served",
                failed.join(", ")
            ),
            Lang::Ja => format!(
                "。{n} 組合が失敗（{}）、最後に正常だったページを表示しています",
                failed.join("、")
            ),
        }
    };
    let warn = match (lang, warnings) {
        (_, 0) => String::new(),
        (Lang::En, n) => {
            format!(", {n} warning(s) (shown in the browser; kumiai check lists them)")
        }
        (Lang::Ja, n) => format!("、警告 {n} 件（ブラウザに表示。kumiai check でも確認できます）"),
    };
    match (lang, change) {
        (Lang::En, None) => format!("built {built} union(s) in memory in {ms} ms{tail}{warn}"),
        (Lang::Ja, None) => format!("{built} 組合をメモリ上に構築しました（{ms} ms）{tail}{warn}"),
        (Lang::En, Some(change)) => format!(
            "rebuilt everything: {built} union(s) in {ms} ms{}{tail}{warn}",
            change_note(lang, change)
        ),
        (Lang::Ja, Some(change)) => format!(
            "全体を再構築しました: {built} 組合、{ms} ms{}{tail}{warn}",
            change_note(lang, change)
        ),
    }
}

/// Some unions were rebuilt, removed or failed after a save.
pub(crate) fn unions_changed(
    lang: Lang,
    built: &[String],
    removed: &[String],
    failed: &[String],
    ms: u128,
    change: Change,
) -> String {
    let sep = super::list_separator(lang);
    let mut parts = Vec::new();
    if !built.is_empty() {
        let list = built.join(sep);
        let note = change_note(lang, change);
        parts.push(match lang {
            Lang::En => format!("rebuilt {list} in {ms} ms{note}"),
            Lang::Ja => format!("{list} を再構築しました（{ms} ms）{note}"),
        });
    }
    if !removed.is_empty() {
        let list = removed.join(sep);
        parts.push(match lang {
            Lang::En => format!("removed {list} (its file is gone)"),
            Lang::Ja => format!("{list} を外しました（ファイルがありません）"),
        });
    }
    if !failed.is_empty() {
        let list = failed.join(sep);
        parts.push(match lang {
            Lang::En => {
                format!("{list} has errors ({ms} ms); its last good pages are still served")
            }
            Lang::Ja => format!(
                "{list} にエラーがあります（{ms} ms）。最後に正常だったページを表示しています"
            ),
        });
    }
    parts.join(match lang {
        Lang::En => "; ",
        Lang::Ja => "。",
    })
}

/// The fixed words of the overlay the preview shows over a page (sent with each payload;
/// `{n}` stands for a count).
#[derive(Serialize)]
pub(crate) struct OverlayWords {
    pub error: &'static str,
    pub warning: &'static str,
    pub note: &'static str,
    pub help: &'static str,
    pub acknowledged: &'static str,
    pub failed: &'static str,
    pub findings: &'static str,
    pub close: &'static str,
    pub show: &'static str,
    pub more: &'static str,
    pub errors_one: &'static str,
    pub errors_many: &'static str,
    pub warnings_one: &'static str,
    pub warnings_many: &'static str,
}

/// The overlay's words in the language.
pub(crate) fn overlay_words(lang: Lang) -> OverlayWords {
    match lang {
        Lang::En => OverlayWords {
            error: "error",
            warning: "warning",
            note: "acknowledged",
            help: "help",
            acknowledged: "acknowledged",
            failed: "The build failed: fix the file and save; this page shows the last good version until then.",
            findings: "Findings (the site still builds)",
            close: "Close",
            show: "Show diagnostics",
            more: "more not shown: run kumiai check",
            errors_one: "{n} error",
            errors_many: "{n} errors",
            warnings_one: "{n} warning",
            warnings_many: "{n} warnings",
        },
        Lang::Ja => OverlayWords {
            error: "エラー",
            warning: "警告",
            note: "確認済み",
            help: "ヒント",
            acknowledged: "組合の判断",
            failed: "ビルドに失敗しました。ファイルを直して保存してください。それまでは最後に正常だったページを表示しています。",
            findings: "指摘事項（サイトは構築されています）",
            close: "閉じる",
            show: "指摘を表示",
            more: "件は省略しました（kumiai check で確認できます）",
            errors_one: "エラー {n} 件",
            errors_many: "エラー {n} 件",
            warnings_one: "警告 {n} 件",
            warnings_many: "警告 {n} 件",
        },
    }
}
