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

use arcstr::ArcStr;

use super::diagnostic::Diagnostic;
use super::load::{Parsed, ParsedFile};
use super::locate::Seg;
use super::raw::{PersonalCity, PersonalFacility, RawFacility};
use super::validate::{FileCtx, Validator, ctx, join};
use crate::model::{City, CityId, Contact, Directory, Facility, Note};
use crate::text::escaped;

const MAX_NAME: usize = 200;

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

/// Merges the personal files into `dir`; returns their diagnostics.
pub(super) fn apply(
    v: &mut Validator,
    dir: &mut Directory,
    files: &[ParsedFile],
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    v.trust_phones = false;
    if !files.is_empty() {
        v.all_numbers(dir);
    }
    for file in files {
        let Parsed::Personal(raw) = file.content() else {
            continue;
        };
        let mut f = ctx(file);
        f.file = super::validate::small(dir.files.len());
        let start = v.diagnostics.len();
        let staged = stage(v, &f, raw, dir);
        let found = v.diagnostics.split_off(start);
        if !found.iter().any(Diagnostic::is_error) {
            dir.files.push(f.path.into());
            commit(dir, staged);
        }
        out.extend(found);
    }
    out
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
    let (city_id, city_index) = match &city {
        CityTarget::Shipped(i) => (Some(dir.cities[*i].id.clone()), *i),
        CityTarget::New(c) => (Some(c.id.clone()), dir.cities.len()),
        CityTarget::None => (None, 0),
    };
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
                let contacts = v.contacts(f, &at, &ArcStr::from(&*pf.id), &pf.contacts);
                let notes = v.notes(f, &at, &pf.notes);
                staged.additions.push((shipped, contacts, notes));
            }
            None => match &city_id {
                Some(_) => {
                    if let Some(raw) = complete(v, f, &at, pf) {
                        let facility = v.facility(f, &at, &raw, city_index, &dir.specialties);
                        staged.facilities.push(facility);
                    }
                }
                None => v.error(
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
    if let Some(i) = dir.cities.iter().position(|c| c.id.as_str() == id) {
        let set = [
            ("order", raw.order.is_some()),
            ("name", raw.name.is_some()),
            ("name_zh", raw.name_zh.is_some()),
            ("pinyin", raw.pinyin.is_some()),
            ("aliases", !raw.aliases.is_empty()),
            ("province", raw.province.is_some()),
            ("province_zh", raw.province_zh.is_some()),
        ];
        for (field, _) in set.iter().filter(|(_, present)| *present) {
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
        name_zh: v.optional(f, &key("name_zh"), "name_zh", &raw.name_zh, MAX_NAME),
        pinyin: v.pinyin(f, &[], &raw.pinyin),
        aliases: v.aliases(f, &[], &raw.aliases),
        province: v.optional(f, &key("province"), "province", &raw.province, MAX_NAME),
        province_zh: v.optional(
            f,
            &key("province_zh"),
            "province_zh",
            &raw.province_zh,
            MAX_NAME,
        ),
        emergency: Vec::new(),
        notes: Vec::new(),
        personal: true,
        facilities: Vec::new(),
        origin: v.origin(f, &key("id"), raw.id.as_deref().unwrap_or_default()),
        id: CityId(id),
    }))
}

/// An entry for a shipped facility may only add notes and contacts.
fn only_additions(v: &mut Validator, f: &FileCtx, at: &[Seg], pf: &PersonalFacility) {
    let set = [
        ("name", pf.name.is_some()),
        ("name_zh", pf.name_zh.is_some()),
        ("pinyin", pf.pinyin.is_some()),
        ("aliases", !pf.aliases.is_empty()),
        ("kind", pf.kind.is_some()),
        ("ownership", pf.ownership.is_some()),
        ("grade", pf.grade.is_some()),
        ("specialties", !pf.specialties.is_empty()),
        ("address", pf.address.is_some()),
        ("website", pf.website.is_some()),
        ("sources", !pf.sources.is_empty()),
        ("verified", pf.verified.is_some()),
    ];
    for (field, _) in set.iter().filter(|(_, present)| *present) {
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
fn complete<'a>(
    v: &mut Validator,
    f: &FileCtx,
    at: &[Seg],
    pf: &PersonalFacility<'a>,
) -> Option<RawFacility<'a>> {
    let (Some(name), Some(kind), Some(ownership), Some(verified)) =
        (&pf.name, pf.kind, pf.ownership, &pf.verified)
    else {
        let missing: Vec<&str> = [
            ("name", pf.name.is_none()),
            ("kind", pf.kind.is_none()),
            ("ownership", pf.ownership.is_none()),
            ("verified", pf.verified.is_none()),
        ]
        .iter()
        .filter(|(_, m)| *m)
        .map(|(field, _)| *field)
        .collect();
        v.error(
            f,
            at,
            format!(
                "{} is not a shipped facility, so it is a new one, which needs {}; to add notes to a shipped facility use its exact id",
                escaped(&pf.id),
                missing
                    .iter()
                    .map(|m| format!("`{m}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        );
        return None;
    };
    Some(RawFacility {
        id: pf.id.clone(),
        name: name.clone(),
        name_zh: pf.name_zh.clone(),
        pinyin: pf.pinyin.clone(),
        aliases: pf.aliases.clone(),
        kind,
        ownership,
        grade: pf.grade.clone(),
        specialties: pf.specialties.clone(),
        contacts: pf.contacts.clone(),
        address: pf.address.clone(),
        website: pf.website.clone(),
        notes: pf.notes.clone(),
        sources: pf.sources.clone(),
        verified: verified.clone(),
    })
}

fn commit(dir: &mut Directory, staged: Staged) {
    let city = match staged.city {
        CityTarget::Shipped(i) => Some(i),
        CityTarget::New(city) => {
            dir.cities.push(*city);
            Some(dir.cities.len() - 1)
        }
        CityTarget::None => None,
    };
    if let Some(city) = city {
        dir.cities[city].notes.extend(staged.notes);
        for facility in staged.facilities {
            dir.facilities.push(Box::new(facility));
            let index = dir.facilities.len() - 1;
            dir.cities[city].facilities.push(index);
        }
    }
    for (facility, contacts, notes) in staged.additions {
        let facility = &mut dir.facilities[facility];
        append(&mut facility.contacts, contacts);
        append(&mut facility.notes, notes);
    }
}

/// Adds `more` at the end of a boxed list.
fn append<T>(list: &mut Box<[T]>, more: Vec<T>) {
    let mut all = std::mem::take(list).into_vec();
    all.extend(more);
    *list = all.into_boxed_slice();
}
