//! The loop at the edge: checks that there is a terminal, takes it over,
//! reads events, maps keys through the keymap, calls `update`, performs the
//! effects (copy, suspend, quit) and draws each frame inside a synchronized
//! update so SSH users never see half a frame. Every exit path restores the
//! terminal (see `terminal`).

use std::io::{self, IsTerminal, Write};

use crossterm::event::{self, Event, KeyEventKind, MouseEventKind};
use crossterm::execute;
use crossterm::terminal::{BeginSynchronizedUpdate, EndSynchronizedUpdate};

use super::action::{Action, Effect};
use super::keymap;
use super::state::{AppState, ColorMode};
use super::terminal;
use super::update::update;
use crate::clipboard::{self, Clipboard};
use crate::model::Directory;
use crate::ui;

/// Test hook: with this variable set to `render`, drawing panics, so tests
/// can check that a panic restores the terminal first.
pub const PANIC_HOOK_VAR: &str = "CAREGUIDE_TEST_PANIC";

/// Why the TUI cannot start here (exit status 2), checked before anything
/// is written to the terminal.
pub fn refuse_reason(term: Option<&str>) -> Option<String> {
    let hint =
        "for scripts and pipes use `careguide search`, `careguide show` or `careguide export`";
    if !io::stdin().is_terminal() || !io::stdout().is_terminal() {
        return Some(format!(
            "the interactive directory needs a terminal on stdin and stdout; {hint}"
        ));
    }
    match term {
        None | Some("") => Some(format!(
            "TERM is not set, so the terminal is unknown; {hint}"
        )),
        Some("dumb") => Some(format!(
            "TERM=dumb cannot show the interactive directory; {hint}"
        )),
        Some(_) => None,
    }
}

/// `NO_COLOR` (any non-empty value) turns colour off.
pub fn color_mode() -> ColorMode {
    match std::env::var_os("NO_COLOR") {
        Some(v) if !v.is_empty() => ColorMode::NoColor,
        _ => ColorMode::Color,
    }
}

pub fn run(dir: Directory, mut clipboard: Box<dyn Clipboard>) -> anyhow::Result<()> {
    let panic_in_render = std::env::var(PANIC_HOOK_VAR).is_ok_and(|v| v == "render");
    terminal::guard()?;
    let mut term = terminal::enter()?;
    let result = (|| -> anyhow::Result<()> {
        let size = term.size()?;
        let mut state = AppState::new(dir, size.width, size.height, color_mode());
        loop {
            if state.width > 0 && state.height > 0 {
                execute!(io::stdout(), BeginSynchronizedUpdate)?;
                term.draw(|frame| {
                    assert!(!panic_in_render, "panic forced by {PANIC_HOOK_VAR}=render");
                    ui::render(frame, &state);
                })?;
                execute!(io::stdout(), EndSynchronizedUpdate)?;
            }
            let Some(action) = action_of(event::read()?, &state) else {
                continue;
            };
            for effect in update(&mut state, action) {
                match effect {
                    Effect::Quit => return Ok(()),
                    Effect::Suspend => {
                        terminal::suspend(&mut term)?;
                        let size = term.size()?;
                        update(
                            &mut state,
                            Action::Resize {
                                width: size.width,
                                height: size.height,
                            },
                        );
                    }
                    Effect::Copy { text, .. } => {
                        let value = clipboard::payload(&text);
                        let outcome = clipboard::copy_with(clipboard.as_mut(), &text);
                        let _ = io::stdout().flush();
                        let (ok, message) = match outcome {
                            Ok(message) => (true, message),
                            Err(message) => (false, message),
                        };
                        update(&mut state, Action::CopyDone { ok, message, value });
                    }
                }
            }
        }
    })();
    terminal::restore();
    result
}

fn action_of(event: Event, state: &AppState) -> Option<Action> {
    match event {
        Event::Key(key) if key.kind == KeyEventKind::Press => {
            keymap::action_for(ui::context(state), &key)
        }
        Event::Mouse(mouse) => match mouse.kind {
            MouseEventKind::Down(_) => Some(Action::Click {
                column: mouse.column,
                row: mouse.row,
            }),
            MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => Some(Action::Scroll {
                column: mouse.column,
                row: mouse.row,
                down: mouse.kind == MouseEventKind::ScrollDown,
            }),
            _ => None,
        },
        Event::Resize(width, height) => Some(Action::Resize { width, height }),
        _ => None,
    }
}
