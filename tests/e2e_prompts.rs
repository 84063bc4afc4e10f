//! The prompts edit like a shell line, in a real terminal (tmux): `Ctrl-w`
//! and `Alt-Backspace` delete a word, `←` moves the caret and typing goes
//! in at it, `Ctrl-u` clears to the start, and `↑` in an empty prompt
//! brings back the last query.

mod support;

use support::tmux::{Tmux, binary};

/// The global search's prompt line.
fn prompt(screen: &str) -> String {
    (screen.lines())
        .find(|l| l.contains("│> "))
        .map(|l| l.trim_matches(|c| c == '│' || c == ' ').to_string())
        .unwrap_or_else(|| panic!("a prompt on screen:\n{screen}"))
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
    let screen = tmux.wait_for("two words", |s| s.contains("> kidney stone▏"));
    assert!(
        screen.contains("Esc close"),
        "the hint says what Esc does:\n{screen}"
    );
    tmux.send(&["C-w"]);
    let screen = tmux.wait_for("a word deleted", |s| prompt(s).ends_with("> kidney ▏"));
    assert!(screen.contains("▶ "), "kidney finds something:\n{screen}");
    tmux.send(&["Left", "Left", "Left", "Left"]);
    tmux.type_text("X");
    tmux.wait_for("typed at the caret", |s| prompt(s).ends_with("> kidX▏ney"));
    tmux.send(&["M-BSpace"]);
    tmux.wait_for("Alt-Backspace", |s| prompt(s).ends_with("> ▏ney"));
    tmux.send(&["End"]);
    tmux.type_text(" oasis");
    tmux.send(&["Left", "C-u"]);
    tmux.wait_for("cleared to the start", |s| prompt(s).ends_with("> ▏s"));
    tmux.send(&["BSpace", "Delete"]);
    tmux.send(&["C-e", "BSpace"]);
    tmux.wait_for("empty", |s| prompt(s).ends_with("> ▏"));
    tmux.type_text("oasis");
    tmux.send(&["Escape"]);
    tmux.wait_for("the search closed", |s| !s.contains("Search everything"));
    tmux.send(&["C-p"]);
    tmux.wait_for("an empty prompt", |s| prompt(s).ends_with("> ▏"));
    tmux.send(&["Up"]);
    let screen = tmux.wait_for("the last query back", |s| prompt(s).ends_with("> oasis▏"));
    assert!(screen.contains("Oasis International"), "{screen}");
}
