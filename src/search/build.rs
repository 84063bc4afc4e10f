//! Building the index from a `Directory`: every record's own searchable
//! fields (names, generated pinyin and initials, aliases) converted once to
//! nucleo's form with a character signature, and the fields many records
//! share (a city's names, a specialty's names and aliases, a facility's
//! names as seen from its contacts) stored once as groups that records
//! point at. Field order is the order ranking ties are broken in.

use std::sync::atomic::{AtomicUsize, Ordering};

use nucleo_matcher::Utf32String;

use super::mask;
use super::{Column, Entry, Field, Group, Index, Target, Via};
use crate::model::{Directory, Kind};
use crate::text::{has_han, initials_of_words, pinyin_forms};

/// Collects fields in order, skipping empty text.
#[derive(Default)]
pub(super) struct Fields(Vec<Field>);

/// nucleo's form of `s`: bytes when ASCII, else the first char of each
/// grapheme. Text where every char is its own grapheme (汉字, CJK
/// punctuation, Latin-1) skips the slow grapheme segmentation.
fn utf32(s: &str) -> Utf32String {
    let simple = |c: char| {
        matches!(c as u32, 0x20..=0x7E | 0xA0..=0x2FF | 0x3000..=0x303F | 0x3400..=0x4DBF
            | 0x4E00..=0x9FFF | 0xFF01..=0xFF60)
    };
    if s.is_ascii() || !s.chars().all(simple) {
        Utf32String::from(s)
    } else {
        Utf32String::Unicode(s.chars().collect())
    }
}

/// Whether nucleo's form of `s` reads back as `s` exactly.
fn lossless(s: &str, text: &Utf32String) -> bool {
    s.is_ascii() || text.slice(..).chars().eq(s.chars())
}

impl Fields {
    fn push(&mut self, text: &str, column: Option<Column>, via: Via) -> &mut Self {
        if !text.is_empty() {
            let text = utf32(text);
            let mask = mask::of_chars(text.slice(..).chars());
            self.0.push(Field {
                text,
                mask,
                column,
                via,
            });
        }
        self
    }

    fn visible(&mut self, column: Column, text: &str) -> &mut Self {
        self.push(text, Some(column), Via::None)
    }

    /// A hidden field whose "via" label is its own text.
    fn hidden_self(&mut self, text: &str) -> &mut Self {
        let converted = utf32(text);
        let via = if lossless(text, &converted) {
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
            .get(sibling)
            .is_some_and(|f| lossless(via, &f.text) && f.text.slice(..).chars().eq(via.chars()));
        match same {
            true => self.push(text, None, Via::Sibling(sibling as u8)),
            false => self.hidden(text, via.to_string()),
        }
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

    fn aliases(&mut self, aliases: &[String]) -> &mut Self {
        for alias in aliases {
            self.hidden_self(alias);
            if has_han(alias) {
                let (full, initials) = pinyin_forms(alias);
                self.hidden(&full, format!("{alias} ({full})"));
                self.hidden(&initials, format!("{alias} ({initials})"));
            }
        }
        self
    }

    fn take(&mut self) -> Box<[Field]> {
        std::mem::take(&mut self.0).into_boxed_slice()
    }
}

fn group(fields: Box<[Field]>) -> Group {
    let mask = fields.iter().fold(0, |m, f| m | f.mask);
    Group { fields, mask }
}

fn entry(target: Target, fields: Box<[Field]>, shared: Vec<u32>, groups: &[Group]) -> Entry {
    let own = fields.iter().fold(0, |m, f| m | f.mask);
    let mask = shared.iter().fold(own, |m, &g| m | groups[g as usize].mask);
    Entry {
        target,
        fields,
        shared: shared.into_boxed_slice(),
        mask,
    }
}

/// Counts records as they are indexed, for a progress display.
fn tick(progress: Option<&AtomicUsize>, i: usize) {
    if let Some(p) = progress.filter(|_| i % 1024 == 1023) {
        p.fetch_add(1024, Ordering::Relaxed);
    }
}

pub(super) fn build(dir: &Directory, progress: Option<&AtomicUsize>) -> Index {
    let mut b = Fields::default();
    let mut groups: Vec<Group> = Vec::new();
    // Shared groups: each city's names, "online", each specialty's names
    // and aliases as a facility lists them.
    let city_group = |c: &crate::model::City, b: &mut Fields| {
        let via = format!("city {}", c.name);
        b.hidden(&c.name, via.clone())
            .hidden(c.name_zh.as_deref().unwrap_or(""), via);
        group(b.take())
    };
    let city_base = groups.len();
    groups.extend(dir.cities.iter().map(|c| city_group(c, &mut b)));
    let online = groups.len() as u32;
    b.hidden("online", "online service".to_string());
    groups.push(group(b.take()));
    let specialty_base = groups.len();
    for s in &dir.specialties {
        b.hidden_self(&s.name).hidden_self(&s.name_zh);
        for alias in &s.aliases {
            b.hidden(alias, format!("{alias} ({})", s.name));
        }
        groups.push(group(b.take()));
    }
    let mut entries = Vec::new();
    for (i, c) in dir.cities.iter().enumerate() {
        b.visible(Column::Name, &c.name)
            .visible(Column::NameZh, c.name_zh.as_deref().unwrap_or(""))
            .pinyin(c.name_zh.as_deref(), c.pinyin.as_deref())
            .aliases(&c.aliases);
        entries.push(entry(Target::City(i), b.take(), Vec::new(), &groups));
    }
    for (i, f) in dir.facilities.iter().enumerate() {
        tick(progress, i);
        b.visible(Column::Name, &f.name)
            .visible(Column::NameZh, f.name_zh.as_deref().unwrap_or(""))
            .pinyin(f.name_zh.as_deref(), f.pinyin.as_deref())
            .aliases(&f.aliases);
        let mut shared = vec![(city_base + f.city_index) as u32];
        if f.kind == Kind::Online {
            shared.push(online);
        }
        shared.extend(
            f.specialties
                .iter()
                .map(|link| (specialty_base + link.index) as u32),
        );
        entries.push(entry(Target::Facility(i), b.take(), shared, &groups));
    }
    for (i, s) in dir.specialties.iter().enumerate() {
        b.visible(Column::Name, &s.name)
            .visible(Column::NameZh, &s.name_zh)
            .pinyin(Some(&s.name_zh), None)
            .aliases(&s.aliases);
        entries.push(entry(Target::Specialty(i), b.take(), Vec::new(), &groups));
    }
    let shared_groups = groups.len();
    let mut contact_start = Vec::with_capacity(dir.facilities.len());
    for (i, f) in dir.facilities.iter().enumerate() {
        tick(progress, i);
        contact_start.push(entries.len() as u32);
        if f.contacts.is_empty() {
            continue;
        }
        // The facility's names as its contacts see them: one group for all.
        b.hidden_self(&f.name)
            .hidden_as(f.name_zh.as_deref().unwrap_or(""), 0, &f.name)
            .aliases(&f.aliases);
        let owner = groups.len() as u32;
        groups.push(group(b.take()));
        for (j, c) in f.contacts.iter().enumerate() {
            b.visible(Column::Name, &c.role)
                .visible(Column::NameZh, &c.phone.display)
                .hidden_as(&c.phone.digits(), 1, &c.phone.display);
            let target = Target::Contact {
                facility: i,
                contact: j,
            };
            entries.push(entry(target, b.take(), vec![owner], &groups));
        }
    }
    if let Some(p) = progress {
        p.store(usize::MAX, Ordering::Relaxed);
    }
    let cities = dir.cities.len();
    let facilities = cities..cities + dir.facilities.len();
    let specialties = facilities.end..facilities.end + dir.specialties.len();
    Index {
        entries,
        groups,
        shared_groups,
        cities: 0..cities,
        facilities,
        specialties,
        facility_specialties: dir
            .facilities
            .iter()
            .map(|f| f.specialties.iter().map(|s| s.index as u32).collect())
            .collect(),
        city_facilities: dir
            .cities
            .iter()
            .map(|c| c.facilities.iter().map(|&f| f as u32).collect())
            .collect(),
        contact_start,
        narrowing: Default::default(),
    }
}
