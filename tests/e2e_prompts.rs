//! The prompts edit like a shell line, in a real terminal (tmux): `Ctrl-w`
//! and `Alt-Backspace` delete a word, `←` moves the caret and typing goes
//! in at it, `Ctrl-u` clears to the start, and `↑` in an empty prompt
//! brings back the last query. `Ctrl-p` ranks the selected city's hits
//! first, says so in its prompt, and `Tab` widens it to everywhere.

mod support;

use support::tmux::{Tmux, binary};

/// Whether the global search's prompt line (without what is beside it) is
/// on screen and ends with `end`.
fn prompt_ends(screen: &str, end: &str) -> bool {
    let Some(line) = screen.lines().find(|l| l.contains("│search ")) else {
        return false;
    };
    let start = line.find("│search ").unwrap_or_default() + '│'.len_utf8();
    let prompt = line[start..].split('│').next().unwrap_or_default();
    prompt.trim_end().ends_with(end)
}

#[test]
fn the_search_prompt_edits_like_a_shell() {
    let tmux = Tmux::start("prompts", 120, 40, &[], &[]);
    tmux.wait_for("the shell prompt", |s| s.contains('$'));
    tmux.type_text(binary());
    tmux.send(&["Enter"]);
    tmux.wait_for("the directory", |s| s.contains("Contact card"));
    tmux.send(&["C-p"]);
    tmux.type_text("kidney stone");
    let screen = tmux.wait_for("two words", |s| s.contains("▸ kidney stone▏"));
    assert!(
        screen.contains("Esc close"),
        "the hint says what Esc does:\n{screen}"
    );
    tmux.send(&["C-w"]);
    let screen = tmux.wait_for("a word deleted", |s| prompt_ends(s, "▸ kidney ▏"));
    assert!(screen.contains("▶ "), "kidney finds something:\n{screen}");
    tmux.send(&["Left", "Left", "Left", "Left"]);
    tmux.type_text("X");
    tmux.wait_for("typed at the caret", |s| prompt_ends(s, "▸ kidX▏ney"));
    tmux.send(&["M-BSpace"]);
    tmux.wait_for("Alt-Backspace", |s| prompt_ends(s, "▸ ▏ney"));
    tmux.send(&["End"]);
    tmux.type_text(" oasis");
    tmux.send(&["Left", "C-u"]);
    tmux.wait_for("cleared to the start", |s| prompt_ends(s, "▸ ▏s"));
    tmux.send(&["BSpace", "Delete"]);
    tmux.send(&["C-e", "BSpace"]);
    tmux.wait_for("empty", |s| prompt_ends(s, "▸ ▏"));
    tmux.type_text("oasis");
    tmux.send(&["Escape"]);
    tmux.wait_for("the search closed", |s| !s.contains("Search everything"));
    tmux.send(&["C-p"]);
    tmux.wait_for("an empty prompt", |s| prompt_ends(s, "▸ ▏"));
    tmux.send(&["Up"]);
    let screen = tmux.wait_for("the last query back", |s| prompt_ends(s, "▸ oasis▏"));
    assert!(screen.contains("Oasis International"), "{screen}");
}

#[test]
fn ctrl_p_ranks_the_selected_city_first_and_tab_widens_it() {
    let tmux = Tmux::start("city-first", 120, 40, &[], &[]);
    tmux.wait_for("the shell prompt", |s| s.contains('$'));
    tmux.type_text(&format!("{} --city hohhot", binary()));
    tmux.send(&["Enter"]);
    tmux.wait_for("the directory", |s| s.contains("Contact card"));
    tmux.send(&["C-p"]);
    tmux.type_text("emergency");
    // Hohhot's hospital with an emergency department first, its card
    // previewed beside the hits.
    let screen = tmux.wait_for("Hohhot first", |s| {
        prompt_ends(s, "search Hohhot ▸ emergency▏")
            && s.contains("▶ facility  Inner Mongolia Autonomous Region People's")
    });
    assert!(
        screen.contains("Preview"),
        "a preview at 120 columns:\n{screen}"
    );
    assert!(screen.contains("· Hohhot"), "{screen}");
    assert!(screen.contains("Tab city/everywhere"), "{screen}");
    tmux.send(&["Tab"]);
    // Everywhere: the Emergency specialty, then Oasis's emergency line in
    // Beijing, above the Hohhot hospital.
    let screen = tmux.wait_for("everywhere", |s| {
        prompt_ends(s, "search everywhere ▸ emergency▏") && s.contains("▶ specialty Emergency")
    });
    let row = |text: &str| screen.lines().position(|l| l.contains(text));
    assert!(
        row("+86 10 5985 0333") < row("facility  Inner Mongolia Autonomous Region People's"),
        "{screen}"
    );
    tmux.send(&["Tab"]);
    tmux.wait_for("Hohhot again", |s| {
        prompt_ends(s, "search Hohhot ▸ emergency▏")
    });
}
