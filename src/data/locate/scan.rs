//! The scanner behind `Outline`: one pass over a RON text that records
//! where every value, field and item is (strings, raw strings, comments
//! and nesting), without checking the syntax, which ron has done.

use std::ops::Range;

use super::{Group, Name, Node};

const MAX_DEPTH: usize = 256;

pub(super) struct Scanner<'a> {
    bytes: &'a [u8],
    pos: usize,
    pub(super) keys: String,
    pub(super) nodes: Vec<Node>,
    pub(super) fields: Vec<(Range<usize>, usize)>,
    pub(super) items: Vec<usize>,
    /// The fields (with their key) and items of the groups being read.
    open: Vec<(Option<Range<usize>>, usize)>,
}

impl<'a> Scanner<'a> {
    /// A scanner at the start of the text's value, past comments and any
    /// leading `#![enable(...)]` attribute.
    pub(super) fn at_value(text: &'a str) -> Self {
        let mut scanner = Scanner {
            bytes: text.as_bytes(),
            pos: 0,
            keys: String::new(),
            nodes: Vec::new(),
            fields: Vec::new(),
            items: Vec::new(),
            open: Vec::new(),
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

    pub(super) fn peek(&self) -> Option<u8> {
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

    pub(super) fn value(&mut self, depth: usize) -> Option<usize> {
        self.skip_trivia();
        let start = self.pos;
        match self.peek()? {
            b'(' | b'[' | b'{' => self.group(start, Name::None, depth),
            b'"' => {
                self.string();
                Some(self.node(start..self.pos, None))
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
                Some(self.node(start..self.pos, None))
            }
            b'r' if matches!(self.bytes.get(self.pos + 1), Some(b'"' | b'#')) => {
                self.raw_string();
                Some(self.node(start..self.pos, None))
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
                Some(self.node(start..self.pos.max(start + 1), None))
            }
        }
    }

    fn node(&mut self, span: Range<usize>, group: Option<Group>) -> usize {
        self.nodes.push(Node { span, group });
        self.nodes.len() - 1
    }

    fn group(&mut self, start: usize, name: Name, depth: usize) -> Option<usize> {
        let open = self.peek()?;
        let close = match open {
            b'(' => b')',
            b'[' => b']',
            _ => b'}',
        };
        self.pos += 1;
        let mark = self.open.len();
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
            let Some(node) = self.value(depth + 1) else {
                self.open.truncate(mark);
                return None;
            };
            self.skip_trivia();
            if self.peek() == Some(b':') {
                self.pos += 1;
                let from = self.keys.len();
                let key = &self.bytes[self.nodes[node].span.clone()];
                self.keys.push_str(&String::from_utf8_lossy(key));
                let key = from..self.keys.len();
                if let Some(value) = self.value(depth + 1) {
                    self.open.push((Some(key), value));
                }
            } else {
                self.open.push((None, node));
            }
            if self.pos == before {
                self.pos += 1;
            }
        }
        let (fields, items) = (self.fields.len(), self.items.len());
        for (key, node) in self.open.drain(mark..) {
            match key {
                Some(key) => self.fields.push((key, node)),
                None => self.items.push(node),
            }
        }
        let group = Group {
            name,
            fields: fields..self.fields.len(),
            items: items..self.items.len(),
        };
        Some(self.node(start..self.pos, Some(group)))
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
