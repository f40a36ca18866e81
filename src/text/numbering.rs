//! Section and item numbers as a union writes them: the union gives how number one looks
//! (`1.`, `（１）`, `①`, `第一`, `(ア)`, `a.`…) and every other number is made the same way.

/// The kinds of numeral a pattern can count with, each written as its number one.
const NUMERALS: [(char, Numeral); 6] = [
    ('1', Numeral::Arabic),
    ('１', Numeral::FullWidth),
    ('①', Numeral::Circled),
    ('一', Numeral::Kanji),
    ('ア', Numeral::Katakana),
    ('a', Numeral::Latin),
];

/// The numerals a pattern may hold, for messages: 「1 １ ① 一 ア a」.
pub const NUMERAL_LIST: &str = "1 １ ① 一 ア a";

/// アイウエオ order, as Japanese documents count with katakana (up to ワ).
const KATAKANA: &str =
    "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワ";

/// How one kind of numeral writes a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Numeral {
    /// 1, 2, 3…
    Arabic,
    /// １, ２, ３…
    FullWidth,
    /// ①…⑳, ㉑…㊿, then (51).
    Circled,
    /// 一, 二…十, 十一, 二十一…
    Kanji,
    /// ア, イ, ウ… up to ワ, then the arabic number.
    Katakana,
    /// a, b… z, aa, ab…
    Latin,
}

/// A numbering pattern: the text around the numeral of number one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Numbering {
    before: String,
    numeral: Numeral,
    after: String,
}

/// A pattern with none of the numerals in [`NUMERAL_LIST`]: nothing to count with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoNumeral;

impl Numbering {
    /// Reads a pattern: `Ok(None)` for `""` (no numbers), else the first numeral in it counts
    /// and the text around it is kept as written.
    pub fn parse(pattern: &str) -> Result<Option<Numbering>, NoNumeral> {
        if pattern.is_empty() {
            return Ok(None);
        }
        let (at, c, numeral) = pattern
            .char_indices()
            .find_map(|(at, c)| {
                let kind = NUMERALS.iter().find(|(one, _)| *one == c)?.1;
                Some((at, c, kind))
            })
            .ok_or(NoNumeral)?;
        Ok(Some(Numbering {
            before: pattern[..at].to_string(),
            numeral,
            after: pattern[at + c.len_utf8()..].to_string(),
        }))
    }

    /// Number `n` (from 1) as the pattern writes it, followed by the space a title needs: one
    /// after a half-width end (`1.` → `1. `, as sections were always numbered), none after
    /// full-width text (`（１）`, `①`), where Japanese puts no space.
    pub fn marker(&self, n: usize) -> String {
        let mut marker = format!("{}{}{}", self.before, self.numeral.write(n), self.after);
        if marker.chars().last().is_some_and(|c| c.is_ascii_graphic()) {
            marker.push(' ');
        }
        marker
    }
}

impl Numeral {
    /// Number `n` (from 1) in this numeral.
    pub fn write(self, n: usize) -> String {
        match self {
            Numeral::Arabic => n.to_string(),
            Numeral::FullWidth => n.to_string().chars().map(full_width).collect(),
            Numeral::Circled => circled(n),
            Numeral::Kanji => kanji(n),
            Numeral::Katakana => KATAKANA
                .chars()
                .nth(n.wrapping_sub(1))
                .map_or_else(|| n.to_string(), String::from),
            Numeral::Latin => latin(n),
        }
    }
}

fn full_width(digit: char) -> char {
    char::from_u32(digit as u32 - '0' as u32 + '０' as u32).unwrap_or(digit)
}

/// ①…⑳ (U+2460), ㉑…㉟ (U+3251), ㊱…㊿ (U+32B1); past 50 no circled numeral exists.
fn circled(n: usize) -> String {
    let code = match n {
        1..=20 => 0x2460 + n - 1,
        21..=35 => 0x3251 + n - 21,
        36..=50 => 0x32B1 + n - 36,
        _ => return format!("({n})"),
    };
    u32::try_from(code)
        .ok()
        .and_then(char::from_u32)
        .map_or_else(|| format!("({n})"), String::from)
}

/// 一…九, 十, 十一, 二十一, 百, 千二百三十四; past 9999 the arabic number.
fn kanji(n: usize) -> String {
    const DIGITS: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    if n == 0 || n > 9999 {
        return n.to_string();
    }
    let mut out = String::new();
    for (unit, name) in [(1000, "千"), (100, "百"), (10, "十")] {
        let digit = n / unit % 10;
        if digit > 1 {
            out.push(DIGITS[digit]);
        }
        if digit > 0 {
            out.push_str(name);
        }
    }
    if !n.is_multiple_of(10) {
        out.push(DIGITS[n % 10]);
    }
    out
}

/// a…z, then aa, ab… as spreadsheet columns count.
fn latin(mut n: usize) -> String {
    let mut out = Vec::new();
    while n > 0 {
        n -= 1;
        out.push(char::from(b'a' + (n % 26) as u8));
        n /= 26;
    }
    out.iter().rev().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn markers(pattern: &str, ns: &[usize]) -> Vec<String> {
        let numbering = Numbering::parse(pattern)
            .expect("a numeral")
            .expect("numbers");
        ns.iter().map(|&n| numbering.marker(n)).collect()
    }

    #[test]
    fn half_width_patterns_keep_a_space_before_the_title() {
        assert_eq!(markers("1.", &[1, 12]), ["1. ", "12. "]);
        assert_eq!(markers("(1)", &[3]), ["(3) "]);
        assert_eq!(markers("1 ", &[2]), ["2 "]);
        assert_eq!(
            markers("a.", &[1, 26, 27, 28]),
            ["a. ", "z. ", "aa. ", "ab. "]
        );
        assert_eq!(markers("第1", &[10]), ["第10 "]);
    }

    #[test]
    fn full_width_patterns_are_followed_directly() {
        assert_eq!(markers("（１）", &[1, 12]), ["（１）", "（１２）"]);
        assert_eq!(markers("１．", &[2]), ["２．"]);
        assert_eq!(markers("(ア)", &[2]), ["(イ) "]);
        assert_eq!(
            markers("ア", &[1, 5, 6, 44, 45]),
            ["ア", "オ", "カ", "ワ", "45 "]
        );
    }

    #[test]
    fn circled_numbers_go_to_fifty_then_parentheses() {
        assert_eq!(
            markers("①", &[1, 20, 21, 35, 36, 50, 51]),
            ["①", "⑳", "㉑", "㉟", "㊱", "㊿", "(51) "]
        );
    }

    #[test]
    fn kanji_numbers_read_as_written() {
        assert_eq!(
            markers("一、", &[1, 9, 10, 11, 20, 21, 100, 110, 1234]),
            [
                "一、",
                "九、",
                "十、",
                "十一、",
                "二十、",
                "二十一、",
                "百、",
                "百十、",
                "千二百三十四、"
            ]
        );
        assert_eq!(markers("第一", &[3]), ["第三"]);
    }

    #[test]
    fn the_first_numeral_counts_and_the_rest_is_text() {
        assert_eq!(markers("1-1", &[2]), ["2-1 "]);
    }

    #[test]
    fn empty_means_no_numbers_and_no_numeral_is_refused() {
        assert_eq!(Numbering::parse(""), Ok(None));
        assert_eq!(Numbering::parse("第"), Err(NoNumeral));
        assert_eq!(Numbering::parse("(x)"), Err(NoNumeral));
        assert_eq!(Numbering::parse("2."), Err(NoNumeral));
    }
}
