//! `update(&mut AppState, Action) -> Vec<Effect>`: the only code that changes
//! the state. This file dispatches by mode and handles browsing the panes
//! (selection, cascading, filters, clamping, mouse); `global` handles the
//! global search and jumps, `overlay` the overlays and what is copied,
//! `search` the searches and index build that run in the background. The
//! loop performs the returned effects.

mod global;
mod overlay;
mod prompt;
mod search;

pub use global::jump;
pub use search::work;

use super::action::{Action, Effect};
use super::files;
use super::state::{
    AppState, FilterState, GlobalSearch, Mode, Pane, SourcesView, Status, StatusKind,
};
use crate::card;
use crate::ui::layout::{self, LayoutKind};

pub fn update(state: &mut AppState, action: Action) -> Vec<Effect> {
    let mut effects = dispatch(state, action);
    effects.extend(work(state));
    effects
}

fn dispatch(state: &mut AppState, action: Action) -> Vec<Effect> {
    if let Action::Resize { width, height } = action {
        state.width = width;
        state.height = height;
        clamp(state);
        return Vec::new();
    }
    if let Action::CopyDone { ok, message, value } = action {
        if ok {
            state.status = Some(Status {
                kind: StatusKind::Info,
                text: message,
            });
        } else {
            state.status = Some(Status {
                kind: StatusKind::Error,
                text: format!("Not copied: {message}"),
            });
            state.mode = Mode::CopyFailed {
                value,
                reason: message,
            };
        }
        return Vec::new();
    }
    match action {
        Action::Suspend => return vec![Effect::Suspend],
        Action::Reloaded(reload) => {
            files::reloaded(state, *reload);
            clamp(state);
            return Vec::new();
        }
        Action::EffectFailed(message) => {
            error(state, message);
            return Vec::new();
        }
        Action::Searched { index, result } => {
            search::searched(state, &index, result);
            clamp(state);
            return Vec::new();
        }
        Action::Indexing { done, total } => {
            search::indexing(state, done, total);
            return Vec::new();
        }
        Action::Indexed { dir, index } => {
            search::indexed(state, &dir, index.0);
            clamp(state);
            return Vec::new();
        }
        _ => {}
    }
    // An overlay has no prompt: a paste there is dropped, never read as keys.
    let prompt = matches!(state.mode, Mode::Browse | Mode::Global(_));
    if !prompt && matches!(action, Action::Paste(_)) {
        info(state, "Nothing here takes pasted text; close this first");
        return Vec::new();
    }
    if let Mode::Diagnostics { .. } = state.mode {
        return files::diagnostics(state, action);
    }
    let effects = match state.mode {
        Mode::Browse => browse(state, action),
        Mode::Global(_) => global::global(state, action),
        Mode::Help { .. }
        | Mode::Emergency { .. }
        | Mode::Driver
        | Mode::Qr { .. }
        | Mode::CopyFailed { .. }
        | Mode::Diagnostics { .. } => overlay::overlay(state, action),
    };
    clamp(state);
    effects
}

/// Keeps every selection in range and on screen.
fn clamp(state: &mut AppState) {
    let screen = layout::screen(state.width, state.height, state.focus);
    for pane in [Pane::Cities, Pane::Facilities, Pane::Specialties] {
        let height = screen.list_height(pane);
        if let Some(list) = state.list_mut(pane) {
            list.clamp(height);
        }
    }
    let contacts = state
        .facility()
        .map_or(0, |f| state.dir.facilities[f].contacts.len());
    state.card.selected = state.card.selected.min(contacts.saturating_sub(1));
    if let Mode::Global(search) = &mut state.mode {
        let height = usize::from(state.height.saturating_sub(8)).max(1);
        search.selected = search.selected.min(search.hits.len().saturating_sub(1));
        if search.selected < search.offset {
            search.offset = search.selected;
        } else if search.selected >= search.offset + height {
            search.offset = search.selected + 1 - height;
        }
    }
    let numbers = card::emergency_numbers(&state.dir, state.city()).len();
    if let Mode::Emergency { selected } = &mut state.mode {
        *selected = (*selected).min(numbers.saturating_sub(1));
    }
    files::clamp(state);
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
        Action::NextPane => state.focus = state.focus.next(),
        Action::PrevPane => state.focus = state.focus.prev(),
        Action::Open => {
            if state.focus != Pane::Card {
                state.focus = state.focus.next();
            }
        }
        Action::Down => step(state, state.focus, 1),
        Action::Up => step(state, state.focus, -1),
        Action::PageDown => step(state, state.focus, page(state)),
        Action::PageUp => step(state, state.focus, -page(state)),
        Action::Top => step(state, state.focus, isize::MIN / 2),
        Action::Bottom => step(state, state.focus, isize::MAX / 2),
        Action::Filter => match state.list_mut(state.focus) {
            Some(list) => list.filter = FilterState::Editing,
            None => info(
                state,
                "The card has no filter; press Ctrl-p to search everything",
            ),
        },
        Action::Back => {
            let focus = state.focus;
            match state.list_mut(focus) {
                Some(list) if list.filter != FilterState::Off || !list.query.is_empty() => {
                    clear_filter(state, focus)
                }
                _ => state.status = None,
            }
        }
        Action::GlobalSearch => state.mode = Mode::Global(GlobalSearch::new()),
        Action::CopyNumber => return overlay::copy_number(state),
        Action::CopyAddress => return overlay::copy_address(state),
        Action::CopyCard => return overlay::copy_card(state),
        Action::Emergency => state.mode = Mode::Emergency { selected: 0 },
        Action::Driver => match state.facility() {
            Some(_) => state.mode = Mode::Driver,
            None => info(state, "Select a hospital first"),
        },
        Action::Help => state.mode = Mode::Help { scroll: 0 },
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
        Action::Qr => match overlay::selected_contact(state) {
            Some((uri, label)) => state.mode = Mode::Qr { uri, label },
            None => error(
                state,
                "No sourced phone number here; press ! for emergency numbers",
            ),
        },
        Action::Click { column, row } => click(state, column, row),
        Action::Scroll { column, row, down } => {
            let screen = layout::screen(state.width, state.height, state.focus);
            if let Some((pane, _)) = screen.pane_at(column, row) {
                step(state, pane, if down { 1 } else { -1 });
            }
        }
        // Like fzf: pasting into a list opens its filter with the text.
        Action::Paste(text) => match state.list_mut(state.focus) {
            Some(list) => {
                list.filter = FilterState::Editing;
                return filtering(state, Action::Paste(text));
            }
            None => info(
                state,
                "Paste into a filter: press / in a list, or Ctrl-p to search everything",
            ),
        },
        Action::Input(_) | Action::Erase | Action::Accept => {}
        Action::Resize { .. }
        | Action::CopyDone { .. }
        | Action::Suspend
        | Action::Reloaded(_)
        | Action::EffectFailed(_)
        | Action::Searched { .. }
        | Action::Indexing { .. }
        | Action::Indexed { .. } => {}
    }
    Vec::new()
}

pub(super) fn page(state: &AppState) -> isize {
    let screen = layout::screen(state.width, state.height, state.focus);
    screen.list_height(state.focus).max(1) as isize
}

/// Moves the selection of `pane` by `delta` rows and cascades.
pub(super) fn step(state: &mut AppState, pane: Pane, delta: isize) {
    match pane {
        Pane::Card => {
            let contacts = state
                .facility()
                .map_or(0, |f| state.dir.facilities[f].contacts.len());
            if delta.abs() > 1 && delta.abs() < isize::MAX / 4 {
                let scroll = i64::from(state.card.scroll) + delta as i64;
                state.card.scroll = scroll.clamp(0, i64::from(u16::MAX)) as u16;
            } else {
                state.card.selected = moved(state.card.selected, delta, contacts);
            }
        }
        _ => {
            let Some(list) = state.list_mut(pane) else {
                return;
            };
            list.selected = moved(list.selected, delta, list.rows.len());
            cascade(state, pane);
        }
    }
}

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
            state.facilities.selected = 0;
            state.facilities.offset = 0;
            state.refresh_facilities(false);
        }
        Pane::Facilities => state.facility_selected(),
        Pane::Specialties | Pane::Card => {}
    }
}

fn clear_filter(state: &mut AppState, pane: Pane) {
    if let Some(list) = state.list_mut(pane) {
        list.query.clear();
        list.filter = FilterState::Off;
    }
    state.refresh_pane(pane);
}

fn filtering(state: &mut AppState, action: Action) -> Vec<Effect> {
    let pane = state.focus;
    match action {
        Action::Quit => return vec![Effect::Quit],
        Action::Input(c) => {
            let typed = match state.list_mut(pane) {
                Some(list) => prompt::type_char(&mut list.query, c),
                None => Ok(false),
            };
            match typed {
                Ok(true) => state.refresh_pane(pane),
                Ok(false) => {}
                Err(message) => info(state, message),
            }
        }
        Action::Paste(text) => {
            let Some(list) = state.list_mut(pane) else {
                return Vec::new();
            };
            let pasted = prompt::paste(&mut list.query, &text);
            if pasted.changed {
                state.refresh_pane(pane);
            }
            if let Some(note) = pasted.note {
                info(state, note);
            }
        }
        Action::Erase => {
            if let Some(list) = state.list_mut(pane) {
                list.query.pop();
            }
            state.refresh_pane(pane);
        }
        Action::Accept => {
            if let Some(list) = state.list_mut(pane) {
                list.filter = if list.query.is_empty() {
                    FilterState::Off
                } else {
                    FilterState::Kept
                };
            }
        }
        Action::Back => clear_filter(state, pane),
        Action::Down => step(state, pane, 1),
        Action::Up => step(state, pane, -1),
        Action::PageDown => step(state, pane, page(state)),
        Action::PageUp => step(state, pane, -page(state)),
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
    state.focus = pane;
    let Some(list) = state.list_mut(pane) else {
        return;
    };
    if row > rect.y && row + 1 < rect.y + rect.height {
        let index = list.offset + usize::from(row - rect.y - 1);
        if index < list.rows.len() {
            list.selected = index;
            cascade(state, pane);
        }
    }
}
