//! The project: its settings, base and theme loaded once, and which unions it has.

use std::path::{Path, PathBuf};

use anyhow::{Context as _, anyhow};

use crate::load::{self, Config};
use crate::model::Base;
use crate::render::Theme;

/// Everything a build reads once and shares between unions.
pub struct Project {
    pub root: PathBuf,
    pub config: Config,
    pub base: Base,
    pub theme: Theme,
    /// Hash of what every union depends on (see [`crate::fingerprint`]).
    pub fingerprint: String,
}

impl Project {
    /// Loads the settings, the base and the theme. Problems here stop the whole build.
    pub fn load(root: &Path) -> anyhow::Result<Project> {
        let config = Config::load(root)?;
        let base = load::load_base(root)?;
        let theme = Theme::load(root, &config.theme, config.minify)?;
        let fingerprint = crate::output::fingerprint::project(root, &config.theme);
        Ok(Project {
            root: root.to_path_buf(),
            config,
            base,
            theme,
            fingerprint,
        })
    }

    /// The project with `base_url` set for this run only (`kumiai build --base-url`): the
    /// fingerprint changes with it, so sites built for another address are rendered again.
    pub fn with_base_url(mut self, url: &str) -> anyhow::Result<Project> {
        self.config
            .set_base_url(url)
            .map_err(|d| crate::diagnostic::Diagnostics(vec![d]))?;
        let mut hasher = blake3::Hasher::new();
        hasher.update(self.fingerprint.as_bytes());
        hasher.update(b"\0--base-url\0");
        hasher.update(url.as_bytes());
        self.fingerprint = hasher.finalize().to_hex().to_string();
        Ok(self)
    }

    /// The slugs of every union, in order.
    pub fn slugs(&self) -> anyhow::Result<Vec<String>> {
        Ok(select_unions(&self.root, &[])?
            .iter()
            .map(|p| slug_of(p))
            .collect())
    }
}

/// The override files of the unions in `only` (every union when empty), in slug order. A slug
/// that names no union is an error with a did-you-mean.
pub fn select_unions(root: &Path, only: &[String]) -> anyhow::Result<Vec<PathBuf>> {
    let all = load::list_unions(root)
        .with_context(|| format!("reading {}", root.join("unions").display()))?;
    if only.is_empty() {
        return Ok(all);
    }
    let slugs: Vec<String> = all.iter().map(|p| slug_of(p)).collect();
    for wanted in only {
        if !slugs.contains(wanted) {
            let near = crate::diagnostic::nearest(wanted, slugs.iter().map(String::as_str));
            let help = if near.is_empty() {
                format!("the unions are: {}", slugs.join(", "))
            } else {
                crate::diagnostic::did_you_mean(&near)
            };
            return Err(anyhow!(
                "there is no union `{wanted}` (no file unions/{wanted}.toml); {help}"
            ));
        }
    }
    Ok(all
        .into_iter()
        .filter(|p| only.contains(&slug_of(p)))
        .collect())
}

/// A union's slug: its file name without `.toml` (see [`load::union::slug_of`]).
pub fn slug_of(path: &Path) -> String {
    load::union::slug_of(path)
}
