//! `kumiai.toml`: site-wide settings.

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::source::{parse_toml_all, read_text};
use crate::diagnostic::{Diagnostic, Diagnostics};

/// Settings from `kumiai.toml`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Title of the federation portal (`public/index.html`).
    pub title: String,
    /// Where the portal will be hosted, for absolute links in feeds; pages themselves link relatively.
    #[serde(default)]
    pub base_url: Option<String>,
    /// Minify HTML and CSS (on by default).
    #[serde(default = "yes")]
    pub minify: bool,
    /// Folder name under `themes/`.
    #[serde(default = "default_theme")]
    pub theme: String,
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
        parse_toml_all(&path, &text)
    }
}
