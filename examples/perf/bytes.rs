//! Bytes on the wire: a counting writer behind the TUI's own backend
//! (`tui::wire::Wire`, ratatui's `CrosstermBackend` inside), consecutive
//! frames through ratatui's `Terminal` (so only the diff is written), each
//! wrapped in synchronized output as the TUI's loop does.

use std::cell::Cell;
use std::io::{self, Write};
use std::rc::Rc;

use careguide::data::DataSource;
use careguide::tui::action::Action;
use careguide::tui::state::{AppState, ColorMode, Mode, Pane};
use careguide::tui::update::update;
use careguide::tui::wire;
use crossterm::terminal::{BeginSynchronizedUpdate, EndSynchronizedUpdate};
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};

#[derive(Clone, Default)]
struct Counter(Rc<Cell<usize>>);

impl Write for Counter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.set(self.0.get() + buf.len());
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

struct Link {
    count: Counter,
    terminal: Terminal<wire::Wire<Counter>>,
}

impl Link {
    fn new() -> Link {
        let count = Counter::default();
        let backend = wire::Wire::new(count.clone());
        let viewport = Viewport::Fixed(Rect::new(0, 0, 120, 40));
        let terminal =
            Terminal::with_options(backend, TerminalOptions { viewport }).expect("terminal");
        Link { count, terminal }
    }

    /// Bytes one frame writes.
    fn frame(&mut self, state: &AppState) -> usize {
        let before = self.count.0.get();
        let mut out = self.count.clone();
        let _ = crossterm::execute!(out, BeginSynchronizedUpdate);
        self.terminal
            .draw(|f| careguide::ui::render(f, state))
            .expect("draw");
        let _ = crossterm::execute!(out, EndSynchronizedUpdate);
        self.count.0.get() - before
    }
}

fn median(mut v: Vec<usize>) -> usize {
    v.sort_unstable();
    v.get(v.len() / 2).copied().unwrap_or(0)
}

fn report(label: &str, v: Vec<usize>) {
    let max = v.iter().copied().max().unwrap_or(0);
    println!(
        "{label:<58} median {:>5} B  max {:>5} B  ({} steps)",
        median(v.clone()),
        max,
        v.len()
    );
}

pub fn bytes() {
    let dir = crate::directory(&DataSource::Embedded);
    let mut state = AppState::new(dir, 120, 40, ColorMode::Color);
    let mut wire = Link::new();
    println!("first frame: {} B", wire.frame(&state));
    // Facilities pane, All cities: ↓ changes the highlight and the card.
    state.focus = Pane::Facilities;
    wire.frame(&state);
    let mut card = Vec::new();
    for _ in 0..20 {
        update(&mut state, Action::Down);
        card.push(wire.frame(&state));
    }
    report("↓ in the hospitals pane (the card changes)", card);
    // Specialties pane of the facility with the most: the highlight moves
    // and the card's specialty section follows it.
    let most = (0..state.dir.facilities.len())
        .max_by_key(|&f| state.dir.facilities[f].specialties.len())
        .unwrap_or(0);
    careguide::tui::update::jump(&mut state, careguide::search::Target::Facility(most));
    state.focus = Pane::Specialties;
    update(&mut state, Action::Top);
    wire.frame(&state);
    let mut highlight = Vec::new();
    for _ in 1..state.specialties.rows.len() {
        update(&mut state, Action::Down);
        highlight.push(wire.frame(&state));
    }
    report(
        "↓ in the specialties pane (the card's section follows)",
        highlight,
    );
    // Global search results: only the highlight moves. Down through every
    // hit of three queries and back up, counting the moves that do not
    // scroll the list.
    let shown = |state: &AppState| match &state.mode {
        Mode::Global(search) => (search.hits.len(), search.cursor.offset),
        _ => (0, 0),
    };
    let mut global = Vec::new();
    for query in ["hospital", "beijing", "hohhot"] {
        update(&mut state, Action::GlobalSearch);
        for c in query.chars() {
            update(&mut state, Action::Input(c));
        }
        wire.frame(&state);
        for action in [Action::Down, Action::Up] {
            for _ in 1..shown(&state).0 {
                let offset = shown(&state).1;
                update(&mut state, action.clone());
                let bytes = wire.frame(&state);
                if shown(&state).1 == offset {
                    global.push(bytes);
                }
            }
        }
        update(&mut state, Action::Back);
    }
    report(
        "↓ and ↑ in global search results (only the highlight moves)",
        global,
    );
    // The facilities filter gains one character at a time.
    state.focus = Pane::Facilities;
    update(&mut state, Action::Top);
    update(&mut state, Action::Filter);
    wire.frame(&state);
    let mut typed = Vec::new();
    for c in "cardiolo".chars() {
        update(&mut state, Action::Input(c));
        typed.push(wire.frame(&state));
    }
    println!("typed filter chars c a r d i o l o: {typed:?} B");
    report("filter gains one character", typed);
}
