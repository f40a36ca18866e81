//! Where a page lives and how a link to it is written.

/// The file a page is written to: flat, so every link is a plain relative file name that works
/// from disk, from any sub-path and without server rewrites.
pub fn page_file(id: &str) -> String {
    format!("{id}.html")
}

/// `href` made absolute when the site's address is known.
pub fn absolute(base_url: Option<&str>, href: &str) -> String {
    match base_url {
        Some(base) if !base.is_empty() => format!("{}/{href}", base.trim_end_matches('/')),
        _ => href.to_string(),
    }
}
