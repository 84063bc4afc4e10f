//! Running a query over a scope: scoring its records (or, when the query
//! narrows the previous one, that query's matches) on one or two threads,
//! in scope order, then ordering them by score with ties kept in scope
//! order. Scores span a small range, so `order` is a counting sort: two
//! passes over the hits instead of a comparison sort of 400 000 items.

use std::cmp::Reverse;
use std::sync::Arc;

use nucleo_matcher::{Config, Matcher};

use super::{Hit, Index, Mode, PARALLEL_FROM, Query, Scope};

/// Orders `(score, id)` pairs by score, higher first, keeping the given
/// order among equal scores.
pub(super) fn order(hits: &[(u32, u32)]) -> Vec<(u32, u32)> {
    let Some(max) = hits.iter().map(|&(score, _)| score).max() else {
        return Vec::new();
    };
    let min = hits.iter().map(|&(score, _)| score).min().unwrap_or(max);
    let span = (max - min) as usize + 1;
    if span > hits.len().max(1024) * 4 {
        let mut sorted = hits.to_vec();
        sorted.sort_by_key(|&(score, _)| Reverse(score));
        return sorted;
    }
    // Where each score's run starts, highest score first.
    let mut start = vec![0u32; span];
    for &(score, _) in hits {
        start[(max - score) as usize] += 1;
    }
    let mut at = 0;
    for slot in &mut start {
        let count = *slot;
        *slot = at;
        at += count;
    }
    let mut sorted = vec![(0, 0); hits.len()];
    for &hit in hits {
        let slot = &mut start[(max - hit.0) as usize];
        sorted[*slot as usize] = hit;
        *slot += 1;
    }
    sorted
}

impl Index {
    /// The records of `scope` that match `query`, in scope order, each with
    /// its score and kept as `keep` makes it from its entry id and hit;
    /// `None` if `cancelled` says so first. An empty query keeps every
    /// record with score 0.
    pub(super) fn scored<T: Send>(
        &self,
        query: &str,
        scope: &Scope,
        cancelled: &(dyn Fn() -> bool + Sync),
        mode: Mode,
        keep: &(dyn Fn(u32, Hit) -> T + Sync),
    ) -> Option<Vec<(u32, T)>> {
        if Query::parse(query).atoms.is_empty() {
            let hits = self.scope_ids(scope).into_iter().map(|id| {
                let hit = Hit {
                    target: self.targets[id as usize],
                    score: 0,
                    highlights: Vec::new(),
                    via: None,
                };
                (0, keep(id, hit))
            });
            return Some(hits.collect());
        }
        let candidates = self
            .narrowing
            .candidates(query, scope)
            .unwrap_or_else(|| Arc::new(self.scope_ids(scope)));
        // Two halves on two threads when there is enough to share; each
        // keeps scope order, so concatenating them keeps it too.
        let score = |ids: &[u32]| self.score_all(query, ids, cancelled, mode.decorate, keep);
        let (hits, matched) = if mode.parallel && candidates.len() >= PARALLEL_FROM {
            let (a, b) = candidates.split_at(candidates.len() / 2);
            let (first, second) = std::thread::scope(|s| {
                let second = s.spawn(|| score(b));
                (score(a), second.join())
            });
            let (mut hits, mut matched) = first?;
            let (more_hits, more_matched) = match second {
                Ok(second) => second?,
                Err(panic) => std::panic::resume_unwind(panic),
            };
            hits.extend(more_hits);
            matched.extend(more_matched);
            (hits, matched)
        } else {
            score(&candidates)?
        };
        self.narrowing.store(query, scope, matched);
        Some(hits)
    }

    /// Scores `ids`: the kept hits with their scores, and the ids that
    /// matched, both in the order of `ids`.
    #[allow(clippy::type_complexity)]
    fn score_all<T>(
        &self,
        query: &str,
        ids: &[u32],
        cancelled: &(dyn Fn() -> bool + Sync),
        decorate: bool,
        keep: &(dyn Fn(u32, Hit) -> T + Sync),
    ) -> Option<(Vec<(u32, T)>, Vec<u32>)> {
        let mut q = Query::new(query, self);
        q.decorate = decorate;
        let mut matcher = Matcher::new(Config::DEFAULT);
        let mut hits = Vec::new();
        let mut matched = Vec::new();
        for (n, &id) in ids.iter().enumerate() {
            if n % 4096 == 4095 && cancelled() {
                return None;
            }
            if let Some(hit) = self.score_entry(id, &mut q, &mut matcher) {
                matched.push(id);
                hits.push((hit.score, keep(id, hit)));
            }
        }
        Some((hits, matched))
    }
}

#[cfg(test)]
mod tests {
    use super::order;

    #[test]
    fn order_is_a_stable_sort_by_descending_score() {
        let hits = [(3, 0), (5, 1), (3, 2), (9, 3), (5, 4), (3, 5)];
        let want = [(9, 3), (5, 1), (5, 4), (3, 0), (3, 2), (3, 5)];
        assert_eq!(order(&hits), want);
        let wide = [(1, 0), (u32::MAX, 1), (1, 2)];
        assert_eq!(order(&wide), [(u32::MAX, 1), (1, 0), (1, 2)]);
        assert!(order(&[]).is_empty());
    }
}
