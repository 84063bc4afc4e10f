//! The validated, linked directory: what every front end reads. Built only by
//! `data::validate`, so everything here has passed the data rules (sources
//! present, phones canonical, text sanitised). Knows nothing of terminals.
//! Texts that repeat across records are shared: ids, sources, roles, notes
//! and dates as `ArcStr`s, which take one pointer where an `Arc<str>`
//! takes two: a province's data repeats them hundreds of thousands of
//! times. Files are named once, in `Directory::files`.

use std::sync::Arc;

use arcstr::ArcStr;
use serde::Serialize;

mod contact;
mod facility;
mod kinds;
mod phone;
mod source;

pub use contact::Contact;
pub use facility::{Address, AddressFacts, Facility, FacilityTexts, Names};
pub use kinds::{Confidence, GradeLevel, Kind, Ownership};
pub use phone::Phone;
pub use source::{Source, SourceList};

/// Where a record is defined, for diagnostics and for opening an editor
/// there: its file (`Directory::path`) and the line of its id, or of a
/// contact's phone number. 8 bytes: every facility and contact has one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Origin {
    /// An index into `Directory::files`.
    pub file: u32,
    pub line: u32,
}

macro_rules! id_type {
    ($name:ident) => {
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
        #[serde(transparent)]
        pub struct $name(pub ArcStr);

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

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Grade {
    pub level: GradeLevel,
    pub sources: SourceList,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Note {
    pub text: ArcStr,
    pub sources: SourceList,
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

/// A facility's link to a specialty, with what the sources say about it:
/// 16 bytes, as most links have no note (a note and its sources are kept
/// apart, behind one pointer). The JSON export names the specialty by its
/// id (`export::json`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FacilitySpecialty {
    /// Index into `Directory::specialties`.
    pub index: u32,
    noted: Option<triomphe::Arc<(Option<ArcStr>, SourceList)>>,
}

impl FacilitySpecialty {
    pub fn new(index: u32, note: Option<ArcStr>, sources: SourceList) -> FacilitySpecialty {
        let noted =
            (note.is_some() || !sources.is_empty()).then(|| triomphe::Arc::new((note, sources)));
        FacilitySpecialty { index, noted }
    }

    pub fn note(&self) -> Option<&str> {
        self.noted.as_ref()?.0.as_deref()
    }

    /// The note's sources (none without a note, unless the file gives some).
    pub fn sources(&self) -> &SourceList {
        self.noted
            .as_ref()
            .map_or(&SourceList::EMPTY, |noted| &noted.1)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EmergencyNumber {
    pub number: Phone,
    pub label: String,
    pub label_zh: Option<String>,
    pub note: Option<String>,
    pub sources: SourceList,
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

/// The whole validated directory.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Directory {
    pub specialties: Vec<Specialty>,
    /// Nationwide numbers (120, 110, …).
    pub emergency: Vec<EmergencyNumber>,
    pub emergency_notes: Vec<Note>,
    pub cities: Vec<City>,
    /// Boxed, so that merging the files' facilities moves pointers rather
    /// than copying every facility while the files' own lists are alive.
    pub facilities: Vec<Box<Facility>>,
    /// The paths of the files the cities and facilities come from, which
    /// their `Origin`s index: shipped files in list order, then personal ones.
    pub files: Vec<Arc<str>>,
}

impl Directory {
    pub fn city(&self, id: &str) -> Option<&City> {
        self.cities.iter().find(|c| c.id.as_str() == id)
    }

    pub fn facility(&self, id: &str) -> Option<&Facility> {
        self.facilities
            .iter()
            .map(|f| &**f)
            .find(|f| f.id.as_str() == id)
    }

    pub fn specialty(&self, id: &str) -> Option<&Specialty> {
        self.specialties.iter().find(|s| s.id.as_str() == id)
    }

    /// The path of the file a record comes from.
    pub fn path(&self, origin: Origin) -> &str {
        self.files.get(origin.file as usize).map_or("", |path| path)
    }

    pub fn city_of(&self, facility: &Facility) -> &City {
        &self.cities[facility.city_index as usize]
    }

    /// Every phone number of the directory: facility contacts and emergency numbers.
    pub fn phone_count(&self) -> usize {
        let contacts: usize = self.facilities.iter().map(|f| f.contacts.len()).sum();
        let city: usize = self.cities.iter().map(|c| c.emergency.len()).sum();
        contacts + city + self.emergency.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_keeps_its_note_and_sources_and_only_then_allocates() {
        let sources = SourceList::from(&[Source("s".into())][..]);
        let noted = FacilitySpecialty::new(3, Some("n".into()), sources.clone());
        assert_eq!((noted.index, noted.note()), (3, Some("n")));
        assert_eq!(noted.sources(), &sources);
        let cited = FacilitySpecialty::new(4, None, sources.clone());
        assert_eq!((cited.note(), cited.sources()), (None, &sources));
        let unsourced = FacilitySpecialty::new(6, Some("m".into()), SourceList::default());
        assert_eq!(
            (unsourced.note(), unsourced.sources().len()),
            (Some("m"), 0)
        );
        let bare = FacilitySpecialty::new(5, None, SourceList::default());
        assert_eq!((bare.note(), bare.sources().len()), (None, 0));
        assert!(bare.noted.is_none());
    }

    #[test]
    fn records_fit_their_allocation_classes() {
        assert_eq!(std::mem::size_of::<Contact>(), 48);
        assert_eq!(std::mem::size_of::<FacilitySpecialty>(), 16);
        assert_eq!(std::mem::size_of::<Note>(), 24);
        assert_eq!(std::mem::size_of::<Origin>(), 8);
    }
}
