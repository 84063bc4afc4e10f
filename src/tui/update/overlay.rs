//! The overlays' keys (help, emergency numbers, driver card, QR code, the
//! copy-failed popup).

use super::{moved, movement};
use crate::card;
use crate::tui::action::{Action, CopyWhat, Effect};
use crate::tui::layout::overlay_rows;
use crate::tui::state::{AppState, Mode};

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
