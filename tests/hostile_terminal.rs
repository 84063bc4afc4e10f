//! Hostile terminals (issue 6, scenarios 11–16 and the terminal side of 17,
//! and the black-box probe's findings 5–7): the release binary in a real
//! pseudo-terminal, checked the way the user's shell would see it
//! afterwards.
//!
//! The harness opens a pty pair with rustix, starts the binary on the slave
//! as a session leader with the pty as its controlling terminal (util-linux
//! `setsid -c`), reads everything it writes from the master, and reads the
//! terminal modes (termios) through a second slave descriptor, as the shell
//! would. Every process a test starts is killed by pid if the test fails.
//!
//! | # | scenario | tests here |
//! |---|---|---|
//! | 11 | stdin, stdout or both not a TTY; `TERM=dumb`; `TERM` unset | `row11_*` |
//! | 12 | `NO_COLOR=1` | `row12_no_color_has_no_colour_codes_and_the_selection_shows` |
//! | 13 | SIGTERM, SIGINT, SIGQUIT, SIGHUP; a signal mid-frame on a full pty | `row13_*` |
//! | 14 | pty master closed, SIGHUP delivered / ignored / never sent | `row14_*` |
//! | 15 | Ctrl-Z, then the shell's `fg`; Ctrl-Z without job control | `row15_*` |
//! | 16 | a panic inside render (`CAREGUIDE_TEST_PANIC=render`) | `row16_*` |
//! | 17 | hostile file names and ids, printed to the terminal | `row17_*` (and `hostile_data`) |
//! | probe 5 | a paste, bracketed or typed as keys; 100 KB of it | `probe_05_*` |
//! | probe 6 | a 5 000-key burst; an Esc ending a full 1 KiB read | `probe_06_*` |
//! | probe 7 | SIGTSTP by pid, then the shell's `fg` | `probe_07_*` |

use std::fs;
use std::os::fd::OwnedFd;
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use rustix::event::{PollFd, PollFlags, Timespec, poll};
use rustix::fs::{Mode, OFlags, open};
use rustix::process::{Pid, Signal, kill_process};
use rustix::pty::{OpenptFlags, grantpt, openpt, ptsname, unlockpt};
use rustix::termios::{LocalModes, Termios, Winsize, tcgetattr, tcsetwinsize};

const BIN: &str = env!("CARGO_BIN_EXE_careguide");

/// How long the TUI may take to draw its first frame on a busy machine.
const START: Duration = Duration::from_secs(20);

// --- The pseudo-terminal -------------------------------------------------------

/// A pty pair: the master (the "terminal emulator" side) and the slave's
/// path, plus one slave descriptor kept to read the modes.
struct Pty {
    master: Option<OwnedFd>,
    slave: PathBuf,
    view: OwnedFd,
    /// Everything read from the master so far.
    out: Vec<u8>,
    size: (u16, u16),
    /// The home of careguide's config and state files for this terminal's
    /// programs, so no test opens where another left off.
    home: tempfile::TempDir,
}

impl Pty {
    fn new(cols: u16, rows: u16) -> Pty {
        let master = openpt(OpenptFlags::RDWR | OpenptFlags::NOCTTY | OpenptFlags::CLOEXEC)
            .expect("open a pty master");
        grantpt(&master).expect("grantpt");
        unlockpt(&master).expect("unlockpt");
        let name = ptsname(&master, Vec::new()).expect("ptsname");
        let slave = PathBuf::from(name.to_str().expect("a UTF-8 pty path"));
        let size = Winsize {
            ws_row: rows,
            ws_col: cols,
            ws_xpixel: 0,
            ws_ypixel: 0,
        };
        tcsetwinsize(&master, size).expect("set the window size");
        let view = Pty::open_slave(&slave);
        Pty {
            master: Some(master),
            slave,
            view,
            out: Vec::new(),
            size: (cols, rows),
            home: tempfile::tempdir().expect("a home"),
        }
    }

    fn open_slave(path: &Path) -> OwnedFd {
        open(
            path,
            OFlags::RDWR | OFlags::NOCTTY | OFlags::CLOEXEC,
            Mode::empty(),
        )
        .expect("open the pty slave")
    }

    /// A fresh slave descriptor for a child's stdin, stdout or stderr.
    fn stdio(&self) -> Stdio {
        Stdio::from(Pty::open_slave(&self.slave))
    }

    /// A command whose stdin, stdout and stderr are the pty, in a new
    /// session whose controlling terminal is the pty.
    fn command(&self, program: &str) -> Command {
        let mut cmd = Command::new("setsid");
        cmd.arg("-c")
            .arg(program)
            .stdin(self.stdio())
            .stdout(self.stdio())
            .stderr(self.stdio());
        environment(&mut cmd);
        cmd.env("XDG_CONFIG_HOME", self.home.path().join("config"))
            .env("XDG_STATE_HOME", self.home.path().join("state"));
        cmd
    }

    /// Reads what the master has, waiting up to `wait` for the first byte.
    fn pump(&mut self, wait: Duration) {
        let Some(master) = &self.master else {
            std::thread::sleep(wait);
            return;
        };
        let mut timeout = Timespec {
            tv_sec: 0,
            tv_nsec: i64::try_from(wait.as_nanos()).unwrap_or(0),
        };
        let mut buf = [0u8; 8192];
        loop {
            let mut fds = [PollFd::new(master, PollFlags::IN)];
            if poll(&mut fds, Some(&timeout)).unwrap_or(0) == 0 {
                return;
            }
            if !fds[0].revents().contains(PollFlags::IN) {
                std::thread::sleep(wait);
                return;
            }
            match rustix::io::read(master, &mut buf) {
                Ok(0) | Err(_) => return,
                Ok(n) => self.out.extend_from_slice(&buf[..n]),
            }
            timeout = Timespec {
                tv_sec: 0,
                tv_nsec: 0,
            };
        }
    }

    /// Waits until the output from `from` on satisfies `ready`.
    fn wait_for(&mut self, from: usize, limit: Duration, ready: impl Fn(&[u8]) -> bool) -> bool {
        let start = Instant::now();
        loop {
            if ready(&self.out[from.min(self.out.len())..]) {
                return true;
            }
            if start.elapsed() > limit {
                return false;
            }
            self.pump(Duration::from_millis(20));
        }
    }

    /// Waits for the directory's first frame, or fails with the output.
    fn wait_drawn(&mut self, from: usize) {
        let drawn = self.wait_for(from, START, |out| {
            // Words, not phrases: unstyled spaces are skipped by cursor moves.
            contains(out, b"\x1b[?1049h") && contains(out, b"Contact") && contains(out, b"Cities")
        });
        assert!(drawn, "the directory was not drawn:\n{}", self.shown(from));
    }

    fn send(&self, bytes: &[u8]) {
        let master = self.master.as_ref().expect("the master is open");
        rustix::io::write(master, bytes).expect("write to the pty");
    }

    /// Writes all of `bytes` on another thread, as a terminal would while
    /// the app reads and draws (the test keeps reading the output with
    /// `pump`, or both sides would block on full buffers).
    fn send_in_background(&self, bytes: Vec<u8>) -> std::thread::JoinHandle<()> {
        let master = self.master.as_ref().expect("the master is open");
        let master = rustix::io::dup(master).expect("dup the master");
        std::thread::spawn(move || {
            let mut rest = &bytes[..];
            while !rest.is_empty() {
                match rustix::io::write(&master, rest) {
                    Ok(n) => rest = &rest[n..],
                    Err(rustix::io::Errno::INTR) => {}
                    Err(_) => return,
                }
            }
        })
    }

    /// Pastes `text` as a terminal does: wrapped in bracketed-paste marks
    /// when the app asked for them (`ESC [ ? 2004 h` last seen), as plain
    /// typed bytes when it did not.
    fn paste(&self, text: &str) -> std::thread::JoinHandle<()> {
        let on = find_last(&self.out, b"\x1b[?2004h");
        let off = find_last(&self.out, b"\x1b[?2004l");
        let bracketed = on.is_some_and(|on| off.is_none_or(|off| off < on));
        let mut bytes = Vec::new();
        if bracketed {
            bytes.extend_from_slice(b"\x1b[200~");
        }
        bytes.extend_from_slice(text.as_bytes());
        if bracketed {
            bytes.extend_from_slice(b"\x1b[201~");
        }
        self.send_in_background(bytes)
    }

    /// The screen as a terminal shows it after everything read so far.
    fn screen(&self) -> String {
        let (cols, rows) = self.size;
        let mut parser = vt100::Parser::new(rows, cols, 0);
        parser.process(&self.out);
        parser.screen().contents()
    }

    /// Waits until the screen satisfies `ready`; the screen then, or the
    /// failure with the screen.
    fn wait_screen(&mut self, what: &str, limit: Duration, ready: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if ready(&screen) {
                return screen;
            }
            assert!(
                start.elapsed() < limit,
                "timed out waiting for {what}; the screen:\n{screen}"
            );
            self.pump(Duration::from_millis(50));
        }
    }

    /// The terminal modes, as the shell would read them.
    fn modes(&self) -> Termios {
        tcgetattr(&self.view).expect("tcgetattr")
    }

    /// Closes the master: the terminal emulator (or sshd) is gone.
    fn hang_up(&mut self) {
        self.master = None;
    }

    fn shown(&self, from: usize) -> String {
        String::from_utf8_lossy(&self.out[from.min(self.out.len())..])
            .replace('\u{1b}', "␛")
            .chars()
            .rev()
            .take(3000)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect()
    }
}

/// A predictable environment: a capable terminal, colour allowed, the
/// embedded data, copying off (so no tmux or display server is touched).
fn environment(cmd: &mut Command) {
    cmd.env("TERM", "xterm-256color")
        .env("CAREGUIDE_CLIPBOARD", "off")
        .env_remove("NO_COLOR")
        .env_remove("CAREGUIDE_DATA")
        .env_remove("CAREGUIDE_TEST_PANIC")
        .env_remove("TMUX")
        .env_remove("ENV")
        .env("PS1", "$ ");
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    find_last(hay, needle).is_some()
}

fn find_last(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

fn find_first(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

// --- Processes -----------------------------------------------------------------

/// Processes a test started, killed (by pid, SIGKILL) when it ends early.
struct Started {
    child: Child,
    others: Vec<i32>,
}

impl Started {
    fn new(mut cmd: Command) -> Started {
        let child = cmd.spawn().expect("spawn under setsid");
        drop(cmd);
        Started {
            child,
            others: Vec::new(),
        }
    }

    fn pid(&self) -> i32 {
        i32::try_from(self.child.id()).expect("a pid")
    }

    /// Waits for the direct child to exit, reading the pty meanwhile.
    fn wait(&mut self, pty: &mut Pty, limit: Duration) -> Option<(ExitStatus, Duration)> {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                let took = start.elapsed();
                pty.pump(Duration::from_millis(50));
                return Some((status, took));
            }
            if start.elapsed() > limit {
                return None;
            }
            pty.pump(Duration::from_millis(5));
        }
    }
}

impl Drop for Started {
    fn drop(&mut self) {
        for &pid in &self.others {
            if let Some(pid) = Pid::from_raw(pid) {
                let _ = kill_process(pid, Signal::KILL);
            }
        }
        if self.child.try_wait().ok().flatten().is_none() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

fn signal(pid: i32, sig: Signal) {
    kill_process(Pid::from_raw(pid).expect("a pid"), sig).expect("kill");
}

/// `(state, utime + stime in clock ticks)` from `/proc/PID/stat`, or `None`
/// once the process is gone.
fn proc_stat(pid: i32) -> Option<(char, u64)> {
    let stat = fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let state = fields.first()?.chars().next()?;
    let ticks = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    Some((state, ticks))
}

/// The pid of `parent`'s child named `careguide`, waiting for it to start.
fn careguide_child_of(parent: i32) -> i32 {
    let start = Instant::now();
    loop {
        for entry in fs::read_dir("/proc").expect("/proc").flatten() {
            let Ok(pid) = entry.file_name().to_string_lossy().parse::<i32>() else {
                continue;
            };
            let Ok(stat) = fs::read_to_string(entry.path().join("stat")) else {
                continue;
            };
            let Some(close) = stat.rfind(')') else {
                continue;
            };
            let comm = stat
                .split_once('(')
                .map_or("", |(_, c)| &c[..c.len().min(close)]);
            let ppid = stat[close + 2..]
                .split_whitespace()
                .nth(1)
                .and_then(|p| p.parse::<i32>().ok());
            if comm.starts_with("careguide)") && ppid == Some(parent) {
                return pid;
            }
        }
        assert!(
            start.elapsed() < START,
            "no careguide process under {parent}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

// --- What the shell sees afterwards --------------------------------------------

fn is_raw(modes: &Termios) -> bool {
    !modes.local_modes.contains(LocalModes::ICANON) && !modes.local_modes.contains(LocalModes::ECHO)
}

/// The modes are exactly what they were before the app started.
fn assert_modes_restored(before: &Termios, after: &Termios, what: &str) {
    assert!(
        after
            .local_modes
            .contains(LocalModes::ICANON | LocalModes::ECHO | LocalModes::ISIG),
        "{what}: canonical mode, echo and signals are back: {:?}",
        after.local_modes
    );
    assert_eq!(before.local_modes, after.local_modes, "{what}: local modes");
    assert_eq!(before.input_modes, after.input_modes, "{what}: input modes");
    assert_eq!(
        before.output_modes, after.output_modes,
        "{what}: output modes"
    );
}

/// Every mode the app turned on in `out` is turned off again after it:
/// the alternate screen is left, mouse capture ends, the cursor is shown,
/// a synchronized update is closed.
fn assert_screen_restored(out: &[u8], what: &str) {
    // Nothing is drawn after the alternate screen is left: a frame the main
    // thread was writing must not land on the shell's screen.
    let left = find_last(out, b"\x1b[?1049l").unwrap_or(out.len());
    let after = String::from_utf8_lossy(&out[left..]);
    let drawn = after
        .split('\u{1b}')
        .skip(1)
        .any(|seq| !(seq.starts_with("[?") && (seq.contains('l') || seq.contains('h'))));
    assert!(
        !drawn,
        "{what}: output after leaving the alternate screen: {:?}",
        after.replace('\u{1b}', "␛")
    );
    for (on, off, name) in [
        (
            &b"\x1b[?1049h"[..],
            &b"\x1b[?1049l"[..],
            "the alternate screen",
        ),
        (b"\x1b[?1000h", b"\x1b[?1000l", "mouse capture"),
        (b"\x1b[?25l", b"\x1b[?25h", "the hidden cursor"),
        (b"\x1b[?2026h", b"\x1b[?2026l", "a synchronized update"),
    ] {
        if let Some(entered) = find_last(out, on) {
            let left = find_last(out, off);
            assert!(
                left.is_some_and(|l| l > entered),
                "{what}: {name} was not restored at the end:\n{}",
                String::from_utf8_lossy(out).replace('\u{1b}', "␛")
            );
        }
    }
    assert!(contains(out, b"\x1b[?1049h"), "{what}: the TUI was entered");
}

// --- Row 11 ----------------------------------------------------------------------

/// Runs the binary with `stdin`/`stdout`/`stderr` as given (a pty, a file or
/// nothing), in a new session on the pty, and returns its status, what the
/// pty showed, and what the file got.
fn refused(
    term: Option<&str>,
    stdin_tty: bool,
    stdout_tty: bool,
) -> (ExitStatus, String, Vec<u8>, Vec<u8>) {
    let mut pty = Pty::new(100, 30);
    let file = tempfile::NamedTempFile::new().expect("a temp file");
    let err_file = tempfile::NamedTempFile::new().expect("a temp file");
    // A new session; the pty becomes its controlling terminal only when it
    // is on stdin (`setsid -c` takes it from there).
    let mut cmd = Command::new("setsid");
    if stdin_tty {
        cmd.arg("-c");
    }
    cmd.arg(BIN);
    environment(&mut cmd);
    match term {
        Some(term) => cmd.env("TERM", term),
        None => cmd.env_remove("TERM"),
    };
    cmd.stdin(if stdin_tty {
        pty.stdio()
    } else {
        Stdio::null()
    });
    if stdout_tty {
        cmd.stdout(pty.stdio()).stderr(pty.stdio());
    } else {
        cmd.stdout(file.reopen().expect("reopen"))
            .stderr(err_file.reopen().expect("reopen"));
    }
    let mut started = Started::new(cmd);
    let (status, _) = started
        .wait(&mut pty, Duration::from_secs(30))
        .expect("the refusal is prompt");
    pty.pump(Duration::from_millis(50));
    let shown = String::from_utf8_lossy(&pty.out).into_owned();
    let stdout = fs::read(file.path()).expect("read the output file");
    let stderr = fs::read(err_file.path()).expect("read the error file");
    (status, shown, stdout, stderr)
}

const HINT: &str =
    "for scripts and pipes use `careguide search`, `careguide show` or `careguide export`";

#[test]
fn row11_stdout_not_a_tty_is_refused_with_no_escape_bytes() {
    let (status, shown, stdout, stderr) = refused(Some("xterm-256color"), true, false);
    assert_eq!(status.code(), Some(2));
    assert_eq!(stdout, b"", "nothing at all in the output file");
    let stderr = String::from_utf8(stderr).expect("UTF-8");
    assert_eq!(
        stderr,
        format!(
            "careguide: the interactive directory needs a terminal on stdin and stdout; {HINT}\n"
        )
    );
    assert_eq!(shown, "", "nothing written to the terminal either");
}

#[test]
fn row11_stdin_not_a_tty_is_refused_with_no_escape_bytes() {
    let (status, shown, _, _) = refused(Some("xterm-256color"), false, true);
    assert_eq!(status.code(), Some(2));
    assert!(!shown.contains('\u{1b}'), "{shown:?}");
    assert_eq!(
        shown,
        format!(
            "careguide: the interactive directory needs a terminal on stdin and stdout; {HINT}\r\n"
        )
    );
}

#[test]
fn row11_neither_a_tty_nor_a_controlling_terminal_is_refused() {
    let (status, shown, stdout, stderr) = refused(Some("xterm-256color"), false, false);
    assert_eq!(status.code(), Some(2));
    assert_eq!(stdout, b"");
    assert_eq!(shown, "");
    let stderr = String::from_utf8(stderr).expect("UTF-8");
    assert!(
        stderr.contains("needs a terminal on stdin and stdout"),
        "{stderr}"
    );
    // And with assert_cmd's pipes, as a script would run it.
    let output = assert_cmd::Command::new(BIN)
        .env_remove("CAREGUIDE_DATA")
        .env("TERM", "xterm-256color")
        .timeout(Duration::from_secs(30))
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(output.stdout, b"");
    assert!(!output.stderr.contains(&0x1b));
}

#[test]
fn row11_term_dumb_unset_or_empty_is_refused_with_no_escape_bytes() {
    for (term, reason) in [
        (
            Some("dumb"),
            "TERM=dumb cannot show the interactive directory",
        ),
        (None, "TERM is not set, so the terminal is unknown"),
        (Some(""), "TERM is not set, so the terminal is unknown"),
    ] {
        let (status, shown, _, _) = refused(term, true, true);
        assert_eq!(status.code(), Some(2), "{term:?}");
        assert_eq!(
            shown,
            format!("careguide: {reason}; {HINT}\r\n"),
            "{term:?}"
        );
        let (status, shown, stdout, stderr) = refused(term, true, false);
        assert_eq!(status.code(), Some(2), "{term:?}");
        assert_eq!(stdout, b"", "{term:?}");
        assert_eq!(shown, "", "{term:?}");
        assert!(!stderr.contains(&0x1b), "{term:?}");
    }
}

// --- Row 12 ----------------------------------------------------------------------

/// SGR parameters that set a colour: 30–38 and 40–48 (and the defaults 39
/// and 49), 90–97 and 100–107, underline colour 58/59.
fn colour_code(code: u16) -> bool {
    matches!(code, 30..=39 | 40..=49 | 58 | 59 | 90..=97 | 100..=107)
}

/// The SGR sequences of a byte stream, in order, each as its parameters.
fn sgr_sequences(out: &[u8]) -> Vec<(usize, String)> {
    let text = String::from_utf8_lossy(out);
    let mut found = Vec::new();
    let mut rest = &text[..];
    let mut offset = 0;
    while let Some(at) = rest.find("\u{1b}[") {
        let body = &rest[at + 2..];
        let end = body
            .find(|c: char| !(c.is_ascii_digit() || c == ';' || c == ':' || c == '?'))
            .unwrap_or(body.len());
        if body[end..].starts_with('m') {
            found.push((offset + at, body[..end].to_string()));
        }
        offset += at + 2;
        rest = body;
    }
    found
}

/// The text printed while reverse video was on.
fn reversed_text(out: &[u8]) -> String {
    let text = String::from_utf8_lossy(out);
    let mut reversed = false;
    let mut shown = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\u{1b}' {
            if reversed && !c.is_control() {
                shown.push(c);
            }
            continue;
        }
        if chars.peek() != Some(&'[') {
            continue;
        }
        chars.next();
        let mut params = String::new();
        let mut last = ' ';
        for c in chars.by_ref() {
            if c.is_ascii_digit() || c == ';' || c == '?' {
                params.push(c);
            } else {
                last = c;
                break;
            }
        }
        if last == 'm' {
            for code in params.split(';') {
                match code {
                    "" | "0" | "27" => reversed = false,
                    "7" => reversed = true,
                    _ => {}
                }
            }
        }
    }
    shown
}

#[test]
fn row12_no_color_has_no_colour_codes_and_the_selection_shows() {
    let mut pty = Pty::new(100, 30);
    let mut cmd = pty.command(BIN);
    cmd.env("NO_COLOR", "1");
    let mut app = Started::new(cmd);
    pty.wait_drawn(0);
    // Move the selection and search everything, so more styles show.
    pty.send(b"\tj");
    pty.pump(Duration::from_millis(300));
    pty.send(b"\x10kidney");
    pty.pump(Duration::from_millis(300));
    // Enter jumps to the hit and closes the search (a lone Esc could be
    // read together with the next key as Alt-q).
    pty.send(b"\r");
    pty.pump(Duration::from_millis(300));
    pty.send(b"q");
    let (status, _) = app
        .wait(&mut pty, Duration::from_secs(10))
        .expect("q quits");
    assert_eq!(status.code(), Some(0));
    let sgr = sgr_sequences(&pty.out);
    assert!(sgr.len() > 10, "styles were drawn: {sgr:?}");
    for (at, params) in &sgr {
        let codes: Vec<u16> = params
            .split([';', ':'])
            .filter_map(|p| p.parse().ok())
            .collect();
        assert!(
            !codes.iter().any(|&c| colour_code(c)),
            "a colour SGR ESC[{params}m at byte {at}"
        );
    }
    let reversed = reversed_text(&pty.out);
    assert!(
        reversed.contains("▶ All cities") && reversed.contains("▶ "),
        "the selection is drawn in reverse video: {reversed:?}"
    );
    assert_screen_restored(&pty.out, "NO_COLOR");
}

/// The same check catches colour when it is there: the default run has it.
#[test]
fn row12_the_colour_check_sees_colour_without_no_color() {
    let mut pty = Pty::new(100, 30);
    let mut app = Started::new(pty.command(BIN));
    pty.wait_drawn(0);
    pty.send(b"q");
    app.wait(&mut pty, Duration::from_secs(10))
        .expect("q quits");
    let coloured = sgr_sequences(&pty.out).iter().any(|(_, params)| {
        params
            .split(';')
            .filter_map(|p| p.parse().ok())
            .any(colour_code)
    });
    assert!(coloured, "colour is used when NO_COLOR is unset");
}

// --- Row 13 ----------------------------------------------------------------------

fn killed_by(sig: Signal, number: i32) {
    let mut pty = Pty::new(100, 30);
    let before = pty.modes();
    let mut app = Started::new(pty.command(BIN));
    pty.wait_drawn(0);
    assert!(is_raw(&pty.modes()), "raw mode while running");
    signal(app.pid(), sig);
    let (status, took) = app
        .wait(&mut pty, Duration::from_secs(5))
        .unwrap_or_else(|| panic!("still running 5 s after {sig:?}"));
    assert_eq!(
        (status.code(), status.signal()),
        (Some(128 + number), None),
        "{sig:?}: exit status 128 + {number}"
    );
    assert!(
        took < Duration::from_secs(1),
        "{sig:?}: exited after {took:?}"
    );
    assert_modes_restored(&before, &pty.modes(), &format!("{sig:?}"));
    assert_screen_restored(&pty.out, &format!("{sig:?}"));
}

#[test]
fn row13_sigterm_restores_the_terminal_and_exits_143() {
    killed_by(Signal::TERM, 15);
}

#[test]
fn row13_sigint_restores_the_terminal_and_exits_130() {
    killed_by(Signal::INT, 2);
}

#[test]
fn row13_sigquit_restores_the_terminal_and_exits_131() {
    killed_by(Signal::QUIT, 3);
}

#[test]
fn row13_sighup_restores_the_terminal_and_exits_129() {
    killed_by(Signal::HUP, 1);
}

/// A signal while careguide is blocked mid-frame on a full pty (a slow SSH
/// link): the reset must end the frame's synchronized update, and the rest
/// of the frame must not be drawn on the shell's screen after it. Before
/// the fix (stdout pointed at /dev/null before the reset) about one round
/// in thirty drew frame bytes after leaving the alternate screen.
#[test]
fn row13_a_signal_while_output_is_blocked_leaves_no_frame_on_the_shell_screen() {
    for round in 0..12 {
        let mut pty = Pty::new(100, 30);
        let before = pty.modes();
        let mut app = Started::new(pty.command(BIN));
        pty.wait_drawn(0);
        // Keys that redraw, with nobody reading: the pty fills up and the
        // app blocks in the middle of a frame.
        for _ in 0..40 {
            pty.send(b"\tj");
        }
        std::thread::sleep(Duration::from_millis(300));
        signal(app.pid(), Signal::TERM);
        let (status, _) = app
            .wait(&mut pty, Duration::from_secs(5))
            .expect("exits after SIGTERM");
        let what = format!("round {round}");
        assert_eq!(status.code(), Some(143), "{what}");
        assert_modes_restored(&before, &pty.modes(), &what);
        assert_screen_restored(&pty.out, &what);
    }
}

// --- Row 14 ----------------------------------------------------------------------

/// After the master closes, follows `pid` until it is gone (or a zombie):
/// how long it took and how much CPU it used meanwhile, or `None` (with the
/// CPU used) if it is still there after `limit`.
fn follow_exit(pid: i32, limit: Duration) -> Result<(Duration, u64), u64> {
    let start = Instant::now();
    let (_, first) = proc_stat(pid).expect("running when the master closed");
    let mut last = first;
    loop {
        match proc_stat(pid) {
            Some(('Z', ticks)) => return Ok((start.elapsed(), ticks - first)),
            Some((_, ticks)) => last = ticks,
            None => return Ok((start.elapsed(), last - first)),
        }
        if start.elapsed() > limit {
            return Err(last - first);
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// At most this much CPU (in clock ticks, 1/100 s) between the hang-up and
/// the exit; a spinning `event::read` burns about 66 ticks a second.
const MAX_TICKS: u64 = 30;

fn assert_prompt_exit(result: Result<(Duration, u64), u64>, what: &str) {
    match result {
        Ok((took, ticks)) => {
            assert!(
                took < Duration::from_secs(2),
                "{what}: exited after {took:?}"
            );
            assert!(
                ticks <= MAX_TICKS,
                "{what}: used {ticks} ticks of CPU before exiting"
            );
        }
        Err(ticks) => panic!("{what}: still running 2 s after the hang-up, using {ticks} ticks"),
    }
}

#[test]
fn row14_master_closed_with_sighup_delivered_exits_129_promptly() {
    let mut pty = Pty::new(100, 30);
    let mut app = Started::new(pty.command(BIN));
    pty.wait_drawn(0);
    let pid = app.pid();
    pty.hang_up();
    assert_prompt_exit(follow_exit(pid, Duration::from_secs(2)), "SIGHUP delivered");
    let (status, _) = app.wait(&mut pty, Duration::from_secs(1)).expect("exited");
    assert_eq!(status.code(), Some(129), "{status:?}");
}

#[test]
fn row14_master_closed_with_sighup_ignored_then_exec_exits_129_promptly() {
    let mut pty = Pty::new(100, 30);
    let mut cmd = pty.command("sh");
    cmd.arg("-c").arg("trap '' HUP; exec \"$0\"").arg(BIN);
    let mut app = Started::new(cmd);
    pty.wait_drawn(0);
    let pid = app.pid();
    pty.hang_up();
    assert_prompt_exit(follow_exit(pid, Duration::from_secs(2)), "SIGHUP ignored");
    let (status, _) = app.wait(&mut pty, Duration::from_secs(1)).expect("exited");
    assert_eq!(status.code(), Some(129), "{status:?}");
}

/// The hard case: a shell leads the session, ignores SIGHUP and forwards
/// nothing, so careguide (its child) gets no signal at all when the pty
/// goes; only the tty watchdog can notice, while crossterm would spin.
#[test]
fn row14_master_closed_and_no_sighup_at_all_exits_129_promptly_without_spinning() {
    let mut pty = Pty::new(100, 30);
    let status_file = tempfile::NamedTempFile::new().expect("a temp file");
    let mut cmd = pty.command("sh");
    cmd.arg("-c")
        .arg("trap '' HUP; \"$0\"; echo $? > \"$1\"")
        .arg(BIN)
        .arg(status_file.path());
    let mut shell = Started::new(cmd);
    let app = careguide_child_of(shell.pid());
    shell.others.push(app);
    pty.wait_drawn(0);
    pty.hang_up();
    assert_prompt_exit(follow_exit(app, Duration::from_secs(2)), "no SIGHUP");
    shell
        .wait(&mut pty, Duration::from_secs(5))
        .expect("the shell ends after careguide");
    let code = fs::read_to_string(status_file.path()).expect("the status");
    assert_eq!(code.trim(), "129");
}

// --- Row 15 ----------------------------------------------------------------------

/// Ctrl-Z under a job-control shell (dash, interactive): careguide stops
/// with the terminal restored; the shell's `fg` (which gives the terminal
/// back and sends SIGCONT, the `kill -CONT` of a shell) resumes it with a
/// full redraw; `q` then quits normally.
#[test]
fn row15_ctrl_z_suspends_with_the_terminal_restored_and_fg_redraws() {
    let mut pty = Pty::new(100, 30);
    let before = pty.modes();
    let mut cmd = pty.command("sh");
    cmd.arg("-i");
    let mut shell = Started::new(cmd);
    assert!(
        pty.wait_for(0, START, |out| contains(out, b"$ ")),
        "no prompt: {}",
        pty.shown(0)
    );
    pty.send(format!("{BIN}\n").as_bytes());
    let app = careguide_child_of(shell.pid());
    shell.others.push(app);
    pty.wait_drawn(0);
    assert!(is_raw(&pty.modes()), "raw mode while running");

    let at_stop = pty.out.len();
    pty.send(b"\x1a");
    let start = Instant::now();
    while proc_stat(app).is_some_and(|(state, _)| state != 'T') {
        assert!(
            start.elapsed() < Duration::from_secs(5),
            "not stopped after Ctrl-Z:\n{}",
            pty.shown(at_stop)
        );
        pty.pump(Duration::from_millis(20));
    }
    pty.pump(Duration::from_millis(200));
    assert_eq!(proc_stat(app).map(|(s, _)| s), Some('T'), "stopped");
    assert_modes_restored(&before, &pty.modes(), "stopped");
    let stopped = pty.out[at_stop..].to_vec();
    assert!(
        contains(&stopped, b"\x1b[?1049l"),
        "left the alternate screen"
    );
    assert!(contains(&stopped, b"\x1b[?1000l"), "mouse capture off");
    assert!(contains(&stopped, b"\x1b[?25h"), "cursor shown");

    let at_resume = pty.out.len();
    pty.send(b"fg\n");
    let redrawn = pty.wait_for(at_resume, Duration::from_secs(10), |out| {
        let entered = find_first(out, b"\x1b[?1049h");
        entered.is_some_and(|at| {
            let after = &out[at..];
            contains(after, b"Contact card")
                && contains(after, b"Cities")
                && contains(after, b"All cities")
        })
    });
    assert!(
        redrawn,
        "no full redraw after fg:\n{}",
        pty.shown(at_resume)
    );
    assert_ne!(proc_stat(app).map(|(s, _)| s), Some('T'), "running again");
    assert!(is_raw(&pty.modes()), "raw mode again");

    let at_quit = pty.out.len();
    pty.send(b"q");
    let start = Instant::now();
    while proc_stat(app).is_some_and(|(state, _)| state != 'Z') {
        assert!(start.elapsed() < Duration::from_secs(10), "q did not quit");
        pty.pump(Duration::from_millis(20));
    }
    pty.pump(Duration::from_millis(200));
    assert_modes_restored(&before, &pty.modes(), "after q");
    assert_screen_restored(&pty.out[at_resume..], "after fg and q");
    assert!(contains(&pty.out[at_quit..], b"\x1b[?1049l"));
    pty.send(b"exit\n");
    shell
        .wait(&mut pty, Duration::from_secs(10))
        .expect("the shell exits");
}

/// Without job control (careguide leads its own session, so its process
/// group is orphaned and the kernel drops SIGTSTP) Ctrl-Z must not hang or
/// leave the terminal cooked: careguide keeps running, redrawn, in raw mode.
#[test]
fn row15_ctrl_z_without_job_control_keeps_running() {
    let mut pty = Pty::new(100, 30);
    let before = pty.modes();
    let mut app = Started::new(pty.command(BIN));
    pty.wait_drawn(0);
    let at = pty.out.len();
    pty.send(b"\x1a");
    let redrawn = pty.wait_for(at, Duration::from_secs(5), |out| {
        find_first(out, b"\x1b[?1049h").is_some_and(|h| contains(&out[h..], b"Contact card"))
    });
    assert!(
        redrawn,
        "redrawn after the ignored stop:\n{}",
        pty.shown(at)
    );
    pty.pump(Duration::from_millis(200));
    assert_ne!(proc_stat(app.pid()).map(|(s, _)| s), Some('T'));
    assert!(is_raw(&pty.modes()), "still in raw mode");
    pty.send(b"q");
    let (status, _) = app
        .wait(&mut pty, Duration::from_secs(10))
        .expect("q still quits");
    assert_eq!(status.code(), Some(0));
    assert_modes_restored(&before, &pty.modes(), "after q");
    assert_screen_restored(&pty.out, "after q");
}

// --- Row 16 ----------------------------------------------------------------------

#[test]
fn row16_a_panic_in_render_restores_the_terminal_before_the_message() {
    let mut pty = Pty::new(100, 30);
    let before = pty.modes();
    let mut cmd = pty.command(BIN);
    cmd.env("CAREGUIDE_TEST_PANIC", "render")
        .env("RUST_BACKTRACE", "0");
    let mut app = Started::new(cmd);
    let (status, _) = app
        .wait(&mut pty, Duration::from_secs(30))
        .expect("the panic ends the process");
    assert_eq!(status.code(), Some(101), "{status:?}");
    let out = pty.out.clone();
    let message = find_first(&out, b"panicked at")
        .unwrap_or_else(|| panic!("the panic message:\n{}", pty.shown(0)));
    assert!(
        contains(
            &out[message..],
            b"panic forced by CAREGUIDE_TEST_PANIC=render"
        ),
        "{}",
        pty.shown(0)
    );
    let before_message = &out[..message];
    assert_screen_restored(before_message, "before the panic message");
    assert!(
        !contains(&out[message..], b"\x1b["),
        "nothing but the message after it:\n{}",
        pty.shown(message)
    );
    assert_modes_restored(&before, &pty.modes(), "after the panic");
}

// --- Row 17 ----------------------------------------------------------------------

/// The TUI's refusal of hostile data, seen in a real terminal: every
/// message about a file named with ESC/BEL/RLO and ids holding escape
/// sequences arrives escaped; nothing controls the terminal.
#[test]
fn row17_hostile_names_reach_the_terminal_escaped() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let base = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/rules/base");
    fs::create_dir(dir.path().join("cities")).expect("cities/");
    for rel in [
        "sources.ron",
        "specialties.ron",
        "emergency.ron",
        "cities/testville.ron",
    ] {
        fs::copy(format!("{base}/{rel}"), dir.path().join(rel)).expect("copy");
    }
    fs::write(
        dir.path()
            .join("cities/evil\u{1b}]0;owned\u{7}\u{202e}.ron"),
        "(id: \"x\u{1b}[2J\", name: \"N\u{1b}]52;c;aGk=\u{7}\u{202e}\u{9b}\")",
    )
    .expect("write");
    let mut pty = Pty::new(100, 30);
    let mut cmd = pty.command(BIN);
    cmd.arg("--data").arg(dir.path());
    let mut app = Started::new(cmd);
    let (status, _) = app
        .wait(&mut pty, Duration::from_secs(30))
        .expect("refused promptly");
    assert_eq!(status.code(), Some(1));
    let shown = String::from_utf8(pty.out.clone()).expect("UTF-8");
    assert!(
        shown.contains(r#"evil\u{1b}]0;owned\u{7}\u{202e}.ron"#),
        "{shown}"
    );
    assert!(shown.contains(r#"id "x\u{1b}[2J" must be"#), "{shown}");
    for c in shown.chars() {
        assert!(
            matches!(c, '\r' | '\n')
                || (!c.is_control() && careguide::text::forbidden_class(c).is_none()),
            "U+{:04X} reached the terminal:\n{shown}",
            u32::from(c)
        );
    }
}

// --- Probe 5: pasting ------------------------------------------------------------

/// How long a burst of input may take to be handled on a busy machine: a
/// hang detector, far above what the work needs, far below the probe's
/// 400 s freeze.
const BURST: Duration = Duration::from_secs(60);

/// Whether the terminal modes the app turns on for its run (bracketed
/// paste included) are off again at the end of `out`.
fn assert_paste_mode_restored(out: &[u8], what: &str) {
    let on = find_last(out, b"\x1b[?2004h").unwrap_or_else(|| panic!("{what}: never turned on"));
    let off = find_last(out, b"\x1b[?2004l");
    assert!(
        off.is_some_and(|off| off > on),
        "{what}: bracketed paste was not turned off at the end"
    );
}

/// A copy of the shipped data files, so `e` runs the editor.
fn data_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temp dir");
    let from = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/data"));
    fs::create_dir(dir.path().join("cities")).expect("cities/");
    // Every file beside cities/: the bibliography, the ledger, the phrases.
    for entry in fs::read_dir(from).expect("data/").flatten() {
        if entry.path().is_file() {
            fs::copy(entry.path(), dir.path().join(entry.file_name())).expect("copy");
        }
    }
    for entry in fs::read_dir(from.join("cities"))
        .expect("data/cities")
        .flatten()
    {
        fs::copy(
            entry.path(),
            dir.path().join("cities").join(entry.file_name()),
        )
        .expect("copy");
    }
    dir
}

/// The probe pasted `Peking Union⏎e…` into a filter: the line break ran as
/// Enter and `e` opened $EDITOR. A paste is text: one line of it goes into
/// the filter in one edit, the rest is dropped, and the status says so.
#[test]
fn probe_05_a_pasted_line_break_ends_the_text_and_runs_no_command() {
    let data = data_copy();
    let marker = data.path().join("editor-ran");
    let mut pty = Pty::new(100, 30);
    let before = pty.modes();
    let mut cmd = pty.command(BIN);
    cmd.arg("--data").arg(data.path()).env(
        "EDITOR",
        format!("sh -c 'touch \"$1\"' sh {}", marker.display()),
    );
    let mut app = Started::new(cmd);
    pty.wait_drawn(0);
    pty.send(b"\t/");
    pty.wait_screen("the hospitals filter", START, |s| s.contains("/▏"));
    pty.paste("Peking Union\re and more\rq")
        .join()
        .expect("pasted");
    let screen = pty.wait_screen("the paste in the filter", BURST, |s| {
        s.contains("Pasted text cut at its first line break")
    });
    assert!(screen.contains("/Peking Union▏"), "{screen}");
    assert!(!screen.contains("and more"), "{screen}");
    assert!(!marker.exists(), "the pasted `e` ran the editor");
    assert!(app.child.try_wait().expect("try_wait").is_none(), "running");
    assert!(
        contains(&pty.out, b"\x1b[?2004h"),
        "bracketed paste is turned on"
    );
    pty.send(b"\x03");
    let (status, _) = app.wait(&mut pty, BURST).expect("Ctrl-c quits");
    assert_eq!(status.code(), Some(0));
    assert!(!marker.exists(), "the pasted `e` ran the editor");
    assert_modes_restored(&before, &pty.modes(), "after the paste");
    assert_screen_restored(&pty.out, "after the paste");
    assert_paste_mode_restored(&pty.out, "after the paste");
}

/// The probe pasted 100 KB into a filter: 100 % CPU for over 400 s, Ctrl-c
/// ignored. The query takes 256 characters of it, in one edit.
#[test]
fn probe_05_a_100_kb_paste_is_cut_to_256_characters_and_ctrl_c_quits() {
    let mut pty = Pty::new(100, 30);
    let before = pty.modes();
    let mut app = Started::new(pty.command(BIN));
    pty.wait_drawn(0);
    pty.send(b"/");
    pty.wait_screen("the cities filter", START, |s| s.contains("/▏"));
    let writer = pty.paste(&"b".repeat(100 * 1024));
    let screen = pty.wait_screen("the paste cut", BURST, |s| {
        s.contains("Pasted text cut to 256 characters")
    });
    assert!(screen.contains("bbbbbbbbbb"), "{screen}");
    writer.join().expect("pasted");
    pty.send(b"\x03");
    let (status, _) = app.wait(&mut pty, BURST).expect("Ctrl-c quits");
    assert_eq!(status.code(), Some(0));
    assert_modes_restored(&before, &pty.modes(), "after the paste");
    assert_paste_mode_restored(&pty.out, "after the paste");
}

/// A terminal without bracketed paste types a paste as keys: 100 KB of them
/// into a filter, then Ctrl-c. Every key already waiting is handled before
/// the next frame, and the filter takes no more than 256 characters, so
/// the burst cannot freeze the loop.
#[test]
fn probe_05_a_100_kb_burst_of_typed_keys_then_ctrl_c_quits() {
    let mut pty = Pty::new(100, 30);
    let before = pty.modes();
    let mut app = Started::new(pty.command(BIN));
    pty.wait_drawn(0);
    pty.send(b"/");
    pty.wait_screen("the cities filter", START, |s| s.contains("/▏"));
    let mut keys = b"b".repeat(100 * 1024);
    keys.push(0x03);
    let writer = pty.send_in_background(keys);
    let (status, _) = app
        .wait(&mut pty, BURST)
        .unwrap_or_else(|| panic!("still running:\n{}", pty.screen()));
    writer.join().expect("typed");
    assert_eq!(status.code(), Some(0));
    assert_modes_restored(&before, &pty.modes(), "after the burst");
    assert_screen_restored(&pty.out, "after the burst");
}

// --- Probe 6: a burst, and an Esc at the end of a full read ----------------------

/// Opens help and writes 1023 `j` (scrolling help) and an Esc in one
/// write: the Esc is the 1024th byte, the last of crossterm's full read.
fn esc_ending_a_full_read(pty: &mut Pty) {
    pty.send(b"?");
    pty.wait_screen("help", START, |s| {
        s.contains("Help") && s.contains("suspend (the shell")
    });
    let mut bytes = b"j".repeat(1023);
    bytes.push(0x1b);
    let master = pty.master.as_ref().expect("the master is open");
    let written = rustix::io::write(master, &bytes).expect("write to the pty");
    assert_eq!(written, 1024, "one write");
}

/// crossterm holds an Esc that ends a full 1024-byte read, waiting for the
/// rest of a sequence, and reads it with the next key as Alt+key. That key
/// must still work after the Esc (help closes, then the key acts).
#[test]
fn probe_06_an_esc_ending_a_full_read_still_closes_help_with_the_next_key() {
    let mut pty = Pty::new(100, 30);
    let mut app = Started::new(pty.command(BIN));
    pty.wait_drawn(0);
    esc_ending_a_full_read(&mut pty);
    pty.pump(Duration::from_millis(500));
    pty.send(b"l");
    // A frame can be caught half drawn: wait for help's last line to go too.
    pty.wait_screen("help closed and l applied", BURST, |s| {
        !s.contains("Help") && !s.contains("suspend (the shell") && s.contains("Hospitals")
    });
    pty.send(b"q");
    let (status, _) = app.wait(&mut pty, BURST).expect("q quits");
    assert_eq!(status.code(), Some(0));
}

/// The probe's Ctrl-c after such an Esc was swallowed (read as Alt-Ctrl-c).
#[test]
fn probe_06_ctrl_c_after_an_esc_ending_a_full_read_quits() {
    let mut pty = Pty::new(100, 30);
    let before = pty.modes();
    let mut app = Started::new(pty.command(BIN));
    pty.wait_drawn(0);
    esc_ending_a_full_read(&mut pty);
    pty.pump(Duration::from_millis(500));
    pty.send(b"\x03");
    let (status, _) = app
        .wait(&mut pty, BURST)
        .unwrap_or_else(|| panic!("Ctrl-c was swallowed:\n{}", pty.screen()));
    assert_eq!(status.code(), Some(0));
    assert_modes_restored(&before, &pty.modes(), "after Ctrl-c");
}

/// After a 5 000-key burst and Ctrl-c the probe's app still ran 300 s
/// later: crossterm waits for the tty edge-triggered and stops reading
/// after the first event of a read, so what the kernel still held was
/// never read. The loop must read it all and quit.
#[test]
fn probe_06_a_5000_key_burst_then_ctrl_c_quits() {
    let mut pty = Pty::new(100, 30);
    let before = pty.modes();
    let mut app = Started::new(pty.command(BIN));
    pty.wait_drawn(0);
    let mut keys = b"jk".repeat(2500);
    keys.push(0x03);
    let writer = pty.send_in_background(keys);
    let (status, _) = app
        .wait(&mut pty, BURST)
        .unwrap_or_else(|| panic!("still running after the burst:\n{}", pty.screen()));
    writer.join().expect("typed");
    assert_eq!(status.code(), Some(0));
    assert_modes_restored(&before, &pty.modes(), "after the burst");
    assert_screen_restored(&pty.out, "after the burst");
}

// --- Probe 7: SIGTSTP from outside -------------------------------------------------

/// `kill -TSTP <pid>` (not the Ctrl-Z key) under a job-control shell: the
/// terminal is restored before careguide stops; the shell's `fg` (its
/// SIGCONT) brings raw mode and a full redraw back, and keys work.
#[test]
fn probe_07_sigtstp_by_pid_restores_the_terminal_and_sigcont_redraws() {
    let mut pty = Pty::new(100, 30);
    let before = pty.modes();
    let mut cmd = pty.command("sh");
    cmd.arg("-i");
    let mut shell = Started::new(cmd);
    assert!(
        pty.wait_for(0, START, |out| contains(out, b"$ ")),
        "no prompt: {}",
        pty.shown(0)
    );
    pty.send(format!("{BIN}\n").as_bytes());
    let app = careguide_child_of(shell.pid());
    shell.others.push(app);
    pty.wait_drawn(0);
    assert!(is_raw(&pty.modes()), "raw mode while running");

    let at_stop = pty.out.len();
    signal(app, Signal::TSTP);
    let start = Instant::now();
    while proc_stat(app).is_some_and(|(state, _)| state != 'T') {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "not stopped after SIGTSTP:\n{}",
            pty.shown(at_stop)
        );
        pty.pump(Duration::from_millis(20));
    }
    pty.pump(Duration::from_millis(200));
    assert_modes_restored(&before, &pty.modes(), "stopped");
    let stopped = pty.out[at_stop..].to_vec();
    for (sequence, what) in [
        (&b"\x1b[?1049l"[..], "left the alternate screen"),
        (b"\x1b[?1000l", "mouse capture off"),
        (b"\x1b[?2004l", "bracketed paste off"),
        (b"\x1b[?25h", "cursor shown"),
    ] {
        assert!(
            contains(&stopped, sequence),
            "{what}: {}",
            pty.shown(at_stop)
        );
    }

    let at_resume = pty.out.len();
    pty.send(b"fg\n");
    let redrawn = pty.wait_for(at_resume, BURST, |out| {
        find_first(out, b"\x1b[?1049h").is_some_and(|at| {
            let after = &out[at..];
            contains(after, b"Contact card") && contains(after, b"All cities")
        })
    });
    assert!(
        redrawn,
        "no full redraw after SIGCONT:\n{}",
        pty.shown(at_resume)
    );
    assert!(is_raw(&pty.modes()), "raw mode again");
    pty.send(b"?");
    pty.wait_screen("help", BURST, |s| s.contains("suspend (the shell"));
    pty.send(b"q");
    pty.wait_screen("help closed", BURST, |s| !s.contains("suspend (the shell"));
    pty.send(b"q");
    let start = Instant::now();
    while proc_stat(app).is_some_and(|(state, _)| state != 'Z') {
        assert!(start.elapsed() < BURST, "q did not quit");
        pty.pump(Duration::from_millis(20));
    }
    pty.pump(Duration::from_millis(200));
    assert_modes_restored(&before, &pty.modes(), "after q");
    assert_screen_restored(&pty.out[at_resume..], "after SIGCONT and q");
    pty.send(b"exit\n");
    shell
        .wait(&mut pty, Duration::from_secs(10))
        .expect("the shell exits");
}
