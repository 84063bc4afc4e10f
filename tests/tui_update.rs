//! `update()` tests: action sequences in, state and effects out — no
//! terminal and no clipboard. Covers the cascade, filters, focus, every key
//! of the contract in ARCHITECTURE.md, global-search jumps and what is copied.

mod support;

use careguide::search::Target;
use careguide::tui::action::{Action, CopyWhat, Effect};
use careguide::tui::keymap::{Context, Keymap};
use careguide::tui::state::{FilterState, Mode, Pane, RowTarget};
use careguide::tui::update::{jump, update};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use support::{apply, city, facility, go_to, state, type_text};

/// The status line's text (empty when there is none).
fn status_text(s: &careguide::tui::state::AppState) -> String {
    s.status
        .as_ref()
        .map(|st| st.text.clone())
        .unwrap_or_default()
}

fn copy_of(effects: &[Effect]) -> Option<(&str, CopyWhat)> {
    effects.iter().find_map(|e| match e {
        Effect::Copy { text, what } => Some((text.as_str(), *what)),
        _ => None,
    })
}

#[test]
fn a_new_city_resets_the_facility_selection() {
    let mut s = state(120, 40);
    let beijing = city(&s, "beijing");
    jump(&mut s, Target::City(beijing));
    apply(&mut s, &[Action::NextPane, Action::Down, Action::Down]);
    assert_eq!(s.facilities.cursor.selected, 2);
    apply(&mut s, &[Action::PrevPane, Action::Down]);
    assert_eq!(s.facilities.cursor.selected, 0, "new city, first facility");
    let city_now = s.city().expect("a city");
    assert!(s.facilities.rows.iter().all(|r| match r {
        RowTarget::Facility(f) => s.dir.facilities[*f].city == city_now,
        _ => false,
    }));
}

#[test]
fn a_filter_keeps_the_selected_record_while_it_is_visible() {
    let mut s = state(120, 40);
    go_to(&mut s, "oasis-international");
    let oasis = facility(&s, "oasis-international");
    apply(&mut s, &[Action::Filter]);
    type_text(&mut s, "hospital");
    assert_eq!(
        s.facility(),
        Some(oasis),
        "Oasis still visible: still selected"
    );
    type_text(&mut s, " united");
    assert_ne!(s.facility(), Some(oasis), "Oasis filtered out");
    apply(&mut s, &[Action::Back]);
    assert_eq!(s.facilities.query, "");
    assert_eq!(s.facilities.filter, FilterState::Off);
}

#[test]
fn filter_enter_keeps_and_esc_clears() {
    let mut s = state(120, 40);
    apply(&mut s, &[Action::Filter]);
    assert_eq!(s.cities.filter, FilterState::Editing);
    type_text(&mut s, "bei");
    apply(&mut s, &[Action::Accept]);
    assert_eq!(s.cities.filter, FilterState::Kept);
    assert_eq!(s.cities.rows.len(), 1);
    apply(&mut s, &[Action::Back]);
    assert_eq!(s.cities.filter, FilterState::Off);
    assert_eq!(s.cities.rows.len(), s.dir.cities.len() + 1);
}

#[test]
fn focus_moves_through_the_four_panes() {
    let mut s = state(120, 40);
    let mut seen = vec![s.focus];
    for _ in 0..4 {
        apply(&mut s, &[Action::NextPane]);
        seen.push(s.focus);
    }
    assert_eq!(
        seen,
        [
            Pane::Cities,
            Pane::Facilities,
            Pane::Specialties,
            Pane::Card,
            Pane::Cities
        ]
    );
    apply(&mut s, &[Action::PrevPane]);
    assert_eq!(s.focus, Pane::Card);
    apply(&mut s, &[Action::NextPane, Action::Open]);
    assert_eq!(s.focus, Pane::Facilities);
}

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

#[test]
fn every_key_of_the_contract_maps_to_its_action() {
    let ctrl = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL);
    let ch = |c| key(KeyCode::Char(c));
    let browse = [
        (ch('q'), Action::Quit),
        (ctrl('c'), Action::Quit),
        (key(KeyCode::Tab), Action::NextPane),
        (key(KeyCode::BackTab), Action::PrevPane),
        (
            KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT),
            Action::PrevPane,
        ),
        (ch('l'), Action::NextPane),
        (ch('h'), Action::PrevPane),
        (key(KeyCode::Right), Action::NextPane),
        (key(KeyCode::Left), Action::PrevPane),
        (key(KeyCode::Enter), Action::Open),
        (ch('j'), Action::Down),
        (ch('k'), Action::Up),
        (key(KeyCode::Down), Action::Down),
        (key(KeyCode::Up), Action::Up),
        (ch('g'), Action::Top),
        (ch('G'), Action::Bottom),
        (
            KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT),
            Action::Bottom,
        ),
        (key(KeyCode::PageDown), Action::PageDown),
        (key(KeyCode::PageUp), Action::PageUp),
        (ch('/'), Action::Filter),
        (ctrl('p'), Action::GlobalSearch),
        (ch('y'), Action::CopyNumber),
        (ch('Y'), Action::CopyAddress),
        (ch('c'), Action::CopyCard),
        (ch('!'), Action::Emergency),
        (ch('t'), Action::Driver),
        (ch('?'), Action::Help),
        (key(KeyCode::Esc), Action::Back),
    ];
    for (event, action) in browse {
        assert_eq!(
            Keymap::default().action_for(Context::Browse, &event),
            Some(action),
            "{event:?}"
        );
    }
    let typing = [
        (key(KeyCode::Enter), Action::Accept),
        (key(KeyCode::Esc), Action::Back),
        (key(KeyCode::Backspace), Action::Erase),
        (ch('q'), Action::Input('q')),
        (ch('呼'), Action::Input('呼')),
        (ctrl('c'), Action::Quit),
        (key(KeyCode::Down), Action::Down),
    ];
    for (event, action) in typing {
        assert_eq!(
            Keymap::default().action_for(Context::Typing, &event),
            Some(action),
            "{event:?}"
        );
    }
    assert_eq!(
        Keymap::default().action_for(Context::Overlay, &ch('q')),
        Some(Action::Back)
    );
    assert_eq!(
        Keymap::default().action_for(Context::Overlay, &ch('y')),
        Some(Action::CopyNumber)
    );
    assert_eq!(
        Keymap::default().action_for(Context::Overlay, &ch('p')),
        Some(Action::Phrases)
    );
}

#[test]
fn global_search_jumps_to_the_hit() {
    let mut s = state(120, 40);
    apply(&mut s, &[Action::GlobalSearch]);
    type_text(&mut s, "oasis");
    assert!(matches!(s.mode, Mode::Global(_)));
    apply(&mut s, &[Action::Accept]);
    assert_eq!(s.mode, Mode::Browse);
    assert_eq!(s.city(), Some(city(&s, "beijing")));
    assert_eq!(s.facility(), Some(facility(&s, "oasis-international")));
    assert_eq!(s.focus, Pane::Facilities);

    apply(&mut s, &[Action::GlobalSearch]);
    type_text(&mut s, "59850333");
    apply(&mut s, &[Action::Accept]);
    assert_eq!(s.focus, Pane::Card);
    let f = &s.dir.facilities[s.facility().expect("facility")];
    assert_eq!(
        f.contacts[s.card.selected].phone.display,
        "+86 10 5985 0333"
    );
}

/// The city of the first hit that has one (a specialty has none).
fn first_city(s: &careguide::tui::state::AppState) -> Option<usize> {
    let Mode::Global(search) = &s.mode else {
        panic!("the global search is open");
    };
    search.hits.iter().find_map(|&hit| match hit {
        Target::City(c) => Some(c),
        Target::Facility(f) | Target::Contact { facility: f, .. } => Some(s.dir.facilities[f].city),
        Target::Specialty(_) => None,
    })
}

#[test]
fn global_search_ranks_the_selected_city_first_and_tab_widens_it() {
    let mut s = state(120, 40);
    let (hohhot, beijing) = (city(&s, "hohhot"), city(&s, "beijing"));
    jump(&mut s, Target::City(hohhot));
    apply(&mut s, &[Action::GlobalSearch]);
    type_text(&mut s, "emergency");
    assert_eq!(first_city(&s), Some(hohhot), "Hohhot's hits first");
    apply(&mut s, &[Action::ToggleCity]);
    assert!(matches!(&s.mode, Mode::Global(g) if g.city.is_none()));
    assert_eq!(
        first_city(&s),
        Some(beijing),
        "everywhere: Oasis's ER first"
    );
    apply(&mut s, &[Action::ToggleCity]);
    assert_eq!(first_city(&s), Some(hohhot), "and back");
    // With "All cities" selected there is no city to prefer: Tab does nothing.
    apply(&mut s, &[Action::Back]);
    jump(&mut s, Target::City(hohhot));
    apply(&mut s, &[Action::Top, Action::GlobalSearch]);
    type_text(&mut s, "emergency");
    apply(&mut s, &[Action::ToggleCity]);
    assert!(matches!(&s.mode, Mode::Global(g) if g.city.is_none() && g.here.is_none()));
}

#[test]
fn global_search_escape_closes_without_moving() {
    let mut s = state(120, 40);
    apply(&mut s, &[Action::GlobalSearch]);
    type_text(&mut s, "pumch");
    apply(&mut s, &[Action::Back]);
    assert_eq!(s.mode, Mode::Browse);
    assert_eq!(s.city(), None);
}

#[test]
fn copy_actions_return_the_exact_text() {
    let mut s = state(120, 40);
    go_to(&mut s, "oasis-international");
    let effects = apply(&mut s, &[Action::CopyNumber]);
    assert_eq!(
        copy_of(&effects),
        Some(("+86 10 5985 0333", CopyWhat::Number))
    );

    apply(&mut s, &[Action::NextPane, Action::NextPane, Action::Down]);
    assert_eq!(s.focus, Pane::Card);
    let effects = apply(&mut s, &[Action::CopyNumber]);
    assert_eq!(
        copy_of(&effects),
        Some(("+86 400 876 2747", CopyWhat::Number))
    );
    let effects = apply(&mut s, &[Action::Up, Action::CopyNumber]);
    assert_eq!(
        copy_of(&effects),
        Some(("+86 10 5985 0333", CopyWhat::Number))
    );

    let effects = apply(&mut s, &[Action::CopyAddress]);
    let (address, what) = copy_of(&effects).expect("address copied");
    assert_eq!(what, CopyWhat::Address);
    assert!(address.starts_with("No. 9 Jiuxianqiao Bei Lu"), "{address}");

    let effects = apply(&mut s, &[Action::CopyCard]);
    let (card, _) = copy_of(&effects).expect("card copied");
    assert!(
        card.contains("24-hour emergency (ER): +86 10 5985 0333 (official)"),
        "{card}"
    );

    go_to(&mut s, "pumch");
    let effects = apply(&mut s, &[Action::CopyAddress]);
    assert_eq!(
        copy_of(&effects).map(|c| c.0),
        Some("北京市东城区王府井帅府园1号")
    );
}

#[test]
fn no_number_says_so_and_copies_nothing() {
    let mut s = state(120, 40);
    go_to(&mut s, "hospital-356");
    let effects = apply(&mut s, &[Action::CopyNumber]);
    assert!(effects.is_empty());
    let status = s.status.as_ref().expect("a status").text.clone();
    // It says where to go instead: Hohhot's hospital with an emergency
    // department, by its key and number.
    assert!(
        status.starts_with("No sourced number here. Press 1: +86 471 662 0000, Inner Mongolia"),
        "{status}"
    );
    assert!(status.contains('!'), "{status}");
}

/// The numbers `y` copies down the `!` overlay, one `j` apart, until the
/// notes (which have none).
fn copied_down_the_overlay(s: &mut careguide::tui::state::AppState) -> Vec<String> {
    let mut copied = Vec::new();
    while let Some((text, what)) = copy_of(&apply(s, &[Action::CopyNumber])) {
        assert_eq!(what, CopyWhat::Number);
        copied.push(text.to_string());
        apply(s, &[Action::Down]);
    }
    copied
}

#[test]
fn emergency_overlay_puts_the_facility_er_first_then_120_then_the_city() {
    let mut s = state(120, 40);
    go_to(&mut s, "oasis-international");
    apply(&mut s, &[Action::Emergency]);
    let copied = copied_down_the_overlay(&mut s);
    let mut expected = vec!["+86 10 5985 0333".to_string(), "120".to_string()];
    let beijing = &s.dir.cities[city(&s, "beijing")];
    expected.extend(
        beijing
            .emergency
            .iter()
            .map(|n| n.number.display.to_string()),
    );
    expected.extend(
        (s.dir.emergency.iter())
            .filter(|n| n.number.display != "120")
            .map(|n| n.number.display.to_string()),
    );
    assert_eq!(copied, expected);
    assert_eq!(&expected[2..4], ["999", "114"]);
    // Past the numbers, the notes: nothing to copy, and the status says so.
    let status = status_text(&s);
    assert!(status.starts_with("Nothing to copy here"), "{status}");
    apply(&mut s, &[Action::Qr]);
    assert!(matches!(s.mode, Mode::Emergency(_)), "no QR code of a note");
    apply(&mut s, &[Action::Top, Action::Qr]);
    assert!(
        matches!(&s.mode, Mode::Qr { uri, .. } if uri == "tel:+861059850333"),
        "{:?}",
        s.mode
    );
    apply(&mut s, &[Action::Back]);
    assert_eq!(s.mode, Mode::Browse);
}

#[test]
fn emergency_overlay_in_hohhot_starts_with_120_and_has_no_city_numbers() {
    let mut s = state(120, 40);
    let hohhot = city(&s, "hohhot");
    jump(&mut s, Target::City(hohhot));
    apply(&mut s, &[Action::Emergency]);
    let copied = copied_down_the_overlay(&mut s);
    let nationwide: Vec<String> = (s.dir.emergency.iter())
        .map(|n| n.number.display.to_string())
        .collect();
    assert_eq!(copied[0], "120");
    assert_eq!(copied.len(), nationwide.len());
    assert!(nationwide.iter().all(|n| copied.contains(n)));
}

/// At 80×24 the overlay scrolls: `G` shows its last row, `g` its first,
/// and every row is reached one `j` at a time.
#[test]
fn emergency_overlay_scrolls_to_its_last_row_at_80x24() {
    use careguide::tui::sheet;
    for page in [Action::Emergency, Action::Phrases] {
        let mut s = state(80, 24);
        go_to(&mut s, "oasis-international");
        apply(&mut s, &[Action::Emergency]);
        if page == Action::Phrases {
            apply(&mut s, &[Action::Phrases]);
        }
        let (_, laid) = sheet::page(&s).expect("a page is open");
        let rows = careguide::tui::layout::overlay_rows(24);
        assert!(laid.rows.len() > rows, "{page:?} is longer than the screen");
        apply(&mut s, &[Action::Bottom]);
        let (Mode::Emergency(cursor) | Mode::Phrases(cursor)) = s.mode.clone() else {
            panic!("{:?}", s.mode);
        };
        assert_eq!(cursor.selected, laid.entries.len() - 1);
        assert_eq!(cursor.offset, laid.rows.len() - rows);
        apply(&mut s, &[Action::Top]);
        let (Mode::Emergency(cursor) | Mode::Phrases(cursor)) = s.mode.clone() else {
            panic!("{:?}", s.mode);
        };
        assert_eq!(cursor, Default::default());
        let mut seen = 0;
        for _ in 0..laid.rows.len() {
            apply(&mut s, &[Action::Down]);
            let (Mode::Emergency(cursor) | Mode::Phrases(cursor)) = s.mode.clone() else {
                panic!("{:?}", s.mode);
            };
            seen = seen.max(cursor.offset + rows);
        }
        assert_eq!(seen, laid.rows.len(), "{page:?}: every row reached");
    }
}

#[test]
fn p_opens_the_phrase_card_and_y_copies_a_phrase() {
    let mut s = state(120, 40);
    apply(&mut s, &[Action::Emergency, Action::Phrases]);
    assert!(matches!(s.mode, Mode::Phrases(_)));
    let first = &s.dir.phrases[0];
    assert_eq!(first.zh, "救命!");
    let effects = apply(&mut s, &[Action::CopyNumber]);
    assert_eq!(copy_of(&effects), Some(("救命!", CopyWhat::Phrase)));
    apply(&mut s, &[Action::Phrases]);
    assert!(matches!(s.mode, Mode::Emergency(_)), "p again: the numbers");
    apply(&mut s, &[Action::Phrases, Action::Back]);
    assert_eq!(s.mode, Mode::Browse);
}

#[test]
fn t_on_an_online_service_says_why_there_is_no_driver_card() {
    let mut s = state(120, 40);
    go_to(&mut s, "ping-an-good-doctor");
    apply(&mut s, &[Action::Driver]);
    assert_eq!(s.mode, Mode::Browse);
    let status = status_text(&s);
    assert_eq!(
        status,
        "Ping An Good Doctor is an online service, with no address to drive to: use its app or website"
    );
}

#[test]
fn t_says_in_the_status_what_the_driver_card_cannot_show() {
    let mut s = state(120, 40);
    go_to(&mut s, "oasis-international");
    apply(&mut s, &[Action::Driver]);
    assert_eq!(s.mode, Mode::Driver);
    let status = status_text(&s);
    assert_eq!(
        status,
        "No 汉字 name or 汉字 address is known for Oasis International Hospital"
    );
    apply(&mut s, &[Action::Back]);
    go_to(&mut s, "pumch");
    apply(&mut s, &[Action::ClearStatus, Action::Driver]);
    assert_eq!(s.mode, Mode::Driver);
    assert_eq!(s.status, None, "everything is known for PUMCH");
    apply(&mut s, &[Action::Back]);
    go_to(&mut s, "hospital-356");
    apply(&mut s, &[Action::Driver]);
    let status = status_text(&s);
    assert!(
        status.starts_with("No 汉字 name, 汉字 address or phone number is known for"),
        "{status}"
    );
    assert!(status.ends_with("press ! for emergency numbers (120: ambulance)"));
}

#[test]
fn a_failed_copy_shows_the_value_and_claims_nothing() {
    let mut s = state(120, 40);
    update(
        &mut s,
        Action::CopyDone {
            ok: false,
            message: "copying is turned off".to_string(),
            value: "+86 10 5985 0333".to_string(),
        },
    );
    assert!(matches!(&s.mode, Mode::CopyFailed { value, .. } if value == "+86 10 5985 0333"));
    assert!(s.status.as_ref().unwrap().text.starts_with("Not copied"));
}

/// A click that focuses the cities pane turns the card into the city's,
/// from its top, as the keys that focus it do.
#[test]
fn a_click_on_the_cities_pane_shows_the_city_card_from_its_top() {
    let mut s = state(120, 40);
    update(&mut s, Action::Click { column: 40, row: 1 });
    assert_eq!(s.focus, Pane::Facilities);
    s.card.scroll = 3;
    s.card.selected = 2;
    // On the pane's border: a focus without a new selection.
    update(&mut s, Action::Click { column: 5, row: 0 });
    assert_eq!(s.focus, Pane::Cities);
    assert_eq!((s.card.scroll, s.card.selected), (0, 0));
}

#[test]
fn clicks_focus_and_select_and_the_wheel_scrolls() {
    let mut s = state(120, 40);
    // Row 3 of the cities pane (y = 3 → the third row inside the border).
    update(&mut s, Action::Click { column: 5, row: 3 });
    assert_eq!(s.focus, Pane::Cities);
    assert_eq!(s.cities.cursor.selected, 2);
    update(&mut s, Action::Click { column: 40, row: 1 });
    assert_eq!(s.focus, Pane::Facilities);
    update(
        &mut s,
        Action::Scroll {
            column: 40,
            row: 5,
            down: true,
        },
    );
    assert_eq!(s.facilities.cursor.selected, 1);
}

#[test]
fn resizing_reclamps_and_never_panics() {
    let mut s = state(120, 40);
    apply(&mut s, &[Action::NextPane, Action::Bottom]);
    for (width, height) in [(0, 0), (1, 1), (19, 4), (20, 5), (300, 100), (80, 24)] {
        update(&mut s, Action::Resize { width, height });
        let _ = support::render(&s);
    }
    let height = 24usize - 1 - 2;
    assert!(s.facilities.cursor.selected >= s.facilities.cursor.offset);
    assert!(s.facilities.cursor.selected < s.facilities.cursor.offset + height);
}

#[test]
fn a_new_facility_starts_its_card_and_specialties_from_the_top() {
    let mut s = state(120, 40);
    go_to(&mut s, "oasis-international");
    apply(&mut s, &[Action::NextPane, Action::Down]);
    assert_eq!(s.specialties.cursor.selected, 1);
    apply(&mut s, &[Action::NextPane, Action::Down]);
    assert_eq!(s.card.selected, 1);
    apply(&mut s, &[Action::PrevPane, Action::PrevPane, Action::Down]);
    assert_eq!(s.focus, Pane::Facilities);
    assert_ne!(s.facility(), Some(facility(&s, "oasis-international")));
    assert_eq!(s.card.selected, 0);
    assert_eq!(s.specialties.cursor.selected, 0);
}

/// A paste is text, never keys: in a list it opens the filter with its
/// first line (like fzf); where there is no prompt it is dropped with a
/// word in the status line.
#[test]
fn a_paste_fills_a_prompt_and_nothing_else() {
    let mut s = state(120, 40);
    apply(&mut s, &[Action::NextPane]);
    let effects = apply(&mut s, &[Action::Paste("Peking Union\re\rq".into())]);
    assert!(effects.is_empty(), "{effects:?}");
    assert_eq!(s.facilities.filter, FilterState::Editing);
    assert_eq!(s.facilities.query, "Peking Union");
    let pumch = facility(&s, "pumch");
    assert_eq!(s.facilities.rows.first(), Some(&RowTarget::Facility(pumch)));
    let status = s.status.as_ref().map(|st| st.text.as_str());
    assert_eq!(status, Some("Pasted text cut at its first line break"));

    apply(&mut s, &[Action::Back, Action::GlobalSearch]);
    apply(&mut s, &[Action::Paste("59850333".into())]);
    let Mode::Global(search) = &s.mode else {
        panic!("global search is open");
    };
    assert_eq!(search.query, "59850333");

    apply(&mut s, &[Action::Back, Action::Help]);
    apply(&mut s, &[Action::Paste("q".into())]);
    assert!(matches!(s.mode, Mode::Help { .. }), "help stays open");
    let status = s.status.as_ref().map(|st| st.text.as_str());
    assert_eq!(
        status,
        Some("Nothing here takes pasted text; close this first")
    );

    apply(&mut s, &[Action::Back, Action::NextPane, Action::NextPane]);
    assert_eq!(s.focus, Pane::Card);
    apply(&mut s, &[Action::Paste("oasis".into())]);
    assert!(
        s.status
            .as_ref()
            .is_some_and(|st| st.text.starts_with("Paste into a filter"))
    );
}

/// Typing is held to the query's caps too: a burst of keys cannot make
/// each keystroke's search longer without end.
#[test]
fn typing_stops_at_the_query_caps() {
    let mut s = state(120, 40);
    apply(&mut s, &[Action::Filter]);
    type_text(&mut s, &"b".repeat(1000));
    assert_eq!(
        s.cities.query.chars().count(),
        careguide::search::MAX_QUERY_CHARS
    );
    let status = s.status.as_ref().map(|st| st.text.as_str());
    assert_eq!(status, Some("A query takes at most 256 characters"));
}
