//! What `serve` prints on the terminal: one line per rebuild, after the diagnostics it found,
//! in the user's language.

use super::engine::Event;
use super::state::Change;
use crate::diagnostic::Lang;

/// Prints what a run of the engine did.
pub(crate) fn report(events: &[Event], lang: Lang) {
    for event in events {
        for d in problems(event) {
            eprint!("{}", d.render(lang));
        }
        if let Some(line) = line(event, lang) {
            println!("{line}");
        }
    }
}

fn problems(event: &Event) -> &[crate::diagnostic::Diagnostic] {
    match event {
        Event::ProjectFailed { problems, .. }
        | Event::All { problems, .. }
        | Event::Unions { problems, .. }
        | Event::Problems(problems) => problems,
        Event::Stylesheet { .. } => &[],
    }
}

/// The one line a rebuild ends with.
fn line(event: &Event, lang: Lang) -> Option<String> {
    let ja = lang == Lang::Ja;
    Some(match event {
        Event::ProjectFailed { first, ms, .. } => match (first, ja) {
            (true, false) => format!(
                "the project could not be loaded ({ms} ms); the pages appear once it is fixed and saved"
            ),
            (true, true) => format!(
                "プロジェクトを読み込めませんでした（{ms} ms）。直して保存するとページが表示されます"
            ),
            (false, false) => format!(
                "the project could not be loaded ({ms} ms); the last good pages are still served"
            ),
            (false, true) => format!(
                "プロジェクトを読み込めませんでした（{ms} ms）。最後に正常だったページを表示しています"
            ),
        },
        Event::Stylesheet {
            swapped,
            change,
            ms,
        } => {
            if ja {
                format!(
                    "{swapped} サイトのスタイルシートを更新しました（{ms} ms）{}",
                    change_note_ja(*change)
                )
            } else {
                format!(
                    "rebuilt the stylesheet of {swapped} site(s) in {ms} ms{}",
                    change_note_en(*change)
                )
            }
        }
        Event::All {
            first,
            built,
            failed,
            warnings,
            change,
            ms,
            ..
        } => {
            let (tail, warn) = if ja {
                let warn = if *warnings > 0 {
                    format!("、警告 {warnings} 件（ブラウザに表示。kumiai check でも確認できます）")
                } else {
                    String::new()
                };
                (failure_tail_ja(failed), warn)
            } else {
                let warn = if *warnings > 0 {
                    format!(
                        ", {warnings} warning(s) (shown in the browser; kumiai check lists them)"
                    )
                } else {
                    String::new()
                };
                (failure_tail_en(failed), warn)
            };
            match (first, ja) {
                (true, false) => {
                    format!("built {built} union(s) in memory in {ms} ms{tail}{warn}")
                }
                (true, true) => {
                    format!("{built} 組合をメモリ上に構築しました（{ms} ms）{tail}{warn}")
                }
                (false, false) => format!(
                    "rebuilt everything: {built} union(s) in {ms} ms{}{tail}{warn}",
                    change_note_en(*change)
                ),
                (false, true) => format!(
                    "全体を再構築しました: {built} 組合、{ms} ms{}{tail}{warn}",
                    change_note_ja(*change)
                ),
            }
        }
        Event::Unions {
            built,
            removed,
            failed,
            change,
            ms,
            ..
        } => {
            let mut parts = Vec::new();
            let sep = if ja { "、" } else { ", " };
            if !built.is_empty() {
                let list = built.join(sep);
                parts.push(if ja {
                    format!(
                        "{list} を再構築しました（{ms} ms）{}",
                        change_note_ja(*change)
                    )
                } else {
                    format!("rebuilt {list} in {ms} ms{}", change_note_en(*change))
                });
            }
            if !removed.is_empty() {
                let list = removed.join(sep);
                parts.push(if ja {
                    format!("{list} を外しました（ファイルがありません）")
                } else {
                    format!("removed {list} (its file is gone)")
                });
            }
            if !failed.is_empty() {
                let list = failed.join(sep);
                parts.push(if ja {
                    format!(
                        "{list} にエラーがあります（{ms} ms）。最後に正常だったページを表示しています"
                    )
                } else {
                    format!("{list} has errors ({ms} ms); its last good pages are still served")
                });
            }
            parts.join(if ja { "。" } else { "; " })
        }
        Event::Problems(_) => return None,
    })
}

fn failure_tail_en(failed: &[String]) -> String {
    if failed.is_empty() {
        String::new()
    } else {
        format!(
            "; {} failed ({}), their last good pages are still served",
            failed.len(),
            failed.join(", ")
        )
    }
}

fn failure_tail_ja(failed: &[String]) -> String {
    if failed.is_empty() {
        String::new()
    } else {
        format!(
            "。{} 組合が失敗（{}）、最後に正常だったページを表示しています",
            failed.len(),
            failed.join("、")
        )
    }
}

fn change_note_en(change: Change) -> &'static str {
    match change {
        Change::None => " (no page changed)",
        Change::Css => " (stylesheet swapped)",
        Change::Pages => " (reloaded)",
    }
}

fn change_note_ja(change: Change) -> &'static str {
    match change {
        Change::None => "（ページの変更なし）",
        Change::Css => "（スタイルシートを差し替え）",
        Change::Pages => "（再読み込み）",
    }
}
