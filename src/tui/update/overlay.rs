//! The overlays' keys (help, emergency numbers, driver card, QR code, the
//! copy-failed popup) and what `y`, `Y`, `c` and `Q` take from the selection.

use super::{error, moved, movement};
use crate::card;
use crate::tui::action::{Action, CopyWhat, Effect};
use crate::tui::layout::overlay_rows;
use crate::tui::state::{AppState, Mode, Pane};

pub(super) fn overlay(state: &mut AppState, action: Action) -> Vec<Effect> {
    let rows = overlay_rows(state.height);
    match (&mut state.mode, action) {
        (_, Action::Quit) => return vec![Effect::Quit],
        (_, Action::Back) => state.mode = Mode::Browse,
        // Help scrolls: its cursor's first row is the top line shown.
        (Mode::Help(cursor), action) if movement(&action, rows).is_some() => {
            let delta = movement(&action, rows).unwrap_or_default();
            cursor.offset = moved(cursor.offset, delta, usize::MAX / 2);
            cursor.selected = cursor.offset;
        }
        (Mode::Emergency(cursor), action) if movement(&action, rows).is_some() => {
            let delta = movement(&action, rows).unwrap_or_default();
            cursor.selected = moved(cursor.selected, delta, usize::MAX / 2);
        }
        (Mode::Emergency(cursor), Action::Qr) => {
            let selected = cursor.selected;
            let numbers = card::emergency_numbers(&state.dir, state.city());
            if let Some(n) = numbers.get(selected) {
                state.mode = Mode::Qr {
                    uri: n.number.tel_uri(),
                    label: format!("{} — {}", n.number.display, n.label),
                };
            }
        }
        (Mode::Emergency(cursor), Action::CopyNumber) => {
            let selected = cursor.selected;
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
