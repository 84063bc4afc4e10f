//! The commands, one file each, over the library. Each returns the process
//! exit status; errors that stop a command become `careguide: …` on stderr.

pub mod check;

use std::path::PathBuf;

use crate::data::DataSource;

/// The data source chosen by `--data` / `$CAREGUIDE_DATA`, else embedded.
pub fn source_from(dir: Option<PathBuf>) -> DataSource {
    dir.map_or(DataSource::Embedded, DataSource::Dir)
}
