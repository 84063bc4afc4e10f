//! Validating files apart and merging them: each file is checked on its own
//! (`file_result`, so files can be checked on several threads and dropped once
//! checked) and the checks against other files — duplicate ids and numbers
//! — wait as `Pending` entries (`across`) that record where the file's
//! diagnostics stood. `Validator::merge` replays them in list order, so
//! every diagnostic comes out as one pass over all files would emit it.

use unicode_normalization::{IsNormalized, is_nfc_quick};

use arcstr::ArcStr;

use super::across::{NumberCheck, Pending, packed};
use super::{Validator, ctx};
use crate::data::diagnostic::Diagnostic;
use crate::data::load::{FileRole, Parsed, ParsedFile};
use crate::model::{City, Directory, EmergencyNumber, Facility, Note, Specialty};
use crate::text::is_forbidden;

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
    /// The ids' checks against other files, and the ids.
    pending: Vec<Pending>,
    ids: Vec<ArcStr>,
    /// The numbers' checks, one per contact of `content`, in order.
    numbers: Vec<NumberCheck>,
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
pub fn file_result(
    file: &ParsedFile,
    specialties: Option<&[Specialty]>,
    trust: bool,
) -> FileResult {
    let (ids, numbers) = checks(file);
    let mut v = Validator {
        trust_phones: trust,
        vocabulary_missing: specialties.is_none(),
        defer: true,
        pending: Vec::with_capacity(ids),
        waiting_ids: Vec::with_capacity(ids),
        waiting_numbers: Vec::with_capacity(numbers),
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
            v.city(&f, stem, raw, specialties.unwrap_or_default(), &mut dir);
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
        ids: v.waiting_ids,
        numbers: v.waiting_numbers,
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

/// At most how many checks against other files a file leaves for
/// `merge`, of ids and of numbers (a city's own id and its facilities',
/// their contacts; each specialty's id), so that the lists are made once.
fn checks(file: &ParsedFile) -> (usize, usize) {
    match file.content() {
        Parsed::City(raw) => {
            let contacts: usize = raw.facilities.iter().map(|f| f.contacts.len()).sum();
            (1 + raw.facilities.len(), contacts)
        }
        Parsed::Specialties(raw) => (raw.specialties.len(), 0),
        _ => (0, 0),
    }
}

/// A file's own diagnostics, given out in order between the diagnostics
/// of its checks against other files.
struct Own {
    out: Vec<Diagnostic>,
    own: std::vec::IntoIter<Diagnostic>,
    taken: u32,
}

impl Own {
    /// Gives out the own diagnostics up to the `before`th.
    fn up_to(&mut self, before: u32) {
        let more = before.saturating_sub(self.taken);
        self.out.extend(self.own.by_ref().take(more as usize));
        self.taken = self.taken.max(before);
    }

    fn found(&mut self, found: Option<Diagnostic>) {
        self.out.extend(found);
    }

    fn finish(mut self) -> Vec<Diagnostic> {
        self.out.extend(self.own);
        self.out
    }
}

impl Validator {
    /// Gets ready to merge `results`: makes room for the ids they define,
    /// and finds the numbers they list more than once, which alone can be
    /// listed for two facilities (`repeated`). Their keys take 8 bytes
    /// each for this moment, where the map of every number took 17.
    pub(in crate::data) fn prepare<'r>(
        &mut self,
        results: impl Iterator<Item = &'r FileResult> + Clone,
    ) {
        let ids = results.clone().map(|r| r.ids.len()).sum();
        self.ids.reserve(ids);
        let mut keys: Vec<u64> = results
            .filter_map(|r| match &r.content {
                Content::City(_, facilities) => Some(facilities),
                _ => None,
            })
            .flatten()
            .flat_map(|f| f.contacts.iter())
            .filter_map(|c| packed(&c.phone.e164()))
            .collect();
        keys.sort_unstable();
        let repeated = keys
            .chunk_by(|a, b| a == b)
            .filter(|run| run.len() > 1)
            .map(|run| run[0]);
        self.repeated = Some(repeated.collect());
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
            ids,
            numbers,
            ..
        } = result;
        let mut out = Own {
            out: Vec::with_capacity(diagnostics.len()),
            own: diagnostics.into_iter(),
            taken: 0,
        };
        let facilities = match &content {
            Content::City(_, facilities) => &facilities[..],
            _ => &[],
        };
        let contacts = facilities
            .iter()
            .flat_map(|f| f.contacts.iter().map(move |c| (&f.id.0, c)));
        let mut numbers = numbers.into_iter().zip(contacts);
        let mut numbers_done = 0;
        let mut number = |v: &mut Validator, out: &mut Own| {
            let (check, (facility, contact)) = numbers.next()?;
            out.up_to(check.before);
            let at = check.at(contact.origin().line);
            out.found(v.number_seen(&path, &at, &contact.phone, facility));
            Some(())
        };
        for (p, id) in pending.into_iter().zip(ids) {
            while numbers_done < p.numbers_before && number(self, &mut out).is_some() {
                numbers_done += 1;
            }
            out.up_to(p.before);
            out.found(self.id_seen(&path, &p.at, id));
        }
        while number(self, &mut out).is_some() {}
        let out = out.finish();
        match content {
            Content::Specialties(list) => dir.specialties.extend(list),
            Content::Emergency(numbers, notes) => {
                dir.emergency = numbers;
                dir.emergency_notes = notes;
            }
            Content::City(mut city, facilities) => {
                let offset = dir.facilities.len();
                let city_index = dir.cities.len();
                let file = super::small(dir.files.len());
                dir.files.push(path.into());
                city.origin.file = file;
                city.facilities.iter_mut().for_each(|i| *i += offset);
                dir.facilities.extend(facilities.into_iter().map(|mut f| {
                    f.city_index = super::small(city_index);
                    f.origin.file = file;
                    f.contacts.iter_mut().for_each(|c| c.set_file(file));
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
