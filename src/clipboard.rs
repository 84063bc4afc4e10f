//! Copying text out of the terminal, write-only: providers behind one trait
//! (the tmux buffer, OSC 52 to the terminal, the system clipboard through one
//! arboard handle kept alive for the whole run, memory for tests, off), the
//! route chosen from the environment, and honest messages about the result.
//! Never reads the clipboard; never runs xclip/xsel.

use std::io::Write;
use std::process::Command;

use base64::Engine;

/// Largest payload sent as OSC 52 (terminals cap it; tmux and others drop
/// larger ones silently).
pub const OSC52_MAX: usize = 1024;
/// Largest payload any provider takes.
pub const MAX_PAYLOAD: usize = 16 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Route {
    Auto,
    Tmux,
    Osc52,
    System,
    Off,
}

/// The environment facts the route depends on.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Env {
    pub tmux: bool,
    pub ssh: bool,
    pub display: bool,
}

impl Env {
    pub fn from_vars(get: impl Fn(&str) -> Option<String>) -> Env {
        let set = |name: &str| get(name).is_some_and(|v| !v.is_empty());
        Env {
            tmux: set("TMUX"),
            ssh: set("SSH_CONNECTION") || set("SSH_TTY") || set("SSH_CLIENT"),
            display: set("DISPLAY") || set("WAYLAND_DISPLAY"),
        }
    }

    pub fn current() -> Env {
        Env::from_vars(|name| std::env::var(name).ok())
    }
}

/// The route `auto` resolves to, and why (a reason that reads after
/// "because").
pub fn choose(requested: Route, env: &Env) -> (Route, &'static str) {
    match requested {
        Route::Auto if env.tmux => (Route::Tmux, "$TMUX is set"),
        Route::Auto if env.ssh => (
            Route::Osc52,
            "this is an SSH session ($SSH_CONNECTION or $SSH_TTY), where the server's clipboard would be useless",
        ),
        Route::Auto if !env.display => {
            (Route::Osc52, "neither $DISPLAY nor $WAYLAND_DISPLAY is set")
        }
        Route::Auto => (Route::System, "there is a local display"),
        Route::Off => (Route::Off, "copying is turned off"),
        explicit => (
            explicit,
            "it was chosen with --clipboard or $CAREGUIDE_CLIPBOARD",
        ),
    }
}

/// What a copy did, said honestly.
pub type CopyResult = Result<String, String>;

pub trait Clipboard {
    fn copy(&mut self, text: &str) -> CopyResult;
}

/// The payload as copied: sanitised, and one line unless it is a card.
pub fn payload(text: &str) -> String {
    let lines: Vec<String> = text
        .lines()
        .map(crate::text::sanitize)
        .filter(|l| !l.is_empty())
        .collect();
    lines.join("\n")
}

/// `ESC ] 52 ; c ; <base64> BEL`.
pub fn osc52_sequence(text: &str) -> String {
    let encoded = base64::engine::general_purpose::STANDARD.encode(text.as_bytes());
    format!("\x1b]52;c;{encoded}\x07")
}

fn shown(text: &str) -> String {
    let first = text.lines().next().unwrap_or_default();
    if text.contains('\n') {
        format!("the card ({} lines)", text.lines().count())
    } else {
        first.to_string()
    }
}

/// `tmux load-buffer -w -`: works with tmux's default settings and passes
/// the copy on to the outer terminal where tmux can. Run with a deadline
/// (`process::run`).
pub struct Tmux;

impl Clipboard for Tmux {
    /// A tmux server that does not answer (stopped, say) keeps its client
    /// waiting: after `process::TIMEOUT` the copy fails like any other.
    fn copy(&mut self, text: &str) -> CopyResult {
        let output = crate::process::run(
            Command::new("tmux").args(["load-buffer", "-w", "-"]),
            Some(text.as_bytes()),
            crate::process::TIMEOUT,
        )?;
        if output.status.success() {
            Ok(format!("Copied {} to the tmux buffer", shown(text)))
        } else {
            let err = String::from_utf8_lossy(&output.stderr);
            Err(format!(
                "tmux load-buffer failed: {}",
                crate::text::sanitize(&err)
            ))
        }
    }
}

/// OSC 52 written to the terminal. The terminal may ignore it, and nothing
/// tells us, so the message says to check.
pub struct Osc52<W: Write> {
    pub out: W,
}

impl<W: Write> Clipboard for Osc52<W> {
    fn copy(&mut self, text: &str) -> CopyResult {
        if text.len() > OSC52_MAX {
            return Err(format!(
                "{} bytes is more than OSC 52 carries safely ({OSC52_MAX} bytes)",
                text.len()
            ));
        }
        self.out
            .write_all(osc52_sequence(text).as_bytes())
            .and_then(|()| self.out.flush())
            .map_err(|e| format!("could not write to the terminal: {e}"))?;
        Ok(format!(
            "Sent {} to your terminal via OSC 52 — paste to check",
            shown(text)
        ))
    }
}

/// The system clipboard through one arboard handle, created once and kept
/// for the whole run: on X11 the clipboard empties when it is dropped.
pub struct System {
    clipboard: arboard::Clipboard,
}

impl System {
    pub fn new() -> Result<System, String> {
        arboard::Clipboard::new()
            .map(|clipboard| System { clipboard })
            .map_err(|e| format!("no system clipboard: {e}"))
    }
}

impl Clipboard for System {
    fn copy(&mut self, text: &str) -> CopyResult {
        self.clipboard
            .set_text(text.to_string())
            .map_err(|e| format!("the system clipboard refused: {e}"))?;
        Ok(format!("Copied {} to the system clipboard", shown(text)))
    }
}

/// Keeps copies in memory: for tests.
#[derive(Debug, Default)]
pub struct Memory {
    pub copies: Vec<String>,
}

impl Clipboard for Memory {
    fn copy(&mut self, text: &str) -> CopyResult {
        self.copies.push(text.to_string());
        Ok(format!("Copied {} (memory)", shown(text)))
    }
}

/// Copying turned off, or no route works: every copy fails with the reason.
pub struct Off {
    pub reason: String,
}

impl Clipboard for Off {
    fn copy(&mut self, _text: &str) -> CopyResult {
        Err(self.reason.clone())
    }
}

/// Tries one provider, then the next: the system clipboard falls back to
/// OSC 52 where no display server answers.
pub struct Fallback {
    pub first: Box<dyn Clipboard>,
    pub second: Box<dyn Clipboard>,
}

impl Clipboard for Fallback {
    fn copy(&mut self, text: &str) -> CopyResult {
        self.first.copy(text).or_else(|_| self.second.copy(text))
    }
}

/// Sanitises and caps the payload, then copies it.
pub fn copy_with(clipboard: &mut dyn Clipboard, text: &str) -> CopyResult {
    let text = payload(text);
    if text.is_empty() {
        return Err("there is nothing to copy".to_string());
    }
    if text.len() > MAX_PAYLOAD {
        return Err(format!("{} bytes is too much to copy", text.len()));
    }
    clipboard.copy(&text)
}

/// The provider for a route, built once at start-up.
pub fn provider(route: Route, env: &Env) -> Box<dyn Clipboard> {
    match choose(route, env).0 {
        Route::Tmux => Box::new(Tmux),
        Route::Osc52 | Route::Auto => Box::new(Osc52 {
            out: std::io::stdout(),
        }),
        Route::System => match System::new() {
            Ok(system) => Box::new(Fallback {
                first: Box::new(system),
                second: Box::new(Osc52 {
                    out: std::io::stdout(),
                }),
            }),
            Err(_) => Box::new(Osc52 {
                out: std::io::stdout(),
            }),
        },
        Route::Off => Box::new(Off {
            reason: "copying is turned off (--clipboard off)".to_string(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(tmux: bool, ssh: bool, display: bool) -> Env {
        Env { tmux, ssh, display }
    }

    #[test]
    fn route_table() {
        let cases = [
            (env(true, false, true), Route::Tmux),
            (env(true, true, false), Route::Tmux),
            (env(false, true, true), Route::Osc52),
            (env(false, false, false), Route::Osc52),
            (env(false, false, true), Route::System),
        ];
        for (env, expected) in cases {
            assert_eq!(choose(Route::Auto, &env).0, expected, "{env:?}");
        }
        assert_eq!(choose(Route::Off, &env(true, false, true)).0, Route::Off);
    }

    #[test]
    fn osc52_bytes_are_exact() {
        assert_eq!(
            osc52_sequence("+86 10 5985 0333"),
            "\x1b]52;c;Kzg2IDEwIDU5ODUgMDMzMw==\x07"
        );
    }

    #[test]
    fn payload_is_clean_and_capped() {
        assert_eq!(payload("a\x1b]52;c;x\x07b"), "a]52;c;xb");
        let mut osc = Osc52 { out: Vec::new() };
        assert!(osc.copy(&"x".repeat(OSC52_MAX + 1)).is_err());
        assert!(osc.out.is_empty());
        let mut memory = Memory::default();
        assert!(copy_with(&mut memory, &"y".repeat(MAX_PAYLOAD + 1)).is_err());
        assert!(copy_with(&mut memory, "\u{1b}").is_err());
    }
}
