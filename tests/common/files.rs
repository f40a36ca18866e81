//! Files and folders: writing, copying, snapshots and mtimes, listings, broken links, the stylesheet.

use super::*;
use html::{decode_entities, percent_decode};

pub fn write(path: &Path, contents: &str) {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).expect("create parent dir");
    }
    fs::write(path, contents).unwrap_or_else(|e| panic!("writing {}: {e}", path.display()));
}

/// Copies a folder recursively.
pub fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("create dir");
    for entry in fs::read_dir(from).unwrap_or_else(|e| panic!("reading {}: {e}", from.display())) {
        let entry = entry.expect("dir entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).expect("copy file");
        }
    }
}

/// Every file under `dir`, by path relative to it ('/'-separated), with its bytes.
pub fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    for path in files_under(dir) {
        let rel = relative(dir, &path);
        files.insert(rel, fs::read(&path).expect("read file"));
    }
    files
}

/// Every file under `dir`, by relative path, with its modification time.
pub fn mtimes(dir: &Path) -> BTreeMap<String, SystemTime> {
    files_under(dir)
        .into_iter()
        .map(|p| {
            let time = fs::metadata(&p).and_then(|m| m.modified()).expect("mtime");
            (relative(dir, &p), time)
        })
        .collect()
}

/// Every regular file under `dir`, recursively, sorted.
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = fs::read_dir(&d) else {
            continue;
        };
        for entry in entries {
            let entry = entry.expect("dir entry");
            let ty = entry.file_type().expect("file type");
            if ty.is_dir() {
                stack.push(entry.path());
            } else if ty.is_file() {
                out.push(entry.path());
            }
        }
    }
    out.sort();
    out
}

fn relative(dir: &Path, path: &Path) -> String {
    path.strip_prefix(dir)
        .expect("under dir")
        .to_string_lossy()
        .replace('\\', "/")
}

/// Problems with the links of the HTML files under `dir`: every relative `href`/`src` must
/// name an existing file inside `dir`. External schemes and fragment-only links are skipped.
pub fn broken_links(dir: &Path) -> Vec<String> {
    let mut broken = Vec::new();
    let root = dir.canonicalize().expect("canonical output dir");
    for file in files_under(dir) {
        if file.extension().is_none_or(|x| x != "html") {
            continue;
        }
        let html = fs::read_to_string(&file).expect("read html");
        for (attr, value) in link_attributes(&html) {
            let Some(target) = local_target(&value) else {
                continue;
            };
            if target.starts_with('/') {
                // Root-relative links break when the sites are opened from disk or hosted
                // under a sub-path.
                broken.push(format!(
                    "{}: {attr}=\"{value}\" is root-relative",
                    relative(dir, &file)
                ));
                continue;
            }
            let mut resolved = file.parent().expect("file has a parent").join(&target);
            if resolved.is_dir() {
                resolved = resolved.join("index.html");
            }
            let ok = resolved.is_file()
                && resolved
                    .canonicalize()
                    .is_ok_and(|canonical| canonical.starts_with(&root));
            if !ok {
                broken.push(format!(
                    "{}: {attr}=\"{value}\" does not resolve to a file in the output",
                    relative(dir, &file)
                ));
            }
        }
    }
    broken
}

/// The path part of a link value to check, or `None` for links that are not local files.
fn local_target(value: &str) -> Option<String> {
    let value = decode_entities(value.trim());
    let lower = value.to_ascii_lowercase();
    let skipped = ["http:", "https:", "mailto:", "tel:", "data:", "javascript:"];
    if value.is_empty()
        || value.starts_with('#')
        || value.starts_with("//")
        || skipped.iter().any(|s| lower.starts_with(s))
    {
        return None;
    }
    let end = value.find(['?', '#']).unwrap_or(value.len());
    let path = percent_decode(&value[..end]);
    if path.is_empty() {
        return None; // `?x` or similar: the page itself
    }
    Some(path)
}

/// The fingerprinted stylesheet (`assets/style.<hash>.css`) of the site in `dir`, as a path
/// relative to it; panics unless there is exactly one.
pub fn stylesheet_of(dir: &Path) -> String {
    let found: Vec<String> = fs::read_dir(dir.join("assets"))
        .map(|entries| {
            entries
                .filter_map(|e| e.ok())
                .map(|e| format!("assets/{}", e.file_name().to_string_lossy()))
                .filter(|p| is_css_path(p))
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(
        found.len(),
        1,
        "expected one stylesheet in {}: {found:?}",
        dir.display()
    );
    found.into_iter().next().unwrap()
}

/// True for the path of a site's stylesheet, as kumiai names it: `assets/style.<hash>.css`.
pub fn is_css_path(path: &str) -> bool {
    path.strip_prefix("assets/style.")
        .and_then(|rest| rest.strip_suffix(".css"))
        .is_some_and(|hash| !hash.is_empty() && hash.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// A built file's text as a check for smuggled script should see it: `None` for the theme's
/// portal search (`assets/portal.<hash>.js` at the output root, as the default theme ships it),
/// and the portal without the one tag that loads it. No union can change either.
pub fn published_text(out: &Path, file: &Path, bytes: &[u8]) -> Option<String> {
    let name = file.file_name().and_then(|n| n.to_str()).unwrap_or("");
    if file.parent() == Some(out.join("assets").as_path())
        && name.starts_with("portal.")
        && name.ends_with(".js")
        && fs::read(repo_root().join("themes/default/static/portal.js"))
            .ok()
            .as_deref()
            == Some(bytes)
    {
        return None;
    }
    let text = String::from_utf8_lossy(bytes).into_owned();
    if file != out.join("index.html") {
        return Some(text);
    }
    let found = ["<script src=assets/portal.", "<script src=\"assets/portal."]
        .iter()
        .find_map(|tag| text.find(tag));
    let Some(start) = found else {
        return Some(text);
    };
    let end = text[start..]
        .find("</script>")
        .map_or(text.len(), |e| start + e + "</script>".len());
    Some(format!("{}{}", &text[..start], &text[end..]))
}
