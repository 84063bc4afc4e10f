//! The vendored libphonenumber's two changes (vendor/phonenumber/README.md)
//! held to upstream's answers.
//! 1. It asks "does a match start at the start of the text, and where does
//!    it end?" with `CachedRegex::find_at_start` (an anchored search) where
//!    upstream calls `find` and keeps a match only if it starts there. Every
//!    pattern of the metadata must give upstream's
//!    `find(..).filter(start == 0)` on each region's example numbers, on
//!    their prefixes and extensions, and on random digit strings.
//! 2. Its number grammar tests a character's class directly where upstream
//!    scans a string of the class's characters. Every character of the
//!    Basic Multilingual Plane must be accepted where upstream's strings
//!    say, and nowhere else.

use std::sync::{Arc, Mutex};

use phonenumber::metadata::{DATABASE, Metadata};
use proptest::prelude::*;
use regex_cache::{CachedRegex, CachedRegexBuilder, RegexCache};

/// Every pattern of one region that libphonenumber matches numbers against.
fn patterns(meta: &Metadata) -> Vec<&CachedRegex> {
    let d = meta.descriptors();
    let descriptors = [
        Some(d.general()),
        d.fixed_line(),
        d.mobile(),
        d.toll_free(),
        d.premium_rate(),
        d.shared_cost(),
        d.personal_number(),
        d.voip(),
        d.pager(),
        d.uan(),
        d.emergency(),
        d.voicemail(),
        d.short_code(),
        d.standard_rate(),
        d.carrier(),
        d.no_international(),
    ];
    let mut out: Vec<&CachedRegex> = descriptors
        .into_iter()
        .flatten()
        .map(|d| d.national_number())
        .collect();
    out.extend(meta.international_prefix());
    out.extend(meta.national_prefix_for_parsing());
    out.extend(meta.leading_digits());
    for format in meta.formats().iter().chain(meta.international_formats()) {
        out.push(format.pattern());
        out.extend(format.leading_digits());
    }
    out
}

/// Each region's example numbers, with their prefixes and with a digit
/// more: the texts on which the patterns match, nearly match, or match
/// a part.
fn examples(meta: &Metadata) -> Vec<String> {
    let d = meta.descriptors();
    let mut out = Vec::new();
    for example in [Some(d.general()), d.fixed_line(), d.mobile(), d.toll_free()]
        .into_iter()
        .flatten()
        .filter_map(|d| d.example())
    {
        for end in 0..=example.len() {
            out.push(example[..end].to_string());
        }
        out.push(format!("{example}7"));
        out.push(format!("0{example}"));
    }
    out
}

fn same_answer(re: &CachedRegex, text: &str) -> Result<(), TestCaseError> {
    let upstream = re.find(text).filter(|m| m.start() == 0).map(|m| m.range());
    let anchored = re.find_at_start(text).map(|m| m.range());
    prop_assert_eq!(
        anchored,
        upstream,
        "pattern {:?} on {:?}",
        re.as_str(),
        text
    );
    Ok(())
}

#[test]
fn the_anchored_search_answers_as_upstream_on_every_regions_examples() {
    let mut checked = 0;
    for meta in DATABASE.iter() {
        let texts = examples(meta);
        for re in patterns(meta) {
            for text in &texts {
                same_answer(re, text).unwrap_or_else(|e| panic!("{}: {e}", meta.id()));
                checked += 1;
            }
        }
    }
    // Every region, each with dozens of patterns and texts.
    assert!(checked > 100_000, "only {checked} checks");
}

/// Patterns that set flags inline, with or without the `x` flag, comments
/// and escaped parentheses: `find_at_start` is `find` at the start for
/// them too (those that set flags are searched unanchored).
#[test]
fn the_anchored_search_answers_as_upstream_whatever_the_pattern_sets() {
    let cache = Arc::new(Mutex::new(RegexCache::new(100)));
    let cases: &[(&str, bool, &str)] = &[
        (r"\d{3}", false, "x123"),
        (r"\d{3}|x\d", false, "x123"),
        (r"(?:12|1)3?", false, "123"),
        (r"(?-x)abc", true, "abc"),
        (r"( ?-x)abc", true, "abc"),
        (r"(?x)a#c", false, "a"),
        (r"a # comment", true, "a"),
        (r"\(?1", false, "(1"),
        (r"(?i)ab|b", false, "Ab"),
    ];
    for &(source, x, text) in cases {
        let re = CachedRegexBuilder::new(cache.clone(), source)
            .ignore_whitespace(x)
            .build()
            .expect("a valid pattern");
        for end in 0..=text.len() {
            same_answer(&re, &text[..end]).unwrap_or_else(|e| panic!("{e}"));
        }
    }
}

#[test]
fn the_anchored_search_finds_the_numbers_it_must() {
    let cn = DATABASE.by_id("CN").expect("China's metadata");
    let fixed = cn.descriptors().fixed_line().expect("fixed lines");
    let number = fixed.example().expect("an example");
    let found = fixed.national_number().find_at_start(number);
    assert_eq!(found.map(|m| m.range()), Some(0..number.len()));
    // A match further in is not one at the start.
    let later = format!("x{number}");
    assert!(fixed.national_number().find(&later).is_some());
    assert!(fixed.national_number().find_at_start(&later).is_none());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Random digit strings against China's, Hong Kong's and the United
    /// States' patterns (the data's numbers are mostly Chinese).
    #[test]
    fn the_anchored_search_answers_as_upstream_on_random_digits(text in "[0-9]{0,16}") {
        for id in ["CN", "HK", "US", "DE"] {
            let meta = DATABASE.by_id(id).expect("metadata");
            for re in patterns(meta) {
                same_answer(re, &text)?;
            }
        }
    }
}

/// Upstream's character classes of the number grammar, as its strings.
const PUNCTUATION: &str = "-x\u{2010}\u{2011}\u{2012}\u{2013}\u{2014}\u{2015}\u{2212}\u{30FC}\u{FF0D}-\u{FF0F} \u{00A0}\u{00AD}\u{200B}\u{2060}\u{3000}()\u{FF08}\u{FF09}\u{FF3B}\u{FF3D}.[]/~\u{2053}\u{223C}\u{FF5E}";
const ALPHA: &str = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
const DIGITS: &str = "0123456789";
const PLUS: &str = "+\u{FF0B}";

#[test]
fn the_number_grammar_accepts_the_characters_upstream_does() {
    let separator = |c: char| PUNCTUATION.contains(c) || c == '*' || DIGITS.contains(c);
    let mut accepted = 0;
    for c in (0..=0xFFFF).filter_map(char::from_u32) {
        // Between the first digits, only a separator (or a digit) may stand;
        // letters only after the first three digits; a plus only in front.
        let between = phonenumber::is_viable(format!("1{c}23"));
        let after = phonenumber::is_viable(format!("123{c}"));
        let before = phonenumber::is_viable(format!("{c}123"));
        let code = c as u32;
        assert_eq!(between, separator(c), "1{c}23 ({code:X})");
        assert_eq!(
            after,
            separator(c) || ALPHA.contains(c),
            "123{c} ({code:X})"
        );
        assert_eq!(
            before,
            separator(c) || PLUS.contains(c),
            "{c}123 ({code:X})"
        );
        accepted += usize::from(between);
    }
    // Every punctuation character, the star and the ten digits.
    let punctuation = PUNCTUATION.chars().filter(|&c| c != '-').count() + 1;
    assert_eq!(accepted, punctuation + 1 + 10);
}

/// The patched `regex-cache` compiles only the anchored form of a pattern
/// whose syntax was checked when it was built (as libphonenumber's are);
/// an unchecked pattern is compiled as written first, so that `a)(b`,
/// which is invalid though `\A(?:a)(b)` is not, fails in `find_at_start`
/// as it does in `find`.
#[test]
fn an_unchecked_invalid_pattern_fails_in_find_at_start_as_in_find() {
    let cache = Arc::new(Mutex::new(RegexCache::new(1)));
    assert!(
        CachedRegexBuilder::new(cache.clone(), "a)(b")
            .build()
            .is_err()
    );
    let unchecked = CachedRegexBuilder::new(cache, "a)(b").build_unchecked();
    let anchored = std::panic::catch_unwind(|| unchecked.find_at_start("ab").is_some());
    assert!(anchored.is_err(), "{anchored:?}");
    let plain = std::panic::catch_unwind(|| unchecked.find("ab").is_some());
    assert!(plain.is_err(), "{plain:?}");
}
