//! Real-world HTML the importer must read as a person does: nested layout tables, items in one
//! paragraph separated by `<br>`, items as `<p>` lines starting with ・, `&nbsp;` and full-width
//! spaces, headings and labels as `<strong>`/`<b>` lines.

use crate::support::*;

const OSAKA: &str = "大阪サンプル健康保険組合";

/// Seed 001 as such a page: `br` joins a group's items in one paragraph with `<br>`, else each
/// is a `<p>` of its own.
fn old_site(text: &str, br: bool) -> String {
    let mut body: Vec<String> = Vec::new();
    let mut items: Vec<String> = Vec::new();
    let flush = |items: &mut Vec<String>, body: &mut Vec<String>| {
        if items.is_empty() {
        } else if br {
            body.push(format!("<p>{}</p>", items.join("<br>\n")));
        } else {
            body.extend(items.iter().map(|i| format!("<p>{i}</p>")));
        }
        items.clear();
    };
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let e = line.replace('&', "&amp;").replace('<', "&lt;");
        let heading = e.starts_with(char::is_numeric) || e.starts_with('【');
        if let Some(item) = e.strip_prefix("- ・") {
            items.push(format!(
                "・&nbsp;{}",
                item.trim().replacen('、', "、\u{3000}", 1)
            ));
        } else if !items.is_empty() && !heading {
            if let Some(last) = items.last_mut() {
                last.push_str(&e);
            }
        } else {
            flush(&mut items, &mut body);
            body.push(if e.starts_with(char::is_numeric) {
                format!("<p><strong>{e}</strong></p>")
            } else if heading {
                format!("<p><b>{e}</b></p>")
            } else {
                format!("<p>{e}</p>")
            });
        }
    }
    flush(&mut items, &mut body);
    format!(
        "<html><body><table width=\"100%\"><tr><td><table><tr><td class=\"main\">\n{}\n\
         </td></tr></table></td></tr></table></body></html>",
        body.join("\n")
    )
}

#[test]
fn br_separated_items_in_nested_layout_tables() {
    let Some(text) = seed("001") else { return };
    let html = old_site(&text, true);
    let (site, report) = imported("p.html", html.as_bytes(), Some(OSAKA));
    assert!(report.contains("39 matched"), "{report}");
    assert!(structural_share(&report) >= 0.99, "{report}");
    assert!(fidelity(&text, &site.site_dir()) >= 0.99);
}

#[test]
fn items_as_paragraphs_starting_with_a_bullet() {
    let Some(text) = seed("001") else { return };
    let html = old_site(&text, false);
    let (site, report) = imported("p.html", html.as_bytes(), Some(OSAKA));
    assert!(report.contains("39 matched"), "{report}");
    assert!(fidelity(&text, &site.site_dir()) >= 0.99, "{report}");
}
