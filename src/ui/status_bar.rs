//! The bottom line: the latest message (what was copied, errors), or key
//! hints for the focused pane taken from the keymap.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::text::fit;
use super::theme::Theme;
use crate::tui::action::Action;
use crate::tui::keymap::{Context, hints};
use crate::tui::state::{AppState, StatusKind};

pub fn render(frame: &mut Frame, area: Rect, state: &AppState, theme: &Theme) {
    let width = usize::from(area.width);
    let line = match &state.status {
        Some(status) => {
            let style = match status.kind {
                StatusKind::Info => theme.strong,
                StatusKind::Error => theme.error,
            };
            fit(vec![Span::styled(status.text.clone(), style)], width)
        }
        None => hint_line(state, theme, width),
    };
    frame.render_widget(Paragraph::new(line), area);
}

fn hint_line(state: &AppState, theme: &Theme, width: usize) -> Line<'static> {
    let context = super::context(state);
    let actions: &[(Action, &str)] = match context {
        Context::Typing => &[
            (Action::Accept, "keep/go"),
            (Action::Back, "clear"),
            (Action::Down, "next"),
            (Action::Up, "previous"),
            (Action::Quit, "quit"),
        ],
        Context::Overlay => &[
            (Action::Back, "close"),
            (Action::CopyNumber, "copy"),
            (Action::Quit, "quit"),
        ],
        Context::Browse => &[
            (Action::Filter, "filter"),
            (Action::GlobalSearch, "search"),
            (Action::NextPane, "pane"),
            (Action::CopyNumber, "copy number"),
            (Action::CopyAddress, "address"),
            (Action::CopyCard, "card"),
            (Action::Driver, "driver"),
            (Action::Emergency, "emergency"),
            (Action::Help, "help"),
            (Action::Quit, "quit"),
        ],
    };
    let mut spans = Vec::new();
    for (key, label) in hints(context, actions) {
        spans.push(Span::styled(key, theme.highlight));
        spans.push(Span::styled(format!(" {label}  "), theme.dim));
    }
    fit(spans, width)
}
