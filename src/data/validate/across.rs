//! The checks across files: an id is defined once in all the files, and a
//! number listed for two facilities is worth a warning. A file checked on
//! its own leaves them waiting (about 390 000 at 100 000 facilities): an
//! id's check as a `Pending` of 24 bytes (its id is the file's next in a
//! list), a number's as a `NumberCheck` of 16 (its contact is the file's
//! next, its line the contact's origin), which `Validator::merge` runs in
//! list order. The numbers seen are keyed by
//! their E.164 form packed into a `u64`; while files are merged, only the
//! numbers they list more than once are kept (`Validator::prepare`).

use arcstr::ArcStr;
use std::collections::hash_map::Entry;

use super::{FileCtx, Validator, small};
use crate::data::diagnostic::{Diagnostic, display_path};
use crate::data::locate::Seg;
use crate::model::{Directory, Phone};
use crate::text::escaped;

/// Where a value sits: its span and the `line:col` of the span's start.
/// In `u32`s (files are at most 4 MiB): one waits with every id of the
/// file for `merge`, and a number's check keeps all but its line.
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

/// An id's check waiting for `merge`: the id is the file's `ids[k]` for
/// the `k`th check (`FileResult`).
#[derive(Debug)]
pub(in crate::data) struct Pending {
    /// How many of the file's diagnostics came before this check.
    pub before: u32,
    /// How many numbers' checks came before this check.
    pub numbers_before: u32,
    pub at: At,
}

/// A number's check waiting for `merge`, in 16 bytes (there are about
/// 290 000 at 100 000 facilities): the `k`th check is the number of the
/// `k`th contact in the file's records, whose origin gives its line.
#[derive(Debug)]
pub(in crate::data) struct NumberCheck {
    /// How many of the file's diagnostics came before this check.
    pub before: u32,
    start: u32,
    end: u32,
    col: u32,
}

impl NumberCheck {
    /// Where the number sits, its line being `line`.
    pub(in crate::data) fn at(&self, line: u32) -> At {
        At {
            start: self.start,
            end: self.end,
            line,
            col: self.col,
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
            self.pending.push(Pending {
                before: small(self.diagnostics.len()),
                numbers_before: small(self.waiting_numbers.len()),
                at,
            });
        } else if let Some(found) = self.id_seen(path, &at, id) {
            self.diagnostics.push(found);
        }
    }

    /// Checks whether a number was seen for another facility now, or
    /// leaves the check for `merge`: then its contact must be the next one
    /// the file's records hold, and `at`'s line its origin's.
    pub(super) fn check_phone(&mut self, path: &str, at: At, phone: &Phone, facility: &ArcStr) {
        if self.defer {
            self.waiting_numbers.push(NumberCheck {
                before: small(self.diagnostics.len()),
                start: at.start,
                end: at.end,
                col: at.col,
            });
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

    pub(super) fn id_seen(&mut self, path: &str, at: &At, id: ArcStr) -> Option<Diagnostic> {
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

    pub(super) fn number_seen(
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
    fn waiting_checks_take_24_and_16_bytes() {
        assert_eq!(std::mem::size_of::<Pending>(), 24);
        assert_eq!(std::mem::size_of::<NumberCheck>(), 16);
    }
}
