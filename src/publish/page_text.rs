//! The text a member reads on a generated page: the HTML without its tags, entities decoded.
//! The legal rules look for what the law asks for in this text, so they judge the site as
//! published, whatever the override did and whatever the theme shows.

/// The visible text of an HTML page. Tags become a space (a block boundary must not join two
/// words), `<script>`/`<style>` content is dropped, and the common entities are decoded.
pub fn visible_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len() / 2);
    let mut rest = html;
    while let Some(open) = rest.find(['<', '&']) {
        out.push_str(&rest[..open]);
        rest = &rest[open..];
        if rest.starts_with('<') {
            let lower = rest
                .get(..7)
                .map(str::to_ascii_lowercase)
                .unwrap_or_default();
            let skip_to = if lower.starts_with("<script") {
                Some("</script")
            } else if lower.starts_with("<style") {
                Some("</style")
            } else {
                None
            };
            if let Some(end) = skip_to
                && let Some(at) = rest.to_ascii_lowercase().find(end)
            {
                rest = &rest[at..];
            }
            match rest.find('>') {
                Some(close) => {
                    out.push(' ');
                    rest = &rest[close + 1..];
                }
                None => break,
            }
        } else {
            let (decoded, len) = entity(rest);
            out.push_str(&decoded);
            rest = &rest[len..];
        }
    }
    out.push_str(rest);
    out
}

/// The entity at the start of `text` (which starts with `&`): its text and its length.
fn entity(text: &str) -> (String, usize) {
    let Some(end) = text.get(..12).and_then(|head| head.find(';')) else {
        return ("&".into(), 1);
    };
    let name = &text[1..end];
    let decoded = match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        "nbsp" => Some(' '),
        _ => name
            .strip_prefix("#x")
            .or_else(|| name.strip_prefix("#X"))
            .and_then(|hex| u32::from_str_radix(hex, 16).ok())
            .or_else(|| name.strip_prefix('#').and_then(|dec| dec.parse().ok()))
            .and_then(char::from_u32),
    };
    match decoded {
        Some(c) => (c.to_string(), end + 1),
        None => ("&".into(), 1),
    }
}

/// A value that stands for "not filled in yet": 「準備中」「未定」「-」, blanks and the like.
pub fn is_placeholder(value: &str) -> bool {
    const WORDS: &[&str] = &[
        "準備中",
        "未定",
        "調整中",
        "確認中",
        "要確認",
        "後日掲載",
        "後日",
        "検討中",
        "なし",
        "無し",
        "不明",
        "tbd",
        "todo",
        "n/a",
        "na",
        "none",
        "xxx",
    ];
    let trimmed = value.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}');
    let lower = trimmed.to_lowercase();
    let bare = lower
        .trim_end_matches(['。', '.', '！', '!'])
        .trim_end_matches("です");
    trimmed.is_empty()
        || WORDS.contains(&bare)
        || trimmed
            .chars()
            .all(|c| "-－ー―‐・…〇○×xX*＊?？_＿/／".contains(c) || c.is_whitespace())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_go_entities_are_decoded_scripts_are_dropped() {
        let html = "<p>窓口&amp;受付</p><script>var a = '<p>x</p>';</script><li>電話&#x3a;03</li>";
        assert_eq!(
            visible_text(html).split_whitespace().collect::<Vec<_>>(),
            ["窓口&受付", "電話:03"]
        );
        assert_eq!(visible_text("a &unknown; b"), "a &unknown; b");
    }

    #[test]
    fn placeholders_are_recognised() {
        for p in [
            "準備中",
            "未定",
            "-",
            "　",
            "",
            "ー",
            "TBD",
            "準備中です。",
            "○○",
        ] {
            assert!(is_placeholder(p), "{p:?}");
        }
        for real in [
            "理事長 山田太郎",
            "東京都千代田区1-1",
            "（例示）理事長 健保太郎",
        ] {
            assert!(!is_placeholder(real), "{real:?}");
        }
    }
}
