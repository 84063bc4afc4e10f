//! The serde mirror of the RON files, field for field. Every struct denies
//! unknown fields so that a typo such as `adress` is an error, never silence.
//! Nothing here is validated: `validate` turns these into a `Directory`.

use serde::Deserialize;

use crate::model::{Confidence, GradeLevel, Kind, Ownership, Situation, SourceKind};

/// `data/sources.ron`: the bibliography, each source once; records cite
/// these by id.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename = "SourceFile")]
pub struct RawSourceFile {
    pub sources: Vec<RawSource>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename = "Source")]
pub struct RawSource {
    pub id: String,
    pub title: String,
    pub publisher: String,
    pub kind: SourceKind,
    pub date: Option<String>,
    pub url: Option<String>,
    pub reference: Option<String>,
}

/// `data/phrases.ron`: the emergency phrase card and what to tell 120.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename = "PhraseFile")]
pub struct RawPhraseFile {
    pub phrases: Vec<RawPhrase>,
    #[serde(default)]
    pub tell_120: Vec<RawNote>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename = "Phrase")]
pub struct RawPhrase {
    pub situation: Situation,
    pub zh: String,
    pub pinyin: Option<String>,
    pub en: String,
    pub confidence: Confidence,
    pub sources: Vec<String>,
    pub note: Option<String>,
}

/// `data/specialties.ron`: the shared vocabulary of specialties.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename = "SpecialtyFile")]
pub struct RawSpecialtyFile {
    pub specialties: Vec<RawSpecialty>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename = "Specialty")]
pub struct RawSpecialty {
    pub id: String,
    pub name: String,
    pub name_zh: String,
    #[serde(default)]
    pub aliases: Vec<String>,
}

/// `data/emergency.ron`: nationwide numbers and general advice.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename = "EmergencyFile")]
pub struct RawEmergencyFile {
    pub numbers: Vec<RawEmergencyNumber>,
    #[serde(default)]
    pub notes: Vec<RawNote>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename = "EmergencyNumber")]
pub struct RawEmergencyNumber {
    pub number: String,
    pub label: String,
    pub label_zh: Option<String>,
    pub note: Option<String>,
    pub sources: Vec<String>,
}

/// `data/cities/<id>.ron`: one city (or the nationwide/online pseudo-city).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename = "City")]
pub struct RawCity {
    pub id: String,
    /// Position in the city list (lower first; cities without one come
    /// after, by id).
    pub order: Option<u32>,
    pub name: String,
    pub name_zh: Option<String>,
    /// Hand-written toneless pinyin, for names the converter misreads.
    pub pinyin: Option<String>,
    #[serde(default)]
    pub aliases: Vec<String>,
    pub province: Option<String>,
    pub province_zh: Option<String>,
    #[serde(default)]
    pub emergency: Vec<RawEmergencyNumber>,
    #[serde(default)]
    pub notes: Vec<RawNote>,
    /// Where the city's own names come from, when they need saying.
    #[serde(default)]
    pub sources: Vec<String>,
    #[serde(default)]
    pub facilities: Vec<RawFacility>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename = "Facility")]
pub struct RawFacility {
    pub id: String,
    pub name: String,
    pub name_zh: Option<String>,
    pub pinyin: Option<String>,
    #[serde(default)]
    pub aliases: Vec<String>,
    pub kind: Kind,
    pub ownership: Ownership,
    pub grade: Option<RawGrade>,
    #[serde(default)]
    pub specialties: Vec<RawFacilitySpecialty>,
    #[serde(default)]
    pub contacts: Vec<RawContact>,
    pub address: Option<RawAddress>,
    pub website: Option<String>,
    #[serde(default)]
    pub notes: Vec<RawNote>,
    pub sources: Vec<String>,
    pub verified: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename = "Grade")]
pub struct RawGrade {
    pub level: GradeLevel,
    pub sources: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename = "FacilitySpecialty")]
pub struct RawFacilitySpecialty {
    pub id: String,
    pub note: Option<String>,
    #[serde(default)]
    pub sources: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename = "Contact")]
pub struct RawContact {
    pub role: String,
    pub phone: String,
    pub confidence: Confidence,
    pub sources: Vec<String>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename = "Address")]
pub struct RawAddress {
    pub en: Option<String>,
    pub zh: Option<String>,
    pub confidence: Confidence,
    pub sources: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename = "Note")]
pub struct RawNote {
    pub text: String,
    pub sources: Vec<String>,
}

/// A personal file (`~/.config/careguide/personal/*.ron`): the city schema above,
/// with what only makes sense for a new city left optional. `id` may be
/// left out by a file that only adds to shipped facilities (`notes.ron`).
/// There is no `emergency` field: personal files cannot add emergency numbers.
/// The merge rules are `overlay`'s.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename = "City")]
pub struct PersonalCity {
    pub id: Option<String>,
    pub order: Option<u32>,
    pub name: Option<String>,
    pub name_zh: Option<String>,
    pub pinyin: Option<String>,
    #[serde(default)]
    pub aliases: Vec<String>,
    pub province: Option<String>,
    pub province_zh: Option<String>,
    #[serde(default)]
    pub notes: Vec<RawNote>,
    #[serde(default)]
    pub facilities: Vec<PersonalFacility>,
}

/// A facility in a personal file: with a shipped facility's id it adds
/// `notes` and `contacts` to it and must have nothing else; with a new id it
/// is the user's own facility, which needs `name`, `kind`, `ownership` and
/// `verified` like a shipped one, while `sources` may be left out.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename = "Facility")]
pub struct PersonalFacility {
    pub id: String,
    pub name: Option<String>,
    pub name_zh: Option<String>,
    pub pinyin: Option<String>,
    #[serde(default)]
    pub aliases: Vec<String>,
    pub kind: Option<Kind>,
    pub ownership: Option<Ownership>,
    pub grade: Option<RawGrade>,
    #[serde(default)]
    pub specialties: Vec<RawFacilitySpecialty>,
    #[serde(default)]
    pub contacts: Vec<RawContact>,
    pub address: Option<RawAddress>,
    pub website: Option<String>,
    #[serde(default)]
    pub notes: Vec<RawNote>,
    #[serde(default)]
    pub sources: Vec<String>,
    pub verified: Option<String>,
}

impl PersonalCity {
    /// The fields it sets that a file adding to a shipped city may not
    /// (all but `id`, `notes` and `facilities`), in schema order.
    /// Destructured whole, so a new field cannot be left out.
    pub fn changes(&self) -> Vec<&'static str> {
        let PersonalCity {
            id: _,
            order,
            name,
            name_zh,
            pinyin,
            aliases,
            province,
            province_zh,
            notes: _,
            facilities: _,
        } = self;
        let set = [
            ("order", order.is_some()),
            ("name", name.is_some()),
            ("name_zh", name_zh.is_some()),
            ("pinyin", pinyin.is_some()),
            ("aliases", !aliases.is_empty()),
            ("province", province.is_some()),
            ("province_zh", province_zh.is_some()),
        ];
        set.iter().filter(|(_, s)| *s).map(|(f, _)| *f).collect()
    }
}

impl PersonalFacility {
    /// The fields it sets that an entry for a shipped facility may not
    /// (all but `id`, `notes` and `contacts`), in schema order. Destructured
    /// whole, so a new field cannot be left out.
    pub fn changes(&self) -> Vec<&'static str> {
        let PersonalFacility {
            id: _,
            name,
            name_zh,
            pinyin,
            aliases,
            kind,
            ownership,
            grade,
            specialties,
            contacts: _,
            address,
            website,
            notes: _,
            sources,
            verified,
        } = self;
        let set = [
            ("name", name.is_some()),
            ("name_zh", name_zh.is_some()),
            ("pinyin", pinyin.is_some()),
            ("aliases", !aliases.is_empty()),
            ("kind", kind.is_some()),
            ("ownership", ownership.is_some()),
            ("grade", grade.is_some()),
            ("specialties", !specialties.is_empty()),
            ("address", address.is_some()),
            ("website", website.is_some()),
            ("sources", !sources.is_empty()),
            ("verified", verified.is_some()),
        ];
        set.iter().filter(|(_, s)| *s).map(|(f, _)| *f).collect()
    }

    /// A new facility as the shipped schema's record, or the fields that
    /// schema requires and it lacks.
    pub fn complete(self) -> Result<RawFacility, Vec<&'static str>> {
        let required = (self.name, self.kind, self.ownership, self.verified);
        let (name, kind, ownership, verified) = match required {
            (Some(name), Some(kind), Some(ownership), Some(verified)) => {
                (name, kind, ownership, verified)
            }
            (name, kind, ownership, verified) => {
                let missing = [
                    ("name", name.is_none()),
                    ("kind", kind.is_none()),
                    ("ownership", ownership.is_none()),
                    ("verified", verified.is_none()),
                ];
                let missing = missing.iter().filter(|(_, m)| *m);
                return Err(missing.map(|(f, _)| *f).collect());
            }
        };
        Ok(RawFacility {
            id: self.id,
            name,
            name_zh: self.name_zh,
            pinyin: self.pinyin,
            aliases: self.aliases,
            kind,
            ownership,
            grade: self.grade,
            specialties: self.specialties,
            contacts: self.contacts,
            address: self.address,
            website: self.website,
            notes: self.notes,
            sources: self.sources,
            verified,
        })
    }
}
