//! One list pane's view (cities, hospitals, specialties): its filter, the
//! records its rows stand for (in rank order; highlights and "via" are
//! computed for the rows on screen when drawing), which search they are the
//! result of, the selection and the scroll offset, with selection kept by
//! record across row changes.

use crate::search::{Scope, Target};

/// What a list row stands for: 8 bytes, as a pane may list 100 000
/// facilities (a record's index in the directory fits a `u32`, as the
/// model's own indices do).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowTarget {
    AllCities,
    City(u32),
    Facility(u32),
    Specialty(u32),
}

/// A directory index as a row keeps it.
fn row(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

impl RowTarget {
    pub fn city(i: usize) -> RowTarget {
        RowTarget::City(row(i))
    }

    pub fn facility(i: usize) -> RowTarget {
        RowTarget::Facility(row(i))
    }

    pub fn specialty(i: usize) -> RowTarget {
        RowTarget::Specialty(row(i))
    }

    /// The row a search target gives (contacts have no list row).
    pub fn of(target: Target) -> Option<RowTarget> {
        match target {
            Target::City(i) => Some(RowTarget::city(i)),
            Target::Facility(i) => Some(RowTarget::facility(i)),
            Target::Specialty(i) => Some(RowTarget::specialty(i)),
            Target::Contact { .. } => None,
        }
    }

    /// The search target of the row ("All cities" has none).
    pub fn target(self) -> Option<Target> {
        match self {
            RowTarget::AllCities => None,
            RowTarget::City(i) => Some(Target::City(i as usize)),
            RowTarget::Facility(i) => Some(Target::Facility(i as usize)),
            RowTarget::Specialty(i) => Some(Target::Specialty(i as usize)),
        }
    }
}

/// A search: which text, over which records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    pub query: String,
    pub scope: Scope,
}

/// Whether a pane's filter is being typed, kept, or absent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FilterState {
    #[default]
    Off,
    Editing,
    Kept,
}

/// One list pane: its filter, visible rows, selection and scroll.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ListView {
    pub query: String,
    pub filter: FilterState,
    pub rows: Vec<RowTarget>,
    /// How many rows there are without the filter.
    pub total: usize,
    pub selected: usize,
    pub offset: usize,
    /// The search the rows are the result of (`None` before the first, or
    /// after the data changed).
    pub shown: Option<Request>,
    /// A search sent to the background and not back yet.
    pub requested: Option<Request>,
}

impl ListView {
    pub fn selected_target(&self) -> Option<RowTarget> {
        self.rows.get(self.selected).copied()
    }

    /// Replaces the rows, keeping the selected record when it is still
    /// visible and otherwise selecting the first row.
    pub fn set_rows(&mut self, rows: Vec<RowTarget>, keep: Option<RowTarget>) {
        self.selected = keep
            .and_then(|t| rows.iter().position(|&r| r == t))
            .unwrap_or(0);
        self.rows = rows;
    }

    /// Keeps the selection inside the rows and on screen for `height` rows.
    pub fn clamp(&mut self, height: usize) {
        self.selected = self.selected.min(self.rows.len().saturating_sub(1));
        let height = height.max(1);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + height {
            self.offset = self.selected + 1 - height;
        }
        self.offset = self.offset.min(self.rows.len().saturating_sub(height));
    }
}
