//! Dates as policies write them (令和３年９月１日施行, 平成17年4月1日制定, 2024年12月2日改定) →
//! the override's `[dates]`, through the text layer's 和暦 reader.

use chrono::NaiveDate;

use crate::text::wareki;

/// What a date line says about the policy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateFact {
    Established(NaiveDate),
    Effective(NaiveDate),
    Published(NaiveDate),
    /// A revision, with the words after the date as its note.
    Revision(NaiveDate, String),
}

/// The date fact a line states, when the line is only a date and its kind (制定, 施行, 改定,
/// 最終更新…), not a sentence that mentions a date.
pub fn date_fact(line: &str) -> Option<DateFact> {
    let line = line.trim();
    let (start, end, date) = find_date(line)?;
    let before = line[..start].trim().trim_end_matches(['：', ':']).trim();
    let after = line[end..].trim();
    if line.chars().count() > 40 || before.chars().count() > 8 {
        return None;
    }
    let words = format!("{before}{after}");
    let has = |w: &str| words.contains(w);
    Some(
        if has("改正") || has("改定") || has("改訂") || has("変更") {
            let note = if after.is_empty() { before } else { after };
            DateFact::Revision(date, note.to_string())
        } else if has("施行") || has("実施") {
            DateFact::Effective(date)
        } else if has("制定") {
            DateFact::Established(date)
        } else if words.is_empty() || has("更新") || has("公表") || has("現在") {
            DateFact::Published(date)
        } else {
            return None;
        },
    )
}

/// The first date in a line: (byte start, byte end, the date).
pub fn find_date(line: &str) -> Option<(usize, usize, NaiveDate)> {
    let starts = line.char_indices().map(|(i, _)| i);
    for start in starts {
        let rest = &line[start..];
        let day = rest.find('日')?;
        let candidate = &rest[..day + '日'.len_utf8()];
        if candidate.chars().count() <= 14
            && let Some(date) = wareki::parse(candidate)
        {
            return Some((start, start + candidate.len(), date));
        }
    }
    None
}

/// Whether dates are written with full-width digits (「令和３年」).
pub fn full_width_digits(line: &str) -> bool {
    line.chars().any(|c| ('０'..='９').contains(&c))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("date")
    }

    #[test]
    fn date_lines() {
        assert_eq!(
            date_fact("令和３年９月１日施行"),
            Some(DateFact::Effective(day(2021, 9, 1)))
        );
        assert_eq!(
            date_fact("令和３年１０月２９日から改正施行する。"),
            Some(DateFact::Revision(
                day(2021, 10, 29),
                "から改正施行する。".into()
            ))
        );
        assert_eq!(
            date_fact("令和6年12月2日"),
            Some(DateFact::Published(day(2024, 12, 2)))
        );
        assert_eq!(
            date_fact("制定：平成17年4月1日"),
            Some(DateFact::Established(day(2005, 4, 1)))
        );
        assert_eq!(
            date_fact("令和元年5月1日に当組合は保険給付を行いました。"),
            None
        );
    }
}
