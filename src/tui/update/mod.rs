//! `update(&mut AppState, Action) -> Vec<Effect>`: the only code that changes
//! the state (and makes it: `AppState::new`). This file dispatches by mode
//! and handles browsing the panes (selection, cascading, filters, clamping,
//! mouse); `rows` fills the lists from the searches, `global` handles the
//! global search and jumps, `overlay` the overlays and what is copied,
//! `files` the data files (edit, reload, problems), `prompt` typed and
//! pasted text. The loop performs the returned effects.

mod add;
mod card_pane;
mod files;
mod global;
mod overlay;
mod prompt;
mod rows;

pub use global::jump;

use std::sync::Arc;

use super::action::{Action, Effect};
use super::card_view;
use super::keymap::Keymap;
use super::layout::{self, LayoutKind};
use super::sheet;
use super::state::{
    AppState, CardView, ColorMode, Cursor, DataFiles, FilterState, GlobalSearch, ListView, Mode,
    Pane, SourcesView, Status, StatusKind,
};
use crate::config::Palette;
use crate::data::{DataSource, Loaded, Sources};
use crate::model::Directory;
use crate::search::{Index, Searcher};

impl AppState {
    /// The state for `dir`, its index built here (`Reload` brings one built
    /// off the UI thread for a large directory).
    pub fn new(dir: Directory, width: u16, height: u16, color: ColorMode) -> AppState {
        let dir = Arc::new(dir);
        let search = Searcher::new(Arc::new(Index::new(&dir)));
        AppState::with_search(dir, search, width, height, color)
    }

    /// The state for `dir` searched by `search` (over `dir`'s index).
    pub fn with_search(
        dir: Arc<Directory>,
        search: Searcher,
        width: u16,
        height: u16,
        color: ColorMode,
    ) -> AppState {
        let mut state = AppState {
            dir,
            search,
            loading: None,
            focus: Pane::Cities,
            cities: ListView::default(),
            facilities: ListView::default(),
            specialties: ListView::default(),
            card: CardView::default(),
            mode: Mode::Browse,
            status: None,
            width,
            height,
            color,
            files: DataFiles::new(Sources::shipped(DataSource::Embedded)),
            keymap: Keymap::default(),
            palette: Palette::default(),
            last_query: None,
        };
        rows::refresh_cities(&mut state);
        state
    }

    /// The state for data loaded already (the embedded data): its personal
    /// files' problems marked, and a notice the load gave in the status.
    pub fn from_loaded(
        loaded: Loaded,
        sources: Sources,
        width: u16,
        height: u16,
        color: ColorMode,
    ) -> AppState {
        let mut files = DataFiles::new(sources);
        files.personal = loaded.personal_diagnostics;
        let mut state = AppState::new(loaded.directory, width, height, color).with_files(files);
        if let Some(notice) = loaded.notices.into_iter().next() {
            info(&mut state, notice);
        }
        state
    }

    /// The state while the data of `sources` loads: no records yet, a
    /// progress line, and keys that wait (but `q` quits).
    pub fn loading(sources: Sources, width: u16, height: u16, color: ColorMode) -> AppState {
        let mut state = AppState::new(Directory::default(), width, height, color);
        state.loading = Some((0, 0));
        // No "All cities" either: nothing is there to choose yet.
        state.cities.rows.clear();
        state.files = DataFiles::new(sources);
        state
    }

    /// The same state, knowing where its data came from.
    pub fn with_files(mut self, files: DataFiles) -> AppState {
        self.files = files;
        self
    }
}

pub fn update(state: &mut AppState, action: Action) -> Vec<Effect> {
    match action {
        Action::Resize { width, height } => {
            state.width = width;
            state.height = height;
        }
        Action::CopyDone { ok, message, value } => {
            if ok {
                info(state, message);
            } else {
                error(state, format!("Not copied: {message}"));
                state.mode = Mode::CopyFailed {
                    value,
                    reason: message,
                };
            }
        }
        Action::Suspend => return vec![Effect::Suspend],
        Action::ClearStatus => state.status = None,
        Action::Written(message) => info(state, message),
        Action::Restore(place) => global::restore(state, &place),
        Action::Reloaded(reload) => files::reloaded(state, *reload),
        Action::EffectFailed(message) => error(state, message),
        Action::Searched(answer) => rows::answered(state, answer),
        Action::Loading { done, total } => {
            if state.loading.is_some() {
                state.loading = Some((done, total));
            }
        }
        // Keys wait while the data loads, but `q` and Ctrl-c quit at once.
        Action::Quit if state.loading.is_some() => return vec![Effect::Quit],
        _ if state.loading.is_some() => {}
        action => return act(state, action),
    }
    clamp(state);
    Vec::new()
}

/// A user's action, by mode.
fn act(state: &mut AppState, action: Action) -> Vec<Effect> {
    // An overlay has no prompt: a paste there is dropped, never read as keys.
    let prompt = matches!(state.mode, Mode::Browse | Mode::Global(_) | Mode::Add(_));
    if !prompt && matches!(action, Action::Paste(_)) {
        info(state, "Nothing here takes pasted text; close this first");
        return Vec::new();
    }
    let effects = match state.mode {
        Mode::Browse => browse(state, action),
        Mode::Global(_) => global::global(state, action),
        Mode::Add(_) => add::adding(state, action),
        Mode::Diagnostics(_) => files::diagnostics(state, action),
        Mode::Help(_)
        | Mode::Emergency(_)
        | Mode::Phrases(_)
        | Mode::Driver
        | Mode::Qr { .. }
        | Mode::CopyFailed { .. } => overlay::overlay(state, action),
    };
    clamp(state);
    effects
}

/// Keeps every cursor in range and on screen.
fn clamp(state: &mut AppState) {
    let screen = layout::screen(state.width, state.height, state.focus);
    for pane in [Pane::Cities, Pane::Facilities, Pane::Specialties] {
        let height = screen.list_height(pane);
        if let Some(list) = list_mut(state, pane) {
            list.cursor.clamp(list.rows.len(), height);
        }
    }
    card_pane::clamp(state);
    let rows = layout::overlay_rows(state.height);
    let sheet = sheet::page(state).map(|(_, sheet)| sheet);
    let problems = state.files.problems().len();
    let help = state.keymap.help_lines();
    match &mut state.mode {
        Mode::Global(search) => search.cursor.clamp(search.hits.len(), rows),
        Mode::Emergency(cursor) | Mode::Phrases(cursor) => {
            sheet.unwrap_or_default().clamp(cursor, rows)
        }
        Mode::Diagnostics(cursor) => cursor.clamp(problems, rows),
        Mode::Help(cursor) => cursor.clamp(help, rows),
        _ => {}
    }
}

/// A list pane's view, to change.
pub(super) fn list_mut(state: &mut AppState, pane: Pane) -> Option<&mut ListView> {
    match pane {
        Pane::Cities => Some(&mut state.cities),
        Pane::Facilities => Some(&mut state.facilities),
        Pane::Specialties => Some(&mut state.specialties),
        Pane::Card => None,
    }
}

pub(super) fn info(state: &mut AppState, text: impl Into<String>) {
    state.status = Some(Status {
        kind: StatusKind::Info,
        text: text.into(),
    });
}

pub(super) fn error(state: &mut AppState, text: impl Into<String>) {
    state.status = Some(Status {
        kind: StatusKind::Error,
        text: text.into(),
    });
}

fn editing(state: &AppState) -> bool {
    state
        .list(state.focus)
        .is_some_and(|l| l.filter == FilterState::Editing)
}

fn browse(state: &mut AppState, action: Action) -> Vec<Effect> {
    if editing(state) {
        return filtering(state, action);
    }
    match action {
        Action::Quit => return vec![Effect::Quit],
        Action::NextPane => focus(state, state.focus.next()),
        Action::PrevPane => focus(state, state.focus.prev()),
        Action::Open if state.focus != Pane::Card => focus(state, state.focus.next()),
        Action::Open => card_pane::open(state),
        // The cities fit on a page; a page key there scrolls the city's card.
        Action::PageDown | Action::PageUp if state.focus == Pane::Cities => {
            let page = card_view::area(state).map_or(10, |(_, height)| height) as isize;
            card_pane::step(
                state,
                if action == Action::PageDown {
                    page
                } else {
                    -page
                },
            );
        }
        action if movement(&action, page(state)).is_some() => {
            let delta = movement(&action, page(state)).unwrap_or_default();
            step(state, state.focus, delta);
        }
        Action::Filter => match list_mut(state, state.focus) {
            Some(list) => list.filter = FilterState::Editing,
            None => info(
                state,
                "The card has no filter; press Ctrl-p to search everything",
            ),
        },
        Action::Back => {
            let focus = state.focus;
            match state.list(focus) {
                Some(list) if list.filter != FilterState::Off || !list.query.is_empty() => {
                    clear_filter(state, focus)
                }
                _ => state.status = None,
            }
        }
        Action::GlobalSearch => {
            state.mode = Mode::Global(GlobalSearch::in_city(state.city()));
            rows::refresh_global(state);
        }
        Action::CopyNumber => return card_pane::copy_number(state, false),
        Action::CopyDialled => return card_pane::copy_number(state, true),
        Action::CopyAddress => return card_pane::copy_address(state),
        Action::CopyCard => return card_pane::copy_card(state),
        Action::GoToPlace(n) => card_pane::go_to_place(state, n),
        Action::Emergency => state.mode = Mode::Emergency(Cursor::default()),
        Action::AddNumber => add::start(state, false),
        Action::AddNote => add::start(state, true),
        Action::Driver => overlay::driver(state),
        Action::Help => state.mode = Mode::Help(Cursor::default()),
        Action::Edit => return files::edit(state),
        Action::Reload => return vec![Effect::Reload],
        Action::Diagnostics => files::open_diagnostics(state),
        Action::Sources => match state.facility() {
            Some(_) => {
                state.card.sources = match state.card.sources {
                    SourcesView::Labels => SourcesView::Full,
                    SourcesView::Full => SourcesView::Labels,
                };
                let shown = match state.card.sources {
                    SourcesView::Full => "Every source is listed in full at the end of the card",
                    SourcesView::Labels => "Sources shown as short labels",
                };
                info(state, shown);
            }
            None => info(state, "Select a hospital first"),
        },
        Action::Qr => match card_pane::selected_number(state) {
            Some((uri, label)) => state.mode = Mode::Qr { uri, label },
            None => {
                let text = card_pane::no_number(state);
                error(state, text);
            }
        },
        Action::Click { column, row } => click(state, column, row),
        Action::Scroll { column, row, down } => {
            let screen = layout::screen(state.width, state.height, state.focus);
            if let Some((pane, _)) = screen.pane_at(column, row) {
                step(state, pane, if down { 1 } else { -1 });
            }
        }
        // Like fzf: pasting into a list opens its filter with the text.
        Action::Paste(text) => match list_mut(state, state.focus) {
            Some(list) => {
                list.filter = FilterState::Editing;
                return filtering(state, Action::Paste(text));
            }
            None => info(
                state,
                "Paste into a filter: press / in a list, or Ctrl-p to search everything",
            ),
        },
        _ => {}
    }
    Vec::new()
}

/// Focuses `pane`; the card starts from its top when it becomes another
/// kind of card (the city's, with the cities pane focused, or a facility's).
fn focus(state: &mut AppState, pane: Pane) {
    if (state.focus == Pane::Cities) != (pane == Pane::Cities) {
        state.card.scroll = 0;
        state.card.selected = 0;
    }
    state.focus = pane;
}

/// Rows of the focused pane: what PgDn moves.
pub(super) fn page(state: &AppState) -> usize {
    let screen = layout::screen(state.width, state.height, state.focus);
    screen.list_height(state.focus)
}

/// Moves the selection of `pane` by `delta` rows and cascades.
pub(super) fn step(state: &mut AppState, pane: Pane, delta: isize) {
    match pane {
        Pane::Card => card_pane::step(state, delta),
        _ => {
            let Some(list) = list_mut(state, pane) else {
                return;
            };
            list.cursor.selected = moved(list.cursor.selected, delta, list.rows.len());
            cascade(state, pane);
        }
    }
}

/// How far a movement key moves a cursor over a list `page` rows high
/// (`None` for any other action); the ends are reached by far moves that
/// `moved` stops.
pub(super) fn movement(action: &Action, page: usize) -> Option<isize> {
    let page = page.max(1) as isize;
    Some(match action {
        Action::Down => 1,
        Action::Up => -1,
        Action::PageDown => page,
        Action::PageUp => -page,
        Action::Top => isize::MIN / 2,
        Action::Bottom => isize::MAX / 2,
        _ => return None,
    })
}

/// `current` moved by `delta` among `len` rows, stopping at either end.
pub(super) fn moved(current: usize, delta: isize, len: usize) -> usize {
    let last = len.saturating_sub(1) as isize;
    (current as isize)
        .saturating_add(delta)
        .clamp(0, last.max(0)) as usize
}

/// After a selection change in `pane`, updates the panes that depend on it.
pub(super) fn cascade(state: &mut AppState, pane: Pane) {
    match pane {
        Pane::Cities => {
            state.facilities.cursor = Cursor::default();
            rows::refresh_facilities(state, false);
        }
        Pane::Facilities => rows::facility_selected(state),
        Pane::Specialties | Pane::Card => {}
    }
}

/// Clears a pane's filter, keeping its query for `↑`.
fn clear_filter(state: &mut AppState, pane: Pane) {
    let Some(list) = list_mut(state, pane) else {
        return;
    };
    let query = std::mem::take(&mut list.query);
    list.after_caret = 0;
    list.filter = FilterState::Off;
    global::remember(&mut state.last_query, &query);
    rows::refresh_pane(state, pane);
}

fn filtering(state: &mut AppState, action: Action) -> Vec<Effect> {
    let pane = state.focus;
    let last_query = state.last_query.clone();
    let Some(list) = list_mut(state, pane) else {
        return Vec::new();
    };
    if let Some(edited) = prompt::edit(&mut list.query, &mut list.after_caret, &action) {
        if edited.changed {
            rows::refresh_pane(state, pane);
        }
        if let Some(note) = edited.note {
            info(state, note);
        }
        return Vec::new();
    }
    match action {
        Action::Quit => return vec![Effect::Quit],
        Action::Up if list.query.is_empty() && last_query.is_some() => {
            list.query = last_query.unwrap_or_default();
            list.after_caret = 0;
            rows::refresh_pane(state, pane);
        }
        Action::Accept => {
            list.filter = if list.query.is_empty() {
                FilterState::Off
            } else {
                FilterState::Kept
            };
            let query = list.query.clone();
            global::remember(&mut state.last_query, &query);
        }
        Action::Back => clear_filter(state, pane),
        action @ (Action::Down | Action::Up | Action::PageDown | Action::PageUp) => {
            let delta = movement(&action, page(state)).unwrap_or_default();
            step(state, pane, delta);
        }
        _ => {}
    }
    Vec::new()
}

fn click(state: &mut AppState, column: u16, row: u16) {
    let screen = layout::screen(state.width, state.height, state.focus);
    if screen.kind == LayoutKind::TooSmall {
        return;
    }
    let Some((pane, rect)) = screen.pane_at(column, row) else {
        return;
    };
    focus(state, pane);
    let Some(list) = list_mut(state, pane) else {
        return;
    };
    if row > rect.y && row + 1 < rect.y + rect.height {
        let index = list.cursor.offset + usize::from(row - rect.y - 1);
        if index < list.rows.len() {
            list.cursor.selected = index;
            cascade(state, pane);
        }
    }
}
