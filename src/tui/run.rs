//! The loop at the edge: checks that there is a terminal, takes it over,
//! reads events a batch at a time (waiting at most a tick for the first,
//! then taking every one already waiting: `input`; then asking the file
//! watcher whether the data changed, and the background searches and index
//! build what they finished), maps keys through the keymap and pastes to
//! text, calls `update`, performs the effects (copy, suspend, editor,
//! reload, search, index, quit) and draws each changed frame, once per
//! batch, inside a synchronized update so SSH users never see half a frame.
//! A Ctrl-c anywhere in a batch quits before the rest of it is handled.
//! Every exit path restores the terminal (see `terminal`).

use std::collections::VecDeque;
use std::io::{self, IsTerminal, Write};
use std::ops::ControlFlow;
use std::sync::mpsc::Receiver;
use std::time::Duration;

use crossterm::event::{Event, KeyEventKind, MouseEventKind};
use crossterm::execute;
use crossterm::terminal::{BeginSynchronizedUpdate, EndSynchronizedUpdate};

use super::action::{Action, Effect, Reload};
use super::background::Background;
use super::editor;
use super::files;
use super::input;
use super::keymap;
use super::state::{AppState, ColorMode};
use super::terminal::{self, ChildInForeground};
use super::update::{self, update};
use super::watch::Watch;
use crate::clipboard::{self, Clipboard};
use crate::data::{self, DataSource, Diagnostic, Loaded, Sources};
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

/// How long the loop waits for a key before it looks for changed files.
const TICK: Duration = Duration::from_millis(250);

/// How long it waits while a search or the index build runs, so their
/// results are shown soon after they are ready.
const BUSY_TICK: Duration = Duration::from_millis(4);

pub fn run(
    loaded: Loaded,
    sources: Sources,
    mut clipboard: Box<dyn Clipboard>,
) -> anyhow::Result<()> {
    let panic_in_render = std::env::var(PANIC_HOOK_VAR).is_ok_and(|v| v == "render");
    let guard = terminal::guard()?;
    let watch = Watch::start(&sources);
    let mut term = terminal::enter()?;
    let result = (|| -> anyhow::Result<()> {
        let size = term.size()?;
        let mut state = files::start_state(
            loaded,
            sources.clone(),
            size.width,
            size.height,
            color_mode(),
        );
        let mut queue = VecDeque::from(update::work(&mut state));
        let watch = match watch {
            Ok(watch) => watch,
            Err(message) => {
                queue.extend(update(&mut state, Action::EffectFailed(message)));
                None
            }
        };
        let mut edge = Edge {
            term: &mut term,
            sources: &sources,
            clipboard: clipboard.as_mut(),
            child: &guard.child,
            resumed: &guard.resumed,
            watch: watch.as_ref(),
            background: Background::default(),
            queue,
        };
        if edge.drain(&mut state)?.is_break() {
            return Ok(());
        }
        let mut dirty = true;
        loop {
            // Continued after a stop (SIGTSTP from outside): the terminal
            // was restored, and is taken back here, on the drawing thread.
            if edge.resumed.try_iter().count() > 0 {
                terminal::reenter(edge.term)?;
                edge.resized(&mut state)?;
                dirty = true;
            }
            if dirty && state.width > 0 && state.height > 0 {
                execute!(io::stdout(), BeginSynchronizedUpdate)?;
                edge.term.draw(|frame| {
                    assert!(!panic_in_render, "panic forced by {PANIC_HOOK_VAR}=render");
                    ui::render(frame, &state);
                })?;
                execute!(io::stdout(), EndSynchronizedUpdate)?;
            }
            dirty = false;
            let mut actions = Vec::new();
            let tick = if edge.background.busy() {
                BUSY_TICK
            } else {
                TICK
            };
            let events = input::batch(tick)?;
            if events.iter().any(input::is_interrupt) {
                edge.feed(&mut state, Action::Quit);
                if edge.drain(&mut state)?.is_break() {
                    return Ok(());
                }
            }
            // Each event is mapped in the context the ones before it left.
            for event in events.into_iter().flat_map(input::unfold) {
                dirty = true;
                if let Some(action) = action_of(event, &state) {
                    edge.feed(&mut state, action);
                    if edge.drain(&mut state)?.is_break() {
                        return Ok(());
                    }
                }
            }
            actions.extend(edge.background.finished());
            if edge.watch.is_some_and(Watch::changed) {
                actions.push(reload(&sources));
            }
            for action in actions {
                dirty = true;
                edge.feed(&mut state, action);
                if edge.drain(&mut state)?.is_break() {
                    return Ok(());
                }
            }
        }
    })();
    terminal::restore();
    result
}

/// What the loop needs to perform effects.
struct Edge<'a> {
    term: &'a mut terminal::Screen,
    sources: &'a Sources,
    clipboard: &'a mut dyn Clipboard,
    child: &'a ChildInForeground,
    /// Told by the signal thread when careguide runs again after a stop.
    resumed: &'a Receiver<()>,
    watch: Option<&'a Watch>,
    background: Background,
    /// Effects not performed yet (performing one may yield more).
    queue: VecDeque<Effect>,
}

impl Edge<'_> {
    fn feed(&mut self, state: &mut AppState, action: Action) {
        self.queue.extend(update(state, action));
    }

    /// Performs the queued effects, in order, until none is left or one
    /// quits.
    fn drain(&mut self, state: &mut AppState) -> anyhow::Result<ControlFlow<()>> {
        while let Some(effect) = self.queue.pop_front() {
            if self.perform(state, effect)?.is_break() {
                return Ok(ControlFlow::Break(()));
            }
        }
        Ok(ControlFlow::Continue(()))
    }

    fn perform(&mut self, state: &mut AppState, effect: Effect) -> anyhow::Result<ControlFlow<()>> {
        let effect = match self.background.start(effect) {
            Ok(Some(effect)) => effect,
            Ok(None) => return Ok(ControlFlow::Continue(())),
            Err(e) => {
                let message = format!("Cannot search or index in the background: {e}");
                self.feed(state, Action::EffectFailed(message));
                return Ok(ControlFlow::Continue(()));
            }
        };
        match effect {
            Effect::Quit => return Ok(ControlFlow::Break(())),
            Effect::Suspend => {
                terminal::suspend(self.term, self.resumed)?;
                self.resized(state)?;
            }
            Effect::Copy { text, .. } => {
                let value = clipboard::payload(&text);
                let outcome = clipboard::copy_with(self.clipboard, &text);
                let _ = io::stdout().flush();
                let (ok, message) = match outcome {
                    Ok(message) => (true, message),
                    Err(message) => (false, message),
                };
                self.feed(state, Action::CopyDone { ok, message, value });
            }
            Effect::Edit { path, line } => {
                terminal::restore();
                self.child.set(true);
                let outcome = editor::run(&path, line);
                self.child.set(false);
                terminal::reenter(self.term)?;
                self.resized(state)?;
                // The editor's own writes are reloaded here, once.
                self.watch.map(Watch::changed);
                self.feed(state, reload(self.sources));
                if let Err(message) = outcome {
                    self.feed(state, Action::EffectFailed(message));
                }
            }
            Effect::Reload => self.feed(state, reload(self.sources)),
            // Started by `background.start` above.
            Effect::Search { .. } | Effect::BuildIndex(_) => {}
        }
        Ok(ControlFlow::Continue(()))
    }

    fn resized(&mut self, state: &mut AppState) -> anyhow::Result<()> {
        let size = self.term.size()?;
        self.feed(
            state,
            Action::Resize {
                width: size.width,
                height: size.height,
            },
        );
        Ok(())
    }
}

/// Loads the files again: the same `data::load_sources` as at start. A
/// directory that cannot even be read is one more problem to show.
pub fn reload(sources: &Sources) -> Action {
    let reload = match data::load_sources(sources) {
        Ok(loaded) => Reload::from_loaded(loaded),
        Err(e) => {
            let path = match &sources.shipped {
                DataSource::Dir(dir) => dir.to_string_lossy().into_owned(),
                DataSource::Embedded => "embedded data".to_string(),
            };
            Reload {
                directory: Directory::default(),
                shipped: vec![Diagnostic::error(&path, 1, 1, e.to_string())],
                personal: Vec::new(),
            }
        }
    };
    Action::Reloaded(Box::new(reload))
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
        Event::Paste(text) => Some(Action::Paste(text)),
        _ => None,
    }
}
