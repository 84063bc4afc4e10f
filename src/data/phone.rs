//! The phone-number rule: a stored number is either a short service number
//! from an explicit allow-list (120, 110, …) or a number that libphonenumber
//! (the `rlibphonenumber` port) finds valid and formats back to exactly the
//! stored text, so spacing and look-alike digits cannot slip in.
//! `trusted` is the shortcut for the embedded data only, which CI checks
//! with the full rule (`careguide check data/`, `tests/data_shipped.rs`).

use rlibphonenumber::{ParseError, PhoneNumberFormat, PhoneNumberUtil, Region};

use crate::model::Phone;

/// Short service numbers that may be stored as they are. The `phonenumber`
/// crate has no short-number metadata, so this list is the authority.
pub const SHORT_CODES: &[&str] = &[
    "110", "112", "114", "119", "120", "122", "999", "12110", "12320", "12345", "12395",
];

/// libphonenumber's metadata, loaded once by whoever checks numbers (a
/// load makes one when it meets its first number that is not `trusted`).
pub struct PhoneRule {
    util: PhoneNumberUtil,
}

impl PhoneRule {
    pub fn new() -> PhoneRule {
        let util = PhoneNumberUtil::new().expect("the metadata built into rlibphonenumber loads");
        PhoneRule { util }
    }

    /// Checks a stored number and returns its display and E.164 forms, or a
    /// plain message saying what is wrong and, where possible, how to write it.
    pub fn check(&self, text: &str) -> Result<Phone, String> {
        // libphonenumber reads letters as keypad digits (O → 6), so its
        // suggested form for `+86 10 5985 O333` is another, plausible number.
        // A letter is refused and named instead, with no number suggested.
        if !text.chars().any(|c| c.is_ascii_digit()) {
            return Err(format!("{text:?} is not a phone number: not a number"));
        }
        if let Some((i, letter)) = text.chars().enumerate().find(|(_, c)| c.is_alphabetic()) {
            return Err(format!(
                "phone number {text:?} contains the letter {:?} at character {}; a phone number is digits only (was a letter typed for a digit?)",
                letter.to_string(),
                i + 1
            ));
        }
        if text.chars().all(|c| c.is_ascii_digit()) && text.len() <= 6 {
            return if SHORT_CODES.contains(&text) {
                Ok(Phone {
                    display: text.to_string(),
                    e164: text.to_string(),
                })
            } else {
                Err(format!(
                    "short number {text:?} is not in the allow-list of service numbers ({})",
                    SHORT_CODES.join(", ")
                ))
            };
        }
        let number = self
            .util
            .parse(text, Some(Region::CN))
            .map_err(|e| format!("{text:?} is not a phone number: {}", reason(&e)))?;
        if !self.util.is_valid_number(&number) {
            return Err(format!("{text:?} is not a valid phone number"));
        }
        let canonical = self.util.format(&number, PhoneNumberFormat::International);
        if canonical != text {
            return Err(format!(
                "phone number {text:?} is not in canonical international form: write {canonical:?}"
            ));
        }
        let e164 = self
            .util
            .format(&number, PhoneNumberFormat::E164)
            .into_owned();
        Ok(Phone {
            display: canonical.into_owned(),
            e164,
        })
    }
}

impl PhoneRule {
    /// A number as a person types it (`13804710000`, `0471 662 0000`,
    /// `(0471) 662-0000`, `+86 10 5985 0333`, a short service number),
    /// read as a number in China unless it says otherwise: its canonical
    /// form, or what is wrong in a sentence.
    pub fn read_typed(&self, text: &str) -> Result<Phone, String> {
        let digits: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        if SHORT_CODES.contains(&digits.as_str()) {
            return self.check(&digits);
        }
        if let Some((i, letter)) = text.chars().enumerate().find(|(_, c)| c.is_alphabetic()) {
            return Err(format!(
                "{text:?} contains the letter {:?} at character {}; a phone number is digits only",
                letter.to_string(),
                i + 1
            ));
        }
        let number = self
            .util
            .parse(text, Some(Region::CN))
            .map_err(|e| format!("{text:?} is not a phone number: {}", reason(&e)))?;
        if !self.util.is_valid_number(&number) {
            return Err(format!(
                "{text:?} is not a valid phone number (a number in China needs its area code, e.g. 0471 662 0000)"
            ));
        }
        self.check(&self.util.format(&number, PhoneNumberFormat::International))
    }
}

impl Default for PhoneRule {
    fn default() -> PhoneRule {
        PhoneRule::new()
    }
}

/// Why libphonenumber could not read a number, in plain words.
fn reason(e: &ParseError) -> &'static str {
    match e {
        ParseError::InvalidCountryCode => "invalid country code",
        ParseError::NotANumber(_) => "not a number",
        ParseError::TooShortAfterIdd => "the number is too short after the international prefix",
        ParseError::TooShortNsn => "the number is too short after the country code",
        ParseError::TooLongNsn => "the number is too long",
    }
}

/// The embedded data's numbers without libphonenumber (whose first call
/// costs 60–100 ms): an allow-listed short code, or `+` and digit groups
/// separated by single spaces, whose E.164 form is `+` and its digits.
/// `None` for anything else, which then takes the full rule. Only for data
/// that has passed `parse_phone` already (the embedded data, in CI).
pub fn trusted(text: &str) -> Option<Phone> {
    let short = SHORT_CODES.contains(&text);
    let groups = text.strip_prefix('+').map(|rest| rest.split(' '));
    let international = groups.is_some_and(|mut groups| {
        groups.all(|g| !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit()))
    });
    if !short && !international {
        return None;
    }
    // A short code has no `+`, an international number starts with one.
    let digits = text.chars().filter(char::is_ascii_digit);
    let e164 = text
        .starts_with('+')
        .then_some('+')
        .into_iter()
        .chain(digits)
        .collect();
    Some(Phone {
        display: text.to_string(),
        e164,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_phone(text: &str) -> Result<Phone, String> {
        PhoneRule::new().check(text)
    }

    #[test]
    fn canonical_numbers_pass() {
        let oasis = parse_phone("+86 10 5985 0333").expect("valid");
        assert_eq!(oasis.e164, "+861059850333");
        assert_eq!(oasis.tel_uri(), "tel:+861059850333");
        assert!(parse_phone("+86 400 876 2747").is_ok());
        assert!(parse_phone("120").is_ok());
    }

    #[test]
    fn non_canonical_numbers_say_how_to_write_them() {
        let err = parse_phone("010-59850333").expect_err("not canonical");
        assert!(err.contains("write \"+86 10 5985 0333\""), "{err}");
        assert!(parse_phone("+86 10 5985 033").is_err());
        assert!(parse_phone("12399").unwrap_err().contains("allow-list"));
    }

    #[test]
    fn a_letter_is_named_and_no_number_is_suggested() {
        let err = parse_phone("+86 10 5985 O333").expect_err("a letter");
        assert!(err.contains("the letter \"O\" at character 13"), "{err}");
        assert!(!err.contains("write"), "{err}");
        assert!(parse_phone("+86 10 5985 0333 ext. 1").is_err());
    }

    #[test]
    fn trusted_numbers_match_the_full_rule_and_odd_shapes_take_it() {
        for text in ["+86 10 5985 0333", "+86 400 876 2747", "120", "12320"] {
            assert_eq!(trusted(text), parse_phone(text).ok(), "{text}");
        }
        for text in [
            "010-59850333",
            "+86  10 5985",
            "+86 10 5985 0333 ext. 1",
            "+",
            "12399",
        ] {
            assert_eq!(trusted(text), None, "{text}");
        }
    }
}
