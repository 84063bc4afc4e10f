//! `careguide doctor`: what careguide sees and will do — terminal, colour,
//! tmux and its `set-clipboard`, SSH, display, the clipboard route and why,
//! the data source, the config file (and its problems) and where the last
//! place is kept — so a user whose copy does not arrive can see why.

use std::io::{IsTerminal, Write};
use std::process::{Command, ExitCode};

use std::path::Path;

use crate::clipboard::{self, Env, Route};
use crate::config;
use crate::data::diagnostic::display_path;
use crate::data::{self, Sources};
use crate::last_place;
use crate::process;
use crate::text::sanitize;
use crate::tui::keymap::Keymap;

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

pub fn run(
    sources: &Sources,
    requested: Route,
    config: Option<&Path>,
    out: &mut impl Write,
) -> anyhow::Result<ExitCode> {
    let env = Env::current();
    let (route, why) = clipboard::choose(requested, &env);
    let colour = match var("NO_COLOR") {
        Some(_) => "off (NO_COLOR is set)".to_string(),
        None => match crossterm::style::available_color_count() {
            n if n >= 256 => format!("on ({}; 256 colours or more)", shown("COLORTERM")),
            n => {
                format!("on ({n} colours by TERM: the basic ones, the selection in reverse video)")
            }
        },
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
        ("config", config_line(config)),
        (
            "keys",
            format!(
                "actions the config's [keys] can name: {}",
                Keymap::default().remappable_names().join(", ")
            ),
        ),
        ("state", state_line()),
    ];
    for (label, value) in lines {
        writeln!(out, "{label:<10} {value}")?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The config file: where, and whether it is there and sound (each problem
/// on a line of its own, at `file:line:col`).
fn config_line(explicit: Option<&Path>) -> String {
    let Some(path) = config::path(explicit) else {
        return "no config directory on this platform".to_string();
    };
    let shown = display_path(&path.to_string_lossy());
    if !path.exists() && explicit.is_none() {
        return format!("{shown}: not there, so the defaults (the README shows every key)");
    }
    let (_, problems) = config::load(&path, explicit.is_some());
    match problems.len() {
        0 => format!("{shown}: read, no problems"),
        n => {
            let each: Vec<String> = problems
                .iter()
                .map(|d| format!("\n           {d}"))
                .collect();
            format!(
                "{shown}: {n} problem{}, defaults used there:{}",
                if n == 1 { "" } else { "s" },
                each.concat()
            )
        }
    }
}

/// Where the last place is kept, and what it is.
fn state_line() -> String {
    let Some(path) = last_place::path() else {
        return "no state directory on this platform".to_string();
    };
    let shown = display_path(&path.to_string_lossy());
    match last_place::read(&path) {
        Some(place) => format!(
            "{shown}: opens on {}",
            [place.city.as_deref(), place.facility.as_deref()]
                .into_iter()
                .flatten()
                .map(sanitize)
                .collect::<Vec<_>>()
                .join(" / ")
        ),
        None => format!("{shown}: nothing saved yet"),
    }
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
