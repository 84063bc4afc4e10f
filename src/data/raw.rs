//! The serde mirror of the RON files, field for field. Every struct denies
//! unknown fields so that a typo such as `adress` is an error, never silence.
//! Nothing here is validated: `validate` turns these into a `Directory`.
//! Strings are borrowed from the file's text wherever ron can (a string
//! without escapes), which saves a copy of each and tells the rules where
//! the string sits in the file without the file's outline (`locate`).

use std::borrow::Cow;

use serde::Deserialize;
use serde_with::{BorrowCow, serde_as};

use crate::model::{Confidence, GradeLevel, Kind, Ownership};

/// `data/specialties.ron`: the shared vocabulary of specialties.
#[serde_as]
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename = "SpecialtyFile")]
pub struct RawSpecialtyFile<'a> {
    #[serde(borrow)]
    pub specialties: Vec<RawSpecialty<'a>>,
}

#[serde_as]
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename = "Specialty")]
pub struct RawSpecialty<'a> {
    #[serde(borrow)]
    pub id: Cow<'a, str>,
    #[serde(borrow)]
    pub name: Cow<'a, str>,
    #[serde(borrow)]
    pub name_zh: Cow<'a, str>,
    #[serde_as(as = "Vec<BorrowCow>")]
    #[serde(default)]
    pub aliases: Vec<Cow<'a, str>>,
}

/// `data/emergency.ron`: nationwide numbers and general advice.
#[serde_as]
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename = "EmergencyFile")]
pub struct RawEmergencyFile<'a> {
    #[serde(borrow)]
    pub numbers: Vec<RawEmergencyNumber<'a>>,
    #[serde(borrow, default)]
    pub notes: Vec<RawNote<'a>>,
}

#[serde_as]
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename = "EmergencyNumber")]
pub struct RawEmergencyNumber<'a> {
    #[serde(borrow)]
    pub number: Cow<'a, str>,
    #[serde(borrow)]
    pub label: Cow<'a, str>,
    #[serde_as(as = "Option<BorrowCow>")]
    pub label_zh: Option<Cow<'a, str>>,
    #[serde_as(as = "Option<BorrowCow>")]
    pub note: Option<Cow<'a, str>>,
    #[serde_as(as = "Vec<BorrowCow>")]
    pub sources: Vec<Cow<'a, str>>,
}

/// `data/cities/<id>.ron`: one city (or the nationwide/online pseudo-city).
#[serde_as]
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename = "City")]
pub struct RawCity<'a> {
    #[serde(borrow)]
    pub id: Cow<'a, str>,
    /// Position in the city list (lower first; cities without one come
    /// after, by id).
    pub order: Option<u32>,
    #[serde(borrow)]
    pub name: Cow<'a, str>,
    #[serde_as(as = "Option<BorrowCow>")]
    pub name_zh: Option<Cow<'a, str>>,
    /// Hand-written toneless pinyin, for names the converter misreads.
    #[serde_as(as = "Option<BorrowCow>")]
    pub pinyin: Option<Cow<'a, str>>,
    #[serde_as(as = "Vec<BorrowCow>")]
    #[serde(default)]
    pub aliases: Vec<Cow<'a, str>>,
    #[serde_as(as = "Option<BorrowCow>")]
    pub province: Option<Cow<'a, str>>,
    #[serde_as(as = "Option<BorrowCow>")]
    pub province_zh: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    pub emergency: Vec<RawEmergencyNumber<'a>>,
    #[serde(borrow, default)]
    pub notes: Vec<RawNote<'a>>,
    #[serde(borrow, default)]
    pub facilities: Vec<RawFacility<'a>>,
}

#[serde_as]
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename = "Facility")]
pub struct RawFacility<'a> {
    #[serde(borrow)]
    pub id: Cow<'a, str>,
    #[serde(borrow)]
    pub name: Cow<'a, str>,
    #[serde_as(as = "Option<BorrowCow>")]
    pub name_zh: Option<Cow<'a, str>>,
    #[serde_as(as = "Option<BorrowCow>")]
    pub pinyin: Option<Cow<'a, str>>,
    #[serde_as(as = "Vec<BorrowCow>")]
    #[serde(default)]
    pub aliases: Vec<Cow<'a, str>>,
    pub kind: Kind,
    pub ownership: Ownership,
    #[serde(borrow)]
    pub grade: Option<RawGrade<'a>>,
    #[serde(borrow, default)]
    pub specialties: Vec<RawFacilitySpecialty<'a>>,
    #[serde(borrow, default)]
    pub contacts: Vec<RawContact<'a>>,
    #[serde(borrow)]
    pub address: Option<RawAddress<'a>>,
    #[serde_as(as = "Option<BorrowCow>")]
    pub website: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    pub notes: Vec<RawNote<'a>>,
    #[serde_as(as = "Vec<BorrowCow>")]
    pub sources: Vec<Cow<'a, str>>,
    #[serde(borrow)]
    pub verified: Cow<'a, str>,
}

#[serde_as]
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename = "Grade")]
pub struct RawGrade<'a> {
    pub level: GradeLevel,
    #[serde_as(as = "Vec<BorrowCow>")]
    pub sources: Vec<Cow<'a, str>>,
}

#[serde_as]
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename = "FacilitySpecialty")]
pub struct RawFacilitySpecialty<'a> {
    #[serde(borrow)]
    pub id: Cow<'a, str>,
    #[serde_as(as = "Option<BorrowCow>")]
    pub note: Option<Cow<'a, str>>,
    #[serde_as(as = "Vec<BorrowCow>")]
    #[serde(default)]
    pub sources: Vec<Cow<'a, str>>,
}

#[serde_as]
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename = "Contact")]
pub struct RawContact<'a> {
    #[serde(borrow)]
    pub role: Cow<'a, str>,
    #[serde(borrow)]
    pub phone: Cow<'a, str>,
    pub confidence: Confidence,
    #[serde_as(as = "Vec<BorrowCow>")]
    pub sources: Vec<Cow<'a, str>>,
    #[serde_as(as = "Option<BorrowCow>")]
    pub note: Option<Cow<'a, str>>,
}

#[serde_as]
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename = "Address")]
pub struct RawAddress<'a> {
    #[serde_as(as = "Option<BorrowCow>")]
    pub en: Option<Cow<'a, str>>,
    #[serde_as(as = "Option<BorrowCow>")]
    pub zh: Option<Cow<'a, str>>,
    pub confidence: Confidence,
    #[serde_as(as = "Vec<BorrowCow>")]
    pub sources: Vec<Cow<'a, str>>,
}

#[serde_as]
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename = "Note")]
pub struct RawNote<'a> {
    #[serde(borrow)]
    pub text: Cow<'a, str>,
    #[serde_as(as = "Vec<BorrowCow>")]
    pub sources: Vec<Cow<'a, str>>,
}

/// A personal file (`~/.config/careguide/personal/*.ron`): the city schema above,
/// with what only makes sense for a new city left optional. `id` may be
/// left out by a file that only adds to shipped facilities (`notes.ron`).
/// There is no `emergency` field: personal files cannot add emergency numbers.
/// The merge rules are `overlay`'s.
#[serde_as]
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename = "City")]
pub struct PersonalCity<'a> {
    #[serde_as(as = "Option<BorrowCow>")]
    pub id: Option<Cow<'a, str>>,
    pub order: Option<u32>,
    #[serde_as(as = "Option<BorrowCow>")]
    pub name: Option<Cow<'a, str>>,
    #[serde_as(as = "Option<BorrowCow>")]
    pub name_zh: Option<Cow<'a, str>>,
    #[serde_as(as = "Option<BorrowCow>")]
    pub pinyin: Option<Cow<'a, str>>,
    #[serde_as(as = "Vec<BorrowCow>")]
    #[serde(default)]
    pub aliases: Vec<Cow<'a, str>>,
    #[serde_as(as = "Option<BorrowCow>")]
    pub province: Option<Cow<'a, str>>,
    #[serde_as(as = "Option<BorrowCow>")]
    pub province_zh: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    pub notes: Vec<RawNote<'a>>,
    #[serde(borrow, default)]
    pub facilities: Vec<PersonalFacility<'a>>,
}

/// A facility in a personal file: with a shipped facility's id it adds
/// `notes` and `contacts` to it and must have nothing else; with a new id it
/// is the user's own facility, which needs `name`, `kind`, `ownership` and
/// `verified` like a shipped one, while `sources` may be left out.
#[serde_as]
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename = "Facility")]
pub struct PersonalFacility<'a> {
    #[serde(borrow)]
    pub id: Cow<'a, str>,
    #[serde_as(as = "Option<BorrowCow>")]
    pub name: Option<Cow<'a, str>>,
    #[serde_as(as = "Option<BorrowCow>")]
    pub name_zh: Option<Cow<'a, str>>,
    #[serde_as(as = "Option<BorrowCow>")]
    pub pinyin: Option<Cow<'a, str>>,
    #[serde_as(as = "Vec<BorrowCow>")]
    #[serde(default)]
    pub aliases: Vec<Cow<'a, str>>,
    pub kind: Option<Kind>,
    pub ownership: Option<Ownership>,
    #[serde(borrow)]
    pub grade: Option<RawGrade<'a>>,
    #[serde(borrow, default)]
    pub specialties: Vec<RawFacilitySpecialty<'a>>,
    #[serde(borrow, default)]
    pub contacts: Vec<RawContact<'a>>,
    #[serde(borrow)]
    pub address: Option<RawAddress<'a>>,
    #[serde_as(as = "Option<BorrowCow>")]
    pub website: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    pub notes: Vec<RawNote<'a>>,
    #[serde_as(as = "Vec<BorrowCow>")]
    #[serde(default)]
    pub sources: Vec<Cow<'a, str>>,
    #[serde_as(as = "Option<BorrowCow>")]
    pub verified: Option<Cow<'a, str>>,
}
