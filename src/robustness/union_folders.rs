//! Union folders: generated contents of `unions/<slug>/` (odd file names, random bytes and
//! real picture and PDF headers, HTML, script and SVG disguised as pictures, nested and too
//! deep folders, FIFOs, and symbolic links out of the folder, to folders, dangling and looping)
//! through the real pipeline. Nothing panics; nothing from outside the union's folder reaches
//! the site (a secret kept outside never shows in an output file or a diagnostic); only PNG,
//! JPEG, WebP and PDF files are published under `files/`, each as its own bytes; and every
//! entry refused is named in a diagnostic (rule `asset-type`, `file-name` or `symlink`), and
//! the union is then not built.

use std::os::unix::fs::symlink;

use super::*;
use folder_gen::{Class, Kind, LOGO, Made, Name, make, named_kind, nodes};

/// Whether the override names a page file `page.md`, and what it is.
#[derive(Debug, Clone, Copy)]
enum PageSlot {
    None,
    /// A page file in the folder.
    Own,
    /// A link to a page outside the project.
    Outside,
}

/// Every file outside the project that holds the secret, and what it holds.
fn plant_secrets(outside: &Path, secret: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let png = [Kind::Png.magic(), secret.as_bytes()].concat();
    let files = vec![
        (outside.join("secret.png"), png.clone()),
        (
            outside.join("secret.md"),
            format!("# 外\n\n{secret}\n").into_bytes(),
        ),
        (outside.join("secret-dir").join("secret.png"), png),
    ];
    for (path, bytes) in &files {
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, bytes).unwrap();
    }
    files
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

// ---------------------------------------------------------------------------------------------
// The property

/// The rules a refused entry of the folder is named under.
const FOLDER_RULES: &[&str] = &["asset-type", "file-name", "symlink"];

#[test]
fn union_folders_publish_only_their_own_pictures_and_name_every_refusal() {
    let scratch = ScratchProject::new();
    let outside = scratch.outside();
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let secret = format!("kumiai-fuzz-secret-{}-{nanos}", std::process::id());
    let planted = plant_secrets(&outside, &secret);
    let tally = Tally::new(&[
        "built",
        "published",
        "refused",
        "asset-type",
        "file-name",
        "symlink",
    ]);
    let page = prop_oneof![
        3 => Just(PageSlot::None),
        1 => Just(PageSlot::Own),
        1 => Just(PageSlot::Outside),
    ];
    let case = (
        prop_oneof![1 => nodes(true), 2 => nodes(false)],
        page,
        prop::bool::weighted(0.05),
    );
    run(
        "pipeline::render(generated union folder)",
        cases(96, 0.05),
        case,
        &tally,
        |(nodes, page, own_link)| {
            scratch.clear_unions();
            let unions = scratch.unions();
            let toml = unions.join(format!("{SLUG}.toml"));
            let own = unions.join(SLUG);
            let mut source = fs::read_to_string(repo_root().join("unions/minimal.toml")).unwrap();
            if !matches!(page, PageSlot::None) {
                source.push_str(
                    "\n[[new_page]]\nid = \"own\"\ntitle = \"独自\"\nfile = \"page.md\"\n",
                );
            }
            fs::write(&toml, source).unwrap();
            fs::write(
                unions.join("beside.png"),
                [Kind::Png.magic(), secret.as_bytes()].concat(),
            )
            .unwrap();
            let mut made = Vec::new();
            if own_link {
                symlink(outside.join("secret-dir"), &own).unwrap();
            } else {
                fs::create_dir(&own).unwrap();
                let logo = [Kind::Png.magic(), &b"logo"[..]].concat();
                fs::write(own.join(LOGO), &logo).unwrap();
                made.push(Made {
                    path: own.join(LOGO),
                    rel: LOGO.to_string(),
                    class: Class::Published(logo),
                });
                match page {
                    PageSlot::None => {}
                    PageSlot::Own => fs::write(own.join("page.md"), "# 独自\n\n本文\n").unwrap(),
                    PageSlot::Outside => {
                        symlink(outside.join("secret.md"), own.join("page.md")).unwrap();
                        made.push(Made {
                            path: own.join("page.md"),
                            rel: "page.md".to_string(),
                            class: Class::Refused,
                        });
                    }
                }
                for node in &nodes {
                    make(node, &own, "", &outside, &mut made);
                }
            }
            let refused: Vec<&Made> = made
                .iter()
                .filter(|m| matches!(m.class, Class::Refused))
                .collect();
            match crate::pipeline::render(&scratch.project, &toml) {
                Ok(rendered) => {
                    tally.add("built");
                    prop_assert!(!own_link, "built from a union folder that is a link");
                    prop_assert!(
                        refused.is_empty(),
                        "built with entries it must refuse: {refused:#?}"
                    );
                    for f in &rendered.files {
                        prop_assert!(
                            !contains(&f.bytes, secret.as_bytes()),
                            "{} holds what lies outside the union's folder",
                            f.path
                        );
                    }
                    let published: BTreeMap<&str, &[u8]> = rendered
                        .files
                        .iter()
                        .filter_map(|f| Some((f.path.strip_prefix("files/")?, &f.bytes[..])))
                        .collect();
                    let expected: BTreeMap<&str, &[u8]> = made
                        .iter()
                        .filter_map(|m| match &m.class {
                            Class::Published(bytes) => Some((m.rel.as_str(), &bytes[..])),
                            _ => None,
                        })
                        .collect();
                    prop_assert_eq!(
                        published.keys().collect::<Vec<_>>(),
                        expected.keys().collect::<Vec<_>>(),
                        "files/ holds what the folder holds"
                    );
                    for (rel, bytes) in &published {
                        tally.add("published");
                        prop_assert!(expected.get(rel) == Some(bytes), "files/{rel} changed");
                        let name = Name {
                            bytes: rel.as_bytes().to_vec(),
                            ok: true,
                        };
                        prop_assert!(
                            named_kind(&name).is_some() && named_kind(&name) == Kind::of(bytes),
                            "files/{rel} is no PNG, JPEG, WebP or PDF named as one"
                        );
                    }
                }
                Err(problems) => {
                    tally.add("refused");
                    prop_assert!(!problems.is_empty(), "refused without a diagnostic");
                    for rule in FOLDER_RULES {
                        if problems.iter().any(|d| d.rule == *rule) {
                            tally.add(rule);
                        }
                    }
                    for d in &problems {
                        check_diag(d, None, d.rule)?;
                        let shown = format!("{d}\n{}", d.render(crate::Lang::Ja));
                        prop_assert!(
                            !shown.contains(&secret),
                            "a diagnostic shows what lies outside the union's folder: {shown}"
                        );
                        prop_assert!(
                            FOLDER_RULES.contains(&d.rule),
                            "refused for something else than its folder: {d:?}"
                        );
                        prop_assert!(
                            d.file.starts_with(&own) || (d.file == toml && d.rule == "symlink"),
                            "a diagnostic names a file outside the union: {d:?}"
                        );
                        let named = made.iter().find(|m| m.path == d.file);
                        prop_assert!(
                            named.is_none_or(|m| matches!(m.class, Class::Refused | Class::Either)),
                            "refused an entry it must accept: {named:?}\n{d}"
                        );
                    }
                    for m in &refused {
                        prop_assert!(
                            problems
                                .iter()
                                .any(|d| d.file.starts_with(&own) && m.path.starts_with(&d.file)),
                            "{:?} is refused without a diagnostic naming it or its folder: {problems:#?}",
                            m.path
                        );
                    }
                    prop_assert!(
                        own_link || !refused.is_empty(),
                        "refused a folder with nothing to refuse: {problems:#?}"
                    );
                }
            }
            Ok(())
        },
    );
    for (path, bytes) in planted {
        assert_eq!(
            fs::read(&path).ok(),
            Some(bytes),
            "{} was changed",
            path.display()
        );
    }
}
