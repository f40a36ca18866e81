//! `old-article`: citations of the Act on the Protection of Personal Information (個人情報の保護に
//! 関する法律) by the article numbers it had before the renumbering in force 2022-04-01
//! (令和4年4月1日; the 2020 and 2021 amendments). A number alone says little: 第27条 is the
//! old 公表 article and the current 第三者提供 one. So a citation is old only when the words of
//! its sentence match the subject of the OLD article with that number and not the subject the
//! number has now; when neither matches, the subject is unknown and nothing is said.

/// One renumbered article of Chapter 4 of the Act: its number before 2022-04-01, its number
/// since, what it is about, and words a sentence about it uses.
#[derive(Debug, PartialEq, Eq)]
pub struct Article {
    pub old: u32,
    pub new: u32,
    pub subject: &'static str,
    pub words: &'static [&'static str],
}

const fn row(old: u32, new: u32, subject: &'static str, words: &'static [&'static str]) -> Article {
    Article {
        old,
        new,
        subject,
        words,
    }
}

/// The renumbered articles, old → new (個人情報取扱事業者等の義務等, Arts. 15–39 → 17–46).
#[rustfmt::skip]
pub const RENUMBERED: &[Article] = &[
    row(15, 17, "利用目的の特定", &["利用目的の特定", "利用目的を特定", "できる限り特定", "利用目的の変更", "利用目的を変更"]),
    row(16, 18, "利用目的による制限", &["利用目的による制限", "目的外", "利用目的の達成に必要な範囲", "範囲を超え"]),
    row(17, 20, "適正な取得", &["適正な取得", "適正に取得", "不正の手段", "要配慮個人情報"]),
    row(18, 21, "取得に際しての利用目的の通知等", &["取得に際して", "取得した場合", "通知し、又は公表", "通知又は公表", "通知・公表", "明示"]),
    row(19, 22, "データ内容の正確性の確保等", &["正確", "最新の内容"]),
    row(20, 23, "安全管理措置", &["安全管理"]),
    row(21, 24, "従業者の監督", &["従業者"]),
    row(22, 25, "委託先の監督", &["委託先", "委託を受けた者"]),
    row(23, 27, "第三者提供の制限", &["第三者", "共同利用", "共同して利用", "オプトアウト"]),
    row(24, 28, "外国にある第三者への提供の制限", &["外国"]),
    row(25, 29, "第三者提供に係る記録の作成等", &["記録"]),
    row(26, 30, "第三者提供を受ける際の確認等", &["提供を受ける際", "提供を受けるに際して"]),
    row(27, 32, "保有個人データに関する事項の公表等", &["公表", "知り得る状態", "保有個人データに関する事項", "利用目的の通知"]),
    row(28, 33, "開示", &["開示"]),
    row(29, 34, "訂正等", &["訂正", "内容の追加"]),
    row(30, 35, "利用停止等", &["利用停止", "利用の停止", "消去", "提供の停止"]),
    row(31, 36, "理由の説明", &["理由を説明", "理由の説明"]),
    row(32, 37, "開示等の請求等に応じる手続", &["手続", "請求等に応じる", "請求を受け付ける方法"]),
    row(33, 38, "手数料", &["手数料"]),
    row(34, 39, "事前の請求", &["事前の請求", "訴え"]),
    row(35, 40, "個人情報取扱事業者による苦情の処理", &["苦情"]),
    row(36, 43, "匿名加工情報の作成等", &["匿名加工"]),
    row(37, 44, "匿名加工情報の提供", &["匿名加工"]),
    row(38, 45, "識別行為の禁止", &["匿名加工"]),
    row(39, 46, "安全管理措置等（匿名加工情報）", &["匿名加工"]),
];

/// Articles that have no old number (new since 2022, or moved in from elsewhere): the number,
/// the subject and its words. A citation of one of these numbers about this subject is current.
pub const ADDED: &[(u32, &str, &[&str])] = &[
    (16, "定義", &["定義"]),
    (19, "不適正な利用の禁止", &["不適正", "違法又は不当な行為"]),
    (26, "漏えい等の報告等", &["漏えい", "漏洩"]),
    (31, "個人関連情報の第三者提供の制限等", &["個人関連情報"]),
];

/// An old citation found in a line: where 「第…条」 is, and what to write instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OldCitation {
    /// Byte offset and length of 「第…条」 in the line.
    pub at: usize,
    pub len: usize,
    /// The article as written (「第23条」, 「第二十三条」).
    pub written: String,
    pub article: &'static Article,
    /// What to write instead: 「第27条」, or 「第27条第5項第3号」 for the old 23(4)(iii).
    pub write: String,
}

/// The law a citation belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Law {
    /// 個人情報の保護に関する法律.
    Act,
    /// Another law, or an order, rule or by-law (施行令, 規約, …).
    Other,
}

/// Names of the Act, longest first.
const ACT_NAMES: &[&str] = &["個人情報の保護に関する法律", "個人情報保護法"];

/// Other laws whose names end like the Act's or that policies cite, checked before the Act.
const OTHER_LAWS: &[&str] = &[
    "行政機関の保有する個人情報の保護に関する法律",
    "独立行政法人等の保有する個人情報の保護に関する法律",
    "行政手続における特定の個人を識別するための番号の利用等に関する法律",
    "高齢者の医療の確保に関する法律",
    "健康保険法",
    "国民健康保険法",
    "船員保険法",
    "介護保険法",
    "番号法",
    "マイナンバー法",
    "高確法",
    "労働安全衛生法",
    "施行令",
    "施行規則",
    "規約",
    "規程",
    "条例",
];

/// Instruments that are not the Act when their name ends right before a citation.
const NOT_THE_ACT_SUFFIXES: &[&str] = &["令", "規則", "規約", "規程", "条例", "告示", "要領"];

/// Every citation of an old article number of the Act in `line`.
pub fn old_citations(line: &str) -> Vec<OldCitation> {
    let mentions = law_mentions(line);
    let mut found = Vec::new();
    for (at, _) in line.match_indices('第') {
        let Some(cite) = citation(&line[at..]) else {
            continue;
        };
        if law_of(line, at, &mentions) != Law::Act {
            continue;
        }
        let sentence = sentence_around(line, at);
        let Some(article) = RENUMBERED.iter().find(|a| a.old == cite.article) else {
            continue;
        };
        if !mentions_any(sentence, article.words) || is_current(cite.article, sentence) {
            continue;
        }
        found.push(OldCitation {
            at,
            len: cite.article_len,
            written: line[at..at + cite.article_len].to_string(),
            article,
            write: suggestion(article, &cite, sentence),
        });
    }
    found
}

/// True when `sentence` speaks of what article `number` is about today.
fn is_current(number: u32, sentence: &str) -> bool {
    let renumbered = RENUMBERED
        .iter()
        .filter(|a| a.new == number)
        .map(|a| a.words);
    let added = ADDED
        .iter()
        .filter(|(n, _, _)| *n == number)
        .map(|(_, _, w)| *w);
    renumbered
        .chain(added)
        .any(|words| mentions_any(sentence, words))
}

fn mentions_any(sentence: &str, words: &[&str]) -> bool {
    words.iter().any(|w| sentence.contains(w))
}

/// 「第27条」, with the paragraph and item when the old 23(4) or 23(5) (委託, 事業の承継, 共同利用:
/// 23(4) before 2017, 23(5) until 2022) is cited: both are 27(5) now.
fn suggestion(article: &Article, cite: &Citation, sentence: &str) -> String {
    let not_third_parties = ["委託", "承継", "合併", "共同利用", "共同して利用"];
    let paragraph_5 = article.old == 23
        && matches!(cite.paragraph, Some(4 | 5))
        && mentions_any(sentence, &not_third_parties);
    if !paragraph_5 {
        return format!("第{}条", article.new);
    }
    match cite.item {
        Some(item) => format!("第{}条第5項第{item}号", article.new),
        None => format!("第{}条第5項", article.new),
    }
}

/// 「第N条」 (optionally 第M項, 第K号) at the start of `text`.
#[derive(Debug, PartialEq, Eq)]
struct Citation {
    article: u32,
    /// Bytes of 「第N条」.
    article_len: usize,
    paragraph: Option<u32>,
    item: Option<u32>,
}

fn citation(text: &str) -> Option<Citation> {
    let rest = text.strip_prefix('第')?;
    let (article, used) = number(rest)?;
    let rest = rest[used..].strip_prefix('条')?;
    // 「第22条の2」 is a branch article inserted by an amendment: not in the table.
    if rest.starts_with('の')
        && rest['の'.len_utf8()..]
            .chars()
            .next()
            .is_some_and(is_numeral)
    {
        return None;
    }
    let article_len = text.len() - rest.len();
    let (paragraph, rest) = part(rest, '項');
    let (item, _) = match paragraph {
        Some(_) => part(rest, '号'),
        None => (None, rest),
    };
    Some(Citation {
        article,
        article_len,
        paragraph,
        item,
    })
}

/// 「第M項」 or 「M項」 (with `unit`) at the start of `text`, and what follows it.
fn part(text: &str, unit: char) -> (Option<u32>, &str) {
    let body = text.strip_prefix('第').unwrap_or(text);
    if let Some((n, used)) = number(body)
        && let Some(rest) = body[used..].strip_prefix(unit)
    {
        return (Some(n), rest);
    }
    (None, text)
}

fn is_numeral(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c) || "〇一二三四五六七八九十百".contains(c)
}

/// A number at the start of `text` in half- or full-width digits or kanji numerals
/// (「二十三」), and the bytes it takes.
fn number(text: &str) -> Option<(u32, usize)> {
    let digits: String = text
        .chars()
        .take_while(|c| c.is_ascii_digit() || ('０'..='９').contains(c))
        .collect();
    if !digits.is_empty() {
        let value = digits
            .chars()
            .filter_map(|c| c.to_digit(10).or_else(|| Some(c as u32 - '０' as u32)))
            .try_fold(0u32, |n, d| n.checked_mul(10)?.checked_add(d))?;
        return Some((value, digits.len()));
    }
    let kanji: String = text
        .chars()
        .take_while(|c| "〇一二三四五六七八九十百".contains(*c))
        .collect();
    if kanji.is_empty() {
        return None;
    }
    let (mut total, mut current) = (0u32, None::<u32>);
    for c in kanji.chars() {
        match c {
            '十' => {
                total += current.unwrap_or(1) * 10;
                current = None;
            }
            '百' => {
                total += current.unwrap_or(1) * 100;
                current = None;
            }
            _ => {
                let d = "〇一二三四五六七八九".chars().position(|k| k == c)? as u32;
                // 「二三」 is not a numeral a law uses.
                if current.is_some() {
                    return None;
                }
                current = Some(d);
            }
        }
    }
    Some((total + current.unwrap_or(0), kanji.len()))
}

/// The sentence of `line` around byte `at` (between 。, ！, ？ or the line's ends).
fn sentence_around(line: &str, at: usize) -> &str {
    let ends = ['。', '！', '？', '\n'];
    let start = line[..at].rfind(ends).map_or(0, |i| {
        i + line[i..].chars().next().map_or(1, char::len_utf8)
    });
    let end = line[at..].find(ends).map_or(line.len(), |i| at + i);
    &line[start..end]
}

/// Where `line` names a law: (byte offset of the end of the name, which law). 「同法」 is the
/// last law named before it (the Act when none is).
fn law_mentions(line: &str) -> Vec<(usize, Law)> {
    let mut mentions: Vec<(usize, Law)> = Vec::new();
    let mut i = 0;
    while i < line.len() {
        let rest = &line[i..];
        let named = OTHER_LAWS
            .iter()
            .map(|n| (*n, Law::Other))
            .chain(ACT_NAMES.iter().map(|n| (*n, Law::Act)))
            .find(|(n, _)| rest.starts_with(n));
        if let Some((name, law)) = named {
            mentions.push((i + name.len(), law));
            i += name.len();
            continue;
        }
        if rest.starts_with("同法") {
            let law = mentions.last().map_or(Law::Act, |m| m.1);
            mentions.push((i + "同法".len(), law));
            i += "同法".len();
            continue;
        }
        i += rest.chars().next().map_or(1, char::len_utf8);
    }
    mentions
}

/// The law the citation at byte `at` belongs to: the name right before it (an opening bracket
/// between them allowed), else the nearest law named before it in the same sentence, else the
/// Act (this is a privacy policy).
fn law_of(line: &str, at: usize, mentions: &[(usize, Law)]) -> Law {
    let before = &line[..at];
    let before = before
        .strip_suffix('（')
        .or_else(|| before.strip_suffix('('))
        .unwrap_or(before);
    if let Some((_, law)) = mentions.iter().rev().find(|(end, _)| *end == before.len()) {
        return *law;
    }
    if NOT_THE_ACT_SUFFIXES.iter().any(|s| before.ends_with(s)) {
        return Law::Other;
    }
    if let Some(head) = before
        .strip_suffix('法')
        .or_else(|| before.strip_suffix("法律"))
    {
        // 「法第27条」 after a particle or a bracket is the Act by its short name; after a
        // kanji or katakana it ends the name of some other law (「税法第…条」).
        let other = head.chars().last().is_some_and(|c| {
            ('\u{4E00}'..='\u{9FFF}').contains(&c) || ('\u{30A0}'..='\u{30FF}').contains(&c)
        });
        return if other { Law::Other } else { Law::Act };
    }
    let sentence_start = line[..at].rfind(['。', '！', '？']).unwrap_or(0);
    mentions
        .iter()
        .rev()
        .find(|(end, _)| *end <= at && *end > sentence_start)
        .map_or(Law::Act, |m| m.1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(line: &str) -> Vec<(String, &'static str, String)> {
        old_citations(line)
            .into_iter()
            .map(|c| {
                assert_eq!(&line[c.at..c.at + c.len], c.written);
                (c.written, c.article.subject, c.write)
            })
            .collect()
    }

    fn one(line: &str) -> (String, String) {
        let all = found(line);
        assert_eq!(all.len(), 1, "{line}: {all:?}");
        (all[0].0.clone(), all[0].2.clone())
    }

    #[test]
    fn numbers_in_every_script() {
        assert_eq!(number("23条"), Some((23, 2)));
        assert_eq!(number("２７条"), Some((27, 6)));
        assert_eq!(number("二十三条"), Some((23, 9)));
        assert_eq!(number("十五条"), Some((15, 6)));
        assert_eq!(number("三十条"), Some((30, 6)));
        assert_eq!(number("百二条"), Some((102, 6)));
        assert_eq!(number("二三条"), None);
        assert_eq!(number("条"), None);
    }

    #[test]
    fn citations_with_paragraph_and_item() {
        let c = citation("第23条第4項第3号").unwrap();
        assert_eq!((c.article, c.paragraph, c.item), (23, Some(4), Some(3)));
        assert_eq!(c.article_len, "第23条".len());
        let c = citation("第二十七条第五項第三号").unwrap();
        assert_eq!((c.article, c.paragraph, c.item), (27, Some(5), Some(3)));
        assert_eq!(citation("第22条の2"), None);
        assert_eq!(citation("第23項"), None);
        assert_eq!(citation("第一に"), None);
    }

    #[test]
    fn the_table_is_consistent() {
        for a in RENUMBERED {
            assert!(a.new > a.old, "{}", a.subject);
            assert!(!a.words.is_empty());
        }
        let mut old: Vec<u32> = RENUMBERED.iter().map(|a| a.old).collect();
        old.dedup();
        assert_eq!(old.len(), RENUMBERED.len());
        // The renumberings DOMAIN.md confirms.
        for (o, n) in [(15, 17), (16, 18), (23, 27), (27, 32), (33, 38)] {
            assert!(RENUMBERED.iter().any(|a| a.old == o && a.new == n));
        }
    }

    #[test]
    fn old_numbers_after_the_name_in_brackets_or_after_同法() {
        assert_eq!(
            one("利用目的は、個人情報保護法（第15条第1項）に基づき、できる限り特定します。"),
            ("第15条".into(), "第17条".into())
        );
        assert_eq!(
            one(
                "個人情報保護法に従います。ただし、同法第16条第3項各号の場合は、利用目的の達成に必要な範囲を超えて利用します。"
            ),
            ("第16条".into(), "第18条".into())
        );
        assert_eq!(
            one("健診結果は、第23条第4項第3号に基づき共同利用します。"),
            ("第23条".into(), "第27条第5項第3号".into())
        );
        assert_eq!(
            one("個人情報の保護に関する法律第二十条に基づき、安全管理措置を講じます。"),
            ("第二十条".into(), "第23条".into())
        );
        assert_eq!(
            one("保有個人データの開示（法第28条）を求められたときは"),
            ("第28条".into(), "第33条".into())
        );
        assert_eq!(
            one("当組合は、個人情報保護法第27条に基づき、保有個人データに関する事項を公表します。"),
            ("第27条".into(), "第32条".into())
        );
        assert_eq!(
            one("個人情報保護法第33条に基づき、手数料を徴収します。"),
            ("第33条".into(), "第38条".into())
        );
        for (old, subject) in [
            (22, "委託先の監督を行います"),
            (24, "外国にある第三者への提供"),
            (29, "訂正の請求"),
            (30, "利用停止の請求"),
            (35, "苦情の処理に努めます"),
        ] {
            let line = format!("個人情報保護法第{old}条により、{subject}。");
            assert_eq!(found(&line).len(), 1, "{line}");
        }
    }

    #[test]
    fn current_citations_are_not_old() {
        for line in [
            "健診結果は、個人情報保護法第27条第5項第3号に基づき共同利用します。",
            "共同利用する場合は、法第27条第5項第3号に定める事項を公表します。",
            "保有個人データの開示（個人情報保護法第33条）には手数料はかかりません。",
            "個人情報保護法第21条第4項各号に定める場合は、利用目的の通知・公表を行いません。",
            "個人情報保護法第38条により手数料を定めます。",
            "個人情報保護法第17条により利用目的を特定します。",
            "個人情報保護法第23条に基づき安全管理措置を講じます。",
            "漏えい等が生じたときは個人情報保護法第26条により報告します。",
        ] {
            assert_eq!(found(line), [], "{line}");
        }
    }

    #[test]
    fn unknown_subjects_and_other_laws_are_not_flagged() {
        for line in [
            // No subject in the sentence.
            "個人情報保護法第23条を参照してください。",
            // Other laws, and 同法 after one.
            "健康保険法第150条及び第23条の第三者に関する規定",
            "番号法第19条第8号に基づき、第三者に提供します。",
            "健康保険法に基づき給付します。同法第28条の開示の規定",
            "行政手続における特定の個人を識別するための番号の利用等に関する法律第28条の開示",
            "個人情報保護法施行令第10条の公表事項",
            "組合規約第23条の第三者",
        ] {
            assert_eq!(found(line), [], "{line}");
        }
    }
}
