//! The limits of `text::limits` applied where the texts are known with their places: the
//! override file, each table's entries, the page bodies written inline and the page files.

use std::path::Path;

use toml::Spanned;

use super::Merger;
use crate::diagnostic::Diagnostic;
use crate::text::limits::{MAX_DEPTH, MAX_ENTRIES, MAX_FILE_BYTES, too_deep, too_large};

impl Merger<'_> {
    /// The override file's size, and the number of entries of each of its tables.
    pub(super) fn file_limits(&mut self) {
        let file = self.file;
        if let Some(at) = too_large(&file.source) {
            self.problems
                .push(too_large_at(&file.path, &file.source, at));
        }
        let doc = &file.doc;
        let tables: [(&str, Vec<&Spanned<String>>); 9] = [
            ("section", doc.section.iter().map(|e| &e.id).collect()),
            (
                "new_section",
                doc.new_section.iter().map(|e| &e.id).collect(),
            ),
            ("group", doc.group.iter().map(|e| &e.id).collect()),
            ("new_group", doc.new_group.iter().map(|e| &e.id).collect()),
            ("item", doc.item.iter().map(|e| &e.id).collect()),
            ("new_item", doc.new_item.iter().map(|e| &e.id).collect()),
            ("page", doc.page.iter().map(|e| &e.id).collect()),
            ("new_page", doc.new_page.iter().map(|e| &e.id).collect()),
            (
                "acknowledge",
                doc.acknowledge.iter().map(|e| &e.rule).collect(),
            ),
        ];
        for (table, ids) in tables {
            let (count, Some(first_over)) = (ids.len(), ids.get(MAX_ENTRIES)) else {
                continue;
            };
            let d = file
                .error_at(
                    first_over,
                    format!(
                        "{count} [[{table}]] entries: a union file may have at most {MAX_ENTRIES}; this is the first one over"
                    ),
                )
                .rule("limit")
                .with_suggestion(format!(
                    "keep the [[{table}]] entries to {MAX_ENTRIES} or fewer; a page of your own ([[new_page]]) holds long lists"
                ))
                .ja(
                    format!(
                        "[[{table}]] が {count} 個あります。1つのファイルに書けるのは {MAX_ENTRIES} 個までで、ここから先が上限を超えています"
                    ),
                    Some(format!(
                        "[[{table}]] は {MAX_ENTRIES} 個以内にしてください。長い一覧は独自のページ（[[new_page]]）に書けます"
                    )),
                );
            self.problems.push(d);
        }
    }

    /// A page body written in the override (`body = """…"""`): its size (its nesting is
    /// checked with every other Markdown text, by [`Merger::markdown_limits`]).
    pub(super) fn body_limits(&mut self, id: &Spanned<String>, body: &str) {
        if body.len() > MAX_FILE_BYTES {
            let d = self.file.error_at(id, "").rule("limit");
            self.problems.push(too_large_message(d, false));
        }
    }

    /// The nesting of every Markdown text the override writes (page intros and bodies, item
    /// texts, notes, compact items…), located in the source where the text's line can be found
    /// there, else at the id of the table that holds it.
    pub(super) fn markdown_limits(&mut self) {
        let file = self.file;
        for (text, fallback) in crate::load::links::markdown_texts(file) {
            let Some(at) = too_deep(text) else { continue };
            let located = locate_in_source(&file.source, fallback.start, text, at);
            let d = match located {
                Some(at) => Diagnostic::at(&file.path, &file.source, at..at + 1, ""),
                None => Diagnostic::at(&file.path, &file.source, fallback, ""),
            };
            self.problems.push(too_deep_message(d.rule("limit")));
        }
    }

    /// A page file's size and nesting, at their place in the file.
    pub(super) fn page_file_limits(&mut self, path: &Path, text: &str) {
        if let Some(at) = too_large(text) {
            self.problems.push(too_large_at(path, text, at));
        }
        if let Some(at) = too_deep(text) {
            let d = Diagnostic::at(path, text, at..at + 1, "").rule("limit");
            self.problems.push(too_deep_message(d));
        }
    }
}

/// The place in `source` of byte `at` of `body`, a string value of the TOML: the body's line
/// is looked for after `from` (the page's id), then anywhere. `None` when the line is written
/// with escapes the source does not show as is.
fn locate_in_source(source: &str, from: usize, body: &str, at: usize) -> Option<usize> {
    let line_start = body[..at].rfind('\n').map_or(0, |i| i + 1);
    let line_end = body[at..].find('\n').map_or(body.len(), |i| at + i);
    let line = &body[line_start..line_end];
    if line.is_empty() {
        return None;
    }
    let found = source
        .get(from..)
        .and_then(|rest| rest.find(line).map(|i| from + i))
        .or_else(|| source.find(line))?;
    Some(found + (at - line_start))
}

fn too_large_at(path: &Path, text: &str, at: usize) -> Diagnostic {
    too_large_message(
        Diagnostic::at(path, text, at..at + 1, "").rule("limit"),
        true,
    )
}

/// `here`: the diagnostic points where the text crosses the limit (else at what names it).
fn too_large_message(d: Diagnostic, here: bool) -> Diagnostic {
    let mib = MAX_FILE_BYTES / (1024 * 1024);
    let (where_en, where_ja) = if here {
        ("; it goes over the limit here", "ここで上限を超えています")
    } else {
        ("", "")
    };
    Diagnostic {
        message: format!(
            "this text is larger than {mib} MiB ({MAX_FILE_BYTES} bytes), the most kumiai reads as one policy text{where_en}"
        ),
        ..d
    }
    .with_suggestion("check that the right file is named, or split the text into several pages")
    .ja(
        format!("{mib} MiB（{MAX_FILE_BYTES} バイト）を超える文章です。{where_ja}"),
        Some("正しいファイルを指定しているか確かめるか、複数のページに分けてください".to_string()),
    )
}

fn too_deep_message(d: Diagnostic) -> Diagnostic {
    Diagnostic {
        message: format!(
            "the Markdown nests more than {MAX_DEPTH} levels deep here (block quotes `>`, lists, emphasis)"
        ),
        ..d
    }
    .with_suggestion(
        "remove the extra `>`, list indentation or `*`; a policy needs a few levels at most",
    )
    .ja(
        format!("Markdown の入れ子（引用 `>`・箇条書き・強調）がここで {MAX_DEPTH} 段を超えています"),
        Some("余分な `>`・字下げ・`*` を消してください。方針の文章に深い入れ子は要りません".to_string()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_body_line_is_found_after_the_page_id() {
        let source = "x = \">>> a\"\n[[new_page]]\nid = \"p\"\nbody = \"\"\"\nok\n>>> a\n\"\"\"\n";
        let from = source.find("id =").unwrap();
        let body = "ok\n>>> a\n";
        let at = locate_in_source(source, from, body, 5).unwrap();
        assert_eq!(&source[at..at + 3], "> a");
        assert!(at > from);
    }
}
