//! Who the union is and where to reach it, as the page says: its name, 理事長, 〒 and address,
//! TEL/FAX, hours and closed days, website. Only what is written is taken; nothing is guessed.

use unicode_normalization::UnicodeNormalization;

use super::blocks::{Block, strip_bullets};

/// A contact window (苦情の申出先) as the page gives it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Window {
    pub department: Option<String>,
    pub postal_code: Option<String>,
    pub address: Option<String>,
    pub phone: Option<String>,
    pub fax: Option<String>,
    pub email: Option<String>,
    pub hours: Option<String>,
    pub closed: Option<String>,
}

impl Window {
    fn is_empty(&self) -> bool {
        *self == Window::default()
    }
}

/// The union's name: the most frequent 「…健康保険組合」 with a name in front (not 「当健康保険
/// 組合」, not the 健康保険組合連合会).
pub fn union_name(text: &str) -> Option<String> {
    const SUFFIX: &str = "健康保険組合";
    let mut counts: Vec<(String, usize)> = Vec::new();
    for (at, _) in text.match_indices(SUFFIX) {
        if text[at + SUFFIX.len()..].starts_with("連合会") {
            continue;
        }
        let name: String = text[..at]
            .chars()
            .rev()
            .take_while(|c| is_name_char(*c))
            .take(20)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        if name.chars().count() < 2 || name == "当" {
            continue;
        }
        let full = format!("{name}{SUFFIX}");
        match counts.iter_mut().find(|(n, _)| *n == full) {
            Some((_, n)) => *n += 1,
            None => counts.push((full, 1)),
        }
    }
    // The most frequent; the first seen among equals (max_by_key keeps the last, so reverse).
    counts
        .into_iter()
        .rev()
        .max_by_key(|(_, n)| *n)
        .map(|(name, _)| name)
}

/// Characters of a proper name: kanji, katakana, Latin letters and digits (not hiragana,
/// which are the particles in front of a generic 「健康保険組合」).
fn is_name_char(c: char) -> bool {
    matches!(c as u32, 0x4E00..=0x9FFF | 0x30A0..=0x30FF | 0xFF21..=0xFF5A)
        || c.is_ascii_alphanumeric()
        || c == '々'
}

/// The representative, when a short line names the 理事長: 「理事長 山田 太郎」.
pub fn representative(line: &str) -> Option<String> {
    let line = strip_bullets(line);
    let at = line.find("理事長")?;
    let name = line[at + "理事長".len()..].trim_matches([' ', '\u{3000}', '：', ':']);
    let plain = !name.is_empty()
        && name.chars().count() <= 12
        && !name.contains(['。', '、', 'は', 'が', 'を', 'の']);
    plain.then(|| line[at..].trim().to_string())
}

/// The 個人情報取扱責任者 as a short line names them: 「個人情報取扱責任者：総務部長 山田 一郎」 →
/// 「総務部長 山田 一郎」 (title and name, as written).
pub fn privacy_officer(line: &str) -> Option<String> {
    let line = strip_bullets(line);
    let keys = [
        "個人情報取扱責任者",
        "個人情報保護管理者",
        "個人情報保護責任者",
    ];
    let rest = keys.iter().find_map(|k| line.strip_prefix(k))?;
    let rest = rest.trim_start_matches(['：', ':', ' ', '\u{3000}']).trim();
    let plain = !rest.is_empty()
        && rest.chars().count() <= 30
        && !rest.contains(['。', '、', 'は', 'を', 'が']);
    plain.then(|| rest.to_string())
}

/// A line at the head of a letter-style page: 「各位」, 「加入者各位」, 「別紙」, 「（別紙）」.
pub fn letterhead(line: &str) -> Option<String> {
    let line = line.trim();
    let bare = line.trim_matches(['（', '）', '(', ')', '【', '】']);
    let head = (bare == "別紙" || line.ends_with("各位")) && line.chars().count() <= 15;
    head.then(|| line.to_string())
}

/// Reads window lines (〒 and address, 電話/TEL, FAX, メール, 受付時間) from a run of blocks;
/// returns the windows found and, for each block, whether it was used. The short line just
/// before a window's first line is its department.
pub fn windows(blocks: &[Block]) -> (Vec<Window>, Vec<bool>) {
    let mut used = vec![false; blocks.len()];
    let mut windows: Vec<Window> = Vec::new();
    let mut current = Window::default();
    for (i, block) in blocks.iter().enumerate() {
        let text = block.text();
        let before = current.clone();
        let read = read_line(&text, &mut current);
        if !read {
            continue;
        }
        used[i] = true;
        // A line of a kind the window already has starts the next window.
        if before.postal_code.is_some() && current.postal_code != before.postal_code {
            let mut next = Window::default();
            read_line(&text, &mut next);
            windows.push(before);
            current = next;
        }
        if current.department.is_none() && i > 0 && !used[i - 1] {
            let prev = blocks[i - 1].text();
            if is_department(&prev) {
                current.department = Some(prev.trim().to_string());
                used[i - 1] = true;
            }
        }
    }
    if !current.is_empty() {
        windows.push(current);
    }
    (windows, used)
}

/// A line of the union's identity or a window (〒, TEL, FAX, 受付時間, 個人情報取扱責任者): where
/// the purposes have ended.
pub fn is_identity_line(text: &str) -> bool {
    read_line(text, &mut Window::default()) || privacy_officer(text).is_some()
}

/// A line that names the union or one of its departments, standing alone above its address.
pub fn is_union_line(text: &str) -> bool {
    let text = text.trim();
    text.contains("健康保険組合") && is_department(text) && !text.contains(['、', '。'])
}

/// Reads one line into the window; false when it is not a window line.
fn read_line(text: &str, window: &mut Window) -> bool {
    let text = strip_bullets(text);
    // A window's lines are short; a sentence or an item that mentions a number is not one.
    // The tail of a contractor note broken over lines (「TEL 06-…、B社 TEL 06-…）」) closes a
    // bracket it did not open.
    let count = |set: &[char]| text.chars().filter(|c| set.contains(c)).count();
    let tail = count(&[')', '）']) > count(&['(', '（']);
    if text.chars().count() > 60 || text.contains("委託先") || tail {
        return false;
    }
    if let Some(rest) = text
        .strip_prefix('〒')
        .or_else(|| text.strip_prefix("住所：〒"))
    {
        let rest = rest.trim_start();
        let code: String = rest.chars().take_while(|c| !c.is_whitespace()).collect();
        let postal = half_width(&code);
        if postal.len() == 8 && postal.as_bytes()[3] == b'-' {
            window.postal_code = Some(postal);
            window.address = Some(rest[code.len()..].trim().to_string()).filter(|a| !a.is_empty());
            return true;
        }
        return false;
    }
    if let Some(hours) = after_any(text, &["受付時間", "受付時間帯"]) {
        let (hours, closed) = split_closed(hours);
        window.hours = Some(hours);
        window.closed = closed;
        return true;
    }
    let mut read = false;
    if let Some(phone) = phone_after(text, &["電話番号", "電話", "TEL", "ＴＥＬ", "Tel"]) {
        window.phone = Some(phone);
        read = true;
    }
    if let Some(fax) = phone_after(text, &["FAX", "ＦＡＸ", "Fax", "ファックス"]) {
        window.fax = Some(fax);
        read = true;
    }
    if let Some(email) = after_any(text, &["E-mail", "Email", "メール"]).filter(|e| e.contains('@'))
    {
        window.email = Some(email.to_string());
        read = true;
    }
    read
}

/// The text after the first of `keys` at the start of the line, past a colon.
fn after_any<'a>(text: &'a str, keys: &[&str]) -> Option<&'a str> {
    let rest = keys.iter().find_map(|k| text.strip_prefix(k))?;
    Some(rest.trim_start_matches([' ', '\u{3000}', '：', ':']).trim())
}

/// A phone number after one of `keys` anywhere in a short line: 「電話：03-3866-5051」,
/// 「TEL 03-…」; half-width, three groups, or nothing.
fn phone_after(text: &str, keys: &[&str]) -> Option<String> {
    let at = keys
        .iter()
        .filter_map(|k| text.find(k).map(|i| i + k.len()))
        .min()?;
    let rest = half_width(&text[at..]);
    let number: String = rest
        .trim_start_matches([' ', ':', '：', '(', ')'])
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '-')
        .collect();
    let groups: Vec<&str> = number.split('-').collect();
    (groups.len() == 3 && groups.iter().all(|g| !g.is_empty())).then_some(number)
}

/// 「9:00～17:00（土曜、日曜、祝日を除く）」 → ("9:00～17:00", Some("土曜、日曜、祝日")).
fn split_closed(text: &str) -> (String, Option<String>) {
    let open = text.find(['（', '(']);
    let Some(open) = open else {
        return (text.to_string(), None);
    };
    let inner = text[open..]
        .trim_start_matches(['（', '('])
        .trim_end_matches(['）', ')']);
    match inner.strip_suffix("を除く") {
        Some(closed) => (
            text[..open].trim().to_string(),
            Some(closed.trim().to_string()),
        ),
        None => (text.to_string(), None),
    }
}

/// A line that names a department: short, not a sentence, of the union or a 課/部/係/窓口.
fn is_department(text: &str) -> bool {
    let text = text.trim();
    text.chars().count() <= 40
        && !text.ends_with(['。', '：', ':'])
        && ["組合", "課", "部", "係", "窓口", "室", "センター"]
            .iter()
            .any(|w| text.contains(w))
}

/// NFKC: full-width digits and hyphens as half-width (「１１１－００５２」 → 111-0052).
pub fn half_width(text: &str) -> String {
    text.nfkc()
        .map(|c| {
            if matches!(c, '−' | '‐' | '－' | 'ー' | '―') {
                '-'
            } else {
                c
            }
        })
        .collect()
}

/// The website: the first `https://…` address on a line that speaks of a ホームページ, or that is
/// the only thing on its line.
pub fn website(text: &str) -> Option<String> {
    let at = text.find("https://").or_else(|| text.find("http://"))?;
    let url: String = text[at..]
        .chars()
        .take_while(|c| c.is_ascii_graphic() && !matches!(c, '>' | ')' | '"' | '\''))
        .collect();
    (text.contains("ホームページ") || text.trim_matches(['<', '>', ' ']) == url).then_some(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_representative() {
        let text =
            "アコム健康保険組合（以下「当組合」）は、健康保険組合連合会と。アコム健康保険組合は";
        assert_eq!(union_name(text).as_deref(), Some("アコム健康保険組合"));
        assert_eq!(union_name("しかしながら、健康保険組合は"), None);
        assert_eq!(
            representative("理事長　山田 太郎").as_deref(),
            Some("理事長　山田 太郎")
        );
        assert_eq!(representative("理事長は、次のとおり定める。"), None);
    }

    #[test]
    fn officer_and_letterhead() {
        assert_eq!(
            privacy_officer("個人情報取扱責任者：総務部長　山田 一郎").as_deref(),
            Some("総務部長　山田 一郎")
        );
        assert_eq!(
            privacy_officer("個人情報取扱責任者を設置するとともに、"),
            None
        );
        assert_eq!(letterhead("加入者各位").as_deref(), Some("加入者各位"));
        assert_eq!(letterhead("（別紙）").as_deref(), Some("（別紙）"));
        assert_eq!(letterhead("各位に申し上げます。"), None);
        // The tail of a contractor note broken over lines is no phone of the union's.
        assert!(!is_identity_line(
            "TEL 06-7636-6200、RIZAP(株) TEL 06-6454-7757)"
        ));
        assert!(is_identity_line("TEL 03-1234-5670　FAX 03-1234-5679"));
    }

    #[test]
    fn a_window() {
        let blocks: Vec<Block> = [
            "東京機器健康保険組合 総務課",
            "〒111-0052 東京都台東区柳橋 1-4-4",
            "電話：03-3866-5051",
            "受付時間：9:00～17:00（土曜、日曜、祝祭日を除く）",
        ]
        .iter()
        .map(|t| Block::Para(t.to_string()))
        .collect();
        let (windows, used) = windows(&blocks);
        assert_eq!(used, vec![true; 4]);
        assert_eq!(
            windows,
            vec![Window {
                department: Some("東京機器健康保険組合 総務課".into()),
                postal_code: Some("111-0052".into()),
                address: Some("東京都台東区柳橋 1-4-4".into()),
                phone: Some("03-3866-5051".into()),
                fax: None,
                email: None,
                hours: Some("9:00～17:00".into()),
                closed: Some("土曜、日曜、祝祭日".into()),
            }]
        );
    }
}
