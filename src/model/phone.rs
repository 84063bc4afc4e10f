//! A phone number as the model keeps it: the form shown and copied, and
//! the E.164 form a phone dials.

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
