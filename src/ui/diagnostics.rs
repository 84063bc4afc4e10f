//! The diagnostics overlay (`D`): every problem the last load found, one
//! `path:line:col: severity: message` row each, the stale data's first, then
//! the personal files'. Says what the screen shows meanwhile and how to act:
//! `e` opens the selected problem in the editor, saving reloads.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::overlays::{centered, panel};
use super::text::fit;
use super::theme::Theme;
use crate::tui::state::AppState;

pub fn render(
    frame: &mut Frame,
    area: Rect,
    state: &AppState,
    selected: usize,
    offset: usize,
    theme: &Theme,
) {
    let files = &state.files;
    let problems = files.problems();
    let rect = centered(
        area,
        area.width.saturating_sub(4).max(20),
        area.height.saturating_sub(2),
    );
    frame.render_widget(Clear, rect);
    let block = panel(
        format!("Problems in the data files {}", problems.len()),
        theme,
    );
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let width = usize::from(inner.width);
    let summary = match (files.stale_errors(), files.personal_errors()) {
        (0, 0) => "No errors; warnings only.".to_string(),
        (0, _) => "Personal files with errors are left out; the rest is shown.".to_string(),
        (_, _) => "The data files have errors: the screen shows the last good data (stale) until they are fixed.".to_string(),
    };
    let mut lines = vec![
        fit(vec![Span::styled(summary, theme.error)], width),
        Line::default(),
    ];
    let height = usize::from(inner.height.saturating_sub(4));
    for (i, d) in problems.iter().enumerate().skip(offset).take(height) {
        let marker = if i == selected { "▶ " } else { "  " };
        let style = if d.is_error() {
            theme.strong
        } else {
            theme.dim
        };
        let line = fit(
            vec![Span::raw(marker), Span::styled(d.headline(), style)],
            width,
        );
        lines.push(if i == selected {
            line.style(theme.selected)
        } else {
            line
        });
    }
    while lines.len() < usize::from(inner.height.saturating_sub(1)) {
        lines.push(Line::default());
    }
    lines.push(fit(
        vec![Span::styled(
            "j/k move · e open in the editor (saving reloads) · r reload · D/Esc close",
            theme.dim,
        )],
        width,
    ));
    frame.render_widget(Paragraph::new(lines), inner);
}
