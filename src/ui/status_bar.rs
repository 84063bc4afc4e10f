//! The bottom line: the stale-data marker first when the last reload failed
//! (or personal files were left out), the load's progress while it runs,
//! then the latest message (what was copied, errors), or key hints for the
//! focused pane taken from the keymap.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Span;
use ratatui::widgets::Paragraph;

use super::text::fit;
use super::theme::Theme;
use crate::tui::action::Action;
use crate::tui::keymap::{Context, hints};
use crate::tui::state::{AppState, StatusKind};

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
        None if state.loading.is_none() => spans.extend(hint_spans(state, theme)),
        None => {}
    };
    frame.render_widget(Paragraph::new(fit(spans, width)), area);
}

fn hint_spans(state: &AppState, theme: &Theme) -> Vec<Span<'static>> {
    let context = crate::tui::keymap::context(state);
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
    spans
}
