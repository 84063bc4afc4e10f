//! `careguide note ID "text"` and `careguide add-contact ID ROLE NUMBER`:
//! add a personal note or phone number to a shipped facility (ID: its id,
//! or a name, alias, 汉字 or pinyin of it, `cmd::named`), through
//! `data::notes_file` (an insertion into `notes.ron`, written atomically).
//! Checks first that the facility exists and that the addition would pass
//! the data rules (`Addition::checked`), so it never makes the file
//! invalid. Exit 0 written, 2 refused or failed.

use std::io::Write;
use std::process::ExitCode;

use anyhow::{Context, bail};

use super::{Record, Wanted};
use crate::data::diagnostic::display_path;
use crate::data::notes_file::{self, Addition};
use crate::data::{self, Sources};
use crate::text::escaped;

pub fn run(
    sources: &Sources,
    id: &str,
    addition: Addition,
    out: &mut impl Write,
) -> anyhow::Result<ExitCode> {
    let Some(dir) = &sources.personal else {
        bail!("no personal directory is known here; give one with --personal DIR");
    };
    let addition = match addition.checked() {
        Ok(addition) => addition,
        Err(problem) => bail!("{problem}"),
    };
    let loaded = data::load_sources(sources)?;
    super::print_notices(&loaded);
    let Record::Facility(f) = super::named(&loaded.directory, id, Wanted::Facility)? else {
        bail!("{} is not a facility", escaped(id));
    };
    let facility = &loaded.directory.facilities[f];
    let id = facility.id.as_str();
    if facility.personal {
        bail!(
            "{} is your own facility, defined at {}:{}; add it there",
            escaped(id),
            display_path(&facility.origin.file),
            facility.origin.line
        );
    }
    let what = match &addition {
        Addition::Note(_) => "a note".to_string(),
        Addition::Contact { phone, .. } => phone.clone(),
    };
    let path = notes_file::append(dir, id, &addition)
        .with_context(|| format!("{what} was not added to {}", escaped(id)))?;
    let shown = display_path(&path.to_string_lossy());
    writeln!(out, "Added {what} to {} in {shown}.", escaped(id))?;
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
