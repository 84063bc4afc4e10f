//! The data files behind the screen, as `update` sees them: where they come
//! from, what the last load found wrong, and the actions about them —
//! `e` (which file and line to open), a reload's result (replace the
//! directory keeping the selection by ids, or keep the last good data and
//! mark it stale), and the diagnostics overlay. No file is touched here:
//! the loop performs `Effect::Edit` and `Effect::Reload`.

use std::path::PathBuf;
use std::sync::Arc;

use super::action::{Action, Effect, Reload};
use super::state::{AppState, CardView, ColorMode, Mode, Pane, RowTarget, Status, StatusKind};
use crate::data::{DataSource, Diagnostic, Sources};
use crate::model::{Directory, Origin};

/// Where the data comes from and what the last load found wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataFiles {
    pub sources: Sources,
    /// Errors of the last load of the shipped data. Not empty: what is on
    /// screen is the last good data, which is stale.
    pub stale: Vec<Diagnostic>,
    /// Problems of the personal files (a file with an error is left out).
    pub personal: Vec<Diagnostic>,
}

impl DataFiles {
    pub fn new(sources: Sources) -> Self {
        DataFiles {
            sources,
            stale: Vec::new(),
            personal: Vec::new(),
        }
    }

    /// Every problem, the stale data's first.
    pub fn problems(&self) -> Vec<&Diagnostic> {
        self.stale.iter().chain(&self.personal).collect()
    }

    pub fn stale_errors(&self) -> usize {
        self.stale.iter().filter(|d| d.is_error()).count()
    }

    pub fn personal_errors(&self) -> usize {
        self.personal.iter().filter(|d| d.is_error()).count()
    }

    /// The marker the status bar shows before anything else, if any.
    pub fn marker(&self) -> Option<String> {
        let plural = |n: usize| if n == 1 { "error" } else { "errors" };
        match (self.stale_errors(), self.personal_errors()) {
            (0, 0) => None,
            (0, n) => Some(format!(
                "personal files left out: {n} {} — press D",
                plural(n)
            )),
            (n, _) => Some(format!("stale data: {n} {} in files — press D", plural(n))),
        }
    }
}

/// The state the app starts in: the loaded directory, with the personal
/// files' problems already shown (a bad personal file does not stop it).
pub fn start_state(
    loaded: crate::data::Loaded,
    sources: Sources,
    width: u16,
    height: u16,
    color: ColorMode,
) -> AppState {
    let mut files = DataFiles::new(sources);
    files.personal = loaded.personal_diagnostics;
    AppState::new(loaded.directory, width, height, color).with_files(files)
}

fn status(state: &mut AppState, kind: StatusKind, text: impl Into<String>) {
    state.status = Some(Status {
        kind,
        text: text.into(),
    });
}

/// `e`: the file and line of the selected record — the contact's number in
/// the card, else the facility's id, or the city's id in the cities pane.
pub fn edit(state: &mut AppState) -> Vec<Effect> {
    let dir = &state.dir;
    let record: Option<(Origin, bool)> = match (state.focus, state.facility(), state.city()) {
        (Pane::Cities, _, Some(c)) => Some((dir.cities[c].origin.clone(), dir.cities[c].personal)),
        (Pane::Cities, _, None) => None,
        (Pane::Card, Some(f), _) => {
            let f = &dir.facilities[f];
            Some(match f.contacts.get(state.card.selected) {
                Some(c) => (c.origin.clone(), c.personal),
                None => (f.origin.clone(), f.personal),
            })
        }
        (_, Some(f), _) => Some((dir.facilities[f].origin.clone(), dir.facilities[f].personal)),
        (_, None, _) => None,
    };
    let Some((origin, personal)) = record else {
        status(
            state,
            StatusKind::Info,
            "Select a city or a hospital to edit it",
        );
        return Vec::new();
    };
    if !personal && state.files.sources.shipped == DataSource::Embedded {
        status(
            state,
            StatusKind::Info,
            "This is the built-in data, which cannot be edited: run `careguide init-data DIR`, then `careguide --data DIR`",
        );
        return Vec::new();
    }
    vec![Effect::Edit {
        path: PathBuf::from(&*origin.file),
        line: origin.line,
    }]
}

/// A reload's result: on success the new directory replaces the old with
/// the selection kept by ids; with errors the old data stays, marked stale.
pub fn reloaded(state: &mut AppState, reload: Reload) {
    let errors = reload.shipped.iter().filter(|d| d.is_error()).count();
    let was_stale = !state.files.stale.is_empty();
    state.files.personal = reload.personal;
    if errors > 0 {
        state.files.stale = reload.shipped;
        status(
            state,
            StatusKind::Error,
            format!(
                "Not reloaded: {errors} error{} in the data files; showing the last good data",
                if errors == 1 { "" } else { "s" }
            ),
        );
        return;
    }
    state.files.stale.clear();
    replace_directory(state, reload.directory);
    let text = if was_stale {
        "Reloaded: the data files are fixed"
    } else {
        "Reloaded the data files"
    };
    status(state, StatusKind::Info, text);
    if state.files.problems().is_empty() && matches!(state.mode, Mode::Diagnostics { .. }) {
        state.mode = Mode::Browse;
    }
}

/// Swaps in a new directory, keeping the selected city, facility,
/// specialty and contact by id (the contact by position, clamped), the
/// filters and the focus.
pub fn replace_directory(state: &mut AppState, dir: Directory) {
    let old = &state.dir;
    let city = state.city().map(|c| old.cities[c].id.clone());
    let facility = state.facility().map(|f| old.facilities[f].id.clone());
    let specialty = state.specialty().map(|s| old.specialties[s].id.clone());
    let card = state.card;
    state.dir = Arc::new(dir);
    state.index = state.inline_index();
    state.indexing = None;
    let dir = &state.dir;
    let city = match city {
        Some(id) => dir
            .cities
            .iter()
            .position(|c| c.id == id)
            .map(RowTarget::city),
        None => Some(RowTarget::AllCities),
    };
    let facility = facility
        .and_then(|id| dir.facilities.iter().position(|f| f.id == id))
        .map(RowTarget::facility);
    let specialty = specialty
        .and_then(|id| dir.specialties.iter().position(|s| s.id == id))
        .map(RowTarget::specialty);
    // Placeholder rows carry the kept targets; the refreshes select them
    // again where they are still visible, else the first row.
    for (list, target) in [
        (&mut state.cities, city),
        (&mut state.facilities, facility),
        (&mut state.specialties, specialty),
    ] {
        list.rows = target.into_iter().collect();
        list.selected = 0;
        list.shown = None;
        list.requested = None;
    }
    state.refresh_cities();
    state.refresh_facilities(true);
    state.card = if state.facility().is_some() && facility.is_some() {
        card
    } else {
        CardView::default()
    };
    if let Mode::Global(search) = &mut state.mode {
        search.shown = None;
        search.requested = None;
    }
    state.refresh_global();
}

/// Opens the diagnostics overlay, or says there is nothing to show.
pub fn open_diagnostics(state: &mut AppState) {
    if state.files.problems().is_empty() {
        status(
            state,
            StatusKind::Info,
            "No problems in the data files (r reloads them)",
        );
    } else {
        state.mode = Mode::Diagnostics {
            selected: 0,
            offset: 0,
        };
    }
}

/// Keys in the diagnostics overlay: move, open the problem in the editor,
/// close.
pub fn diagnostics(state: &mut AppState, action: Action) -> Vec<Effect> {
    let count = state.files.problems().len();
    let Mode::Diagnostics { selected, .. } = &mut state.mode else {
        return Vec::new();
    };
    let last = count.saturating_sub(1);
    match action {
        Action::Quit => return vec![Effect::Quit],
        Action::Back | Action::Diagnostics => state.mode = Mode::Browse,
        Action::Reload => return vec![Effect::Reload],
        Action::Down => *selected = (*selected + 1).min(last),
        Action::Up => *selected = selected.saturating_sub(1),
        Action::PageDown => *selected = (*selected + 10).min(last),
        Action::PageUp => *selected = selected.saturating_sub(10),
        Action::Top => *selected = 0,
        Action::Bottom => *selected = last,
        Action::Edit => {
            if let Some(d) = state.files.problems().get(*selected) {
                return vec![Effect::Edit {
                    path: PathBuf::from(&d.path),
                    line: d.line,
                }];
            }
        }
        _ => {}
    }
    clamp(state);
    Vec::new()
}

/// Keeps the overlay's selection in range and on screen (the overlay lists
/// problems in `height - 8` rows, as `ui::diagnostics` lays it out).
pub fn clamp(state: &mut AppState) {
    let count = state.files.problems().len();
    let height = usize::from(state.height.saturating_sub(8)).max(1);
    if let Mode::Diagnostics { selected, offset } = &mut state.mode {
        *selected = (*selected).min(count.saturating_sub(1));
        if *selected < *offset {
            *offset = *selected;
        } else if *selected >= *offset + height {
            *offset = *selected + 1 - height;
        }
    }
}
