//! `careguide check [DIR] [--stale DAYS]`: print every diagnostic, the
//! shipped data's and the personal files', and a summary line; with
//! `--stale`, then list the facilities whose `verified` date is older than
//! DAYS days (a list to act on, not a problem). Exit 0 when clean (warnings
//! and stale records allowed), 1 with errors in either, 2 when it could not
//! run. Which personal directory is checked is `main`'s choice (see
//! `--help`).

use std::io::Write;
use std::process::ExitCode;

use crate::data::{self, Sources, diagnostic::display_path};
use crate::model::Directory;

pub fn run(
    sources: &Sources,
    stale: Option<u32>,
    out: &mut impl Write,
) -> anyhow::Result<ExitCode> {
    let loaded = data::load_sources(sources)?;
    super::print_notices(&loaded);
    if !loaded.diagnostics.is_empty() || !loaded.personal_diagnostics.is_empty() {
        writeln!(out, "{}\n", loaded.render_diagnostics())?;
    }
    writeln!(out, "{}", loaded.summary())?;
    if let Some(days) = stale {
        let listed = stale_records(&loaded.directory, today(), days);
        writeln!(
            out,
            "\n{} verified more than {days} days ago{}",
            match listed.len() {
                1 => "1 facility".to_string(),
                n => format!("{n} facilities"),
            },
            if listed.is_empty() { "." } else { ":" }
        )?;
        for line in listed {
            writeln!(out, "{line}")?;
        }
    }
    Ok(
        if loaded.has_errors() || loaded.personal_error_count() > 0 {
            ExitCode::from(1)
        } else {
            ExitCode::SUCCESS
        },
    )
}

/// `path:line: id verified YYYY-MM-DD, N days ago` for each facility
/// verified more than `days` days before `today`, oldest first.
pub fn stale_records(dir: &Directory, today: chrono::NaiveDate, days: u32) -> Vec<String> {
    let mut found: Vec<(i64, String)> = dir
        .facilities
        .iter()
        .filter_map(|f| {
            let date = chrono::NaiveDate::parse_from_str(&f.verified, "%Y-%m-%d").ok()?;
            let age = (today - date).num_days();
            (age > i64::from(days)).then(|| {
                let line = format!(
                    "{}:{}: {} verified {}, {age} days ago",
                    display_path(&f.origin.file),
                    f.origin.line,
                    f.id,
                    f.verified
                );
                (-age, line)
            })
        })
        .collect();
    found.sort();
    found.into_iter().map(|(_, line)| line).collect()
}

/// Today's date from the system clock (chrono's clock feature is off).
fn today() -> chrono::NaiveDate {
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() / 86_400);
    chrono::NaiveDate::default() + chrono::Days::new(days)
}
