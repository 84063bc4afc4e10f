//! Where the personal overlay lives and reading it: every `*.ron` file
//! directly in the personal directory (hidden files, such as the temporary
//! files of an atomic write, are skipped, and so are the reserved names of
//! config and state files), with the same file-level checks as the shipped
//! data. A link to a file outside the directory (dotfiles) is followed,
//! but that file's text never reaches a diagnostic's snippet. A missing
//! directory is simply empty. The default directory is
//! `personal/` in the platform's config directory, which leaves the config
//! directory itself to a config file; personal files still in their old
//! place, the config directory, are read too, with a notice to move them.
//! Merging is `overlay`'s; writing (`careguide note`) is `notes_file`'s.

use std::fs;
use std::path::{Path, PathBuf};

use super::diagnostic::display_path;
use super::load::{FileRole, FileSet, read_one};

/// Overrides the default personal directory (as `--personal DIR` does).
pub const ENV: &str = "CAREGUIDE_PERSONAL";

/// The file `careguide note` writes; users may edit it too.
pub const NOTES_FILE: &str = "notes.ron";

/// The default personal directory's name inside the config directory.
pub const SUBDIR: &str = "personal";

/// Names that are never personal data, wherever they are: careguide's
/// config file and its small state file, in either format, live in the
/// config directory beside the personal files' old place.
pub const RESERVED: [&str; 4] = ["config.toml", "config.ron", "state.ron", "state.toml"];

/// How many file names a notice lists before "and N more".
const NAMES_SHOWN: usize = 5;

/// The platform's config directory for careguide: `~/.config/careguide` on
/// Linux (`$XDG_CONFIG_HOME/careguide` when that is set).
pub fn config_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "careguide").map(|d| d.config_dir().to_path_buf())
}

/// The default personal directory: `~/.config/careguide/personal` on Linux.
pub fn default_dir() -> Option<PathBuf> {
    config_dir().map(|d| d.join(SUBDIR))
}

/// Where personal files lived before `personal/`: the config directory.
pub fn old_dir() -> Option<PathBuf> {
    config_dir()
}

/// Reads the personal files of `dir`, in file-name order.
pub fn read_dir(dir: &Path) -> FileSet {
    let mut set = FileSet::default();
    for path in personal_files(dir, &mut set) {
        read_inside(&mut set, dir, &path);
    }
    set
}

/// Reads the personal files left in their old place, `old`, into `set`,
/// and returns the notice that says to move them into `new` (none when
/// there are none: a config file alone is no reason for a notice).
pub fn read_old_dir(old: &Path, new: &Path, set: &mut FileSet) -> Option<String> {
    let paths = personal_files(old, set);
    if paths.is_empty() {
        return None;
    }
    let mut names: Vec<String> = paths
        .iter()
        .take(NAMES_SHOWN)
        .filter_map(|p| p.file_name())
        .map(|n| display_path(&n.to_string_lossy()))
        .collect();
    if paths.len() > NAMES_SHOWN {
        names.push(format!("and {} more", paths.len() - NAMES_SHOWN));
    }
    for path in &paths {
        read_inside(set, old, path);
    }
    Some(format!(
        "personal files in {} ({}) are read from their old place; move them into {}",
        display_path(&old.to_string_lossy()),
        names.join(", "),
        display_path(&new.to_string_lossy()),
    ))
}

/// Reads one personal file of `dir` into `set`; one whose real path leaves
/// `dir` is marked, so that its text is never printed in a snippet (a link
/// to `/etc/shadow` would show its first line).
fn read_inside(set: &mut FileSet, dir: &Path, path: &Path) {
    let root = fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    if super::entries::outside(&root, path).is_some() {
        set.linked.push(path.to_string_lossy().into_owned());
    }
    read_one(set, path, FileRole::Personal);
}

/// The `*.ron` files directly in `dir` that may hold personal data, sorted;
/// a directory that cannot be listed is a diagnostic in `set`.
fn personal_files(dir: &Path, set: &mut FileSet) -> Vec<PathBuf> {
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
            return Vec::new();
        }
    };
    super::entries::ron_files(paths)
        .into_iter()
        .map(|(path, _)| path)
        .filter(|path| {
            let name = path.file_name().and_then(|n| n.to_str());
            name.is_none_or(|name| !RESERVED.contains(&name))
        })
        .collect()
}
