//! The overlays' keys (help, emergency numbers, driver card, QR code, the
//! copy-failed popup) and what `y`, `Y`, `c` and `Q` take from the selection.

use super::super::action::{Action, CopyWhat, Effect};
use super::super::state::{AppState, Mode, Pane};
use super::error;
use crate::card;

pub(super) fn overlay(state: &mut AppState, action: Action) -> Vec<Effect> {
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
                    text: number.number.display.to_string(),
                    what: CopyWhat::Number,
                }];
            }
        }
        _ => {}
    }
    Vec::new()
}

/// The `tel:` URI and a label of the contact `y` would copy.
pub(super) fn selected_contact(state: &AppState) -> Option<(String, String)> {
    let f = &state.dir.facilities[state.facility()?];
    let contact = if state.focus == Pane::Card {
        f.contacts.get(state.card.selected)
    } else {
        f.contacts.first()
    }?;
    Some((
        contact.phone.tel_uri(),
        format!("{} — {}, {}", contact.phone.display, contact.role, f.name),
    ))
}

pub(super) fn copy_number(state: &mut AppState) -> Vec<Effect> {
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
        f.contacts.first()
    };
    match contact {
        Some(c) => vec![Effect::Copy {
            text: c.phone.display.to_string(),
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

pub(super) fn copy_address(state: &mut AppState) -> Vec<Effect> {
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

pub(super) fn copy_card(state: &mut AppState) -> Vec<Effect> {
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
