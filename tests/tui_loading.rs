//! The loading frame in a real terminal (tmux): the TUI drawn before its
//! data is there, `q` that quits at once while the load still runs, keys
//! typed meanwhile kept for the directory, and the real binary drawing the
//! frame before the panes on a generated directory large enough to need it.
//!
//! The blocked load is this test binary run again inside tmux (the ignored
//! test `tui_with_a_load_held_shut`), with a loader that waits until the
//! test creates a file.

mod support;
#[path = "../examples/gen/synth.rs"]
mod synth;
#[path = "../examples/gen/tables.rs"]
mod tables;

use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;
use std::time::Duration;

use careguide::data::{self, DataSource, Sources};
use careguide::tui::run::{Outcome, Setup, Start, run};
use support::tmux::{Tmux, binary};

/// Names the file whose creation releases the held load.
const GATE: &str = "CAREGUIDE_TEST_LOAD_GATE";

/// Not a test on its own: the TUI on the embedded data, its load reporting
/// 103 of 252 files done and then held until the file `$GATE` exists.
#[test]
#[ignore = "run inside tmux by the tests below"]
fn tui_with_a_load_held_shut() {
    let gate = PathBuf::from(std::env::var_os(GATE).expect("the gate's path"));
    let load = move |sources: &Sources, progress: &data::Progress| {
        progress.total.store(252, Ordering::Relaxed);
        progress.done.store(103, Ordering::Relaxed);
        while !gate.exists() {
            std::thread::sleep(Duration::from_millis(20));
        }
        data::load_counting(sources, progress)
    };
    let sources = Sources::shipped(DataSource::Embedded);
    let clipboard = careguide::clipboard::provider(
        careguide::clipboard::Route::Off,
        &careguide::clipboard::Env::current(),
    );
    let setup = Setup::default();
    let outcome =
        run(Start::Load(Box::new(load)), sources, clipboard, setup).expect("the TUI runs");
    assert!(matches!(outcome, Outcome::Quit(_)));
}

/// A shell in tmux running the held TUI, at its loading frame; the gate.
fn held(name: &str) -> (Tmux, tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let gate = dir.path().join("open");
    let personal = dir.path().join("no-personal-files");
    let tmux = Tmux::start(
        name,
        100,
        30,
        &[
            (GATE, &gate.to_string_lossy()),
            ("CAREGUIDE_PERSONAL", &personal.to_string_lossy()),
        ],
        &[],
    );
    tmux.wait_for("the shell prompt", |s| s.contains('$'));
    let stty = dir.path().join("stty");
    let me = std::env::current_exe().expect("the test binary");
    tmux.type_text(&format!(
        "stty -g > '{}.before'; '{}' --exact tui_with_a_load_held_shut --ignored --quiet --nocapture; stty -g > '{}.after'",
        stty.display(),
        me.display(),
        stty.display()
    ));
    tmux.send(&["Enter"]);
    (tmux, dir, gate)
}

#[test]
fn the_loading_frame_is_drawn_before_a_slow_load_finishes() {
    let (tmux, _dir, gate) = held("held");
    let screen = tmux.wait_for("the loading frame", |s| {
        s.contains("loading 40 % (103 of 252 files)")
    });
    for pane in [
        "┌ Cities ",
        "┌ Hospitals ",
        "┌ Specialties ",
        "┌ Contact card ",
    ] {
        assert!(
            screen.contains(pane),
            "{pane} drawn while loading:\n{screen}"
        );
    }
    assert!(!screen.contains("Hohhot"), "no data yet:\n{screen}");
    assert!(!gate.exists());
    // Keys typed now wait for the data, then act on it in order.
    tmux.send(&["Tab", "/"]);
    tmux.type_text("oasis");
    tmux.send(&["Enter"]);
    std::fs::write(&gate, "").expect("release the load");
    let screen = tmux.wait_for("the Oasis card", |s| s.contains("+86 10 5985 0333"));
    assert!(screen.contains("▶ Oasis International"), "{screen}");
    assert!(!screen.contains("loading"), "{screen}");
    tmux.send(&["q"]);
    tmux.wait_for("the shell prompt back", |s| s.trim_end().ends_with('$'));
}

#[test]
fn q_while_loading_quits_at_once_with_the_terminal_restored() {
    let (tmux, dir, gate) = held("quit");
    tmux.wait_for("the loading frame", |s| s.contains("loading 40 %"));
    assert!(tmux.modes().starts_with("alt=1"), "{}", tmux.modes());
    tmux.send(&["q"]);
    let screen = tmux.wait_for("the shell prompt back", |s| {
        !s.contains("Contact card") && s.trim_end().ends_with('$')
    });
    // Quit while the load was still held: it did not wait for it.
    assert!(!gate.exists(), "{screen}");
    assert_eq!(tmux.modes(), "alt=0 mouse=0000 cursor=1 keypad=00");
    let stty = |end: &str| {
        std::fs::read_to_string(dir.path().join(format!("stty.{end}"))).expect("stty -g")
    };
    assert_eq!(
        stty("before"),
        stty("after"),
        "the tty's modes are restored"
    );
}

/// The screens the bytes recorded by `pipe-pane` showed, one per frame (a
/// frame ends with the end of its synchronized update).
fn frames(path: &Path, width: u16, height: u16) -> Vec<String> {
    let bytes = std::fs::read(path).unwrap_or_default();
    let mut parser = vt100::Parser::new(height, width, 0);
    let end = b"\x1b[?2026l";
    let mut screens = Vec::new();
    let mut rest = &bytes[..];
    while !rest.is_empty() {
        let cut = (rest.windows(end.len()).position(|w| w == end))
            .map_or(rest.len(), |at| at + end.len());
        parser.process(&rest[..cut]);
        screens.push(parser.screen().contents());
        rest = &rest[cut..];
    }
    screens
}

#[test]
fn the_binary_draws_the_loading_frame_before_the_panes_of_a_large_directory() {
    let data = tempfile::tempdir().expect("temp dir");
    let options = synth::Options {
        facilities: 10_000,
        seed: 3,
        compact: false,
    };
    synth::generate(data.path(), &options).expect("generate");
    let record = data.path().join("pane.out");
    let personal = data.path().join("no-personal-files");
    let tmux = Tmux::start(
        "large",
        120,
        40,
        &[("CAREGUIDE_PERSONAL", &personal.to_string_lossy())],
        &[],
    );
    tmux.wait_for("the shell prompt", |s| s.contains('$'));
    let pipe = ["pipe-pane", "-O", "-t", "0"].map(String::from);
    let mut pipe = pipe.to_vec();
    pipe.push(format!("cat >> '{}'", record.display()));
    assert!(tmux.run(&pipe).status.success());
    tmux.type_text(&format!("{} --data '{}'", binary(), data.path().display()));
    tmux.send(&["Enter"]);
    tmux.wait_for("the directory", |s| s.contains("Hospitals 1/10000"));
    tmux.send(&["q"]);
    tmux.wait_for("the shell prompt back", |s| s.trim_end().ends_with('$'));
    let frames = frames(&record, 120, 40);
    let loading = (frames.iter())
        .position(|s| s.contains("loading") && s.contains("Contact card"))
        .expect("a loading frame with the panes' borders was drawn");
    let panes = (frames.iter())
        .position(|s| s.contains("Hospitals 1/10000"))
        .expect("the panes were drawn");
    assert!(loading < panes, "the loading frame came first");
}
