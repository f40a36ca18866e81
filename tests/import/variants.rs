//! Variants of the seeds the importer has never seen as such: the same policy reordered,
//! renumbered, with other brackets, in legacy encodings, broken mid-sentence, cut short, or
//! inside a real-world web page. Each keeps the base's ids and reproduces its own text.

use encoding_rs::{EUC_JP, SHIFT_JIS};

use crate::support::*;

const OSAKA: &str = "大阪サンプル健康保険組合";

/// The base ids seed 004 shows (every one but the 公金受取口座 item).
fn ids_of_004(site: &Site) -> Vec<String> {
    let mut ids = site.item_ids();
    ids.sort();
    ids
}

#[test]
fn items_reordered_keep_their_ids() {
    let Some(text) = seed("001") else { return };
    let reordered = reverse_bullet_runs(&text);
    assert_ne!(reordered, text);
    let (site, report) = imported("p.txt", reordered.as_bytes(), Some(OSAKA));
    assert!(fidelity(&reordered, &site.site_dir()) >= 0.99);
    assert!(report.contains("39 matched"), "{report}");
    assert!(
        !report.contains(" 0 in another order"),
        "the order is reported: {report}"
    );
    // The items keep their ids and stand in the page's order (`after`/`before` on [[item]]):
    // each group lists the base's order reversed.
    let (plain, _) = imported("p.txt", text.as_bytes(), Some(OSAKA));
    let in_group = |ids: Vec<String>, group: &str| -> Vec<String> {
        ids.into_iter()
            .filter(|id| id.starts_with(group) && !id.contains(".added-"))
            .collect()
    };
    for group in ["benefits.internal.", "health.internal."] {
        let mut expected = in_group(plain.item_ids(), group);
        expected.reverse();
        assert_eq!(in_group(site.item_ids(), group), expected, "{group}");
    }
    assert!(
        site.override_text()
            .contains("\nafter = \"benefits.internal.")
    );
}

#[test]
fn an_item_shown_in_another_group_moves_there() {
    let Some(text) = seed("001") else { return };
    let line = "- ・ 高額療養費、出産、葬祭関連給付等、他機関の給付事務にかかる組合における保険給付関連情報";
    assert!(text.contains(line), "seed 001 has the line");
    let moved = text.replacen(&format!("{line}\n"), "", 1).replacen(
        "【組合の事務処理執行の為、他機関より情報を受ける場合】\n",
        &format!("【組合の事務処理執行の為、他機関より情報を受ける場合】\n{line}\n"),
        1,
    );
    let (site, report) = imported("p.txt", moved.as_bytes(), Some(OSAKA));
    assert!(report.contains("1 moved"), "{report}");
    let toml = site.override_text();
    assert!(toml.contains("\nto = \"mynumber.receive\""), "{toml}");
    assert!(
        !toml.contains("remove = true\n\n[[new_item]]"),
        "no removal and addition"
    );
    assert!(fidelity(&moved, &site.site_dir()) >= 0.99);
}

#[test]
fn renumbered_with_angle_labels() {
    let Some(text) = seed("001") else { return };
    let variant = renumber(&text).replace('【', "＜").replace('】', "＞");
    let (site, report) = imported("p.txt", variant.as_bytes(), Some(OSAKA));
    // The page's numbers are `section_numbers`: the site numbers its sections as the page does.
    assert!(fidelity(&variant, &site.site_dir()) >= 0.99);
    assert!(
        site.override_text()
            .contains("section_numbers = \"（１）\""),
        "{}",
        site.override_text()
    );
    assert!(report.contains("presentation.section_numbers"), "{report}");
    assert!(report.contains("39 matched"), "{report}");
    assert!(site.override_text().contains("label_style = \"angle\""));
}

#[test]
fn legacy_encodings_read_as_utf8() {
    let Some(text) = seed("004") else { return };
    let (utf8, _) = imported("p.txt", text.as_bytes(), None);
    for encoding in [SHIFT_JIS, EUC_JP] {
        let (bytes, _, unmappable) = encoding.encode(&text);
        assert!(!unmappable, "seed 004 fits {}", encoding.name());
        let (site, report) = imported("p.txt", &bytes, None);
        assert!(report.contains(encoding.name()), "{report}");
        assert_eq!(ids_of_004(&site), ids_of_004(&utf8));
        assert!(fidelity(&text, &site.site_dir()) >= 0.99);
    }
}

#[test]
fn lines_broken_mid_sentence_are_joined() {
    let Some(text) = seed("001") else { return };
    let wrapped = wrap(&text, 24);
    let (site, report) = imported("p.txt", wrapped.as_bytes(), Some(OSAKA));
    assert!(fidelity(&text, &site.site_dir()) >= 0.99);
    let matched = report
        .split(" matched")
        .next()
        .and_then(|r| r.rsplit(' ').next())
        .and_then(|n| n.parse::<usize>().ok());
    assert!(matched.is_some_and(|n| n >= 36), "{report}");
}

#[test]
fn truncated_page_removes_what_it_lacks() {
    let Some(text) = seed("004") else { return };
    let cut = text.find("５．健康保険組合の運営").expect("section 5");
    let truncated = &text[..cut];
    let (site, _) = imported("p.txt", truncated.as_bytes(), None);
    assert!(fidelity(truncated, &site.site_dir()) >= 0.99);
    let toml = site.override_text();
    for section in ["stability", "other", "mynumber", "online"] {
        assert!(
            toml.contains(&format!("id = \"{section}\"\nremove = true")),
            "{section}"
        );
    }
    assert!(
        site.item_ids()
            .contains(&"claims.review.transfer".to_string())
    );
}

#[test]
fn a_real_world_page_in_shift_jis() {
    let Some(text) = seed("001") else { return };
    let html = as_web_page(&text);
    let (bytes, _, unmappable) = SHIFT_JIS.encode(&html);
    assert!(!unmappable);
    let (site, report) = imported("policy.html", &bytes, Some(OSAKA));
    let toml = site.override_text();
    assert!(fidelity(&text, &site.site_dir()) >= 0.99, "{report}{toml}");
    assert!(report.contains("site chrome"), "{report}");
    assert!(
        !site.override_text().contains("サイトマップ"),
        "the menu is not the policy"
    );
    assert!(report.contains("39 matched"), "{report}");
}

/// Reverses each run of adjacent list items (an item and its continuation lines move together).
fn reverse_bullet_runs(text: &str) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut run: Vec<Vec<&str>> = Vec::new();
    let flush = |run: &mut Vec<Vec<&str>>, out: &mut Vec<String>| {
        out.extend(run.drain(..).rev().flatten().map(str::to_string));
    };
    for line in text.lines() {
        if line.starts_with("- ") {
            run.push(vec![line]);
        } else if !line.trim().is_empty()
            && !run.is_empty()
            && !line.starts_with('【')
            && !line.starts_with(char::is_numeric)
        {
            run.last_mut().expect("a run").push(line);
        } else {
            flush(&mut run, &mut out);
            out.push(line.to_string());
        }
    }
    flush(&mut run, &mut out);
    out.join("\n")
}

/// 「1. 見出し」 → 「（１）見出し」.
fn renumber(text: &str) -> String {
    let full = |d: char| char::from_u32(d as u32 - '0' as u32 + '０' as u32).unwrap_or(d);
    text.lines()
        .map(|line| match line.split_once(". ") {
            Some((n, rest)) if n.len() == 1 && n.chars().all(|c| c.is_ascii_digit()) => {
                format!("（{}）{rest}", n.chars().map(full).collect::<String>())
            }
            _ => line.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Breaks every line longer than `width` characters, as a PDF's text does.
fn wrap(text: &str, width: usize) -> String {
    let mut out = Vec::new();
    for line in text.lines() {
        let chars: Vec<char> = line.chars().collect();
        for piece in chars.chunks(width) {
            out.push(piece.iter().collect::<String>());
        }
        if chars.is_empty() {
            out.push(String::new());
        }
    }
    out.join("\n")
}

/// The seed as an old union site would serve it: Shift_JIS declared in a meta, a layout table,
/// a header, a menu, a footer and a script around the policy; headings, labels as paragraphs,
/// items as list items.
fn as_web_page(text: &str) -> String {
    let mut body = String::new();
    let mut open_list = false;
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let escaped = line.replace('&', "&amp;").replace('<', "&lt;");
        let item = line.starts_with("- ");
        if open_list && !item && !line.starts_with(['(', '（', 'T']) {
            body.push_str("</ul>\n");
            open_list = false;
        }
        if let Some(rest) = escaped.strip_prefix("- ") {
            if !open_list {
                body.push_str("<ul>\n");
                open_list = true;
            }
            body.push_str(&format!("<li>{rest}\n"));
        } else if open_list {
            body.push_str(&format!("{escaped}\n"));
        } else if line.starts_with(char::is_numeric) {
            body.push_str(&format!("<h3>{escaped}</h3>\n"));
        } else {
            body.push_str(&format!("<p>{escaped}</p>\n"));
        }
    }
    if open_list {
        body.push_str("</ul>\n");
    }
    format!(
        "<!DOCTYPE html PUBLIC \"-//W3C//DTD HTML 4.01 Transitional//EN\">\n<html><head>\
         <meta http-equiv=\"Content-Type\" content=\"text/html; charset=Shift_JIS\">\
         <title>個人情報保護</title><script>var x = '<p>個人情報</p>';</script></head><body>\
         <div id=\"header\"><header><h1>健康保険組合</h1></header></div>\
         <nav><ul><li><a href=\"/\">ホーム</a></li><li>サイトマップ</li></ul></nav>\
         <table width=\"800\"><tr><td>\n{body}</td></tr></table>\
         <footer><p>Copyright &copy; 健康保険組合</p></footer></body></html>\n"
    )
}
