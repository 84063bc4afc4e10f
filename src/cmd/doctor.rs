//! `careguide doctor`: what careguide sees and will do — terminal, colour,
//! tmux and its `set-clipboard`, SSH, display, the clipboard route and why,
//! and the data source — so a user whose copy does not arrive can see why.

use std::io::{IsTerminal, Write};
use std::process::{Command, ExitCode};

use crate::clipboard::{self, Env, Route};
use crate::data::diagnostic::display_path;
use crate::data::{self, Sources};
use crate::process;
use crate::text::sanitize;

fn var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

fn shown(name: &str) -> String {
    match var(name) {
        Some(value) => format!("{name}={}", sanitize(&value)),
        None => format!("{name} not set"),
    }
}

/// `tmux -V` and the global `set-clipboard` option, when inside tmux; each
/// with a deadline, since a server that does not answer keeps its client
/// waiting (the version needs no server).
fn tmux_facts() -> String {
    let run = |args: &[&str]| {
        let output = process::run(Command::new("tmux").args(args), None, process::TIMEOUT)?;
        if output.status.success() {
            Ok(sanitize(&String::from_utf8_lossy(&output.stdout)))
        } else {
            Err(sanitize(&String::from_utf8_lossy(&output.stderr)))
        }
    };
    let version = run(&["-V"]).unwrap_or_else(|e| e);
    let clipboard = match run(&["show-options", "-gv", "set-clipboard"]) {
        Ok(v) => format!("set-clipboard {v}"),
        Err(e) => format!("set-clipboard unknown: {e}"),
    };
    format!(
        "inside tmux ({version}; {clipboard}); copies go through tmux load-buffer -w (tmux 3.2 or newer)"
    )
}

fn route_name(route: Route) -> &'static str {
    match route {
        Route::Tmux => "tmux buffer",
        Route::Osc52 => "OSC 52 to the terminal",
        Route::System => "system clipboard",
        Route::Off => "off",
        Route::Auto => "auto",
    }
}

pub fn run(sources: &Sources, requested: Route, out: &mut impl Write) -> anyhow::Result<ExitCode> {
    let env = Env::current();
    let (route, why) = clipboard::choose(requested, &env);
    let colour = match var("NO_COLOR") {
        Some(_) => "off (NO_COLOR is set)".to_string(),
        None => format!("on ({})", shown("COLORTERM")),
    };
    let tty = |yes: bool| if yes { "terminal" } else { "not a terminal" };
    let lines = [
        (
            "terminal",
            format!(
                "{}; stdin {}, stdout {}",
                shown("TERM"),
                tty(std::io::stdin().is_terminal()),
                tty(std::io::stdout().is_terminal())
            ),
        ),
        ("colour", colour),
        (
            "tmux",
            if env.tmux {
                tmux_facts()
            } else {
                "not inside tmux ($TMUX not set)".to_string()
            },
        ),
        (
            "ssh",
            if env.ssh {
                format!("yes ({})", shown("SSH_CONNECTION"))
            } else {
                "no ($SSH_CONNECTION and $SSH_TTY not set)".to_string()
            },
        ),
        (
            "display",
            format!("{}, {}", shown("DISPLAY"), shown("WAYLAND_DISPLAY")),
        ),
        ("clipboard", format!("{}, because {why}", route_name(route))),
        (
            "requested",
            format!(
                "{} (--clipboard or $CAREGUIDE_CLIPBOARD)",
                route_name(requested)
            ),
        ),
        ("system", system_line(route)),
        ("data", data_line(sources)),
        ("personal", personal_line(sources)),
    ];
    for (label, value) in lines {
        writeln!(out, "{label:<10} {value}")?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Whether the system clipboard answers, when it is the route.
fn system_line(route: Route) -> String {
    if route != Route::System {
        return "not used".to_string();
    }
    match clipboard::System::new() {
        Ok(_) => {
            "the display's clipboard answers; one handle is kept for the whole run".to_string()
        }
        Err(e) => format!("{e}; copies fall back to OSC 52"),
    }
}

fn data_line(sources: &Sources) -> String {
    match data::load_sources(sources) {
        Ok(loaded) => {
            super::print_notices(&loaded);
            format!("{}: {}", sources.shipped.describe(), loaded.summary())
        }
        Err(e) => format!("{}: {e}", sources.shipped.describe()),
    }
}

fn personal_line(sources: &Sources) -> String {
    match &sources.personal {
        Some(dir) if dir.is_dir() => format!(
            "{} (merged over the shipped data)",
            display_path(&dir.to_string_lossy())
        ),
        Some(dir) => format!(
            "{} (does not exist yet: no personal entries)",
            display_path(&dir.to_string_lossy())
        ),
        None => "none".to_string(),
    }
}
