//! Where in the union's own files a finding is: its TOML file and the Markdown pages it uses.

use std::path::PathBuf;

use crate::diagnostic::Diagnostic;
use crate::load::UnionFile;

/// The union's own texts: the override file, then every Markdown page file it names.
pub struct Texts {
    files: Vec<(PathBuf, String, bool)>,
    /// Page ids of the Markdown files, by path.
    page_files: Vec<(PathBuf, String)>,
}

impl Texts {
    /// Collects the override and its page files (unreadable ones were reported by merge).
    pub fn of(file: &UnionFile) -> Texts {
        let mut files = vec![(file.path.clone(), file.source.clone(), true)];
        let mut page_files = Vec::new();
        let doc = &file.doc;
        let names = doc
            .page
            .iter()
            .filter_map(|p| Some((&p.id, p.file.as_ref()?)))
            .chain(
                doc.new_page
                    .iter()
                    .filter_map(|p| Some((&p.id, p.file.as_ref()?))),
            );
        for (id, name) in names {
            if let Some(Ok(page)) = file.page_files.get(name.get_ref()) {
                page_files.push((page.path.clone(), id.get_ref().clone()));
                files.push((page.path.clone(), page.text.clone(), false));
            }
        }
        Texts { files, page_files }
    }

    /// Every place `phrase` occurs in the union's texts (TOML comments excluded), located.
    pub fn find(&self, phrase: &str) -> Vec<Diagnostic> {
        let mut found = Vec::new();
        for (path, text, is_toml) in &self.files {
            let comments = if *is_toml {
                comment_lines(text)
            } else {
                Vec::new()
            };
            for (at, _) in text.match_indices(phrase) {
                let line = text[..at].matches('\n').count();
                if comments.get(line).copied().unwrap_or(false) {
                    continue;
                }
                found.push(Diagnostic::at(path, text, at..at + phrase.len(), ""));
            }
        }
        found
    }

    /// Every match `predicate` finds in a line of the union's texts: it returns, per match, a
    /// byte offset in the line, a length and what it found.
    pub fn find_by<T>(
        &self,
        predicate: impl Fn(&str) -> Vec<(usize, usize, T)>,
    ) -> Vec<(Diagnostic, T)> {
        let mut found = Vec::new();
        for (path, text, is_toml) in &self.files {
            let comments = if *is_toml {
                comment_lines(text)
            } else {
                Vec::new()
            };
            let mut offset = 0;
            for (number, line) in text.split_inclusive('\n').enumerate() {
                if !comments.get(number).copied().unwrap_or(false) {
                    for (at, len, what) in predicate(line) {
                        let span = offset + at..offset + at + len;
                        found.push((Diagnostic::at(path, text, span, ""), what));
                    }
                }
                offset += line.len();
            }
        }
        found
    }

    /// The id of the page a finding is on, when it is in a page's text: a Markdown page file, or
    /// a `[[page]]`/`[[new_page]]` table of the override.
    pub fn page_of(&self, at: &Diagnostic) -> Option<String> {
        if let Some((_, id)) = self.page_files.iter().find(|(p, _)| *p == at.file) {
            return Some(id.clone());
        }
        let (path, text) = self.toml();
        if *path != at.file || at.line == 0 {
            return None;
        }
        let lines: Vec<&str> = text.lines().collect();
        let kinds = line_kinds(text);
        // A table header is a `[` line outside strings (Markdown links start with `[` too).
        let is_header = |i: usize| {
            !kinds.get(i).is_some_and(|k| k.0 || k.1) && lines[i].trim_start().starts_with('[')
        };
        let header = (0..at.line.min(lines.len()))
            .rev()
            .find(|&i| is_header(i))?;
        let table = lines[header].trim();
        if table != "[[page]]" && table != "[[new_page]]" {
            return None;
        }
        (header + 1..lines.len())
            .take_while(|&i| !is_header(i))
            .filter(|&i| !kinds.get(i).is_some_and(|k| k.1))
            .find_map(|i| {
                let rest = lines[i]
                    .trim()
                    .strip_prefix("id")?
                    .trim_start()
                    .strip_prefix('=')?;
                Some(rest.trim().trim_matches('"').to_string())
            })
    }

    /// The override file's path and text.
    pub fn toml(&self) -> (&PathBuf, &str) {
        let (path, text, _) = &self.files[0];
        (path, text)
    }

    /// A place in the override: the first line starting with `key` (e.g. `[union]` or
    /// `id = "requests"`), or the file as a whole.
    pub fn anchor(&self, key: &str) -> Diagnostic {
        let (path, text) = self.toml();
        let mut offset = 0;
        for line in text.split_inclusive('\n') {
            let trimmed = line.trim_start();
            if trimmed.starts_with(key) {
                let at = offset + (line.len() - trimmed.len());
                return Diagnostic::at(path, text, at..at + key.len(), "");
            }
            offset += line.len();
        }
        Diagnostic::file(path, "")
    }
}

/// For each line of a TOML text: is it a comment line? A line inside a multi-line string
/// (`"""` or `'''`) is text even when it starts with `#`, as a Markdown heading does.
fn comment_lines(text: &str) -> Vec<bool> {
    line_kinds(text)
        .into_iter()
        .map(|(comment, _)| comment)
        .collect()
}

/// For each line of a TOML text: (is a comment line, starts inside a multi-line string).
fn line_kinds(text: &str) -> Vec<(bool, bool)> {
    let mut open: Option<&str> = None;
    text.split_inclusive('\n')
        .map(|line| {
            let inside = open.is_some();
            let comment = !inside && line.trim_start().starts_with('#');
            if !comment {
                for quote in ["\"\"\"", "\'\'\'"] {
                    if open.is_none_or(|q| q == quote) && line.matches(quote).count() % 2 == 1 {
                        open = if open.is_some() { None } else { Some(quote) };
                    }
                }
            }
            (comment, inside)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::comment_lines;

    #[test]
    fn headings_inside_multiline_strings_are_not_comments() {
        let text =
            "# comment\nbody = \"\"\"\n## 見出し\n本文\n\"\"\"\n# again\nx = \'\'\'a\'\'\'\n";
        assert_eq!(
            comment_lines(text),
            [true, false, false, false, false, true, false]
        );
    }
}
