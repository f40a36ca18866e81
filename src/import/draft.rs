//! From the page's regions to a draft of the override: the purposes aligned to the base, the
//! identity, windows and dates taken out of the prose, each page's remaining prose either
//! already said by the base page or carried verbatim; and a tally of what became structure
//! and what stayed pasted prose.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::align::{Alignment, align};
use super::blocks::{Block, norm};
use super::contractors::Registry;
use super::data_kinds::{self, DataKinds};
use super::dates::{DateFact, date_fact, full_width_digits};
use super::identity::{Window, letterhead, privacy_officer, representative, website, windows};
use super::markdown::{covered_by, to_markdown};
use super::narrative::{self, Narrative};
use super::outline::Region;
use super::purposes::{self, SrcPurposes};
use crate::model::{Base, GroupKind};

/// One standard page's changes: its title as the page writes it, and its own text.
#[derive(Debug, Clone, Default)]
pub struct PageDraft {
    pub id: &'static str,
    pub title: Option<String>,
    /// Markdown that replaces the page's text but keeps what the page generates.
    pub intro: Option<String>,
    /// Markdown that replaces the whole page (written to `unions/SLUG/<id>.md`).
    pub body: Option<String>,
    /// Why its text is carried as prose, for the report.
    pub why: Option<&'static str>,
}

/// What the override will say.
#[derive(Debug, Default)]
pub struct Draft {
    pub name: String,
    pub self_name: Option<String>,
    pub representative: Option<String>,
    pub postal_code: Option<String>,
    pub address: Option<String>,
    pub website: Option<String>,
    pub privacy_officer: Option<String>,
    /// The union's own numbers (not a window's), and the line at the head of its letter.
    pub phone: Option<String>,
    pub fax: Option<String>,
    pub letterhead: Option<String>,
    pub windows: Vec<Window>,
    pub established: Option<NaiveDate>,
    pub effective: Option<NaiveDate>,
    pub published: Option<NaiveDate>,
    pub revisions: Vec<(NaiveDate, String)>,
    pub digits_full: bool,
    pub table: bool,
    pub label_style: Option<&'static str>,
    pub labels: BTreeMap<GroupKind, String>,
    pub consent_legend: Option<String>,
    /// How the page numbers its sections, when not as the theme does (「1.」).
    pub section_numbers: Option<String>,
    /// How the page numbers its items (「①」, 「(1)」), when it does in a style the site counts.
    pub item_numbers: Option<String>,
    pub contractors: Registry,
    pub alignment: Option<Alignment>,
    /// The purposes as numbered chapters of the union's own (`[purposes] base = false`), when
    /// the page is a narrative rather than the base's list.
    pub narrative: Option<Narrative>,
    /// The purposes as a table by kind of information (`[[data_kind]]`), when the page has one
    /// and no section of the base's list.
    pub data_kinds: Option<DataKinds>,
    pub pages: Vec<PageDraft>,
    /// Pages of their own, from files beyond the policy's (`[[new_page]]`).
    pub new_pages: Vec<super::extra::NewPageDraft>,
    /// `(file, what it became)` for each file of a several-file import.
    pub files_became: Vec<(String, String)>,
    pub tally: Tally,
}

/// Characters of the page (normalised) by where they went.
#[derive(Debug, Default, Clone)]
pub struct Tally {
    pub structural: usize,
    pub pasted: usize,
    /// `(page, characters, why)` for each page whose text is carried as prose.
    pub prose: Vec<(String, usize, &'static str)>,
}

fn chars(blocks: &[Block]) -> usize {
    blocks.iter().map(|b| norm(&b.text()).chars().count()).sum()
}

/// Drafts the override from the regions of the page.
pub fn draft(regions: Vec<Region>, name: String, all_text: &str, base: &Base) -> Draft {
    let mut d = Draft {
        name,
        ..Draft::default()
    };
    d.self_name = self_name(all_text);
    for region in regions {
        let mut page = PageDraft {
            id: region.page,
            ..PageDraft::default()
        };
        page.title = changed_title(region.title.as_deref(), region.page, base);
        if let Some(title) = &region.title {
            d.tally.structural += norm(title).chars().count();
        }
        let prose = if region.page == "purposes" {
            purposes_region(&mut d, &mut page, region.blocks, base)
        } else {
            region.blocks
        };
        let prose = take_facts(&mut d, region.page, prose);
        place_prose(&mut d, &mut page, prose, base);
        d.pages.push(page);
    }
    d
}

/// The title when it differs from the base page's (decoration marks aside).
fn changed_title(title: Option<&str>, page: &str, base: &Base) -> Option<String> {
    let title = title?;
    let base_title = base
        .pages
        .iter()
        .find(|p| p.id == page)
        .map(|p| norm(&p.title));
    (base_title != Some(norm(title))).then(|| title.to_string())
}

/// How the page calls the union, when not 「当組合」.
fn self_name(text: &str) -> Option<String> {
    let names = ["当健康保険組合", "当健保組合", "当組合"];
    let count = |n: &str| text.matches(n).count();
    let best = names.iter().max_by_key(|n| (count(n), n.len()))?;
    (count(best) > 0 && *best != "当組合").then(|| best.to_string())
}

/// Reads and aligns the purposes; returns the prose around them.
fn purposes_region(
    d: &mut Draft,
    page: &mut PageDraft,
    blocks: Vec<Block>,
    base: &Base,
) -> Vec<Block> {
    let src = purposes::read(blocks.clone(), base);
    if src.sections.is_empty() {
        if let Some(table) = data_kinds::read(&blocks) {
            return data_kinds_region(d, table);
        }
        if let Some(chapters) = narrative::read(&blocks) {
            return narrative_region(d, chapters, base);
        }
        let mut all = src.before;
        all.extend(src.after);
        page.why = Some("no section of the base's purposes is recognisable: the page's own text");
        return all;
    }
    d.table = src.table;
    d.section_numbers = src.numbering.clone().filter(|n| norm(n) != "1.");
    d.label_style = label_style(&src);
    d.item_numbers = src
        .item_numbers
        .clone()
        .filter(|n| super::write::countable(n));
    let alignment = align(&src, base);
    let clause_section = alignment
        .mynumber_clause
        .as_ref()
        .map(|(id, _)| id.as_str());
    tally_purposes(d, &src, clause_section);
    if let Some(legend) = &src.legend {
        d.consent_legend =
            (norm(legend) != norm(&base.meta.consent_legend)).then(|| legend.clone());
    }
    d.labels = alignment.labels.clone();
    for edit in &alignment.items {
        for named in edit.note.iter().flat_map(|n| &n.contractors) {
            d.contractors.id_of(named);
        }
    }
    for item in &alignment.new_items {
        for named in item.note.iter().flat_map(|n| &n.contractors) {
            d.contractors.id_of(named);
        }
    }
    d.alignment = Some(alignment);
    let mut prose = src.before;
    prose.extend(src.after);
    prose
}

/// A narrative's chapters become the purposes; returns the text before the first chapter (the
/// page's introduction).
fn narrative_region(d: &mut Draft, mut chapters: Narrative, base: &Base) -> Vec<Block> {
    let t = chapters.tally(base);
    d.tally.structural += t.structural;
    d.tally.pasted += t.prose + t.near_base;
    if t.prose > 0 {
        d.tally.prose.push((
            "purposes (chapter intros and notes)".into(),
            t.prose,
            "a chapter's prose around its items",
        ));
    }
    if t.near_base > 0 {
        d.tally.prose.push((
            "purposes (items alike to the base's)".into(),
            t.near_base,
            "an item at least 0.8 alike to a base item, which a narrative does not keep",
        ));
    }
    d.section_numbers = Some(chapters.numbering.clone()).filter(|n| norm(n) != "1.");
    let before = std::mem::take(&mut chapters.before);
    d.narrative = Some(chapters);
    before
}

/// A table of kinds becomes the purposes: its rows structure, the text after it the table's
/// note (prose); returns the text before it (the page's introduction).
fn data_kinds_region(d: &mut Draft, mut table: DataKinds) -> Vec<Block> {
    d.tally.structural += table.structural();
    let note = chars(&table.note);
    if note > 0 {
        d.tally.pasted += note;
        d.tally.prose.push((
            "purposes (the table's note)".into(),
            note,
            "the text after the table of kinds",
        ));
    }
    let before = std::mem::take(&mut table.before);
    d.data_kinds = Some(table);
    before
}

/// The bracket style most labels use (more than half of them); `None` for the base's 【…】.
fn label_style(src: &SrcPurposes) -> Option<&'static str> {
    let count = |style: &str| src.label_styles.iter().filter(|s| **s == style).count();
    let most = src.label_styles.iter().copied().max_by_key(|s| count(s))?;
    (most != "lenticular" && count(most) * 2 > src.label_styles.len()).then_some(most)
}

/// Section titles, labels, items and notes are structure; a section's own intro is prose,
/// unless it is the base's but for the My Number Act clause (`clause_section`), which is a value.
fn tally_purposes(d: &mut Draft, src: &SrcPurposes, clause_section: Option<&str>) {
    let n = |t: &str| norm(t).chars().count();
    let mut structural: usize = src.column_labels.iter().map(|(_, l)| n(l)).sum();
    let mut intros = 0;
    for section in &src.sections {
        structural += n(&section.title);
        let intro = section.intro.as_deref().map_or(0, n);
        if section.base_id.is_some() && section.base_id.as_deref() == clause_section {
            structural += intro;
        } else {
            intros += intro;
        }
        for group in &section.groups {
            structural += group.label.as_deref().map_or(0, n);
            for item in &group.items {
                structural += n(&item.text);
                structural += item.more.iter().map(|m| n(m)).sum::<usize>();
                for c in item.note.iter().flat_map(|n| &n.contractors) {
                    structural += n(&c.name) + c.phone.as_deref().map_or(0, n) + 10;
                }
            }
        }
    }
    structural += src.legend.as_deref().map_or(0, n);
    d.tally.structural += structural;
    if intros > 0 {
        d.tally.pasted += intros;
        d.tally.prose.push((
            "purposes (section intros)".into(),
            intros,
            "a section's introduction is prose",
        ));
    }
}

/// Takes dates, windows, the representative and the website out of prose blocks; returns the
/// rest.
fn take_facts(d: &mut Draft, page: &str, blocks: Vec<Block>) -> Vec<Block> {
    let (found, used) = windows(&blocks);
    for window in found {
        if page == "contact" || !own_numbers(d, &window) {
            d.windows.push(window);
        }
    }
    let mut rest = Vec::new();
    for (block, used) in blocks.into_iter().zip(used) {
        let text = block.text();
        if used {
            d.tally.structural += norm(&text).chars().count();
            continue;
        }
        if d.website.is_none() {
            d.website = website(&text);
        }
        if let Some(fact) = date_fact(&text) {
            d.digits_full |= full_width_digits(&text);
            d.tally.structural += norm(&text).chars().count();
            match fact {
                DateFact::Established(day) => d.established = Some(day),
                DateFact::Effective(day) => d.effective = Some(day),
                DateFact::Published(day) => d.published = Some(day),
                DateFact::Revision(day, note) => d.revisions.push((day, note)),
            }
            continue;
        }
        if take_identity_line(d, &text) {
            d.tally.structural += norm(&text).chars().count();
            continue;
        }
        if let (None, Some(rep)) = (&d.representative, representative(&text)) {
            if norm(&rep) == norm(&text) {
                d.representative = Some(rep);
                d.tally.structural += norm(&text).chars().count();
                continue;
            }
            d.representative = Some(rep);
        }
        rest.push(block);
    }
    rest
}

/// The 個人情報取扱責任者 line, or 各位 / 別紙 at the head: values of `[union]`.
fn take_identity_line(d: &mut Draft, text: &str) -> bool {
    if d.privacy_officer.is_none() {
        d.privacy_officer = privacy_officer(text);
        if d.privacy_officer.is_some() {
            return true;
        }
    }
    if d.letterhead.is_none() && d.pages.is_empty() {
        d.letterhead = letterhead(text);
        return d.letterhead.is_some();
    }
    false
}

/// Numbers outside the contact page with no department but the union itself, and no hours,
/// are the union's own (「TEL 03-… FAX 03-…」 under its name and address), not a window for
/// complaints: they become `[union] phone`/`fax` (and its address, when it has none yet).
fn own_numbers(d: &mut Draft, w: &Window) -> bool {
    let own = w
        .department
        .as_deref()
        .is_none_or(|dep| norm(dep) == norm(&d.name));
    if !own || w.hours.is_some() || (w.phone.is_none() && w.fax.is_none()) {
        return false;
    }
    d.phone = d.phone.take().or(w.phone.clone());
    d.fax = d.fax.take().or(w.fax.clone());
    if d.address.is_none() && w.address.is_some() {
        d.postal_code = w.postal_code.clone();
        d.address = w.address.clone();
    }
    true
}

/// A page's remaining prose: nothing to write when the base page already says it (the union
/// keeps the base's words), else carried verbatim: the purposes' introduction before the
/// sections, a whole page's text otherwise.
fn place_prose(d: &mut Draft, page: &mut PageDraft, prose: Vec<Block>, base: &Base) {
    if prose.is_empty() {
        return;
    }
    let size = chars(&prose);
    let base_text = base_page_text(page.id, d, base);
    if covered_by(
        &prose.iter().map(Block::text).collect::<String>(),
        &base_text,
    ) >= 0.97
    {
        d.tally.structural += size;
        return;
    }
    d.tally.pasted += size;
    let markdown = to_markdown(&prose);
    let structured_purposes = page.id == "purposes"
        && (d.alignment.is_some() || d.narrative.is_some() || d.data_kinds.is_some());
    // The top page keeps what it generates (the union's identity under the text).
    let keeps_generated = structured_purposes || matches!(page.id, "contact" | "index");
    let why = page.why.unwrap_or(if keeps_generated {
        "the page's own introduction: kept before what the page generates"
    } else {
        "the page's own text, which the base page does not say"
    });
    page.why = Some(why);
    d.tally.prose.push((page.id.to_string(), size, why));
    if keeps_generated {
        page.intro = Some(markdown);
    } else {
        page.body = Some(markdown);
    }
}

/// The text a base page shows, its placeholders filled as far as the draft knows them.
fn base_page_text(id: &str, d: &Draft, base: &Base) -> String {
    let Some(page) = base.pages.iter().find(|p| p.id == id) else {
        return String::new();
    };
    let self_name = d
        .self_name
        .clone()
        .unwrap_or_else(|| base.meta.self_name.clone());
    page.body
        .replace("{{ union.self_name }}", &self_name)
        .replace("{{ union.name }}", &d.name)
        .replace("{{ base.mynumber_clause }}", &base.meta.mynumber_clause)
        .replace("{{ wording.fee }}", &base.meta.fee)
}
