//! The project: its settings, base and theme loaded once, and which unions it has.

use std::path::{Path, PathBuf};

use anyhow::{Context as _, anyhow};

use crate::diagnostic::{Diagnostic, Severity};
use crate::load::base::load_base_from;
use crate::load::tree::Tree;
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

impl Project {
    /// A warning (rule `base-behind`) when the project's own base (`content/`) is older than the
    /// one built into this kumiai: a federation's base is its copy and does not follow kumiai's
    /// updates by itself; `kumiai base diff` shows what the newer one changes.
    pub fn base_behind(&self) -> Option<Diagnostic> {
        let (root, project) = (&self.root, self);
        let tree = Tree::base(root);
        if tree.is_built_in() {
            return None;
        }
        let own = &project.base.meta;
        // Every build asks (it counts what check would report): the built-in base's date, read
        // from its `date = ` line, settles the usual case without loading the whole base.
        let built_in_date = Tree::built_in_base()
            .read_text("base.toml")
            .ok()?
            .lines()
            .find_map(|l| l.strip_prefix("date = "))
            .and_then(|d| chrono::NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d").ok());
        if built_in_date.is_some_and(|day| own.date >= day) {
            return None;
        }
        let built_in = load_base_from(&Tree::built_in_base()).ok()?.meta;
        if own.date >= built_in.date {
            return None;
        }
        let path = tree.path("base.toml");
        let text = tree.read_text("base.toml").ok()?;
        let at = text
            .find("\ndate")
            .map(|i| i + 1..i + 5)
            .or_else(|| text.find("revision").map(|i| i..i + 8));
        let message = format!(
            "the project's base (content/) is revision {} of {}; this kumiai carries revision {} of {}",
            own.revision, own.date, built_in.revision, built_in.date
        );
        let d = match at {
            Some(span) => Diagnostic::at(&path, &text, span, message),
            None => Diagnostic::file(&path, message),
        };
        Some(
            d.rule("base-behind")
                .severity(Severity::Warning)
                .with_suggestion(
                    "run `kumiai base diff` to see what the newer base changes, item by item, and take what applies into content/ (then set its revision and date)",
                )
                .ja(
                    format!(
                        "このプロジェクトの標準文例（content/）は {} 版（{}）です。この kumiai には {} 版（{}）が入っています",
                        own.revision, own.date, built_in.revision, built_in.date
                    ),
                    Some(
                        "`kumiai base diff` で新しい版の変更点を項目ごとに確認し、必要なものを content/ に取り込んでください（その後 revision と date を更新）".to_string(),
                    ),
                ),
        )
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
