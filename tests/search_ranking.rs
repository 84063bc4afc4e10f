//! Ranking tables: query → the record that must come first, in English,
//! 汉字, pinyin, initials and aliases, with the "via" hint where the match is
//! not visible in the row.

use careguide::data::{self, DataSource};
use careguide::model::{Contact, Directory};
use careguide::search::{Column, Index, Scope, Target};
use std::sync::Arc;

fn shipped() -> Arc<Directory> {
    let loaded = data::load(&DataSource::Embedded).expect("embedded data loads");
    assert!(!loaded.has_errors(), "{}", loaded.render_diagnostics());
    Arc::new(loaded.directory)
}

fn city(dir: &Directory, id: &str) -> usize {
    dir.cities
        .iter()
        .position(|c| c.id.as_str() == id)
        .expect("city")
}

fn facility_index(dir: &Directory, id: &str) -> usize {
    dir.facilities
        .iter()
        .position(|f| f.id.as_str() == id)
        .expect("facility")
}

#[test]
fn city_names_in_every_script_put_hohhot_first() {
    let dir = shipped();
    let index = Index::new(&dir);
    let hohhot = city(&dir, "hohhot");
    for query in ["呼和", "huhehaote", "hhht", "Hohhot", "hohhot"] {
        let hits = index.query(query, &Scope::Cities);
        assert_eq!(
            hits.first().map(|h| h.target),
            Some(Target::City(hohhot)),
            "query {query:?}: {hits:?}"
        );
    }
}

#[test]
fn kidney_and_eswl_find_the_356_hospital_with_a_via_hint() {
    let dir = shipped();
    let index = Index::new(&dir);
    let hohhot = city(&dir, "hohhot");
    let h356 = facility_index(&dir, "hospital-356");
    for query in ["kidney", "ESWL", "肾结石"] {
        let hits = index.query(query, &Scope::Facilities { city: Some(hohhot) });
        let first = hits
            .first()
            .unwrap_or_else(|| panic!("no hit for {query:?}"));
        assert_eq!(
            first.target,
            Target::Facility(h356),
            "query {query:?}: {hits:?}"
        );
        let via = first.via.as_deref().unwrap_or_default();
        assert!(via.contains("Urology"), "query {query:?} via {via:?}");
    }
}

#[test]
fn oasis_and_peking_union_are_found() {
    let dir = shipped();
    let index = Index::new(&dir);
    let oasis = facility_index(&dir, "oasis-international");
    let pumch = facility_index(&dir, "pumch");
    let first = |query: &str| {
        index
            .query(query, &Scope::Facilities { city: None })
            .first()
            .map(|h| h.target)
    };
    assert_eq!(first("oasis"), Some(Target::Facility(oasis)));
    assert_eq!(first("协和"), Some(Target::Facility(pumch)));
    assert_eq!(first("xiehe"), Some(Target::Facility(pumch)));
    let xiehe = index.query("xiehe", &Scope::Facilities { city: None });
    assert!(
        xiehe[0]
            .via
            .as_deref()
            .unwrap_or_default()
            .contains("xiehe")
    );
}

#[test]
fn a_contact_is_found_by_its_digits() {
    let dir = shipped();
    let index = Index::new(&dir);
    let oasis = facility_index(&dir, "oasis-international");
    let hits = index.query("59850333", &Scope::Global { prefer: None });
    let Target::Contact { facility, contact } = hits[0].target else {
        panic!("expected a contact first: {hits:?}");
    };
    assert_eq!(facility, oasis);
    assert_eq!(
        dir.facilities[facility].contacts[contact].phone.display,
        "+86 10 5985 0333"
    );
    // Typed as a run of digits, the number matches as shown, gaps and all.
    assert_eq!(hits[0].via, None);
    assert!(!hits[0].indices(Column::NameZh).is_empty());
    // As an exact run it matches the number's digits, which are highlighted
    // where the number as shown has them.
    let digits = index.hit("'59850333", hits[0].target).expect("it matches");
    assert_eq!(digits.via, None);
    assert_eq!(
        digits.indices(Column::NameZh),
        [7, 8, 9, 10, 12, 13, 14, 15]
    );
    let shown = index.hit("'5985 0333", hits[0].target).expect("it matches");
    assert_eq!(shown.via, None);
    assert_eq!(shown.indices(Column::NameZh), [7, 8, 9, 10, 12, 13, 14, 15]);
    // Its facility's names and its role match too.
    let role = dir.facilities[facility].contacts[contact].role.to_string();
    let both = index.hit(&format!("oasis {role}"), hits[0].target);
    let both = both.expect("the facility's name and the role match");
    assert!(!both.indices(Column::Name).is_empty());
}

/// A contact without a role (which validation reports, but the TUI keeps
/// showing the last good data) is still found by its number.
#[test]
fn a_contact_without_a_role_is_found_by_its_number() {
    let mut dir = Arc::unwrap_or_clone(shipped());
    let oasis = facility_index(&dir, "oasis-international");
    let first = dir.facilities[oasis].contacts[0].clone();
    let bare = Contact {
        role: "".into(),
        note: None,
        ..first.clone()
    };
    dir.facilities[oasis].contacts[0] = bare;
    let dir = Arc::new(dir);
    let index = Index::new(&dir);
    let target = Target::Contact {
        facility: oasis,
        contact: 0,
    };
    let digits: String = first.phone.digits();
    let hit = index
        .hit(&format!("'{digits}"), target)
        .expect("its digits match");
    assert_eq!(hit.via, None);
    assert!(!hit.indices(Column::NameZh).is_empty());
    let shown = index
        .hit(&first.phone.display, target)
        .expect("its number matches");
    assert!(!shown.indices(Column::NameZh).is_empty());
    assert!(shown.indices(Column::Name).is_empty());
    assert!(index.hit(&first.role, target).is_none(), "it has no role");
    let second = Target::Contact {
        facility: oasis,
        contact: 1,
    };
    let role = dir.facilities[oasis].contacts[1].role.to_string();
    let hit = index
        .hit(&role, second)
        .expect("the next contact keeps its role");
    assert!(!hit.indices(Column::Name).is_empty());
}

#[test]
fn fzf_atoms_work() {
    let dir = shipped();
    let index = Index::new(&dir);
    let all = Scope::Facilities { city: None };
    let names = |query: &str| -> Vec<String> {
        index
            .query(query, &all)
            .into_iter()
            .filter_map(|h| match h.target {
                Target::Facility(i) => Some(dir.facilities[i].id.to_string()),
                _ => None,
            })
            .collect()
    };
    assert!(names("^Oasis").contains(&"oasis-international".to_string()));
    assert!(names("'United Family").contains(&"beijing-united-family".to_string()));
    assert!(!names("hospital !beijing").iter().any(|id| {
        let f = dir.facility(id).expect("facility");
        dir.city_of(f).id.as_str() == "beijing"
    }));
    let not_hospital = names("!hospital");
    assert!(not_hospital.iter().all(|id| {
        let f = dir.facility(id).expect("facility");
        !f.name.to_lowercase().contains("hospital")
    }));
    assert!(names("zzzzqqq").is_empty());
}

#[test]
fn highlights_point_at_the_visible_name() {
    let dir = shipped();
    let index = Index::new(&dir);
    let hits = index.query("oasis", &Scope::Facilities { city: None });
    let (_, indices) = &hits[0].highlights[0];
    assert_eq!(indices, &vec![0, 1, 2, 3, 4]);
    assert_eq!(hits[0].via, None);
}
