//! `AppState`: everything the screen shows, in one value. Lists hold their
//! visible rows (computed by `update` from the search index), the selected
//! row and the scroll offset, so rendering only reads.

use super::files::DataFiles;
use crate::data::{DataSource, Sources};
use crate::model::Directory;
use crate::search::{Hit, Index, Scope};

pub use super::list_view::{FilterState, ListView, Row, RowTarget};

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

/// The global search overlay.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GlobalSearch {
    pub query: String,
    pub hits: Vec<Hit>,
    pub selected: usize,
    pub offset: usize,
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
    pub dir: Directory,
    pub index: Index,
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
    pub fn new(dir: Directory, width: u16, height: u16, color: ColorMode) -> AppState {
        let index = Index::new(&dir);
        let mut state = AppState {
            dir,
            index,
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
        state.refresh_cities();
        state
    }

    /// The same state, knowing where its data came from.
    pub fn with_files(mut self, files: DataFiles) -> AppState {
        self.files = files;
        self
    }

    /// The selected city, `None` for "All cities".
    pub fn city(&self) -> Option<usize> {
        match self.cities.selected_target() {
            Some(RowTarget::City(i)) => Some(i),
            _ => None,
        }
    }

    pub fn facility(&self) -> Option<usize> {
        match self.facilities.selected_target() {
            Some(RowTarget::Facility(i)) => Some(i),
            _ => None,
        }
    }

    pub fn specialty(&self) -> Option<usize> {
        match self.specialties.selected_target() {
            Some(RowTarget::Specialty(i)) => Some(i),
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

    fn rows_for(&self, pane: Pane) -> (Vec<Row>, usize) {
        let (scope, query) = match pane {
            Pane::Cities => (Scope::Cities, &self.cities.query),
            Pane::Facilities => (
                Scope::Facilities { city: self.city() },
                &self.facilities.query,
            ),
            Pane::Specialties => match self.facility() {
                Some(facility) => (Scope::Specialties { facility }, &self.specialties.query),
                None => return (Vec::new(), 0),
            },
            Pane::Card => return (Vec::new(), 0),
        };
        let total = self.index.count(&scope);
        let mut rows: Vec<Row> = self
            .index
            .query(query, &scope)
            .into_iter()
            .filter_map(Row::from_hit)
            .collect();
        if pane == Pane::Cities && query.is_empty() {
            rows.insert(0, Row::plain(RowTarget::AllCities));
        }
        (rows, total + usize::from(pane == Pane::Cities))
    }

    /// Recomputes the city rows and everything that cascades from them.
    pub fn refresh_cities(&mut self) {
        let keep = self.cities.selected_target();
        let before = self.city();
        let (rows, total) = self.rows_for(Pane::Cities);
        self.cities.total = total;
        self.cities.set_rows(rows, keep);
        if self.city() != before || self.facilities.rows.is_empty() {
            self.facilities.offset = 0;
            self.facilities.selected = 0;
            self.refresh_facilities(false);
        }
    }

    /// Recomputes the facility rows; `keep` keeps the selected facility when
    /// it is still visible (a filter change), otherwise the first row is
    /// selected (a new city).
    pub fn refresh_facilities(&mut self, keep: bool) {
        let before = self.facility();
        let target = if keep {
            self.facilities.selected_target()
        } else {
            None
        };
        let (rows, total) = self.rows_for(Pane::Facilities);
        self.facilities.total = total;
        self.facilities.set_rows(rows, target);
        if self.facility() != before || !keep {
            self.facility_selected();
        } else {
            self.refresh_specialties(true);
        }
    }

    /// Another facility is selected (its rows unchanged): its card and its
    /// specialties start from the top.
    pub fn facility_selected(&mut self) {
        self.card = CardView::default();
        self.specialties.offset = 0;
        self.specialties.selected = 0;
        self.refresh_specialties(false);
    }

    pub fn refresh_specialties(&mut self, keep: bool) {
        let target = if keep {
            self.specialties.selected_target()
        } else {
            None
        };
        let (rows, total) = self.rows_for(Pane::Specialties);
        self.specialties.total = total;
        self.specialties.set_rows(rows, target);
    }

    /// Re-runs the focused pane's filter after its query changed.
    pub fn refresh_pane(&mut self, pane: Pane) {
        match pane {
            Pane::Cities => self.refresh_cities(),
            Pane::Facilities => self.refresh_facilities(true),
            Pane::Specialties => self.refresh_specialties(true),
            Pane::Card => {}
        }
    }
}
