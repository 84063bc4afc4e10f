//! A phone number as the model keeps it: the form shown and copied, and
//! the E.164 form a phone dials; and a number as a person types it.

use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Phone {
    /// Exactly as displayed and copied, e.g. `+86 10 5985 0333` or `120`.
    pub display: String,
    /// E.164 (`+861059850333`), or the digits of a short service number.
    pub e164: String,
}

impl Phone {
    /// The `tel:` URI a phone dials, e.g. `tel:+861059850333`.
    pub fn tel_uri(&self) -> String {
        format!("tel:{}", self.e164)
    }

    /// Digits only, for searching by number.
    pub fn digits(&self) -> String {
        self.display.chars().filter(char::is_ascii_digit).collect()
    }
}

/// A number as a person types it (`0471 662 0000`, `010-5985 0333`,
/// `(0471) 662-0000`, `+86 10 …`): the digits it means, as `Phone::digits`
/// has them, and whether they start the number. Typed with `+`, `00`, a
/// trunk `0` (which stands for `86`) or as `86` and nine digits more, it
/// is written from the start in international form. `None` for text with
/// anything but digits and the marks numbers are written with.
pub fn typed_number(text: &str) -> Option<(String, bool)> {
    let text = text.trim();
    let mark = |c: char| c.is_ascii_digit() || " +-.()".contains(c);
    if !text.chars().all(mark) || !text.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    let international = match digits.strip_prefix('0') {
        _ if text.trim_start_matches('(').starts_with('+') => Some(digits.clone()),
        Some(rest) => Some(
            rest.strip_prefix('0')
                .map_or(format!("86{rest}"), String::from),
        ),
        None => (digits.starts_with("86") && digits.len() >= 11).then(|| digits.clone()),
    };
    match international {
        // `+86 (0)471 …`: a trunk 0 written after the country code.
        Some(d) if d.starts_with("860") => Some((format!("86{}", &d[3..]), true)),
        Some(d) => (!d.is_empty()).then_some((d, true)),
        None => Some((digits, false)),
    }
}

#[cfg(test)]
mod tests {
    use super::typed_number;

    #[test]
    fn numbers_as_people_type_them() {
        let start = |d: &str| Some((d.to_string(), true));
        assert_eq!(typed_number("0471 662 0000"), start("864716620000"));
        assert_eq!(typed_number("(0471) 662-0000"), start("864716620000"));
        assert_eq!(typed_number("+86 (0)471 662.0000"), start("864716620000"));
        assert_eq!(typed_number("0086 10 5985 0333"), start("861059850333"));
        assert_eq!(typed_number("861059850333"), start("861059850333"));
        assert_eq!(
            typed_number("662 0000"),
            Some(("6620000".to_string(), false))
        );
        assert_eq!(typed_number("8610"), Some(("8610".to_string(), false)));
        assert_eq!(typed_number("356 hospital"), None);
        assert_eq!(typed_number("--"), None);
    }
}
