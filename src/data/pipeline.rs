//! The shipped half of `data::load`: every file is read, parsed and
//! validated on its own (for a directory, on two threads, each taking the
//! next file) and its text and raw records (which borrow the text's
//! strings) are dropped once it is validated; only the text of a file with
//! a diagnostic is kept, for the snippets. The files are then
//! merged in list order (`Validator::merge`), which runs the checks across
//! files, so the directory and every diagnostic are those of one pass.

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::diagnostic::Diagnostic;
use super::load::{self, Entry, FileRole, ParsedFile, SourceFile};
use super::validate::{FileResult, Validator, file_result};
use crate::model::{Directory, Specialty};

/// The shipped data, validated, with what the personal overlay needs.
pub(super) struct Shipped {
    pub directory: Directory,
    pub validator: Validator,
    /// In file order, not sorted.
    pub diagnostics: Vec<Diagnostic>,
    /// The texts of the files with a diagnostic.
    pub texts: HashMap<String, String>,
}

enum Outcome {
    /// Not read or not parsed: one diagnostic, and the text if it was read.
    Failed(Diagnostic, Option<String>),
    Checked {
        result: FileResult,
        /// Kept only when the file has diagnostics of its own.
        text: Option<String>,
        print: u64,
    },
}

/// Reads, parses and validates `entries` on up to `threads` threads.
pub(super) fn shipped(entries: &[Entry], trust: bool, threads: usize) -> Shipped {
    let mut out = Shipped {
        directory: Directory::default(),
        validator: Validator::default(),
        diagnostics: Vec::new(),
        texts: HashMap::new(),
    };
    out.validator.trust_phones = trust;
    let (first, rest): (Vec<usize>, Vec<usize>) =
        (0..entries.len()).partition(|&i| entries[i].role == FileRole::Specialties);
    let mut checked = Vec::new();
    let mut vocabulary = false;
    for i in first {
        let outcome = check(&entries[i], Some(&[]), trust);
        if let Some(result) = out.absorb(i, outcome) {
            vocabulary = true;
            out.merge(entries, result);
        }
    }
    let specialties = out.directory.specialties.clone();
    let specialties = vocabulary.then_some(&specialties[..]);
    let outcomes = on_threads(&rest, entries, specialties, trust, threads);
    // libphonenumber's compiled patterns, and what the threads freed as
    // they ended (their match caches), go before the merge's maps are
    // filled; a number checked later compiles its patterns again.
    regex_cache::release();
    crate::memory::release_freed();
    for (i, outcome) in rest.into_iter().zip(outcomes) {
        checked.extend(out.absorb(i, outcome));
    }
    // Cities in list order: by `order`, then by id; other files first.
    checked.sort_by(|a, b| a.1.key.cmp(&b.1.key));
    let facilities = checked.iter().map(|c| c.1.facility_count()).sum();
    out.directory.facilities.reserve_exact(facilities);
    out.validator.prepare(checked.iter().map(|c| &c.1));
    // The numbers `prepare` sorted, before the maps fill.
    crate::memory::release_freed();
    for result in checked {
        out.merge(entries, result);
    }
    out
}

type Checked = (usize, FileResult, Option<String>, u64);

impl Shipped {
    fn absorb(&mut self, i: usize, outcome: Outcome) -> Option<Checked> {
        match outcome {
            Outcome::Failed(diagnostic, text) => {
                if let Some(text) = text {
                    self.texts.insert(diagnostic.path.clone(), text);
                }
                self.diagnostics.push(diagnostic);
                None
            }
            Outcome::Checked {
                result,
                text,
                print,
            } => Some((i, result, text, print)),
        }
    }

    fn merge(&mut self, entries: &[Entry], (i, result, text, print): Checked) {
        let path = result.path.clone();
        let found = self.validator.merge(&mut self.directory, result);
        if found.is_empty() {
            return;
        }
        // A check across files found something in a file whose text was
        // dropped: read it again, unless it changed since.
        let text = text.or_else(|| {
            let again = entries[i].read().ok()?;
            (fingerprint(&again) == print).then_some(again)
        });
        if let Some(text) = text {
            self.texts.insert(path, text);
        }
        self.diagnostics.extend(found);
    }
}

fn check(entry: &Entry, specialties: Option<&[Specialty]>, trust: bool) -> Outcome {
    match read_and_parse(entry) {
        Ok((parsed, print)) => validate(parsed, print, specialties, trust),
        Err(failed) => *failed,
    }
}

/// Checks the files at `indices` on `threads` threads, each taking the
/// next unchecked file whole: read, parse, phone numbers (libphonenumber,
/// which any number of threads can use at once through the patched
/// `regex-cache`) and validation. The outcomes come back in the order of
/// `indices`. With more than one, the threads are all new ones: the match
/// caches libphonenumber's patterns fill (12 MB at 100k facilities) are
/// per thread, and go when the threads end.
fn on_threads(
    indices: &[usize],
    entries: &[Entry],
    specialties: Option<&[Specialty]>,
    trust: bool,
    threads: usize,
) -> Vec<Outcome> {
    let next = AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        loop {
            let k = next.fetch_add(1, Ordering::Relaxed);
            let Some(&i) = indices.get(k) else {
                return done;
            };
            done.push((k, check(&entries[i], specialties, trust)));
        }
    };
    let mut done = std::thread::scope(|s| {
        if threads <= 1 {
            return work();
        }
        let helpers: Vec<_> = (0..threads).map(|_| s.spawn(work)).collect();
        let mut done = Vec::new();
        for helper in helpers {
            match helper.join() {
                Ok(more) => done.extend(more),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        done
    });
    done.sort_unstable_by_key(|(k, _)| *k);
    done.into_iter().map(|(_, outcome)| outcome).collect()
}

fn read_and_parse(entry: &Entry) -> Result<(ParsedFile, u64), Box<Outcome>> {
    let text = entry
        .read()
        .map_err(|d| Box::new(Outcome::Failed(d, None)))?;
    let print = fingerprint(&text);
    let file = SourceFile {
        path: entry.path.clone(),
        role: entry.role.clone(),
        text,
    };
    match load::parse_keeping(file) {
        Ok(parsed) => Ok((parsed, print)),
        Err(failed) => {
            let (diagnostic, text) = *failed;
            Err(Box::new(Outcome::Failed(diagnostic, Some(text))))
        }
    }
}

fn validate(
    parsed: ParsedFile,
    print: u64,
    specialties: Option<&[Specialty]>,
    trust: bool,
) -> Outcome {
    let result = file_result(&parsed, specialties, trust);
    let text = (!result.diagnostics.is_empty()).then(|| parsed.into_text());
    Outcome::Checked {
        result,
        text,
        print,
    }
}

/// A cheap hash of a text, to tell whether a file read again is the same.
fn fingerprint(text: &str) -> u64 {
    text.as_bytes()
        .chunks(8)
        .fold(text.len() as u64, |hash, chunk| {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            (hash.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(0x517c_c1b7_2722_0a95)
        })
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;
    use std::fs;

    use crate::data::{self, DataSource, load, validate};

    /// The shipped files plus a copy of a city (its facility ids clash with
    /// the original's, a check across files) and a file ron rejects.
    fn directory_with_problems() -> tempfile::TempDir {
        let dir = crate::data::entries::embedded_copy();
        let cities = dir.path().join("cities");
        let baotou = fs::read_to_string(cities.join("baotou.ron")).expect("baotou");
        let copy = baotou.replacen("id: \"baotou\"", "id: \"zz-copy\"", 1);
        fs::write(cities.join("zz-copy.ron"), copy).expect("write");
        fs::write(cities.join("broken.ron"), "(id: \"broken\",\n  name: ,\n)").expect("write");
        dir
    }

    #[test]
    fn loading_file_by_file_on_two_threads_equals_validating_all_files_at_once() {
        let dir = directory_with_problems();
        let source = DataSource::Dir(dir.path().to_path_buf());
        let loaded = data::load(&source).expect("loads");

        let set = load::read_files(&source).expect("readable");
        let mut expected = set.diagnostics;
        let mut parsed = Vec::new();
        for file in set.files {
            match load::parse(file) {
                Ok(p) => parsed.push(p),
                Err(d) => expected.push(d),
            }
        }
        let (directory, found) = validate::validate(&parsed);
        expected.extend(found);
        data::sort(&mut expected);

        assert_eq!(loaded.directory, directory);
        assert_eq!(loaded.diagnostics, expected);
        let messages: Vec<&str> = expected.iter().map(|d| d.message.as_str()).collect();
        assert!(
            messages.iter().any(|m| m.starts_with("duplicate id")),
            "{messages:?}"
        );
        // Only the files with a diagnostic keep their text, and the copy,
        // whose only problem is found across files, was read again for it.
        let noted: HashSet<&String> = expected.iter().map(|d| &d.path).collect();
        assert_eq!(loaded.texts.keys().collect::<HashSet<_>>(), noted);
        let copy = loaded
            .diagnostics
            .iter()
            .find(|d| d.path.ends_with("zz-copy.ron"))
            .expect("the copy's duplicate id");
        let rendered = copy.render(loaded.texts.get(&copy.path).map(String::as_str));
        assert!(rendered.contains("-->"), "no snippet: {rendered}");
        assert!(rendered.contains("^"), "no caret: {rendered}");
    }
}
