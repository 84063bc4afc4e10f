//! Fuzz target: the query parser and ranking (`Index::query`) on arbitrary
//! strings over the shipped data, in every scope, and the TUI's two ways of
//! showing the result (a pane filter and the global search) drawn into a
//! test terminal, where highlights index into names. Nothing may panic.
#![no_main]

use std::cell::RefCell;

use careguide::data::{self, DataSource};
use careguide::search::Scope;
use careguide::tui::state::{AppState, ColorMode, FilterState, GlobalSearch, Mode, Pane};
use libfuzzer_sys::fuzz_target;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

thread_local! {
    static STATE: RefCell<AppState> = RefCell::new({
        let loaded = data::load(&DataSource::Embedded).expect("embedded data loads");
        AppState::new(loaded.directory, 100, 30, ColorMode::Color)
    });
}

fn draw(state: &AppState) {
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).expect("test terminal");
    terminal
        .draw(|frame| careguide::ui::render(frame, state))
        .expect("draw");
}

fuzz_target!(|bytes: &[u8]| {
    let Ok(query) = std::str::from_utf8(bytes) else {
        return;
    };
    STATE.with(|state| {
        let mut state = state.borrow_mut();
        let index = state
            .index
            .clone()
            .expect("the shipped data is indexed at once");
        let facilities = state.dir.facilities.len();
        let cities = state.dir.cities.len();
        for scope in [
            Scope::Global,
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
        draw(&state);
        // The global search (Ctrl-p), ranked as the TUI ranks it.
        let mut search = GlobalSearch::new();
        search.query = query.to_string();
        state.mode = Mode::Global(search);
        state.refresh_global();
        draw(&state);
        state.mode = Mode::Browse;
        state.facilities.query.clear();
        state.facilities.filter = FilterState::Off;
        state.refresh_pane(Pane::Facilities);
    });
});
