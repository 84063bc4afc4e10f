//! The journeys the product exists for, each end to end in a real terminal
//! (tmux): what is on the screen, and what reached tmux's buffer.

mod support;

use support::tmux::{Tmux, binary};

/// A shell in tmux at the prompt.
fn shell(name: &str, width: u16, height: u16) -> Tmux {
    let tmux = Tmux::start(name, width, height, &[], &[]);
    tmux.wait_for("the shell prompt", |s| s.contains('$'));
    tmux
}

/// Starts careguide with `args` and waits for its panes.
fn start(tmux: &Tmux, args: &str) -> String {
    tmux.type_text(&format!("{} {args}", binary()));
    tmux.send(&["Enter"]);
    tmux.wait_for("the directory", |s| s.contains("Contact card"))
}

fn quit(tmux: &Tmux) {
    tmux.send(&["q"]);
    tmux.wait_for("the shell prompt back", |s| {
        !s.contains("Contact card") && s.trim_end().ends_with('$')
    });
}

/// (d) At 80×24 the hints still name `!` and `?`.
#[test]
fn d_the_hints_at_80x24_keep_emergency_and_help() {
    let tmux = shell("hints", 80, 24);
    let screen = start(&tmux, "");
    let hints = screen.lines().last().unwrap_or_default();
    assert!(hints.contains("! emergency"), "{screen}");
    assert!(hints.contains("? help"), "{screen}");
    quit(&tmux);
}

/// (f) `--city hohhot` opens there; the hospital selected when careguide
/// quits is selected on the next start; `--city` overrides it; and the
/// config's home city applies when nothing was saved.
#[test]
fn f_city_flag_and_the_restored_selection() {
    let tmux = shell("place", 120, 40);
    let screen = start(&tmux, "--city hohhot");
    assert!(screen.contains("▶ Hohhot"), "{screen}");
    tmux.send(&["Tab", "j"]);
    let screen = tmux.wait_for("the second Hohhot hospital", |s| {
        s.lines().any(|l| l.contains("▶ Inner Mongolia"))
    });
    // The hospital's row is the last selection marker on its line.
    let chosen: String = (screen.lines())
        .find(|l| l.contains("▶ Inner Mongolia"))
        .and_then(|l| l.rsplit("▶ ").next())
        .map(|rest| rest.chars().take(20).collect())
        .expect("a selected hospital");
    quit(&tmux);
    let saved = std::fs::read_to_string(tmux.state_file()).expect("the place is saved");
    assert!(saved.contains("city = \"hohhot\""), "{saved}");
    assert!(saved.contains("facility = "), "{saved}");

    let screen = start(&tmux, "");
    assert!(screen.contains("▶ Hohhot"), "{screen}");
    assert!(
        screen.contains(&format!("▶ {chosen}")),
        "{chosen:?} restored:\n{screen}"
    );
    quit(&tmux);

    let screen = start(&tmux, "--city 北京");
    assert!(screen.contains("▶ Beijing"), "{screen}");
    quit(&tmux);

    std::fs::remove_file(tmux.state_file()).expect("forget the place");
    let config = tmux.config_home().join("careguide");
    std::fs::create_dir_all(&config).expect("config dir");
    std::fs::write(config.join("config.toml"), "home_city = \"zhangjiakou\"\n").expect("config");
    let screen = start(&tmux, "");
    assert!(screen.contains("▶ Zhangjiakou"), "{screen}");
    quit(&tmux);
}
