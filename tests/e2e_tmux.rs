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
    assert!(screen.contains("Oasis International Hospital"), "{screen}");
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
