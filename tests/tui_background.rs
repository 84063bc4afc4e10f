//! The TUI's background path, driven through `update()`: searches the
//! directory's `Searcher` ranks on its worker (real threads), whose answers
//! the loop feeds back as `Action::Searched`, and the loading state the
//! first frame shows while a data directory loads. With the searcher's
//! inline limit lowered, the shipped data takes the path a 100 000-facility
//! directory takes, and must end where the inline path ends.

mod support;

use std::sync::Arc;
use std::time::{Duration, Instant};

use careguide::data::{DataSource, Sources};
use careguide::search::{Answer, Index, Request, Scope, Searcher};
use careguide::tui::action::{Action, Effect, IndexRef, Reload};
use careguide::tui::state::{AppState, ColorMode, Cursor, Mode, Pane};
use careguide::tui::update::update;
use support::{render, shipped, state, text};

/// Every search with a query goes to the searcher's worker.
fn deferred() -> AppState {
    let dir = Arc::new(shipped());
    let index = Arc::new(Index::new(&dir));
    let search = Searcher::with_inline_records(index, 0);
    AppState::with_search(dir, search, 120, 40, ColorMode::Color)
}

/// Feeds the searcher's answers back through `update`, as the loop does,
/// until it has nothing left to do.
fn settle(s: &mut AppState) {
    let deadline = Instant::now() + Duration::from_secs(30);
    while s.search.busy() {
        assert!(Instant::now() < deadline, "the searcher finishes");
        match s.search.try_recv() {
            Some(answer) => {
                update(s, Action::Searched(answer));
            }
            None => std::thread::sleep(Duration::from_millis(1)),
        }
    }
}

/// The actions, each followed by the answers it brings (a user who waits
/// for the results before the next key).
fn drive(s: &mut AppState, actions: &[Action]) {
    for action in actions {
        let effects = update(s, action.clone());
        assert!(effects.is_empty(), "{effects:?}");
        settle(s);
    }
}

fn typed(text: &str) -> Vec<Action> {
    text.chars().map(Action::Input).collect()
}

fn answer(s: &AppState, query: &str, scope: Scope) -> Answer {
    let ranked = s.search.index().rank(query, &scope);
    Answer {
        request: Request {
            query: query.to_string(),
            scope,
        },
        ranked: ranked.into_iter().map(|(target, _)| target).collect(),
    }
}

#[test]
fn a_filter_answered_in_the_background_shows_its_pending_state_then_the_rows() {
    let mut s = deferred();
    support::apply(&mut s, &[Action::NextPane, Action::Filter]);
    support::apply(&mut s, &typed("dental"));
    assert!(s.searching(Pane::Facilities));
    let screen = text(&render(&s));
    assert!(screen.contains("/dental"), "{screen}");
    assert!(
        screen.contains("…"),
        "the title says a search is pending: {screen}"
    );
    settle(&mut s);
    assert!(!s.searching(Pane::Facilities));
    let mut inline = state(120, 40);
    support::apply(&mut inline, &[Action::NextPane, Action::Filter]);
    support::type_text(&mut inline, "dental");
    assert_eq!(s.facilities, inline.facilities);
    assert_eq!(text(&render(&s)), text(&render(&inline)));
}

/// An answer made moot by clearing the filter is dropped, and the same
/// text typed again is answered again.
#[test]
fn a_search_cleared_before_its_answer_is_answered_again() {
    let mut s = deferred();
    support::apply(&mut s, &[Action::NextPane, Action::Filter]);
    let all = Scope::Facilities { city: None };
    update(&mut s, Action::Input('x'));
    update(&mut s, Action::Erase);
    let late = answer(&s, "x", all.clone());
    update(&mut s, Action::Searched(late));
    assert!(s.facilities.query.is_empty() && !s.searching(Pane::Facilities));
    update(&mut s, Action::Input('x'));
    settle(&mut s);
    assert!(!s.searching(Pane::Facilities));
    assert_eq!(
        s.facilities.answers,
        Some(Request {
            query: "x".into(),
            scope: all
        })
    );
}

#[test]
fn background_results_equal_inline_results() {
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
        drive(&mut s, &actions);
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
fn a_stale_answer_is_dropped() {
    let mut s = deferred();
    support::apply(&mut s, &[Action::NextPane, Action::Filter]);
    let all = Scope::Facilities { city: None };
    support::apply(&mut s, &typed("ho"));
    let before = s.facilities.rows.clone();
    let late = answer(&s, "h", all.clone());
    update(&mut s, Action::Searched(late));
    assert_eq!(
        s.facilities.rows, before,
        "the answer for \"h\" came too late"
    );
    assert!(s.searching(Pane::Facilities));
    let late = answer(&s, "ho", all.clone());
    update(&mut s, Action::Searched(late));
    assert!(!s.searching(Pane::Facilities));
    assert_ne!(s.facilities.rows, before);
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

/// While a data directory loads, the first frame shows the panes and how
/// far the load is; keys wait, but `q` quits at once; the loaded data then
/// replaces the empty directory.
#[test]
fn the_loading_state_waits_for_its_data_and_q_quits_meanwhile() {
    let sources = Sources::shipped(DataSource::Dir("data".into()));
    let mut s = AppState::loading(sources, 120, 40, ColorMode::Color);
    update(
        &mut s,
        Action::Loading {
            done: 103,
            total: 252,
        },
    );
    let screen = text(&render(&s));
    assert!(
        screen.contains("loading 40 % (103 of 252 files)"),
        "{screen}"
    );
    assert!(
        screen.contains("Cities") && screen.contains("Hospitals"),
        "{screen}"
    );
    assert!(update(&mut s, Action::NextPane).is_empty(), "keys wait");
    assert_eq!(s.focus, Pane::Cities);
    assert_eq!(update(&mut s, Action::Quit), [Effect::Quit]);
    let dir = Arc::new(shipped());
    let index = IndexRef(Arc::new(Index::new(&dir)));
    let loaded = Reload {
        directory: dir,
        shipped: Vec::new(),
        personal: Vec::new(),
        index: Some(index),
    };
    update(&mut s, Action::Reloaded(Box::new(loaded)));
    assert_eq!(s.loading, None);
    assert!(
        s.status.is_none(),
        "a first load says nothing: {:?}",
        s.status
    );
    let mut started = state(120, 40);
    started.files = s.files.clone();
    assert_eq!(text(&render(&s)), text(&render(&started)));
}

/// Every scrolled list and overlay keeps its cursor in range at both ends,
/// whatever is asked of it.
#[test]
fn every_cursor_clamps_at_both_ends() {
    let mut cursor = Cursor {
        selected: 50,
        offset: 45,
    };
    cursor.clamp(10, 4);
    assert_eq!(
        cursor,
        Cursor {
            selected: 9,
            offset: 6
        }
    );
    cursor.clamp(0, 4);
    assert_eq!(cursor, Cursor::default());
    let mut s = state(120, 40);
    let far = [Action::Bottom, Action::PageDown, Action::Down, Action::Down];
    let back = [Action::Top, Action::PageUp, Action::Up, Action::Up];
    for pane in [Pane::Cities, Pane::Facilities, Pane::Specialties] {
        while s.focus != pane {
            update(&mut s, Action::NextPane);
        }
        support::apply(&mut s, &far);
        let list = s.list(pane).expect("a list");
        assert_eq!(
            list.cursor.selected,
            list.rows.len().saturating_sub(1),
            "{pane:?}"
        );
        support::apply(&mut s, &back);
        assert_eq!(
            s.list(pane).expect("a list").cursor,
            Cursor::default(),
            "{pane:?}"
        );
    }
    for open in [Action::Emergency, Action::Help] {
        update(&mut s, Action::Back);
        update(&mut s, open);
        support::apply(&mut s, &far);
        let cursor = match &s.mode {
            Mode::Emergency(c) | Mode::Help(c) => *c,
            other => panic!("{other:?}"),
        };
        assert!(cursor.selected < 100 && cursor.offset < 100, "{cursor:?}");
        support::apply(&mut s, &back);
        let cursor = match &s.mode {
            Mode::Emergency(c) | Mode::Help(c) => *c,
            other => panic!("{other:?}"),
        };
        assert_eq!(cursor, Cursor::default());
    }
    update(&mut s, Action::Back);
    update(&mut s, Action::GlobalSearch);
    support::apply(&mut s, &typed("hospital"));
    support::apply(
        &mut s,
        &[Action::PageDown, Action::PageDown, Action::PageDown],
    );
    let Mode::Global(search) = &s.mode else {
        panic!("global search");
    };
    assert_eq!(search.cursor.selected, search.hits.len() - 1);
    support::apply(
        &mut s,
        &[Action::PageUp, Action::PageUp, Action::PageUp, Action::Up],
    );
    let Mode::Global(search) = &s.mode else {
        panic!("global search");
    };
    assert_eq!(search.cursor, Cursor::default());
}
