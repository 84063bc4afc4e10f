//! The commands, one file each, over the library. Each returns the process
//! exit status; errors that stop a command become `careguide: …` on stderr
//! (exit 2). Shared here: choosing the data source, loading a directory that
//! must be valid, and turning a city id from the command line into an index.

pub mod check;
pub mod completions;
pub mod doctor;
pub mod emergency;
pub mod export;
pub mod init_data;
pub mod man;
pub mod note;
pub mod search;
pub mod show;
pub mod style;

use std::io::Write;
use std::path::PathBuf;

use anyhow::bail;

use crate::data::{self, DataSource, Sources, personal};
use crate::model::Directory;
use crate::text::escaped;

/// Writes `text` and a newline to stderr. A closed or broken stderr is
/// ignored: `eprintln!` would panic there, and the process would exit 101
/// instead of the status the command means.
pub fn to_stderr(text: &str) {
    let _ = writeln!(std::io::stderr(), "{text}");
}

/// The data source chosen by `--data` / `$CAREGUIDE_DATA`, else embedded.
pub fn source_from(dir: Option<PathBuf>) -> DataSource {
    dir.map_or(DataSource::Embedded, DataSource::Dir)
}

/// The shipped data source plus the personal directory: `--personal` /
/// `$CAREGUIDE_PERSONAL`, else `personal/` in the platform's config
/// directory, whose old place (the config directory) is then read too.
pub fn sources_from(data: Option<PathBuf>, personal: Option<PathBuf>) -> Sources {
    let old_personal = match personal {
        Some(_) => None,
        None => personal::old_dir(),
    };
    Sources {
        shipped: source_from(data),
        personal: personal.or_else(personal::default_dir),
        old_personal,
    }
}

/// Prints the loader's notices on stderr, one line each.
pub fn print_notices(loaded: &data::Loaded) {
    for notice in &loaded.notices {
        to_stderr(&format!("careguide: notice: {notice}"));
    }
}

/// The `check` command that shows the shipped data's problems: with
/// `--data DIR`, plain `careguide check` would check the embedded data and
/// find nothing. (Personal files' problems show in `careguide check`
/// whatever the data.)
pub fn check_command(sources: &Sources) -> String {
    match &sources.shipped {
        DataSource::Embedded => "careguide check".to_string(),
        DataSource::Dir(dir) => {
            let dir = dir.to_string_lossy();
            let quoted = shlex::try_quote(&dir).map_or_else(|_| escaped(&dir), |q| q.into_owned());
            format!("careguide check {}", crate::text::escape_forbidden(&quoted))
        }
    }
}

/// Loads and validates; data with errors stops the command (exit 2), since
/// an answer from a broken directory could be a wrong phone number. A
/// personal file with errors is left out, with a warning on stderr.
pub fn load_directory(sources: &Sources) -> anyhow::Result<Directory> {
    let loaded = data::load_for_use(sources)?;
    print_notices(&loaded);
    if loaded.has_errors() {
        let n = loaded.error_count();
        bail!(
            "the {} has {n} error{}; run `{}` to see them",
            sources.shipped.describe(),
            if n == 1 { "" } else { "s" },
            check_command(sources)
        );
    }
    let n = loaded.personal_error_count();
    if n > 0 {
        to_stderr(&format!(
            "careguide: warning: {n} error{} in your personal files, which are left out until fixed; run `careguide check` to see them",
            if n == 1 { "" } else { "s" }
        ));
    }
    Ok(loaded.directory)
}

/// The index of the city with this id, or the error `unknown city "x"`.
pub fn city(dir: &Directory, id: &str) -> anyhow::Result<usize> {
    match dir.cities.iter().position(|c| c.id.as_str() == id) {
        Some(i) => Ok(i),
        None => {
            let known: Vec<&str> = dir.cities.iter().map(|c| c.id.as_str()).collect();
            bail!("unknown city {} (known: {})", escaped(id), known.join(", "))
        }
    }
}

/// `city` for an optional `--city`.
pub fn optional_city(dir: &Directory, id: Option<&str>) -> anyhow::Result<Option<usize>> {
    id.map(|id| city(dir, id)).transpose()
}
