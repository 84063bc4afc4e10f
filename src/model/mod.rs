//! The validated, linked directory: what every front end reads. Built only by
//! `data::validate`, so everything here has passed the data rules (sources
//! present, phones canonical, text sanitised). Knows nothing of terminals.
//! Texts that repeat across records (ids, sources, roles, notes, dates,
//! file paths) are shared `Arc<str>`s: a province's data repeats them
//! hundreds of thousands of times.

use std::sync::Arc;

use compact_str::CompactString;
use serde::Serialize;

mod kinds;

pub use kinds::{Confidence, GradeLevel, Kind, Ownership};

/// Where a record is defined, for diagnostics and for opening an editor
/// there: the line of its id, or of a contact's phone number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Origin {
    /// Shared by every record of the file.
    pub path: Arc<str>,
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

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Grade {
    pub level: GradeLevel,
    pub sources: SourceList,
}

/// A source: a URL, or a description where the source has none.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct Source(pub Arc<str>);

/// A fact's sources; records citing the same ones share the list.
pub type SourceList = Arc<[Source]>;

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

/// A phone number as stored (canonical international form or a short code):
/// its display form, and its E.164 form where that is not what the display
/// form's digits say (`+` and the digits, or a short number's digits), after
/// a NUL, which no checked text holds. A number is nearly always only its
/// display form, which `CompactString` keeps inline up to 24 bytes, so
/// 300 000 numbers allocate nothing and take 24 bytes each.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phone {
    text: CompactString,
}

impl Phone {
    /// `display` as displayed and copied (e.g. `+86 10 5985 0333` or `120`),
    /// `e164` as dialled (`+861059850333`, or `120`).
    pub fn new(display: &str, e164: &str) -> Phone {
        let text = if derived_e164(display) == e164 {
            display.into()
        } else {
            compact_str::format_compact!("{display}\0{e164}")
        };
        Phone { text }
    }

    /// A number whose E.164 form is what its display form's digits say
    /// (`+` and the digits, or a short number's digits).
    pub fn of_digits(display: &str) -> Phone {
        Phone {
            text: display.into(),
        }
    }

    /// Exactly as displayed and copied, e.g. `+86 10 5985 0333` or `120`.
    pub fn display(&self) -> &str {
        self.text.split('\0').next().unwrap_or_default()
    }

    /// E.164 (`+861059850333`), or the bare digits of a short service number.
    pub fn e164(&self) -> CompactString {
        match self.text.split_once('\0') {
            Some((_, e164)) => e164.into(),
            None => derived_e164(&self.text),
        }
    }

    /// The `tel:` URI a phone dials, e.g. `tel:+861059850333`.
    pub fn tel_uri(&self) -> String {
        format!("tel:{}", self.e164())
    }

    /// Digits only, for searching by number.
    pub fn digits(&self) -> String {
        self.display()
            .chars()
            .filter(char::is_ascii_digit)
            .collect()
    }
}

/// What a display form's digits say its E.164 form is: `+` and the digits
/// for an international number, the digits for a short one.
fn derived_e164(display: &str) -> CompactString {
    let mut out = CompactString::default();
    if display.starts_with('+') {
        out.push('+');
    }
    out.extend(display.chars().filter(char::is_ascii_digit));
    out
}

/// As `{ display, e164 }`, the two forms the documented exports show.
impl Serialize for Phone {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut out = serializer.serialize_struct("Phone", 2)?;
        out.serialize_field("display", self.display())?;
        out.serialize_field("e164", &*self.e164())?;
        out.end()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Contact {
    pub role: Arc<str>,
    pub phone: Phone,
    pub confidence: Confidence,
    pub sources: SourceList,
    pub note: Option<Arc<str>>,
    /// From the user's personal files (no sources means "personal").
    pub personal: bool,
    #[serde(skip)]
    pub origin: Origin,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Address {
    pub en: Option<Box<str>>,
    pub zh: Option<Box<str>>,
    pub confidence: Confidence,
    pub sources: SourceList,
}

impl Address {
    /// The form to copy or show a driver: 汉字 when known, else English.
    pub fn preferred(&self) -> Option<&str> {
        self.zh.as_deref().or(self.en.as_deref())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Note {
    pub text: Arc<str>,
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

/// A facility's link to a specialty, with what the sources say about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FacilitySpecialty {
    pub id: SpecialtyId,
    /// Index into `Directory::specialties`.
    #[serde(skip)]
    pub index: usize,
    pub note: Option<Arc<str>>,
    pub sources: SourceList,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EmergencyNumber {
    pub number: Phone,
    pub label: String,
    pub label_zh: Option<String>,
    pub note: Option<String>,
    pub sources: SourceList,
}

/// Texts are boxed and lists are boxed slices (a `String` or `Vec` takes 24
/// bytes, these 16), so that a facility fits in 320 bytes: at 100 000 of
/// them, every 8 bytes is 0.8 MB.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Facility {
    pub id: FacilityId,
    pub name: Box<str>,
    pub name_zh: Option<Box<str>>,
    pub pinyin: Option<Box<str>>,
    pub aliases: Box<[Box<str>]>,
    pub kind: Kind,
    pub ownership: Ownership,
    pub grade: Option<Grade>,
    pub specialties: Box<[FacilitySpecialty]>,
    pub contacts: Box<[Contact]>,
    pub address: Option<Address>,
    pub website: Option<Box<str>>,
    pub notes: Box<[Note]>,
    pub sources: SourceList,
    pub verified: Arc<str>,
    pub city: CityId,
    /// The user's own facility, from the personal files.
    pub personal: bool,
    /// Index into `Directory::cities`.
    #[serde(skip)]
    pub city_index: usize,
    #[serde(skip)]
    pub origin: Origin,
}

impl Facility {
    /// The first phone number, copied when the card is not focused.
    pub fn first_phone(&self) -> Option<&Contact> {
        self.contacts.first()
    }
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
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Directory {
    pub specialties: Vec<Specialty>,
    /// Nationwide numbers (120, 110, …).
    pub emergency: Vec<EmergencyNumber>,
    pub emergency_notes: Vec<Note>,
    pub cities: Vec<City>,
    /// Boxed, so that merging the files' facilities moves pointers rather
    /// than copying every facility while the files' own lists are alive.
    pub facilities: Vec<Box<Facility>>,
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

    pub fn city_of(&self, facility: &Facility) -> &City {
        &self.cities[facility.city_index]
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
    fn a_number_is_its_display_form_unless_its_digits_say_otherwise() {
        let plain = Phone::new("+86 10 5985 0333", "+861059850333");
        assert_eq!(plain.display(), "+86 10 5985 0333");
        assert_eq!(plain.e164(), "+861059850333");
        assert_eq!(plain.tel_uri(), "tel:+861059850333");
        assert_eq!(Phone::new("120", "120").e164(), "120");
        // A form whose E.164 is not its digits keeps it.
        let odd = Phone::new("+39 06 1234 5678 ext. 9", "+390612345678");
        assert_eq!(odd.display(), "+39 06 1234 5678 ext. 9");
        assert_eq!(odd.e164(), "+390612345678");
        assert_ne!(odd, Phone::new("+39 06 1234 5678 ext. 9", "+3906123456789"));
        assert_eq!(std::mem::size_of::<Phone>(), 24);
        assert_eq!(std::mem::size_of::<Contact>(), 104);
    }

    #[test]
    fn a_facility_fits_its_allocation_class() {
        assert!(
            std::mem::size_of::<Facility>() <= 320,
            "{}",
            std::mem::size_of::<Facility>()
        );
    }
}
