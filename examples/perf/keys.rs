//! Keystroke latency through the TUI's own code, typing words one character
//! at a time: `update(Action::Input)` (whose search the directory's
//! `Searcher` answers at once for a small scope and on its worker
//! otherwise) and one frame (frame ready); then, if the search ran on the
//! worker, the time until its answer is back, applied and drawn
//! (complete).
//!
//! `fast` types a key every 30 ms without waiting for answers, applying
//! what came between keys as the loop does: frame ready while searches run.
//! `inline` repeats the first run with every search on the UI thread (the
//! synchronous design, for comparison). Frames are 120×40, drawn into
//! ratatui's `TestBackend`.

use std::time::{Duration, Instant};

use std::sync::Arc;

use careguide::data::DataSource;
use careguide::search::{Index, Searcher};
use careguide::tui::action::Action;
use careguide::tui::state::{AppState, ColorMode, Pane};
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

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
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
        let action = match self {
            Where::Filter => {
                state.focus = Pane::Facilities;
                Action::Filter
            }
            Where::Global => Action::GlobalSearch,
        };
        update(state, action);
    }

    fn close(self, state: &mut AppState) {
        update(state, Action::Back);
        settle(state);
    }
}

/// Feeds the searcher's answers back through `update`, as the loop does,
/// until it has nothing left to do.
fn settle(state: &mut AppState) {
    while state.search.busy() {
        match state.search.try_recv() {
            Some(answer) => {
                update(state, careguide::tui::action::Action::Searched(answer));
            }
            None => std::thread::sleep(Duration::from_micros(100)),
        }
    }
}

fn busy(state: &AppState) -> bool {
    match &state.mode {
        careguide::tui::state::Mode::Global(search) => search.searching(),
        _ => state.searching(Pane::Facilities),
    }
}

pub fn keys(source: &DataSource) {
    keys_of(crate::directory(source));
}

pub fn keys_of(dir: careguide::model::Directory) {
    let n = dir.facilities.len();
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    let t = Instant::now();
    let dir = Arc::new(dir);
    let index = Arc::new(Index::new(&dir));
    let built = t.elapsed();
    let mut state = AppState::with_search(
        Arc::clone(&dir),
        Searcher::new(Arc::clone(&index)),
        120,
        40,
        ColorMode::Color,
    );
    frame(&mut terminal, &state);
    println!(
        "{n} facilities: Index::new {:.0} ms, then AppState + first frame {:.1} ms",
        ms(built),
        ms(t.elapsed() - built)
    );
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
    for place in [Where::Filter, Where::Global] {
        typing(&mut state, &mut terminal, place, WORDS, "tui");
    }
    for place in [Where::Filter, Where::Global] {
        typing_fast(&mut state, &mut terminal, place);
    }
    // Every search inline, as the synchronous design did; at a million
    // only one word (it is slow).
    let words = if n >= 1_000_000 { &WORDS[..1] } else { WORDS };
    let search = Searcher::with_inline_records(index, usize::MAX);
    let mut state = AppState::with_search(dir, search, 120, 40, ColorMode::Color);
    for place in [Where::Filter, Where::Global] {
        typing(&mut state, &mut terminal, place, words, "inline");
    }
}

/// One typed character through `update` and the frame drawn: keystroke →
/// frame ready.
fn keystroke(state: &mut AppState, terminal: &mut Term, c: char) -> Duration {
    let t = Instant::now();
    update(state, Action::Input(c));
    frame(terminal, state);
    t.elapsed()
}

fn typing(state: &mut AppState, terminal: &mut Term, place: Where, words: &[&str], label: &str) {
    let (mut ready, mut complete, mut cardiolo) = (Vec::new(), Vec::new(), Vec::new());
    for word in words {
        place.open(state);
        for c in word.chars() {
            let t = Instant::now();
            ready.push(keystroke(state, terminal, c));
            if busy(state) {
                settle(state);
                frame(terminal, state);
            }
            complete.push(t.elapsed());
            if *word == "cardiolo" {
                cardiolo.push(t.elapsed());
            }
        }
        place.close(state);
    }
    println!(
        "{label:<6} {:<32} keystroke → frame ready:      {}",
        place.name(),
        Stats::new(&ready).line()
    );
    println!(
        "{label:<6} {:<32} keystroke → complete + frame: {}",
        place.name(),
        Stats::new(&complete).line()
    );
    println!(
        "       c…cardiolo per key, complete (ms): {}",
        per_key(&cardiolo)
    );
}

/// A fast typist: a key every `KEY_INTERVAL`, whether or not the previous
/// key's search has finished; between keys the loop applies whatever was
/// answered (and draws it), as `run` does. Keystroke → frame ready only.
fn typing_fast(state: &mut AppState, terminal: &mut Term, place: Where) {
    const KEY_INTERVAL: Duration = Duration::from_millis(30);
    let mut ready = Vec::new();
    for word in WORDS {
        place.open(state);
        for c in word.chars() {
            let t = Instant::now();
            ready.push(keystroke(state, terminal, c));
            while t.elapsed() < KEY_INTERVAL {
                match state.search.try_recv() {
                    Some(answer) => {
                        update(state, Action::Searched(answer));
                        frame(terminal, state);
                    }
                    None => std::thread::sleep(Duration::from_millis(1)),
                }
            }
        }
        settle(state);
        place.close(state);
    }
    println!(
        "fast   {:<32} keystroke → frame ready:      {}",
        place.name(),
        Stats::new(&ready).line()
    );
}

fn per_key(samples: &[Duration]) -> String {
    let v: Vec<String> = samples.iter().map(|d| format!("{:.1}", ms(*d))).collect();
    v.join(" / ")
}

/// `Index::rank` alone for `c`…`cardiolo`, each key after the one before
/// (so narrowing works as in the TUI), `ROUNDS` rounds (15 unless set): the
/// first round and the median per key.
pub fn rank_typing(index: &careguide::search::Index, scope: &careguide::search::Scope) {
    let word = WORDS[0];
    let mut samples: Vec<Vec<Duration>> = vec![Vec::new(); word.len()];
    let rounds = std::env::var("ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(15);
    for round in 0..rounds {
        index.rank("\u{1}", scope);
        for (k, sample) in samples.iter_mut().enumerate() {
            let t = Instant::now();
            std::hint::black_box(index.rank(&word[..=k], scope));
            sample.push(t.elapsed());
        }
        if round == 0 {
            let first: Vec<Duration> = samples.iter().map(|s| s[0]).collect();
            println!(
                "rank, {word} per key, first round (ms): {}",
                per_key(&first)
            );
        }
    }
    let medians: Vec<Duration> = samples
        .iter()
        .map(|s| Duration::from_secs_f64(Stats::new(s).pct(50.0) / 1e3))
        .collect();
    println!(
        "rank, {word} per key, median of {rounds} (ms): {}",
        per_key(&medians)
    );
}
