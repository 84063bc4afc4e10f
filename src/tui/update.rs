//! `update(&mut AppState, Action) -> Vec<Effect>`: the only code that changes
//! the state. Selection, cascading, filtering, jumping, clamping and what to
//! copy are decided here; the loop performs the returned effects.

use super::action::{Action, CopyWhat, Effect};
use super::files;
use super::state::{
    AppState, FilterState, GlobalSearch, ListView, Mode, Pane, RowTarget, Status, StatusKind,
};
use crate::card;
use crate::search::{Scope, Target};
use crate::ui::layout::{self, LayoutKind};

pub fn update(state: &mut AppState, action: Action) -> Vec<Effect> {
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
        _ => {}
    }
    if let Mode::Diagnostics { .. } = state.mode {
        return files::diagnostics(state, action);
    }
    let effects = match state.mode {
        Mode::Browse => browse(state, action),
        Mode::Global(_) => global(state, action),
        Mode::Help { .. }
        | Mode::Emergency { .. }
        | Mode::Driver
        | Mode::Qr { .. }
        | Mode::CopyFailed { .. }
        | Mode::Diagnostics { .. } => overlay(state, action),
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

fn info(state: &mut AppState, text: impl Into<String>) {
    state.status = Some(Status {
        kind: StatusKind::Info,
        text: text.into(),
    });
}

fn error(state: &mut AppState, text: impl Into<String>) {
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
        Action::GlobalSearch => {
            let hits = state.index.query("", &Scope::Global);
            state.mode = Mode::Global(GlobalSearch {
                query: String::new(),
                hits,
                selected: 0,
                offset: 0,
            });
        }
        Action::CopyNumber => return copy_number(state),
        Action::CopyAddress => return copy_address(state),
        Action::CopyCard => return copy_card(state),
        Action::Emergency => state.mode = Mode::Emergency { selected: 0 },
        Action::Driver => match state.facility() {
            Some(_) => state.mode = Mode::Driver,
            None => info(state, "Select a hospital first"),
        },
        Action::Help => state.mode = Mode::Help { scroll: 0 },
        Action::Edit => return files::edit(state),
        Action::Reload => return vec![Effect::Reload],
        Action::Diagnostics => files::open_diagnostics(state),
        Action::Qr => match selected_contact(state) {
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
        Action::Input(_) | Action::Erase | Action::Accept => {}
        Action::Resize { .. }
        | Action::CopyDone { .. }
        | Action::Suspend
        | Action::Reloaded(_)
        | Action::EffectFailed(_) => {}
    }
    Vec::new()
}

fn page(state: &AppState) -> isize {
    let screen = layout::screen(state.width, state.height, state.focus);
    screen.list_height(state.focus).max(1) as isize
}

/// Moves the selection of `pane` by `delta` rows and cascades.
fn step(state: &mut AppState, pane: Pane, delta: isize) {
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

fn moved(current: usize, delta: isize, len: usize) -> usize {
    let last = len.saturating_sub(1) as isize;
    (current as isize)
        .saturating_add(delta)
        .clamp(0, last.max(0)) as usize
}

/// After a selection change in `pane`, updates the panes that depend on it.
fn cascade(state: &mut AppState, pane: Pane) {
    match pane {
        Pane::Cities => {
            state.facilities.selected = 0;
            state.facilities.offset = 0;
            state.refresh_facilities(false);
        }
        Pane::Facilities => state.refresh_facilities(true),
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
            if let Some(list) = state.list_mut(pane) {
                list.query.push(c);
            }
            state.refresh_pane(pane);
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

fn global(state: &mut AppState, action: Action) -> Vec<Effect> {
    let Mode::Global(search) = &mut state.mode else {
        return Vec::new();
    };
    match action {
        Action::Quit => return vec![Effect::Quit],
        Action::Input(c) => {
            search.query.push(c);
            search.hits = state.index.query(&search.query, &Scope::Global);
            search.selected = 0;
            search.offset = 0;
        }
        Action::Erase => {
            search.query.pop();
            search.hits = state.index.query(&search.query, &Scope::Global);
            search.selected = 0;
            search.offset = 0;
        }
        Action::Down => search.selected = moved(search.selected, 1, search.hits.len()),
        Action::Up => search.selected = moved(search.selected, -1, search.hits.len()),
        Action::PageDown => search.selected = moved(search.selected, 10, search.hits.len()),
        Action::PageUp => search.selected = moved(search.selected, -10, search.hits.len()),
        Action::Back => state.mode = Mode::Browse,
        Action::Accept => {
            let target = search.hits.get(search.selected).map(|h| h.target);
            state.mode = Mode::Browse;
            if let Some(target) = target {
                jump(state, target);
            }
        }
        _ => {}
    }
    Vec::new()
}

/// Shows a record: clears the filters that could hide it, selects its city,
/// facility and row, and focuses the pane it lives in.
pub fn jump(state: &mut AppState, target: Target) {
    let reset = |list: &mut ListView| {
        list.query.clear();
        list.filter = FilterState::Off;
    };
    reset(&mut state.cities);
    state.refresh_cities();
    let select = |list: &mut ListView, target: RowTarget| {
        if let Some(row) = list.rows.iter().position(|r| r.target == target) {
            list.selected = row;
        }
    };
    match target {
        Target::City(city) => {
            select(&mut state.cities, RowTarget::City(city));
            cascade(state, Pane::Cities);
            state.focus = Pane::Cities;
        }
        Target::Facility(facility) | Target::Contact { facility, .. } => {
            let city = state.dir.facilities[facility].city_index;
            select(&mut state.cities, RowTarget::City(city));
            reset(&mut state.facilities);
            cascade(state, Pane::Cities);
            select(&mut state.facilities, RowTarget::Facility(facility));
            cascade(state, Pane::Facilities);
            state.focus = Pane::Facilities;
            if let Target::Contact { contact, .. } = target {
                state.card.selected = contact;
                state.focus = Pane::Card;
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

fn overlay(state: &mut AppState, action: Action) -> Vec<Effect> {
    match (&mut state.mode, action) {
        (_, Action::Quit) => return vec![Effect::Quit],
        (_, Action::Back) => state.mode = Mode::Browse,
        (Mode::Help { scroll }, Action::Down) => *scroll = scroll.saturating_add(1),
        (Mode::Help { scroll }, Action::Up) => *scroll = scroll.saturating_sub(1),
        (Mode::Help { scroll }, Action::PageDown) => *scroll = scroll.saturating_add(10),
        (Mode::Help { scroll }, Action::PageUp) => *scroll = scroll.saturating_sub(10),
        (Mode::Help { scroll }, Action::Top) => *scroll = 0,
        (Mode::Emergency { selected }, Action::Down) => *selected += 1,
        (Mode::Emergency { selected }, Action::Up) => *selected = selected.saturating_sub(1),
        (Mode::Emergency { selected }, Action::Top) => *selected = 0,
        (Mode::Emergency { selected }, Action::Bottom) => *selected = usize::MAX / 2,
        (Mode::Emergency { selected }, Action::Qr) => {
            let selected = *selected;
            let numbers = card::emergency_numbers(&state.dir, state.city());
            if let Some(n) = numbers.get(selected) {
                state.mode = Mode::Qr {
                    uri: n.number.tel_uri(),
                    label: format!("{} — {}", n.number.display, n.label),
                };
            }
        }
        (Mode::Emergency { selected }, Action::CopyNumber) => {
            let selected = *selected;
            let numbers = card::emergency_numbers(&state.dir, state.city());
            if let Some(number) = numbers.get(selected) {
                return vec![Effect::Copy {
                    text: number.number.display.clone(),
                    what: CopyWhat::Number,
                }];
            }
        }
        _ => {}
    }
    Vec::new()
}

/// The `tel:` URI and a label of the contact `y` would copy.
fn selected_contact(state: &AppState) -> Option<(String, String)> {
    let f = &state.dir.facilities[state.facility()?];
    let contact = if state.focus == Pane::Card {
        f.contacts.get(state.card.selected)
    } else {
        f.first_phone()
    }?;
    Some((
        contact.phone.tel_uri(),
        format!("{} — {}, {}", contact.phone.display, contact.role, f.name),
    ))
}

fn copy_number(state: &mut AppState) -> Vec<Effect> {
    let Some(facility) = state.facility() else {
        error(
            state,
            "Select a hospital first; press ! for emergency numbers",
        );
        return Vec::new();
    };
    let f = &state.dir.facilities[facility];
    let contact = if state.focus == Pane::Card {
        f.contacts.get(state.card.selected)
    } else {
        f.first_phone()
    };
    match contact {
        Some(c) => vec![Effect::Copy {
            text: c.phone.display.clone(),
            what: CopyWhat::Number,
        }],
        None => {
            let text = format!(
                "No sourced phone number is known for {}; press ! for emergency numbers (120: ambulance)",
                f.name
            );
            error(state, text);
            Vec::new()
        }
    }
}

fn copy_address(state: &mut AppState) -> Vec<Effect> {
    let Some(facility) = state.facility() else {
        error(state, "Select a hospital first");
        return Vec::new();
    };
    let f = &state.dir.facilities[facility];
    match f.address.as_ref().and_then(|a| a.preferred()) {
        Some(address) => vec![Effect::Copy {
            text: address.to_string(),
            what: CopyWhat::Address,
        }],
        None => {
            let text = format!("No sourced address is known for {}", f.name);
            error(state, text);
            Vec::new()
        }
    }
}

fn copy_card(state: &mut AppState) -> Vec<Effect> {
    match state.facility() {
        Some(facility) => vec![Effect::Copy {
            text: card::card_text(&state.dir, facility),
            what: CopyWhat::Card,
        }],
        None => {
            error(state, "Select a hospital first");
            Vec::new()
        }
    }
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
