//! Benchmark data sets: `ensure(n)` generates n synthetic facilities once
//! into `target/bench-data/<n>/` (never committed), and `directory(path)`
//! loads one the fast way for benchmarks that need a million facilities:
//! each city file is parsed and validated on its own (two threads) and the
//! results merged, so peak memory is the directory plus one file instead
//! of every file's text and parse at once (about 22 KB per facility with
//! the outlines the loader built then, see BENCHMARKS.md). Cross-file checks (duplicate ids and numbers) are
//! skipped; `data::load` and `tests/generator.rs` cover them.
//! Needs `mod synth; mod tables;` at the crate root.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use careguide::data::load::{self as files, DataSource, FileRole, ParsedFile};
use careguide::data::validate;
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

fn parse(file: files::SourceFile) -> ParsedFile {
    files::parse(file).expect("bench data parses")
}

/// Loads a generated directory file by file and merges the results.
pub fn directory(dir: &Path) -> Directory {
    let set = files::read_files(&DataSource::Dir(dir.to_path_buf())).expect("readable");
    let mut cities = Vec::new();
    let mut base = Vec::new();
    for file in set.files {
        match file.role {
            FileRole::City { .. } => cities.push(file),
            _ => base.push(file),
        }
    }
    let specialties = base
        .iter()
        .find(|f| f.role == FileRole::Specialties)
        .expect("specialties.ron")
        .clone();
    let (mut merged, _) = validate::validate(&base.into_iter().map(parse).collect::<Vec<_>>());
    let queue = Mutex::new(cities.into_iter().enumerate().collect::<Vec<_>>());
    let done = Mutex::new(Vec::new());
    std::thread::scope(|s| {
        for _ in 0..2 {
            s.spawn(|| {
                loop {
                    let Some((i, file)) = queue.lock().expect("queue").pop() else {
                        break;
                    };
                    let parsed = [parse(specialties.clone()), parse(file)];
                    let (part, diagnostics) = validate::validate(&parsed);
                    if let Some(d) = diagnostics.iter().find(|d| d.is_error()) {
                        panic!("{}:{}: {}", d.path, d.line, d.message);
                    }
                    done.lock().expect("done").push((i, part));
                }
            });
        }
    });
    let mut parts = done.into_inner().expect("parts");
    parts.sort_by_key(|(i, _)| *i);
    for (_, part) in parts {
        let offset = merged.facilities.len();
        let city_index = merged.cities.len();
        let file = u32::try_from(merged.files.len()).expect("fewer than 2^32 files");
        merged.files.extend(part.files);
        for mut city in part.cities {
            city.facilities.iter_mut().for_each(|f| *f += offset);
            city.origin.file += file;
            merged.cities.push(city);
        }
        for mut facility in part.facilities {
            facility.city_index = u32::try_from(city_index).unwrap_or(u32::MAX);
            facility.origin.file += file;
            facility
                .contacts
                .iter_mut()
                .for_each(|c| c.set_file(c.origin().file.saturating_add(file)));
            merged.facilities.push(facility);
        }
    }
    merged
}
