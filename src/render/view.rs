//! What templates see: the merged policy shaped for display (labels bracketed, dates in 和暦,
//! contractor notes written out), so templates only lay things out. The purposes of use are
//! shaped in `purposes_view`.

use serde::Serialize;

pub use super::purposes_view::{PurposesView, purposes};
use crate::model::{Contact, Origin, UnionSite};
use crate::text::wareki;

/// A contact window ready to show.
#[derive(Serialize)]
pub struct ContactView {
    pub department: String,
    pub postal_line: Option<String>,
    pub phone: Option<String>,
    /// The phone number as a `tel:` URI needs it: digits and `+` only.
    pub phone_tel: Option<String>,
    pub fax: Option<String>,
    pub email: Option<String>,
    pub hours_line: Option<String>,
}

/// A dated line (施行, 改定, base change) ready to show.
#[derive(Serialize)]
pub struct DatedView {
    pub iso: String,
    pub date: String,
    pub note: String,
}

/// Dates and history ready to show.
#[derive(Serialize)]
pub struct DatesView {
    pub established: Option<String>,
    pub established_iso: Option<String>,
    pub effective: Option<String>,
    pub effective_iso: Option<String>,
    pub published: Option<String>,
    pub published_iso: Option<String>,
    pub revisions: Vec<DatedView>,
    /// The date every page and the print page give as the policy's last update.
    pub updated: UpdatedView,
    pub base_revision: String,
    pub base_date: String,
    /// The base's changelog, each note with the item wordings it changed.
    pub base_changes: Vec<BaseChangeView>,
}

/// The policy's last update as a page shows it: the union's latest date (公表 or its latest
/// revision, else 施行, else 制定), else the date of the base revision it follows, said as such.
#[derive(Serialize)]
pub struct UpdatedView {
    /// What the date is, on a page: 最終更新, 施行日 or 制定日.
    pub label: &'static str,
    /// The same on the print page: 公表, 改定, 施行, 制定 (最終更新 for the base's date).
    pub print_label: &'static str,
    /// True when the date is the base revision's, not the union's: the templates then say
    /// so (「（もとにした標準文例の改定日）」).
    pub from_base: bool,
    pub iso: String,
    /// 和暦, in the union's digits.
    pub date: String,
    /// 西暦, in the union's digits.
    pub seireki: String,
}

/// Builds [`UpdatedView`].
pub fn updated(site: &UnionSite) -> UpdatedView {
    let d = &site.dates;
    let latest_revision = d.revisions.iter().map(|r| r.date).max();
    let own = match (d.published, latest_revision) {
        (Some(p), Some(r)) if r > p => Some(("最終更新", "改定", r)),
        (Some(p), _) => Some(("最終更新", "公表", p)),
        (None, Some(r)) => Some(("最終更新", "改定", r)),
        (None, None) => d
            .effective
            .map(|e| ("施行日", "施行", e))
            .or_else(|| d.established.map(|e| ("制定日", "制定", e))),
    };
    let from_base = own.is_none();
    let (label, print_label, date) = own.unwrap_or(("最終更新", "最終更新", site.base.date));
    let digits = site.presentation.digits;
    UpdatedView {
        label,
        print_label,
        from_base,
        iso: date.to_string(),
        date: wareki::format(date, digits),
        seireki: wareki::apply_digits(&date.format("%Y年%-m月%-d日").to_string(), digits),
    }
}

/// One change of the base (a `[[changelog]]` entry) as a union's history shows it.
#[derive(Serialize)]
pub struct BaseChangeView {
    pub iso: String,
    pub date: String,
    pub note: String,
    /// The items whose wording changed that day, and whether this union's site shows it.
    pub items: Vec<ChangedItemView>,
}

/// One item wording change of the base, seen from one union.
#[derive(Serialize)]
pub struct ChangedItemView {
    pub id: String,
    pub old: String,
    pub new: String,
    /// `applied` (the site shows the new text), `own` (the union's own wording keeps it off
    /// the site) or `absent` (the union removed the item, or shows no items: its purposes page
    /// is its own text).
    pub status: &'static str,
}

/// Builds the contact windows view.
pub fn contacts(site: &UnionSite) -> Vec<ContactView> {
    site.contacts.iter().map(contact).collect()
}

fn contact(c: &Contact) -> ContactView {
    let postal_line = match (&c.postal_code, &c.address) {
        (Some(code), Some(address)) => Some(format!("〒{code} {address}")),
        (None, Some(address)) => Some(address.clone()),
        (Some(code), None) => Some(format!("〒{code}")),
        (None, None) => None,
    };
    let hours_line = match (&c.hours, &c.closed) {
        (Some(hours), Some(closed)) => Some(format!("{hours}（{closed}を除く）")),
        (Some(hours), None) => Some(hours.clone()),
        (None, Some(closed)) => Some(format!("{closed}を除く")),
        (None, None) => None,
    };
    ContactView {
        department: c.department.clone(),
        postal_line,
        phone: c.phone.clone(),
        phone_tel: c.phone.as_deref().map(tel_digits).filter(|t| !t.is_empty()),
        fax: c.fax.clone(),
        email: c.email.clone(),
        hours_line,
    }
}

/// `03-3866-5051（代表）` → `0338665051`: what a `tel:` link can dial.
pub(super) fn tel_digits(phone: &str) -> String {
    let phone = phone.split(['（', '(']).next().unwrap_or(phone);
    phone
        .chars()
        .filter_map(|c| match c {
            '0'..='9' | '+' => Some(c),
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32),
            _ => None,
        })
        .collect()
}

/// Builds the dates view: the union's dates and the base revisions it follows.
pub fn dates(site: &UnionSite) -> DatesView {
    let digits = site.presentation.digits;
    let fmt = |d: chrono::NaiveDate| wareki::format(d, digits);
    let dated = |r: &crate::model::Revision| DatedView {
        iso: r.date.to_string(),
        date: fmt(r.date),
        note: r.note.clone(),
    };
    DatesView {
        established: site.dates.established.map(fmt),
        established_iso: site.dates.established.map(|d| d.to_string()),
        effective: site.dates.effective.map(fmt),
        effective_iso: site.dates.effective.map(|d| d.to_string()),
        published: site.dates.published.map(fmt),
        published_iso: site.dates.published.map(|d| d.to_string()),
        revisions: site.dates.revisions.iter().map(dated).collect(),
        updated: updated(site),
        base_revision: site.base.revision.clone(),
        base_date: fmt(site.base.date),
        base_changes: site
            .base
            .changelog
            .iter()
            .map(|r| BaseChangeView {
                iso: r.date.to_string(),
                date: fmt(r.date),
                note: r.note.clone(),
                items: changed_items(site, r.date),
            })
            .collect(),
    }
}

/// The item changes of the base dated `day`, with what became of each on this union's site.
fn changed_items(site: &UnionSite, day: chrono::NaiveDate) -> Vec<ChangedItemView> {
    let shown = |id: &str| {
        site.policy
            .sections
            .iter()
            .flat_map(|s| &s.groups)
            .flat_map(|g| &g.items)
            .find(|i| i.id == id)
    };
    // A union that replaced the purposes page with its own text shows no item at all.
    let items_shown = site
        .pages
        .iter()
        .any(|p| p.kind == crate::model::PageKind::Purposes && !p.replaced);
    site.base
        .item_changes
        .iter()
        .filter(|c| c.date == day)
        .map(|c| ChangedItemView {
            id: c.id.clone(),
            old: c.old.clone(),
            new: c.new.clone(),
            status: match shown(&c.id) {
                _ if !items_shown => "absent",
                None => "absent",
                Some(item) if item.origin == Origin::Reworded => "own",
                Some(_) => "applied",
            },
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use super::{purposes, tel_digits};
    use crate::load::UnionFile;

    #[test]
    fn angle_label_style_brackets_labels_and_the_table_header() {
        let base = crate::load::load_base(Path::new(env!("CARGO_MANIFEST_DIR"))).expect("base");
        let source = "[union]\nname = \"U健康保険組合\"\n[presentation]\nlabel_style = \"angle\"\n";
        let file =
            UnionFile::parse(&PathBuf::from("unions/u.toml"), source.into()).expect("parses");
        let site = crate::merge::merge(&base, &file).expect("merges");
        let view = purposes(&site);
        assert_eq!(
            view.sections[0].groups[0].label,
            "＜健保組合等の内部での利用に係る事例＞"
        );
        assert_eq!(view.right_header, "＜他の事業者等への情報提供を伴う事例＞");
    }

    #[test]
    fn every_label_style_wraps_a_label_and_leaves_an_empty_one_empty() {
        use crate::model::LabelStyle::*;
        let wrapped: Vec<String> = [
            Lenticular, Angle, Tortoise, Square, Round, Corner, Double, None,
        ]
        .iter()
        .map(|s| s.wrap("内部での利用"))
        .collect();
        assert_eq!(
            wrapped,
            [
                "【内部での利用】",
                "＜内部での利用＞",
                "〔内部での利用〕",
                "［内部での利用］",
                "（内部での利用）",
                "「内部での利用」",
                "《内部での利用》",
                "内部での利用"
            ]
        );
        assert_eq!(Tortoise.wrap(""), "");
        let file = UnionFile::parse(
            &PathBuf::from("unions/u.toml"),
            "[union]\nname = \"U\"\n[presentation]\nlabel_style = \"tortoise\"\n".into(),
        )
        .expect("parses");
        assert_eq!(file.doc.presentation.label_style, Some(Tortoise));
    }

    #[test]
    fn tel_links_keep_only_what_can_be_dialled() {
        assert_eq!(tel_digits("03-3866-5051"), "0338665051");
        assert_eq!(tel_digits("０１２０-１２３-４５６（代表）"), "0120123456");
        assert_eq!(tel_digits("+81 3 1234 5678"), "+81312345678");
    }
}
