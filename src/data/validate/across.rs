//! The checks across files: an id is defined once in all the files, and a
//! number listed for two facilities is worth a warning. A file checked on
//! its own leaves them as `Pending` entries (about 390 000 at 100 000
//! facilities, so each is kept to 28 bytes: a number's check points at its
//! contact in the file's records, an id's at the file's list of ids), which
//! `Validator::merge` runs in list order. The numbers seen are keyed by
//! their E.164 form packed into a `u64`; while files are merged, only the
//! numbers they list more than once are kept (`Validator::prepare`).

use arcstr::ArcStr;
use std::collections::hash_map::Entry;

use super::merge::Content;
use super::{FileCtx, Validator, small};
use crate::data::diagnostic::{Diagnostic, display_path};
use crate::data::locate::Seg;
use crate::model::{Directory, Phone};
use crate::text::escaped;

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

/// A check against everything validated before this file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(in crate::data) enum Check {
    /// Ids are unique across every file: the id is the file's `ids[i]`
    /// (`FileResult`).
    Id(u32),
    /// A number listed for two facilities is worth a warning: the number
    /// of contact `contact` of the file's facility `facility` (indices in
    /// the file's records, which `merge` reads it from).
    Phone { facility: u32, contact: u32 },
}

/// A check waiting for `merge`, in 28 bytes (there are about 390 000 at
/// 100 000 facilities): its `Check` packed into two `u32`s.
#[derive(Debug)]
pub(in crate::data) struct Pending {
    /// How many of the file's diagnostics came before this check.
    pub before: u32,
    pub at: At,
    /// The facility's index, or `ID` for an id check.
    facility: u32,
    /// The contact's index in its facility, or the id's in the file's ids.
    item: u32,
}

/// `Pending::facility` of an id check: no file holds 2^32 − 1 facilities.
const ID: u32 = u32::MAX;

impl Pending {
    fn new(before: u32, at: At, check: Check) -> Pending {
        let (facility, item) = match check {
            Check::Id(i) => (ID, i),
            Check::Phone { facility, contact } => (facility.min(ID - 1), contact),
        };
        Pending {
            before,
            at,
            facility,
            item,
        }
    }

    pub(in crate::data) fn check(&self) -> Check {
        match self.facility {
            ID => Check::Id(self.item),
            facility => Check::Phone {
                facility,
                contact: self.item,
            },
        }
    }
}

/// Where an id is first defined: its file (in `Validator::paths`), line
/// and column.
#[derive(Debug)]
pub(in crate::data) struct Location {
    path: u32,
    line: u32,
    col: u32,
}

/// Names (paths, facility ids) kept once each time they change, numbered
/// in order: the same name given again in a row keeps its number.
#[derive(Default)]
pub(in crate::data) struct Names(Vec<ArcStr>);

impl Names {
    /// `name`'s number, kept as `keep` makes it if it is new.
    fn number(&mut self, name: &str, keep: impl FnOnce() -> ArcStr) -> u32 {
        if self.0.last().is_none_or(|last| &**last != name) {
            self.0.push(keep());
        }
        small(self.0.len() - 1)
    }

    fn name(&self, number: u32) -> &str {
        self.0.get(number as usize).map_or("", |name| name)
    }
}

/// A number's key among the numbers seen: its E.164 form (`+` and up to 17
/// digits, or the digits of a short number) as its length, its plus sign
/// and its value; `None` for a longer form, which is keyed by its text.
pub(super) fn packed(e164: &str) -> Option<u64> {
    let (plus, digits) = match e164.strip_prefix('+') {
        Some(digits) => (1, digits),
        None => (0, e164),
    };
    if digits.is_empty() || digits.len() > 17 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    // 10^17 < 2^57: the value, the sign at bit 57, the length from bit 58.
    let value: u64 = digits.parse().ok()?;
    Some((digits.len() as u64) << 58 | plus << 57 | value)
}

impl Validator {
    /// Checks that an id is new now, or leaves the check for `merge`.
    pub(super) fn check_id(&mut self, path: &str, at: At, id: ArcStr) {
        if self.defer {
            self.waiting_ids.push(id);
            self.wait(at, Check::Id(small(self.waiting_ids.len() - 1)));
        } else if let Some(found) = self.id_seen(path, &at, id) {
            self.diagnostics.push(found);
        }
    }

    /// Checks whether a number was seen for another facility now, or
    /// leaves the check for `merge`. `contact` is the contact's index in
    /// its facility, and `self.facility_index` the facility's in its file.
    pub(super) fn check_phone(
        &mut self,
        path: &str,
        at: At,
        phone: &Phone,
        facility: &ArcStr,
        contact: usize,
    ) {
        if self.defer {
            let contact = small(contact);
            let facility = self.facility_index;
            self.wait(at, Check::Phone { facility, contact });
        } else if let Some(found) = self.number_seen(path, &at, phone, facility) {
            self.diagnostics.push(found);
        }
    }

    /// Records every number of `dir` not recorded yet, in directory order
    /// (the order `merge` checks them in), so that numbers checked from
    /// now on (the personal files) are checked against all of them.
    pub(in crate::data) fn all_numbers(&mut self, dir: &Directory) {
        if self.repeated.take().is_none() {
            return;
        }
        for facility in &dir.facilities {
            for contact in &facility.contacts {
                if let Some(key) = packed(&contact.phone.e164()) {
                    let id = &facility.id.0;
                    let holder = self.holders.number(id, || id.clone());
                    self.phones.entry(key).or_insert(holder);
                }
            }
        }
    }

    fn wait(&mut self, at: At, check: Check) {
        let before = small(self.diagnostics.len());
        self.pending.push(Pending::new(before, at, check));
    }

    /// Runs a check that `merge` found waiting in the result of the file at
    /// `path`, whose records are `content` and ids `ids`.
    pub(super) fn resolve(
        &mut self,
        path: &str,
        at: At,
        check: Check,
        (content, ids): (&Content, &[ArcStr]),
    ) -> Option<Diagnostic> {
        match check {
            Check::Id(i) => self.id_seen(path, &at, ids.get(i as usize)?.clone()),
            Check::Phone { facility, contact } => {
                // The contact is there: its check was made as it was added.
                let Content::City(_, facilities) = content else {
                    return None;
                };
                let facility = facilities.get(facility as usize)?;
                let contact = facility.contacts.get(contact as usize)?;
                self.number_seen(path, &at, &contact.phone, &facility.id.0)
            }
        }
    }

    fn id_seen(&mut self, path: &str, at: &At, id: ArcStr) -> Option<Diagnostic> {
        match self.ids.entry(id) {
            Entry::Occupied(first) => {
                let message = format!(
                    "duplicate id {}: also defined at {}:{}:{}",
                    escaped(first.key()),
                    display_path(self.paths.name(first.get().path)),
                    first.get().line,
                    first.get().col
                );
                Some(Diagnostic::error(path, at.line(), at.col(), message).with_span(at.span()))
            }
            Entry::Vacant(new) => {
                let path = self.paths.number(path, || ArcStr::from(path));
                let (line, col) = (at.line, at.col);
                new.insert(Location { path, line, col });
                None
            }
        }
    }

    fn number_seen(
        &mut self,
        path: &str,
        at: &At,
        phone: &Phone,
        facility: &ArcStr,
    ) -> Option<Diagnostic> {
        let e164 = phone.e164();
        let key = packed(&e164);
        if key.is_some_and(|key| self.repeated.as_ref().is_some_and(|r| !r.contains(&key))) {
            // Listed once in all the files being merged.
            return None;
        }
        let holder = self.holders.number(facility, || facility.clone());
        let first = *match key {
            Some(key) => self.phones.entry(key).or_insert(holder),
            None => self.long_phones.entry(e164).or_insert(holder),
        };
        let first = self.holders.name(first);
        if first == &**facility {
            return None;
        }
        let message = format!(
            "phone number {} is also listed for {}; check that both are right",
            phone.display(),
            escaped(first)
        );
        Some(Diagnostic::warning(path, at.line(), at.col(), message).with_span(at.span()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_pack_apart_and_long_ones_do_not_pack() {
        let forms = [
            "+861059850333",
            "861059850333",
            "+8610598503330",
            "+0861059850333",
            "120",
            "0120",
            "+1",
        ];
        let keys: Vec<u64> = forms.iter().map(|f| packed(f).expect(f)).collect();
        let mut distinct = keys.clone();
        distinct.sort_unstable();
        distinct.dedup();
        assert_eq!(distinct.len(), forms.len(), "{keys:?}");
        assert!(packed("+12345678901234567").is_some());
        assert_eq!(packed("+123456789012345678"), None);
        assert_eq!(packed(""), None);
        assert_eq!(packed("+"), None);
        assert_eq!(packed("+86 10"), None);
    }

    #[test]
    fn names_given_again_keep_their_text() {
        let mut names = Names::default();
        let (a, b) = (ArcStr::from("a"), ArcStr::from("b"));
        let first = names.number(&a, || a.clone());
        assert_eq!(names.number(&a, || a.clone()), first, "again in a row");
        let second = names.number(&b, || b.clone());
        let again = names.number(&a, || a.clone());
        assert_eq!(
            [first, second, again].map(|n| names.name(n)),
            ["a", "b", "a"]
        );
        assert_eq!(names.name(99), "");
    }

    #[test]
    fn a_waiting_check_takes_28_bytes_and_keeps_its_check() {
        assert_eq!(std::mem::size_of::<Pending>(), 28);
        let at = || At {
            start: 0,
            end: 0,
            line: 1,
            col: 1,
        };
        for check in [
            Check::Id(0),
            Check::Id(u32::MAX),
            Check::Phone {
                facility: 0,
                contact: 7,
            },
            Check::Phone {
                facility: ID - 1,
                contact: u32::MAX,
            },
        ] {
            assert_eq!(Pending::new(3, at(), check).check(), check);
        }
    }
}
