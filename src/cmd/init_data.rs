//! `careguide init-data DIR`: writes the embedded data files into DIR so a
//! maintainer can edit them and run `careguide --data DIR`. Refuses before
//! writing anything when any of the files already exists, so it can never
//! overwrite an edit. All or nothing: the files are written and synced in a
//! hidden temporary directory on DIR's file system first, and moved into
//! place only once every one is complete, so a full disk or an interrupted
//! write leaves no truncated file to block the retry. Exit 0 written, 2
//! refused or failed.

use std::fs;
use std::io::{self, Write};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, bail};
use rustix::fs::{CWD, RenameFlags};

use crate::data::diagnostic::display_path;
use crate::data::load::embedded_files;

/// The temporary directory's name starts with this (hidden, and not a data
/// file's name: a copy left by a killed run is never loaded as data).
const TMP_PREFIX: &str = ".careguide-init-";

pub fn run(dir: &Path, out: &mut impl Write) -> anyhow::Result<ExitCode> {
    let existing: Vec<String> = embedded_files()
        .map(|(rel, _)| dir.join(rel))
        .filter(|p| p.symlink_metadata().is_ok())
        .map(|p| shown(&p))
        .collect();
    if !existing.is_empty() {
        bail!(
            "nothing was written: {} already exist{} ({}); choose an empty directory",
            if existing.len() == 1 {
                "a file"
            } else {
                "files"
            },
            if existing.len() == 1 { "s" } else { "" },
            existing.join(", ")
        );
    }
    let written = if dir.symlink_metadata().is_ok() {
        into_existing(dir)
    } else {
        into_new(dir)
    };
    let count = written.with_context(|| format!("nothing was written to {}", shown(dir)))?;
    let d = shown(dir);
    writeln!(
        out,
        "Wrote {count} data files to {d}.\nEdit them, then:\n  careguide check {d}\n  careguide --data {d}      (press e to edit the selected record; saving reloads)"
    )?;
    Ok(ExitCode::SUCCESS)
}

/// DIR does not exist: the whole tree is written beside it and renamed to
/// DIR in one step. Parents created for it are removed again on failure.
fn into_new(dir: &Path) -> anyhow::Result<usize> {
    let parent = match dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let created = missing_ancestors(parent);
    let result = (|| {
        fs::create_dir_all(parent).with_context(|| format!("cannot create {}", shown(parent)))?;
        // Made as `mkdir` would make DIR (0777 less the umask), not 0700 as
        // a temporary directory is, since it becomes DIR.
        let tmp = temp_dir_in(parent, 0o777)?;
        let count = write_tree(tmp.path())?;
        // A directory that appeared at DIR meanwhile is not replaced unless
        // it is empty (rename(2) fails on a non-empty one), so nothing in it
        // is lost.
        fs::rename(tmp.path(), dir).with_context(|| format!("cannot create {}", shown(dir)))?;
        // Renamed away: nothing is left for the TempDir to remove.
        let _ = tmp.keep();
        sync_dir(parent)?;
        Ok(count)
    })();
    if result.is_err() {
        // Deepest first; `remove_dir` leaves a directory that is not empty.
        for path in &created {
            let _ = fs::remove_dir(path);
        }
    }
    result
}

/// DIR exists: the tree is written in a temporary directory inside it, then
/// each file is moved into place without replacing one that appeared since
/// the check. If a move fails, the files already moved are taken back.
fn into_existing(dir: &Path) -> anyhow::Result<usize> {
    let tmp = temp_dir_in(dir, 0o700)?;
    let count = write_tree(tmp.path())?;
    let mut moved: Vec<PathBuf> = Vec::new();
    let mut made: Vec<PathBuf> = Vec::new();
    let result = (|| {
        for (rel, _) in embedded_files() {
            let to = dir.join(rel);
            for parent in missing_ancestors(to.parent().unwrap_or(dir))
                .into_iter()
                .rev()
            {
                fs::create_dir(&parent)
                    .with_context(|| format!("cannot create {}", shown(&parent)))?;
                made.push(parent);
            }
            move_new(&tmp.path().join(rel), &to)
                .with_context(|| format!("cannot create {}", shown(&to)))?;
            moved.push(to);
        }
        for sub in made.iter().map(PathBuf::as_path).chain([dir]) {
            sync_dir(sub)?;
        }
        Ok(count)
    })();
    if result.is_err() {
        for path in &moved {
            let _ = fs::remove_file(path);
        }
        for path in made.iter().rev() {
            let _ = fs::remove_dir(path);
        }
    }
    result
}

/// Every embedded file written under `root`, each synced, then the
/// directories synced: complete on disk before anything is moved.
fn write_tree(root: &Path) -> anyhow::Result<usize> {
    let mut dirs = vec![root.to_path_buf()];
    let mut count = 0;
    for (rel, bytes) in embedded_files() {
        let path = root.join(rel);
        if let Some(parent) = path.parent()
            && !dirs.iter().any(|d| d == parent)
        {
            fs::create_dir_all(parent)
                .with_context(|| format!("cannot create {}", shown(parent)))?;
            dirs.push(parent.to_path_buf());
        }
        let mut file = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .with_context(|| format!("cannot create {}", shown(&path)))?;
        file.write_all(bytes)
            .and_then(|()| file.sync_all())
            .with_context(|| format!("cannot write {rel}"))?;
        count += 1;
    }
    for dir in &dirs {
        sync_dir(dir)?;
    }
    Ok(count)
}

/// Moves `from` to `to` unless `to` exists: an atomic rename that refuses
/// to replace (RENAME_NOREPLACE), or, on a file system without it, a hard
/// link (which fails on an existing name too) and the old name removed.
fn move_new(from: &Path, to: &Path) -> io::Result<()> {
    match rustix::fs::renameat_with(CWD, from, CWD, to, RenameFlags::NOREPLACE) {
        Ok(()) => Ok(()),
        Err(rustix::io::Errno::INVAL | rustix::io::Errno::NOSYS) => {
            fs::hard_link(from, to)?;
            fs::remove_file(from)
        }
        Err(e) => Err(e.into()),
    }
}

fn temp_dir_in(dir: &Path, mode: u32) -> anyhow::Result<tempfile::TempDir> {
    tempfile::Builder::new()
        .prefix(TMP_PREFIX)
        .permissions(fs::Permissions::from_mode(mode))
        .tempdir_in(dir)
        .with_context(|| format!("cannot write into {}", shown(dir)))
}

/// Syncs a directory, so the names written or moved in it survive a crash.
fn sync_dir(dir: &Path) -> anyhow::Result<()> {
    fs::File::open(dir)
        .and_then(|d| d.sync_all())
        .with_context(|| format!("cannot sync {}", shown(dir)))
}

/// The directories `create_dir_all(dir)` would create, deepest first.
fn missing_ancestors(dir: &Path) -> Vec<PathBuf> {
    dir.ancestors()
        .take_while(|p| !p.as_os_str().is_empty() && p.symlink_metadata().is_err())
        .map(Path::to_path_buf)
        .collect()
}

fn shown(path: &Path) -> String {
    display_path(&path.to_string_lossy())
}
