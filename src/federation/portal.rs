//! The portal (`index.html` at the output root): every union, grouped the way Japanese readers
//! look for them: by the 50音 row of its reading (`[union] kana`; a name that starts with kana
//! is its own reading; the others are listed under 「読み未登録」 by name) and by the prefecture
//! its address starts with (else 「その他」). The theme's `portal.js` adds a search box that
//! filters the page as one types; without it the grouped index works the same.

use std::collections::HashMap;

use anyhow::Context as _;
use serde::Serialize;

use super::record::UnionRecord;
use crate::load::Config;
use crate::open_data::UnionEntryDoc;
use crate::render::context::{PortalContext, to_tera};
use crate::render::{OutputFile, PortalEntry, Theme};
use crate::text::kana;
use crate::text::url::union_url;

/// Up to this many unions, the portal's groups are shown open; above, each group opens with a
/// tap (or from the index), so a phone does not scroll through every union.
const OPEN_UP_TO: usize = 60;

/// One group of the portal: a 50音 row, 「読み未登録」, a prefecture or 「その他」.
#[derive(Debug, Serialize)]
pub struct PortalGroup {
    /// The group's anchor: `kana-ka`, `kana-none`, `pref-13`, `pref-other`.
    pub id: String,
    /// Its heading: 「か行」, 「読み未登録」, 「東京都」, 「その他」.
    pub label: String,
    /// Its label in the jump index: 「か」, 「読み未登録」, 「東京都」.
    pub short: String,
    pub unions: Vec<PortalUnion>,
}

/// A union as the portal lists it.
#[derive(Debug, Clone, Serialize)]
pub struct PortalUnion {
    pub slug: String,
    pub name: String,
    pub href: String,
    /// Its reading as the union writes it (none when not given).
    pub kana: Option<String>,
    pub prefecture: Option<String>,
    /// What the search matches besides the visible text: the reading in hiragana and the slug.
    pub search: String,
}

impl PortalUnion {
    /// The reading the 50音 order uses: `kana`, else the name when it starts with kana.
    fn reading(&self) -> Option<&str> {
        self.kana
            .as_deref()
            .filter(|k| kana::row(k).is_some())
            .or_else(|| kana::row(&self.name).map(|_| self.name.as_str()))
    }

    /// The order within a group: by reading (50音), then those without one by name.
    fn order(&self) -> (bool, (String, String), String, String) {
        let reading = self.reading();
        (
            reading.is_none(),
            reading.map(kana::sort_key).unwrap_or_default(),
            self.name.clone(),
            self.slug.clone(),
        )
    }
}

/// The portal's two groupings: by 50音 row (then 「読み未登録」) and by prefecture (then
/// 「その他」), each without empty groups.
pub fn groups(unions: &[PortalUnion]) -> (Vec<PortalGroup>, Vec<PortalGroup>) {
    let mut sorted: Vec<&PortalUnion> = unions.iter().collect();
    sorted.sort_by_cached_key(|u| u.order());
    let mut rows: Vec<Vec<PortalUnion>> = vec![Vec::new(); kana::ROWS.len() + 1];
    let mut prefectures: Vec<Vec<PortalUnion>> = vec![Vec::new(); kana::PREFECTURES.len() + 1];
    for union in sorted {
        let row = union
            .reading()
            .and_then(kana::row)
            .unwrap_or(kana::ROWS.len());
        rows[row].push(union.clone());
        let prefecture = union
            .prefecture
            .as_deref()
            .and_then(|p| kana::PREFECTURES.iter().position(|q| *q == p))
            .unwrap_or(kana::PREFECTURES.len());
        prefectures[prefecture].push(union.clone());
    }
    let by_kana = rows
        .into_iter()
        .enumerate()
        .filter(|(_, unions)| !unions.is_empty())
        .map(|(i, unions)| match kana::ROWS.get(i) {
            Some((row, id)) => PortalGroup {
                id: format!("kana-{id}"),
                label: format!("{row}行"),
                short: row.to_string(),
                unions,
            },
            None => PortalGroup {
                id: "kana-none".to_string(),
                label: "読み未登録".to_string(),
                short: "読み未登録".to_string(),
                unions,
            },
        })
        .collect();
    let by_prefecture = prefectures
        .into_iter()
        .enumerate()
        .filter(|(_, unions)| !unions.is_empty())
        .map(|(i, unions)| {
            let (id, name) = match kana::PREFECTURES.get(i) {
                Some(name) => (format!("pref-{:02}", i + 1), *name),
                None => ("pref-other".to_string(), "その他"),
            };
            PortalGroup {
                id,
                label: name.to_string(),
                short: name.to_string(),
                unions,
            }
        })
        .collect();
    (by_kana, by_prefecture)
}

/// The listed unions with what their records say of their reading and prefecture.
fn portal_unions(entries: &[PortalEntry], records: &[UnionRecord]) -> Vec<PortalUnion> {
    let by_slug: HashMap<&str, &UnionRecord> =
        records.iter().map(|r| (r.slug.as_str(), r)).collect();
    entries
        .iter()
        .map(|e| {
            let doc: Option<UnionEntryDoc> = by_slug
                .get(e.slug.as_str())
                .and_then(|r| serde_json::from_str(&r.entry).ok());
            let (kana, prefecture, published_url) = doc
                .map(|d| (d.kana, d.prefecture, d.published_url))
                .unwrap_or_default();
            let search = format!(
                "{} {}",
                kana.as_deref().map(kana::hiragana).unwrap_or_default(),
                e.slug
            );
            PortalUnion {
                slug: e.slug.clone(),
                name: e.name.clone(),
                // A union publishing on its own domain is linked there: that is its policy.
                href: published_url
                    .map(|url| union_url(None, Some(&url), &e.slug, "index.html"))
                    .unwrap_or_else(|| e.href.clone()),
                kana,
                prefecture,
                search: search.trim().to_string(),
            }
        })
        .collect()
}

/// The portal's files: `index.html`, the stylesheet and the theme's portal script.
pub fn render(
    entries: &[PortalEntry],
    records: &[UnionRecord],
    theme: &Theme,
    config: &Config,
) -> anyhow::Result<Vec<OutputFile>> {
    let unions = portal_unions(entries, records);
    let (by_kana, by_prefecture) = groups(&unions);
    let ctx = to_tera(&PortalContext {
        site: config,
        css: &theme.css_path,
        script: theme.portal_script.as_ref().map(|s| s.path.as_str()),
        unions: entries,
        count: unions.len(),
        open: unions.len() <= OPEN_UP_TO,
        unregistered: by_kana.iter().any(|g| g.id == "kana-none"),
        by_kana: &by_kana,
        by_prefecture: &by_prefecture,
    })?;
    let bytes = theme
        .render("portal.html", &ctx, config.minify)
        .context("rendering the portal")?;
    let mut files = vec![
        OutputFile {
            path: "index.html".to_string(),
            bytes,
        },
        OutputFile {
            path: theme.css_path.clone(),
            bytes: theme.css.clone().into_bytes(),
        },
    ];
    if let Some(script) = &theme.portal_script {
        files.push(OutputFile {
            path: script.path.clone(),
            bytes: script.bytes.clone(),
        });
    }
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn union(slug: &str, name: &str, kana: Option<&str>, prefecture: Option<&str>) -> PortalUnion {
        PortalUnion {
            slug: slug.into(),
            name: name.into(),
            href: format!("{slug}/index.html"),
            kana: kana.map(Into::into),
            prefecture: prefecture.map(Into::into),
            search: String::new(),
        }
    }

    #[test]
    fn unions_group_by_reading_then_by_name_and_by_prefecture() {
        let unions = [
            union(
                "b",
                "東京機器健康保険組合",
                Some("とうきょうきき"),
                Some("東京都"),
            ),
            union(
                "a",
                "近畿電子健康保険組合",
                Some("キンキデンシ"),
                Some("大阪府"),
            ),
            union("c", "ガス健康保険組合", None, None),
            union("d", "大阪化学健康保険組合", None, Some("大阪府")),
            union("e", "かめ健康保険組合", None, Some("北海道")),
            union("f", "愛知健康保険組合", None, None),
        ];
        let (by_kana, by_prefecture) = groups(&unions);
        fn names(g: &PortalGroup) -> Vec<&str> {
            g.unions.iter().map(|u| u.slug.as_str()).collect()
        }
        let ids: Vec<&str> = by_kana.iter().map(|g| g.id.as_str()).collect();
        assert_eq!(ids, ["kana-ka", "kana-ta", "kana-none"]);
        // か行: ガス (voiced letters fold: かす) before かめ (names in kana), then キンキ.
        assert_eq!(names(&by_kana[0]), ["c", "e", "a"]);
        assert_eq!(by_kana[0].label, "か行");
        // 読み未登録: by name (character codes).
        assert_eq!(names(&by_kana[2]), ["d", "f"]);
        let ids: Vec<&str> = by_prefecture.iter().map(|g| g.id.as_str()).collect();
        assert_eq!(ids, ["pref-01", "pref-13", "pref-27", "pref-other"]);
        // Within a prefecture: readings first, then the names without one.
        assert_eq!(names(&by_prefecture[2]), ["a", "d"]);
    }
}
