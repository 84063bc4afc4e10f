//! Text policy for untrusted strings: which characters the data check
//! rejects, the one sanitiser every displayed/copied string passes through,
//! and the pinyin forms (full and initials) that make 汉字 searchable in Latin
//! letters. Pure functions, no terminal.
//!
//! Forbidden characters are found by their Unicode properties (ICU4X's
//! tables), not by a hand-kept list: controls, bidirectional controls, line
//! and paragraph separators, every Default_Ignorable_Code_Point and format
//! character (zero-width and invisible characters, TAG characters, Hangul
//! fillers, interlinear annotations, …), private-use code points and
//! noncharacters. Three default-ignorable kinds stay, because
//! real text needs them and they change nothing a reader could miss: the
//! zero-width joiner and non-joiner (emoji sequences, Persian, Indic
//! scripts) and the variation selectors (emoji presentation, 汉字 variants,
//! Mongolian free variation selectors).

use icu_properties::props::{
    BidiControl, DefaultIgnorableCodePoint, GeneralCategory, NoncharacterCodePoint,
    VariationSelector,
};
use icu_properties::props::{BinaryProperty, EnumeratedProperty};
use pinyin::ToPinyin;
use unicode_normalization::UnicodeNormalization;

/// Why a character may not appear in data text, or `None` if it may.
pub fn forbidden_class(c: char) -> Option<&'static str> {
    if c.is_ascii() {
        return (c.is_ascii_control()).then_some("control character");
    }
    match GeneralCategory::for_char(c) {
        GeneralCategory::Control => return Some("control character"),
        GeneralCategory::LineSeparator | GeneralCategory::ParagraphSeparator => {
            return Some("line or paragraph separator");
        }
        GeneralCategory::PrivateUse => return Some("private-use character"),
        _ => {}
    }
    if BidiControl::for_char(c) {
        return Some("bidirectional control character");
    }
    if NoncharacterCodePoint::for_char(c) {
        return Some("noncharacter");
    }
    let kept = matches!(c, '\u{200c}' | '\u{200d}') || VariationSelector::for_char(c);
    let invisible = DefaultIgnorableCodePoint::for_char(c)
        || GeneralCategory::for_char(c) == GeneralCategory::Format;
    (invisible && !kept).then_some("invisible character")
}

pub fn is_forbidden(c: char) -> bool {
    forbidden_class(c).is_some()
}

/// The first forbidden character of `s`, with its char index.
pub fn first_forbidden(s: &str) -> Option<(usize, char, &'static str)> {
    s.chars()
        .enumerate()
        .find_map(|(i, c)| forbidden_class(c).map(|class| (i, c, class)))
}

/// Makes a data string safe for a one-line display or a clipboard payload:
/// line breaks and tabs become spaces, every other forbidden character is
/// dropped, runs of spaces collapse, and the result is NFC.
pub fn sanitize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut last_space = true;
    for c in s.nfc() {
        let c = match c {
            '\t' | '\n' | '\r' | '\u{0b}' | '\u{0c}' | '\u{85}' | '\u{2028}' | '\u{2029}' => ' ',
            c if is_forbidden(c) => continue,
            c => c,
        };
        if c == ' ' {
            if last_space {
                continue;
            }
            last_space = true;
        } else {
            last_space = false;
        }
        out.push(c);
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// `sanitize`, a plain copy when `s` is clean already (nearly every string
/// of a data file).
pub fn sanitized(s: &str) -> String {
    if is_clean(s) {
        s.to_string()
    } else {
        sanitize(s)
    }
}

/// Whether `sanitize` would give back `s` unchanged: nothing forbidden, no
/// space at either end or twice in a row, and NFC.
fn is_clean(s: &str) -> bool {
    let spaced = s.starts_with(' ') || s.ends_with(' ') || s.contains("  ");
    if s.is_ascii() {
        return !spaced && s.bytes().all(|b| (b' '..=b'~').contains(&b));
    }
    !spaced
        && !s.chars().any(is_forbidden)
        && unicode_normalization::is_nfc_quick(s.chars())
            == unicode_normalization::IsNormalized::Yes
}

/// Escapes a data string for an error message (`"a\u{1b}b"`), so a hostile
/// id or name cannot reach stderr raw: Rust's debug form, with the
/// forbidden characters it keeps (Hangul fillers, say) escaped too.
pub fn escaped(s: &str) -> String {
    escape_forbidden(&format!("{s:?}"))
}

/// Replaces each forbidden character with its `\u{..}` escape, keeping the
/// rest as it is: for messages that quote the data.
pub fn escape_forbidden(s: &str) -> String {
    s.chars()
        .map(|c| match forbidden_class(c) {
            Some(_) => c.escape_unicode().to_string(),
            None => c.to_string(),
        })
        .collect()
}

/// The toneless pinyin of `s` in two forms, lower-case and without spaces:
/// the full syllables (`huhehaote`) and the initials (`hhht`). Latin letters
/// and digits are kept as they are; other characters are skipped.
pub fn pinyin_forms(s: &str) -> (String, String) {
    let mut full = String::new();
    let mut initials = String::new();
    for (c, p) in s.chars().zip(s.to_pinyin()) {
        match p {
            Some(p) => {
                full.push_str(p.plain());
                initials.push_str(p.first_letter());
            }
            None if c.is_ascii_alphanumeric() => {
                let lower = c.to_ascii_lowercase();
                full.push(lower);
                initials.push(lower);
            }
            None => {}
        }
    }
    (full, initials)
}

/// Initials of a hand-written pinyin such as `"chong qing"` → `cq`.
pub fn initials_of_words(pinyin: &str) -> String {
    pinyin
        .split_whitespace()
        .filter_map(|w| w.chars().next())
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// Whether a string holds any Han character.
pub fn has_han(s: &str) -> bool {
    s.chars().zip(s.to_pinyin()).any(|(_, p)| p.is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sanitize_removes_controls_and_keeps_text() {
        assert_eq!(sanitize("A\u{1b}]52;c;aGk=\u{7}B"), "A]52;c;aGk=B");
        assert_eq!(sanitize("a\u{202e}b\u{200b}c\u{ad}d"), "abcd");
        assert_eq!(sanitize("line1\nline2\tx\u{2028}y"), "line1 line2 x y");
        assert_eq!(sanitize("  lots   of  space "), "lots of space");
        assert_eq!(sanitize("N\u{9b}2JO\u{0}"), "N2JO");
        assert_eq!(sanitize("👩\u{200d}⚕\u{fe0f}"), "👩\u{200d}⚕\u{fe0f}");
    }

    proptest::proptest! {
        /// A string kept as it is, is one `sanitize` would not change.
        #[test]
        fn sanitized_is_sanitize(text in "[ a\t\u{7f}\u{85}\u{200b}\u{2067}\u{e0041}呼e\u{301}é]{0,8}") {
            proptest::prop_assert_eq!(sanitized(&text), sanitize(&text));
        }
    }

    #[test]
    fn forbidden_classes() {
        assert_eq!(forbidden_class('\u{1b}'), Some("control character"));
        assert_eq!(
            forbidden_class('\u{2067}'),
            Some("bidirectional control character")
        );
        assert_eq!(forbidden_class('\u{feff}'), Some("invisible character"));
        assert_eq!(forbidden_class('呼'), None);
        assert_eq!(forbidden_class('\u{200d}'), None);
        assert_eq!(forbidden_class('\u{fe0f}'), None);
        assert_eq!(forbidden_class('\u{180b}'), None, "Mongolian FVS1");
        assert_eq!(forbidden_class('\t'), Some("control character"));
        assert_eq!(forbidden_class('\u{85}'), Some("control character"));
        assert_eq!(
            forbidden_class('\u{2029}'),
            Some("line or paragraph separator")
        );
        assert_eq!(forbidden_class('\u{e000}'), Some("private-use character"));
        assert_eq!(forbidden_class('\u{10fffd}'), Some("private-use character"));
        assert_eq!(forbidden_class('\u{fdd0}'), Some("noncharacter"));
        assert_eq!(forbidden_class('\u{1fffe}'), Some("noncharacter"));
        for c in [
            '\u{e0049}',
            '\u{e0001}',
            '\u{34f}',
            '\u{115f}',
            '\u{1160}',
            '\u{3164}',
            '\u{ffa0}',
            '\u{1d173}',
            '\u{1d17a}',
            '\u{206a}',
            '\u{206f}',
            '\u{ad}',
            '\u{180e}',
            '\u{fff9}',
        ] {
            assert_eq!(forbidden_class(c), Some("invisible character"), "{c:?}");
        }
    }

    #[test]
    fn pinyin_of_city_names() {
        assert_eq!(
            pinyin_forms("呼和浩特"),
            ("huhehaote".to_string(), "hhht".to_string())
        );
        assert_eq!(
            pinyin_forms("356医院"),
            ("356yiyuan".to_string(), "356yy".to_string())
        );
        assert_eq!(initials_of_words("chong qing"), "cq");
    }
}
