//! Watching the data files for live reload: the `--data` directory
//! (recursively) and the personal directory, through `notify` with a 200 ms
//! debounce, so an editor's burst of writes is one reload. The watcher's
//! thread only sends a message; the loop asks `changed()` between events
//! and performs the reload itself. Hidden files and files other than
//! `*.ron` (editor swap files, temporary files) are ignored, and so is a
//! file being read: notify reports every open, so a reload (which reads
//! every file) would otherwise start the next one, for ever.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

use notify_debouncer_full::notify::{EventKind, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

use crate::data::{DataSource, Sources};

/// How long the files must be quiet before a reload.
pub const DEBOUNCE: Duration = Duration::from_millis(200);

pub struct Watch {
    _debouncer: Debouncer<RecommendedWatcher, RecommendedCache>,
    changes: Receiver<()>,
}

/// The directories to watch: the data directory and the personal one, when
/// they exist (the embedded data never changes).
pub fn watched(sources: &Sources) -> Vec<(PathBuf, RecursiveMode)> {
    let mut out = Vec::new();
    if let DataSource::Dir(dir) = &sources.shipped {
        out.push((dir.clone(), RecursiveMode::Recursive));
    }
    if let Some(dir) = &sources.personal
        && dir.is_dir()
    {
        out.push((dir.clone(), RecursiveMode::NonRecursive));
    }
    out
}

fn relevant(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    !name.starts_with('.') && name.ends_with(".ron")
}

impl Watch {
    /// Starts watching; `Ok(None)` when there is nothing to watch.
    pub fn start(sources: &Sources) -> Result<Option<Watch>, String> {
        let paths = watched(sources);
        if paths.is_empty() {
            return Ok(None);
        }
        let (tx, changes) = channel();
        let mut debouncer = new_debouncer(DEBOUNCE, None, move |result: DebounceEventResult| {
            if let Ok(events) = result
                && events.iter().any(|e| {
                    !matches!(e.kind, EventKind::Access(_)) && e.paths.iter().any(|p| relevant(p))
                })
            {
                let _ = tx.send(());
            }
        })
        .map_err(|e| format!("cannot watch the data files: {e}"))?;
        for (path, mode) in paths {
            debouncer.watch(&path, mode).map_err(|e| {
                let shown = crate::data::diagnostic::display_path(&path.to_string_lossy());
                format!("cannot watch {shown}: {e}")
            })?;
        }
        Ok(Some(Watch {
            _debouncer: debouncer,
            changes,
        }))
    }

    /// Whether files changed since the last call (never blocks).
    pub fn changed(&self) -> bool {
        let mut any = false;
        while self.changes.try_recv().is_ok() {
            any = true;
        }
        any
    }
}
