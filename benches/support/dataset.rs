//! Benchmark data sets: `ensure(n)` generates n synthetic facilities once
//! into `target/bench-data/<n>/` (never committed), and `directory(path)`
//! loads one as the app does. Needs `mod synth; mod tables;` at the crate
//! root.

use std::path::{Path, PathBuf};

use careguide::data::{self, DataSource};
use careguide::model::Directory;

/// `target/bench-data/<n>`.
pub fn path(n: usize) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("target/bench-data")
        .join(n.to_string())
}

/// Generates the data set of `n` facilities unless it is there already.
pub fn ensure(n: usize) -> PathBuf {
    let dir = path(n);
    let done = dir.join(".complete");
    if !done.exists() {
        let _ = std::fs::remove_dir_all(&dir);
        let options = crate::synth::Options {
            facilities: n,
            seed: 1,
            compact: false,
        };
        crate::synth::generate(&dir, &options).expect("generate bench data");
        std::fs::write(&done, "").expect("marker");
    }
    dir
}

/// Loads a generated directory, as the app does.
pub fn directory(dir: &Path) -> Directory {
    let loaded = data::load(&DataSource::Dir(dir.to_path_buf())).expect("readable");
    if let Some(d) = loaded.diagnostics.iter().find(|d| d.is_error()) {
        panic!("{}:{}: {}", d.path, d.line, d.message);
    }
    loaded.directory
}
