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

/// (g) `a` adds a number to a hospital: it shows at once marked
/// `[personal]`, it is there after a restart, and `check` accepts the file.
#[test]
fn g_a_number_added_with_a_survives_a_restart() {
    let personal = tempfile::tempdir().expect("temp dir");
    let env = [(
        "CAREGUIDE_PERSONAL",
        personal.path().to_str().expect("utf-8"),
    )];
    let tmux = Tmux::start("add", 120, 40, &env, &[]);
    tmux.wait_for("the shell prompt", |s| s.contains('$'));
    let oasis = |tmux: &Tmux| {
        tmux.send(&["C-p"]);
        tmux.type_text("oasis");
        tmux.wait_for("Oasis found", |s| s.contains("▶ facility"));
        tmux.send(&["Enter"]);
        tmux.wait_for("the Oasis card", |s| s.contains("5985 0333"));
    };
    start(&tmux, "");
    oasis(&tmux);
    tmux.send(&["a"]);
    tmux.wait_for("the number prompt", |s| s.contains("Whose number is it?"));
    tmux.type_text("Dr Li (mobile)");
    tmux.send(&["Enter"]);
    tmux.wait_for("the number asked", |s| {
        s.contains("Dr Li (mobile): the number")
    });
    tmux.type_text("138 0471 000");
    tmux.send(&["Enter"]);
    let screen = tmux.wait_for("a refusal", |s| s.contains("not a valid phone number"));
    assert!(
        screen.contains("Add a phone number"),
        "the prompt stays:\n{screen}"
    );
    tmux.type_text("0");
    tmux.send(&["Enter"]);
    let screen = tmux.wait_for("the number in the card", |s| s.contains("+86 138 0471"));
    assert!(screen.contains("[personal]"), "{screen}");
    assert!(screen.contains("Added to"), "{screen}");
    quit(&tmux);

    start(&tmux, "");
    oasis(&tmux);
    let screen = tmux.wait_for("the number again", |s| s.contains("+86 138 0471"));
    assert!(screen.contains("Dr Li (mobile)"), "{screen}");
    quit(&tmux);

    let check = std::process::Command::new(binary())
        .arg("--personal")
        .arg(personal.path())
        .arg("check")
        .env_remove("CAREGUIDE_DATA")
        .output()
        .expect("check runs");
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
}
