//! One query through everything that parses, ranks and draws it: the
//! search index in every scope, then the TUI's two ways of showing the
//! result (a pane filter and the global search) drawn into a test terminal,
//! where highlights index into names. Shared by the `query` fuzz target and
//! `tests/fuzz_regressions.rs` (both include this file), so a replayed
//! input runs exactly what the fuzzer ran, and the target's code is built
//! by the ordinary tests.

use careguide::data::{self, DataSource};
use careguide::search::Scope;
use careguide::tui::state::{AppState, ColorMode, FilterState, GlobalSearch, Mode, Pane};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// The TUI on the shipped data, indexed, as each query finds it.
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

/// Runs `query` everywhere, and leaves `state` as it found it.
pub fn run(state: &mut AppState, query: &str) {
    let index = state
        .index
        .clone()
        .expect("the shipped data is indexed at once");
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
    // A pane filter, as typed after `/` in the hospitals pane.
    state.mode = Mode::Browse;
    state.focus = Pane::Facilities;
    state.facilities.query = query.to_string();
    state.facilities.filter = FilterState::Editing;
    state.refresh_pane(Pane::Facilities);
    draw(state);
    // The global search (Ctrl-p), ranked as the TUI ranks it.
    let mut search = GlobalSearch::new();
    search.query = query.to_string();
    state.mode = Mode::Global(search);
    state.refresh_global();
    draw(state);
    state.mode = Mode::Browse;
    state.facilities.query.clear();
    state.facilities.filter = FilterState::Off;
    state.refresh_pane(Pane::Facilities);
}
