//! Keeping the UI thread free: `Searcher` ranks queries on a worker thread
//! (a newer query abandons an older one still running) and hands back the
//! newest finished ranking; `IndexBuild` builds the index on a thread and
//! reports progress, so a first frame can be drawn before indexing ends.

use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use super::{Index, Scope, Target};
use crate::model::Directory;

/// The finished ranking of one submitted query (`Index::rank`'s order;
/// decorate the rows on screen with `Index::hit`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchResult {
    pub ticket: u64,
    pub query: String,
    pub scope: Scope,
    pub ranked: Vec<(Target, u32)>,
}

#[derive(Default)]
struct State {
    request: Option<(u64, String, Scope)>,
    result: Option<SearchResult>,
    stop: bool,
}

#[derive(Default)]
struct Shared {
    state: Mutex<State>,
    changed: Condvar,
    /// The newest ticket: a running query older than this gives up.
    newest: AtomicU64,
    /// The ticket of the newest results taken by the caller.
    taken: AtomicU64,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Runs queries against an index on a worker thread.
pub struct Searcher {
    index: Arc<Index>,
    shared: Arc<Shared>,
    worker: Option<JoinHandle<()>>,
}

impl Searcher {
    pub fn new(index: Arc<Index>) -> std::io::Result<Searcher> {
        let shared = Arc::new(Shared::default());
        let worker = {
            let (index, shared) = (Arc::clone(&index), Arc::clone(&shared));
            std::thread::Builder::new()
                .name("search".into())
                .spawn(move || work(&index, &shared))?
        };
        Ok(Searcher {
            index,
            shared,
            worker: Some(worker),
        })
    }

    pub fn index(&self) -> &Arc<Index> {
        &self.index
    }

    /// Asks for `query` in `scope` and returns its ticket. Never blocks on
    /// the search: an older query still running is abandoned.
    pub fn submit(&self, query: &str, scope: Scope) -> u64 {
        let ticket = self.shared.newest.fetch_add(1, Ordering::SeqCst) + 1;
        let mut state = self.shared.lock();
        state.request = Some((ticket, query.to_string(), scope));
        self.shared.changed.notify_all();
        ticket
    }

    /// The newest finished results not yet taken, without waiting.
    pub fn try_recv(&self) -> Option<SearchResult> {
        let result = self.shared.lock().result.take()?;
        Some(self.took(result))
    }

    fn took(&self, result: SearchResult) -> SearchResult {
        self.shared.taken.store(result.ticket, Ordering::SeqCst);
        result
    }

    /// Waits up to `timeout` for finished results.
    pub fn recv_timeout(&self, timeout: Duration) -> Option<SearchResult> {
        let deadline = Instant::now() + timeout;
        let mut state = self.shared.lock();
        loop {
            if let Some(result) = state.result.take() {
                return Some(self.took(result));
            }
            let left = deadline.checked_duration_since(Instant::now())?;
            state = match self.shared.changed.wait_timeout(state, left) {
                Ok((state, _)) => state,
                Err(e) => e.into_inner().0,
            };
        }
    }

    /// Whether the results of the newest submitted query have not been
    /// taken yet (it runs, or it finished and waits to be taken).
    pub fn busy(&self) -> bool {
        self.shared.taken.load(Ordering::SeqCst) != self.shared.newest.load(Ordering::SeqCst)
    }
}

impl Drop for Searcher {
    fn drop(&mut self) {
        self.shared.lock().stop = true;
        self.shared.newest.fetch_add(1, Ordering::SeqCst);
        self.shared.changed.notify_all();
        if let Some(worker) = self.worker.take() {
            let _ = worker.join();
        }
    }
}

fn work(index: &Index, shared: &Shared) {
    loop {
        let (ticket, query, scope) = {
            let mut state = shared.lock();
            loop {
                if state.stop {
                    return;
                }
                if let Some(request) = state.request.take() {
                    break request;
                }
                state = match shared.changed.wait(state) {
                    Ok(state) => state,
                    Err(e) => e.into_inner(),
                };
            }
        };
        let stale = || shared.newest.load(Ordering::Relaxed) != ticket;
        if let Some(ranked) = index.rank_until(&query, &scope, &stale) {
            let mut state = shared.lock();
            if !stale() {
                state.result = Some(SearchResult {
                    ticket,
                    query,
                    scope,
                    ranked,
                });
                shared.changed.notify_all();
            }
        }
    }
}

/// An index being built on another thread.
pub struct IndexBuild {
    done: Arc<AtomicUsize>,
    total: usize,
    worker: JoinHandle<Index>,
}

impl Index {
    /// Builds the index of `dir` on a new thread; poll `progress` while
    /// drawing, then `finish`.
    pub fn build_in_background(dir: Arc<Directory>) -> std::io::Result<IndexBuild> {
        let done = Arc::new(AtomicUsize::new(0));
        let total = 1;
        let worker = {
            let done = Arc::clone(&done);
            std::thread::Builder::new()
                .name("index".into())
                .spawn(move || {
                    let index = Index::new(&dir);
                    done.store(1, Ordering::Relaxed);
                    index
                })?
        };
        Ok(IndexBuild {
            done,
            total,
            worker,
        })
    }
}

impl IndexBuild {
    /// Records indexed so far, and in all.
    pub fn progress(&self) -> (usize, usize) {
        (
            self.done.load(Ordering::Relaxed).min(self.total),
            self.total,
        )
    }

    pub fn is_finished(&self) -> bool {
        self.worker.is_finished()
    }

    /// Waits for the index.
    pub fn finish(self) -> Index {
        self.worker
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    }
}
