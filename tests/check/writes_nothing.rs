//! `check` writes nothing.

use super::*;

#[test]
fn check_writes_nothing() {
    let (p, _) = three_unions();
    p.union("d", &acknowledged_union());
    p.union(
        "e",
        &clean("[[page]]\nid = \"requests\"\nfile = \"requests.md\"\n"),
    );
    p.union_file("e", "requests.md", "{{ wording.fee }}\n\n令和1年に改定。\n");
    p.union("f", "[union]\nname = \"壊れた\n");
    // Once never built: no public/ appears.
    let before = snapshot(p.path());
    let times = mtimes(p.path());
    p.check();
    p.check_cli(&[]);
    assert_eq!(snapshot(p.path()), before);
    assert!(!p.out().exists(), "check creates no output folder");

    // And after a build: public/ and its file list are left alone too.
    p.build();
    assert!(p.out().join("c").join("index.html").is_file());
    let before = snapshot(p.path());
    let times_after_build = mtimes(p.path());
    p.check();
    p.check_only(&["e"]);
    for args in [
        &[][..],
        &["--format", "json"],
        &["--lang", "ja"],
        &["--deny-warnings"],
        &["--union", "c"],
    ] {
        p.check_cli(args);
    }
    assert_eq!(snapshot(p.path()), before, "check changed the project");
    assert_eq!(mtimes(p.path()), times_after_build, "check touched a file");
    // The unions were not touched by the build either.
    for (name, time) in &times {
        if name.starts_with("unions/") {
            assert_eq!(times_after_build.get(name), Some(time), "{name}");
        }
    }
}
