//! The one keymap: key → action per input context. The help overlay and the
//! status-bar hints are generated from this table, so they cannot go stale.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;

/// Where a key is read: it decides which bindings apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// Browsing the panes.
    Browse,
    /// Typing a filter or a global search.
    Typing,
    /// An overlay (help, emergency numbers, driver card, popups).
    Overlay,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

const fn key(code: KeyCode) -> Key {
    Key {
        code,
        modifiers: KeyModifiers::NONE,
    }
}

const fn ch(c: char) -> Key {
    key(KeyCode::Char(c))
}

const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        modifiers: KeyModifiers::CONTROL,
    }
}

pub struct Binding {
    pub keys: &'static [Key],
    pub action: Action,
    pub help: &'static str,
    pub contexts: &'static [Context],
}

use Context::{Browse, Overlay, Typing};

const ALL: &[Context] = &[Browse, Typing, Overlay];

/// The default bindings, in the order help shows them.
pub static BINDINGS: &[Binding] = &[
    Binding {
        keys: &[ch('q'), ctrl('c')],
        action: Action::Quit,
        help: "quit",
        contexts: &[Browse],
    },
    Binding {
        keys: &[ctrl('c')],
        action: Action::Quit,
        help: "quit",
        contexts: &[Typing, Overlay],
    },
    Binding {
        keys: &[ctrl('z')],
        action: Action::Suspend,
        help: "suspend (the shell's fg resumes)",
        contexts: ALL,
    },
    Binding {
        keys: &[key(KeyCode::Tab), ch('l'), key(KeyCode::Right)],
        action: Action::NextPane,
        help: "next pane",
        contexts: &[Browse],
    },
    Binding {
        keys: &[key(KeyCode::BackTab), ch('h'), key(KeyCode::Left)],
        action: Action::PrevPane,
        help: "previous pane",
        contexts: &[Browse],
    },
    Binding {
        keys: &[key(KeyCode::Enter)],
        action: Action::Open,
        help: "open: focus the next pane",
        contexts: &[Browse],
    },
    Binding {
        keys: &[ch('j'), key(KeyCode::Down)],
        action: Action::Down,
        help: "move down",
        contexts: &[Browse, Overlay],
    },
    Binding {
        keys: &[ch('k'), key(KeyCode::Up)],
        action: Action::Up,
        help: "move up",
        contexts: &[Browse, Overlay],
    },
    Binding {
        keys: &[key(KeyCode::Down), ctrl('n'), ctrl('j')],
        action: Action::Down,
        help: "next result",
        contexts: &[Typing],
    },
    Binding {
        keys: &[key(KeyCode::Up), ctrl('p'), ctrl('k')],
        action: Action::Up,
        help: "previous result",
        contexts: &[Typing],
    },
    Binding {
        keys: &[ch('g'), key(KeyCode::Home)],
        action: Action::Top,
        help: "first row",
        contexts: &[Browse, Overlay],
    },
    Binding {
        keys: &[ch('G'), key(KeyCode::End)],
        action: Action::Bottom,
        help: "last row",
        contexts: &[Browse, Overlay],
    },
    Binding {
        keys: &[key(KeyCode::PageDown)],
        action: Action::PageDown,
        help: "page down",
        contexts: ALL,
    },
    Binding {
        keys: &[key(KeyCode::PageUp)],
        action: Action::PageUp,
        help: "page up",
        contexts: ALL,
    },
    Binding {
        keys: &[ch('/')],
        action: Action::Filter,
        help: "filter this pane",
        contexts: &[Browse],
    },
    Binding {
        keys: &[ctrl('p')],
        action: Action::GlobalSearch,
        help: "search everything",
        contexts: &[Browse],
    },
    Binding {
        keys: &[ch('y')],
        action: Action::CopyNumber,
        help: "copy the phone number",
        contexts: &[Browse, Overlay],
    },
    Binding {
        keys: &[ch('Y')],
        action: Action::CopyAddress,
        help: "copy the address",
        contexts: &[Browse],
    },
    Binding {
        keys: &[ch('c')],
        action: Action::CopyCard,
        help: "copy the whole card",
        contexts: &[Browse],
    },
    Binding {
        keys: &[ch('Q')],
        action: Action::Qr,
        help: "QR code of the phone number (scan to call)",
        contexts: &[Browse, Overlay],
    },
    Binding {
        keys: &[ch('!')],
        action: Action::Emergency,
        help: "emergency numbers",
        contexts: &[Browse],
    },
    Binding {
        keys: &[ch('t')],
        action: Action::Driver,
        help: "show to driver (汉字 name and address)",
        contexts: &[Browse],
    },
    Binding {
        keys: &[ch('e')],
        action: Action::Edit,
        help: "edit the record (or problem) in $EDITOR",
        contexts: &[Browse, Overlay],
    },
    Binding {
        keys: &[ch('r')],
        action: Action::Reload,
        help: "reload the data files",
        contexts: &[Browse, Overlay],
    },
    Binding {
        keys: &[ch('D')],
        action: Action::Diagnostics,
        help: "problems in the data files (show / hide)",
        contexts: &[Browse, Overlay],
    },
    Binding {
        keys: &[ch('s')],
        action: Action::Sources,
        help: "sources of the card in full (show / hide)",
        contexts: &[Browse],
    },
    Binding {
        keys: &[ch('?')],
        action: Action::Help,
        help: "help",
        contexts: &[Browse],
    },
    Binding {
        keys: &[key(KeyCode::Enter)],
        action: Action::Accept,
        help: "keep the filter / go to the result",
        contexts: &[Typing],
    },
    Binding {
        keys: &[key(KeyCode::Backspace)],
        action: Action::Erase,
        help: "delete a character",
        contexts: &[Typing],
    },
    Binding {
        keys: &[key(KeyCode::Esc)],
        action: Action::Back,
        help: "clear the filter",
        contexts: &[Browse, Typing],
    },
    Binding {
        keys: &[key(KeyCode::Esc), ch('q')],
        action: Action::Back,
        help: "close",
        contexts: &[Overlay],
    },
];

/// The action for a key in a context, if any. While typing, plain
/// characters are text.
pub fn action_for(context: Context, event: &KeyEvent) -> Option<Action> {
    // Terminals differ on whether Shift comes with upper-case letters and
    // BackTab; compare without it for characters.
    let modifiers = match event.code {
        KeyCode::Char(_) | KeyCode::BackTab => event.modifiers - KeyModifiers::SHIFT,
        _ => event.modifiers,
    };
    let pressed = Key {
        code: event.code,
        modifiers,
    };
    let bound = BINDINGS
        .iter()
        .filter(|b| b.contexts.contains(&context))
        .find(|b| b.keys.contains(&pressed))
        .map(|b| b.action.clone());
    match (bound, context, event.code) {
        (Some(action), _, _) => Some(action),
        (None, Context::Typing, KeyCode::Char(c)) if !modifiers.contains(KeyModifiers::CONTROL) => {
            Some(Action::Input(c))
        }
        _ => None,
    }
}

/// A key as help shows it: `q`, `Ctrl-c`, `Shift-Tab`, `↓`.
pub fn key_label(key: &Key) -> String {
    let base = match key.code {
        KeyCode::Char(' ') => "Space".to_string(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::Tab => "Tab".to_string(),
        KeyCode::BackTab => "Shift-Tab".to_string(),
        KeyCode::Enter => "Enter".to_string(),
        KeyCode::Esc => "Esc".to_string(),
        KeyCode::Backspace => "Backspace".to_string(),
        KeyCode::Up => "↑".to_string(),
        KeyCode::Down => "↓".to_string(),
        KeyCode::Left => "←".to_string(),
        KeyCode::Right => "→".to_string(),
        KeyCode::Home => "Home".to_string(),
        KeyCode::End => "End".to_string(),
        KeyCode::PageUp => "PgUp".to_string(),
        KeyCode::PageDown => "PgDn".to_string(),
        other => format!("{other:?}"),
    };
    if key.modifiers.contains(KeyModifiers::CONTROL) {
        format!("Ctrl-{base}")
    } else {
        base
    }
}

/// The keys bound to an action in a context, joined for display (`j/↓`).
pub fn keys_for(action: Action, context: Context) -> Option<String> {
    let keys: Vec<String> = BINDINGS
        .iter()
        .filter(|b| b.action == action && b.contexts.contains(&context))
        .flat_map(|b| b.keys.iter().map(key_label))
        .collect();
    (!keys.is_empty()).then(|| keys.join("/"))
}

/// Short hints for the status bar: `(keys, label)` pairs for a context.
pub fn hints(context: Context, actions: &[(Action, &'static str)]) -> Vec<(String, &'static str)> {
    actions
        .iter()
        .filter_map(|(action, label)| {
            let first = BINDINGS
                .iter()
                .find(|b| b.action == *action && b.contexts.contains(&context))?;
            Some((key_label(&first.keys[0]), *label))
        })
        .collect()
}

/// The keys table of the README, generated from the bindings (a test keeps
/// the README's copy equal to this).
pub fn markdown_table() -> String {
    let mut out = String::from("| keys | action | where |\n|---|---|---|\n");
    for binding in BINDINGS {
        let keys: Vec<String> = binding
            .keys
            .iter()
            .map(|k| format!("`{}`", key_label(k)))
            .collect();
        let place: Vec<&str> = binding
            .contexts
            .iter()
            .map(|c| match c {
                Context::Browse => "panes",
                Context::Typing => "filter/search",
                Context::Overlay => "overlays",
            })
            .collect();
        out.push_str(&format!(
            "| {} | {} | {} |\n",
            keys.join(" "),
            binding.help,
            place.join(", ")
        ));
    }
    out
}
