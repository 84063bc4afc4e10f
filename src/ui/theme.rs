//! The colours and text styles, calm by default, with the config file's
//! colours over them; the basic colours only on a terminal with fewer than
//! 256, and none at all with `NO_COLOR` (in both, the selection shows in
//! reverse video and with a marker).

use ratatui::style::{Color, Modifier, Style};
use ratatui::text::Span;
use ratatui::widgets::{Block, Borders};

use crate::config::Palette;
use crate::model::Confidence;
use crate::tui::state::ColorMode;

pub struct Theme {
    pub border: Style,
    pub border_focus: Style,
    pub title: Style,
    pub selected: Style,
    pub highlight: Style,
    pub dim: Style,
    pub strong: Style,
    pub error: Style,
    pub heading: Style,
    /// The `[personal]` badge of the user's own records.
    pub personal: Style,
}

/// The badge on records from the user's personal files.
pub const PERSONAL: &str = "[personal]";

impl Theme {
    /// A pane's frame: its border and title stand out when it has focus.
    pub fn pane<'a>(&self, title: String, focused: bool) -> Block<'a> {
        let (border, title_style) = match focused {
            true => (self.border_focus, self.title),
            false => (self.border, self.dim),
        };
        Block::default()
            .borders(Borders::ALL)
            .border_style(border)
            .title(Span::styled(format!(" {title} "), title_style))
    }

    pub fn new(mode: ColorMode, palette: &Palette) -> Theme {
        let theme = Theme::plain(mode);
        if mode == ColorMode::NoColor {
            return theme;
        }
        let fg = |style: Style, color: Option<Color>| color.map_or(style, |c| style.fg(c));
        Theme {
            border_focus: fg(theme.border_focus, palette.accent),
            heading: fg(theme.heading, palette.accent),
            highlight: fg(theme.highlight, palette.matched),
            selected: match palette.selection {
                Some(color) => Style::new().bg(color).add_modifier(Modifier::BOLD),
                None => theme.selected,
            },
            ..theme
        }
    }

    fn plain(mode: ColorMode) -> Theme {
        match mode {
            ColorMode::Color | ColorMode::Basic => Theme {
                border: Style::new().fg(Color::DarkGray),
                border_focus: Style::new().fg(Color::Cyan),
                title: Style::new().add_modifier(Modifier::BOLD),
                // A dark grey (fzf's current line is 236): one of the 256
                // colours every terminal has (24-bit colour is not
                // everywhere, e.g. macOS Terminal), and 5 B shorter on the
                // wire than the slate blue it replaces.
                selected: match mode {
                    ColorMode::Basic => Style::new().add_modifier(Modifier::REVERSED),
                    _ => Style::new()
                        .bg(Color::Indexed(237))
                        .add_modifier(Modifier::BOLD),
                },
                highlight: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
                dim: Style::new().fg(Color::Gray),
                strong: Style::new().add_modifier(Modifier::BOLD),
                error: Style::new()
                    .fg(Color::LightRed)
                    .add_modifier(Modifier::BOLD),
                heading: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
                personal: Style::new().fg(Color::Magenta),
            },
            ColorMode::NoColor => Theme {
                border: Style::new(),
                border_focus: Style::new().add_modifier(Modifier::BOLD),
                title: Style::new().add_modifier(Modifier::BOLD),
                selected: Style::new().add_modifier(Modifier::REVERSED),
                highlight: Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
                dim: Style::new(),
                strong: Style::new().add_modifier(Modifier::BOLD),
                error: Style::new().add_modifier(Modifier::BOLD),
                heading: Style::new().add_modifier(Modifier::BOLD),
                personal: Style::new(),
            },
        }
    }

    /// The badge style for a confidence level (the text says it too).
    pub fn badge(&self, confidence: Confidence, mode: ColorMode) -> Style {
        if mode == ColorMode::NoColor {
            return Style::new();
        }
        match confidence {
            Confidence::Official => Style::new().fg(Color::Green),
            Confidence::Corroborated => Style::new().fg(Color::Cyan),
            Confidence::SingleSource => Style::new().fg(Color::Yellow),
        }
    }
}
