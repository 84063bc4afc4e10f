//! One query through everything that parses, ranks and draws it: the
//! search index in every scope, then the TUI's two ways of showing the
//! result (a pane filter and the global search), pasted through `update`
//! and drawn into a test terminal, where highlights index into names.
//! Shared by the `query` fuzz target and `tests/fuzz_regressions.rs` (both
//! include this file), so a replayed input runs exactly what the fuzzer
//! ran, and the target's code is built by the ordinary tests.

use careguide::data::{self, DataSource};
use careguide::search::Scope;
use careguide::tui::action::Action;
use careguide::tui::state::{AppState, ColorMode};
use careguide::tui::update::update;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// The TUI on the shipped data, which is searched at once (it is small).
pub fn state() -> AppState {
    let loaded = data::load(&DataSource::Embedded).expect("embedded data loads");
    AppState::new(loaded.directory, 100, 30, ColorMode::Color)
}

fn draw(state: &AppState) {
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).expect("test terminal");
    terminal
        .draw(|frame| careguide::ui::render(frame, state))
        .expect("draw");
}

fn act(state: &mut AppState, actions: Vec<Action>) {
    for action in actions {
        update(state, action);
    }
}

/// Runs `query` everywhere, and leaves `state` as it found it.
pub fn run(state: &mut AppState, query: &str) {
    let index = state.search.index().clone();
    let facilities = state.dir.facilities.len();
    let cities = state.dir.cities.len();
    for scope in [
        Scope::Global { prefer: None },
        Scope::Cities,
        Scope::Facilities { city: None },
        Scope::Facilities {
            city: Some(cities.saturating_sub(1)),
        },
        Scope::Specialties {
            facility: facilities / 2,
        },
    ] {
        let _ = index.query(query, &scope);
    }
    // A pane filter, as pasted after `/` in the hospitals pane.
    let paste = || Action::Paste(query.to_string());
    act(state, vec![Action::NextPane, Action::Filter, paste()]);
    draw(state);
    act(state, vec![Action::Back, Action::Back, Action::PrevPane]);
    // The global search (Ctrl-p), ranked as the TUI ranks it.
    act(state, vec![Action::GlobalSearch, paste()]);
    draw(state);
    act(state, vec![Action::Back]);
}
