//! The style escape sequences between one drawn cell and the next, as few
//! bytes as keep the terminal right: a colour is written only when it
//! changed (ratatui-crossterm 0.1.2 writes foreground and background
//! together whenever either changes), attributes change one by one, and
//! one SGR 0 ends a frame (ratatui-crossterm writes four resets).

use std::io::{self, Write};

use ratatui::backend::IntoCrossterm;
use ratatui::buffer::Cell;
use ratatui::crossterm::queue;
use ratatui::crossterm::style::{
    Attribute, Color as Ansi, Colors, SetAttribute, SetBackgroundColor, SetColors,
    SetForegroundColor, SetUnderlineColor,
};
use ratatui::style::{Color, Modifier};

/// The style the terminal draws with now. A frame starts and ends with the
/// terminal's default (`Pen::default()`, reached by SGR 0).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pen {
    fg: Color,
    bg: Color,
    underline: Color,
    modifier: Modifier,
}

impl Default for Pen {
    fn default() -> Pen {
        Pen {
            fg: Color::Reset,
            bg: Color::Reset,
            underline: Color::Reset,
            modifier: Modifier::empty(),
        }
    }
}

impl Pen {
    /// Writes what changes the terminal's style to `cell`'s, and takes it.
    pub fn take(&mut self, cell: &Cell, out: &mut impl Write) -> io::Result<()> {
        if cell.modifier != self.modifier {
            modifiers(self.modifier, cell.modifier, out)?;
        }
        let color = |c: Color| -> Ansi { c.into_crossterm() };
        match (cell.fg != self.fg, cell.bg != self.bg) {
            (true, true) => queue!(out, SetColors(Colors::new(color(cell.fg), color(cell.bg))))?,
            (true, false) => queue!(out, SetForegroundColor(color(cell.fg)))?,
            (false, true) => queue!(out, SetBackgroundColor(color(cell.bg)))?,
            (false, false) => {}
        }
        if cell.underline_color != self.underline {
            queue!(out, SetUnderlineColor(color(cell.underline_color)))?;
        }
        *self = Pen {
            fg: cell.fg,
            bg: cell.bg,
            underline: cell.underline_color,
            modifier: cell.modifier,
        };
        Ok(())
    }

    /// Back to the terminal's default style: one SGR 0 resets colours,
    /// underline colour and attributes alike.
    pub fn reset(&mut self, out: &mut impl Write) -> io::Result<()> {
        if *self != Pen::default() {
            queue!(out, SetAttribute(Attribute::Reset))?;
            *self = Pen::default();
        }
        Ok(())
    }
}

/// The attribute changes from `from` to `to`. Bold and dim share one reset
/// ("normal intensity"), as do the two blinks: what `to` keeps of a pair is
/// set again after its reset.
fn modifiers(from: Modifier, to: Modifier, out: &mut impl Write) -> io::Result<()> {
    let removed = from - to;
    let mut added = to - from;
    let mut set = |attribute: Attribute| queue!(out, SetAttribute(attribute));
    let off = [
        (Modifier::REVERSED, Attribute::NoReverse),
        (Modifier::BOLD | Modifier::DIM, Attribute::NormalIntensity),
        (Modifier::ITALIC, Attribute::NoItalic),
        (Modifier::UNDERLINED, Attribute::NoUnderline),
        (Modifier::CROSSED_OUT, Attribute::NotCrossedOut),
        (Modifier::HIDDEN, Attribute::NoHidden),
        (
            Modifier::SLOW_BLINK | Modifier::RAPID_BLINK,
            Attribute::NoBlink,
        ),
    ];
    for (modifiers, attribute) in off {
        if removed.intersects(modifiers) {
            set(attribute)?;
            added |= to & modifiers;
        }
    }
    let on = [
        (Modifier::REVERSED, Attribute::Reverse),
        (Modifier::BOLD, Attribute::Bold),
        (Modifier::DIM, Attribute::Dim),
        (Modifier::ITALIC, Attribute::Italic),
        (Modifier::UNDERLINED, Attribute::Underlined),
        (Modifier::CROSSED_OUT, Attribute::CrossedOut),
        (Modifier::HIDDEN, Attribute::Hidden),
        (Modifier::SLOW_BLINK, Attribute::SlowBlink),
        (Modifier::RAPID_BLINK, Attribute::RapidBlink),
    ];
    for (modifier, attribute) in on {
        if added.contains(modifier) {
            set(attribute)?;
        }
    }
    Ok(())
}
