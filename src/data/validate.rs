//! The data rules: turns parsed files into a linked `Directory` in one pass
//! over them, in the order they are read, and collects every problem (ids,
//! references, sources, confidence, phones, characters, lengths, dates)
//! with its `path:line:col`, rather than stopping at the first. Every
//! string that passes is sanitised on its way into the model. The rules
//! read a parsed file and copy what they keep, so a file is freed whole by
//! the thread that parsed it (`data::each_parsed`).
//!
//! The checks across files run as each file is met: an id is defined once
//! in all the files (the later definition is the error, naming the first),
//! a cited source is in the bibliography (`sources.ron`, read first), and a
//! number listed for two facilities is a warning on the later one. A badge
//! must be what its sources can back: `Official` needs the institution's
//! own site, `Corroborated` two publishers, and app code alone backs no
//! number or address. When the pass ends, cities are put in list order
//! (`order`, then id) and a source no record cites is a warning.

use std::collections::HashSet;
use std::sync::Arc;

use rustc_hash::{FxHashMap, FxHashSet};
use smallvec::SmallVec;

use super::diagnostic::LineIndex;
use super::diagnostic::{Diagnostic, display_path};
use super::load::{FileRole, Parsed, ParsedFile};
use super::locate::Outline;
use super::locate::Seg;
use super::phone::PhoneRule;
use super::raw::*;
use super::rejected::{Ledger, TextKind};
use crate::model::*;
use crate::text::{escaped, first_forbidden, sanitized};

pub(super) const MAX_NAME: usize = 200;
const MAX_LINE: usize = 400;
pub(super) const MAX_NOTE: usize = 2000;

/// One file being validated: where to point diagnostics, and whether it is
/// a personal file (whose records may have no source: their source is the
/// user).
pub(super) struct FileCtx<'a> {
    pub path: &'a str,
    file: Arc<str>,
    text: &'a str,
    lines: &'a LineIndex,
    outline: &'a Outline,
    pub personal: bool,
}

impl FileCtx<'_> {
    /// The byte span of the value at `path`, and its `line:col`.
    fn at(&self, path: &[Seg]) -> (std::ops::Range<usize>, usize, usize) {
        let span = self.outline.span(path).unwrap_or(0..0);
        let (line, col) = self.lines.line_col(self.text, span.start);
        (span, line, col)
    }

    /// Where the value at `path` is: its file and line.
    pub fn origin(&self, path: &[Seg]) -> Origin {
        let span = self.outline.span(path).unwrap_or(0..0);
        Origin {
            file: self.file.clone(),
            line: self.lines.line(span.start),
        }
    }
}

/// What locates the values of `file` for its diagnostics and origins.
pub(super) fn ctx(file: &ParsedFile) -> FileCtx<'_> {
    FileCtx {
        path: &file.path,
        file: Arc::from(file.path.as_str()),
        text: &file.text,
        lines: &file.lines,
        outline: &file.outline,
        personal: file.role == FileRole::Personal,
    }
}

/// `base` followed by `more`: a path the rules build for nearly every
/// field, on the stack (only a diagnostic or an origin reads it).
pub(super) fn join<'a>(base: &[Seg<'a>], more: &[Seg<'a>]) -> SmallVec<[Seg<'a>; 8]> {
    base.iter().chain(more).copied().collect()
}

/// Where an id is first defined.
struct Location {
    path: Arc<str>,
    line: usize,
    col: usize,
}

/// A shipped city, validated: its place in the list, and the city, whose
/// `facilities` are indices into `Validator::facilities`.
struct CityPart {
    key: (u32, String),
    city: City,
}

#[derive(Default)]
pub(super) struct Validator {
    pub diagnostics: Vec<Diagnostic>,
    /// libphonenumber, made when the first number that is not trusted is met.
    phone_rule: Option<PhoneRule>,
    /// Take numbers of the checked shape as they are (`phone::trusted`):
    /// only for the embedded data, never for files on disk.
    pub trust_phones: bool,
    /// The vocabulary, once `specialties.ron` is read; `None` when it could
    /// not be read or parsed: a facility's link to a specialty is then not
    /// checked (the file's own error says why; a hundred "unknown
    /// specialty" errors would bury it).
    specialties: Option<Vec<Specialty>>,
    emergency: Vec<EmergencyNumber>,
    emergency_notes: Vec<Note>,
    cities: Vec<CityPart>,
    /// The shipped facilities, in the order their files were read.
    facilities: Vec<Facility>,
    /// Every id seen (cities, facilities, specialties share one namespace),
    /// with where it is first defined. (FxHash: the keys come from data
    /// files, not from a network, and SipHash was a tenth of a load.)
    ids: FxHashMap<Arc<str>, Location>,
    /// Every number seen (its E.164 form), with the facility listing it first.
    phones: FxHashMap<String, Arc<str>>,
    /// One copy of each text records repeat (roles, notes, dates), and of
    /// each list of sources.
    texts: FxHashSet<Arc<str>>,
    source_lists: FxHashSet<Sources>,
    /// The bibliography, once `sources.ron` is read (`None` before, or when
    /// it could not be: citations are then not checked, as specialties).
    bibliography: Option<FxHashMap<Arc<str>, usize>>,
    /// Its sources in file order, each with the warning it earns if no
    /// shipped record cites it (`None` once one does).
    cited: Vec<(Arc<Source>, Option<Diagnostic>)>,
    phrases: Vec<Phrase>,
    tell_120: Vec<Note>,
    /// The values that must never ship (`rejected.ron`).
    rejected: Ledger,
}

impl Validator {
    pub fn new(trust_phones: bool) -> Validator {
        Validator {
            trust_phones,
            ..Validator::default()
        }
    }

    /// Validates one shipped file; returns its diagnostics.
    pub fn file(&mut self, file: &ParsedFile) -> Vec<Diagnostic> {
        let f = ctx(file);
        match &file.content {
            Parsed::Sources(raw) => self.source_file(&f, raw),
            Parsed::Phrases(raw) => self.phrase_file(&f, raw),
            Parsed::Specialties(raw) => self.specialty_file(&f, raw),
            Parsed::Emergency(raw) => {
                self.emergency = self.emergency_numbers(&f, &[], "numbers", &raw.numbers);
                self.emergency_notes = self.notes(&f, &[], &raw.notes);
            }
            Parsed::City(raw) => {
                let stem = match &file.role {
                    FileRole::City { stem } => stem.as_str(),
                    _ => "",
                };
                let part = self.city(&f, stem, raw);
                self.cities.push(part);
            }
            Parsed::Rejected(ledger) => self.ledger(&f, ledger),
            Parsed::Personal(_) => {}
        }
        std::mem::take(&mut self.diagnostics)
    }

    /// The directory of the shipped files validated so far: cities in list
    /// order (by `order`, then id), their facilities city by city.
    pub fn directory(&mut self) -> Directory {
        let mut parts = std::mem::take(&mut self.cities);
        parts.sort_by(|a, b| a.key.cmp(&b.key));
        let mut facilities = std::mem::take(&mut self.facilities);
        // The facilities city by city in list order, moved in place: a
        // province's facilities take tens of megabytes, twice over if copied.
        let mut order: Vec<usize> = parts
            .iter()
            .flat_map(|p| p.city.facilities.iter().copied())
            .collect();
        for i in 0..order.len() {
            let mut at = i;
            while order[at] != i {
                let from = order[at];
                facilities.swap(at, from);
                order[at] = at;
                at = from;
            }
            order[at] = at;
        }
        let mut next = 0;
        let cities = parts
            .into_iter()
            .enumerate()
            .map(|(index, part)| {
                let mut city = part.city;
                for i in &mut city.facilities {
                    *i = next;
                    facilities[next].city = index;
                    next += 1;
                }
                city
            })
            .collect();
        Directory {
            sources: self.cited.iter().map(|(s, _)| s.clone()).collect(),
            phrases: std::mem::take(&mut self.phrases),
            tell_120: std::mem::take(&mut self.tell_120),
            specialties: self.specialties.clone().unwrap_or_default(),
            emergency: std::mem::take(&mut self.emergency),
            emergency_notes: std::mem::take(&mut self.emergency_notes),
            cities,
            facilities,
        }
    }

    /// A warning for each source of the bibliography that no shipped record
    /// cited: called once the shipped files are validated.
    pub fn unused_sources(&mut self) -> Vec<Diagnostic> {
        self.cited
            .iter_mut()
            .filter_map(|(_, d)| d.take())
            .collect()
    }

    pub fn error(&mut self, f: &FileCtx, path: &[Seg], message: String) {
        let (span, line, col) = f.at(path);
        self.diagnostics
            .push(Diagnostic::error(f.path, line, col, message).with_span(span));
    }

    fn warning(&mut self, f: &FileCtx, path: &[Seg], message: String) {
        let (span, line, col) = f.at(path);
        self.diagnostics
            .push(Diagnostic::warning(f.path, line, col, message).with_span(span));
    }

    // --- Fields ------------------------------------------------------------

    /// Checks a string's characters and length; returns it sanitised.
    fn text(&mut self, f: &FileCtx, path: &[Seg], field: &str, value: &str, max: usize) -> String {
        if let Some((index, c, class)) = first_forbidden(value) {
            let article = if class.starts_with(['a', 'e', 'i', 'o', 'u']) {
                "an"
            } else {
                "a"
            };
            let message = format!(
                "{field} contains {article} {class} (U+{:04X}) at character {}; remove it",
                c as u32,
                index + 1
            );
            self.error(f, path, message);
        }
        let len = value.chars().count();
        if len > max {
            let message = format!("{field} is {len} characters long, over the limit of {max}");
            self.error(f, path, message);
        }
        let found = self.rejected.text(TextKind::Any, value);
        self.refuse(f, path, found);
        sanitized(value)
    }

    pub fn required(
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

    pub fn optional(
        &mut self,
        f: &FileCtx,
        path: &[Seg],
        field: &str,
        value: Option<&str>,
        max: usize,
    ) -> Option<String> {
        Some(self.required(f, path, field, value?, max)).filter(|s| !s.is_empty())
    }

    /// The one copy of `text`.
    fn share(&mut self, text: &str) -> Arc<str> {
        if let Some(shared) = self.texts.get(text) {
            return shared.clone();
        }
        let shared: Arc<str> = Arc::from(text);
        self.texts.insert(shared.clone());
        shared
    }

    /// Checks an id's form and that it is new in all the files.
    pub fn id(&mut self, f: &FileCtx, path: &[Seg], id: &str) -> Arc<str> {
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
        let (span, line, col) = f.at(path);
        if let Some((shared, first)) = self.ids.get_key_value(id) {
            let message = format!(
                "duplicate id {}: also defined at {}:{}:{}",
                escaped(id),
                display_path(&first.path),
                first.line,
                first.col
            );
            let shared = shared.clone();
            self.diagnostics
                .push(Diagnostic::error(f.path, line, col, message).with_span(span));
            return shared;
        }
        let shared: Arc<str> = Arc::from(id);
        let path = f.file.clone();
        self.ids
            .insert(shared.clone(), Location { path, line, col });
        shared
    }

    /// Resolves a record's citations in the bibliography; an unknown id is
    /// an error where it is cited.
    pub fn sources(&mut self, f: &FileCtx, path: &[Seg], what: &str, list: &[String]) -> Sources {
        let at = join(path, &[Seg::Key("sources")]);
        if list.is_empty() && !f.personal {
            self.error(
                f,
                &at,
                format!("{what} has no source; name where this fact comes from"),
            );
        }
        let mut out = Vec::with_capacity(list.len());
        for (i, id) in list.iter().enumerate() {
            let Some(known) = &self.bibliography else {
                continue;
            };
            match known.get(id.as_str()) {
                Some(&index) => {
                    let (source, unused) = &mut self.cited[index];
                    if !f.personal {
                        *unused = None;
                    }
                    if !out.contains(source) {
                        out.push(source.clone());
                    }
                }
                None => {
                    let message = format!(
                        "unknown source {}; add it to sources.ron or fix the spelling",
                        escaped(id)
                    );
                    self.error(f, &join(&at, &[Seg::Index(i)]), message);
                }
            }
        }
        if let Some(shared) = self.source_lists.get(&out[..]) {
            return shared.clone();
        }
        let shared: Sources = out.into();
        self.source_lists.insert(shared.clone());
        shared
    }

    /// The label rules: a badge claims no more than its sources back.
    /// `cited` is the list as written, `sources` what it resolved to.
    fn confidence(
        &mut self,
        f: &FileCtx,
        path: &[Seg],
        raw: Confidence,
        cited: &[String],
        sources: &[Arc<Source>],
    ) -> Confidence {
        let at = join(path, &[Seg::Key("confidence")]);
        let distinct: HashSet<&str> = cited.iter().map(String::as_str).collect();
        let publishers: HashSet<&str> = sources.iter().map(|s| s.publisher.as_str()).collect();
        let message = match raw {
            Confidence::Corroborated if distinct.len() < 2 => format!(
                "confidence Corroborated needs at least two independent sources; found {}",
                distinct.len()
            ),
            Confidence::Corroborated if publishers.len() == 1 && sources.len() > 1 => format!(
                "confidence Corroborated needs sources from two different publishers; these are all from {}",
                escaped(&sources[0].publisher)
            ),
            Confidence::Official
                if !sources.is_empty()
                    && sources.iter().all(|s| s.kind != SourceKind::Official) =>
            {
                let kinds: Vec<&str> = sources.iter().map(|s| s.kind.label()).collect();
                format!(
                    "confidence Official needs a source of kind official (the institution's own site); found {}",
                    kinds.join(", ")
                )
            }
            _ => return raw,
        };
        self.error(f, &at, message);
        raw
    }

    /// App sample, mock and seed data never back a phone number or an
    /// address on their own.
    fn not_app_code_alone(
        &mut self,
        f: &FileCtx,
        path: &[Seg],
        what: &str,
        sources: &[Arc<Source>],
    ) {
        if !sources.is_empty() && sources.iter().all(|s| s.kind == SourceKind::AppCode) {
            let message = format!(
                "{what} rests on app code alone (sources of kind app_code); add a source that is not app code, or remove it"
            );
            self.error(f, &join(path, &[Seg::Key("sources")]), message);
        }
    }

    fn phone(&mut self, f: &FileCtx, path: &[Seg], text: &str) -> Option<Phone> {
        if first_forbidden(text).is_some() {
            self.text(f, path, "phone number", text, MAX_NAME);
            return None;
        }
        let trusted = self.trust_phones.then(|| super::phone::trusted(text));
        let checked = match trusted.flatten() {
            Some(phone) => Ok(phone),
            None => (self.phone_rule.get_or_insert_with(PhoneRule::new)).check(text),
        };
        let phone = match checked {
            Ok(phone) => phone,
            Err(message) => {
                self.error(f, path, message);
                return None;
            }
        };
        // A number the research withholds, however it is written.
        let found = self.rejected.number(&phone.e164);
        self.refuse(f, path, found);
        Some(phone)
    }

    pub fn notes(&mut self, f: &FileCtx, base: &[Seg], raw: &[RawNote]) -> Vec<Note> {
        self.notes_in(f, base, "notes", raw)
    }

    fn notes_in(&mut self, f: &FileCtx, base: &[Seg], key: &str, raw: &[RawNote]) -> Vec<Note> {
        let mut out = Vec::with_capacity(raw.len());
        for (i, note) in raw.iter().enumerate() {
            let at = join(base, &[Seg::Key(key), Seg::Index(i)]);
            let text_at = join(&at, &[Seg::Key("text")]);
            let text = self.required(f, &text_at, "note", &note.text, MAX_NOTE);
            out.push(Note {
                text: self.share(&text),
                sources: self.sources(f, &at, "note", &note.sources),
                personal: f.personal,
            });
        }
        out
    }

    pub fn aliases(&mut self, f: &FileCtx, base: &[Seg], raw: &[String]) -> Vec<String> {
        raw.iter()
            .enumerate()
            .map(|(i, a)| {
                let at = join(base, &[Seg::Key("aliases"), Seg::Index(i)]);
                self.required(f, &at, "alias", a, MAX_NAME)
            })
            .collect()
    }

    pub fn pinyin(&mut self, f: &FileCtx, base: &[Seg], raw: Option<&str>) -> Option<String> {
        let at = join(base, &[Seg::Key("pinyin")]);
        let value = self.optional(f, &at, "pinyin", raw, MAX_NAME)?;
        if !value.chars().all(|c| c.is_ascii_lowercase() || c == ' ') {
            self.error(
                f,
                &at,
                format!(
                    "pinyin {} must be toneless lower-case syllables separated by spaces, e.g. \"chong qing\"",
                    escaped(&value)
                ),
            );
        }
        Some(value)
    }

    /// Checks the ledger's own entries (each says why and where from) and
    /// keeps it for the files that follow.
    fn ledger(&mut self, f: &FileCtx, ledger: &Ledger) {
        let entries = ledger
            .numbers
            .iter()
            .map(|n| ("numbers", &n.reason, &n.sources));
        let entries = entries.chain(
            ledger
                .texts
                .iter()
                .map(|t| ("texts", &t.reason, &t.sources)),
        );
        for (i, (list, reason, sources)) in entries.enumerate() {
            let i = if list == "texts" {
                i - ledger.numbers.len()
            } else {
                i
            };
            let at = [Seg::Key(list), Seg::Index(i)];
            self.required(
                f,
                &join(&at, &[Seg::Key("reason")]),
                "reason",
                reason,
                MAX_NOTE,
            );
            // A ledger entry's sources are sections of the research notes
            // that withhold the value, not bibliography entries: the value
            // is not a fact the directory states.
            let sources_at = join(&at, &[Seg::Key("sources")]);
            if sources.is_empty() {
                let message =
                    "rejected value has no source; name the research section that withholds it";
                self.error(f, &sources_at, message.to_string());
            }
            for (i, source) in sources.iter().enumerate() {
                let item = join(&sources_at, &[Seg::Index(i)]);
                self.required(f, &item, "source", source, MAX_LINE);
            }
        }
        for (i, number) in ledger.numbers.iter().enumerate() {
            if super::rejected::national(&number.number).len() < 3 {
                let at = [Seg::Key("numbers"), Seg::Index(i), Seg::Key("number")];
                let message = format!("{:?} is not a phone number", number.number);
                self.error(f, &at, message);
            }
        }
        self.rejected = ledger.prepared();
    }

    /// An error at `path` when the ledger holds `value`'s number, address
    /// or website (`found`).
    fn refuse(&mut self, f: &FileCtx, path: &[Seg], found: Option<String>) {
        if let Some(message) = found {
            self.error(f, path, message);
        }
    }

    fn website(&mut self, f: &FileCtx, at: &[Seg], raw: Option<&str>) -> Option<String> {
        let value = self.optional(f, at, "website", raw, MAX_LINE)?;
        let found = self.rejected.text(TextKind::Website, &value);
        self.refuse(f, at, found);
        self.http_url(f, at, "website", value)
    }

    /// `value` when it is an http:// or https:// URL, else an error.
    fn http_url(&mut self, f: &FileCtx, at: &[Seg], field: &str, value: String) -> Option<String> {
        match url::Url::parse(&value) {
            Ok(url) if matches!(url.scheme(), "http" | "https") && url.host().is_some() => {
                Some(value)
            }
            _ => {
                let message = format!(
                    "{field} {} must be an http:// or https:// URL",
                    escaped(&value)
                );
                self.error(f, at, message);
                None
            }
        }
    }

    // --- Records -----------------------------------------------------------

    /// The bibliography: each source once, with a title and publisher a
    /// reader can weigh, a kind, and a URL or a reference to find it by.
    fn source_file(&mut self, f: &FileCtx, raw: &RawSourceFile) {
        let mut index = FxHashMap::default();
        for (i, s) in raw.sources.iter().enumerate() {
            let at = [Seg::Key("sources"), Seg::Index(i)];
            let key = |k| join(&at, &[Seg::Key(k)]);
            let id = self.id(f, &key("id"), &s.id);
            let title = self.required(f, &key("title"), "title", &s.title, MAX_LINE);
            let publisher =
                self.required(f, &key("publisher"), "publisher", &s.publisher, MAX_NAME);
            let date = self.optional(f, &key("date"), "date", s.date.as_deref(), MAX_NAME);
            if let Some(date) = &date
                && !valid_source_date(date)
            {
                let message = format!(
                    "date {} must be written YYYY, YYYY-MM or YYYY-MM-DD",
                    escaped(date)
                );
                self.error(f, &key("date"), message);
            }
            let url = self
                .optional(f, &key("url"), "url", s.url.as_deref(), MAX_LINE)
                .and_then(|url| self.http_url(f, &key("url"), "url", url));
            let reference = self.optional(
                f,
                &key("reference"),
                "reference",
                s.reference.as_deref(),
                MAX_LINE,
            );
            if url.is_none() && reference.is_none() {
                let message = format!(
                    "source {} has neither a url nor a reference; say where a reader can find it",
                    escaped(&id)
                );
                self.error(f, &at, message);
            }
            let (span, line, col) = f.at(&key("id"));
            let unused = format!(
                "source {} is cited by no record; cite it or remove it",
                escaped(&id)
            );
            let unused = Diagnostic::warning(f.path, line, col, unused).with_span(span);
            index.entry(id.clone()).or_insert(self.cited.len());
            let source = Source {
                id,
                title,
                publisher,
                kind: s.kind,
                date,
                url,
                reference,
            };
            self.cited.push((Arc::new(source), Some(unused)));
        }
        self.bibliography = Some(index);
    }

    /// The emergency phrase card and what to tell 120: every line sourced,
    /// its badge held to the same rules as a phone number's.
    fn phrase_file(&mut self, f: &FileCtx, raw: &RawPhraseFile) {
        for (i, p) in raw.phrases.iter().enumerate() {
            let at = [Seg::Key("phrases"), Seg::Index(i)];
            let key = |k| join(&at, &[Seg::Key(k)]);
            let sources = self.sources(f, &at, "phrase", &p.sources);
            let phrase = Phrase {
                situation: p.situation,
                zh: self.required(f, &key("zh"), "zh", &p.zh, MAX_LINE),
                pinyin: self.optional(f, &key("pinyin"), "pinyin", p.pinyin.as_deref(), MAX_LINE),
                en: self.required(f, &key("en"), "en", &p.en, MAX_LINE),
                confidence: self.confidence(f, &at, p.confidence, &p.sources, &sources),
                sources,
                note: self.optional(f, &key("note"), "note", p.note.as_deref(), MAX_NOTE),
            };
            self.phrases.push(phrase);
        }
        self.tell_120 = self.notes_in(f, &[], "tell_120", &raw.tell_120);
    }

    fn specialty_file(&mut self, f: &FileCtx, raw: &RawSpecialtyFile) {
        let mut list = Vec::with_capacity(raw.specialties.len());
        for (i, s) in raw.specialties.iter().enumerate() {
            let at = [Seg::Key("specialties"), Seg::Index(i)];
            let key = |k| join(&at, &[Seg::Key(k)]);
            list.push(Specialty {
                id: SpecialtyId(self.id(f, &key("id"), &s.id)),
                name: self.required(f, &key("name"), "name", &s.name, MAX_NAME),
                name_zh: self.required(f, &key("name_zh"), "name_zh", &s.name_zh, MAX_NAME),
                aliases: self.aliases(f, &at, &s.aliases),
            });
        }
        self.specialties = Some(list);
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
            let field = |k| join(&at, &[Seg::Key(k)]);
            let number = self.phone(f, &field("number"), &n.number);
            let label = self.required(f, &field("label"), "label", &n.label, MAX_NAME);
            let label_zh = self.optional(
                f,
                &field("label_zh"),
                "label_zh",
                n.label_zh.as_deref(),
                MAX_NAME,
            );
            let note = self.optional(f, &field("note"), "note", n.note.as_deref(), MAX_NOTE);
            let sources = self.sources(f, &at, "emergency number", &n.sources);
            self.not_app_code_alone(f, &at, "phone number", &sources);
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

    fn city(&mut self, f: &FileCtx, stem: &str, raw: &RawCity) -> CityPart {
        let id = self.id(f, &[Seg::Key("id")], &raw.id);
        if *id != *stem {
            self.error(
                f,
                &[Seg::Key("id")],
                format!(
                    "city id {} differs from its file name {}; rename one so they match",
                    escaped(&id),
                    escaped(&format!("{stem}.ron"))
                ),
            );
        }
        let first = self.facilities.len();
        for (i, facility) in raw.facilities.iter().enumerate() {
            let facility = self.facility(f, &[Seg::Key("facilities"), Seg::Index(i)], facility);
            self.facilities.push(facility);
        }
        let key = |k| [Seg::Key(k)];
        let city = City {
            name: self.required(f, &key("name"), "name", &raw.name, MAX_NAME),
            name_zh: self.optional(
                f,
                &key("name_zh"),
                "name_zh",
                raw.name_zh.as_deref(),
                MAX_NAME,
            ),
            pinyin: self.pinyin(f, &[], raw.pinyin.as_deref()),
            aliases: self.aliases(f, &[], &raw.aliases),
            province: self.optional(
                f,
                &key("province"),
                "province",
                raw.province.as_deref(),
                MAX_NAME,
            ),
            province_zh: self.optional(
                f,
                &key("province_zh"),
                "province_zh",
                raw.province_zh.as_deref(),
                MAX_NAME,
            ),
            emergency: self.emergency_numbers(f, &[], "emergency", &raw.emergency),
            notes: self.notes(f, &[], &raw.notes),
            sources: match raw.sources.is_empty() {
                true => Sources::from([]),
                false => self.sources(f, &[], "city", &raw.sources),
            },
            personal: false,
            facilities: (first..self.facilities.len()).collect(),
            origin: f.origin(&key("id")),
            id: CityId(id),
        };
        CityPart {
            key: (raw.order.unwrap_or(u32::MAX), raw.id.clone()),
            city,
        }
    }

    /// A facility of the file's city (`Facility::city` is set when the
    /// city takes its place in the directory).
    pub fn facility(&mut self, f: &FileCtx, at: &[Seg], raw: &RawFacility) -> Facility {
        let key = |k| join(at, &[Seg::Key(k)]);
        let id = self.id(f, &key("id"), &raw.id);
        let sources = self.sources(f, at, "facility", &raw.sources);
        let grade = raw.grade.as_ref().map(|g| Grade {
            level: g.level,
            sources: self.sources(f, &key("grade"), "grade", &g.sources),
        });
        let specialties = self.facility_specialties(f, at, &raw.specialties);
        let contacts = self.contacts(f, at, &id, &raw.contacts);
        let address = raw
            .address
            .as_ref()
            .and_then(|a| self.address(f, &key("address"), a));
        let website = self.website(f, &key("website"), raw.website.as_deref());
        let verified = &raw.verified;
        let valid =
            verified.len() == 10 && chrono::NaiveDate::parse_from_str(verified, "%Y-%m-%d").is_ok();
        if !valid {
            self.error(
                f,
                &key("verified"),
                format!(
                    "verified date {} must be a real date written YYYY-MM-DD",
                    escaped(verified)
                ),
            );
        }
        // The ledger's names: a 汉字 name seen only in app code is not a name.
        let name = self.required(f, &key("name"), "name", &raw.name, MAX_NAME);
        let name_zh = self.optional(
            f,
            &key("name_zh"),
            "name_zh",
            raw.name_zh.as_deref(),
            MAX_NAME,
        );
        let aliases = self.aliases(f, at, &raw.aliases);
        let alias_at = (0..aliases.len()).map(|i| join(at, &[Seg::Key("aliases"), Seg::Index(i)]));
        let names = [
            (key("name"), Some(&name)),
            (key("name_zh"), name_zh.as_ref()),
        ];
        for (path, value) in names
            .into_iter()
            .chain(alias_at.zip(aliases.iter().map(Some)))
        {
            let found = value.and_then(|v| self.rejected.text(TextKind::Name, v));
            self.refuse(f, &path, found);
        }
        Facility {
            name,
            name_zh,
            pinyin: self.pinyin(f, at, raw.pinyin.as_deref()),
            aliases,
            kind: raw.kind,
            ownership: raw.ownership,
            grade,
            specialties,
            contacts,
            address,
            website,
            notes: self.notes(f, at, &raw.notes),
            sources,
            verified: self.share(&sanitized(verified)),
            personal: f.personal,
            city: 0,
            origin: f.origin(&key("id")),
            id: FacilityId(id),
        }
    }

    fn facility_specialties(
        &mut self,
        f: &FileCtx,
        at: &[Seg],
        raw: &[RawFacilitySpecialty],
    ) -> Vec<FacilitySpecialty> {
        let mut out: Vec<FacilitySpecialty> = Vec::with_capacity(raw.len());
        for (i, s) in raw.iter().enumerate() {
            let item = join(at, &[Seg::Key("specialties"), Seg::Index(i)]);
            let id_at = join(&item, &[Seg::Key("id")]);
            let note_at = join(&item, &[Seg::Key("note")]);
            let note = self.optional(f, &note_at, "note", s.note.as_deref(), MAX_NOTE);
            let sources = if note.is_some() || !s.sources.is_empty() {
                self.sources(f, &item, "specialty note", &s.sources)
            } else {
                Sources::from([])
            };
            let note = note.map(|note| self.share(&note));
            let Some(known) = &self.specialties else {
                continue;
            };
            let found = known.iter().position(|d| d.id.as_str() == s.id);
            let Some(index) = found else {
                self.error(
                    f,
                    &id_at,
                    format!(
                        "unknown specialty id {}; add it to specialties.ron or fix the spelling",
                        escaped(&s.id)
                    ),
                );
                continue;
            };
            if out.iter().any(|o| o.index == index) {
                let message = format!("specialty {} is listed twice", escaped(&s.id));
                self.error(f, &id_at, message);
                continue;
            }
            out.push(FacilitySpecialty {
                index,
                note,
                sources,
            });
        }
        out
    }

    pub fn contacts(
        &mut self,
        f: &FileCtx,
        at: &[Seg],
        facility: &Arc<str>,
        raw: &[RawContact],
    ) -> Vec<Contact> {
        let mut out = Vec::with_capacity(raw.len());
        for (i, c) in raw.iter().enumerate() {
            let item = join(at, &[Seg::Key("contacts"), Seg::Index(i)]);
            let field = |k| join(&item, &[Seg::Key(k)]);
            let role = self.required(f, &field("role"), "role", &c.role, MAX_NAME);
            let phone = self.phone(f, &field("phone"), &c.phone);
            let sources = self.sources(f, &item, "phone number", &c.sources);
            let confidence = self.confidence(f, &item, c.confidence, &c.sources, &sources);
            self.not_app_code_alone(f, &item, "phone number", &sources);
            let note = self.optional(f, &field("note"), "note", c.note.as_deref(), MAX_NOTE);
            let Some(phone) = phone else { continue };
            self.number_seen(f, &field("phone"), &phone, facility);
            let note = note.map(|note| self.share(&note));
            out.push(Contact {
                role: self.share(&role),
                phone,
                confidence,
                sources,
                note,
                personal: f.personal,
                origin: f.origin(&field("phone")),
            });
        }
        out
    }

    /// A warning when the number was listed for another facility first.
    fn number_seen(&mut self, f: &FileCtx, path: &[Seg], phone: &Phone, facility: &Arc<str>) {
        let first = self
            .phones
            .entry(phone.e164.clone())
            .or_insert_with(|| facility.clone());
        if first != facility {
            let message = format!(
                "phone number {} is also listed for {}; check that both are right",
                phone.display,
                escaped(first)
            );
            self.warning(f, path, message);
        }
    }

    fn address(&mut self, f: &FileCtx, at: &[Seg], raw: &RawAddress) -> Option<Address> {
        let mut form = |key, raw: &Option<String>| {
            let path = join(at, &[Seg::Key(key)]);
            let value = self.optional(f, &path, "address", raw.as_deref(), MAX_LINE);
            let found = value
                .as_deref()
                .and_then(|v| self.rejected.text(TextKind::Address, v));
            self.refuse(f, &path, found);
            value
        };
        let (en, zh) = (form("en", &raw.en), form("zh", &raw.zh));
        let sources = self.sources(f, at, "address", &raw.sources);
        let confidence = self.confidence(f, at, raw.confidence, &raw.sources, &sources);
        self.not_app_code_alone(f, at, "address", &sources);
        if en.is_none() && zh.is_none() {
            self.error(
                f,
                at,
                "address has neither an `en` nor a `zh` form; remove it or fill one in".to_string(),
            );
            return None;
        }
        Some(Address {
            en,
            zh,
            confidence,
            sources,
        })
    }
}

/// A source's date: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, a real one.
fn valid_source_date(date: &str) -> bool {
    let full = match date.len() {
        4 => format!("{date}-01-01"),
        7 => format!("{date}-01"),
        10 => date.to_string(),
        _ => return false,
    };
    date.bytes().take(4).all(|b| b.is_ascii_digit())
        && chrono::NaiveDate::parse_from_str(&full, "%Y-%m-%d").is_ok()
}

/// Adds a city and its facilities at the end of the directory.
pub(super) fn add_city(dir: &mut Directory, mut city: City, facilities: Vec<Facility>) {
    let index = dir.cities.len();
    for mut facility in facilities {
        facility.city = index;
        city.facilities.push(dir.facilities.len());
        dir.facilities.push(facility);
    }
    dir.cities.push(city);
}
