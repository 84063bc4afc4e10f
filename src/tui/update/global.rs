//! The global search overlay (`Ctrl-p`): it opens empty, typing re-ranks
//! every record (in the background when there are many), and `Enter` jumps
//! to the hit — its city, facility and row selected, the right pane
//! focused, and any filter that would hide it cleared.

use super::{cascade, info, moved, prompt, rows};
use crate::last_place::Place;
use crate::search::Target;
use crate::tui::action::{Action, Effect};
use crate::tui::card_view::CardRow;
use crate::tui::state::{AppState, FilterState, ListView, Mode, Pane, RowTarget};

pub(super) fn global(state: &mut AppState, action: Action) -> Vec<Effect> {
    let page = crate::tui::layout::overlay_rows(state.height);
    let Mode::Global(search) = &mut state.mode else {
        return Vec::new();
    };
    // Typed or pasted control and bidi characters never reach the screen.
    if let Some(edited) = prompt::edit(&mut search.query, &mut search.after_caret, &action) {
        if edited.changed {
            rows::refresh_global(state);
        }
        if let Some(note) = edited.note {
            info(state, note);
        }
        return Vec::new();
    }
    match action {
        Action::Quit => return vec![Effect::Quit],
        Action::Up if search.query.is_empty() && state.last_query.is_some() => {
            search.query = state.last_query.clone().unwrap_or_default();
            search.after_caret = 0;
            rows::refresh_global(state);
        }
        action if super::movement(&action, page).is_some() => {
            let delta = super::movement(&action, page).unwrap_or_default();
            let cursor = &mut search.cursor;
            cursor.selected = moved(cursor.selected, delta, search.hits.len());
        }
        Action::ToggleCity if search.here.is_some() => {
            search.city = match search.city {
                Some(_) => None,
                None => search.here,
            };
            rows::refresh_global(state);
        }
        Action::Back => {
            remember(&mut state.last_query, &search.query);
            state.mode = Mode::Browse;
        }
        Action::Accept => {
            let target = search.hits.get(search.cursor.selected).copied();
            remember(&mut state.last_query, &search.query);
            state.mode = Mode::Browse;
            if let Some(target) = target {
                jump(state, target);
            }
        }
        _ => {}
    }
    Vec::new()
}

/// Keeps `query` for `↑` in an empty prompt, unless it is blank.
pub(super) fn remember(last: &mut Option<String>, query: &str) {
    if !query.trim().is_empty() {
        *last = Some(query.to_string());
    }
}

/// Shows a record: clears the filters that could hide it, selects its city,
/// facility and row, and focuses the pane it lives in.
pub fn jump(state: &mut AppState, target: Target) {
    let reset = |list: &mut ListView| {
        list.query.clear();
        list.filter = FilterState::Off;
    };
    reset(&mut state.cities);
    rows::refresh_cities(state);
    let select = |list: &mut ListView, target: RowTarget| {
        if let Some(row) = list.rows.iter().position(|&r| r == target) {
            list.cursor.selected = row;
        }
    };
    match target {
        Target::City(city) => {
            select(&mut state.cities, RowTarget::City(city));
            cascade(state, Pane::Cities);
            state.focus = Pane::Cities;
        }
        Target::Facility(facility) | Target::Contact { facility, .. } => {
            let city = state.dir.facilities[facility].city;
            select(&mut state.cities, RowTarget::City(city));
            reset(&mut state.facilities);
            cascade(state, Pane::Cities);
            select(&mut state.facilities, RowTarget::Facility(facility));
            cascade(state, Pane::Facilities);
            state.focus = Pane::Facilities;
            if let Target::Contact { contact, .. } = target {
                state.focus = Pane::Card;
                super::card_pane::select(state, CardRow::Contact(facility, contact));
            }
        }
        Target::Specialty(specialty) => {
            select(&mut state.cities, RowTarget::AllCities);
            state.facilities.query = state.dir.specialties[specialty].name.clone();
            state.facilities.filter = FilterState::Kept;
            cascade(state, Pane::Cities);
            state.focus = Pane::Facilities;
        }
    }
}

/// Selects `place`: its facility (by id), else its city (by id, or by a
/// name in English, 汉字 or pinyin, as `--city` may give it). A city that
/// is not there says so; a facility that is gone leaves its city selected.
pub(super) fn restore(state: &mut AppState, place: &Place) {
    let dir = &state.dir;
    let facility = (place.facility.as_deref())
        .and_then(|id| dir.facilities.iter().position(|f| f.id.as_str() == id));
    if let Some(facility) = facility {
        jump(state, Target::Facility(facility));
        return;
    }
    let Some(wanted) = place.city.as_deref() else {
        return;
    };
    let same = |text: &str| text.eq_ignore_ascii_case(wanted.trim());
    let city = dir.cities.iter().position(|c| {
        same(c.id.as_str())
            || same(&c.name)
            || c.name_zh.as_deref().is_some_and(same)
            || c.pinyin
                .as_deref()
                .is_some_and(|p| same(&p.replace(' ', "")))
    });
    match city {
        Some(city) => jump(state, Target::City(city)),
        None => {
            let ids: Vec<&str> = dir.cities.iter().map(|c| c.id.as_str()).collect();
            info(
                state,
                format!(
                    "No city \"{}\" here; showing all cities (cities: {})",
                    crate::text::sanitized(wanted),
                    ids.join(", ")
                ),
            );
        }
    }
}
