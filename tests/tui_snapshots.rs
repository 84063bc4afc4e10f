//! insta snapshots of the real renderer (TestBackend) for every scenario at
//! 120×40, 80×24 and 40×12, plus a 10×3 terminal. Styled scenarios also
//! snapshot the buffer's styles, so highlights and badges are checked.

mod support;

use careguide::tui::action::Action;
use careguide::tui::state::{AppState, ColorMode};
use ratatui::style::Color;
use support::{SCENARIOS, apply, go_to, render, scenario, text};

#[test]
fn scenarios_at_three_sizes() {
    for (width, height) in [(120, 40), (80, 24), (40, 12)] {
        for name in SCENARIOS {
            let buffer = render(&scenario(name, width, height));
            insta::assert_snapshot!(format!("{name}_{width}x{height}"), text(&buffer));
        }
    }
}

#[test]
fn highlights_and_badges_are_styled() {
    for name in ["filtered", "card", "no_color"] {
        let buffer = render(&scenario(name, 120, 40));
        insta::assert_debug_snapshot!(format!("{name}_styles"), buffer);
    }
}

#[test]
fn no_color_means_no_colour_and_a_visible_selection() {
    let buffer = render(&scenario("no_color", 120, 40));
    for cell in &buffer.content {
        assert_eq!(cell.fg, Color::Reset, "colour in NO_COLOR mode: {cell:?}");
        assert_eq!(cell.bg, Color::Reset, "colour in NO_COLOR mode: {cell:?}");
    }
    assert!(text(&buffer).contains("▶ 24-hour emergency"));
}

#[test]
fn tiny_terminal_says_it_is_too_small() {
    let buffer = render(&scenario("start", 10, 3));
    insta::assert_snapshot!("start_10x3", text(&buffer));
    assert!(text(&buffer).contains("small"));
}

/// The card's first screen weighs each fact in plain words (`[corroborated]
/// two secondary datasets`): no GitHub file number and no "mock" or "seed
/// list" wording, which only `s` (every source in full) shows.
#[test]
fn cards_show_plain_source_labels() {
    for name in ["card_imph", "card_253"] {
        let buffer = render(&scenario(name, 120, 40));
        insta::assert_snapshot!(format!("{name}_120x40"), text(&buffer));
    }
    let imph = text(&render(&scenario("card_imph", 120, 40)));
    // The number whole on its line (the badge does not fit beside it at
    // this width), then its badge and its sources in words.
    let lines: Vec<&str> = imph.lines().collect();
    let at = (lines.iter())
        .position(|l| l.contains("+86 471 662 0000"))
        .expect("the number");
    assert!(lines[at + 1].contains("    [corroborated]"), "{imph}");
    assert!(
        lines[at + 3].contains("    two secondary datasets"),
        "{imph}"
    );
    let full = render(&scenario("card_sources", 120, 40));
    insta::assert_snapshot!("card_sources_120x40", text(&full));
    assert!(text(&full).contains("GitHub file ref 34105831507"));
}

/// Every shipped card, whole (a terminal tall enough for the longest), with
/// the sources as labels: nothing a reader cannot weigh.
#[test]
fn no_card_shows_file_numbers_or_mock_wording_before_s() {
    let base = AppState::new(support::shipped(), 120, 40, ColorMode::Color);
    let ids: Vec<String> = base
        .dir
        .facilities
        .iter()
        .map(|f| f.id.to_string())
        .collect();
    for id in ids {
        let mut s = AppState::new(support::shipped(), 120, 200, ColorMode::Color);
        go_to(&mut s, &id);
        apply(&mut s, &[Action::NextPane, Action::NextPane]);
        let card = text(&render(&s)).to_lowercase();
        for word in ["github file", "file ref", "mock", "seed list", "seeder"] {
            assert!(
                !card.contains(word),
                "{id}: the card shows {word:?}:\n{card}"
            );
        }
        let long_digits = card
            .split(|c: char| !c.is_ascii_digit())
            .any(|run| run.len() >= 9);
        assert!(!long_digits, "{id}: a file number on the card:\n{card}");
    }
}
