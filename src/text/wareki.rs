//! Japanese era dates (和暦): 令和元年5月1日, with correct era boundaries.

use chrono::{Datelike, NaiveDate};

use crate::model::Digits;

/// Eras and their first days (year, month, day), newest first, so the first era that began
/// on or before a date is its era.
const ERAS: [(&str, (i32, u32, u32)); 5] = [
    ("令和", (2019, 5, 1)),
    ("平成", (1989, 1, 8)),
    ("昭和", (1926, 12, 25)),
    ("大正", (1912, 7, 30)),
    ("明治", (1868, 1, 25)),
];

/// Formats a date as 和暦, e.g. `2019-05-01` → 「令和元年5月1日」.
///
/// Dates before 明治 have no era in this table and are written in the Western calendar
/// (「1867年1月1日」) rather than invented.
pub fn format(date: NaiveDate, digits: Digits) -> String {
    let text = match era_of(date) {
        Some((era, 1)) => format!("{era}元年{}月{}日", date.month(), date.day()),
        Some((era, year)) => format!("{era}{year}年{}月{}日", date.month(), date.day()),
        None => format!("{}年{}月{}日", date.year(), date.month(), date.day()),
    };
    apply_digits(&text, digits)
}

/// The era name and year within it, or `None` before 明治.
pub fn era_of(date: NaiveDate) -> Option<(&'static str, i32)> {
    ERAS.iter().find_map(|&(name, (y, m, d))| {
        let first = NaiveDate::from_ymd_opt(y, m, d)?;
        (date >= first).then(|| (name, date.year() - y + 1))
    })
}

/// Rewrites ASCII digits as full-width digits when asked to.
pub fn apply_digits(text: &str, digits: Digits) -> String {
    match digits {
        Digits::Half => text.to_string(),
        Digits::Full => text
            .chars()
            .map(|c| match c {
                '0'..='9' => char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap_or(c),
                _ => c,
            })
            .collect(),
    }
}

/// Reads a date as people write it in Japanese documents: 「令和6年12月2日」, 「令和元年5月1日」,
/// 「2024年12月2日」, `2024/12/02`, `2024.12.2` or `2024-12-02` (full-width digits too). `None`
/// when it is not one of these or not a day of the calendar.
pub fn parse(text: &str) -> Option<NaiveDate> {
    let text: String = text
        .trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '／' => '/',
            '－' => '-',
            _ => c,
        })
        .collect();
    let era = ERAS.iter().find(|(name, _)| text.starts_with(name));
    let rest = match era {
        Some((name, _)) => text[name.len()..].replacen("元年", "1年", 1),
        None => text.clone(),
    };
    let numbers: Vec<&str> = rest
        .trim_end_matches('日')
        .split(['年', '月', '/', '.', '-'])
        .map(str::trim)
        .collect();
    let [year, month, day] = numbers.as_slice() else {
        return None;
    };
    let (year, month, day): (i32, u32, u32) =
        (year.parse().ok()?, month.parse().ok()?, day.parse().ok()?);
    let year = match era {
        Some((_, (first, _, _))) if year >= 1 => first + year - 1,
        Some(_) => return None,
        None => year,
    };
    NaiveDate::from_ymd_opt(year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
    }

    #[test]
    fn parses_japanese_dates() {
        assert_eq!(parse("令和6年12月2日"), Some(d(2024, 12, 2)));
        assert_eq!(parse("令和元年5月1日"), Some(d(2019, 5, 1)));
        assert_eq!(parse("平成３１年４月３０日"), Some(d(2019, 4, 30)));
        assert_eq!(parse("2024年12月2日"), Some(d(2024, 12, 2)));
        assert_eq!(parse("2024/12/02"), Some(d(2024, 12, 2)));
        assert_eq!(parse("2024-02-30"), None);
        assert_eq!(parse("組合"), None);
    }

    #[test]
    fn era_boundaries() {
        assert_eq!(format(d(1989, 1, 7), Digits::Half), "昭和64年1月7日");
        assert_eq!(format(d(1989, 1, 8), Digits::Half), "平成元年1月8日");
        assert_eq!(format(d(2019, 4, 30), Digits::Half), "平成31年4月30日");
        assert_eq!(format(d(2019, 5, 1), Digits::Half), "令和元年5月1日");
        assert_eq!(format(d(1926, 12, 24), Digits::Half), "大正15年12月24日");
        assert_eq!(format(d(1926, 12, 25), Digits::Half), "昭和元年12月25日");
        assert_eq!(format(d(1912, 7, 29), Digits::Half), "明治45年7月29日");
        assert_eq!(format(d(1912, 7, 30), Digits::Half), "大正元年7月30日");
        assert_eq!(format(d(1868, 1, 25), Digits::Half), "明治元年1月25日");
    }

    #[test]
    fn ordinary_dates() {
        assert_eq!(format(d(2024, 12, 2), Digits::Half), "令和6年12月2日");
        assert_eq!(format(d(2021, 10, 29), Digits::Half), "令和3年10月29日");
        assert_eq!(format(d(2020, 1, 1), Digits::Half), "令和2年1月1日");
    }

    #[test]
    fn never_writes_year_one() {
        for date in [
            d(2019, 5, 1),
            d(2019, 12, 31),
            d(1989, 1, 8),
            d(1989, 12, 31),
        ] {
            assert!(!format(date, Digits::Half).contains("1年1"), "{date}");
            assert!(format(date, Digits::Half).contains("元年"), "{date}");
        }
    }

    #[test]
    fn full_width_digits() {
        assert_eq!(format(d(2021, 9, 1), Digits::Full), "令和３年９月１日");
        assert_eq!(
            format(d(2021, 10, 29), Digits::Full),
            "令和３年１０月２９日"
        );
    }

    #[test]
    fn before_meiji_is_western() {
        assert_eq!(format(d(1867, 1, 1), Digits::Half), "1867年1月1日");
        assert_eq!(era_of(d(1868, 1, 24)), None);
    }
}
