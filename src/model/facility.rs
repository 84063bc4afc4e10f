//! A facility, whose own texts (names, pinyin, website, address, aliases)
//! share one allocation: boxed apart, they took seven 16-byte fields a
//! facility, and at 100 000 facilities about 800 000 allocations.

use arcstr::ArcStr;
use serde::Serialize;

use super::{
    Confidence, Contact, FacilityId, FacilitySpecialty, Grade, Kind, Note, Origin, Ownership,
    SourceList,
};

/// Its city and specialties are indices (its city's a `u32`), its texts
/// one `FacilityTexts` and its id a thin `ArcStr`, so that a facility fits
/// in jemalloc's 128-byte class. The JSON export adds the ids
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
    /// What `Facility::address` adds to the texts: the address's
    /// confidence (none when no address is known) and sources, apart
    /// rather than an `AddressFacts`, so that the confidence takes one of
    /// the facility's spare bytes and a facility 128 bytes.
    pub address_confidence: Option<Confidence>,
    pub address_sources: SourceList,
    pub notes: Box<[Note]>,
    pub sources: SourceList,
    pub verified: ArcStr,
    /// The user's own facility, from the personal files.
    pub personal: bool,
    /// Index into `Directory::cities`.
    pub city_index: u32,
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
        self.texts.after_aliases(WEBSITE)
    }

    /// Other names it is known by, in file order.
    pub fn aliases(&self) -> impl Iterator<Item = &str> + Clone {
        self.names().aliases
    }

    /// Its names, read in one pass: what search indexes.
    pub fn names(&self) -> Names<'_, impl Iterator<Item = &str> + Clone> {
        let mut parts = self.texts.parts();
        let mut next = || parts.next().filter(|s| !s.is_empty());
        let (name, name_zh, pinyin) = (next().unwrap_or_default(), next(), next());
        Names {
            name,
            name_zh,
            pinyin,
            aliases: parts.take_while(|s| !s.is_empty()),
        }
    }

    pub fn address(&self) -> Option<Address<'_>> {
        Some(Address {
            en: self.texts.after_aliases(ADDRESS_EN),
            zh: self.texts.after_aliases(ADDRESS_ZH),
            confidence: self.address_confidence?,
            sources: &self.address_sources,
        })
    }

    /// The first phone number, copied when the card is not focused.
    pub fn first_phone(&self) -> Option<&Contact> {
        self.contacts.first()
    }
}

/// A facility's names (`Facility::names`).
pub struct Names<'a, A: Iterator<Item = &'a str>> {
    pub name: &'a str,
    pub name_zh: Option<&'a str>,
    pub pinyin: Option<&'a str>,
    pub aliases: A,
}

const NAME: usize = 0;
const NAME_ZH: usize = 1;
const PINYIN: usize = 2;
const ALIASES: usize = 3;
const WEBSITE: usize = 0;
const ADDRESS_EN: usize = 1;
const ADDRESS_ZH: usize = 2;

/// A facility's own texts, each ended by a NUL, which no checked text
/// holds, and each optional one empty when unknown: name, 汉字 name,
/// pinyin, the aliases and an empty text after them, then website, address
/// in English and in 汉字. What search reads (names, pinyin, aliases)
/// comes first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FacilityTexts(Box<str>);

impl FacilityTexts {
    /// The texts in one allocation; a NUL in one (which validation never
    /// lets through) is dropped rather than shift the others, and an empty
    /// alias (which validation reports) is left out.
    pub fn new<'a>(
        name: &'a str,
        name_zh: Option<&'a str>,
        pinyin: Option<&'a str>,
        website: Option<&'a str>,
        address: [Option<&'a str>; 2],
        aliases: impl IntoIterator<Item = &'a str>,
    ) -> FacilityTexts {
        let mut text = String::new();
        let mut push = |part: &str| {
            text.extend(part.chars().filter(|&c| c != '\0'));
            text.push('\0');
        };
        for part in [Some(name), name_zh, pinyin] {
            push(part.unwrap_or_default());
        }
        aliases
            .into_iter()
            .filter(|alias| alias.chars().any(|c| c != '\0'))
            .for_each(&mut push);
        push("");
        for part in [website, address[0], address[1]] {
            push(part.unwrap_or_default());
        }
        FacilityTexts(text.into_boxed_str())
    }

    /// Each text, in order: the NULs are found by one `memchr` pass,
    /// where `str::split` searches afresh for each short text.
    fn parts(&self) -> impl Iterator<Item = &str> + Clone {
        let text = &*self.0;
        let mut start = 0;
        memchr::memchr_iter(0, text.as_bytes()).map(move |end| {
            let part = text.get(start..end).unwrap_or_default();
            start = end + 1;
            part
        })
    }

    /// Text `i` before the aliases, `None` when empty.
    fn part(&self, i: usize) -> Option<&str> {
        self.parts().nth(i).filter(|s| !s.is_empty())
    }

    /// Text `i` after the aliases, `None` when empty.
    fn after_aliases(&self, i: usize) -> Option<&str> {
        let mut rest = self.parts().skip(ALIASES);
        rest.find(|s| s.is_empty())?;
        rest.nth(i).filter(|s| !s.is_empty())
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
        assert_eq!(texts.after_aliases(WEBSITE), Some("https://oasis.example/"));
        assert_eq!(texts.after_aliases(ADDRESS_EN), None);
        assert_eq!(texts.after_aliases(ADDRESS_ZH), Some("北京市朝阳区"));
        let aliases = |t: &FacilityTexts| -> Vec<String> {
            let f = facility(t.clone());
            f.aliases().map(String::from).collect()
        };
        assert_eq!(aliases(&texts), ["Oasis International", "绿洲医院"]);
        let none = FacilityTexts::new("", None, None, None, [None, None], []);
        assert!(aliases(&none).is_empty());
        assert_eq!(none.part(NAME), None);
        assert_eq!(none.after_aliases(WEBSITE), None);
        let web = FacilityTexts::new("x", None, None, Some("w"), [Some("e"), None], ["a"]);
        let f = facility(web);
        assert_eq!(f.website(), Some("w"));
        assert_eq!(f.address(), None, "no address without its facts");
        assert_eq!(f.name(), "x");
    }

    fn facility(texts: FacilityTexts) -> Facility {
        Facility {
            id: FacilityId("f".into()),
            texts,
            kind: Kind::Hospital,
            ownership: Ownership::Public,
            grade: None,
            specialties: Box::default(),
            contacts: Box::default(),
            address_confidence: None,
            address_sources: SourceList::default(),
            notes: Box::default(),
            sources: SourceList::default(),
            verified: ArcStr::default(),
            personal: false,
            city_index: 0,
            origin: Origin { file: 0, line: 1 },
        }
    }

    #[test]
    fn a_facility_fits_its_allocation_class() {
        assert!(
            std::mem::size_of::<Facility>() <= 128,
            "{}",
            std::mem::size_of::<Facility>()
        );
    }
}
