//! What careguide writes to the terminal: ratatui's crossterm backend with
//! its drawing loop replaced, to save bytes for SSH users (measured in
//! BENCHMARKS.md). After a wide (CJK) glyph, ratatui-crossterm 0.1.2 moves
//! the cursor before the next cell even when the terminal cursor is already
//! there (8–10 B per glyph; the fix, ratatui#2721, is merged but not
//! released); here the cursor is known to stand after the glyph, and a move
//! takes the shortest of an absolute position, a column on the same row, or
//! the start of the next row and a step right. Colours and attributes
//! change only where they differ (`pen`), and the cursor is hidden once,
//! not again on every frame. The cursor's place is kept from one frame to
//! the next (the cursor is hidden, and nothing else writes text between
//! frames; a clear or a new `Terminal` forgets it). Everything else is the
//! crossterm backend's.

use std::io::{self, Write};

use ratatui::backend::{Backend, ClearType, CrosstermBackend, WindowSize};
use ratatui::buffer::{Cell, CellWidth};
use ratatui::crossterm::cursor::{MoveRight, MoveTo, MoveToColumn};
use ratatui::crossterm::queue;
use ratatui::crossterm::style::Print;
use ratatui::layout::{Position, Size};

use super::pen::Pen;

pub struct Wire<W: Write> {
    inner: CrosstermBackend<W>,
    cursor_hidden: bool,
    /// Where the terminal's cursor stands, when known: after the last cell
    /// drawn, until something else may have moved it.
    cursor: Option<(u16, u16)>,
}

impl<W: Write> Wire<W> {
    pub fn new(writer: W) -> Wire<W> {
        Wire {
            inner: CrosstermBackend::new(writer),
            cursor_hidden: false,
            cursor: None,
        }
    }
}

/// The bytes that move the terminal's cursor from `from` (unknown: `None`)
/// to `to`, the shortest of: an absolute position; on the same row, the
/// column, a step right, or a carriage return to column 0; to the next row,
/// carriage return, line feed and a step right from column 0 (the row below
/// exists, so the line feed never scrolls). A step right is taken only
/// towards a column right of the cursor, which cannot stand in the
/// last-column wrap state then.
fn shortest_move(from: Option<(u16, u16)>, (x, y): (u16, u16)) -> io::Result<Vec<u8>> {
    let mut candidates = vec![Vec::new()];
    queue!(candidates[0], MoveTo(x, y))?;
    match from {
        Some((column, row)) if row == y => {
            let mut to_column = Vec::new();
            queue!(to_column, MoveToColumn(x))?;
            candidates.push(to_column);
            if x > column {
                let mut right = Vec::new();
                queue!(right, MoveRight(x - column))?;
                candidates.push(right);
            }
            if x == 0 {
                candidates.push(b"\r".to_vec());
            }
        }
        Some((_, row)) if row.checked_add(1) == Some(y) => {
            let mut next_row = b"\r\n".to_vec();
            if x > 0 {
                queue!(next_row, MoveRight(x))?;
            }
            candidates.push(next_row);
        }
        _ => {}
    }
    // The first of the shortest: the absolute position on a tie.
    Ok(candidates
        .into_iter()
        .min_by_key(Vec::len)
        .unwrap_or_default())
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
        // Unknown if this draw fails halfway.
        let mut cursor = self.cursor.take();
        for (x, y, cell) in content {
            if cursor != Some((x, y)) {
                out.write_all(&shortest_move(cursor, (x, y))?)?;
            }
            pen.take(cell, out)?;
            queue!(out, Print(cell.symbol()))?;
            cursor = Some((x.saturating_add(cell.cell_width()), y));
        }
        pen.reset(out)?;
        self.cursor = cursor;
        Ok(())
    }

    fn append_lines(&mut self, n: u16) -> io::Result<()> {
        self.cursor = None;
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
        let position = position.into();
        self.cursor = None;
        self.inner.set_cursor_position(position)?;
        self.cursor = Some((position.x, position.y));
        Ok(())
    }

    fn clear(&mut self) -> io::Result<()> {
        self.cursor = None;
        self.inner.clear()
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        self.cursor = None;
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
    use super::shortest_move;

    fn moved(from: Option<(u16, u16)>, to: (u16, u16)) -> String {
        String::from_utf8(shortest_move(from, to).expect("written to a Vec")).expect("ASCII")
    }

    #[test]
    fn the_shortest_move_is_taken() {
        assert_eq!(moved(None, (3, 15)), "\x1b[16;4H", "from nowhere known");
        assert_eq!(moved(Some((90, 15)), (3, 15)), "\x1b[4G", "same row");
        assert_eq!(moved(Some((90, 15)), (0, 15)), "\r", "same row's start");
        assert_eq!(moved(Some((90, 15)), (97, 15)), "\x1b[7C", "a step right");
        assert_eq!(moved(Some((90, 15)), (3, 16)), "\r\n\x1b[3C", "next row");
        assert_eq!(moved(Some((7, 15)), (0, 16)), "\r\n", "next row's start");
        assert_eq!(moved(Some((90, 4)), (3, 5)), "\x1b[6;4H", "no shorter");
        assert_eq!(moved(Some((3, 15)), (3, 14)), "\x1b[15;4H", "a row up");
    }
}
