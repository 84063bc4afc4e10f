//! Test: validating files apart and merging them (`merge.rs`, with the
//! checks across files waiting in two lists) gives the diagnostics, in the
//! order, of one validator that checks every file at once and runs each
//! check as it meets it.

use std::fs;

use super::{Validator, ctx, validate};
use crate::data::load::{self, FileRole, Parsed, ParsedFile};
use crate::data::{DataSource, diagnostic::Diagnostic};
use crate::model::Directory;

/// Every file in list order (specialties first, then as `shipped` sorts
/// them), checked by one validator that never defers a check.
fn one_pass(files: &[ParsedFile]) -> Vec<Diagnostic> {
    let mut v = Validator::default();
    let mut dir = Directory::default();
    let key = |file: &ParsedFile| match file.content() {
        Parsed::Specialties(_) => (0, 0, String::new()),
        Parsed::City(raw) => (2, raw.order.unwrap_or(u32::MAX), raw.id.to_string()),
        _ => (1, 0, String::new()),
    };
    let mut order: Vec<&ParsedFile> = files.iter().collect();
    order.sort_by_key(|file| key(file));
    for file in order {
        let f = ctx(file);
        match file.content() {
            Parsed::Specialties(raw) => v.specialties(&f, raw, &mut dir),
            Parsed::Emergency(raw) => {
                v.emergency_numbers(&f, &[], "numbers", &raw.numbers);
                v.notes(&f, &[], &raw.notes);
            }
            Parsed::City(raw) => {
                let stem = match &file.role {
                    FileRole::City { stem } => stem.clone(),
                    _ => String::new(),
                };
                let specialties = dir.specialties.clone();
                v.city(&f, &stem, raw, &specialties, &mut dir);
            }
            Parsed::Personal(_) => {}
        }
    }
    v.diagnostics
}

#[test]
fn merging_files_gives_one_passes_diagnostics_in_its_order() {
    let dir = crate::data::entries::embedded_copy();
    // A copy of a city: its ids and numbers clash with the original's
    // (checks across files), and some of its dates are wrong (its own
    // diagnostics, found between those checks).
    let cities = dir.path().join("cities");
    let beijing = fs::read_to_string(cities.join("beijing.ron")).expect("beijing");
    let copy = beijing
        .replacen("id: \"beijing\"", "id: \"zz-copy\"", 1)
        .replacen("id: \"oasis-international\"", "id: \"oasis-copy\"", 1)
        .replacen("id: \"pumch\"", "id: \"pumch-copy\"", 1)
        .replace("verified: \"2026-11-22\"", "verified: \"2026-13-01\"");
    fs::write(cities.join("zz-copy.ron"), copy).expect("write");
    let set = load::read_files(&DataSource::Dir(dir.path().to_path_buf())).expect("readable");
    let parsed: Vec<ParsedFile> = set
        .files
        .into_iter()
        .map(|file| load::parse(file).expect("parses"))
        .collect();

    let (_, merged) = validate(&parsed);
    let kinds = |prefix: &str| {
        merged
            .iter()
            .filter(|d| d.message.starts_with(prefix))
            .count()
    };
    assert!(kinds("duplicate id") > 3, "{merged:#?}");
    assert!(kinds("phone number") > 1, "{merged:#?}");
    assert!(kinds("verified date") > 3, "{merged:#?}");
    assert_eq!(merged, one_pass(&parsed));
}
