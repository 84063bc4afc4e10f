//! The brute-force scorer the optimised index must agree with: the ranking
//! rules of `search`'s module doc done the straightforward way. Every
//! record holds a copy of every field it can match through (its own, then
//! its city's, its specialties', its role and its facility's), each with
//! its source and label; every field is scored on each query, with no
//! groups, memo, signatures or pruning, and a match is classed from the
//! words of its text.
#![allow(dead_code)]

use careguide::model::{Directory, Kind};
use careguide::search::{Column, Hit, Scope, Target};
use careguide::text::{has_han, initials_of_words, pinyin_forms};
use nucleo_matcher::pattern::{Atom, AtomKind, CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32String};

/// Field sources and match classes, best first.
const OWN: u32 = 3;
const ALIAS: u32 = 2;
const SHARED: u32 = 1;
const NOTE: u32 = 0;
const PRECISE: u32 = 3;
const IN_WORD: u32 = 2;
const SCATTERED: u32 = 1;

#[derive(Clone)]
struct Field {
    text: Utf32String,
    /// `Some` for text shown in the row; `None` for hidden text, which then
    /// carries the label shown as "via".
    column: Option<Column>,
    source: u32,
    via: String,
    /// For a contact's digits: the number as shown, where they highlight.
    shown: Option<String>,
}

struct Entry {
    target: Target,
    fields: Vec<Field>,
    city: Option<usize>,
    /// Not a contact that is no emergency line.
    lead: bool,
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

fn field(text: &str, column: Option<Column>, source: u32, via: String) -> Vec<Field> {
    if text.is_empty() {
        return Vec::new();
    }
    let shown = None;
    let text = Utf32String::from(text);
    vec![Field {
        text,
        column,
        source,
        via,
        shown,
    }]
}

fn hidden(text: &str, source: u32, via: String) -> Vec<Field> {
    field(text, None, source, via)
}

/// Each text, and for one in 汉字 its pinyin and initials, labelled with
/// `of` after the text.
fn aliases(texts: &[&str], source: u32, of: &str) -> Vec<Field> {
    let mut out = Vec::new();
    for text in texts {
        out.extend(hidden(text, source, format!("{text}{of}")));
        if has_han(text) {
            let (full, initials) = pinyin_forms(text);
            out.extend(hidden(&full, source, format!("{text} ({full}){of}")));
            out.extend(hidden(
                &initials,
                source,
                format!("{text} ({initials}){of}"),
            ));
        }
    }
    out
}

/// A record's names, their pinyin (its own, else the converter's), then
/// its aliases.
fn names(name: &str, zh: Option<&str>, own: Option<&str>, alias: &[String]) -> Vec<Field> {
    let mut out = field(name, Some(Column::Name), OWN, String::new());
    out.extend(field(
        zh.unwrap_or(""),
        Some(Column::NameZh),
        OWN,
        String::new(),
    ));
    let (full, initials) = match (own, zh) {
        (Some(own), _) => (own.replace(' ', ""), initials_of_words(own)),
        (None, Some(zh)) if has_han(zh) => pinyin_forms(zh),
        _ => Default::default(),
    };
    out.extend(hidden(&full, OWN, format!("pinyin {full}")));
    out.extend(hidden(&initials, OWN, format!("initials {initials}")));
    let alias: Vec<&str> = alias.iter().map(String::as_str).collect();
    out.extend(aliases(&alias, ALIAS, ""));
    out
}

impl Reference {
    pub fn new(dir: &Directory) -> Reference {
        let specialty_fields: Vec<Vec<Field>> = dir
            .specialties
            .iter()
            .map(|s| {
                let mut out = hidden(&s.name, SHARED, s.name.clone());
                let mut texts = vec![s.name_zh.as_str()];
                texts.extend(s.aliases.iter().map(String::as_str));
                out.extend(aliases(&texts, SHARED, &format!(" ({})", s.name)));
                out
            })
            .collect();
        let specialties = dir
            .specialties
            .iter()
            .enumerate()
            .map(|(i, s)| Entry {
                target: Target::Specialty(i),
                fields: names(&s.name, Some(&s.name_zh), None, &s.aliases),
                city: None,
                lead: true,
            })
            .collect();
        let cities = dir
            .cities
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let mut fields = names(
                    &c.name,
                    c.name_zh.as_deref(),
                    c.pinyin.as_deref(),
                    &c.aliases,
                );
                let via = format!("advice for {}", c.name);
                for note in &c.notes {
                    fields.extend(hidden(&note.text, NOTE, via.clone()));
                }
                Entry {
                    target: Target::City(i),
                    fields,
                    city: Some(i),
                    lead: true,
                }
            })
            .collect();
        let mut facilities = Vec::new();
        let mut contacts = Vec::new();
        for (i, f) in dir.facilities.iter().enumerate() {
            let mut fields = names(
                &f.name,
                f.name_zh.as_deref(),
                f.pinyin.as_deref(),
                &f.aliases,
            );
            let city = dir.city_of(f);
            let via = format!("city {}", city.name);
            fields.extend(hidden(&city.name, SHARED, via.clone()));
            fields.extend(hidden(city.name_zh.as_deref().unwrap_or(""), SHARED, via));
            if f.kind == Kind::Online {
                fields.extend(hidden("online", SHARED, "online service".to_string()));
            }
            for link in &f.specialties {
                fields.extend(specialty_fields[link.index].iter().cloned());
            }
            let (target, city) = (Target::Facility(i), Some(f.city));
            facilities.push(Entry {
                target,
                fields,
                city,
                lead: true,
            });
            let mut facility = hidden(&f.name, SHARED, f.name.clone());
            facility.extend(hidden(
                f.name_zh.as_deref().unwrap_or(""),
                SHARED,
                f.name.clone(),
            ));
            let alias: Vec<&str> = f.aliases.iter().map(String::as_str).collect();
            facility.extend(aliases(&alias, SHARED, ""));
            for (j, c) in f.contacts.iter().enumerate() {
                let mut fields = Vec::new();
                let digits = c.phone.digits();
                if !digits.is_empty() {
                    fields.push(Field {
                        text: Utf32String::from(digits.as_str()),
                        column: Some(Column::NameZh),
                        source: OWN,
                        via: String::new(),
                        shown: Some(c.phone.display.clone()),
                    });
                }
                fields.extend(field(&c.role, Some(Column::Name), OWN, String::new()));
                fields.extend(facility.iter().cloned());
                let role = c.role.to_lowercase();
                let emergency = ["emergency", "急诊", "急救"]
                    .iter()
                    .any(|w| role.contains(w));
                contacts.push(Entry {
                    target: Target::Contact {
                        facility: i,
                        contact: j,
                    },
                    fields,
                    city: Some(f.city),
                    lead: emergency,
                });
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
        let atoms = match number(query) {
            Some(atom) => vec![atom],
            None => Pattern::parse(query, CaseMatching::Smart, Normalization::Smart).atoms,
        };
        let mut matcher = Matcher::new(Config::DEFAULT);
        let mut hits = Vec::new();
        let mut consider = |entry: &Entry| {
            if let Some(hit) = score_entry(entry, &atoms, &mut matcher) {
                hits.push((entry.city, hit));
            }
        };
        let mut prefer = None;
        match scope {
            // A city's advice counts in global search only.
            Scope::Cities => self.cities.iter().for_each(|c| {
                consider(&Entry {
                    fields: (c.fields.iter())
                        .filter(|f| f.source != NOTE)
                        .cloned()
                        .collect(),
                    ..*c
                })
            }),
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
            Scope::Global { prefer: city } => {
                prefer = *city;
                self.cities.iter().for_each(&mut consider);
                self.facilities.iter().for_each(&mut consider);
                self.specialties.iter().for_each(&mut consider);
                self.contacts.iter().for_each(&mut consider);
            }
        }
        // Stable: equal keys keep directory order, cities before facilities.
        hits.sort_by_key(|(city, h)| {
            let advice = (h.score >> 27) & 3 == NOTE;
            let preferred = prefer.is_some() && *city == prefer && !advice;
            std::cmp::Reverse((h.score >> 30, preferred, h.score))
        });
        hits.into_iter().map(|(_, h)| h).collect()
    }
}

/// A number as people write it, as one atom of its digits: see `search`.
fn number(query: &str) -> Option<Atom> {
    let query = query.trim();
    let marks = query
        .chars()
        .all(|c| c.is_ascii_digit() || " +-.()".contains(c));
    if !marks || !query.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    let digits: String = query.chars().filter(char::is_ascii_digit).collect();
    let mut needle = if query.trim_start_matches('(').starts_with('+') {
        Some(digits.clone())
    } else if let Some(rest) = digits.strip_prefix("00") {
        Some(rest.to_string())
    } else if let Some(rest) = digits.strip_prefix('0') {
        Some(format!("86{rest}"))
    } else if digits.starts_with("86") && digits.len() >= 11 {
        Some(digits.clone())
    } else {
        None
    };
    if let Some(n) = &needle
        && let Some(rest) = n.strip_prefix("860")
    {
        needle = Some(format!("86{rest}"));
    }
    let (needle, kind) = match needle {
        Some(n) => (n, AtomKind::Prefix),
        None => (digits, AtomKind::Substring),
    };
    if needle.is_empty() {
        return None;
    }
    Some(Atom::new(
        &needle,
        CaseMatching::Ignore,
        Normalization::Never,
        kind,
        false,
    ))
}

/// Whether each character of `text` starts a word (a run of letters and
/// digits, 汉字 included).
fn starts(text: &[char]) -> Vec<bool> {
    let alnum = |i: usize| text[i].is_alphanumeric();
    (0..text.len())
        .map(|i| alnum(i) && (i == 0 || !alnum(i - 1)))
        .collect()
}

/// The class of an atom's match on `field` and its score, or `None`.
fn class(atom: &Atom, field: &Field, matcher: &mut Matcher) -> Option<(u32, u16)> {
    let hay = field.text.slice(..);
    let mut indices = Vec::new();
    let score = atom.indices(hay, matcher, &mut indices)?;
    indices.sort_unstable();
    let text: Vec<char> = hay.chars().collect();
    let start = starts(&text);
    let mut runs_start = true;
    for (k, &i) in indices.iter().enumerate() {
        let continues = k > 0 && indices[k - 1] + 1 == i;
        if !continues && !start[i as usize] {
            runs_start = false;
        }
    }
    let span = (indices[indices.len() - 1] - indices[0] + 1) as usize;
    let contiguous = span == indices.len();
    let mut literal = || {
        let needle = atom.needle_text().to_string();
        let (case, accents) = (CaseMatching::Smart, Normalization::Smart);
        let literal = Atom::new(&needle, case, accents, AtomKind::Substring, false);
        literal.score(hay, matcher).is_some()
    };
    if contiguous || runs_start || literal() {
        return Some((PRECISE, score));
    }
    // The words touched: a character between words counts with the one before.
    let mut word: Vec<usize> = indices
        .iter()
        .map(|&i| start[..=i as usize].iter().filter(|&&s| s).count())
        .collect();
    word.dedup();
    let touched = word.len();
    let skipped = span - indices.len();
    let class = if touched == 1 {
        IN_WORD
    } else if touched >= 3 && skipped > indices.len() {
        return None;
    } else {
        SCATTERED
    };
    Some((class, score))
}

fn score_entry(entry: &Entry, atoms: &[Atom], matcher: &mut Matcher) -> Option<Hit> {
    let (mut worst_class, mut worst_source, mut total) = (PRECISE, OWN, 0u32);
    let mut via = None;
    let mut highlights: Vec<(Column, Vec<u32>)> = Vec::new();
    for atom in atoms {
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
        let mut best: Option<((u32, u32, u32), &Field)> = None;
        for field in &entry.fields {
            if let Some((class, score)) = class(atom, field, matcher) {
                let score = match field.column {
                    Some(_) => u32::from(score),
                    None => u32::from(score) * 7 / 8,
                };
                let key = (class, field.source, score);
                if best.is_none_or(|(b, _)| key > b) {
                    best = Some((key, field));
                }
            }
        }
        let ((class, source, score), field) = best?;
        worst_class = worst_class.min(class);
        worst_source = worst_source.min(source);
        total += score;
        match field.column {
            Some(column) => {
                let mut indices = Vec::new();
                atom.indices(field.text.slice(..), matcher, &mut indices);
                if let Some(shown) = &field.shown {
                    let places: Vec<u32> = shown
                        .chars()
                        .enumerate()
                        .filter(|(_, c)| c.is_ascii_digit())
                        .map(|(i, _)| i as u32)
                        .collect();
                    indices = indices.iter().map(|&i| places[i as usize]).collect();
                }
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
    let score = worst_class << 30
        | u32::from(entry.lead) << 29
        | worst_source << 27
        | total.min((1 << 27) - 1);
    Some(Hit {
        target: entry.target,
        score,
        highlights,
        via,
    })
}
