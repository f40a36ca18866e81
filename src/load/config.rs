//! `kumiai.toml`: site-wide settings.

use std::path::Path;

use serde::{Deserialize, Serialize};
use toml::Spanned;

use super::source::{parse_toml_all, read_text};
use crate::diagnostic::{Diagnostic, Diagnostics};

/// Settings from `kumiai.toml`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Title of the federation portal (`public/index.html`).
    pub title: String,
    /// Where the portal will be hosted (an `http` or `https` address), for absolute links in
    /// feeds; pages themselves link relatively.
    #[serde(default)]
    pub base_url: Option<String>,
    /// Minify HTML and CSS (on by default).
    #[serde(default = "yes")]
    pub minify: bool,
    /// Folder name under `themes/`.
    #[serde(default = "default_theme")]
    pub theme: String,
    /// Who publishes the base the sites start from (e.g. 「健康保険組合連合会」); a site names it
    /// only when this says so.
    #[serde(default)]
    pub base_publisher: Option<String>,
}

fn yes() -> bool {
    true
}

fn default_theme() -> String {
    "default".to_string()
}

impl Config {
    /// Reads `kumiai.toml` from the project root.
    pub fn load(root: &Path) -> Result<Config, Diagnostics> {
        let path = root.join("kumiai.toml");
        if !path.exists() {
            return Err(Diagnostics(vec![
                Diagnostic::file(&path, "kumiai.toml not found")
                    .with_suggestion("run kumiai in the project folder, or pass --root DIR"),
            ]));
        }
        let text = read_text(&path).map_err(|d| Diagnostics(vec![d]))?;
        let config: Config = parse_toml_all(&path, &text)?;
        if let Some(base_url) = config.base_url.as_deref().filter(|u| !u.is_empty()) {
            check_base_url(&path, &text, base_url).map_err(|d| Diagnostics(vec![d]))?;
        }
        Ok(config)
    }
}

impl Config {
    /// Sets `base_url` for one run (`kumiai build --base-url`), checked as in `kumiai.toml`;
    /// an empty address means none (relative links only).
    pub fn set_base_url(&mut self, url: &str) -> Result<(), Diagnostic> {
        if url.is_empty() {
            self.base_url = None;
            return Ok(());
        }
        check_base_url(Path::new("--base-url"), "", url)?;
        self.base_url = Some(url.to_string());
        Ok(())
    }
}

/// `base_url` must be a web address (`https://…`, never `javascript:`), without `?` or `#`:
/// page names are appended to it.
fn check_base_url(path: &Path, text: &str, base_url: &str) -> Result<(), Diagnostic> {
    let problem = match super::fields::url(base_url) {
        Err(problem) => problem,
        Ok(()) if base_url.contains(['?', '#']) => (
            format!("`base_url = \"{base_url}\"` has a `?` or `#`; page names are appended to it"),
            format!("`base_url = \"{base_url}\"` に `?` や `#` があります。この後ろにページ名が付きます"),
            "write the address of the folder the sites are published in, e.g. `https://www.example.or.jp/privacy/`".to_string(),
            "サイトを置くフォルダのアドレスを書いてください（例: `https://www.example.or.jp/privacy/`）".to_string(),
        ),
        Ok(()) => return Ok(()),
    };
    #[derive(Deserialize)]
    struct At {
        base_url: Option<Spanned<String>>,
    }
    let (en, ja, help, help_ja) = problem;
    let at = toml::from_str::<At>(text).ok().and_then(|a| a.base_url);
    let d = match at {
        Some(value) => Diagnostic::at(path, text, value.span(), format!("base_url: {en}")),
        None => Diagnostic::file(path, format!("base_url: {en}")),
    };
    Err(d
        .rule("url")
        .with_suggestion(help)
        .ja(format!("kumiai.toml の base_url: {ja}"), Some(help_ja)))
}
