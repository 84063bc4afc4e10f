//! The JSON export and its schema: `careguide export --format json` and
//! `careguide show ID --format json`. The records are the serde form of the
//! model, except a facility, whose shape (`FacilityJson`) this file owns
//! with the top-level shapes: the model keeps a facility's city and
//! specialties as indices, the schema names them by id. It also owns the
//! documentation of the field names, which are a stable contract (tests
//! parse them back and hold their order).
//!
//! # Schema (format_version 1)
//!
//! `careguide export --format json [--city ID]` prints one object:
//!
//! ```text
//! {
//!   "format_version": 2,
//!   "sources": [Source],               the bibliography, always whole
//!   "specialties": [Specialty],        the shared vocabulary, always whole
//!   "emergency": [EmergencyNumber],    nationwide numbers (120, 110, …)
//!   "emergency_notes": [Note],
//!   "phrases": [Phrase],               the emergency phrase card
//!   "tell_120": [Note],                what to tell 120 when calling
//!   "cities": [City],                  all, or the one of --city
//!   "facilities": [Facility]           those of the cities above
//! }
//! Source          {id, title, publisher,
//!                  kind: "official"|"government"|"news"|"encyclopedia"|"guide"|"dataset"|"app_code"|"seed",
//!                  date?: "YYYY"|"YYYY-MM"|"YYYY-MM-DD", url?, reference?}
//! Phrase          {situation: "call_120"|"describe"|"hospital"|"words",
//!                  zh, pinyin?, en, confidence, sources, note?}
//! Specialty       {id, name, name_zh, aliases: [string]}
//! EmergencyNumber {number: Phone, label, label_zh?, note?, sources: [string]}
//! Phone           {display: "+86 10 5985 0333", e164: "+861059850333"}
//!                 (a short service number has its digits as e164: "120")
//! Note            {text, sources: [string], personal: bool}
//! City            {id, name, name_zh?, pinyin?, aliases, province?, province_zh?,
//!                  emergency: [EmergencyNumber], notes: [Note], sources: [string],
//!                  personal: bool}
//! Facility        {id, name, name_zh?, pinyin?, aliases,
//!                  kind: "hospital"|"clinic"|"county_hospital"|"community_health_centre"|"online",
//!                  ownership: "public"|"private"|"military"|"unknown",
//!                  grade?: {level: "3A"|"3B"|…|"1C", sources},
//!                  specialties: [{id, note?, sources}],
//!                  contacts: [{role, phone: Phone, confidence, sources, note?, personal: bool}],
//!                  address?: {en?, zh?, confidence, sources},
//!                  website?, notes: [Note], sources: [string],
//!                  verified: "YYYY-MM-DD", city: city id, personal: bool}
//! confidence      "official" | "corroborated" | "single_source"
//! ```
//!
//! `?` marks a field that is `null` when unknown (never left out). A
//! record's `sources` are the ids of the `Source`s it cites (format 1 had
//! URLs or descriptions there). `personal` is true on
//! records from the user's personal files (their `sources` may be empty:
//! the source is the user); shipped records have `false`.
//!
//! `careguide show FACILITY --format json` prints one `Facility` with a
//! `bibliography: [Source]` field added: every source its facts cite;
//! `careguide show CITY --format json` prints the `City` with
//! `facilities: [Facility]` and `bibliography: [Source]` added.

use std::sync::Arc;

use serde::Serialize;

use super::Selection;
use crate::card::{cited_lists, cited_sources, unique_sources};
use crate::model::{
    Address, City, CityId, Contact, Directory, EmergencyNumber, Facility, FacilityId, Grade, Kind,
    Note, Ownership, Phrase, Source, Sources, Specialty, SpecialtyId, cited_ids,
};

/// Bumped when a field is renamed or removed, or its values change meaning
/// (adding one does not): 2 since records cite sources by id.
pub const FORMAT_VERSION: u32 = 2;

/// The whole export: see the schema above.
#[derive(Debug, Serialize)]
pub struct DirectoryJson<'a> {
    pub format_version: u32,
    pub sources: &'a [Arc<Source>],
    pub specialties: &'a [Specialty],
    pub emergency: &'a [EmergencyNumber],
    pub emergency_notes: &'a [Note],
    pub phrases: &'a [Phrase],
    pub tell_120: &'a [Note],
    pub cities: Vec<&'a City>,
    pub facilities: Vec<FacilityJson<'a>>,
}

/// A facility as the schema shows it: the model's fields, with the ids of
/// its city and of its specialties, which the model keeps as indices.
#[derive(Debug, Serialize)]
pub struct FacilityJson<'a> {
    id: &'a FacilityId,
    name: &'a str,
    name_zh: Option<&'a str>,
    pinyin: Option<&'a str>,
    aliases: &'a [String],
    kind: Kind,
    ownership: Ownership,
    grade: Option<&'a Grade>,
    specialties: Vec<LinkJson<'a>>,
    contacts: &'a [Contact],
    address: Option<&'a Address>,
    website: Option<&'a str>,
    notes: &'a [Note],
    #[serde(serialize_with = "cited_ids")]
    sources: Sources,
    verified: &'a str,
    city: &'a CityId,
    personal: bool,
}

/// A facility's link to a specialty, by the specialty's id.
#[derive(Debug, Serialize)]
struct LinkJson<'a> {
    id: &'a SpecialtyId,
    note: Option<&'a str>,
    #[serde(serialize_with = "cited_ids")]
    sources: Sources,
}

impl<'a> FacilityJson<'a> {
    pub fn new(dir: &'a Directory, f: &'a Facility) -> Self {
        let links = f.specialties.iter().map(|link| LinkJson {
            id: &dir.specialties[link.index].id,
            note: link.note.as_deref(),
            sources: link.sources.clone(),
        });
        FacilityJson {
            id: &f.id,
            name: &f.name,
            name_zh: f.name_zh.as_deref(),
            pinyin: f.pinyin.as_deref(),
            aliases: &f.aliases,
            kind: f.kind,
            ownership: f.ownership,
            grade: f.grade.as_ref(),
            specialties: links.collect(),
            contacts: &f.contacts,
            address: f.address.as_ref(),
            website: f.website.as_deref(),
            notes: &f.notes,
            sources: f.sources.clone(),
            verified: &f.verified,
            city: &dir.city_of(f).id,
            personal: f.personal,
        }
    }
}

/// The selection's facilities as the schema shows them.
fn facilities(selection: Selection<'_>) -> Vec<FacilityJson<'_>> {
    let dir = selection.dir;
    selection
        .facilities()
        .into_iter()
        .map(|f| FacilityJson::new(dir, f))
        .collect()
}

impl<'a> DirectoryJson<'a> {
    pub fn new(selection: Selection<'a>) -> Self {
        let dir = selection.dir;
        DirectoryJson {
            format_version: FORMAT_VERSION,
            sources: &dir.sources,
            specialties: &dir.specialties,
            emergency: &dir.emergency,
            emergency_notes: &dir.emergency_notes,
            phrases: &dir.phrases,
            tell_120: &dir.tell_120,
            cities: selection.cities(),
            facilities: facilities(selection),
        }
    }
}

/// A city with its facilities, for `show CITY --format json`.
#[derive(Debug, Serialize)]
pub struct CityJson<'a> {
    #[serde(flatten)]
    pub city: &'a City,
    pub facilities: Vec<FacilityJson<'a>>,
    pub bibliography: Vec<Arc<Source>>,
}

/// A facility with every source its facts cite, for `show ID --format json`.
#[derive(Debug, Serialize)]
pub struct ShownFacility<'a> {
    #[serde(flatten)]
    pub facility: FacilityJson<'a>,
    pub bibliography: Vec<Arc<Source>>,
}

/// The export of a selection as pretty-printed JSON.
pub fn directory(selection: Selection) -> serde_json::Result<String> {
    serde_json::to_string_pretty(&DirectoryJson::new(selection))
}

/// One facility and its bibliography as pretty-printed JSON.
pub fn facility(dir: &Directory, facility: &Facility) -> serde_json::Result<String> {
    serde_json::to_string_pretty(&ShownFacility {
        facility: FacilityJson::new(dir, facility),
        bibliography: cited_sources(facility),
    })
}

/// One city and its facilities as pretty-printed JSON.
pub fn city(dir: &Directory, city: usize) -> serde_json::Result<String> {
    let selection = Selection::city(dir, city);
    let Some(&c) = selection.cities().first() else {
        return serde_json::to_string_pretty(&serde_json::Value::Null);
    };
    let facilities_of = selection.facilities();
    let lists = (c.emergency.iter().map(|n| &*n.sources))
        .chain(c.notes.iter().map(|n| &*n.sources))
        .chain(std::iter::once(&*c.sources))
        .chain(facilities_of.iter().flat_map(|f| cited_lists(f)));
    let bibliography = unique_sources(lists);
    serde_json::to_string_pretty(&CityJson {
        city: c,
        facilities: facilities(selection),
        bibliography,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::{DataSource, load};

    #[test]
    fn confidence_and_kind_use_the_documented_words() {
        let loaded = load(&DataSource::Embedded).expect("embedded data loads");
        let text = directory(Selection::all(&loaded.directory)).expect("serialises");
        let value: serde_json::Value = serde_json::from_str(&text).expect("parses");
        assert_eq!(value["format_version"], 2);
        let words: Vec<&str> = value["facilities"]
            .as_array()
            .into_iter()
            .flatten()
            .flat_map(|f| f["contacts"].as_array().into_iter().flatten())
            .filter_map(|c| c["confidence"].as_str())
            .collect();
        assert!(!words.is_empty());
        assert!(
            words
                .iter()
                .all(|w| ["official", "corroborated", "single_source"].contains(w))
        );
    }

    /// The model keeps a facility's city and specialties as indices; the
    /// export names them by id, as the data files do (read here straight
    /// from the files, without the validator that made the indices).
    #[test]
    fn a_facility_names_its_city_and_specialties_as_its_file_does() {
        use crate::data::load::{self, DataSource as Source, Parsed};
        let mut written = std::collections::HashMap::new();
        let set = load::read_files(&Source::Embedded).expect("the shipped files");
        for file in set.files {
            let parsed = load::parse(file).expect("a shipped file parses");
            if let Parsed::City(city) = &parsed.content {
                for f in &city.facilities {
                    let links: Vec<String> =
                        f.specialties.iter().map(|s| s.id.to_string()).collect();
                    written.insert(f.id.to_string(), (city.id.to_string(), links));
                }
            }
        }
        let loaded = load(&DataSource::Embedded).expect("embedded data loads");
        let text = directory(Selection::all(&loaded.directory)).expect("serialises");
        let value: serde_json::Value = serde_json::from_str(&text).expect("parses");
        let facilities = value["facilities"].as_array().expect("facilities");
        assert_eq!(facilities.len(), written.len());
        for json in facilities {
            let id = json["id"].as_str().expect("an id");
            let (city, links) = &written[id];
            assert_eq!(json["city"], city.as_str(), "{id}");
            let ids: Vec<&str> = json["specialties"]
                .as_array()
                .expect("a list")
                .iter()
                .map(|link| link["id"].as_str().expect("a specialty id"))
                .collect();
            assert_eq!(ids, *links, "{id}");
        }
        assert!(written.values().any(|(_, links)| links.len() > 1));
    }
}
