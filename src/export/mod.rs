//! Machine-readable exports of the validated directory, one format per file:
//! `json` (the documented schema), `csv` (one row per phone number) and
//! `vcard` (one vCard 4.0 per facility, over `vcard_line`'s encoding). Each
//! turns a `Selection` into text; none writes to a terminal or reads files.

pub mod csv;
pub mod json;
pub mod vcard;
pub mod vcard_line;

use crate::model::{City, Confidence, Directory, Facility};

/// The part of the directory being exported: everything, or one city. The
/// nationwide emergency numbers apply in every city, so both include them.
#[derive(Debug, Clone, Copy)]
pub struct Selection<'a> {
    pub dir: &'a Directory,
    /// Index into `Directory::cities`; `None` for the whole directory.
    pub city: Option<usize>,
}

impl<'a> Selection<'a> {
    pub fn all(dir: &'a Directory) -> Self {
        Selection { dir, city: None }
    }

    pub fn city(dir: &'a Directory, city: usize) -> Self {
        Selection {
            dir,
            city: Some(city),
        }
    }

    /// The selected cities, in directory order.
    pub fn cities(&self) -> Vec<&'a City> {
        match self.city {
            Some(c) => self.dir.cities.get(c).into_iter().collect(),
            None => self.dir.cities.iter().collect(),
        }
    }

    /// The selected facilities: city by city, each city's in file order.
    pub fn facilities(&self) -> Vec<&'a Facility> {
        self.cities()
            .into_iter()
            .flat_map(|c| c.facilities.iter().map(|&f| &self.dir.facilities[f]))
            .collect()
    }
}

/// The confidence as written in every export: `official`, `corroborated`,
/// `single_source` (the same words serde writes in the JSON export).
pub fn confidence_key(confidence: Confidence) -> &'static str {
    match confidence {
        Confidence::Official => "official",
        Confidence::Corroborated => "corroborated",
        Confidence::SingleSource => "single_source",
    }
}
