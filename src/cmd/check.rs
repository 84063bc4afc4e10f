//! `careguide check [DIR]`: print every diagnostic, the shipped data's and
//! the personal files', and a summary line. Exit 0 when clean (warnings
//! allowed), 1 with errors in either, 2 when it could not run. Which
//! personal directory is checked is `main`'s choice (see `--help`).

use std::io::Write;
use std::process::ExitCode;

use crate::data::{self, Sources};

pub fn run(sources: &Sources, out: &mut impl Write) -> anyhow::Result<ExitCode> {
    let loaded = data::load_sources(sources)?;
    super::print_notices(&loaded);
    if !loaded.diagnostics.is_empty() || !loaded.personal_diagnostics.is_empty() {
        writeln!(out, "{}\n", loaded.render_diagnostics())?;
    }
    writeln!(out, "{}", loaded.summary())?;
    Ok(
        if loaded.has_errors() || loaded.personal_error_count() > 0 {
            ExitCode::from(1)
        } else {
            ExitCode::SUCCESS
        },
    )
}
