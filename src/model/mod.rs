//! The validated, linked directory: what every front end reads. Built only
//! by `data::validate`, so everything here has passed the data rules
//! (sources present, phones canonical, text sanitised). Plain owned data:
//! a record is a struct of `String`s, `Option`s and `Vec`s. Texts that many
//! records repeat are shared: ids, a file's path, roles, notes, dates,
//! the bibliography's sources and lists of them are `Arc`s, one copy per
//! distinct value. Knows nothing of terminals.

use std::sync::Arc;

use serde::Serialize;

mod kinds;
mod phone;

pub use kinds::{Confidence, GradeLevel, Kind, Ownership, Situation, SourceKind};
pub use phone::{Phone, typed_number};

/// Where a record is defined, for diagnostics and for opening an editor
/// there: its file and the line of its id (a contact's: of its number).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Origin {
    pub file: Arc<str>,
    pub line: usize,
}

macro_rules! id_type {
    ($name:ident) => {
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
        #[serde(transparent)]
        pub struct $name(pub Arc<str>);

        impl $name {
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

id_type!(CityId);
id_type!(FacilityId);
id_type!(SpecialtyId);

/// One entry of the bibliography (`data/sources.ron`): a source described
/// once, for people to weigh, and cited by its id from every record that
/// rests on it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Source {
    pub id: Arc<str>,
    /// What it is, in words a reader understands.
    pub title: String,
    /// Who published it: sources of one publisher never corroborate each other.
    pub publisher: String,
    pub kind: SourceKind,
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, when known.
    pub date: Option<String>,
    pub url: Option<String>,
    /// How to find it where there is no URL (a file in a repository).
    pub reference: Option<String>,
}

impl Source {
    /// The year of its date, when known.
    pub fn year(&self) -> Option<&str> {
        self.date.as_deref().and_then(|d| d.get(..4))
    }

    /// Where to find it: the URL, else the reference.
    pub fn locator(&self) -> &str {
        self.url
            .as_deref()
            .or(self.reference.as_deref())
            .unwrap_or_default()
    }
}

/// The sources a fact cites, shared by the facts citing the same ones.
/// Serialised as their ids (`cited_ids`); the bibliography holds the rest.
pub type Sources = Arc<[Arc<Source>]>;

/// Serialises a fact's sources as the ids it cites.
pub fn cited_ids<S: serde::Serializer>(sources: &Sources, s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(sources.iter().map(|source| &*source.id))
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Grade {
    pub level: GradeLevel,
    #[serde(serialize_with = "cited_ids")]
    pub sources: Sources,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Note {
    pub text: Arc<str>,
    #[serde(serialize_with = "cited_ids")]
    pub sources: Sources,
    /// Written by the user (personal files or `careguide note`).
    pub personal: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Specialty {
    pub id: SpecialtyId,
    pub name: String,
    pub name_zh: String,
    pub aliases: Vec<String>,
}

/// A facility's link to a specialty, with what the sources say about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FacilitySpecialty {
    /// Index into `Directory::specialties`.
    pub index: usize,
    pub note: Option<Arc<str>>,
    pub sources: Sources,
}

/// A phone number of a facility, with what is known of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Contact {
    pub role: Arc<str>,
    pub phone: Phone,
    pub confidence: Confidence,
    #[serde(serialize_with = "cited_ids")]
    pub sources: Sources,
    pub note: Option<Arc<str>>,
    /// From the user's personal files (no sources means "personal").
    pub personal: bool,
    #[serde(skip)]
    pub origin: Origin,
}

/// Whether a contact's role names an emergency line (emergency, 急诊, 急救).
pub fn is_emergency_role(role: &str) -> bool {
    let role = role.to_lowercase();
    ["emergency", "急诊", "急救"]
        .iter()
        .any(|w| role.contains(w))
}

/// A facility's address, at least one of its forms known.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Address {
    pub en: Option<String>,
    pub zh: Option<String>,
    pub confidence: Confidence,
    #[serde(serialize_with = "cited_ids")]
    pub sources: Sources,
}

impl Address {
    /// The form to copy or show a driver: 汉字 when known, else English.
    pub fn preferred(&self) -> Option<&str> {
        self.zh.as_deref().or(self.en.as_deref())
    }
}

/// A hospital, clinic or online service. The JSON export adds the ids of
/// its city and specialties (`export::json`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Facility {
    pub id: FacilityId,
    pub name: String,
    pub name_zh: Option<String>,
    pub pinyin: Option<String>,
    pub aliases: Vec<String>,
    pub kind: Kind,
    pub ownership: Ownership,
    pub grade: Option<Grade>,
    pub specialties: Vec<FacilitySpecialty>,
    pub contacts: Vec<Contact>,
    pub address: Option<Address>,
    pub website: Option<String>,
    pub notes: Vec<Note>,
    pub sources: Sources,
    pub verified: Arc<str>,
    /// The user's own facility, from the personal files.
    pub personal: bool,
    /// Index into `Directory::cities`.
    pub city: usize,
    pub origin: Origin,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EmergencyNumber {
    pub number: Phone,
    pub label: String,
    pub label_zh: Option<String>,
    pub note: Option<String>,
    #[serde(serialize_with = "cited_ids")]
    pub sources: Sources,
}

/// A line of the emergency phrase card: what to say (or show) when calling
/// 120 and at the hospital, with the pinyin only where a source printed it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Phrase {
    pub situation: Situation,
    pub zh: String,
    pub pinyin: Option<String>,
    pub en: String,
    pub confidence: Confidence,
    #[serde(serialize_with = "cited_ids")]
    pub sources: Sources,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct City {
    pub id: CityId,
    pub name: String,
    pub name_zh: Option<String>,
    pub pinyin: Option<String>,
    pub aliases: Vec<String>,
    pub province: Option<String>,
    pub province_zh: Option<String>,
    pub emergency: Vec<EmergencyNumber>,
    pub notes: Vec<Note>,
    /// Where its names come from (empty for most: they need no source).
    #[serde(serialize_with = "cited_ids")]
    pub sources: Sources,
    /// A city that only the user's personal files define.
    pub personal: bool,
    /// Indices into `Directory::facilities`, in file order.
    #[serde(skip)]
    pub facilities: Vec<usize>,
    #[serde(skip)]
    pub origin: Origin,
}

/// The whole validated directory: cities in list order, and their
/// facilities city by city.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Directory {
    /// The bibliography, in file order: every source any fact cites.
    pub sources: Vec<Arc<Source>>,
    pub specialties: Vec<Specialty>,
    /// Nationwide numbers (120, 110, …).
    pub emergency: Vec<EmergencyNumber>,
    pub emergency_notes: Vec<Note>,
    pub cities: Vec<City>,
    pub facilities: Vec<Facility>,
    /// The emergency phrase card, in the order to show it.
    pub phrases: Vec<Phrase>,
    /// What to tell 120 when calling: the caller's checklist.
    pub tell_120: Vec<Note>,
}

impl Directory {
    pub fn city(&self, id: &str) -> Option<&City> {
        self.cities.iter().find(|c| c.id.as_str() == id)
    }

    pub fn facility(&self, id: &str) -> Option<&Facility> {
        self.facilities.iter().find(|f| f.id.as_str() == id)
    }

    pub fn specialty(&self, id: &str) -> Option<&Specialty> {
        self.specialties.iter().find(|s| s.id.as_str() == id)
    }

    pub fn city_of(&self, facility: &Facility) -> &City {
        &self.cities[facility.city]
    }

    /// Every phone number of the directory: facility contacts and emergency numbers.
    pub fn phone_count(&self) -> usize {
        let contacts: usize = self.facilities.iter().map(|f| f.contacts.len()).sum();
        let city: usize = self.cities.iter().map(|c| c.emergency.len()).sum();
        contacts + city + self.emergency.len()
    }
}
