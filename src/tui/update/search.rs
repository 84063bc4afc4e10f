//! The background half of searching: what the state still needs after an
//! action (an index build, searches too large to run inline), turned into
//! effects; and what their results do when they come back — results of an
//! index or a query that has been replaced since are dropped.

use std::sync::Arc;

use super::super::action::{Effect, IndexRef};
use super::super::state::{AppState, ListView, Mode, Pane, Request};
use crate::model::Directory;
use crate::search::{Index, SearchResult};

const LISTS: [Pane; 3] = [Pane::Cities, Pane::Facilities, Pane::Specialties];

/// The index build and searches the state waits for and has not asked for.
pub fn work(state: &mut AppState) -> Vec<Effect> {
    let Some(index) = state.index.clone() else {
        if state.indexing.is_some() {
            return Vec::new();
        }
        state.indexing = Some((0, 0));
        return vec![Effect::BuildIndex(Arc::clone(&state.dir))];
    };
    let mut wanted: Vec<Request> = Vec::new();
    for pane in LISTS {
        let Some(request) = state.wanted(pane) else {
            continue;
        };
        if let Some(list) = state.list_mut(pane)
            && ask(&mut list.shown, &mut list.requested, &request)
        {
            wanted.push(request);
        }
    }
    if let Mode::Global(search) = &mut state.mode {
        let request = search.request();
        if ask(&mut search.shown, &mut search.requested, &request) {
            wanted.push(request);
        }
    }
    wanted
        .into_iter()
        .map(|Request { query, scope }| Effect::Search {
            index: IndexRef(Arc::clone(&index)),
            query,
            scope,
        })
        .collect()
}

/// Whether `request` must be sent: it is neither shown nor on its way.
fn ask(shown: &mut Option<Request>, requested: &mut Option<Request>, request: &Request) -> bool {
    if shown.as_ref() == Some(request) || requested.as_ref() == Some(request) {
        return false;
    }
    *requested = Some(request.clone());
    true
}

/// A background search came back: the pane (or global search) still
/// wanting exactly that query and scope shows it, keeping its selection.
pub(super) fn searched(state: &mut AppState, index: &IndexRef, result: SearchResult) {
    if !state
        .index
        .as_ref()
        .is_some_and(|i| Arc::ptr_eq(i, &index.0))
    {
        return;
    }
    let request = Request {
        query: result.query,
        scope: result.scope,
    };
    let targets = result
        .ranked
        .into_iter()
        .map(|(target, _)| target)
        .collect();
    if let Mode::Global(search) = &mut state.mode
        && search.request() == request
    {
        search.hits = targets;
        search.shown = Some(request);
        search.requested = None;
        search.selected = 0;
        search.offset = 0;
        return;
    }
    let Some(pane) = LISTS
        .into_iter()
        .find(|&pane| state.wanted(pane).as_ref() == Some(&request))
    else {
        return;
    };
    let keep = state.list(pane).and_then(ListView::selected_target);
    let (city, facility) = (state.city(), state.facility());
    state.show(pane, request, targets, keep);
    match pane {
        Pane::Cities => state.cities_changed(city),
        Pane::Facilities => state.facilities_changed(facility, true),
        Pane::Specialties | Pane::Card => {}
    }
}

/// The index of the state's directory is ready: every pane and the global
/// search run their queries again, keeping their selections.
pub(super) fn indexed(state: &mut AppState, dir: &Arc<Directory>, index: Arc<Index>) {
    if !Arc::ptr_eq(dir, &state.dir) {
        return;
    }
    state.index = Some(index);
    state.indexing = None;
    state.refresh_cities();
    state.refresh_facilities(true);
    state.refresh_global();
}

/// Progress of the index build, for the status bar.
pub(super) fn indexing(state: &mut AppState, done: usize, total: usize) {
    if state.index.is_none() && state.indexing.is_some() {
        state.indexing = Some((done, total));
    }
}
