//! Owning the terminal: entering and leaving the TUI's modes (raw mode,
//! alternate screen, mouse capture, bracketed paste, hidden cursor), a
//! signal thread and a tty watchdog that restore it and exit (128 +
//! signal, or 129 when the tty is gone, as after an SSH drop), stopping on
//! SIGTSTP (the Ctrl-Z key, or `kill -TSTP`) with the terminal restored and
//! telling the loop to rebuild it when continued, and handing the terminal
//! to a child (the editor) and taking it back.

use std::io;
use std::os::fd::{AsFd, OwnedFd};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use crossterm::cursor::Show;
use crossterm::event::{DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste};
use crossterm::terminal::{
    Clear, ClearType, EndSynchronizedUpdate, EnterAlternateScreen, LeaveAlternateScreen,
    disable_raw_mode, enable_raw_mode,
};
use crossterm::{Command, execute};
use ratatui::Terminal;
use rustix::event::{PollFd, PollFlags, poll};
use rustix::process::{Pid, getpgid, getpgrp, getpid, getppid, getsid};
use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP};
use signal_hook::iterator::Signals;
use signal_hook::low_level::emulate_default_handler;

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

/// The terminal stdout was, kept while stdout points at /dev/null.
static MUTED: Mutex<Option<OwnedFd>> = Mutex::new(None);

/// Points stdout at /dev/null, so that what the main thread still writes
/// (the rest of a frame, blocked on a slow link, say) can no longer land on
/// the shell's screen, and returns a descriptor of the terminal. `None`
/// when that cannot be done.
fn mute_stdout() -> Option<OwnedFd> {
    let mut muted = MUTED.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(terminal) = muted.as_ref() {
        return rustix::io::dup(terminal).ok();
    }
    let null = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/null")
        .ok()?;
    let terminal = rustix::io::dup(io::stdout()).ok()?;
    rustix::stdio::dup2_stdout(&null).ok()?;
    let copy = rustix::io::dup(&terminal).ok();
    *muted = Some(terminal);
    copy
}

/// Points stdout at the terminal again after `mute_stdout`.
fn unmute_stdout() {
    let mut muted = MUTED.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(terminal) = muted.take() {
        let _ = rustix::stdio::dup2_stdout(&terminal);
    }
}

/// Restores the terminal from a thread other than the main one (which may
/// be in the middle of a frame): stdout is muted first and the reset goes
/// to the terminal itself.
fn restore_aside() {
    match mute_stdout() {
        Some(terminal) => {
            let _ = rustix::io::write(&terminal, reset_sequence().as_bytes());
            let _ = disable_raw_mode();
        }
        None => restore(),
    }
}

/// Restores the terminal for good and exits, from the signal thread or the
/// watchdog.
fn restore_and_exit(code: i32) -> ! {
    restore_aside();
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
        ClicksAndWheel,
        EnableBracketedPaste
    )?;
    Terminal::new(Wire::new(io::stdout()))
}

/// Mouse reporting of clicks and the wheel only, in SGR coordinates: the
/// X10/normal (`?1000h`) and button-event (`?1002h`) modes, not crossterm's
/// `EnableMouseCapture`, which adds any-motion tracking (`?1003h`): a
/// report for every move of the pointer, none of which careguide uses.
pub struct ClicksAndWheel;

impl Command for ClicksAndWheel {
    fn write_ansi(&self, f: &mut impl std::fmt::Write) -> std::fmt::Result {
        f.write_str("\x1b[?1000h\x1b[?1002h\x1b[?1006h")
    }
}

/// Turns mouse reporting off (so a drag selects text, as the terminal
/// does without it) or back on.
pub fn mouse(on: bool) -> io::Result<()> {
    match on {
        true => execute!(io::stdout(), ClicksAndWheel),
        false => execute!(io::stdout(), DisableMouseCapture),
    }
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

/// What the signal thread shares with the loop.
pub struct Guard {
    pub child: ChildInForeground,
    /// A message each time careguide was stopped (or would have been) and
    /// runs again: the loop then takes the terminal back and redraws.
    pub resumed: Receiver<()>,
}

/// Starts the signal thread and the tty watchdog. A terminating signal or
/// a hang-up ends the process; SIGTSTP stops it (`stop`).
pub fn guard() -> io::Result<Guard> {
    let child = ChildInForeground::default();
    let in_child = child.clone();
    let (resumed_tx, resumed) = mpsc::channel();
    let mut signals = Signals::new([SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGTSTP])?;
    std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            for signal in signals.forever() {
                match signal {
                    SIGINT | SIGQUIT if in_child.get() => {}
                    SIGTSTP => stop(&in_child, &resumed_tx),
                    _ => restore_and_exit(128 + signal),
                }
            }
        })?;
    std::thread::Builder::new()
        .name("tty-watchdog".into())
        .spawn(watchdog)?;
    Ok(Guard { child, resumed })
}

/// SIGTSTP, from the Ctrl-Z key (`suspend`) or from outside (`kill -TSTP`):
/// restores the terminal, stops the whole process, and once continued
/// (SIGCONT: the shell's `fg`) asks the loop to take the terminal back.
/// The redraw is the main thread's: this thread only restores and waits.
///
/// A handled SIGTSTP no longer stops by itself, so the stop is SIGSTOP
/// (signal-hook's emulation of the default action), and, like the kernel
/// for an unhandled SIGTSTP, careguide does not stop when no shell could
/// continue it (`job_control`). While the editor owns the terminal it is
/// left alone: the editor got the same signal and restores its own.
fn stop(child: &ChildInForeground, resumed: &Sender<()>) {
    if child.get() {
        if job_control() {
            let _ = emulate_default_handler(SIGTSTP);
        }
        return;
    }
    restore_aside();
    if job_control() {
        let _ = emulate_default_handler(SIGTSTP);
    }
    let _ = resumed.send(());
}

/// Whether a shell could continue careguide after a stop. POSIX calls a
/// process group orphaned when no member has a parent in another group of
/// the same session; the kernel then discards SIGTSTP. Here the members
/// looked at are careguide and the chain of its parents inside its group
/// (a wrapper script): one of them must have a parent in another group of
/// the session, the shell.
fn job_control() -> bool {
    let group = getpgrp();
    let Ok(session) = getsid(None) else {
        return false;
    };
    let mut pid = getpid();
    // A bound, though a chain of parents always ends at init.
    for _ in 0..64 {
        let Some(parent) = parent_of(pid) else {
            return false;
        };
        match (getsid(Some(parent)), getpgid(Some(parent))) {
            (Ok(s), Ok(g)) if s == session && g != group => return true,
            (Ok(s), Ok(_)) if s == session => pid = parent,
            _ => return false,
        }
    }
    false
}

/// The parent of `pid`: careguide's own from the kernel, another
/// process's from /proc (Linux); elsewhere only careguide's own is known.
fn parent_of(pid: Pid) -> Option<Pid> {
    if pid == getpid() {
        return getppid();
    }
    let stat = std::fs::read_to_string(format!("/proc/{}/stat", pid.as_raw_pid())).ok()?;
    let fields = stat.get(stat.rfind(')')? + 2..)?;
    let ppid = fields.split_whitespace().nth(1)?.parse().ok()?;
    Pid::from_raw(ppid)
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
        // A signal (a resize, a stop) interrupted the check: not a hang-up.
        Err(rustix::io::Errno::INTR) => false,
        Err(_) => true,
    }
}

/// Ctrl-Z: raw mode turns it into a key, so send SIGTSTP to the process
/// group as the terminal would (a wrapper script in it stops too); the
/// signal thread restores the terminal and stops (`stop`). Once it says
/// careguide runs again, rebuild the terminal. No cursor queries: a fresh
/// `Terminal` and a cleared screen force a full redraw.
pub fn suspend(terminal: &mut Screen, resumed: &Receiver<()>) -> io::Result<()> {
    rustix::process::kill_current_process_group(rustix::process::Signal::TSTP)?;
    // Not for ever, should the signal be lost; a late message only redraws
    // once more.
    let _ = resumed.recv_timeout(Duration::from_secs(5));
    reenter(terminal)
}

/// Takes the terminal back after it was restored (a stop, or a child that
/// ran in it), with stdout on the terminal again, and forces a full redraw
/// without querying the terminal.
pub fn reenter(terminal: &mut Screen) -> io::Result<()> {
    unmute_stdout();
    enable_raw_mode()?;
    execute!(
        io::stdout(),
        EnterAlternateScreen,
        ClicksAndWheel,
        EnableBracketedPaste,
        Clear(ClearType::All)
    )?;
    *terminal = Terminal::new(Wire::new(io::stdout()))?;
    Ok(())
}
