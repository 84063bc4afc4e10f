//! `careguide show ID [--format text|json|vcard]`: one record in full. A
//! facility as text is the card the TUI copies (`card::card_text`) followed
//! by every fact's sources, each in full: title, publisher, kind, date and
//! URL or reference; a city shows the city, its own numbers and notes, and
//! its facilities. ID is an id, or a name, alias, 汉字 or pinyin of one
//! record (`cmd::named`). Exit 0, or 2 for a name that is neither.

use std::fmt::Write as _;
use std::io::Write;
use std::process::ExitCode;

use super::style::{align, cell};
use super::{Record, Wanted, load_directory, named};
use crate::card::{card_text, source_label};
use crate::cli::ShowFormat;
use crate::data::Sources;
use crate::export::{Selection, json, vcard};
use crate::model::{Directory, Note, Source};

pub fn run(
    from: &Sources,
    id: &str,
    format: ShowFormat,
    out: &mut impl Write,
) -> anyhow::Result<ExitCode> {
    let dir = load_directory(from)?;
    let text = match (named(&dir, id, Wanted::Either)?, format) {
        (Record::Facility(f), ShowFormat::Text) => facility_text(&dir, f),
        (Record::Facility(f), ShowFormat::Json) => json::facility(&dir, &dir.facilities[f])? + "\n",
        (Record::Facility(f), ShowFormat::Vcard) => vcard::card(&dir.facilities[f]),
        (Record::City(c), ShowFormat::Text) => city_text(&dir, c),
        (Record::City(c), ShowFormat::Json) => json::city(&dir, c)? + "\n",
        (Record::City(c), ShowFormat::Vcard) => vcard::cards(Selection::city(&dir, c).facilities()),
    };
    out.write_all(text.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

/// The copied card, then where each fact comes from.
fn facility_text(dir: &Directory, i: usize) -> String {
    let f = &dir.facilities[i];
    let mut out = card_text(dir, i);
    out.push_str("\n\n");
    if !f.aliases.is_empty() {
        let _ = writeln!(out, "Also known as: {}", f.aliases.join(", "));
    }
    if let Some(pinyin) = f.pinyin.as_deref() {
        let _ = writeln!(out, "Pinyin: {pinyin}");
    }
    let _ = writeln!(out, "Id: {} · city: {}", f.id, dir.city_of(f).id);
    out.push_str("\nSources by fact\n");
    for c in &f.contacts {
        let _ = writeln!(
            out,
            "  {}: {} ({})",
            c.role,
            c.phone.display,
            c.confidence.label()
        );
        sources(&mut out, &c.sources);
    }
    if let Some(a) = &f.address {
        let _ = writeln!(out, "  Address ({})", a.confidence.label());
        sources(&mut out, &a.sources);
    }
    if let Some(g) = &f.grade {
        let _ = writeln!(out, "  Grade {}", g.level.label());
        sources(&mut out, &g.sources);
    }
    if !f.specialties.is_empty() {
        out.push_str("\nSpecialties\n");
        for link in &f.specialties {
            let s = &dir.specialties[link.index];
            let _ = write!(out, "  {} {}", s.name, s.name_zh);
            if let Some(note) = link.note.as_deref() {
                let _ = write!(out, " - {note}");
            }
            out.push('\n');
            sources(&mut out, &link.sources);
        }
    }
    notes(&mut out, &f.notes);
    out
}

fn city_text(dir: &Directory, i: usize) -> String {
    let c = &dir.cities[i];
    let mut out = String::new();
    let _ = writeln!(out, "{}", c.name);
    if let Some(zh) = &c.name_zh {
        let _ = writeln!(out, "{zh}");
    }
    let province: Vec<&str> = [c.province.as_deref(), c.province_zh.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    if !province.is_empty() {
        let _ = writeln!(out, "{}", province.join(" · "));
    }
    if !c.aliases.is_empty() {
        let _ = writeln!(out, "Also known as: {}", c.aliases.join(", "));
    }
    let _ = writeln!(out, "Id: {}", c.id);
    if !c.sources.is_empty() {
        out.push_str("Names from:\n");
        sources(&mut out, &c.sources);
    }
    if !c.emergency.is_empty() {
        let _ = writeln!(
            out,
            "\nLocal numbers (with the nationwide ones: careguide emergency --city {})",
            c.id
        );
        let rows: Vec<Vec<String>> = c
            .emergency
            .iter()
            .map(|n| {
                let zh = n
                    .label_zh
                    .as_deref()
                    .map(|z| format!(" {z}"))
                    .unwrap_or_default();
                vec![
                    format!("  {}", n.number.display),
                    format!("{}{zh}", n.label),
                ]
            })
            .collect();
        for (line, n) in align(&rows, |_, s| s.to_string()).iter().zip(&c.emergency) {
            let _ = writeln!(out, "{line}");
            sources(&mut out, &n.sources);
        }
    }
    notes(&mut out, &c.notes);
    let rows: Vec<Vec<String>> = c
        .facilities
        .iter()
        .map(|&f| {
            let f = &dir.facilities[f];
            vec![
                format!("  {}", cell(f.id.as_str())),
                cell(&f.name),
                f.name_zh.as_deref().map(cell).unwrap_or_default(),
                f.kind.label().to_string(),
            ]
        })
        .collect();
    let _ = writeln!(out, "\nFacilities ({})", rows.len());
    for line in align(&rows, |_, s| s.to_string()) {
        let _ = writeln!(out, "{line}");
    }
    out
}

fn notes(out: &mut String, notes: &[Note]) {
    if notes.is_empty() {
        return;
    }
    out.push_str("\nNotes\n");
    for n in notes {
        let mark = if n.personal { " [personal]" } else { "" };
        let _ = writeln!(out, "  - {}{mark}", n.text);
        sources(out, &n.sources);
    }
}

/// Each source in full: `title (kind · publisher 2025)`, then where to
/// find it, and its id for `sources.ron`.
fn sources(out: &mut String, sources: &[std::sync::Arc<Source>]) {
    for s in sources.iter() {
        let _ = writeln!(out, "      {} ({})", s.title, source_label(s));
        let _ = writeln!(out, "        {} [{}]", s.locator(), s.id);
    }
}
