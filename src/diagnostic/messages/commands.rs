//! The lines of `check`, `new`, `init`, `report` and `contractors`.

use std::path::Path;

use super::Lang;

/// The one summary line `kumiai check` ends with.
pub(crate) fn check_summary(
    lang: Lang,
    unions: usize,
    errors: usize,
    warnings: usize,
    notes: usize,
) -> String {
    match lang {
        Lang::En => format!(
            "checked {unions} union{}: {errors} error{}, {warnings} warning{}, {notes} acknowledged",
            plural(unions),
            plural(errors),
            plural(warnings),
        ),
        Lang::Ja => format!(
            "{unions} 組合を確認しました: エラー {errors} 件、警告 {warnings} 件、確認済み {notes} 件"
        ),
    }
}

/// `kumiai new`: the file was written.
pub(crate) fn new_created(lang: Lang, file: &str, slug: &str) -> String {
    match lang {
        Lang::En => format!(
            "created {file}: delete the \"# \" of the examples you need, then run kumiai check --union {slug}"
        ),
        Lang::Ja => format!(
            "{file} を作成しました。例の行の「# 」を消して編集し、kumiai check --union {slug} で確認してください"
        ),
    }
}

/// `kumiai init`: what was written and the next commands.
pub(crate) fn init_created(lang: Lang, dir: &Path, unions: usize, theme: bool) -> String {
    let dir = dir.display();
    match lang {
        Lang::En => format!(
            "created a kumiai project in {dir}: kumiai.toml, content/ (the base: yours to edit), unions/ ({unions} starter union){}\nnext: cd {dir} && kumiai build && kumiai check; add unions with kumiai new SLUG --name 名称\n",
            if theme { ", themes/default/" } else { "" }
        ),
        Lang::Ja => format!(
            "{dir} に kumiai のプロジェクトを作成しました: kumiai.toml、content/（標準文例。自由に編集できます）、unions/（見本の組合 {unions} 件）{}\n次に: cd {dir} && kumiai build && kumiai check。組合の追加は kumiai new 識別名 --name 名称\n",
            if theme { "、themes/default/" } else { "" }
        ),
    }
}

/// `kumiai report`: where the report was written.
pub(crate) fn report_written(lang: Lang, unions: usize, failed: usize, index: &Path) -> String {
    let index = index.display();
    match lang {
        Lang::En => format!(
            "wrote the report of {unions} union{} ({failed} with errors) to {index}",
            plural(unions)
        ),
        Lang::Ja => {
            format!(
                "{unions} 組合（うちエラーあり {failed} 組合）のレポートを {index} に書き出しました"
            )
        }
    }
}

/// `kumiai contractors`: a union left out of the list because its file has errors.
pub(crate) fn contractors_left_out(lang: Lang, slug: &str) -> String {
    match lang {
        Lang::En => format!(
            "warning: unions/{slug}.toml has errors and is not listed (see `kumiai check --union {slug}`)"
        ),
        Lang::Ja => format!(
            "警告: unions/{slug}.toml にエラーがあるため一覧に含めていません（kumiai check --union {slug} で確認してください）"
        ),
    }
}

/// `kumiai contractors QUERY`: nothing matched.
pub(crate) fn contractors_no_match(
    lang: Lang,
    query: &str,
    compared: &str,
    known: usize,
) -> String {
    match lang {
        Lang::En => format!(
            "no contractor matches \"{query}\" (compared as \"{compared}\"); {known} contractor{} in all: run `kumiai contractors` to list them",
            plural(known)
        ),
        Lang::Ja => format!(
            "「{query}」に当てはまる委託先はありません（「{compared}」として比べました）。委託先は全部で {known} 件です。kumiai contractors で一覧を表示できます"
        ),
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
