//! The personal overlay: merges the user's own files over the validated
//! shipped directory, marking every record it adds `personal`. It never
//! changes a shipped fact, and a personal file with any error is left out
//! whole (its diagnostics say why) while the shipped data stays as it is.
//!
//! The rules, per personal file (`raw::PersonalCity`, the city schema):
//! - `id` names a shipped city: the file adds `notes` and facilities to it;
//!   it cannot change the city (`name`, `order`, … are errors).
//! - `id` names no shipped city: a new personal city; `name` is required.
//! - no `id`: the file may only add to shipped facilities (`notes.ron`).
//! - a facility whose `id` is a shipped facility's adds its `notes` and
//!   `contacts` to that facility (in whatever file, for whatever city) and
//!   may have no other field; several entries may add to one facility.
//! - any other facility is the user's own, in the file's city, checked by
//!   the shipped rules (`name`, `kind`, `ownership`, `verified` required,
//!   ids unique across everything) except that `sources` may be empty.
//! - everywhere in a personal file, `sources: []` is allowed: the source is
//!   the user ("personal").

use super::diagnostic::Diagnostic;
use super::load::{Parsed, ParsedFile};
use super::locate::Seg;
use super::raw::{PersonalCity, PersonalFacility, RawFacility};
use super::validate::{FileCtx, MAX_NAME, Validator, add_city, ctx, join};
use crate::model::{City, CityId, Contact, Directory, Facility, Note, Sources};
use crate::text::escaped;

/// Where a file's new facilities and city notes go.
enum CityTarget {
    Shipped(usize),
    New(Box<City>),
    None,
}

/// What one personal file adds, applied only when it has no error.
struct Staged {
    city: CityTarget,
    notes: Vec<Note>,
    facilities: Vec<Facility>,
    /// `(shipped facility index, contacts, notes)`.
    additions: Vec<(usize, Vec<Contact>, Vec<Note>)>,
}

/// Merges one personal file into `dir` unless it has an error; returns its
/// diagnostics.
pub(super) fn apply(v: &mut Validator, dir: &mut Directory, file: &ParsedFile) -> Vec<Diagnostic> {
    let Parsed::Personal(raw) = &file.content else {
        return Vec::new();
    };
    let f = ctx(file);
    let start = v.diagnostics.len();
    let staged = stage(v, &f, raw, dir);
    let found = v.diagnostics.split_off(start);
    if !found.iter().any(Diagnostic::is_error) {
        commit(dir, staged);
    }
    found
}

fn stage(v: &mut Validator, f: &FileCtx, raw: &PersonalCity, dir: &Directory) -> Staged {
    let city = city_target(v, f, raw, dir);
    let notes = v.notes(f, &[], &raw.notes);
    if !notes.is_empty() && matches!(city, CityTarget::None) {
        v.error(
            f,
            &[Seg::Key("notes")],
            "city notes need a city: give this file `id: \"<city id>\"`".to_string(),
        );
    }
    let has_city = !matches!(city, CityTarget::None);
    let mut staged = Staged {
        city,
        notes,
        facilities: Vec::new(),
        additions: Vec::new(),
    };
    for (i, pf) in raw.facilities.iter().enumerate() {
        let at = [Seg::Key("facilities"), Seg::Index(i)];
        match dir
            .facilities
            .iter()
            .position(|s| s.id.as_str() == pf.id && !s.personal)
        {
            Some(shipped) => {
                only_additions(v, f, &at, pf);
                let contacts = v.contacts(f, &at, &pf.id.as_str().into(), &pf.contacts);
                let notes = v.notes(f, &at, &pf.notes);
                staged.additions.push((shipped, contacts, notes));
            }
            None => match has_city {
                true => {
                    if let Some(raw) = complete(v, f, &at, pf.clone()) {
                        staged.facilities.push(v.facility(f, &at, &raw));
                    }
                }
                false => v.error(
                    f,
                    &join(&at, &[Seg::Key("id")]),
                    format!(
                        "{} is not a shipped facility, so it is a new one, and a new facility needs a city: give this file `id: \"<city id>\"`",
                        escaped(&pf.id)
                    ),
                ),
            },
        }
    }
    staged
}

fn city_target(v: &mut Validator, f: &FileCtx, raw: &PersonalCity, dir: &Directory) -> CityTarget {
    let Some(id) = &raw.id else {
        return CityTarget::None;
    };
    if let Some(i) = dir.cities.iter().position(|c| c.id.as_str() == id.as_str()) {
        for field in raw.changes() {
            v.error(
                f,
                &[Seg::Key(field)],
                format!(
                    "{} is a shipped city: a personal file can add notes and facilities to it, not change its `{field}`",
                    escaped(id)
                ),
            );
        }
        return CityTarget::Shipped(i);
    }
    let id = v.id(f, &[Seg::Key("id")], id);
    let name = match &raw.name {
        Some(name) => v.required(f, &[Seg::Key("name")], "name", name, MAX_NAME),
        None => {
            let message = format!(
                "{} is not a shipped city, so this file makes a new one, which needs a `name`",
                escaped(&id)
            );
            v.error(f, &[Seg::Key("id")], message);
            String::new()
        }
    };
    let key = |k| [Seg::Key(k)];
    CityTarget::New(Box::new(City {
        name,
        name_zh: v.optional(
            f,
            &key("name_zh"),
            "name_zh",
            raw.name_zh.as_deref(),
            MAX_NAME,
        ),
        pinyin: v.pinyin(f, &[], raw.pinyin.as_deref()),
        aliases: v.aliases(f, &[], &raw.aliases),
        province: v.optional(
            f,
            &key("province"),
            "province",
            raw.province.as_deref(),
            MAX_NAME,
        ),
        province_zh: v.optional(
            f,
            &key("province_zh"),
            "province_zh",
            raw.province_zh.as_deref(),
            MAX_NAME,
        ),
        emergency: Vec::new(),
        notes: Vec::new(),
        sources: Sources::from([]),
        personal: true,
        facilities: Vec::new(),
        origin: f.origin(&key("id")),
        id: CityId(id),
    }))
}

/// An entry for a shipped facility may only add notes and contacts.
fn only_additions(v: &mut Validator, f: &FileCtx, at: &[Seg], pf: &PersonalFacility) {
    for field in pf.changes() {
        v.error(
            f,
            &join(at, &[Seg::Key(field)]),
            format!(
                "{} is a shipped facility: a personal entry can add `notes` and `contacts` to it, not change its `{field}` (edit the shipped files with `careguide --data DIR`)",
                escaped(&pf.id)
            ),
        );
    }
}

/// A new personal facility as the shipped schema's record, or `None` (with
/// an error) when a field the shipped schema requires is missing.
fn complete(
    v: &mut Validator,
    f: &FileCtx,
    at: &[Seg],
    pf: PersonalFacility,
) -> Option<RawFacility> {
    let id = escaped(&pf.id);
    let missing = match pf.complete() {
        Ok(raw) => return Some(raw),
        Err(missing) => missing,
    };
    let missing: Vec<String> = missing.iter().map(|m| format!("`{m}`")).collect();
    v.error(
        f,
        at,
        format!(
            "{id} is not a shipped facility, so it is a new one, which needs {}; to add notes to a shipped facility use its exact id",
            missing.join(", ")
        ),
    );
    None
}

fn commit(dir: &mut Directory, staged: Staged) {
    let city = match staged.city {
        CityTarget::Shipped(i) => Some(i),
        CityTarget::New(city) => {
            add_city(dir, *city, Vec::new());
            Some(dir.cities.len() - 1)
        }
        CityTarget::None => None,
    };
    if let Some(city) = city {
        dir.cities[city].notes.extend(staged.notes);
        for mut facility in staged.facilities {
            facility.city = city;
            dir.cities[city].facilities.push(dir.facilities.len());
            dir.facilities.push(facility);
        }
    }
    for (facility, contacts, notes) in staged.additions {
        let facility = &mut dir.facilities[facility];
        facility.contacts.extend(contacts);
        facility.notes.extend(notes);
    }
}
