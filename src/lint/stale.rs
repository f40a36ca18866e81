//! `stale-override`: a union's own wording of an item the base has reworded since the union's
//! last revision. The union's text still wins on its site, so the base change never reaches
//! it; someone should look. `removed-new-item`: a base item the union removes though the base
//! added it after the union's last revision, so the removal cannot have been a decision about it.

use super::finding;
use crate::deviation::{Deviation, deviation};
use crate::diagnostic::Diagnostic;
use crate::load::UnionFile;
use crate::model::{Base, Digits, UnionSite};
use crate::text::wareki;

/// Adds one finding per stale override, at the `id` of its `[[item]]`.
pub fn check(site: &UnionSite, file: &UnionFile, base: &Base, found: &mut Vec<Diagnostic>) {
    let drift = deviation(base, site);
    removed_new_items(file, base, &drift, found);
    // Messages show dates with half-width digits: they are read in a terminal, not on the site.
    let day = |d| wareki::format(d, Digits::Half);
    let (last, last_ja) = match drift.last_revision {
        Some(d) => (
            format!("after this union's last revision ({d})"),
            format!("貴組合の最終改定日（{}）より後", day(d)),
        ),
        None => (
            "and this union gives no [dates] while its text follows the wording from before the change".to_string(),
            "貴組合の [dates] に日付がなく、文言も改定前の標準文例に沿ったままです".to_string(),
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

/// A base item added after the union's last revision that the union does not show, at the
/// `id` of the `[[item]]` (or `[[group]]`, `[[section]]`) that removes it.
fn removed_new_items(
    file: &UnionFile,
    base: &Base,
    drift: &Deviation,
    found: &mut Vec<Diagnostic>,
) {
    let day = |d| wareki::format(d, Digits::Half);
    for removed in &drift.removed {
        let Some(&added) = base.meta.item_added.get(&removed.id) else {
            continue;
        };
        if drift.last_revision.is_some_and(|last| last >= added) {
            continue;
        }
        let doc = &file.doc;
        let in_group = |g: &str| removed.id.starts_with(&format!("{g}."));
        let at = doc
            .item
            .iter()
            .find(|e| e.remove && e.id.get_ref() == &removed.id)
            .map(|e| &e.id)
            .or_else(|| {
                doc.group
                    .iter()
                    .find(|e| e.remove && in_group(e.id.get_ref()))
                    .map(|e| &e.id)
            })
            .or_else(|| {
                doc.section
                    .iter()
                    .find(|e| e.remove && in_group(e.id.get_ref()))
                    .map(|e| &e.id)
            });
        // An item dropped with its purposes page replaced is not removed by an edit: nothing to point at.
        let Some(at) = at else { continue };
        let (last, last_ja) = match drift.last_revision {
            Some(d) => (
                format!("after this union's last revision ({d})"),
                format!("貴組合の最終改定日（{}）より後", day(d)),
            ),
            None => (
                "and this union gives no [dates]".to_string(),
                "貴組合の [dates] には日付がありません".to_string(),
            ),
        };
        found.push(finding(
            "removed-new-item",
            file.error_at(at, ""),
            (
                format!(
                    "the base added `{}` on {added}, {last}; this union removes it, so its site lacks 「{}」",
                    removed.id, removed.base_text
                ),
                format!(
                    "標準文例は{}に `{}` を追加しました（{last_ja}）。貴組合はこの項目を削除しているため、「{}」がサイトに載っていません",
                    day(added),
                    removed.id,
                    removed.base_text
                ),
            ),
            (
                format!(
                    "if the union does this, drop `remove = true` so the base item shows; if not, keep it and add an [[acknowledge]] with rule = \"removed-new-item\" and the reason, or a revision dated {added} or later to [dates]"
                ),
                format!(
                    "組合がこの事務を行うなら `remove = true` を削除して標準の項目を載せてください。行わないなら理由を添えて rule = \"removed-new-item\" の [[acknowledge]] を書くか、[dates] に{}以降の改定を追加してください",
                    day(added)
                ),
            ),
        ));
    }
}
