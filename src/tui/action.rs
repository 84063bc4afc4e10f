//! Every user intent as a value (`Action`), and every side effect the loop
//! performs at the edge (`Effect`). `update` turns actions into state changes
//! and effects; nothing else changes the state.

use std::path::PathBuf;
use std::sync::Arc;

use serde::Deserialize;

use crate::data::Diagnostic;
use crate::model::Directory;
use crate::search::{Index, Scope, SearchResult};

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    Quit,
    /// Ctrl-Z: stop, with the terminal restored, until the shell's `fg`.
    Suspend,
    NextPane,
    PrevPane,
    /// On a list row: focus the next pane.
    Open,
    Down,
    Up,
    Top,
    Bottom,
    PageDown,
    PageUp,
    /// Start filtering the focused pane.
    Filter,
    GlobalSearch,
    CopyNumber,
    CopyAddress,
    CopyCard,
    Emergency,
    Driver,
    /// Show the selected number as a QR code.
    Qr,
    Help,
    /// Open $VISUAL / $EDITOR at the selected record's file and line.
    Edit,
    /// Reload the data files now.
    Reload,
    /// Show or hide the data problems found by the last load.
    Diagnostics,
    /// Show every source of the card in full, or only its short labels.
    Sources,
    /// Close an overlay, or clear the focused pane's filter.
    Back,
    /// Typed text while a filter or the search is open.
    Input(char),
    /// Pasted text (a bracketed paste): text for a prompt, never keys.
    Paste(String),
    Erase,
    /// Keep the filter (`Enter` while filtering) or jump to a search hit.
    Accept,
    #[serde(skip)]
    Click {
        column: u16,
        row: u16,
    },
    #[serde(skip)]
    Scroll {
        column: u16,
        row: u16,
        down: bool,
    },
    #[serde(skip)]
    Resize {
        width: u16,
        height: u16,
    },
    /// What the loop's copy effect did, fed back so the status tells it.
    #[serde(skip)]
    CopyDone {
        ok: bool,
        message: String,
        value: String,
    },
    /// A reload's result (after `r`, a change on disk or the editor).
    #[serde(skip)]
    Reloaded(Box<Reload>),
    /// An effect failed (the editor could not run, files cannot be
    /// watched): the status says why.
    #[serde(skip)]
    EffectFailed(String),
    /// A background search finished (`Effect::Search`).
    #[serde(skip)]
    Searched {
        index: IndexRef,
        result: SearchResult,
    },
    /// The background index build got this far (records done, in all).
    #[serde(skip)]
    Indexing {
        done: usize,
        total: usize,
    },
    /// The background index build of `dir` finished (`Effect::BuildIndex`).
    #[serde(skip)]
    Indexed {
        dir: Arc<Directory>,
        index: IndexRef,
    },
}

/// A search index as actions and effects carry it: equal when it is the
/// same index, so a result of an index replaced since is recognised.
#[derive(Clone)]
pub struct IndexRef(pub Arc<Index>);

impl std::fmt::Debug for IndexRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("IndexRef")
    }
}

impl PartialEq for IndexRef {
    fn eq(&self, other: &IndexRef) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Eq for IndexRef {}

/// What a reload found: the directory built from the files, and their
/// problems. With errors in `shipped`, the directory is not used: the app
/// keeps its last good data and shows the problems.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reload {
    pub directory: Directory,
    pub shipped: Vec<Diagnostic>,
    pub personal: Vec<Diagnostic>,
}

impl Reload {
    pub fn from_loaded(loaded: crate::data::Loaded) -> Reload {
        Reload {
            directory: loaded.directory,
            shipped: loaded.diagnostics,
            personal: loaded.personal_diagnostics,
        }
    }
}

/// What a copy was of, for the status message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CopyWhat {
    Number,
    Address,
    Card,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    Quit,
    Suspend,
    Copy {
        text: String,
        what: CopyWhat,
    },
    /// Run the editor at `path`:`line` with the terminal restored, then reload.
    Edit {
        path: PathBuf,
        line: usize,
    },
    Reload,
    /// Rank `query` in `scope` with `index` off the UI thread, then send
    /// `Action::Searched` (a newer search of the same kind of scope
    /// abandons it).
    Search {
        index: IndexRef,
        query: String,
        scope: Scope,
    },
    /// Build the index of `dir` off the UI thread, sending
    /// `Action::Indexing` while it runs and `Action::Indexed` at the end (a
    /// newer build abandons it).
    BuildIndex(Arc<Directory>),
}
