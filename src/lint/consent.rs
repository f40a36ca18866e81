//! The ＊ mark: items relying on implied consent need the legend and a window to object at.

use super::finding;
use super::locate::Texts;
use crate::diagnostic::Diagnostic;
use crate::model::UnionSite;

/// Adds the `consent-legend` finding for one union.
pub fn check(site: &UnionSite, texts: &Texts, found: &mut Vec<Diagnostic>) {
    if !site.uses_consent_mark() || (!site.consent_legend.trim().is_empty() && site.has_window()) {
        return;
    }
    let at = texts
        .find("consent = true")
        .into_iter()
        .next()
        .unwrap_or_else(|| texts.anchor("[union]"));
    found.push(finding(
        "consent-legend",
        at,
        (
            "items are marked ＊ but the site gives no legend or no window where members can object".into(),
            "＊印の項目がありますが、凡例または同意しない旨を申し出る窓口がありません".into(),
        ),
        (
            "set [wording] consent_legend and add a [[contacts]] window".into(),
            "[wording] の consent_legend を書き、[[contacts]] に窓口を加えてください".into(),
        ),
    ));
}
