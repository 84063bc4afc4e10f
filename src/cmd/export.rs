//! `careguide export [--format json|csv|vcard] [--city ID]`: the whole
//! validated directory, or one city, in a machine-readable format. The
//! formats themselves live in `crate::export`; this file picks the selection
//! and writes the bytes. Exit 0, or 2 for an unknown city.

use std::io::Write;
use std::process::ExitCode;

use super::{load_directory, optional_city};
use crate::cli::ExportFormat;
use crate::data::Sources;
use crate::export::{Selection, csv, json, vcard};

pub fn run(
    sources: &Sources,
    format: ExportFormat,
    city: Option<&str>,
    out: &mut impl Write,
) -> anyhow::Result<ExitCode> {
    let dir = load_directory(sources)?;
    let selection = match optional_city(&dir, city)? {
        Some(c) => Selection::city(&dir, c),
        None => Selection::all(&dir),
    };
    // Each format is built in memory first (the directory is small), so a
    // closed pipe surfaces as a plain io::Error from this one write.
    let bytes = match format {
        ExportFormat::Json => (json::directory(selection)? + "\n").into_bytes(),
        ExportFormat::Csv => csv::write(selection)?,
        ExportFormat::Vcard => vcard::cards(selection.facilities()).into_bytes(),
    };
    out.write_all(&bytes)?;
    Ok(ExitCode::SUCCESS)
}
