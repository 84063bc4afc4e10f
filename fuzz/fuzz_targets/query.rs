//! Fuzz target: the query parser and ranking (`Index::query`) on arbitrary
//! strings over the shipped data, in every scope, and the TUI's two ways of
//! showing the result drawn into a test terminal (`replay/query.rs`).
//! Nothing may panic.
#![no_main]

#[path = "../replay/query.rs"]
mod replay;

use std::cell::RefCell;

use careguide::tui::state::AppState;
use libfuzzer_sys::fuzz_target;

thread_local! {
    static STATE: RefCell<AppState> = RefCell::new(replay::state());
}

fuzz_target!(|bytes: &[u8]| {
    let Ok(query) = std::str::from_utf8(bytes) else {
        return;
    };
    STATE.with(|state| replay::run(&mut state.borrow_mut(), query));
});
