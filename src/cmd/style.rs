//! Plain-text output for people: whether to colour (only when stdout is a
//! terminal and `NO_COLOR` is unset or empty), aligned columns measured in
//! display width (汉字 take two cells), and word wrapping for printouts.
//! Data strings pass through `text::sanitize` here, so no control character
//! from a data file reaches the terminal.

use std::io::IsTerminal;

use crossterm::style::Stylize;
use unicode_width::UnicodeWidthStr;

use crate::text::sanitize;

/// Whether ANSI styling is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Colour {
    On,
    Off,
}

impl Colour {
    /// The decision for this process's stdout and environment.
    pub fn detect() -> Colour {
        let no_color = std::env::var_os("NO_COLOR");
        Colour::decide(std::io::stdout().is_terminal(), no_color.as_deref())
    }

    /// <https://no-color.org>: any non-empty `NO_COLOR` turns colour off.
    pub fn decide(stdout_is_tty: bool, no_color: Option<&std::ffi::OsStr>) -> Colour {
        let disabled = no_color.is_some_and(|v| !v.is_empty());
        if stdout_is_tty && !disabled {
            Colour::On
        } else {
            Colour::Off
        }
    }

    pub fn dim(self, s: &str) -> String {
        match self {
            Colour::On => s.dim().to_string(),
            Colour::Off => s.to_string(),
        }
    }

    pub fn bold(self, s: &str) -> String {
        match self {
            Colour::On => s.bold().to_string(),
            Colour::Off => s.to_string(),
        }
    }
}

/// Display width of a string in terminal cells.
pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// Rows of cells as aligned lines: each column padded to its widest cell,
/// two spaces between columns, trailing empty cells and spaces dropped.
/// `paint` styles a cell by column after padding is measured.
pub fn align(rows: &[Vec<String>], paint: impl Fn(usize, &str) -> String) -> Vec<String> {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..columns)
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .map(|s| width(s))
                .max()
                .unwrap_or(0)
        })
        .collect();
    rows.iter()
        .map(|row| {
            let last = row.iter().rposition(|s| !s.is_empty()).map_or(0, |i| i + 1);
            let mut line = String::new();
            for (c, cell) in row.iter().enumerate().take(last) {
                if c > 0 {
                    line.push_str("  ");
                }
                line.push_str(&paint(c, cell));
                if c + 1 < last {
                    line.push_str(&" ".repeat(widths[c] - width(cell)));
                }
            }
            line
        })
        .collect()
}

/// A data string made safe for one line of terminal output.
pub fn cell(s: &str) -> String {
    sanitize(s)
}

/// Greedy word wrap at `max` cells; the first line is prefixed by `first`,
/// the others by `rest` (usually spaces of the same width). Words longer
/// than a line (URLs, 汉字 runs) stay whole on their own line.
pub fn wrap(text: &str, max: usize, first: &str, rest: &str) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = first.to_string();
    let mut empty = true;
    for word in sanitize(text).split(' ') {
        if !empty && width(&line) + 1 + width(word) > max {
            lines.push(std::mem::replace(&mut line, rest.to_string()));
            empty = true;
        }
        if !empty {
            line.push(' ');
        }
        line.push_str(word);
        empty = false;
    }
    lines.push(line);
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::OsStr;

    #[test]
    fn colour_only_on_a_tty_without_no_color() {
        assert_eq!(Colour::decide(true, None), Colour::On);
        assert_eq!(Colour::decide(true, Some(OsStr::new(""))), Colour::On);
        assert_eq!(Colour::decide(true, Some(OsStr::new("1"))), Colour::Off);
        assert_eq!(Colour::decide(false, None), Colour::Off);
        assert_eq!(Colour::Off.bold("x"), "x");
        assert_ne!(Colour::On.bold("x"), "x");
    }

    #[test]
    fn align_measures_display_width() {
        let rows = vec![
            vec!["city".to_string(), "北京".to_string(), "x".to_string()],
            vec!["facility".to_string(), "ab".to_string(), String::new()],
        ];
        let lines = align(&rows, |_, s| s.to_string());
        assert_eq!(lines, ["city      北京  x", "facility  ab"]);
    }

    #[test]
    fn wrap_keeps_long_words_and_indents() {
        let lines = wrap("one two three four", 12, "- ", "  ");
        assert_eq!(lines, ["- one two", "  three four"]);
        let lines = wrap("https://example.org/a/very/long/path x", 10, "", "");
        assert_eq!(lines, ["https://example.org/a/very/long/path", "x"]);
    }
}
