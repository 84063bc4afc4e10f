//! What an empty query shows, straight from the `Directory`: the records a
//! scope covers, in the order `Index::query("")` gives them, and how many.
//! Needs no index, so the first frame can be drawn while it is built.

use super::{Query, Scope, Target};
use crate::model::Directory;

/// Whether `query` has no atom, so it keeps every record in scope order.
pub fn is_blank(query: &str) -> bool {
    Query::parse(query).atoms.is_empty()
}

/// How many records `scope` covers (what an empty query returns).
pub fn count(dir: &Directory, scope: &Scope) -> usize {
    match scope {
        Scope::Cities => dir.cities.len(),
        Scope::Facilities { city: None } => dir.facilities.len(),
        Scope::Facilities { city: Some(c) } => dir.cities.get(*c).map_or(0, |c| c.facilities.len()),
        Scope::Specialties { facility } => dir
            .facilities
            .get(*facility)
            .map_or(0, |f| f.specialties.len()),
        Scope::Global => {
            let contacts: usize = dir.facilities.iter().map(|f| f.contacts.len()).sum();
            dir.cities.len() + dir.facilities.len() + dir.specialties.len() + contacts
        }
    }
}

/// The records `scope` covers, in directory order.
pub fn listing(dir: &Directory, scope: &Scope) -> Vec<Target> {
    match scope {
        Scope::Cities => (0..dir.cities.len()).map(Target::City).collect(),
        Scope::Facilities { city: None } => {
            (0..dir.facilities.len()).map(Target::Facility).collect()
        }
        Scope::Facilities { city: Some(c) } => dir.cities.get(*c).map_or_else(Vec::new, |c| {
            c.facilities.iter().map(|&f| Target::Facility(f)).collect()
        }),
        Scope::Specialties { facility } => {
            dir.facilities.get(*facility).map_or_else(Vec::new, |f| {
                f.specialties
                    .iter()
                    .map(|s| Target::Specialty(s.index as usize))
                    .collect()
            })
        }
        Scope::Global => {
            let mut all = listing(dir, &Scope::Cities);
            all.extend(listing(dir, &Scope::Facilities { city: None }));
            all.extend((0..dir.specialties.len()).map(Target::Specialty));
            for (facility, f) in dir.facilities.iter().enumerate() {
                all.extend(
                    (0..f.contacts.len()).map(|contact| Target::Contact { facility, contact }),
                );
            }
            all
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::{self, DataSource};
    use crate::search::Index;

    #[test]
    fn an_empty_query_lists_what_the_listing_lists() {
        let dir = std::sync::Arc::new(data::load(&DataSource::Embedded).expect("loads").directory);
        let index = Index::new(&dir);
        let mut scopes = vec![
            Scope::Cities,
            Scope::Global,
            Scope::Facilities { city: None },
        ];
        scopes.extend((0..=dir.cities.len()).map(|c| Scope::Facilities { city: Some(c) }));
        scopes.extend((0..=dir.facilities.len()).map(|facility| Scope::Specialties { facility }));
        for scope in scopes {
            let targets: Vec<Target> = index.query("", &scope).iter().map(|h| h.target).collect();
            assert_eq!(listing(&dir, &scope), targets, "{scope:?}");
            assert_eq!(count(&dir, &scope), targets.len(), "{scope:?}");
            assert_eq!(index.count(&scope), targets.len(), "{scope:?}");
        }
        assert!(count(&dir, &Scope::Global) > dir.facilities.len());
    }

    #[test]
    fn blank_queries_have_no_atom() {
        assert!(is_blank(""));
        assert!(is_blank("   "));
        assert!(!is_blank("c"));
        assert!(!is_blank("!beijing"));
    }
}
