//! A facility, whose own texts (names, pinyin, website, address, aliases)
//! share one allocation: at 100 000 facilities, eight boxed texts each
//! would be 800 000 allocations and 112 bytes of pointers a facility.

use arcstr::ArcStr;
use serde::Serialize;

use super::{
    Confidence, Contact, FacilityId, FacilitySpecialty, Grade, Kind, Note, Origin, Ownership,
    SourceList,
};

/// Its city and specialties are indices and its texts one `FacilityTexts`,
/// so that a facility fits in 160 bytes. The JSON export adds the ids
/// (`export::json`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Facility {
    pub id: FacilityId,
    pub texts: FacilityTexts,
    pub kind: Kind,
    pub ownership: Ownership,
    pub grade: Option<Grade>,
    pub specialties: Box<[FacilitySpecialty]>,
    pub contacts: Box<[Contact]>,
    /// What is known of its address besides the text (`Facility::address`).
    pub address_facts: Option<AddressFacts>,
    pub notes: Box<[Note]>,
    pub sources: SourceList,
    pub verified: ArcStr,
    /// The user's own facility, from the personal files.
    pub personal: bool,
    /// Index into `Directory::cities`.
    pub city_index: usize,
    pub origin: Origin,
}

impl Facility {
    pub fn name(&self) -> &str {
        self.texts.part(NAME).unwrap_or_default()
    }

    pub fn name_zh(&self) -> Option<&str> {
        self.texts.part(NAME_ZH)
    }

    pub fn pinyin(&self) -> Option<&str> {
        self.texts.part(PINYIN)
    }

    pub fn website(&self) -> Option<&str> {
        self.texts.part(WEBSITE)
    }

    /// Other names it is known by, in file order.
    pub fn aliases(&self) -> impl Iterator<Item = &str> + Clone {
        self.texts.0.split_terminator('\0').skip(ALIASES)
    }

    pub fn address(&self) -> Option<Address<'_>> {
        let facts = self.address_facts.as_ref()?;
        Some(Address {
            en: self.texts.part(ADDRESS_EN),
            zh: self.texts.part(ADDRESS_ZH),
            confidence: facts.confidence,
            sources: &facts.sources,
        })
    }

    /// The first phone number, copied when the card is not focused.
    pub fn first_phone(&self) -> Option<&Contact> {
        self.contacts.first()
    }
}

const NAME: usize = 0;
const NAME_ZH: usize = 1;
const PINYIN: usize = 2;
const WEBSITE: usize = 3;
const ADDRESS_EN: usize = 4;
const ADDRESS_ZH: usize = 5;
const ALIASES: usize = 6;

/// A facility's own texts, each ended by a NUL, which no checked text
/// holds: name, 汉字 name, pinyin, website, address in English and in 汉字
/// (empty when unknown), then the aliases.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FacilityTexts(Box<str>);

impl FacilityTexts {
    /// The texts in one allocation; a NUL in one (which validation never
    /// lets through) is dropped rather than shift the others.
    pub fn new<'a>(
        name: &'a str,
        name_zh: Option<&'a str>,
        pinyin: Option<&'a str>,
        website: Option<&'a str>,
        address: [Option<&'a str>; 2],
        aliases: impl IntoIterator<Item = &'a str>,
    ) -> FacilityTexts {
        let fixed = [name_zh, pinyin, website, address[0], address[1]];
        let parts = std::iter::once(name)
            .chain(fixed.into_iter().map(Option::unwrap_or_default))
            .chain(aliases);
        let mut text = String::new();
        for part in parts {
            text.extend(part.chars().filter(|&c| c != '\0'));
            text.push('\0');
        }
        FacilityTexts(text.into_boxed_str())
    }

    /// Text `i`, `None` when empty.
    fn part(&self, i: usize) -> Option<&str> {
        self.0.split('\0').nth(i).filter(|s| !s.is_empty())
    }
}

/// What is known of a facility's address besides its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AddressFacts {
    pub confidence: Confidence,
    pub sources: SourceList,
}

/// A facility's address, at least one of its forms known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Address<'a> {
    pub en: Option<&'a str>,
    pub zh: Option<&'a str>,
    pub confidence: Confidence,
    pub sources: &'a SourceList,
}

impl<'a> Address<'a> {
    /// The form to copy or show a driver: 汉字 when known, else English.
    pub fn preferred(&self) -> Option<&'a str> {
        self.zh.or(self.en)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_read_back_each_in_its_place() {
        let texts = FacilityTexts::new(
            "Oasis",
            Some("和睦家"),
            None,
            Some("https://oasis.example/"),
            [None, Some("北京市朝阳区")],
            ["Oasis International", "", "绿洲\0医院"],
        );
        assert_eq!(texts.part(NAME), Some("Oasis"));
        assert_eq!(texts.part(NAME_ZH), Some("和睦家"));
        assert_eq!(texts.part(PINYIN), None);
        assert_eq!(texts.part(WEBSITE), Some("https://oasis.example/"));
        assert_eq!(texts.part(ADDRESS_EN), None);
        assert_eq!(texts.part(ADDRESS_ZH), Some("北京市朝阳区"));
        let aliases: Vec<&str> = texts.0.split_terminator('\0').skip(ALIASES).collect();
        assert_eq!(aliases, ["Oasis International", "", "绿洲医院"]);
        let none = FacilityTexts::new("", None, None, None, [None, None], []);
        assert_eq!(none.0.split_terminator('\0').skip(ALIASES).count(), 0);
        assert_eq!(none.part(NAME), None);
    }

    #[test]
    fn a_facility_fits_its_allocation_class() {
        assert!(
            std::mem::size_of::<Facility>() <= 160,
            "{}",
            std::mem::size_of::<Facility>()
        );
    }
}
