//! Fuzz target: the loader on arbitrary bytes as one data file.
//!
//! The bytes go through the steps a file from a `--data` directory goes
//! through (`decode`, `parse`, `validate`), once in each role: a city file
//! (beside the shipped `specialties.ron` it refers to), `specialties.ron`
//! and `emergency.ron`; a city that survives is drawn in the TUI. Nothing
//! may panic, and the result must keep the text policy: every string in the
//! model is sanitised (ids excepted: they are checked, not displayed), and
//! every diagnostic renders without control characters.
#![no_main]

#[path = "../replay/load.rs"]
mod replay;

use careguide::data::load::FileRole;
use careguide::search::Scope;
use careguide::tui::state::{AppState, ColorMode};
use libfuzzer_sys::fuzz_target;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use replay::{Outcome, load_one};

fn run(bytes: &[u8], role: FileRole) {
    let outcome = load_one(bytes, role);
    replay::assert_diagnostics_clean(&outcome);
    let Outcome::Loaded { directory, .. } = outcome else {
        return;
    };
    replay::assert_model_sanitised(&directory);
    if !directory.cities.is_empty() {
        // The TUI on what survived: the index, the first frame, a search.
        let state = AppState::new(directory, 80, 24, ColorMode::Color);
        let _ = state.search.index().query("a", &Scope::Global { prefer: None });
        let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("test terminal");
        terminal
            .draw(|frame| careguide::ui::render(frame, &state))
            .expect("draw");
    }
}

fuzz_target!(
    init: {
        // The phone metadata loads on first use, which takes seconds under
        // ASan; load it once here so no input is reported as slow for it.
        let loaded = careguide::data::load(&careguide::data::DataSource::Embedded);
        assert!(loaded.is_ok_and(|l| !l.has_errors()), "the shipped data is clean");
    },
    |bytes: &[u8]| {
        let city = FileRole::City {
            stem: "x".to_string(),
        };
        run(bytes, city);
        run(bytes, FileRole::Specialties);
        run(bytes, FileRole::Emergency);
    }
);
