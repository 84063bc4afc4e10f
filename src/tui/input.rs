//! Reading the terminal's input through crossterm, a batch at a time: every
//! event already waiting is taken before the next frame is drawn, so a
//! burst of keys is handled and then drawn once, and a Ctrl-c inside it is
//! seen at once.
//!
//! crossterm 0.29 (its mio event source) waits for the tty edge-triggered
//! and returns from a read of up to 1 KiB as soon as it has parsed one
//! event. What the kernel still holds after that read gets no new edge, so
//! after a burst of more than a few KiB the rest (a Ctrl-c included) was not
//! read until another key came. When crossterm reports nothing while the
//! tty is readable, the terminal's modes are set to what they already are:
//! the kernel's line discipline wakes the tty's readers on every change of
//! modes, which gives crossterm's wait a new edge and makes it read again.
//!
//! An Esc that is the last byte of a full 1 KiB read is held by crossterm's
//! parser as the possible start of a sequence, and parsed again only when
//! the next bytes arrive (its `Parser::advance` runs on new bytes alone: a
//! poll, with or without a timeout, reads nothing and parses nothing), then
//! read together with them as an Alt chord. Nothing outside crossterm can
//! release it sooner: the byte has left the tty. careguide binds one Alt
//! chord, Alt-Backspace (delete a word, as in a shell), and terminals send
//! Alt-x as Esc x anyway, so any other key with Alt is taken as what its
//! bytes also say: Esc, then the key (`unfold`). The held Esc then acts
//! with the next key instead of swallowing it.

use std::io;
use std::iter;
use std::time::Duration;

use crossterm::event::{self, Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use rustix::event::{PollFd, PollFlags, Timespec, poll};
use rustix::termios::{OptionalActions, tcgetattr, tcsetattr};

/// The most events taken before a frame is drawn: a paste typed as keys
/// by a terminal without bracketed paste still shows progress.
const MAX_BATCH: usize = 4096;

/// Waits up to `wait` for input, then takes every event already waiting
/// (up to `MAX_BATCH`). Empty when nothing came.
pub fn batch(wait: Duration) -> io::Result<Vec<Event>> {
    let mut events = Vec::new();
    if !event::poll(wait)? && !more_after_rearm()? {
        return Ok(events);
    }
    while events.len() < MAX_BATCH {
        events.push(event::read()?);
        if !event::poll(Duration::ZERO)? && !more_after_rearm()? {
            break;
        }
    }
    Ok(events)
}

/// Whether crossterm has an event once its wait is re-armed, when the tty
/// holds input it did not report.
fn more_after_rearm() -> io::Result<bool> {
    let stdin = io::stdin();
    let mut fds = [PollFd::new(&stdin, PollFlags::IN)];
    let readable = poll(&mut fds, Some(&Timespec::default())).is_ok_and(|n| n > 0)
        && fds[0].revents().contains(PollFlags::IN);
    if !readable {
        return Ok(false);
    }
    let modes = tcgetattr(&stdin)?;
    tcsetattr(&stdin, OptionalActions::Now, &modes)?;
    event::poll(Duration::ZERO)
}

/// Ctrl-c, which quits everywhere; also when crossterm read it together
/// with an Esc before it (as Alt-Ctrl-c).
pub fn is_interrupt(event: &Event) -> bool {
    matches!(event, Event::Key(key)
        if key.kind == KeyEventKind::Press
            && key.code == KeyCode::Char('c')
            && key.modifiers.contains(KeyModifiers::CONTROL))
}

/// A key crossterm read with Alt (but Alt-Backspace), as Esc and then the
/// key without it; every other event as it is.
pub fn unfold(event: Event) -> impl Iterator<Item = Event> {
    let (esc, event) = match event {
        Event::Key(key)
            if key.modifiers.contains(KeyModifiers::ALT)
                && !matches!(key.code, KeyCode::Esc | KeyCode::Backspace) =>
        {
            let esc = KeyEvent::new_with_kind(KeyCode::Esc, KeyModifiers::NONE, key.kind);
            let key =
                KeyEvent::new_with_kind(key.code, key.modifiers - KeyModifiers::ALT, key.kind);
            (Some(Event::Key(esc)), Event::Key(key))
        }
        other => (None, other),
    };
    esc.into_iter().chain(iter::once(event))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, modifiers: KeyModifiers) -> Event {
        Event::Key(KeyEvent::new(code, modifiers))
    }

    #[test]
    fn an_alt_key_is_esc_then_the_key() {
        let unfolded: Vec<Event> = unfold(key(
            KeyCode::Char('c'),
            KeyModifiers::ALT | KeyModifiers::CONTROL,
        ))
        .collect();
        assert_eq!(
            unfolded,
            [
                key(KeyCode::Esc, KeyModifiers::NONE),
                key(KeyCode::Char('c'), KeyModifiers::CONTROL)
            ]
        );
        let plain = key(KeyCode::Char('j'), KeyModifiers::NONE);
        assert_eq!(unfold(plain.clone()).collect::<Vec<_>>(), [plain]);
        assert!(is_interrupt(&key(
            KeyCode::Char('c'),
            KeyModifiers::ALT | KeyModifiers::CONTROL
        )));
    }
}
