//! A theme: Tera templates parsed once and a stylesheet compiled once per build.

use std::path::{Path, PathBuf};

use anyhow::{Context as _, anyhow};
use lightningcss::stylesheet::{MinifyOptions, ParserOptions, PrinterOptions, StyleSheet};
use lightningcss::targets::{Browsers, Targets};

/// Templates and compiled assets of `themes/<name>/`.
pub struct Theme {
    pub tera: tera::Tera,
    /// `style.css` after lightningcss.
    pub css: String,
    /// Where the compiled stylesheet is written in every site: `assets/style.<hash>.css`, named
    /// by its content so servers can cache it forever (see [`super::css_path`]).
    pub css_path: String,
    pub dir: PathBuf,
}

/// Browsers the stylesheet is compiled for: what members' phones and office PCs run
/// (iOS Safari 14+, Chrome/Edge 90+, Firefox 90+, Android WebView 90+).
fn targets() -> Targets {
    let version = |major: u32| Some(major << 16);
    Targets::from(Browsers {
        safari: version(14),
        ios_saf: version(14),
        chrome: version(90),
        edge: version(90),
        firefox: version(90),
        android: version(90),
        samsung: version(15),
        ..Browsers::default()
    })
}

impl Theme {
    /// Loads `themes/<name>/templates/*.html` and compiles `themes/<name>/static/style.css`.
    pub fn load(root: &Path, name: &str, minify: bool) -> anyhow::Result<Theme> {
        let dir = root.join("themes").join(name);
        if !dir.is_dir() {
            return Err(anyhow!(
                "theme `{name}` not found: expected a folder {}",
                dir.display()
            ));
        }
        let mut tera = tera::Tera::new();
        let templates = dir.join("templates");
        let mut files: Vec<(PathBuf, String)> = Vec::new();
        for entry in walkdir::WalkDir::new(&templates).sort_by_file_name() {
            let entry = entry.with_context(|| format!("reading {}", templates.display()))?;
            if entry.file_type().is_file() {
                let rel = entry.path().strip_prefix(&templates)?;
                let name = rel.to_string_lossy().replace('\\', "/");
                files.push((entry.path().to_path_buf(), name));
            }
        }
        tera.add_template_files(files.iter().map(|(p, n)| (p, Some(n.as_str()))))
            .map_err(|e| anyhow!("{}", error_chain(&e)))
            .with_context(|| format!("in the templates of theme `{name}`"))?;
        let css_path = dir.join("static").join("style.css");
        let source = std::fs::read_to_string(&css_path)
            .with_context(|| format!("reading {}", css_path.display()))?;
        let css = compile_css(&css_path, &source, minify)?;
        let css_path = super::css_path(&css);
        Ok(Theme {
            tera,
            css,
            css_path,
            dir,
        })
    }
}

/// Compiles CSS for the browser targets, minified when asked.
pub fn compile_css(path: &Path, source: &str, minify: bool) -> anyhow::Result<String> {
    let options = ParserOptions {
        filename: path.display().to_string(),
        ..ParserOptions::default()
    };
    let mut sheet = StyleSheet::parse(source, options).map_err(|e| {
        let at = e
            .loc
            .as_ref()
            .map(|l| format!("{}:{}:{}: ", path.display(), l.line + 1, l.column))
            .unwrap_or_default();
        anyhow!("{at}{}", e.kind)
    })?;
    sheet
        .minify(MinifyOptions {
            targets: targets(),
            ..MinifyOptions::default()
        })
        .map_err(|e| anyhow!("{}: {}", path.display(), e.kind))?;
    let out = sheet
        .to_css(PrinterOptions {
            minify,
            targets: targets(),
            ..PrinterOptions::default()
        })
        .map_err(|e| anyhow!("{}: {}", path.display(), e.kind))?;
    Ok(out.code)
}

/// Tera errors nest their causes; show all of them.
pub fn error_chain(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut cause = e.source();
    while let Some(c) = cause {
        text.push_str(": ");
        text.push_str(&c.to_string());
        cause = c.source();
    }
    text
}
