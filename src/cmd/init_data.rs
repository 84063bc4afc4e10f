//! `careguide init-data DIR`: writes the embedded data files into DIR so a
//! maintainer can edit them and run `careguide --data DIR`. Refuses before
//! writing anything when any of the files already exists, so it can never
//! overwrite an edit. Exit 0 written, 2 refused or failed.

use std::fs;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, bail};

use crate::data::diagnostic::display_path;
use crate::data::load::embedded_files;

pub fn run(dir: &Path, out: &mut impl Write) -> anyhow::Result<ExitCode> {
    let shown = |p: &Path| display_path(&p.to_string_lossy());
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
    let mut count = 0;
    for (rel, bytes) in embedded_files() {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)
                .with_context(|| format!("cannot create {}", shown(parent)))?;
        }
        // create_new: a file that appeared since the check is not replaced.
        let mut file = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .with_context(|| format!("cannot create {}", shown(&path)))?;
        file.write_all(bytes)
            .and_then(|()| file.sync_all())
            .with_context(|| format!("cannot write {}", shown(&path)))?;
        count += 1;
    }
    let d = shown(dir);
    writeln!(
        out,
        "Wrote {count} data files to {d}.\nEdit them, then:\n  careguide check {d}\n  careguide --data {d}      (press e to edit the selected record; saving reloads)"
    )?;
    Ok(ExitCode::SUCCESS)
}
