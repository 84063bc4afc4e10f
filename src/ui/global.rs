//! The global search overlay: the query line (after where the search looks
//! first), then the ranked hits on screen, each with its kind, its
//! highlighted name, what it belongs to and "via" when a hidden field
//! matched; on a wide terminal, the highlighted hit's card beside them.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::overlays::{centered, panel};
use super::text::{at_caret, fit, highlighted, pad};
use super::theme::{PERSONAL, Theme};
use crate::search::{Column, Hit, Target, is_blank};
use crate::tui::state::{AppState, GlobalSearch};

/// From this many columns, the highlighted hit's card shows beside the
/// hits.
pub const PREVIEW_FROM: u16 = 120;

/// The prompt's lead: where the search looks first, when a city was
/// selected (`search Hohhot ▸`, `search everywhere ▸`).
fn lead(state: &AppState, search: &GlobalSearch) -> String {
    match (search.city, search.here) {
        (Some(c), _) => format!("search {} ▸ ", state.dir.cities[c].name),
        (None, Some(_)) => "search everywhere ▸ ".to_string(),
        (None, None) => "search ▸ ".to_string(),
    }
}

pub fn global(
    frame: &mut Frame,
    area: Rect,
    state: &AppState,
    search: &GlobalSearch,
    theme: &Theme,
) {
    let rect = centered(
        area,
        area.width.saturating_sub(4).max(20),
        area.height.saturating_sub(2),
    );
    frame.render_widget(Clear, rect);
    // Wide enough: the highlighted hit's card beside the hits.
    let selected = search.hits.get(search.cursor.selected).copied();
    let rect = match selected {
        Some(target) if area.width >= PREVIEW_FROM => {
            let [hits, preview] =
                Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)])
                    .areas(rect);
            super::card::preview(frame, preview, state, target, theme);
            hits
        }
        _ => rect,
    };
    let searching = search.searching();
    let title = match (is_blank(&search.query), searching) {
        (true, _) => "Search everything".to_string(),
        (false, false) => format!("Search everything {}", search.hits.len()),
        (false, true) => "Search everything …".to_string(),
    };
    let block = panel(title, theme);
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let width = usize::from(inner.width);
    let (before, after) = at_caret(&search.query, search.after_caret);
    let mut lines = vec![
        fit(
            vec![
                Span::styled(lead(state, search), theme.highlight),
                Span::raw(before),
                Span::styled("▏", theme.highlight),
                Span::raw(after),
            ],
            width,
        ),
        Line::styled("─".repeat(width), theme.border),
    ];
    let height = usize::from(inner.height.saturating_sub(2));
    // Highlights of the search the hits are the result of.
    let query = search.answered_query();
    let on_screen: Vec<Target> = search
        .hits
        .iter()
        .skip(search.cursor.offset)
        .take(height)
        .copied()
        .collect();
    let decorated = state.decorations(query, &on_screen);
    for (n, (target, hit)) in on_screen.into_iter().zip(decorated).enumerate() {
        let selected = search.cursor.offset + n == search.cursor.selected;
        let hit = hit.unwrap_or(Hit {
            target,
            score: 0,
            highlights: Vec::new(),
            via: None,
        });
        let line = fit(hit_spans(state, &hit, selected, theme), width);
        lines.push(if selected {
            line.style(theme.selected)
        } else {
            line
        });
    }
    if search.hits.is_empty() {
        let empty = if searching {
            "  searching…"
        } else if is_blank(&search.query) {
            "  type a name in English, 汉字 or pinyin, or a phone number"
        } else {
            "  no match"
        };
        lines.push(Line::styled(empty, theme.dim));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// `(name, 汉字 or number, where)` of a hit, as the row shows them.
pub fn hit_columns(state: &AppState, target: Target) -> (String, String, String) {
    let dir = &state.dir;
    match target {
        Target::City(i) => {
            let c = &dir.cities[i];
            (
                c.name.clone(),
                c.name_zh.clone().unwrap_or_default(),
                c.province.clone().unwrap_or_default(),
            )
        }
        Target::Facility(i) => {
            let f = &dir.facilities[i];
            (
                f.name.to_string(),
                f.name_zh.as_deref().unwrap_or_default().to_string(),
                dir.city_of(f).name.clone(),
            )
        }
        Target::Specialty(i) => {
            let s = &dir.specialties[i];
            (s.name.clone(), s.name_zh.clone(), String::new())
        }
        Target::Contact { facility, contact } => {
            let f = &dir.facilities[facility];
            let c = &f.contacts[contact];
            (
                c.role.to_string(),
                c.phone.display.to_string(),
                f.name.to_string(),
            )
        }
    }
}

fn hit_spans(state: &AppState, hit: &Hit, selected: bool, theme: &Theme) -> Vec<Span<'static>> {
    let (name, second, place) = hit_columns(state, hit.target);
    let mut spans = vec![
        Span::raw(if selected { "▶ " } else { "  " }),
        Span::styled(pad(hit.target.kind_label(), 10), theme.dim),
    ];
    let name = highlighted(
        &name,
        hit.indices(Column::Name),
        Default::default(),
        theme.highlight,
    );
    let second = (!second.is_empty()).then(|| {
        highlighted(
            &second,
            hit.indices(Column::NameZh),
            theme.strong,
            theme.highlight,
        )
    });
    // A contact's number comes first: a narrow row cuts its role, never it.
    match (hit.target, second) {
        (Target::Contact { .. }, Some(number)) => {
            spans.extend(number);
            spans.push(Span::raw("  "));
            spans.extend(name);
        }
        (_, second) => {
            spans.extend(name);
            if let Some(second) = second {
                spans.push(Span::raw("  "));
                spans.extend(second);
            }
        }
    }
    let personal = match hit.target {
        Target::City(i) => state.dir.cities[i].personal,
        Target::Facility(i) => state.dir.facilities[i].personal,
        Target::Contact { facility, contact } => {
            state.dir.facilities[facility].contacts[contact].personal
        }
        Target::Specialty(_) => false,
    };
    if personal {
        spans.push(Span::styled(format!(" {PERSONAL}"), theme.personal));
    }
    if !place.is_empty() {
        spans.push(Span::styled(format!("  · {place}"), theme.dim));
    }
    if let Some(via) = &hit.via {
        spans.push(Span::styled(format!("  via: {via}"), theme.dim));
    }
    spans
}
