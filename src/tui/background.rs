//! The loop's work off the UI thread: one `Searcher` per kind of scope (so
//! a pane's search never abandons the global search's), the index build,
//! and what they have finished, handed back as actions.

use std::io;
use std::mem::{Discriminant, discriminant};
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::action::{Action, Effect, IndexRef};
use super::state::AppState;
use super::update::update;
use crate::model::Directory;
use crate::search::{Index, IndexBuild, Scope, Searcher};

/// An index build under way: the directory it is for, and the progress
/// last reported (in percent).
struct Build {
    dir: Arc<Directory>,
    build: IndexBuild,
    reported: Option<usize>,
}

#[derive(Default)]
pub struct Background {
    searchers: Vec<(Discriminant<Scope>, Searcher)>,
    build: Option<Build>,
}

impl Background {
    /// Starts a search or index build effect; any other effect is handed
    /// back for the loop to perform.
    pub fn start(&mut self, effect: Effect) -> io::Result<Option<Effect>> {
        match effect {
            Effect::Search {
                index,
                query,
                scope,
            } => self.search(index, &query, scope)?,
            Effect::BuildIndex(dir) => self.build(dir)?,
            other => return Ok(Some(other)),
        }
        Ok(None)
    }

    /// Feeds what finishes back through `update`, starting what that asks
    /// for, until nothing runs: the state a user sees who stops typing.
    /// Returns the other effects (none are expected); fails at `deadline`.
    pub fn settle(&mut self, state: &mut AppState, deadline: Instant) -> io::Result<Vec<Effect>> {
        let mut others = Vec::new();
        while self.busy() {
            if Instant::now() > deadline {
                return Err(io::Error::new(io::ErrorKind::TimedOut, "still busy"));
            }
            let actions = self.finished();
            if actions.is_empty() {
                std::thread::sleep(Duration::from_micros(100));
            }
            for action in actions {
                for effect in update(state, action) {
                    others.extend(self.start(effect)?);
                }
            }
        }
        Ok(others)
    }

    /// Ranks `query` in `scope` with `index`, abandoning the search of the
    /// same kind of scope still running; a searcher of an older index is
    /// replaced.
    pub fn search(&mut self, index: IndexRef, query: &str, scope: Scope) -> io::Result<()> {
        let kind = discriminant(&scope);
        self.searchers
            .retain(|(k, s)| *k != kind || Arc::ptr_eq(s.index(), &index.0));
        let at = match self.searchers.iter().position(|(k, _)| *k == kind) {
            Some(at) => at,
            None => {
                self.searchers.push((kind, Searcher::new(index.0)?));
                self.searchers.len() - 1
            }
        };
        self.searchers[at].1.submit(query, scope);
        Ok(())
    }

    /// Builds the index of `dir`, abandoning a build still running.
    pub fn build(&mut self, dir: Arc<Directory>) -> io::Result<()> {
        let build = Index::build_in_background(Arc::clone(&dir))?;
        self.build = Some(Build {
            dir,
            build,
            reported: None,
        });
        Ok(())
    }

    /// Whether anything is still running (the loop then looks again soon).
    pub fn busy(&self) -> bool {
        self.build.is_some() || self.searchers.iter().any(|(_, s)| s.busy())
    }

    /// What finished since the last call, and the build's progress when it
    /// moved by a percent.
    pub fn finished(&mut self) -> Vec<Action> {
        let mut actions: Vec<Action> = self
            .searchers
            .iter()
            .filter_map(|(_, searcher)| {
                let result = searcher.try_recv()?;
                Some(Action::Searched {
                    index: IndexRef(Arc::clone(searcher.index())),
                    result,
                })
            })
            .collect();
        if let Some(build) = self.build.take_if(|b| b.build.is_finished()) {
            actions.push(Action::Indexed {
                dir: build.dir,
                index: IndexRef(Arc::new(build.build.finish())),
            });
        } else if let Some(build) = &mut self.build {
            let (done, total) = build.build.progress();
            let percent = done * 100 / total.max(1);
            if build.reported != Some(percent) {
                build.reported = Some(percent);
                actions.push(Action::Indexing { done, total });
            }
        }
        actions
    }
}
