//! The data files behind the screen, as `update` sees them: `e` (which
//! file and line to open), a load's result (the first one, after the
//! loading frame; or a reload: replace the directory keeping the selection
//! by ids, or keep the last good data and mark it stale), and the
//! problems overlay. No file is touched here: the loop performs
//! `Effect::Edit` and `Effect::Reload`.

use std::path::PathBuf;
use std::sync::Arc;

use super::{error, info, rows};
use crate::data::DataSource;
use crate::model::{Directory, Origin};
use crate::search::{Index, Searcher};
use crate::tui::action::{Action, Effect, Reload};
use crate::tui::card_view::CardRow;
use crate::tui::state::{AppState, CardView, Cursor, Mode, Pane, RowTarget};

/// `e`: the file and line of the selected record — the contact's number in
/// the card, else the facility's id, or the city's id in the cities pane.
pub(super) fn edit(state: &mut AppState) -> Vec<Effect> {
    let dir = &state.dir;
    let record: Option<(Origin, bool)> = match (state.focus, state.facility(), state.city()) {
        (Pane::Cities, _, Some(c)) => Some((dir.cities[c].origin.clone(), dir.cities[c].personal)),
        (Pane::Cities, _, None) => None,
        (Pane::Card, Some(f), _) => {
            let f = &dir.facilities[f];
            Some(match super::card_pane::selected_row(state) {
                Some(CardRow::Contact(_, c)) => {
                    (f.contacts[c].origin.clone(), f.contacts[c].personal)
                }
                _ => (f.origin.clone(), f.personal),
            })
        }
        (_, Some(f), _) => Some((dir.facilities[f].origin.clone(), dir.facilities[f].personal)),
        (_, None, _) => None,
    };
    let Some((origin, personal)) = record else {
        info(state, "Select a city or a hospital to edit it");
        return Vec::new();
    };
    if !personal && state.files.sources.shipped == DataSource::Embedded {
        info(
            state,
            "This is the built-in data, which cannot be edited: run `careguide init-data DIR`, then `careguide --data DIR`",
        );
        return Vec::new();
    }
    vec![Effect::Edit {
        path: PathBuf::from(&*origin.file),
        line: origin.line,
    }]
}

/// A load's result: on success the new directory replaces the old with
/// the selection kept by ids; with errors the old data stays, marked stale.
/// The first load (after the loading frame) says nothing when it succeeds.
pub(super) fn reloaded(state: &mut AppState, reload: Reload) {
    let errors = reload.shipped.iter().filter(|d| d.is_error()).count();
    let was_stale = !state.files.stale.is_empty();
    let first = state.loading.take().is_some();
    state.files.personal = reload.personal;
    if errors > 0 {
        state.files.stale = reload.shipped;
        error(
            state,
            format!(
                "Not reloaded: {errors} error{} in the data files; showing the last good data",
                if errors == 1 { "" } else { "s" }
            ),
        );
        return;
    }
    state.files.stale.clear();
    let index = reload.index.map(|i| i.0);
    replace_directory(state, reload.directory, index);
    if first {
        return;
    }
    // A message of its own (what was just added, say) is not replaced by
    // "Reloaded".
    match was_stale {
        true => info(state, "Reloaded: the data files are fixed"),
        false if state.status.is_none() => info(state, "Reloaded the data files"),
        false => {}
    }
    if state.files.problems().is_empty() && matches!(state.mode, Mode::Diagnostics(_)) {
        state.mode = Mode::Browse;
    }
}

/// Swaps in a new directory (with its index, when it was built off the UI
/// thread), keeping the selected city, facility, specialty and contact by
/// id (the contact by position, clamped), the filters and the focus.
fn replace_directory(state: &mut AppState, dir: Arc<Directory>, index: Option<Arc<Index>>) {
    let old = &state.dir;
    let city = state.city().map(|c| old.cities[c].id.clone());
    let facility = state.facility().map(|f| old.facilities[f].id.clone());
    let specialty = state.specialty().map(|s| old.specialties[s].id.clone());
    let card = state.card;
    let index = index.unwrap_or_else(|| Arc::new(Index::new(&dir)));
    state.search = Searcher::new(index);
    state.dir = dir;
    let dir = &state.dir;
    let city = match city {
        Some(id) => dir
            .cities
            .iter()
            .position(|c| c.id == id)
            .map(RowTarget::City),
        None => Some(RowTarget::AllCities),
    };
    let facility = facility
        .and_then(|id| dir.facilities.iter().position(|f| f.id == id))
        .map(RowTarget::Facility);
    let specialty = specialty
        .and_then(|id| dir.specialties.iter().position(|s| s.id == id))
        .map(RowTarget::Specialty);
    // Placeholder rows carry the kept targets; the refreshes select them
    // again where they are still visible, else the first row.
    for (list, target) in [
        (&mut state.cities, city),
        (&mut state.facilities, facility),
        (&mut state.specialties, specialty),
    ] {
        list.rows = target.into_iter().collect();
        list.cursor = Cursor::default();
        list.answers = None;
    }
    rows::refresh_cities(state);
    rows::refresh_facilities(state, true);
    state.card = if state.facility().is_some() && facility.is_some() {
        card
    } else {
        CardView::default()
    };
    // The city a global search prefers, by its index in the new directory.
    let city = state.city();
    if let Mode::Global(search) = &mut state.mode {
        search.answers = None;
        search.city = search.city.and(city);
        search.here = city;
    }
    rows::refresh_global(state);
}

/// Opens the diagnostics overlay, or says there is nothing to show.
pub(super) fn open_diagnostics(state: &mut AppState) {
    if state.files.problems().is_empty() {
        info(state, "No problems in the data files (r reloads them)");
    } else {
        state.mode = Mode::Diagnostics(Cursor::default());
    }
}

/// Keys in the diagnostics overlay: move, open the problem in the editor,
/// close.
pub(super) fn diagnostics(state: &mut AppState, action: Action) -> Vec<Effect> {
    let count = state.files.problems().len();
    let rows = crate::tui::layout::overlay_rows(state.height);
    let Mode::Diagnostics(cursor) = &mut state.mode else {
        return Vec::new();
    };
    let at = cursor.selected;
    match action {
        Action::Quit => return vec![Effect::Quit],
        Action::Back | Action::Diagnostics => state.mode = Mode::Browse,
        Action::Reload => return vec![Effect::Reload],
        action if super::movement(&action, rows).is_some() => {
            let delta = super::movement(&action, rows).unwrap_or_default();
            cursor.selected = super::moved(at, delta, count);
        }
        Action::Edit => {
            if let Some(d) = state.files.problems().get(at) {
                return vec![Effect::Edit {
                    path: PathBuf::from(&d.path),
                    line: d.line,
                }];
            }
        }
        _ => {}
    }
    Vec::new()
}
