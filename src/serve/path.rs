//! Request paths of `serve`: decoded and checked before they are used as keys of the site in
//! memory, and the one redirect `serve` sends.

/// A request path, percent-decoded and checked segment by segment.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct PagePath {
    pub segments: Vec<String>,
    /// The path ended with `/`: the folder's `index.html` is meant.
    pub folder: bool,
}

#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Rejected;

/// Decodes and checks a request path. `.` and `..` segments, backslashes, NULs and other control
/// characters, and encoded slashes are refused in any encoding, so no path can step outside the
/// site (which in any case is a map, not a folder).
pub(crate) fn parse_path(raw: &str) -> Result<PagePath, Rejected> {
    let rest = raw.strip_prefix('/').ok_or(Rejected)?;
    let mut segments = Vec::new();
    for part in rest.split('/') {
        if part.is_empty() {
            continue;
        }
        let decoded = percent_decode(part)?;
        if decoded == "."
            || decoded == ".."
            || decoded
                .chars()
                .any(|c| c == '/' || c == '\\' || c.is_control())
        {
            return Err(Rejected);
        }
        segments.push(decoded);
    }
    Ok(PagePath {
        folder: raw.ends_with('/') || segments.is_empty(),
        segments,
    })
}

pub(crate) fn percent_decode(part: &str) -> Result<String, Rejected> {
    let bytes = part.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3).ok_or(Rejected)?;
            let hex = std::str::from_utf8(hex).map_err(|_| Rejected)?;
            out.push(u8::from_str_radix(hex, 16).map_err(|_| Rejected)?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).map_err(|_| Rejected)
}

/// Where a folder asked for without its trailing slash is: the same path with one `/` between
/// segments and one at the end. Never `//host/…` (`GET //evil.example` must not send the browser
/// to another host): empty segments are dropped, and [`parse_path`] has refused backslashes
/// (`/\evil.example`) already.
pub(crate) fn folder_location(raw: &str) -> String {
    let segments: Vec<&str> = raw.split('/').filter(|s| !s.is_empty()).collect();
    format!("/{}/", segments.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_decoded_and_checked() {
        let ok = |raw: &str, segs: &[&str], folder: bool| {
            assert_eq!(
                parse_path(raw),
                Ok(PagePath {
                    segments: segs.iter().map(|s| s.to_string()).collect(),
                    folder
                }),
                "{raw}"
            );
        };
        ok("/", &[], true);
        ok("/acom/", &["acom"], true);
        ok("/acom", &["acom"], false);
        ok("/acom/purposes.html", &["acom", "purposes.html"], false);
        ok(
            "/acom/files/%E5%9B%B3.png",
            &["acom", "files", "図.png"],
            false,
        );
        ok("//acom//index.html", &["acom", "index.html"], false);
        for bad in [
            "/../kumiai.toml",
            "/%2e%2e/kumiai.toml",
            "/%2E%2E/kumiai.toml",
            "/..%2fkumiai.toml",
            "/..%2Fkumiai.toml",
            "/unions/..\\kumiai.toml",
            "/%2e%2e%5ckumiai.toml",
            "/acom/./index.html",
            "/acom/%00",
            "/acom/%zz",
            "/acom/%e5",
            "acom",
        ] {
            assert_eq!(parse_path(bad), Err(Rejected), "{bad}");
        }
    }

    #[test]
    fn a_folder_redirect_never_names_another_host() {
        for (raw, location) in [
            ("/acom", "/acom/"),
            ("//acom", "/acom/"),
            ("///acom", "/acom/"),
            ("//evil.example/acom", "/evil.example/acom/"),
            ("/acom//files", "/acom/files/"),
            ("/%E5%9B%B3", "/%E5%9B%B3/"),
        ] {
            let parsed = parse_path(raw).expect("a path serve answers");
            assert!(!parsed.folder, "{raw}");
            assert_eq!(folder_location(raw), location, "{raw}");
        }
        for bad in ["/\\evil.example", "/%5Cevil.example", "/%2F%2Fevil.example"] {
            assert_eq!(parse_path(bad), Err(Rejected), "{bad}");
        }
    }
}
