//! The maintainer's loop end to end, in tmux with the real binary on a copy
//! of the data files (`--data DIR`): `e` runs $EDITOR (a script that
//! records its arguments) at the selected record's file and line, and a
//! file edited while the app runs shows on screen without a restart — a
//! broken edit marks the data stale, the fix recovers.

mod support;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use careguide::data::{self, DataSource};
use support::tmux::{Tmux, binary};
use support::{data_copy, edit_file};

/// Starts careguide on `data` in a fresh tmux, with `EDITOR` set and
/// `VISUAL` unset, and waits for the directory.
fn start(name: &str, data: &Path, editor: &str) -> Tmux {
    let personal = data.join("no-personal-files");
    let personal = personal.to_string_lossy();
    let tmux = Tmux::start(
        name,
        120,
        36,
        &[("EDITOR", editor), ("CAREGUIDE_PERSONAL", &personal)],
        &[],
    );
    tmux.wait_for("the shell prompt", |s| s.contains('$'));
    tmux.type_text(&format!(
        "env -u VISUAL {} --data '{}'",
        binary(),
        data.display()
    ));
    tmux.send(&["Enter"]);
    tmux.wait_for("the directory", |s| {
        s.contains("Cities") && s.contains("Contact card")
    });
    tmux
}

/// Filters the hospitals pane to Oasis and waits for its card.
fn select_oasis(tmux: &Tmux) {
    tmux.send(&["Tab", "/"]);
    tmux.type_text("oasis");
    tmux.send(&["Enter"]);
    tmux.wait_for("the Oasis card", |s| {
        s.contains("+86 10 5985 0333  [official]")
    });
}

/// The arguments the recording editor got, once it has run.
fn recorded(args: &Path) -> Vec<String> {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        if let Ok(text) = std::fs::read_to_string(args)
            && text.ends_with('\n')
        {
            let _ = std::fs::remove_file(args);
            return text.lines().map(String::from).collect();
        }
        assert!(Instant::now() < deadline, "the editor was not run");
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn e_opens_the_editor_at_the_selected_record() {
    let data = data_copy();
    let args = data.path().join("editor-args.txt");
    let script = data.path().join("editor.sh");
    std::fs::write(
        &script,
        format!("#!/bin/sh\nprintf '%s\\n' \"$@\" > '{}'\n", args.display()),
    )
    .expect("write the editor script");
    make_executable(&script);
    let loaded = data::load(&DataSource::Dir(data.path().to_path_buf())).expect("loads");
    let oasis = loaded
        .directory
        .facility("oasis-international")
        .expect("oasis");

    let tmux = start("editor", data.path(), &script.to_string_lossy());
    select_oasis(&tmux);
    tmux.send(&["e"]);
    assert_eq!(
        recorded(&args),
        [
            format!("+{}", oasis.origin.line),
            oasis.origin.file.to_string()
        ]
    );
    tmux.wait_for("the app back after the editor", |s| {
        s.contains("Contact card") && s.contains("Reloaded the data files")
    });

    // The card pane: the second contact.
    tmux.send(&["Tab", "Tab", "j", "e"]);
    let contact = &oasis.contacts[1];
    assert_eq!(
        recorded(&args),
        [
            format!("+{}", contact.origin.line),
            contact.origin.file.to_string()
        ]
    );
    tmux.wait_for("the app back", |s| s.contains("Contact card"));

    // The cities pane: the city, once one is selected.
    tmux.send(&["Tab", "/"]);
    tmux.type_text("beijing");
    tmux.send(&["Enter", "e"]);
    let beijing = loaded.directory.city("beijing").expect("beijing");
    assert_eq!(
        recorded(&args),
        [
            format!("+{}", beijing.origin.line),
            beijing.origin.file.to_string()
        ]
    );
    tmux.wait_for("the app back", |s| s.contains("Contact card"));
    tmux.send(&["q"]);
    tmux.wait_for("the shell prompt back", |s| !s.contains("Contact card"));
}

#[test]
fn a_file_edited_while_the_app_runs_is_reloaded_on_screen() {
    let data = data_copy();
    let file: PathBuf = data.path().join("cities/beijing.ron");
    let original = std::fs::read_to_string(&file).expect("read");
    let tmux = start("reload", data.path(), "true");
    select_oasis(&tmux);

    edit_file(
        &file,
        "name: \"Oasis International Hospital\"",
        "name: \"Oasis Reloaded Hospital\"",
    );
    let screen = tmux.wait_for("the new name", |s| s.contains("Oasis Reloaded Hospital"));
    assert!(
        screen.contains("oasishealth.cn"),
        "still on its card: {screen}"
    );

    edit_file(
        &file,
        "id: \"oasis-international\",",
        "id: \"oasis-international\"",
    );
    let screen = tmux.wait_for("the stale marker", |s| s.contains("stale data: 1 error"));
    assert!(
        screen.contains("Oasis Reloaded Hospital"),
        "last good data: {screen}"
    );
    tmux.send(&["D"]);
    tmux.wait_for("the diagnostics panel", |s| {
        s.contains("beijing.ron:") && s.contains("Expected comma")
    });
    tmux.send(&["Escape"]);

    std::fs::write(&file, &original).expect("fix the file");
    let screen = tmux.wait_for("recovery", |s| {
        !s.contains("stale data") && s.contains("Oasis International Hospital")
    });
    assert!(screen.contains("oasishealth.cn"), "{screen}");
    tmux.send(&["q"]);
    tmux.wait_for("the shell prompt back", |s| !s.contains("Contact card"));
}

fn make_executable(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let mut permissions = std::fs::metadata(path).expect("stat").permissions();
    permissions.set_mode(0o755);
    std::fs::set_permissions(path, permissions).expect("chmod");
}
