//! The data rules: turns parsed files into a linked `Directory` and collects
//! every problem (ids, references, sources, confidence, phones, characters,
//! lengths, dates) with its `path:line:col`, rather than stopping at the first.
//! Every string that passes is sanitised on its way into the model.

use std::borrow::{Borrow, Cow};
use std::hash::Hash;
use std::ops::Range;
use std::sync::OnceLock;

use arcstr::ArcStr;
use rustc_hash::{FxHashMap, FxHashSet};

use super::diagnostic::{Diagnostic, LineIndex};
use super::load::{Parsed, ParsedFile};
use super::locate::{Outline, Seg, quoted_span};
use super::raw::*;
use crate::model::*;

mod across;
mod fields;
mod merge;
#[cfg(test)]
mod one_pass;
mod path;
mod records;

pub(super) use merge::{FileResult, file_result};
pub(super) use path::join;

const MAX_NAME: usize = 200;
const MAX_LINE: usize = 400;
const MAX_NOTE: usize = 2000;

/// One file being validated: where to point diagnostics, and whether it is
/// a personal file (whose records may have no source: their source is the
/// user).
pub(super) struct FileCtx<'a> {
    pub path: &'a str,
    pub text: &'a str,
    outline: &'a OnceLock<Outline>,
    pub lines: &'a LineIndex,
    pub personal: bool,
    /// The file's index in `Directory::files` for its records' origins: 0
    /// while a shipped file is validated on its own, whose records'
    /// origins `Validator::merge` then points at the file; the overlay sets
    /// it for a personal file.
    pub file: u32,
}

impl FileCtx<'_> {
    /// The span of the value at `path`. `value`, when given, is that value
    /// as parsed: a string borrowed from the text is found by its address,
    /// without the file's outline (built on first use, which a clean file
    /// then never needs for its ids, numbers and origins).
    pub fn span(&self, path: &[Seg], value: Option<&str>) -> Range<usize> {
        value
            .and_then(|value| quoted_span(self.text, value))
            .or_else(|| {
                self.outline
                    .get_or_init(|| Outline::new(self.text))
                    .span(path)
            })
            .unwrap_or(0..0)
    }
}

#[derive(Default)]
pub(super) struct Validator {
    pub diagnostics: Vec<Diagnostic>,
    /// Every id seen (cities, facilities, specialties share one namespace),
    /// with where it is first defined. FxHash, as for the shared texts: the
    /// keys come from the data files, not from a network.
    ids: FxHashMap<ArcStr, across::Location>,
    /// A number (its E.164 form, `across::packed`) → the facility that
    /// lists it first (in `holders`), for the warning; while files are
    /// merged, only the numbers in `repeated`.
    phones: FxHashMap<u64, u32>,
    /// While files are merged (`Validator::prepare`), the numbers they list
    /// more than once: only those can be listed for two facilities, so
    /// only those enter `phones` (at 100k facilities it would hold 290 000
    /// numbers, 9 MB, at the load's peak). `None` when every number does
    /// (`all_numbers`).
    repeated: Option<FxHashSet<u64>>,
    /// The same for the rare form too long to pack, by its text.
    long_phones: FxHashMap<compact_str::CompactString, u32>,
    /// The ids of the facilities that list numbers, and the paths of the
    /// files that define ids: the maps above name them by index, in 4
    /// bytes where a shared text takes 8 (the maps are the load's peak).
    holders: across::Names,
    paths: across::Names,
    /// `specialties.ron` could not be read or parsed: a facility's link to
    /// a specialty cannot be checked, and is dropped without an error of
    /// its own (the file's error says why; a hundred "unknown specialty"
    /// errors would bury it).
    pub vocabulary_missing: bool,
    /// Take numbers of the checked shape as they are (`phone::trusted`):
    /// only for the embedded data, never for files on disk.
    pub trust_phones: bool,
    /// Validating one file on its own: the checks against other files
    /// (duplicate ids and numbers) wait for `merge`, the ids' in `pending`
    /// and the numbers' in `waiting_numbers`.
    defer: bool,
    pending: Vec<across::Pending>,
    /// The ids the `pending` checks name, and the numbers' checks.
    waiting_ids: Vec<ArcStr>,
    waiting_numbers: Vec<across::NumberCheck>,
    /// One copy of each text the file's records share (`share`).
    texts: FxHashSet<ArcStr>,
    /// One copy of each list of sources the file's records cite.
    source_lists: FxHashSet<SourceList>,
    /// The last list of sources that passed its checks unchanged.
    last_sources: Option<SourceList>,
    /// The last verified date that was a real date, written as it is kept.
    last_date: Option<ArcStr>,
}

/// Validates parsed files into a directory. Files that could not be parsed
/// are simply absent; their diagnostics come from the loader.
pub fn validate(files: &[ParsedFile]) -> (Directory, Vec<Diagnostic>) {
    let (dir, v) = shipped(files, false);
    (dir, v.diagnostics)
}

/// `validate`, keeping the validator (the ids and numbers seen) for the
/// personal overlay, which is checked against the shipped data. The
/// specialties come first (facilities refer to them); cities are taken in
/// list order: by `order`, then by id.
pub(super) fn shipped(files: &[ParsedFile], trust_phones: bool) -> (Directory, Validator) {
    let mut v = Validator {
        trust_phones,
        ..Validator::default()
    };
    let mut dir = Directory::default();
    let is_specialties = |f: &&ParsedFile| matches!(f.content(), Parsed::Specialties(_));
    for file in files.iter().filter(is_specialties) {
        let found = v.merge(&mut dir, file_result(file, Some(&[]), trust_phones));
        v.diagnostics.extend(found);
    }
    let vocabulary = files
        .iter()
        .any(|f| is_specialties(&f))
        .then_some(&dir.specialties[..]);
    let mut results: Vec<FileResult> = files
        .iter()
        .filter(|f| !is_specialties(f))
        .map(|file| file_result(file, vocabulary, trust_phones))
        .collect();
    results.sort_by(|a, b| a.key.cmp(&b.key));
    v.prepare(results.iter());
    for result in results {
        let found = v.merge(&mut dir, result);
        v.diagnostics.extend(found);
    }
    (dir, v)
}

pub(super) fn ctx(file: &ParsedFile) -> FileCtx<'_> {
    FileCtx {
        path: &file.path,
        text: file.text(),
        outline: &file.outline,
        lines: &file.lines,
        personal: file.role == super::load::FileRole::Personal,
        file: 0,
    }
}

impl Validator {
    pub(super) fn error(&mut self, f: &FileCtx, path: &[Seg], message: String) {
        let span = f.span(path, None);
        let (line, col) = f.lines.line_col(f.text, span.start);
        self.diagnostics
            .push(Diagnostic::error(f.path, line, col, message).with_span(span));
    }

    /// Where the record at `path` is defined: the line of its string
    /// `value`, its id (a contact's origin is the line of its number).
    pub(super) fn origin(&mut self, f: &FileCtx, path: &[Seg], value: &str) -> Origin {
        let span = f.span(path, Some(value));
        Origin {
            file: f.file,
            line: small(f.lines.line(span.start)),
        }
    }

    /// The file's one copy of `text`: sources, roles, notes and dates
    /// repeat across its records.
    pub(super) fn share(&mut self, text: &str) -> ArcStr {
        interned(&mut self.texts, text)
    }

    /// The file's one copy of a list of sources.
    pub(super) fn share_sources(&mut self, sources: &[Source]) -> SourceList {
        interned(&mut self.source_lists, sources)
    }

    pub(super) fn notes(&mut self, f: &FileCtx, base: &[Seg], raw: &[RawNote]) -> Vec<Note> {
        raw.iter()
            .enumerate()
            .map(|(i, note)| {
                let at = join(base, &[Seg::Key("notes"), Seg::Index(i)]);
                let text = self.required(
                    f,
                    &join(&at, &[Seg::Key("text")]),
                    "note",
                    &note.text,
                    MAX_NOTE,
                );
                Note {
                    text: self.share(&text),
                    sources: self.sources(f, &at, "note", &note.sources),
                    personal: f.personal,
                }
            })
            .collect()
    }

    fn emergency_numbers(
        &mut self,
        f: &FileCtx,
        base: &[Seg],
        key: &str,
        raw: &[RawEmergencyNumber],
    ) -> Vec<EmergencyNumber> {
        let mut out = Vec::with_capacity(raw.len());
        for (i, n) in raw.iter().enumerate() {
            let at = join(base, &[Seg::Key(key), Seg::Index(i)]);
            let number = self.phone(f, &join(&at, &[Seg::Key("number")]), &n.number);
            let label = self.required(
                f,
                &join(&at, &[Seg::Key("label")]),
                "label",
                &n.label,
                MAX_NAME,
            );
            let label_zh = self.optional(
                f,
                &join(&at, &[Seg::Key("label_zh")]),
                "label_zh",
                &n.label_zh,
                MAX_NAME,
            );
            let note = self.optional(
                f,
                &join(&at, &[Seg::Key("note")]),
                "note",
                &n.note,
                MAX_NOTE,
            );
            let sources = self.sources(f, &at, "emergency number", &n.sources);
            if let Some(number) = number {
                out.push(EmergencyNumber {
                    number,
                    label,
                    label_zh,
                    note,
                    sources,
                });
            }
        }
        out
    }

    fn specialties(&mut self, f: &FileCtx, raw: &RawSpecialtyFile, dir: &mut Directory) {
        dir.specialties.reserve(raw.specialties.len());
        for (i, s) in raw.specialties.iter().enumerate() {
            let at = [Seg::Key("specialties"), Seg::Index(i)];
            let id = self.id(f, &join(&at, &[Seg::Key("id")]), &s.id);
            let name = self.required(
                f,
                &join(&at, &[Seg::Key("name")]),
                "name",
                &s.name,
                MAX_NAME,
            );
            let name_zh = self.required(
                f,
                &join(&at, &[Seg::Key("name_zh")]),
                "name_zh",
                &s.name_zh,
                MAX_NAME,
            );
            let aliases = self.aliases(f, &at, &s.aliases);
            dir.specialties.push(Specialty {
                id: SpecialtyId(id),
                name,
                name_zh,
                aliases,
            });
        }
    }

    pub(super) fn aliases(&mut self, f: &FileCtx, base: &[Seg], raw: &[Cow<str>]) -> Vec<String> {
        raw.iter()
            .enumerate()
            .map(|(i, a)| {
                let at = join(base, &[Seg::Key("aliases"), Seg::Index(i)]);
                self.required(f, &at, "alias", a, MAX_NAME)
            })
            .collect()
    }
}

/// A count or place in a `u32`, as the model and the checks keep them
/// (files are at most 4 MiB, so it always fits; it saturates otherwise).
pub(in crate::data) fn small(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The one copy of `value` in `set`, made the first time.
fn interned<T, S>(set: &mut FxHashSet<S>, value: &T) -> S
where
    T: ?Sized + Eq + Hash,
    S: Borrow<T> + Clone + Eq + Hash + for<'a> From<&'a T>,
{
    if let Some(shared) = set.get(value) {
        return shared.clone();
    }
    let shared = S::from(value);
    set.insert(shared.clone());
    shared
}
