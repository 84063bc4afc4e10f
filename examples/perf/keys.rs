//! Keystroke latency, typing words one character at a time:
//! - synchronous: `update(Action::Input)` (which queries) + one frame, as the
//!   TUI's loop does today; frame ready = complete results;
//! - rank: `Index::rank` orders everything and only the 40 rows on screen
//!   are decorated with `Index::hit`, then one frame;
//! - background: the keystroke only submits to a `Searcher` and the frame is
//!   drawn with the rows it has (frame ready); the results then arrive and a
//!   second frame shows them (complete).
//!
//! Frames are drawn at 120×40 into ratatui's `TestBackend`.

use std::sync::Arc;
use std::time::{Duration, Instant};

use careguide::data::DataSource;
use careguide::search::{Hit, Index, Scope, Searcher, Target};
use careguide::tui::action::Action;
use careguide::tui::state::{AppState, ColorMode, Mode, Pane, Row, RowTarget};
use careguide::tui::update::update;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use crate::stats::Stats;

/// ≥ 100 keystrokes: English, pinyin, 汉字, selective and no-match words.
const WORDS: &[&str] = &[
    "cardiolo",
    "hohhot",
    "peoples",
    "dental",
    "口腔医院",
    "zzqqxxjj",
    "huhehaote",
    "xincheng",
    "switchboard",
    "tcm",
    "children",
    "妇幼保健",
    "maternal",
    "beijing",
    "rehab",
    "kqyy",
];

type Term = Terminal<TestBackend>;

fn frame(terminal: &mut Term, state: &AppState) {
    terminal
        .draw(|f| careguide::ui::render(f, state))
        .expect("draw");
}

#[derive(Clone, Copy, PartialEq)]
enum Where {
    Filter,
    Global,
}

impl Where {
    fn name(self) -> &'static str {
        match self {
            Where::Filter => "facilities filter (All cities)",
            Where::Global => "global search",
        }
    }

    /// Opens the filter or the search box, untimed.
    fn open(self, state: &mut AppState) {
        match self {
            Where::Filter => {
                state.focus = Pane::Facilities;
                update(state, Action::Filter);
            }
            Where::Global => {
                update(state, Action::GlobalSearch);
            }
        }
    }

    fn close(self, state: &mut AppState) {
        update(state, Action::Back);
    }
}

pub fn keys(source: &DataSource) {
    keys_of(crate::directory(source));
}

pub fn keys_of(dir: careguide::model::Directory) {
    let n = dir.facilities.len();
    let t = Instant::now();
    let mut state = AppState::new(dir, 120, 40, ColorMode::Color);
    println!(
        "{n} facilities; AppState::new {:.0} ms",
        t.elapsed().as_secs_f64() * 1e3
    );
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    let mut frames = Vec::new();
    for _ in 0..50 {
        let t = Instant::now();
        frame(&mut terminal, &state);
        frames.push(t.elapsed());
    }
    println!(
        "one 120×40 frame (TestBackend): {}",
        Stats::new(&frames).line()
    );
    // Today's synchronous path; at a million only one word (it is slow).
    let words = if n >= 1_000_000 { &WORDS[..1] } else { WORDS };
    for place in [Where::Filter, Where::Global] {
        synchronous(&mut state, &mut terminal, place, words);
    }
    let index = Arc::new(Index::new(&state.dir));
    for place in [Where::Filter, Where::Global] {
        ranked(&mut state, &mut terminal, &index, place);
    }
    let searcher = Searcher::new(Arc::clone(&index)).expect("thread");
    for place in [Where::Filter, Where::Global] {
        background(&mut state, &mut terminal, &searcher, place);
    }
}

/// The design BENCHMARKS.md recommends: `Index::rank` orders everything
/// (scores only), and only the rows on screen get highlights (`Index::hit`).
fn ranked(state: &mut AppState, terminal: &mut Term, index: &Index, place: Where) {
    let (mut all, mut cardiolo) = (Vec::new(), Vec::new());
    let scope = match place {
        Where::Filter => Scope::Facilities { city: None },
        Where::Global => Scope::Global,
    };
    for word in WORDS {
        place.open(state);
        let mut query = String::new();
        for c in word.chars() {
            let t = Instant::now();
            query.push(c);
            let ranking = index.rank(&query, &scope);
            let visible: Vec<Hit> = ranking
                .iter()
                .take(40)
                .filter_map(|(target, _)| index.hit(&query, *target))
                .collect();
            match &mut state.mode {
                Mode::Global(search) => {
                    search.query = query.clone();
                    search.hits = visible;
                }
                _ => {
                    state.facilities.query = query.clone();
                    state.facilities.set_rows(rows(visible), None);
                }
            }
            std::hint::black_box(ranking.len());
            frame(terminal, state);
            all.push(t.elapsed());
            if *word == "cardiolo" {
                cardiolo.push(t.elapsed());
            }
        }
        state.facilities.query.clear();
        place.close(state);
    }
    println!(
        "rank  {:<32} keystroke → complete + frame:   {}",
        place.name(),
        Stats::new(&all).line()
    );
    println!("      c…cardiolo per key (ms): {}", per_key(&cardiolo));
}

fn synchronous(state: &mut AppState, terminal: &mut Term, place: Where, words: &[&str]) {
    let mut all = Vec::new();
    let mut cardiolo = Vec::new();
    for word in words {
        place.open(state);
        for c in word.chars() {
            let t = Instant::now();
            update(state, Action::Input(c));
            frame(terminal, state);
            all.push(t.elapsed());
            if *word == "cardiolo" {
                cardiolo.push(t.elapsed());
            }
        }
        place.close(state);
    }
    println!(
        "sync  {:<32} keystroke → frame (= complete): {}",
        place.name(),
        Stats::new(&all).line()
    );
    println!("      c…cardiolo per key (ms): {}", per_key(&cardiolo));
}

fn per_key(samples: &[Duration]) -> String {
    let v: Vec<String> = samples
        .iter()
        .map(|d| format!("{:.1}", d.as_secs_f64() * 1e3))
        .collect();
    v.join(" / ")
}

fn rows(hits: Vec<Hit>) -> Vec<Row> {
    hits.into_iter()
        .filter_map(|h| {
            let target = match h.target {
                Target::Facility(i) => RowTarget::Facility(i),
                _ => return None,
            };
            Some(Row {
                target,
                highlights: h.highlights,
                via: h.via,
            })
        })
        .collect()
}

/// What the TUI would do with a `Searcher`: the key edits the query and
/// submits it; the frame shows the rows it has; results replace them.
fn background(state: &mut AppState, terminal: &mut Term, searcher: &Searcher, place: Where) {
    let (mut ready, mut complete, mut cardiolo) = (Vec::new(), Vec::new(), Vec::new());
    let scope = match place {
        Where::Filter => Scope::Facilities { city: None },
        Where::Global => Scope::Global,
    };
    for word in WORDS {
        place.open(state);
        let mut query = String::new();
        for c in word.chars() {
            let t = Instant::now();
            query.push(c);
            searcher.submit(&query, scope.clone());
            match &mut state.mode {
                Mode::Global(search) => search.query = query.clone(),
                _ => state.facilities.query = query.clone(),
            }
            frame(terminal, state);
            ready.push(t.elapsed());
            let result = searcher
                .recv_timeout(Duration::from_secs(60))
                .expect("results");
            match &mut state.mode {
                Mode::Global(search) => {
                    search.hits = result.hits;
                    search.selected = 0;
                }
                _ => {
                    let rows = rows(result.hits);
                    state.facilities.set_rows(rows, None);
                }
            }
            frame(terminal, state);
            complete.push(t.elapsed());
            if *word == "cardiolo" {
                cardiolo.push(t.elapsed());
            }
        }
        state.facilities.query.clear();
        place.close(state);
    }
    println!(
        "bg    {:<32} keystroke → frame ready:        {}",
        place.name(),
        Stats::new(&ready).line()
    );
    println!(
        "bg    {:<32} keystroke → complete + frame:   {}",
        place.name(),
        Stats::new(&complete).line()
    );
    println!("      c…cardiolo per key (ms): {}", per_key(&cardiolo));
}
