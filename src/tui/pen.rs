//! The style escape sequence between one drawn cell and the next, as few
//! bytes as keep the terminal right: only what changed is written
//! (ratatui-crossterm 0.1.2 writes foreground and background together
//! whenever either changes), all of it as the parameters of one SGR
//! sequence, starting from SGR 0 when that is shorter than undoing what
//! the last cell had; the 16 standard colours in their short form (`37`,
//! not `38;5;7`), except a foreground 0–7 under bold, which terminals with
//! "bold as bright" would brighten; one SGR 0 ends a frame
//! (ratatui-crossterm writes four resets).

use std::fmt::Write as _;
use std::io::{self, Write};

use ratatui::backend::IntoCrossterm;
use ratatui::buffer::Cell;
use ratatui::crossterm::style::{Attribute, Colored};
use ratatui::style::{Color, Modifier};

/// SGR 0 with its parameter left to the default, as terminfo's `sgr0` for
/// xterm writes it.
const RESET: &[u8] = b"\x1b[m";

/// The style the terminal draws with now. A frame starts and ends with the
/// terminal's default (`Pen::default()`, reached by SGR 0).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pen {
    fg: Color,
    bg: Color,
    underline: Color,
    modifier: Modifier,
    /// The foreground was written as one of `30`–`37`, which bold would
    /// brighten in some terminals.
    short_fg: bool,
}

impl Default for Pen {
    fn default() -> Pen {
        Pen {
            fg: Color::Reset,
            bg: Color::Reset,
            underline: Color::Reset,
            modifier: Modifier::empty(),
            short_fg: false,
        }
    }
}

impl Pen {
    /// Writes what changes the terminal's style to `cell`'s, and takes it.
    pub fn take(&mut self, cell: &Cell, out: &mut impl Write) -> io::Result<()> {
        let to = Pen {
            fg: cell.fg,
            bg: cell.bg,
            underline: cell.underline_color,
            modifier: cell.modifier,
            short_fg: false,
        };
        let mut changes = Params::default();
        let changed = self.changes_to(&to, &mut changes);
        let mut fresh = Params::default();
        fresh.push("0");
        let reset = Pen::default().changes_to(&to, &mut fresh);
        let (params, pen) = if fresh.0.len() < changes.0.len() {
            (fresh, reset)
        } else {
            (changes, changed)
        };
        *self = pen;
        match params.0.as_str() {
            "" => Ok(()),
            "0" => out.write_all(RESET),
            params => write!(out, "\x1b[{params}m"),
        }
    }

    /// Back to the terminal's default style: one SGR 0 resets colours,
    /// underline colour and attributes alike.
    pub fn reset(&mut self, out: &mut impl Write) -> io::Result<()> {
        if *self != Pen::default() {
            out.write_all(RESET)?;
            *self = Pen::default();
        }
        Ok(())
    }

    /// Adds the parameters that take the terminal from this style to `to`'s
    /// colours and attributes; the pen the terminal then has.
    fn changes_to(&self, to: &Pen, params: &mut Params) -> Pen {
        if to.modifier != self.modifier {
            modifiers(self.modifier, to.modifier, params);
        }
        let bold = to.modifier.contains(Modifier::BOLD);
        let mut short_fg = self.short_fg;
        if to.fg != self.fg || (short_fg && bold) {
            let (param, short) = short(Colored::ForegroundColor(to.fg.into_crossterm()), !bold);
            params.push(param);
            short_fg = short;
        }
        if to.bg != self.bg {
            params.push(short(Colored::BackgroundColor(to.bg.into_crossterm()), true).0);
        }
        if to.underline != self.underline {
            params.push(Colored::UnderlineColor(to.underline.into_crossterm()));
        }
        Pen { short_fg, ..*to }
    }
}

/// crossterm's parameters for `colored` (`38;5;N` for every palette
/// colour), or the standard short form of colours 0–15 (`30`–`37`,
/// `90`–`97`, and `40`… for backgrounds); the short form of a foreground
/// 0–7 only when `dark_ok` (no bold). Whether `30`–`37` was written.
fn short(colored: Colored, dark_ok: bool) -> (String, bool) {
    let long = colored.to_string();
    let (base, bright) = match long.get(..5) {
        Some("38;5;") => (30, 90),
        Some("48;5;") => (40, 100),
        _ => return (long, false),
    };
    match long[5..].parse::<u8>() {
        Ok(n @ 0..=7) if dark_ok => ((base + n).to_string(), base == 30),
        Ok(n @ 8..=15) => ((bright + n - 8).to_string(), false),
        _ => (long, false),
    }
}

/// The parameters of one SGR sequence, `;`-separated.
#[derive(Default)]
struct Params(String);

impl Params {
    /// Adds one parameter; one crossterm prints as nothing (a colour under
    /// NO_COLOR) is left out, as crossterm leaves it out, since an empty
    /// parameter would mean SGR 0.
    fn push(&mut self, param: impl std::fmt::Display) {
        let before = self.0.len();
        if before > 0 {
            self.0.push(';');
        }
        let _ = write!(self.0, "{param}");
        if self.0.len() == before + usize::from(before > 0) {
            self.0.truncate(before);
        }
    }
}

/// The attribute changes from `from` to `to`. Bold and dim share one reset
/// ("normal intensity"), as do the two blinks: what `to` keeps of a pair is
/// set again after its reset.
fn modifiers(from: Modifier, to: Modifier, params: &mut Params) {
    let removed = from - to;
    let mut added = to - from;
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
            params.push(attribute.sgr());
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
            params.push(attribute.sgr());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::Style;

    /// What the pen writes for each style in turn, from the default.
    fn written(styles: &[Style]) -> Vec<String> {
        let mut pen = Pen::default();
        styles
            .iter()
            .map(|&style| {
                let mut cell = Cell::default();
                cell.set_style(style);
                let mut out = Vec::new();
                pen.take(&cell, &mut out).expect("written to a Vec");
                String::from_utf8(out).expect("escape sequences are ASCII")
            })
            .collect()
    }

    #[test]
    fn the_sixteen_colours_take_their_short_form() {
        let styles = [
            Style::new().fg(Color::Gray),
            Style::new().fg(Color::Gray).bg(Color::Indexed(12)),
            Style::new().fg(Color::Indexed(9)).bg(Color::Indexed(237)),
        ];
        assert_eq!(
            written(&styles),
            ["\x1b[37m", "\x1b[104m", "\x1b[91;48;5;237m"]
        );
    }

    #[test]
    fn a_dark_foreground_under_bold_keeps_its_palette_form() {
        let gray = Style::new().fg(Color::Gray);
        let styles = [
            gray,
            gray.add_modifier(Modifier::BOLD),
            Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
        ];
        assert_eq!(
            written(&styles),
            ["\x1b[37m", "\x1b[1;38;5;7m", "\x1b[38;5;3m"],
            "bold on a `37` rewrites the colour, or bold-as-bright terminals show white"
        );
    }

    #[test]
    fn sgr_0_starts_the_sequence_when_that_is_shorter() {
        let styles = [
            Style::new()
                .fg(Color::Indexed(3))
                .bg(Color::Indexed(237))
                .add_modifier(Modifier::BOLD | Modifier::ITALIC),
            Style::new().fg(Color::Gray),
            Style::new(),
            Style::new(),
        ];
        assert_eq!(
            written(&styles),
            ["\x1b[1;3;38;5;3;48;5;237m", "\x1b[0;37m", "\x1b[m", ""]
        );
    }
}
