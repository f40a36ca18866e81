//! The live-reload stream: saves by every editor's method, broken saves, tabs, stylesheet swaps.

use super::*;

#[test]
fn saving_a_union_reloads_once_by_plain_write_rename_and_vim() {
    let dir = project();
    let root = dir.path();
    let server = start(root, None);
    let addr = server.addr();
    let events = subscribe(addr, "");
    events.expect("ok");

    // (a) A plain write, in two parts as a slow editor does it: still one rebuild.
    let text = renamed(root, "書換健康保険組合");
    {
        let mut file = fs::File::create(minimal_path(root)).unwrap();
        let (first, second) = text.as_bytes().split_at(text.len() / 2);
        file.write_all(first).unwrap();
        file.flush().unwrap();
        std::thread::sleep(Duration::from_millis(3));
        file.write_all(second).unwrap();
    }
    events.expect("reload");
    let more = events.during(SETTLE);
    assert_eq!(count(&more, "reload"), 0, "one save, one reload: {more:?}");
    assert_eq!(
        count(&more, "errors"),
        0,
        "no half-written file was built: {more:?}"
    );
    assert!(get(addr, "/minimal/").text().contains("書換健康保険組合"));
    // The portal lists the new name too.
    assert!(get(addr, "/").text().contains("書換健康保険組合"));

    // (b) A temp file renamed over the union's file.
    let text = fs::read_to_string(minimal_path(root))
        .unwrap()
        .replace("書換健康保険組合", "改名健康保険組合");
    let temp = root.join("unions/.minimal.toml.kumiai-tmp");
    fs::write(&temp, &text).unwrap();
    fs::rename(&temp, minimal_path(root)).unwrap();
    events.expect("reload");
    let more = events.during(SETTLE);
    assert_eq!(count(&more, "reload"), 0, "one save, one reload: {more:?}");
    assert!(get(addr, "/minimal/").text().contains("改名健康保険組合"));

    // (c) vim's save: probe file 4913, backup by rename, new file, backup removed.
    let text = fs::read_to_string(minimal_path(root))
        .unwrap()
        .replace("改名健康保険組合", "編集健康保険組合");
    let unions = root.join("unions");
    fs::write(unions.join("4913"), "").unwrap();
    fs::remove_file(unions.join("4913")).unwrap();
    fs::write(unions.join(".minimal.toml.swp"), "swap").unwrap();
    fs::rename(minimal_path(root), unions.join("minimal.toml~")).unwrap();
    fs::write(minimal_path(root), &text).unwrap();
    fs::remove_file(unions.join("minimal.toml~")).unwrap();
    events.expect("reload");
    let more = events.during(SETTLE);
    assert_eq!(count(&more, "reload"), 0, "one save, one reload: {more:?}");
    assert!(get(addr, "/minimal/").text().contains("編集健康保険組合"));

    // Swap files alone change nothing.
    fs::write(unions.join(".minimal.toml.swp"), "swap 2").unwrap();
    fs::write(unions.join("minimal.toml~"), "backup").unwrap();
    let more = events.during(SETTLE);
    assert!(more.is_empty(), "editor litter triggers nothing: {more:?}");
    server.stop();
}

#[test]
fn a_broken_save_shows_errors_keeps_the_last_good_page_and_a_fix_clears_them() {
    let dir = project();
    let root = dir.path();
    let server = start(root, None);
    let addr = server.addr();
    let events = subscribe(addr, "");
    events.expect("ok");
    let tab = subscribe(addr, "?page=%2Fminimal%2F");
    tab.expect("ok");

    let good = fs::read_to_string(minimal_path(root)).unwrap();
    // An unknown key on line 5, column 1.
    let broken = good.replacen("[union]\n", "[union]\nnmae = \"typo\"\n", 1);
    let line = broken.lines().position(|l| l.starts_with("nmae")).unwrap() + 1;
    fs::write(minimal_path(root), &broken).unwrap();
    let errors = events.expect("errors");
    assert!(errors.contains("unions/minimal.toml"), "{errors}");
    assert!(
        errors.contains(&format!("\"location\":\"unions/minimal.toml:{line}:1\"")),
        "{errors}"
    );
    assert!(
        errors.contains("nmae"),
        "the code frame's line is there: {errors}"
    );
    // The overlay's words come with it, from the message catalogue, in the preview's language.
    assert!(
        errors.contains("\"words\":{") && errors.contains("\"errors_many\":\"{n} errors\""),
        "{errors}"
    );
    let errors_tab = tab.expect("errors");
    assert!(errors_tab.contains(&format!("unions/minimal.toml:{line}:1")));
    // The last good page is still served, and nothing reloaded.
    let page = get(addr, "/minimal/");
    assert_eq!(page.status, 200);
    assert!(page.text().contains(MINIMAL_NAME));
    let more = tab.during(SETTLE);
    assert_eq!(count(&more, "reload"), 0, "{more:?}");

    // A tab opened now gets the overlay at once.
    let late = Events::late(addr, "?page=%2Fminimal%2F");
    assert!(late.contains(&format!("unions/minimal.toml:{line}:1")));
    // A tab on another union sees none of it.
    let other = subscribe(addr, "?page=%2Ftokyo-kiki%2F");
    let other_state = other.next(WAIT).unwrap();
    assert_eq!(other_state.0, "ok", "{other_state:?}");
    assert!(!other_state.1.contains("minimal"));

    fs::write(minimal_path(root), &good).unwrap();
    let ok = events.expect("ok");
    assert!(!ok.contains("\"severity\":\"error\""), "{ok}");
    tab.expect("ok");
    assert!(
        other.during(SETTLE).is_empty(),
        "another union's tab is left alone"
    );
    server.stop();
}

#[test]
fn tabs_reload_only_for_what_they_show() {
    let dir = project();
    let root = dir.path();
    let server = start(root, None);
    let addr = server.addr();
    let minimal = subscribe(addr, "?page=%2Fminimal%2Fpurposes.html");
    let kiki = subscribe(addr, "?page=%2Ftokyo-kiki%2F");
    let portal = subscribe(addr, "?page=%2F");
    for tab in [&minimal, &kiki, &portal] {
        tab.expect("ok");
    }

    // A change inside the union's pages (not its name): its tabs only.
    let text = fs::read_to_string(minimal_path(root))
        .unwrap()
        .replace("9:00～17:00", "9:00～16:00");
    fs::write(minimal_path(root), text).unwrap();
    minimal.expect("reload");
    assert_eq!(count(&kiki.during(SETTLE), "reload"), 0);
    assert_eq!(count(&portal.during(Duration::ZERO), "reload"), 0);

    // A new name shows on the portal too.
    fs::write(minimal_path(root), renamed(root, "新名健康保険組合")).unwrap();
    minimal.expect("reload");
    portal.expect("reload");
    assert_eq!(count(&kiki.during(SETTLE), "reload"), 0);

    // A union's own Markdown page rebuilds that union.
    let page = root.join("unions/tokyo-kiki/storage.md");
    let mut text = fs::read_to_string(&page).unwrap();
    text.push_str("\n追記した段落。\n");
    fs::write(&page, text).unwrap();
    kiki.expect("reload");
    assert!(
        get(addr, "/tokyo-kiki/storage.html")
            .text()
            .contains("追記した段落")
    );
    assert_eq!(count(&minimal.during(SETTLE), "reload"), 0);

    // The base changes every union.
    let base_page = root.join("content/pages/safety.md");
    let mut text = fs::read_to_string(&base_page).unwrap();
    text.push_str("\n基本文に追加した段落。\n");
    fs::write(&base_page, text).unwrap();
    minimal.expect("reload");
    kiki.expect("reload");
    assert!(
        get(addr, "/minimal/safety.html")
            .text()
            .contains("基本文に追加した段落")
    );
    server.stop();
}

#[test]
fn a_stylesheet_change_swaps_css_without_a_reload() {
    let dir = project();
    let root = dir.path();
    let server = start(root, None);
    let addr = server.addr();
    let events = subscribe(addr, "");
    let tab = subscribe(addr, "?page=%2Fminimal%2F");
    events.expect("ok");
    tab.expect("ok");

    let before = css_href(&get(addr, "/minimal/").text());
    let css = root.join("themes/default/static/style.css");
    let mut text = fs::read_to_string(&css).unwrap();
    text.push_str("\n.kumiai-test-marker { color: #c00; }\n");
    fs::write(&css, text).unwrap();
    let version = events.expect("css");
    assert!(
        version.contains('.'),
        "the css event says which version the tab is at"
    );
    tab.expect("css");
    let more = events.during(SETTLE);
    assert_eq!(count(&more, "reload"), 0, "{more:?}");
    // The stylesheet has a new name and the pages link to it; the open tab still links the old
    // name, which its swap asks for again: that answers with the current sheet.
    let after = css_href(&get(addr, "/minimal/").text());
    assert_ne!(before, after);
    assert_eq!(css_href(&get(addr, "/").text()), after);
    for path in [&before, &after] {
        for site in ["/minimal/", "/"] {
            let css = get(addr, &format!("{site}{path}"));
            assert_eq!(css.status, 200, "{site}{path}");
            assert!(css.text().contains("kumiai-test-marker"), "{site}{path}");
        }
    }

    // A broken theme shows on every tab and the pages stay; fixing it clears it.
    let good = fs::read_to_string(root.join("themes/default/templates/page.html")).unwrap();
    fs::write(
        root.join("themes/default/templates/page.html"),
        format!("{good}\n{{% if %}}"),
    )
    .unwrap();
    let errors = tab.expect("errors");
    assert!(errors.contains("themes/default"), "{errors}");
    assert_eq!(get(addr, "/minimal/").status, 200);
    fs::write(root.join("themes/default/templates/page.html"), good).unwrap();
    tab.expect("ok");
    server.stop();
}
