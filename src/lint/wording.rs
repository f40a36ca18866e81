//! Wording lint: stale or wrong words, inconsistent contractors, broken pointers.

use std::collections::BTreeMap;

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

/// 「下記窓口」 on a page that shows no window below it.
fn window_not_shown(site: &UnionSite, texts: &Texts, found: &mut Vec<Diagnostic>) {
    for phrase in ["下記窓口", "下記の窓口", "下記のお問い合わせ窓口"] {
        for at in texts.find(phrase) {
            let none = site.contacts.is_empty();
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
}

/// Article numbers of the Act before the 2022 renumbering, recognised by what the sentence is
/// about: (old number, new number, a word the old article's subject brings).
const OLD_ARTICLES: [(u32, u32, &str); 7] = [
    (15, 17, "利用目的"),
    (16, 18, "利用目的"),
    (18, 21, "通知"),
    (23, 27, "第三者"),
    (27, 32, "公表"),
    (28, 33, "開示"),
    (33, 38, "手数料"),
];

fn old_articles(texts: &Texts, found: &mut Vec<Diagnostic>) {
    let hits = texts.find_by(|line| {
        let mut hits = Vec::new();
        for law in ["個人情報保護法", "個人情報の保護に関する法律", "同法"] {
            for (at, _) in line.match_indices(law) {
                let rest = &line[at + law.len()..];
                let Some(number) = article_number(rest) else {
                    continue;
                };
                let sentence_end = rest.find('。').unwrap_or(rest.len());
                let sentence = &rest[..sentence_end];
                if let Some((old, new, _)) = OLD_ARTICLES
                    .iter()
                    .find(|(old, _, word)| *old == number && sentence.contains(word))
                {
                    hits.push((at, law.len(), (*old, *new)));
                }
            }
        }
        hits
    });
    for (at, (old, new)) in hits {
        found.push(finding(
            "old-article",
            at,
            (
                format!(
                    "this cites 第{old}条 of the Act as numbered before 2022; it is now 第{new}条"
                ),
                format!("改正前の条番号（第{old}条）を引用しています。現在は第{new}条です"),
            ),
            (
                format!("write 第{new}条"),
                format!("第{new}条と書いてください"),
            ),
        ));
    }
}

/// The number of 「第N条」 at the start of `text` (half- or full-width digits).
fn article_number(text: &str) -> Option<u32> {
    let rest = text.strip_prefix('第')?;
    let digits: String = rest
        .chars()
        .take_while(|c| c.is_ascii_digit() || ('０'..='９').contains(c))
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            _ => c,
        })
        .collect();
    let after = rest
        .chars()
        .skip(digits.chars().count())
        .collect::<String>();
    if !after.starts_with('条') {
        return None;
    }
    digits.parse().ok()
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn article_numbers() {
        assert_eq!(article_number("第23条第1項"), Some(23));
        assert_eq!(article_number("第２７条"), Some(27));
        assert_eq!(article_number("第23項"), None);
        assert_eq!(article_number("に基づき"), None);
    }
}
