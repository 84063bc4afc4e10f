//! What careguide writes to the terminal: ratatui's crossterm backend with
//! two savings for SSH users (measured in BENCHMARKS.md). After a wide
//! (CJK) glyph, ratatui-crossterm 0.1.2 moves the cursor before the next
//! cell even when the terminal cursor is already there (8–10 B per glyph;
//! the fix, ratatui#2721, is merged but not released): a zero-width filler
//! cell in the gap makes the cells adjacent, so no move is written. And the
//! cursor is hidden once, not again on every frame.

use std::io::{self, Write};

use ratatui::backend::{Backend, ClearType, CrosstermBackend, WindowSize};
use ratatui::buffer::{Cell, CellWidth};
use ratatui::layout::{Position, Size};

pub struct Wire<W: Write> {
    inner: CrosstermBackend<W>,
    cursor_hidden: bool,
}

impl<W: Write> Wire<W> {
    pub fn new(writer: W) -> Wire<W> {
        Wire {
            inner: CrosstermBackend::new(writer),
            cursor_hidden: false,
        }
    }
}

/// Zero-width fillers for `cells` (a frame's diff, in order): after a
/// double-width glyph whose next cell is the one right after it, a filler
/// at the glyph's second column with the glyph's style, so the backend
/// sees adjacent cells and writes neither a cursor move nor a style change.
fn fillers(cells: &[(u16, u16, &Cell)]) -> Vec<(usize, (u16, u16, Cell))> {
    cells
        .windows(2)
        .enumerate()
        .filter_map(|(i, pair)| {
            let ((x, y, cell), (next_x, next_y, _)) = (pair[0], pair[1]);
            let wide = cell.cell_width() == 2;
            (wide && next_y == y && Some(next_x) == x.checked_add(2)).then(|| {
                let mut filler = cell.clone();
                filler.set_symbol("");
                (i, (x + 1, y, filler))
            })
        })
        .collect()
}

impl<W: Write> Backend for Wire<W> {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let cells: Vec<(u16, u16, &Cell)> = content.collect();
        let fillers = fillers(&cells);
        let mut fillers = fillers.iter().peekable();
        let content = cells.iter().enumerate().flat_map(|(i, &cell)| {
            let filler = fillers
                .next_if(|(after, _)| *after == i)
                .map(|(_, (x, y, filler))| (*x, *y, filler));
            std::iter::once(cell).chain(filler)
        });
        self.inner.draw(content)
    }

    fn append_lines(&mut self, n: u16) -> io::Result<()> {
        self.inner.append_lines(n)
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        if !self.cursor_hidden {
            self.inner.hide_cursor()?;
            self.cursor_hidden = true;
        }
        Ok(())
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        self.cursor_hidden = false;
        self.inner.show_cursor()
    }

    fn get_cursor_position(&mut self) -> io::Result<Position> {
        self.inner.get_cursor_position()
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        self.inner.set_cursor_position(position)
    }

    fn clear(&mut self) -> io::Result<()> {
        self.inner.clear()
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        self.inner.clear_region(clear_type)
    }

    fn size(&self) -> io::Result<Size> {
        self.inner.size()
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        self.inner.window_size()
    }

    fn flush(&mut self) -> io::Result<()> {
        Backend::flush(&mut self.inner)
    }
}

#[cfg(test)]
mod tests {
    use std::cell::RefCell;
    use std::rc::Rc;

    use super::*;
    use ratatui::layout::Rect;
    use ratatui::style::{Color, Style};
    use ratatui::text::Line;
    use ratatui::widgets::Paragraph;
    use ratatui::{Terminal, TerminalOptions, Viewport};

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

    /// A writer whose bytes the test can read and clear.
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

    /// Each frame's bytes, as `backend` writes them into `out`.
    fn written<B: Backend>(backend: B, out: &Shared) -> Vec<Vec<u8>> {
        let viewport = Viewport::Fixed(Rect::new(0, 0, 30, 3));
        let mut terminal =
            Terminal::with_options(backend, TerminalOptions { viewport }).expect("terminal");
        FRAMES
            .iter()
            .map(|rows| {
                out.0.borrow_mut().clear();
                // The selected row is restyled whole, as a list pane does.
                let lines: Vec<Line> = rows
                    .iter()
                    .map(|r| match r.starts_with('▶') {
                        true => Line::from(*r).style(Style::new().bg(Color::Blue)),
                        false => Line::from(*r),
                    })
                    .collect();
                let drawn = terminal.draw(|f| f.render_widget(Paragraph::new(lines), f.area()));
                assert!(drawn.is_ok(), "draws");
                out.0.borrow().clone()
            })
            .collect()
    }

    fn wire_frames() -> Vec<Vec<u8>> {
        let out = Shared::default();
        written(Wire::new(out.clone()), &out)
    }

    #[test]
    fn what_it_writes_draws_every_frame() {
        let mut terminal = vt100::Parser::new(3, 30, 0);
        for (bytes, rows) in wire_frames().iter().zip(FRAMES) {
            terminal.process(bytes);
            for (y, row) in rows.iter().enumerate() {
                let y = y as u16;
                let shown = terminal.screen().contents_between(y, 0, y, 30);
                assert_eq!(shown.trim_end(), *row, "row {y}");
            }
        }
    }

    #[test]
    fn no_cursor_move_after_a_wide_glyph_and_one_hide() {
        let frames = wire_frames();
        let out = Shared::default();
        let plain = written(CrosstermBackend::new(out.clone()), &out);
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
}
