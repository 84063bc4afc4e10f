//! The data rules: turns parsed files into a linked `Directory` and collects
//! every problem (ids, references, sources, confidence, phones, characters,
//! lengths, dates) with its `path:line:col`, rather than stopping at the first.
//! Every string that passes is sanitised on its way into the model.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use super::diagnostic::{Diagnostic, LineIndex};
use super::load::{Parsed, ParsedFile};
use super::locate::{Outline, Seg};
use super::phone::parse_phone;
use super::raw::*;
use crate::model::*;
use crate::text::{escaped, first_forbidden, sanitize};

mod merge;
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
    pub outline: &'a Outline,
    pub lines: &'a LineIndex,
    pub personal: bool,
}

#[derive(Default)]
pub(super) struct Validator {
    pub diagnostics: Vec<Diagnostic>,
    /// Every id seen (cities, facilities, specialties share one namespace),
    /// with where it is first defined.
    ids: HashMap<String, merge::Location>,
    /// E.164 number → the facility that lists it first, for the warning.
    phones: HashMap<String, String>,
    /// Take numbers of the checked shape as they are (`phone::trusted`):
    /// only for the embedded data, never for files on disk.
    pub trust_phones: bool,
    /// Validating one file on its own: the checks against other files
    /// (duplicate ids and numbers) wait in `pending` for `merge`.
    defer: bool,
    pending: Vec<merge::Pending>,
    /// The path of the file whose ids were recorded last, shared by them.
    last_path: Option<Arc<str>>,
    /// One copy of each text the file's records share (`share`).
    texts: HashSet<Arc<str>>,
    /// One copy of each list of sources the file's records cite.
    source_lists: HashSet<SourceList>,
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
    let is_specialties = |f: &&ParsedFile| matches!(f.content, Parsed::Specialties(_));
    for file in files.iter().filter(is_specialties) {
        let found = v.merge(&mut dir, file_result(file, &[], trust_phones));
        v.diagnostics.extend(found);
    }
    let mut results: Vec<FileResult> = files
        .iter()
        .filter(|f| !is_specialties(f))
        .map(|file| file_result(file, &dir.specialties, trust_phones))
        .collect();
    results.sort_by(|a, b| a.key.cmp(&b.key));
    v.reserve(results.iter());
    for result in results {
        let found = v.merge(&mut dir, result);
        v.diagnostics.extend(found);
    }
    (dir, v)
}

pub(super) fn ctx(file: &ParsedFile) -> FileCtx<'_> {
    FileCtx {
        path: &file.file.path,
        text: &file.file.text,
        outline: &file.outline,
        lines: &file.lines,
        personal: file.file.role == super::load::FileRole::Personal,
    }
}

impl Validator {
    pub(super) fn error(&mut self, f: &FileCtx, path: &[Seg], message: String) {
        let span = f.outline.span(path).unwrap_or(0..0);
        let (line, col) = f.lines.line_col(f.text, span.start);
        self.diagnostics
            .push(Diagnostic::error(f.path, line, col, message).with_span(span));
    }

    pub(super) fn origin(&mut self, f: &FileCtx, path: &[Seg]) -> Origin {
        let span = f.outline.span(path).unwrap_or(0..0);
        Origin {
            path: self.share(f.path),
            line: f.lines.line(span.start),
        }
    }

    /// The file's one copy of `text`: sources, roles, notes, dates and the
    /// file's path repeat across its records.
    pub(super) fn share(&mut self, text: &str) -> Arc<str> {
        if let Some(shared) = self.texts.get(text) {
            return shared.clone();
        }
        let shared: Arc<str> = Arc::from(text);
        self.texts.insert(shared.clone());
        shared
    }

    /// Checks a string's characters and length; returns it sanitised.
    fn text(&mut self, f: &FileCtx, path: &[Seg], field: &str, value: &str, max: usize) -> String {
        if let Some(plain) = merge::plain(value, max) {
            return plain;
        }
        if let Some((index, c, class)) = first_forbidden(value) {
            self.error(
                f,
                path,
                format!(
                    "{field} contains {} {class} (U+{:04X}) at character {}; remove it",
                    if class.starts_with(['a', 'e', 'i', 'o', 'u']) {
                        "an"
                    } else {
                        "a"
                    },
                    c as u32,
                    index + 1
                ),
            );
        }
        let len = value.chars().count();
        if len > max {
            self.error(
                f,
                path,
                format!("{field} is {len} characters long, over the limit of {max}"),
            );
        }
        sanitize(value)
    }

    pub(super) fn required(
        &mut self,
        f: &FileCtx,
        path: &[Seg],
        field: &str,
        value: &str,
        max: usize,
    ) -> String {
        let clean = self.text(f, path, field, value, max);
        if clean.is_empty() {
            self.error(f, path, format!("{field} is empty"));
        }
        clean
    }

    pub(super) fn optional(
        &mut self,
        f: &FileCtx,
        path: &[Seg],
        field: &str,
        value: &Option<String>,
        max: usize,
    ) -> Option<String> {
        let value = value.as_deref()?;
        Some(self.required(f, path, field, value, max)).filter(|s| !s.is_empty())
    }

    pub(super) fn id(&mut self, f: &FileCtx, path: &[Seg], id: &str) -> String {
        let valid = !id.is_empty()
            && id.len() <= 64
            && id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !valid {
            self.error(
                f,
                path,
                format!(
                    "id {} must be 1 to 64 characters of a-z, 0-9 and '-'",
                    escaped(id)
                ),
            );
        }
        let at = merge::At::new(f, path);
        self.check(f.path, at, merge::Check::Id(id.to_string()));
        id.to_string()
    }

    fn sources(&mut self, f: &FileCtx, path: &[Seg], what: &str, list: &[String]) -> SourceList {
        let at = join(path, &[Seg::Key("sources")]);
        if list.is_empty() && !f.personal {
            self.error(
                f,
                &at,
                format!("{what} has no source; name where this fact comes from"),
            );
        }
        let sources = list
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let item = join(&at, &[Seg::Index(i)]);
                let source = self.required(f, &item, "source", s, MAX_LINE);
                Source(self.share(&source))
            })
            .collect::<Vec<Source>>();
        if let Some(shared) = self.source_lists.get(&sources[..]) {
            return shared.clone();
        }
        let shared: SourceList = sources.into();
        self.source_lists.insert(shared.clone());
        shared
    }

    fn confidence(
        &mut self,
        f: &FileCtx,
        path: &[Seg],
        raw: Confidence,
        sources: &[Source],
    ) -> Confidence {
        let mut distinct: Vec<&str> = sources.iter().map(Source::as_str).collect();
        distinct.sort_unstable();
        distinct.dedup();
        if raw == Confidence::Corroborated && distinct.len() < 2 {
            self.error(
                f,
                &join(path, &[Seg::Key("confidence")]),
                format!(
                    "confidence Corroborated needs at least two independent sources; found {}",
                    distinct.len()
                ),
            );
        }
        raw
    }

    fn phone(&mut self, f: &FileCtx, path: &[Seg], text: &str) -> Option<Phone> {
        if first_forbidden(text).is_some() {
            self.text(f, path, "phone number", text, MAX_NAME);
            return None;
        }
        if self.trust_phones
            && let Some(phone) = super::phone::trusted(text)
        {
            return Some(phone);
        }
        match parse_phone(text) {
            Ok(phone) => Some(phone),
            Err(message) => {
                self.error(f, path, message);
                None
            }
        }
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
                id: SpecialtyId(Arc::from(id)),
                name,
                name_zh,
                aliases,
            });
        }
    }

    pub(super) fn aliases(&mut self, f: &FileCtx, base: &[Seg], raw: &[String]) -> Vec<String> {
        raw.iter()
            .enumerate()
            .map(|(i, a)| {
                let at = join(base, &[Seg::Key("aliases"), Seg::Index(i)]);
                self.required(f, &at, "alias", a, MAX_NAME)
            })
            .collect()
    }
}
