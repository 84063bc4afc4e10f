//! A facility's phone number with what is known of it, in 48 bytes (there
//! are 300 000 at 100k facilities): its role and note share one text, and
//! its origin (file and line) is packed into 48 bits.

use arcstr::ArcStr;
use serde::Serialize;

use super::{Confidence, Origin, Phone, SourceList};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contact {
    /// The role, then after a NUL (which no checked text holds) the note
    /// when there is one: repeated roles and notes are shared as one text.
    texts: ArcStr,
    pub phone: Phone,
    pub sources: SourceList,
    /// Its origin, packed (`pack`): the low 32 bits, then the high 16.
    at_low: u32,
    at_high: u16,
    pub confidence: Confidence,
    /// From the user's personal files (no sources means "personal").
    pub personal: bool,
}

/// A line takes 23 bits: a data file is at most 4 MiB (`data::load`), so
/// at most 4 194 305 lines. The file index takes the other 25: up to
/// 33 554 430 files, and `FAR` for one past that, which names no file.
const LINE_BITS: u32 = 23;
const LINE_MAX: u64 = (1 << LINE_BITS) - 1;
const FAR: u64 = (1 << (48 - LINE_BITS)) - 1;

/// An origin in 48 bits; a line past `LINE_MAX` is kept as `LINE_MAX`.
fn pack(origin: Origin) -> u64 {
    u64::from(origin.file).min(FAR) << LINE_BITS | u64::from(origin.line).min(LINE_MAX)
}

impl Contact {
    /// `role` and `note` as the one text `new` takes (for the validator to
    /// share); a NUL in either is dropped rather than move the note.
    pub fn texts(role: &str, note: Option<&str>) -> String {
        let mut out: String = role.chars().filter(|&c| c != '\0').collect();
        if let Some(note) = note {
            out.push('\0');
            out.extend(note.chars().filter(|&c| c != '\0'));
        }
        out
    }

    /// A contact whose role and note are `texts` (`Contact::texts`).
    pub fn new(
        texts: ArcStr,
        phone: Phone,
        confidence: Confidence,
        sources: SourceList,
        personal: bool,
        origin: Origin,
    ) -> Contact {
        let mut contact = Contact {
            texts,
            phone,
            sources,
            at_low: 0,
            at_high: 0,
            confidence,
            personal,
        };
        contact.set_origin(origin);
        contact
    }

    pub fn role(&self) -> &str {
        self.texts.split('\0').next().unwrap_or_default()
    }

    pub fn note(&self) -> Option<&str> {
        self.texts.split_once('\0').map(|(_, note)| note)
    }

    /// Where it is defined (the line of its number).
    pub fn origin(&self) -> Origin {
        let packed = u64::from(self.at_high) << 32 | u64::from(self.at_low);
        let file = match packed >> LINE_BITS {
            FAR => u32::MAX,
            file => file as u32,
        };
        Origin {
            file,
            line: (packed & LINE_MAX) as u32,
        }
    }

    fn set_origin(&mut self, origin: Origin) {
        let packed = pack(origin);
        self.at_low = packed as u32;
        self.at_high = (packed >> 32) as u16;
    }

    /// Whether its role and note are the same allocation as `other`'s.
    #[cfg(test)]
    pub(crate) fn shares_texts(&self, other: &Contact) -> bool {
        ArcStr::ptr_eq(&self.texts, &other.texts)
    }

    /// Moves it to file `file` of `Directory::files`.
    pub fn set_file(&mut self, file: u32) {
        let line = self.origin().line;
        self.set_origin(Origin { file, line });
    }
}

/// The fields the documented exports show, in their order.
impl Serialize for Contact {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut out = serializer.serialize_struct("Contact", 6)?;
        out.serialize_field("role", self.role())?;
        out.serialize_field("phone", &self.phone)?;
        out.serialize_field("confidence", &self.confidence)?;
        out.serialize_field("sources", &self.sources)?;
        out.serialize_field("note", &self.note())?;
        out.serialize_field("personal", &self.personal)?;
        out.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Source;

    fn contact(texts: &str, file: u32) -> Contact {
        let origin = Origin { file, line: 7 };
        let sources = SourceList::from(&[Source("s".into())][..]);
        let phone = Phone::of_digits("120");
        Contact::new(
            texts.into(),
            phone,
            Confidence::Official,
            sources,
            false,
            origin,
        )
    }

    #[test]
    fn role_and_note_read_back_from_one_text() {
        let plain = contact(&Contact::texts("Switchboard", None), 3);
        assert_eq!((plain.role(), plain.note()), ("Switchboard", None));
        let noted = Contact::texts("Emer\0gency", Some("24 h\0ours"));
        let noted = contact(&noted, 3);
        assert_eq!(
            (noted.role(), noted.note()),
            ("Emergency", Some("24 hours"))
        );
        let empty = contact(&Contact::texts("Desk", Some("")), 3);
        assert_eq!(empty.note(), Some(""));
        assert_eq!(plain.origin(), Origin { file: 3, line: 7 });
    }

    #[test]
    fn origins_read_back_up_to_33_million_files() {
        let last = (1 << 25) - 2;
        assert_eq!(contact("r", 65_535).origin().file, 65_535);
        assert_eq!(
            contact("r", last).origin(),
            Origin {
                file: last,
                line: 7
            }
        );
        let mut far = contact("r", last + 1);
        assert_eq!(
            far.origin(),
            Origin {
                file: u32::MAX,
                line: 7
            }
        );
        far.set_file(2);
        assert_eq!(far.origin(), Origin { file: 2, line: 7 });
        far.set_file(u32::MAX);
        assert_eq!(
            far.origin(),
            Origin {
                file: u32::MAX,
                line: 7
            }
        );
        // A 4 MiB file's last line, and one past what 23 bits hold.
        let mut deep = contact("r", 9);
        deep.set_origin(Origin {
            file: 9,
            line: 4_194_305,
        });
        assert_eq!(
            deep.origin(),
            Origin {
                file: 9,
                line: 4_194_305
            }
        );
        deep.set_origin(Origin {
            file: 9,
            line: u32::MAX,
        });
        assert_eq!(
            deep.origin(),
            Origin {
                file: 9,
                line: (1 << 23) - 1
            }
        );
    }

    #[test]
    fn it_serialises_with_the_documented_fields_in_order() {
        let c = contact(&Contact::texts("Desk", Some("n")), 0);
        let json = serde_json::to_string(&c).expect("serialises");
        assert_eq!(
            json,
            r#"{"role":"Desk","phone":{"display":"120","e164":"120"},"confidence":"official","sources":["s"],"note":"n","personal":false}"#
        );
        let mut mine = contact(&Contact::texts("Desk", None), 0);
        mine.personal = true;
        let json = serde_json::to_string(&mine).expect("serialises");
        assert!(json.ends_with(r#""note":null,"personal":true}"#), "{json}");
    }
}
