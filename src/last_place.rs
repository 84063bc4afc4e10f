//! Where the user left off: the city and facility selected when careguide
//! last quit, kept in a small state file (`state.toml` in the platform's
//! state directory: `~/.local/state/careguide` on Linux) and restored on
//! the next start unless `--city` says otherwise. It is a convenience: a
//! missing or unreadable file is no place, and it is written atomically
//! (a temporary file renamed over it), so a crash never leaves half of one.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// The state file's name.
pub const FILE: &str = "state.toml";

/// A place in the directory, by ids (which survive a reload and an edit of
/// the data, where positions do not).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Place {
    /// A city id, or a city's name when the user typed it (`--city`);
    /// `None` is "All cities".
    pub city: Option<String>,
    pub facility: Option<String>,
}

/// The state file: in the platform's state directory, or its local data
/// directory where it has none (macOS, Windows).
pub fn path() -> Option<PathBuf> {
    let dirs = directories::ProjectDirs::from("", "", "careguide")?;
    let dir = dirs.state_dir().unwrap_or(dirs.data_local_dir());
    Some(dir.join(FILE))
}

/// The place saved at `path`, if there is a readable one.
pub fn read(path: &Path) -> Option<Place> {
    let text = std::fs::read_to_string(path).ok()?;
    toml::from_str(&text).ok()
}

/// Saves `place` at `path`, creating its directory.
pub fn write(path: &Path, place: &Place) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let text = toml::to_string(place).map_err(std::io::Error::other)?;
    let mut file = tempfile::Builder::new()
        .prefix(".state-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    file.write_all(text.as_bytes())?;
    file.as_file().sync_all()?;
    file.persist(path).map_err(|e| e.error)?;
    Ok(())
}
