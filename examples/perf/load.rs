//! Load phases, peak RSS, start-up in-process, and the fzf comparison's
//! two halves: the records' searchable text as lines, and timed queries.

use std::sync::Arc;
use std::time::{Duration, Instant};

use careguide::data::{self, DataSource, load as files};
use careguide::search::{Index, Scope};
use careguide::tui::state::{AppState, ColorMode};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use crate::stats::Stats;

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

pub fn load(source: &DataSource) {
    // The whole `data::load` as the binary calls it, first, so that the
    // peak RSS is its own.
    let cpu = cpu_ms();
    let t = Instant::now();
    let loaded = data::load(source).expect("loads");
    let whole = t.elapsed();
    let cpu = cpu_ms() - cpu;
    let after_load = crate::peak_rss_mib();
    let held = crate::current_rss_mib();
    let t = Instant::now();
    let dir = Arc::new(loaded.directory);
    let index = Index::new(&dir);
    let build = t.elapsed();
    println!(
        "data::load {:.0} ms (CPU {cpu:.0} ms on all threads; peak RSS {after_load:.1} MiB, {held:.1} MiB held after it) + Index::new {:.0} ms = {:.0} ms; peak RSS {:.1} MiB ({:.1} MB)",
        ms(whole),
        ms(build),
        ms(whole + build),
        crate::peak_rss_mib(),
        crate::peak_rss_mib() * 1.048_576
    );
    drop((index, dir));
    // The phases one after the other, on one thread, every file at once.
    let t = Instant::now();
    let set = files::read_files(source).expect("readable");
    let read = t.elapsed();
    let bytes: usize = set.files.iter().map(|f| f.text.len()).sum();
    let t = Instant::now();
    let parsed: Vec<_> = set
        .files
        .into_iter()
        .map(|f| files::parse(f).expect("parses"))
        .collect();
    let parse = t.elapsed();
    let t = Instant::now();
    let (dir, diagnostics) = data::validate(parsed);
    let check = t.elapsed();
    assert!(diagnostics.iter().all(|d| !d.is_error()), "clean data");
    println!(
        "phases: {} facilities, {:.1} MB of RON: read {:.0} ms, parse {:.0} ms, validate {:.0} ms",
        dir.facilities.len(),
        bytes as f64 / 1e6,
        ms(read),
        ms(parse),
        ms(check),
    );
}

/// CPU time of the whole process so far (user and system, every thread),
/// in ms: what the load costs whatever else runs on the machine.
fn cpu_ms() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // The fields after the command name, which is in parentheses.
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .map_or(Vec::new(), |(_, rest)| rest.split_whitespace().collect());
    let ticks = |i: usize| fields.get(i).and_then(|v| v.parse::<f64>().ok());
    // utime and stime are fields 14 and 15, in clock ticks of 10 ms.
    match (ticks(11), ticks(12)) {
        (Some(user), Some(system)) => (user + system) * 10.0,
        _ => f64::NAN,
    }
}

/// The fast file-by-file load of a data set, then the index build, with
/// peak RSS after each.
pub fn index(source: &DataSource) {
    let t = Instant::now();
    let dir = Arc::new(crate::directory(source));
    println!(
        "{} facilities: load (file by file) {:.0} ms, peak RSS {:.0} MiB",
        dir.facilities.len(),
        ms(t.elapsed()),
        crate::peak_rss_mib()
    );
    index_of(&dir);
}

/// Builds the index three times (median) and reports RSS around it.
pub fn index_of(dir: &Arc<careguide::model::Directory>) {
    let before = crate::current_rss_mib();
    let mut samples = Vec::new();
    let mut index = None;
    let mut with_index = 0.0;
    for _ in 0..3 {
        drop(index.take());
        let t = Instant::now();
        index = Some(Index::new(dir));
        samples.push(t.elapsed());
        if samples.len() == 1 {
            with_index = crate::current_rss_mib();
        }
    }
    println!(
        "Index::new: {}; RSS {before:.0} MiB before, {with_index:.0} MiB with the first index (+{:.0}); peak {:.0} MiB",
        Stats::new(&samples).line(),
        with_index - before,
        crate::peak_rss_mib()
    );
}

/// What fzf gets: a facility's name, 汉字 name, city, and specialties.
pub fn lines(source: &DataSource) {
    let dir = crate::directory(source);
    print_lines(&dir, std::io::stdout().lock());
}

pub fn write_lines(dir: &careguide::model::Directory, file: &str) {
    print_lines(dir, std::fs::File::create(file).expect("lines file"));
}

fn print_lines(dir: &careguide::model::Directory, out: impl std::io::Write) {
    use std::io::Write;
    let mut out = std::io::BufWriter::new(out);
    for f in &dir.facilities {
        let city = dir.city_of(f);
        let specialties: Vec<&str> = f
            .specialties
            .iter()
            .map(|s| dir.specialties[s.index].name.as_str())
            .collect();
        let _ = writeln!(
            out,
            "{} · {} · {} {} · {}",
            f.name,
            f.name_zh.as_deref().unwrap_or(""),
            city.name,
            city.name_zh.as_deref().unwrap_or(""),
            specialties.join(", ")
        );
    }
}

/// Median in-process time of `Index::query` (facilities scope, no
/// narrowing: each run starts from a different query) per query, in ms.
pub fn query(source: &DataSource, queries: &[String]) {
    let dir = Arc::new(crate::directory(source));
    time_queries(&dir, queries);
}

pub fn time_queries(dir: &Arc<careguide::model::Directory>, queries: &[String]) {
    let index = Index::new(dir);
    let scope = Scope::Facilities { city: None };
    for q in queries {
        let mut samples = Vec::new();
        let mut hits = 0;
        for _ in 0..7 {
            index.query("\u{1}", &scope); // forget the narrowing set
            let t = Instant::now();
            hits = index.query(q, &scope).len();
            samples.push(t.elapsed());
        }
        let mut ranked = Vec::new();
        for _ in 0..7 {
            index.query("\u{1}", &scope);
            let t = Instant::now();
            std::hint::black_box(index.rank(q, &scope));
            ranked.push(t.elapsed());
        }
        println!(
            "query\t{q}\t{:.3}\t{hits}\t{:.3}",
            Stats::new(&samples).pct(50.0),
            Stats::new(&ranked).pct(50.0)
        );
    }
}

/// Embedded data: load + `AppState::new` + first frame, in-process, the
/// way the TUI starts (`data::load_for_use`).
pub fn startup() {
    let sources = data::Sources::shipped(DataSource::Embedded);
    let first_frame = || {
        let t = Instant::now();
        let loaded = data::load_for_use(&sources).expect("embedded data loads");
        let state = AppState::new(loaded.directory, 120, 40, ColorMode::Color);
        let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
        terminal
            .draw(|f| careguide::ui::render(f, &state))
            .expect("draw");
        t.elapsed()
    };
    // The first run pays every one-time set-up, as a fresh process does.
    println!(
        "first load + AppState::new + first frame (embedded, cold): {:.1} ms",
        ms(first_frame())
    );
    let samples: Vec<Duration> = (0..50).map(|_| first_frame()).collect();
    println!(
        "load + AppState::new + first frame (embedded, in-process): {}",
        Stats::new(&samples).line()
    );
    // What the full check (`careguide check`) pays once for libphonenumber.
    let t = Instant::now();
    let first = careguide::data::phone::PhoneRule::new().check("+86 10 5985 0333");
    println!(
        "first parse_phone (one-time phone metadata set-up, not paid at start-up): {:.1} ms ({})",
        ms(t.elapsed()),
        first.is_ok()
    );
}
