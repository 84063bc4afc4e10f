//! The index's flat storage. Every searchable text is stored once, in an
//! arena of bytes (ASCII) or chars (the rest), and texts used by more than
//! one field (a contact role, a facility's name as its contacts see it)
//! are numbered first, so a query memoises their scores. Every field of
//! every record and group sits in one array, with its "via" label in a
//! parallel one, so ranking walks memory in order instead of chasing a
//! pointer per record.

use std::collections::HashMap;
use std::hash::BuildHasher;

use nucleo_matcher::{Utf32Str, Utf32String};
use rustc_hash::FxBuildHasher;

use super::{Column, mask};

/// One searchable text of a record or group, with its "via" label: 8
/// bytes, and there are 1.7 million of them at 100k facilities. Its
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
    /// Texts with an id below this are used by more than one field.
    pub(super) repeated: u32,
}

impl Store {
    /// Text `id` in nucleo's form.
    pub(super) fn text(&self, id: u32) -> Utf32Str<'_> {
        let span = self.spans[id as usize];
        let start = span.start as usize;
        let range = start..start + (span.len & !WIDE) as usize;
        match span.len & WIDE {
            0 => Utf32Str::Ascii(&self.ascii[range]),
            _ => Utf32Str::Unicode(&self.wide[range]),
        }
    }

    /// The character signature of text `id`.
    pub(super) fn mask(&self, id: u32) -> u64 {
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
        let field = self.fields[id as usize];
        let mut out = String::new();
        match field.label {
            Label::None => {}
            Label::Text => self.push_text(field.text, &mut out),
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

/// Fills a `Store`, storing each distinct text once.
#[derive(Default)]
pub(super) struct StoreBuilder {
    store: Store,
    /// Text ids by the hash of their source text (FxHash: only speed
    /// depends on it, as a collision just stores the text again).
    ids: HashMap<u64, u32, FxBuildHasher>,
    /// Per text: how many fields use it.
    uses: Vec<u32>,
    /// The first field of the record or group being built.
    start: usize,
}

/// Whether nucleo's form of `s` reads back as `s` exactly.
pub(super) fn lossless(s: &str, text: Utf32Str<'_>) -> bool {
    s.is_ascii() || text.chars().eq(s.chars())
}

/// nucleo's form of `s`: bytes when ASCII, else the first char of each
/// grapheme. Text where every char is its own grapheme (汉字, CJK
/// punctuation, Latin-1) skips the slow grapheme segmentation.
pub(super) fn utf32(s: &str) -> Utf32String {
    let simple = |c: char| {
        matches!(c as u32, 0x20..=0x7E | 0xA0..=0x2FF | 0x3000..=0x303F | 0x3400..=0x4DBF
            | 0x4E00..=0x9FFF | 0xFF01..=0xFF60)
    };
    if s.is_ascii() || !s.chars().all(simple) {
        Utf32String::from(s)
    } else {
        Utf32String::Unicode(s.chars().collect())
    }
}

impl StoreBuilder {
    /// A builder with room for about `texts` texts and `fields` fields.
    /// The lookup map grows as it needs: it holds only the texts pushed
    /// with a lookup, and every page of a reserved map gets touched.
    pub(super) fn with_capacity(texts: usize, fields: usize) -> StoreBuilder {
        let mut store = Store::default();
        store.fields.reserve(fields);
        store.spans.reserve(texts);
        StoreBuilder {
            store,
            uses: Vec::with_capacity(texts),
            ..StoreBuilder::default()
        }
    }

    /// The id of `s`'s text, stored if new, or stored without looking
    /// when `lookup` is false.
    fn intern(&mut self, s: &str, lookup: bool) -> u32 {
        let hash = lookup.then(|| FxBuildHasher.hash_one(s));
        if let Some(&id) = hash.and_then(|hash| self.ids.get(&hash)) {
            let same = match self.store.text(id) {
                Utf32Str::Ascii(bytes) if s.is_ascii() => bytes == s.as_bytes(),
                text => text == utf32(s).slice(..),
            };
            if same {
                self.uses[id as usize] += 1;
                return id;
            }
        }
        let converted = utf32(s);
        let id = self.store.spans.len() as u32;
        let (start, wide) = match converted.slice(..) {
            Utf32Str::Ascii(bytes) => {
                let start = self.store.ascii.len() as u32;
                self.store.ascii.extend_from_slice(bytes);
                (start, 0)
            }
            Utf32Str::Unicode(chars) => {
                let start = self.store.wide.len() as u32;
                self.store.wide.extend_from_slice(chars);
                (start, WIDE)
            }
        };
        self.store.spans.push(Span {
            mask: mask::of_chars(converted.slice(..).chars()),
            start,
            len: converted.len() as u32 | wide,
        });
        self.uses.push(1);
        if let Some(hash) = hash {
            self.ids.insert(hash, id);
        }
        id
    }

    /// Adds a field to the record or group being built (none for empty
    /// text); returns whether it did.
    pub(super) fn push(&mut self, text: &str, column: Option<Column>, via: Via) -> bool {
        self.push_as(text, column, via, true)
    }

    /// `push` for a text almost surely used by this field alone (a phone
    /// number: 600 000 texts at 100k facilities, nearly all distinct),
    /// stored without looking it up, which keeps the lookup map small.
    pub(super) fn push_distinct(&mut self, text: &str, column: Option<Column>, via: Via) -> bool {
        self.push_as(text, column, via, false)
    }

    fn push_as(&mut self, text: &str, column: Option<Column>, via: Via, lookup: bool) -> bool {
        if text.is_empty() {
            return false;
        }
        let id = self.intern(text, lookup);
        let field = self.store.fields.len() as u32;
        let (label, arg) = match via {
            Via::None => (Label::None, 0),
            Via::Text => (Label::Text, 0),
            Via::Prefixed(prefix) => {
                let prefixes = &mut self.store.prefixes;
                let i = prefixes
                    .iter()
                    .position(|&p| p == prefix)
                    .unwrap_or_else(|| {
                        prefixes.push(prefix);
                        prefixes.len() - 1
                    });
                match u16::try_from(i) {
                    Ok(i) => (Label::Prefixed, i),
                    Err(_) => self.owned(field, format!("{prefix}{text}")),
                }
            }
            Via::Sibling(j) | Via::Glossed(j) => match u16::try_from(field - j) {
                Ok(back) if matches!(via, Via::Sibling(_)) => (Label::Sibling, back),
                Ok(back) => (Label::Glossed, back),
                Err(_) => {
                    let mut label = String::new();
                    self.store
                        .push_text(self.store.fields[j as usize].text, &mut label);
                    if let Via::Glossed(_) = via {
                        label = format!("{label} ({text})");
                    }
                    self.owned(field, label)
                }
            },
            Via::Owned(label) => self.owned(field, label.into()),
        };
        self.store.fields.push(Field {
            text: id,
            column,
            label,
            arg,
        });
        true
    }

    /// Keeps `label` aside as field `field`'s.
    fn owned(&mut self, field: u32, label: String) -> (Label, u16) {
        self.store.owned.push((field, label.into()));
        (Label::Owned, 0)
    }

    /// Field `i` of the record or group being built, if it exists.
    pub(super) fn sibling(&self, i: usize) -> Option<(u32, Utf32Str<'_>)> {
        let id = self.start + i;
        let field = self.store.fields.get(id)?;
        Some((id as u32, self.store.text(field.text)))
    }

    /// The last field of the record or group being built, if it has one.
    pub(super) fn last(&self) -> Option<(u32, Utf32Str<'_>)> {
        let id = self.store.fields.len().checked_sub(1)?;
        (id >= self.start).then(|| self.sibling(id - self.start))?
    }

    /// Ends the record or group being built: its first field, field count
    /// and signature.
    pub(super) fn take(&mut self) -> (u32, u32, u64) {
        let fields = &self.store.fields[self.start..];
        let mask = fields.iter().fold(0, |m, f| m | self.store.mask(f.text));
        let taken = (self.start as u32, fields.len() as u32, mask);
        self.start = self.store.fields.len();
        taken
    }

    /// The store, with the texts used more than once numbered first.
    pub(super) fn finish(self) -> Store {
        let StoreBuilder {
            mut store,
            uses: mut renumber,
            ids,
            ..
        } = self;
        drop(ids);
        // A stable partition in place, as a second array of spans would be
        // the build's peak (10 MB at 100k facilities): the texts used once
        // move towards the end, back to front, then the few repeated ones
        // fill the front. Each text's use count becomes its new id.
        let spans = &mut store.spans;
        let repeated: Vec<(usize, Span)> = renumber
            .iter()
            .enumerate()
            .filter(|&(_, &uses)| uses > 1)
            .map(|(id, _)| (id, spans[id]))
            .collect();
        let mut to = spans.len();
        for id in (0..spans.len()).rev() {
            if renumber[id] <= 1 {
                to -= 1;
                spans[to] = spans[id];
                renumber[id] = to as u32;
            }
        }
        for (new, (id, span)) in repeated.into_iter().enumerate() {
            spans[new] = span;
            renumber[id] = new as u32;
        }
        store.repeated = to as u32;
        for field in &mut store.fields {
            field.text = renumber[field.text as usize];
        }
        store.fields.shrink_to_fit();
        store.owned.shrink_to_fit();
        store.ascii.shrink_to_fit();
        store.wide.shrink_to_fit();
        store
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_are_stored_once_and_shared_ones_come_first() {
        let mut b = StoreBuilder::default();
        b.push("Switchboard", Some(Column::Name), Via::None);
        b.push("北京", None, Via::Text);
        b.push("beijing", None, Via::Prefixed("pinyin "));
        assert_eq!(
            b.take(),
            (
                0,
                3,
                b.store
                    .fields
                    .iter()
                    .fold(0, |m, f| m | b.store.mask(f.text))
            )
        );
        b.push("Switchboard", Some(Column::Name), Via::None);
        b.push("北京", None, Via::Sibling(3));
        b.push("", None, Via::Text);
        assert_eq!(b.take().0..b.store.fields.len() as u32, 3..5);
        let store = b.finish();
        assert_eq!(store.repeated, 2, "Switchboard and 北京 are shared");
        let texts: Vec<String> = store
            .fields
            .iter()
            .map(|f| store.text(f.text).to_string())
            .collect();
        assert_eq!(
            texts,
            ["Switchboard", "北京", "beijing", "Switchboard", "北京"]
        );
        assert_eq!(store.fields[0].text, store.fields[3].text);
        assert!(store.fields[2].text >= store.repeated);
        assert_eq!(store.via_text(0), "");
        assert_eq!(store.via_text(1), "北京");
        assert_eq!(store.via_text(2), "pinyin beijing");
        assert_eq!(store.via_text(4), "Switchboard");
    }

    #[test]
    fn a_glossed_label_is_the_other_text_then_its_own() {
        let mut b = StoreBuilder::default();
        b.push("呼市", None, Via::Text);
        assert_eq!(
            b.last().map(|(id, t)| (id, t.to_string())),
            Some((0, "呼市".into()))
        );
        b.push("hushi", None, Via::Glossed(0));
        b.push("hs", None, Via::Glossed(0));
        b.take();
        assert!(b.last().is_none(), "a new record has no field yet");
        let store = b.finish();
        assert_eq!(store.via_text(1), "呼市 (hushi)");
        assert_eq!(store.via_text(2), "呼市 (hs)");
        assert!(store.owned.is_empty());
    }

    #[test]
    fn a_sibling_too_far_back_to_pack_keeps_its_label_aside() {
        let mut b = StoreBuilder::default();
        b.push("Switchboard", Some(Column::Name), Via::None);
        for i in 0..u32::from(u16::MAX) {
            b.push(&format!("f{i}"), None, Via::Sibling(0));
        }
        let far = b.store.fields.len() as u32;
        b.push("far", None, Via::Sibling(0));
        b.push("gloss", None, Via::Glossed(0));
        let store = b.finish();
        assert_eq!(store.via_text(1), "Switchboard");
        assert_eq!(store.via_text(far - 1), "Switchboard");
        assert_eq!(store.via_text(far), "Switchboard");
        assert_eq!(store.via_text(far + 1), "Switchboard (gloss)");
        assert_eq!(store.owned.len(), 2, "only the last two are kept aside");
    }

    #[test]
    fn a_field_takes_8_bytes_and_a_text_16() {
        assert_eq!(std::mem::size_of::<Field>(), 8);
        assert_eq!(std::mem::size_of::<Span>(), 16);
    }

    #[test]
    fn signatures_are_those_of_the_text() {
        let mut b = StoreBuilder::default();
        b.push("Café 医院", None, Via::Owned("label".into()));
        b.push("Café 医院", None, Via::Text);
        let store = b.finish();
        let want = mask::of_chars(utf32("Café 医院").slice(..).chars());
        assert!(store.fields.iter().all(|f| store.mask(f.text) == want));
        assert_eq!(store.via_text(0), "label");
    }
}
