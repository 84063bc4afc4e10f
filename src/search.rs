//! The search index, the only nucleo user: the CLI's `search`, the pane
//! filters and global search all rank here. A record's fields: its English
//! and 汉字 names, their pinyin and initials, its aliases and their pinyin;
//! a city's also its advice notes (in global search only); a facility's
//! also its city, "online" for an online one and its specialties (names,
//! aliases, pinyin); a contact's its role, its number's digits and its
//! facility's names.
//!
//! A query is fzf's syntax (`'exact ^prefix suffix$ !not`), at most 16
//! atoms; no negative atom may match any field. A number as people type it
//! (`model::typed_number`: `0471 662 0000`, `+86 10 …`) is one atom of its
//! digits, from the start of a contact's digits when typed so.
//!
//! Each positive atom must match a field; of those it takes the best by:
//! 1. class: *precise* when the atom is a literal substring of the field
//!    (as nucleo's substring match finds it) or each run of consecutive
//!    matched characters starts a word; else *in one word* when the matched
//!    characters lie in one word; else *scattered*, unless they touch three
//!    words or more and, from the first to the last, more are skipped than
//!    matched: then it is no match. A word is a run of letters and digits
//!    (汉字 too); a character between words counts with the one before it.
//! 2. source: the record's names (a contact's role and number), its
//!    aliases, what it shares (its city, specialties, facility), then a
//!    city's advice notes.
//! 3. nucleo's score, 7/8 of it for a field the row does not show.
//!
//! Records rank by their worst atom class; in global search, then the
//! preferred city's records first (not a city found by its advice alone);
//! then a contact that is no emergency line after the others; then by the
//! worst atom source, the sum of the scores, and directory order (cities,
//! facilities, specialties, contacts).
//! `Hit::score` packs all but the city.
//!
//! Fast without changing a result: fields records share (a city's names, a
//! specialty's, a role, a facility's names for its contacts) are groups,
//! scored once per query; a character signature per field and record skips
//! what cannot match, and a field that could not win is not matched; large
//! scopes use two threads.

mod mask;
mod worker;

pub use worker::{Answer, INLINE_RECORDS, Request, Searcher};

use std::ops::Range;
use std::sync::Arc;

use nucleo_matcher::pattern::{Atom, AtomKind, CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str, Utf32String};

use crate::model::{Directory, Kind, is_emergency_role, typed_number};
use crate::text::{has_han, initials_of_words, pinyin_forms};

/// A query is searched for at most this many words (fzf's atoms) and
/// characters: more is nothing a person types, and a pasted page would cost
/// seconds and gigabytes.
pub const MAX_QUERY_WORDS: usize = 16;
pub const MAX_QUERY_CHARS: usize = 256;

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
    /// Everything; the city `prefer` (where the user is) ranks first.
    Global {
        prefer: Option<usize>,
    },
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
    /// Higher ranks first (module doc).
    pub score: u32,
    /// Matched character indices in the visible columns.
    pub highlights: Vec<(Column, Vec<u32>)>,
    /// What the row matched through when that is not visible in the row.
    pub via: Option<String>,
}

impl Hit {
    /// Whether some word of the query matched only a city's advice notes.
    pub fn by_advice(&self) -> bool {
        source_of(self.score) == NOTE
    }

    /// The matched character indices in `column` (none if it did not match).
    pub fn indices(&self, column: Column) -> &[u32] {
        let found = self.highlights.iter().find(|(c, _)| *c == column);
        found.map_or(&[], |(_, i)| i.as_slice())
    }
}

/// Whether `query` has no atom, so it keeps every record in scope order.
pub fn is_blank(query: &str) -> bool {
    atoms(query).is_empty()
}

/// How many records `scope` covers (what an empty query returns).
pub fn count(dir: &Directory, scope: &Scope) -> usize {
    match *scope {
        Scope::Cities => dir.cities.len(),
        Scope::Facilities { city: None } => dir.facilities.len(),
        Scope::Facilities { city: Some(c) } => dir.cities.get(c).map_or(0, |c| c.facilities.len()),
        Scope::Specialties { facility } => dir
            .facilities
            .get(facility)
            .map_or(0, |f| f.specialties.len()),
        Scope::Global { .. } => {
            let contacts: usize = dir.facilities.iter().map(|f| f.contacts.len()).sum();
            dir.cities.len() + dir.facilities.len() + dir.specialties.len() + contacts
        }
    }
}

/// The records `scope` covers, in directory order: what an empty query
/// returns, without an index.
pub fn listing(dir: &Directory, scope: &Scope) -> Vec<Target> {
    let (cities, facilities) = (dir.cities.len(), dir.facilities.len());
    match *scope {
        Scope::Cities => (0..cities).map(Target::City).collect(),
        Scope::Facilities { city: None } => (0..facilities).map(Target::Facility).collect(),
        Scope::Facilities { city: Some(c) } => match dir.cities.get(c) {
            Some(c) => c.facilities.iter().map(|&f| Target::Facility(f)).collect(),
            None => Vec::new(),
        },
        Scope::Specialties { facility } => match dir.facilities.get(facility) {
            Some(f) => f
                .specialties
                .iter()
                .map(|s| Target::Specialty(s.index))
                .collect(),
            None => Vec::new(),
        },
        Scope::Global { .. } => {
            let mut list: Vec<Target> = (0..cities).map(Target::City).collect();
            list.extend((0..facilities).map(Target::Facility));
            list.extend((0..dir.specialties.len()).map(Target::Specialty));
            for (facility, f) in dir.facilities.iter().enumerate() {
                list.extend(
                    (0..f.contacts.len()).map(|contact| Target::Contact { facility, contact }),
                );
            }
            list
        }
    }
}

/// A query atom, the characters it needs, its needle as a literal
/// substring, and the highest score it can have (on its own needle).
struct Prepared {
    atom: Atom,
    need: u64,
    literal: Atom,
    max: u32,
}

const CASE: CaseMatching = CaseMatching::Smart;
const ACCENTS: Normalization = Normalization::Smart;

/// The query's atoms: a typed number is one, anchored at the start when
/// typed so; else fzf's syntax. At most `MAX_QUERY_WORDS`.
fn atoms(query: &str) -> Vec<Atom> {
    let query: String = query.chars().take(MAX_QUERY_CHARS).collect();
    let mut atoms = match typed_number(&query) {
        Some((digits, start)) => {
            let kind = if start {
                AtomKind::Prefix
            } else {
                AtomKind::Substring
            };
            vec![Atom::new(&digits, CASE, ACCENTS, kind, false)]
        }
        None => Pattern::parse(&query, CASE, ACCENTS).atoms,
    };
    atoms.truncate(MAX_QUERY_WORDS);
    atoms
}

fn parse(query: &str) -> Vec<Prepared> {
    let (case, accents) = (CASE, ACCENTS);
    let mut matcher = Matcher::new(Config::DEFAULT);
    let mut prepare = |atom: Atom| {
        let needle = atom.needle_text().to_string();
        let literal = Atom::new(&needle, case, accents, AtomKind::Substring, false);
        let max = atom.score(atom.needle_text(), &mut matcher);
        let (need, max) = (mask::of_atom(&atom), max.map_or(0xffff, u32::from));
        Prepared {
            atom,
            need,
            literal,
            max,
        }
    };
    atoms(query).into_iter().map(&mut prepare).collect()
}

/// Match classes and field sources, best first (module doc).
const PRECISE: u32 = 3;
const IN_WORD: u32 = 2;
const SCATTERED: u32 = 1;
const OWN: u32 = 3;
const ALIAS: u32 = 2;
const SHARED: u32 = 1;
const NOTE: u32 = 0;

/// The worst atom source packed in a hit's score (`Scorer::score`).
fn source_of(score: u32) -> u32 {
    (score >> 27) & 3
}

/// The class of a match from its matched character indices in ascending
/// order; a literal substring nucleo did not choose is not known here.
fn class_of(text: Utf32Str<'_>, indices: &[u32]) -> Option<u32> {
    let (&first, &last) = (indices.first()?, indices.last()?);
    let alnum = |i: u32| text.get(i).is_alphanumeric();
    let starts = |i: u32| alnum(i) && (i == 0 || !alnum(i - 1));
    let skipped = (last - first + 1) as usize - indices.len();
    let (mut runs_start, mut words) = (skipped == 0 || starts(first), 1);
    for pair in indices.windows(2) {
        let (p, i) = (pair[0], pair[1]);
        runs_start &= i == p + 1 || starts(i);
        words += usize::from((p + 1..=i).any(starts));
    }
    match () {
        _ if runs_start => Some(PRECISE),
        _ if words == 1 => Some(IN_WORD),
        _ => (words < 3 || skipped <= indices.len()).then_some(SCATTERED),
    }
}

/// What a hidden field's row says it matched through.
enum Via {
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
    source: u32,
    via: Via,
}

/// A record, or a group of fields records share (scored once per query):
/// its own fields, the groups it shares, the signature of all.
struct Entry {
    fields: Range<u32>,
    groups: Range<u32>,
    mask: u64,
}

/// The searchable form of a directory. A contact record's own field is its
/// number's digits, read from the directory: field id `fields.len() + id`.
#[derive(Default)]
pub struct Index {
    dir: Arc<Directory>,
    fields: Vec<Field>,
    groups: Vec<Entry>,
    /// The groups of every record, record after record.
    group_refs: Vec<u32>,
    /// Cities, facilities, specialties, contacts: global search order.
    records: Vec<Entry>,
    /// The record id of each facility's first contact.
    first_contact: Vec<u32>,
    /// Per group: a role naming an emergency line.
    emergency: Vec<bool>,
    /// Per group: a facility's own fields as its contacts see them (`lent`),
    /// shared and hidden.
    borrowed: Vec<bool>,
}

/// Queries over at least this many records are split over two threads.
const PARALLEL_FROM: usize = 20_000;

/// Building: fields (not empty ones), groups and records.
impl Index {
    fn push(&mut self, text: &str, column: Option<Column>, source: u32, via: Via) {
        // nucleo keeps a grapheme's first character only: a label read back
        // from it is exact for ASCII alone.
        let via = match via {
            Via::Text if column.is_none() && !text.is_ascii() => Via::Label(text.into()),
            via => via,
        };
        let text = Utf32String::from(text);
        let mask = mask::of_chars(text.slice(..).chars());
        if !text.is_empty() {
            self.fields.push(Field {
                text,
                mask,
                column,
                source,
                via,
            });
        }
    }

    /// Each text (labelled `{text}{of}`) and, for one in 汉字, its pinyin
    /// and initials (labelled `{text} ({pinyin}){of}`).
    fn hidden<'a>(&mut self, texts: impl IntoIterator<Item = &'a String>, source: u32, of: &str) {
        for text in texts {
            let label = |text: String| Via::Label(format!("{text}{of}").into());
            let via = if of.is_empty() {
                Via::Text
            } else {
                label(text.clone())
            };
            self.push(text, None, source, via);
            if has_han(text) {
                let (full, initials) = pinyin_forms(text);
                for pinyin in [full, initials] {
                    self.push(&pinyin, None, source, label(format!("{text} ({pinyin})")));
                }
            }
        }
    }

    /// A record's names, visible, and their pinyin (its own wins over the
    /// converter, which misreads polyphonic names: 重庆 → "zhongqing"),
    /// then its aliases; where they start.
    fn names(
        &mut self,
        name: &str,
        zh: &Option<String>,
        own: &Option<String>,
        aliases: &[String],
    ) -> usize {
        let (start, zh) = (self.fields.len(), zh.as_deref().unwrap_or_default());
        self.push(name, Some(Column::Name), OWN, Via::Text);
        self.push(zh, Some(Column::NameZh), OWN, Via::Text);
        let (full, initials) = match own {
            Some(own) => (own.replace(' ', ""), initials_of_words(own)),
            None if has_han(zh) => pinyin_forms(zh),
            None => Default::default(),
        };
        self.push(&full, None, OWN, Via::Prefixed("pinyin "));
        self.push(&initials, None, OWN, Via::Prefixed("initials "));
        self.hidden(aliases, ALIAS, "");
        start
    }

    /// Ends a group (`group`) or a record: the fields pushed since `start`,
    /// sharing `groups`, with `mask`; its id.
    fn entry(&mut self, start: usize, groups: &[u32], mask: u64, group: bool) -> u32 {
        let fields = start as u32..self.fields.len() as u32;
        let mask = self.fields[start..].iter().fold(mask, |m, f| m | f.mask);
        let mask = groups
            .iter()
            .fold(mask, |m, &g| m | self.groups[g as usize].mask);
        let first = self.group_refs.len() as u32;
        self.group_refs.extend_from_slice(groups);
        let groups = first..self.group_refs.len() as u32;
        let list = if group {
            &mut self.groups
        } else {
            &mut self.records
        };
        list.push(Entry {
            fields,
            groups,
            mask,
        });
        list.len() as u32 - 1
    }

    /// A group of the fields pushed since `start`, seen as `lent` ones.
    fn lend(&mut self, start: usize) -> u32 {
        let lent = self.fields[start..].iter().filter(|f| lent(f));
        let mask = lent.fold(0, |m, f| m | f.mask);
        self.groups.push(Entry {
            fields: start as u32..self.fields.len() as u32,
            groups: 0..0,
            mask,
        });
        self.groups.len() as u32 - 1
    }

    /// The index of `dir`, which it holds: scopes and numbers are read from it.
    pub fn new(dir: &Arc<Directory>) -> Index {
        let mut x = Index {
            dir: Arc::clone(dir),
            ..Index::default()
        };
        let label = |text: &str| Via::Label(text.into());
        let mut cities = Vec::new();
        for c in &dir.cities {
            let (start, via) = (x.fields.len(), format!("city {}", c.name));
            x.push(&c.name, None, SHARED, label(&via));
            x.push(
                c.name_zh.as_deref().unwrap_or_default(),
                None,
                SHARED,
                label(&via),
            );
            cities.push(x.entry(start, &[], 0, true));
        }
        let start = x.fields.len();
        x.push("online", None, SHARED, label("online service"));
        let online = x.entry(start, &[], 0, true);
        let mut specialties = Vec::new();
        for s in &dir.specialties {
            let start = x.fields.len();
            x.push(&s.name, None, SHARED, Via::Text);
            x.hidden(
                std::iter::once(&s.name_zh).chain(&s.aliases),
                SHARED,
                &format!(" ({})", s.name),
            );
            specialties.push(x.entry(start, &[], 0, true));
        }
        for c in &dir.cities {
            let start = x.names(&c.name, &c.name_zh, &c.pinyin, &c.aliases);
            let via = format!("advice for {}", c.name);
            for note in &c.notes {
                x.push(&note.text, None, NOTE, label(&via));
            }
            x.entry(start, &[], 0, false);
        }
        // Each facility's fields as its contacts see them.
        let mut names = Vec::new();
        for f in &dir.facilities {
            let start = x.names(&f.name, &f.name_zh, &f.pinyin, &f.aliases);
            let mut shared = vec![cities[f.city]];
            shared.extend((f.kind == Kind::Online).then_some(online));
            shared.extend(f.specialties.iter().map(|link| specialties[link.index]));
            x.entry(start, &shared, 0, false);
            names.push(x.lend(start));
        }
        for s in &dir.specialties {
            let start = x.names(&s.name, &Some(s.name_zh.clone()), &None, &s.aliases);
            x.entry(start, &[], 0, false);
        }
        let mut roles = std::collections::HashMap::new();
        for (f, &names) in dir.facilities.iter().zip(&names) {
            x.first_contact.push(x.records.len() as u32);
            for c in &f.contacts {
                let role = *roles.entry(&*c.role).or_insert_with(|| {
                    let start = x.fields.len();
                    x.push(&c.role, Some(Column::Name), OWN, Via::Text);
                    x.entry(start, &[], 0, true)
                });
                let digits = mask::of_chars(c.phone.display.chars()) & mask::DIGITS;
                x.entry(x.fields.len(), &[role, names], digits, false);
            }
        }
        x.emergency = vec![false; x.groups.len()];
        for (role, g) in roles {
            x.emergency[g as usize] = is_emergency_role(role);
        }
        x.borrowed = vec![false; x.groups.len()];
        for &g in &names {
            x.borrowed[g as usize] = true;
        }
        x
    }
}

/// Whether a facility's field is one its contacts see: all but the pinyin
/// and initials of its name.
fn lent(field: &Field) -> bool {
    field.column.is_some() || field.source != OWN
}

impl Index {
    /// What record `id` points at.
    fn target(&self, id: u32) -> Target {
        let (c, f) = (self.dir.cities.len(), self.dir.facilities.len());
        match id as usize {
            i if i < c => Target::City(i),
            i if i < c + f => Target::Facility(i - c),
            i if i < c + f + self.dir.specialties.len() => Target::Specialty(i - c - f),
            _ => {
                let facility = self.first_contact.partition_point(|&s| s <= id) - 1;
                let contact = (id - self.first_contact[facility]) as usize;
                Target::Contact { facility, contact }
            }
        }
    }

    /// The record id of `target`, if the directory has it.
    fn id(&self, target: Target) -> Option<u32> {
        let (c, f) = (self.dir.cities.len(), self.dir.facilities.len());
        let id = match target {
            Target::City(i) if i < c => i,
            Target::Facility(i) if i < f => c + i,
            Target::Specialty(i) if i < self.dir.specialties.len() => c + f + i,
            Target::Contact { facility, contact } => {
                let first = *self.first_contact.get(facility)? as usize;
                (contact < self.dir.facilities[facility].contacts.len())
                    .then_some(first + contact)?
            }
            _ => return None,
        };
        Some(id as u32)
    }

    /// The city of record `id`, and for a contact its number as shown.
    fn place(&self, id: u32) -> (Option<usize>, &str) {
        match self.target(id) {
            Target::City(c) => (Some(c), ""),
            Target::Facility(f) => (Some(self.dir.facilities[f].city), ""),
            Target::Specialty(_) => (None, ""),
            Target::Contact { facility, contact } => {
                let f = &self.dir.facilities[facility];
                (Some(f.city), &f.contacts[contact].phone.display)
            }
        }
    }

    /// How many records `scope` holds (what an empty query returns).
    pub fn count(&self, scope: &Scope) -> usize {
        match scope {
            Scope::Global { .. } => self.records.len(),
            scope => count(&self.dir, scope),
        }
    }

    /// Ranked hits for `query` in `scope`, with highlights and "via". An
    /// empty query returns every record of the scope in directory order.
    pub fn query(&self, query: &str, scope: &Scope) -> Vec<Hit> {
        let targets: Vec<Target> = self.rank(query, scope).into_iter().map(|r| r.0).collect();
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
        let listed = || {
            listing(&self.dir, scope)
                .into_iter()
                .filter_map(|t| self.id(t))
        };
        let global = matches!(scope, Scope::Global { .. });
        let (ids, prefer): (Vec<u32>, _) = match *scope {
            Scope::Global { prefer } => ((0..self.records.len() as u32).collect(), prefer),
            _ => (listed().collect(), None),
        };
        // The order: class, the preferred city (unless only a city's
        // advice matched), then the score.
        let key = |id: u32, score: u32| {
            let advice = source_of(score) == NOTE;
            let preferred = prefer.is_some() && self.place(id).0 == prefer && !advice;
            u64::from(score >> 30) << 33 | u64::from(preferred) << 32 | u64::from(score)
        };
        let atoms = parse(query);
        let run = |ids: &[u32]| -> Option<Vec<(u32, u64)>> {
            let mut scorer = Scorer::new(self, &atoms, global);
            let mut out = Vec::new();
            for (n, &id) in ids.iter().enumerate() {
                if n % 4096 == 4095 && cancelled() {
                    return None;
                }
                out.extend(scorer.score(id, None).map(|score| (id, key(id, score))));
            }
            Some(out)
        };
        let half = if ids.len() < PARALLEL_FROM {
            ids.len()
        } else {
            ids.len() / 2
        };
        let (a, b) = ids.split_at(half);
        let (first, second) = std::thread::scope(|s| {
            let second = (!b.is_empty()).then(|| s.spawn(|| run(b)));
            (run(a), second.map(|second| second.join()))
        });
        let mut hits = first?;
        if let Some(second) = second {
            hits.extend(second.unwrap_or_else(|panic| std::panic::resume_unwind(panic))?);
        }
        // Stable: equal keys keep directory order.
        hits.sort_by_key(|&(_, key)| std::cmp::Reverse(key));
        Some(
            hits.into_iter()
                .map(|(id, key)| (self.target(id), key as u32))
                .collect(),
        )
    }

    /// The full hit `query` gives `target`, or `None` if it does not match.
    pub fn hit(&self, query: &str, target: Target) -> Option<Hit> {
        self.hits(query, &[target]).pop().flatten()
    }

    /// `hit` for each of `targets` (the rows on screen), parsing the query
    /// and setting up the matcher once. A city's advice counts, as in global
    /// search: a row a pane filter found by its name keeps its name's match.
    pub fn hits(&self, query: &str, targets: &[Target]) -> Vec<Option<Hit>> {
        let atoms = parse(query);
        let mut scorer = Scorer::new(self, &atoms, true);
        let mut hit = |target| {
            let mut hit = Hit {
                target,
                score: 0,
                highlights: Vec::new(),
                via: None,
            };
            hit.score = scorer.score(self.id(target)?, Some(&mut hit))?;
            for (_, indices) in &mut hit.highlights {
                indices.sort_unstable();
                indices.dedup();
            }
            Some(hit)
        };
        targets.iter().map(|&target| hit(target)).collect()
    }

    /// Field `id`'s text, column and source if its signature has the
    /// characters `need` (a contact's digits are written into `digits`).
    fn text<'a>(&'a self, digits: &'a mut String, id: u32, need: u64) -> Option<Text<'a>> {
        let Some(record) = id.checked_sub(self.fields.len() as u32) else {
            let f = &self.fields[id as usize];
            return (f.mask & need == need).then(|| (f.text.slice(..), f.column, f.source));
        };
        if self.records[record as usize].mask & mask::DIGITS & need != need {
            return None;
        }
        digits.clear();
        digits.extend(self.place(record).1.chars().filter(char::is_ascii_digit));
        Some((
            Utf32Str::Ascii(digits.as_bytes()),
            Some(Column::NameZh),
            OWN,
        ))
    }
}

/// A field as scored: its text, column and source.
type Text<'a> = (Utf32Str<'a>, Option<Column>, u32);

/// Scores records against one parsed query, memoising each group's best
/// field per atom.
struct Scorer<'a> {
    index: &'a Index,
    atoms: &'a [Prepared],
    /// The characters every positive atom needs.
    need: u64,
    matcher: Matcher,
    /// Per group and atom, once computed: its best key and field.
    memo: Vec<Option<Option<(u32, u32)>>>,
    indices: Vec<u32>,
    digits: String,
    /// Whether a city's advice notes count (global search only).
    advice: bool,
}

impl<'a> Scorer<'a> {
    fn new(index: &'a Index, atoms: &'a [Prepared], advice: bool) -> Scorer<'a> {
        let positive = atoms.iter().filter(|p| !p.atom.negative);
        Scorer {
            index,
            atoms,
            need: positive.fold(0, |m, p| m | p.need),
            matcher: Matcher::new(Config::DEFAULT),
            memo: vec![None; index.groups.len() * atoms.len()],
            indices: Vec::new(),
            digits: String::new(),
            advice,
        }
    }

    /// The best key (class, source, score) of atom `a` among `fields` and
    /// the first field with it; for a negative atom, the first field it
    /// matches.
    fn best(&mut self, fields: Range<u32>, a: usize, borrowed: bool) -> Option<(u32, u32)> {
        let p = &self.atoms[a];
        let mut best: Option<(u32, u32)> = None;
        for id in fields {
            let Some((hay, mut column, mut source)) = self.index.text(&mut self.digits, id, p.need)
            else {
                continue;
            };
            if borrowed {
                if !lent(&self.index.fields[id as usize]) {
                    continue;
                }
                (column, source) = (None, SHARED);
            }
            if source == NOTE && !self.advice {
                continue;
            }
            if p.atom.negative {
                match p.atom.score(hay, &mut self.matcher) {
                    None => return Some((0, id)),
                    Some(_) => continue,
                }
            }
            // Matching is skipped where even a precise match cannot win.
            let penalty = |score: u32| {
                if column.is_some() {
                    score
                } else {
                    score * 7 / 8
                }
            };
            let beats = |score| best.is_none_or(|(b, _)| PRECISE << 20 | source << 16 | score > b);
            self.indices.clear();
            let score = match beats(penalty(p.max)) {
                true => p.atom.indices(hay, &mut self.matcher, &mut self.indices),
                false => None,
            };
            let Some(score) = score.map(|s| penalty(u32::from(s))).filter(|&s| beats(s)) else {
                continue;
            };
            // nucleo may prefer scattered characters to a literal run.
            let class = match class_of(hay, &self.indices) {
                Some(PRECISE) => PRECISE,
                _ if p.literal.score(hay, &mut self.matcher).is_some() => PRECISE,
                Some(class) => class,
                None => continue,
            };
            let key = class << 20 | source << 16 | score;
            if best.is_none_or(|(b, _)| key > b) {
                best = Some((key, id));
            }
        }
        best
    }

    /// The record's score, or `None` if it does not match; with `hit`,
    /// its highlights and "via" are filled in.
    fn score(&mut self, id: u32, mut hit: Option<&mut Hit>) -> Option<u32> {
        let index = self.index;
        let record = &index.records[id as usize];
        if record.mask & self.need != self.need {
            return None;
        }
        let groups = &index.group_refs[record.groups.start as usize..record.groups.end as usize];
        let (mut fields, mut lead) = (record.fields.clone(), true);
        if index
            .first_contact
            .first()
            .is_some_and(|&contacts| contacts <= id)
        {
            let digits = index.fields.len() as u32 + id;
            (fields, lead) = (digits..digits + 1, index.emergency[groups[0] as usize]);
        }
        let (mut class, mut source, mut total) = (PRECISE, OWN, 0u32);
        for a in 0..self.atoms.len() {
            // The first field with the best key wins: own fields, then groups.
            let (mut best, mut borrowed) = (self.best(fields.clone(), a, false), false);
            for &g in groups {
                let slot = g as usize * self.atoms.len() + a;
                if self.memo[slot].is_none() {
                    let fields = index.groups[g as usize].fields.clone();
                    self.memo[slot] = Some(self.best(fields, a, index.borrowed[g as usize]));
                }
                let theirs = self.memo[slot].flatten();
                if theirs.is_some_and(|(key, _)| best.is_none_or(|(b, _)| key > b)) {
                    (best, borrowed) = (theirs, index.borrowed[g as usize]);
                }
            }
            match (self.atoms[a].atom.negative, best) {
                (true, Some(_)) => return None,
                (true, None) => {}
                (false, best) => {
                    let (key, field) = best?;
                    (class, source) = (class.min(key >> 20), source.min((key >> 16) & 3));
                    total = total.saturating_add(key & 0xffff);
                    if let Some(hit) = hit.as_deref_mut() {
                        self.decorate(hit, a, field, borrowed);
                    }
                }
            }
        }
        let total = total.min((1 << 27) - 1);
        Some(class << 30 | u32::from(lead) << 29 | source << 27 | total)
    }

    /// Adds what atom `a`'s winning field shows: highlights in a visible
    /// column (a contact's digits in its number as shown), or the row's "via".
    fn decorate(&mut self, hit: &mut Hit, a: usize, id: u32, borrowed: bool) {
        let index = self.index;
        let Some((hay, column, _)) = index.text(&mut self.digits, id, 0) else {
            return;
        };
        let Some(column) = column.filter(|_| !borrowed) else {
            let (f, target) = (&index.fields[id as usize], hit.target);
            hit.via.get_or_insert_with(|| match (&f.via, target) {
                (_, Target::Contact { facility, .. }) if f.column.is_some() => {
                    index.dir.facilities[facility].name.clone()
                }
                (Via::Text, _) => f.text.to_string(),
                (Via::Prefixed(prefix), _) => format!("{prefix}{}", f.text),
                (Via::Label(label), _) => label.to_string(),
            });
            return;
        };
        let mut indices = Vec::new();
        self.atoms[a]
            .atom
            .indices(hay, &mut self.matcher, &mut indices);
        if let Some(record) = id.checked_sub(index.fields.len() as u32) {
            let shown = index
                .place(record)
                .1
                .char_indices()
                .filter(|(_, c)| c.is_ascii_digit());
            let places: Vec<u32> = shown.map(|(i, _)| i as u32).collect();
            indices = indices
                .iter()
                .filter_map(|&i| places.get(i as usize).copied())
                .collect();
        }
        match hit.highlights.iter_mut().find(|(c, _)| *c == column) {
            Some((_, existing)) => existing.extend(indices),
            None => hit.highlights.push((column, indices)),
        }
    }
}
