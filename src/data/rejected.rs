//! The ledger of values that must never ship (`data/rejected.ron`): phone
//! numbers, fragments of addresses, websites and facility names, and
//! fragments no shipped string may hold at all (grades, coordinates and
//! fees, which no field holds), that the research found only in app code,
//! on old pages, in conflict or unconfirmed. The validator refuses a
//! shipped value that matches an entry, naming the entry's reason; a number
//! matches by its national digits however it is written.

use serde::Deserialize;

/// `data/rejected.ron`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename = "RejectedFile")]
pub struct Ledger {
    #[serde(default)]
    pub numbers: Vec<RejectedNumber>,
    #[serde(default)]
    pub texts: Vec<RejectedText>,
}

impl Ledger {
    /// The ledger ready for `text`: each fragment lower-cased once, not once
    /// per string checked.
    pub fn prepared(&self) -> Ledger {
        let mut prepared = self.clone();
        for t in &mut prepared.texts {
            t.lowered = t.text.to_lowercase();
        }
        prepared
    }
}

/// Why the research withholds a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum Label {
    UnverifiedCode,
    Dated,
    DoNotShip,
    NotConfirmed,
    Conflict,
    Excluded,
    NotOfficial,
}

impl Label {
    fn words(self) -> &'static str {
        match self {
            Label::UnverifiedCode => "only in app code",
            Label::Dated => "dated",
            Label::DoNotShip => "do not ship",
            Label::NotConfirmed => "not confirmed",
            Label::Conflict => "sources conflict",
            Label::Excluded => "left out by the research",
            Label::NotOfficial => "not official",
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename = "RejectedNumber")]
pub struct RejectedNumber {
    /// As the research wrote it.
    pub number: String,
    /// The facility or place it was attributed to.
    pub about: String,
    pub label: Label,
    pub reason: String,
    pub sources: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum TextKind {
    Address,
    Website,
    /// A facility's name, 汉字 name or alias.
    Name,
    /// Any shipped string at all.
    Any,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename = "RejectedText")]
pub struct RejectedText {
    pub kind: TextKind,
    /// A fragment that must not appear in a shipped value of `kind`.
    pub text: String,
    pub about: String,
    pub label: Label,
    pub reason: String,
    pub sources: Vec<String>,
    /// `text` lower-cased (`Ledger::prepared`).
    #[serde(skip)]
    pub lowered: String,
}

/// The national digits of a number however it is written: `0471-5281777`,
/// `+86 471 528 1777` and `0086 471 5281777` all give `4715281777`. A
/// short number keeps its digits.
pub fn national(number: &str) -> String {
    let digits: String = number.chars().filter(char::is_ascii_digit).collect();
    let mut rest = digits.strip_prefix("00").unwrap_or(&digits);
    if let Some(after) = rest.strip_prefix("86")
        && after.len() >= 9
    {
        rest = after;
    }
    if rest.len() >= 7 {
        rest = rest.trim_start_matches('0');
    }
    rest.to_string()
}

/// Whether a shipped number (its E.164 form) is `entry`'s: the same national
/// digits, or, for an entry written without its area code (`6529 6114`),
/// the same last digits.
fn same_number(e164: &str, entry: &str) -> bool {
    let (shipped, entry) = (national(e164), national(entry));
    if entry.len() < 9 {
        return shipped == entry || (entry.len() >= 7 && shipped.ends_with(&entry));
    }
    shipped == entry
}

impl Ledger {
    /// The message for a shipped number the ledger holds.
    pub fn number(&self, e164: &str) -> Option<String> {
        let entry = self.numbers.iter().find(|e| same_number(e164, &e.number))?;
        Some(message("number", &entry.number, entry.label, &entry.reason))
    }

    /// The message for a shipped value of `kind` holding a fragment the
    /// ledger holds (every string is checked for `Any`, so the common case,
    /// no entry of the kind, costs no lower-casing).
    pub fn text(&self, kind: TextKind, value: &str) -> Option<String> {
        let mut entries = self.texts.iter().filter(|e| e.kind == kind).peekable();
        entries.peek()?;
        let value = value.to_lowercase();
        let entry = entries.find(|e| value.contains(&e.lowered))?;
        let what = match kind {
            TextKind::Address => "address",
            TextKind::Website => "website",
            TextKind::Name => "name",
            TextKind::Any => "text",
        };
        Some(message(what, &entry.text, entry.label, &entry.reason))
    }
}

fn message(what: &str, value: &str, label: Label, reason: &str) -> String {
    format!(
        "this {what} is {value:?} in rejected.ron, which must never ship ({}: {reason}); remove it",
        label.words()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_number_matches_however_it_is_written() {
        for form in ["0471-5281777", "+86-471-528-1777", "0086 471 5281777"] {
            assert_eq!(national(form), "4715281777", "{form}");
        }
        assert!(same_number("+864715281777", "0471-5281777"));
        assert!(same_number("+861065296114", "6529 6114"));
        assert!(same_number("12308", "12308"));
        assert!(!same_number("123080", "12308"));
        assert!(!same_number("+864715281778", "0471-5281777"));
    }
}
