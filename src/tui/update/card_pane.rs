//! The card pane's keys, over the card `card_view` lays out: moving the
//! selection between its rows (numbers and places) with the card scrolled
//! to show it, scrolling a page or a line, `g`/`G` to either end, `Enter`
//! or a place's number key to go there; and what `y`, `d`, `Y`, `c` and `Q`
//! take — the selected row while the card has focus, else its first.

use super::{error, global, info, moved};
use crate::card;
use crate::search::Target;
use crate::tui::action::{CopyWhat, Effect};
use crate::tui::card_view::{self, Card, CardRow};
use crate::tui::state::{AppState, Pane};

/// The card as shown, with its inside's height (a card off screen is laid
/// out at a usual width, for its rows).
fn shown(state: &AppState) -> (Card, usize) {
    let (width, height) = card_view::area(state).unwrap_or((40, 20));
    (card_view::card(state, width), height)
}

/// Keeps the selection on a row and the scroll within the card.
pub(super) fn clamp(state: &mut AppState) {
    let (card, height) = shown(state);
    let view = &mut state.card;
    view.selected = view.selected.min(card.rows.len().saturating_sub(1));
    let most = card.lines.len().saturating_sub(height);
    view.scroll = view.scroll.min(u16::try_from(most).unwrap_or(u16::MAX));
}

/// Scrolls so the selected row's lines are on screen.
fn reveal(state: &mut AppState, card: &Card, height: usize) {
    let view = &mut state.card;
    let (Some(first), Some(last)) = (
        card.first_line(view.selected),
        card.last_line(view.selected),
    ) else {
        return;
    };
    let mut scroll = usize::from(view.scroll);
    if last >= scroll + height {
        scroll = last + 1 - height;
    }
    scroll = scroll.min(first);
    view.scroll = u16::try_from(scroll).unwrap_or(u16::MAX);
}

/// Selects `row` on the card, scrolled to show it.
pub(super) fn select(state: &mut AppState, row: CardRow) {
    let (card, height) = shown(state);
    if let Some(at) = card.rows.iter().position(|&r| r == row) {
        state.card.selected = at;
        reveal(state, &card, height);
    }
}

/// A movement key on the card: ±1 moves between rows (or scrolls a line on
/// a card without rows), a page scrolls a page, the far moves go to the
/// top or the bottom.
pub(super) fn step(state: &mut AppState, delta: isize) {
    let (card, height) = shown(state);
    let far = delta.unsigned_abs() >= (isize::MAX / 4) as usize;
    let view = &mut state.card;
    let scroll = |view: &mut crate::tui::state::CardView, by: isize| {
        let most = card.lines.len().saturating_sub(height) as isize;
        let to = (view.scroll as isize)
            .saturating_add(by)
            .clamp(0, most.max(0));
        view.scroll = u16::try_from(to).unwrap_or(u16::MAX);
    };
    if far {
        view.selected = moved(view.selected, delta, card.rows.len());
        scroll(view, delta);
    } else if delta.abs() == 1 && !card.rows.is_empty() {
        view.selected = moved(view.selected, delta, card.rows.len());
        reveal(state, &card, height);
    } else {
        scroll(view, delta);
    }
}

/// The row `y` and its kin act on: the selected one while the card has
/// focus; else the card's first number if it is the facility's own (a
/// place the card suggests instead is copied only once selected, so its
/// number is never taken for the facility's).
pub(super) fn selected_row(state: &AppState) -> Option<CardRow> {
    let (card, _) = shown(state);
    match state.focus {
        Pane::Card => card.rows.get(state.card.selected).copied(),
        _ => card
            .rows
            .first()
            .copied()
            .filter(|r| matches!(r, CardRow::Contact(..))),
    }
}

/// Enter on the card: to the selected place, if it is one.
pub(super) fn open(state: &mut AppState) {
    match selected_row(state) {
        Some(CardRow::Place(f)) => global::jump(state, Target::Facility(f)),
        _ => info(
            state,
            "Enter goes to a place the card lists; y copies the number",
        ),
    }
}

/// A place's number key: to the `n`th place the card lists.
pub(super) fn go_to_place(state: &mut AppState, n: u8) {
    let (card, _) = shown(state);
    match card.places.get(usize::from(n).wrapping_sub(1)) {
        Some(&f) => global::jump(state, Target::Facility(f)),
        None => info(state, format!("The card lists no place [{n}]")),
    }
}

fn nothing_to_copy(state: &mut AppState) -> Vec<Effect> {
    let text = no_number(state);
    error(state, text);
    Vec::new()
}

/// What to do when the card has no number to take: the first place it
/// lists (its key, name and number), and the emergency numbers.
pub(super) fn no_number(state: &AppState) -> String {
    let (card, _) = shown(state);
    let first = (card.places.first())
        .and_then(|&f| card_view::row_phone(state, CardRow::Place(f)).map(|p| (f, p.0)));
    match first {
        // The number before the name: a narrow status line cuts the name.
        Some((f, phone)) => format!(
            "No sourced number here. Press 1: {}, {}; ! for emergency numbers",
            phone.display, state.dir.facilities[f].name
        ),
        None => "No sourced phone number here; press ! for emergency numbers (120: ambulance)"
            .to_string(),
    }
}

/// `y`: the number as shown (international); `d`: as dialled in China.
pub(super) fn copy_number(state: &mut AppState, dialled: bool) -> Vec<Effect> {
    let Some((phone, _)) = selected_row(state).and_then(|r| card_view::row_phone(state, r)) else {
        return nothing_to_copy(state);
    };
    let text = match dialled {
        true => card::dialled_in_china(phone).unwrap_or_else(|| phone.display.clone()),
        false => phone.display.clone(),
    };
    vec![Effect::Copy {
        text,
        what: CopyWhat::Number,
    }]
}

/// The `tel:` URI and a label of the number `y` would copy.
pub(super) fn selected_number(state: &AppState) -> Option<(String, String)> {
    let (phone, label) = card_view::row_phone(state, selected_row(state)?)?;
    Some((phone.tel_uri(), format!("{} — {label}", phone.display)))
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
