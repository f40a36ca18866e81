//! The identity block of the top page (名称・所在地・代表者…): its rows, each left out when the
//! page's own text already shows its value, so a union that wrote its identity in its own words
//! does not get it twice.

use serde::Serialize;

use crate::model::Identity;

/// One row of the identity block.
#[derive(Serialize)]
pub struct IdentityRow {
    /// The term, e.g. 「代表者」.
    pub term: &'static str,
    pub value: String,
    /// True when the value is a web address, shown as a link.
    pub url: bool,
}

/// The rows to show beneath `text` (the top page's Markdown, placeholders filled), in order.
pub fn identity_rows(id: &Identity, text: &str) -> Vec<IdentityRow> {
    let text = squeeze(text);
    // A row is left out only when every part of its value is already in the text.
    let shown = |parts: &[&Option<String>]| {
        parts
            .iter()
            .all(|p| p.as_deref().is_none_or(|v| text.contains(&squeeze(v))))
    };
    let mut rows = Vec::new();
    let mut row = |term, parts: &[&Option<String>], value: Option<String>, url| {
        if let Some(value) = value.filter(|_| !shown(parts)) {
            rows.push(IdentityRow { term, value, url });
        }
    };
    let name = Some(id.name.clone());
    row("名称", &[&name], name.clone(), false);
    let place = [&id.postal_code, &id.address];
    row("所在地", &place, postal_line(id), false);
    row(
        "代表者",
        &[&id.representative],
        id.representative.clone(),
        false,
    );
    row(
        "個人情報取扱責任者",
        &[&id.privacy_officer],
        id.privacy_officer.clone(),
        false,
    );
    row("電話", &[&id.phone], id.phone.clone(), false);
    row("FAX", &[&id.fax], id.fax.clone(), false);
    row("ホームページ", &[&id.website], id.website.clone(), true);
    rows
}

/// 「〒100-0001 東京都…」, as the block has always written it.
fn postal_line(id: &Identity) -> Option<String> {
    match (&id.postal_code, &id.address) {
        (Some(code), Some(address)) => Some(format!("〒{code} {address}")),
        (Some(code), None) => Some(format!("〒{code}")),
        (None, Some(address)) => Some(address.clone()),
        (None, None) => None,
    }
}

/// Without whitespace: a value broken over two lines of Markdown is still the value.
fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn identity() -> Identity {
        Identity {
            name: "見本健康保険組合".into(),
            representative: Some("理事長 見本 太郎".into()),
            postal_code: Some("100-0001".into()),
            address: Some("東京都千代田区千代田1-1".into()),
            privacy_officer: Some("総務部長 山田 一郎".into()),
            phone: Some("03-1234-5678".into()),
            ..Identity::default()
        }
    }

    fn terms(rows: &[IdentityRow]) -> Vec<&str> {
        rows.iter().map(|r| r.term).collect()
    }

    #[test]
    fn every_given_value_gets_a_row_in_order() {
        let rows = identity_rows(&identity(), "当組合の取り組みです。");
        assert_eq!(
            terms(&rows),
            ["名称", "所在地", "代表者", "個人情報取扱責任者", "電話"]
        );
        assert_eq!(rows[1].value, "〒100-0001 東京都千代田区千代田1-1");
    }

    #[test]
    fn a_value_the_text_already_shows_is_left_out() {
        let text = "個人情報取扱責任者：総務部長\n山田 一郎\n理事長 見本 太郎";
        let rows = identity_rows(&identity(), text);
        assert_eq!(terms(&rows), ["名称", "所在地", "電話"]);
    }

    #[test]
    fn the_address_row_stays_while_part_of_it_is_missing() {
        let rows = identity_rows(&identity(), "東京都千代田区千代田1-1");
        assert!(terms(&rows).contains(&"所在地"));
        let rows = identity_rows(&identity(), "〒100-0001 東京都千代田区千代田1-1");
        assert!(!terms(&rows).contains(&"所在地"));
    }
}
