//! `stale-override`: a union's own wording of an item the base has reworded since the union's
//! last revision. The union's text still wins on its site, so the base change never reaches
//! it; someone should look.

use super::finding;
use crate::deviation::deviation;
use crate::diagnostic::Diagnostic;
use crate::load::UnionFile;
use crate::model::{Base, Digits, UnionSite};
use crate::text::wareki;

/// Adds one finding per stale override, at the `id` of its `[[item]]`.
pub fn check(site: &UnionSite, file: &UnionFile, base: &Base, found: &mut Vec<Diagnostic>) {
    let drift = deviation(base, site);
    // Messages show dates with half-width digits: they are read in a terminal, not on the site.
    let day = |d| wareki::format(d, Digits::Half);
    let (last, last_ja) = match drift.last_revision {
        Some(d) => (
            format!("after this union's last revision ({d})"),
            format!("貴組合の最終改定日（{}）より後", day(d)),
        ),
        None => (
            "and this union gives no [dates], so it cannot have seen the change".to_string(),
            "貴組合の [dates] に日付がないため、この改定を確認済みか分かりません".to_string(),
        ),
    };
    for (item, stale) in drift.stale() {
        let Some(edit) = file.doc.item.iter().find(|e| e.id.get_ref() == &item.id) else {
            continue;
        };
        let (changed, changed_ja) = (stale.changed, day(stale.changed));
        let kept = if stale.kept_old_text {
            (
                " Your text is the base's old wording.",
                "貴組合の文言は標準文例の旧文言のままです。",
            )
        } else {
            ("", "")
        };
        found.push(finding(
            "stale-override",
            file.error_at(&edit.id, ""),
            (
                format!(
                    "the base reworded `{}` on {changed}, {last}; this union's own text keeps the new base text off its site: 「{}」.{}",
                    item.id, item.base_text, kept.0
                ),
                format!(
                    "標準文例は{changed_ja}に `{}` の文言を改めました（{last_ja}）。この項目は貴組合独自の文言のため、新しい標準の文言「{}」は反映されていません。{}",
                    item.id, item.base_text, kept.1
                ),
            ),
            (
                format!(
                    "review the wording (`kumiai diff {}` shows old base, new base and yours): to follow the base, delete `text` from this [[item]]; to keep your text, add a revision dated {changed} or later to [dates], or an [[acknowledge]] with rule = \"stale-override\"",
                    site.slug
                ),
                format!(
                    "文言を見直してください（`kumiai diff {}` で旧標準・新標準・貴組合の文言を比べられます）。標準に従うならこの [[item]] の `text` を削除し、独自の文言を残すなら [dates] に{changed_ja}以降の改定を追加するか、rule = \"stale-override\" の [[acknowledge]] を書いてください",
                    site.slug
                ),
            ),
        ));
    }
}
