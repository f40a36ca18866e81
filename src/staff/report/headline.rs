//! What the report's staff act on: the headline counts of unions (missing a legal item, with
//! acknowledged gaps, errors, warnings, stale overrides, whole-page replacements, by base
//! revision), each a filter page of the table, and the table as CSV. Every count is read off
//! the rows, whose findings are `check`'s own (`pipeline::render_and_lint`): nothing here
//! judges a union again.

use serde::Serialize;

use super::Row;

/// One headline count: the unions it holds, and the page of the table that lists them.
#[derive(Debug, Clone, Serialize)]
pub struct Category {
    /// `legal`, `errors`, …, or `revision-<revision>`.
    pub key: String,
    pub label: String,
    /// What it means, for the page that lists it.
    pub explain: String,
    /// The filter page: `filter-<key>.html`.
    pub href: String,
    /// Slugs, in the table's (slug) order.
    pub slugs: Vec<String>,
    pub count: usize,
    /// True for the counts a union should have none of (shown as alerts when not zero).
    pub alert: bool,
}

/// The headline counts, in the order the report shows them; then one per base revision.
pub fn categories(rows: &[Row]) -> Vec<Category> {
    let mut out = vec![
        category(
            rows,
            "legal",
            "法定事項の不足",
            "法律が公表を求める事項が、確認済みの届出なしに公開ページに載っていない組合（legal-* のエラー）",
            true,
            |r| !r.legal_missing.is_empty(),
        ),
        category(
            rows,
            "acknowledged",
            "法定事項の不足（確認済み）",
            "法定事項が載っていないことを、組合が [[acknowledge]] で確認済みとしている組合",
            false,
            |r| !r.legal_acknowledged.is_empty(),
        ),
        category(
            rows,
            "errors",
            "エラーあり",
            "kumiai check がエラーを報告する組合（上書きファイルの誤り、法定事項の不足）",
            true,
            |r| r.errors > 0,
        ),
        category(
            rows,
            "warnings",
            "警告あり",
            "kumiai check が警告を報告する組合",
            true,
            |r| r.warnings > 0,
        ),
        category(
            rows,
            "stale",
            "未反映の改定あり",
            "組合の最終改定の後に標準文例が改めた項目を、組合独自の文言が上書きしている組合（stale-override）",
            true,
            |r| r.stale_findings > 0,
        ),
        category(
            rows,
            "wholesale",
            "ページの全面的な置き換え",
            "利用目的のページ・標準文例の利用目的・その他のページを、組合独自の本文に置き換えている組合（それぞれ乖離 1 件と数えます）",
            false,
            |r| !r.wholesale.is_empty(),
        ),
    ];
    let mut revisions: Vec<&str> = rows
        .iter()
        .filter(|r| r.built)
        .map(|r| r.base_revision.as_str())
        .collect();
    revisions.sort_unstable();
    revisions.dedup();
    for revision in revisions {
        out.push(category(
            rows,
            &format!("revision-{}", safe(revision)),
            &format!("標準文例 {revision} 版"),
            &format!("標準文例の {revision} 版に基づいてサイトを作っている組合"),
            false,
            |r| r.built && r.base_revision == revision,
        ));
    }
    out
}

fn category(
    rows: &[Row],
    key: &str,
    label: &str,
    explain: &str,
    alert: bool,
    holds: impl Fn(&Row) -> bool,
) -> Category {
    let slugs: Vec<String> = rows
        .iter()
        .filter(|r| holds(r))
        .map(|r| r.slug.clone())
        .collect();
    Category {
        key: key.to_string(),
        label: label.to_string(),
        explain: explain.to_string(),
        href: format!("filter-{key}.html"),
        count: slugs.len(),
        slugs,
        alert,
    }
}

/// A revision as part of a file name: letters, digits, `-`, `_` and `.`; anything else `_`.
fn safe(revision: &str) -> String {
    revision
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// `report.csv`: the table, one row per union, UTF-8 with a BOM and CRLF line ends (as
/// `contractors.csv`), so Excel on Windows opens it with the right characters.
pub fn to_csv(rows: &[Row]) -> Vec<u8> {
    let mut out = String::from("\u{feff}");
    let header = [
        "組合",
        "組合名",
        "標準文例の版",
        "最終改定",
        "乖離の合計",
        "削除",
        "追加",
        "文言変更",
        "移動",
        "個人情報の類型",
        "独自のページ",
        "全面的な置き換え",
        "未反映",
        "エラー",
        "警告",
        "確認済み",
        "法定事項の不足",
        "法定事項の不足（確認済み）",
    ];
    crate::federation::contractors::push_row(&mut out, &header.map(String::from));
    for r in rows {
        let n = |v: usize| {
            if r.built {
                v.to_string()
            } else {
                String::new()
            }
        };
        let fields = [
            r.slug.clone(),
            r.name.clone(),
            r.base_revision.clone(),
            r.last_revision_iso.clone(),
            n(r.total),
            n(r.removed),
            n(r.added),
            n(r.reworded),
            n(r.moved),
            n(r.data_kinds),
            n(r.own_pages),
            r.wholesale.join("／"),
            n(r.stale),
            r.errors.to_string(),
            r.warnings.to_string(),
            r.acknowledged.to_string(),
            r.legal_missing.join("・"),
            r.legal_acknowledged.join("・"),
        ];
        crate::federation::contractors::push_row(&mut out, &fields);
    }
    out.into_bytes()
}
