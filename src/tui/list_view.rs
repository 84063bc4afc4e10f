//! One list pane's view (cities, hospitals, specialties): its filter, the
//! visible rows with their highlights and "via" hints, the selection and the
//! scroll offset, with selection kept by record across row changes.

use crate::search::{Column, Hit, Target};

/// What a list row stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowTarget {
    AllCities,
    City(usize),
    Facility(usize),
    Specialty(usize),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub target: RowTarget,
    pub highlights: Vec<(Column, Vec<u32>)>,
    pub via: Option<String>,
}

impl Row {
    pub fn plain(target: RowTarget) -> Row {
        Row {
            target,
            highlights: Vec::new(),
            via: None,
        }
    }

    pub fn from_hit(hit: Hit) -> Option<Row> {
        let target = match hit.target {
            Target::City(i) => RowTarget::City(i),
            Target::Facility(i) => RowTarget::Facility(i),
            Target::Specialty(i) => RowTarget::Specialty(i),
            Target::Contact { .. } => return None,
        };
        Some(Row {
            target,
            highlights: hit.highlights,
            via: hit.via,
        })
    }
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
    pub rows: Vec<Row>,
    /// How many rows there are without the filter.
    pub total: usize,
    pub selected: usize,
    pub offset: usize,
}

impl ListView {
    pub fn selected_target(&self) -> Option<RowTarget> {
        self.rows.get(self.selected).map(|r| r.target)
    }

    /// Replaces the rows, keeping the selected record when it is still
    /// visible and otherwise selecting the first row.
    pub fn set_rows(&mut self, rows: Vec<Row>, keep: Option<RowTarget>) {
        self.selected = keep
            .and_then(|t| rows.iter().position(|r| r.target == t))
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
