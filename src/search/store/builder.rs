//! Filling a `Store`: each distinct text stored once (or, for texts
//! nearly always distinct, without looking), each field with its label
//! packed in, and the texts used more than once numbered first.

use std::collections::HashMap;
use std::hash::BuildHasher;

use nucleo_matcher::Utf32Str;
use rustc_hash::FxBuildHasher;

use super::contacts::{NO_ROLE, NUMBER};
use super::{Field, Label, Span, Store, Via, one_char_each, utf32};
use crate::search::Column;

/// Fills a `Store`, storing each distinct text once.
#[derive(Default)]
pub(in crate::search) struct StoreBuilder {
    store: Store,
    /// Text ids by the hash of their source text (FxHash: only speed
    /// depends on it, as a collision just stores the text again).
    ids: HashMap<u64, u32, FxBuildHasher>,
    /// Per text: how many fields and contacts use it.
    uses: Vec<u32>,
    /// The first field of the record or group being built.
    start: usize,
}

impl StoreBuilder {
    /// A builder with room for about `texts` texts and `fields` fields.
    /// The lookup map grows as it needs: it holds only the texts pushed
    /// with a lookup, and every page of a reserved map gets touched.
    pub(in crate::search) fn with_capacity(texts: usize, fields: usize) -> StoreBuilder {
        let mut store = Store::default();
        store.fields.reserve(fields);
        store.spans.reserve(texts);
        StoreBuilder {
            store,
            uses: Vec::with_capacity(texts),
            ..StoreBuilder::default()
        }
    }

    /// Room for `contacts` contacts.
    pub(in crate::search) fn reserve_contacts(&mut self, contacts: usize) {
        self.store.roles.reserve_exact(contacts);
    }

    /// Where the contacts' numbers are read (`Numbers::read_from`).
    pub(in crate::search) fn read_numbers_from(
        &mut self,
        dir: std::sync::Arc<crate::model::Directory>,
        mut owners: super::owners::Owners,
    ) {
        owners.shrink_to_fit();
        self.store.numbers.read_from(dir, owners);
    }

    /// The id of `s`'s text, stored if new, or stored without looking
    /// when `lookup` is false.
    fn intern(&mut self, s: &str, lookup: bool) -> u32 {
        let hash = lookup.then(|| FxBuildHasher.hash_one(s));
        if let Some(&id) = hash.and_then(|hash| self.ids.get(&hash)) {
            let same = match self.store.text(id) {
                Utf32Str::Ascii(bytes) if s.is_ascii() => bytes == s.as_bytes(),
                Utf32Str::Unicode(chars) if !s.is_ascii() && one_char_each(s) => {
                    chars.iter().copied().eq(s.chars())
                }
                text => text == utf32(s).slice(..),
            };
            if same {
                self.uses[id as usize] += 1;
                return id;
            }
        }
        let id = self.store.spans.len() as u32;
        let span = self.store.append(s);
        self.store.spans.push(span);
        self.uses.push(1);
        if let Some(hash) = hash {
            self.ids.insert(hash, id);
        }
        id
    }

    /// Adds a field to the record or group being built (none for empty
    /// text); returns whether it did.
    pub(in crate::search) fn push(&mut self, text: &str, column: Option<Column>, via: Via) -> bool {
        if text.is_empty() {
            return false;
        }
        let id = self.intern(text, true);
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

    /// Adds a contact (`contacts.rs`): its role, looked up for reuse, and
    /// its number, read from the directory (`read_numbers_from`) as the
    /// next contact's, or stored aside if it is not ASCII.
    pub(in crate::search) fn push_contact(&mut self, role: &str, display: &str) {
        let role = match role.is_empty() {
            true => NO_ROLE,
            false => self.intern(role, true),
        };
        let c = self.store.roles.len();
        if self.store.numbers.push(c, display).is_none() {
            let text = self.intern(display, false);
            self.store.odd_numbers.push((c as u32, text));
        }
        self.store.roles.push(role);
    }

    /// Keeps `label` aside as field `field`'s.
    fn owned(&mut self, field: u32, label: String) -> (Label, u16) {
        self.store.owned.push((field, label.into()));
        (Label::Owned, 0)
    }

    /// Field `i` of the record or group being built, if it exists.
    pub(in crate::search) fn sibling(&self, i: usize) -> Option<(u32, Utf32Str<'_>)> {
        let id = self.start + i;
        let field = self.store.fields.get(id)?;
        Some((id as u32, self.store.text(field.text)))
    }

    /// The last field of the record or group being built, if it has one.
    pub(in crate::search) fn last(&self) -> Option<(u32, Utf32Str<'_>)> {
        let id = self.store.fields.len().checked_sub(1)?;
        (id >= self.start).then(|| self.sibling(id - self.start))?
    }

    /// Ends the record or group being built: its first field, field count
    /// and signature.
    pub(in crate::search) fn take(&mut self) -> (u32, u32, u64) {
        let fields = &self.store.fields[self.start..];
        let mask = fields.iter().fold(0, |m, f| m | self.store.mask(f.text));
        let taken = (self.start as u32, fields.len() as u32, mask);
        self.start = self.store.fields.len();
        taken
    }

    /// The store, with the texts used more than once numbered first.
    pub(in crate::search) fn finish(self) -> Store {
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
        let odd = store.odd_numbers.iter_mut().map(|(_, text)| text);
        for text in store.roles.iter_mut().chain(odd) {
            // `NO_ROLE` has the `NUMBER` bit too: it is not renumbered.
            if *text & NUMBER == 0 {
                *text = renumber[*text as usize];
            }
        }
        store.fields.shrink_to_fit();
        store.spans.shrink_to_fit();
        store.owned.shrink_to_fit();
        store.ascii.shrink_to_fit();
        store.wide.shrink_to_fit();
        store.roles.shrink_to_fit();
        store.odd_numbers.shrink_to_fit();
        store
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::mask;

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
