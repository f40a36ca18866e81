//! Tables of the union's own settings: `[union]`, contacts, dates, presentation, labels, contractors.

use super::*;

pub(crate) fn union_table(chaos: bool) -> BoxedStrategy<String> {
    let name = if chaos {
        prop::option::weighted(0.95, tval_raw(true)).boxed()
    } else {
        tval_raw(false).prop_map(Some).boxed()
    };
    (
        name,
        opt_line("self_name", tval_raw(chaos), 0.3),
        opt_line("representative", tval_raw(chaos), 0.4),
        opt_line(
            "postal_code",
            tformat(chaos, Format::Postal, Field::Raw),
            0.4,
        ),
        opt_line("address", tval_raw(chaos), 0.4),
        opt_line("website", tformat(chaos, Format::Url, Field::Raw), 0.3),
        unknown_key(chaos),
    )
        .prop_map(|(name, a, b, c, d, e, unknown)| {
            table(
                "[union]".into(),
                vec![name.map(|n| format!("name = {n}")), a, b, c, d, e, unknown],
                vec![],
            )
        })
        .boxed()
}

pub(crate) fn contact(chaos: bool) -> BoxedStrategy<String> {
    (
        opt_line("department", tval_raw(chaos), if chaos { 0.9 } else { 1.0 }),
        opt_line(
            "postal_code",
            tformat(chaos, Format::Postal, Field::Raw),
            0.5,
        ),
        opt_line("address", tval_raw(chaos), 0.5),
        opt_line("phone", tformat(chaos, Format::Phone, Field::Raw), 0.6),
        opt_line("fax", tformat(chaos, Format::Phone, Field::Raw), 0.3),
        opt_line("email", tformat(chaos, Format::Email, Field::Raw), 0.3),
        opt_line("hours", tval_raw(chaos), 0.4),
        opt_line("closed", tval_raw(chaos), 0.4),
        unknown_key(chaos),
    )
        .prop_map(|(a, b, c, d, e, f, g, h, u)| {
            table(
                "[[contacts]]".into(),
                vec![a, b, c, d, e, f, g, h, u],
                vec![],
            )
        })
        .boxed()
}

pub(crate) fn dates(chaos: bool) -> BoxedStrategy<String> {
    let revision = (tdate(chaos), tval_raw(chaos))
        .prop_map(|(d, n)| format!("  {{ date = {d}, note = {n} }},"));
    (
        opt_line("established", tdate(chaos), 0.6),
        opt_line("effective", tdate(chaos), 0.6),
        opt_line("published", tdate(chaos), 0.6),
        prop::collection::vec(revision, 0..4),
        unknown_key(chaos),
    )
        .prop_map(|(a, b, c, revisions, u)| {
            let mut extra = Vec::new();
            if !revisions.is_empty() {
                extra.push(format!("revisions = [\n{}\n]", revisions.join("\n")));
            }
            table("[dates]".into(), vec![a, b, c, u], extra)
        })
        .boxed()
}

pub(crate) fn presentation(chaos: bool) -> BoxedStrategy<String> {
    let value = |valid: Vec<&'static str>, invalid: Vec<&'static str>| -> BoxedStrategy<String> {
        let valid = select(valid).prop_map(|v| format!("\"{v}\""));
        if chaos {
            prop_oneof![
                3 => valid,
                1 => select(invalid).prop_map(String::from),
                1 => wrong_type(),
            ]
            .boxed()
        } else {
            valid.boxed()
        }
    };
    (
        opt_line(
            "layout",
            value(
                vec!["list", "table"],
                vec!["\"grid\"", "\"Table\"", "\"\"", "\"表\""],
            ),
            0.7,
        ),
        opt_line(
            "digits",
            value(
                vec!["half", "full"],
                vec!["\"wide\"", "\"HALF\"", "\"全角\""],
            ),
            0.6,
        ),
        opt_line(
            "label_style",
            value(vec!["lenticular", "angle"], vec!["\"square\"", "\"【】\""]),
            0.6,
        ),
        unknown_key(chaos),
    )
        .prop_map(|(a, b, c, u)| table("[presentation]".into(), vec![a, b, c, u], vec![]))
        .boxed()
}

pub(crate) fn kinds(chaos: bool) -> BoxedStrategy<String> {
    let valid = select(vec![
        "internal", "external", "review", "receive", "provide", "other",
    ])
    .prop_map(String::from);
    if chaos {
        prop_oneof![5 => valid, 1 => select(vec!["Internal", "misc", "", "内部"]).prop_map(String::from)]
            .boxed()
    } else {
        valid.boxed()
    }
}

pub(crate) fn labels(chaos: bool) -> BoxedStrategy<String> {
    prop::collection::btree_map(kinds(chaos), tval_text(chaos), 1..4)
        .prop_map(|map| {
            let lines = map
                .into_iter()
                .map(|(k, v)| Some(format!("{} = {v}", toml_key(&k))))
                .collect();
            table("[labels]".into(), lines, vec![])
        })
        .boxed()
}

pub(crate) fn wording(chaos: bool) -> BoxedStrategy<String> {
    (
        opt_line("consent_legend", tval_text(chaos), 0.6),
        opt_line("fee", tval(chaos, Field::Fee), 0.6),
        unknown_key(chaos),
    )
        .prop_map(|(a, b, u)| table("[wording]".into(), vec![a, b, u], vec![]))
        .boxed()
}

/// A TOML key: bare when it can be, quoted otherwise.
pub(crate) fn toml_key(key: &str) -> String {
    if !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        key.to_string()
    } else {
        format!("\"{}\"", escape_basic(key, false))
    }
}

pub(crate) fn contractor(chaos: bool) -> BoxedStrategy<String> {
    (
        select(CONTRACTORS.to_vec()),
        opt_line("name", tval_composed(chaos), if chaos { 0.9 } else { 1.0 }),
        opt_line("phone", tformat(chaos, Format::Phone, Field::Composed), 0.6),
        opt_line("note", tval_text(chaos), 0.3),
        unknown_key(chaos),
    )
        .prop_map(|(id, a, b, c, u)| {
            table(
                format!("[contractors.{}]", toml_key(id)),
                vec![a, b, c, u],
                vec![],
            )
        })
        .boxed()
}

pub(crate) fn contractor_refs(chaos: bool) -> BoxedStrategy<Option<String>> {
    let id = if chaos {
        prop_oneof![4 => select(CONTRACTORS.to_vec()).prop_map(String::from), 1 => random_id()]
            .boxed()
    } else {
        select(CONTRACTORS.to_vec()).prop_map(String::from).boxed()
    };
    // Clean documents define every contractor they name (see `doc`), so references stay valid.
    prop::option::weighted(
        0.25,
        prop::collection::vec(tstr_of(id, chaos), 0..3)
            .prop_map(|refs| format!("contractors = [{}]", refs.join(", "))),
    )
    .boxed()
}
