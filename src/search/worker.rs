//! Searching without making the caller wait: `Searcher::ask` answers a
//! request at once when its scope is small (or its query blank), and
//! otherwise ranks it on a worker thread of the searcher's own, where a
//! newer request for the same kind of scope abandons an older one. The
//! caller collects those answers with `try_recv`: one way in, one way out,
//! whichever way the answer took.

use std::mem::{Discriminant, discriminant};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::JoinHandle;

use super::{Index, Scope, Target, listing};

/// Scopes of at most this many records are ranked on the asking thread (a
/// few milliseconds); larger ones on the worker, so a keystroke never waits.
pub const INLINE_RECORDS: usize = 5_000;

/// A search: which text, over which records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    pub query: String,
    pub scope: Scope,
}

/// A request's ranking (decorate the rows shown with `Index::hits`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    pub request: Request,
    pub ranked: Vec<Target>,
}

#[derive(Default)]
struct Queue {
    /// At most one request per kind of scope, newest last.
    waiting: Vec<Request>,
    running: Option<Request>,
    answers: Vec<Answer>,
    stop: bool,
}

#[derive(Default)]
struct Shared {
    queue: Mutex<Queue>,
    wake: Condvar,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, Queue> {
        self.queue.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Searches over one index, answered now or on a worker thread.
pub struct Searcher {
    index: Arc<Index>,
    inline: usize,
    shared: Arc<Shared>,
    worker: Mutex<Option<JoinHandle<()>>>,
}

fn kind(scope: &Scope) -> Discriminant<Scope> {
    discriminant(scope)
}

impl Searcher {
    pub fn new(index: Arc<Index>) -> Searcher {
        Searcher::with_inline_records(index, INLINE_RECORDS)
    }

    /// A searcher that ranks scopes over more than `inline` records on its
    /// worker (tests lower it to take that path with a small directory).
    pub fn with_inline_records(index: Arc<Index>, inline: usize) -> Searcher {
        Searcher {
            index,
            inline,
            shared: Arc::default(),
            worker: Mutex::new(None),
        }
    }

    pub fn index(&self) -> &Arc<Index> {
        &self.index
    }

    /// The answer to `request` now, or `None` when it is ranked on the
    /// worker: its answer then comes from `try_recv`. Asking again for a
    /// request that is waiting or running changes nothing.
    pub fn ask(&self, request: &Request) -> Option<Answer> {
        let atoms_none = super::is_blank(&request.query);
        if atoms_none || self.index.count(&request.scope) <= self.inline {
            let ranked = match atoms_none {
                true => listing(&self.index.dir, &request.scope),
                false => (self.index.rank(&request.query, &request.scope).into_iter())
                    .map(|(target, _)| target)
                    .collect(),
            };
            let request = request.clone();
            return Some(Answer { request, ranked });
        }
        let mut queue = self.shared.lock();
        if queue.running.as_ref() == Some(request) || queue.waiting.contains(request) {
            return None;
        }
        queue
            .waiting
            .retain(|r| kind(&r.scope) != kind(&request.scope));
        queue.waiting.push(request.clone());
        drop(queue);
        self.shared.wake.notify_all();
        let mut worker = self.worker.lock().unwrap_or_else(|e| e.into_inner());
        if worker.is_none() {
            let (index, shared) = (Arc::clone(&self.index), Arc::clone(&self.shared));
            *worker = std::thread::Builder::new()
                .name("search".into())
                .spawn(move || work(&index, &shared))
                .ok();
        }
        None
    }

    /// An answer the worker finished, if any.
    pub fn try_recv(&self) -> Option<Answer> {
        let mut queue = self.shared.lock();
        (!queue.answers.is_empty()).then(|| queue.answers.remove(0))
    }

    /// Whether the worker has something to do or to hand back.
    pub fn busy(&self) -> bool {
        let queue = self.shared.lock();
        !queue.waiting.is_empty() || queue.running.is_some() || !queue.answers.is_empty()
    }
}

impl Drop for Searcher {
    fn drop(&mut self) {
        self.shared.lock().stop = true;
        self.shared.wake.notify_all();
        let worker = self.worker.get_mut().unwrap_or_else(|e| e.into_inner());
        if let Some(worker) = worker.take() {
            let _ = worker.join();
        }
    }
}

/// The worker: ranks the oldest waiting request, giving up when a newer
/// one of the same kind of scope arrives.
fn work(index: &Index, shared: &Shared) {
    loop {
        let request = {
            let mut queue = shared.lock();
            loop {
                if queue.stop {
                    return;
                }
                if !queue.waiting.is_empty() {
                    let request = queue.waiting.remove(0);
                    queue.running = Some(request.clone());
                    break request;
                }
                queue = shared.wake.wait(queue).unwrap_or_else(|e| e.into_inner());
            }
        };
        let newer = || {
            let queue = shared.lock();
            queue.stop
                || queue
                    .waiting
                    .iter()
                    .any(|r| kind(&r.scope) == kind(&request.scope))
        };
        let ranked = index.rank_until(&request.query, &request.scope, &newer);
        let mut queue = shared.lock();
        queue.running = None;
        if let Some(ranked) = ranked {
            let ranked = ranked.into_iter().map(|(target, _)| target).collect();
            queue.answers.push(Answer { request, ranked });
        }
    }
}
