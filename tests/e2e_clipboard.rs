//! Copying end to end with the release binary in a real terminal: through
//! the tmux buffer with tmux's default settings, through OSC 52 when the
//! app does not know it is in tmux (as over SSH) and tmux has
//! `set-clipboard on`, onto the X clipboard under Xvfb, and honestly failing
//! with `--clipboard off`.

mod support;

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

use support::tmux::{Tmux, binary};

const ER: &str = "+86 10 5985 0333";

/// Starts the app in the pane, selects Oasis's 24-hour ER row through
/// global search, and presses `y`.
fn copy_oasis_er(tmux: &Tmux, command: &str) -> String {
    tmux.wait_for("the shell prompt", |s| s.contains('$'));
    tmux.type_text(command);
    tmux.send(&["Enter"]);
    tmux.wait_for("the directory", |s| s.contains("Contact card"));
    tmux.send(&["C-p"]);
    tmux.type_text("59850333");
    tmux.wait_for("the search hit", |s| s.contains("contact"));
    tmux.send(&["Enter"]);
    tmux.wait_for("the ER row selected", |s| s.contains("▶ 24-hour emergency"));
    tmux.send(&["y"]);
    tmux.wait_for("a copy message", |s| {
        s.contains("Copied") || s.contains("Sent") || s.contains("Nothing was copied")
    })
}

#[test]
fn y_copies_to_the_tmux_buffer_with_default_settings() {
    let tmux = Tmux::start("copy-tmux", 100, 30, &[], &[]);
    let screen = copy_oasis_er(&tmux, binary());
    assert!(
        screen.contains(&format!("Copied {ER} to the tmux buffer")),
        "{screen}"
    );
    assert_eq!(tmux.buffer().as_deref(), Some(ER));
    tmux.send(&["q"]);
}

#[test]
fn osc52_reaches_tmux_when_the_app_does_not_see_tmux() {
    let tmux = Tmux::start(
        "copy-osc52",
        100,
        30,
        &[],
        &["set-option -g set-clipboard on"],
    );
    let command = format!(
        "env -u TMUX SSH_CONNECTION='10.0.0.1 1 10.0.0.2 22' {}",
        binary()
    );
    let screen = copy_oasis_er(&tmux, &command);
    assert!(screen.contains("via OSC 52"), "{screen}");
    assert!(
        screen.contains("paste to check"),
        "an OSC 52 copy cannot be confirmed: {screen}"
    );
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    while tmux.buffer().as_deref() != Some(ER) && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    assert_eq!(tmux.buffer().as_deref(), Some(ER));
    tmux.send(&["q"]);
}

#[test]
fn clipboard_off_shows_the_number_and_claims_nothing() {
    let tmux = Tmux::start("copy-off", 100, 30, &[], &[]);
    let screen = copy_oasis_er(&tmux, &format!("{} --clipboard off", binary()));
    assert!(screen.contains("Copy failed"), "{screen}");
    assert!(
        screen.contains("Nothing was copied: copying is turned off"),
        "{screen}"
    );
    assert!(screen.contains(ER), "{screen}");
    assert!(!screen.contains("Copied"), "{screen}");
    assert_eq!(tmux.buffer(), None, "nothing reached the tmux buffer");
    tmux.send(&["Escape", "q"]);
}

/// An X server on a display number it picked itself, stopped on drop.
///
/// `-displayfd` makes Xvfb choose a free display and print its number only
/// once it accepts connections: a guessed number can collide with a stale
/// socket left by a killed server, which looks ready while nothing listens.
struct Xvfb {
    child: Child,
    display: String,
}

impl Xvfb {
    fn start() -> Xvfb {
        let mut child = Command::new("Xvfb")
            .args(["-displayfd", "1", "-nolisten", "tcp"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("Xvfb runs (.ci/run installs the xvfb package)");
        let mut line = String::new();
        let stdout = child.stdout.take().expect("Xvfb's stdout is piped");
        BufReader::new(stdout)
            .read_line(&mut line)
            .expect("Xvfb's display number");
        let number = line.trim();
        assert!(
            !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit()),
            "Xvfb did not start: {line:?}"
        );
        let display = format!(":{number}");
        Xvfb { child, display }
    }

    fn clipboard(&self) -> String {
        let out = Command::new("xclip")
            .args(["-o", "-selection", "clipboard"])
            .env("DISPLAY", &self.display)
            .output()
            .expect("xclip runs (.ci/run installs it)");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }
}

/// SIGTERM, not `Child::kill`'s SIGKILL: Xvfb then removes its socket and
/// lock file.
impl Drop for Xvfb {
    fn drop(&mut self) {
        let pid = rustix::process::Pid::from_child(&self.child);
        if rustix::process::kill_process(pid, rustix::process::Signal::TERM).is_err() {
            let _ = self.child.kill();
        }
        let _ = self.child.wait();
    }
}

#[test]
fn y_copies_to_the_x_clipboard_on_a_local_display() {
    let x = Xvfb::start();
    let tmux = Tmux::start("copy-x11", 100, 30, &[("DISPLAY", &x.display)], &[]);
    let command = format!(
        "env -u TMUX -u SSH_CONNECTION -u SSH_TTY -u SSH_CLIENT -u WAYLAND_DISPLAY {}",
        binary()
    );
    let screen = copy_oasis_er(&tmux, &command);
    assert!(
        screen.contains(&format!("Copied {ER} to the system clipboard")),
        "{screen}"
    );
    // Read while the app runs: it owns the X selection.
    assert_eq!(x.clipboard(), ER);
    tmux.send(&["q"]);
}
