//! The brute-force scorer the optimised index must agree with: the
//! original `search::Index` (every field of every record converted and
//! scored on each query, no shared groups, no signatures, no narrowing),
//! kept verbatim as the reference for `tests/generator.rs`.
#![allow(dead_code)]

use careguide::model::{Directory, Kind};
use careguide::search::{Column, Hit, Scope, Target};
use careguide::text::{has_han, initials_of_words, pinyin_forms};
use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32String};

struct Field {
    text: Utf32String,
    /// `Some` for text shown in the row; `None` for hidden text, which then
    /// carries the label shown as "via".
    column: Option<Column>,
    via: String,
}

struct Entry {
    target: Target,
    fields: Vec<Field>,
}

/// The searchable form of a directory, the straightforward way.
pub struct Reference {
    cities: Vec<Entry>,
    facilities: Vec<Entry>,
    specialties: Vec<Entry>,
    contacts: Vec<Entry>,
    /// Each facility's linked specialties (indices into `specialties`).
    facility_specialties: Vec<Vec<usize>>,
    facility_city: Vec<usize>,
}

/// A hidden field matching as well as a visible one loses to it, so rows
/// say "via" only when the visible text really does not match.
fn hidden_penalty(score: u16) -> u32 {
    u32::from(score) * 7 / 8
}

struct Builder {
    fields: Vec<Field>,
}

impl Builder {
    fn new() -> Self {
        Builder { fields: Vec::new() }
    }

    fn visible(&mut self, column: Column, text: &str) -> &mut Self {
        if !text.is_empty() {
            self.fields.push(Field {
                text: Utf32String::from(text),
                column: Some(column),
                via: String::new(),
            });
        }
        self
    }

    fn hidden(&mut self, text: &str, via: String) -> &mut Self {
        if !text.is_empty() {
            self.fields.push(Field {
                text: Utf32String::from(text),
                column: None,
                via,
            });
        }
        self
    }

    /// Full pinyin and initials: the record's own pinyin wins over the
    /// converter, which misreads polyphonic names (重庆 → "zhongqing").
    fn pinyin(&mut self, name_zh: Option<&str>, own: Option<&str>) -> &mut Self {
        let (full, initials) = match (own, name_zh) {
            (Some(own), _) => (own.replace(' ', ""), initials_of_words(own)),
            (None, Some(zh)) if has_han(zh) => pinyin_forms(zh),
            _ => return self,
        };
        let via = format!("pinyin {full}");
        self.hidden(&full, via);
        let via = format!("initials {initials}");
        self.hidden(&initials, via)
    }

    fn aliases<'a>(&mut self, aliases: impl IntoIterator<Item = &'a str>) -> &mut Self {
        for alias in aliases {
            self.hidden(alias, alias.to_string());
            if has_han(alias) {
                let (full, initials) = pinyin_forms(alias);
                self.hidden(&full, format!("{alias} ({full})"));
                self.hidden(&initials, format!("{alias} ({initials})"));
            }
        }
        self
    }

    fn finish(&mut self, target: Target) -> Entry {
        Entry {
            target,
            fields: std::mem::take(&mut self.fields),
        }
    }
}

impl Reference {
    pub fn new(dir: &Directory) -> Reference {
        let mut b = Builder::new();
        let specialties: Vec<Entry> = dir
            .specialties
            .iter()
            .enumerate()
            .map(|(i, s)| {
                b.visible(Column::Name, &s.name)
                    .visible(Column::NameZh, &s.name_zh)
                    .pinyin(Some(&s.name_zh), None)
                    .aliases(s.aliases.iter().map(String::as_str))
                    .finish(Target::Specialty(i))
            })
            .collect();
        let cities = dir
            .cities
            .iter()
            .enumerate()
            .map(|(i, c)| {
                b.visible(Column::Name, &c.name)
                    .visible(Column::NameZh, c.name_zh.as_deref().unwrap_or(""))
                    .pinyin(c.name_zh.as_deref(), c.pinyin.as_deref())
                    .aliases(c.aliases.iter().map(String::as_str))
                    .finish(Target::City(i))
            })
            .collect();
        let mut facilities = Vec::new();
        let mut contacts = Vec::new();
        for (i, f) in dir.facilities.iter().enumerate() {
            b.visible(Column::Name, &f.name)
                .visible(Column::NameZh, f.name_zh.as_deref().unwrap_or(""))
                .pinyin(f.name_zh.as_deref(), f.pinyin.as_deref())
                .aliases(f.aliases.iter().map(String::as_str));
            let city = dir.city_of(f);
            b.hidden(&city.name, format!("city {}", city.name)).hidden(
                city.name_zh.as_deref().unwrap_or(""),
                format!("city {}", city.name),
            );
            if f.kind == Kind::Online {
                b.hidden("online", "online service".to_string());
            }
            for link in &f.specialties {
                let s = &dir.specialties[link.index];
                b.hidden(&s.name, s.name.clone())
                    .hidden(&s.name_zh, s.name_zh.clone());
                for alias in &s.aliases {
                    b.hidden(alias, format!("{alias} ({})", s.name));
                }
            }
            facilities.push(b.finish(Target::Facility(i)));
            for (j, c) in f.contacts.iter().enumerate() {
                b.visible(Column::Name, &c.role)
                    .visible(Column::NameZh, &c.phone.display)
                    .hidden(&c.phone.digits(), c.phone.display.to_string())
                    .hidden(&f.name, f.name.to_string())
                    .hidden(f.name_zh.as_deref().unwrap_or(""), f.name.to_string())
                    .aliases(f.aliases.iter().map(String::as_str));
                contacts.push(b.finish(Target::Contact {
                    facility: i,
                    contact: j,
                }));
            }
        }
        Reference {
            cities,
            facilities,
            specialties,
            contacts,
            facility_specialties: dir
                .facilities
                .iter()
                .map(|f| f.specialties.iter().map(|s| s.index).collect())
                .collect(),
            facility_city: dir.facilities.iter().map(|f| f.city).collect(),
        }
    }

    /// Ranked hits for `query` in `scope`. An empty query returns every
    /// record of the scope in directory order.
    pub fn query(&self, query: &str, scope: &Scope) -> Vec<Hit> {
        let pattern = Pattern::parse(query, CaseMatching::Smart, Normalization::Smart);
        let mut matcher = Matcher::new(Config::DEFAULT);
        let mut hits = Vec::new();
        let mut consider = |entry: &Entry| {
            if let Some(hit) = score_entry(entry, &pattern, &mut matcher) {
                hits.push(hit);
            }
        };
        match scope {
            Scope::Cities => self.cities.iter().for_each(&mut consider),
            Scope::Facilities { city } => self
                .facilities
                .iter()
                .enumerate()
                .filter(|(i, _)| city.is_none_or(|c| self.facility_city[*i] == c))
                .for_each(|(_, e)| consider(e)),
            Scope::Specialties { facility } => {
                if let Some(links) = self.facility_specialties.get(*facility) {
                    links.iter().for_each(|&s| consider(&self.specialties[s]));
                }
            }
            Scope::Global => {
                self.cities.iter().for_each(&mut consider);
                self.facilities.iter().for_each(&mut consider);
                self.specialties.iter().for_each(&mut consider);
                self.contacts.iter().for_each(&mut consider);
            }
        }
        // Stable: equal scores keep directory order, cities before facilities.
        hits.sort_by_key(|h| std::cmp::Reverse(h.score));
        hits
    }
}

fn score_entry(entry: &Entry, pattern: &Pattern, matcher: &mut Matcher) -> Option<Hit> {
    let mut total = 0u32;
    let mut via = None;
    let mut highlights: Vec<(Column, Vec<u32>)> = Vec::new();
    for atom in &pattern.atoms {
        if atom.negative {
            // A negative atom excludes the record if any field matches it.
            if entry
                .fields
                .iter()
                .any(|f| atom.score(f.text.slice(..), matcher).is_none())
            {
                return None;
            }
            continue;
        }
        let mut best: Option<(u32, &Field)> = None;
        for field in &entry.fields {
            if let Some(score) = atom.score(field.text.slice(..), matcher) {
                let score = match field.column {
                    Some(_) => u32::from(score),
                    None => hidden_penalty(score),
                };
                if best.is_none_or(|(b, _)| score > b) {
                    best = Some((score, field));
                }
            }
        }
        let (score, field) = best?;
        total += score;
        match field.column {
            Some(column) => {
                let mut indices = Vec::new();
                atom.indices(field.text.slice(..), matcher, &mut indices);
                match highlights.iter_mut().find(|(c, _)| *c == column) {
                    Some((_, existing)) => existing.extend(indices),
                    None => highlights.push((column, indices)),
                }
            }
            None => {
                via.get_or_insert_with(|| field.via.clone());
            }
        }
    }
    for (_, indices) in &mut highlights {
        indices.sort_unstable();
        indices.dedup();
    }
    Some(Hit {
        target: entry.target,
        score: total,
        highlights,
        via,
    })
}
