//! Finds where a value sits in a RON file that ron has already parsed.
//! ron gives positions only for syntax errors, so rules checked after
//! parsing (a bad phone, a duplicate id) ask this outline of the file for
//! `facilities[3].contacts[1].phone` and get a byte span back. A string
//! that ron borrowed from the text is found by its address instead
//! (`quoted_span`), without an outline.

use std::ops::Range;

mod scan;

use scan::Scanner;

/// One step of a path into the file: a struct field or a list element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seg<'a> {
    Key(&'a str),
    Index(usize),
}

/// One value of the text: a group (`(…)`, `[…]` or `{…}`, maybe named) or
/// anything else.
#[derive(Debug)]
struct Node {
    span: Range<usize>,
    /// `None` for anything but a group.
    group: Option<Group>,
}

#[derive(Debug)]
struct Group {
    name: Name,
    /// Its fields, as a range into `Outline::fields`.
    fields: Range<usize>,
    /// Its items, as a range into `Outline::items`.
    items: Range<usize>,
}

/// What stands before a group's parenthesis.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Name {
    None,
    Some,
    Other,
}

/// The outline of one RON text: every value in one list, with the fields
/// and items of every group in two more (a few allocations per file, not
/// a few per value).
#[derive(Debug)]
pub struct Outline {
    root: Option<usize>,
    nodes: Vec<Node>,
    /// Each field's key, as a range into `keys`, and its value's node.
    fields: Vec<(Range<usize>, usize)>,
    items: Vec<usize>,
    /// Every field key, one after the other (one allocation, not one each).
    keys: String,
}

/// Whether the text holds a value at all (not only comments and
/// attributes): `Outline::new(text).has_value()` without building it.
pub fn has_value(text: &str) -> bool {
    Scanner::at_value(text).peek().is_some()
}

impl Outline {
    pub fn new(text: &str) -> Self {
        let mut scanner = Scanner::at_value(text);
        let root = scanner.value(0);
        Outline {
            root,
            nodes: scanner.nodes,
            fields: scanner.fields,
            items: scanner.items,
            keys: scanner.keys,
        }
    }

    /// Whether the text holds a value at all (not only comments).
    pub fn has_value(&self) -> bool {
        self.root.is_some()
    }

    /// The byte span of the value at `path`, or of the deepest part of the
    /// path that exists (so a missing field points at its record).
    pub fn span(&self, path: &[Seg]) -> Option<Range<usize>> {
        let mut node = self.unwrap_some(self.root?);
        for seg in path {
            match self.step(node, seg) {
                Some(next) => node = self.unwrap_some(next),
                None => break,
            }
        }
        Some(self.nodes[node].span.clone())
    }

    /// The span of the list at exactly `path` and the spans of its items,
    /// or `None` when some part of the path does not exist (for inserting
    /// an item: `careguide note`).
    pub fn list(&self, path: &[Seg]) -> Option<(Range<usize>, Vec<Range<usize>>)> {
        let mut node = self.unwrap_some(self.root?);
        for seg in path {
            node = self.unwrap_some(self.step(node, seg)?);
        }
        let node = &self.nodes[node];
        match &node.group {
            Some(Group {
                name: Name::None,
                items,
                ..
            }) => {
                let spans = self.items[items.clone()].iter();
                Some((
                    node.span.clone(),
                    spans.map(|&i| self.nodes[i].span.clone()).collect(),
                ))
            }
            _ => None,
        }
    }

    /// The field or item `seg` of the group `node`.
    fn step(&self, node: usize, seg: &Seg) -> Option<usize> {
        let group = self.nodes[node].group.as_ref()?;
        match seg {
            Seg::Key(key) => self.fields[group.fields.clone()]
                .iter()
                .find(|(k, _)| self.keys.get(k.clone()) == Some(*key))
                .map(|&(_, n)| n),
            Seg::Index(i) => self.items[group.items.clone()].get(*i).copied(),
        }
    }

    /// `Some(x)` is looked through, so paths need not mention it.
    fn unwrap_some(&self, node: usize) -> usize {
        match &self.nodes[node].group {
            Some(Group {
                name: Name::Some,
                fields,
                items,
            }) if fields.is_empty() && items.len() == 1 => self.items[items.start],
            _ => node,
        }
    }
}

/// The span of the string literal `"value"` when `value` is borrowed from
/// `text` and written there as a plain quoted string (not a raw one):
/// what `Outline::span` gives for it. `None` for anything else.
pub fn quoted_span(text: &str, value: &str) -> Option<Range<usize>> {
    let start = (value.as_ptr() as usize).checked_sub(text.as_ptr() as usize)?;
    let end = start.checked_add(value.len())?;
    let bytes = text.as_bytes();
    let before = bytes.get(start.checked_sub(2)?..start)?;
    let plain = before[1] == b'"' && !matches!(before[0], b'r' | b'#');
    (end < bytes.len() && plain && bytes[end] == b'"').then_some(start - 1..end + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = r#"// comment with "quote" and (paren
(
    id: "x",
    facilities: [
        (id: "a", contacts: [(phone: "1"), (phone: "2 /* no */")]),
        (id: "b", address: Some((en: "road", zh: None))),
    ],
)"#;

    fn at(path: &[Seg]) -> &'static str {
        let span = Outline::new(TEXT).span(path).expect("span");
        &TEXT[span]
    }

    #[test]
    fn finds_nested_values() {
        use Seg::*;
        assert_eq!(at(&[Key("id")]), "\"x\"");
        assert_eq!(
            at(&[
                Key("facilities"),
                Index(0),
                Key("contacts"),
                Index(1),
                Key("phone")
            ]),
            "\"2 /* no */\""
        );
        assert_eq!(
            at(&[Key("facilities"), Index(1), Key("address"), Key("en")]),
            "\"road\""
        );
    }

    #[test]
    fn missing_parts_point_at_the_nearest_record() {
        use Seg::*;
        assert!(at(&[Key("facilities"), Index(1), Key("nope")]).starts_with("(id: \"b\""));
    }

    #[test]
    fn a_borrowed_string_is_found_where_the_outline_finds_it() {
        use std::borrow::Cow;

        use crate::data::raw::RawCity;
        use Seg::*;

        let text = concat!(
            "(id: \"x\", name: \"X\", name_zh: r#\"raw\"#, pinyin: \"esc\\\"aped\",\n",
            "  aliases: [\"a\", \"\", r\"b\"],\n",
            "  facilities: [(id: \"f\", name: \"F\", kind: Clinic, ownership: Private,\n",
            "    contacts: [(role: \"r\", phone: \"+86 10 1\", confidence: Official, sources: [\"s\"])],\n",
            "    sources: [\"s\"], verified: \"2026-01-01\")])",
        );
        let city: RawCity = ron::Options::default()
            .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
            .from_str(text)
            .expect("parses");
        let outline = Outline::new(text);
        let check = |path: &[Seg], value: &Cow<str>, borrowed: bool| {
            let found = quoted_span(text, value);
            assert_eq!(found.is_some(), borrowed, "{path:?}: {found:?}");
            if let Some(span) = found {
                assert_eq!(Some(span), outline.span(path), "{path:?}");
            }
        };
        check(&[Key("id")], &city.id, true);
        check(&[Key("name")], &city.name, true);
        // A raw string is borrowed too, but its span starts at `r`; an
        // escaped one is a copy: both are left to the outline.
        check(&[Key("name_zh")], city.name_zh.as_ref().expect("zh"), false);
        check(
            &[Key("pinyin")],
            city.pinyin.as_ref().expect("pinyin"),
            false,
        );
        check(&[Key("aliases"), Index(0)], &city.aliases[0], true);
        check(&[Key("aliases"), Index(1)], &city.aliases[1], true);
        check(&[Key("aliases"), Index(2)], &city.aliases[2], false);
        let f = &city.facilities[0];
        let facility = [Key("facilities"), Index(0)];
        check(&[&facility[..], &[Key("id")]].concat(), &f.id, true);
        let phone = [Key("contacts"), Index(0), Key("phone")];
        check(
            &[&facility[..], &phone].concat(),
            &f.contacts[0].phone,
            true,
        );
        check(
            &[&facility[..], &[Key("verified")]].concat(),
            &f.verified,
            true,
        );
        // A string from elsewhere is never taken for one of the text's.
        assert_eq!(quoted_span(text, "x"), None);
        assert_eq!(quoted_span(text, &String::from("X")), None);
    }
}
