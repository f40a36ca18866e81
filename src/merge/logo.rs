//! `[union] logo`, `logo_alt` and `published_url`: the union's own mark in the header, and
//! where it publishes its policy when not under the federation's `base_url`.

use super::Merger;
use crate::diagnostic::Diagnostic;
use crate::load::fields::locate;
use crate::model::Logo;

/// The largest logo kumiai publishes: a header mark needs a few tens of kilobytes.
pub const LOGO_MAX_BYTES: usize = 512 * 1024;

/// The pictures a logo may be, by extension (the folder's rules have told each file's kind
/// by its content already: a `.png` in `assets` is a PNG).
const LOGO_EXTENSIONS: &[&str] = &["png", "jpg", "jpeg", "webp"];

impl Merger<'_> {
    /// `published_url` with its trailing `/`, when it is a usable folder address (a malformed
    /// address is reported by the field check, `url`).
    pub(super) fn published_url(&mut self) -> Option<String> {
        let value = self.file.doc.union.published_url.as_deref()?;
        crate::load::fields::url(value).ok()?;
        let page = value
            .rsplit('/')
            .next()
            .is_some_and(|last| last.ends_with(".html") || last.ends_with(".htm"));
        let (en, ja, help, help_ja) = if value.contains(['?', '#']) {
            (
                format!(
                    "`published_url = \"{value}\"` has a `?` or `#`; page names are appended to it"
                ),
                format!(
                    "`published_url = \"{value}\"` に `?` や `#` があります。この後ろにページ名が付きます"
                ),
                "write the address of the folder only, e.g. `https://www.example-kenpo.or.jp/privacy/`",
                "`https://www.example-kenpo.or.jp/privacy/` のように、フォルダのアドレスだけを書いてください",
            )
        } else if page {
            (
                format!(
                    "`published_url = \"{value}\"` names a page; it must be the folder that holds the site's index.html"
                ),
                format!(
                    "`published_url = \"{value}\"` がページを指しています。サイトの index.html があるフォルダのアドレスを書いてください"
                ),
                "drop the page's name and keep the folder, e.g. `https://www.example-kenpo.or.jp/privacy/`",
                "ページ名を消し、`https://www.example-kenpo.or.jp/privacy/` のようにフォルダまでを書いてください",
            )
        } else {
            return Some(format!("{}/", value.trim_end_matches('/')));
        };
        let d = locate(self.file, "published_url", value, en)
            .rule("url")
            .with_suggestion(help)
            .ja(ja, Some(help_ja.to_string()));
        self.problems.push(d);
        None
    }

    /// The logo, when `logo` names a picture of the union's folder and `logo_alt` says what it
    /// shows; every other case is an error at its key (rule `logo`).
    pub(super) fn logo(&mut self) -> Option<Logo> {
        let union = &self.file.doc.union;
        let alt = union.logo_alt.as_deref().map(str::trim).unwrap_or("");
        let Some(name) = union.logo.as_deref() else {
            if let Some(written) = union.logo_alt.as_deref() {
                self.problems.push(self.logo_problem(
                    "logo_alt",
                    written,
                    (
                        "`logo_alt` is given without `logo`: there is no logo for it to describe".to_string(),
                        "`logo` がないのに `logo_alt` があります。説明するロゴがありません".to_string(),
                    ),
                    (
                        "add `logo = \"logo.png\"` (a picture in the union's folder), or remove `logo_alt`".to_string(),
                        "`logo = \"logo.png\"`（組合のフォルダの画像）を書くか、`logo_alt` を削除してください".to_string(),
                    ),
                ));
            }
            return None;
        };
        let problem = self.logo_file_problem(name).or_else(|| {
            alt.is_empty().then(|| {
                self.logo_problem(
                    "logo",
                    name,
                    (
                        "a logo needs `logo_alt`: the text read out, and shown, when the picture is not".to_string(),
                        "ロゴには `logo_alt`（画像が表示されないときや読み上げで使う説明）が必要です".to_string(),
                    ),
                    (
                        format!("add `logo_alt = \"{}のロゴ\"` under `logo`", union.name),
                        format!("`logo` の次の行に `logo_alt = \"{}のロゴ\"` のように書いてください", union.name),
                    ),
                )
            })
        });
        match problem {
            Some(d) => {
                self.problems.push(d);
                None
            }
            None => Some(Logo {
                src: format!("files/{name}"),
                alt: alt.to_string(),
            }),
        }
    }

    /// Why `name` cannot be the logo: not a plain name inside the folder, not a picture kind
    /// a logo may be, not in the folder, or too large.
    fn logo_file_problem(&self, name: &str) -> Option<Diagnostic> {
        let folder = format!("unions/{}/", self.file.slug);
        let outside = name.is_empty()
            || name.starts_with('/')
            || name.contains(['\\', ':'])
            || name
                .split('/')
                .any(|part| part.is_empty() || part == "." || part == "..");
        if outside {
            return Some(self.logo_problem(
                "logo",
                name,
                (
                    format!("`logo = \"{name}\"` must name a file inside {folder}, by its name there"),
                    format!("`logo = \"{name}\"` は {folder} の中のファイルを、そのフォルダからの名前で指定してください"),
                ),
                (
                    format!("put the picture in {folder} and write its name, e.g. `logo = \"logo.png\"`"),
                    format!("画像を {folder} に置き、`logo = \"logo.png\"` のように名前を書いてください"),
                ),
            ));
        }
        let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
        if !ext.as_deref().is_some_and(|e| LOGO_EXTENSIONS.contains(&e)) {
            let (why, why_ja) = match ext.as_deref() {
                Some("svg" | "svgz") => (
                    "SVG pictures can carry script",
                    "SVG 画像はスクリプトを含められるため",
                ),
                _ => ("a logo is a picture", "ロゴは画像であるため"),
            };
            return Some(self.logo_problem(
                "logo",
                name,
                (
                    format!("`{name}` cannot be the logo ({why}); a logo is a PNG, JPEG or WebP picture (.png, .jpg, .jpeg, .webp)"),
                    format!("`{name}` はロゴにできません（{why_ja}）。ロゴは PNG・JPEG・WebP の画像（.png .jpg .jpeg .webp）です"),
                ),
                (
                    "save the logo as PNG (or JPEG, WebP) in the union's folder and name that file".to_string(),
                    "ロゴを PNG（または JPEG・WebP）で組合のフォルダに保存し、そのファイル名を書いてください".to_string(),
                ),
            ));
        }
        let Some(asset) = self.file.folder.assets.iter().find(|a| a.rel == name) else {
            let pictures: Vec<&str> = self
                .file
                .folder
                .assets
                .iter()
                .map(|a| a.rel.as_str())
                .filter(|rel| {
                    rel.rsplit_once('.').is_some_and(|(_, e)| {
                        LOGO_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str())
                    })
                })
                .collect();
            let (help, help_ja) = match pictures.as_slice() {
                [] => (
                    format!(
                        "put the picture in {folder} (the folder beside this file, named like it)"
                    ),
                    format!(
                        "画像を {folder}（このファイルと同じ名前の、隣のフォルダ）に置いてください"
                    ),
                ),
                found => (
                    format!("the pictures there are: {}", found.join(", ")),
                    format!("そこにある画像: {}", found.join("、")),
                ),
            };
            return Some(self.logo_problem(
                "logo",
                name,
                (
                    format!("there is no picture `{name}` in {folder} to show as the logo"),
                    format!("ロゴに使う画像 `{name}` が {folder} にありません"),
                ),
                (help, help_ja),
            ));
        };
        (asset.bytes.len() > LOGO_MAX_BYTES).then(|| {
            let kb = asset.bytes.len().div_ceil(1024);
            let max = LOGO_MAX_BYTES / 1024;
            self.logo_problem(
                "logo",
                name,
                (
                    format!("the logo `{name}` is {kb} KB; a logo may be at most {max} KB (it loads on every page)"),
                    format!("ロゴ `{name}` は {kb} KB です。ロゴは {max} KB までです（すべてのページで読み込まれるため）"),
                ),
                (
                    "save it smaller (a header logo needs about 400 pixels wide at most)".to_string(),
                    "小さく保存し直してください（ヘッダーのロゴは横 400 ピクセル程度で足ります）".to_string(),
                ),
            )
        })
    }

    fn logo_problem(
        &self,
        key: &str,
        value: &str,
        (en, ja): (String, String),
        (help, help_ja): (String, String),
    ) -> Diagnostic {
        locate(self.file, key, value, en)
            .rule("logo")
            .with_suggestion(help)
            .ja(ja, Some(help_ja))
    }
}
