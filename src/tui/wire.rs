//! What careguide writes to the terminal: ratatui's crossterm backend with
//! its drawing loop replaced, to save bytes for SSH users (measured in
//! BENCHMARKS.md). After a wide (CJK) glyph, ratatui-crossterm 0.1.2 moves
//! the cursor before the next cell even when the terminal cursor is already
//! there (8–10 B per glyph; the fix, ratatui#2721, is merged but not
//! released); here the cursor is known to stand after the glyph. Colours
//! and attributes change only where they differ (`pen`), and the cursor is
//! hidden once, not again on every frame. Everything else is the crossterm
//! backend's.

use std::io::{self, Write};

use ratatui::backend::{Backend, ClearType, CrosstermBackend, WindowSize};
use ratatui::buffer::{Cell, CellWidth};
use ratatui::crossterm::cursor::MoveTo;
use ratatui::crossterm::queue;
use ratatui::crossterm::style::Print;
use ratatui::layout::{Position, Size};

use super::pen::Pen;

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

impl<W: Write> Backend for Wire<W> {
    type Error = io::Error;

    /// ratatui-crossterm's drawing loop with the savings above: the
    /// terminal's cursor is known to stand after the glyph just printed
    /// (its width, as ratatui's buffer counts it), and styles change through
    /// `Pen`.
    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let out = &mut self.inner;
        let mut pen = Pen::default();
        let mut cursor: Option<(u16, u16)> = None;
        for (x, y, cell) in content {
            if cursor != Some((x, y)) {
                queue!(out, MoveTo(x, y))?;
            }
            pen.take(cell, out)?;
            queue!(out, Print(cell.symbol()))?;
            cursor = Some((x.saturating_add(cell.cell_width()), y));
        }
        pen.reset(out)
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
