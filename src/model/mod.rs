//! The validated, linked directory: what every front end reads. Built only
//! by `data::validate`, so everything here has passed the data rules
//! (sources present, phones canonical, text sanitised). Plain owned data:
//! a record is a struct of `String`s, `Option`s and `Vec`s. Texts that many
//! records repeat are shared: ids, a file's path, roles, notes, dates and
//! lists of sources are `Arc`s, one copy per distinct value. Knows nothing
//! of terminals.

use std::sync::Arc;

use serde::Serialize;

mod kinds;
mod phone;

pub use kinds::{Confidence, GradeLevel, Kind, Ownership};
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

/// A source a fact cites: a URL, or a description where it has none.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct Source(pub Arc<str>);

impl Source {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The host of a URL source without `www.`, or `None` for a description.
    pub fn domain(&self) -> Option<String> {
        let url = url::Url::parse(&self.0).ok()?;
        let host = url.host_str()?;
        Some(host.strip_prefix("www.").unwrap_or(host).to_string())
    }

    /// A short label for narrow places: the domain, or the description's start.
    pub fn short(&self) -> String {
        self.domain().unwrap_or_else(|| {
            let text = self.0.split(':').next().unwrap_or(&self.0);
            text.chars().take(40).collect()
        })
    }
}

/// The sources a fact cites, shared by the facts citing the same ones.
pub type Sources = Arc<[Source]>;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Grade {
    pub level: GradeLevel,
    pub sources: Sources,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Note {
    pub text: Arc<str>,
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
    pub sources: Sources,
    pub note: Option<Arc<str>>,
    /// From the user's personal files (no sources means "personal").
    pub personal: bool,
    #[serde(skip)]
    pub origin: Origin,
}

/// A facility's address, at least one of its forms known.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Address {
    pub en: Option<String>,
    pub zh: Option<String>,
    pub confidence: Confidence,
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
    pub sources: Sources,
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
    pub specialties: Vec<Specialty>,
    /// Nationwide numbers (120, 110, …).
    pub emergency: Vec<EmergencyNumber>,
    pub emergency_notes: Vec<Note>,
    pub cities: Vec<City>,
    pub facilities: Vec<Facility>,
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
