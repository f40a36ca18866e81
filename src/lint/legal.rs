//! What 個人情報保護法 Art. 32 and 施行令 Art. 10 ask a union to publish.

use super::finding;
use super::locate::Texts;
use crate::diagnostic::Diagnostic;
use crate::model::{PageKind, UnionSite};

/// Adds the legal findings for one union.
pub fn check(site: &UnionSite, texts: &Texts, found: &mut Vec<Diagnostic>) {
    let union = || texts.anchor("[union]");
    let identity = &site.identity;
    if identity.address.is_none() {
        found.push(finding(
            "legal-address",
            union(),
            (
                "the union's address is not given".into(),
                "組合の住所が書かれていません".into(),
            ),
            (
                "add `postal_code = \"…\"` and `address = \"…\"` under [union]".into(),
                "[union] に `postal_code = \"…\"` と `address = \"…\"` を書き加えてください".into(),
            ),
        ));
    }
    if identity.representative.is_none() {
        found.push(finding(
            "legal-representative",
            union(),
            (
                "the representative (理事長) is not named".into(),
                "代表者（理事長）の氏名が書かれていません".into(),
            ),
            (
                "add `representative = \"理事長 氏名\"` under [union]".into(),
                "[union] に `representative = \"理事長 氏名\"` を書き加えてください".into(),
            ),
        ));
    }
    let page = |id: &str| site.pages.iter().find(|p| p.id == id);
    let page_anchor = |id: &str| {
        let d = texts.anchor(&format!("id = \"{id}\""));
        if d.line == 0 { union() } else { d }
    };

    let purposes_shown = site.pages.iter().any(|p| {
        (p.kind == PageKind::Purposes && !p.replaced && !site.policy.sections.is_empty())
            || (p.id == "purposes" && p.replaced && !p.body.trim().is_empty())
    });
    if !purposes_shown {
        found.push(finding(
            "legal-purposes",
            page_anchor("purposes"),
            (
                "the site does not publish the purposes of use".into(),
                "利用目的が公表されていません".into(),
            ),
            (
                "keep the `purposes` page and its sections".into(),
                "`purposes` ページとその利用目的を残してください".into(),
            ),
        ));
    }

    match page("requests") {
        None => found.push(finding(
            "legal-requests",
            page_anchor("requests"),
            (
                "the site does not publish how to request disclosure and the other requests".into(),
                "開示等の請求に応じる手続が公表されていません".into(),
            ),
            (
                "keep the `requests` page".into(),
                "`requests` ページを残してください".into(),
            ),
        )),
        Some(requests) => {
            let states_fee = requests.body.contains("{{ wording.fee }}")
                || requests.body.contains("手数料")
                || requests.body.contains("無料");
            if !states_fee || site.fee.trim().is_empty() {
                let at = if states_fee {
                    texts.anchor("fee =")
                } else {
                    page_anchor("requests")
                };
                found.push(finding(
                    "legal-fee",
                    at,
                    (
                        "the requests page does not say whether a fee is charged".into(),
                        "開示等の請求の手数料（または無料であること）が書かれていません".into(),
                    ),
                    (
                        "add the fee statement to the page, e.g. `{{ wording.fee }}`".into(),
                        "ページに手数料の記載を加えてください（例: `{{ wording.fee }}`）".into(),
                    ),
                ));
            }
        }
    }

    let headings = ["組織的", "人的", "物理的", "技術的"];
    let safety_complete =
        page("safety").is_some_and(|p| headings.iter().all(|h| p.body.contains(h)));
    if !safety_complete {
        found.push(finding(
            "legal-safety",
            page_anchor("safety"),
            (
                "the safety management measures (組織的・人的・物理的・技術的) are not all published".into(),
                "安全管理措置（組織的・人的・物理的・技術的）の記載がそろっていません".into(),
            ),
            (
                "keep the base `safety` page, or cover all four kinds of measures".into(),
                "標準の `safety` ページを使うか、四つの措置をすべて書いてください".into(),
            ),
        ));
    }

    let complaints_page = site.pages.iter().any(|p| p.kind == PageKind::Contact);
    if site.contacts.is_empty() || !complaints_page {
        found.push(finding(
            "legal-complaints",
            union(),
            (
                "no window for complaints (苦情の申出先) is published".into(),
                "苦情の申出先（窓口）が公表されていません".into(),
            ),
            (
                "add a [[contacts]] block with department, address, phone and hours".into(),
                "[[contacts]] に窓口の部署・住所・電話番号・受付時間を書いてください".into(),
            ),
        ));
    }

    if site.uses_consent_mark()
        && (site.consent_legend.trim().is_empty() || site.contacts.is_empty())
    {
        let at = texts
            .find("consent = true")
            .into_iter()
            .next()
            .unwrap_or_else(union);
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
}
