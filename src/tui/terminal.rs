//! Owning the terminal: entering and leaving the TUI's modes (raw mode,
//! alternate screen, mouse capture, hidden cursor), a signal thread and a tty
//! watchdog that restore it and exit (128 + signal, or 129 when the tty is
//! gone, as after an SSH drop), Ctrl-Z suspension that restores the
//! terminal before stopping and rebuilds it on `fg`, and handing the
//! terminal to a child (the editor) and taking it back.

use std::io;
use std::os::fd::AsFd;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use crossterm::cursor::Show;
use crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use crossterm::terminal::{
    Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use crossterm::{Command, execute};
use ratatui::DefaultTerminal;
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use rustix::event::{PollFd, PollFlags, poll};
use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
use signal_hook::iterator::Signals;

/// Puts the terminal back as the shell expects it: mouse capture off,
/// cursor shown, alternate screen left, raw mode off. Safe to call twice and
/// from any thread: the bytes go straight to file descriptor 1 without
/// taking the stdout lock (the main thread may hold it, or be stuck), and
/// errors are ignored (the tty may be gone).
pub fn restore() {
    let mut reset = String::new();
    let _ = DisableMouseCapture.write_ansi(&mut reset);
    let _ = Show.write_ansi(&mut reset);
    let _ = LeaveAlternateScreen.write_ansi(&mut reset);
    let _ = rustix::io::write(io::stdout().as_fd(), reset.as_bytes());
    let _ = disable_raw_mode();
}

/// Enters the TUI: raw mode, alternate screen, mouse capture, plus a panic
/// hook that restores everything (mouse included) before the message.
pub fn enter() -> io::Result<DefaultTerminal> {
    let terminal = ratatui::try_init()?;
    let ratatui_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(io::stdout(), DisableMouseCapture);
        ratatui_hook(info);
    }));
    execute!(io::stdout(), EnableMouseCapture)?;
    Ok(terminal)
}

/// Set while a child (the editor) owns the terminal: Ctrl-C typed there
/// (or Ctrl-\) reaches our process group too, and must not end careguide.
#[derive(Debug, Clone, Default)]
pub struct ChildInForeground(Arc<AtomicBool>);

impl ChildInForeground {
    pub fn set(&self, running: bool) {
        self.0.store(running, Ordering::SeqCst);
    }

    fn get(&self) -> bool {
        self.0.load(Ordering::SeqCst)
    }
}

/// Starts the signal thread and the tty watchdog. Both end the process.
pub fn guard() -> io::Result<ChildInForeground> {
    let child = ChildInForeground::default();
    let in_child = child.clone();
    let mut signals = Signals::new([SIGTERM, SIGINT, SIGHUP, SIGQUIT])?;
    std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            for signal in signals.forever() {
                if matches!(signal, SIGINT | SIGQUIT) && in_child.get() {
                    continue;
                }
                restore();
                std::process::exit(128 + signal);
            }
        })?;
    std::thread::Builder::new()
        .name("tty-watchdog".into())
        .spawn(watchdog)?;
    Ok(child)
}

/// crossterm spins on a dead tty (crossterm#793) instead of returning, so
/// this thread checks stdin for a hang-up without reading it.
fn watchdog() {
    loop {
        std::thread::sleep(Duration::from_millis(250));
        let stdin = io::stdin();
        let mut fds = [PollFd::new(&stdin, PollFlags::empty())];
        let gone = match poll(&mut fds, Some(&rustix::event::Timespec::default())) {
            Ok(_) => fds[0]
                .revents()
                .intersects(PollFlags::HUP | PollFlags::ERR | PollFlags::NVAL),
            Err(_) => true,
        };
        if gone {
            restore();
            std::process::exit(129);
        }
    }
}

/// Ctrl-Z: raw mode turns it into a key, so stop ourselves with the
/// terminal restored, and rebuild it when the shell continues us. No cursor
/// queries: a fresh `Terminal` and a cleared screen force a full redraw.
pub fn suspend(terminal: &mut DefaultTerminal) -> io::Result<()> {
    restore();
    rustix::process::kill_current_process_group(rustix::process::Signal::TSTP)?;
    reenter(terminal)
}

/// Takes the terminal back after `restore()` (a stop, or a child that ran
/// in it), and forces a full redraw without querying the terminal.
pub fn reenter(terminal: &mut DefaultTerminal) -> io::Result<()> {
    enable_raw_mode()?;
    execute!(
        io::stdout(),
        EnterAlternateScreen,
        EnableMouseCapture,
        Clear(ClearType::All)
    )?;
    *terminal = Terminal::new(CrosstermBackend::new(io::stdout()))?;
    Ok(())
}
