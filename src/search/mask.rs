//! A 64-bit character-set signature per haystack and per pattern atom: one
//! bit per ASCII letter and digit, one for whitespace, and 27 hashed buckets
//! for everything else. A haystack's signature holds every form nucleo may
//! compare a character in (as is, case-folded, accent-normalised), so an
//! atom whose needle has a character outside the signature cannot match and
//! is skipped without calling the matcher. An exact prefilter: it never
//! changes a result, only skips work.

use nucleo_matcher::chars;
use nucleo_matcher::pattern::Atom;

const SPACE: u64 = 1 << 36;
/// The ten digits' bits.
pub const DIGITS: u64 = 0x3ff << 26;

fn bit(c: char) -> u64 {
    match c {
        'a'..='z' => 1 << (c as u32 - 'a' as u32),
        '0'..='9' => 1 << (26 + c as u32 - '0' as u32),
        c if c.is_whitespace() => SPACE,
        c => 1 << (37 + (c as u32).wrapping_mul(2_654_435_761) % 27),
    }
}

/// The signature of a haystack, given its characters as nucleo stores them.
pub fn of_chars(text: impl Iterator<Item = char>) -> u64 {
    let mut mask = 0;
    for c in text {
        mask |= bit(c);
        if c.is_ascii() {
            mask |= bit(c.to_ascii_lowercase());
        } else {
            let lower = chars::to_lower_case(c);
            let normal = chars::normalize(c);
            mask |= bit(lower) | bit(normal);
            if normal != c {
                mask |= bit(chars::to_lower_case(normal));
            }
            if lower != c {
                mask |= bit(chars::normalize(lower));
            }
        }
    }
    mask
}

/// The characters an atom's needle needs, as nucleo compares them.
pub fn of_atom(atom: &Atom) -> u64 {
    atom.needle_text().chars().fold(0, |m, c| m | bit(c))
}

#[cfg(test)]
mod tests {
    use super::*;
    use nucleo_matcher::pattern::{CaseMatching, Normalization};

    fn atom(s: &str) -> u64 {
        of_atom(&Atom::parse(s, CaseMatching::Smart, Normalization::Smart))
    }

    #[test]
    fn signatures_cover_case_and_accents() {
        let hay = of_chars("Café Ünal 医院".chars());
        for needle in ["cafe", "Café", "Caf", "unal", "Ü", "医院", "e u"] {
            assert_eq!(atom(needle) & hay, atom(needle), "{needle}");
        }
        assert_ne!(atom("z") & hay, atom("z"));
        assert_ne!(
            atom("CAF") & hay,
            atom("CAF"),
            "smart case: upper case must be there"
        );
    }
}
