//! Loading and checking the data: read the files (embedded or a directory),
//! parse them with ron, validate them into a `Directory`, and collect every
//! diagnostic. The CLI's `check`, the other commands and the TUI all load
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
mod pipeline;
pub mod raw;
pub mod validate;

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

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

/// Reads, parses and validates a data source (without personal files).
pub fn load(source: &DataSource) -> Result<Loaded, LoadError> {
    load_sources(&Sources::shipped(source.clone()))
}

/// Reads, parses and validates the shipped data, then merges the personal
/// files over it.
pub fn load_sources(sources: &Sources) -> Result<Loaded, LoadError> {
    load_with(sources, false)
}

/// `load_sources` for using the data (the TUI, `search`, `show`, `export`,
/// `emergency`): the embedded data's phone numbers, checked in CI by
/// `careguide check data/`, skip libphonenumber (whose first call costs
/// 60–100 ms, see `phone::trusted`). A data directory and the personal
/// files are checked in full, as `load_sources` (and so `check`) does.
pub fn load_for_use(sources: &Sources) -> Result<Loaded, LoadError> {
    load_with(sources, sources.shipped == DataSource::Embedded)
}

fn load_with(sources: &Sources, trust_embedded: bool) -> Result<Loaded, LoadError> {
    let entries = load::entries(&sources.shipped)?;
    let threads = match sources.shipped {
        DataSource::Embedded => 1,
        DataSource::Dir(_) => std::thread::available_parallelism().map_or(1, |n| n.get().min(2)),
    };
    let shipped = pipeline::shipped(&entries, trust_embedded, threads);
    let file_count = entries.len();
    drop(entries);
    let pipeline::Shipped {
        mut directory,
        mut validator,
        mut diagnostics,
        mut texts,
    } = shipped;
    sort(&mut diagnostics);
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
        personal_diagnostics = set.diagnostics;
        let parsed = parse_all(set.files, &mut texts, &mut personal_diagnostics);
        let mut merged = overlay::apply(&mut validator, &mut directory, &parsed);
        personal_diagnostics.append(&mut merged);
        sort(&mut personal_diagnostics);
        let noted: HashSet<&str> = personal_diagnostics
            .iter()
            .chain(&diagnostics)
            .map(|d| d.path.as_str())
            .collect();
        texts.retain(|path, _| noted.contains(path.as_str()));
    }
    drop(validator);
    regex_cache::release();
    crate::memory::release_freed();
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

fn parse_all(
    files: Vec<load::SourceFile>,
    texts: &mut HashMap<String, String>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<load::ParsedFile> {
    let mut parsed = Vec::new();
    for file in files {
        texts.insert(file.path.clone(), file.text.clone());
        match load::parse(file) {
            Ok(p) => parsed.push(p),
            Err(d) => diagnostics.push(d),
        }
    }
    parsed
}

pub(crate) fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| (&a.path, a.line, a.col).cmp(&(&b.path, b.line, b.col)));
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Texts that repeat in a file are stored once: equal sources, lists
    /// of sources, roles with their notes, and dates share one allocation
    /// (what keeps a province's data small, BENCHMARKS.md).
    #[test]
    fn repeated_texts_of_a_file_share_one_allocation() {
        use arcstr::ArcStr;
        let loaded = load(&DataSource::Embedded).expect("embedded data loads");
        let dir = &loaded.directory;
        let contacts: Vec<&crate::model::Contact> =
            dir.facilities.iter().flat_map(|f| &f.contacts).collect();
        let (mut pairs, mut same_texts) = (0, 0);
        for (i, a) in contacts.iter().enumerate() {
            for b in &contacts[i + 1..] {
                if a.origin().file != b.origin().file {
                    continue;
                }
                pairs += 1;
                if (a.role(), a.note()) == (b.role(), b.note()) {
                    assert!(a.shares_texts(b), "{}", a.role());
                    same_texts += 1;
                }
                if a.sources == b.sources {
                    assert!(a.sources.ptr_eq(&b.sources));
                }
                let sources = a
                    .sources
                    .iter()
                    .flat_map(|x| b.sources.iter().map(move |y| (x, y)));
                for (x, y) in sources.filter(|(x, y)| x == y) {
                    assert!(ArcStr::ptr_eq(&x.0, &y.0), "{}", x.as_str());
                }
            }
        }
        assert!(pairs > 10, "contacts in the same file: {pairs}");
        assert!(
            same_texts > 0,
            "no two contacts of a file share a role and note"
        );
        let facilities = &dir.facilities;
        let dated = facilities.iter().zip(facilities.iter().skip(1));
        let same =
            dated.filter(|(a, b)| a.origin.file == b.origin.file && a.verified == b.verified);
        let mut shared = 0;
        for (a, b) in same {
            assert!(ArcStr::ptr_eq(&a.verified, &b.verified));
            shared += 1;
        }
        assert!(shared > 0, "no two neighbours share a verified date");
    }

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
            assert_eq!(phone::trusted(phone.display()).as_ref(), Some(phone));
        }
    }
}
