//! `kumiai diff SLUG`: one union's deviations from the base, for a terminal or as JSON.

use std::fmt::Write as _;
use std::path::Path;

use crate::deviation::{Deviation, Segment, SegmentKind, deviation};
use crate::diagnostic::{Diagnostic, Diagnostics, Lang};
use crate::load;
use crate::model::MovedKind;
use crate::pipeline;
use crate::project::select_unions;

/// Loads the base and one union, merges them and compares. Errors are the diagnostics a build
/// would give (an unknown slug gets a did-you-mean).
pub fn diff(root: &Path, slug: &str) -> Result<Deviation, Vec<Diagnostic>> {
    let base = load::load_base(root).map_err(|Diagnostics(list)| list)?;
    let paths = select_unions(root, &[slug.to_string()]).map_err(|e| {
        vec![Diagnostic::file(&root.join("unions"), format!("{e:#}")).rule("unknown-reference")]
    })?;
    let Some(path) = paths.first() else {
        return Err(vec![
            Diagnostic::file(&root.join("unions"), format!("there is no union `{slug}`"))
                .with_suggestion(format!("check the slug: the file is unions/{slug}.toml"))
                .ja(
                    format!("`{slug}` という組合はありません"),
                    Some(format!(
                        "識別名を確かめてください（ファイル名は unions/{slug}.toml です）"
                    )),
                ),
        ]);
    };
    let (_, site) = pipeline::merge_union(&base, path)?;
    Ok(deviation(&base, &site))
}

/// How changed characters are marked in text output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Marks {
    /// ANSI colours: removed in red and struck through, inserted in green and underlined.
    Colour,
    /// `[-removed-]{+inserted+}`, for pipes, files and `NO_COLOR`.
    Plain,
}

/// The deviation as text for people, in `lang`.
pub fn to_text(d: &Deviation, marks: Marks, lang: Lang) -> String {
    let ja = lang == Lang::Ja;
    let t = |en: &'static str, jp: &'static str| if ja { jp } else { en };
    let mut out = String::new();
    let last = d
        .last_revision
        .map_or_else(|| t("none", "なし").to_string(), |d| d.to_string());
    let _ = writeln!(out, "{} {}", d.slug, d.name);
    let _ = writeln!(
        out,
        "{} {}, {} {last}",
        t("base revision", "標準文例"),
        d.base_revision,
        t("last revision", "最終改定"),
    );
    let stale = d.stale().count();
    let _ = writeln!(
        out,
        "{} {}, {} {}, {} {}, {} {stale}",
        t("removed", "削除"),
        d.removed.len(),
        t("added", "追加"),
        d.added.len(),
        t("reworded", "文言変更"),
        d.reworded.len(),
        t("stale", "未反映の改定"),
    );
    if !d.moved.is_empty() || !d.data_kinds.is_empty() {
        let _ = writeln!(
            out,
            "{} {}, {} {}",
            t("moved", "移動"),
            d.moved.len(),
            t("data kinds", "個人情報の類型"),
            d.data_kinds.len(),
        );
    }
    let _ = writeln!(
        out,
        "{} {}",
        t("changes of its own:", "独自の変更（件数）:"),
        d.total()
    );
    for whole in d.wholesale(lang) {
        let _ = writeln!(out, "  {} {whole}", t("one change:", "1 件:"));
    }
    if d.purposes_replaced {
        let _ = writeln!(
            out,
            "{}",
            t(
                "note: the union replaced the purposes page with its own text; its items are not shown",
                "注: 利用目的のページを組合独自の本文に置き換えているため、項目は表示されません"
            )
        );
    }
    for r in &d.reworded {
        out.push('\n');
        match &r.stale {
            Some(s) => {
                let _ = writeln!(
                    out,
                    "{} {} ({} {})",
                    t("reworded, stale:", "文言変更・未反映の改定あり:"),
                    r.id,
                    t("the base changed it on", "標準文例の改定日"),
                    s.changed
                );
                let _ = writeln!(out, "  {} {}", t("old base:", "旧標準:  "), s.old_base_text);
                let _ = writeln!(
                    out,
                    "  {} {}",
                    t("new base:", "新標準:  "),
                    render(&s.base_marks, marks)
                );
            }
            None => {
                let _ = writeln!(out, "{} {}", t("reworded:", "文言変更:"), r.id);
                let _ = writeln!(out, "  {} {}", t("base:    ", "標準:    "), r.base_text);
            }
        }
        let _ = writeln!(
            out,
            "  {} {}",
            t("union:   ", "組合:    "),
            render(&r.marks, marks)
        );
    }
    for r in &d.removed {
        let _ = writeln!(out, "\n{} {}", t("removed:", "削除:"), r.id);
        let _ = writeln!(out, "  {} {}", t("base:    ", "標準:    "), r.base_text);
    }
    for a in &d.added {
        let _ = writeln!(out, "\n{} {}", t("added:", "追加:"), a.id);
        let _ = writeln!(out, "  {} {}", t("union:   ", "組合:    "), a.text);
    }
    structure_text(&mut out, d, ja);
    out
}

/// The moves (from → to) and the rows of the data-kinds table.
fn structure_text(out: &mut String, d: &Deviation, ja: bool) {
    for m in &d.moved {
        let what = match (m.what, ja) {
            (MovedKind::Section, false) => "section",
            (MovedKind::Group, false) => "group",
            (MovedKind::Item, false) => "item",
            (MovedKind::Section, true) => "セクション",
            (MovedKind::Group, true) => "グループ",
            (MovedKind::Item, true) => "項目",
        };
        let label = if ja { "移動:" } else { "moved:" };
        let _ = writeln!(out, "\n{label} {what} {}", m.id);
        let _ = writeln!(out, "  {} → {}", m.from.describe(ja), m.to.describe(ja));
    }
    for name in &d.data_kinds {
        let label = if ja {
            "個人情報の類型:"
        } else {
            "data kind:"
        };
        let _ = writeln!(out, "\n{label} {name}");
    }
}

/// One comparison, its changes marked.
pub(crate) fn render(segments: &[Segment], marks: Marks) -> String {
    match marks {
        Marks::Plain => crate::deviation::marked(segments),
        Marks::Colour => segments
            .iter()
            .map(|s| match s.kind {
                SegmentKind::Same => s.text.clone(),
                SegmentKind::Removed => format!("\x1b[9;31m{}\x1b[0m", s.text),
                SegmentKind::Inserted => format!("\x1b[4;32m{}\x1b[0m", s.text),
            })
            .collect(),
    }
}
