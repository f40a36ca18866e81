//! What a site is built from, hashed: when nothing changed, a build skips the union entirely
//! (no rendering, no file touched), which keeps no-op rebuilds of 1,400 unions instant.

use std::path::Path;

use blake3::Hasher;

use crate::load::tree::Tree;

/// What kumiai writes into a union's site. Part of the hash so that sites built before a new
/// kind of file existed (print.html, policy.json) are rendered again without `--force`; change
/// it whenever kumiai starts writing a different set of files for the same inputs.
const OUTPUTS: &str = "pages print.html policy.json policy-v1.schema.json";

/// Hash of everything every union depends on: kumiai's version, `kumiai.toml`, `content/` and
/// the theme. (Someone changing kumiai's code without changing its version uses
/// `build --force`; hashing the executable would make the output depend on which binary wrote
/// it, and the same inputs must give the same bytes.)
pub fn project(root: &Path, theme: &str) -> String {
    let mut hasher = Hasher::new();
    hasher.update(env!("CARGO_PKG_VERSION").as_bytes());
    hasher.update(OUTPUTS.as_bytes());
    add_file(&mut hasher, root, &root.join("kumiai.toml"));
    let trees = [
        (Some(Tree::base(root)), "content".to_string()),
        (Tree::theme(root, theme), format!("themes/{theme}")),
    ];
    for (tree, name) in trees {
        match tree {
            Some(tree) if tree.is_built_in() => add_built_in(&mut hasher, &tree, &name),
            Some(tree) => add_tree(&mut hasher, root, tree.dir()),
            None => {}
        }
    }
    hasher.finalize().to_hex().to_string()
}

/// Adds every file of a tree compiled into kumiai, by name and content, as [`add_tree`] adds
/// the same files in the project's folder `dir` (so a project with a copy of the built-in base
/// and theme, and one without, build the same bytes).
fn add_built_in(hasher: &mut Hasher, tree: &Tree, dir: &str) {
    for name in tree.files("").unwrap_or_default() {
        hasher.update(format!("{dir}/{name}").as_bytes());
        hasher.update(&[0]);
        let bytes = tree.read(&name).unwrap_or_default();
        hasher.update(&(bytes.len() as u64).to_le_bytes());
        hasher.update(&bytes);
    }
}

/// Hash of one union's inputs: the project's hash, its override and its own folder.
pub fn union(project: &str, override_file: &Path, own_dir: &Path) -> String {
    let mut hasher = Hasher::new();
    hasher.update(project.as_bytes());
    let root = override_file.parent().unwrap_or(override_file);
    add_file(&mut hasher, root, override_file);
    add_tree(&mut hasher, root, own_dir);
    hasher.finalize().to_hex().to_string()
}

/// Adds every file under `dir`, in name order (nothing when `dir` does not exist: one failed
/// `open`, which is what most unions' own folders cost).
fn add_tree(hasher: &mut Hasher, root: &Path, dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<(std::ffi::OsString, std::fs::FileType)> = entries
        .filter_map(Result::ok)
        .filter_map(|e| Some((e.file_name(), e.file_type().ok()?)))
        .collect();
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    for (name, kind) in entries {
        let path = dir.join(name);
        if kind.is_dir() {
            add_tree(hasher, root, &path);
        } else if kind.is_file() {
            add_file(hasher, root, &path);
        } else {
            // A link (never followed here) or a pipe: its name and where it leads, so that adding
            // one to a union's folder builds the union again (and the load refuses it).
            let name = portable(path.strip_prefix(root).unwrap_or(&path));
            hasher.update(name.as_bytes());
            hasher.update(b"\0link\0");
            if let Ok(target) = std::fs::read_link(&path) {
                hasher.update(target.to_string_lossy().as_bytes());
            }
        }
    }
}

/// A relative path with `/` between its parts on every system, so that the same project hashes
/// (and so builds) the same bytes on Windows as on Linux.
fn portable(path: &Path) -> String {
    let parts: Vec<_> = path.iter().map(|part| part.to_string_lossy()).collect();
    parts.join("/")
}

fn add_file(hasher: &mut Hasher, root: &Path, path: &Path) {
    let name = portable(path.strip_prefix(root).unwrap_or(path));
    hasher.update(name.as_bytes());
    hasher.update(&[0]);
    match read_small(path) {
        Ok(bytes) => {
            hasher.update(&(bytes.len() as u64).to_le_bytes());
            hasher.update(&bytes);
        }
        Err(_) => {
            hasher.update(b"missing");
        }
    }
}

/// Reads a whole (small) file in as few system calls as can be: no size query first, and no
/// extra read to meet the end when the first read came back short (a regular file returns less
/// than asked only at its end). A no-op build of 1,400 unions reads a few thousand files.
pub fn read_small(path: &Path) -> std::io::Result<Vec<u8>> {
    use std::io::Read as _;
    let mut file = std::fs::File::open(path)?;
    let mut bytes = vec![0; 16 * 1024];
    let mut len = 0;
    loop {
        let n = file.read(&mut bytes[len..])?;
        len += n;
        if n == 0 || len < bytes.len() {
            break;
        }
        bytes.resize(bytes.len() * 2, 0);
    }
    bytes.truncate(len);
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_input_change_changes_the_hash() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("unions/u")).unwrap();
        std::fs::write(root.join("unions/u.toml"), "a").unwrap();
        let p = project(root, "default");
        let first = union(&p, &root.join("unions/u.toml"), &root.join("unions/u"));
        assert_eq!(
            first,
            union(&p, &root.join("unions/u.toml"), &root.join("unions/u"))
        );
        std::fs::write(root.join("unions/u/page.md"), "x").unwrap();
        let second = union(&p, &root.join("unions/u.toml"), &root.join("unions/u"));
        assert_ne!(first, second);
        std::fs::write(root.join("kumiai.toml"), "title = 'x'").unwrap();
        let p2 = project(root, "default");
        assert_ne!(p, p2);
        assert_ne!(
            second,
            union(&p2, &root.join("unions/u.toml"), &root.join("unions/u"))
        );
    }

    #[test]
    fn files_larger_than_one_read_are_read_whole() {
        let dir = tempfile::tempdir().unwrap();
        for len in [0, 1, 16 * 1024 - 1, 16 * 1024, 16 * 1024 + 1, 100_000] {
            let bytes: Vec<u8> = (0..len).map(|i| (i % 251) as u8).collect();
            let path = dir.path().join(format!("f{len}"));
            std::fs::write(&path, &bytes).unwrap();
            assert_eq!(read_small(&path).unwrap(), bytes, "{len} bytes");
        }
    }
}
