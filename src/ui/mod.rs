//! Drawing: `render(frame, &AppState)` only reads the state. One file per
//! pane or overlay; `tui::layout` decides where they go.

pub mod card;
pub mod diagnostics;
pub mod global;
pub mod list_pane;
pub mod overlays;
pub mod status_bar;
pub mod svg;
pub mod text;
pub mod theme;

use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::tui::layout::{self, LayoutKind};
use crate::tui::state::{AppState, Mode, Pane};
use theme::Theme;

pub fn render(frame: &mut Frame, state: &AppState) {
    let theme = Theme::new(state.color, &state.palette);
    let area = frame.area();
    let screen = layout::screen(area.width, area.height, state.focus);
    if screen.kind == LayoutKind::TooSmall {
        let text = format!(
            "Terminal too small: careguide needs at least {}×{}.",
            layout::MIN_WIDTH,
            layout::MIN_HEIGHT
        );
        frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), area);
        return;
    }
    for (pane, rect) in &screen.panes {
        match pane {
            Pane::Card => card::render(frame, *rect, state, &theme),
            list => list_pane::render(frame, *rect, state, *list, &theme),
        }
    }
    if let Some(rect) = screen.breadcrumb {
        frame.render_widget(Paragraph::new(breadcrumb(state, &theme)), rect);
    }
    status_bar::render(frame, screen.status, state, &theme);
    match &state.mode {
        Mode::Browse => {}
        Mode::Global(search) => global::global(frame, area, state, search, &theme),
        Mode::Help(cursor) => overlays::help(frame, area, &state.keymap, cursor.offset, &theme),
        Mode::Emergency(cursor) => overlays::emergency(frame, area, state, *cursor, &theme),
        Mode::Phrases(cursor) => overlays::phrases(frame, area, state, *cursor, &theme),
        Mode::Driver => overlays::driver(frame, area, state, &theme),
        Mode::Qr { uri, label } => overlays::qr(frame, area, uri, label, state.color, &theme),
        Mode::CopyFailed { value, reason } => {
            overlays::copy_failed(frame, area, value, reason, &theme)
        }
        Mode::Diagnostics(cursor) => {
            diagnostics::render(frame, area, state, cursor.selected, cursor.offset, &theme)
        }
        Mode::Add(adding) => overlays::add(frame, area, state, adding, &theme),
    }
}

/// `Hohhot › 356 Hospital › Urology`, with the focused part in bold, and
/// which pane of four is shown.
fn breadcrumb(state: &AppState, theme: &Theme) -> Line<'static> {
    let dir = &state.dir;
    let city = state
        .city()
        .map_or("All cities".to_string(), |c| dir.cities[c].name.clone());
    let mut parts = vec![(Pane::Cities, city)];
    if let Some(f) = state.facility() {
        parts.push((Pane::Facilities, dir.facilities[f].name.to_string()));
        if let Some(s) = state.specialty() {
            parts.push((Pane::Specialties, dir.specialties[s].name.clone()));
        }
    }
    let position = Pane::ALL
        .iter()
        .position(|p| *p == state.focus)
        .unwrap_or(0)
        + 1;
    let mut spans = vec![Span::styled(format!("{position}/4 "), theme.dim)];
    for (i, (pane, text)) in parts.into_iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(" › ", theme.dim));
        }
        let style = if pane == state.focus {
            theme.title
        } else {
            theme.dim
        };
        spans.push(Span::styled(text, style));
    }
    text::fit(spans, usize::from(state.width))
}
