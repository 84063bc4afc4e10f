//! The search index, the only nucleo user. Built once from a `Directory`:
//! every record gets its searchable fields as nucleo haystacks (English and
//! 汉字 names, full pinyin and initials generated at load time, aliases and
//! their pinyin; a facility also its city, its kind when online, and its
//! specialties with their aliases; a contact its role, its number as shown
//! and as bare digits, and its facility's names). A query is parsed into
//! fzf-style atoms (`'exact ^prefix suffix$ !not`); each positive atom must
//! match some field of a record and takes the best of them (a hidden field,
//! which the row does not show, scores 7/8 of a visible one); no negative
//! atom may match any field. Records rank by the sum, ties in directory
//! order (cities, facilities, specialties, contacts). The CLI's `search`,
//! the pane filters and global search all rank here, so they agree.
//!
//! What keeps it fast without changing a result: fields many records share
//! (a city's names, a specialty's names and aliases, a facility's names as
//! its contacts see them) are stored once as groups and scored once per
//! query; a character signature per field and record skips what cannot
//! match; a contact's number is read from the directory, not copied; large
//! scopes are scored on two threads; highlights and "via" are computed for
//! the rows shown (`hits`), not for every match.

mod mask;
mod worker;

pub use worker::{Answer, INLINE_RECORDS, Request, Searcher};

use std::ops::Range;
use std::sync::Arc;

use nucleo_matcher::pattern::{Atom, CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str, Utf32String};

use crate::model::{Directory, Kind};
use crate::text::{has_han, initials_of_words, pinyin_forms};

/// A query is searched for at most this many words (fzf's atoms) and
/// characters: more is nothing a person types, and a pasted page of words
/// would cost seconds and gigabytes. `query_problem` says so for the CLI,
/// and `Index` uses only the first words of a longer query.
pub const MAX_QUERY_WORDS: usize = 16;
pub const MAX_QUERY_CHARS: usize = 256;

/// Why a query is too long to search, in words for a person; `None` if it
/// is not.
pub fn query_problem(query: &str) -> Option<String> {
    let chars = query.chars().count();
    let words = query.split_whitespace().count();
    if words > MAX_QUERY_WORDS {
        Some(format!(
            "the query has {words} words; at most {MAX_QUERY_WORDS} are searched"
        ))
    } else if chars > MAX_QUERY_CHARS {
        Some(format!(
            "the query is {chars} characters long; at most {MAX_QUERY_CHARS} are searched"
        ))
    } else {
        None
    }
}

/// What a hit points at (indices into the `Directory`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Target {
    City(usize),
    Facility(usize),
    /// A specialty of the shared vocabulary.
    Specialty(usize),
    Contact {
        facility: usize,
        contact: usize,
    },
}

impl Target {
    /// The kind of hit, as shown in global search and the CLI.
    pub fn kind_label(self) -> &'static str {
        match self {
            Target::City(_) => "city",
            Target::Facility(_) => "facility",
            Target::Specialty(_) => "specialty",
            Target::Contact { .. } => "contact",
        }
    }
}

/// Which records a query looks at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    Cities,
    /// Facilities of one city (by index), or of all cities.
    Facilities {
        city: Option<usize>,
    },
    /// The specialties linked to one facility.
    Specialties {
        facility: usize,
    },
    /// Everything: cities, facilities, specialties and contacts.
    Global,
}

/// Which visible column of a row a highlight applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    /// The English name (or a contact's role).
    Name,
    /// The 汉字 name (or a contact's number).
    NameZh,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub target: Target,
    pub score: u32,
    /// Matched character indices in the visible columns.
    pub highlights: Vec<(Column, Vec<u32>)>,
    /// What the row matched through when that is not visible in the row.
    pub via: Option<String>,
}

impl Hit {
    /// The matched character indices in `column` (none if it did not match).
    pub fn indices(&self, column: Column) -> &[u32] {
        self.highlights
            .iter()
            .find(|(c, _)| *c == column)
            .map_or(&[], |(_, i)| i.as_slice())
    }
}

/// Whether `query` has no atom, so it keeps every record in scope order.
pub fn is_blank(query: &str) -> bool {
    parse(query).is_empty()
}

/// How many records `scope` covers (what an empty query returns).
pub fn count(dir: &Directory, scope: &Scope) -> usize {
    listing(dir, scope).len()
}

/// The records `scope` covers, in directory order: what an empty query
/// returns, without an index.
pub fn listing(dir: &Directory, scope: &Scope) -> Vec<Target> {
    match scope {
        Scope::Cities => (0..dir.cities.len()).map(Target::City).collect(),
        Scope::Facilities { city: None } => {
            (0..dir.facilities.len()).map(Target::Facility).collect()
        }
        Scope::Facilities { city: Some(c) } => dir.cities.get(*c).map_or_else(Vec::new, |c| {
            c.facilities.iter().map(|&f| Target::Facility(f)).collect()
        }),
        Scope::Specialties { facility } => {
            dir.facilities.get(*facility).map_or_else(Vec::new, |f| {
                f.specialties
                    .iter()
                    .map(|s| Target::Specialty(s.index))
                    .collect()
            })
        }
        Scope::Global => {
            let mut all = listing(dir, &Scope::Cities);
            all.extend(listing(dir, &Scope::Facilities { city: None }));
            all.extend((0..dir.specialties.len()).map(Target::Specialty));
            for (facility, f) in dir.facilities.iter().enumerate() {
                all.extend(
                    (0..f.contacts.len()).map(|contact| Target::Contact { facility, contact }),
                );
            }
            all
        }
    }
}

/// A query's atoms, each with the character signature it needs.
fn parse(query: &str) -> Vec<(Atom, u64)> {
    let query: String = query.chars().take(MAX_QUERY_CHARS).collect();
    let pattern = Pattern::parse(&query, CaseMatching::Smart, Normalization::Smart);
    pattern
        .atoms
        .into_iter()
        .take(MAX_QUERY_WORDS)
        .map(|atom| {
            let need = mask::of_atom(&atom);
            (atom, need)
        })
        .collect()
}

/// A hidden field matching as well as a visible one loses to it, so rows
/// say "via" only when the visible text really does not match.
fn hidden_penalty(score: u16) -> u32 {
    u32::from(score) * 7 / 8
}

/// What a hidden field's row says it matched through.
enum Via {
    /// Its own text.
    Text,
    /// `pinyin …` or `initials …` and its text.
    Prefixed(&'static str),
    Label(Arc<str>),
}

struct Field {
    text: Utf32String,
    mask: u64,
    /// `None` for a hidden field.
    column: Option<Column>,
    via: Via,
}

/// A city, facility or specialty: its own fields, then the groups it shares.
struct Record {
    fields: Range<u32>,
    groups: Range<u32>,
    mask: u64,
}

/// Hidden fields several records share, scored once per query.
struct Group {
    fields: Range<u32>,
    mask: u64,
}

/// A contact: its role (a field shared by the contacts with that role),
/// its number (read from the directory) and its facility's names (a group).
struct ContactRecord {
    facility: u32,
    contact: u32,
    role: u32,
    group: u32,
    /// The signature of its number.
    number: u64,
}

/// A record's own fields: stored ones, or a contact's.
enum Own {
    Stored(Range<u32>),
    Contact(u32),
}

/// A field to score: where its text is, its signature, its column.
type OwnField = (FieldRef, u64, Option<Column>);

/// Where a field's text is: stored, or a contact's number in the directory.
#[derive(Clone, Copy, PartialEq, Eq)]
enum FieldRef {
    Stored(u32),
    Number(u32),
    Digits(u32),
}

/// The searchable form of a directory.
pub struct Index {
    dir: Arc<Directory>,
    fields: Vec<Field>,
    groups: Vec<Group>,
    /// The groups of every record, record after record.
    group_refs: Vec<u32>,
    /// Cities, facilities, specialties: global search order.
    records: Vec<Record>,
    contacts: Vec<ContactRecord>,
    /// The record id of each facility's first contact.
    first_contact: Vec<u32>,
}

/// Queries over at least this many records are split over two threads.
const PARALLEL_FROM: usize = 20_000;

/// Collects fields, skipping empty text.
#[derive(Default)]
struct Builder {
    fields: Vec<Field>,
}

impl Builder {
    fn push(&mut self, text: &str, column: Option<Column>, via: Via) -> &mut Self {
        // nucleo keeps a grapheme's first character only: a label read back
        // from it is exact for ASCII alone.
        let via = match via {
            Via::Text if column.is_none() && !text.is_ascii() => Via::Label(text.into()),
            via => via,
        };
        if !text.is_empty() {
            let text = Utf32String::from(text);
            let mask = mask::of_chars(utf32_chars(text.slice(..)));
            self.fields.push(Field {
                text,
                mask,
                column,
                via,
            });
        }
        self
    }

    fn hidden(&mut self, text: &str, label: String) -> &mut Self {
        let via = match label == text {
            true => Via::Text,
            false => Via::Label(label.into()),
        };
        self.push(text, None, via)
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

    /// Each alias, and for one in 汉字 its pinyin and initials.
    fn aliases<'a>(&mut self, aliases: impl IntoIterator<Item = &'a String>) -> &mut Self {
        for alias in aliases {
            self.push(alias, None, Via::Text);
            if has_han(alias) {
                let (full, initials) = pinyin_forms(alias);
                self.hidden(&full, format!("{alias} ({full})"));
                self.hidden(&initials, format!("{alias} ({initials})"));
            }
        }
        self
    }

    /// The fields pushed since `start`.
    fn since(&self, start: usize) -> Range<u32> {
        start as u32..self.fields.len() as u32
    }

    /// Ends a group: the fields pushed since `start`.
    fn group(&self, groups: &mut Vec<Group>, start: usize) -> u32 {
        let fields = self.since(start);
        groups.push(Group {
            mask: self.mask(&fields),
            fields,
        });
        groups.len() as u32 - 1
    }

    fn mask(&self, fields: &Range<u32>) -> u64 {
        let fields = &self.fields[fields.start as usize..fields.end as usize];
        fields.iter().fold(0, |m, f| m | f.mask)
    }
}

fn utf32_chars(text: Utf32Str<'_>) -> impl Iterator<Item = char> + '_ {
    let (ascii, unicode) = match text {
        Utf32Str::Ascii(bytes) => (bytes, &[][..]),
        Utf32Str::Unicode(chars) => (&[][..], chars),
    };
    ascii
        .iter()
        .map(|&b| char::from(b))
        .chain(unicode.iter().copied())
}

impl Index {
    /// The index of `dir`, which it holds: a city's facilities, a
    /// facility's specialties and every contact's number are read from it.
    pub fn new(dir: &Arc<Directory>) -> Index {
        let mut b = Builder::default();
        let mut groups = Vec::new();
        let cities: Vec<u32> = dir
            .cities
            .iter()
            .map(|c| {
                let start = b.fields.len();
                let via = format!("city {}", c.name);
                b.hidden(&c.name, via.clone())
                    .hidden(c.name_zh.as_deref().unwrap_or(""), via);
                b.group(&mut groups, start)
            })
            .collect();
        let start = b.fields.len();
        b.hidden("online", "online service".to_string());
        let online = b.group(&mut groups, start);
        let specialties: Vec<u32> = dir
            .specialties
            .iter()
            .map(|s| {
                let start = b.fields.len();
                b.push(&s.name, None, Via::Text)
                    .push(&s.name_zh, None, Via::Text);
                for alias in &s.aliases {
                    b.hidden(alias, format!("{alias} ({})", s.name));
                }
                b.group(&mut groups, start)
            })
            .collect();
        let mut group_refs = Vec::new();
        let mut records = Vec::new();
        let mut record = |b: &mut Builder, start: usize, shared: &[u32], groups: &[Group]| {
            let fields = b.since(start);
            let mask = shared
                .iter()
                .fold(b.mask(&fields), |m, &g| m | groups[g as usize].mask);
            let first = group_refs.len() as u32;
            group_refs.extend_from_slice(shared);
            records.push(Record {
                fields,
                groups: first..group_refs.len() as u32,
                mask,
            });
        };
        for c in &dir.cities {
            let start = b.fields.len();
            b.push(&c.name, Some(Column::Name), Via::Text)
                .push(
                    c.name_zh.as_deref().unwrap_or(""),
                    Some(Column::NameZh),
                    Via::Text,
                )
                .pinyin(c.name_zh.as_deref(), c.pinyin.as_deref())
                .aliases(&c.aliases);
            record(&mut b, start, &[], &groups);
        }
        for f in dir.facilities.iter() {
            let start = b.fields.len();
            b.push(&f.name, Some(Column::Name), Via::Text)
                .push(
                    f.name_zh.as_deref().unwrap_or(""),
                    Some(Column::NameZh),
                    Via::Text,
                )
                .pinyin(f.name_zh.as_deref(), f.pinyin.as_deref())
                .aliases(&f.aliases);
            let mut shared = vec![cities[f.city]];
            if f.kind == Kind::Online {
                shared.push(online);
            }
            shared.extend(f.specialties.iter().map(|link| specialties[link.index]));
            record(&mut b, start, &shared, &groups);
        }
        for s in &dir.specialties {
            let start = b.fields.len();
            b.push(&s.name, Some(Column::Name), Via::Text)
                .push(&s.name_zh, Some(Column::NameZh), Via::Text)
                .pinyin(Some(&s.name_zh), None)
                .aliases(&s.aliases);
            record(&mut b, start, &[], &groups);
        }
        let mut roles = std::collections::HashMap::new();
        let mut contacts = Vec::new();
        let mut first_contact = Vec::with_capacity(dir.facilities.len());
        for (i, f) in dir.facilities.iter().enumerate() {
            first_contact.push((records.len() + contacts.len()) as u32);
            if f.contacts.is_empty() {
                continue;
            }
            // The facility's names as its contacts see them.
            let start = b.fields.len();
            b.hidden(&f.name, f.name.clone())
                .hidden(f.name_zh.as_deref().unwrap_or(""), f.name.clone())
                .aliases(&f.aliases);
            let names = b.group(&mut groups, start);
            for (j, c) in f.contacts.iter().enumerate() {
                let role = *roles.entry(&*c.role).or_insert_with(|| {
                    b.push(&c.role, Some(Column::Name), Via::Text);
                    b.fields.len() as u32 - 1
                });
                contacts.push(ContactRecord {
                    facility: i as u32,
                    contact: j as u32,
                    role,
                    group: names,
                    number: mask::of_chars(c.phone.display.chars()),
                });
            }
        }
        Index {
            dir: Arc::clone(dir),
            fields: b.fields,
            groups,
            group_refs,
            records,
            contacts,
            first_contact,
        }
    }

    /// How many records there are (global search's scope).
    fn len(&self) -> usize {
        self.records.len() + self.contacts.len()
    }

    /// The record ids `scope` covers, in directory order.
    fn scope_ids(&self, scope: &Scope) -> Vec<u32> {
        let (cities, facilities) = (self.dir.cities.len(), self.dir.facilities.len());
        let id = |target: Target| match target {
            Target::City(i) => i,
            Target::Facility(i) => cities + i,
            Target::Specialty(i) => cities + facilities + i,
            Target::Contact { .. } => 0,
        } as u32;
        match scope {
            Scope::Global => (0..self.len() as u32).collect(),
            scope => listing(&self.dir, scope).into_iter().map(id).collect(),
        }
    }

    /// What record `id` points at.
    fn target(&self, id: u32) -> Target {
        let (cities, facilities) = (self.dir.cities.len(), self.dir.facilities.len());
        let id = id as usize;
        if id < cities {
            Target::City(id)
        } else if id < cities + facilities {
            Target::Facility(id - cities)
        } else if id < self.records.len() {
            Target::Specialty(id - cities - facilities)
        } else {
            let c = &self.contacts[id - self.records.len()];
            Target::Contact {
                facility: c.facility as usize,
                contact: c.contact as usize,
            }
        }
    }

    /// The record id of `target`, if the directory has it.
    fn id(&self, target: Target) -> Option<u32> {
        let (cities, facilities) = (self.dir.cities.len(), self.dir.facilities.len());
        let id = match target {
            Target::City(i) if i < cities => i,
            Target::Facility(i) if i < facilities => cities + i,
            Target::Specialty(i) if i < self.dir.specialties.len() => cities + facilities + i,
            Target::Contact { facility, contact } => {
                let f = self.dir.facilities.get(facility)?;
                (contact < f.contacts.len())
                    .then_some(*self.first_contact.get(facility)? as usize + contact)?
            }
            _ => return None,
        };
        Some(id as u32)
    }

    /// How many records `scope` holds (what an empty query returns).
    pub fn count(&self, scope: &Scope) -> usize {
        match scope {
            Scope::Global => self.len(),
            scope => count(&self.dir, scope),
        }
    }

    /// Ranked hits for `query` in `scope`, each with its highlights and
    /// "via". An empty query returns every record of the scope in
    /// directory order.
    pub fn query(&self, query: &str, scope: &Scope) -> Vec<Hit> {
        let targets: Vec<Target> = self
            .rank(query, scope)
            .into_iter()
            .map(|(t, _)| t)
            .collect();
        self.hits(query, &targets).into_iter().flatten().collect()
    }

    /// The ranking alone: the targets and scores `query` gives, in its
    /// order. Decorate the rows on screen with `hits`.
    pub fn rank(&self, query: &str, scope: &Scope) -> Vec<(Target, u32)> {
        self.rank_until(query, scope, &|| false).unwrap_or_default()
    }

    /// `rank`, giving up (`None`) as soon as `cancelled` says so (checked
    /// every few thousand records). Large scopes use two threads.
    pub fn rank_until(
        &self,
        query: &str,
        scope: &Scope,
        cancelled: &(dyn Fn() -> bool + Sync),
    ) -> Option<Vec<(Target, u32)>> {
        let ids = self.scope_ids(scope);
        let atoms = parse(query);
        let run = |ids: &[u32]| -> Option<Vec<(u32, u32)>> {
            let mut scorer = Scorer::new(self, &atoms);
            let mut out = Vec::new();
            for (n, &id) in ids.iter().enumerate() {
                if n % 4096 == 4095 && cancelled() {
                    return None;
                }
                if let Some(score) = scorer.score(id, None) {
                    out.push((id, score));
                }
            }
            Some(out)
        };
        let mut hits = if ids.len() >= PARALLEL_FROM {
            let (a, b) = ids.split_at(ids.len() / 2);
            let (first, second) = std::thread::scope(|s| {
                let second = s.spawn(|| run(b));
                (run(a), second.join())
            });
            let second = second.unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            let mut first = first?;
            first.extend(second?);
            first
        } else {
            run(&ids)?
        };
        // Higher scores first; equal scores keep directory order.
        hits.sort_by_key(|&(_, score)| std::cmp::Reverse(score));
        Some(
            hits.into_iter()
                .map(|(id, s)| (self.target(id), s))
                .collect(),
        )
    }

    /// The full hit `query` gives `target`, or `None` if it does not match.
    pub fn hit(&self, query: &str, target: Target) -> Option<Hit> {
        self.hits(query, &[target]).pop().flatten()
    }

    /// `hit` for each of `targets` (the rows on screen), parsing the query
    /// and setting up the matcher once.
    pub fn hits(&self, query: &str, targets: &[Target]) -> Vec<Option<Hit>> {
        let atoms = parse(query);
        let mut scorer = Scorer::new(self, &atoms);
        targets
            .iter()
            .map(|&target| {
                let id = self.id(target)?;
                let mut hit = Hit {
                    target,
                    score: 0,
                    highlights: Vec::new(),
                    via: None,
                };
                hit.score = scorer.score(id, Some(&mut hit))?;
                for (_, indices) in &mut hit.highlights {
                    indices.sort_unstable();
                    indices.dedup();
                }
                Some(hit)
            })
            .collect()
    }

    /// Stored fields `range`, to score.
    fn stored(&self, range: Range<u32>) -> impl Iterator<Item = OwnField> + '_ {
        range.map(|id| {
            let f = &self.fields[id as usize];
            (FieldRef::Stored(id), f.mask, f.column)
        })
    }

    /// A record's own fields, to score: a contact's are its role, its
    /// number as shown and its number's digits.
    fn own(&self, own: &Own) -> impl Iterator<Item = OwnField> + '_ {
        let (range, contact) = match own {
            Own::Stored(range) => (range.clone(), None),
            Own::Contact(n) => (0..0, Some(*n)),
        };
        let contact = contact.into_iter().flat_map(|n| {
            let c = &self.contacts[n as usize];
            let role = &self.fields[c.role as usize];
            [
                (FieldRef::Stored(c.role), role.mask, Some(Column::Name)),
                (FieldRef::Number(n), c.number, Some(Column::NameZh)),
                (FieldRef::Digits(n), c.number, None),
            ]
        });
        self.stored(range).chain(contact)
    }

    /// A field's text as nucleo matches it (`digits` is a scratch buffer).
    fn text<'a>(&'a self, field: FieldRef, digits: &'a mut String) -> Utf32Str<'a> {
        let number = |c: u32| {
            let c = &self.contacts[c as usize];
            &self.dir.facilities[c.facility as usize].contacts[c.contact as usize].phone
        };
        match field {
            FieldRef::Stored(id) => self.fields[id as usize].text.slice(..),
            FieldRef::Number(c) => ascii(&number(c).display),
            FieldRef::Digits(c) => {
                *digits = number(c).digits();
                ascii(digits)
            }
        }
    }

    /// What the row says a hidden field matched through.
    fn via(&self, field: FieldRef) -> String {
        match field {
            FieldRef::Stored(id) => {
                let f = &self.fields[id as usize];
                let text = || utf32_chars(f.text.slice(..)).collect::<String>();
                match &f.via {
                    Via::Text => text(),
                    Via::Prefixed(prefix) => format!("{prefix}{}", text()),
                    Via::Label(label) => label.to_string(),
                }
            }
            FieldRef::Number(c) | FieldRef::Digits(c) => {
                let c = &self.contacts[c as usize];
                let f = &self.dir.facilities[c.facility as usize];
                f.contacts[c.contact as usize].phone.display.clone()
            }
        }
    }
}

/// ASCII text as nucleo's haystack; other text (which a checked phone
/// number never is) as nothing.
fn ascii(text: &str) -> Utf32Str<'_> {
    Utf32Str::Ascii(if text.is_ascii() {
        text.as_bytes()
    } else {
        &[]
    })
}

/// Memo slot values: not computed yet / no field matches.
const UNSET: u64 = u64::MAX;
const NONE: u64 = u64::MAX - 1;

/// Scores records against one parsed query, memoising each group's best
/// field per atom.
struct Scorer<'a> {
    index: &'a Index,
    atoms: &'a [(Atom, u64)],
    matcher: Matcher,
    memo: Vec<u64>,
    digits: String,
}

impl<'a> Scorer<'a> {
    fn new(index: &'a Index, atoms: &'a [(Atom, u64)]) -> Scorer<'a> {
        Scorer {
            index,
            atoms,
            matcher: Matcher::new(Config::DEFAULT),
            memo: vec![UNSET; index.groups.len() * atoms.len()],
            digits: String::new(),
        }
    }

    /// The best score of atom `a` among `fields` (hidden ones at 7/8) and
    /// the first field reaching it; for a negative atom, `Some` when any
    /// field matches it.
    fn best(
        &mut self,
        fields: impl Iterator<Item = OwnField>,
        a: usize,
    ) -> Option<(u32, FieldRef)> {
        let (atom, need) = &self.atoms[a];
        let mut best: Option<(u32, FieldRef)> = None;
        for (field, mask, column) in fields {
            if mask & need != *need {
                continue;
            }
            let hay = self.index.text(field, &mut self.digits);
            let score = atom.score(hay, &mut self.matcher);
            if atom.negative {
                if score.is_none() {
                    return Some((1, field));
                }
                continue;
            }
            let Some(score) = score else { continue };
            let score = match column {
                Some(_) => u32::from(score),
                None => hidden_penalty(score),
            };
            if best.is_none_or(|(b, _)| score > b) {
                best = Some((score, field));
            }
        }
        best
    }

    /// Group `g`'s result for atom `a`, memoised.
    fn group(&mut self, g: u32, a: usize) -> Option<(u32, FieldRef)> {
        let slot = g as usize * self.atoms.len() + a;
        if self.memo[slot] == UNSET {
            let index = self.index;
            let group = &index.groups[g as usize];
            let result = match group.mask & self.atoms[a].1 == self.atoms[a].1 {
                true => self.best(index.stored(group.fields.clone()), a),
                false => None,
            };
            self.memo[slot] = result.map_or(NONE, |(score, field)| match field {
                FieldRef::Stored(id) => (u64::from(score) << 32) | u64::from(id),
                _ => NONE,
            });
        }
        let packed = self.memo[slot];
        (packed != NONE).then_some(((packed >> 32) as u32, FieldRef::Stored(packed as u32)))
    }

    /// The record's score, or `None` if it does not match; with `hit`,
    /// its highlights and "via" are filled in.
    fn score(&mut self, id: u32, mut hit: Option<&mut Hit>) -> Option<u32> {
        let index = self.index;
        let (own, groups, mask) = match index.records.get(id as usize) {
            Some(r) => {
                let groups = &index.group_refs[r.groups.start as usize..r.groups.end as usize];
                (Own::Stored(r.fields.clone()), groups, r.mask)
            }
            None => {
                let n = id - index.records.len() as u32;
                let c = &index.contacts[n as usize];
                let mask = index.fields[c.role as usize].mask
                    | c.number
                    | index.groups[c.group as usize].mask;
                (Own::Contact(n), std::slice::from_ref(&c.group), mask)
            }
        };
        let need = self
            .atoms
            .iter()
            .filter(|(a, _)| !a.negative)
            .fold(0, |m, (_, n)| m | n);
        if mask & need != need {
            return None;
        }
        let mut total = 0;
        for a in 0..self.atoms.len() {
            let mine = self.best(index.own(&own), a);
            if self.atoms[a].0.negative {
                if mine.is_some() || groups.iter().any(|&g| self.group(g, a).is_some()) {
                    return None;
                }
                continue;
            }
            // The first field with the best score wins: own fields, then groups.
            let mut best = mine;
            for &g in groups {
                if let Some((score, field)) = self.group(g, a)
                    && best.is_none_or(|(b, _)| score > b)
                {
                    best = Some((score, field));
                }
            }
            let (score, field) = best?;
            total += score;
            if let Some(hit) = hit.as_deref_mut() {
                self.decorate(hit, a, field);
            }
        }
        Some(total)
    }

    /// Adds what atom `a`'s winning field shows: highlights in a visible
    /// column, or the row's "via".
    fn decorate(&mut self, hit: &mut Hit, a: usize, field: FieldRef) {
        let column = match field {
            FieldRef::Stored(id) => self.index.fields[id as usize].column,
            FieldRef::Number(_) => Some(Column::NameZh),
            FieldRef::Digits(_) => None,
        };
        let Some(column) = column else {
            hit.via.get_or_insert_with(|| self.index.via(field));
            return;
        };
        let mut indices = Vec::new();
        let hay = self.index.text(field, &mut self.digits);
        self.atoms[a]
            .0
            .indices(hay, &mut self.matcher, &mut indices);
        match hit.highlights.iter_mut().find(|(c, _)| *c == column) {
            Some((_, existing)) => existing.extend(indices),
            None => hit.highlights.push((column, indices)),
        }
    }
}
