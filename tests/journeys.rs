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
        tmux.wait_for("the Oasis card", |s| s.contains("+86 10 5985 0333"));
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
    let screen = tmux.wait_for("the number in the card", |s| {
        s.contains("+86 138 0471 0000")
    });
    assert!(screen.contains("[personal]"), "{screen}");
    assert!(screen.contains("Added to"), "{screen}");
    quit(&tmux);

    start(&tmux, "");
    oasis(&tmux);
    let screen = tmux.wait_for("the number again", |s| s.contains("+86 138 0471 0000"));
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

/// Every number a card shows, whole (international and dialled forms).
fn numbers_of(dir: &careguide::model::Directory, facility: usize) -> Vec<String> {
    let f = &dir.facilities[facility];
    let mut numbers = Vec::new();
    for c in &f.contacts {
        numbers.push(c.phone.display.clone());
        numbers.extend(careguide::card::dialled_in_china(&c.phone));
    }
    numbers
}

/// (c), every card at every width: drawn by the real renderer from 80 to
/// 200 columns, each number a card shows is whole on one line.
#[test]
fn c_no_number_on_any_card_is_split_at_any_width() {
    use careguide::tui::action::Action;
    use careguide::tui::state::Pane;
    use careguide::tui::update::{jump, update};
    let mut s = support::state(80, 150);
    let facilities = s.dir.facilities.len();
    for width in 80..=200 {
        update(&mut s, Action::Resize { width, height: 150 });
        for facility in 0..facilities {
            let numbers = numbers_of(&s.dir, facility);
            if numbers.is_empty() {
                continue;
            }
            jump(&mut s, careguide::search::Target::Facility(facility));
            s.focus = Pane::Card;
            let screen = support::text(&support::render(&s));
            for number in &numbers {
                assert!(
                    screen.lines().any(|l| l.contains(number.as_str())),
                    "{number} split at {width} columns:\n{screen}"
                );
            }
        }
    }
}

/// (c) in a real terminal: the Oasis card as tmux shows it at widths from
/// 80 to 200 (every fifth, and the ones where it once split), each number
/// whole on one line, and `y` copies the international form, `d` the one
/// dialled in China.
#[test]
fn c_numbers_stay_whole_as_the_terminal_is_resized() {
    let tmux = shell("widths", 120, 50);
    start(&tmux, "--city beijing");
    tmux.send(&["Tab", "Tab", "Tab"]);
    tmux.wait_for("the card focused", |s| s.contains("▶ 24-hour emergency"));
    let widths = (80..=200).step_by(5).chain([110, 111, 119, 121, 131, 132]);
    for width in widths {
        let resize = [
            "resize-window",
            "-t",
            "0",
            "-x",
            &width.to_string(),
            "-y",
            "50",
        ];
        let out = tmux.run(&resize.map(String::from));
        assert!(out.status.success(), "resize to {width}");
        // A whole frame at the new width: its top right corner and its
        // bottom row (tmux may show a frame half drawn, or the last one cut).
        let screen = tmux.wait_for("the card redrawn at the new width", |s| {
            let edge = |l: &str, corner| l.chars().count() == width && l.ends_with(corner);
            let mut lines = s.lines();
            lines.next().is_some_and(|l| edge(l, '┐'))
                && lines.any(|l| l.starts_with('└') && edge(l, '┘'))
                && s.contains("Contact card")
        });
        for number in ["+86 10 5985 0333", "010 5985 0333", "+86 400 876 2747"] {
            assert!(
                screen.lines().any(|l| l.contains(number)),
                "{number} split at {width} columns:\n{screen}"
            );
        }
    }
    tmux.send(&["y"]);
    tmux.wait_for("copied", |s| s.contains("Copied"));
    assert_eq!(tmux.buffer().as_deref(), Some("+86 10 5985 0333"));
    tmux.send(&["d"]);
    tmux.wait_for("copied as dialled", |_| {
        tmux.buffer().as_deref() == Some("010 5985 0333")
    });
    quit(&tmux);
}

/// (a) Night, Hohhot, a cut face: `stitches` finds the 253 Hospital, whose
/// card has no number but names the People's Hospital and its number; the
/// place's key (or Enter on it in the card) goes there, and `y` copies
/// that number.
#[test]
fn a_stitches_in_hohhot_ends_at_a_number() {
    let tmux = shell("stitches", 120, 40);
    start(&tmux, "--city hohhot");
    tmux.send(&["Tab", "/"]);
    tmux.type_text("stitches");
    tmux.send(&["Enter"]);
    let screen = tmux.wait_for("the 253 card", |s| s.contains("▶ PLA No. 253 Hospital"));
    assert!(screen.contains("No sourced phone number"), "{screen}");
    assert!(screen.contains("[1] Inner Mongolia Autonomous"), "{screen}");
    assert!(screen.contains("+86 471 662 0000"), "{screen}");
    assert!(screen.contains("120"), "{screen}");
    // y on the 253 copies nothing: its card's number is another hospital's.
    tmux.send(&["y"]);
    tmux.wait_for("said so, and where to go", |s| {
        s.contains("No sourced number here. Press 1: +86 471 662 0000, Inner Mongolia")
    });
    assert_eq!(tmux.buffer(), None, "nothing copied");
    // In the card, the place is selected first; Enter goes there.
    tmux.send(&["Tab", "Tab"]);
    tmux.wait_for("the place selected", |s| s.contains("▶ [1] Inner Mongolia"));
    tmux.send(&["Enter"]);
    let screen = tmux.wait_for("the People's Hospital", |s| {
        s.contains("▶ Inner Mongolia Autonomous Region Peo")
    });
    assert!(screen.contains("Switchboard (总机)"), "{screen}");
    tmux.send(&["y"]);
    tmux.wait_for("copied", |_| tmux.buffer().is_some());
    assert_eq!(tmux.buffer().as_deref(), Some("+86 471 662 0000"));
    // And from the hospitals pane, the place's key goes there at once.
    tmux.send(&["Escape"]);
    tmux.send(&["/"]);
    tmux.type_text("stitches");
    tmux.send(&["Enter"]);
    tmux.wait_for("the 253 again", |s| s.contains("▶ PLA No. 253 Hospital"));
    tmux.send(&["1"]);
    tmux.wait_for("the People's Hospital again", |s| {
        s.contains("▶ Inner Mongolia Autonomous Region Peo")
    });
    quit(&tmux);
}

/// (b) The cities pane on Hohhot: the card is the city's — where to go now,
/// 120 first, and the city's advice.
#[test]
fn b_the_cities_pane_on_hohhot_shows_its_guidance_and_120() {
    let tmux = shell("city", 120, 40);
    let screen = start(&tmux, "--city hohhot");
    assert!(screen.contains("Where to go now"), "{screen}");
    assert!(screen.contains("[1] Inner Mongolia Autonomous"), "{screen}");
    let numbers = (screen.lines())
        .position(|l| l.contains("Emergency numbers"))
        .expect("the numbers");
    let next = screen.lines().nth(numbers + 1).unwrap_or_default();
    assert!(next.contains("120  Ambulance"), "120 first:\n{screen}");
    assert!(screen.contains("Advice for Hohhot"), "{screen}");
    // Page keys in the cities pane scroll the city's card.
    tmux.send(&["PageDown"]);
    let screen = tmux.wait_for("the next page", |s| {
        s.contains("↑") && s.contains("stitches")
    });
    assert!(screen.contains("▶ Hohhot"), "still on Hohhot:\n{screen}");
    assert!(screen.contains("stitches"), "the city's advice:\n{screen}");
    quit(&tmux);
}

/// (e) PgDn ten times on the Oasis card, then `g`: its top again.
#[test]
fn e_the_card_scrolls_back_to_its_top() {
    let tmux = shell("scroll", 100, 30);
    start(&tmux, "--city beijing");
    tmux.send(&["Tab", "Tab", "Tab"]);
    tmux.wait_for("the card focused", |s| s.contains("▶ 24-hour emergency"));
    for _ in 0..10 {
        tmux.send(&["PageDown"]);
    }
    let screen = tmux.wait_for("the card's end", |s| s.contains("↑") && !s.contains("↓"));
    assert!(
        screen.contains("Verified"),
        "the last lines, not a blank card:\n{screen}"
    );
    tmux.send(&["g"]);
    let screen = tmux.wait_for("the top", |s| {
        s.contains("│Oasis International") && !s.contains("↑")
    });
    assert!(screen.contains("▶ 24-hour emergency"), "{screen}");
    assert!(screen.contains("↓"), "more below, said so:\n{screen}");
    quit(&tmux);
}
