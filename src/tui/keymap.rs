//! The one keymap: key → action per input context, the defaults here with
//! the remaps of the config file over them. The help overlay, the
//! status-bar hints and the README's keys table are generated from it, so
//! they cannot go stale.

use std::borrow::Cow;
use std::collections::BTreeMap;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde::Deserialize;
use serde::de::IntoDeserializer;

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

const fn alt(code: KeyCode) -> Key {
    Key {
        code,
        modifiers: KeyModifiers::ALT,
    }
}

const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        modifiers: KeyModifiers::CONTROL,
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    pub keys: Cow<'static, [Key]>,
    pub action: Action,
    pub help: &'static str,
    pub contexts: &'static [Context],
}

use Context::{Browse, Overlay, Typing};

const ALL: &[Context] = &[Browse, Typing, Overlay];

/// The filter syntax the help overlay explains.
pub const SYNTAX: [(&str, &str); 5] = [
    ("oasis", "fuzzy match; several words must all match"),
    ("'exact", "exact substring"),
    ("^prefix", "starts with"),
    ("suffix$", "ends with"),
    ("!not", "must not match"),
];

/// The default bindings, in the order help shows them.
static BINDINGS: &[Binding] = &[
    Binding {
        keys: Cow::Borrowed(&[ch('q'), ctrl('c')]),
        action: Action::Quit,
        help: "quit",
        contexts: &[Browse],
    },
    Binding {
        keys: Cow::Borrowed(&[ctrl('c')]),
        action: Action::Quit,
        help: "quit",
        contexts: &[Typing, Overlay],
    },
    Binding {
        keys: Cow::Borrowed(&[ctrl('z')]),
        action: Action::Suspend,
        help: "suspend (the shell's fg resumes)",
        contexts: ALL,
    },
    Binding {
        keys: Cow::Borrowed(&[key(KeyCode::Tab), ch('l'), key(KeyCode::Right)]),
        action: Action::NextPane,
        help: "next pane",
        contexts: &[Browse],
    },
    Binding {
        keys: Cow::Borrowed(&[key(KeyCode::BackTab), ch('h'), key(KeyCode::Left)]),
        action: Action::PrevPane,
        help: "previous pane",
        contexts: &[Browse],
    },
    Binding {
        keys: Cow::Borrowed(&[key(KeyCode::Enter)]),
        action: Action::Open,
        help: "open: focus the next pane",
        contexts: &[Browse],
    },
    Binding {
        keys: Cow::Borrowed(&[ch('j'), key(KeyCode::Down)]),
        action: Action::Down,
        help: "move down",
        contexts: &[Browse, Overlay],
    },
    Binding {
        keys: Cow::Borrowed(&[ch('k'), key(KeyCode::Up)]),
        action: Action::Up,
        help: "move up",
        contexts: &[Browse, Overlay],
    },
    Binding {
        keys: Cow::Borrowed(&[key(KeyCode::Down), ctrl('n'), ctrl('j')]),
        action: Action::Down,
        help: "next result",
        contexts: &[Typing],
    },
    Binding {
        keys: Cow::Borrowed(&[key(KeyCode::Up), ctrl('p'), ctrl('k')]),
        action: Action::Up,
        help: "previous result",
        contexts: &[Typing],
    },
    Binding {
        keys: Cow::Borrowed(&[ch('g'), key(KeyCode::Home)]),
        action: Action::Top,
        help: "first row",
        contexts: &[Browse, Overlay],
    },
    Binding {
        keys: Cow::Borrowed(&[ch('G'), key(KeyCode::End)]),
        action: Action::Bottom,
        help: "last row",
        contexts: &[Browse, Overlay],
    },
    Binding {
        keys: Cow::Borrowed(&[key(KeyCode::PageDown)]),
        action: Action::PageDown,
        help: "page down (the cities pane: the city's card)",
        contexts: ALL,
    },
    Binding {
        keys: Cow::Borrowed(&[key(KeyCode::PageUp)]),
        action: Action::PageUp,
        help: "page up (the cities pane: the city's card)",
        contexts: ALL,
    },
    Binding {
        keys: Cow::Borrowed(&[ch('/')]),
        action: Action::Filter,
        help: "filter this pane",
        contexts: &[Browse],
    },
    Binding {
        keys: Cow::Borrowed(&[ctrl('p')]),
        action: Action::GlobalSearch,
        help: "search everything",
        contexts: &[Browse],
    },
    Binding {
        keys: Cow::Borrowed(&[ch('y')]),
        action: Action::CopyNumber,
        help: "copy the phone number",
        contexts: &[Browse, Overlay],
    },
    Binding {
        keys: Cow::Borrowed(&[ch('d')]),
        action: Action::CopyDialled,
        help: "copy the number as dialled in China",
        contexts: &[Browse],
    },
    Binding {
        keys: Cow::Borrowed(&[
            ch('1'),
            ch('2'),
            ch('3'),
            ch('4'),
            ch('5'),
            ch('6'),
            ch('7'),
            ch('8'),
            ch('9'),
        ]),
        action: Action::GoToPlace(0),
        help: "go to the place numbered [1]–[9] in the card",
        contexts: &[Browse],
    },
    Binding {
        keys: Cow::Borrowed(&[ch('Y')]),
        action: Action::CopyAddress,
        help: "copy the address",
        contexts: &[Browse],
    },
    Binding {
        keys: Cow::Borrowed(&[ch('c')]),
        action: Action::CopyCard,
        help: "copy the whole card",
        contexts: &[Browse],
    },
    Binding {
        keys: Cow::Borrowed(&[ch('Q')]),
        action: Action::Qr,
        help: "QR code of the phone number (scan to call)",
        contexts: &[Browse, Overlay],
    },
    Binding {
        keys: Cow::Borrowed(&[ch('!')]),
        action: Action::Emergency,
        help: "emergency numbers",
        contexts: &[Browse],
    },
    Binding {
        keys: Cow::Borrowed(&[ch('p')]),
        action: Action::Phrases,
        help: "phrase card: what to say (again: the numbers)",
        contexts: &[Overlay],
    },
    Binding {
        keys: Cow::Borrowed(&[ch('a')]),
        action: Action::AddNumber,
        help: "add your own number to the hospital",
        contexts: &[Browse],
    },
    Binding {
        keys: Cow::Borrowed(&[ch('n')]),
        action: Action::AddNote,
        help: "add your own note to the hospital",
        contexts: &[Browse],
    },
    Binding {
        keys: Cow::Borrowed(&[ch('t')]),
        action: Action::Driver,
        help: "show to a taxi driver, in Chinese",
        contexts: &[Browse],
    },
    Binding {
        keys: Cow::Borrowed(&[ch('e')]),
        action: Action::Edit,
        help: "edit the record (or problem) in $EDITOR",
        contexts: &[Browse, Overlay],
    },
    Binding {
        keys: Cow::Borrowed(&[ch('r')]),
        action: Action::Reload,
        help: "reload the data files",
        contexts: &[Browse, Overlay],
    },
    Binding {
        keys: Cow::Borrowed(&[ch('D')]),
        action: Action::Diagnostics,
        help: "problems in the data files (show / hide)",
        contexts: &[Browse, Overlay],
    },
    Binding {
        keys: Cow::Borrowed(&[ch('s')]),
        action: Action::Sources,
        help: "sources of the card in full (show / hide)",
        contexts: &[Browse],
    },
    Binding {
        keys: Cow::Borrowed(&[ch('?')]),
        action: Action::Help,
        help: "help",
        contexts: &[Browse],
    },
    Binding {
        keys: Cow::Borrowed(&[key(KeyCode::Enter)]),
        action: Action::Accept,
        help: "keep the filter / go to the result",
        contexts: &[Typing],
    },
    Binding {
        keys: Cow::Borrowed(&[key(KeyCode::Tab)]),
        action: Action::ToggleCity,
        help: "search: this city first / everywhere alike",
        contexts: &[Typing],
    },
    Binding {
        keys: Cow::Borrowed(&[key(KeyCode::Backspace)]),
        action: Action::Erase,
        help: "delete a character",
        contexts: &[Typing],
    },
    Binding {
        keys: Cow::Borrowed(&[ctrl('w'), alt(KeyCode::Backspace)]),
        action: Action::EraseWord,
        help: "delete the word before the caret",
        contexts: &[Typing],
    },
    Binding {
        keys: Cow::Borrowed(&[ctrl('u')]),
        action: Action::EraseToStart,
        help: "delete to the start",
        contexts: &[Typing],
    },
    Binding {
        keys: Cow::Borrowed(&[key(KeyCode::Left)]),
        action: Action::CaretLeft,
        help: "caret left",
        contexts: &[Typing],
    },
    Binding {
        keys: Cow::Borrowed(&[key(KeyCode::Right)]),
        action: Action::CaretRight,
        help: "caret right",
        contexts: &[Typing],
    },
    Binding {
        keys: Cow::Borrowed(&[ctrl('a'), key(KeyCode::Home)]),
        action: Action::CaretStart,
        help: "caret to the start",
        contexts: &[Typing],
    },
    Binding {
        keys: Cow::Borrowed(&[ctrl('e'), key(KeyCode::End)]),
        action: Action::CaretEnd,
        help: "caret to the end",
        contexts: &[Typing],
    },
    Binding {
        keys: Cow::Borrowed(&[key(KeyCode::Esc)]),
        action: Action::Back,
        help: "clear the filter",
        contexts: &[Browse, Typing],
    },
    Binding {
        keys: Cow::Borrowed(&[key(KeyCode::Esc), ch('q')]),
        action: Action::Back,
        help: "close",
        contexts: &[Overlay],
    },
];

/// A key as help shows it: `q`, `Ctrl-c`, `Shift-Tab`, `↓`.
pub fn key_label(key: &Key) -> String {
    let base = match key.code {
        KeyCode::Char(' ') => "Space".to_string(),
        KeyCode::F(n) => format!("F{n}"),
        KeyCode::Delete => "Del".to_string(),
        KeyCode::Insert => "Ins".to_string(),
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
    let mut label = String::new();
    for (modifier, name) in [
        (KeyModifiers::CONTROL, "Ctrl-"),
        (KeyModifiers::ALT, "Alt-"),
        (KeyModifiers::SUPER, "Cmd-"),
        (KeyModifiers::SHIFT, "Shift-"),
    ] {
        if key.modifiers.contains(modifier) {
            label.push_str(name);
        }
    }
    label + &base
}

/// The keys table of the README, generated from the bindings (a test keeps
/// the README's copy equal to this).
pub fn markdown_table() -> String {
    let mut out = String::from("| keys | action | where |\n|---|---|---|\n");
    for binding in Keymap::default().bindings() {
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

/// The bindings in use: the defaults, with the config file's remaps.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    bindings: Vec<Binding>,
}

impl Default for Keymap {
    fn default() -> Keymap {
        Keymap {
            bindings: BINDINGS.to_vec(),
        }
    }
}

/// The contexts a remap applies to: the panes and the overlays. While
/// typing, characters are text, so the typing keys stay as they are.
const REMAPPED: &[Context] = &[Browse, Overlay];

impl Keymap {
    /// Gives the action named `name` (as the config file spells it:
    /// `copy_number`) exactly `keys` in the panes and overlays; the
    /// problems, if any (the action is then left as it was).
    pub fn remap(&mut self, name: &str, keys: &[String]) -> Vec<String> {
        let named: serde::de::value::StrDeserializer<'_, serde::de::value::Error> =
            name.into_deserializer();
        let action = match Action::deserialize(named) {
            Ok(action) if self.remappable(&action) => action,
            _ => {
                return vec![format!(
                    "`{name}` is not an action that can be given keys; one of: {}",
                    self.remappable_names().join(", ")
                )];
            }
        };
        let (parsed, problems): (Vec<_>, Vec<_>) =
            keys.iter().map(|k| parse_key(k)).partition(Result::is_ok);
        if !problems.is_empty() {
            return problems.into_iter().filter_map(Result::err).collect();
        }
        let parsed: Vec<Key> = parsed.into_iter().filter_map(Result::ok).collect();
        for binding in &mut self.bindings {
            if binding.action == action && binding.contexts.iter().any(|c| REMAPPED.contains(c)) {
                binding.keys = Cow::Owned(parsed.clone());
            }
        }
        Vec::new()
    }

    /// Keys bound to two actions in one context, each as a sentence.
    pub fn conflicts(&self) -> Vec<String> {
        let mut problems = Vec::new();
        for context in ALL {
            let mut seen: BTreeMap<String, &Binding> = BTreeMap::new();
            for binding in self
                .bindings
                .iter()
                .filter(|b| b.contexts.contains(context))
            {
                for key in binding.keys.iter() {
                    let label = key_label(key);
                    match seen.get(&label) {
                        Some(other) if other.action != binding.action => problems.push(format!(
                            "{label} is bound to both \"{}\" and \"{}\"; give one of them another key",
                            other.help, binding.help
                        )),
                        _ => {
                            seen.insert(label, binding);
                        }
                    }
                }
            }
        }
        problems
    }

    pub fn bindings(&self) -> &[Binding] {
        &self.bindings
    }

    fn remappable(&self, action: &Action) -> bool {
        (self.bindings.iter())
            .any(|b| &b.action == action && b.contexts.iter().any(|c| REMAPPED.contains(c)))
    }

    /// The names of the actions a remap may name, as the config file
    /// spells them.
    pub fn remappable_names(&self) -> Vec<String> {
        let mut names: Vec<String> = (self.bindings.iter())
            .filter(|b| b.contexts.iter().any(|c| REMAPPED.contains(c)))
            .map(|b| action_name(&b.action))
            .filter(|name| !name.contains('('))
            .collect();
        names.dedup();
        names
    }

    /// The action for a key in a context, if any. While typing, plain
    /// characters are text.
    pub fn action_for(&self, context: Context, event: &KeyEvent) -> Option<Action> {
        // Terminals differ on whether Shift comes with upper-case letters
        // and BackTab; compare without it for characters.
        let modifiers = match event.code {
            KeyCode::Char(_) | KeyCode::BackTab => event.modifiers - KeyModifiers::SHIFT,
            _ => event.modifiers,
        };
        let pressed = Key {
            code: event.code,
            modifiers,
        };
        let bound = (self.bindings.iter())
            .filter(|b| b.contexts.contains(&context))
            .find(|b| b.keys.contains(&pressed))
            .map(|b| b.action.clone());
        match (bound, context, event.code) {
            // One binding for the nine place keys: the digit says which.
            (Some(Action::GoToPlace(_)), _, KeyCode::Char(c)) => c
                .to_digit(10)
                .and_then(|d| u8::try_from(d).ok())
                .map(Action::GoToPlace),
            (Some(action), _, _) => Some(action),
            (None, Context::Typing, KeyCode::Char(c))
                if !modifiers.contains(KeyModifiers::CONTROL) =>
            {
                Some(Action::Input(c))
            }
            _ => None,
        }
    }

    /// The keys bound to an action in a context, joined for display (`j/↓`).
    pub fn keys_for(&self, action: &Action, context: Context) -> Option<String> {
        let keys: Vec<String> = (self.bindings.iter())
            .filter(|b| &b.action == action && b.contexts.contains(&context))
            .flat_map(|b| b.keys.iter().map(key_label))
            .collect();
        (!keys.is_empty()).then(|| keys.join("/"))
    }

    /// The first key of `action` in `context`, as a hint shows it.
    pub fn first_key(&self, action: &Action, context: Context) -> Option<String> {
        (self.bindings.iter())
            .filter(|b| &b.action == action && b.contexts.contains(&context))
            .find_map(|b| b.keys.first())
            .map(key_label)
    }

    /// The rows of the help overlay, which lists every binding of each
    /// context under a heading (and a blank row after), then the filter
    /// syntax (`SYNTAX`, a heading and a blank row) and a closing sentence.
    pub fn help_lines(&self) -> usize {
        let bindings: usize = ALL
            .iter()
            .map(|c| {
                2 + self
                    .bindings
                    .iter()
                    .filter(|b| b.contexts.contains(c))
                    .count()
            })
            .sum();
        bindings + 2 + SYNTAX.len() + 1
    }
}

/// An action's name as the config file spells it (`copy_number`).
fn action_name(action: &Action) -> String {
    let debug = format!("{action:?}");
    let mut name = String::new();
    for (i, c) in debug.chars().enumerate() {
        if c.is_ascii_uppercase() && i > 0 {
            name.push('_');
        }
        name.push(c.to_ascii_lowercase());
    }
    name
}

/// A key as the config file writes it (`ctrl-f`, `G`, `pagedown`, `f2`),
/// read by crokey.
pub fn parse_key(text: &str) -> Result<Key, String> {
    let problem = || {
        format!(
            "\"{text}\" is not a key (write e.g. \"x\", \"G\", \"ctrl-f\", \"enter\", \"pagedown\", \"f2\")"
        )
    };
    // crokey reads letters without case: an upper-case letter is Shift and it.
    let shifted = match text.chars().collect::<Vec<_>>()[..] {
        [c] if c.is_ascii_uppercase() => format!("shift-{c}"),
        _ => text.to_string(),
    };
    let combination = crokey::parse(&shifted).map_err(|_| problem())?.normalized();
    let crokey::OneToThree::One(code) = combination.codes else {
        return Err(problem());
    };
    let modifiers = match code {
        KeyCode::Char(_) | KeyCode::BackTab => combination.modifiers - KeyModifiers::SHIFT,
        _ => combination.modifiers,
    };
    Ok(Key { code, modifiers })
}
