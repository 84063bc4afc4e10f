//! Owning the terminal: entering and leaving the TUI's modes (raw mode,
//! alternate screen, mouse capture, bracketed paste, hidden cursor), a signal thread and a tty
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
use crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use crossterm::terminal::{
    Clear, ClearType, EndSynchronizedUpdate, EnterAlternateScreen, LeaveAlternateScreen,
    disable_raw_mode, enable_raw_mode,
};
use crossterm::{Command, execute};
use ratatui::Terminal;
use rustix::event::{PollFd, PollFlags, poll};
use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
use signal_hook::iterator::Signals;

use super::wire::Wire;

/// The terminal the TUI draws on (through `Wire`).
pub type Screen = Terminal<Wire<io::Stdout>>;

/// Puts the terminal back as the shell expects it: a frame's synchronized
/// update ended, mouse capture and bracketed paste off, cursor shown,
/// alternate screen left, raw mode off. Safe to call twice and from any thread: the bytes go
/// straight to file descriptor 1 without taking the stdout lock (the main
/// thread may hold it, or be stuck), and errors are ignored.
///
/// If the terminal is gone (an SSH drop), there is nothing to restore: the
/// process exits 129 at once, as the watchdog would. The main loop can
/// notice the dead tty first, as an I/O error, and reporting that error to
/// a terminal that no longer exists would panic (`eprintln!`) and race the
/// watchdog's exit.
pub fn restore() {
    if hung_up() {
        std::process::exit(129);
    }
    let _ = rustix::io::write(io::stdout().as_fd(), reset_sequence().as_bytes());
    let _ = disable_raw_mode();
}

fn reset_sequence() -> String {
    let mut reset = String::new();
    let _ = EndSynchronizedUpdate.write_ansi(&mut reset);
    let _ = DisableMouseCapture.write_ansi(&mut reset);
    let _ = DisableBracketedPaste.write_ansi(&mut reset);
    let _ = Show.write_ansi(&mut reset);
    let _ = LeaveAlternateScreen.write_ansi(&mut reset);
    reset
}

/// Restores the terminal for good and exits, from the signal thread or the
/// watchdog. The main thread may be in the middle of a frame (blocked on a
/// slow link, say), so stdout is pointed at /dev/null first and the reset
/// goes to a duplicate of the terminal: the rest of that frame can no
/// longer land on the shell's screen after the reset.
fn restore_and_exit(code: i32) -> ! {
    let null = std::fs::OpenOptions::new().write(true).open("/dev/null");
    match (rustix::io::dup(io::stdout()), null) {
        (Ok(terminal), Ok(null)) if rustix::stdio::dup2_stdout(&null).is_ok() => {
            let _ = rustix::io::write(&terminal, reset_sequence().as_bytes());
            let _ = disable_raw_mode();
        }
        _ => restore(),
    }
    std::process::exit(code)
}

/// Enters the TUI: raw mode, alternate screen, mouse capture, bracketed
/// paste (a paste arrives as one text, not as keys), plus a panic
/// hook that restores everything (the frame's synchronized update, mouse
/// capture and the cursor included) before the message. `ratatui::init` is
/// not used: its hook reports a failed restore with `eprintln!`, which
/// panics again, and so aborts, when the terminal is gone.
pub fn enter() -> io::Result<Screen> {
    let print_message = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        print_message(info);
    }));
    enable_raw_mode()?;
    execute!(
        io::stdout(),
        EnterAlternateScreen,
        EnableMouseCapture,
        EnableBracketedPaste
    )?;
    Terminal::new(Wire::new(io::stdout()))
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
                restore_and_exit(128 + signal);
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
        if hung_up() {
            restore_and_exit(129);
        }
    }
}

/// Whether the terminal on stdin has hung up, checked without reading it.
fn hung_up() -> bool {
    let stdin = io::stdin();
    let mut fds = [PollFd::new(&stdin, PollFlags::empty())];
    match poll(&mut fds, Some(&rustix::event::Timespec::default())) {
        Ok(_) => fds[0]
            .revents()
            .intersects(PollFlags::HUP | PollFlags::ERR | PollFlags::NVAL),
        Err(_) => true,
    }
}

/// Ctrl-Z: raw mode turns it into a key, so stop ourselves with the
/// terminal restored, and rebuild it when the shell continues us. No cursor
/// queries: a fresh `Terminal` and a cleared screen force a full redraw.
pub fn suspend(terminal: &mut Screen) -> io::Result<()> {
    restore();
    rustix::process::kill_current_process_group(rustix::process::Signal::TSTP)?;
    reenter(terminal)
}

/// Takes the terminal back after `restore()` (a stop, or a child that ran
/// in it), and forces a full redraw without querying the terminal.
pub fn reenter(terminal: &mut Screen) -> io::Result<()> {
    enable_raw_mode()?;
    execute!(
        io::stdout(),
        EnterAlternateScreen,
        EnableMouseCapture,
        EnableBracketedPaste,
        Clear(ClearType::All)
    )?;
    *terminal = Terminal::new(Wire::new(io::stdout()))?;
    Ok(())
}
