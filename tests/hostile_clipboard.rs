//! Copying when tmux does not answer (probe 8): a tmux server that is
//! stopped (SIGSTOP) accepts a client's connection and never replies, so
//! `tmux load-buffer` and `tmux show-options` wait for ever. careguide runs
//! in one private tmux server, with `$TMUX` naming a second, stopped one;
//! the copy and `careguide doctor` must give up, say why, and leave the app
//! usable. The stopped server is continued and killed even if a test fails.

mod support;

use std::process::Command;
use std::time::Duration;

use rustix::process::{Pid, Signal, kill_process};
use support::tmux::{Tmux, binary};

/// A tmux server stopped with SIGSTOP, continued when dropped (before its
/// `Tmux` is dropped and kills it: a stopped server would not answer the
/// `kill-server`).
struct Stopped {
    pid: Pid,
}

impl Stopped {
    fn stop(tmux: &Tmux) -> (Stopped, String) {
        let out = tmux.run(&[
            "display-message".to_string(),
            "-p".to_string(),
            "#{socket_path},#{pid},0".to_string(),
        ]);
        assert!(out.status.success(), "display-message");
        let tmux_var = String::from_utf8_lossy(&out.stdout).trim().to_string();
        let pid = tmux_var
            .split(',')
            .nth(1)
            .and_then(|p| p.parse::<i32>().ok())
            .and_then(Pid::from_raw)
            .unwrap_or_else(|| panic!("the server's pid in {tmux_var:?}"));
        kill_process(pid, Signal::STOP).expect("stop the tmux server");
        (Stopped { pid }, tmux_var)
    }
}

impl Drop for Stopped {
    fn drop(&mut self) {
        let _ = kill_process(self.pid, Signal::CONT);
    }
}

#[test]
fn probe_08_a_copy_to_a_tmux_that_does_not_answer_fails_in_time_and_q_still_quits() {
    let dead = Tmux::start("probe08-dead", 80, 24, &[], &[]);
    let (stopped, tmux_var) = Stopped::stop(&dead);
    let tmux = Tmux::start("probe08-app", 100, 30, &[], &[]);
    tmux.wait_for("the shell prompt", |s| s.contains('$'));
    tmux.type_text(&format!("TMUX='{tmux_var}' {}", binary()));
    tmux.send(&["Enter"]);
    tmux.wait_for("the directory", |s| s.contains("Contact card"));
    tmux.send(&["C-p"]);
    tmux.type_text("59850333");
    tmux.wait_for("the search hit", |s| s.contains("contact"));
    tmux.send(&["Enter"]);
    tmux.wait_for("the ER row selected", |s| s.contains("24-hour emergency"));
    tmux.send(&["y"]);
    let screen = tmux.wait_for("the copy to fail", |s| s.contains("Copy failed"));
    assert!(
        screen.contains("tmux did not answer within 2 s"),
        "{screen}"
    );
    assert!(
        screen.contains("+86 10 5985 0333"),
        "the value is shown large: {screen}"
    );
    tmux.send(&["q"]);
    tmux.wait_for("the popup closed", |s| !s.contains("Copy failed"));
    tmux.send(&["q"]);
    tmux.wait_for("careguide to quit", |s| {
        !s.contains("Contact card") && s.lines().any(|l| l.starts_with('$'))
    });
    drop(stopped);
}

#[test]
fn probe_08_doctor_with_a_tmux_that_does_not_answer_finishes_and_says_so() {
    let dead = Tmux::start("probe08-doctor", 80, 24, &[], &[]);
    let (stopped, tmux_var) = Stopped::stop(&dead);
    let output = assert_cmd::Command::new(binary())
        .arg("doctor")
        .env("TMUX", &tmux_var)
        .env_remove("CAREGUIDE_CLIPBOARD")
        .env_remove("CAREGUIDE_DATA")
        .timeout(Duration::from_secs(60))
        .output()
        .expect("doctor runs");
    drop(stopped);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "doctor finished: {stdout}");
    assert!(
        stdout.contains("tmux did not answer within 2 s"),
        "{stdout}"
    );
    // The version needs no server.
    let version = Command::new("tmux").arg("-V").output().expect("tmux -V");
    let version = String::from_utf8_lossy(&version.stdout);
    assert!(stdout.contains(version.trim()), "{stdout}");
}
