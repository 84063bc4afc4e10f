//! insta snapshots of the real renderer (TestBackend) for every scenario at
//! 120×40, 80×24 and 40×12, plus a 10×3 terminal. Styled scenarios also
//! snapshot the buffer's styles, so highlights and badges are checked.

mod support;

use ratatui::style::Color;
use support::{SCENARIOS, render, scenario, text};

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
