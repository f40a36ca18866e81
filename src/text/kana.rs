//! Readings (読み) and places as Japanese readers look unions and companies up: the 50音 row a
//! reading starts in, an order that follows the 50音 (not the character codes), and the
//! prefecture (都道府県) an address starts with.

use unicode_normalization::UnicodeNormalization;

/// The rows of the 50音 index, in order: their label and the anchor-friendly id.
pub const ROWS: [(&str, &str); 10] = [
    ("あ", "a"),
    ("か", "ka"),
    ("さ", "sa"),
    ("た", "ta"),
    ("な", "na"),
    ("は", "ha"),
    ("ま", "ma"),
    ("や", "ya"),
    ("ら", "ra"),
    ("わ", "wa"),
];

/// Hiragana in 50音 order without voiced and small forms, with the row each starts.
const SEION: &str = "あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわゐゑをん";

/// A reading as hiragana: NFKC (half-width katakana made full-width), katakana to hiragana,
/// white space and 「・」 dropped. Other characters are kept as they are.
pub fn hiragana(text: &str) -> String {
    text.nfkc()
        .filter(|c| !c.is_whitespace() && *c != '・')
        .map(|c| match c {
            'ァ'..='ヶ' => char::from_u32(c as u32 - 0x60).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// Whether `c` may appear in a reading: hiragana, katakana, 「ー」, 「・」 or a space.
fn reading_char(c: char) -> bool {
    matches!(c, 'ぁ'..='ゖ' | 'ゝ' | 'ゞ' | 'ァ'..='ヺ' | 'ー' | 'ヽ' | 'ヾ' | '・' | '･' | 'ｦ'..='ﾟ')
        || c.is_whitespace()
}

/// Whether `text` is a reading: some kana, and nothing but kana, 「ー」, 「・」 and spaces.
pub fn is_reading(text: &str) -> bool {
    text.chars().all(reading_char) && text.chars().any(|c| !c.is_whitespace() && c != '・')
}

/// A hiragana character without its voiced mark and as a full-size letter (が → か, ぱ → は,
/// ゃ → や, ゔ → う).
fn seion(c: char) -> char {
    match c {
        'ぁ' | 'ぃ' | 'ぅ' | 'ぇ' | 'ぉ' | 'っ' | 'ゃ' | 'ゅ' | 'ょ' | 'ゎ' => {
            char::from_u32(c as u32 + 1).unwrap_or(c)
        }
        'ゕ' => 'か',
        'ゖ' => 'け',
        'ゔ' => 'う',
        'が'..='ぢ' | 'づ'..='ど' => {
            // Here a voiced letter follows its plain one, at an odd distance from か (or つ).
            let start = if c < 'っ' { 'か' } else { 'つ' };
            if (c as u32 - start as u32) % 2 == 1 {
                char::from_u32(c as u32 - 1).unwrap_or(c)
            } else {
                c
            }
        }
        'は'..='ぽ' => {
            let offset = (c as u32 - 'は' as u32) % 3;
            char::from_u32(c as u32 - offset).unwrap_or(c)
        }
        _ => c,
    }
}

/// The 50音 row (index into [`ROWS`]) a reading starts in; `None` when it does not start with
/// kana.
pub fn row(reading: &str) -> Option<usize> {
    let first = seion(hiragana(reading).chars().next()?);
    let pos = SEION.chars().position(|c| c == first)?;
    Some(match pos {
        0..=34 => pos / 5,
        35..=37 => 7,
        38..=42 => 8,
        _ => 9,
    })
}

/// The vowel a plain kana ends in (か → あ), for a 「ー」 after it.
fn vowel(c: char) -> Option<char> {
    let pos = SEION.chars().position(|s| s == c)?;
    let vowel = match pos {
        0..=34 => pos % 5,
        35 => 0,
        36 => 2,
        37 => 4,
        38..=42 => pos - 38,
        43 => 0,
        44 => 1,
        45 => 3,
        46 => 4,
        _ => return None,
    };
    "あいうえお".chars().nth(vowel)
}

/// The key that orders readings as a Japanese index does: first without voiced marks and
/// small letters (か = が), 「ー」 read as the vowel before it (カード as かあど); then as
/// written, so that か comes before が.
pub fn sort_key(reading: &str) -> (String, String) {
    let plain = hiragana(reading);
    let mut folded = String::with_capacity(plain.len());
    let mut last = None;
    for c in plain.chars() {
        let c = match c {
            'ー' => last.and_then(vowel).unwrap_or(c),
            _ => seion(c),
        };
        folded.push(c);
        last = Some(c);
    }
    (folded, plain)
}

/// The 47 prefectures in their official order (JIS X 0401: 01 北海道 … 47 沖縄県).
pub const PREFECTURES: [&str; 47] = [
    "北海道",
    "青森県",
    "岩手県",
    "宮城県",
    "秋田県",
    "山形県",
    "福島県",
    "茨城県",
    "栃木県",
    "群馬県",
    "埼玉県",
    "千葉県",
    "東京都",
    "神奈川県",
    "新潟県",
    "富山県",
    "石川県",
    "福井県",
    "山梨県",
    "長野県",
    "岐阜県",
    "静岡県",
    "愛知県",
    "三重県",
    "滋賀県",
    "京都府",
    "大阪府",
    "兵庫県",
    "奈良県",
    "和歌山県",
    "鳥取県",
    "島根県",
    "岡山県",
    "広島県",
    "山口県",
    "徳島県",
    "香川県",
    "愛媛県",
    "高知県",
    "福岡県",
    "佐賀県",
    "長崎県",
    "熊本県",
    "大分県",
    "宮崎県",
    "鹿児島県",
    "沖縄県",
];

/// Cities designated by ordinance (政令指定都市), which addresses often start with instead of
/// their prefecture, and the prefecture (index into [`PREFECTURES`]) each is in.
const CITIES: [(&str, usize); 20] = [
    ("札幌市", 0),
    ("仙台市", 3),
    ("さいたま市", 10),
    ("千葉市", 11),
    ("横浜市", 13),
    ("川崎市", 13),
    ("相模原市", 13),
    ("新潟市", 14),
    ("静岡市", 21),
    ("浜松市", 21),
    ("名古屋市", 22),
    ("京都市", 25),
    ("大阪市", 26),
    ("堺市", 26),
    ("神戸市", 27),
    ("岡山市", 32),
    ("広島市", 33),
    ("北九州市", 39),
    ("福岡市", 39),
    ("熊本市", 42),
];

/// The prefecture (index into [`PREFECTURES`]) an address is in, when it starts with one
/// (after a 〒 postal code, if any) or with a city designated by ordinance; `None` otherwise.
pub fn prefecture(address: &str) -> Option<usize> {
    let text: String = address.nfkc().filter(|c| !c.is_whitespace()).collect();
    let mut rest = text.as_str();
    // （例示）東京都…: skip a note in brackets written in front.
    if let Some(after) = rest.strip_prefix('(')
        && let Some(close) = after.find(')')
    {
        rest = &after[close + 1..];
    }
    // 〒100-0001 東京都…: skip the postal code written in front.
    if let Some(after) = rest.strip_prefix('〒') {
        rest = after.trim_start_matches(|c: char| c.is_ascii_digit() || c == '-');
    }
    if let Some(i) = PREFECTURES.iter().position(|p| rest.starts_with(p)) {
        return Some(i);
    }
    CITIES
        .iter()
        .find(|(city, _)| rest.starts_with(city))
        .map(|(_, i)| *i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn readings_are_kana_only() {
        for ok in [
            "きんきでんし",
            "キンキデンシ",
            "ｷﾝｷﾃﾞﾝｼ",
            "とうきょう きき",
            "エー・ビー",
        ] {
            assert!(is_reading(ok), "{ok}");
        }
        for bad in ["", " ", "近畿電子", "kinki", "きんき電子", "・"] {
            assert!(!is_reading(bad), "{bad}");
        }
    }

    #[test]
    fn rows_follow_the_first_kana() {
        assert_eq!(row("きんきでんし"), Some(1));
        assert_eq!(row("ガス"), Some(1));
        assert_eq!(row("ぱなま"), Some(5));
        assert_eq!(row("ウィーメックス"), Some(0));
        assert_eq!(row("ゆうびん"), Some(7));
        assert_eq!(row("ﾜｲ"), Some(9));
        assert_eq!(row("ん"), Some(9));
        assert_eq!(row("RIZAP"), None);
        assert_eq!(row("東京"), None);
    }

    #[test]
    fn voiced_and_small_letters_fold() {
        assert_eq!(
            "がぎぐげござじずぜぞだぢづでどばびぶべぼぱぴぷぺぽっゃゔ"
                .chars()
                .map(seion)
                .collect::<String>(),
            "かきくけこさしすせそたちつてとはひふへほはひふへほつやう"
        );
        // か before が before き: the index's order, not the character codes'.
        let mut words = vec!["きた", "がっこう", "かめ", "カード"];
        words.sort_by_key(|w| sort_key(w));
        assert_eq!(words, ["カード", "がっこう", "かめ", "きた"]);
    }

    #[test]
    fn prefectures_from_the_start_of_an_address() {
        let name = |a: &str| prefecture(a).map(|i| PREFECTURES[i]);
        assert_eq!(name("東京都千代田区千代田1-1"), Some("東京都"));
        assert_eq!(name("〒530-0001 大阪府大阪市北区梅田1-1"), Some("大阪府"));
        assert_eq!(name("京都府京都市"), Some("京都府"));
        assert_eq!(name("京都市中京区"), Some("京都府"));
        assert_eq!(name("横浜市西区"), Some("神奈川県"));
        assert_eq!(name("（例示）埼玉県さいたま市"), Some("埼玉県"));
        assert_eq!(name("　北海道札幌市"), Some("北海道"));
        assert_eq!(name("千代田区千代田1-1"), None);
        assert_eq!(name(""), None);
    }
}
