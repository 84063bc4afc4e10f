//! Every user intent as a value (`Action`), and every side effect the loop
//! performs at the edge (`Effect`). `update` turns actions into state changes
//! and effects; nothing else changes the state.

use std::path::PathBuf;
use std::sync::Arc;

use serde::Deserialize;

use crate::data::Diagnostic;
use crate::data::notes_file::Addition;
use crate::last_place::Place;
use crate::model::Directory;
use crate::search::{Answer, Index};

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
    /// In the global search: the selected city's hits first, or everywhere
    /// alike.
    ToggleCity,
    CopyNumber,
    /// Copy the number as it is dialled from a phone in mainland China.
    CopyDialled,
    CopyAddress,
    CopyCard,
    Emergency,
    /// Go to the place the card lists under this number (1–9).
    GoToPlace(u8),
    /// In the emergency overlay: the phrase card, or back to the numbers.
    Phrases,
    Driver,
    /// Add a phone number of one's own to the selected facility.
    AddNumber,
    /// Add a note of one's own to the selected facility.
    AddNote,
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
    /// Erase the word before the caret (`Ctrl-w`, `Alt-Backspace`).
    EraseWord,
    /// Erase everything before the caret (`Ctrl-u`).
    EraseToStart,
    CaretLeft,
    CaretRight,
    CaretStart,
    CaretEnd,
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
    /// Select a place by ids (or a city by name): where the user left off,
    /// or `--city`.
    #[serde(skip)]
    Restore(Place),
    /// What the loop wrote, for the status line.
    #[serde(skip)]
    Written(String),
    /// The status message has been shown long enough: the hints come back.
    #[serde(skip)]
    ClearStatus,
    /// What the loop's copy effect did, fed back so the status tells it.
    #[serde(skip)]
    CopyDone {
        ok: bool,
        message: String,
        value: String,
    },
    /// A load's result: the first (after the loading frame), or a reload
    /// (after `r`, a change on disk or the editor).
    #[serde(skip)]
    Reloaded(Box<Reload>),
    /// An effect failed (the editor could not run, files cannot be
    /// watched): the status says why.
    #[serde(skip)]
    EffectFailed(String),
    /// A search answered in the background (`Searcher::try_recv`).
    #[serde(skip)]
    Searched(Answer),
    /// The data being loaded in the background got this far (files done,
    /// in all).
    #[serde(skip)]
    Loading {
        done: usize,
        total: usize,
    },
}

/// A search index as an action carries it: equal when it is the same index.
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
    pub directory: Arc<Directory>,
    pub shipped: Vec<Diagnostic>,
    pub personal: Vec<Diagnostic>,
    /// The directory's index when it was built with it (off the UI thread);
    /// `update` builds it otherwise.
    pub index: Option<IndexRef>,
}

impl Reload {
    pub fn from_loaded(loaded: crate::data::Loaded) -> Reload {
        Reload {
            directory: Arc::new(loaded.directory),
            shipped: loaded.diagnostics,
            personal: loaded.personal_diagnostics,
            index: None,
        }
    }
}

/// What a copy was of, for the status message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CopyWhat {
    Number,
    Address,
    Card,
    /// A phrase's 汉字, from the phrase card.
    Phrase,
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
    /// Add `addition` to `facility` (an id) in the personal `notes.ron`,
    /// then reload.
    Add {
        facility: String,
        addition: Addition,
    },
}
