//! Finds where a value sits in a RON file that ron has already parsed.
//! ron gives positions only for syntax errors, so rules checked after
//! parsing (a bad phone, a duplicate id) ask this outline of the file for
//! `facilities[3].contacts[1].phone` and get a byte span back.

use std::ops::Range;

/// One step of a path into the file: a struct field or a list element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seg<'a> {
    Key(&'a str),
    Index(usize),
}

#[derive(Debug)]
enum Node {
    Group {
        span: Range<usize>,
        name: Name,
        /// Each field's key, as a range into `Outline::keys`.
        fields: Vec<(Range<usize>, Node)>,
        items: Vec<Node>,
    },
    Scalar(Range<usize>),
}

/// What stands before a group's parenthesis.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Name {
    None,
    Some,
    Other,
}

impl Node {
    fn span(&self) -> Range<usize> {
        match self {
            Node::Group { span, .. } | Node::Scalar(span) => span.clone(),
        }
    }

    /// `Some(x)` is looked through, so paths need not mention it.
    fn unwrap_some(&self) -> &Node {
        match self {
            Node::Group {
                name: Name::Some,
                fields,
                items,
                ..
            } if fields.is_empty() && items.len() == 1 => &items[0],
            node => node,
        }
    }
}

/// The outline of one RON text.
#[derive(Debug)]
pub struct Outline {
    root: Option<Node>,
    /// Every field key, one after the other (one allocation, not one each).
    keys: String,
}

const MAX_DEPTH: usize = 256;

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
        let mut node = self.root.as_ref()?.unwrap_some();
        for seg in path {
            let next = match (node, seg) {
                (Node::Group { fields, .. }, Seg::Key(key)) => self.field(fields, key),
                (Node::Group { items, .. }, Seg::Index(i)) => items.get(*i),
                _ => None,
            };
            match next {
                Some(next) => node = next.unwrap_some(),
                None => break,
            }
        }
        Some(node.span())
    }

    /// The span of the list at exactly `path` and the spans of its items,
    /// or `None` when some part of the path does not exist (for inserting
    /// an item: `careguide note`).
    pub fn list(&self, path: &[Seg]) -> Option<(Range<usize>, Vec<Range<usize>>)> {
        let mut node = self.root.as_ref()?.unwrap_some();
        for seg in path {
            node = match (node, seg) {
                (Node::Group { fields, .. }, Seg::Key(key)) => self.field(fields, key)?,
                (Node::Group { items, .. }, Seg::Index(i)) => items.get(*i)?,
                _ => return None,
            }
            .unwrap_some();
        }
        match node {
            Node::Group {
                span,
                name: Name::None,
                items,
                ..
            } => Some((span.clone(), items.iter().map(Node::span).collect())),
            _ => None,
        }
    }

    fn field<'n>(&self, fields: &'n [(Range<usize>, Node)], key: &str) -> Option<&'n Node> {
        fields
            .iter()
            .find(|(k, _)| self.keys.get(k.clone()) == Some(key))
            .map(|(_, n)| n)
    }
}

struct Scanner<'a> {
    bytes: &'a [u8],
    pos: usize,
    keys: String,
}

impl<'a> Scanner<'a> {
    /// A scanner at the start of the text's value, past comments and any
    /// leading `#![enable(...)]` attribute.
    fn at_value(text: &'a str) -> Self {
        let mut scanner = Scanner {
            bytes: text.as_bytes(),
            pos: 0,
            keys: String::new(),
        };
        scanner.skip_trivia();
        while scanner.bytes[scanner.pos..].starts_with(b"#!") {
            while scanner.pos < scanner.bytes.len() && scanner.bytes[scanner.pos] != b']' {
                scanner.pos += 1;
            }
            // Past the `]`, but never past the end (`#!` alone is a file).
            scanner.pos = (scanner.pos + 1).min(scanner.bytes.len());
            scanner.skip_trivia();
        }
        scanner
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn skip_trivia(&mut self) {
        loop {
            match (self.peek(), self.bytes.get(self.pos + 1)) {
                (Some(c), _) if c.is_ascii_whitespace() => self.pos += 1,
                (Some(b'/'), Some(b'/')) => {
                    while self.peek().is_some_and(|c| c != b'\n') {
                        self.pos += 1;
                    }
                }
                (Some(b'/'), Some(b'*')) => {
                    let mut depth = 0usize;
                    while self.pos < self.bytes.len() {
                        if self.bytes[self.pos..].starts_with(b"/*") {
                            depth += 1;
                            self.pos += 2;
                        } else if self.bytes[self.pos..].starts_with(b"*/") {
                            depth -= 1;
                            self.pos += 2;
                            if depth == 0 {
                                break;
                            }
                        } else {
                            self.pos += 1;
                        }
                    }
                }
                _ => return,
            }
        }
    }

    fn value(&mut self, depth: usize) -> Option<Node> {
        self.skip_trivia();
        let start = self.pos;
        match self.peek()? {
            b'(' | b'[' | b'{' => self.group(start, Name::None, depth),
            b'"' => {
                self.string();
                Some(Node::Scalar(start..self.pos))
            }
            b'\'' => {
                self.pos += 1;
                while let Some(c) = self.peek() {
                    self.pos += 1;
                    match c {
                        b'\\' => self.pos += 1,
                        b'\'' => break,
                        _ => {}
                    }
                }
                Some(Node::Scalar(start..self.pos))
            }
            b'r' if matches!(self.bytes.get(self.pos + 1), Some(b'"' | b'#')) => {
                self.raw_string();
                Some(Node::Scalar(start..self.pos))
            }
            _ => {
                while self
                    .peek()
                    .is_some_and(|c| !c.is_ascii_whitespace() && !b",:()[]{}\"/".contains(&c))
                {
                    self.pos += 1;
                }
                let name = match &self.bytes[start..self.pos] {
                    b"" => Name::None,
                    b"Some" => Name::Some,
                    _ => Name::Other,
                };
                self.skip_trivia();
                if self.peek() == Some(b'(') && name != Name::None {
                    return self.group(start, name, depth);
                }
                if self.pos == start {
                    self.pos += 1;
                }
                Some(Node::Scalar(start..self.pos.max(start + 1)))
            }
        }
    }

    fn group(&mut self, start: usize, name: Name, depth: usize) -> Option<Node> {
        let open = self.peek()?;
        let close = match open {
            b'(' => b')',
            b'[' => b']',
            _ => b'}',
        };
        self.pos += 1;
        let mut fields = Vec::new();
        let mut items = Vec::new();
        loop {
            self.skip_trivia();
            match self.peek() {
                None => break,
                Some(c) if c == close => {
                    self.pos += 1;
                    break;
                }
                Some(b',') => {
                    self.pos += 1;
                    continue;
                }
                Some(_) => {}
            }
            if depth >= MAX_DEPTH {
                self.pos = self.bytes.len();
                break;
            }
            let before = self.pos;
            let node = self.value(depth + 1)?;
            self.skip_trivia();
            if self.peek() == Some(b':') {
                self.pos += 1;
                let from = self.keys.len();
                self.keys
                    .push_str(&String::from_utf8_lossy(&self.bytes[node.span()]));
                let key = from..self.keys.len();
                if let Some(value) = self.value(depth + 1) {
                    fields.push((key, value));
                }
            } else {
                items.push(node);
            }
            if self.pos == before {
                self.pos += 1;
            }
        }
        Some(Node::Group {
            span: start..self.pos,
            name,
            fields,
            items,
        })
    }

    fn string(&mut self) {
        self.pos += 1;
        while let Some(c) = self.peek() {
            self.pos += 1;
            match c {
                b'\\' => self.pos += 1,
                b'"' => return,
                _ => {}
            }
        }
    }

    fn raw_string(&mut self) {
        self.pos += 1;
        let hashes = self.bytes[self.pos..]
            .iter()
            .take_while(|&&c| c == b'#')
            .count();
        self.pos += hashes + 1;
        let mut end = vec![b'"'];
        end.extend(std::iter::repeat_n(b'#', hashes));
        while self.pos < self.bytes.len() && !self.bytes[self.pos..].starts_with(&end) {
            self.pos += 1;
        }
        self.pos = (self.pos + end.len()).min(self.bytes.len());
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
