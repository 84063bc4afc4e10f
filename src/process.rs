//! Running a short external command (tmux, for a copy or for `doctor`) so
//! that careguide never waits for one for ever: it has a deadline, after
//! which it is killed and reaped and the error says so ("tmux did not
//! answer within 2 s"). Its input is written and its output read on
//! threads of their own, so a child that reads or writes nothing (the
//! client of a stopped tmux server waits for the server for ever) cannot
//! block the caller either. Every external command goes through `run`,
//! except the editor: it is the user's, interactive, and runs as long as
//! the user wants.

use std::io::{Read, Write};
use std::process::{Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

/// How long an external command may take.
pub const TIMEOUT: Duration = Duration::from_secs(2);

/// How often a running command is looked at.
const POLL: Duration = Duration::from_millis(10);

/// What a command that finished in time did.
#[derive(Debug)]
pub struct Output {
    pub status: ExitStatus,
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
}

/// Runs `command` with `input` on its stdin (`None`: nothing, /dev/null)
/// and waits at most `timeout` for it to exit; then it is killed. The error
/// is a sentence about the program ("tmux did not answer within 2 s").
///
/// A poll of `try_wait` rather than a crate that waits on SIGCHLD: such a
/// crate installs a process-wide SIGCHLD handler, one more signal that
/// interrupts the TUI's other waits.
pub fn run(
    command: &mut Command,
    input: Option<&[u8]>,
    timeout: Duration,
) -> Result<Output, String> {
    let program = command.get_program().to_string_lossy().into_owned();
    let mut child = command
        .stdin(if input.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("could not run {program}: {e}"))?;
    let deadline = Instant::now() + timeout;
    let thread_failed = |e| format!("could not wait for {program}: {e}");
    if let (Some(mut stdin), Some(input)) = (child.stdin.take(), input) {
        let input = input.to_vec();
        // Ends with an error once the child is gone, if it never read.
        thread::Builder::new()
            .name("child-stdin".into())
            .spawn(move || {
                let _ = stdin.write_all(&input);
            })
            .map_err(thread_failed)?;
    }
    let (tx, rx) = mpsc::channel();
    let mut readers = 0;
    let pipes: [Option<Box<dyn Read + Send>>; 2] = [
        child
            .stdout
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
        child
            .stderr
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    ];
    for (which, pipe) in pipes.into_iter().enumerate() {
        let Some(mut pipe) = pipe else { continue };
        let tx = tx.clone();
        thread::Builder::new()
            .name("child-output".into())
            .spawn(move || {
                let mut bytes = Vec::new();
                let _ = pipe.read_to_end(&mut bytes);
                let _ = tx.send((which, bytes));
            })
            .map_err(thread_failed)?;
        readers += 1;
    }
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if Instant::now() < deadline => thread::sleep(POLL),
            Ok(None) => {
                // SIGKILL ends a stopped process too; waiting reaps it.
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!(
                    "{program} did not answer within {} s",
                    timeout.as_secs_f32()
                ));
            }
            Err(e) => return Err(format!("could not wait for {program}: {e}")),
        }
    };
    // The pipes close when the child exits, unless something it started
    // keeps them open: its output is then what came before the deadline.
    let mut output = [Vec::new(), Vec::new()];
    for _ in 0..readers {
        let wait = deadline.saturating_duration_since(Instant::now()).max(POLL);
        match rx.recv_timeout(wait) {
            Ok((which, bytes)) => output[which] = bytes,
            Err(_) => break,
        }
    }
    let [stdout, stderr] = output;
    Ok(Output {
        status,
        stdout,
        stderr,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_and_input_come_through() {
        let out = run(Command::new("cat").arg("-"), Some(b"hello"), TIMEOUT).expect("cat runs");
        assert!(out.status.success());
        assert_eq!(out.stdout, b"hello");
        let out = run(
            Command::new("sh").args(["-c", "echo oops >&2; exit 3"]),
            None,
            TIMEOUT,
        )
        .expect("sh runs");
        assert_eq!(out.status.code(), Some(3));
        assert_eq!(out.stderr, b"oops\n");
    }

    #[test]
    fn a_command_that_does_not_answer_is_killed_at_the_deadline() {
        // It never reads its input nor exits; more input than a pipe holds.
        let input = vec![b'x'; 1 << 20];
        let result = run(
            Command::new("sleep").arg("60"),
            Some(&input),
            Duration::from_millis(200),
        );
        assert_eq!(
            result.map(|o| o.status).unwrap_err(),
            "sleep did not answer within 0.2 s"
        );
        assert!(run(&mut Command::new("/nonexistent/program"), None, TIMEOUT).is_err());
    }
}
