//! Whether a diagnostic's Japanese is Japanese: kana or kanji in it, and no English sentence
//! outside the `code` the user wrote (keys, ids, values).

/// What is wrong with `text` as a Japanese message, if anything.
pub fn not_japanese(text: &str) -> Option<String> {
    if !text
        .chars()
        .any(|c| ('\u{3040}'..='\u{30FF}').contains(&c) || ('\u{4E00}'..='\u{9FFF}').contains(&c))
    {
        return Some("no kana or kanji".into());
    }
    // Outside backticks and quotes (what the user wrote), three English words in a row are a
    // sentence left untranslated.
    let outside: String = text.split('`').step_by(2).collect::<Vec<_>>().join(" ");
    let outside = strip_quoted(&outside);
    // A list (`name, self_name, phone`) is names, not a sentence: runs stop at punctuation.
    for part in outside.split(|c: char| "（）、。：:,()".contains(c)) {
        let mut run = Vec::new();
        for word in part.split_whitespace() {
            let english = word.len() >= 2
                && word.chars().all(|c| c.is_ascii_alphabetic() || c == '\'')
                && word.chars().any(|c| c.is_ascii_lowercase());
            if english {
                run.push(word);
                if run.len() >= 3 {
                    return Some(format!("English words `{}`", run.join(" ")));
                }
            } else {
                run.clear();
            }
        }
    }
    None
}

/// `text` without what stands between straight or Japanese quotes.
fn strip_quoted(text: &str) -> String {
    let mut out = String::new();
    let mut close: Option<char> = None;
    for c in text.chars() {
        match close {
            Some(end) if c == end => close = None,
            Some(_) => {}
            None => match c {
                '"' => close = Some('"'),
                '「' => close = Some('」'),
                _ => out.push(c),
            },
        }
    }
    out
}

/// The problem of one diagnostic's Japanese message and suggestion, named, if any.
pub fn japanese_problem(message: &str, suggestion: Option<&str>) -> Option<String> {
    if let Some(why) = not_japanese(message) {
        return Some(format!("message: {why}"));
    }
    match suggestion {
        None => Some("no suggestion".into()),
        Some(s) => not_japanese(s).map(|why| format!("suggestion: {why}")),
    }
}
