//! `cargo run --release --example perf -- COMMAND`: the measurements behind
//! BENCHMARKS.md that criterion cannot take (percentiles per keystroke,
//! peak RSS, bytes on the wire, start-up, the fzf comparison).
//!
//! - `load DIR`: `data::load` (time, its peak RSS and the RSS it holds) and
//!   `Index::new`, then read / parse / validate one after the other.
//! - `keys DIR|embedded`: type words one character at a time (≥ 100
//!   keystrokes) in the facilities filter and global search; keystroke →
//!   frame ready and → complete results, median and p99, through the TUI's
//!   `update` and background work, then with every search inline.
//! - `bytes`: bytes written through the TUI's backend (`tui::wire`) per ↓
//!   in the list panes, per ↓ and ↑ that does not scroll global search
//!   (three queries), and per typed filter character, at 120×40
//!   (embedded data).
//! - `startup`: in-process `load + AppState::new + first frame` (embedded,
//!   `data::load_for_use`), cold and warm.
//! - `lines DIR`: the searchable text of every facility, one per line (fzf).
//! - `query DIR [--lines FILE] Q...`: median in-process `Index::query` time
//!   per query (facilities scope, cold), after writing the lines for fzf.
//! - `suite DIR [--lines FILE] [Q...]`: one load, then `index`, a frame,
//!   `keys`, and (with `--lines`) the fzf side: the lines and query times.
//! - `index DIR`: load, then `Index::new` three times with RSS.
//! - `loop DIR [Q] [global]`: one `rank` (the TUI's query) 200 times, for a
//!   profiler.
//! - `typing DIR [global]`: `rank` for `c`…`cardiolo` typed one character
//!   at a time (narrowing as in the TUI), 15 rounds; median per key.
//!
//! DIR is a data directory, `embedded`, or `bench:N` for the generated set
//! of N facilities under `target/bench-data/N` (generated on first use and
//! loaded file by file, see `benches/support/dataset.rs`).

mod bytes;
#[path = "../../benches/support/dataset.rs"]
mod dataset;
mod keys;
mod load;
mod stats;
#[path = "../gen/synth.rs"]
mod synth;
#[path = "../gen/tables.rs"]
mod tables;

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use careguide::data::{self, DataSource};
use careguide::model::Directory;
use careguide::search::{Index, Scope};

pub fn source(arg: Option<&str>) -> DataSource {
    match arg {
        None | Some("embedded") => DataSource::Embedded,
        Some(dir) => DataSource::Dir(PathBuf::from(dir)),
    }
}

/// Loads a data source that must be clean.
pub fn directory(source: &DataSource) -> Directory {
    if let DataSource::Dir(dir) = source
        && let Some(n) = dir.to_str().and_then(|d| d.strip_prefix("bench:"))
    {
        let n = n.replace('_', "").parse().expect("bench:N");
        return dataset::directory(&dataset::ensure(n));
    }
    let loaded = data::load(source).expect("data loads");
    assert!(!loaded.has_errors(), "{}", loaded.render_diagnostics());
    loaded.directory
}

/// Peak resident set size so far, in MiB (`VmHWM`).
pub fn peak_rss_mib() -> f64 {
    status_mib("VmHWM:")
}

/// Resident set size now, in MiB (`VmRSS`).
pub fn current_rss_mib() -> f64 {
    status_mib("VmRSS:")
}

fn status_mib(key: &str) -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix(key))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

fn suite(source: &DataSource, rest: &[String]) {
    let t = std::time::Instant::now();
    let dir = directory(source);
    println!(
        "== {} facilities loaded in {:.1} s; peak RSS {:.0} MiB",
        dir.facilities.len(),
        t.elapsed().as_secs_f64(),
        peak_rss_mib()
    );
    let (lines, queries) = match rest {
        [flag, file, queries @ ..] if flag == "--lines" => (Some(file.as_str()), queries),
        queries => (None, queries),
    };
    let dir = Arc::new(dir);
    if let Some(file) = lines {
        load::write_lines(&dir, file);
        load::time_queries(&dir, queries);
    }
    load::index_of(&dir);
    keys::keys_of(Arc::unwrap_or_clone(dir));
}

/// The index of data source `dir`, and the scope `global` names (global
/// search), or else the facilities of every city.
fn indexed(dir: Option<&str>, scope: Option<&str>) -> (Index, Scope) {
    let index = Index::new(&Arc::new(directory(&source(dir))));
    let scope = match scope {
        Some("global") => Scope::Global { prefer: None },
        _ => Scope::Facilities { city: None },
    };
    (index, scope)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let arg = |i: usize| args.get(i).map(String::as_str);
    match arg(0) {
        Some("load") => load::load(&source(arg(1))),
        Some("lines") => load::lines(&source(arg(1))),
        Some("query") => match &args[2.min(args.len())..] {
            [flag, file, queries @ ..] if flag == "--lines" => {
                let dir = Arc::new(directory(&source(arg(1))));
                load::write_lines(&dir, file);
                load::time_queries(&dir, queries);
            }
            queries => load::query(&source(arg(1)), queries),
        },
        Some("keys") => keys::keys(&source(arg(1))),
        Some("bytes") => bytes::bytes(),
        Some("startup") => load::startup(),
        Some("index") => load::index(&source(arg(1))),
        Some("loop") => {
            // For a profiler: one query over and over.
            let (index, scope) = indexed(arg(1), arg(3));
            for _ in 0..200 {
                index.rank("\u{1}", &scope);
                std::hint::black_box(index.rank(arg(2).unwrap_or("c"), &scope));
            }
        }
        Some("typing") => {
            let (index, scope) = indexed(arg(1), arg(2));
            keys::rank_typing(&index, &scope);
        }
        Some("suite") => suite(&source(arg(1)), &args[2.min(args.len())..]),
        _ => {
            eprintln!("usage: perf load|lines|query|keys DIR, perf bytes, perf startup");
            return ExitCode::from(2);
        }
    }
    ExitCode::SUCCESS
}
