//! `careguide note ID "text"`: adds a personal note to a shipped facility
//! (ID: its id, or a name, alias, 汉字 or pinyin of it, `cmd::named`),
//! through `data::notes_file` (an insertion into `notes.ron`, written
//! atomically). Checks first that the facility exists and that the text
//! would pass the data rules, so a note never makes the file invalid.
//! Exit 0 written, 2 refused or failed.

use std::io::Write;
use std::process::ExitCode;

use anyhow::{Context, bail};

use super::{Record, Wanted};
use crate::data::diagnostic::display_path;
use crate::data::{self, Sources, notes_file};
use crate::text::{escaped, first_forbidden};

/// The data rules' limit on a note's length, in characters.
const MAX_NOTE: usize = 2000;

pub fn run(
    sources: &Sources,
    id: &str,
    text: &str,
    out: &mut impl Write,
) -> anyhow::Result<ExitCode> {
    let Some(dir) = &sources.personal else {
        bail!("no personal directory is known here; give one with --personal DIR");
    };
    let text = text.trim();
    if text.is_empty() {
        bail!("the note is empty");
    }
    if let Some((index, c, class)) = first_forbidden(text) {
        bail!(
            "the note contains U+{:04X} ({class}) at character {}; remove it",
            c as u32,
            index + 1
        );
    }
    let len = text.chars().count();
    if len > MAX_NOTE {
        bail!("the note is {len} characters long, over the limit of {MAX_NOTE}");
    }
    let loaded = data::load_sources(sources)?;
    super::print_notices(&loaded);
    let Record::Facility(f) = super::named(&loaded.directory, id, Wanted::Facility)? else {
        bail!("{} is not a facility", escaped(id));
    };
    let facility = &loaded.directory.facilities[f];
    let id = facility.id.as_str();
    if facility.personal {
        bail!(
            "{} is your own facility, defined at {}:{}; add the note there",
            escaped(id),
            display_path(&facility.origin.file),
            facility.origin.line
        );
    }
    let path = notes_file::append(dir, id, text)
        .with_context(|| format!("the note about {} was not added", escaped(id)))?;
    let shown = display_path(&path.to_string_lossy());
    writeln!(out, "Added a note to {} in {shown}.", escaped(id))?;
    let after = data::load_sources(sources)?;
    let problems = after
        .personal_diagnostics
        .iter()
        .filter(|d| d.is_error() && d.path == path.to_string_lossy())
        .count();
    if problems > 0 {
        super::to_stderr(&format!(
            "careguide: warning: {shown} has {problems} other error{}, so it is left out until fixed; run `careguide check`",
            if problems == 1 { "" } else { "s" }
        ));
    }
    Ok(ExitCode::SUCCESS)
}
