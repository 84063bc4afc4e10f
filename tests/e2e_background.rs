//! The background path in the real binary, in tmux: on 10 000 generated
//! facilities (over `INLINE_RECORDS`), the data loads behind the loading
//! frame, and global search and the hospitals filter rank off the UI
//! thread; what they show first is what `careguide search` ranks first.

mod support;
#[path = "../examples/gen/synth.rs"]
mod synth;
#[path = "../examples/gen/tables.rs"]
mod tables;

use std::path::Path;
use std::process::Command;

use serde_json::Value;
use support::tmux::{Tmux, binary};

/// The name of the first hit of `careguide search QUERY` of `kind`.
fn first_hit(data: &Path, query: &str, kind: &str) -> String {
    let out = Command::new(binary())
        .arg("--data")
        .arg(data)
        .args(["search", "--json", query])
        .output()
        .expect("careguide runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let hits: Vec<Value> = serde_json::from_slice(&out.stdout).expect("JSON");
    let hit = hits
        .iter()
        .find(|h| h["kind"] == kind)
        .unwrap_or_else(|| panic!("{query:?} finds a {kind}"));
    hit["name"].as_str().expect("a name").to_string()
}

/// The first line of the screen with `marker`.
fn line_with<'a>(screen: &'a str, marker: &str) -> &'a str {
    screen
        .lines()
        .find(|l| l.contains(marker))
        .unwrap_or_else(|| panic!("{marker:?} on screen:\n{screen}"))
}

/// The start of a name, as a narrow column shows it.
fn start(name: &str) -> String {
    name.chars().take(24).collect()
}

#[test]
fn a_large_directory_is_indexed_and_searched_in_the_background() {
    let data = tempfile::tempdir().expect("temp dir");
    let options = synth::Options {
        facilities: 10_000,
        seed: 1,
        compact: false,
    };
    synth::generate(data.path(), &options).expect("generate");
    let global = first_hit(data.path(), "kqyy xincheng", "facility");
    let dental = first_hit(data.path(), "dental", "facility");

    let personal = data.path().join("no-personal-files");
    let tmux = Tmux::start(
        "background",
        150,
        40,
        &[("CAREGUIDE_PERSONAL", &personal.to_string_lossy())],
        &[],
    );
    tmux.wait_for("the shell prompt", |s| s.contains('$'));
    tmux.type_text(&format!("{} --data '{}'", binary(), data.path().display()));
    tmux.send(&["Enter"]);
    tmux.wait_for("the directory, indexed", |s| {
        s.contains("Hospitals 1/10000") && !s.contains("loading")
    });

    tmux.send(&["C-p"]);
    tmux.type_text("kqyy xincheng");
    // The title shows "…" while the search runs.
    let screen = tmux.wait_for("global search results", |s| {
        s.contains("▸ kqyy xincheng")
            && s.contains("▶ facility")
            && !line_with(s, "Search everything").contains('…')
    });
    assert!(
        line_with(&screen, "▶ facility").contains(&global),
        "{global:?}:\n{screen}"
    );

    // Escape on its own: followed at once by Tab it would read as Alt-Tab.
    tmux.send(&["Escape"]);
    tmux.wait_for("the search closed", |s| !s.contains("Search everything"));
    tmux.send(&["Tab", "/"]);
    tmux.type_text("dental");
    let screen = tmux.wait_for("the hospitals filtered", |s| {
        let title = s.lines().next().unwrap_or_default();
        s.contains("/dental") && title.contains(" of 10000 ─") && !title.contains("…/10000")
    });
    assert!(
        line_with(&screen, "││▶ ").contains(&start(&dental)),
        "{dental:?}:\n{screen}"
    );
    tmux.send(&["Escape"]);
    tmux.wait_for("the filter cleared", |s| !s.contains("/dental"));
    tmux.send(&["q"]);
    tmux.wait_for("the shell again", |s| {
        s.lines().any(|l| l.trim_end() == "$")
    });
}
