//! How the list panes and the global search get their rows: the search
//! each should show (`wanted`), computed at once when it can be (an empty
//! query lists the directory, a small scope is ranked here), otherwise
//! left to a background search; and the cascade when rows change (a new
//! city lists its hospitals, a new hospital its card and specialties).

use super::state::{AppState, CardView, Mode, Pane, Request, RowTarget};
use crate::search::{self, Hit, Scope, Target};

impl AppState {
    /// The search a pane's rows should be the result of; `None` when the
    /// pane has no rows to show (specialties with no hospital selected).
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

    /// Whether a pane's rows are not yet those of its filter.
    pub fn searching(&self, pane: Pane) -> bool {
        self.list(pane).is_some_and(|list| {
            self.wanted(pane)
                .is_some_and(|w| list.shown.as_ref() != Some(&w))
        })
    }

    /// The ranking of `request` if it can be had at once: an empty query
    /// lists the directory, a small scope is ranked here. `None` means a
    /// background search (or the index) is needed.
    pub fn ranked_now(&self, request: &Request) -> Option<Vec<Target>> {
        if search::is_blank(&request.query) {
            return Some(search::listing(&self.dir, &request.scope));
        }
        let index = self.index.as_ref()?;
        (index.count(&request.scope) <= self.inline_records).then(|| {
            index
                .rank(&request.query, &request.scope)
                .into_iter()
                .map(|(target, _)| target)
                .collect()
        })
    }

    /// The highlights and "via" of the rows on screen: what the filter
    /// matched in each (`None` with a blank query or no index yet).
    pub fn decorations(&self, query: &str, targets: &[Target]) -> Vec<Option<Hit>> {
        match &self.index {
            Some(index) if !search::is_blank(query) => index.hits(query, targets),
            _ => vec![None; targets.len()],
        }
    }

    /// Shows `targets` (the ranking of `request`) in `pane`, keeping `keep`
    /// selected if it is among them.
    pub fn show(
        &mut self,
        pane: Pane,
        request: Request,
        targets: Vec<Target>,
        keep: Option<RowTarget>,
    ) {
        let all_cities = pane == Pane::Cities && request.query.is_empty();
        let Some(list) = self.list_mut(pane) else {
            return;
        };
        let mut rows: Vec<RowTarget> = targets.into_iter().filter_map(RowTarget::of).collect();
        if all_cities {
            rows.insert(0, RowTarget::AllCities);
        }
        list.set_rows(rows, keep);
        list.shown = Some(request);
        list.requested = None;
    }

    /// Recomputes a pane's rows if that can be done at once; otherwise the
    /// rows stay while only the query changes (a background search will
    /// replace them) and are emptied when the scope changed.
    fn fill(&mut self, pane: Pane, keep: Option<RowTarget>) {
        let wanted = self.wanted(pane);
        let total = wanted.as_ref().map_or(0, |w| {
            search::count(&self.dir, &w.scope) + usize::from(pane == Pane::Cities)
        });
        if let Some(list) = self.list_mut(pane) {
            list.total = total;
        }
        // A blank query's rows are the directory's listing: shown already,
        // they stand, and the selection and the pending search are as
        // `show` would leave them, so that the index's arrival does not list 100 000 facilities
        // again at its peak.
        if let Some(list) = self.list_mut(pane)
            && let Some(w) = &wanted
            && search::is_blank(&w.query)
            && list.shown.as_ref() == Some(w)
        {
            list.selected = keep
                .and_then(|k| list.rows.iter().position(|&r| r == k))
                .unwrap_or(0);
            list.requested = None;
            return;
        }
        let now = wanted.as_ref().and_then(|w| self.ranked_now(w));
        match (wanted, now) {
            (Some(request), Some(targets)) => self.show(pane, request, targets, keep),
            (Some(request), None) => {
                if let Some(list) = self.list_mut(pane)
                    && list
                        .shown
                        .as_ref()
                        .is_some_and(|s| s.scope != request.scope)
                {
                    list.rows.clear();
                    list.selected = 0;
                    list.shown = None;
                }
            }
            (None, _) => {
                if let Some(list) = self.list_mut(pane) {
                    list.rows.clear();
                    list.selected = 0;
                    list.shown = None;
                    list.requested = None;
                }
            }
        }
    }

    /// Recomputes the city rows and everything that cascades from them.
    pub fn refresh_cities(&mut self) {
        let keep = self.cities.selected_target();
        let before = self.city();
        self.fill(Pane::Cities, keep);
        self.cities_changed(before);
    }

    /// After the city rows changed: a new city starts its hospitals from
    /// the top.
    pub fn cities_changed(&mut self, before: Option<usize>) {
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
        self.fill(Pane::Facilities, target);
        self.facilities_changed(before, keep);
    }

    /// After the facility rows changed: another facility starts its card
    /// and specialties from the top; the same one keeps them.
    pub fn facilities_changed(&mut self, before: Option<usize>, keep: bool) {
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
        self.fill(Pane::Specialties, target);
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

    /// Re-runs the global search after its query changed: at once when
    /// possible (an empty query shows nothing), else in the background.
    pub fn refresh_global(&mut self) {
        let Mode::Global(search) = &self.mode else {
            return;
        };
        let request = search.request();
        let now = if search::is_blank(&request.query) {
            Some(Vec::new())
        } else {
            self.ranked_now(&request)
        };
        if let (Mode::Global(search), Some(hits)) = (&mut self.mode, now) {
            search.hits = hits;
            search.shown = Some(request);
            search.requested = None;
            search.selected = 0;
            search.offset = 0;
        }
    }
}
