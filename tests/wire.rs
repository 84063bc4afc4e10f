//! `tui::wire` against a terminal emulator: for any frames ratatui draws,
//! one after another, the vt100 screen shows every cell (text, colours,
//! attributes) as it does after ratatui-crossterm's own bytes, so the byte
//! savings (colours written only when they change, one reset per frame, no
//! cursor move after a wide glyph, the cursor hidden once) change nothing
//! the user sees; and the savings are there.

use std::cell::RefCell;
use std::io::{self, Write};
use std::rc::Rc;

use careguide::tui::wire::Wire;
use proptest::prelude::*;
use ratatui::backend::{Backend, CrosstermBackend};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::{Terminal, TerminalOptions, Viewport};

const WIDTH: u16 = 24;
const HEIGHT: u16 = 4;
const PIECES: [&str; 7] = ["ab", "汉字", "x", " ", "医院 c", "▶ ", "Hohhot"];

#[derive(Clone, Default)]
struct Shared(Rc<RefCell<Vec<u8>>>);

impl Write for Shared {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

type Row = Vec<(usize, Style)>;

fn color() -> impl Strategy<Value = Color> {
    prop_oneof![
        Just(Color::Reset),
        (0u8..16).prop_map(Color::Indexed),
        (any::<u8>(), any::<u8>(), any::<u8>()).prop_map(|(r, g, b)| Color::Rgb(r, g, b)),
    ]
}

fn style() -> impl Strategy<Value = Style> {
    let modifiers = Modifier::BOLD
        | Modifier::DIM
        | Modifier::ITALIC
        | Modifier::UNDERLINED
        | Modifier::REVERSED;
    (color(), color(), 0..=modifiers.bits()).prop_map(move |(fg, bg, bits)| {
        Style::new()
            .fg(fg)
            .bg(bg)
            .add_modifier(Modifier::from_bits_truncate(bits) & modifiers)
    })
}

/// A first frame, then frames that each change a few pieces of the one
/// before (text and style), so that ratatui's diff skips unchanged cells
/// and the cursor moves within a row and on to the next.
fn frames() -> impl Strategy<Value = Vec<Vec<Row>>> {
    let row = prop::collection::vec((0..PIECES.len(), style()), 0..5);
    let first = prop::collection::vec(row, HEIGHT as usize);
    let edit = (
        0..HEIGHT as usize,
        any::<prop::sample::Index>(),
        0..PIECES.len(),
        style(),
    );
    let edits = prop::collection::vec(prop::collection::vec(edit, 1..4), 0..6);
    (first, edits).prop_map(|(first, edits)| {
        let mut frames = vec![first];
        for step in edits {
            let mut next = frames[frames.len() - 1].clone();
            for (row, at, piece, style) in step {
                let row = &mut next[row];
                match row.len() {
                    0 => row.push((piece, style)),
                    len => row[at.index(len)] = (piece, style),
                }
            }
            frames.push(next);
        }
        frames
    })
}

/// A terminal that draws through `backend`, and the emulator it writes to.
struct Screen<B: Backend> {
    out: Shared,
    terminal: Terminal<B>,
    emulator: vt100::Parser,
}

impl<B: Backend> Screen<B> {
    fn new(backend: impl FnOnce(Shared) -> B) -> Screen<B> {
        let out = Shared::default();
        let viewport = Viewport::Fixed(Rect::new(0, 0, WIDTH, HEIGHT));
        let terminal = Terminal::with_options(backend(out.clone()), TerminalOptions { viewport })
            .unwrap_or_else(|_| panic!("a terminal"));
        Screen {
            out,
            terminal,
            emulator: vt100::Parser::new(HEIGHT, WIDTH, 0),
        }
    }

    /// Draws `frame`; its buffer and how many bytes it wrote.
    fn draw(&mut self, frame: &[Row]) -> (Buffer, usize) {
        let lines: Vec<Line> = frame
            .iter()
            .map(|row| {
                let spans: Vec<Span> = row
                    .iter()
                    .map(|&(piece, style)| Span::styled(PIECES[piece], style))
                    .collect();
                Line::from(spans)
            })
            .collect();
        let (buffer, bytes) = self.draw_lines(lines);
        (buffer, bytes.len())
    }

    /// Draws `lines`; the buffer and the bytes written, which the emulator
    /// has processed.
    fn draw_lines(&mut self, lines: Vec<Line>) -> (Buffer, Vec<u8>) {
        let buffer = match self
            .terminal
            .draw(|f| f.render_widget(Paragraph::new(lines), f.area()))
        {
            Ok(drawn) => drawn.buffer.clone(),
            Err(_) => panic!("draws"),
        };
        let bytes = std::mem::take(&mut *self.out.0.borrow_mut());
        self.emulator.process(&bytes);
        (buffer, bytes)
    }
}

proptest! {
    /// Wire and ratatui-crossterm, fed the same frames, leave every cell of
    /// the terminal the same (text, colours, bold, italic, underline,
    /// reverse), the text is the buffer's, and Wire never writes more.
    #[test]
    fn wire_shows_what_ratatui_crossterm_shows_in_fewer_bytes(frames in frames()) {
        let mut wire = Screen::new(Wire::new);
        let mut plain = Screen::new(CrosstermBackend::new);
        for frame in &frames {
            let (buffer, wire_bytes) = wire.draw(frame);
            let (_, plain_bytes) = plain.draw(frame);
            prop_assert!(wire_bytes <= plain_bytes, "{} > {} bytes", wire_bytes, plain_bytes);
            let (shown, expected) = (wire.emulator.screen(), plain.emulator.screen());
            for y in 0..HEIGHT {
                for x in 0..WIDTH {
                    let cell = shown.cell(y, x);
                    prop_assert_eq!(cell, expected.cell(y, x), "cell {},{}", x, y);
                    let Some(cell) = cell.filter(|c| !c.is_wide_continuation()) else {
                        continue;
                    };
                    let text = cell.contents();
                    let text = if text.is_empty() { " " } else { text.as_str() };
                    prop_assert_eq!(text, buffer[(x, y)].symbol(), "text of cell {},{}", x, y);
                }
            }
        }
    }
}

/// Rows of CJK, mixed and ASCII text, as a list pane draws them.
const FRAMES: [&[&str]; 3] = [
    &[
        "▶ 北京协和医院 PUMCH",
        "  口腔医院 dental",
        "  plain ascii row",
    ],
    &[
        "  北京协和医院 PUMCH",
        "▶ 口腔医院 dental",
        "  plain ascii row",
    ],
    &[
        "  北京协和医院 PUMCH",
        "  口腔医院 dental",
        "▶ 新的 行 ascii 末",
    ],
];

/// Each of FRAMES' bytes as `screen` writes them; the selected row is
/// restyled whole, as a list pane does.
fn written<B: Backend>(mut screen: Screen<B>) -> Vec<Vec<u8>> {
    FRAMES
        .iter()
        .map(|rows| {
            let lines: Vec<Line> = rows
                .iter()
                .map(|r| match r.starts_with('▶') {
                    true => Line::from(*r).style(Style::new().bg(Color::Blue)),
                    false => Line::from(*r),
                })
                .collect();
            screen.draw_lines(lines).1
        })
        .collect()
}

#[test]
fn no_cursor_move_after_a_wide_glyph_and_one_hide() {
    let frames = written(Screen::new(Wire::new));
    let plain = written(Screen::new(CrosstermBackend::new));
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    let second = text(&frames[1]);
    assert!(second.contains("口腔医院"), "no move between: {second:?}");
    assert!(
        !text(&plain[1]).contains("口腔医院"),
        "ratatui-crossterm moves"
    );
    assert!(frames[1].len() < plain[1].len());
    let hide = "\u{1b}[?25l";
    assert_eq!(text(&frames[0]).matches(hide).count(), 1);
    assert_eq!(second.matches(hide).count(), 0, "hidden already");
    assert_eq!(text(&plain[1]).matches(hide).count(), 1);
}
