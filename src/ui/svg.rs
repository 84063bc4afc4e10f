//! Screenshots: a rendered ratatui `Buffer` written as an SVG picture with
//! its colours and text styles, one character per cell position, so the
//! README shows exactly what the real renderer draws.

use std::fmt::Write;

use ratatui::buffer::{Buffer, Cell};
use ratatui::style::{Color, Modifier};
use unicode_width::UnicodeWidthStr;

const CELL_W: f32 = 8.4;
const CELL_H: f32 = 18.0;
const FG: &str = "#d4d4d4";
const BG: &str = "#1e1e2e";

fn hex(color: Color, default: &str) -> String {
    let named = match color {
        Color::Reset => return default.to_string(),
        Color::Rgb(r, g, b) => return format!("#{r:02x}{g:02x}{b:02x}"),
        Color::Black => "#000000",
        Color::Red => "#cd3131",
        Color::Green => "#0dbc79",
        Color::Yellow => "#e5e510",
        Color::Blue => "#2472c8",
        Color::Magenta => "#bc3fbc",
        Color::Cyan => "#11a8cd",
        Color::Gray => "#a0a0a0",
        Color::DarkGray => "#7f849c",
        Color::LightRed => "#f14c4c",
        Color::LightGreen => "#23d18b",
        Color::LightYellow => "#f5f543",
        Color::LightBlue => "#3b8eea",
        Color::LightMagenta => "#d670d6",
        Color::LightCyan => "#29b8db",
        Color::White => "#e5e5e5",
        Color::Indexed(n) => return indexed(n),
    };
    named.to_string()
}

/// xterm's 256-colour palette above the 16 named colours: a 6×6×6 cube,
/// then 24 greys (the named 16 keep this file's palette).
fn indexed(n: u8) -> String {
    const NAMED: [Color; 16] = [
        Color::Black,
        Color::Red,
        Color::Green,
        Color::Yellow,
        Color::Blue,
        Color::Magenta,
        Color::Cyan,
        Color::Gray,
        Color::DarkGray,
        Color::LightRed,
        Color::LightGreen,
        Color::LightYellow,
        Color::LightBlue,
        Color::LightMagenta,
        Color::LightCyan,
        Color::White,
    ];
    let level = |v: u8| if v == 0 { 0 } else { 55 + 40 * v };
    match n {
        0..=15 => hex(NAMED[usize::from(n)], FG),
        16..=231 => {
            let cube = n - 16;
            let (r, g, b) = (level(cube / 36), level(cube / 6 % 6), level(cube % 6));
            format!("#{r:02x}{g:02x}{b:02x}")
        }
        _ => {
            let grey = 8 + 10 * (n - 232);
            format!("#{grey:02x}{grey:02x}{grey:02x}")
        }
    }
}

fn escape(symbol: &str) -> String {
    symbol
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The colours a cell is drawn with, reverse video applied.
fn colors(cell: &Cell) -> (String, String) {
    let fg = hex(cell.fg, FG);
    let bg = hex(cell.bg, BG);
    if cell.modifier.contains(Modifier::REVERSED) {
        (bg, fg)
    } else {
        (fg, bg)
    }
}

/// One run of cells with the same style on a row.
struct Run {
    x: u16,
    cells: u16,
    fg: String,
    bg: String,
    modifier: Modifier,
    /// `(column, symbol, width)` of every cell that starts a symbol.
    symbols: Vec<(u16, String, u16)>,
}

/// Pieces of text placed independently: a stretch of narrow characters
/// (stretched to exactly its cells with `textLength`, so any monospace font
/// lines up) or a single wide character centred on its two cells.
fn segments(run: &Run) -> Vec<(u16, u16, String)> {
    let mut out: Vec<(u16, u16, String)> = Vec::new();
    let mut current: Option<(u16, u16, String)> = None;
    for (x, symbol, width) in &run.symbols {
        if *width > 1 {
            out.extend(current.take());
            out.push((*x, *width, symbol.clone()));
            continue;
        }
        match current.as_mut() {
            Some((_, cells, text)) => {
                *cells += width;
                text.push_str(symbol);
            }
            None => current = Some((*x, *width, symbol.clone())),
        }
    }
    out.extend(current);
    out.into_iter()
        .filter_map(|(x, cells, text)| {
            let lead = (text.len() - text.trim_start().len()) as u16;
            let trimmed = text.trim();
            (!trimmed.is_empty()).then(|| {
                let width = trimmed.width() as u16;
                (x + lead, width.min(cells), trimmed.to_string())
            })
        })
        .collect()
}

fn write_run(out: &mut String, run: &Run, y: u16) {
    let py = f32::from(y) * CELL_H;
    if run.bg != BG {
        let px = f32::from(run.x) * CELL_W;
        let w = f32::from(run.cells) * CELL_W;
        let _ = writeln!(
            out,
            r#"<rect x="{px:.1}" y="{py:.1}" width="{w:.1}" height="{CELL_H:.1}" fill="{}"/>"#,
            run.bg
        );
    }
    let mut attrs = format!(r#" fill="{}""#, run.fg);
    if run.modifier.contains(Modifier::BOLD) {
        attrs.push_str(r#" font-weight="bold""#);
    }
    if run.modifier.contains(Modifier::ITALIC) {
        attrs.push_str(r#" font-style="italic""#);
    }
    if run.modifier.contains(Modifier::UNDERLINED) {
        attrs.push_str(r#" text-decoration="underline""#);
    }
    let ty = py + CELL_H * 0.75;
    for (x, cells, text) in segments(run) {
        let px = f32::from(x) * CELL_W;
        let length = f32::from(cells) * CELL_W;
        let text = escape(&text);
        if text.chars().count() == 1 && cells > 1 {
            let mid = px + length / 2.0;
            let _ = writeln!(
                out,
                r#"<text x="{mid:.1}" y="{ty:.1}" text-anchor="middle"{attrs}>{text}</text>"#
            );
        } else {
            let _ = writeln!(
                out,
                r#"<text x="{px:.1}" y="{ty:.1}" textLength="{length:.1}" lengthAdjust="spacingAndGlyphs" xml:space="preserve"{attrs}>{text}</text>"#
            );
        }
    }
}

pub fn to_svg(buffer: &Buffer) -> String {
    let area = buffer.area;
    let width = f32::from(area.width) * CELL_W;
    let height = f32::from(area.height) * CELL_H;
    let mut out = String::new();
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0}" height="{height:.0}" viewBox="0 0 {width:.0} {height:.0}" font-family="'DejaVu Sans Mono','Noto Sans Mono CJK SC','WenQuanYi Zen Hei Mono',monospace" font-size="14">"#
    );
    let _ = writeln!(out, r#"<rect width="100%" height="100%" fill="{BG}"/>"#);
    for y in 0..area.height {
        let mut run: Option<Run> = None;
        let mut x = 0;
        while x < area.width {
            let cell = &buffer[(area.x + x, area.y + y)];
            let symbol = cell.symbol();
            let cells = symbol.width().max(1) as u16;
            let (fg, bg) = colors(cell);
            let same = run
                .as_ref()
                .is_some_and(|r| r.fg == fg && r.bg == bg && r.modifier == cell.modifier);
            if !same {
                if let Some(done) = run.take() {
                    write_run(&mut out, &done, y);
                }
                run = Some(Run {
                    x,
                    cells: 0,
                    fg,
                    bg,
                    modifier: cell.modifier,
                    symbols: Vec::new(),
                });
            }
            if let Some(run) = run.as_mut() {
                run.cells += cells;
                run.symbols.push((x, symbol.to_string(), cells));
            }
            x += cells;
        }
        if let Some(done) = run {
            write_run(&mut out, &done, y);
        }
    }
    out.push_str("</svg>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_256_colours_are_xterms() {
        assert_eq!(hex(Color::Indexed(236), BG), "#303030");
        assert_eq!(hex(Color::Indexed(255), BG), "#eeeeee");
        assert_eq!(hex(Color::Indexed(16), BG), "#000000");
        assert_eq!(hex(Color::Indexed(24), BG), "#005f87");
        assert_eq!(hex(Color::Indexed(231), BG), "#ffffff");
        assert_eq!(hex(Color::Indexed(9), BG), hex(Color::LightRed, BG));
    }
}
