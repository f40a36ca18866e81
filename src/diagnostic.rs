//! User-facing diagnostics: what is wrong, in which file, at which line and column.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

pub(crate) mod messages;

/// How much a diagnostic matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The union's site cannot be built as written.
    Error,
    /// The site builds, but something is likely wrong or missing.
    Warning,
    /// A warning the union has acknowledged with a reason: shown, not counted.
    Note,
}

/// The language of messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    En,
    Ja,
}

impl Lang {
    /// Japanese when the user's locale is Japanese, English otherwise.
    pub fn from_locale() -> Lang {
        match sys_locale::get_locale() {
            Some(locale) if locale.to_ascii_lowercase().starts_with("ja") => Lang::Ja,
            _ => Lang::En,
        }
    }
}

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
    pub severity: Severity,
    /// Stable id of the check that found it, e.g. `unknown-reference` or `old-wording`.
    pub rule: &'static str,
    /// The message in Japanese, when it has been written.
    pub message_ja: Option<String>,
    /// The suggestion in Japanese.
    pub suggestion_ja: Option<String>,
    /// The union's reason, when it acknowledged this finding.
    pub acknowledged: Option<String>,
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
            severity: Severity::Error,
            rule: "error",
            message_ja: None,
            suggestion_ja: None,
            acknowledged: None,
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
        let text = source[line_start..line_end].trim_end_matches('\r');
        Diagnostic {
            line: source[..start].matches('\n').count() + 1,
            column: source[line_start..start].chars().count() + 1,
            source_line: Some(text.to_string()),
            width: source[start..end.min(line_end)].chars().count().max(1),
            ..Diagnostic::file(file, message)
        }
    }

    /// A file (or, with `folder`, a folder) the system could not read (rule `io`): the system's
    /// reason in English, said in plain Japanese, with what to check.
    pub fn unreadable(path: &Path, e: &std::io::Error, folder: bool) -> Self {
        use std::io::ErrorKind;
        let what = if folder { "folder" } else { "file" };
        let what_ja = if folder {
            "フォルダ"
        } else {
            "ファイル"
        };
        let why = match e.kind() {
            ErrorKind::NotFound => format!("{what_ja}が見つかりません"),
            ErrorKind::PermissionDenied => format!("{what_ja}を読む権限がありません"),
            ErrorKind::IsADirectory => "ファイルではなくフォルダです".to_string(),
            ErrorKind::NotADirectory => "フォルダではなくファイルです".to_string(),
            ErrorKind::InvalidData | ErrorKind::InvalidInput => {
                format!("{what_ja}の中身を読めません")
            }
            _ => format!("{what_ja}の読み取りに失敗しました"),
        };
        Diagnostic::file(path, format!("cannot read the {what}: {e}"))
            .rule("io")
            .with_suggestion(format!(
                "check that the {what} is there, that its name is right and that you may read it; close other programs that have it open"
            ))
            .ja(
                format!("{what_ja}を読めません（{why}）"),
                Some(format!(
                    "{what_ja}があるか、名前が正しいか、読む権限があるかを確かめてください。ほかのプログラムで開いている場合は閉じてください"
                )),
            )
    }

    /// Adds a suggestion.
    pub fn with_suggestion(mut self, suggestion: impl Into<String>) -> Self {
        self.suggestion = Some(suggestion.into());
        self
    }

    /// Names the check that found the problem.
    pub fn rule(mut self, rule: &'static str) -> Self {
        self.rule = rule;
        self
    }

    /// Sets the severity.
    pub fn severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }

    /// Adds the Japanese message and, optionally, suggestion.
    pub fn ja(mut self, message: impl Into<String>, suggestion: Option<String>) -> Self {
        self.message_ja = Some(message.into());
        self.suggestion_ja = suggestion;
        self
    }

    /// The message in `lang`, falling back to English.
    pub fn message_in(&self, lang: Lang) -> &str {
        match (lang, &self.message_ja) {
            (Lang::Ja, Some(ja)) => ja,
            _ => &self.message,
        }
    }

    /// The suggestion in `lang`, falling back to English.
    pub fn suggestion_in(&self, lang: Lang) -> Option<&str> {
        match (lang, &self.suggestion_ja) {
            (Lang::Ja, Some(ja)) => Some(ja),
            _ => self.suggestion.as_deref(),
        }
    }

    /// The diagnostic with its code frame, in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        let mut out = String::new();
        let label = match (lang, self.severity) {
            (Lang::En, Severity::Error) => "error",
            (Lang::En, Severity::Warning) => "warning",
            (Lang::En, Severity::Note) => "note",
            (Lang::Ja, Severity::Error) => "エラー",
            (Lang::Ja, Severity::Warning) => "警告",
            (Lang::Ja, Severity::Note) => "確認済み",
        };
        let rule = if self.rule == "error" {
            String::new()
        } else {
            format!("[{}] ", self.rule)
        };
        let file = self.file.display();
        let message = self.message_in(lang);
        if self.line == 0 {
            out.push_str(&format!("{label}: {file}: {rule}{message}\n"));
        } else {
            let (line, column) = (self.line, self.column);
            out.push_str(&format!(
                "{label}: {file}:{line}:{column}: {rule}{message}\n"
            ));
        }
        if let Some(text) = &self.source_line {
            out.push_str(&self.frame(text));
        }
        if let Some(help) = self.suggestion_in(lang) {
            let word = if lang == Lang::Ja {
                "ヒント"
            } else {
                "help"
            };
            out.push_str(&format!("  = {word}: {help}\n"));
        }
        if let Some(reason) = &self.acknowledged {
            let word = if lang == Lang::Ja {
                "組合の判断"
            } else {
                "acknowledged"
            };
            out.push_str(&format!("  = {word}: {reason}\n"));
        }
        out
    }

    fn frame(&self, text: &str) -> String {
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
        format!(
            " {pad} |\n {number} | {text}\n {pad} | {}{}\n",
            " ".repeat(lead),
            "^".repeat(mark.max(1))
        )
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
        f.write_str(&self.render(Lang::En))
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
    // Offer only the ones about as close as the best: a clear typo gets one answer.
    let best = scored.first().map_or(0.0, |s| s.0);
    scored
        .into_iter()
        .take_while(|(score, _)| *score >= best - 0.05)
        .take(3)
        .map(|(_, c)| c)
        .collect()
}

/// "did you mean …" text for a list of nearest ids, or a hint to list them all.
pub fn did_you_mean(near: &[&str]) -> String {
    if near.is_empty() {
        "see docs/override.md for the list of ids in the base".to_string()
    } else {
        let quoted: Vec<String> = near.iter().map(|n| format!("`{n}`")).collect();
        format!("did you mean {}?", quoted.join(" or "))
    }
}

/// The Japanese of [`did_you_mean`].
pub fn did_you_mean_ja(near: &[&str]) -> String {
    if near.is_empty() {
        "使える ID の一覧は docs/override.md をご覧ください".to_string()
    } else {
        let quoted: Vec<String> = near.iter().map(|n| format!("`{n}`")).collect();
        format!("もしかして {} ですか？", quoted.join(" または "))
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
