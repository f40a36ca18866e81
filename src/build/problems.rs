//! The diagnostics of a union the build could not publish: kept back by the publish gate, or
//! stopped by what is on the disk.

use std::path::Path;

use crate::diagnostic::Diagnostic;
use crate::output::{Collision, UnsafeName};
use crate::publish::LegalItem;

/// The diagnostics of a union kept at its published version because the new build would take
/// away items the law requires: one that says so, then the finding of each item.
pub(super) fn kept_back(
    path: &Path,
    lost: &[LegalItem],
    legal: Vec<(LegalItem, Diagnostic)>,
) -> Vec<Diagnostic> {
    let names: Vec<&str> = lost.iter().map(|i| i.ja()).collect();
    let list = names.join("・");
    let mut problems = vec![
        Diagnostic::file(
            path,
            format!(
                "not published: the site online shows {list}, which this version would no longer show; the published site is kept until the file is fixed"
            ),
        )
        .rule("publish-gate")
        .with_suggestion("put the missing items back (see the findings below), then build again")
        .ja(
            format!(
                "公開しませんでした: 公開中のサイトには「{list}」が載っていますが、この内容では載らなくなります。直すまでは公開中のサイトをそのまま残します"
            ),
            Some("下の指摘の項目を戻してから、もう一度ビルドしてください".to_string()),
        ),
    ];
    problems.extend(
        legal
            .into_iter()
            .filter(|(item, _)| lost.contains(item))
            .map(|(_, d)| d.severity(crate::diagnostic::Severity::Error)),
    );
    problems
}

/// Why a union's site could not be written: a file or folder of someone else's in the way, or
/// the machine (a full disk, a read-only folder). The site is then at its previous version.
pub(super) fn write_failure(path: &Path, dir: &Path, e: &anyhow::Error) -> Diagnostic {
    if let Some(c) = e.downcast_ref::<Collision>() {
        let existing = c.existing.display();
        return if c.existing == c.site {
            Diagnostic::file(
                path,
                format!(
                    "{c}: the union's site cannot be published there without replacing \
                     someone else's files"
                ),
            )
            .with_suggestion(format!(
                "move {existing} away if it is not needed, or give the union another slug \
                 (rename its file)"
            ))
            .ja(
                format!(
                    "{existing} は kumiai が作ったフォルダではありません（{} がありません）。\
                     この組合のサイトをそこに書くと、他の人のファイルを上書きしてしまいます",
                    crate::output::MANIFEST
                ),
                Some(format!(
                    "不要なら {existing} を移動するか、組合のファイル名（スラッグ）を変えてください"
                )),
            )
            .rule("output-collision")
        } else {
            Diagnostic::file(
                path,
                format!("{c}: the union's site would replace it; nothing was written"),
            )
            .with_suggestion(format!(
                "move or delete {existing} if it is not needed, or give the union's page \
                 another file name"
            ))
            .ja(
                format!(
                    "{existing} は kumiai が書いたファイルではないため、上書きしません（何も書き\
                     込んでいません）"
                ),
                Some(format!(
                    "不要なら {existing} を移動・削除するか、組合のページのファイル名を変えてください"
                )),
            )
            .rule("output-collision")
        };
    }
    if let Some(u) = e.downcast_ref::<UnsafeName>() {
        return Diagnostic::file(path, format!("{u}; the site was left as it was"))
            .with_suggestion("rename the file in the union's folder (letters, digits, - and _)")
            .ja(
                format!(
                    "{:?} は公開できない名前です（制御文字・`..`・バックスラッシュ）。サイトは前の\
                     ままです",
                    u.name
                ),
                Some("組合のフォルダのファイル名を変えてください（英数字と - _）".to_string()),
            )
            .rule("output-name");
    }
    Diagnostic::file(
        path,
        format!(
            "could not write the site {}: {e:#}; it was left at its previous version",
            dir.display()
        ),
    )
    .with_suggestion("free disk space or fix the folder's permissions, then build again")
    .ja(
        format!(
            "サイト {} を書き込めませんでした: {e:#}。サイトは前の版のままです",
            dir.display()
        ),
        Some("ディスクの空きやフォルダの権限を確認して、もう一度ビルドしてください".to_string()),
    )
    .rule("io")
}
