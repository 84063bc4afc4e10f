//! The files of a data source before they are read: the embedded files,
//! or `sources.ron`, `specialties.ron`, `emergency.ron`, the optional
//! `rejected.ron` and `phrases.ron`, and `cities/*.ron` of a directory (a
//! missing required file is an entry that says so). `Entry::read` reads
//! and decodes one, so a loader can read files one at a time. A file whose
//! real path leaves its directory (a symbolic link to `/etc/shadow`, or a
//! `cities` folder linked elsewhere) is refused unread: its first line would
//! otherwise be printed in a diagnostic's snippet, in a CI log.

use std::fs;
use std::path::{Path, PathBuf};

use super::diagnostic::{Diagnostic, display_path};
use super::load::{DataSource, FileRole, LoadError, decode, decode_owned, read_bytes};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded_data.rs"));
}

/// One file of a data source, not read yet: what `read_files` reads, and
/// what `data::load` reads, parses and validates one at a time.
#[derive(Debug, Clone)]
pub struct Entry {
    pub path: String,
    pub role: FileRole,
    pub body: Body,
}

/// Where an entry's bytes are.
#[derive(Debug, Clone)]
pub enum Body {
    Embedded(&'static [u8]),
    Disk(PathBuf),
    /// The file cannot be read (it is missing): this is why.
    Failed(Diagnostic),
}

impl Entry {
    /// The file's text, or the one diagnostic saying why it has none.
    pub fn read(&self) -> Result<String, Diagnostic> {
        match &self.body {
            Body::Embedded(bytes) => decode(&self.path, bytes),
            Body::Disk(path) => decode_owned(&self.path, read_bytes(path)?),
            Body::Failed(diagnostic) => Err(diagnostic.clone()),
        }
    }
}

/// The data files of `source`, in the order they are read: the files the
/// others refer to first (`sources.ron`, the bibliography they cite, and
/// `rejected.ron`, the ledger they are checked against), then
/// `specialties.ron`, `emergency.ron`, `phrases.ron`, and the cities by
/// file name.
pub fn entries(source: &DataSource) -> Result<Vec<Entry>, LoadError> {
    match source {
        DataSource::Embedded => {
            let mut entries: Vec<Entry> = embedded::FILES
                .iter()
                .filter_map(|(path, bytes)| {
                    let role = role_of(path.strip_prefix("data/").unwrap_or(path))?;
                    Some(Entry {
                        path: path.to_string(),
                        role,
                        body: Body::Embedded(bytes),
                    })
                })
                .collect();
            entries.sort_by_key(|e| order(&e.role));
            Ok(entries)
        }
        DataSource::Dir(dir) => dir_entries(dir),
    }
}

/// The embedded files, as `(path under data/, bytes)`, for `init-data`.
pub fn embedded_files() -> impl Iterator<Item = (&'static str, &'static [u8])> {
    embedded::FILES
        .iter()
        .map(|(path, bytes)| (path.strip_prefix("data/").unwrap_or(path), *bytes))
}

/// The embedded files written into a fresh temporary directory, for tests
/// that edit a copy of the data.
#[cfg(test)]
pub(crate) fn embedded_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (path, bytes) in embedded_files() {
        let path = dir.path().join(path);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, bytes).expect("write");
    }
    dir
}

/// A file's place in the reading order (`entries`).
fn order(role: &FileRole) -> u8 {
    match role {
        FileRole::Sources => 0,
        FileRole::Rejected => 1,
        FileRole::Specialties => 2,
        FileRole::Emergency => 3,
        FileRole::Phrases => 4,
        _ => 5,
    }
}

fn role_of(relative: &str) -> Option<FileRole> {
    match relative {
        "sources.ron" => Some(FileRole::Sources),
        "specialties.ron" => Some(FileRole::Specialties),
        "emergency.ron" => Some(FileRole::Emergency),
        "rejected.ron" => Some(FileRole::Rejected),
        "phrases.ron" => Some(FileRole::Phrases),
        _ => {
            let stem = relative.strip_prefix("cities/")?.strip_suffix(".ron")?;
            (!stem.contains('/')).then(|| FileRole::City {
                stem: stem.to_string(),
            })
        }
    }
}

fn disk(root: &Path, path: PathBuf, role: FileRole) -> Entry {
    let shown = path.to_string_lossy().into_owned();
    let body = match outside(root, &path) {
        Some(refused) => Body::Failed(refused),
        None => Body::Disk(path),
    };
    Entry {
        path: shown,
        role,
        body,
    }
}

/// The error for a file whose real path is not inside `root` (itself a
/// real path), or `None` when it is inside or does not resolve (reading it
/// then says why).
pub(super) fn outside(root: &Path, path: &Path) -> Option<Diagnostic> {
    let real = fs::canonicalize(path).ok()?;
    if real.starts_with(root) {
        return None;
    }
    let shown = path.to_string_lossy();
    Some(Diagnostic::error(
        &shown,
        1,
        1,
        format!(
            "is a link to {}, outside the directory it is read from; copy the file in instead (a data file must live inside its directory)",
            display_path(&real.to_string_lossy())
        ),
    ))
}

fn dir_entries(dir: &Path) -> Result<Vec<Entry>, LoadError> {
    let shown = dir.to_string_lossy().into_owned();
    let meta = fs::metadata(dir).map_err(|_| LoadError::Missing(display_path(&shown)))?;
    if !meta.is_dir() {
        return Err(LoadError::NotADirectory(display_path(&shown)));
    }
    let root = fs::canonicalize(dir).map_err(|e| LoadError::Unreadable(display_path(&shown), e))?;
    let mut out = Vec::new();
    // Required files say so when missing; the ledger and the phrase card
    // are optional: a directory of one's own may have neither.
    for (name, role, required) in [
        ("sources.ron", FileRole::Sources, true),
        ("rejected.ron", FileRole::Rejected, false),
        ("specialties.ron", FileRole::Specialties, true),
        ("emergency.ron", FileRole::Emergency, true),
        ("phrases.ron", FileRole::Phrases, false),
    ] {
        let path = dir.join(name);
        if path.symlink_metadata().is_ok() {
            out.push(disk(&root, path, role));
        } else if required {
            let shown = path.to_string_lossy().into_owned();
            let missing = Diagnostic::error(
                &shown,
                1,
                1,
                format!("missing file: every data directory needs {name}"),
            );
            out.push(Entry {
                path: shown,
                role,
                body: Body::Failed(missing),
            });
        }
    }
    let cities = dir.join("cities");
    let paths: Vec<PathBuf> = match fs::read_dir(&cities) {
        Ok(entries) => entries.flatten().map(|e| e.path()).collect(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
        Err(e) => return Err(LoadError::Unreadable(display_path(&shown), e)),
    };
    for (path, stem) in ron_files(paths) {
        out.push(disk(&root, path, FileRole::City { stem }));
    }
    Ok(out)
}

/// The `.ron` files among `paths` (hidden files left out), sorted, each
/// with its name's stem.
pub(super) fn ron_files(mut paths: Vec<PathBuf>) -> Vec<(PathBuf, String)> {
    paths.sort();
    paths
        .into_iter()
        .filter_map(|path| {
            let name = path.file_name()?.to_string_lossy().into_owned();
            let stem = name.strip_suffix(".ron")?.to_string();
            (!name.starts_with('.')).then_some((path, stem))
        })
        .collect()
}
