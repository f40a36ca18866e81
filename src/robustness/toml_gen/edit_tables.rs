//! Tables that edit or add content: sections, groups, items, pages; acknowledgements and junk.

use super::*;

fn section_edit(chaos: bool) -> BoxedStrategy<String> {
    (
        existing_id(&IDS.sections, chaos),
        opt_line("title", tval_text(chaos), 0.4),
        opt_line("short_title", tval_text(chaos), 0.3),
        opt_line("intro", tval_text(chaos), 0.3),
        opt_line("remove", tbool(chaos), 0.15),
        unknown_key(chaos),
    )
        .prop_map(|(id, a, b, c, d, u)| {
            table(
                "[[section]]".into(),
                vec![Some(format!("id = {id}")), a, b, c, d, u],
                vec![],
            )
        })
        .boxed()
}

fn new_section(chaos: bool) -> BoxedStrategy<String> {
    let id = if chaos {
        prop_oneof![4 => segment(), 1 => select(&IDS.sections), 1 => random_id()].boxed()
    } else {
        segment().prop_map(|s| format!("u-{s}")).boxed()
    };
    (
        tstr_of(id, chaos),
        opt_line("title", tval_text(chaos), if chaos { 0.9 } else { 1.0 }),
        opt_line("short_title", tval_text(chaos), 0.4),
        opt_line("intro", tval_text(chaos), 0.3),
        position(IDS.sections.clone(), chaos),
        unknown_key(chaos),
    )
        .prop_map(|(id, a, b, c, pos, u)| {
            table(
                "[[new_section]]".into(),
                vec![Some(format!("id = {id}")), a, b, c, u],
                pos,
            )
        })
        .boxed()
}

fn group_edit(chaos: bool) -> BoxedStrategy<String> {
    (
        existing_id(&IDS.groups, chaos),
        opt_line("label", tval_text(chaos), 0.6),
        opt_line("remove", tbool(chaos), 0.15),
        unknown_key(chaos),
    )
        .prop_map(|(id, a, b, u)| {
            table(
                "[[group]]".into(),
                vec![Some(format!("id = {id}")), a, b, u],
                vec![],
            )
        })
        .boxed()
}

fn new_group(chaos: bool) -> BoxedStrategy<String> {
    select(&IDS.sections)
        .prop_flat_map(move |section| {
            let siblings = IDS
                .groups_by_section
                .get(&section)
                .cloned()
                .unwrap_or_default();
            let id = if chaos {
                prop_oneof![
                    4 => segment().prop_map({
                        let section = section.clone();
                        move |s| format!("{section}.{s}")
                    }),
                    1 => select(siblings.clone()),
                    1 => segment().prop_map(|s| format!("nosuch.{s}")),
                    1 => random_id(),
                ]
                .boxed()
            } else {
                segment()
                    .prop_map(move |s| format!("{section}.u-{s}"))
                    .boxed()
            };
            (
                tstr_of(id, chaos),
                kinds(chaos),
                opt_line("label", tval_text(chaos), 0.5),
                position(siblings, chaos),
                unknown_key(chaos),
            )
        })
        .prop_map(|(id, kind, label, pos, u)| {
            table(
                "[[new_group]]".into(),
                vec![
                    Some(format!("id = {id}")),
                    Some(format!("kind = \"{kind}\"")),
                    label,
                    u,
                ],
                pos,
            )
        })
        .boxed()
}

fn item_edit(chaos: bool) -> BoxedStrategy<String> {
    (
        existing_id(&IDS.items, chaos),
        opt_line("text", tval_text(chaos), 0.5),
        contractor_refs(chaos),
        opt_line("contractor_label", tval_composed(chaos), 0.2),
        opt_line("consent", tbool(chaos), 0.4),
        opt_line("remove", tbool(chaos), 0.15),
        unknown_key(chaos),
    )
        .prop_map(|(id, a, b, c, d, e, u)| {
            table(
                "[[item]]".into(),
                vec![Some(format!("id = {id}")), a, b, c, d, e, u],
                vec![],
            )
        })
        .boxed()
}

fn new_item(chaos: bool) -> BoxedStrategy<String> {
    select(&IDS.groups)
        .prop_flat_map(move |group| {
            let siblings = IDS.items_by_group.get(&group).cloned().unwrap_or_default();
            let id = if chaos {
                prop_oneof![
                    4 => segment().prop_map({
                        let group = group.clone();
                        move |s| format!("{group}.{s}")
                    }),
                    1 => select(siblings.clone()),
                    1 => segment().prop_map(|s| format!("benefits.nosuch.{s}")),
                    1 => random_id(),
                ]
                .boxed()
            } else {
                segment()
                    .prop_map(move |s| format!("{group}.u-{s}"))
                    .boxed()
            };
            (
                tstr_of(id, chaos),
                opt_line("text", tval_text(chaos), if chaos { 0.9 } else { 1.0 }),
                contractor_refs(chaos),
                opt_line("contractor_label", tval_composed(chaos), 0.2),
                opt_line("consent", tbool(chaos), 0.4),
                position(siblings, chaos),
                unknown_key(chaos),
            )
        })
        .prop_map(|(id, a, b, c, d, pos, u)| {
            table(
                "[[new_item]]".into(),
                vec![Some(format!("id = {id}")), a, b, c, d, u],
                pos,
            )
        })
        .boxed()
}

/// `body`/`file`/`intro` of a page: clean pages give at most one of them.
fn page_content(chaos: bool, with_intro: bool) -> BoxedStrategy<Vec<String>> {
    let file = if chaos {
        prop_oneof![
            2 => select(GOOD_PAGE_FILES.to_vec()),
            1 => select(BAD_PAGE_FILES.to_vec()),
        ]
        .prop_map(|f| format!("\"{}\"", escape_basic(f, false)))
        .boxed()
    } else {
        select(GOOD_PAGE_FILES.to_vec())
            .prop_map(|f| format!("\"{f}\""))
            .boxed()
    };
    if chaos {
        (
            opt_line("body", tval_text(true), 0.4),
            opt_line("file", file, 0.3),
            opt_line("intro", tval_text(true), if with_intro { 0.3 } else { 0.0 }),
        )
            .prop_map(|(a, b, c)| [a, b, c].into_iter().flatten().collect())
            .boxed()
    } else {
        let mut options = vec![
            (2, Just(Vec::new()).boxed()),
            (
                3,
                tval_text(false)
                    .prop_map(|b| vec![format!("body = {b}")])
                    .boxed(),
            ),
            (2, file.prop_map(|f| vec![format!("file = {f}")]).boxed()),
        ];
        if with_intro {
            options.push((
                2,
                tval_text(false)
                    .prop_map(|b| vec![format!("intro = {b}")])
                    .boxed(),
            ));
        }
        prop::strategy::Union::new_weighted(options).boxed()
    }
}

fn page_edit(chaos: bool) -> BoxedStrategy<String> {
    let remove = if chaos {
        opt_line("remove", tbool(true), 0.15)
    } else {
        prop::option::weighted(0.1, Just("remove = true".to_string())).boxed()
    };
    (
        existing_id(&IDS.pages, chaos),
        opt_line("title", tval_text(chaos), 0.5),
        page_content(chaos, true),
        remove,
        unknown_key(chaos),
    )
        .prop_map(move |(id, title, content, remove, u)| {
            // The top page cannot be removed: clean documents don't try.
            let bare = id.trim_matches(|c| c == '"' || c == '\'' || c == '\n');
            let remove = remove.filter(|_| chaos || bare != "index");
            table(
                "[[page]]".into(),
                vec![Some(format!("id = {id}")), title, remove, u],
                content,
            )
        })
        .boxed()
}

fn new_page(chaos: bool) -> BoxedStrategy<String> {
    let id = if chaos {
        prop_oneof![4 => segment(), 1 => select(&IDS.pages), 1 => random_id()].boxed()
    } else {
        segment().prop_map(|s| format!("u-{s}")).boxed()
    };
    let content = if chaos {
        page_content(true, false)
    } else {
        prop_oneof![
            tval_text(false).prop_map(|b| vec![format!("body = {b}")]),
            select(GOOD_PAGE_FILES.to_vec()).prop_map(|f| vec![format!("file = \"{f}\"")]),
        ]
        .boxed()
    };
    let after = if chaos {
        opt_line(
            "after",
            tstr_of(prop_oneof![3 => select(&IDS.pages), 1 => random_id()], true),
            0.4,
        )
    } else {
        opt_line("after", tstr_of(select(&IDS.pages), false), 0.4)
    };
    (
        tstr_of(id, chaos),
        opt_line("title", tval_text(chaos), if chaos { 0.9 } else { 1.0 }),
        after,
        content,
        unknown_key(chaos),
    )
        .prop_map(|(id, title, after, content, u)| {
            table(
                "[[new_page]]".into(),
                vec![Some(format!("id = {id}")), title, after, u],
                content,
            )
        })
        .boxed()
}

fn acknowledge(chaos: bool) -> BoxedStrategy<String> {
    (
        tstr_of(random_id(), chaos),
        opt_line("reason", tval_text(chaos), if chaos { 0.9 } else { 1.0 }),
    )
        .prop_map(|(rule, reason)| {
            table(
                "[[acknowledge]]".into(),
                vec![Some(format!("rule = {rule}")), reason],
                vec![],
            )
        })
        .boxed()
}

/// Lines that are not part of any schema: comments, junk, a repeated table.
fn junk() -> BoxedStrategy<String> {
    select(vec![
        "# コメント {{ union.nmae }}\n",
        "\n\n",
        "[union]\nname = \"again\"\n",
        "[mystery]\nx = 1\n",
        "stray\n",
        "[[item]]\n",
        "= \"no key\"\n",
        "a = \"unterminated\n",
        "[labels]\ninternal = 1\n",
        "[[ new_item ]]\nid = \"benefits.internal.sp\"\ntext = \"spaced header\"\n",
        "'''\n",
    ])
    .prop_map(String::from)
    .boxed()
}

/// One `[[…]]` entry of any kind.
pub(crate) fn entry(chaos: bool) -> BoxedStrategy<String> {
    let mut options = vec![
        (2, section_edit(chaos)),
        (2, new_section(chaos)),
        (2, group_edit(chaos)),
        (2, new_group(chaos)),
        (4, item_edit(chaos)),
        (4, new_item(chaos)),
        (3, page_edit(chaos)),
        (2, new_page(chaos)),
        (2, contact(chaos)),
        (1, acknowledge(chaos)),
    ];
    if chaos {
        options.push((1, junk()));
    }
    prop::strategy::Union::new_weighted(options).boxed()
}
