//! How the list panes and the global search get their rows: each asks the
//! directory's `Searcher` for the search it should show (`AppState::wanted`)
//! and shows the answer when it comes — at once, or later as
//! `Action::Searched`, whichever way the searcher took; an answer that no
//! longer fits is dropped. And the cascade when rows change: a new city
//! lists its hospitals, a new hospital its card and specialties.

use super::list_mut;
use crate::search::{Answer, Request, Target};
use crate::tui::state::{AppState, CardView, Cursor, Mode, Pane, RowTarget};

const LISTS: [Pane; 3] = [Pane::Cities, Pane::Facilities, Pane::Specialties];

/// Shows `answer` in the pane (or the global search) that still wants it.
pub(super) fn answered(state: &mut AppState, answer: Answer) {
    if let Mode::Global(search) = &mut state.mode
        && search.request() == answer.request
    {
        search.hits = answer.ranked;
        search.answers = Some(answer.request);
        search.cursor = Cursor::default();
        return;
    }
    let Some(pane) = LISTS
        .into_iter()
        .find(|&pane| state.wanted(pane).as_ref() == Some(&answer.request))
    else {
        return;
    };
    let keep = state.list(pane).and_then(|l| l.selected_target());
    let (city, facility) = (state.city(), state.facility());
    show(state, pane, answer.request, answer.ranked, keep);
    match pane {
        Pane::Cities => cities_changed(state, city),
        Pane::Facilities => facilities_changed(state, facility, true),
        Pane::Specialties | Pane::Card => {}
    }
}

/// Shows `targets` (the ranking of `request`) in `pane`, keeping `keep`
/// selected if it is among them, else the first row.
fn show(
    state: &mut AppState,
    pane: Pane,
    request: Request,
    targets: Vec<Target>,
    keep: Option<RowTarget>,
) {
    let all_cities = pane == Pane::Cities && request.query.is_empty();
    let Some(list) = list_mut(state, pane) else {
        return;
    };
    let mut rows: Vec<RowTarget> = targets.into_iter().filter_map(RowTarget::of).collect();
    if all_cities {
        rows.insert(0, RowTarget::AllCities);
    }
    list.cursor.selected = keep
        .and_then(|t| rows.iter().position(|&r| r == t))
        .unwrap_or(0);
    list.rows = rows;
    list.answers = Some(request);
}

/// Asks for a pane's rows: shown at once when the searcher answers now;
/// otherwise the rows stay while only the query changes (the answer will
/// replace them) and are emptied when the scope changed.
fn fill(state: &mut AppState, pane: Pane, keep: Option<RowTarget>) {
    let wanted = state.wanted(pane);
    let total = (wanted.as_ref()).map_or(0, |w| state.search.index().count(&w.scope));
    let answer = wanted.as_ref().and_then(|w| state.search.ask(w));
    let Some(list) = list_mut(state, pane) else {
        return;
    };
    list.total = total;
    match (wanted, answer) {
        (_, Some(answer)) => show(state, pane, answer.request, answer.ranked, keep),
        (Some(request), None) => {
            if list
                .answers
                .as_ref()
                .is_some_and(|a| a.scope != request.scope)
            {
                list.rows.clear();
                list.cursor = Cursor::default();
                list.answers = None;
            }
        }
        (None, None) => {
            list.rows.clear();
            list.cursor = Cursor::default();
            list.answers = None;
        }
    }
}

/// Recomputes the city rows and everything that cascades from them.
pub(super) fn refresh_cities(state: &mut AppState) {
    let keep = state.cities.selected_target();
    let before = state.city();
    fill(state, Pane::Cities, keep);
    cities_changed(state, before);
}

/// After the city rows changed: a new city starts its hospitals from the
/// top.
fn cities_changed(state: &mut AppState, before: Option<usize>) {
    if state.city() != before || state.facilities.rows.is_empty() {
        state.facilities.cursor = Cursor::default();
        refresh_facilities(state, false);
    }
}

/// Recomputes the facility rows; `keep` keeps the selected facility when it
/// is still visible (a filter change), otherwise the first row is selected
/// (a new city).
pub(super) fn refresh_facilities(state: &mut AppState, keep: bool) {
    let before = state.facility();
    let target = keep.then(|| state.facilities.selected_target()).flatten();
    fill(state, Pane::Facilities, target);
    facilities_changed(state, before, keep);
}

/// After the facility rows changed: another facility starts its card and
/// specialties from the top; the same one keeps them.
fn facilities_changed(state: &mut AppState, before: Option<usize>, keep: bool) {
    if state.facility() != before || !keep {
        facility_selected(state);
    } else {
        refresh_specialties(state, true);
    }
}

/// Another facility is selected (its rows unchanged): its card and its
/// specialties start from the top.
pub(super) fn facility_selected(state: &mut AppState) {
    state.card = CardView::default();
    state.specialties.cursor = Cursor::default();
    refresh_specialties(state, false);
}

fn refresh_specialties(state: &mut AppState, keep: bool) {
    let target = keep.then(|| state.specialties.selected_target()).flatten();
    fill(state, Pane::Specialties, target);
}

/// Re-runs a pane's filter after its query changed.
pub(super) fn refresh_pane(state: &mut AppState, pane: Pane) {
    match pane {
        Pane::Cities => refresh_cities(state),
        Pane::Facilities => refresh_facilities(state, true),
        Pane::Specialties => refresh_specialties(state, true),
        Pane::Card => {}
    }
}

/// Re-runs the global search after its query changed: an empty query shows
/// nothing; otherwise it is asked for, answered now or later.
pub(super) fn refresh_global(state: &mut AppState) {
    let Mode::Global(search) = &state.mode else {
        return;
    };
    let request = search.request();
    let answer = match crate::search::is_blank(&request.query) {
        true => Some(Answer {
            request,
            ranked: Vec::new(),
        }),
        false => state.search.ask(&request),
    };
    if let (Mode::Global(search), Some(answer)) = (&mut state.mode, answer) {
        search.hits = answer.ranked;
        search.answers = Some(answer.request);
        search.cursor = Cursor::default();
    }
}
