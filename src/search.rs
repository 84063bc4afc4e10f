//! The search index, the only nucleo user. Built once from a `Directory`:
//! every record gets its searchable fields (English and 汉字 names, full
//! pinyin and initials generated at load time, aliases, and for facilities
//! their city and specialties) pre-converted for the matcher. A query is
//! parsed into fzf-style atoms; each positive atom must match some field of
//! a record and no negative atom may match any (`score.rs`). The CLI's
//! `search` calls `Index::query`; the TUI's pane filters and global search
//! call `Index::rank` and decorate the rows on screen with `Index::hit`: the
//! same ranking, so they rank alike.
//!
//! What keeps it fast at a million records (BENCHMARKS.md), none of which
//! changes a result: fields shared by many records (a city's names, a
//! specialty's aliases) are stored once and scored once per query, and so
//! is a text several fields or contacts share (a contact's role); every
//! field and text sits in flat arrays walked in order (`store.rs`), a
//! contact in its role's text id, its number read from the directory the
//! index holds (`store/contacts.rs`, `store/owners.rs`); a character signature
//! per field skips fields and records that cannot match; a query that only
//! grows rescans the previous query's matches (`narrow.rs`); `rank` scores
//! without decorating on two threads and orders by a counting sort
//! (`rank.rs`), and `hit` decorates only the rows on screen; `Searcher`
//! ranks off the UI thread, and `Index::build_in_background` builds the
//! index with progress (`worker.rs`); an empty query needs no index at all
//! (`listing.rs`).

mod build;
mod listing;
mod mask;
mod narrow;
mod rank;
mod score;
mod store;
mod worker;

pub use listing::{count, is_blank, listing};
pub use worker::{IndexBuild, SearchResult, Searcher};

use score::Query;

use std::ops::Range;
use std::sync::Arc;

use nucleo_matcher::{Config, Matcher};

use crate::model::Directory;

/// The most characters a query typed or pasted into the TUI's filter and
/// search prompts may hold: a longer one finds nothing a shorter one would
/// not, and costs every keystroke's search.
pub const MAX_QUERY_CHARS: usize = 256;

/// The most atoms (words) a query may have: each is matched against every
/// field of every record, so each costs a pass. The TUI's prompts take no
/// more; one constant, so that a cap in the search itself is the same.
pub const MAX_QUERY_ATOMS: usize = 16;

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

/// Hidden fields several records share, scored once per query: fields
/// `fields..fields + len` of the store.
struct Group {
    mask: u64,
    fields: u32,
    len: u32,
}

/// One searchable record: its own fields (in the store, from `fields` to
/// where the next record's start), then the shared groups it points at
/// (in `Index::shared`, from `shared` to the next record's), in that
/// order, which breaks ranking ties. 16 bytes, for 100 000 facilities.
struct Entry {
    /// Union of the signatures of every field, own and shared.
    mask: u64,
    fields: u32,
    shared: u32,
}

/// The searchable form of a directory.
pub struct Index {
    /// Cities, facilities, specialties, then (ids after these) contacts:
    /// global search order. A contact has no entry: its fields are made
    /// from the store's (`store/contacts.rs`).
    entries: Vec<Entry>,
    /// Where the last entry's fields and groups end.
    ends: [u32; 2],
    /// The groups of every entry, entry after entry.
    shared: Vec<u32>,
    store: store::Store,
    groups: Vec<Group>,
    /// Groups below this index are shared widely and memoised per query;
    /// the rest (a facility's names for its contacts) are reused by
    /// consecutive contacts.
    shared_groups: usize,
    cities: Range<usize>,
    facilities: Range<usize>,
    specialties: Range<usize>,
    narrowing: narrow::Cache,
}

/// Queries over at least this many records are split over two threads.
const PARALLEL_FROM: usize = 20_000;

impl Index {
    /// The index of `dir`, which it holds: a city's facilities, a
    /// facility's specialties and every contact's number are read from it.
    pub fn new(dir: &Arc<Directory>) -> Index {
        build::build(dir, None)
    }

    /// How many records there are (global search's scope).
    fn len(&self) -> usize {
        self.entries.len() + self.store.contacts()
    }

    /// The contact record `id` is, if it is one.
    fn contact(&self, id: u32) -> Option<u32> {
        (id as usize)
            .checked_sub(self.entries.len())
            .map(|c| c as u32)
    }

    /// The group of the names of contact `c`'s facility: the groups made
    /// for contacts follow the shared ones, one per facility with contacts.
    #[inline]
    fn owner(&self, c: u32) -> Option<u32> {
        let run = self.store.owners().run(c)?;
        Some(self.shared_groups as u32 + run)
    }

    /// Whether record `id` has every character of signature `need`: a
    /// contact's signature is its fields' and its facility's names',
    /// made when asked (`Store::contact_admits`).
    #[inline]
    fn admits(&self, id: u32, need: u64) -> bool {
        match self.contact(id) {
            Some(c) => {
                let names = self.owner(c).map_or(0, |g| self.groups[g as usize].mask);
                self.store.contact_admits(c, names, need)
            }
            None => self.entries[id as usize].mask & need == need,
        }
    }

    /// What record `id` points at.
    fn target(&self, id: u32) -> Target {
        let id = id as usize;
        if id < self.facilities.start {
            Target::City(id)
        } else if id < self.specialties.start {
            Target::Facility(id - self.facilities.start)
        } else if id < self.specialties.end {
            Target::Specialty(id - self.specialties.start)
        } else {
            let c = (id - self.specialties.end) as u32;
            let (facility, contact) = self.store.owners().contact(c).unwrap_or_default();
            Target::Contact {
                facility: facility as usize,
                contact: contact as usize,
            }
        }
    }

    /// The ids of the records `scope` covers, in result order for ties.
    fn scope_ids(&self, scope: &Scope) -> rank::Ids {
        let range = |r: &Range<usize>| rank::Ids::Range(r.start as u32..r.end as u32);
        let list = |ids: Vec<u32>| rank::Ids::List(std::sync::Arc::new(ids));
        match scope {
            Scope::Cities => range(&self.cities),
            Scope::Facilities { city: None } => range(&self.facilities),
            Scope::Facilities { city: Some(c) } => list(
                self.store
                    .directory()
                    .cities
                    .get(*c)
                    .map(|city| {
                        city.facilities
                            .iter()
                            .map(|&f| (self.facilities.start + f) as u32)
                            .collect()
                    })
                    .unwrap_or_default(),
            ),
            Scope::Specialties { facility } => list(
                self.store
                    .directory()
                    .facilities
                    .get(*facility)
                    .map(|f| {
                        f.specialties
                            .iter()
                            .map(|s| self.specialties.start as u32 + s.index)
                            .collect()
                    })
                    .unwrap_or_default(),
            ),
            Scope::Global => range(&(0..self.len())),
        }
    }

    /// How many records `scope` holds (what an empty query returns).
    pub fn count(&self, scope: &Scope) -> usize {
        match scope {
            Scope::Cities => self.cities.len(),
            Scope::Facilities { city: None } => self.facilities.len(),
            Scope::Facilities { city: Some(c) } => {
                let dir = self.store.directory();
                dir.cities.get(*c).map_or(0, |city| city.facilities.len())
            }
            Scope::Specialties { facility } => {
                let dir = self.store.directory();
                dir.facilities
                    .get(*facility)
                    .map_or(0, |f| f.specialties.len())
            }
            Scope::Global => self.len(),
        }
    }

    /// The full hit `query` gives `target` (as in `query`'s results), or
    /// `None` if it does not match.
    pub fn hit(&self, query: &str, target: Target) -> Option<Hit> {
        self.hits(query, &[target]).pop().flatten()
    }

    /// `hit` for each of `targets` (the rows on screen), parsing the query
    /// and setting up the matcher once.
    pub fn hits(&self, query: &str, targets: &[Target]) -> Vec<Option<Hit>> {
        let mut q = Query::new(query, self);
        let mut matcher = Matcher::new(Config::DEFAULT);
        let mut one = |target: Target| {
            let id = match target {
                Target::City(i) => self.cities.start + i,
                Target::Facility(i) => self.facilities.start + i,
                Target::Specialty(i) => self.specialties.start + i,
                Target::Contact { facility, contact } => {
                    let first = self
                        .store
                        .owners()
                        .first_of(u32::try_from(facility).ok()?)?;
                    self.specialties.end + first as usize + contact
                }
            };
            if id >= self.len() || self.target(id as u32) != target {
                return None;
            }
            if q.atoms.is_empty() {
                return Some(Hit {
                    target,
                    score: 0,
                    highlights: Vec::new(),
                    via: None,
                });
            }
            self.score_entry(id as u32, &mut q, &mut matcher)
        };
        targets.iter().map(|&target| one(target)).collect()
    }
}
