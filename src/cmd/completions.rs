//! `careguide completions SHELL`: the completion script clap_complete
//! generates from the same clap definitions as the parser, so it cannot go
//! stale. Built in memory first, because clap_complete panics when its
//! writer fails, and a closed pipe must exit quietly.

use std::io::Write;
use std::process::ExitCode;

use clap::CommandFactory;
use clap_complete::Shell;

use crate::cli::Cli;

pub fn run(shell: Shell, out: &mut impl Write) -> anyhow::Result<ExitCode> {
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "careguide", &mut script);
    out.write_all(&script)?;
    Ok(ExitCode::SUCCESS)
}
