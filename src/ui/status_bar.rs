//! The bottom line: the stale-data marker first when the last reload failed
//! (or personal files were left out), the load's progress while it runs,
//! then the latest message (what was copied, errors; the loop clears it
//! after a few seconds), or key hints for the focused pane with their keys
//! from the keymap, the least needed dropped first when the line is short.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Span;
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::text::fit;
use super::theme::Theme;
use crate::tui::action::Action;
use crate::tui::keymap::Context;
use crate::tui::state::{AppState, Mode, StatusKind};

pub fn render(frame: &mut Frame, area: Rect, state: &AppState, theme: &Theme) {
    let width = usize::from(area.width);
    let mut spans = Vec::new();
    if let Some(marker) = state.files.marker() {
        spans.push(Span::styled(format!("[{marker}] "), theme.error));
    }
    if let Some((done, total)) = state.loading {
        let percent = (done * 100).checked_div(total).unwrap_or(0);
        spans.push(Span::styled(
            format!("loading {percent} % ({done} of {total} files) "),
            theme.highlight,
        ));
        spans.push(Span::styled("keys wait for the data · q quit", theme.dim));
    }
    match &state.status {
        Some(status) => {
            let style = match status.kind {
                StatusKind::Info => theme.strong,
                StatusKind::Error => theme.error,
            };
            spans.push(Span::styled(status.text.clone(), style));
        }
        None if state.loading.is_none() => {
            let left = width.saturating_sub(spans.iter().map(|s| s.content.width()).sum());
            spans.extend(hint_spans(state, theme, left));
        }
        None => {}
    };
    frame.render_widget(Paragraph::new(fit(spans, width)), area);
}

/// A hint: the action, its label, and how soon it is dropped when the
/// line is short (0: never — `!` emergency numbers and `?` help).
type Hint = (Action, &'static str, u8);

const BROWSE: &[Hint] = &[
    (Action::Emergency, "emergency", 0),
    (Action::CopyNumber, "copy number", 1),
    (Action::Filter, "filter", 1),
    (Action::GlobalSearch, "search", 1),
    (Action::NextPane, "pane", 3),
    (Action::Driver, "driver", 2),
    (Action::CopyAddress, "address", 4),
    (Action::CopyCard, "card", 4),
    (Action::Quit, "quit", 2),
    (Action::Help, "help", 0),
];

const FILTERING: &[Hint] = &[
    (Action::Accept, "keep", 0),
    (Action::Back, "clear", 0),
    (Action::Down, "next", 1),
    (Action::Up, "previous", 1),
    (Action::EraseWord, "delete word", 2),
    (Action::Quit, "quit", 3),
];

const SEARCHING: &[Hint] = &[
    (Action::Accept, "go", 0),
    (Action::Back, "close", 0),
    (Action::ToggleCity, "city/everywhere", 1),
    (Action::Down, "next", 1),
    (Action::Up, "previous", 1),
    (Action::EraseWord, "delete word", 2),
    (Action::Quit, "quit", 3),
];

const ADDING: &[Hint] = &[
    (Action::Accept, "next", 0),
    (Action::Back, "cancel", 0),
    (Action::EraseWord, "delete word", 2),
];

const OVERLAY: &[Hint] = &[
    (Action::Back, "close", 0),
    (Action::CopyNumber, "copy", 0),
    (Action::Quit, "quit", 1),
];

/// The driver card has nothing to copy.
const DRIVER: &[Hint] = &[(Action::Back, "close", 0), (Action::Quit, "quit", 1)];

/// Whether the global search has a city to toggle.
fn toggles(state: &AppState) -> bool {
    matches!(&state.mode, Mode::Global(search) if search.here.is_some())
}

/// The hints of the context, with their keys from the keymap: the least
/// needed dropped first until they fit in `width`.
fn hint_spans(state: &AppState, theme: &Theme, width: usize) -> Vec<Span<'static>> {
    let context = state.context();
    let hints = match context {
        Context::Browse => BROWSE,
        Context::Typing if matches!(state.mode, Mode::Global(_)) => SEARCHING,
        Context::Typing if matches!(state.mode, Mode::Add(_)) => ADDING,
        Context::Typing => FILTERING,
        Context::Overlay if state.mode == Mode::Driver => DRIVER,
        Context::Overlay => OVERLAY,
    };
    let mut shown: Vec<(String, &str, u8)> = hints
        .iter()
        .filter(|(action, ..)| *action != Action::ToggleCity || toggles(state))
        .filter_map(|(action, label, drop)| {
            let key = state.keymap.first_key(action, context)?;
            Some((format!("{key} {label}"), *label, *drop))
        })
        .collect();
    let used = |shown: &[(String, &str, u8)]| -> usize {
        shown
            .iter()
            .map(|(text, ..)| text.width() + 2)
            .sum::<usize>()
    };
    while used(&shown) > width {
        let Some(last) = (shown.iter().enumerate())
            .filter(|(_, (.., drop))| *drop > 0)
            .max_by_key(|(i, (.., drop))| (*drop, *i))
            .map(|(i, _)| i)
        else {
            break;
        };
        shown.remove(last);
    }
    let mut spans = Vec::new();
    for (text, label, _) in shown {
        let key = text[..text.len() - label.len() - 1].to_string();
        spans.push(Span::styled(key, theme.highlight));
        spans.push(Span::styled(format!(" {label}  "), theme.dim));
    }
    spans
}
