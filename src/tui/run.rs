//! The loop at the edge: checks that there is a terminal, sets it up (raw
//! mode, alternate screen, mouse), reads events, maps keys through the
//! keymap, calls `update`, performs the effects (copy, quit) and draws each
//! frame inside a synchronized update. Restores the terminal on every exit,
//! panics included (ratatui's hook plus mouse capture here).

use std::io::{self, IsTerminal, Write};

use crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, KeyEventKind, MouseEventKind,
};
use crossterm::execute;
use crossterm::terminal::{BeginSynchronizedUpdate, EndSynchronizedUpdate};

use super::action::{Action, Effect};
use super::keymap;
use super::state::{AppState, ColorMode};
use super::update::update;
use crate::clipboard::{self, Clipboard};
use crate::model::Directory;
use crate::ui;

/// Why the TUI cannot start here (exit status 2).
pub fn refuse_reason(term: Option<&str>) -> Option<String> {
    let hint = "for scripts and pipes use `careguide search`, `careguide show` or `careguide export`";
    if !io::stdin().is_terminal() || !io::stdout().is_terminal() {
        return Some(format!(
            "the interactive directory needs a terminal on stdin and stdout; {hint}"
        ));
    }
    match term {
        None | Some("") => Some(format!("TERM is not set, so the terminal is unknown; {hint}")),
        Some("dumb") => Some(format!("TERM=dumb cannot show the interactive directory; {hint}")),
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
    let mut terminal = ratatui::init();
    let ratatui_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(io::stdout(), DisableMouseCapture);
        ratatui_hook(info);
    }));
    let result = (|| -> anyhow::Result<()> {
        execute!(io::stdout(), EnableMouseCapture)?;
        let size = terminal.size()?;
        let mut state = AppState::new(dir, size.width, size.height, color_mode());
        loop {
            execute!(io::stdout(), BeginSynchronizedUpdate)?;
            terminal.draw(|frame| ui::render(frame, &state))?;
            execute!(io::stdout(), EndSynchronizedUpdate)?;
            let Some(action) = action_of(event::read()?, &state) else {
                continue;
            };
            for effect in update(&mut state, action) {
                match effect {
                    Effect::Quit => return Ok(()),
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
    let _ = execute!(io::stdout(), DisableMouseCapture);
    ratatui::restore();
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
