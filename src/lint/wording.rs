//! Wording lint: stale or wrong words, inconsistent contractors, broken pointers.

use std::collections::BTreeMap;

use super::articles;
use super::finding;
use super::locate::Texts;
use crate::diagnostic::Diagnostic;
use crate::model::{Base, Origin, UnionSite};
use crate::text::company::{normalize_name, normalize_phone};
use crate::text::wareki;

/// Adds the wording findings for one union.
pub fn check(site: &UnionSite, base: &Base, texts: &Texts, found: &mut Vec<Diagnostic>) {
    old_wording(site, base, texts, found);
    for typo in &base.meta.typos {
        for at in texts.find(&typo.wrong) {
            found.push(finding(
                "known-typo",
                at,
                (
                    format!(
                        "「{}」 looks like a misspelling of 「{}」",
                        typo.wrong, typo.right
                    ),
                    format!(
                        "「{}」は「{}」の誤りではありませんか",
                        typo.wrong, typo.right
                    ),
                ),
                (
                    format!("write 「{}」", typo.right),
                    format!("「{}」と書いてください", typo.right),
                ),
            ));
        }
    }
    contractor_phones(site, texts, found);
    consent_mark_in_text(site, texts, found);
    window_not_shown(site, texts, found);
    old_articles(texts, found);
    era_first_year(texts, found);
}

/// Words the base has replaced, with the current base text of the item when there is one.
fn old_wording(site: &UnionSite, base: &Base, texts: &Texts, found: &mut Vec<Diagnostic>) {
    for s in &base.meta.superseded {
        let since = wareki::format(s.since, site.presentation.digits);
        let message = (
            format!(
                "「{}」 is old wording: the base has said 「{}」 since {since}",
                s.old, s.new
            ),
            format!(
                "「{}」は古い表現です。標準文例は{since}から「{}」としています（{}）",
                s.old, s.new, s.why
            ),
        );
        let mut reported = Vec::new();
        let items = site
            .policy
            .sections
            .iter()
            .flat_map(|sec| &sec.groups)
            .flat_map(|g| &g.items)
            .filter(|i| i.origin != Origin::Base && !s.occurrences(&i.text).is_empty());
        for item in items {
            let current = base_text(base, &item.id);
            for at in texts.find(&item.text) {
                reported.push((at.file.clone(), at.line));
                let help = match current {
                    Some(text) => (
                        format!("the base text of `{}` is now: 「{text}」", item.id),
                        format!("`{}` の現在の標準文例: 「{text}」", item.id),
                    ),
                    None => (
                        format!("write 「{}」", s.new),
                        format!("「{}」と書いてください", s.new),
                    ),
                };
                found.push(finding("old-wording", at, message.clone(), help));
            }
        }
        let in_texts = texts.find_by(|line| {
            s.occurrences(line)
                .into_iter()
                .map(|(start, end)| (start, end - start, ()))
                .collect()
        });
        for (at, ()) in in_texts {
            if reported.contains(&(at.file.clone(), at.line)) {
                continue;
            }
            found.push(finding(
                "old-wording",
                at,
                message.clone(),
                (
                    format!("write 「{}」", s.new),
                    format!("「{}」と書いてください", s.new),
                ),
            ));
        }
    }
}

fn base_text<'b>(base: &'b Base, id: &str) -> Option<&'b str> {
    base.policy
        .sections
        .iter()
        .flat_map(|s| &s.groups)
        .flat_map(|g| &g.items)
        .find(|i| i.id == id)
        .map(|i| i.text.as_str())
}

/// One company listed with two different phone numbers.
fn contractor_phones(site: &UnionSite, texts: &Texts, found: &mut Vec<Diagnostic>) {
    let mut by_name: BTreeMap<String, Vec<&crate::model::Contractor>> = BTreeMap::new();
    for c in &site.contractors {
        by_name.entry(normalize_name(&c.name)).or_default().push(c);
    }
    for list in by_name.values() {
        let Some(first) = list.first() else { continue };
        let first_phone = first.phone.as_deref().unwrap_or_default();
        for other in list.iter().skip(1) {
            let phone = other.phone.as_deref().unwrap_or_default();
            if normalize_phone(phone) == normalize_phone(first_phone) {
                continue;
            }
            let at = texts.anchor(&format!("{} =", other.id));
            let at = if at.line == 0 {
                texts.anchor(&format!("[contractors.{}]", other.id))
            } else {
                at
            };
            found.push(finding(
                "contractor-phone",
                at,
                (
                    format!(
                        "contractor {} has two phone numbers: {first_phone} (`{}`) and {phone} (`{}`)",
                        other.name, first.id, other.id
                    ),
                    format!(
                        "委託先「{}」に二つの電話番号があります: {first_phone}（`{}`）と {phone}（`{}`）",
                        other.name, first.id, other.id
                    ),
                ),
                (
                    "check which number is right; if both are, acknowledge this finding with the reason".into(),
                    "どちらの番号が正しいか確かめてください。両方正しい場合は理由を添えて [[acknowledge]] してください".into(),
                ),
            ));
        }
    }
}

/// A ＊ (or *) typed into the text of an item that is not marked `consent = true`: the site
/// shows the mark, but not the legend or the window that implied consent needs, and the
/// item's data says it does not rely on implied consent.
fn consent_mark_in_text(site: &UnionSite, texts: &Texts, found: &mut Vec<Diagnostic>) {
    let items = site
        .policy
        .sections
        .iter()
        .flat_map(|sec| &sec.groups)
        .flat_map(|g| &g.items)
        .filter(|i| i.origin != Origin::Base && !i.consent && i.text.contains(['＊', '*']));
    for item in items {
        let hits = texts.find_by(|line| {
            line.match_indices(item.text.as_str())
                .flat_map(|(start, _)| {
                    item.text
                        .match_indices(['＊', '*'])
                        .map(move |(i, mark)| (start + i, mark.len(), mark.to_string()))
                })
                .collect()
        });
        for (at, mark) in hits {
            found.push(finding(
                "consent-mark-text",
                at,
                (
                    format!(
                        "`{}` has 「{mark}」 in its text but is not marked `consent = true`: the mark shows without the legend and the window implied consent needs",
                        item.id
                    ),
                    format!(
                        "`{}` の文言に「{mark}」がありますが、`consent = true` が指定されていません。＊の凡例と申出の窓口が表示されません",
                        item.id
                    ),
                ),
                (
                    "delete the mark from `text` and set `consent = true` on the item (kumiai adds ＊, the legend and the window)".into(),
                    "`text` から印を消し、項目に `consent = true` を指定してください（＊・凡例・窓口は kumiai が表示します）".into(),
                ),
            ));
        }
    }
}

/// Words that name a window (窓口) a member can turn to.
const WINDOW_WORDS: &[&str] = &[
    "窓口",
    "連絡先",
    "問い合わせ先",
    "問合せ先",
    "問い合せ先",
    "申出先",
    "申し出先",
    "相談先",
];

/// Verbs of turning to a window: 「下記までお問い合わせください」.
const CONTACT_WORDS: &[&str] = &[
    "問い合わせ",
    "問合せ",
    "問い合せ",
    "連絡",
    "申し出",
    "申出",
    "相談",
];

/// A pointer to a window below the text (「下記窓口」, 「下記の連絡先」, 「（下記参照）」, 「以下の
/// 窓口」, 「下記までお問い合わせください」, …) in `line`: byte offset and length of the pointer.
fn window_pointers(line: &str) -> Vec<(usize, usize, String)> {
    let mut found = Vec::new();
    for word in ["下記", "以下"] {
        for (at, _) in line.match_indices(word) {
            let after = &line[at + word.len()..];
            let sentence_end = after.find(['。', '！', '？', '\n']).unwrap_or(after.len());
            let rest = &after[..sentence_end];
            let sentence = {
                let start = line[..at].rfind(['。', '！', '？']).unwrap_or(0);
                &line[start..at + word.len() + sentence_end]
            };
            // 「下記（の…）窓口」: a window word within a few characters.
            let near: String = rest.chars().take(10).collect();
            let named = WINDOW_WORDS
                .iter()
                .filter_map(|w| near.find(w).map(|i| i + w.len()))
                .min()
                // 「以下「当組合」という」 defines a term, it does not point to anything.
                .filter(|_| !near.starts_with('「'));
            let len = if let Some(end) = named {
                Some(word.len() + end)
            } else {
                // 「下記まで」「（下記参照）」 in a sentence about contacting someone.
                let pointer = ["参照", "をご参照", "を参照", "まで", "へ", "にて"]
                    .iter()
                    .find(|p| rest.starts_with(*p));
                pointer
                    .filter(|_| {
                        WINDOW_WORDS
                            .iter()
                            .chain(CONTACT_WORDS)
                            .any(|w| sentence.contains(w))
                    })
                    .map(|p| word.len() + p.len())
            };
            if let Some(len) = len {
                found.push((at, len, line[at..at + len].to_string()));
            }
        }
    }
    found
}

/// A pointer to a window below (「下記窓口」 and its family) on a page that shows no window
/// below it.
fn window_not_shown(site: &UnionSite, texts: &Texts, found: &mut Vec<Diagnostic>) {
    for (at, phrase) in texts.find_by(window_pointers) {
        let none = !site.has_window();
        // The complaints page lists its windows right below its text.
        if !none && texts.page_of(&at).as_deref() == Some("contact") {
            continue;
        }
        found.push(finding(
            "window-not-shown",
            at,
            (
                format!(
                    "「{phrase}」 points to a window below, but {}",
                    if none {
                        "the site shows no window at all"
                    } else {
                        "the windows are on the complaints page, not below this text"
                    }
                ),
                format!(
                    "「{phrase}」とありますが、{}",
                    if none {
                        "サイトに窓口が一つも載っていません"
                    } else {
                        "窓口はこの文の下ではなく「苦情の申出先」のページにあります"
                    }
                ),
            ),
            (
                "name the page instead (「苦情の申出先」のページ) and add a [[contacts]] window".into(),
                "「苦情の申出先」のページに記載の窓口、のようにページを示し、[[contacts]] に窓口を書いてください".into(),
            ),
        ));
    }
}

/// Citations of the Act by an article number from before the 2022 renumbering, located at the
/// 「第…条」 itself (see [`super::articles`]).
fn old_articles(texts: &Texts, found: &mut Vec<Diagnostic>) {
    let hits = texts.find_by(|line| {
        articles::old_citations(line)
            .into_iter()
            .map(|c| (c.at, c.len, c))
            .collect()
    });
    for (at, cite) in hits {
        let (written, subject, old, write) = (
            &cite.written,
            cite.article.subject,
            cite.article.old,
            &cite.write,
        );
        found.push(finding(
            "old-article",
            at,
            (
                format!(
                    "{written} ({subject}) is the Act's numbering before 2022-04-01 (old Art. {old}); it is now {write}"
                ),
                format!(
                    "{written}（{subject}）は令和4年4月1日施行の改正前の条番号です。現在は{write}です"
                ),
            ),
            (format!("write {write}"), format!("{write}と書いてください")),
        ));
    }
}

/// 「令和1年」 instead of 「令和元年」.
fn era_first_year(texts: &Texts, found: &mut Vec<Diagnostic>) {
    let eras = ["令和", "平成", "昭和", "大正", "明治"];
    for era in eras {
        for one in ["1年", "１年"] {
            let wrong = format!("{era}{one}");
            for at in texts.find(&wrong) {
                found.push(finding(
                    "era-first-year",
                    at,
                    (
                        format!("「{wrong}」: the first year of an era is written 元年"),
                        format!("「{wrong}」: 元号の最初の年は「元年」と書きます"),
                    ),
                    (
                        format!("write 「{era}元年」"),
                        format!("「{era}元年」と書いてください"),
                    ),
                ));
            }
        }
    }
}
