//! `careguide man` (hidden): the man page in roff, made by clap_mangen from
//! the same clap definitions as the parser and `--help`, so it cannot go
//! stale. One page holds everything: clap_mangen's own subcommands section
//! points to a page per subcommand (careguide-check(1), …) that is never
//! installed, so here each command's full `--help` follows instead. `careguide man > careguide.1` makes the file to
//! install. Built in memory first, as `completions` is, so a failed write
//! is one write error.

use std::io::Write;
use std::process::ExitCode;

use clap::CommandFactory;
use roff::{Roff, roman};

use crate::cli::Cli;

pub fn run(out: &mut impl Write) -> anyhow::Result<ExitCode> {
    out.write_all(&page()?)?;
    Ok(ExitCode::SUCCESS)
}

/// The whole page.
pub fn page() -> std::io::Result<Vec<u8>> {
    let mut cmd = Cli::command();
    cmd.build();
    let man = clap_mangen::Man::new(cmd.clone());
    let mut page = Vec::new();
    man.render_title(&mut page)?;
    man.render_name_section(&mut page)?;
    man.render_synopsis_section(&mut page)?;
    man.render_description_section(&mut page)?;
    man.render_options_section(&mut page)?;
    // The global options are described once, above, not under every command.
    let globals: Vec<String> = cmd
        .get_arguments()
        .filter(|a| a.is_global_set())
        .map(|a| a.get_id().to_string())
        .collect();
    let mut roff = Roff::new();
    roff.control("SH", ["COMMANDS"]);
    let commands = cmd
        .get_subcommands()
        .filter(|s| !s.is_hide_set() && s.get_name() != "help");
    for sub in commands {
        let mut sub = sub.clone();
        for id in &globals {
            sub = sub.mut_arg(id, |a| a.hide(true));
        }
        let title = format!("careguide {}", sub.get_name());
        roff.control("SS", [title.as_str()]);
        preformatted(&mut roff, &sub.render_long_help().to_string());
    }
    if let Some(after) = cmd.get_after_help() {
        roff.control("SH", ["EXIT STATUS AND EXAMPLES"]);
        preformatted(&mut roff, &after.to_string());
    }
    roff.to_writer(&mut page)?;
    man.render_version_section(&mut page)?;
    Ok(page)
}

/// `text` as `--help` lays it out: indented lines (options, examples) kept
/// line for line, the paragraphs between them filled to the reader's
/// width, blank lines kept (roff's escaping applies to every line).
fn preformatted(roff: &mut Roff, text: &str) {
    let mut kept = false;
    for line in text.trim_end().lines() {
        if line.trim().is_empty() {
            roff.control("sp", []);
            continue;
        }
        let indented = line.starts_with(char::is_whitespace);
        if indented != kept {
            roff.control(if indented { "nf" } else { "fi" }, []);
            kept = indented;
        }
        roff.text([roman(line)]);
    }
    if kept {
        roff.control("fi", []);
    }
}
