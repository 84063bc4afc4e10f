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

/// Cuts the cells of `columns` (each down to its least width, in order)
/// until the lines `align` makes of `rows` fit `width`; a cut cell ends in
/// `…`. Rows that fit no matter what are left as they are then.
pub fn fit(rows: &mut [Vec<String>], width: usize, columns: &[(usize, usize)]) {
    for &(column, least) in columns {
        let widths: Vec<usize> = (0..rows.iter().map(Vec::len).max().unwrap_or(0))
            .map(|c| {
                rows.iter()
                    .filter_map(|r| r.get(c))
                    .map(|s| self::width(s))
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        // The widest line: every column padded but the last one shown.
        let line = |row: &Vec<String>| {
            let last = row.iter().rposition(|s| !s.is_empty()).unwrap_or(0);
            widths[..last].iter().map(|w| w + 2).sum::<usize>() + self::width(&row[last])
        };
        let Some(over) = rows
            .iter()
            .map(line)
            .max()
            .and_then(|w| w.checked_sub(width))
        else {
            return;
        };
        let Some(&have) = widths.get(column) else {
            continue;
        };
        let keep = have.saturating_sub(over).max(least);
        for cell in rows.iter_mut().filter_map(|r| r.get_mut(column)) {
            if self::width(cell) > keep {
                *cell = cut(cell, keep);
            }
        }
    }
}

/// `s` in at most `cells` display cells, ending in `…` where it is cut
/// (an empty string for none).
fn cut(s: &str, cells: usize) -> String {
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w + 1 > cells {
            break;
        }
        out.push(c);
        used += w;
    }
    if cells > 0 {
        out.truncate(out.trim_end().len());
        out.push('…');
    }
    out
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
    fn fit_cuts_the_given_columns_in_order() {
        let row = |cells: [&str; 3]| cells.map(str::to_string).to_vec();
        let mut rows = vec![
            row(["id", "A long name here", "via: alias"]),
            row(["x", "短名", ""]),
        ];
        fit(&mut rows, 22, &[(2, 0), (1, 4)]);
        let lines = align(&rows, |_, s| s.to_string());
        assert!(lines.iter().all(|l| width(l) <= 22), "{lines:?}");
        assert_eq!(lines, ["id  A long name here", "x   短名"]);
        fit(&mut rows, 12, &[(2, 0), (1, 4)]);
        let lines = align(&rows, |_, s| s.to_string());
        assert_eq!(lines, ["id  A long…", "x   短名"]);
        assert_eq!(cut("汉字汉字", 5), "汉字…");
    }

    #[test]
    fn wrap_keeps_long_words_and_indents() {
        let lines = wrap("one two three four", 12, "- ", "  ");
        assert_eq!(lines, ["- one two", "  three four"]);
        let lines = wrap("https://example.org/a/very/long/path x", 10, "", "");
        assert_eq!(lines, ["https://example.org/a/very/long/path", "x"]);
    }
}
