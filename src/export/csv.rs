//! The CSV export: one row per phone number of the selection, emergency
//! numbers included, with RFC 4180 quoting by the `csv` crate. Every phone
//! number of the directory appears exactly once in a whole export.
//!
//! Columns: `facility_id,facility,city,role,phone,confidence,source_url,personal`.
//! - facility contacts: the facility's id and English name, its city's
//!   English name, the contact's role, the number as displayed, the
//!   confidence (`official`, `corroborated`, `single_source`).
//! - emergency numbers: `facility_id` and `facility` empty, `role` is the
//!   label, `city` is empty for nationwide numbers, `confidence` is empty
//!   (emergency numbers carry no confidence grade, only sources).
//! - `source_url`: every source of the number, resolved in the bibliography
//!   to its URL (or, for a source without one, its reference), joined with
//!   `"; "`.
//! - `personal`: `personal` for a number from the user's personal files
//!   (its `source_url` may be empty), else empty.
//!
//! Order: nationwide emergency numbers, then city by city: the city's own
//! emergency numbers, then its facilities' contacts.

use super::{Selection, confidence_key};
use crate::card::locators;
use crate::model::EmergencyNumber;

pub const HEADER: [&str; 8] = [
    "facility_id",
    "facility",
    "city",
    "role",
    "phone",
    "confidence",
    "source_url",
    "personal",
];

/// The CSV text of a selection, header first.
pub fn write(selection: Selection) -> Result<Vec<u8>, ::csv::Error> {
    let mut csv = ::csv::Writer::from_writer(Vec::new());
    csv.write_record(HEADER)?;
    for number in &selection.dir.emergency {
        csv.write_record(emergency_row(number, ""))?;
    }
    for city in selection.cities() {
        for number in &city.emergency {
            csv.write_record(emergency_row(number, &city.name))?;
        }
        for &f in &city.facilities {
            let f = &selection.dir.facilities[f];
            for c in &f.contacts {
                csv.write_record([
                    f.id.as_str(),
                    &f.name,
                    &city.name,
                    &c.role,
                    &c.phone.display,
                    confidence_key(c.confidence),
                    &locators(&c.sources),
                    if c.personal { "personal" } else { "" },
                ])?;
            }
        }
    }
    csv.into_inner().map_err(|e| e.into_error().into())
}

fn emergency_row<'a>(number: &'a EmergencyNumber, city: &'a str) -> [String; 8] {
    [
        String::new(),
        String::new(),
        city.to_string(),
        number.label.clone(),
        number.number.display.to_string(),
        String::new(),
        locators(&number.sources),
        String::new(),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::{DataSource, load};

    #[test]
    fn one_row_per_phone_number() {
        let loaded = load(&DataSource::Embedded).expect("embedded data loads");
        let dir = &loaded.directory;
        let bytes = write(Selection::all(dir)).expect("writes");
        let mut reader = ::csv::Reader::from_reader(bytes.as_slice());
        let header = reader.headers().expect("header").clone();
        assert_eq!(header.iter().collect::<Vec<_>>(), HEADER);
        assert_eq!(reader.records().count(), dir.phone_count());
    }

    #[test]
    fn a_city_keeps_the_nationwide_numbers() {
        let loaded = load(&DataSource::Embedded).expect("embedded data loads");
        let dir = &loaded.directory;
        let beijing = dir
            .cities
            .iter()
            .position(|c| c.id.as_str() == "beijing")
            .expect("beijing");
        let bytes = write(Selection::city(dir, beijing)).expect("writes");
        let text = String::from_utf8(bytes).expect("utf-8");
        let first = text.lines().nth(1).expect("a row");
        assert!(first.starts_with(",,,"), "{first}");
        assert!(text.contains("oasis-international,Oasis International Hospital,Beijing,"));
        assert!(!text.contains(",Hohhot,"));
    }
}
