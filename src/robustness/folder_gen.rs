//! Generated union folders for `union_folders`: names (odd ones among them), contents (real
//! picture and PDF headers, random bytes, markup disguised as pictures, polyglots), folders
//! nested and too deep, named pipes, and symbolic links of every kind; and what kumiai must do
//! with each entry once it is made.

use std::ffi::OsString;
use std::os::unix::ffi::OsStringExt;
use std::os::unix::fs::symlink;

use super::*;

/// The kinds of asset a union may publish.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Png,
    Jpeg,
    Webp,
    Pdf,
}

impl Kind {
    pub(crate) fn magic(self) -> &'static [u8] {
        match self {
            Kind::Png => b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR",
            Kind::Jpeg => b"\xFF\xD8\xFF\xE0\0\x10JFIF\0",
            Kind::Webp => b"RIFF\x24\0\0\0WEBPVP8 ",
            Kind::Pdf => b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n",
        }
    }

    fn extensions(self) -> &'static [&'static str] {
        match self {
            Kind::Png => &["png", "PNG"],
            Kind::Jpeg => &["jpg", "jpeg", "JPG", "Jpeg"],
            Kind::Webp => &["webp", "WebP"],
            Kind::Pdf => &["pdf", "PDF"],
        }
    }

    pub(crate) fn of(bytes: &[u8]) -> Option<Kind> {
        [Kind::Png, Kind::Jpeg, Kind::Webp, Kind::Pdf]
            .into_iter()
            .find(|k| bytes.starts_with(&k.magic()[..4]))
    }
}

fn kind() -> impl Strategy<Value = Kind> {
    select(vec![Kind::Png, Kind::Jpeg, Kind::Webp, Kind::Pdf])
}

/// A file or folder name as bytes (not always UTF-8), and whether kumiai must accept it.
#[derive(Clone)]
pub(crate) struct Name {
    pub bytes: Vec<u8>,
    pub ok: bool,
}

impl std::fmt::Debug for Name {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{:?}{}",
            String::from_utf8_lossy(&self.bytes),
            if self.ok { "" } else { " (odd)" }
        )
    }
}

/// A name ending in `.ext`: an accepted one, or one refused for a page file and an asset alike
/// (control or invisible characters, hidden, too long, a Windows device, a character no system
/// takes, a trailing dot or space, not UTF-8), or one refused for an asset only (a space, `#`,
/// `%`, `&`).
fn name(ext: &'static str, clean: bool) -> BoxedStrategy<Name> {
    let with_ext = move |stem: &[u8]| -> Vec<u8> {
        let mut bytes = stem.to_vec();
        if !ext.is_empty() {
            bytes.push(b'.');
            bytes.extend_from_slice(ext.as_bytes());
        }
        bytes
    };
    let good = prop_oneof![
        4 => "f[a-z0-9_-]{0,8}".prop_map(String::into_bytes),
        1 => select(vec!["地図", "写真-1", "f1.v2", "F_B"]).prop_map(|s| s.as_bytes().to_vec()),
    ]
    .prop_map(move |stem| Name {
        bytes: with_ext(&stem),
        ok: true,
    });
    if clean {
        return good.boxed();
    }
    let page = ext.eq_ignore_ascii_case("md");
    let odd_everywhere = prop_oneof![
        select(vec![
            &b"a\nb"[..],
            b"a\tb",
            b"\x01x",
            b"x\x7f",
            "x\u{202E}gnp".as_bytes(),
            "x\u{200B}".as_bytes(),
            b".hidden",
            b"..x",
            b"con",
            b"NUL",
            b"com1",
            b"lpt9",
            b"aux",
            b"prn",
            b"a?b",
            b"a:b",
            b"a*b",
            b"a|b",
            b"a\\b",
            b"a\"b",
            b"a<b>",
            b"\xFF\xFE",
            b"\xE6\x97",
        ])
        .prop_map(with_ext),
        (101usize..200).prop_map(move |n| with_ext(&b"a".repeat(n))),
        Just(with_ext(b"trailing")).prop_map(|mut b| {
            b.push(b'.');
            b
        }),
        Just(with_ext(b"trailing")).prop_map(|mut b| {
            b.push(b' ');
            b
        }),
    ]
    .prop_map(|bytes| Name { bytes, ok: false });
    let odd_for_assets = select(vec![
        &b"a b"[..],
        b"a#b",
        b"a%20b",
        b"a&b",
        "a　b".as_bytes(),
    ])
    .prop_map(move |stem| Name {
        bytes: with_ext(stem),
        ok: page,
    });
    prop_oneof![6 => good, 3 => odd_everywhere, 1 => odd_for_assets].boxed()
}

/// What a file holds.
#[derive(Debug, Clone)]
pub(crate) enum Content {
    /// A picture or document of an allowed kind: its first bytes and a harmless tail.
    Good(Kind, Vec<u8>),
    /// Bytes of no allowed kind (after a zero byte, which no format starts with).
    Random(Vec<u8>),
    /// HTML, script or SVG text.
    Markup(&'static str),
    /// An allowed kind that also holds script.
    Polyglot(Kind, &'static str),
    /// A PDF that runs something.
    PdfAction(&'static str),
}

impl Content {
    fn bytes(&self) -> Vec<u8> {
        match self {
            Content::Good(kind, tail) => [kind.magic(), tail].concat(),
            Content::Random(bytes) => [&[0u8][..], bytes].concat(),
            Content::Markup(text) => text.as_bytes().to_vec(),
            Content::Polyglot(kind, text) => [kind.magic(), text.as_bytes()].concat(),
            Content::PdfAction(text) => [Kind::Pdf.magic(), text.as_bytes()].concat(),
        }
    }
}

/// A tail no markup or PDF action can be read in: no `<`, `/`, `:` or `=`.
fn harmless_tail() -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(
        any::<u8>().prop_filter("no markup", |b| !b"</:=".contains(b)),
        0..64,
    )
}

const MARKUP: &[&str] = &[
    "<!DOCTYPE html><html><body><script>alert(document.cookie)</script>",
    "<html><body onload=alert(1)>",
    "alert(document.cookie);",
    "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>",
    "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>",
    "<?xml version=\"1.0\"?><svg/>",
    "GIF89a<script>alert(1)</script>",
];

/// What a folder entry is.
#[derive(Debug, Clone)]
pub(crate) enum Node {
    File(Name, Content),
    Dir(Name, Vec<Node>),
    /// A Markdown page file (read only when the override names it).
    Page(Name),
    /// Folders nested `n` deep (past the limit), with a picture at the bottom.
    DeepDirs(usize),
    Link(Name, Target),
    /// Two links to each other.
    LinkLoop(Name, Name),
    /// A named pipe.
    Fifo(Name),
}

/// Where a symbolic link leads.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Target {
    /// The secret picture outside the project, by its absolute path.
    OutsideFile,
    /// The same, by a relative path.
    OutsideFileRelative,
    /// A folder outside the project, holding a secret picture.
    OutsideDir,
    /// A secret picture in `unions/`, beside the union's folder.
    Beside,
    /// The project's own `kumiai.toml`.
    ProjectFile,
    Nowhere,
    ItSelf,
    /// The union's folder itself.
    OwnFolder,
    /// `logo.png`, a good picture in the union's folder: the only link kumiai follows.
    OwnPicture,
}

impl Target {
    fn path(self, outside: &Path, name: &[u8]) -> PathBuf {
        match self {
            Target::OutsideFile => outside.join("secret.png"),
            Target::OutsideFileRelative => PathBuf::from("../../../outside/secret.png"),
            Target::OutsideDir => outside.join("secret-dir"),
            Target::Beside => PathBuf::from("../beside.png"),
            Target::ProjectFile => PathBuf::from("../../kumiai.toml"),
            Target::Nowhere => PathBuf::from("nowhere.png"),
            Target::ItSelf => PathBuf::from(OsString::from_vec(name.to_vec())),
            Target::OwnFolder => PathBuf::from("."),
            Target::OwnPicture => PathBuf::from("logo.png"),
        }
    }
}

fn good_file() -> impl Strategy<Value = Node> {
    (kind(), harmless_tail(), any::<Index>()).prop_flat_map(|(kind, tail, ext)| {
        let ext = ext.get(kind.extensions());
        name(ext, true).prop_map(move |n| Node::File(n, Content::Good(kind, tail.clone())))
    })
}

fn node_leaf(clean: bool) -> BoxedStrategy<Node> {
    let good = prop_oneof![
        4 => good_file(),
        1 => name("md", true).prop_map(Node::Page),
        1 => name("png", true).prop_map(|n| Node::Link(n, Target::OwnPicture)),
    ];
    if clean {
        return good.boxed();
    }
    let allowed_ext = || select(vec!["png", "jpg", "jpeg", "webp", "pdf", "PNG"]);
    let any_ext = select(vec![
        "png", "jpg", "webp", "pdf", "md", "svg", "SVG", "html", "htm", "js", "mjs", "txt", "exe",
        "gif", "",
    ]);
    let content = prop_oneof![
        2 => (kind(), harmless_tail()).prop_map(|(k, t)| Content::Good(k, t)),
        1 => prop::collection::vec(any::<u8>(), 0..200).prop_map(Content::Random),
        2 => select(MARKUP.to_vec()).prop_map(Content::Markup),
        2 => (kind(), select(vec![
            "<script>alert(1)</script>",
            "<SCRIPT src=x>",
            "<iframe src=x>",
            "javascript:alert(1)",
            "<img onerror=alert(1)>",
        ]))
            .prop_map(|(k, t)| Content::Polyglot(k, t)),
        1 => select(vec![
            "<< /S /JavaScript /JS (app.alert(1)) >>",
            "<< /Type /Action /S /Launch >>",
            "<< /EmbeddedFile 1 0 R >>",
        ])
        .prop_map(Content::PdfAction),
    ];
    let target = select(vec![
        Target::OutsideFile,
        Target::OutsideFileRelative,
        Target::OutsideDir,
        Target::Beside,
        Target::ProjectFile,
        Target::Nowhere,
        Target::ItSelf,
        Target::OwnFolder,
        Target::OwnPicture,
    ]);
    prop_oneof![
        3 => good,
        // Any name and content: which are refused is worked out when the entry is made.
        4 => any_ext.prop_flat_map(move |ext| (name(ext, false), content.clone()))
            .prop_map(|(n, c)| Node::File(n, c)),
        1 => name("md", false).prop_map(Node::Page),
        3 => (allowed_ext().prop_flat_map(|ext| name(ext, false)), target)
            .prop_map(|(n, t)| Node::Link(n, t)),
        1 => (name("png", true), name("png", true)).prop_map(|(a, b)| Node::LinkLoop(a, b)),
        1 => (9usize..14).prop_map(Node::DeepDirs),
        1 => name("png", true).prop_map(Node::Fifo),
    ]
    .boxed()
}

pub(crate) fn nodes(clean: bool) -> impl Strategy<Value = Vec<Node>> {
    let tree = node_leaf(clean).prop_recursive(3, 24, 6, move |inner| {
        (name("", clean), prop::collection::vec(inner, 0..4)).prop_map(|(n, c)| Node::Dir(n, c))
    });
    prop::collection::vec(tree, 0..7)
}

// ---------------------------------------------------------------------------------------------
// Making the folder

/// What kumiai must do with an entry made in the folder.
#[derive(Debug)]
pub(crate) enum Class {
    /// Publish it as `files/<rel>`, with these bytes.
    Published(Vec<u8>),
    /// A page file or a folder: neither published nor refused.
    Kept,
    /// Refuse it, naming it (or a folder it is in) in a diagnostic.
    Refused,
    /// Either (a folder deep in a chain: where the depth limit falls is not this test's
    /// business).
    Either,
}

#[derive(Debug)]
pub(crate) struct Made {
    pub path: PathBuf,
    pub rel: String,
    pub class: Class,
}

fn os_name(name: &Name) -> OsString {
    OsString::from_vec(name.bytes.clone())
}

/// The asset kind a file name promises: `None` for a name kumiai publishes nothing under.
pub(crate) fn named_kind(name: &Name) -> Option<Kind> {
    let ext = name.bytes.rsplit(|&b| b == b'.').next()?;
    match String::from_utf8_lossy(ext).to_ascii_lowercase().as_str() {
        "png" => Some(Kind::Png),
        "jpg" | "jpeg" => Some(Kind::Jpeg),
        "webp" => Some(Kind::Webp),
        "pdf" => Some(Kind::Pdf),
        _ => None,
    }
}

fn is_page_name(name: &Name) -> bool {
    name.bytes.to_ascii_lowercase().ends_with(b".md")
}

pub(crate) const LOGO: &str = "logo.png";

/// Makes `node` in `dir` (`rel` is its path in the union's folder, `/`-separated, ending in `/`
/// unless empty), and notes what kumiai must do with each entry made. An entry whose name is
/// taken already is left out.
pub(crate) fn make(node: &Node, dir: &Path, rel: &str, outside: &Path, made: &mut Vec<Made>) {
    let note = |made: &mut Vec<Made>, name: &Name, class: Class| {
        let path = dir.join(os_name(name));
        let rel = format!("{rel}{}", String::from_utf8_lossy(&name.bytes));
        made.push(Made { path, rel, class });
    };
    let free = |name: &Name| fs::symlink_metadata(dir.join(os_name(name))).is_err();
    match node {
        Node::File(name, content) if free(name) => {
            let bytes = content.bytes();
            fs::write(dir.join(os_name(name)), &bytes).unwrap();
            let class = if !name.ok {
                Class::Refused
            } else if is_page_name(name) {
                Class::Kept
            } else {
                match (named_kind(name), content) {
                    (Some(named), Content::Good(kind, _)) if named == *kind => {
                        Class::Published(bytes)
                    }
                    _ => Class::Refused,
                }
            };
            note(made, name, class);
        }
        Node::Page(name) if free(name) => {
            fs::write(dir.join(os_name(name)), "# ページ\n\n本文\n").unwrap();
            note(
                made,
                name,
                if name.ok { Class::Kept } else { Class::Refused },
            );
        }
        Node::Dir(name, children) if free(name) => {
            let path = dir.join(os_name(name));
            fs::create_dir(&path).unwrap();
            note(
                made,
                name,
                if name.ok { Class::Kept } else { Class::Refused },
            );
            let rel = format!("{rel}{}/", String::from_utf8_lossy(&name.bytes));
            for child in children {
                make(child, &path, &rel, outside, made);
            }
        }
        Node::DeepDirs(n) => {
            let mut path = dir.to_path_buf();
            let mut sub = rel.to_string();
            for level in 1..=*n {
                let name = format!("deep{level}");
                path.push(&name);
                if fs::create_dir(&path).is_err() {
                    return;
                }
                sub = format!("{sub}{name}/");
                made.push(Made {
                    path: path.clone(),
                    rel: sub.clone(),
                    class: if level <= 3 {
                        Class::Kept
                    } else {
                        Class::Either
                    },
                });
            }
            fs::write(path.join(LOGO), Kind::Png.magic()).unwrap();
            made.push(Made {
                path: path.join(LOGO),
                rel: format!("{sub}{LOGO}"),
                class: Class::Refused,
            });
        }
        Node::Link(name, target) if free(name) => {
            symlink(target.path(outside, &name.bytes), dir.join(os_name(name))).unwrap();
            let to_logo = matches!(target, Target::OwnPicture) && rel.is_empty();
            let class = if name.ok && to_logo && named_kind(name) == Some(Kind::Png) {
                Class::Published(fs::read(dir.join(LOGO)).unwrap())
            } else {
                Class::Refused
            };
            note(made, name, class);
        }
        Node::LinkLoop(a, b) if free(a) && free(b) => {
            symlink(os_name(b), dir.join(os_name(a))).unwrap();
            note(made, a, Class::Refused);
            if free(b) {
                symlink(os_name(a), dir.join(os_name(b))).unwrap();
                note(made, b, Class::Refused);
            }
        }
        Node::Fifo(name) if free(name) => {
            let path = std::ffi::CString::new(dir.join(os_name(name)).into_os_string().into_vec())
                .expect("no NUL in a path");
            // SAFETY: a valid C string; mkfifo only creates a file.
            if unsafe { libc::mkfifo(path.as_ptr(), 0o644) } == 0 {
                note(made, name, Class::Refused);
            }
        }
        _ => {}
    }
}
