//! Entry point: parse the command line, dispatch, map errors to exit codes
//! (0 ok or found, 1 invalid data or no match, 2 could not run). A closed
//! pipe is not an error: `careguide search x | head -1` exits 0 quietly.

use std::io;
use std::process::ExitCode;

use clap::Parser;

use careguide::cli::{Cli, Command};
use careguide::cmd;
use careguide::cmd::search::{Output, Request};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!(
                "careguide: {}",
                careguide::text::escape_forbidden(&format!("{err:#}"))
            );
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
    let Some(command) = cli.command else {
        // The TUI must not hold the stdout lock: the signal thread and the
        // tty watchdog write the terminal's reset sequences from other threads.
        return interactive(&cli.clipboard, cli.data);
    };
    let stdout = io::stdout();
    let mut out = stdout.lock();
    let source = || cmd::source_from(cli.data.clone());
    match command {
        Command::Check { dir } => {
            let source = cmd::source_from(dir.or(cli.data));
            cmd::check::run(&source, &mut out)
        }
        Command::Search {
            query,
            city,
            kind,
            specialty,
            limit,
            json,
        } => {
            let request = Request {
                query: query.join(" "),
                city,
                kind: kind.map(Into::into),
                specialty,
                limit,
                output: if json { Output::Json } else { Output::Lines },
            };
            cmd::search::run(&source(), &request, &mut out)
        }
        Command::Show { id, format } => cmd::show::run(&source(), &id, format, &mut out),
        Command::Export { format, city } => {
            cmd::export::run(&source(), format, city.as_deref(), &mut out)
        }
        Command::Emergency { city } => cmd::emergency::run(&source(), city.as_deref(), &mut out),
        Command::Completions { shell } => cmd::completions::run(shell, &mut out),
        Command::Doctor => cmd::doctor::run(&source(), cli.clipboard, &mut out),
    }
}

/// The TUI: load and validate everything first, so bad data is reported with
/// the terminal untouched, then refuse where there is no terminal.
fn interactive(
    route: &careguide::clipboard::Route,
    dir: Option<std::path::PathBuf>,
) -> anyhow::Result<ExitCode> {
    let loaded = careguide::data::load(&cmd::source_from(dir))?;
    if loaded.has_errors() {
        eprintln!("{}\n\n{}", loaded.render_diagnostics(), loaded.summary());
        return Ok(ExitCode::from(1));
    }
    let term = std::env::var("TERM").ok();
    if let Some(reason) = careguide::tui::run::refuse_reason(term.as_deref()) {
        eprintln!("careguide: {reason}");
        return Ok(ExitCode::from(2));
    }
    let env = careguide::clipboard::Env::current();
    let clipboard = careguide::clipboard::provider(*route, &env);
    careguide::tui::run::run(loaded.directory, clipboard)?;
    Ok(ExitCode::SUCCESS)
}
