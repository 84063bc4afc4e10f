//! `careguide emergency [--city ID]`: the nationwide emergency numbers and a
//! city's own, laid out to be printed and handed to a visitor — 120
//! (ambulance) first, numbers in a column of their own, notes wrapped at 78
//! columns, a short label of its sources under each number. Exit 0, or 2 for an
//! unknown city.

use std::io::Write;
use std::process::ExitCode;

use super::style::{Colour, cell, width, wrap};
use super::{load_directory, optional_city};
use crate::card::sources_label;
use crate::data::Sources;
use crate::model::{Directory, EmergencyNumber, Note};

/// Printout width in columns.
const WIDTH: usize = 78;

pub fn run(
    sources: &Sources,
    city: Option<&str>,
    out: &mut impl Write,
) -> anyhow::Result<ExitCode> {
    let dir = load_directory(sources)?;
    let city = optional_city(&dir, city)?;
    for line in printout(&dir, city, Colour::detect()) {
        writeln!(out, "{line}")?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The printout's lines.
pub fn printout(dir: &Directory, city: Option<usize>, colour: Colour) -> Vec<String> {
    let city = city.and_then(|c| dir.cities.get(c));
    let place = match city {
        Some(c) => match &c.name_zh {
            Some(zh) => format!("{} {}", cell(&c.name), cell(zh)),
            None => cell(&c.name),
        },
        None => "mainland China".to_string(),
    };
    let mut nationwide: Vec<&EmergencyNumber> = dir.emergency.iter().collect();
    // The ambulance leads whatever the file order: it is the number to find first.
    nationwide.sort_by_key(|n| n.number.e164 != "120");
    let own: Vec<&EmergencyNumber> = city
        .map(|c| c.emergency.iter().collect())
        .unwrap_or_default();
    let column = nationwide
        .iter()
        .chain(&own)
        .map(|n| width(&n.number.display))
        .max()
        .unwrap_or(3)
        + 3;

    let mut lines = vec![
        colour.bold(&format!("Emergency numbers — {place}")),
        "In an emergency in mainland China, call 120 for an ambulance.".to_string(),
    ];
    section(&mut lines, "Nationwide", &nationwide, column, colour);
    if let Some(c) = city
        && !own.is_empty()
    {
        section(
            &mut lines,
            &format!("{} only", cell(&c.name)),
            &own,
            column,
            colour,
        );
    }
    notes(&mut lines, &dir.emergency_notes, colour);
    lines.push(String::new());
    lines.push(colour.dim("From careguide: every number has a source. Not medical advice."));
    lines
}

fn section(
    lines: &mut Vec<String>,
    title: &str,
    numbers: &[&EmergencyNumber],
    column: usize,
    colour: Colour,
) {
    lines.push(String::new());
    lines.push(colour.bold(title));
    let indent = " ".repeat(2 + column);
    for n in numbers {
        let number = cell(&n.number.display);
        let pad = " ".repeat(column - width(&number));
        let label = cell(&n.label);
        let zh = n.label_zh.as_deref().map(cell);
        // The 汉字 label follows on the same line when it fits, else below.
        match zh {
            Some(zh) if 2 + column + width(&label) + 2 + width(&zh) <= WIDTH => {
                lines.push(format!("  {}{pad}{label}  {zh}", colour.bold(&number)));
            }
            Some(zh) => {
                lines.push(format!("  {}{pad}{label}", colour.bold(&number)));
                lines.push(format!("{indent}{zh}"));
            }
            None => lines.push(format!("  {}{pad}{label}", colour.bold(&number))),
        }
        if let Some(note) = &n.note {
            lines.extend(wrap(note, WIDTH, &indent, &indent));
        }
        let sources = format!("source: {}", sources_label(&n.sources));
        lines.extend(
            wrap(&sources, WIDTH, &indent, &indent)
                .iter()
                .map(|l| colour.dim(l)),
        );
    }
}

fn notes(lines: &mut Vec<String>, notes: &[Note], colour: Colour) {
    if notes.is_empty() {
        return;
    }
    lines.push(String::new());
    lines.push(colour.bold("Good to know"));
    for n in notes {
        lines.extend(wrap(&n.text, WIDTH, "  - ", "    "));
    }
}
