//! `AppState`: everything the screen shows, in one value. Lists hold their
//! rows in rank order (computed by `update`, see `rows`), the selected row
//! and the scroll offset, so rendering only reads. The index may still be
//! building when the first frame is drawn.

use std::sync::Arc;

use super::files::DataFiles;
use crate::data::{DataSource, Sources};
use crate::model::Directory;
use crate::search::{self, Index, Scope, Target};

pub use super::list_view::{FilterState, ListView, Request, RowTarget};

/// Searches over at most this many records, and index builds of
/// directories this small, run on the UI thread (a few milliseconds);
/// larger ones run in the background so a keystroke never waits.
pub const INLINE_RECORDS: usize = 5_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Cities,
    Facilities,
    Specialties,
    Card,
}

impl Pane {
    pub const ALL: [Pane; 4] = [
        Pane::Cities,
        Pane::Facilities,
        Pane::Specialties,
        Pane::Card,
    ];

    pub fn next(self) -> Pane {
        match self {
            Pane::Cities => Pane::Facilities,
            Pane::Facilities => Pane::Specialties,
            Pane::Specialties => Pane::Card,
            Pane::Card => Pane::Cities,
        }
    }

    pub fn prev(self) -> Pane {
        match self {
            Pane::Cities => Pane::Card,
            Pane::Facilities => Pane::Cities,
            Pane::Specialties => Pane::Facilities,
            Pane::Card => Pane::Specialties,
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Pane::Cities => "Cities",
            Pane::Facilities => "Hospitals",
            Pane::Specialties => "Specialties",
            Pane::Card => "Contact card",
        }
    }
}

/// The global search overlay: opens empty, ranks every record once
/// something is typed; rows on screen are decorated when drawn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GlobalSearch {
    pub query: String,
    pub hits: Vec<Target>,
    /// The search `hits` are the result of.
    pub shown: Option<Request>,
    /// A search sent to the background and not back yet.
    pub requested: Option<Request>,
    pub selected: usize,
    pub offset: usize,
}

impl GlobalSearch {
    pub fn new() -> GlobalSearch {
        GlobalSearch {
            query: String::new(),
            hits: Vec::new(),
            shown: Some(GlobalSearch::request_for(String::new())),
            requested: None,
            selected: 0,
            offset: 0,
        }
    }

    pub fn request(&self) -> Request {
        GlobalSearch::request_for(self.query.clone())
    }

    fn request_for(query: String) -> Request {
        Request {
            query,
            scope: Scope::Global { prefer: None },
        }
    }

    /// Whether the hits are not yet those of the query.
    pub fn searching(&self) -> bool {
        self.shown.as_ref() != Some(&self.request())
    }
}

impl Default for GlobalSearch {
    fn default() -> GlobalSearch {
        GlobalSearch::new()
    }
}

/// The contact card: which contact is selected, and how far it is scrolled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CardView {
    pub selected: usize,
    pub scroll: u16,
}

/// What is on top of the panes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    Browse,
    Global(GlobalSearch),
    Help {
        scroll: u16,
    },
    Emergency {
        selected: usize,
    },
    Driver,
    /// A number as a QR code of its `tel:` URI.
    Qr {
        uri: String,
        label: String,
    },
    /// A copy failed: show the value large so it can be read or selected.
    CopyFailed {
        value: String,
        reason: String,
    },
    /// The problems found in the data files, one per row.
    Diagnostics {
        selected: usize,
        offset: usize,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusKind {
    Info,
    Error,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub kind: StatusKind,
    pub text: String,
}

/// Whether colour may be used (`NO_COLOR` turns it off).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColorMode {
    Color,
    NoColor,
}

pub struct AppState {
    pub dir: Arc<Directory>,
    /// `None` until the index is built; `indexing` says how far that is.
    pub index: Option<Arc<Index>>,
    /// Records indexed so far, and in all, while the index is built.
    pub indexing: Option<(usize, usize)>,
    /// Searches and index builds up to this many records run inline
    /// (`INLINE_RECORDS`; tests lower it to take the background path).
    pub inline_records: usize,
    pub focus: Pane,
    pub cities: ListView,
    pub facilities: ListView,
    pub specialties: ListView,
    pub card: CardView,
    pub mode: Mode,
    pub status: Option<Status>,
    pub width: u16,
    pub height: u16,
    pub color: ColorMode,
    /// Where the data comes from and what its last load found wrong.
    pub files: DataFiles,
}

impl AppState {
    /// The state for `dir`, its index built at once when it is small (else
    /// `update` asks for it in the background: `Effect::BuildIndex`).
    pub fn new(dir: Directory, width: u16, height: u16, color: ColorMode) -> AppState {
        AppState::with_inline_records(dir, width, height, color, INLINE_RECORDS)
    }

    /// `new`, with searches and index builds over more than
    /// `inline_records` records sent to the background.
    pub fn with_inline_records(
        dir: Directory,
        width: u16,
        height: u16,
        color: ColorMode,
        inline_records: usize,
    ) -> AppState {
        let mut state = AppState {
            dir: Arc::new(dir),
            index: None,
            indexing: None,
            inline_records,
            focus: Pane::Cities,
            cities: ListView::default(),
            facilities: ListView::default(),
            specialties: ListView::default(),
            card: CardView::default(),
            mode: Mode::Browse,
            status: None,
            width,
            height,
            color,
            files: DataFiles::new(Sources::shipped(DataSource::Embedded)),
        };
        state.index = state.inline_index();
        state.refresh_cities();
        state
    }

    /// The same state, knowing where its data came from.
    pub fn with_files(mut self, files: DataFiles) -> AppState {
        self.files = files;
        self
    }

    /// The directory's index built here if it is small enough.
    pub fn inline_index(&self) -> Option<Arc<Index>> {
        (search::count(&self.dir, &Scope::Global { prefer: None }) <= self.inline_records)
            .then(|| Arc::new(Index::new(&self.dir)))
    }

    /// The selected city, `None` for "All cities".
    pub fn city(&self) -> Option<usize> {
        match self.cities.selected_target() {
            Some(RowTarget::City(i)) => Some(i as usize),
            _ => None,
        }
    }

    pub fn facility(&self) -> Option<usize> {
        match self.facilities.selected_target() {
            Some(RowTarget::Facility(i)) => Some(i as usize),
            _ => None,
        }
    }

    pub fn specialty(&self) -> Option<usize> {
        match self.specialties.selected_target() {
            Some(RowTarget::Specialty(i)) => Some(i as usize),
            _ => None,
        }
    }

    pub fn list(&self, pane: Pane) -> Option<&ListView> {
        match pane {
            Pane::Cities => Some(&self.cities),
            Pane::Facilities => Some(&self.facilities),
            Pane::Specialties => Some(&self.specialties),
            Pane::Card => None,
        }
    }

    pub fn list_mut(&mut self, pane: Pane) -> Option<&mut ListView> {
        match pane {
            Pane::Cities => Some(&mut self.cities),
            Pane::Facilities => Some(&mut self.facilities),
            Pane::Specialties => Some(&mut self.specialties),
            Pane::Card => None,
        }
    }
}
