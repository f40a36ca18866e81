//! Values the base's text leaves to each union, read back out of the page's words: the My
//! Number Act clause (`{{ base.mynumber_clause }}`) in a sentence otherwise the base's.

use super::blocks::norm;

/// The placeholder of the clause in the base's texts.
pub const CLAUSE: &str = "{{ base.mynumber_clause }}";

/// The clause the page cites where the base's `template` has the placeholder, when the page's
/// `text` is that template's sentence with another clause (「番号法第19条第7号において…」 for
/// the base's 第8号). The clause is returned as written, spaces and all.
pub fn mynumber_clause(text: &str, template: &str) -> Option<String> {
    let (prefix, suffix) = template.split_once(CLAUSE)?;
    let (prefix, suffix) = (norm(prefix), norm(suffix));
    let text = text.trim();
    let bounds: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain([text.len()])
        .collect();
    let start = bounds.iter().find(|&&i| norm(&text[..i]) == prefix)?;
    let end = bounds
        .iter()
        .rev()
        .find(|&&i| i >= *start && norm(&text[i..]) == suffix)?;
    let clause = text[*start..*end].trim();
    let plausible = clause.contains("番号法") || clause.contains('条');
    (plausible && clause.chars().count() <= 40).then(|| clause.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEMPLATE: &str = "{{ base.mynumber_clause }}において定められた他の医療保険者";

    #[test]
    fn the_clause_a_page_cites() {
        assert_eq!(
            mynumber_clause(
                "番号法第 19 条第 7 号において定められた他の医療保険者",
                TEMPLATE
            ),
            Some("番号法第 19 条第 7 号".to_string())
        );
        assert_eq!(
            mynumber_clause("他の文で定められた他の医療保険者です", TEMPLATE),
            None
        );
        assert_eq!(mynumber_clause("番号法第19条第7号", "固定の文"), None);
    }
}
