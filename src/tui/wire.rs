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
