//! Field formats a union writes by hand: phone numbers, postal codes, web and mail addresses,
//! and the links in its Markdown (see [`super::links`]).

use crate::diagnostic::Diagnostic;
use crate::load::UnionFile;
use crate::text::url::{quoted, refused_links, scheme_of};

/// Every malformed phone number, postal code, URL or e-mail address in an override, and every
/// link in its Markdown that kumiai does not publish.
pub fn check(file: &UnionFile) -> Vec<Diagnostic> {
    let doc = &file.doc;
    let mut found = Vec::new();
    let mut field = |kind: Kind, key: &str, value: &Option<String>| {
        if let Some(value) = value
            && let Err((en, ja, help, help_ja)) = kind.validate(value)
        {
            found.push(
                locate(file, key, value, en)
                    .rule(kind.rule())
                    .with_suggestion(help)
                    .ja(ja, Some(help_ja)),
            );
        }
    };
    field(Kind::Postal, "postal_code", &doc.union.postal_code);
    field(Kind::Url, "website", &doc.union.website);
    field(Kind::Url, "published_url", &doc.union.published_url);
    field(Kind::Text, "logo_alt", &doc.union.logo_alt);
    // The values `{{ … }}` puts into Markdown must not bring a link of their own.
    field(Kind::Text, "name", &Some(doc.union.name.clone()));
    field(Kind::Text, "self_name", &doc.union.self_name);
    field(Kind::Text, "representative", &doc.union.representative);
    field(Kind::Text, "address", &doc.union.address);
    field(Kind::Text, "privacy_officer", &doc.union.privacy_officer);
    field(Kind::Text, "letterhead", &doc.union.letterhead);
    field(Kind::Kana, "kana", &doc.union.kana);
    field(Kind::Phone, "phone", &doc.union.phone);
    field(Kind::Phone, "fax", &doc.union.fax);
    field(Kind::Text, "fee", &doc.wording.fee);
    for c in &doc.contacts {
        field(Kind::Text, "department", &Some(c.department.clone()));
        field(Kind::Postal, "postal_code", &c.postal_code);
        field(Kind::Phone, "phone", &c.phone);
        field(Kind::Phone, "fax", &c.fax);
        field(Kind::Email, "email", &c.email);
    }
    for c in doc.contractors.values() {
        field(Kind::Phone, "phone", &c.phone);
    }
    found.extend(super::links::check(file));
    found
}

/// Where the value is written: on a line with its key, else as a string anywhere, else at its
/// key (a value written with escapes), else the file as a whole.
pub(crate) fn locate(file: &UnionFile, key: &str, value: &str, message: String) -> Diagnostic {
    let source = &file.source;
    let at = |start: usize, len: usize| Diagnostic::at(&file.path, source, start..start + len, "");
    let mut offset = 0;
    let mut key_at = None;
    for line in source.split_inclusive('\n') {
        if let Some(k) = line.find(key) {
            key_at.get_or_insert((offset + k, key.len()));
            if let Some(v) = line[k..].find(value).filter(|_| !value.is_empty()) {
                return Diagnostic {
                    message,
                    ..at(offset + k + v, value.len())
                };
            }
        }
        offset += line.len();
    }
    let trimmed = value.trim();
    if let Some(v) = source.find(trimmed).filter(|_| !trimmed.is_empty()) {
        return Diagnostic {
            message,
            ..at(v, trimmed.len())
        };
    }
    match key_at {
        Some((k, len)) => Diagnostic {
            message,
            ..at(k, len)
        },
        None => Diagnostic::file(&file.path, message),
    }
}

#[derive(Clone, Copy)]
enum Kind {
    Phone,
    Postal,
    Url,
    Email,
    /// Text a placeholder may put into a page's Markdown.
    Text,
    /// A reading in kana (`[union] kana`).
    Kana,
}

/// What is wrong and what to write instead, in English and Japanese: message, message_ja,
/// suggestion, suggestion_ja.
pub(crate) type Problem = (String, String, String, String);

impl Kind {
    fn rule(self) -> &'static str {
        match self {
            Kind::Phone => "phone",
            Kind::Postal => "postal-code",
            Kind::Url => "url",
            Kind::Email => "email",
            Kind::Text => "link",
            Kind::Kana => "kana",
        }
    }

    fn validate(self, value: &str) -> Result<(), Problem> {
        match self {
            Kind::Phone => phone(value),
            Kind::Postal => postal(value),
            Kind::Url => url(value),
            Kind::Email => email(value),
            Kind::Text => no_link(value),
            Kind::Kana => kana(value),
        }
    }
}

/// Full-width digits and dashes as people type them on Japanese keyboards, made half-width.
fn half_width(value: &str) -> String {
    value
        .trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '－' | 'ー' | '―' | '‐' | '−' | '–' => '-',
            _ => c,
        })
        .collect()
}

/// Japanese phone numbers: 10 or 11 digits starting with 0, in hyphen-separated groups
/// (03-3866-5051, 06-6485-3000, 0120-123-456, 090-1234-5678).
fn phone(value: &str) -> Result<(), Problem> {
    let half = half_width(value);
    let groups: Vec<&str> = half.split('-').collect();
    let digits: String = groups.concat();
    let ok = digits.starts_with('0')
        && (10..=11).contains(&digits.len())
        && digits.chars().all(|c| c.is_ascii_digit())
        && groups.len() == 3
        && groups.iter().all(|g| !g.is_empty());
    if ok && half == value {
        return Ok(());
    }
    let example = "03-3866-5051";
    let help = if ok {
        (
            format!("write `{half}`"),
            format!("`{half}` と半角で書いてください"),
        )
    } else {
        (
            format!(
                "write the number with its area code in three groups, e.g. `{example}` or `0120-123-456`; put notes such as （代表） in another field"
            ),
            format!(
                "市外局番から三つに区切って書いてください（例: `{example}`、`0120-123-456`）。（代表）などの注記は別の項目に書いてください"
            ),
        )
    };
    Err((
        format!("`{value}` is not a Japanese phone number in the form {example}"),
        format!("`{value}` は {example} の形の電話番号ではありません"),
        help.0,
        help.1,
    ))
}

/// A reading: hiragana or katakana only (「ー」, 「・」 and spaces allowed), which the portal
/// orders by 50音.
fn kana(value: &str) -> Result<(), Problem> {
    if crate::text::kana::is_reading(value) {
        return Ok(());
    }
    Err((
        format!("`{value}` is not a reading in kana (hiragana or katakana only)"),
        format!("`{value}` はひらがなかカタカナだけの読みではありません"),
        "write how the name is read, in hiragana or katakana, e.g. `kana = \"きんきでんしさんぎょう\"` (Latin letters and kanji are not used for the 50音 order)".to_string(),
        "組合名の読みをひらがなかカタカナで書いてください（例: `kana = \"きんきでんしさんぎょう\"`）。漢字や英字は50音順に使えません".to_string(),
    ))
}

/// Postal codes: 3 digits, hyphen, 4 digits (111-0052).
fn postal(value: &str) -> Result<(), Problem> {
    let half = half_width(value)
        .trim_start_matches('〒')
        .trim()
        .to_string();
    let digits: String = half.chars().filter(|c| c.is_ascii_digit()).collect();
    let well_formed = half.len() == 8
        && half.as_bytes()[3] == b'-'
        && digits.len() == 7
        && half.chars().filter(|c| *c == '-').count() == 1;
    if well_formed && half == value {
        return Ok(());
    }
    let help = if digits.len() == 7 && half.chars().all(|c| c.is_ascii_digit() || c == '-') {
        let fixed = format!("{}-{}", &digits[..3], &digits[3..]);
        (
            format!("write `{fixed}`"),
            format!("`{fixed}` と書いてください（〒は不要です）"),
        )
    } else {
        (
            "write 3 digits, a hyphen and 4 digits, e.g. `111-0052`".to_string(),
            "3桁・ハイフン・4桁で書いてください（例: `111-0052`）".to_string(),
        )
    };
    Err((
        format!("`{value}` is not a postal code in the form 111-0052"),
        format!("`{value}` は 111-0052 の形の郵便番号ではありません"),
        help.0,
        help.1,
    ))
}

/// Web addresses: absolute http(s) URLs with a host.
pub(crate) fn url(value: &str) -> Result<(), Problem> {
    match url::Url::parse(value.trim()) {
        Ok(u)
            if matches!(u.scheme(), "http" | "https")
                && u.host().is_some()
                && value.trim() == value =>
        {
            Ok(())
        }
        _ => {
            let guess = url_guess(value);
            Err((
                format!(
                    "`{}` is not a web address starting with https://",
                    quoted(value)
                ),
                format!(
                    "`{}` は https:// で始まるウェブのアドレスではありません",
                    quoted(value)
                ),
                format!("write the full address, e.g. `{guess}`"),
                format!("`{guess}` のように完全なアドレスを書いてください"),
            ))
        }
    }
}

/// What a malformed web address probably meant: `https://` and the address when it lacks only
/// that (`www.example.or.jp`), else an example. An address with another scheme (`javascript:`,
/// `ftp:`) never gets `https://` put in front of it.
fn url_guess(value: &str) -> String {
    const EXAMPLE: &str = "https://www.example.or.jp/";
    let trimmed = value.trim().trim_start_matches('/');
    if scheme_of(trimmed).is_some() || trimmed.chars().any(|c| c.is_control()) {
        return EXAMPLE.to_string();
    }
    let guess = format!("https://{trimmed}");
    match url::Url::parse(&guess) {
        Ok(u) if u.host_str().is_some_and(|h| h.contains('.')) => guess,
        _ => EXAMPLE.to_string(),
    }
}

/// Text that `{{ … }}` may put into Markdown: no link kumiai refuses (`[当組合](javascript:…)`),
/// and not itself such an address (`[a]({{union.self_name}})`).
fn no_link(value: &str) -> Result<(), Problem> {
    if !value.contains([':', '&']) {
        return Ok(());
    }
    // A bare address only for the schemes that run script: `ABC:東京` is a name.
    let bare = scheme_of(value)
        .is_some_and(|s| ["javascript", "vbscript", "livescript", "data"].contains(&s.as_str()));
    if !bare && refused_links(value).is_empty() {
        return Ok(());
    }
    Err((
        format!(
            "`{}` holds a link kumiai does not publish (only http, https, mailto, tel and relative addresses), and `{{{{ … }}}}` would put it into pages",
            quoted(value)
        ),
        format!(
            "`{}` には公開できないリンク先が含まれています（使えるのは http・https・mailto・tel と相対アドレスだけです）。`{{{{ … }}}}` でページに入ります",
            quoted(value)
        ),
        "write the text only; put a web address in `website`".to_string(),
        "文字だけを書いてください。ウェブのアドレスは `website` に書いてください".to_string(),
    ))
}

/// E-mail addresses: something@domain.tld, nothing more clever.
fn email(value: &str) -> Result<(), Problem> {
    let ok = match value.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && value.is_ascii()
                && !value.contains(char::is_whitespace)
        }
        None => false,
    };
    if ok {
        return Ok(());
    }
    Err((
        format!("`{value}` is not an e-mail address"),
        format!("`{value}` はメールアドレスの形ではありません"),
        "write it as name@example.or.jp, in half-width characters".to_string(),
        "name@example.or.jp のように半角で書いてください".to_string(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones() {
        for good in [
            "03-3866-5051",
            "06-6485-3000",
            "0120-123-456",
            "090-1234-5678",
            "0570-000-111",
        ] {
            assert!(phone(good).is_ok(), "{good}");
        }
        for bad in [
            "03-3866-505",
            "3866-5051",
            "03 3866 5051",
            "03-3866-5051（代表）",
            "0338665051",
            "TEL 03-3866-5051",
        ] {
            assert!(phone(bad).is_err(), "{bad}");
        }
        let (_, _, help, _) = phone("０３－３８６６－５０５１").unwrap_err();
        assert!(help.contains("`03-3866-5051`"), "{help}");
    }

    #[test]
    fn postal_codes() {
        assert!(postal("111-0052").is_ok());
        let (_, _, help, _) = postal("1110052").unwrap_err();
        assert!(help.contains("`111-0052`"));
        let (_, _, help, _) = postal("〒１１１－００５２").unwrap_err();
        assert!(help.contains("`111-0052`"));
        assert!(postal("111-005").is_err());
    }

    #[test]
    fn urls_and_emails() {
        assert!(url("https://www.kiki-kenpo.or.jp/").is_ok());
        let (_, _, help, _) = url("www.kiki-kenpo.or.jp").unwrap_err();
        assert!(help.contains("https://www.kiki-kenpo.or.jp"));
        assert!(url("ftp://x.jp").is_err());
        for script in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            "java\tscript:alert(1)",
            " javascript:alert(1)",
            "javascript://www.example.or.jp/%0aalert(1)",
            "https://javascript:alert(1)",
            "data:text/html,x",
        ] {
            let (_, _, help, help_ja) = url(script).unwrap_err();
            assert!(
                help.contains("`https://www.example.or.jp/`") && !help.contains("script:"),
                "{script:?}: {help}"
            );
            assert!(!help_ja.contains("script:"), "{help_ja}");
        }
        let (_, _, help, _) = url("//www.kiki-kenpo.or.jp/").unwrap_err();
        assert!(help.contains("`https://www.kiki-kenpo.or.jp/`"), "{help}");
        assert!(email("info@kenpo.or.jp").is_ok());
        for text in [
            "東京機器健康保険組合",
            "当組合",
            "受付 9:00～17:00",
            "ABC:東京",
            "1件300円",
        ] {
            assert!(no_link(text).is_ok(), "{text}");
        }
        for bad in [
            "[当組合](javascript:alert(1))",
            "<javascript:alert(1)>",
            "[a](&#106;avascript:x)",
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            "vbscript:x",
        ] {
            assert!(no_link(bad).is_err(), "{bad}");
        }
        assert!(email("info＠kenpo.or.jp").is_err());
        assert!(email("info@localhost").is_err());
    }
}
