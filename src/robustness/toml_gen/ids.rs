//! Ids: real ones, mutated and random ones, and positions among siblings.

use super::*;

/// A real id with one small change: a typo, the wrong case, a dropped or extra segment.
fn mutated(ids: &'static [String]) -> impl Strategy<Value = String> {
    (
        select(ids),
        0..8usize,
        any::<prop::sample::Index>(),
        prop::char::range('a', 'z'),
    )
        .prop_map(|(id, op, at, c)| {
            let mut chars: Vec<char> = id.chars().collect();
            let i = at.index(chars.len().max(1)).min(chars.len());
            match op {
                0 if !chars.is_empty() => {
                    chars.remove(i.min(chars.len() - 1));
                }
                1 => chars.insert(i, c),
                2 => return id.to_uppercase(),
                3 => return format!("{id}.extra"),
                4 => return id.rsplit_once('.').map_or(String::new(), |(p, _)| p.into()),
                5 => return id.replace('.', "_"),
                6 => return format!(" {id}"),
                _ => return format!("{id}-2"),
            }
            chars.into_iter().collect()
        })
}

/// A random id-like string, Japanese and spaces included.
pub(crate) fn random_id() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z0-9.\\-]{0,14}",
        "[a-zA-Z0-9._\\- ぁ-ん]{0,12}",
        Just(String::new()),
        Just(".".to_string()),
        Just("..".to_string()),
        Just("a..b".to_string()),
    ]
}

/// A fresh, well-formed id segment.
pub(crate) fn segment() -> impl Strategy<Value = String> {
    "[a-z][a-z0-9]{0,5}(-[a-z0-9]{1,4})?"
}

/// An id referring to an existing element of the base, as a TOML value.
pub(crate) fn existing_id(ids: &'static [String], chaos: bool) -> BoxedStrategy<String> {
    let raw = if chaos {
        prop_oneof![
            5 => select(ids),
            3 => mutated(ids),
            1 => random_id(),
        ]
        .boxed()
    } else {
        select(ids).boxed()
    };
    if chaos {
        prop_oneof![12 => tstr_of(raw, true), 1 => wrong_type()].boxed()
    } else {
        tstr_of(raw, false)
    }
}

/// `before = …` / `after = …` lines, at most one of them in clean documents.
pub(crate) fn position(siblings: Vec<String>, chaos: bool) -> BoxedStrategy<Vec<String>> {
    let sibling = if siblings.is_empty() {
        random_id().boxed()
    } else if chaos {
        prop_oneof![4 => select(siblings), 1 => random_id()].boxed()
    } else {
        select(siblings).boxed()
    };
    let sibling = tstr_of(sibling, chaos);
    if chaos {
        (
            prop::option::weighted(0.3, sibling.clone()),
            prop::option::weighted(0.3, sibling),
        )
            .prop_map(|(b, a)| {
                let mut lines = Vec::new();
                if let Some(b) = b {
                    lines.push(format!("before = {b}"));
                }
                if let Some(a) = a {
                    lines.push(format!("after = {a}"));
                }
                lines
            })
            .boxed()
    } else {
        prop_oneof![
            3 => Just(Vec::new()),
            1 => sibling.clone().prop_map(|s| vec![format!("before = {s}")]),
            1 => sibling.prop_map(|s| vec![format!("after = {s}")]),
        ]
        .boxed()
    }
}
