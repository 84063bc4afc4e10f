//! Loading and checking the data: read the files (embedded or a directory),
//! parse them with ron (a directory's on a second thread, one file ahead,
//! which also frees each file once it is validated), validate them in one
//! pass into a `Directory`, and collect every diagnostic. A file's text is
//! kept only when it has a diagnostic, whose snippet needs it. The CLI's
//! `check`, the other commands and the TUI all load
//! through `load_sources`, so they agree on what is valid. The personal
//! overlay (`personal`, `overlay`) is merged after the shipped data is
//! validated; its problems are kept apart, because they never hide the
//! shipped data.

mod decode;
pub mod diagnostic;
mod entries;
pub mod load;
pub mod locate;
pub mod notes_file;
mod overlay;
pub mod personal;
pub mod phone;
pub mod raw;
pub mod rejected;
mod validate;

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

pub use diagnostic::{Diagnostic, Severity};
pub use load::{DataSource, LoadError};

use crate::model::Directory;

/// What to load: the shipped data, and the personal directory if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sources {
    pub shipped: DataSource,
    pub personal: Option<PathBuf>,
    /// The personal files' old place (the config directory), read too when
    /// it holds any, with a notice; set only when `personal` is the default.
    pub old_personal: Option<PathBuf>,
}

impl Sources {
    /// The shipped data alone.
    pub fn shipped(shipped: DataSource) -> Self {
        Sources {
            shipped,
            personal: None,
            old_personal: None,
        }
    }
}

/// The result of loading: the directory (built from every file that parsed)
/// and every problem found, in file order.
#[derive(Debug)]
pub struct Loaded {
    pub directory: Directory,
    /// Problems of the shipped data.
    pub diagnostics: Vec<Diagnostic>,
    /// Problems of the personal files (a file with an error is left out).
    pub personal_diagnostics: Vec<Diagnostic>,
    /// The texts of the files with diagnostics, by path, for snippets.
    pub texts: HashMap<String, String>,
    pub file_count: usize,
    pub personal_file_count: usize,
    /// One-line notices for the user, not problems in the files (personal
    /// files read from their old place): the commands print them on
    /// stderr, the TUI may show them in its status line.
    pub notices: Vec<String>,
}

fn errors(diagnostics: &[Diagnostic]) -> usize {
    diagnostics.iter().filter(|d| d.is_error()).count()
}

impl Loaded {
    /// Errors in the shipped data: the app refuses to start on them.
    pub fn error_count(&self) -> usize {
        errors(&self.diagnostics)
    }

    pub fn warning_count(&self) -> usize {
        self.diagnostics.len() - self.error_count()
    }

    pub fn has_errors(&self) -> bool {
        self.error_count() > 0
    }

    /// Errors in the personal files: those files are left out.
    pub fn personal_error_count(&self) -> usize {
        errors(&self.personal_diagnostics)
    }

    /// Every diagnostic, shipped then personal, with its snippet, separated
    /// by blank lines.
    pub fn render_diagnostics(&self) -> String {
        self.diagnostics
            .iter()
            .chain(&self.personal_diagnostics)
            .map(|d| d.render(self.texts.get(&d.path).map(String::as_str)))
            .collect::<Vec<_>>()
            .join("\n\n")
    }

    /// `N files, N cities, N facilities, N phone numbers: N errors, N
    /// warnings`, then `; personal: N files, N errors, N warnings` when
    /// personal files were read.
    pub fn summary(&self) -> String {
        let plural =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        let mut out = format!(
            "{}, {}, {}, {}: {}, {}",
            plural(self.file_count, "file", "files"),
            plural(self.directory.cities.len(), "city", "cities"),
            plural(self.directory.facilities.len(), "facility", "facilities"),
            plural(
                self.directory.phone_count(),
                "phone number",
                "phone numbers"
            ),
            plural(self.error_count(), "error", "errors"),
            plural(self.warning_count(), "warning", "warnings"),
        );
        if self.personal_file_count > 0 {
            let errors = self.personal_error_count();
            out.push_str(&format!(
                "; personal: {}, {}, {}",
                plural(self.personal_file_count, "file", "files"),
                plural(errors, "error", "errors"),
                plural(
                    self.personal_diagnostics.len() - errors,
                    "warning",
                    "warnings"
                ),
            ));
        }
        out
    }
}

/// How far a load has got, for a progress display: files read and
/// validated, of how many.
#[derive(Debug, Default)]
pub struct Progress {
    pub done: AtomicUsize,
    pub total: AtomicUsize,
}

/// Data files larger than this in all take long enough to load (about a
/// tenth of a second) to show a loading frame meanwhile.
pub const QUICK_LOAD_BYTES: u64 = 2 << 20;

/// Whether loading `source` takes long enough for a loading frame: a data
/// directory of more than `QUICK_LOAD_BYTES`. An error when it cannot even
/// be listed.
pub fn takes_a_while(source: &DataSource) -> Result<bool, LoadError> {
    if *source == DataSource::Embedded {
        return Ok(false);
    }
    let bytes: u64 = (load::entries(source)?.iter())
        .filter_map(|entry| match &entry.body {
            load::Body::Disk(path) => std::fs::metadata(path).ok().map(|m| m.len()),
            _ => None,
        })
        .sum();
    Ok(bytes > QUICK_LOAD_BYTES)
}

/// Reads, parses and validates a data source (without personal files).
pub fn load(source: &DataSource) -> Result<Loaded, LoadError> {
    load_sources(&Sources::shipped(source.clone()))
}

/// Reads, parses and validates the shipped data, then merges the personal
/// files over it.
pub fn load_sources(sources: &Sources) -> Result<Loaded, LoadError> {
    load_counting(sources, &Progress::default())
}

/// `load_sources`, counting the files in `progress` as they are done.
pub fn load_counting(sources: &Sources, progress: &Progress) -> Result<Loaded, LoadError> {
    load_with(sources, false, progress)
}

/// `load_sources` for using the data (the TUI, `search`, `show`, `export`,
/// `emergency`): the embedded data's phone numbers, checked in CI by
/// `careguide check data/`, skip libphonenumber (whose first call costs
/// 60–100 ms, see `phone::trusted`). A data directory and the personal
/// files are checked in full, as `load_sources` (and so `check`) does.
pub fn load_for_use(sources: &Sources) -> Result<Loaded, LoadError> {
    let trust = sources.shipped == DataSource::Embedded;
    load_with(sources, trust, &Progress::default())
}

fn load_with(
    sources: &Sources,
    trust_embedded: bool,
    progress: &Progress,
) -> Result<Loaded, LoadError> {
    let entries = load::entries(&sources.shipped)?;
    let file_count = entries.len();
    progress.total.store(file_count, Ordering::Relaxed);
    let mut validator = validate::Validator::new(trust_embedded);
    let mut diagnostics = Vec::new();
    let mut texts = HashMap::new();
    let ahead = matches!(sources.shipped, DataSource::Dir(_));
    let mut all_parsed = true;
    let mut validated = |parsed: ParseOutcome| match parsed {
        Ok(mut file) => {
            let found = validator.file(&file);
            // The bibliography's text is kept for the snippets of the
            // warnings on sources no record cites, known only at the end.
            if !found.is_empty() || file.role == load::FileRole::Sources {
                texts.insert(file.path.clone(), std::mem::take(&mut file.text));
                diagnostics.extend(found);
            }
            Some(file)
        }
        Err(failed) => {
            all_parsed = false;
            let (diagnostic, text) = *failed;
            if let Some(text) = text {
                texts.insert(diagnostic.path.clone(), text);
            }
            diagnostics.push(diagnostic);
            None
        }
    };
    each_parsed(&entries, ahead, |parsed| {
        progress.done.fetch_add(1, Ordering::Relaxed);
        validated(parsed)
    });
    // A file that could not be read or parsed may cite any source: the
    // warnings would only bury its error.
    if all_parsed {
        diagnostics.extend(validator.unused_sources());
    }
    sort(&mut diagnostics);
    let mut directory = validator.directory();
    let mut notices = Vec::new();
    let mut personal = sources.personal.as_deref().map(personal::read_dir);
    if let (Some(set), Some(new), Some(old)) = (
        personal.as_mut(),
        sources.personal.as_deref(),
        sources.old_personal.as_deref(),
    ) && old != new
    {
        notices.extend(personal::read_old_dir(old, new, set));
    }
    let personal_file_count = personal
        .as_ref()
        .map_or(0, |p| p.files.len() + p.diagnostics.len());
    let mut personal_diagnostics = Vec::new();
    if let Some(set) = personal {
        validator.trust_phones = false;
        personal_diagnostics = set.diagnostics;
        for file in set.files {
            let linked = set.linked.contains(&file.path);
            if !linked {
                texts.insert(file.path.clone(), file.text.clone());
            }
            match load::parse(file) {
                Ok(file) => {
                    let found = overlay::apply(&mut validator, &mut directory, &file);
                    personal_diagnostics.extend(found);
                }
                // ron's message can quote the text ("found `SECRET`"): a
                // file behind a link out of the directory may be anything.
                Err(mut d) if linked => {
                    d.message = "is not a careguide data file (it is read through a link that leaves the personal directory, so its text is not shown)".to_string();
                    personal_diagnostics.push(d);
                }
                Err(d) => personal_diagnostics.push(d),
            }
        }
        sort(&mut personal_diagnostics);
    }
    let noted: HashSet<&str> = personal_diagnostics
        .iter()
        .chain(&diagnostics)
        .map(|d| d.path.as_str())
        .collect();
    texts.retain(|path, _| noted.contains(path.as_str()));
    Ok(Loaded {
        directory,
        diagnostics,
        personal_diagnostics,
        texts,
        file_count,
        personal_file_count,
        notices,
    })
}

/// Validates parsed shipped files, in the order given, into a directory:
/// what `load` does once it has read them, for callers (the fuzz targets)
/// that bring their own files.
pub fn validate(files: Vec<load::ParsedFile>) -> (Directory, Vec<Diagnostic>) {
    let mut validator = validate::Validator::new(false);
    let mut diagnostics: Vec<Diagnostic> =
        files.into_iter().flat_map(|f| validator.file(&f)).collect();
    diagnostics.extend(validator.unused_sources());
    sort(&mut diagnostics);
    (validator.directory(), diagnostics)
}

/// A file read and parsed, or why it could not be (with its text, when it
/// was read, for the snippet).
type ParseOutcome = Result<load::ParsedFile, Box<(Diagnostic, Option<String>)>>;

fn read_and_parse(entry: &load::Entry) -> ParseOutcome {
    let text = entry.read().map_err(|d| Box::new((d, None)))?;
    let file = load::SourceFile {
        path: entry.path.clone(),
        role: entry.role.clone(),
        text,
    };
    load::parse_keeping(file).map_err(|failed| {
        let (diagnostic, text) = *failed;
        Box::new((diagnostic, Some(text)))
    })
}

/// Hands each entry, read and parsed, to `use_file` in order, which hands
/// the file back when done with it. With `ahead`, the next file is read and
/// parsed on a second thread meanwhile, and each file handed back is freed
/// there: glibc's malloc makes a thread that frees what another allocated
/// wait on that thread's lock, which made a load at 100 000 facilities
/// take twice as long (BENCHMARKS.md).
fn each_parsed(
    entries: &[load::Entry],
    ahead: bool,
    mut use_file: impl FnMut(ParseOutcome) -> Option<load::ParsedFile>,
) {
    if !ahead {
        entries.iter().map(read_and_parse).for_each(|parsed| {
            use_file(parsed);
        });
        return;
    }
    std::thread::scope(|s| {
        let (tx, rx) = std::sync::mpsc::sync_channel(1);
        let (done, spent) = std::sync::mpsc::channel::<load::ParsedFile>();
        s.spawn(move || {
            for entry in entries {
                spent.try_iter().for_each(drop);
                if tx.send(read_and_parse(entry)).is_err() {
                    return;
                }
            }
            drop(tx);
            spent.into_iter().for_each(drop);
        });
        for parsed in rx {
            if let Some(file) = use_file(parsed) {
                // Only fails if the thread is gone: the file is freed here.
                let _ = done.send(file);
            }
        }
        drop(done);
    });
}

pub(crate) fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| (&a.path, a.line, a.col).cmp(&(&b.path, b.line, b.col)));
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The start-up shortcut must change nothing: every embedded number
    /// gets the same `Phone` as libphonenumber gives it, so a number the full
    /// rule rejects (or writes differently) fails here, not only in CI.
    #[test]
    fn startup_load_of_the_embedded_data_equals_the_full_check() {
        let sources = Sources::shipped(DataSource::Embedded);
        let full = load_sources(&sources).expect("embedded data loads");
        let fast = load_for_use(&sources).expect("embedded data loads");
        assert!(full.directory.phone_count() > 0);
        assert_eq!(fast.directory, full.directory);
        assert_eq!(fast.diagnostics, full.diagnostics);
        let numbers = full
            .directory
            .facilities
            .iter()
            .flat_map(|f| &f.contacts)
            .map(|c| &c.phone);
        for phone in numbers {
            assert_eq!(phone::trusted(&phone.display).as_ref(), Some(phone));
        }
    }

    /// Reading a directory one file ahead on a second thread gives what
    /// reading it in turn gives, diagnostics and snippets included.
    #[test]
    fn reading_ahead_on_a_second_thread_equals_reading_in_turn() {
        let dir = entries::embedded_copy();
        let cities = dir.path().join("cities");
        let baotou = std::fs::read_to_string(cities.join("baotou.ron")).expect("baotou");
        let copy = baotou.replacen("id: \"baotou\"", "id: \"zz-copy\"", 1);
        std::fs::write(cities.join("zz-copy.ron"), copy).expect("write");
        std::fs::write(cities.join("broken.ron"), "(id: \"broken\",\n  name: ,\n)").expect("write");
        let entries = load::entries(&DataSource::Dir(dir.path().to_path_buf())).expect("entries");
        let run = |ahead| {
            let mut v = validate::Validator::new(false);
            let mut found = Vec::new();
            each_parsed(&entries, ahead, |parsed| match parsed {
                Ok(file) => {
                    found.extend(v.file(&file));
                    Some(file)
                }
                Err(failed) => {
                    found.push(failed.0);
                    None
                }
            });
            (v.directory(), found)
        };
        let (in_turn, ahead) = (run(false), run(true));
        assert_eq!(in_turn, ahead);
        let messages: Vec<&str> = ahead.1.iter().map(|d| d.message.as_str()).collect();
        assert!(
            messages.iter().any(|m| m.starts_with("duplicate id")),
            "{messages:?}"
        );
        assert!(
            messages.iter().any(|m| m.starts_with("Expected")),
            "{messages:?}"
        );
    }
}
