//! Validating files apart and merging them: each file is checked on its own
//! (`file_result`, so files can be checked on several threads and dropped once
//! checked) and the checks against other files — duplicate ids and numbers
//! — wait as `Pending` entries that record where the file's diagnostics
//! stood. `Validator::merge` replays them in list order, so every
//! diagnostic comes out as one pass over all files would emit it.

use std::collections::hash_map::Entry;
use std::sync::Arc;

use compact_str::CompactString;
use unicode_normalization::{IsNormalized, is_nfc_quick};

use super::{FileCtx, Validator, ctx};
use crate::data::diagnostic::{Diagnostic, display_path};
use crate::data::load::{FileRole, Parsed, ParsedFile};
use crate::data::locate::Seg;
use crate::model::{City, Directory, EmergencyNumber, Facility, Note, Specialty};
use crate::text::{escaped, is_forbidden};

/// Where a value sits: its span and the `line:col` of the span's start.
/// In `u32`s (files are at most 4 MiB): one waits with every id and number
/// of the file for `merge`.
#[derive(Debug, Clone)]
pub(in crate::data) struct At {
    start: u32,
    end: u32,
    line: u32,
    col: u32,
}

impl At {
    /// Where the value at `path` sits; `value` as for `FileCtx::span`.
    pub(in crate::data) fn new(f: &FileCtx, path: &[Seg], value: Option<&str>) -> Self {
        let span = f.span(path, value);
        let (line, col) = f.lines.line_col(f.text, span.start);
        let small = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        At {
            start: small(span.start),
            end: small(span.end),
            line: small(line),
            col: small(col),
        }
    }

    pub(in crate::data) fn line(&self) -> usize {
        self.line as usize
    }

    fn col(&self) -> usize {
        self.col as usize
    }

    fn span(&self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// A check against everything validated before this file. Its texts are
/// the model's own, shared: a file's checks wait for `merge` together.
#[derive(Debug)]
pub(in crate::data) enum Check {
    /// Ids are unique across every file.
    Id(Arc<str>),
    /// A number listed for two facilities is worth a warning.
    Phone {
        e164: CompactString,
        display: CompactString,
        facility: Arc<str>,
    },
}

#[derive(Debug)]
pub(in crate::data) struct Pending {
    /// How many of the file's diagnostics came before this check.
    before: usize,
    at: At,
    check: Check,
}

/// Where an id is first defined.
#[derive(Debug)]
pub(in crate::data) struct Location {
    path: Arc<str>,
    line: u32,
    col: u32,
}

/// What one file adds to the directory.
#[derive(Debug)]
pub(in crate::data) enum Content {
    Specialties(Vec<Specialty>),
    Emergency(Vec<EmergencyNumber>, Vec<Note>),
    /// The city, with its facilities' indices counting from 0, boxed as
    /// the directory holds them.
    #[allow(
        clippy::vec_box,
        reason = "merged into `Directory::facilities` by moving the boxes"
    )]
    City(Box<City>, Vec<Box<Facility>>),
    Nothing,
}

/// One file, validated on its own.
#[derive(Debug)]
pub struct FileResult {
    pub path: String,
    /// List order: other files first (as they come), then cities by
    /// `order` and id.
    pub key: (u8, u32, String),
    pub(in crate::data) content: Content,
    /// The file's own diagnostics, in the order they were found.
    pub diagnostics: Vec<Diagnostic>,
    pending: Vec<Pending>,
}

impl FileResult {
    /// How many facilities the file adds.
    pub fn facility_count(&self) -> usize {
        match &self.content {
            Content::City(_, facilities) => facilities.len(),
            _ => 0,
        }
    }
}

/// Validates one parsed file on its own, against the shipped specialties.
pub fn file_result(file: &ParsedFile, specialties: &[Specialty], trust: bool) -> FileResult {
    let mut v = Validator {
        trust_phones: trust,
        defer: true,
        pending: Vec::with_capacity(checks(file)),
        ..Validator::default()
    };
    let f = ctx(file);
    let mut key = (0, 0, String::new());
    let content = match file.content() {
        Parsed::Specialties(raw) => {
            let mut dir = Directory::default();
            v.specialties(&f, raw, &mut dir);
            Content::Specialties(dir.specialties)
        }
        Parsed::Emergency(raw) => {
            let numbers = v.emergency_numbers(&f, &[], "numbers", &raw.numbers);
            Content::Emergency(numbers, v.notes(&f, &[], &raw.notes))
        }
        Parsed::City(raw) => {
            key = (1, raw.order.unwrap_or(u32::MAX), raw.id.to_string());
            let stem = match &file.role {
                FileRole::City { stem } => stem.as_str(),
                _ => "",
            };
            let mut dir = Directory::default();
            v.city(&f, stem, raw, specialties, &mut dir);
            match dir.cities.pop() {
                Some(city) => Content::City(Box::new(city), dir.facilities),
                None => Content::Nothing,
            }
        }
        Parsed::Personal(_) => Content::Nothing,
    };
    FileResult {
        path: file.path.clone(),
        key,
        content,
        diagnostics: v.diagnostics,
        pending: v.pending,
    }
}

/// `value` as it is when `Validator::text` would find nothing wrong and
/// `sanitize` would change nothing, without running them; `None` otherwise.
pub(super) fn plain(value: &str, max: usize) -> Option<String> {
    let clean = if value.is_ascii() {
        plain_ascii(value.as_bytes(), max)
    } else {
        plain_chars(value, max)
    };
    clean.then(|| value.to_string())
}

/// `plain_chars` for ASCII, a byte at a time: printable characters, no
/// space at either end or twice in a row, and not empty.
/// The two tests run over the whole text without stopping early, so that
/// the compiler can test many bytes at a time.
fn plain_ascii(bytes: &[u8], max: usize) -> bool {
    let (Some(&first), Some(&last)) = (bytes.first(), bytes.last()) else {
        return false;
    };
    if bytes.len() > max || first == b' ' || last == b' ' {
        return false;
    }
    let printable = bytes
        .iter()
        .fold(true, |ok, b| ok & (b' '..=b'~').contains(b));
    let doubled = bytes.windows(2).fold(false, |found, pair| {
        found | (pair[0] == b' ' && pair[1] == b' ')
    });
    printable && !doubled
}

fn plain_chars(value: &str, max: usize) -> bool {
    let mut last_space = true;
    let mut len = 0;
    for c in value.chars() {
        if is_forbidden(c) || (c == ' ' && last_space) {
            return false;
        }
        last_space = c == ' ';
        len += 1;
    }
    let normal = value.is_ascii() || is_nfc_quick(value.chars()) == IsNormalized::Yes;
    len <= max && !last_space && normal
}

/// How many checks against other files a file leaves for `merge`: one
/// per id and per number (a city's own id, and its facilities' ids and
/// contacts), so that the list is made once at its size.
fn checks(file: &ParsedFile) -> usize {
    match file.content() {
        Parsed::City(raw) => {
            let contacts: usize = raw.facilities.iter().map(|f| f.contacts.len()).sum();
            1 + raw.facilities.len() + contacts
        }
        _ => 0,
    }
}

impl Validator {
    /// Runs a check against other files now, or leaves it for `merge`.
    pub(super) fn check(&mut self, path: &str, at: At, check: Check) {
        if self.defer {
            let before = self.diagnostics.len();
            self.pending.push(Pending { before, at, check });
        } else if let Some(found) = self.resolve(path, at, check) {
            self.diagnostics.push(found);
        }
    }

    /// Makes room for the ids and numbers that merging `results` records.
    pub(in crate::data) fn reserve<'r>(&mut self, results: impl Iterator<Item = &'r FileResult>) {
        let (mut ids, mut phones) = (0, 0);
        for p in results.flat_map(|r| &r.pending) {
            match p.check {
                Check::Id(_) => ids += 1,
                Check::Phone { .. } => phones += 1,
            }
        }
        self.ids.reserve(ids);
        self.phones.reserve(phones);
    }

    fn resolve(&mut self, path: &str, at: At, check: Check) -> Option<Diagnostic> {
        let message = match check {
            Check::Id(id) => match self.ids.entry(id) {
                Entry::Occupied(first) => format!(
                    "duplicate id {}: also defined at {}:{}:{}",
                    escaped(first.key()),
                    display_path(&first.get().path),
                    first.get().line,
                    first.get().col
                ),
                Entry::Vacant(new) => {
                    let path = match &self.last_path {
                        Some(last) if &**last == path => last.clone(),
                        _ => Arc::from(path),
                    };
                    self.last_path = Some(path.clone());
                    let (line, col) = (at.line, at.col);
                    new.insert(Location { path, line, col });
                    return None;
                }
            },
            Check::Phone {
                e164,
                display,
                facility,
            } => match self.phones.entry(e164) {
                Entry::Occupied(other) if *other.get() != facility => {
                    let message = format!(
                        "phone number {display} is also listed for {}; check that both are right",
                        escaped(other.get())
                    );
                    return Some(
                        Diagnostic::warning(path, at.line(), at.col(), message)
                            .with_span(at.span()),
                    );
                }
                Entry::Occupied(_) => return None,
                Entry::Vacant(new) => {
                    new.insert(facility);
                    return None;
                }
            },
        };
        Some(Diagnostic::error(path, at.line(), at.col(), message).with_span(at.span()))
    }

    /// Adds one file to the directory, running its pending checks; returns
    /// the file's diagnostics, in the order one pass would have found them.
    pub(in crate::data) fn merge(
        &mut self,
        dir: &mut Directory,
        result: FileResult,
    ) -> Vec<Diagnostic> {
        let FileResult {
            path,
            content,
            diagnostics,
            pending,
            ..
        } = result;
        let mut out = Vec::with_capacity(diagnostics.len());
        let mut own = diagnostics.into_iter();
        let mut taken = 0;
        for p in pending {
            out.extend(own.by_ref().take(p.before - taken));
            taken = p.before;
            if let Some(found) = self.resolve(&path, p.at, p.check) {
                out.push(found);
            }
        }
        out.extend(own);
        match content {
            Content::Specialties(list) => dir.specialties.extend(list),
            Content::Emergency(numbers, notes) => {
                dir.emergency = numbers;
                dir.emergency_notes = notes;
            }
            Content::City(mut city, facilities) => {
                let offset = dir.facilities.len();
                let city_index = dir.cities.len();
                city.facilities.iter_mut().for_each(|i| *i += offset);
                dir.facilities.extend(facilities.into_iter().map(|mut f| {
                    f.city_index = city_index;
                    f
                }));
                dir.cities.push(*city);
            }
            Content::Nothing => {}
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::text::{first_forbidden, sanitize};

    proptest! {
        /// The byte-wise check of ASCII text is the char-wise one.
        #[test]
        fn ascii_is_checked_as_chars_are(bytes in prop::collection::vec(
            prop_oneof![Just(b' '), Just(b'a'), Just(0x7f_u8), 0u8..0x80], 0..12),
            max in 0usize..12,
        ) {
            let text = String::from_utf8(bytes).expect("ASCII");
            prop_assert_eq!(plain_ascii(text.as_bytes(), max), plain_chars(&text, max));
        }

        /// What `plain` passes, `Validator::text` would pass unchanged.
        #[test]
        fn plain_text_is_clean_and_sanitised(text in "[ a\t\u{7f}\u{85}\u{200b}\u{2067}呼e\u{301}é]{0,8}") {
            if plain(&text, 6).is_some() {
                prop_assert_eq!(first_forbidden(&text), None);
                prop_assert!(text.chars().count() <= 6);
                prop_assert_eq!(sanitize(&text), text);
            }
        }
    }
}
