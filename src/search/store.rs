//! The index's flat storage. Every searchable text is stored once, in an
//! arena of bytes (ASCII) or chars (the rest), and texts used more than
//! once (a contact's role, a facility's name as its contacts see it) are
//! numbered first, so a query memoises their scores. Contacts keep their
//! role and number apart (`contacts.rs`). Every field of
//! every record and group sits in one array, with its "via" label packed
//! in, so ranking walks memory in order instead of chasing a pointer per
//! record. `builder.rs` fills it.

use nucleo_matcher::{Utf32Str, Utf32String};

use super::{Column, mask};

mod builder;
mod contacts;
mod owners;

pub(super) use builder::StoreBuilder;
use contacts::{NUMBER, Numbers};
pub(super) use owners::Owners;

/// One searchable text of a record or group, with its "via" label: 8
/// bytes, and there are 830 000 of them at 100k facilities. Its
/// character signature is its text's (`Store::mask`).
#[derive(Clone, Copy)]
pub(super) struct Field {
    /// The text's id in the `Store`.
    pub(super) text: u32,
    /// `Some` for text shown in the row; `None` for hidden text, which then
    /// names itself through its label.
    pub(super) column: Option<Column>,
    label: Label,
    /// The label's prefix (by index), or how many fields back the field it
    /// names is.
    arg: u16,
}

impl Field {
    /// Whether the field matches the digits of its text (`Label::Digits`).
    pub(super) fn is_digits(self) -> bool {
        matches!(self.label, Label::Digits)
    }
}

/// How a hidden field names itself in a row's "via" hint, as the builder
/// is given it.
pub(super) enum Via {
    /// A visible field: no hint.
    None,
    /// The field's own (ASCII or lossless) text.
    Text,
    /// A fixed prefix and the field's text (`pinyin huhehaote`).
    Prefixed(&'static str),
    /// The text of another field (by field id) of the same record or group.
    Sibling(u32),
    /// Another field's text glossed by the field's own: `呼市 (hushi)`.
    Glossed(u32),
    Owned(Box<str>),
}

/// A `Via` as stored in its field (a `Via` takes 24 bytes): prefixes are
/// kept aside and named by their index, siblings by how far back they are,
/// and owned labels aside by field id.
#[derive(Clone, Copy)]
enum Label {
    None,
    Text,
    Prefixed,
    Sibling,
    Glossed,
    Owned,
    /// The field matches the digits of its text (a number as shown) and
    /// names itself by the text: a number's digits cost no text of their
    /// own (8 MB at 100k facilities).
    Digits,
}

/// Where a text lives in the arena, and its character signature
/// (`mask.rs`), in 16 bytes.
#[derive(Clone, Copy)]
struct Span {
    mask: u64,
    start: u32,
    /// The length, with `WIDE` set for text in `Store::wide`.
    len: u32,
}

const WIDE: u32 = 1 << 31;

/// Texts, fields and their labels.
#[derive(Default)]
pub(super) struct Store {
    pub(super) fields: Vec<Field>,
    prefixes: Vec<&'static str>,
    /// The owned labels, by field id (in field order).
    owned: Vec<(u32, Box<str>)>,
    ascii: Vec<u8>,
    wide: Vec<char>,
    spans: Vec<Span>,
    /// Texts with an id below this are used more than once (by fields or
    /// as contacts' roles).
    pub(super) repeated: u32,
    /// Each contact's role (`contacts.rs`).
    roles: Vec<u32>,
    /// The text of each number that is not read from the directory, by
    /// contact, in contact order.
    odd_numbers: Vec<(u32, u32)>,
    numbers: Numbers,
}

impl Store {
    /// Appends nucleo's form of `s` to the text arrays: ASCII and text of
    /// one char per grapheme straight from `s`, other text converted on
    /// its own first.
    fn append(&mut self, s: &str) -> Span {
        let converted;
        let text = if s.is_ascii() {
            Utf32Str::Ascii(s.as_bytes())
        } else if one_char_each(s) {
            let start = self.wide.len();
            self.wide.extend(s.chars());
            let chars = &self.wide[start..];
            return Span {
                mask: mask::of_chars(chars.iter().copied()),
                start: start as u32,
                len: chars.len() as u32 | WIDE,
            };
        } else {
            // What `utf32` gives such text: nucleo's own conversion.
            converted = Utf32String::from(s);
            converted.slice(..)
        };
        let (start, wide) = match text {
            Utf32Str::Ascii(bytes) => {
                let start = self.ascii.len() as u32;
                self.ascii.extend_from_slice(bytes);
                (start, 0)
            }
            Utf32Str::Unicode(chars) => {
                let start = self.wide.len() as u32;
                self.wide.extend_from_slice(chars);
                (start, WIDE)
            }
        };
        Span {
            mask: mask::of_chars(text.chars()),
            start,
            len: text.len() as u32 | wide,
        }
    }

    /// Text `id` in nucleo's form.
    pub(super) fn text(&self, id: u32) -> Utf32Str<'_> {
        if id & NUMBER != 0 {
            return self.number(id);
        }
        let span = self.spans[id as usize];
        let start = span.start as usize;
        let range = start..start + (span.len & !WIDE) as usize;
        match span.len & WIDE {
            0 => Utf32Str::Ascii(&self.ascii[range]),
            _ => Utf32Str::Unicode(&self.wide[range]),
        }
    }

    /// Calls `f` with what field `field` matches: its text, or for a
    /// number's digits field the digits of its text.
    pub(super) fn matched<T>(&self, field: Field, f: impl FnOnce(Utf32Str<'_>) -> T) -> T {
        if !field.is_digits() {
            return f(self.text(field.text));
        }
        match self.text(field.text) {
            // A number as shown: on the stack, no allocation per match.
            Utf32Str::Ascii(bytes) if bytes.len() <= 32 => {
                let mut digits = [0u8; 32];
                let mut n = 0;
                for &b in bytes.iter().filter(|b| b.is_ascii_digit()) {
                    if let Some(slot) = digits.get_mut(n) {
                        *slot = b;
                        n += 1;
                    }
                }
                f(Utf32Str::Ascii(&digits[..n]))
            }
            text => {
                let digits: Vec<u8> = text
                    .chars()
                    .filter(char::is_ascii_digit)
                    .map(|c| c as u8)
                    .collect();
                f(Utf32Str::Ascii(&digits))
            }
        }
    }

    /// Whether text `id` has every character of signature `need` (a
    /// needle's): false means it cannot match.
    #[inline]
    pub(super) fn admits(&self, id: u32, need: u64) -> bool {
        if id & NUMBER != 0 {
            return self.number_admits(id, need);
        }
        self.spans[id as usize].mask & need == need
    }

    /// The character signature of text `id`.
    pub(super) fn mask(&self, id: u32) -> u64 {
        if id & NUMBER != 0 {
            return self.number_mask(id);
        }
        self.spans[id as usize].mask
    }

    fn push_text(&self, id: u32, out: &mut String) {
        match self.text(id) {
            Utf32Str::Ascii(bytes) => out.extend(bytes.iter().map(|&b| char::from(b))),
            Utf32Str::Unicode(chars) => out.extend(chars),
        }
    }

    /// The "via" label of field `id`.
    pub(super) fn via_text(&self, id: u32) -> String {
        let field = self.field(id);
        let mut out = String::new();
        match field.label {
            Label::None => {}
            Label::Text | Label::Digits => self.push_text(field.text, &mut out),
            Label::Prefixed => {
                out.push_str(self.prefixes[usize::from(field.arg)]);
                self.push_text(field.text, &mut out);
            }
            Label::Sibling | Label::Glossed => {
                let sibling = self.fields[(id - u32::from(field.arg)) as usize];
                self.push_text(sibling.text, &mut out);
                if let Label::Glossed = field.label {
                    out.push_str(" (");
                    self.push_text(field.text, &mut out);
                    out.push(')');
                }
            }
            Label::Owned => {
                if let Ok(i) = self.owned.binary_search_by_key(&id, |(f, _)| *f) {
                    out.push_str(&self.owned[i].1);
                }
            }
        }
        out
    }
}

/// Whether nucleo's form of `s` reads back as `s` exactly.
pub(super) fn lossless(s: &str, text: Utf32Str<'_>) -> bool {
    s.is_ascii() || text.chars().eq(s.chars())
}

/// nucleo's form of `s`: bytes when ASCII, else the first char of each
/// grapheme. Text where every char is its own grapheme (汉字, CJK
/// punctuation, Latin-1) skips the slow grapheme segmentation.
pub(super) fn utf32(s: &str) -> Utf32String {
    if s.is_ascii() || !one_char_each(s) {
        Utf32String::from(s)
    } else {
        Utf32String::Unicode(s.chars().collect())
    }
}

/// Whether every char of `s` is its own grapheme, as nucleo would cut it
/// (汉字, CJK punctuation, Latin-1, printable ASCII): then nucleo's form of
/// `s` is its chars.
pub(super) fn one_char_each(s: &str) -> bool {
    s.chars().all(|c| {
        matches!(c as u32, 0x20..=0x7E | 0xA0..=0x2FF | 0x3000..=0x303F | 0x3400..=0x4DBF
            | 0x4E00..=0x9FFF | 0xFF01..=0xFF60)
    })
}

#[cfg(test)]
mod tests {
    use super::builder::StoreBuilder;
    use super::{Via, utf32};
    use crate::search::mask;

    /// Text is stored as nucleo converts it, whichever way it goes in.
    #[test]
    fn texts_read_back_in_nucleos_form() {
        let texts = [
            "Switchboard",
            "呼和浩特",
            "Café 医院",
            "e\u{301}cole",
            "🇨🇳 flag",
            "ａｂ（）",
        ];
        let mut b = StoreBuilder::default();
        for text in texts {
            b.push(text, None, Via::Text);
        }
        let store = b.finish();
        for (id, text) in texts.iter().enumerate() {
            let want = utf32(text);
            assert_eq!(store.text(id as u32), want.slice(..), "{text}");
            assert_eq!(
                store.mask(id as u32),
                mask::of_chars(want.slice(..).chars())
            );
        }
    }
}
