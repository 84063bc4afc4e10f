//! `careguide doctor` names the clipboard route for every environment of the
//! route table, and the data source.

use assert_cmd::Command;

fn doctor(env: &[(&str, &str)], args: &[&str]) -> String {
    let mut cmd = Command::cargo_bin("careguide").expect("binary");
    cmd.env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default());
    for (key, value) in env {
        cmd.env(key, value);
    }
    let out = cmd.arg("doctor").args(args).assert().success();
    String::from_utf8_lossy(&out.get_output().stdout).into_owned()
}

fn clipboard_line(report: &str) -> &str {
    report
        .lines()
        .find(|l| l.starts_with("clipboard"))
        .unwrap_or_else(|| panic!("no clipboard line in:\n{report}"))
}

#[test]
fn doctor_names_the_route_for_each_environment() {
    let table: &[(&[(&str, &str)], &str)] = &[
        (
            &[("TMUX", "/tmp/tmux-0/default,1,0"), ("DISPLAY", ":0")],
            "tmux buffer, because $TMUX is set",
        ),
        (
            &[
                ("TMUX", "/tmp/tmux-0/default,1,0"),
                ("SSH_CONNECTION", "10.0.0.1 1 10.0.0.2 22"),
            ],
            "tmux buffer, because $TMUX is set",
        ),
        (
            &[
                ("SSH_CONNECTION", "10.0.0.1 1 10.0.0.2 22"),
                ("DISPLAY", ":0"),
            ],
            "OSC 52 to the terminal, because this is an SSH session",
        ),
        (
            &[("SSH_TTY", "/dev/pts/3")],
            "OSC 52 to the terminal, because this is an SSH session",
        ),
        (
            &[],
            "OSC 52 to the terminal, because neither $DISPLAY nor $WAYLAND_DISPLAY is set",
        ),
        (
            &[("DISPLAY", ":97")],
            "system clipboard, because there is a local display",
        ),
        (
            &[("WAYLAND_DISPLAY", "wayland-9")],
            "system clipboard, because there is a local display",
        ),
    ];
    for (env, expected) in table {
        let report = doctor(env, &[]);
        let line = clipboard_line(&report);
        assert!(line.contains(expected), "env {env:?}: {line}");
    }
}

#[test]
fn doctor_honours_the_override_and_reports_the_data() {
    let report = doctor(&[("CAREGUIDE_CLIPBOARD", "off"), ("TMUX", "x")], &[]);
    assert!(
        clipboard_line(&report).contains("off, because copying is turned off"),
        "{report}"
    );
    let report = doctor(&[("TMUX", "x")], &["--clipboard", "osc52"]);
    assert!(
        clipboard_line(&report).contains("OSC 52 to the terminal, because it was chosen"),
        "{report}"
    );
    assert!(
        report.contains("data       embedded data: 12 files"),
        "{report}"
    );
    let report = doctor(&[("DISPLAY", ":97")], &[]);
    let system = report
        .lines()
        .find(|l| l.starts_with("system"))
        .expect("system line");
    assert!(
        system.contains("fall back to OSC 52"),
        "no X server on :97: {system}"
    );
}
