//! The draft as an override file a person can read and edit: the tables in the order of
//! docs/override.md, one entry per change, a comment where the importer made a choice. Each
//! construct is written by one function, so a construct the format gains is one more.

use std::fmt::Write as _;

use super::align::{Alignment, ItemEdit, NewItem};
use super::contractors::{Note, Registry};
use super::data_kinds::DataKinds;
use super::draft::{Draft, PageDraft};
use super::extra::NewPageDraft;
use super::markdown::{escape, to_markdown};
use super::narrative::{NarrItem, Narrative};
use crate::model::GroupKind;
use crate::text::numbering::Numbering;

/// The reason written on each acknowledgement of an Art. 32 item the page does not give.
pub const MISSING: &str = "取込元に記載なし・要確認";

/// The override's text, and the page files (`unions/SLUG/<name>`) it names.
pub struct Written {
    pub toml: String,
    pub files: Vec<(String, String)>,
}

/// Writes the draft, with an acknowledgement for each rule in `missing`.
pub fn write(d: &Draft, sources: &[String], missing: &[&str]) -> Written {
    let mut out = String::new();
    let mut files = Vec::new();
    let _ = writeln!(
        out,
        "# Imported by `kumiai import` from {}.",
        sources.join(", ")
    );
    out.push_str("# Review it, then run `kumiai check`. / 取り込んだ内容を確認し、kumiai check を実行してください。\n");
    union(&mut out, d);
    for window in &d.windows {
        contact(&mut out, d, window);
    }
    dates(&mut out, d);
    presentation(&mut out, d);
    labels(&mut out, &d.labels);
    wording(&mut out, d);
    contractors(&mut out, &d.contractors);
    for page in &d.pages {
        page_entry(&mut out, page, &mut files);
    }
    for page in &d.new_pages {
        new_page(&mut out, page, &mut files);
    }
    if let Some(alignment) = &d.alignment {
        purposes(&mut out, alignment, &d.contractors);
    }
    if let Some(chapters) = &d.narrative {
        narrative(&mut out, chapters);
    }
    if let Some(table) = &d.data_kinds {
        data_kinds(&mut out, table);
    }
    acknowledgements(&mut out, missing);
    Written { toml: out, files }
}

fn union(out: &mut String, d: &Draft) {
    out.push_str("\n[union]\n");
    field(out, "name", Some(&d.name));
    field(out, "self_name", d.self_name.as_deref());
    field(out, "representative", d.representative.as_deref());
    field(out, "postal_code", d.postal_code.as_deref());
    field(out, "address", d.address.as_deref());
    field(out, "website", d.website.as_deref());
    field(out, "privacy_officer", d.privacy_officer.as_deref());
    field(out, "phone", d.phone.as_deref());
    field(out, "fax", d.fax.as_deref());
    field(out, "letterhead", d.letterhead.as_deref());
}

fn contact(out: &mut String, d: &Draft, w: &super::identity::Window) {
    out.push_str("\n[[contacts]]\n");
    if w.department.is_none() {
        out.push_str(
            "# The page names no department for this window: the union's name stands for it.\n",
        );
    }
    field(
        out,
        "department",
        Some(w.department.as_deref().unwrap_or(&d.name)),
    );
    field(out, "postal_code", w.postal_code.as_deref());
    field(out, "address", w.address.as_deref());
    field(out, "phone", w.phone.as_deref());
    field(out, "fax", w.fax.as_deref());
    field(out, "email", w.email.as_deref());
    field(out, "hours", w.hours.as_deref());
    field(out, "closed", w.closed.as_deref());
}

fn dates(out: &mut String, d: &Draft) {
    if d.established.is_none()
        && d.effective.is_none()
        && d.published.is_none()
        && d.revisions.is_empty()
    {
        return;
    }
    out.push_str("\n[dates]\n");
    for (key, date) in [
        ("established", d.established),
        ("effective", d.effective),
        ("published", d.published),
    ] {
        if let Some(date) = date {
            let _ = writeln!(out, "{key} = {date}");
        }
    }
    if !d.revisions.is_empty() {
        out.push_str("revisions = [\n");
        for (date, note) in &d.revisions {
            let _ = writeln!(out, "  {{ date = {date}, note = {} }},", quote(note));
        }
        out.push_str("]\n");
    }
}

fn presentation(out: &mut String, d: &Draft) {
    if !d.table
        && d.label_style.is_none()
        && !d.digits_full
        && d.section_numbers.is_none()
        && d.item_numbers.is_none()
    {
        return;
    }
    out.push_str("\n[presentation]\n");
    if d.table {
        out.push_str("layout = \"table\"\n");
    }
    field(out, "label_style", d.label_style);
    if d.digits_full {
        out.push_str("digits = \"full\"\n");
    }
    if let Some(numbers) = &d.section_numbers {
        section_numbers(out, numbers);
    }
    field(out, "item_numbers", d.item_numbers.as_deref());
}

/// The page's section numbers as number one looks there, when the format can count in that
/// style; else a comment (the site then numbers 「1.」).
fn section_numbers(out: &mut String, numbers: &str) {
    if countable(numbers) {
        field(out, "section_numbers", Some(numbers));
    } else {
        let _ = writeln!(
            out,
            "# The page numbers its sections 「{numbers}」, a style the site cannot count in: it shows 「1.」."
        );
    }
}

/// Whether `[presentation] section_numbers` can say the page's number one as written.
pub fn countable(numbers: &str) -> bool {
    matches!(Numbering::parse(numbers), Ok(Some(p)) if p.marker(1).trim() == numbers.trim())
}

fn labels(out: &mut String, labels: &std::collections::BTreeMap<GroupKind, String>) {
    if labels.is_empty() {
        return;
    }
    out.push_str("\n[labels]\n");
    for (kind, label) in labels {
        field(out, kind.key(), Some(label));
    }
}

fn wording(out: &mut String, d: &Draft) {
    let clause = d
        .alignment
        .as_ref()
        .and_then(|a| a.mynumber_clause.as_ref());
    if d.consent_legend.is_none() && clause.is_none() {
        return;
    }
    out.push_str("\n[wording]\n");
    if let Some(legend) = &d.consent_legend {
        field(out, "consent_legend", Some(legend.trim_start_matches('\\')));
    }
    if let Some((section, clause)) = clause {
        let _ = writeln!(out, "# The page cites this clause in section `{section}`.");
        field(out, "mynumber_clause", Some(clause));
    }
}

fn contractors(out: &mut String, registry: &Registry) {
    if registry.entries.is_empty() {
        return;
    }
    out.push_str("\n[contractors]\n");
    for (id, named) in &registry.entries {
        match &named.phone {
            Some(phone) => {
                let _ = writeln!(
                    out,
                    "{id} = {{ name = {}, phone = {} }}",
                    quote(&named.name),
                    quote(phone)
                );
            }
            None => {
                let _ = writeln!(out, "{id} = {{ name = {} }}", quote(&named.name));
            }
        }
    }
}

fn page_entry(out: &mut String, page: &PageDraft, files: &mut Vec<(String, String)>) {
    if page.title.is_none() && page.intro.is_none() && page.body.is_none() {
        return;
    }
    out.push_str("\n[[page]]\n");
    if let Some(why) = page.why {
        let _ = writeln!(out, "# Carried as written: {why}.");
    }
    field(out, "id", Some(page.id));
    field(out, "title", page.title.as_deref());
    if let Some(intro) = &page.intro {
        let _ = writeln!(out, "intro = {}", multiline(intro));
    }
    if let Some(body) = &page.body {
        let name = format!("{}.md", page.id);
        field(out, "file", Some(&name));
        files.push((name, format!("{body}\n")));
    }
}

/// Sections, groups and items, in the order the merge applies them.
fn purposes(out: &mut String, a: &Alignment, registry: &Registry) {
    for s in &a.new_sections {
        out.push_str("\n[[new_section]]\n");
        field(out, "id", Some(&s.id));
        field(out, "title", Some(&s.title));
        field(out, "short_title", Some(&s.title));
        field(out, "after", s.after.as_deref());
    }
    for s in &a.sections {
        out.push_str("\n[[section]]\n");
        field(out, "id", Some(&s.id));
        field(out, "title", s.title.as_deref());
        field(out, "short_title", s.short_title.as_deref());
        field(out, "intro", s.intro.as_deref());
        if s.remove {
            out.push_str("remove = true\n");
        }
    }
    for g in &a.new_groups {
        out.push_str("\n[[new_group]]\n");
        field(out, "id", Some(&g.id));
        field(out, "kind", Some(g.kind.key()));
        field(out, "label", g.label.as_deref());
    }
    for (id, label) in &a.group_labels {
        let _ = write!(
            out,
            "\n[[group]]\nid = {}\nlabel = {}\n",
            quote(id),
            quote(label)
        );
    }
    for id in &a.removed_groups {
        let _ = write!(out, "\n[[group]]\nid = {}\nremove = true\n", quote(id));
    }
    for edit in a.items.iter().filter(|e| says_something(e)) {
        item(out, edit, registry);
    }
    for new in &a.new_items {
        new_item(out, new, registry);
    }
}

/// A narrative's chapters: the base's sections off, each chapter a section of the union's own
/// with its items listed in it; its prose as the section's intro and note (Markdown, escaped).
fn narrative(out: &mut String, n: &Narrative) {
    out.push_str(
        "\n# The page publishes its purposes as chapters of its own, not the base's list.\n",
    );
    out.push_str("[purposes]\nbase = false\n");
    for (k, c) in n.chapters.iter().enumerate() {
        out.push_str("\n[[new_section]]\n");
        let _ = writeln!(out, "id = \"chapter-{}\"", k + 1);
        field(out, "title", Some(&c.title));
        if !c.intro.is_empty() {
            let _ = writeln!(out, "intro = {}", multiline(&to_markdown(&c.intro)));
        }
        if !c.items.is_empty() {
            out.push_str("items = [\n");
            for item in &c.items {
                let _ = writeln!(out, "  {},", quote(&item_markdown(item)));
            }
            out.push_str("]\n");
        }
        if !c.note.is_empty() {
            let _ = writeln!(out, "note = {}", multiline(&to_markdown(&c.note)));
        }
    }
}

/// A table of kinds: the base's sections off (the table is the purposes), one `[[data_kind]]`
/// per row, the text after it as the table's note.
fn data_kinds(out: &mut String, t: &DataKinds) {
    out.push_str("\n# The page publishes its purposes as a table by kind of information.\n");
    out.push_str("[purposes]\nbase = false\n");
    let headers = t.own_headers();
    if headers.is_some() || !t.note.is_empty() {
        out.push_str("\n[data_kinds]\n");
    }
    if let Some([kind, purposes]) = headers {
        let _ = writeln!(out, "headers = [{}, {}]", quote(kind), quote(purposes));
    }
    if !t.note.is_empty() {
        let _ = writeln!(out, "note = {}", multiline(&to_markdown(&t.note)));
    }
    for kind in &t.kinds {
        out.push_str("\n[[data_kind]]\n");
        field(out, "name", Some(&kind.name));
        let purposes: Vec<String> = kind.purposes.iter().map(|p| quote(p)).collect();
        let _ = writeln!(out, "purposes = [{}]", purposes.join(", "));
    }
}

/// An item's text as Markdown: its paragraphs, each escaped so that it shows as written.
fn item_markdown(item: &NarrItem) -> String {
    let mut paragraphs = vec![escape(&item.text)];
    paragraphs.extend(item.more.iter().map(|m| escape(m)));
    paragraphs.join("\n\n")
}

fn says_something(e: &ItemEdit) -> bool {
    e.remove
        || e.text.is_some()
        || e.consent
        || e.note.is_some()
        || e.to.is_some()
        || e.after.is_some()
        || e.before.is_some()
}

fn item(out: &mut String, e: &ItemEdit, registry: &Registry) {
    out.push_str("\n[[item]]\n");
    field(out, "id", Some(&e.id));
    if e.remove {
        out.push_str("remove = true\n");
        return;
    }
    field(out, "to", e.to.as_deref());
    field(out, "after", e.after.as_deref());
    field(out, "before", e.before.as_deref());
    field(out, "text", e.text.as_deref());
    note(out, e.note.as_ref(), registry);
    if e.consent {
        out.push_str("consent = true\n");
    }
    consent_note(out, e.consent_note.as_deref());
}

fn new_item(out: &mut String, n: &NewItem, registry: &Registry) {
    out.push_str("\n[[new_item]]\n");
    field(out, "id", Some(&n.id));
    field(out, "after", n.after.as_deref());
    field(out, "before", n.before.as_deref());
    field(out, "text", Some(&n.text));
    note(out, n.note.as_ref(), registry);
    if n.consent {
        out.push_str("consent = true\n");
    }
    consent_note(out, n.consent_note.as_deref());
}

fn consent_note(out: &mut String, note: Option<&str>) {
    if let Some(note) = note {
        let _ = writeln!(out, "consent_note = {}", multiline(note));
    }
}

/// A page of its own, after the purposes (where the union's site had it, beside them).
fn new_page(out: &mut String, p: &NewPageDraft, files: &mut Vec<(String, String)>) {
    out.push_str("\n[[new_page]]\n");
    field(out, "id", Some(&p.id));
    field(out, "title", Some(&p.title));
    if !p.body.is_empty() {
        field(out, "file", Some(&p.file));
        files.push((p.file.clone(), format!("{}\n", p.body)));
    }
    if !p.sections.is_empty() {
        let ids: Vec<String> = p.sections.iter().map(|s| quote(s)).collect();
        let _ = writeln!(out, "sections = [{}]", ids.join(", "));
    }
    if p.consent {
        out.push_str("kind = \"consent\"\n");
    }
    if p.consent || !p.sections.is_empty() {
        out.push_str("after = \"purposes\"\n");
    }
}

/// An item's contractors (by id) and the words before 「は、」 when not 「外部委託先」.
fn note(out: &mut String, note: Option<&Note>, registry: &Registry) {
    let Some(note) = note else {
        return;
    };
    let ids: Vec<String> = note
        .contractors
        .iter()
        .filter_map(|c| registry.find(c).map(quote))
        .collect();
    let _ = writeln!(out, "contractors = [{}]", ids.join(", "));
    field(out, "contractor_label", note.label.as_deref());
}

fn acknowledgements(out: &mut String, missing: &[&str]) {
    if missing.is_empty() {
        return;
    }
    out.push_str(
        "\n# The page does not give these items the law asks for: nothing was invented.\n",
    );
    out.push_str("# ページに記載がない法定の公表事項です。値は補っていません。\n");
    for rule in missing {
        let _ = write!(
            out,
            "\n[[acknowledge]]\nrule = {}\nreason = {}\n",
            quote(rule),
            quote(MISSING)
        );
    }
}

/// `key = "value"` when there is a value.
fn field(out: &mut String, key: &str, value: Option<&str>) {
    if let Some(value) = value {
        let _ = writeln!(out, "{key} = {}", quote(value));
    }
}

/// A TOML basic string.
pub fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A multi-line string: literal (`'''`, so Markdown's backslashes stay as typed) when it can
/// be, else basic.
pub fn multiline(text: &str) -> String {
    let literal_ok = !text.contains("'''")
        && !text
            .chars()
            .any(|c| c.is_control() && c != '\n' && c != '\t');
    if literal_ok && !text.ends_with('\'') {
        return format!("'''\n{text}'''");
    }
    quote(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_read_back() {
        for text in ["a\"b\\c\u{1}", "改行\nあり'''", "''末尾'"] {
            let doc = format!("a = {}\nb = {}\n", quote(text), multiline(text));
            let value: toml::Table = toml::from_str(&doc).expect("valid TOML");
            assert_eq!(value["a"].as_str(), Some(text));
            assert_eq!(value["b"].as_str(), Some(text));
        }
    }
}
