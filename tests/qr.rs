//! The QR popup: its snapshot, and its content decoded from the rendered
//! screen by an independent QR reader (rqrr) back to the `tel:` URI.

mod support;

use careguide::tui::state::{ColorMode, Mode};
use ratatui::buffer::Buffer;
use ratatui::style::Color;

/// Reads the half-block QR code out of a rendered buffer: every cell drawn
/// black-on-white is two modules (upper and lower half).
fn decode(buffer: &Buffer, inverted: bool) -> String {
    let area = buffer.area;
    let cells: Vec<(u16, u16)> = (0..area.height)
        .flat_map(|y| (0..area.width).map(move |x| (x, y)))
        .filter(|&(x, y)| {
            let cell = &buffer[(x, y)];
            if inverted {
                matches!(cell.symbol(), "█" | "▀" | "▄")
            } else {
                cell.bg == Color::White
            }
        })
        .collect();
    let (min_x, max_x) = (
        cells.iter().map(|c| c.0).min().unwrap(),
        cells.iter().map(|c| c.0).max().unwrap(),
    );
    let (min_y, max_y) = (
        cells.iter().map(|c| c.1).min().unwrap(),
        cells.iter().map(|c| c.1).max().unwrap(),
    );
    let scale = 6usize;
    let width = usize::from(max_x - min_x + 1) + 8;
    let height = usize::from(max_y - min_y + 1) * 2 + 8;
    let dark = |mx: usize, my: usize| -> bool {
        if mx < 4 || my < 4 {
            return false;
        }
        let (x, y) = (mx - 4, my - 4);
        let cell_x = min_x + x as u16;
        let cell_y = min_y + (y / 2) as u16;
        if cell_x > max_x || cell_y > max_y {
            return false;
        }
        let symbol = buffer[(cell_x, cell_y)].symbol();
        let (upper, lower) = match symbol {
            "█" => (true, true),
            "▀" => (true, false),
            "▄" => (false, true),
            _ => (false, false),
        };
        let drawn = if y % 2 == 0 { upper } else { lower };
        if inverted { !drawn } else { drawn }
    };
    let mut image =
        rqrr::PreparedImage::prepare_from_greyscale(width * scale, height * scale, |x, y| {
            if dark(x / scale, y / scale) { 0 } else { 255 }
        });
    let grids = image.detect_grids();
    assert_eq!(grids.len(), 1, "one QR code on screen");
    grids[0].decode().expect("decodes").1
}

#[test]
fn qr_popup_decodes_to_the_tel_uri() {
    let state = support::scenario("qr", 120, 40);
    assert!(matches!(state.mode, Mode::Qr { .. }));
    let buffer = support::render(&state);
    insta::assert_snapshot!("qr_120x40", support::text(&buffer));
    assert_eq!(decode(&buffer, false), "tel:+861059850333");
}

#[test]
fn qr_popup_without_colour_is_inverted_for_dark_terminals_and_still_decodes() {
    let mut state = support::scenario("qr", 120, 40);
    state.color = ColorMode::NoColor;
    let buffer = support::render(&state);
    let popup_only = {
        // Keep only the QR rows: the decode helper treats every block
        // character as a module, so blank out what is not the code.
        let mut b = buffer.clone();
        for cell in b.content.iter_mut() {
            if !matches!(cell.symbol(), "█" | "▀" | "▄" | " ") {
                cell.set_symbol(" ");
            }
        }
        b
    };
    assert_eq!(decode(&popup_only, true), "tel:+861059850333");
}

#[test]
fn a_small_terminal_says_the_code_does_not_fit() {
    let state = support::scenario("qr", 40, 12);
    let text = support::text(&support::render(&state));
    assert!(text.contains("too small for the QR"), "{text}");
}
