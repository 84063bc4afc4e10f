//! The loop at the edge: checks that there is a terminal, takes it over and
//! draws at once — the directory, or, while a data directory loads with its
//! index on another thread, a frame that says how far that is. Then it
//! reads events a batch at a time (waiting at most a tick for the first,
//! then taking every one already waiting: `input`; then asking the file
//! watcher whether the data changed, the load how far it got, and the
//! searcher what it answered), maps keys through the keymap and pastes to
//! text, calls `update`, performs the effects (copy, suspend, editor,
//! reload, quit) and draws each changed frame, once per batch, inside a
//! synchronized update so SSH users never see half a frame. A Ctrl-c
//! anywhere in a batch quits before the rest of it is handled. Every exit
//! path restores the terminal (see `terminal`).

use std::collections::VecDeque;
use std::io::{self, IsTerminal, Write};
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::sync::mpsc::Receiver;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use crossterm::event::{Event, KeyEventKind, MouseEventKind};
use crossterm::execute;
use crossterm::terminal::{BeginSynchronizedUpdate, EndSynchronizedUpdate};

use super::action::{Action, Effect, IndexRef, Reload};
use super::editor;
use super::input;
use super::state::{AppState, ColorMode, Mode, Status};
use super::terminal::{self, ChildInForeground};
use super::update::update;
use super::watch::Watch;
use crate::clipboard::{self, Clipboard};
use crate::config::Config;
use crate::data::diagnostic::display_path;
use crate::data::notes_file;
use crate::data::{self, DataSource, Diagnostic, Loaded, Progress, Sources};
use crate::last_place::Place;
use crate::model::Directory;
use crate::search::Index;
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

/// `NO_COLOR` (any non-empty value) turns colour off; a terminal with
/// fewer than 256 colours (by `TERM`, as crossterm reads it) gets the basic
/// ones.
pub fn color_mode() -> ColorMode {
    match std::env::var_os("NO_COLOR") {
        Some(v) if !v.is_empty() => ColorMode::NoColor,
        _ if crossterm::style::available_color_count() < 256 => ColorMode::Basic,
        _ => ColorMode::Color,
    }
}

/// How long the loop waits for a key before it looks for changed files.
const TICK: Duration = Duration::from_millis(250);

/// How long a status message (a copy's result, an error) stays before the
/// key hints come back.
const STATUS_SHOWN: Duration = Duration::from_secs(4);

/// How long it waits while a search or the index build runs, so their
/// results are shown soon after they are ready.
const BUSY_TICK: Duration = Duration::from_millis(4);

/// How a run ended: the user quit (at a place, once there was data), or
/// the first load of a data directory found errors in it (the caller
/// prints them, as for any invalid data).
pub enum Outcome {
    Quit(Option<Place>),
    Invalid(Box<Loaded>),
}

/// What the TUI starts with besides its data: the config file's keys and
/// colours with its problems, and the place to open on.
#[derive(Debug, Default)]
pub struct Setup {
    pub config: Config,
    pub config_problems: Vec<Diagnostic>,
    pub place: Option<Place>,
}

/// What a load on another thread gives: the files' result, the directory
/// (taken out of it) and, when the shipped data is valid, its index.
type Loading = Result<(Loaded, Arc<Directory>, Option<Arc<Index>>), data::LoadError>;

/// How the data of `Sources` is read, counting the files it has done:
/// `data::load_counting`, or in tests a load that waits to be released.
pub type Loader = Box<dyn FnOnce(&Sources, &Progress) -> Result<Loaded, data::LoadError> + Send>;

/// What the TUI starts on: data loaded already (the embedded data, or a
/// small directory), or a loader run behind the loading frame.
pub enum Start {
    Loaded(Box<Loaded>),
    Load(Loader),
}

/// A load of the data files, with their index, off the UI thread: the
/// loading frame at start, and every reload.
struct Job {
    progress: Arc<Progress>,
    reported: (usize, usize),
    handle: JoinHandle<Loading>,
}

impl Job {
    fn start(sources: &Sources) -> io::Result<Job> {
        Job::with(sources, Box::new(data::load_counting))
    }

    fn with(sources: &Sources, load: Loader) -> io::Result<Job> {
        let progress = Arc::new(Progress::default());
        let (sources, counting) = (sources.clone(), Arc::clone(&progress));
        let handle = std::thread::Builder::new()
            .name("load".into())
            .spawn(move || {
                let mut loaded = load(&sources, &counting)?;
                let dir = Arc::new(std::mem::take(&mut loaded.directory));
                let index = (!loaded.has_errors()).then(|| Arc::new(Index::new(&dir)));
                Ok((loaded, dir, index))
            })?;
        Ok(Job {
            progress,
            reported: (0, 0),
            handle,
        })
    }

    /// Files done and in all, when that changed since last asked.
    fn moved(&mut self) -> Option<(usize, usize)> {
        let now = (
            self.progress.done.load(Ordering::Relaxed),
            self.progress.total.load(Ordering::Relaxed),
        );
        (now != self.reported).then(|| {
            self.reported = now;
            now
        })
    }

    /// The reload the finished job gives, or, for the first load (`first`),
    /// the data it found invalid. A directory that cannot even be read is
    /// one more problem to show after the first load, and an error before.
    fn finish(self, sources: &Sources, first: bool) -> anyhow::Result<Result<Reload, Box<Loaded>>> {
        let result = self
            .handle
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        Ok(match result {
            Ok((mut loaded, dir, None)) if first => {
                loaded.directory = Arc::unwrap_or_clone(dir);
                Err(Box::new(loaded))
            }
            Ok((loaded, dir, index)) => Ok(Reload {
                directory: dir,
                shipped: loaded.diagnostics,
                personal: loaded.personal_diagnostics,
                index: index.map(IndexRef),
            }),
            Err(e) if first => return Err(e.into()),
            Err(e) => Ok(failed_load(sources, &e)),
        })
    }
}

fn failed_load(sources: &Sources, e: &data::LoadError) -> Reload {
    let path = match &sources.shipped {
        DataSource::Dir(dir) => dir.to_string_lossy().into_owned(),
        DataSource::Embedded => "embedded data".to_string(),
    };
    Reload {
        directory: Arc::default(),
        shipped: vec![Diagnostic::error(&path, 1, 1, e.to_string())],
        personal: Vec::new(),
        index: None,
    }
}

/// Runs the TUI on the data of `sources`, loaded already or loaded in the
/// background behind a loading frame.
pub fn run(
    start: Start,
    sources: Sources,
    mut clipboard: Box<dyn Clipboard>,
    setup: Setup,
) -> anyhow::Result<Outcome> {
    let panic_in_render = std::env::var(PANIC_HOOK_VAR).is_ok_and(|v| v == "render");
    let guard = terminal::guard()?;
    let watch = Watch::start(&sources);
    let mut term = terminal::enter()?;
    let result = (|| -> anyhow::Result<Outcome> {
        let size = term.size()?;
        let (width, height) = (size.width, size.height);
        let mut job = None;
        let mut state = match start {
            Start::Loaded(loaded) => {
                AppState::from_loaded(*loaded, sources.clone(), width, height, color_mode())
            }
            Start::Load(load) => {
                job = Some(Job::with(&sources, load)?);
                AppState::loading(sources.clone(), width, height, color_mode())
            }
        };
        state.keymap = setup.config.keymap;
        state.palette = setup.config.palette;
        state.files.config = setup.config_problems;
        let mut place = setup.place;
        let mut queue = VecDeque::new();
        let watch = match watch {
            Ok(watch) => watch,
            Err(message) => {
                queue.push_back(Action::EffectFailed(message));
                None
            }
        };
        let mut edge = Edge {
            term: &mut term,
            clipboard: clipboard.as_mut(),
            child: &guard.child,
            resumed: &guard.resumed,
            watch: watch.as_ref(),
            personal: sources.personal.clone(),
            mouse_on: true,
        };
        let mut dirty = true;
        let mut events = VecDeque::new();
        // Keys typed while the data loads, kept for when it is there.
        let mut typed = VecDeque::new();
        // The status message shown, and since when: it goes after a while.
        let mut status: (Option<Status>, Instant) = (None, Instant::now());
        loop {
            // Continued after a stop (SIGTSTP from outside): the terminal
            // was restored, and is taken back here, on the drawing thread.
            if edge.resumed.try_iter().count() > 0 {
                terminal::reenter(edge.term)?;
                edge.mouse_on = true;
                queue.push_back(edge.size()?);
            }
            // Every action waiting is handled, with what its effects give,
            // then the next event, mapped in the context the ones before it
            // left; the frame is drawn when none is left.
            loop {
                if let Some(action) = queue.pop_front() {
                    dirty = true;
                    for effect in update(&mut state, action) {
                        match edge.perform(effect)? {
                            Done::Quit => return Ok(Outcome::Quit(state.place())),
                            Done::Then { actions, reload } => {
                                queue.extend(actions);
                                if reload && job.is_none() {
                                    job = Some(Job::start(&sources)?);
                                }
                            }
                        }
                    }
                } else if let Some(event) = events.pop_front() {
                    dirty = true;
                    let action = action_of(&event, &state);
                    // While loading, `q` quits at once; any other key (even
                    // one that means nothing yet, as text for a filter the
                    // keys before it open) waits for the data, and so does
                    // every key after it.
                    let quits = typed.is_empty() && action == Some(Action::Quit);
                    let waits = state.loading.is_some()
                        && !quits
                        && (matches!(event, Event::Key(_)) || action.is_some())
                        && !matches!(event, Event::Resize(..));
                    match waits {
                        true => typed.push_back(event),
                        false => queue.extend(action),
                    }
                } else if state.loading.is_none() && (place.is_some() || !typed.is_empty()) {
                    // The data is there: open on the place, then the keys
                    // typed while it loaded.
                    queue.extend(place.take().map(Action::Restore));
                    events = typed.drain(..).chain(events.drain(..)).collect();
                } else {
                    break;
                }
            }
            // The copy-failed popup gives the mouse back to the terminal,
            // so a drag selects the value.
            let wants_mouse = !matches!(state.mode, Mode::CopyFailed { .. });
            if wants_mouse != edge.mouse_on {
                terminal::mouse(wants_mouse)?;
                edge.mouse_on = wants_mouse;
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
            if state.status != status.0 {
                status = (state.status.clone(), Instant::now());
            }
            if status.0.is_some() && status.1.elapsed() >= STATUS_SHOWN {
                queue.push_back(Action::ClearStatus);
            }
            let busy = job.is_some() || state.search.busy();
            let batch = input::batch(if busy { BUSY_TICK } else { TICK })?;
            if batch.iter().any(input::is_interrupt) {
                return Ok(Outcome::Quit(state.place()));
            }
            events.extend(batch.into_iter().flat_map(input::unfold));
            if let Some((done, total)) = job.as_mut().and_then(Job::moved) {
                queue.push_back(Action::Loading { done, total });
            }
            if let Some(finished) = job.take_if(|j| j.handle.is_finished()) {
                match finished.finish(&sources, state.loading.is_some())? {
                    Ok(reload) => queue.push_back(Action::Reloaded(Box::new(reload))),
                    Err(invalid) => return Ok(Outcome::Invalid(invalid)),
                }
            }
            while let Some(answer) = state.search.try_recv() {
                queue.push_back(Action::Searched(answer));
            }
            if job.is_none() && edge.watch.is_some_and(Watch::changed) {
                job = Some(Job::start(&sources)?);
            }
        }
    })();
    terminal::restore();
    result
}

/// What performing an effect leaves the loop to do.
enum Done {
    Quit,
    /// Feed `actions` to `update`; with `reload`, load the data files again.
    Then {
        actions: Vec<Action>,
        reload: bool,
    },
}

impl Done {
    fn then(actions: Vec<Action>) -> Done {
        Done::Then {
            actions,
            reload: false,
        }
    }
}

/// What the loop needs to perform effects.
struct Edge<'a> {
    term: &'a mut terminal::Screen,
    clipboard: &'a mut dyn Clipboard,
    child: &'a ChildInForeground,
    /// Told by the signal thread when careguide runs again after a stop.
    resumed: &'a Receiver<()>,
    watch: Option<&'a Watch>,
    /// The personal directory, where additions are written.
    personal: Option<std::path::PathBuf>,
    /// Whether the terminal reports clicks and the wheel (taking back the
    /// terminal turns it on).
    mouse_on: bool,
}

impl Edge<'_> {
    fn perform(&mut self, effect: Effect) -> anyhow::Result<Done> {
        Ok(match effect {
            Effect::Quit => Done::Quit,
            Effect::Suspend => {
                terminal::suspend(self.term, self.resumed)?;
                self.mouse_on = true;
                Done::then(vec![self.size()?])
            }
            Effect::Copy { text, .. } => {
                let value = clipboard::payload(&text);
                let outcome = clipboard::copy_with(self.clipboard, &text);
                let _ = io::stdout().flush();
                let (ok, message) = match outcome {
                    Ok(message) => (true, message),
                    Err(message) => (false, message),
                };
                Done::then(vec![Action::CopyDone { ok, message, value }])
            }
            Effect::Edit { path, line } => {
                terminal::restore();
                self.child.set(true);
                let outcome = editor::run(&path, line);
                self.child.set(false);
                terminal::reenter(self.term)?;
                self.mouse_on = true;
                let mut actions = vec![self.size()?];
                // The editor's own writes are reloaded once, by the reload
                // asked for here, not again by the watcher.
                self.watch.map(Watch::changed);
                actions.extend(outcome.err().map(Action::EffectFailed));
                Done::Then {
                    actions,
                    reload: true,
                }
            }
            Effect::Reload => Done::Then {
                actions: Vec::new(),
                reload: true,
            },
            Effect::Add { facility, addition } => {
                let written = match &self.personal {
                    Some(dir) => notes_file::append(dir, &facility, &addition),
                    None => return Ok(Done::then(Vec::new())),
                };
                // The reload asked for here shows it; not again by the watcher.
                self.watch.map(Watch::changed);
                let action = match written {
                    Ok(path) => Action::Written(format!(
                        "Added to {}; it shows marked [personal]",
                        display_path(&path.to_string_lossy())
                    )),
                    Err(e) => Action::EffectFailed(format!("Not added: {e}")),
                };
                Done::Then {
                    actions: vec![action],
                    reload: true,
                }
            }
        })
    }

    fn size(&mut self) -> anyhow::Result<Action> {
        let size = self.term.size()?;
        Ok(Action::Resize {
            width: size.width,
            height: size.height,
        })
    }
}

/// Loads the files again, here: the same `data::load_sources` as at start
/// (for tests; the loop loads on another thread).
pub fn reload(sources: &Sources) -> Action {
    let reload = match data::load_sources(sources) {
        Ok(loaded) => Reload::from_loaded(loaded),
        Err(e) => failed_load(sources, &e),
    };
    Action::Reloaded(Box::new(reload))
}

fn action_of(event: &Event, state: &AppState) -> Option<Action> {
    match event {
        Event::Key(key) if key.kind == KeyEventKind::Press => {
            state.keymap.action_for(state.context(), key)
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
        Event::Resize(width, height) => Some(Action::Resize {
            width: *width,
            height: *height,
        }),
        Event::Paste(text) => Some(Action::Paste(text.clone())),
        _ => None,
    }
}
