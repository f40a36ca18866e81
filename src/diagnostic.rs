//! User-facing diagnostics: what is wrong, in which file, at which line and column.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// One problem in a user's file, with enough context to fix it without guessing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub file: PathBuf,
    /// 1-based line, or 0 when the problem concerns the whole file.
    pub line: usize,
    /// 1-based column, counted in characters (a Japanese character is one column).
    pub column: usize,
    pub message: String,
    /// What to do about it, when we know.
    pub suggestion: Option<String>,
    /// The offending source line, for the code frame.
    pub source_line: Option<String>,
    /// Width of the marker under the span, in characters.
    pub width: usize,
}

impl Diagnostic {
    /// A problem with a file as a whole (missing, unreadable).
    pub fn file(file: &Path, message: impl Into<String>) -> Self {
        Diagnostic {
            file: file.to_path_buf(),
            line: 0,
            column: 0,
            message: message.into(),
            suggestion: None,
            source_line: None,
            width: 0,
        }
    }

    /// A problem at a byte span of `source`, the text of `file`.
    pub fn at(file: &Path, source: &str, span: Range<usize>, message: impl Into<String>) -> Self {
        let start = clamp_to_char_boundary(source, span.start);
        let end = clamp_to_char_boundary(source, span.end.max(start));
        let line_start = source[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = source[start..]
            .find('\n')
            .map_or(source.len(), |i| start + i);
        let line = source[..start].matches('\n').count() + 1;
        let column = source[line_start..start].chars().count() + 1;
        let text = source[line_start..line_end].trim_end_matches('\r');
        let width = source[start..end.min(line_end)].chars().count().max(1);
        Diagnostic {
            file: file.to_path_buf(),
            line,
            column,
            message: message.into(),
            suggestion: None,
            source_line: Some(text.to_string()),
            width,
        }
    }

    /// Adds a suggestion.
    pub fn with_suggestion(mut self, suggestion: impl Into<String>) -> Self {
        self.suggestion = Some(suggestion.into());
        self
    }
}

fn clamp_to_char_boundary(source: &str, mut at: usize) -> usize {
    at = at.min(source.len());
    while !source.is_char_boundary(at) {
        at -= 1;
    }
    at
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let file = self.file.display();
        if self.line == 0 {
            writeln!(f, "error: {file}: {}", self.message)?;
        } else {
            writeln!(
                f,
                "error: {file}:{}:{}: {}",
                self.line, self.column, self.message
            )?;
        }
        if let Some(text) = &self.source_line {
            let number = self.line.to_string();
            let pad = " ".repeat(number.len());
            // East Asian wide characters take two cells in a terminal; pad accordingly.
            let lead: usize = text
                .chars()
                .take(self.column.saturating_sub(1))
                .map(display_width)
                .sum();
            let mark: usize = text
                .chars()
                .skip(self.column.saturating_sub(1))
                .take(self.width)
                .map(display_width)
                .sum();
            writeln!(f, " {pad} |")?;
            writeln!(f, " {number} | {text}")?;
            writeln!(
                f,
                " {pad} | {}{}",
                " ".repeat(lead),
                "^".repeat(mark.max(1))
            )?;
        }
        if let Some(help) = &self.suggestion {
            writeln!(f, "  = help: {help}")?;
        }
        Ok(())
    }
}

/// Terminal cells a character takes: two for CJK and full-width forms, one otherwise.
fn display_width(c: char) -> usize {
    let wide = matches!(c as u32,
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6);
    if wide { 2 } else { 1 }
}

/// A failed load or merge: every problem found, not only the first.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{}", render_all(.0))]
pub struct Diagnostics(pub Vec<Diagnostic>);

fn render_all(list: &[Diagnostic]) -> String {
    list.iter().map(|d| d.to_string()).collect::<String>()
}

/// The ids closest to `wanted`, best first, for "did you mean" suggestions.
pub fn nearest<'a>(wanted: &str, candidates: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    let wanted_last = wanted.rsplit('.').next().unwrap_or(wanted);
    let mut scored: Vec<(f64, &str)> = candidates
        .into_iter()
        .map(|c| {
            let whole = strsim::jaro_winkler(wanted, c);
            // Same last segment in another group is a likely mix-up of groups.
            let last = c.rsplit('.').next().unwrap_or(c);
            let tail = if last == wanted_last { 0.9 } else { 0.0 };
            (whole.max(tail), c)
        })
        .filter(|(score, _)| *score > 0.7)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
    scored.into_iter().take(3).map(|(_, c)| c).collect()
}

/// "did you mean …" text for a list of nearest ids, or a hint to list them all.
pub fn did_you_mean(near: &[&str]) -> String {
    if near.is_empty() {
        "see README.md for the list of ids in the base".to_string()
    } else {
        let quoted: Vec<String> = near.iter().map(|n| format!("`{n}`")).collect();
        format!("did you mean {}?", quoted.join(" or "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_characters() {
        let src = "a = 1\nname = \"東京\"\nid = \"bad\"\n";
        let at = src.find("bad").unwrap();
        let d = Diagnostic::at(Path::new("x.toml"), src, at..at + 3, "oops");
        assert_eq!((d.line, d.column, d.width), (3, 7, 3));
        let at = src.find("京").unwrap();
        let d = Diagnostic::at(Path::new("x.toml"), src, at..at + 3, "oops");
        assert_eq!((d.line, d.column, d.width), (2, 10, 1));
    }

    #[test]
    fn display_has_location_frame_and_help() {
        let src = "id = \"benefits.internal.eligibilty\"\n";
        let d = Diagnostic::at(Path::new("u.toml"), src, 5..35, "no such item")
            .with_suggestion("did you mean `benefits.internal.eligibility`?");
        let text = d.to_string();
        assert!(text.starts_with("error: u.toml:1:6: no such item"));
        assert!(text.contains(" 1 | id = "));
        assert!(text.contains("     ^^^^"));
        assert!(text.contains("help: did you mean"));
    }

    #[test]
    fn spans_past_the_end_do_not_panic() {
        let d = Diagnostic::at(Path::new("x"), "名前", 1..99, "m");
        assert_eq!(d.line, 1);
    }

    #[test]
    fn nearest_prefers_close_ids() {
        let ids = [
            "benefits.internal.eligibility",
            "benefits.internal.payment",
            "premiums.internal.collection",
        ];
        let near = nearest("benefits.internal.eligibilty", ids);
        assert_eq!(near.first(), Some(&"benefits.internal.eligibility"));
        let near = nearest("benefits.external.payment", ids);
        assert!(near.contains(&"benefits.internal.payment"));
        assert!(nearest("zzz", ids).is_empty());
    }
}
