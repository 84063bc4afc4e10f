//! Running a query over a scope: scoring its records (or, when the query
//! narrows the previous one, that query's matches) on one or two threads,
//! in scope order, then ordering them by score with ties kept in scope
//! order. `rank` scores without decorating, and its scores span a small
//! range, so `order` is a counting sort: two passes over the hits instead
//! of a comparison sort of 400 000 items.

use std::cmp::Reverse;
use std::ops::Range;
use std::sync::Arc;

use nucleo_matcher::{Config, Matcher};

use super::{Hit, Index, PARALLEL_FROM, Query, Scope, Target};

/// The records a search scans, in scope order.
pub(super) enum Ids {
    /// A run of records (a whole kind of record, or everything).
    Range(Range<u32>),
    List(Arc<Vec<u32>>),
}

/// Part of an `Ids`: what one thread scans.
#[derive(Clone)]
enum Part<'a> {
    Range(Range<u32>),
    Slice(&'a [u32]),
}

impl Part<'_> {
    fn len(&self) -> usize {
        match self {
            Part::Range(r) => r.len(),
            Part::Slice(s) => s.len(),
        }
    }

    fn get(&self, n: usize) -> u32 {
        match self {
            Part::Range(r) => r.start + n as u32,
            Part::Slice(s) => s[n],
        }
    }

    fn halves(&self) -> (Part<'_>, Part<'_>) {
        let mid = self.len() / 2;
        match self {
            Part::Range(r) => (Part::Range(r.start..r.start + mid as u32), {
                Part::Range(r.start + mid as u32..r.end)
            }),
            Part::Slice(s) => (Part::Slice(&s[..mid]), Part::Slice(&s[mid..])),
        }
    }
}

/// Hits in scope order as `(record id, T)`, in one or two runs.
type Runs<T> = (Vec<(u32, T)>, Vec<(u32, T)>);

/// Orders `(id, score)` pairs by score, higher first, keeping the given
/// order among equal scores.
fn order(runs: &[&[(u32, u32)]]) -> Vec<(u32, u32)> {
    let hits = || runs.iter().flat_map(|run| run.iter().copied());
    let len = runs.iter().map(|run| run.len()).sum::<usize>();
    let Some(max) = hits().map(|(_, score)| score).max() else {
        return Vec::new();
    };
    let min = hits().map(|(_, score)| score).min().unwrap_or(max);
    let span = (max - min) as usize + 1;
    if span > len.max(1024) * 4 {
        let mut sorted: Vec<(u32, u32)> = hits().collect();
        sorted.sort_by_key(|&(_, score)| Reverse(score));
        return sorted;
    }
    // Where each score's run starts, highest score first.
    let mut start = vec![0u32; span];
    for (_, score) in hits() {
        start[(max - score) as usize] += 1;
    }
    let mut at = 0;
    for slot in &mut start {
        let count = *slot;
        *slot = at;
        at += count;
    }
    let mut sorted = vec![(0, 0); len];
    for hit in hits() {
        let slot = &mut start[(max - hit.1) as usize];
        sorted[*slot as usize] = hit;
        *slot += 1;
    }
    sorted
}

impl Index {
    /// Ranked hits for `query` in `scope`, each with its highlights and
    /// "via" (on the calling thread only). An empty query returns every
    /// record of the scope in directory order.
    pub fn query(&self, query: &str, scope: &Scope) -> Vec<Hit> {
        let hit = |index: &Index, id, q: &mut Query, m: &mut Matcher| index.score_entry(id, q, m);
        let (mut hits, _) = self
            .scan(query, scope, &|| false, false, hit)
            .unwrap_or_default();
        // Higher scores first; equal scores keep scope order (cities before
        // facilities).
        hits.sort_by_key(|(_, hit)| Reverse(hit.score));
        hits.into_iter().map(|(_, hit)| hit).collect()
    }

    /// The ranking alone: the same targets and scores in the same order as
    /// `query`, without highlights and "via", which cost as much as the
    /// scoring. Decorate the rows on screen with `hit`.
    pub fn rank(&self, query: &str, scope: &Scope) -> Vec<(Target, u32)> {
        self.rank_until(query, scope, &|| false).unwrap_or_default()
    }

    /// `rank`, giving up (`None`) as soon as `cancelled` says so (checked
    /// every few thousand records). Large scopes use two threads.
    pub fn rank_until(
        &self,
        query: &str,
        scope: &Scope,
        cancelled: &(dyn Fn() -> bool + Sync),
    ) -> Option<Vec<(Target, u32)>> {
        let score = |index: &Index, id, q: &mut Query, m: &mut Matcher| index.entry_score(id, q, m);
        let (first, second) = self.scan(query, scope, cancelled, true, score)?;
        let ranked = order(&[&first, &second]);
        Some(
            ranked
                .into_iter()
                .map(|(id, s)| (self.target(id), s))
                .collect(),
        )
    }

    /// The records of `scope` that `score` gives a result for `query`, in
    /// scope order (in two runs when two threads shared the work); `None`
    /// if `cancelled` says so first. An empty query keeps every record.
    fn scan<T, F>(
        &self,
        query: &str,
        scope: &Scope,
        cancelled: &(dyn Fn() -> bool + Sync),
        parallel: bool,
        score: F,
    ) -> Option<Runs<T>>
    where
        T: Send,
        F: Fn(&Index, u32, &mut Query, &mut Matcher) -> Option<T> + Sync,
    {
        let blank = Query::parse(query).atoms.is_empty();
        let candidates = match blank {
            true => None,
            false => self.narrowing.candidates(query, scope),
        };
        let ids = candidates.map_or_else(|| self.scope_ids(scope), Ids::List);
        let all = match &ids {
            Ids::Range(r) => Part::Range(r.clone()),
            Ids::List(list) => Part::Slice(list),
        };
        let run = |part: Part| self.score_all(query, part, cancelled, &score);
        let runs = if parallel && all.len() >= PARALLEL_FROM {
            // Two halves on two threads; each keeps scope order.
            let (a, b) = all.halves();
            let (first, second) = std::thread::scope(|s| {
                let second = s.spawn(|| run(b));
                (run(a), second.join())
            });
            match second {
                Ok(second) => (first?, second?),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        } else {
            (run(all)?, Vec::new())
        };
        drop(ids);
        if !blank {
            let matched = runs.0.iter().chain(&runs.1).map(|&(id, _)| id).collect();
            self.narrowing.store(query, scope, matched);
        }
        Some(runs)
    }

    /// Scores the records of `part`, in order.
    fn score_all<T, F>(
        &self,
        query: &str,
        part: Part,
        cancelled: &(dyn Fn() -> bool + Sync),
        score: &F,
    ) -> Option<Vec<(u32, T)>>
    where
        F: Fn(&Index, u32, &mut Query, &mut Matcher) -> Option<T>,
    {
        let mut q = Query::new(query, self);
        let mut matcher = Matcher::new(Config::DEFAULT);
        let mut hits = Vec::with_capacity(part.len());
        for n in 0..part.len() {
            if n % 4096 == 4095 && cancelled() {
                return None;
            }
            let id = part.get(n);
            if let Some(hit) = score(self, id, &mut q, &mut matcher) {
                hits.push((id, hit));
            }
        }
        Some(hits)
    }
}

#[cfg(test)]
mod tests {
    use super::order;

    #[test]
    fn order_is_a_stable_sort_by_descending_score() {
        let hits = [(0, 3), (1, 5), (2, 3), (3, 9)];
        let more = [(4, 5), (5, 3)];
        let want = [(3, 9), (1, 5), (4, 5), (0, 3), (2, 3), (5, 3)];
        assert_eq!(order(&[&hits, &more]), want);
        let wide = [(0, 1), (1, u32::MAX), (2, 1)];
        assert_eq!(order(&[&wide]), [(1, u32::MAX), (0, 1), (2, 1)]);
        assert!(order(&[&[]]).is_empty());
    }
}
