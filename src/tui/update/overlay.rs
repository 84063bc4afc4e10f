//! The overlays' keys (help, the emergency overlay's numbers and phrase
//! card, driver card, QR code, the copy-failed popup) and whether `t` opens
//! a driver card.

use super::{info, moved, movement};
use crate::model::Kind;
use crate::tui::action::{Action, Effect};
use crate::tui::layout::overlay_rows;
use crate::tui::sheet::{self, Entry};
use crate::tui::state::{AppState, Cursor, Mode};

pub(super) fn overlay(state: &mut AppState, action: Action) -> Vec<Effect> {
    let rows = overlay_rows(state.height);
    let page = sheet::page(state).map(|(_, sheet)| sheet);
    match (&mut state.mode, action) {
        (_, Action::Quit) => return vec![Effect::Quit],
        (_, Action::Back) => state.mode = Mode::Browse,
        // Help scrolls: its cursor's first row is the top line shown.
        (Mode::Help(cursor), action) if movement(&action, rows).is_some() => {
            let delta = movement(&action, rows).unwrap_or_default();
            cursor.offset = moved(cursor.offset, delta, usize::MAX / 2);
            cursor.selected = cursor.offset;
        }
        (Mode::Emergency(cursor) | Mode::Phrases(cursor), action)
            if movement(&action, rows).is_some() =>
        {
            let delta = movement(&action, rows).unwrap_or_default();
            page.unwrap_or_default().step(cursor, delta, rows);
        }
        (Mode::Emergency(_), Action::Phrases) => state.mode = Mode::Phrases(Cursor::default()),
        (Mode::Phrases(_), Action::Phrases) => state.mode = Mode::Emergency(Cursor::default()),
        (Mode::Emergency(cursor) | Mode::Phrases(cursor), Action::Qr) => {
            let selected = cursor.selected;
            let qr = selected_entry(state, selected, |entry| {
                entry.phone().map(|(phone, label)| Mode::Qr {
                    uri: phone.tel_uri(),
                    label,
                })
            });
            match qr {
                Some(qr) => state.mode = qr,
                None => info(state, "A QR code is for a phone number: select a number"),
            }
        }
        (Mode::Emergency(cursor) | Mode::Phrases(cursor), Action::CopyNumber) => {
            let selected = cursor.selected;
            match selected_entry(state, selected, |entry| entry.copied()) {
                Some((text, what)) => return vec![Effect::Copy { text, what }],
                None => info(
                    state,
                    "Nothing to copy here: select a number, or a phrase to copy its 汉字",
                ),
            }
        }
        _ => {}
    }
    Vec::new()
}

/// What `f` makes of the entry at `selected` on the emergency overlay's
/// page.
fn selected_entry<T>(
    state: &AppState,
    selected: usize,
    f: impl FnOnce(&Entry) -> Option<T>,
) -> Option<T> {
    let (entries, _) = sheet::page(state)?;
    entries.get(selected).and_then(f)
}

/// `t`: the driver card of the selected facility. An online service has
/// none (nowhere to drive to): the status says why and what to use. What
/// the card cannot show in 汉字 is said in the status, for the user.
pub(super) fn driver(state: &mut AppState) {
    let Some(facility) = state.facility() else {
        info(state, "Select a hospital first");
        return;
    };
    let f = &state.dir.facilities[facility];
    if f.kind == Kind::Online {
        let text = match f.website.as_deref() {
            Some(web) => format!(
                "{} is an online service, with no address to drive to: use its website, {web}",
                f.name
            ),
            None => format!(
                "{} is an online service, with no address to drive to: use its app or website",
                f.name
            ),
        };
        info(state, text);
        return;
    }
    let mut unknown = Vec::new();
    if f.name_zh.is_none() {
        unknown.push("汉字 name");
    }
    if f.address.as_ref().and_then(|a| a.zh.as_ref()).is_none() {
        unknown.push("汉字 address");
    }
    if f.contacts.is_empty() {
        unknown.push("phone number");
    }
    let text = match unknown.split_last() {
        None => None,
        Some((last, [])) => Some(format!("No {last} is known for {}", f.name)),
        Some((last, rest)) => Some(format!(
            "No {} or {last} is known for {}",
            rest.join(", "),
            f.name
        )),
    };
    state.mode = Mode::Driver;
    match text {
        Some(text) if f.contacts.is_empty() => info(
            state,
            format!("{text}; press ! for emergency numbers (120: ambulance)"),
        ),
        Some(text) => info(state, text),
        None => {}
    }
}
