//! A facility's phone number with what is known of it, in 48 bytes (there
//! are 300 000 at 100k facilities): its role and note share one text, and
//! its origin is kept as a line and a narrower file index.

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
    line: u32,
    /// The file's index in `Directory::files`, or `FAR` for one past what
    /// 16 bits hold (more than 65 534 data files), which names no file.
    file: u16,
    pub confidence: Confidence,
    /// From the user's personal files (no sources means "personal").
    pub personal: bool,
}

const FAR: u16 = u16::MAX;

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
            line: origin.line,
            file: FAR,
            confidence,
            personal,
        };
        contact.set_file(origin.file);
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
        let file = match self.file {
            FAR => u32::MAX,
            file => u32::from(file),
        };
        Origin {
            file,
            line: self.line,
        }
    }

    /// Whether its role and note are the same allocation as `other`'s.
    #[cfg(test)]
    pub(crate) fn shares_texts(&self, other: &Contact) -> bool {
        ArcStr::ptr_eq(&self.texts, &other.texts)
    }

    /// Moves it to file `file` of `Directory::files`.
    pub fn set_file(&mut self, file: u32) {
        self.file = u16::try_from(file)
            .ok()
            .filter(|&f| f != FAR)
            .unwrap_or(FAR);
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
    fn a_file_index_past_16_bits_names_no_file() {
        assert_eq!(contact("r", 65_534).origin().file, 65_534);
        assert_eq!(contact("r", 65_535).origin().file, u32::MAX);
        let mut far = contact("r", 1 << 20);
        assert_eq!(far.origin().file, u32::MAX);
        far.set_file(2);
        assert_eq!(far.origin(), Origin { file: 2, line: 7 });
    }

    #[test]
    fn it_serialises_with_the_documented_fields_in_order() {
        let c = contact(&Contact::texts("Desk", Some("n")), 0);
        let json = serde_json::to_string(&c).expect("serialises");
        assert_eq!(
            json,
            r#"{"role":"Desk","phone":{"display":"120","e164":"120"},"confidence":"official","sources":["s"],"note":"n","personal":false}"#
        );
    }
}
