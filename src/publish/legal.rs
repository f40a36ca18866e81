//! What 個人情報保護法 Art. 32 and 施行令 Art. 10 ask a union to publish, judged on the pages the
//! build made: each item is looked for in the text a member reads, so a replaced page body, a
//! theme that leaves a block out or a value such as 「準備中」 cannot make an item look present.

use std::path::{Path, PathBuf};

use super::LegalItem;
use super::page_text::{is_placeholder, visible_text};
use crate::diagnostic::Diagnostic;
use crate::lint::finding;
use crate::lint::locate::Texts;
use crate::model::{PageKind, UnionSite};
use crate::render::OutputFile;
use crate::text::url::page_file;

/// The rendered union as the rules read it.
pub(super) struct Published<'a> {
    pub site: &'a UnionSite,
    pub texts: &'a Texts,
    /// Project root, for findings in the base's own pages.
    pub root: PathBuf,
    pages: Vec<(String, PageKind, String)>,
}

impl<'a> Published<'a> {
    pub fn new(site: &'a UnionSite, texts: &'a Texts, root: &Path, files: &[OutputFile]) -> Self {
        let pages = site
            .pages
            .iter()
            .filter_map(|p| {
                let name = page_file(&p.id);
                let file = files.iter().find(|f| f.path == name)?;
                let text = visible_text(&String::from_utf8_lossy(&file.bytes));
                Some((p.id.clone(), p.kind, text))
            })
            .collect();
        Published {
            site,
            texts,
            root: root.to_path_buf(),
            pages,
        }
    }

    /// The visible text of the page with id `id`, else of the first page of `kind` (prose
    /// pages are found by id only), if the site has it.
    fn page(&self, id: &str, kind: PageKind) -> Option<&str> {
        self.pages
            .iter()
            .find(|(pid, _, _)| pid == id)
            .or_else(|| {
                self.pages
                    .iter()
                    .find(|(_, k, _)| *k == kind && kind != PageKind::Prose)
            })
            .map(|(_, _, text)| text.as_str())
    }

    /// The visible text of every page of `kind`, one after another.
    fn texts_of(&self, kind: PageKind) -> String {
        self.pages
            .iter()
            .filter(|(_, k, _)| *k == kind)
            .map(|(_, _, text)| text.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// Where a finding about page `id` goes: the union's `[[page]]` for it when it edits the
    /// page, else the base's page file (the base is what publishes it then).
    fn page_anchor(&self, id: &str) -> Diagnostic {
        let at = self.texts.anchor(&format!("id = \"{id}\""));
        if at.line > 0 {
            return at;
        }
        let base = self.root.join("content/pages").join(format!("{id}.md"));
        if base.is_file() {
            Diagnostic::file(&base, "")
        } else {
            self.texts.anchor("[union]")
        }
    }

    /// Where a finding about a `[union]` key goes: that key's line, else `[union]`.
    fn union_key(&self, key: &str) -> Diagnostic {
        let (path, text) = self.texts.toml();
        let mut in_union = false;
        let mut offset = 0;
        for line in text.split_inclusive('\n') {
            let trimmed = line.trim_start();
            if trimmed.starts_with('[') {
                in_union = trimmed.starts_with("[union]");
            } else if in_union
                && trimmed.starts_with(key)
                && trimmed[key.len()..].trim_start().starts_with('=')
            {
                let at = offset + (line.len() - trimmed.len());
                return Diagnostic::at(path, text, at..at + key.len(), "");
            }
            offset += line.len();
        }
        self.texts.anchor("[union]")
    }
}

/// One missing item: the finding, and the item it is about.
type Missing = (LegalItem, Diagnostic);

fn missing(
    item: LegalItem,
    at: Diagnostic,
    en: String,
    ja: String,
    help: (String, String),
) -> Missing {
    (item, finding(item.rule(), at, (en, ja), help))
}

/// Every Art. 32 item the published union lacks.
pub(super) fn check(p: &Published) -> Vec<Missing> {
    let mut found = Vec::new();
    identity(p, &mut found);
    purposes(p, &mut found);
    requests(p, &mut found);
    safety(p, &mut found);
    abroad(p, &mut found);
    complaints(p, &mut found);
    found
}

fn identity(p: &Published, found: &mut Vec<Missing>) {
    let id = &p.site.identity;
    let top = p.page("index", PageKind::Prose).unwrap_or_default();
    let shown = |value: &Option<String>| {
        value
            .as_deref()
            .is_some_and(|v| !is_placeholder(v) && top.contains(v.trim()))
    };
    let fields: [(LegalItem, &str, bool, &str, &str, &str); 3] = [
        (
            LegalItem::Name,
            "name",
            !is_placeholder(&id.name) && top.contains(id.name.trim()),
            "the union's name",
            "組合の名称",
            "name = \"○○健康保険組合\"",
        ),
        (
            LegalItem::Address,
            "address",
            shown(&id.address),
            "the union's address",
            "組合の住所",
            "postal_code = \"…\" と address = \"…\"",
        ),
        (
            LegalItem::Representative,
            "representative",
            shown(&id.representative),
            "the representative's (理事長) name",
            "代表者（理事長）の氏名",
            "representative = \"理事長 氏名\"",
        ),
    ];
    for (item, key, ok, en, ja, example) in fields {
        if !ok {
            found.push(missing(
                item,
                p.union_key(key),
                format!("{en} is not published on the top page (missing, a placeholder such as 「準備中」, or left out by the page)"),
                format!("{ja}がトップページに掲載されていません（未記入、「準備中」などの仮の値、またはページに表示されていません）"),
                (
                    format!("write `{example}` under [union] (and keep it on the top page)"),
                    format!("[union] に `{example}` を書いてください（トップページに表示されるようにしてください）"),
                ),
            ));
        }
    }
}

/// An item's first paragraph as it shows: an item's text is Markdown, so a long item may have
/// several paragraphs and escaped marks (`\\*`), which the visible text has without the
/// backslash.
fn first_paragraph(text: &str) -> String {
    let first = text.trim().split("\n\n").next().unwrap_or_default();
    first
        .replace("\\\\", "\u{0}")
        .replace('\\', "")
        .replace('\u{0}', "\\")
}

fn purposes(p: &Published, found: &mut Vec<Missing>) {
    let page = p.site.pages.iter().find(|pg| pg.kind == PageKind::Purposes);
    // A union may show some sections on pages of their own (`[[new_page]] sections`).
    let text = p.texts_of(PageKind::Purposes);
    let problem = match page {
        None => Some("there is no purposes page"),
        Some(pg) if pg.replaced => {
            let body = visible_text(&pg.body);
            (body.trim().chars().count() < 20 || is_placeholder(&body))
                .then_some("the union's own purposes page says too little to list the purposes")
        }
        Some(_) => {
            let sections = &p.site.policy.sections;
            let empty = sections
                .iter()
                .any(|s| s.groups.iter().all(|g| g.items.is_empty()));
            let unshown = sections
                .iter()
                .flat_map(|s| &s.groups)
                .filter_map(|g| g.items.first())
                .any(|i| !text.contains(&first_paragraph(&i.text)));
            // A table of data kinds (`[[data_kind]]`) lists purposes too: with no section left,
            // it is what the page shows of them.
            let table_shown = p
                .site
                .data_kinds
                .as_ref()
                .map(|t| t.kinds.iter().all(|k| text.contains(k.name.trim())));
            if sections.is_empty() {
                match table_shown {
                    None => Some("every section of purposes was removed"),
                    Some(true) => None,
                    Some(false) => Some(
                        "the purposes page does not show the items (the theme or the page leaves them out)",
                    ),
                }
            } else if empty {
                Some("a section of purposes is left without any item")
            } else if unshown {
                Some(
                    "the purposes page does not show the items (the theme or the page leaves them out)",
                )
            } else {
                None
            }
        }
    };
    if let Some(why) = problem {
        found.push(missing(
            LegalItem::Purposes,
            p.page_anchor("purposes"),
            format!("all purposes of use must be published: {why}"),
            format!("すべての利用目的の公表が必要です（{}）", ja_of(why)),
            (
                "keep the `purposes` page with its sections and items, or remove an empty section".into(),
                "`purposes` ページと利用目的の項目を残してください。項目のないセクションは削除してください".into(),
            ),
        ));
    }
}

/// The Japanese of the reasons above.
fn ja_of(why: &str) -> &'static str {
    match why {
        "there is no purposes page" => "利用目的のページがありません",
        "every section of purposes was removed" => "利用目的のセクションがすべて削除されています",
        "a section of purposes is left without any item" => "項目が一つもないセクションがあります",
        "the union's own purposes page says too little to list the purposes" => {
            "差し替えた利用目的のページに利用目的が書かれていません"
        }
        _ => "利用目的のページに項目が表示されていません",
    }
}

/// The procedures Art. 32(1)(iii) asks for, as the requests page must name them.
const PROCEDURES: &[(&str, &[&str])] = &[
    ("利用目的の通知", &["利用目的の通知"]),
    ("開示", &["開示"]),
    ("訂正等（訂正・追加・削除）", &["訂正"]),
    ("利用停止等（利用停止・消去）", &["利用停止", "利用の停止"]),
    (
        "第三者提供の停止",
        &["第三者提供の停止", "第三者への提供の停止"],
    ),
];

fn requests(p: &Published, found: &mut Vec<Missing>) {
    let Some(text) = p.page("requests", PageKind::Prose) else {
        found.push(missing(
            LegalItem::Requests,
            p.texts.anchor("[union]"),
            "the site does not publish how to make requests (disclosure and the others)".into(),
            "開示等の請求に応じる手続が公表されていません".into(),
            (
                "keep the `requests` page".into(),
                "`requests` ページを残してください".into(),
            ),
        ));
        return;
    };
    let absent: Vec<&str> = PROCEDURES
        .iter()
        .filter(|(_, words)| !words.iter().any(|w| text.contains(w)))
        .map(|(name, _)| *name)
        .collect();
    if !absent.is_empty() {
        let list = absent.join("、");
        found.push(missing(
            LegalItem::Requests,
            p.page_anchor("requests"),
            format!("the requests page does not name every procedure: {list}"),
            format!("開示等の請求のページに、次の手続が書かれていません: {list}"),
            (
                "name each procedure: notification of purposes, disclosure, correction etc., suspension of use etc., stopping provision to third parties".into(),
                "利用目的の通知・開示・訂正等・利用停止等・第三者提供の停止のそれぞれの手続を書いてください".into(),
            ),
        ));
    }
    fee(p, text, found);
}

/// Words that say no fee is charged.
const NO_FEE: &[&str] = &[
    "無料",
    "いただきません",
    "徴収しません",
    "かかりません",
    "不要",
    "要しません",
    "求めません",
];

fn fee(p: &Published, requests: &str, found: &mut Vec<Missing>) {
    let sentences: Vec<&str> = requests
        .split(['。', '\n'])
        .filter(|s| {
            ["手数料", "費用", "無料", "有料"]
                .iter()
                .any(|w| s.contains(w))
        })
        .collect();
    let states = sentences
        .iter()
        .any(|s| NO_FEE.iter().any(|w| s.contains(w)) || has_amount(s));
    if states && !is_placeholder(&p.site.fee) {
        return;
    }
    let at = p.texts.anchor("fee =");
    let at = if at.line > 0 {
        at
    } else {
        p.page_anchor("requests")
    };
    found.push(missing(
        LegalItem::Fee,
        at,
        "the requests page does not say what the fee is, or that there is none".into(),
        "開示等の請求の手数料の額（または無料であること）が書かれていません".into(),
        (
            "state it, e.g. 「開示等の請求にかかる手数料は無料です。」 or the amount for notification of purposes and disclosure (Art. 38(1))".into(),
            "「開示等の請求にかかる手数料は無料です。」のように、または利用目的の通知・開示の手数料の額を書いてください（法第38条第1項）".into(),
        ),
    ));
}

/// True when the text names an amount of money: digits (half- or full-width) then 円.
fn has_amount(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    chars.windows(2).any(|w| {
        (w[0].is_ascii_digit()
            || ('０'..='９').contains(&w[0])
            || "〇一二三四五六七八九十百千".contains(w[0]))
            && w[1] == '円'
    })
}

/// The four kinds of safety measures, and how a page may name them.
const MEASURES: &[&str] = &["組織的", "人的", "物理的", "技術的"];

fn safety(p: &Published, found: &mut Vec<Missing>) {
    let text = p.page("safety", PageKind::Safety).unwrap_or_default();
    let absent: Vec<&str> = MEASURES
        .iter()
        .filter(|kind| !names_measure(text, kind))
        .copied()
        .collect();
    if absent.is_empty() {
        return;
    }
    let list = absent.join("・");
    found.push(missing(
        LegalItem::Safety,
        p.page_anchor("safety"),
        format!("the safety management measures are not all published: {list} missing (each kind needs its own heading and content)"),
        format!("安全管理措置の記載がそろっていません: {list}安全管理措置がありません（種類ごとに見出しと内容が必要です）"),
        (
            "keep the base `safety` page, or describe each of the four kinds of measures".into(),
            "標準の `safety` ページを使うか、組織的・人的・物理的・技術的の四つの措置をそれぞれ書いてください".into(),
        ),
    ));
}

/// True when `text` names `{kind}安全管理措置` (or `{kind}な安全管理措置`) followed by some
/// content; 「個人的」 does not name 人的 measures.
fn names_measure(text: &str, kind: &str) -> bool {
    [
        format!("{kind}安全管理措置"),
        format!("{kind}な安全管理措置"),
    ]
    .iter()
    .any(|phrase| {
        text.match_indices(phrase.as_str()).any(|(at, _)| {
            let before_ok = !text[..at].ends_with('個');
            let after: String = text[at + phrase.len()..]
                .chars()
                .filter(|c| !c.is_whitespace())
                .take(20)
                .collect();
            before_ok && after.chars().count() >= 20
        })
    })
}

fn abroad(p: &Published, found: &mut Vec<Missing>) {
    let text = p.page("safety", PageKind::Safety).unwrap_or_default();
    for c in &p.site.contractors {
        let Some(country) = c.country.as_deref().map(str::trim) else {
            continue;
        };
        if country.is_empty()
            || ["日本", "日本国", "japan", "jp"].contains(&country.to_lowercase().as_str())
        {
            continue;
        }
        let covered = p
            .site
            .abroad
            .iter()
            .any(|a| a.country.trim() == country && !is_placeholder(&a.measures))
            && text.contains(country);
        if !covered {
            let at = [
                format!("[contractors.{}]", c.id),
                format!("{} =", c.id),
                "[contractors]".into(),
            ]
            .iter()
            .map(|key| p.texts.anchor(key))
            .find(|d| d.line > 0)
            .unwrap_or_else(|| p.texts.anchor("[union]"));
            found.push(missing(
                LegalItem::Abroad,
                at,
                format!("contractor {} handles data in {country}: the safety measures must name the country and the measures taken (外的環境の把握)", c.name),
                format!("委託先「{}」は{country}で個人データを取り扱います。安全管理措置に、その国名と講じた措置（外的環境の把握）の記載が必要です", c.name),
                (
                    format!("add [[abroad]] with country = \"{country}\" and measures = \"…\""),
                    format!("[[abroad]] に country = \"{country}\" と measures = \"…\" を書いてください"),
                ),
            ));
        }
    }
    for a in &p.site.abroad {
        if is_placeholder(&a.country)
            || is_placeholder(&a.measures)
            || !text.contains(a.country.trim())
        {
            found.push(missing(
                LegalItem::Abroad,
                p.texts.anchor("[[abroad]]"),
                "an [[abroad]] entry is not published with its country and measures".into(),
                "[[abroad]] の国名と措置が掲載されていません".into(),
                (
                    "give the country and the measures taken, and keep the safety page".into(),
                    "国名と講じた措置を書き、安全管理措置のページを残してください".into(),
                ),
            ));
        }
    }
}

fn complaints(p: &Published, found: &mut Vec<Missing>) {
    let text = p.page("contact", PageKind::Contact).unwrap_or_default();
    let reachable = |value: &Option<String>| {
        value
            .as_deref()
            .is_some_and(|v| !is_placeholder(v) && text.contains(v.trim()))
    };
    let window = p.site.contacts.iter().any(|c| {
        !is_placeholder(&c.department)
            && text.contains(c.department.trim())
            && (reachable(&c.phone) || reachable(&c.address) || reachable(&c.email))
    });
    let union_itself = p.site.contacts.is_empty() && reachable(&p.site.identity.address);
    if window || union_itself {
        return;
    }
    let at = p.texts.anchor("[[contacts]]");
    let at = if at.line > 0 {
        at
    } else {
        p.texts.anchor("[union]")
    };
    found.push(missing(
        LegalItem::Complaints,
        at,
        "no window for complaints (苦情の申出先) is published with a way to reach it (address, phone or email)".into(),
        "苦情の申出先（窓口）が、連絡方法（住所・電話番号・メール）とともに公表されていません".into(),
        (
            "add a [[contacts]] block with department, and address or phone, and hours".into(),
            "[[contacts]] に窓口の部署と、住所または電話番号、受付時間を書いてください".into(),
        ),
    ));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_four_measures_need_their_own_names() {
        let text = "組織的安全管理措置 責任者を置き、取扱いの範囲を明確にし、点検と監査を行っています。人的安全管理措置 職員に定期的な研修を行い、秘密保持を就業規則に定めています。物理的安全管理措置 入室を管理し、機器の持ち出しを制限し、盗難を防ぐ措置をとっています。技術的安全管理措置 アクセスを制御し、不正アクセスから情報システムを保護しています。";
        assert!(MEASURES.iter().all(|k| names_measure(text, k)));
        let one_line = "組織的、個人的、物理的、技術的に安全管理措置を講じています。";
        assert!(MEASURES.iter().all(|k| !names_measure(one_line, k)));
        assert!(!names_measure(
            "個人的安全管理措置を講じ、職員に定期的な研修を行っています。",
            "人的"
        ));
    }

    #[test]
    fn amounts_of_money_are_recognised() {
        assert!(has_amount("1件につき300円"));
        assert!(has_amount("１件につき３００円"));
        assert!(!has_amount("手数料については別に定めます"));
    }
}
