//! Company names and phone numbers as people write them differently, reduced to one form so
//! that the contractor index and the lint agree on what is "the same company" and "the same
//! number".

use unicode_normalization::UnicodeNormalization;

/// Legal-form abbreviations (after NFKC, so ㈱ and （株） are already `(株)`) and their long
/// forms. Longer abbreviations first, so `(医社)` is not read as `(医)` + `社)`.
const LEGAL_FORMS: &[(&str, &str)] = &[
    ("(医社)", "医療法人社団"),
    ("(医財)", "医療法人財団"),
    ("(一財)", "一般財団法人"),
    ("(一社)", "一般社団法人"),
    ("(公財)", "公益財団法人"),
    ("(公社)", "公益社団法人"),
    ("(社福)", "社会福祉法人"),
    ("(特非)", "特定非営利活動法人"),
    ("(独)", "独立行政法人"),
    ("(株)", "株式会社"),
    ("(有)", "有限会社"),
    ("(合)", "合同会社"),
    ("(名)", "合名会社"),
    ("(資)", "合資会社"),
    ("(財)", "財団法人"),
    ("(社)", "社団法人"),
    ("(医)", "医療法人"),
    ("(学)", "学校法人"),
    ("(福)", "社会福祉法人"),
];

/// The form of a company name used to decide whether two spellings are one company: NFKC
/// (full-width letters and digits, ㈱), legal-form abbreviations written out, no white space
/// (U+3000 included), no 「・」, Latin letters in lower case.
pub fn normalize_name(name: &str) -> String {
    let mut text: String = name
        .nfkc()
        .filter(|c| !c.is_whitespace() && *c != '・')
        .collect();
    for (short, long) in LEGAL_FORMS {
        text = text.replace(short, long);
    }
    text.to_lowercase()
}

/// A normalised name (see [`normalize_name`]) without its legal form (株式会社, 一般財団法人, …)
/// at its start or end: what an index orders companies by, so that 株式会社ウィーメックス and
/// ウィーメックス株式会社 are both under ウ.
pub fn sort_name(normalized: &str) -> &str {
    let mut name = normalized;
    loop {
        let before = name;
        for (_, long) in LEGAL_FORMS {
            name = name.strip_prefix(long).unwrap_or(name);
            name = name.strip_suffix(long).unwrap_or(name);
        }
        if name == before {
            break;
        }
    }
    if name.is_empty() { normalized } else { name }
}

/// The form of a phone number used to compare numbers: its digits (`+81` read as a leading
/// `0`), without notes in brackets such as （代表）; digits in brackets, as in `06(6362)9042`,
/// are kept.
pub fn normalize_phone(phone: &str) -> String {
    let text: String = phone.nfkc().collect();
    let mut number = String::new();
    let mut rest = text.as_str();
    while let Some(open) = rest.find('(') {
        number.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let close = after.find(')').unwrap_or(after.len());
        let inner = &after[..close];
        if inner
            .chars()
            .all(|c| c.is_ascii_digit() || c == '-' || c.is_whitespace())
        {
            number.push_str(inner);
        }
        rest = after.get(close + 1..).unwrap_or("");
    }
    number.push_str(rest);
    let digits: String = number.chars().filter(char::is_ascii_digit).collect();
    match (
        number.trim_start().starts_with("+81"),
        digits.strip_prefix("81"),
    ) {
        (true, Some(national)) => format!("0{national}"),
        _ => digits,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_of_one_company_normalise_alike() {
        let key = normalize_name("日本システム技術株式会社");
        for spelling in [
            "日本システム技術（株）",
            "日本システム技術(株)",
            "日本システム技術㈱",
            "日本システム技術 株式会社",
            "日本システム技術　（株）",
            "日本システム技術（株）\u{3000}",
        ] {
            assert_eq!(normalize_name(spelling), key, "{spelling}");
        }
        assert_eq!(
            normalize_name("ＲＩＺＡＰ（株）"),
            normalize_name("RIZAP株式会社")
        );
        assert_eq!(normalize_name("Rizap(株)"), normalize_name("RIZAP株式会社"));
        assert_eq!(
            normalize_name("（一財）日本予防医学協会"),
            normalize_name("一般財団法人 日本予防医学協会")
        );
        assert_eq!(
            normalize_name("（株）ベネフィット・ワン"),
            normalize_name("株式会社ベネフィットワン")
        );
        assert_ne!(
            normalize_name("日本予防医学協会"),
            normalize_name("日本歯科衛生協会")
        );
    }

    #[test]
    fn phones_compare_by_digits() {
        assert_eq!(normalize_phone("06-6362-9042"), "0663629042");
        assert_eq!(
            normalize_phone("０６－６３６２－９０４２（代表）"),
            "0663629042"
        );
        assert_eq!(normalize_phone("06 (6362) 9042"), "0663629042");
        assert_eq!(normalize_phone("+81-6-6362-9042"), "0663629042");
        assert_ne!(
            normalize_phone("06-6362-9042"),
            normalize_phone("06-6362-9041")
        );
    }

    #[test]
    fn lint_and_index_share_the_normaliser() {
        // The lint's old spellings: (株)/㈱/（株）, (有)/㈲, full-width brackets, spaces.
        assert_eq!(
            normalize_name("日本システム技術 株式会社"),
            normalize_name("日本システム技術㈱")
        );
        assert_eq!(
            normalize_name("山田商店㈲"),
            normalize_name("山田商店（有）")
        );
        assert_ne!(normalize_name("A（株）"), normalize_name("B（株）"));
        assert_eq!(
            normalize_phone("（０６）６３６２－９０４２"),
            normalize_phone("06-6362-9042")
        );
    }
}
