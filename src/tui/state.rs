//! `AppState`: everything the screen shows, in one value, and nothing else.
//! Lists hold their rows in rank order, a `Cursor` (the selected row and the
//! first row on screen) and the search their rows answer; rendering only
//! reads. Data only: every change is made by `update`, which also builds
//! the state (`AppState::new`), and the read-only questions the drawing and
//! `update` both ask live here.

use std::sync::Arc;

use super::keymap::{Context, Keymap};
use crate::config::Palette;
use crate::data::{Diagnostic, Sources};
use crate::last_place::Place;
use crate::model::Directory;
use crate::search::{Hit, Request, Scope, Searcher, Target, is_blank};

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

/// A scrolled list's selected row and the first row on screen: every list
/// and overlay that scrolls keeps one, and `clamp` keeps it in range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Cursor {
    pub selected: usize,
    pub offset: usize,
}

impl Cursor {
    /// Keeps the selection among `len` rows (the first when there are none)
    /// and on screen in `height` rows, with no blank rows below the last.
    pub fn clamp(&mut self, len: usize, height: usize) {
        let height = height.max(1);
        self.selected = self.selected.min(len.saturating_sub(1));
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + height {
            self.offset = self.selected + 1 - height;
        }
        self.offset = self.offset.min(len.saturating_sub(height));
    }
}

/// What a list row stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowTarget {
    AllCities,
    City(usize),
    Facility(usize),
    Specialty(usize),
}

impl RowTarget {
    /// The row a search target gives (contacts have no list row).
    pub fn of(target: Target) -> Option<RowTarget> {
        match target {
            Target::City(i) => Some(RowTarget::City(i)),
            Target::Facility(i) => Some(RowTarget::Facility(i)),
            Target::Specialty(i) => Some(RowTarget::Specialty(i)),
            Target::Contact { .. } => None,
        }
    }

    /// The search target of the row ("All cities" has none).
    pub fn target(self) -> Option<Target> {
        match self {
            RowTarget::AllCities => None,
            RowTarget::City(i) => Some(Target::City(i)),
            RowTarget::Facility(i) => Some(Target::Facility(i)),
            RowTarget::Specialty(i) => Some(Target::Specialty(i)),
        }
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

/// One list pane: its filter, its rows and what search they answer, its
/// cursor.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ListView {
    pub query: String,
    /// How many characters of the query are after the caret.
    pub after_caret: usize,
    pub filter: FilterState,
    pub rows: Vec<RowTarget>,
    /// How many records there are without the filter ("All cities" is none).
    pub total: usize,
    pub cursor: Cursor,
    /// The search the rows answer (`None` when they answer none yet).
    pub answers: Option<Request>,
}

impl ListView {
    pub fn selected_target(&self) -> Option<RowTarget> {
        self.rows.get(self.cursor.selected).copied()
    }
}

/// The global search overlay: opens empty, ranks every record once
/// something is typed, the hits in `city` first; rows on screen are
/// decorated when drawn.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct GlobalSearch {
    pub query: String,
    /// How many characters of the query are after the caret.
    pub after_caret: usize,
    /// The city whose hits rank first (`None`: everywhere alike).
    pub city: Option<usize>,
    /// The city selected when the search opened: what the toggle returns to.
    pub here: Option<usize>,
    pub hits: Vec<Target>,
    /// The search `hits` answer.
    pub answers: Option<Request>,
    pub cursor: Cursor,
}

impl GlobalSearch {
    /// A search that ranks the hits in `city` first.
    pub fn in_city(city: Option<usize>) -> GlobalSearch {
        GlobalSearch {
            city,
            here: city,
            ..GlobalSearch::default()
        }
    }

    pub fn request(&self) -> Request {
        Request {
            query: self.query.clone(),
            scope: Scope::Global { prefer: self.city },
        }
    }

    /// Whether the hits do not answer the query yet.
    pub fn searching(&self) -> bool {
        self.answers.as_ref() != Some(&self.request())
    }

    /// The query the hits answer (their highlights are of it).
    pub fn answered_query(&self) -> &str {
        self.answers.as_ref().map_or("", |r| r.query.as_str())
    }
}

/// The contact card: which contact is selected, how far it is scrolled,
/// and how its sources are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CardView {
    pub selected: usize,
    pub scroll: u16,
    pub sources: SourcesView,
}

/// How the card shows where its facts come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SourcesView {
    /// A short label beside each fact (`news · China Daily 2025`).
    #[default]
    Labels,
    /// Also every source in full at the end: title, publisher, date, URL or
    /// reference.
    Full,
}

/// What `a` or `n` is adding to a facility.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Adding {
    pub facility: usize,
    /// A note; else a phone number, whose role is asked first.
    pub note: bool,
    /// For a number: whose it is, once given.
    pub role: Option<String>,
    pub text: String,
    /// How many characters of the text are after the caret.
    pub after_caret: usize,
    /// Why the last Enter was refused.
    pub problem: Option<String>,
}

/// What is on top of the panes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    Browse,
    Global(GlobalSearch),
    Help(Cursor),
    /// The emergency numbers; `offset` counts rows of text (`sheet`).
    Emergency(Cursor),
    /// The phrase card, the emergency overlay's second page.
    Phrases(Cursor),
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
    Diagnostics(Cursor),
    /// A number or a note being added to a facility.
    Add(Adding),
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

/// Which colours may be used: all 256 of the palette, the basic ones of a
/// terminal with fewer (the selection is then in reverse video), or none
/// (`NO_COLOR`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColorMode {
    Color,
    Basic,
    NoColor,
}

/// Where the data comes from and what the last load found wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataFiles {
    pub sources: Sources,
    /// Errors of the last load of the shipped data. Not empty: what is on
    /// screen is the last good data, which is stale.
    pub stale: Vec<Diagnostic>,
    /// Problems of the personal files (a file with an error is left out).
    pub personal: Vec<Diagnostic>,
    /// Problems of the config file (what they spoil keeps its default).
    pub config: Vec<Diagnostic>,
}

impl DataFiles {
    pub fn new(sources: Sources) -> Self {
        DataFiles {
            sources,
            stale: Vec::new(),
            personal: Vec::new(),
            config: Vec::new(),
        }
    }

    /// Every problem, the stale data's first, the config file's last.
    pub fn problems(&self) -> Vec<&Diagnostic> {
        self.stale
            .iter()
            .chain(&self.personal)
            .chain(&self.config)
            .collect()
    }

    pub fn stale_errors(&self) -> usize {
        self.stale.iter().filter(|d| d.is_error()).count()
    }

    pub fn personal_errors(&self) -> usize {
        self.personal.iter().filter(|d| d.is_error()).count()
    }

    /// The marker the status bar shows before anything else, if any.
    pub fn marker(&self) -> Option<String> {
        let plural = |n: usize| if n == 1 { "error" } else { "errors" };
        match (self.stale_errors(), self.personal_errors()) {
            (0, 0) if !self.config.is_empty() => Some(format!(
                "config file: {} {}, defaults used there — press D",
                self.config.len(),
                if self.config.len() == 1 {
                    "problem"
                } else {
                    "problems"
                }
            )),
            (0, 0) => None,
            (0, n) => Some(format!(
                "personal files left out: {n} {} — press D",
                plural(n)
            )),
            (n, _) => Some(format!("stale data: {n} {} in files — press D", plural(n))),
        }
    }
}

pub struct AppState {
    pub dir: Arc<Directory>,
    /// The directory's searches, answered now or in the background.
    pub search: Searcher,
    /// While the data loads: files done, and in all.
    pub loading: Option<(usize, usize)>,
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
    /// The keys: the defaults with the config file's remaps.
    pub keymap: Keymap,
    /// The colours the config file sets.
    pub palette: Palette,
    /// The last query a prompt was left with, for `↑` in an empty prompt.
    pub last_query: Option<String>,
}

impl AppState {
    /// The keymap context the state is in: what a key press will mean.
    pub fn context(&self) -> Context {
        match &self.mode {
            Mode::Global(_) | Mode::Add(_) => Context::Typing,
            Mode::Browse
                if self
                    .list(self.focus)
                    .is_some_and(|l| l.filter == FilterState::Editing) =>
            {
                Context::Typing
            }
            Mode::Browse => Context::Browse,
            _ => Context::Overlay,
        }
    }

    /// Where the user is, by ids, to open on next time: the city, and the
    /// facility once they have looked past the cities. `None` while the
    /// data loads.
    pub fn place(&self) -> Option<Place> {
        if self.loading.is_some() {
            return None;
        }
        let facility = match self.focus {
            Pane::Cities => None,
            _ => self.facility(),
        };
        Some(Place {
            city: self.city().map(|c| self.dir.cities[c].id.to_string()),
            facility: facility.map(|f| self.dir.facilities[f].id.to_string()),
        })
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

    /// The search a pane's rows should answer; `None` when the pane has no
    /// rows to show (specialties with no hospital selected).
    pub fn wanted(&self, pane: Pane) -> Option<Request> {
        let scope = match pane {
            Pane::Cities => Scope::Cities,
            Pane::Facilities => Scope::Facilities { city: self.city() },
            Pane::Specialties => Scope::Specialties {
                facility: self.facility()?,
            },
            Pane::Card => return None,
        };
        Some(Request {
            query: self.list(pane)?.query.clone(),
            scope,
        })
    }

    /// The highlights and "via" of the rows on screen: what `query` matched
    /// in each (`None` with a blank query).
    pub fn decorations(&self, query: &str, targets: &[Target]) -> Vec<Option<Hit>> {
        match is_blank(query) {
            true => vec![None; targets.len()],
            false => self.search.index().hits(query, targets),
        }
    }

    /// Whether a pane's rows do not answer its filter yet.
    pub fn searching(&self, pane: Pane) -> bool {
        self.list(pane).is_some_and(|list| {
            self.wanted(pane)
                .is_some_and(|w| list.answers.as_ref() != Some(&w))
        })
    }
}
