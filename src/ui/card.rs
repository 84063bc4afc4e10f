//! The card pane drawn: the lines `tui::card_view` laid out for the pane's
//! width, styled by what each part is (headings, numbers, confidence
//! badges, `[personal]`, advice), the selected row highlighted with a `▶`
//! while the card has focus, scrolled, and `↑ N more` / `↓ N more` in the
//! border when lines are hidden above or below.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::text::draw_wrapped;
use super::theme::Theme;
use crate::search::Target;
use crate::tui::card_view::{self, Card, CardLine, Look};
use crate::tui::state::{AppState, Pane};

pub fn render(frame: &mut Frame, area: Rect, state: &AppState, theme: &Theme) {
    let focused = state.focus == Pane::Card;
    let (width, height) = card_view::area(state).unwrap_or((1, 1));
    let card = card_view::card(state, width);
    let scroll = usize::from(state.card.scroll).min(card.lines.len().saturating_sub(height));
    let block = theme.pane(Pane::Card.title().to_string(), focused);
    let selected = focused.then_some(state.card.selected);
    draw(
        frame,
        area,
        block,
        (&card, scroll, height),
        selected,
        state,
        theme,
    );
}

/// The card of a global search's highlighted hit, in `area` (its border
/// included), from the top.
pub fn preview(frame: &mut Frame, area: Rect, state: &AppState, target: Target, theme: &Theme) {
    let block = theme.pane("Preview".to_string(), false);
    let inner = block.inner(area);
    let width = usize::from(inner.width.saturating_sub(1));
    let card = card_view::preview(state, target, width);
    let height = usize::from(inner.height);
    draw(frame, area, block, (&card, 0, height), None, state, theme);
}

/// `card`'s lines from `scroll`, `height` of them, in `block`, with
/// `↑ N more` / `↓ N more` in its border when lines are hidden.
fn draw(
    frame: &mut Frame,
    area: Rect,
    mut block: Block<'static>,
    (card, scroll, height): (&Card, usize, usize),
    selected: Option<usize>,
    state: &AppState,
    theme: &Theme,
) {
    if scroll > 0 {
        block =
            block.title_top(Line::styled(format!(" ↑ {scroll} more "), theme.dim).right_aligned());
    }
    let below = card.lines.len().saturating_sub(scroll + height);
    if below > 0 {
        block = block.title_bottom(
            Line::styled(format!(" ↓ {below} more "), theme.highlight).right_aligned(),
        );
    }
    let lines: Vec<Line> = (card.lines.iter().enumerate())
        .skip(scroll)
        .take(height)
        .map(|(i, line)| {
            let first = i == 0 || card.lines[i - 1].row != line.row;
            styled(
                line,
                selected.is_some() && line.row == selected,
                first,
                state,
                theme,
            )
        })
        .collect();
    draw_wrapped(frame, area, block, Paragraph::new(lines));
}

fn style(look: Look, state: &AppState, theme: &Theme) -> Style {
    match look {
        Look::Plain => Style::new(),
        Look::Heading => theme.heading,
        Look::Strong | Look::Number => theme.strong,
        Look::Dim => theme.dim,
        Look::Badge(confidence) => theme.badge(confidence, state.color),
        Look::Personal => theme.personal,
        Look::Advice => theme.highlight,
    }
}

/// A card line with its styles; the selected row's first line starts with
/// `▶ ` (rows are laid out two columns in, which leaves room for it).
fn styled(
    line: &CardLine,
    selected: bool,
    first: bool,
    state: &AppState,
    theme: &Theme,
) -> Line<'static> {
    let mut spans: Vec<Span> = (line.parts.iter())
        .map(|p| Span::styled(p.text.clone(), style(p.look, state, theme)))
        .collect();
    if selected
        && first
        && let Some(span) = spans.first_mut()
        && let Some(rest) = span.content.strip_prefix("  ")
    {
        span.content = format!("▶ {rest}").into();
    }
    let line = Line::from(spans);
    match selected {
        true => line.style(theme.selected),
        false => line,
    }
}
