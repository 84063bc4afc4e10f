//! The config file, `config.toml` in the platform's config directory (or
//! `--config FILE`): the home city, key remaps and colours, read with the
//! `toml` crate. It is never data: personal data files live in `personal/`
//! beside it. A problem in it never stops careguide: the part it spoils is
//! left at its default, and the problem is reported (at `file:line:col`)
//! in the TUI's problems overlay and by `careguide doctor`.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use ratatui::style::Color;
use serde::Deserialize;
use toml::Spanned;

use crate::data::Diagnostic;
use crate::data::diagnostic::line_col;
use crate::tui::keymap::Keymap;

/// Overrides the config file's path (as `--config FILE` does).
pub const ENV: &str = "CAREGUIDE_CONFIG";

/// The config file's name in the config directory.
pub const FILE: &str = "config.toml";

/// A config file with every key, each at its default or an example: what
/// `careguide doctor` points to and the README shows.
pub const EXAMPLE: &str = r##"# careguide's config file: ~/.config/careguide/config.toml on Linux.
# Every key is optional.

# The city careguide opens on (its id or its name), until you have chosen
# one yourself: the last city and hospital you selected are restored on
# the next start. `careguide --city ID` overrides both.
home_city = "hohhot"

# Keys: an action, then the keys that do it in the panes and windows (they
# replace its default keys; typing keys stay as they are). Names of keys:
# "x", "G" (Shift-g), "ctrl-f", "alt-x", "enter", "esc", "tab", "space",
# "up", "pageup", "home", "f2". `careguide doctor` lists the actions.
[keys]
global_search = ["ctrl-p", "ctrl-f"]
copy_number = ["y"]

# Colours: a name ("cyan", "lightred"), a number of the 256-colour palette
# ("237") or "#rrggbb". NO_COLOR turns every colour off.
[colors]
accent = "cyan"      # the focused pane's border and the headings
selection = "237"    # the selected row's background
matched = "yellow"   # the letters a search matched
"##;

/// The colours a user may set; `None` keeps careguide's own.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Palette {
    pub accent: Option<Color>,
    pub selection: Option<Color>,
    pub matched: Option<Color>,
}

/// The config as careguide uses it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Config {
    /// A city id or name, to open on when no place was saved.
    pub home_city: Option<String>,
    pub keymap: Keymap,
    pub palette: Palette,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    home_city: Option<String>,
    #[serde(default)]
    keys: BTreeMap<String, Spanned<Vec<String>>>,
    #[serde(default)]
    colors: RawColors,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawColors {
    accent: Option<Spanned<String>>,
    selection: Option<Spanned<String>>,
    matched: Option<Spanned<String>>,
}

/// The config file's path: `explicit` (`--config`), else `config.toml` in
/// the platform's config directory.
pub fn path(explicit: Option<&Path>) -> Option<PathBuf> {
    match explicit {
        Some(path) => Some(path.to_path_buf()),
        None => crate::data::personal::config_dir().map(|d| d.join(FILE)),
    }
}

/// Reads the config file at `path`. A missing file is the defaults, unless
/// it was named (`required`); every problem comes back beside the config,
/// which keeps its defaults where they are.
pub fn load(path: &Path, required: bool) -> (Config, Vec<Diagnostic>) {
    let shown = path.to_string_lossy().into_owned();
    match std::fs::read_to_string(path) {
        Ok(text) => parse(&shown, &text),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && !required => {
            (Config::default(), Vec::new())
        }
        Err(e) => (
            Config::default(),
            vec![Diagnostic::error(
                &shown,
                1,
                1,
                format!("cannot read the config file: {e}"),
            )],
        ),
    }
}

/// The config in `text` (the file `path`), with its problems.
pub fn parse(path: &str, text: &str) -> (Config, Vec<Diagnostic>) {
    let at = |span: Option<Range<usize>>, message: String| {
        let (line, col) = span.map_or((1, 1), |s| line_col(text, s.start));
        Diagnostic::error(path, line, col, message)
    };
    let raw: RawConfig = match toml::from_str(text) {
        Ok(raw) => raw,
        Err(e) => {
            let message = format!("{} (the whole config file is ignored)", e.message());
            return (Config::default(), vec![at(e.span(), message)]);
        }
    };
    let mut problems = Vec::new();
    let mut keymap = Keymap::default();
    for (action, keys) in &raw.keys {
        for problem in keymap.remap(action, keys.get_ref()) {
            problems.push(at(Some(keys.span()), problem));
        }
    }
    let conflicts = keymap.conflicts();
    if !conflicts.is_empty() {
        let span = raw.keys.values().next().map(Spanned::span);
        for conflict in conflicts {
            problems.push(at(
                span.clone(),
                format!("{conflict}; the default keys are used"),
            ));
        }
        keymap = Keymap::default();
    }
    let mut colour = |value: &Option<Spanned<String>>| {
        let value = value.as_ref()?;
        match value.get_ref().parse::<Color>() {
            Ok(color) => Some(color),
            Err(_) => {
                problems.push(at(
                    Some(value.span()),
                    format!(
                        "\"{}\" is not a colour (write a name such as \"cyan\", a number up to 255, or \"#rrggbb\")",
                        value.get_ref()
                    ),
                ));
                None
            }
        }
    };
    let palette = Palette {
        accent: colour(&raw.colors.accent),
        selection: colour(&raw.colors.selection),
        matched: colour(&raw.colors.matched),
    };
    let config = Config {
        home_city: raw.home_city,
        keymap,
        palette,
    };
    (config, problems)
}

#[cfg(test)]
mod tests {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    use super::*;
    use crate::tui::action::Action;
    use crate::tui::keymap::Context;

    fn key(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn the_example_is_a_valid_config() {
        let (config, problems) = parse("config.toml", EXAMPLE);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(config.home_city.as_deref(), Some("hohhot"));
        assert_eq!(config.palette.accent, Some(Color::Cyan));
        assert_eq!(config.palette.selection, Some(Color::Indexed(237)));
        let ctrl_f = key(KeyCode::Char('f'), KeyModifiers::CONTROL);
        assert_eq!(
            config.keymap.action_for(Context::Browse, &ctrl_f),
            Some(Action::GlobalSearch)
        );
    }

    #[test]
    fn the_defaults_bind_no_key_twice() {
        assert_eq!(Keymap::default().conflicts(), Vec::<String>::new());
    }

    #[test]
    fn a_remap_replaces_the_keys_and_help_shows_them() {
        let text = "[keys]\ncopy_number = [\"x\", \"F\"]\n";
        let (config, problems) = parse("c.toml", text);
        assert!(problems.is_empty(), "{problems:?}");
        let keymap = &config.keymap;
        let none = KeyModifiers::NONE;
        assert_eq!(
            keymap.action_for(Context::Browse, &key(KeyCode::Char('y'), none)),
            None
        );
        for (code, modifiers) in [
            (KeyCode::Char('x'), none),
            (KeyCode::Char('F'), KeyModifiers::SHIFT),
        ] {
            let event = key(code, modifiers);
            assert_eq!(
                keymap.action_for(Context::Browse, &event),
                Some(Action::CopyNumber)
            );
            assert_eq!(
                keymap.action_for(Context::Overlay, &event),
                Some(Action::CopyNumber)
            );
        }
        assert_eq!(
            keymap
                .keys_for(&Action::CopyNumber, Context::Browse)
                .as_deref(),
            Some("x/F")
        );
        // Typing keeps its keys: `x` is text in a filter.
        let x = key(KeyCode::Char('x'), none);
        assert_eq!(
            keymap.action_for(Context::Typing, &x),
            Some(Action::Input('x'))
        );
    }

    #[test]
    fn every_problem_is_reported_at_its_line_and_column_and_the_rest_is_kept() {
        let text = "home_city = \"beijing\"\n[keys]\nfly = [\"x\"]\nhelp = [\"ctrl-shift\"]\n[colors]\naccent = \"blurple\"\nmatched = \"red\"\n";
        let (config, problems) = parse("c.toml", text);
        let shown: Vec<String> = problems
            .iter()
            .map(|d| format!("{}:{}", d.line, d.col))
            .collect();
        assert_eq!(shown, ["3:7", "4:8", "6:10"], "{problems:#?}");
        assert!(
            problems[0].message.contains("`fly` is not an action"),
            "{}",
            problems[0].message
        );
        assert!(
            problems[0].message.contains("copy_number"),
            "{}",
            problems[0].message
        );
        assert!(
            problems[1].message.contains("\"ctrl-shift\" is not a key"),
            "{}",
            problems[1].message
        );
        assert!(
            problems[2].message.contains("\"blurple\" is not a colour"),
            "{}",
            problems[2].message
        );
        assert_eq!(config.home_city.as_deref(), Some("beijing"));
        assert_eq!(config.palette.matched, Some(Color::Red));
        assert_eq!(config.palette.accent, None);
        assert_eq!(config.keymap, Keymap::default());
    }

    #[test]
    fn a_key_given_to_two_actions_keeps_the_defaults() {
        let text = "[keys]\nemergency = [\"h\"]\n";
        let (config, problems) = parse("c.toml", text);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(
            problems[0].message.contains("h is bound to both"),
            "{}",
            problems[0].message
        );
        assert_eq!(config.keymap, Keymap::default());
    }

    #[test]
    fn a_syntax_error_ignores_the_file_and_says_where() {
        let (config, problems) = parse("c.toml", "home_city = \"hohhot\"\n[keys\n");
        assert_eq!(config, Config::default());
        assert_eq!((problems[0].line, problems[0].col), (2, 6), "{problems:?}");
        assert!(
            problems[0].message.contains("ignored"),
            "{}",
            problems[0].message
        );
        let (_, problems) = parse("c.toml", "colour = 3\n");
        assert!(
            problems[0].message.contains("unknown field `colour`"),
            "{problems:?}"
        );
    }

    #[test]
    fn a_missing_file_is_the_defaults_unless_it_was_named() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("config.toml");
        assert_eq!(load(&path, false), (Config::default(), Vec::new()));
        let (_, problems) = load(&path, true);
        assert!(
            problems[0].message.contains("cannot read the config file"),
            "{problems:?}"
        );
    }
}
