//! What `import` did, for the person who reviews it: the share of the page expressed as
//! structure, the items matched / reworded / moved / added / removed, the values found, what
//! was carried as prose and why, and what the law asks for that the page does not give.

use std::fmt::Write as _;
use std::path::PathBuf;

use super::ImportOptions;
use super::align::Counts;
use super::draft::Draft;
use super::write::MISSING;
use crate::diagnostic::Lang;

/// One input file as read.
#[derive(Debug, Clone)]
pub struct SourceInfo {
    pub path: PathBuf,
    pub encoding: &'static str,
    pub html: bool,
    /// Characters of site chrome (navigation, header, footer, scripts) left out.
    pub chrome_chars: usize,
}

/// The result of one import.
#[derive(Debug, Clone)]
pub struct Report {
    pub slug: String,
    pub sources: Vec<SourceInfo>,
    /// Characters (normalised) of the page expressed as structure, and carried as prose.
    pub structural: usize,
    pub pasted: usize,
    pub counts: Counts,
    /// Base item ids the page's items kept.
    pub matched_ids: Vec<String>,
    /// Values taken from the page: `union.representative`, `contacts[0].phone`, `dates.effective`…
    pub extracted: Vec<String>,
    /// `(page, characters, why)` for each text carried as prose.
    pub prose: Vec<(String, usize, &'static str)>,
    /// Art. 32 rules acknowledged as missing from the page.
    pub missing: Vec<&'static str>,
    /// How the page numbers its sections, when the site cannot count in that style.
    pub section_numbers: Option<String>,
    /// A narrative page's chapters and their items, written as sections of the union's own.
    pub chapters: Option<(usize, usize)>,
    /// `(file, what it became)` when several files were imported.
    pub files: Vec<(String, String)>,
}

impl Report {
    /// The share of the page's text expressed as structure (0.0–1.0).
    pub fn structural_share(&self) -> f64 {
        let total = self.structural + self.pasted;
        if total == 0 {
            1.0
        } else {
            self.structural as f64 / total as f64
        }
    }

    /// The report as text, in the given language.
    pub fn render(&self, lang: Lang) -> String {
        let ja = lang == Lang::Ja;
        let mut out = String::new();
        let share = self.structural_share() * 100.0;
        let c = &self.counts;
        let _ = if ja {
            writeln!(
                out,
                "unions/{}.toml を作成しました。構造化: {share:.1}%（貼り付けの文章 {} 字 / 全 {} 字）",
                self.slug,
                self.pasted,
                self.structural + self.pasted
            )
        } else {
            writeln!(
                out,
                "created unions/{}.toml: {share:.1}% of the text as structure ({} of {} characters carried as prose)",
                self.slug,
                self.pasted,
                self.structural + self.pasted
            )
        };
        for s in &self.sources {
            let kind = match (s.html, ja) {
                (true, _) => "HTML",
                (false, false) => "text",
                (false, true) => "テキスト",
            };
            let _ = writeln!(
                out,
                "  {} ({kind}, {}){}",
                s.path.display(),
                s.encoding,
                if s.chrome_chars > 0 {
                    if ja {
                        format!("、サイトの枠（メニュー等）{} 字は除外", s.chrome_chars)
                    } else {
                        format!(
                            ", {} characters of site chrome (menus, header, footer) left out",
                            s.chrome_chars
                        )
                    }
                } else {
                    String::new()
                }
            );
        }
        // A narrative keeps none of the base's ids: its own line below says what it became.
        let _ = if self.chapters.is_some() {
            Ok(())
        } else if ja {
            writeln!(
                out,
                "利用目的の項目: 一致 {}（うち文言変更 {}）、移動 {}、順序の違い {}、追加 {}、削除 {}",
                c.matched, c.reworded, c.moved, c.reordered, c.added, c.removed
            )
        } else {
            writeln!(
                out,
                "items: {} matched ({} reworded), {} moved, {} in another order, {} added, {} removed",
                c.matched, c.reworded, c.moved, c.reordered, c.added, c.removed
            )
        };
        if c.explained > 0 {
            let _ = if ja {
                writeln!(
                    out,
                    "説明の箇条書きがある項目 {}（項目の文を Markdown に）",
                    c.explained
                )
            } else {
                writeln!(
                    out,
                    "items with bullets explaining them: {} (their text written as Markdown)",
                    c.explained
                )
            };
        }
        if let Some(numbers) = &self.section_numbers {
            let _ = if ja {
                writeln!(
                    out,
                    "節の番号「{numbers}」は数えられない書式のため「1.」で表示されます"
                )
            } else {
                writeln!(
                    out,
                    "sections are numbered 「{numbers}」 on the page, a style the site cannot count in: it shows 「1.」"
                )
            };
        }
        if let Some((chapters, items)) = self.chapters {
            let _ = if ja {
                writeln!(
                    out,
                    "章立ての公表: {chapters} 章を組合独自のセクション（項目 {items}）として書きました（基本のセクションは使いません）"
                )
            } else {
                writeln!(
                    out,
                    "a narrative by chapters: {chapters} chapters written as sections of the union's own ({items} items; the base's sections are off)"
                )
            };
        }
        if !self.extracted.is_empty() {
            let _ = writeln!(
                out,
                "{}{}",
                if ja {
                    "取り込んだ値: "
                } else {
                    "values taken from the page: "
                },
                self.extracted.join(", ")
            );
        }
        for (file, what) in &self.files {
            let _ = if ja {
                writeln!(out, "ファイル {file} → {what}")
            } else {
                writeln!(out, "file {file} → {what}")
            };
        }
        for (page, size, why) in &self.prose {
            let _ = if ja {
                writeln!(out, "文章のまま（{page}、{size} 字）: {why}")
            } else {
                writeln!(out, "carried as prose ({page}, {size} characters): {why}")
            };
        }
        if !self.missing.is_empty() {
            let _ = if ja {
                writeln!(
                    out,
                    "ページにない法定の公表事項（「{MISSING}」として確認待ち）: {}",
                    self.missing.join(", ")
                )
            } else {
                writeln!(
                    out,
                    "items the law asks for that the page lacks (acknowledged as 「{MISSING}」): {}",
                    self.missing.join(", ")
                )
            };
        }
        out
    }
}

/// Puts the report together.
pub fn report(
    options: &ImportOptions,
    d: &Draft,
    sources: Vec<SourceInfo>,
    missing: Vec<&'static str>,
) -> Report {
    let (counts, matched_ids) = d
        .alignment
        .as_ref()
        .map(|a| (a.counts.clone(), a.matched_ids.clone()))
        .unwrap_or_default();
    // New items near a removed base item are that item pasted anew: they count as prose.
    let near = d.alignment.as_ref().map_or(0, |a| a.near_removed_chars);
    Report {
        slug: options.slug.clone(),
        sources,
        structural: d.tally.structural.saturating_sub(near),
        pasted: d.tally.pasted + near,
        counts,
        matched_ids,
        extracted: extracted(d),
        prose: d.tally.prose.clone(),
        missing,
        section_numbers: d
            .section_numbers
            .clone()
            .filter(|n| !super::write::countable(n)),
        chapters: d.narrative.as_ref().map(|n| {
            let items = n.chapters.iter().map(|c| c.items.len()).sum();
            (n.chapters.len(), items)
        }),
        files: d.files_became.clone(),
    }
}

/// The names of the values found on the page.
fn extracted(d: &Draft) -> Vec<String> {
    let mut out = Vec::new();
    let mut add = |key: &str, present: bool| {
        if present {
            out.push(key.to_string());
        }
    };
    add("union.self_name", d.self_name.is_some());
    add("union.representative", d.representative.is_some());
    add("union.postal_code", d.postal_code.is_some());
    add("union.address", d.address.is_some());
    add("union.website", d.website.is_some());
    add("union.privacy_officer", d.privacy_officer.is_some());
    add("union.phone", d.phone.is_some());
    add("union.fax", d.fax.is_some());
    add("union.letterhead", d.letterhead.is_some());
    for (i, w) in d.windows.iter().enumerate() {
        for (key, present) in [
            ("department", w.department.is_some()),
            ("postal_code", w.postal_code.is_some()),
            ("address", w.address.is_some()),
            ("phone", w.phone.is_some()),
            ("fax", w.fax.is_some()),
            ("email", w.email.is_some()),
            ("hours", w.hours.is_some()),
            ("closed", w.closed.is_some()),
        ] {
            add(&format!("contacts[{i}].{key}"), present);
        }
    }
    add("dates.established", d.established.is_some());
    add("dates.effective", d.effective.is_some());
    add("dates.published", d.published.is_some());
    add(
        &format!("dates.revisions[{}]", d.revisions.len()),
        !d.revisions.is_empty(),
    );
    add(
        &format!("contractors[{}]", d.contractors.entries.len()),
        !d.contractors.entries.is_empty(),
    );
    add("wording.consent_legend", d.consent_legend.is_some());
    add(
        "wording.mynumber_clause",
        d.alignment
            .as_ref()
            .is_some_and(|a| a.mynumber_clause.is_some()),
    );
    add("presentation.layout", d.table);
    add("presentation.label_style", d.label_style.is_some());
    add("presentation.item_numbers", d.item_numbers.is_some());
    add("presentation.digits", d.digits_full);
    add(
        "presentation.section_numbers",
        d.section_numbers
            .as_deref()
            .is_some_and(super::write::countable),
    );
    out
}
