//! Every problem of a TOML file in one run: the syntax errors the parser recovers from, then the
//! key and type errors of the whole document. serde stops at the first error, so the document is
//! parsed once into a spanned tree and deserialized again after each error, with the entry at
//! fault taken out (or, for a missing key, a stand-in put in) until it deserializes.

use std::borrow::Cow;
use std::ops::Range;

use serde::de::DeserializeOwned;

use crate::diagnostic::nearest;
use toml::Spanned;
use toml::de::{DeArray, DeTable, DeValue, Deserializer};
use toml::value::{Date, Datetime};

/// One problem as the parser or serde worded it, at a byte span of the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub span: Option<Range<usize>>,
    pub message: String,
    /// Found by the parser (the file is not TOML as written), not by the types.
    pub syntax: bool,
}

/// What reading a document gave: the value, or every problem (in the order of the text) and,
/// when the document is empty, the smallest document the types accept.
pub enum Checked<T> {
    Ok(T),
    Problems {
        problems: Vec<Problem>,
        empty: Option<String>,
    },
}

/// How many times a broken document is deserialized again, at most.
const MAX_ROUNDS: usize = 100;

/// Parses `text` into `T`, collecting every problem rather than stopping at the first.
pub fn check<T: DeserializeOwned>(text: &str) -> Checked<T> {
    let (root, errors) = DeTable::parse_recoverable(text);
    if errors.is_empty()
        && let Ok(value) = T::deserialize(Deserializer::from(root.clone()))
    {
        return Checked::Ok(value);
    }
    let mut syntax: Vec<Problem> = errors
        .iter()
        .map(|e| Problem {
            span: e.span(),
            message: e.message().trim().to_string(),
            syntax: true,
        })
        .collect();
    syntax.sort_by_key(|p| p.span.as_ref().map_or(0, |s| s.start));
    // The parser's recovery can report a line twice (the cause and what follows from it).
    let mut lines = Vec::new();
    syntax.retain(|p| {
        let line = line_of(text, p.span.as_ref());
        let new = !lines.contains(&line);
        lines.push(line);
        new
    });
    let empty = syntax.is_empty() && root.get_ref().is_empty();
    let (typed, skeleton) = typed_problems::<T>(text, root);
    // With a syntax error, the tree after it is only what the parser could recover (a broken
    // header puts its keys in another table; a key it lost is no mistake of the file's): after
    // the first syntax error, only wrong values are reported with it, not keys.
    let first_syntax = syntax
        .first()
        .map(|p| p.span.as_ref().map_or(0, |s| s.start));
    let mut problems = syntax;
    for p in typed {
        let reliable = match first_syntax {
            None => true,
            Some(first) => {
                let keys = p.message.starts_with("missing field ")
                    || p.message.starts_with("unknown field ");
                !p.message.starts_with("missing field ")
                    && (!keys || p.span.as_ref().is_some_and(|s| s.end <= first))
                    && !lines.contains(&line_of(text, p.span.as_ref()))
            }
        };
        if reliable {
            problems.push(p);
        }
    }
    problems.sort_by_key(|p| p.span.as_ref().map_or(0, |s| s.start));
    if problems.is_empty() {
        // Every problem was a consequence of a lost line: say at least that much.
        problems.push(Problem {
            span: None,
            message: "invalid TOML".into(),
            syntax: true,
        });
    }
    Checked::Problems {
        problems,
        empty: empty.then_some(skeleton).flatten(),
    }
}

fn line_of(text: &str, span: Option<&Range<usize>>) -> usize {
    let at = span.map_or(0, |s| s.start.min(text.len()));
    text.as_bytes()[..at]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
}

/// The key and type errors of the whole tree, and the document of the stand-ins put in for
/// missing keys (the smallest valid document when the tree was empty).
fn typed_problems<T: DeserializeOwned>(
    text: &str,
    mut root: Spanned<DeTable<'_>>,
) -> (Vec<Problem>, Option<String>) {
    // A span no real problem has: the stand-ins carry it.
    let stand_in = text.len() + 1..text.len() + 1;
    let mut found: Vec<Problem> = Vec::new();
    let mut removed: Vec<(Range<usize>, String)> = Vec::new();
    let mut reported: Vec<Range<usize>> = Vec::new();
    let mut filled = false;
    for _ in 0..MAX_ROUNDS {
        let Err(e) = T::deserialize(Deserializer::from(root.clone())) else {
            break;
        };
        let message = e.message().trim().to_string();
        let Some(span) = e.span() else {
            found.push(Problem {
                span: None,
                message,
                syntax: false,
            });
            break;
        };
        if span == stand_in && missing_field(&message).is_none() {
            break;
        }
        if let Some(key) = missing_field(&message) {
            // A key taken out of this table as unknown may be this one misspelt: that problem
            // is reported already, with the fix.
            let taken: Vec<&str> = removed
                .iter()
                .filter(|(table, _)| *table == span)
                .map(|(_, k)| k.as_str())
                .collect();
            if span != stand_in && !taken.contains(&key) && nearest(key, taken).is_empty() {
                found.push(Problem {
                    span: Some(span.clone()),
                    message: message.clone(),
                    syntax: false,
                });
            }
            match fill::<T>(&root, &span, key, &stand_in) {
                Some(filled_root) => {
                    root = filled_root;
                    filled = true;
                }
                None => break,
            }
            continue;
        }
        // `[[x]]` where `x` is one table: one problem, and the table is read on as `[x]`.
        if let Some((header, table)) = as_one_table::<T>(text, &root, &span) {
            found.push(Problem {
                span: Some(header.clone()),
                message: ONE_TABLE.to_string(),
                syntax: false,
            });
            reported.push(header);
            root = table;
            continue;
        }
        // What follows from a problem already reported (an emptied list, say) is not another.
        if !reported.iter().any(|r| overlaps(r, &span)) {
            found.push(Problem {
                span: Some(span.clone()),
                message,
                syntax: false,
            });
            reported.push(span.clone());
        }
        match take_out(&mut root, &span) {
            Some(Some(entry)) => removed.push(entry),
            Some(None) => {}
            None => break,
        }
    }
    let skeleton = filled.then(|| skeleton(root.get_ref()));
    (found, skeleton)
}

/// The message of a `[[x]]` written where `x` is one table.
pub const ONE_TABLE: &str = "invalid type: array of tables, expected one table";

/// When `span` is inside an element of an array of tables (`[[x]]`) and the types accept that
/// element as one table (`[x]`) where the array is: the element's header and the tree with it.
fn as_one_table<'i, T: DeserializeOwned>(
    text: &str,
    root: &Spanned<DeTable<'i>>,
    span: &Range<usize>,
) -> Option<(Range<usize>, Spanned<DeTable<'i>>)> {
    let mut best = None;
    innermost(root.get_ref(), span, &mut Vec::new(), &mut best);
    let (_, path) = best?;
    // The deepest `[[x]]` element on the way.
    let at = path.iter().rposition(|s| matches!(s, Step::Index(_)))?;
    let (parents, key) = match &path[..at] {
        [parents @ .., Step::Key(k)] => (parents, k.clone()),
        _ => return None,
    };
    let mut next = root.clone();
    let table = if parents.is_empty() {
        next.get_mut()
    } else {
        table_mut(next.get_mut(), parents)?
    };
    let array = table.get_mut(key.as_str())?;
    let DeValue::Array(items) = array.get_ref() else {
        return None;
    };
    let first = items.first()?.clone();
    let header = first.span();
    if !first.get_ref().is_table() || !text.get(header.clone())?.trim_start().starts_with("[[") {
        return None;
    }
    *array = first;
    match T::deserialize(Deserializer::from(next.clone())) {
        Ok(_) => Some((header, next)),
        Err(e) if e.span().as_ref() != Some(&header) => Some((header, next)),
        Err(_) => None,
    }
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a == b || (a.start < b.end && b.start < a.end)
}

/// The key of serde's "missing field `key`".
fn missing_field(message: &str) -> Option<&str> {
    message
        .strip_prefix("missing field `")?
        .split('`')
        .next()
        .filter(|k| !k.is_empty())
}

/// A step from a table or array to one of its entries.
#[derive(Debug, Clone)]
enum Step {
    Key(String),
    Index(usize),
}

/// The innermost entry (key and value, or array element) whose key or value span contains
/// `span`, as a path from the root, with the length of its span.
fn innermost(
    table: &DeTable<'_>,
    span: &Range<usize>,
    path: &mut Vec<Step>,
    best: &mut Option<(usize, Vec<Step>)>,
) {
    for (key, value) in table.iter() {
        path.push(Step::Key(key.get_ref().to_string()));
        for s in [key.span(), value.span()] {
            consider(&s, span, path, best);
        }
        descend(value.get_ref(), span, path, best);
        path.pop();
    }
}

fn descend(
    value: &DeValue<'_>,
    span: &Range<usize>,
    path: &mut Vec<Step>,
    best: &mut Option<(usize, Vec<Step>)>,
) {
    match value {
        DeValue::Table(t) => innermost(t, span, path, best),
        DeValue::Array(a) => {
            for (i, item) in a.iter().enumerate() {
                path.push(Step::Index(i));
                consider(&item.span(), span, path, best);
                descend(item.get_ref(), span, path, best);
                path.pop();
            }
        }
        _ => {}
    }
}

fn consider(
    s: &Range<usize>,
    span: &Range<usize>,
    path: &[Step],
    best: &mut Option<(usize, Vec<Step>)>,
) {
    if s.start <= span.start && span.end <= s.end {
        let len = s.end - s.start;
        // Ties go to the deeper entry: it comes later in the walk.
        if best.as_ref().is_none_or(|(l, _)| len <= *l) {
            *best = Some((len, path.to_vec()));
        }
    }
}

/// Takes out the entry at fault. `None`: nothing contains the span; `Some(Some((table span,
/// key)))`: a key was taken out of that table; `Some(None)`: an array element was.
fn take_out(
    root: &mut Spanned<DeTable<'_>>,
    span: &Range<usize>,
) -> Option<Option<(Range<usize>, String)>> {
    let mut best = None;
    innermost(root.get_ref(), span, &mut Vec::new(), &mut best);
    let (_, path) = best?;
    let (last, parents) = path.split_last()?;
    let root_span = root.span();
    let mut table_span = root_span;
    let mut here = Here::Table(root.get_mut());
    for step in parents {
        here = match (here, step) {
            (Here::Table(t), Step::Key(k)) => {
                let v = t.get_mut(k.as_str())?;
                table_span = v.span();
                Here::of(v.get_mut())?
            }
            (Here::Array(a), Step::Index(i)) => {
                let v = a.get_mut(*i)?;
                table_span = v.span();
                Here::of(v.get_mut())?
            }
            _ => return None,
        };
    }
    match (here, last) {
        (Here::Table(t), Step::Key(k)) => {
            t.remove(k.as_str())?;
            Some(Some((table_span, k.clone())))
        }
        (Here::Array(a), Step::Index(i)) => {
            let mut kept = DeArray::new();
            for (j, item) in a.iter().enumerate() {
                if j != *i {
                    kept.push(item.clone());
                }
            }
            *a = kept;
            Some(None)
        }
        _ => None,
    }
}

enum Here<'a, 'i> {
    Table(&'a mut DeTable<'i>),
    Array(&'a mut DeArray<'i>),
}

impl<'a, 'i> Here<'a, 'i> {
    fn of(value: &'a mut DeValue<'i>) -> Option<Self> {
        match value {
            DeValue::Table(t) => Some(Here::Table(t)),
            DeValue::Array(a) => Some(Here::Array(a)),
            _ => None,
        }
    }
}

/// The table whose own span is `span` (a header, an inline table, an array element), as a path.
fn table_at(value: &DeValue<'_>, span: &Range<usize>, path: &mut Vec<Step>) -> Option<Vec<Step>> {
    match value {
        DeValue::Table(t) => {
            for (key, v) in t.iter() {
                path.push(Step::Key(key.get_ref().to_string()));
                if v.span() == *span && v.get_ref().is_table() {
                    return Some(path.clone());
                }
                if let Some(found) = table_at(v.get_ref(), span, path) {
                    return Some(found);
                }
                path.pop();
            }
            None
        }
        DeValue::Array(a) => {
            for (i, v) in a.iter().enumerate() {
                path.push(Step::Index(i));
                if v.span() == *span && v.get_ref().is_table() {
                    return Some(path.clone());
                }
                if let Some(found) = table_at(v.get_ref(), span, path) {
                    return Some(found);
                }
                path.pop();
            }
            None
        }
        _ => None,
    }
}

fn table_mut<'a, 'i>(root: &'a mut DeTable<'i>, path: &[Step]) -> Option<&'a mut DeTable<'i>> {
    let mut here: &mut DeValue<'i> = match path.first()? {
        Step::Key(k) => root.get_mut(k.as_str())?.get_mut(),
        Step::Index(_) => return None,
    };
    for step in &path[1..] {
        here = match (here, step) {
            (DeValue::Table(t), Step::Key(k)) => t.get_mut(k.as_str())?.get_mut(),
            (DeValue::Array(a), Step::Index(i)) => a.get_mut(*i)?.get_mut(),
            _ => return None,
        };
    }
    match here {
        DeValue::Table(t) => Some(t),
        _ => None,
    }
}

/// The tree with a stand-in for the missing `key` of the table at `span`, of the first kind the
/// types accept there; `None` when none is.
fn fill<'i, T: DeserializeOwned>(
    root: &Spanned<DeTable<'i>>,
    span: &Range<usize>,
    key: &str,
    stand_in: &Range<usize>,
) -> Option<Spanned<DeTable<'i>>> {
    // No table has the span: the problem is the document's.
    let path = table_at(
        &DeValue::Table(root.get_ref().clone()),
        span,
        &mut Vec::new(),
    );
    let date = Datetime {
        date: Some(Date {
            year: 2024,
            month: 12,
            day: 2,
        }),
        time: None,
        offset: None,
    };
    let mut candidates = vec![
        DeValue::String(Cow::Borrowed("")),
        DeValue::Table(DeTable::new()),
        DeValue::Array(DeArray::new()),
        DeValue::Boolean(false),
        DeValue::Datetime(date),
    ];
    let mut tried = 0;
    while tried < candidates.len() {
        let candidate = candidates[tried].clone();
        tried += 1;
        let mut next = root.clone();
        let table = match &path {
            Some(path) => table_mut(next.get_mut(), path)?,
            None => next.get_mut(),
        };
        table.insert(
            Spanned::new(stand_in.clone(), Cow::Owned(key.to_string())),
            Spanned::new(stand_in.clone(), candidate),
        );
        match T::deserialize(Deserializer::from(next.clone())) {
            Ok(_) => return Some(next),
            Err(e) => {
                let message = e.message();
                if e.span().as_ref() != Some(stand_in) || missing_field(message).is_some() {
                    if missing_field(message) == Some(key) && e.span().as_ref() == Some(span) {
                        continue;
                    }
                    return Some(next);
                }
                // A choice: the first of the allowed values.
                if message.starts_with("unknown variant ")
                    && let Some(first) = message.split('`').nth(3)
                    && tried <= 1
                {
                    candidates.push(DeValue::String(Cow::Owned(first.to_string())));
                }
            }
        }
    }
    None
}

/// The stand-ins as a TOML document: `key = "…"` for text, `[table]` headers for tables.
fn skeleton(root: &DeTable<'_>) -> String {
    let mut out = Vec::new();
    write_table(root, "", &mut out);
    out.join("\n")
}

fn write_table(table: &DeTable<'_>, prefix: &str, out: &mut Vec<String>) {
    for (key, value) in table.iter() {
        let line = match value.get_ref() {
            DeValue::String(s) if s.is_empty() => format!("{} = \"…\"", key.get_ref()),
            DeValue::String(s) => format!("{} = \"{s}\"", key.get_ref()),
            DeValue::Boolean(b) => format!("{} = {b}", key.get_ref()),
            DeValue::Datetime(d) => format!("{} = {d}", key.get_ref()),
            DeValue::Array(_) => format!("{} = []", key.get_ref()),
            DeValue::Table(_) | DeValue::Integer(_) | DeValue::Float(_) => continue,
        };
        out.push(line);
    }
    for (key, value) in table.iter() {
        if let DeValue::Table(t) = value.get_ref() {
            let name = format!("{prefix}{}", key.get_ref());
            out.push(format!("[{name}]"));
            write_table(t, &format!("{name}."), out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Doc {
        top: Top,
        #[serde(default)]
        item: Vec<Item>,
    }

    #[derive(serde::Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Top {
        name: String,
    }

    #[derive(serde::Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Item {
        id: String,
        #[serde(default)]
        remove: bool,
    }

    fn problems(text: &str) -> (Vec<String>, Option<String>) {
        match check::<Doc>(text) {
            Checked::Ok(_) => (Vec::new(), None),
            Checked::Problems { problems, empty } => {
                (problems.into_iter().map(|p| p.message).collect(), empty)
            }
        }
    }

    #[test]
    fn every_key_and_type_error_of_a_document() {
        let (found, empty) = problems(
            "[top]\nnmae = \"x\"\n[[item]]\nid = 1\nremove = \"yes\"\n[[item]]\nid = \"b\"\nfoo = 1\n",
        );
        assert_eq!(found.len(), 4, "{found:#?}");
        assert!(found[0].starts_with("unknown field `nmae`"), "{found:#?}");
        assert!(found[1].contains("expected a string"), "{found:#?}");
        assert!(found[2].contains("expected a boolean"), "{found:#?}");
        assert!(found[3].starts_with("unknown field `foo`"), "{found:#?}");
        assert_eq!(empty, None);
    }

    #[test]
    fn a_wrong_value_is_not_also_a_missing_key() {
        let (found, _) = problems("[top]\nname = 3\n");
        assert_eq!(found.len(), 1, "{found:#?}");
    }

    #[test]
    fn an_empty_document_gets_the_smallest_valid_one() {
        let (found, empty) = problems("# nothing yet\n");
        assert_eq!(found, ["missing field `top`"]);
        assert_eq!(empty.as_deref(), Some("[top]\nname = \"…\""));
    }

    #[test]
    fn syntax_errors_on_several_lines_and_no_invented_missing_keys() {
        let (found, _) = problems("[top]\nname = \"x\n[[item]]\nid = \"a\nremove = true\n");
        assert_eq!(found.len(), 2, "{found:#?}");
    }
}
