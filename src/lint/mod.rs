//! Legal and content lint: what the law asks a union to publish, and wording that has gone
//! stale or wrong. Runs on a merged union; every finding names its rule.

mod articles;
mod consent;
pub(crate) mod locate;
mod stale;
mod wording;

use crate::diagnostic::{Diagnostic, Severity, did_you_mean, did_you_mean_ja, nearest};
use crate::load::UnionFile;
use crate::model::{Base, UnionSite};

/// A lint rule: its id, how much it matters and why it exists.
pub struct Rule {
    pub id: &'static str,
    pub severity: Severity,
    pub rationale: &'static str,
    pub rationale_ja: &'static str,
}

/// Every lint rule, in the order the README documents them.
pub const RULES: &[Rule] = &[
    Rule {
        id: "legal-name",
        severity: Severity::Error,
        rationale: "APPI Art. 32(1)(i): the union's name must be published",
        rationale_ja: "個人情報保護法第32条第1項第1号: 組合の名称の公表が必要です",
    },
    Rule {
        id: "legal-address",
        severity: Severity::Error,
        rationale: "APPI Art. 32(1)(i): the union's address must be published",
        rationale_ja: "個人情報保護法第32条第1項第1号: 組合の住所の公表が必要です",
    },
    Rule {
        id: "legal-representative",
        severity: Severity::Error,
        rationale: "APPI Art. 32(1)(i): the representative's (理事長) name must be published",
        rationale_ja: "個人情報保護法第32条第1項第1号: 代表者（理事長）の氏名の公表が必要です",
    },
    Rule {
        id: "legal-purposes",
        severity: Severity::Error,
        rationale: "APPI Art. 32(1)(ii): all purposes of use must be published",
        rationale_ja: "個人情報保護法第32条第1項第2号: すべての利用目的の公表が必要です",
    },
    Rule {
        id: "legal-requests",
        severity: Severity::Error,
        rationale: "APPI Art. 32(1)(iii): the procedure for disclosure and other requests must be published",
        rationale_ja: "個人情報保護法第32条第1項第3号: 開示等の請求に応じる手続の公表が必要です",
    },
    Rule {
        id: "legal-fee",
        severity: Severity::Error,
        rationale: "APPI Art. 32(1)(iii), 38: the fee for requests, or that there is none, must be stated",
        rationale_ja: "個人情報保護法第32条第1項第3号・第38条: 手数料の額（または無料であること）の明示が必要です",
    },
    Rule {
        id: "legal-safety",
        severity: Severity::Error,
        rationale: "APPI Art. 32(1)(iv), Order Art. 10: the safety management measures (organisational, human, physical, technical) must be published",
        rationale_ja: "個人情報保護法第32条第1項第4号・施行令第10条: 安全管理措置（組織的・人的・物理的・技術的）の公表が必要です",
    },
    Rule {
        id: "legal-abroad",
        severity: Severity::Error,
        rationale: "APPI Art. 32(1)(iv), Order Art. 10(i), PPC FAQ A10-24: where personal data is handled abroad, the safety measures name the country and the measures taken (外的環境の把握)",
        rationale_ja: "個人情報保護法第32条第1項第4号・施行令第10条第1号・個情委Q&A A10-24: 外国で個人データを取り扱う場合は、その国名と講じた措置（外的環境の把握）の記載が必要です",
    },
    Rule {
        id: "legal-complaints",
        severity: Severity::Error,
        rationale: "APPI Art. 32(1)(iv), Order Art. 10: where to complain must be published",
        rationale_ja: "個人情報保護法第32条第1項第4号・施行令第10条: 苦情の申出先の公表が必要です",
    },
    Rule {
        id: "old-wording",
        severity: Severity::Warning,
        rationale: "the base has replaced this wording; members may be misled by the old one",
        rationale_ja: "標準文例で改められた表現です。古い表現は加入者の誤解を招きます",
    },
    Rule {
        id: "stale-override",
        severity: Severity::Warning,
        rationale: "the base reworded an item after the union's last revision, and the union's own text keeps the change off its site",
        rationale_ja: "組合の最終改定後に標準文例が文言を改めた項目を、組合独自の文言が上書きしているため、改定が反映されていません",
    },
    Rule {
        id: "removed-new-item",
        severity: Severity::Warning,
        rationale: "the union removes a base item that the base added after the union's last revision: the removal cannot have been a decision about it",
        rationale_ja: "組合の最終改定後に標準文例へ追加された項目を削除しています。この項目を検討したうえでの削除とは限りません",
    },
    Rule {
        id: "known-typo",
        severity: Severity::Warning,
        rationale: "a misspelling seen in published policies",
        rationale_ja: "公表文書で見られた誤記です",
    },
    Rule {
        id: "consent-legend",
        severity: Severity::Warning,
        rationale: "items marked ＊ rely on implied consent: members need the legend and a window where they can object",
        rationale_ja: "＊印は黙示の同意による利用目的です。凡例と、同意しない旨を申し出る窓口が必要です",
    },
    Rule {
        id: "consent-mark-text",
        severity: Severity::Warning,
        rationale: "a ＊ typed into an item's text without `consent = true` shows the mark without its legend and window",
        rationale_ja: "`consent = true` なしに文言へ＊を書くと、凡例と申出の窓口のない＊印が表示されます",
    },
    Rule {
        id: "contractor-phone",
        severity: Severity::Warning,
        rationale: "one contractor with two phone numbers is usually a typo in one of them",
        rationale_ja: "同じ委託先に二つの電話番号があるのは、多くの場合どちらかの誤りです",
    },
    Rule {
        id: "window-not-shown",
        severity: Severity::Warning,
        rationale: "the text points to a window below (「下記窓口」, 「（下記参照）」, 「以下の連絡先」, …) that the page never shows",
        rationale_ja: "本文が「下記窓口」「（下記参照）」「以下の連絡先」などで窓口を案内していますが、ページに窓口が載っていません",
    },
    Rule {
        id: "old-article",
        severity: Severity::Warning,
        rationale: "the amendments in force 2022-04-01 renumbered the articles of the Act; this citation uses an old number for what the article is about",
        rationale_ja: "令和4年施行の改正で条番号が変わりました。旧条番号の引用です",
    },
    Rule {
        id: "era-first-year",
        severity: Severity::Warning,
        rationale: "the first year of an era is written 元年 (令和元年), not 1年",
        rationale_ja: "元号の最初の年は「元年」と書きます（令和元年）",
    },
];

/// Looks a rule up by id.
pub fn rule(id: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.id == id)
}

/// Every finding of the rules on the merged union (the `legal-*` rules, which judge the rendered
/// pages, are `publish`'s), before the union's acknowledgements are applied.
pub fn lint(site: &UnionSite, file: &UnionFile, base: &Base) -> Vec<Diagnostic> {
    let texts = locate::Texts::of(file);
    let mut found = Vec::new();
    consent::check(site, &texts, &mut found);
    wording::check(site, base, &texts, &mut found);
    stale::check(site, file, base, &mut found);
    found
}

/// The union's acknowledgements of rules that do not exist: errors, in the lints `check` runs
/// and in the pipeline's `render`, so a build refuses them as `check` does.
pub fn unknown_acknowledgements(file: &UnionFile) -> Vec<Diagnostic> {
    file.doc
        .acknowledge
        .iter()
        .filter(|ack| rule(ack.rule.get_ref()).is_none())
        .map(|ack| {
            let id = ack.rule.get_ref();
            let near = nearest(id, RULES.iter().map(|r| r.id));
            file.error_at(&ack.rule, format!("there is no lint rule `{id}`"))
                .rule("unknown-reference")
                .with_suggestion(did_you_mean(&near))
                .ja(
                    format!("`{id}` というチェック項目はありません"),
                    Some(did_you_mean_ja(&near)),
                )
        })
        .collect()
}

/// Turns acknowledged findings into notes carrying the union's reason; flags acknowledgements
/// of rules that do not exist ([`unknown_acknowledgements`]) and ones that no longer match
/// anything.
pub fn acknowledge(mut found: Vec<Diagnostic>, file: &UnionFile) -> Vec<Diagnostic> {
    let mut extra = unknown_acknowledgements(file);
    for ack in &file.doc.acknowledge {
        let id = ack.rule.get_ref();
        if rule(id).is_none() {
            continue;
        }
        let mut matched = false;
        for d in found.iter_mut().filter(|d| d.rule == id) {
            d.severity = Severity::Note;
            d.acknowledged = Some(ack.reason.clone());
            matched = true;
        }
        if !matched {
            extra.push(
                file.error_at(
                    &ack.rule,
                    format!("`{id}` is acknowledged but finds nothing any more"),
                )
                .rule("unused-acknowledgement")
                .severity(Severity::Warning)
                .with_suggestion("remove this [[acknowledge]] entry")
                .ja(
                    format!("`{id}` は確認済みとされていますが、もう該当する箇所がありません"),
                    Some("この [[acknowledge]] を削除してください".to_string()),
                ),
            );
        }
    }
    found.extend(extra);
    found
}

/// A finding of `rule` at a place, with its messages in both languages.
pub(crate) fn finding(
    rule_id: &'static str,
    at: Diagnostic,
    (en, ja): (String, String),
    (help, help_ja): (String, String),
) -> Diagnostic {
    let severity = rule(rule_id).map_or(Severity::Warning, |r| r.severity);
    Diagnostic { message: en, ..at }
        .rule(rule_id)
        .severity(severity)
        .with_suggestion(help)
        .ja(ja, Some(help_ja))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_ids_are_unique_and_documented() {
        let mut ids: Vec<&str> = RULES.iter().map(|r| r.id).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), RULES.len());
        let readme = include_str!("../../docs/federation.md");
        for r in RULES {
            assert!(
                readme.contains(&format!("`{}`", r.id)),
                "docs/federation.md lacks `{}`",
                r.id
            );
            assert!(!r.rationale.is_empty() && !r.rationale_ja.is_empty());
        }
    }
}
