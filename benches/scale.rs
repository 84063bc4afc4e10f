//! Criterion benchmarks at 30 (shipped), 10k, 100k and (opt-in) 1M
//! facilities: load + validate + index, one keystroke in the facilities
//! filter and in global search (`Index::rank`, as the TUI ranks: 1-, 3-,
//! 8-character, no-match and CJK queries, each from a cold start), typing
//! `c`…`cardiolo`, one 120×40
//! frame, and start-up to the first frame with the embedded data.
//!
//! `cargo bench --bench scale -- --warm-up-time 1 --measurement-time 3`;
//! sizes from `CAREGUIDE_BENCH_SIZES` (default `30,10000,100000`; add
//! `1000000` for a million, generated once under target/bench-data/).
//! Percentiles per keystroke, RSS and bytes: `examples/perf` (BENCHMARKS.md).

#[path = "support/dataset.rs"]
mod dataset;
#[path = "../examples/gen/synth.rs"]
mod synth;
#[path = "../examples/gen/tables.rs"]
mod tables;

use std::hint::black_box;
use std::sync::Arc;
use std::time::Duration;

use careguide::data::{self, DataSource};
use careguide::model::Directory;
use careguide::search::{Index, Scope, Searcher};
use careguide::tui::state::{AppState, ColorMode};
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const QUERIES: &[(&str, &str)] = &[
    ("1char", "c"),
    ("3char", "car"),
    ("8char", "cardiolo"),
    ("nomatch", "zzqqxxjj"),
    ("cjk", "口腔医院"),
];

fn sizes() -> Vec<usize> {
    std::env::var("CAREGUIDE_BENCH_SIZES")
        .unwrap_or_else(|_| "30,10000,100000".into())
        .split(',')
        .filter_map(|s| s.trim().replace('_', "").parse().ok())
        .collect()
}

fn directory(n: usize) -> Directory {
    if n <= 30 {
        let loaded = data::load(&DataSource::Embedded).expect("embedded data");
        return loaded.directory;
    }
    dataset::directory(&dataset::ensure(n))
}

fn label(n: usize) -> String {
    match n {
        0..=30 => "30".into(),
        n if n % 1_000_000 == 0 => format!("{}M", n / 1_000_000),
        n => format!("{}k", n / 1000),
    }
}

fn benches(c: &mut Criterion) {
    startup(c);
    for n in sizes() {
        let dir = Arc::new(directory(n));
        let n = label(n);
        load(c, &n);
        let mut group = c.benchmark_group(format!("index/{n}"));
        group.sample_size(10);
        group.bench_function("Index::new", |b| b.iter(|| Index::new(black_box(&dir))));
        group.finish();
        let index = Arc::new(Index::new(&dir));
        for (scope_name, scope) in [
            ("filter", Scope::Facilities { city: None }),
            ("global", Scope::Global { prefer: None }),
        ] {
            let mut group = c.benchmark_group(format!("keystroke/{n}/{scope_name}"));
            group.sample_size(10);
            for (name, query) in QUERIES {
                group.bench_function(*name, |b| {
                    // Forget the previous match set, so each key starts cold.
                    b.iter_batched(
                        || index.rank("\u{1}", &scope),
                        |_| index.rank(query, &scope),
                        BatchSize::PerIteration,
                    )
                });
            }
            group.bench_function("typing c..cardiolo", |b| {
                b.iter_batched(
                    || index.rank("\u{1}", &scope),
                    |_| {
                        let word = "cardiolo";
                        for end in 1..=word.len() {
                            black_box(index.rank(&word[..end], &scope));
                        }
                    },
                    BatchSize::PerIteration,
                )
            });
            group.finish();
        }
        // The frame as drawn once the index is ready.
        let search = Searcher::new(index);
        let state = AppState::with_search(Arc::clone(&dir), search, 120, 40, ColorMode::Color);
        let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
        c.bench_function(&format!("render/{n}/frame 120x40"), |b| {
            b.iter(|| {
                terminal
                    .draw(|f| careguide::ui::render(f, &state))
                    .expect("draw")
                    .area
            })
        });
    }
}

/// The whole `data::load` (read, parse, validate) plus the index, where it
/// is quick enough to repeat: the shipped data and 10k.
fn load(c: &mut Criterion, n: &str) {
    let source = match n {
        "30" => DataSource::Embedded,
        "10k" => DataSource::Dir(dataset::path(10_000)),
        _ => return,
    };
    let mut group = c.benchmark_group(format!("load/{n}"));
    group.sample_size(10);
    group.bench_function("load + validate + index", |b| {
        b.iter(|| {
            let loaded = data::load(&source).expect("loads");
            Index::new(&Arc::new(loaded.directory))
        })
    });
    group.finish();
}

/// Embedded data to the first frame, in-process (exec and terminal set-up
/// are measured by `scripts/bench-vs-fzf.sh` in a pty).
fn startup(c: &mut Criterion) {
    c.bench_function("startup/30/load + AppState::new + first frame", |b| {
        b.iter(|| {
            let loaded = data::load(&DataSource::Embedded).expect("embedded data");
            let state = AppState::new(loaded.directory, 120, 40, ColorMode::Color);
            let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
            terminal
                .draw(|f| careguide::ui::render(f, &state))
                .expect("draw")
                .area
        })
    });
}

criterion_group! {
    name = scale;
    config = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    targets = benches
}
criterion_main!(scale);
