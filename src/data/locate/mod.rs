//! Finds where a value sits in a RON file that ron has already parsed.
//! ron gives positions only for syntax errors, so rules checked after
//! parsing (a bad phone, a duplicate id) ask this outline of the file for
//! `facilities[3].contacts[1].phone` and get a byte span back.

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
}
