//! The checks every field goes through on its way into the model: its
//! characters and length (then sanitised), ids, sources (one shared list per
//! file), the confidence they allow, and phone numbers.

use super::{FileCtx, MAX_LINE, MAX_NAME, Validator, across, join, merge};
use crate::data::locate::Seg;
use crate::data::phone::parse_phone;
use crate::model::*;
use crate::text::{escaped, first_forbidden, sanitize};
use arcstr::ArcStr;
use std::borrow::Cow;

impl Validator {
    /// Checks a string's characters and length; returns it sanitised.
    pub(super) fn text(
        &mut self,
        f: &FileCtx,
        path: &[Seg],
        field: &str,
        value: &str,
        max: usize,
    ) -> String {
        if let Some(plain) = merge::plain(value, max) {
            return plain;
        }
        if let Some((index, c, class)) = first_forbidden(value) {
            self.error(
                f,
                path,
                format!(
                    "{field} contains {} {class} (U+{:04X}) at character {}; remove it",
                    if class.starts_with(['a', 'e', 'i', 'o', 'u']) {
                        "an"
                    } else {
                        "a"
                    },
                    c as u32,
                    index + 1
                ),
            );
        }
        let len = value.chars().count();
        if len > max {
            self.error(
                f,
                path,
                format!("{field} is {len} characters long, over the limit of {max}"),
            );
        }
        sanitize(value)
    }

    pub(in crate::data) fn required(
        &mut self,
        f: &FileCtx,
        path: &[Seg],
        field: &str,
        value: &str,
        max: usize,
    ) -> String {
        let clean = self.text(f, path, field, value, max);
        if clean.is_empty() {
            self.error(f, path, format!("{field} is empty"));
        }
        clean
    }

    pub(in crate::data) fn optional(
        &mut self,
        f: &FileCtx,
        path: &[Seg],
        field: &str,
        value: &Option<Cow<str>>,
        max: usize,
    ) -> Option<String> {
        let value = value.as_deref()?;
        Some(self.required(f, path, field, value, max)).filter(|s| !s.is_empty())
    }

    pub(in crate::data) fn id(&mut self, f: &FileCtx, path: &[Seg], id: &str) -> ArcStr {
        let valid = !id.is_empty()
            && id.len() <= 64
            && id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !valid {
            self.error(
                f,
                path,
                format!(
                    "id {} must be 1 to 64 characters of a-z, 0-9 and '-'",
                    escaped(id)
                ),
            );
        }
        let at = across::At::new(f, path, Some(id));
        let id = ArcStr::from(id);
        self.check_id(f.path, at, id.clone());
        id
    }

    pub(super) fn sources(
        &mut self,
        f: &FileCtx,
        path: &[Seg],
        what: &str,
        list: &[Cow<str>],
    ) -> SourceList {
        let at = join(path, &[Seg::Key("sources")]);
        if list.is_empty() && !f.personal {
            self.error(
                f,
                &at,
                format!("{what} has no source; name where this fact comes from"),
            );
        }
        // Records cite the same list again and again: a list equal to the
        // last one that passed unchanged passes unchanged again.
        if let Some(last) = &self.last_sources
            && last.len() == list.len()
            && last.iter().zip(list).all(|(a, b)| a.as_str() == b)
        {
            return last.clone();
        }
        let found = self.diagnostics.len();
        let sources = list
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let item = join(&at, &[Seg::Index(i)]);
                let source = self.required(f, &item, "source", s, MAX_LINE);
                Source(self.share(&source))
            })
            .collect::<Vec<Source>>();
        let shared = self.share_sources(&sources);
        let unchanged = shared.iter().zip(list).all(|(a, b)| a.as_str() == b);
        if self.diagnostics.len() == found && unchanged {
            self.last_sources = Some(shared.clone());
        }
        shared
    }

    pub(super) fn confidence(
        &mut self,
        f: &FileCtx,
        path: &[Seg],
        raw: Confidence,
        sources: &[Source],
    ) -> Confidence {
        let mut distinct: Vec<&str> = sources.iter().map(Source::as_str).collect();
        distinct.sort_unstable();
        distinct.dedup();
        if raw == Confidence::Corroborated && distinct.len() < 2 {
            self.error(
                f,
                &join(path, &[Seg::Key("confidence")]),
                format!(
                    "confidence Corroborated needs at least two independent sources; found {}",
                    distinct.len()
                ),
            );
        }
        raw
    }

    pub(super) fn phone(&mut self, f: &FileCtx, path: &[Seg], text: &str) -> Option<Phone> {
        if first_forbidden(text).is_some() {
            self.text(f, path, "phone number", text, MAX_NAME);
            return None;
        }
        if self.trust_phones
            && let Some(phone) = crate::data::phone::trusted(text)
        {
            return Some(phone);
        }
        match parse_phone(text) {
            Ok(phone) => Some(phone),
            Err(message) => {
                self.error(f, path, message);
                None
            }
        }
    }
}
