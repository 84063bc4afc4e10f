//! `a` and `n`: the family's own numbers and notes, added from the TUI to
//! the selected facility. `a` asks whose number it is, then the number (as
//! it would be dialled); `n` asks for the note. Enter checks what was typed
//! with the data rules (`Addition::checked`) and says what is wrong under
//! the prompt, or hands the write to the loop (`Effect::Add`: the same
//! safe, comment-keeping atomic insertion as `careguide note`), which then
//! reloads, so the entry appears at once, marked `[personal]`.

use super::{info, prompt};
use crate::data::notes_file::Addition;
use crate::tui::action::{Action, Effect};
use crate::tui::state::{Adding, AppState, Mode};

/// Opens the prompt for a number (`note` false) or a note about the
/// selected facility, where one can be added.
pub(super) fn start(state: &mut AppState, note: bool) {
    let Some(facility) = state.facility() else {
        info(
            state,
            "Select a hospital first: numbers and notes are added to it",
        );
        return;
    };
    if state.files.sources.personal.is_none() {
        info(
            state,
            "No personal directory is known here, so nothing can be added; start careguide with --personal DIR",
        );
        return;
    }
    if state.dir.facilities[facility].personal {
        info(
            state,
            "This is your own facility: press e to add to it in its file",
        );
        return;
    }
    state.mode = Mode::Add(Adding {
        facility,
        note,
        role: None,
        text: String::new(),
        after_caret: 0,
        problem: None,
    });
}

/// Keys while adding: the prompt's editing keys, Enter to go on, Esc to
/// give up.
pub(super) fn adding(state: &mut AppState, action: Action) -> Vec<Effect> {
    let Mode::Add(adding) = &mut state.mode else {
        return Vec::new();
    };
    if let Some(edited) = prompt::edit(&mut adding.text, &mut adding.after_caret, &action) {
        if edited.changed {
            adding.problem = None;
        }
        if let Some(note) = edited.note {
            adding.problem = Some(note);
        }
        return Vec::new();
    }
    match action {
        Action::Quit => return vec![Effect::Quit],
        Action::Back => state.mode = Mode::Browse,
        Action::Accept => return accept(state),
        _ => {}
    }
    Vec::new()
}

/// Enter: the role becomes the number's, or the addition is checked and
/// written.
fn accept(state: &mut AppState) -> Vec<Effect> {
    let Mode::Add(adding) = &mut state.mode else {
        return Vec::new();
    };
    let text = std::mem::take(&mut adding.text);
    adding.after_caret = 0;
    let addition = match (adding.note, adding.role.take()) {
        (true, _) => Addition::Note(text.clone()),
        (false, Some(role)) => Addition::Contact {
            role,
            phone: text.clone(),
        },
        (false, None) if text.trim().is_empty() => {
            adding.problem = Some("Say whose number it is (e.g. Dr Li, mobile)".to_string());
            return Vec::new();
        }
        (false, None) => {
            adding.role = Some(text.trim().to_string());
            adding.problem = None;
            return Vec::new();
        }
    };
    match addition.clone().checked() {
        Ok(addition) => {
            let facility = state.dir.facilities[adding.facility].id.to_string();
            state.mode = Mode::Browse;
            vec![Effect::Add { facility, addition }]
        }
        Err(problem) => {
            // The text stays to be corrected, and so does the role.
            if let Addition::Contact { role, .. } = addition {
                adding.role = Some(role);
            }
            adding.text = text;
            adding.problem = Some(capitalised(&problem));
            Vec::new()
        }
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}
