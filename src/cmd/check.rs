//! `careguide check [DIR]`: print every diagnostic and a summary line.
//! Exit 0 when clean (warnings allowed), 1 with errors, 2 when it could not run.

use std::io::Write;
use std::process::ExitCode;

use crate::data::{self, DataSource};

pub fn run(source: &DataSource, out: &mut impl Write) -> anyhow::Result<ExitCode> {
    let loaded = data::load(source)?;
    if !loaded.diagnostics.is_empty() {
        writeln!(out, "{}\n", loaded.render_diagnostics())?;
    }
    writeln!(out, "{}", loaded.summary())?;
    Ok(if loaded.has_errors() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
