//! A phone number as the model keeps it: its display form, and its E.164
//! form only where the display form's digits do not say it.

use compact_str::CompactString;
use serde::Serialize;

/// A phone number as stored (canonical international form or a short code):
/// its display form, and its E.164 form where that is not what the display
/// form's digits say (`+` and the digits, or a short number's digits), after
/// a NUL, which no checked text holds. A number is nearly always only its
/// display form, which `CompactString` keeps inline up to 24 bytes, so
/// 300 000 numbers allocate nothing and take 24 bytes each.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phone {
    text: CompactString,
}

impl Phone {
    /// `display` as displayed and copied (e.g. `+86 10 5985 0333` or `120`),
    /// `e164` as dialled (`+861059850333`, or `120`).
    pub fn new(display: &str, e164: &str) -> Phone {
        let text = if derived_e164(display) == e164 {
            display.into()
        } else {
            compact_str::format_compact!("{display}\0{e164}")
        };
        Phone { text }
    }

    /// A number whose E.164 form is what its display form's digits say
    /// (`+` and the digits, or a short number's digits).
    pub fn of_digits(display: &str) -> Phone {
        Phone {
            text: display.into(),
        }
    }

    /// Exactly as displayed and copied, e.g. `+86 10 5985 0333` or `120`.
    pub fn display(&self) -> &str {
        self.text.split('\0').next().unwrap_or_default()
    }

    /// E.164 (`+861059850333`), or the bare digits of a short service number.
    pub fn e164(&self) -> CompactString {
        match self.text.split_once('\0') {
            Some((_, e164)) => e164.into(),
            None => derived_e164(&self.text),
        }
    }

    /// The `tel:` URI a phone dials, e.g. `tel:+861059850333`.
    pub fn tel_uri(&self) -> String {
        format!("tel:{}", self.e164())
    }

    /// Digits only, for searching by number.
    pub fn digits(&self) -> String {
        self.display()
            .chars()
            .filter(char::is_ascii_digit)
            .collect()
    }
}

/// What a display form's digits say its E.164 form is: `+` and the digits
/// for an international number, the digits for a short one.
fn derived_e164(display: &str) -> CompactString {
    let mut out = CompactString::default();
    if display.starts_with('+') {
        out.push('+');
    }
    out.extend(display.chars().filter(char::is_ascii_digit));
    out
}

/// As `{ display, e164 }`, the two forms the documented exports show.
impl Serialize for Phone {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut out = serializer.serialize_struct("Phone", 2)?;
        out.serialize_field("display", self.display())?;
        out.serialize_field("e164", &*self.e164())?;
        out.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_number_is_its_display_form_unless_its_digits_say_otherwise() {
        let plain = Phone::new("+86 10 5985 0333", "+861059850333");
        assert_eq!(plain.display(), "+86 10 5985 0333");
        assert_eq!(plain.e164(), "+861059850333");
        assert_eq!(plain.tel_uri(), "tel:+861059850333");
        assert_eq!(Phone::new("120", "120").e164(), "120");
        // A form whose E.164 is not its digits keeps it.
        let odd = Phone::new("+39 06 1234 5678 ext. 9", "+390612345678");
        assert_eq!(odd.display(), "+39 06 1234 5678 ext. 9");
        assert_eq!(odd.e164(), "+390612345678");
        assert_ne!(odd, Phone::new("+39 06 1234 5678 ext. 9", "+3906123456789"));
        assert_eq!(std::mem::size_of::<Phone>(), 24);
    }
}
