//! `careguide search QUERY...`: the TUI's global search from the shell. It
//! calls `Index::query(q, &Scope::Global { prefer: None })` — the very function behind Ctrl-p —
//! and only filters (`--city`, `--kind`, `--specialty`) and truncates
//! (`--limit`) its ranked hits, never re-ranks them. Prints aligned lines
//! (on a terminal, cut to its width) or one JSON array (`--json`). Exit 0
//! with hits, 1 without (on a terminal, with `no match` on stderr).

use std::io::Write;
use std::process::ExitCode;

use anyhow::bail;
use serde::Serialize;

use super::style::{Colour, align, cell, fit};
use super::{load_directory, optional_city};
use crate::data::Sources;
use crate::model::{Directory, Kind};
use crate::search::{Hit, Index, MAX_QUERY_CHARS, MAX_QUERY_WORDS, Scope, Target};
use crate::text::escaped;

/// What the command line asked for.
#[derive(Debug, Clone, Default)]
pub struct Request {
    pub query: String,
    pub city: Option<String>,
    pub kind: Option<Kind>,
    pub specialty: Option<String>,
    pub limit: Option<usize>,
    pub output: Output,
    /// stdout is a terminal: an empty result says `no match` on stderr.
    pub on_terminal: bool,
    /// The terminal's width, which the lines are cut to fit.
    pub width: Option<usize>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Output {
    #[default]
    Lines,
    Json,
}

/// The filters, resolved against the directory.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub city: Option<usize>,
    pub kind: Option<Kind>,
    pub specialty: Option<usize>,
}

/// One hit as printed by `--json`. Field names are a stable contract.
#[derive(Debug, Serialize)]
pub struct HitRow<'a> {
    /// `city`, `facility`, `specialty` or `contact`.
    pub kind: &'static str,
    /// The record's id; for a contact, its facility's id.
    pub id: &'a str,
    /// English name; for a contact, its facility's name.
    pub name: &'a str,
    pub name_zh: Option<&'a str>,
    /// City id (a city hit names itself; specialties have none).
    pub city: Option<&'a str>,
    /// The hidden text that matched (pinyin, an alias, a specialty), if any.
    pub via: Option<&'a str>,
    pub score: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<&'a str>,
    /// The number exactly as displayed and copied.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone: Option<&'a str>,
    /// The facility id (same as `id`), present on contacts only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub facility: Option<&'a str>,
    /// From the user's personal files.
    pub personal: bool,
}

/// Why a query is too long to search, in words for a person; `None` if it
/// is not. (`Index` uses only the first words and characters of a longer one.)
pub fn query_problem(query: &str) -> Option<String> {
    let chars = query.chars().count();
    let words = query.split_whitespace().count();
    if words > MAX_QUERY_WORDS {
        Some(format!(
            "the query has {words} words; at most {MAX_QUERY_WORDS} are searched"
        ))
    } else if chars > MAX_QUERY_CHARS {
        Some(format!(
            "the query is {chars} characters long; at most {MAX_QUERY_CHARS} are searched"
        ))
    } else {
        None
    }
}

pub fn run(sources: &Sources, request: &Request, out: &mut impl Write) -> anyhow::Result<ExitCode> {
    if let Some(problem) = query_problem(&request.query) {
        bail!("{problem}; shorten it");
    }
    let dir = std::sync::Arc::new(load_directory(sources)?);
    let filter = resolve(&dir, request)?;
    let index = Index::new(&dir);
    let mut hits = search(&dir, &index, &request.query, &filter);
    if let Some(limit) = request.limit {
        hits.truncate(limit);
    }
    let rows: Vec<HitRow> = hits.iter().map(|h| hit_row(&dir, h)).collect();
    match request.output {
        Output::Json => writeln!(out, "{}", serde_json::to_string_pretty(&rows)?)?,
        Output::Lines => {
            for line in lines(&rows, Colour::detect(), request.width) {
                writeln!(out, "{line}")?;
            }
        }
    }
    if rows.is_empty() && request.on_terminal {
        super::to_stderr("no match");
    }
    Ok(if rows.is_empty() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn resolve(dir: &Directory, request: &Request) -> anyhow::Result<Filter> {
    let specialty = match &request.specialty {
        None => None,
        Some(id) => match dir.specialties.iter().position(|s| s.id.as_str() == id) {
            Some(i) => Some(i),
            None => bail!("unknown specialty {}", escaped(id)),
        },
    };
    Ok(Filter {
        city: optional_city(dir, request.city.as_deref())?,
        kind: request.kind,
        specialty,
    })
}

/// The global search's hits, in its order, less those the filter drops.
pub fn search(dir: &Directory, index: &Index, query: &str, filter: &Filter) -> Vec<Hit> {
    let mut hits = index.query(query, &Scope::Global { prefer: None });
    hits.retain(|hit| keeps(dir, filter, hit.target));
    hits
}

fn keeps(dir: &Directory, filter: &Filter, target: Target) -> bool {
    let facility = match target {
        Target::Facility(f) | Target::Contact { facility: f, .. } => Some(&dir.facilities[f]),
        Target::City(_) | Target::Specialty(_) => None,
    };
    if let Some(city) = filter.city
        && city_of(dir, target) != Some(city)
    {
        return false;
    }
    if let Some(kind) = filter.kind
        && facility.is_none_or(|f| f.kind != kind)
    {
        return false;
    }
    if let Some(specialty) = filter.specialty
        && facility.is_none_or(|f| !f.specialties.iter().any(|s| s.index == specialty))
    {
        return false;
    }
    true
}

fn city_of(dir: &Directory, target: Target) -> Option<usize> {
    match target {
        Target::City(c) => Some(c),
        Target::Facility(f) | Target::Contact { facility: f, .. } => Some(dir.facilities[f].city),
        Target::Specialty(_) => None,
    }
}

/// The printable record of a hit; a contact is named by its facility.
pub fn hit_row<'a>(dir: &'a Directory, hit: &'a Hit) -> HitRow<'a> {
    let city = city_of(dir, hit.target).map(|c| dir.cities[c].id.as_str());
    let mut row = HitRow {
        kind: hit.target.kind_label(),
        id: "",
        name: "",
        name_zh: None,
        city,
        via: hit.via.as_deref(),
        score: hit.score,
        role: None,
        phone: None,
        facility: None,
        personal: false,
    };
    match hit.target {
        Target::City(i) => {
            let c = &dir.cities[i];
            (row.id, row.name, row.name_zh) = (c.id.as_str(), &c.name, c.name_zh.as_deref());
            row.personal = c.personal;
        }
        Target::Specialty(i) => {
            let s = &dir.specialties[i];
            (row.id, row.name, row.name_zh) = (s.id.as_str(), &s.name, Some(s.name_zh.as_str()));
        }
        Target::Facility(i) => {
            let f = &dir.facilities[i];
            (row.id, row.name, row.name_zh) = (f.id.as_str(), &f.name, f.name_zh.as_deref());
            row.personal = f.personal;
        }
        Target::Contact { facility, contact } => {
            let f = &dir.facilities[facility];
            let c = &f.contacts[contact];
            (row.id, row.name, row.name_zh) = (f.id.as_str(), &f.name, f.name_zh.as_deref());
            (row.role, row.phone, row.facility) = (
                Some(&*c.role),
                Some(c.phone.display.as_str()),
                Some(f.id.as_str()),
            );
            row.personal = c.personal;
        }
    }
    row
}

/// Aligned lines: kind, id, name, 汉字, city, via. A contact row shows its
/// role and number where other rows show the names, as the TUI's row does.
/// To fit `width`, "via" is cut first, then the 汉字 name, the English
/// name, the city; ids and numbers never are.
pub fn lines(rows: &[HitRow], colour: Colour, width: Option<usize>) -> Vec<String> {
    let mut cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            let (name, second) = match (r.role, r.phone) {
                (Some(role), Some(phone)) => (role, Some(phone)),
                _ => (r.name, r.name_zh),
            };
            vec![
                r.kind.to_string(),
                cell(r.id),
                cell(name),
                second.map(cell).unwrap_or_default(),
                r.city.map(cell).unwrap_or_default(),
                [
                    r.personal.then(|| "[personal]".to_string()),
                    r.via.map(|v| format!("via: {}", cell(v))),
                ]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" "),
            ]
        })
        .collect();
    if let Some(width) = width {
        let numbers = rows.iter().filter_map(|r| r.phone).map(super::style::width);
        let numbers = numbers.max().unwrap_or(0);
        fit(
            &mut cells,
            width,
            &[(5, 0), (3, numbers), (2, 16), (4, 0), (2, 8)],
        );
    }
    align(&cells, |column, s| match column {
        0 | 4 | 5 => colour.dim(s),
        1 => colour.bold(s),
        _ => s.to_string(),
    })
}
