//! Where in the union's own files a finding is: its TOML file and the Markdown pages it uses.

use std::path::PathBuf;

use crate::diagnostic::Diagnostic;
use crate::load::UnionFile;

/// The union's own texts: the override file, then every Markdown page file it names.
pub struct Texts {
    files: Vec<(PathBuf, String, bool)>,
}

impl Texts {
    /// Collects the override and its page files (unreadable ones were reported by merge).
    pub fn of(file: &UnionFile) -> Texts {
        let mut files = vec![(file.path.clone(), file.source.clone(), true)];
        let doc = &file.doc;
        let names = doc
            .page
            .iter()
            .filter_map(|p| p.file.as_ref())
            .chain(doc.new_page.iter().filter_map(|p| p.file.as_ref()));
        for name in names {
            let path = file.assets_dir().join(name.get_ref());
            if let Ok(text) = crate::load::source::read_text(&path) {
                files.push((path, text, false));
            }
        }
        Texts { files }
    }

    /// Every place `phrase` occurs in the union's texts (TOML comments excluded), located.
    pub fn find(&self, phrase: &str) -> Vec<Diagnostic> {
        let mut found = Vec::new();
        for (path, text, is_toml) in &self.files {
            for (at, _) in text.match_indices(phrase) {
                if *is_toml && in_comment(text, at) {
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
            let mut offset = 0;
            for line in text.split_inclusive('\n') {
                let comment = *is_toml && line.trim_start().starts_with('#');
                if !comment {
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

fn in_comment(text: &str, at: usize) -> bool {
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    text[line_start..at].trim_start().starts_with('#')
}
