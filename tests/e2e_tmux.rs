//! End to end in a real terminal (tmux at 100×30): the binary starts from a
//! shell, filters, shows the card, and `q` gives the shell prompt back.

mod support;

use support::tmux::{Tmux, binary};

#[test]
fn filter_to_oasis_shows_its_card_and_q_returns_to_the_shell() {
    let tmux = Tmux::start("filter", 100, 30, &[], &[]);
    tmux.wait_for("the shell prompt", |s| s.contains('$'));
    tmux.type_text(binary());
    tmux.send(&["Enter"]);
    tmux.wait_for("the directory", |s| {
        s.contains("Cities") && s.contains("Contact card")
    });
    // Focus the hospitals pane, filter, keep the filter.
    tmux.send(&["Tab", "/"]);
    tmux.type_text("oasis");
    tmux.send(&["Enter"]);
    let screen = tmux.wait_for("the Oasis card", |s| s.contains("+86 10 5985 0333"));
    // The card's heading wraps at narrow widths, so look for its start.
    assert!(screen.contains("│Oasis International"), "{screen}");
    assert!(screen.contains("24-hour emergency"), "{screen}");
    assert!(screen.contains("[official]"), "{screen}");
    assert!(
        screen.contains("▶ Oasis International"),
        "Oasis ranked first and selected: {screen}"
    );
    tmux.send(&["q"]);
    let screen = tmux.wait_for("the shell prompt back", |s| {
        !s.contains("Contact card") && s.trim_end().ends_with('$')
    });
    assert!(!screen.contains("Cities"), "{screen}");
}

/// Closing the terminal (as an SSH drop does) ends the app promptly: the
/// signal thread and the tty watchdog must not wait on a lock the main
/// thread holds while crossterm spins on the dead tty.
#[test]
fn the_app_exits_when_its_terminal_goes_away() {
    let dir = tempfile::tempdir().expect("temp dir");
    let pid_file = dir.path().join("pid");
    let tmux = Tmux::start("hangup", 100, 30, &[], &[]);
    tmux.wait_for("the shell prompt", |s| s.contains('$'));
    tmux.type_text(&format!(
        "sh -c 'echo $$ > {}; exec {}'",
        pid_file.display(),
        binary()
    ));
    tmux.send(&["Enter"]);
    tmux.wait_for("the directory", |s| s.contains("Contact card"));
    let pid = std::fs::read_to_string(&pid_file).expect("pid written");
    let proc_dir = std::path::PathBuf::from(format!("/proc/{}", pid.trim()));
    assert!(proc_dir.exists(), "the app runs");
    drop(tmux);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(2);
    while proc_dir.exists() && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let state = std::fs::read_to_string(proc_dir.join("stat")).unwrap_or_default();
    assert!(
        !proc_dir.exists() || state.split_whitespace().nth(2) == Some("Z"),
        "still running 2 s after its terminal closed: {state}"
    );
}
