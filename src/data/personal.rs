//! Where the personal overlay lives and reading it: every `*.ron` file
//! directly in the personal directory (hidden files, such as the temporary
//! files of an atomic write, are skipped), with the same file-level checks
//! as the shipped data; a link to a file outside the directory is refused
//! unread. A missing directory is simply empty. Merging is
//! `overlay`'s; writing (`careguide note`) is `notes_file`'s.

use std::fs;
use std::path::{Path, PathBuf};

use super::load::{FileRole, FileSet, read_one};

/// Overrides the default personal directory (as `--personal DIR` does).
pub const ENV: &str = "CAREGUIDE_PERSONAL";

/// The file `careguide note` writes; users may edit it too.
pub const NOTES_FILE: &str = "notes.ron";

/// The platform's config directory for careguide: `~/.config/careguide` on
/// Linux (`$XDG_CONFIG_HOME/careguide` when that is set).
pub fn default_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "careguide").map(|d| d.config_dir().to_path_buf())
}

/// Reads the personal files of `dir`, in file-name order.
pub fn read_dir(dir: &Path) -> FileSet {
    let mut set = FileSet::default();
    let paths: Vec<PathBuf> = match fs::read_dir(dir) {
        Ok(entries) => entries.flatten().map(|e| e.path()).collect(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
        Err(e) => {
            let shown = dir.to_string_lossy().into_owned();
            set.diagnostics.push(super::Diagnostic::error(
                &shown,
                1,
                1,
                format!("cannot read the personal directory: {e}"),
            ));
            return set;
        }
    };
    let root = fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    for (path, _) in super::entries::ron_files(paths) {
        match super::entries::outside(&root, &path) {
            Some(refused) => set.diagnostics.push(refused),
            None => read_one(&mut set, &path, FileRole::Personal),
        }
    }
    set
}
