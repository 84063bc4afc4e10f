//! The vendored libphonenumber asks "does a match start at the start of
//! the text, and where does it end?" with `CachedRegex::find_at_start`
//! (an anchored search) where upstream calls `find` and keeps a match only
//! if it starts there (vendor/phonenumber/README.md). These tests hold
//! every pattern of the metadata to that: the anchored answer equals
//! upstream's `find(..).filter(start == 0)` on each region's example numbers,
//! on their prefixes and extensions, and on random digit strings.

use phonenumber::metadata::{DATABASE, Metadata};
use proptest::prelude::*;
use regex_cache::CachedRegex;

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
