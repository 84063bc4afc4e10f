//! Incremental narrowing: while a query only grows (`c` → `ca` → `car`),
//! every record the longer query matches was matched by the shorter one, so
//! only the previous matches need rescoring. One remembered match set per
//! kind of scope; queries whose growth could widen the set (negation `!`,
//! the suffix anchor `$`, escapes `\`) always scan everything.

use std::sync::{Arc, Mutex};

use super::Scope;

struct Slot {
    query: String,
    scope: Scope,
    matched: Arc<Vec<u32>>,
}

#[derive(Default)]
pub(super) struct Cache(Mutex<Vec<Slot>>);

/// Whether every record matching `next` is sure to match `prev`.
pub(super) fn narrows(prev: &str, next: &str) -> bool {
    !prev.trim().is_empty() && next.starts_with(prev) && !next.contains(['!', '$', '\\'])
}

fn same_kind(a: &Scope, b: &Scope) -> bool {
    std::mem::discriminant(a) == std::mem::discriminant(b)
}

impl Cache {
    /// The records to rescan for `query`, when an earlier query narrows to it.
    pub(super) fn candidates(&self, query: &str, scope: &Scope) -> Option<Arc<Vec<u32>>> {
        let slots = self.0.lock().unwrap_or_else(|e| e.into_inner());
        let slot = slots.iter().find(|s| &s.scope == scope)?;
        narrows(&slot.query, query).then(|| Arc::clone(&slot.matched))
    }

    /// Remembers what `query` matched in `scope`.
    pub(super) fn store(&self, query: &str, scope: &Scope, matched: Vec<u32>) {
        if matches!(scope, Scope::Specialties { .. }) {
            return; // a handful of records: nothing to gain
        }
        let mut slots = self.0.lock().unwrap_or_else(|e| e.into_inner());
        let slot = Slot {
            query: query.to_string(),
            scope: scope.clone(),
            matched: Arc::new(matched),
        };
        match slots.iter_mut().find(|s| same_kind(&s.scope, scope)) {
            Some(old) => *old = slot,
            None => slots.push(slot),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::narrows;

    #[test]
    fn only_safe_growth_narrows() {
        assert!(narrows("c", "ca"));
        assert!(narrows("car", "car"));
        assert!(narrows("car", "car dio"));
        assert!(narrows("car", "carD"));
        assert!(!narrows("", "c"));
        assert!(!narrows("car", "ca"));
        assert!(!narrows("car", "car !x"));
        assert!(!narrows("car", "car$"));
        assert!(!narrows("car", "car\\ x"));
        assert!(!narrows("card", "cart"));
    }
}
