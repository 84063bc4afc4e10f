//! Property test: random terminal sizes from 0×0 to 300×100 and random key
//! sequences (through the real keymap) never make update or render panic.

mod support;

use careguide::tui::action::Action;
use careguide::tui::update::update;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use proptest::prelude::*;

fn key_strategy() -> impl Strategy<Value = KeyEvent> {
    let codes = prop_oneof![
        Just(KeyCode::Tab),
        Just(KeyCode::BackTab),
        Just(KeyCode::Enter),
        Just(KeyCode::Esc),
        Just(KeyCode::Backspace),
        Just(KeyCode::Up),
        Just(KeyCode::Down),
        Just(KeyCode::Left),
        Just(KeyCode::Right),
        Just(KeyCode::PageUp),
        Just(KeyCode::PageDown),
        Just(KeyCode::Home),
        Just(KeyCode::End),
        prop::sample::select(vec![
            '/', 'j', 'k', 'g', 'G', 'h', 'l', 'y', 'Y', 'c', '!', 't', 'p', 'Q', '?', 'o', 'a',
            's', '呼', '\'', '^', '$', ' ', 'x', '\u{1b}', '\u{202e}',
        ])
        .prop_map(KeyCode::Char),
    ];
    // Ctrl-c quits, which ends nothing here but is covered by update tests;
    // leave `q` out so sequences stay long.
    (codes, prop::bool::weighted(0.05)).prop_map(|(code, ctrl)| {
        let modifiers = if ctrl && code == KeyCode::Char('p') {
            KeyModifiers::CONTROL
        } else {
            KeyModifiers::NONE
        };
        KeyEvent::new(code, modifiers)
    })
}

#[derive(Debug)]
enum Step {
    Key(KeyEvent),
    Resize(u16, u16),
    Click(u16, u16),
}

fn step_strategy() -> impl Strategy<Value = Step> {
    prop_oneof![
        8 => key_strategy().prop_map(Step::Key),
        1 => (0u16..=300, 0u16..=100).prop_map(|(w, h)| Step::Resize(w, h)),
        1 => (0u16..=300, 0u16..=100).prop_map(|(c, r)| Step::Click(c, r)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn random_sizes_and_keys_never_panic(
        width in 0u16..=300,
        height in 0u16..=100,
        steps in prop::collection::vec(step_strategy(), 0..40),
    ) {
        let mut state = support::state(width, height);
        let _ = support::render(&state);
        for step in steps {
            let action = match step {
                Step::Key(key) => state.keymap.action_for(state.context(), &key),
                Step::Resize(width, height) => Some(Action::Resize { width, height }),
                Step::Click(column, row) => Some(Action::Click { column, row }),
            };
            if let Some(action) = action {
                update(&mut state, action);
            }
            let _ = support::render(&state);
        }
    }
}
