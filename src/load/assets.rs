//! `unions/<slug>/`: the union's own folder, read once when the union loads. Its Markdown files
//! are page files (read where the override names them, see `pages`); every other file is an
//! asset published under `files/`, and only when it is what a policy site needs and a browser
//! cannot run: a PNG, JPEG or WebP picture or a PDF, told by its content (its first bytes), not
//! only by its name. Anything else is refused with a diagnostic naming it: a symbolic link that
//! leads out of the folder, nowhere or round in a loop, a linked folder, HTML, script, SVG (it can
//! carry script), a picture that is really a page, an odd file name, a device or a pipe.

use std::path::Path;

use crate::diagnostic::Diagnostic;

mod kind;
mod name;

use kind::check_asset;
pub(crate) use name::odd_name;

/// How deep folders may nest inside a union's folder.
const MAX_DEPTH: usize = 8;

/// One asset, checked and read: it is published as `files/<rel>`.
#[derive(Debug, Clone)]
pub struct Asset {
    /// Its path inside the union's folder, `/`-separated.
    pub rel: String,
    pub bytes: Vec<u8>,
}

/// What the union's folder holds for the site: the assets to publish, and every file refused.
#[derive(Debug, Clone, Default)]
pub struct UnionFolder {
    pub assets: Vec<Asset>,
    /// One diagnostic per refused file (errors: the union is not built with them).
    pub problems: Vec<Diagnostic>,
}

/// Reads `own_dir` (nothing when it does not exist): its assets, and what it refuses.
pub fn read_folder(own_dir: &Path) -> UnionFolder {
    let mut folder = UnionFolder::default();
    let meta = match std::fs::symlink_metadata(own_dir) {
        Ok(meta) => meta,
        Err(_) => return folder,
    };
    let shown = own_dir.display();
    if meta.file_type().is_symlink() {
        folder.problems.push(
            refuse(
                own_dir,
                "symlink",
                (
                    format!("the union's folder {shown} is a symbolic link: kumiai publishes only files kept in the folder itself"),
                    format!("組合のフォルダ {shown} がシンボリックリンクです。kumiai はフォルダそのものに置かれたファイルだけを公開します"),
                ),
                (
                    format!("replace the link with a real folder {shown} holding the files"),
                    format!("リンクをやめ、ファイルを入れた本物のフォルダ {shown} にしてください"),
                ),
            ),
        );
        return folder;
    }
    if !meta.is_dir() {
        folder.problems.push(refuse(
            own_dir,
            "asset-type",
            (
                format!("{shown} must be the union's folder, but it is not a folder"),
                format!("{shown} は組合のフォルダであるべきですが、フォルダではありません"),
            ),
            (
                "remove it, or make it a folder holding the union's pages and pictures".to_string(),
                "削除するか、組合のページと画像を入れるフォルダにしてください".to_string(),
            ),
        ));
        return folder;
    }
    let Ok(canonical) = std::fs::canonicalize(own_dir) else {
        return folder;
    };
    walk(own_dir, "", &canonical, 0, &mut folder);
    folder
}

fn walk(dir: &Path, prefix: &str, root: &Path, depth: usize, folder: &mut UnionFolder) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            folder.problems.push(Diagnostic::unreadable(dir, &e, true));
            return;
        }
    };
    let mut entries: Vec<_> = entries.filter_map(Result::ok).collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = entry.path();
        let name = entry.file_name();
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        let is_page = Path::new(&name)
            .extension()
            .is_some_and(|x| x.eq_ignore_ascii_case("md"));
        if let Some(problem) = odd_name(&path, &name, is_page && !kind.is_dir()) {
            folder.problems.push(problem);
            continue;
        }
        let Some(name) = name.to_str() else { continue };
        let rel = format!("{prefix}{name}");
        if kind.is_symlink() {
            if let Some(problem) = symlink_problem(&path, root, OWN_FOLDER) {
                folder.problems.push(problem);
                continue;
            }
            // A link to a file of this same folder: that file, under this name.
        } else if kind.is_dir() {
            if depth + 1 >= MAX_DEPTH {
                folder.problems.push(refuse(
                    &path,
                    "asset-type",
                    (
                        format!("folders nest more than {MAX_DEPTH} deep in the union's folder"),
                        format!(
                            "組合のフォルダの中でフォルダが {MAX_DEPTH} 階層より深くなっています"
                        ),
                    ),
                    (
                        "keep pictures and documents at most a few folders deep".to_string(),
                        "画像や文書はあまり深くないフォルダに置いてください".to_string(),
                    ),
                ));
                continue;
            }
            walk(&path, &format!("{rel}/"), root, depth + 1, folder);
            continue;
        } else if !kind.is_file() {
            folder.problems.push(
                refuse(
                    &path,
                    "asset-type",
                    (
                        "this is not a regular file (a pipe, socket or device); only files can be published".to_string(),
                        "通常のファイルではありません（パイプ・ソケット・デバイス）。公開できるのはファイルだけです".to_string(),
                    ),
                    (
                        "remove it from the union's folder".to_string(),
                        "組合のフォルダから削除してください".to_string(),
                    ),
                ),
            );
            continue;
        }
        if is_page {
            // Page files are read where the override names them.
            continue;
        }
        match check_asset(&path) {
            Ok(bytes) => folder.assets.push(Asset { rel, bytes }),
            Err(problem) => folder.problems.push(problem),
        }
    }
}

/// A diagnostic about one file of the union's folder (no place inside it): what is wrong and
/// what to do, in English and Japanese.
pub(super) fn refuse(
    path: &Path,
    rule: &'static str,
    (en, ja): (String, String),
    (help, help_ja): (String, String),
) -> Diagnostic {
    Diagnostic::file(path, en)
        .rule(rule)
        .with_suggestion(help)
        .ja(ja, Some(help_ja))
}

/// The union's folder, as the messages about its links name it.
pub(crate) const OWN_FOLDER: (&str, &str) = ("the union's folder", "組合のフォルダ");

/// Why a symbolic link at `path` is refused: it leads nowhere or in a loop, out of `root` (a
/// canonical path, named `within` in English and Japanese), or to a folder. `None` for a link to
/// a file inside `root`.
pub(crate) fn symlink_problem(
    path: &Path,
    root: &Path,
    (within, within_ja): (&str, &str),
) -> Option<Diagnostic> {
    // The diagnostic names the whole path; the message, the name alone.
    let shown = format!(
        "`{}`",
        path.file_name().unwrap_or_default().to_string_lossy()
    );
    let target = match std::fs::canonicalize(path) {
        Ok(target) => target,
        Err(e) => {
            // ELOOP: 40 on Linux, 62 on macOS and the BSDs.
            let looping = matches!(e.raw_os_error(), Some(40 | 62))
                || e.to_string().contains("levels of symbolic links");
            let (what, what_ja) = if looping {
                ("leads round in a loop", "循環していて")
            } else {
                (
                    "leads to nothing (its target does not exist)",
                    "指す先がなく",
                )
            };
            return Some(refuse(
                path,
                "symlink",
                (
                    format!("{shown} is a symbolic link that {what}"),
                    format!("{shown} はシンボリックリンクですが、{what_ja}読めません"),
                ),
                (
                    "replace the link with the file itself, or remove it".to_string(),
                    "リンクをやめてファイルそのものを置くか、削除してください".to_string(),
                ),
            ));
        }
    };
    if !target.starts_with(root) {
        return Some(refuse(
            path,
            "symlink",
            (
                format!(
                    "{shown} is a symbolic link to a file outside {within}: it is not read, and nothing from outside is published"
                ),
                format!(
                    "{shown} は{within_ja}の外を指すシンボリックリンクです。読み込まず、外のものは公開しません"
                ),
            ),
            (
                format!("copy the file itself into {within} instead of linking to it"),
                format!("リンクではなく、ファイルそのものを{within_ja}にコピーしてください"),
            ),
        ));
    }
    if !target.is_file() {
        return Some(refuse(
            path,
            "symlink",
            (
                format!("{shown} is a symbolic link to a folder: linked folders are not followed"),
                format!(
                    "{shown} はフォルダへのシンボリックリンクです。リンクしたフォルダはたどりません"
                ),
            ),
            (
                "put the files in a real folder instead".to_string(),
                "ファイルは本物のフォルダに置いてください".to_string(),
            ),
        ));
    }
    None
}
