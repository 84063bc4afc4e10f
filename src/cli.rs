//! The command line, as clap definitions only: no behaviour lives here.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::clipboard::Route;

#[derive(Debug, Parser)]
#[command(
    name = "careguide",
    version,
    about = "A keyboard-driven directory of hospitals in northern China, with sourced phone numbers",
    long_about = "A keyboard-driven directory of hospitals in northern China, with sourced phone numbers.\n\nWithout a command, opens the interactive directory. careguide is not medical advice: in an emergency in mainland China call 120 (ambulance).",
    after_help = "Examples:\n  careguide                      open the directory on the embedded data\n  careguide --data ./data        open it on a data directory\n  careguide check data/          validate a data directory"
)]
pub struct Cli {
    /// Load the data from this directory instead of the embedded data.
    #[arg(long, global = true, env = "CAREGUIDE_DATA", value_name = "DIR")]
    pub data: Option<PathBuf>,

    /// How to copy: auto picks tmux, OSC 52 or the system clipboard from the environment.
    #[arg(long, global = true, env = "CAREGUIDE_CLIPBOARD", value_enum, default_value = "auto")]
    pub clipboard: Route,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate data files and print every problem at path:line:col.
    #[command(after_help = "Exit status: 0 clean, 1 problems found, 2 could not run.\n\nExamples:\n  careguide check data/\n  careguide check            (checks --data, $CAREGUIDE_DATA or the embedded data)")]
    Check {
        /// The data directory to check.
        dir: Option<PathBuf>,
    },
}
