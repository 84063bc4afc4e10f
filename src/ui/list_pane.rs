//! A list pane (cities, hospitals, specialties): title with counts (and
//! "…" while a search runs), rows with highlighted matches (computed for
//! the rows on screen only), `[personal]` badges and "via" hints, the
//! selection marker, and the filter in the bottom border.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::text::{at_caret, fit, highlighted};
use super::theme::{PERSONAL, Theme};
use crate::search::{Column, Hit};
use crate::tui::state::{AppState, FilterState, ListView, Pane, RowTarget};

pub fn render(frame: &mut Frame, area: Rect, state: &AppState, pane: Pane, theme: &Theme) {
    let Some(list) = state.list(pane) else {
        return;
    };
    let focused = state.focus == pane;
    let searching = state.searching(pane);
    let block = block(
        list,
        pane,
        focused,
        searching,
        theme,
        state.loading.is_some(),
    );
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = usize::from(inner.width);
    let height = usize::from(inner.height);
    // Highlights of the search the rows are the result of, for the rows on
    // screen ("All cities" has none), in row order.
    let query = list.answers.as_ref().map_or(&list.query, |s| &s.query);
    let on_screen = || list.rows.iter().skip(list.cursor.offset).take(height);
    let targets: Vec<_> = on_screen().filter_map(|r| r.target()).collect();
    let mut hits = state.decorations(query, &targets).into_iter();
    let mut lines: Vec<Line> = on_screen()
        .enumerate()
        .map(|(n, &row)| {
            let selected = list.cursor.offset + n == list.cursor.selected;
            let hit = row.target().and_then(|_| hits.next().flatten());
            let mut line = fit(row_spans(state, row, hit, selected, theme), width);
            if selected {
                let style = if focused {
                    theme.selected
                } else {
                    theme.strong
                };
                line = line.style(style);
            }
            line
        })
        .collect();
    if list.rows.is_empty() {
        let empty = match (pane, list.query.is_empty()) {
            _ if state.loading.is_some() => "loading…",
            _ if searching => "searching…",
            (Pane::Specialties, true) if state.facility().is_none() => "no hospital selected",
            (Pane::Specialties, true) => "no specialty sourced",
            (_, true) => "nothing here",
            (_, false) => "no match",
        };
        lines.push(fit(vec![Span::styled(empty, theme.dim)], width));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

fn block<'a>(
    list: &ListView,
    pane: Pane,
    focused: bool,
    searching: bool,
    theme: &Theme,
    loading: bool,
) -> Block<'a> {
    // Where the selection is among the rows ("All cities" is no record, so
    // no position), and with a filter of how many in all; while a search
    // runs, how many match is not known yet; while the data loads, how
    // many there are.
    let title = pane.title();
    // Only "All cities", the first row if any, is no record.
    let records = list.rows.len() - usize::from(list.rows.first() == Some(&RowTarget::AllCities));
    let position = (list.selected_target().and_then(RowTarget::target))
        .map(|_| list.cursor.selected + 1 - (list.rows.len() - records));
    let count = match (position, list.query.is_empty(), searching) {
        _ if loading => title.to_string(),
        (_, false, true) => format!("{title} …/{}", list.total),
        (None, true, _) => format!("{title} {records}"),
        (None, false, _) => format!("{title} 0/{}", list.total),
        (Some(at), true, _) => format!("{title} {at}/{records}"),
        (Some(at), false, _) => format!("{title} {at}/{records} of {}", list.total),
    };
    let mut block = theme.pane(count, focused);
    let filter = match list.filter {
        FilterState::Editing => {
            let (before, after) = at_caret(&list.query, list.after_caret);
            Some(format!(" /{before}▏{after}"))
        }
        FilterState::Kept if !list.query.is_empty() => Some(format!(" /{} ", list.query)),
        _ => None,
    };
    if let Some(filter) = filter {
        block = block.title_bottom(Span::styled(filter, theme.highlight));
    }
    block
}

fn columns(state: &AppState, target: RowTarget) -> (String, Option<String>, Option<String>) {
    let dir = &state.dir;
    match target {
        RowTarget::AllCities => ("All cities".to_string(), Some("全部".to_string()), None),
        RowTarget::City(i) => (
            dir.cities[i].name.clone(),
            dir.cities[i].name_zh.clone(),
            None,
        ),
        RowTarget::Facility(i) => {
            let f = &dir.facilities[i];
            let city = state.city().is_none().then(|| dir.city_of(f).name.clone());
            (
                f.name.to_string(),
                f.name_zh.as_deref().map(str::to_string),
                city,
            )
        }
        RowTarget::Specialty(i) => {
            let s = &dir.specialties[i];
            (s.name.clone(), Some(s.name_zh.clone()), None)
        }
    }
}

/// Whether the row is one of the user's own records.
fn personal(state: &AppState, target: RowTarget) -> bool {
    match target {
        RowTarget::City(i) => state.dir.cities[i].personal,
        RowTarget::Facility(i) => state.dir.facilities[i].personal,
        RowTarget::AllCities | RowTarget::Specialty(_) => false,
    }
}

fn row_spans(
    state: &AppState,
    row: RowTarget,
    hit: Option<Hit>,
    selected: bool,
    theme: &Theme,
) -> Vec<Span<'static>> {
    let (name, zh, city) = columns(state, row);
    let indices = |column| hit.as_ref().map_or(&[][..], |h| h.indices(column));
    let marker = if selected { "▶ " } else { "  " };
    let mut spans = vec![Span::raw(marker)];
    spans.extend(highlighted(
        &name,
        indices(Column::Name),
        Default::default(),
        theme.highlight,
    ));
    if personal(state, row) {
        spans.push(Span::styled(format!(" {PERSONAL}"), theme.personal));
    }
    if let Some(zh) = zh {
        spans.push(Span::raw(" "));
        spans.extend(highlighted(
            &zh,
            indices(Column::NameZh),
            theme.dim,
            theme.highlight,
        ));
    }
    if let Some(city) = city {
        spans.push(Span::styled(format!(" · {city}"), theme.dim));
    }
    if let Some(via) = hit.as_ref().and_then(|h| h.via.as_ref()) {
        spans.push(Span::styled(format!("  via: {via}"), theme.dim));
    }
    spans
}
