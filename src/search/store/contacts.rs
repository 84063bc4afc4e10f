//! Contacts in the store, without fields or text spans of their own: each
//! contact is its role's text id (4 bytes), its number's id is its own
//! index, and a number's text is read from the directory, which the store
//! holds, as is which facility a contact belongs to (`owners.rs`). A
//! contact's signature and its three fields (role and number shown, the
//! number's digits hidden) are made when it is scored, the fields under
//! ids of their own (`CONTACT_FIELD`). At 100k facilities that is 300 000
//! contacts, where an entry, three fields, a text span, a signature and a
//! copy of the number took about 90 bytes.
//!
//! - A number that is not ASCII (which the phone rule never lets through)
//!   is an ordinary text, and its digits' "via" label is that text in
//!   nucleo's form, which may differ from the number as written.
//! - Field ids hold 715 million contacts (three fields each below
//!   `CONTACT_FIELD`), far more than fits in memory (the model alone takes
//!   48 bytes a contact).

use std::sync::Arc;

use nucleo_matcher::Utf32Str;

pub(in crate::search) use super::owners::Owners;
use super::{Field, Label, Store};
use crate::model::{Contact, Directory};
use crate::search::{Column, mask};

/// Set in a text id naming a number in `Numbers` (the rest is its
/// contact's index).
pub(super) const NUMBER: u32 = 1 << 31;
/// Set in a field id naming a contact's field: the rest is the contact
/// times three plus the field (role, number, digits).
pub(in crate::search) const CONTACT_FIELD: u32 = 1 << 31;
/// The role of a contact without one.
pub(super) const NO_ROLE: u32 = u32::MAX;

/// The numbers of the directory's contacts, numbered in directory order,
/// read from the directory: ASCII text, which every checked number is
/// (others are stored as ordinary texts).
#[derive(Default)]
pub(super) struct Numbers {
    dir: Arc<Directory>,
    /// Each contact's facility.
    owners: Owners,
    /// The union of every number's signature: a needle with a character
    /// no number has (any letter, nearly always) skips them all at once.
    any: u64,
}

impl Numbers {
    /// The text id of contact `c`'s number `display`, if it is read from
    /// the directory.
    pub(super) fn push(&mut self, c: usize, display: &str) -> Option<u32> {
        let id = u32::try_from(c).ok().filter(|&c| c < NUMBER)?;
        if !display.is_ascii() {
            return None;
        }
        self.any |= mask::of_ascii(display.as_bytes());
        Some(NUMBER | id)
    }

    /// Where the numbers are read: `dir`, whose contacts `owners` places.
    pub(super) fn read_from(&mut self, dir: Arc<Directory>, owners: Owners) {
        (self.dir, self.owners) = (dir, owners);
    }

    /// Contact `c` of the directory.
    fn contact(&self, c: u32) -> Option<&Contact> {
        let (facility, k) = self.owners.contact(c)?;
        let facility = self.dir.facilities.get(facility as usize)?;
        facility.contacts.get(k as usize)
    }

    /// The text of number `id` (a text id with `NUMBER` set).
    pub(super) fn text(&self, id: u32) -> &[u8] {
        self.contact(id & !NUMBER)
            .map_or(&[], |contact| contact.phone.display().as_bytes())
    }
}

impl Store {
    /// The directory the store reads numbers from.
    pub(in crate::search) fn directory(&self) -> &Arc<Directory> {
        &self.numbers.dir
    }

    /// Which facility's contacts contact `c` is among.
    pub(in crate::search) fn owners(&self) -> &Owners {
        &self.numbers.owners
    }

    /// How many contacts there are.
    pub(in crate::search) fn contacts(&self) -> usize {
        self.roles.len()
    }

    /// Contact `c`'s number's text id.
    fn number_id(&self, c: u32) -> u32 {
        if self.odd_numbers.is_empty() {
            return NUMBER | c;
        }
        match self.odd_numbers.binary_search_by_key(&c, |&(c, _)| c) {
            Ok(i) => self.odd_numbers[i].1,
            Err(_) => NUMBER | c,
        }
    }

    /// Whether contact `c`, whose facility's names have signature `names`,
    /// has every character of `need` (a needle's): its role, its number
    /// and its facility's names together. The number's signature is made
    /// only when the rest does not have them all.
    #[inline]
    pub(in crate::search) fn contact_admits(&self, c: u32, names: u64, need: u64) -> bool {
        let have = match self.roles[c as usize] {
            NO_ROLE => names,
            role => names | self.spans[role as usize].mask,
        };
        let rest = need & !have;
        rest == 0 || self.admits(self.number_id(c), rest)
    }

    /// Contact `c`'s fields, from the first it has on (the role is left
    /// out when empty), and that one's id: the role and the number in the
    /// row, and the number's digits, hidden, named by the number.
    pub(in crate::search) fn contact_fields(&self, c: u32) -> ([Field; 3], usize, u32) {
        let (role, number) = (self.roles[c as usize], self.number_id(c));
        let shown = |text, column| Field {
            text,
            column,
            label: Label::None,
            arg: 0,
        };
        let fields = [
            shown(role, Some(Column::Name)),
            shown(number, Some(Column::NameZh)),
            Field {
                label: Label::Digits,
                ..shown(number, None)
            },
        ];
        let first = usize::from(role == NO_ROLE);
        (fields, first, CONTACT_FIELD | (c * 3 + first as u32))
    }

    /// Field `id`: a stored field, or one of a contact's.
    pub(in crate::search) fn field(&self, id: u32) -> Field {
        if id & CONTACT_FIELD == 0 {
            return self.fields[id as usize];
        }
        let id = id & !CONTACT_FIELD;
        let (fields, _, _) = self.contact_fields(id / 3);
        fields[(id % 3) as usize]
    }

    /// Number `id`'s text in nucleo's form.
    pub(super) fn number(&self, id: u32) -> Utf32Str<'_> {
        Utf32Str::Ascii(self.numbers.text(id))
    }

    /// Number `id`'s signature, made when asked.
    pub(super) fn number_mask(&self, id: u32) -> u64 {
        mask::of_ascii(self.numbers.text(id))
    }

    /// Whether number `id` has every character of `need`: first whether
    /// any number has, which spares making its signature for a needle
    /// with a letter.
    #[inline]
    pub(super) fn number_admits(&self, id: u32, need: u64) -> bool {
        self.numbers.any & need == need && self.number_mask(id) & need == need
    }
}

#[cfg(test)]
mod tests {
    use super::super::StoreBuilder;
    use super::*;
    use crate::data::{self, DataSource};
    use crate::model::Phone;
    use crate::search::store::Via;

    /// A directory of one facility with `contacts` (role, number).
    fn directory(contacts: &[(&str, &str)]) -> Arc<Directory> {
        let mut dir = data::load(&DataSource::Embedded).expect("loads").directory;
        dir.facilities.retain(|f| !f.contacts.is_empty());
        dir.facilities.truncate(1);
        let template = dir.facilities[0].contacts[0].clone();
        let contact = |&(role, number): &(&str, &str)| {
            Contact::new(
                Contact::texts(role, None).into(),
                Phone::of_digits(number),
                template.confidence,
                template.sources.clone(),
                false,
                template.origin(),
            )
        };
        dir.facilities[0].contacts = contacts.iter().map(contact).collect();
        Arc::new(dir)
    }

    #[test]
    fn a_contact_is_its_role_and_number_and_the_numbers_digits() {
        let contacts = [
            ("Switchboard", "+86 10 5985 0333"),
            ("", "+86 471 696 5030"),
            ("Pharmacy", "+86 10 ５９８５"),
            ("Ward", "+86 471 000 0000"),
        ];
        let mut b = StoreBuilder::default();
        // A text used once first: "Switchboard", used twice, moves to 0.
        b.push("Outpatients", Some(Column::Name), Via::None);
        b.push("Switchboard", Some(Column::Name), Via::None);
        b.take();
        for (role, number) in contacts {
            b.push_contact(role, number);
        }
        let mut owners = Owners::default();
        owners.push(0, contacts.len());
        b.read_numbers_from(directory(&contacts), owners);
        let store = b.finish();
        let text = |f: Field| store.text(f.text).to_string();
        let matched = |f: Field| store.matched(f, |t| t.to_string());
        let (fields, from, id) = store.contact_fields(0);
        assert_eq!((from, id), (0, CONTACT_FIELD));
        assert_eq!(
            fields.map(text),
            ["Switchboard", "+86 10 5985 0333", "+86 10 5985 0333"]
        );
        assert_eq!(matched(fields[2]), "861059850333");
        assert_eq!(fields[0].text, store.fields[1].text, "the role is shared");
        assert_eq!(fields[0].text, 0, "and renumbered with the fields");
        assert!(fields[0].text < store.repeated, "and scored once per query");
        assert_eq!(
            fields.map(|f| f.column),
            [Some(Column::Name), Some(Column::NameZh), None]
        );
        assert_eq!(store.via_text(CONTACT_FIELD | 2), "+86 10 5985 0333");
        assert_eq!(store.via_text(CONTACT_FIELD), "");
        // No role: the fields start at the number.
        let (fields, from, id) = store.contact_fields(1);
        assert_eq!((from, id), (1, CONTACT_FIELD | 4));
        assert_eq!(text(fields[1]), "+86 471 696 5030");
        assert_eq!(text(store.field(id)), "+86 471 696 5030");
        // A number that is not ASCII is an ordinary text.
        let (fields, _, _) = store.contact_fields(2);
        assert!(fields[1].text & NUMBER == 0);
        assert_eq!(text(fields[1]), "+86 10 ５９８５");
        assert_eq!(matched(fields[2]), "8610");
        // A contact has the characters of its fields and of its facility's
        // names (given), and no others.
        let want = |s: &str| mask::of_chars(s.chars());
        let all = want("Switchboard") | want("+86 10 5985 0333");
        assert!(store.contact_admits(0, 0, all));
        assert!(!store.contact_admits(0, 0, all | want("x")));
        assert!(store.contact_admits(0, want("x"), all | want("x")));
        assert!(store.contact_admits(1, 0, want("+86 471 696 5030")));
        assert!(!store.contact_admits(1, 0, want("S")), "no role");
        let odd = want("Pharmacy") | want("+86 10 ５９８５");
        assert!(store.contact_admits(2, 0, odd));
        assert!(!store.contact_admits(2, 0, odd | want("3")));
        // A number after one that is not ASCII is still read as its own.
        let (fields, _, _) = store.contact_fields(3);
        assert_eq!(
            fields.map(text),
            ["Ward", "+86 471 000 0000", "+86 471 000 0000"]
        );
        assert_eq!(fields[1].text, NUMBER | 3);
    }
}
