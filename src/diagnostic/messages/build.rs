//! `kumiai build`: the summary line it ends with, its notes, `--verbose` lines, progress bar.

use std::path::Path;

use super::{Lang, names};

/// What a build did, for its summary line. To say something new in the summary, add a field
/// here and a part to [`summary`], in both languages.
pub(crate) struct Summary<'a> {
    pub built: usize,
    pub pages: usize,
    pub ms: u128,
    pub output: &'a Path,
    pub unchanged: usize,
    pub failed: &'a [&'a str],
    /// Unions published without an Art. 32 item: slug, and the missing items' names.
    pub incomplete: &'a [(&'a str, Vec<&'a str>)],
    /// What `kumiai check` would report, when it would report anything.
    pub findings: Option<&'a FindingsSummary>,
    pub removed: &'a [String],
    pub left_files: &'a [String],
    pub kept: &'a [String],
    pub federation_error: Option<&'a str>,
    pub waited: bool,
}

/// The errors and warnings `check` would report, and the unions they are in.
pub(crate) struct FindingsSummary {
    pub errors: usize,
    pub warnings: usize,
    pub unions: Vec<String>,
}

/// The one summary line a build ends with.
pub(crate) fn summary(lang: Lang, s: &Summary) -> String {
    let (built, pages, ms, output) = (s.built, s.pages, s.ms, s.output.display());
    let mut line = match lang {
        Lang::En => format!(
            "built {built} union{} ({pages} pages) in {ms} ms into {output}",
            plural(built)
        ),
        Lang::Ja => {
            format!("{built} 組合を構築しました（{pages} ページ、{ms} ms、出力先 {output}）")
        }
    };
    let mut part = |en: String, ja: String| {
        line.push_str(match lang {
            Lang::En => "; ",
            Lang::Ja => "。",
        });
        line.push_str(&match lang {
            Lang::En => en,
            Lang::Ja => ja,
        });
    };
    if s.unchanged > 0 {
        let n = s.unchanged;
        part(format!("{n} unchanged"), format!("変更なし {n} 組合"));
    }
    if !s.failed.is_empty() {
        let n = s.failed.len();
        part(
            format!(
                "{n} failed ({}), their previous output left untouched",
                s.failed.join(", ")
            ),
            format!(
                "失敗 {n} 組合（{}）: 以前の出力はそのまま残しています",
                s.failed.join("、")
            ),
        );
    }
    if !s.incomplete.is_empty() {
        let list = |sep: &str| {
            s.incomplete
                .iter()
                .map(|(slug, items)| format!("{slug}: {}", items.join("・")))
                .collect::<Vec<_>>()
                .join(sep)
        };
        let n = s.incomplete.len();
        part(
            format!(
                "{n} incomplete, published without what the law requires ({}): see `kumiai check`",
                list("; ")
            ),
            format!(
                "法律が求める項目が欠けたまま公開した組合 {n} 件（{}）: kumiai check で確認してください",
                list("／")
            ),
        );
    }
    if let Some(f) = s.findings {
        let (errors, warnings) = (f.errors, f.warnings);
        part(
            format!(
                "{errors} error{} and {warnings} warning{} ({}): `kumiai check` shows them",
                plural(errors),
                plural(warnings),
                names(Lang::En, &f.unions)
            ),
            format!(
                "エラー {errors} 件・警告 {warnings} 件（{}）: 内容は kumiai check で確認できます",
                names(Lang::Ja, &f.unions)
            ),
        );
    }
    if !s.removed.is_empty() {
        let n = s.removed.len();
        part(
            format!(
                "removed the site{} of {n} union{} no longer in unions/ ({})",
                plural(n),
                plural(n),
                names(Lang::En, s.removed)
            ),
            format!(
                "unions/ にない {n} 組合のサイトを削除しました（{}）",
                names(Lang::Ja, s.removed)
            ),
        );
    }
    if !s.left_files.is_empty() {
        part(
            format!(
                "files kumiai did not write were left in {}",
                names(Lang::En, s.left_files)
            ),
            format!(
                "kumiai が書いていないファイルは残しました（{}）",
                names(Lang::Ja, s.left_files)
            ),
        );
    }
    if let Some(note) = kept_note(Lang::En, s.kept) {
        let ja = kept_note(Lang::Ja, s.kept).unwrap_or_default();
        part(note, ja);
    }
    if let Some(e) = s.federation_error {
        part(
            format!("the portal and the federation's files were NOT all written ({e})"),
            format!("ポータルと連合会のファイルを書き込めなかったものがあります（{e}）"),
        );
    }
    if s.waited {
        part(
            "waited for another build into the same folder first".to_string(),
            "同じフォルダへの別のビルドが終わるのを待ってから構築しました".to_string(),
        );
    }
    line
}

/// What the build kept of unions gone from `unions/`, and how to remove them.
pub(crate) fn kept_note(lang: Lang, kept: &[String]) -> Option<String> {
    let n = kept.len();
    (n > 0).then(|| match lang {
        Lang::En => format!(
            "kept the site{} of {n} union{} no longer in unions/ ({}): removing this many at \
             once needs `kumiai build --prune`",
            plural(n),
            plural(n),
            names(lang, kept)
        ),
        Lang::Ja => format!(
            "unions/ にない {n} 組合のサイトを残しました（{}）。一度にこれだけ削除するには kumiai build --prune を実行してください",
            names(lang, kept)
        ),
    })
}

/// `--verbose`: one union's line.
pub(crate) fn union_line(lang: Lang, slug: &str, outcome: UnionLine) -> String {
    match (lang, outcome) {
        (Lang::En, UnionLine::Failed) => format!("{slug}: failed"),
        (Lang::En, UnionLine::Rendered(pages)) => format!("{slug}: rendered ({pages} pages)"),
        (Lang::En, UnionLine::Unchanged(pages)) => format!("{slug}: unchanged ({pages} pages)"),
        (Lang::Ja, UnionLine::Failed) => format!("{slug}: 失敗"),
        (Lang::Ja, UnionLine::Rendered(pages)) => format!("{slug}: 構築しました（{pages} ページ）"),
        (Lang::Ja, UnionLine::Unchanged(pages)) => format!("{slug}: 変更なし（{pages} ページ）"),
    }
}

/// What `--verbose` says of one union.
#[derive(Clone, Copy)]
pub(crate) enum UnionLine {
    Failed,
    Rendered(usize),
    Unchanged(usize),
}

/// The portal and the federation's files could not be written.
pub(crate) fn federation_failed(lang: Lang, error: &str) -> String {
    match lang {
        Lang::En => format!("error: writing the portal and the federation's files: {error}"),
        Lang::Ja => format!("エラー: ポータルと連合会のファイルを書き込めませんでした: {error}"),
    }
}

/// The progress bar's template (indicatif's): unions done / total, rate, time.
pub(crate) fn progress_template(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "{bar:30.cyan/blue} {pos}/{len} unions  {per_sec}  {elapsed}",
        Lang::Ja => "{bar:30.cyan/blue} {pos}/{len} 組合  {per_sec}  {elapsed}",
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
