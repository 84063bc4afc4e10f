//! Entry point: parse the command line, dispatch, map errors to exit codes
//! (0 ok or found, 1 invalid data or no match, 2 could not run). A closed
//! pipe is not an error: `careguide search x | head -1` exits 0 quietly.

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;

use careguide::cli::{Cli, Command};
use careguide::cmd;
use careguide::cmd::search::{Output, Request};

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => return clap_message(&err),
    };
    match run(cli) {
        Ok(code) => code,
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            cmd::to_stderr(&format!(
                "careguide: {}",
                careguide::text::escape_forbidden(&format!("{err:#}"))
            ));
            ExitCode::from(2)
        }
    }
}

/// Prints what clap stopped at (help, version, or a usage error) as
/// `Cli::parse` would, but checks the write: clap's own printing ignores a
/// failed write, so `careguide --help >/dev/full` exited 0 having printed
/// nothing. Help and version that cannot be written exit 2 with a line on
/// stderr, except into a closed pipe (`careguide --help | head -1`), which
/// is quiet like every command's. A usage error goes to stderr with clap's
/// status (2), and a broken stderr cannot change that.
fn clap_message(err: &clap::Error) -> ExitCode {
    let status = ExitCode::from(u8::try_from(err.exit_code()).unwrap_or(2));
    let colour = |terminal: bool| {
        let no_color = std::env::var_os("NO_COLOR");
        cmd::style::Colour::decide(terminal, no_color.as_deref())
    };
    let render = |colour| match colour {
        cmd::style::Colour::On => err.render().ansi().to_string(),
        cmd::style::Colour::Off => err.render().to_string(),
    };
    if err.use_stderr() {
        let text = render(colour(io::stderr().is_terminal()));
        let _ = io::stderr().write_all(text.as_bytes());
        return status;
    }
    let text = render(colour(io::stdout().is_terminal()));
    let mut out = io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => status,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => status,
        Err(e) => {
            let what = match err.kind() {
                clap::error::ErrorKind::DisplayVersion => "the version",
                _ => "the help",
            };
            cmd::to_stderr(&format!("careguide: cannot write {what}: {e}"));
            ExitCode::from(2)
        }
    }
}

/// Whether the error is, or was caused by, writing to a closed pipe.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let sources = || cmd::sources_from(cli.data.clone(), cli.personal.clone());
    if cli.city.is_some() && cli.command.is_some() {
        anyhow::bail!(
            "--city before a command opens the directory there; for a command, put it after the command's name (careguide search --city ID QUERY)"
        );
    }
    let Some(command) = cli.command else {
        // The TUI must not hold the stdout lock: the signal thread and the
        // tty watchdog write the terminal's reset sequences from other threads.
        let setup = setup(cli.config.as_deref(), cli.city.clone());
        return interactive(&cli.clipboard, sources(), setup);
    };
    let stdout = io::stdout();
    let mut out = stdout.lock();
    match command {
        Command::Check {
            dir: Some(dir),
            stale,
        } => {
            // An explicit directory is checked alone, unless a personal
            // directory is named too: CI checks data/ whatever is in $HOME.
            let sources = careguide::data::Sources {
                shipped: careguide::data::DataSource::Dir(dir),
                personal: cli.personal,
                old_personal: None,
            };
            cmd::check::run(&sources, stale, &mut out)
        }
        Command::Check { dir: None, stale } => cmd::check::run(&sources(), stale, &mut out),
        Command::InitData { dir } => cmd::init_data::run(&dir, &mut out),
        Command::Note { id, text } => {
            let note = careguide::data::notes_file::Addition::Note(text);
            cmd::note::run(&sources(), &id, note, &mut out)
        }
        Command::AddContact { id, role, number } => {
            let contact = careguide::data::notes_file::Addition::Contact {
                role,
                phone: number,
            };
            cmd::note::run(&sources(), &id, contact, &mut out)
        }
        Command::Search {
            query,
            city,
            kind,
            specialty,
            limit,
            json,
        } => {
            let on_terminal = io::stdout().is_terminal();
            let request = Request {
                on_terminal,
                width: on_terminal.then(columns).flatten(),
                query: query.join(" "),
                city,
                kind: kind.map(Into::into),
                specialty,
                limit,
                output: if json { Output::Json } else { Output::Lines },
            };
            cmd::search::run(&sources(), &request, &mut out)
        }
        Command::Show { id, format } => cmd::show::run(&sources(), &id, format, &mut out),
        Command::Export { format, city } => {
            cmd::export::run(&sources(), format, city.as_deref(), &mut out)
        }
        Command::Emergency { city } => cmd::emergency::run(&sources(), city.as_deref(), &mut out),
        Command::Completions { shell } => cmd::completions::run(shell, &mut out),
        Command::Doctor => {
            cmd::doctor::run(&sources(), cli.clipboard, cli.config.as_deref(), &mut out)
        }
        Command::Man => cmd::man::run(&mut out),
    }
}

/// The terminal's width: `$COLUMNS`, else what the terminal says.
fn columns() -> Option<usize> {
    let env = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse().ok());
    let asked = || {
        crossterm::terminal::size()
            .ok()
            .map(|(w, _)| usize::from(w))
    };
    env.or_else(asked).filter(|&w| w > 0)
}

/// The TUI. The embedded data, a small data directory, or any data when
/// there is no terminal, is loaded and validated first, so bad data is
/// reported with the terminal untouched; then careguide refuses where there
/// is no terminal. A large data directory is loaded behind a loading frame,
/// and if it has errors the terminal is restored and they are reported the
/// same way. Errors in
/// personal files do not stop it: it starts without those files and says so.
fn interactive(
    route: &careguide::clipboard::Route,
    sources: careguide::data::Sources,
    setup: careguide::tui::run::Setup,
) -> anyhow::Result<ExitCode> {
    let term = std::env::var("TERM").ok();
    let refusal = careguide::tui::run::refuse_reason(term.as_deref());
    // A large data directory loads behind a loading frame; the embedded
    // data and a small directory load first (their errors then reach the
    // terminal before the TUI touches it).
    let behind_a_frame = refusal.is_none() && careguide::data::takes_a_while(&sources.shipped)?;
    let start = match behind_a_frame {
        true => careguide::tui::run::Start::Load(Box::new(careguide::data::load_counting)),
        false => {
            let loaded = careguide::data::load_for_use(&sources)?;
            if loaded.has_errors() {
                return Ok(invalid(&loaded));
            }
            careguide::tui::run::Start::Loaded(Box::new(loaded))
        }
    };
    if let Some(reason) = refusal {
        cmd::to_stderr(&format!("careguide: {reason}"));
        return Ok(ExitCode::from(2));
    }
    let env = careguide::clipboard::Env::current();
    let clipboard = careguide::clipboard::provider(*route, &env);
    match careguide::tui::run::run(start, sources, clipboard, setup)? {
        careguide::tui::run::Outcome::Quit(place) => {
            if let (Some(place), Some(path)) = (place, careguide::last_place::path())
                && let Err(e) = careguide::last_place::write(&path, &place)
            {
                cmd::to_stderr(&format!(
                    "careguide: could not save where you left off in {}: {e}",
                    path.display()
                ));
            }
            Ok(ExitCode::SUCCESS)
        }
        careguide::tui::run::Outcome::Invalid(loaded) => Ok(invalid(&loaded)),
    }
}

/// The config file's settings (its problems kept for the problems overlay)
/// and the place to open on: `--city`, else where the user left off, else
/// the config's home city.
fn setup(config: Option<&std::path::Path>, city: Option<String>) -> careguide::tui::run::Setup {
    use careguide::last_place::{self, Place};
    let (config, config_problems) = match careguide::config::path(config) {
        Some(path) => careguide::config::load(&path, config.is_some()),
        None => Default::default(),
    };
    let city_place = |city| Place {
        city: Some(city),
        facility: None,
    };
    let place = match city {
        Some(city) => Some(city_place(city)),
        None => last_place::path()
            .and_then(|path| last_place::read(&path))
            .or_else(|| config.home_city.clone().map(city_place)),
    };
    careguide::tui::run::Setup {
        config,
        config_problems,
        place,
    }
}

/// Reports data that has errors: every problem, then the summary; exit 1.
fn invalid(loaded: &careguide::data::Loaded) -> ExitCode {
    cmd::to_stderr(&format!(
        "{}\n\n{}",
        loaded.render_diagnostics(),
        loaded.summary()
    ));
    ExitCode::from(1)
}
