//! The TUI's background path — index built after the first frame, large
//! searches off the UI thread — driven through `update()` and the loop's
//! own `Background` (real threads). With `inline_records` lowered, the
//! shipped data takes the path a 100 000-facility directory takes, and
//! must end where the inline path ends.

mod support;

use std::sync::Arc;
use std::time::{Duration, Instant};

use careguide::search::{Index, Scope, SearchResult};
use careguide::tui::action::{Action, Effect, IndexRef};
use careguide::tui::background::Background;
use careguide::tui::state::{AppState, ColorMode, Mode, Pane, Request};
use careguide::tui::update::{self, update};
use support::{render, shipped, state, text};

/// Every search and index build goes to the background.
fn deferred() -> AppState {
    AppState::with_inline_records(shipped(), 120, 40, ColorMode::Color, 0)
}

fn perform(bg: &mut Background, effects: Vec<Effect>) {
    for effect in effects {
        let other = bg.start(effect).expect("thread");
        assert_eq!(other, None, "only background effects");
    }
}

/// Feeds what the background finishes back through `update` until nothing
/// runs any more.
fn settle(s: &mut AppState, bg: &mut Background) {
    let deadline = Instant::now() + Duration::from_secs(30);
    let others = bg.settle(s, deadline).expect("the background finishes");
    assert!(others.is_empty(), "{others:?}");
}

/// The actions, each followed by its effects and what they finish (a user
/// who waits for the results before the next key).
fn drive(s: &mut AppState, bg: &mut Background, actions: &[Action]) {
    for action in actions {
        let effects = update(s, action.clone());
        perform(bg, effects);
        settle(s, bg);
    }
}

/// Indexed, every search in the background, the hospitals filter open.
fn filtering_hospitals() -> AppState {
    let mut s = deferred();
    s.index = Some(Arc::new(Index::new(&s.dir)));
    support::apply(&mut s, &[Action::NextPane, Action::Filter]);
    s
}

fn searches(effects: &[Effect]) -> Vec<(String, Scope)> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::Search { query, scope, .. } => Some((query.clone(), scope.clone())),
            _ => None,
        })
        .collect()
}

fn typed(text: &str) -> Vec<Action> {
    text.chars().map(Action::Input).collect()
}

fn ranked(s: &AppState, query: &str, scope: Scope) -> SearchResult {
    let index = s.index.as_ref().expect("indexed");
    SearchResult {
        ticket: 0,
        query: query.to_string(),
        scope: scope.clone(),
        ranked: index.rank(query, &scope),
    }
}

#[test]
fn the_first_frame_is_drawn_before_the_index_exists() {
    let mut s = deferred();
    let effects = update::work(&mut s);
    assert!(
        matches!(&effects[..], [Effect::BuildIndex(dir)] if Arc::ptr_eq(dir, &s.dir)),
        "{effects:?}"
    );
    assert!(s.index.is_none());
    assert!(
        update::work(&mut s).is_empty(),
        "the build is asked for once"
    );
    let screen = text(&render(&s));
    assert!(screen.contains("[indexing 0%]"), "{screen}");
    assert!(screen.contains("All cities"), "cities are listed: {screen}");
    assert!(screen.contains("Hohhot"), "{screen}");
    let mut bg = Background::default();
    perform(&mut bg, effects);
    settle(&mut s, &mut bg);
    assert!(s.index.is_some() && s.indexing.is_none());
    let screen = text(&render(&s));
    assert!(!screen.contains("indexing"), "{screen}");
    assert_eq!(
        screen,
        text(&render(&state(120, 40))),
        "as if indexed at once"
    );
}

#[test]
fn a_filter_typed_while_indexing_runs_when_the_index_is_ready() {
    let mut s = deferred();
    let build = update::work(&mut s);
    let mut effects = update(&mut s, Action::NextPane);
    effects.extend(update(&mut s, Action::Filter));
    for action in typed("dental") {
        effects.extend(update(&mut s, action));
    }
    assert!(
        effects.is_empty(),
        "nothing to search with yet: {effects:?}"
    );
    assert!(s.searching(Pane::Facilities));
    let screen = text(&render(&s));
    assert!(screen.contains("/dental"), "{screen}");
    assert!(
        screen.contains("…"),
        "the title says a search is pending: {screen}"
    );
    let mut bg = Background::default();
    perform(&mut bg, build);
    settle(&mut s, &mut bg);
    assert!(!s.searching(Pane::Facilities));
    let mut inline = state(120, 40);
    support::apply(&mut inline, &[Action::NextPane, Action::Filter]);
    support::type_text(&mut inline, "dental");
    assert_eq!(s.facilities, inline.facilities);
    assert_eq!(text(&render(&s)), text(&render(&inline)));
}

/// A pane whose query is blank lists the directory before the index
/// exists; when the index arrives its rows stand (they are not listed
/// again, which at 100 000 facilities would add to the index's peak) and
/// its selection with them.
#[test]
fn the_index_arriving_keeps_a_blank_panes_rows_and_selection() {
    let mut s = deferred();
    let build = update::work(&mut s);
    let actions = [Action::NextPane, Action::Down, Action::Down, Action::Down];
    for action in &actions {
        assert!(update(&mut s, action.clone()).is_empty());
    }
    let (rows, selected) = (s.facilities.rows.as_ptr(), s.facilities.selected);
    assert_eq!(selected, 3);
    let mut bg = Background::default();
    perform(&mut bg, build);
    settle(&mut s, &mut bg);
    assert!(s.index.is_some());
    assert_eq!(s.facilities.rows.as_ptr(), rows, "the same rows");
    assert_eq!(s.facilities.selected, selected);
    let mut inline = state(120, 40);
    support::apply(&mut inline, &actions);
    assert_eq!(s.facilities, inline.facilities);
    assert_eq!(text(&render(&s)), text(&render(&inline)));
}

/// A search asked for and then made moot by clearing the filter is asked
/// for again when the same text is typed again (its late result was
/// dropped while the filter was blank).
#[test]
fn a_search_cleared_before_its_result_is_asked_for_again() {
    let mut s = filtering_hospitals();
    let all = Scope::Facilities { city: None };
    let first = update(&mut s, Action::Input('x'));
    assert_eq!(searches(&first), [("x".to_string(), all.clone())]);
    assert!(searches(&update(&mut s, Action::Erase)).is_empty());
    let index = IndexRef(Arc::clone(s.index.as_ref().expect("indexed")));
    let late = ranked(&s, "x", all.clone());
    update(
        &mut s,
        Action::Searched {
            index,
            result: late,
        },
    );
    let again = update(&mut s, Action::Input('x'));
    assert_eq!(searches(&again), [("x".to_string(), all)]);
}

#[test]
fn background_results_equal_inline_results() {
    let mut bg = Background::default();
    let mut s = deferred();
    let build = update::work(&mut s);
    perform(&mut bg, build);
    settle(&mut s, &mut bg);
    let cases: Vec<Vec<Action>> = vec![
        [vec![Action::NextPane, Action::Filter], typed("hosp")].concat(),
        [vec![Action::Filter], typed("bei"), vec![Action::Accept]].concat(),
        [vec![Action::GlobalSearch], typed("kqyy")].concat(),
        [
            vec![Action::GlobalSearch],
            typed("oasis"),
            vec![Action::Down, Action::Accept],
        ]
        .concat(),
        [
            vec![Action::NextPane, Action::Filter],
            typed("hospital"),
            vec![Action::Erase, Action::Erase, Action::Down],
        ]
        .concat(),
    ];
    for actions in cases {
        let mut s = deferred();
        s.index = Some(Arc::new(Index::new(&s.dir)));
        drive(&mut s, &mut bg, &actions);
        let mut inline = state(120, 40);
        support::apply(&mut inline, &actions);
        for pane in [Pane::Cities, Pane::Facilities, Pane::Specialties] {
            assert_eq!(
                s.list(pane),
                inline.list(pane),
                "{pane:?} after {actions:?}"
            );
        }
        assert_eq!(s.mode, inline.mode, "{actions:?}");
        assert_eq!(text(&render(&s)), text(&render(&inline)), "{actions:?}");
    }
}

#[test]
fn each_search_is_asked_for_once_and_stale_results_are_dropped() {
    let mut s = filtering_hospitals();
    let all = Scope::Facilities { city: None };
    let first = update(&mut s, Action::Input('h'));
    assert_eq!(searches(&first), [("h".to_string(), all.clone())]);
    assert!(searches(&update(&mut s, Action::Down)).is_empty());
    let second = update(&mut s, Action::Input('o'));
    assert_eq!(searches(&second), [("ho".to_string(), all.clone())]);
    let before = s.facilities.rows.clone();
    let index = IndexRef(Arc::clone(s.index.as_ref().expect("indexed")));
    let stale = ranked(&s, "h", all.clone());
    update(
        &mut s,
        Action::Searched {
            index: index.clone(),
            result: stale,
        },
    );
    assert_eq!(
        s.facilities.rows, before,
        "the result for \"h\" came too late"
    );
    assert!(s.searching(Pane::Facilities));
    let other = IndexRef(Arc::new(Index::new(&s.dir)));
    let fresh = ranked(&s, "ho", all.clone());
    update(
        &mut s,
        Action::Searched {
            index: other,
            result: fresh.clone(),
        },
    );
    assert!(
        s.searching(Pane::Facilities),
        "a replaced index's result is dropped"
    );
    update(
        &mut s,
        Action::Searched {
            index,
            result: fresh,
        },
    );
    assert!(!s.searching(Pane::Facilities));
    assert_eq!(
        s.facilities.shown,
        Some(Request {
            query: "ho".into(),
            scope: all
        })
    );
    assert_ne!(s.facilities.rows, before);
}

#[test]
fn an_index_of_replaced_data_is_dropped() {
    let mut s = deferred();
    update::work(&mut s);
    let other = Arc::new(shipped());
    let index = IndexRef(Arc::new(Index::new(&other)));
    update(&mut s, Action::Indexed { dir: other, index });
    assert!(s.index.is_none(), "built for another directory");
    assert_eq!(s.indexing, Some((0, 0)));
    update(&mut s, Action::Indexing { done: 5, total: 10 });
    assert!(text(&render(&s)).contains("[indexing 50%]"));
}

#[test]
fn global_search_opens_empty_and_says_what_to_type() {
    let mut s = state(120, 40);
    update(&mut s, Action::GlobalSearch);
    let Mode::Global(search) = &s.mode else {
        panic!("global search is open");
    };
    assert!(search.hits.is_empty() && !search.searching());
    let screen = text(&render(&s));
    assert!(screen.contains("type a name in English"), "{screen}");
    assert!(!screen.contains("no match"), "{screen}");
}
