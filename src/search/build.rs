//! Building the index from a `Directory`: every record's own searchable
//! fields (names, generated pinyin and initials, aliases) converted once to
//! nucleo's form with a character signature, and the fields many records
//! share (a city's names, a specialty's names and aliases) stored once as
//! groups that records point at; a facility's names as its contacts see
//! them are a group its contacts reach through `Index::owners`, and a
//! contact is its role and number (`store/contacts.rs`). Field order is
//! the order ranking ties are broken in.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::store::{Owners, StoreBuilder, Via, lossless, utf32};
use super::{Column, Entry, Group, Index};
use crate::model::{Directory, Kind};
use crate::text::{has_han, initials_of_words, pinyin_forms};

/// Collects the fields of one record or group at a time, skipping empty
/// text.
pub(super) struct Fields(StoreBuilder);

impl Fields {
    fn push(&mut self, text: &str, column: Option<Column>, via: Via) -> &mut Self {
        self.0.push(text, column, via);
        self
    }

    fn visible(&mut self, column: Column, text: &str) -> &mut Self {
        self.push(text, Some(column), Via::None)
    }

    /// A hidden field whose "via" label is its own text.
    fn hidden_self(&mut self, text: &str) -> &mut Self {
        let via = if lossless(text, utf32(text).slice(..)) {
            Via::Text
        } else {
            Via::Owned(text.into())
        };
        self.push(text, None, via)
    }

    fn hidden(&mut self, text: &str, via: String) -> &mut Self {
        self.push(text, None, Via::Owned(via.into()))
    }

    /// A hidden field whose "via" label is the text of field `sibling`
    /// (already pushed), stored once.
    fn hidden_as(&mut self, text: &str, sibling: usize, via: &str) -> &mut Self {
        let same = self
            .0
            .sibling(sibling)
            .filter(|(_, t)| lossless(via, *t) && t.chars().eq(via.chars()));
        match same {
            Some((id, _)) => self.push(text, None, Via::Sibling(id)),
            None => self.hidden(text, via.to_string()),
        }
    }

    /// The id of the field just pushed, if its text reads back as `text`
    /// exactly, so that another field's label can name it.
    fn last_reading(&self, text: &str) -> Option<u32> {
        let (id, stored) = self.0.last()?;
        stored.chars().eq(text.chars()).then_some(id)
    }

    /// Full pinyin and initials: the record's own pinyin wins over the
    /// converter, which misreads polyphonic names (重庆 → "zhongqing").
    fn pinyin(&mut self, name_zh: Option<&str>, own: Option<&str>) -> &mut Self {
        let (full, initials) = match (own, name_zh) {
            (Some(own), _) => (own.replace(' ', ""), initials_of_words(own)),
            (None, Some(zh)) if has_han(zh) => pinyin_forms(zh),
            _ => return self,
        };
        self.push(&full, None, Via::Prefixed("pinyin "));
        self.push(&initials, None, Via::Prefixed("initials "))
    }

    /// Each alias, and for one in 汉字 its pinyin and initials, named
    /// `alias (pinyin)` through the alias's field where it reads back whole.
    fn aliases<'a>(&mut self, aliases: impl IntoIterator<Item = &'a str>) -> &mut Self {
        for alias in aliases {
            self.hidden_self(alias);
            if has_han(alias) {
                let field = self.last_reading(alias);
                let (full, initials) = pinyin_forms(alias);
                for form in [full, initials] {
                    match field {
                        Some(id) => self.push(&form, None, Via::Glossed(id)),
                        None => self.hidden(&form, format!("{alias} ({form})")),
                    };
                }
            }
        }
        self
    }

    /// Ends a group.
    fn group(&mut self) -> Group {
        let (fields, len, mask) = self.0.take();
        Group { mask, fields, len }
    }
}

/// Records and the groups they share, as they are built.
struct Records {
    entries: Vec<Entry>,
    shared: Vec<u32>,
    /// Where the last record's fields end.
    fields_end: u32,
}

impl Records {
    fn with_capacity(n: usize, shared: usize) -> Records {
        Records {
            entries: Vec::with_capacity(n),
            shared: Vec::with_capacity(shared),
            fields_end: 0,
        }
    }

    /// Ends a record: `b`'s fields since the last record (no group is
    /// made between records, so a record's fields end where the next
    /// one's start), then `shared`.
    fn push(&mut self, b: &mut Fields, shared: &[u32], groups: &[Group]) {
        let (fields, len, own) = b.0.take();
        let mask = shared.iter().fold(own, |m, &g| m | groups[g as usize].mask);
        self.entries.push(Entry {
            mask,
            fields,
            shared: self.shared.len() as u32,
        });
        self.shared.extend_from_slice(shared);
        self.fields_end = fields + len;
    }
}

/// Counts records as they are indexed, for a progress display.
fn tick(progress: Option<&AtomicUsize>, i: usize) {
    if let Some(p) = progress.filter(|_| i % 1024 == 1023) {
        p.fetch_add(1024, Ordering::Relaxed);
    }
}

/// At most how many fields `build` pushes: a name, its 汉字, pinyin and
/// initials per record, an alias with its pinyin and initials, a city's
/// two names, a specialty's names and aliases as a group, and a
/// facility's names as its contacts see them. Contacts have no fields of
/// their own; with their roles, it bounds the texts stored.
fn field_bound(dir: &Directory) -> usize {
    let record = |aliases: usize| 4 + 3 * aliases;
    let cities: usize = dir.cities.iter().map(|c| 2 + record(c.aliases.len())).sum();
    let specialties: usize = dir
        .specialties
        .iter()
        .map(|s| 2 + s.aliases.len() + record(s.aliases.len()))
        .sum();
    let facilities: usize = dir
        .facilities
        .iter()
        .map(|f| 2 * record(f.names().aliases.count()))
        .sum();
    1 + cities + specialties + facilities
}

/// The index of `dir`, built with freed pages given back at once: the
/// arrays it grows and the maps it drops would otherwise add about 3 MiB
/// to its peak at 100k facilities (`memory::release_freed_while`).
pub(super) fn build(dir: &Arc<Directory>, progress: Option<&AtomicUsize>) -> Index {
    crate::memory::release_freed_while(|| build_index(dir, progress))
}

fn build_index(dir: &Arc<Directory>, progress: Option<&AtomicUsize>) -> Index {
    let records = dir.cities.len() + dir.facilities.len() + dir.specialties.len();
    // Room for every field and text, so that nothing grows by doubling:
    // only the filled part of an array is touched, and `finish` gives the
    // rest back.
    let fields = field_bound(dir);
    let count = dir.facilities.iter().map(|f| f.contacts.len()).sum();
    let mut b = Fields(StoreBuilder::with_capacity(fields + count, fields));
    // The groups and the records' lists of them, made at their size: the
    // last doubling of either would add to the index's peak.
    let with_contacts = dir.facilities.iter().filter(|f| !f.contacts.is_empty());
    let mut groups: Vec<Group> =
        Vec::with_capacity(dir.cities.len() + 1 + dir.specialties.len() + with_contacts.count());
    // Shared groups: each city's names, "online", each specialty's names
    // and aliases as a facility lists them.
    let city_group = |c: &crate::model::City, b: &mut Fields| {
        let via = format!("city {}", c.name);
        b.hidden(&c.name, via.clone())
            .hidden(c.name_zh.as_deref().unwrap_or(""), via);
        b.group()
    };
    let city_base = groups.len();
    groups.extend(dir.cities.iter().map(|c| city_group(c, &mut b)));
    let online = groups.len() as u32;
    b.hidden("online", "online service".to_string());
    groups.push(b.group());
    let specialty_base = groups.len();
    for s in &dir.specialties {
        b.hidden_self(&s.name).hidden_self(&s.name_zh);
        for alias in &s.aliases {
            b.hidden(alias, format!("{alias} ({})", s.name));
        }
        groups.push(b.group());
    }
    let shared: usize = dir
        .facilities
        .iter()
        .map(|f| 1 + usize::from(f.kind == Kind::Online) + f.specialties.len())
        .sum();
    let mut records = Records::with_capacity(records, shared);
    for c in &dir.cities {
        b.visible(Column::Name, &c.name)
            .visible(Column::NameZh, c.name_zh.as_deref().unwrap_or(""))
            .pinyin(c.name_zh.as_deref(), c.pinyin.as_deref())
            .aliases(c.aliases.iter().map(String::as_str));
        records.push(&mut b, &[], &groups);
    }
    for (i, f) in dir.facilities.iter().enumerate() {
        tick(progress, i);
        let names = f.names();
        b.visible(Column::Name, names.name)
            .visible(Column::NameZh, names.name_zh.unwrap_or(""))
            .pinyin(names.name_zh, names.pinyin)
            .aliases(names.aliases);
        let mut shared = vec![(city_base + f.city_index as usize) as u32];
        if f.kind == Kind::Online {
            shared.push(online);
        }
        shared.extend(
            f.specialties
                .iter()
                .map(|link| specialty_base as u32 + link.index),
        );
        records.push(&mut b, &shared, &groups);
    }
    for s in &dir.specialties {
        b.visible(Column::Name, &s.name)
            .visible(Column::NameZh, &s.name_zh)
            .pinyin(Some(&s.name_zh), None)
            .aliases(s.aliases.iter().map(String::as_str));
        records.push(&mut b, &[], &groups);
    }
    let shared_groups = groups.len();
    // Contacts' facilities, facility by facility: the `r`th facility with
    // contacts has the `r`th group from here on (`Owners`).
    b.0.reserve_contacts(count);
    let mut owners = Owners::with_capacity(groups.capacity() - groups.len(), count);
    for (i, f) in dir.facilities.iter().enumerate() {
        tick(progress, i);
        if f.contacts.is_empty() {
            continue;
        }
        // The facility's names as its contacts see them: one group for all.
        let names = f.names();
        b.hidden_self(names.name)
            .hidden_as(names.name_zh.unwrap_or(""), 0, names.name)
            .aliases(names.aliases);
        let group = b.group();
        owners.push(i as u32, f.contacts.len());
        for c in &f.contacts {
            b.0.push_contact(c.role(), c.phone.display());
        }
        groups.push(group);
    }
    if let Some(p) = progress {
        p.store(usize::MAX, Ordering::Relaxed);
    }
    let cities = dir.cities.len();
    let facilities = cities..cities + dir.facilities.len();
    let specialties = facilities.end..facilities.end + dir.specialties.len();
    b.0.read_numbers_from(Arc::clone(dir), owners);
    Index {
        ends: [records.fields_end, records.shared.len() as u32],
        entries: records.entries,
        shared: {
            let mut shared = records.shared;
            shared.shrink_to_fit();
            shared
        },
        store: b.0.finish(),
        groups,
        shared_groups,
        cities: 0..cities,
        facilities,
        specialties,
        narrowing: Default::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::{self, DataSource};

    /// The arrays are made at `field_bound`'s size: a bound too low makes
    /// them grow by doubling (the index's peak), one far too high wastes
    /// address space.
    #[test]
    fn the_field_bound_holds_and_is_near() {
        let dir = Arc::new(
            data::load(&DataSource::Embedded)
                .expect("the shipped data loads")
                .directory,
        );
        let used = build(&dir, None).store.fields.len();
        let bound = field_bound(&dir);
        assert!(
            used <= bound && bound < used * 2,
            "{used} fields, bound {bound}"
        );
    }
}
