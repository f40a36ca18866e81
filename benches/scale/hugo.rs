//! Hugo, for reference: the same pages built by Hugo from a minimal site, with the same method.

use super::child::{run, wait_quiet};
use super::measure::{HugoResult, REPEAT, snapshot, tree_size};
use super::project::Generated;
use super::*;

pub(crate) fn hugo_available() -> Option<String> {
    let out = Command::new("hugo").arg("version").output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
}

/// The text of a generated page as Markdown: one paragraph per block of the `<main>` element.
fn page_text(html: &str) -> String {
    let main = html
        .split_once("<main")
        .map(|(_, m)| m)
        .and_then(|m| m.split_once("</main>").map(|(m, _)| m))
        .unwrap_or(html);
    let mut text = String::new();
    let mut in_tag = false;
    let mut tag = String::new();
    for c in main.chars() {
        match (in_tag, c) {
            (false, '<') => {
                in_tag = true;
                tag.clear();
            }
            (true, '>') => {
                in_tag = false;
                let name = tag
                    .trim_start_matches('/')
                    .split([' ', '>'])
                    .next()
                    .unwrap_or("");
                if matches!(
                    name,
                    "p" | "li"
                        | "h1"
                        | "h2"
                        | "h3"
                        | "tr"
                        | "dt"
                        | "dd"
                        | "div"
                        | "br"
                        | "th"
                        | "td"
                ) {
                    text.push('\n');
                }
            }
            (true, c) => tag.push(c),
            (false, c) => text.push(c),
        }
    }
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .skip(1) // the page title, given in front matter
        .map(|l| format!("{l}\n\n"))
        .collect()
}

pub(crate) fn hugo_compare(
    root: &Path,
    out: &Path,
    unions: &[Generated],
    pages: usize,
    scratch: &Path,
) -> Result<HugoResult, String> {
    let site = scratch.join("hugo-site");
    // The text of the pages of the first unions (both layouts, Markdown pages), cycled.
    let mut samples: Vec<(String, String)> = Vec::new();
    for u in unions.iter().take(6) {
        let dir = out.join(&u.slug);
        let mut names: Vec<PathBuf> = fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "html"))
            .collect();
        names.sort();
        for p in names {
            let html = fs::read_to_string(&p).unwrap();
            let title = html
                .split_once("<title>")
                .and_then(|(_, t)| t.split_once("</title>"))
                .map(|(t, _)| t.replace('"', "'"))
                .unwrap_or_default();
            samples.push((title, page_text(&html)));
        }
    }
    let content = site.join("content/p");
    fs::create_dir_all(&content).unwrap();
    fs::create_dir_all(site.join("layouts/_default")).unwrap();
    fs::create_dir_all(site.join("static")).unwrap();
    fs::copy(
        root.join("themes/default/static/style.css"),
        site.join("static/style.css"),
    )
    .unwrap();
    fs::write(
        site.join("config.toml"),
        "baseURL = \"https://example.org/\"\ntitle = \"bench\"\nuglyURLs = true\nrelativeURLs = true\ndisableKinds = [\"taxonomy\", \"term\", \"RSS\", \"sitemap\", \"section\", \"robotsTXT\", \"404\"]\n",
    )
    .unwrap();
    // A page like kumiai's: head, site name, a navigation of 7 links, main, footer.
    fs::write(
        site.join("layouts/_default/single.html"),
        r##"<!DOCTYPE html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }}</title>
<meta name="description" content="{{ .Params.union }}の個人情報保護方針：{{ .Title }}">
<link rel="stylesheet" href="{{ "style.css" | relURL }}">
</head>
<body>
<a class="skip-link" href="#main">本文へ移動</a>
<header class="site-header"><p class="site-name"><a href="index.html">{{ .Params.union }}</a></p><p class="site-tagline">個人情報保護方針</p></header>
<nav class="site-nav" aria-label="ページ"><ul>
<li><a href="index.html">当組合の個人情報保護の取り組みについて</a></li>
<li><a href="purposes.html">個人情報の利用目的</a></li>
<li><a href="safety.html">安全管理措置の内容</a></li>
<li><a href="requests.html">保有個人データの開示等の請求に応じる手続</a></li>
<li><a href="contact.html">保有個人データの取扱いに関する苦情の申出先</a></li>
<li><a href="history.html">改定履歴</a></li>
<li><a href="storage.html">個人情報の保存と廃棄</a></li>
</ul></nav>
<main id="main" tabindex="-1">
<h1>{{ .Title }}</h1>
<div class="prose">
{{ .Content }}
</div>
</main>
<footer class="site-footer"><p>{{ .Params.union }}</p></footer>
</body>
</html>
"##,
    )
    .unwrap();
    fs::write(
        site.join("layouts/index.html"),
        "<!DOCTYPE html><html lang=\"ja\"><head><meta charset=\"utf-8\"><title>{{ .Site.Title }}</title></head><body><h1>{{ .Site.Title }}</h1></body></html>\n",
    )
    .unwrap();
    for k in 0..pages {
        let (title, body) = &samples[k % samples.len()];
        let union = &unions[(k / 7) % unions.len()].name;
        fs::write(
            content.join(format!("{k:06}.md")),
            format!("+++\ntitle = \"{title}\"\nunion = \"{union}\"\n+++\n{body}"),
        )
        .unwrap();
    }
    wait_quiet("[hugo]");
    let mut runs = Vec::new();
    let mut floors = Vec::new();
    for k in 1..=REPEAT {
        let out = scratch.join(format!("hugo-public-{k}"));
        let mut cmd = Command::new("hugo");
        cmd.arg("--source")
            .arg(&site)
            .arg("--destination")
            .arg(&out)
            .arg("--minify")
            .arg("--quiet")
            .env("HUGO_CACHEDIR", scratch.join("hugo-cache"));
        runs.push(run(&mut cmd, scratch));
        floors.push(run(
            Command::new("cp")
                .arg("-r")
                .arg(&out)
                .arg(scratch.join(format!("hugo-copy-{k}"))),
            scratch,
        ));
    }
    let snap = snapshot(&scratch.join(format!("hugo-public-{REPEAT}")));
    let (files, bytes) = tree_size(&snap);
    let html = snap
        .keys()
        .filter(|p| p.extension().is_some_and(|x| x == "html"))
        .count();
    if html < pages {
        return Err(format!("hugo wrote {html} pages, expected {pages}"));
    }
    Ok(HugoResult {
        pages,
        runs,
        floors,
        files,
        bytes,
    })
}
