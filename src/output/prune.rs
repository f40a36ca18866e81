//! Sites of unions that are gone from `unions/`: found by their manifest, removed file by file
//! (only what kumiai wrote), and only a few at a time unless the build says `--prune`.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use anyhow::Context as _;

use super::manifest::read_manifest;
use super::{MANIFEST, plain_relative};

/// What a build did with the sites of unions no longer in `unions/`.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Gone {
    /// Removed (their slugs).
    pub removed: Vec<String>,
    /// Left in place: too many at once without `--prune`, or a removal failed.
    pub kept: Vec<String>,
    /// Removed, but their folders hold files kumiai did not write, left there.
    pub left_files: Vec<String>,
}

/// The sites in `output` (folders with kumiai's manifest, not hidden) whose slug is not in
/// `slugs`, in name order: one listing of the output folder.
pub fn gone_sites(output: &Path, slugs: &BTreeSet<&str>) -> Vec<String> {
    let Ok(entries) = fs::read_dir(output) else {
        return Vec::new();
    };
    let mut gone: Vec<String> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .filter_map(|e| e.file_name().to_str().map(str::to_string))
        .filter(|name| !name.starts_with('.') && !slugs.contains(name.as_str()))
        .filter(|name| output.join(name).join(MANIFEST).is_file())
        .collect();
    gone.sort();
    gone
}

/// True when removing `gone` sites of `published` (the unions now and those gone) needs
/// `--prune`: more than 10 % of them and more than one, or every one.
pub fn needs_prune(gone: usize, published: usize) -> bool {
    gone > 0 && (gone == published || (gone > 1 && gone * 10 > published))
}

/// Removes a site kumiai wrote: the files its manifest lists, then the manifest, then the
/// folders left empty. True when the folder is gone; false when it holds files kumiai did not
/// write, which stay (with their folders).
pub fn remove_site(dir: &Path) -> anyhow::Result<bool> {
    let manifest =
        read_manifest(dir).with_context(|| format!("reading {}", dir.join(MANIFEST).display()))?;
    let mut folders: BTreeSet<&Path> = BTreeSet::new();
    for file in manifest.files.iter().filter(|f| plain_relative(f)) {
        let path = dir.join(file);
        if path.is_file() {
            fs::remove_file(&path).with_context(|| format!("removing {}", path.display()))?;
        }
        let mut parent = Path::new(file).parent();
        while let Some(p) = parent.filter(|p| !p.as_os_str().is_empty()) {
            folders.insert(p);
            parent = p.parent();
        }
    }
    // The manifest last: until then a failed removal can be tried again by the next build.
    fs::remove_file(dir.join(MANIFEST))
        .with_context(|| format!("removing {}", dir.join(MANIFEST).display()))?;
    // Deepest folders first; a folder that still holds something is not empty and stays.
    for folder in folders.iter().rev() {
        let _ = fs::remove_dir(dir.join(folder));
    }
    Ok(fs::remove_dir(dir).is_ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_many_or_all_at_once_need_prune() {
        assert!(!needs_prune(0, 0));
        assert!(!needs_prune(1, 5));
        assert!(needs_prune(2, 5));
        assert!(needs_prune(1, 1));
        assert!(!needs_prune(138, 1_380));
        assert!(needs_prune(139, 1_380));
    }
}
