//! The screen's geometry, on the state's side so that `update` and the
//! drawing agree on it: where each pane goes for a terminal size (four
//! panes side by side from 100 columns, a two-column arrangement from
//! 80×16, one pane at a time with a breadcrumb below that, a "too small"
//! message under 20×5), how many rows an overlay's list shows and how
//! wide the emergency overlay's text is. Pure:
//! `update` uses it for paging, mouse hits and scrolling, `ui` for drawing.

use ratatui::layout::{Constraint, Direction, Layout, Rect};

use super::state::Pane;

pub const MIN_WIDTH: u16 = 20;
pub const MIN_HEIGHT: u16 = 5;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LayoutKind {
    Wide,
    Medium,
    Compact,
    TooSmall,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Screen {
    pub kind: LayoutKind,
    pub panes: Vec<(Pane, Rect)>,
    pub breadcrumb: Option<Rect>,
    pub status: Rect,
}

impl Screen {
    pub fn pane(&self, pane: Pane) -> Option<Rect> {
        self.panes.iter().find(|(p, _)| *p == pane).map(|(_, r)| *r)
    }

    /// Rows of a list pane inside its borders.
    pub fn list_height(&self, pane: Pane) -> usize {
        self.pane(pane)
            .map_or(1, |r| usize::from(r.height.saturating_sub(2)).max(1))
    }

    /// The pane under a screen position.
    pub fn pane_at(&self, column: u16, row: u16) -> Option<(Pane, Rect)> {
        self.panes.iter().copied().find(|(_, r)| {
            column >= r.x && column < r.x + r.width && row >= r.y && row < r.y + r.height
        })
    }
}

/// Rows of an overlay's list (global search, problems, emergency numbers,
/// help): the screen less the overlay's frame, title and hints.
pub fn overlay_rows(height: u16) -> usize {
    usize::from(height.saturating_sub(8)).max(1)
}

/// The widest the emergency overlay's pages (numbers, phrases) are drawn.
pub const SHEET_WIDTH: u16 = 76;

/// Columns of text in a row of the emergency overlay's pages: its width
/// less the frame, the two columns of the selection marker and a margin.
pub fn sheet_columns(width: u16) -> usize {
    usize::from(width.min(SHEET_WIDTH).saturating_sub(5)).max(1)
}

pub fn screen(width: u16, height: u16, focus: Pane) -> Screen {
    let area = Rect::new(0, 0, width, height);
    if width < MIN_WIDTH || height < MIN_HEIGHT {
        return Screen {
            kind: LayoutKind::TooSmall,
            panes: Vec::new(),
            breadcrumb: None,
            status: area,
        };
    }
    let [body, status] = Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(area);
    if width >= 100 && height >= 16 {
        // Specialty names are short: the hospitals pane gets the rest.
        let areas = Layout::horizontal([
            Constraint::Length(22),
            Constraint::Percentage(34),
            Constraint::Length(20),
            Constraint::Min(30),
        ])
        .split(body);
        let panes = Pane::ALL
            .iter()
            .copied()
            .zip(areas.iter().copied())
            .collect();
        return Screen {
            kind: LayoutKind::Wide,
            panes,
            breadcrumb: None,
            status,
        };
    }
    if width >= 80 && height >= 16 {
        let [left, right] =
            Layout::horizontal([Constraint::Length(34), Constraint::Min(30)]).areas(body);
        let [cities, facilities] = Layout::default()
            .direction(Direction::Vertical)
            .constraints([Constraint::Percentage(35), Constraint::Min(3)])
            .areas(left);
        let [specialties, card] =
            Layout::vertical([Constraint::Percentage(30), Constraint::Min(5)]).areas(right);
        return Screen {
            kind: LayoutKind::Medium,
            panes: vec![
                (Pane::Cities, cities),
                (Pane::Facilities, facilities),
                (Pane::Specialties, specialties),
                (Pane::Card, card),
            ],
            breadcrumb: None,
            status,
        };
    }
    let [breadcrumb, pane] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(body);
    Screen {
        kind: LayoutKind::Compact,
        panes: vec![(focus, pane)],
        breadcrumb: Some(breadcrumb),
        status,
    }
}
