//! A theme: Tera templates parsed once and a stylesheet compiled once per build.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use anyhow::{Context as _, anyhow};
use lightningcss::stylesheet::{MinifyOptions, ParserOptions, PrinterOptions, StyleSheet};
use lightningcss::targets::{Browsers, Targets};

use super::context::REQUIRED_TEMPLATES;
use crate::load::tree::Tree;

/// Templates and compiled assets of `themes/<name>/`.
pub struct Theme {
    /// The templates as written: their errors point at the theme author's lines.
    pub tera: tera::Tera,
    /// The same templates minified once, when the project minifies and the templates allow it
    /// (see [`minify_templates`]): pages rendered from them need no minification of their own,
    /// which was half of a full build's work.
    pub(crate) minified: Option<tera::Tera>,
    /// Page bodies already turned into (minified) HTML, by their Markdown: most unions keep
    /// most of the base's pages word for word.
    bodies: BodyCache,
    /// `style.css` after lightningcss.
    pub css: String,
    /// Where the compiled stylesheet is written in every site: `assets/style.<hash>.css`, named
    /// by its content so servers can cache it forever (see [`super::css_path`]).
    pub css_path: String,
    /// `static/portal.js`, when the theme has one: the portal's search, named
    /// `assets/portal.<hash>.js` by its content like the stylesheet.
    pub portal_script: Option<Script>,
    pub dir: PathBuf,
}

/// A script file of the theme, as written into the output.
pub struct Script {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// The theme's optional portal script (`static/portal.js`).
fn portal_script(tree: &Tree) -> anyhow::Result<Option<Script>> {
    const FILE: &str = "static/portal.js";
    if !tree.is_file(FILE) {
        return Ok(None);
    }
    let bytes = tree
        .read(FILE)
        .with_context(|| format!("reading {}", tree.path(FILE).display()))?;
    let hash = blake3::hash(&bytes).to_hex();
    Ok(Some(Script {
        path: format!("assets/portal.{}.js", &hash[..10]),
        bytes,
    }))
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
    /// Loads `themes/<name>/templates/*.html` and compiles `themes/<name>/static/style.css`;
    /// the built-in default theme when the project has no `themes/<name>/` and `name` is the
    /// default one (see [`Tree::theme`]).
    pub fn load(root: &Path, name: &str, minify: bool) -> anyhow::Result<Theme> {
        let Some(tree) = Tree::theme(root, name) else {
            return Err(anyhow!(
                "theme `{name}` not found: expected a folder {}",
                root.join("themes").join(name).display()
            ));
        };
        let mut names: Vec<(String, String)> = Vec::new();
        let listed = tree
            .files("templates")
            .with_context(|| format!("reading {}", tree.path("templates").display()))?;
        for rel in listed {
            let name = rel.strip_prefix("templates/").unwrap_or(&rel).to_string();
            names.push((rel, name));
        }
        let missing: Vec<String> = REQUIRED_TEMPLATES
            .iter()
            .filter(|(required, _)| !names.iter().any(|(_, n)| n == required))
            .map(|(required, what)| format!("templates/{required} ({what})"))
            .collect();
        if !missing.is_empty() {
            return Err(anyhow!(
                "theme `{name}` lacks {}; copy them from the default theme (`kumiai init --theme` writes it)",
                missing.join(", ")
            ));
        }
        let mut sources: Vec<(String, String)> = Vec::with_capacity(names.len());
        for (rel, template) in names {
            let bytes = tree
                .read(&rel)
                .with_context(|| format!("reading {}", tree.path(&rel).display()))?;
            let text = String::from_utf8(bytes)
                .map_err(|_| anyhow!("{} is not UTF-8 text", tree.path(&rel).display()))?;
            sources.push((template, text));
        }
        let mut tera = tera::Tera::new();
        tera.add_raw_templates(sources.iter().map(|(n, t)| (n.as_str(), t.as_str())))
            .map_err(|e| anyhow!("{}", error_chain(&e)))
            .with_context(|| format!("in the templates of theme `{name}`"))?;
        let minified = if minify {
            minify_templates(&sources)
        } else {
            None
        };
        let css_path = tree.path("static/style.css");
        let source = tree
            .read("static/style.css")
            .map_err(anyhow::Error::from)
            .and_then(|b| String::from_utf8(b).map_err(|_| anyhow!("not UTF-8 text")))
            .with_context(|| format!("reading {}", css_path.display()))?;
        let css = compile_css(&css_path, &source, minify)?;
        let css_path = super::css_path(&css);
        let portal_script = portal_script(&tree)?;
        Ok(Theme {
            tera,
            minified,
            bodies: BodyCache::default(),
            css,
            css_path,
            portal_script,
            dir: tree.dir().to_path_buf(),
        })
    }

    /// A page's Markdown body as HTML, minified when the project minifies (the templates it
    /// goes into were minified once, when the theme was loaded).
    pub fn body_html(&self, markdown: &str, minify: bool) -> Arc<str> {
        let key = (blake3::hash(markdown.as_bytes()), minify);
        if let Some(html) = self.bodies.get(&key) {
            return html;
        }
        let html = super::markdown::to_html(markdown);
        let html: Arc<str> = if minify {
            minify_fragment(html).into()
        } else {
            html.into()
        };
        self.bodies.put(key, Arc::clone(&html));
        html
    }

    /// Renders a template to finished HTML. With minification on, pages come from the
    /// minified templates (the HTML fragments they insert are minified by the caller, see
    /// [`minify_fragment`]); otherwise, or if that fails, from the templates as written,
    /// minified afterwards when asked.
    pub fn render(
        &self,
        template: &str,
        ctx: &tera::Context,
        minify: bool,
    ) -> anyhow::Result<Vec<u8>> {
        if let Some(fast) = &self.minified
            && let Ok(html) = fast.render(template, ctx)
        {
            return Ok(html.into_bytes());
        }
        // Also the way to a precise error: the templates as written give the author's lines.
        let html = self
            .tera
            .render(template, ctx)
            .map_err(|e| anyhow!("{}", error_chain(&e)))?;
        Ok(if minify {
            minify_html::minify(html.as_bytes(), &minify_cfg(false))
        } else {
            html.into_bytes()
        })
    }
}

/// Bodies by the hash of their Markdown, shared by the build's threads. Bounded, so that
/// 5,000 unions with bodies of their own do not keep them all in memory: once full, new
/// bodies are rendered without being kept.
#[derive(Default)]
struct BodyCache(Mutex<HashMap<(blake3::Hash, bool), Arc<str>>>);

impl BodyCache {
    const CAPACITY: usize = 2048;

    fn get(&self, key: &(blake3::Hash, bool)) -> Option<Arc<str>> {
        self.0.lock().ok()?.get(key).cloned()
    }

    fn put(&self, key: (blake3::Hash, bool), html: Arc<str>) {
        if let Ok(mut map) = self.0.lock()
            && map.len() < Self::CAPACITY
        {
            map.insert(key, html);
        }
    }
}

/// What minification keeps: closing tags and the `<html>`/`<head>` tags, so the structure a
/// validator and a screen reader see is the one the theme wrote.
pub(crate) fn minify_cfg(templates: bool) -> minify_html::Cfg {
    minify_html::Cfg {
        keep_closing_tags: true,
        keep_html_and_head_opening_tags: true,
        minify_css: false,
        minify_js: false,
        preserve_brace_template_syntax: templates,
        ..minify_html::Cfg::default()
    }
}

/// Minifies a piece of HTML that a template inserts unescaped (a Markdown body).
fn minify_fragment(html: String) -> String {
    let minified = minify_html::minify(html.as_bytes(), &minify_cfg(false));
    String::from_utf8(minified).unwrap_or(html)
}

/// The templates minified once, their Tera tags passed through untouched; `None` (pages are
/// then minified one by one) when a template puts a Tera tag inside an HTML tag, where the
/// minifier would take it for attributes, or no longer parses once minified.
fn minify_templates(files: &[(String, String)]) -> Option<tera::Tera> {
    let mut sources = Vec::with_capacity(files.len());
    for (name, source) in files {
        if has_tag_inside_markup(source.as_bytes()) {
            return None;
        }
        let minified = minify_html::minify(source.as_bytes(), &minify_cfg(true));
        sources.push((name.clone(), String::from_utf8(minified).ok()?));
    }
    let mut tera = tera::Tera::new();
    tera.add_raw_templates(sources).ok()?;
    Some(tera)
}

/// True when a `{{ … }}`, `{% … %}` or `{# … #}` stands inside an HTML tag outside a quoted
/// attribute value, as in `<a {% if x %}class="y"{% endif %}>`.
fn has_tag_inside_markup(source: &[u8]) -> bool {
    enum State {
        Text,
        Tag,
        Quoted(u8),
        Comment,
    }
    let mut state = State::Text;
    let mut i = 0;
    while i < source.len() {
        let (c, next) = (source[i], source.get(i + 1).copied().unwrap_or(0));
        state = match state {
            State::Text if source[i..].starts_with(b"<!--") => State::Comment,
            State::Text if c == b'<' && (next.is_ascii_alphabetic() || next == b'/') => State::Tag,
            State::Comment if source[i..].starts_with(b"-->") => State::Text,
            State::Tag if c == b'{' && matches!(next, b'{' | b'%' | b'#') => return true,
            State::Tag if c == b'"' || c == b'\'' => State::Quoted(c),
            State::Tag if c == b'>' => State::Text,
            State::Quoted(q) if c == q => State::Tag,
            other => other,
        };
        i += 1;
    }
    false
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_template_tags_inside_html_tags_only() {
        assert!(has_tag_inside_markup(
            b"<a {% if x %}class=\"y\"{% endif %}>"
        ));
        assert!(has_tag_inside_markup(b"<p id={{ id }}>"));
        assert!(!has_tag_inside_markup(
            b"<a href=\"{{ href }}\">{{ text }}</a>"
        ));
        assert!(!has_tag_inside_markup(
            b"<p class='{% if x %}y{% endif %}'>"
        ));
        assert!(!has_tag_inside_markup(
            b"{% if a < b %}<p>{{ a }}</p>{% endif %}"
        ));
        assert!(!has_tag_inside_markup(b"<!-- <a {{ x }}> -->"));
    }

    #[test]
    fn a_theme_with_tags_inside_html_tags_is_minified_page_by_page() {
        let dir = tempfile::tempdir().unwrap();
        let theme = dir.path().join("themes/t");
        std::fs::create_dir_all(theme.join("templates")).unwrap();
        std::fs::create_dir_all(theme.join("static")).unwrap();
        std::fs::write(theme.join("static/style.css"), "p { color: black }").unwrap();
        for (required, _) in REQUIRED_TEMPLATES {
            let path = theme.join("templates").join(required);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "").unwrap();
        }
        std::fs::write(
            theme.join("templates/page.html"),
            "<ul>\n  <li {% if current %}aria-current=\"page\"{% endif %}>{{ title }}</li>\n</ul>\n",
        )
        .unwrap();
        let loaded = Theme::load(dir.path(), "t", true).unwrap();
        assert!(loaded.minified.is_none());
        let mut ctx = tera::Context::new();
        ctx.insert("current", &true);
        ctx.insert("title", "題");
        let html = loaded.render("page.html", &ctx, true).unwrap();
        assert_eq!(
            String::from_utf8(html).unwrap(),
            "<ul><li aria-current=page>題</li></ul>"
        );
    }

    #[test]
    fn the_same_body_is_rendered_once_and_bodies_follow_the_minify_setting() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let theme = Theme::load(root, "default", true).unwrap();
        let first = theme.body_html("本文\n\n- 一\n- 二\n", true);
        let again = theme.body_html("本文\n\n- 一\n- 二\n", true);
        assert!(Arc::ptr_eq(&first, &again));
        assert_eq!(&*first, "<p>本文</p><ul><li>一</li><li>二</li></ul>");
        let plain = theme.body_html("本文\n\n- 一\n- 二\n", false);
        assert!(plain.contains("<ul>\n"));
    }
}
