//! Keeping the UI thread free: `Searcher` runs queries on a worker thread
//! (a newer query abandons an older one still running) and hands back the
//! newest finished results; `IndexBuild` builds the index on a thread and
//! reports progress, so a first frame can be drawn before indexing ends.

use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use super::{Hit, Index, Scope};
use crate::model::Directory;

/// Finished results of one submitted query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchResult {
    pub ticket: u64,
    pub query: String,
    pub scope: Scope,
    pub hits: Vec<Hit>,
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
    /// The ticket of the newest finished query.
    delivered: AtomicU64,
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
        self.shared.lock().result.take()
    }

    /// Waits up to `timeout` for finished results.
    pub fn recv_timeout(&self, timeout: Duration) -> Option<SearchResult> {
        let deadline = Instant::now() + timeout;
        let mut state = self.shared.lock();
        loop {
            if let Some(result) = state.result.take() {
                return Some(result);
            }
            let left = deadline.checked_duration_since(Instant::now())?;
            state = match self.shared.changed.wait_timeout(state, left) {
                Ok((state, _)) => state,
                Err(e) => e.into_inner().0,
            };
        }
    }

    /// Whether the newest submitted query has not finished yet.
    pub fn busy(&self) -> bool {
        self.shared.delivered.load(Ordering::SeqCst) != self.shared.newest.load(Ordering::SeqCst)
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

/// Lowers this thread's scheduling priority (Linux: nice is per thread),
/// so a long search never takes the core the UI thread needs to draw.
fn yield_to_the_ui() {
    let tid = std::fs::read_link("/proc/thread-self")
        .ok()
        .and_then(|p| p.file_name()?.to_str()?.parse::<i32>().ok())
        .and_then(rustix::process::Pid::from_raw);
    if let Some(tid) = tid {
        let _ = rustix::process::setpriority_process(Some(tid), 10);
    }
}

fn work(index: &Index, shared: &Shared) {
    yield_to_the_ui();
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
        if let Some(hits) = index.query_until(&query, &scope, &stale) {
            let mut state = shared.lock();
            if !stale() {
                shared.delivered.store(ticket, Ordering::SeqCst);
                state.result = Some(SearchResult {
                    ticket,
                    query,
                    scope,
                    hits,
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
        let total = dir.cities.len() + dir.facilities.len() * 2 + dir.specialties.len();
        let worker = {
            let done = Arc::clone(&done);
            std::thread::Builder::new()
                .name("index".into())
                .spawn(move || super::build::build(&dir, Some(&done)))?
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
