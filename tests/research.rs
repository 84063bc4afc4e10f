//! The ledger of values that must never ship (`data/rejected.ron`) and the
//! shipped numbers, checked against the research notes the data was made
//! from: `hospital-facts.md` (part 1), `hospital-facts-2.md` (part 2) and
//! `phrases-names.md` (part 3). The notes are not in the repository: these tests are ignored by
//! `cargo test` and run by `.ci/run` where the notes are beside it
//! (`CAREGUIDE_RESEARCH=../shared/research cargo test --release --test
//! research -- --ignored`). Without that variable they fail, never pass.

mod support;

use std::collections::BTreeSet;
use std::fs;
use std::path::PathBuf;

use careguide::data::{self, DataSource};
use support::numbers::{
    all_forbidden, ledger, normalise, number_runs, shipped_numbers, subscriber,
};

/// The folder of the research notes, from `CAREGUIDE_RESEARCH`.
fn research_dir() -> PathBuf {
    let dir = std::env::var_os("CAREGUIDE_RESEARCH")
        .expect("CAREGUIDE_RESEARCH names the folder of the research notes");
    PathBuf::from(dir)
}

/// The three research files, each with the headings that open and end its
/// sections of facts (what follows is what was searched, and the sources).
const RESEARCH: &[(&str, &str, &str)] = &[
    ("hospital-facts.md", "## 1.", "## 8."),
    ("hospital-facts-2.md", "## 1.", "## 8."),
    ("phrases-names.md", "## A.", "## C."),
];

fn research_text(name: &str) -> String {
    let path = research_dir().join(name);
    fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read the research file {}: {e}", path.display()))
}

/// All three research files, one after another.
fn all_research() -> String {
    RESEARCH
        .iter()
        .map(|(name, _, _)| research_text(name))
        .collect::<Vec<_>>()
        .join("\n")
}

/// A research file's sections of facts: `(line number, text)`.
fn research_sections<'a>(research: &'a str, start: &str, end: &str) -> Vec<(usize, &'a str)> {
    let lines: Vec<(usize, &str)> = research
        .lines()
        .enumerate()
        .map(|(n, l)| (n + 1, l))
        .collect();
    let from = lines
        .iter()
        .position(|(_, l)| l.starts_with(start))
        .unwrap_or_else(|| panic!("the research file has a section {start:?}"));
    let to = lines
        .iter()
        .position(|(_, l)| l.starts_with(end))
        .unwrap_or_else(|| panic!("the research file has a section {end:?}"));
    lines[from..to].to_vec()
}

/// Digit runs of 7+ digits in the research's Sources index: GitHub file ids
/// and URL parts, which are not phone numbers.
fn research_file_ids(research: &str) -> BTreeSet<String> {
    let index = research
        .find("## Sources index")
        .expect("each research file has a '## Sources index'");
    research[index..]
        .split(|c: char| !c.is_ascii_digit())
        .filter(|d| d.len() >= 7)
        .map(str::to_string)
        .collect()
}

/// Two years run together, as "©2006-2014" reads as digits: not a number.
fn year_range(digits: &str) -> bool {
    let year = |y: &str| y.starts_with("19") || y.starts_with("20");
    digits.len() == 8 && year(&digits[..4]) && year(&digits[4..])
}

const UNSAFE_MARKERS: &[&str] = &[
    "[unverified",
    "[dated",
    "not confirmed",
    "do not use",
    "do not show",
    "mock",
    "conflict",
    "not usable",
    "superseded",
    "outdated",
];

#[test]
#[ignore = "needs the research notes: see the module doc"]
fn every_ledger_entry_is_written_as_in_the_research() {
    let research = all_research();
    let mut missing = Vec::new();
    for (written, label, list) in all_forbidden() {
        if !research.contains(written.as_str()) {
            missing.push(format!("number {written} ({label}; {list})"));
        }
    }
    for text in ledger().texts {
        if !research.contains(text.text.as_str()) {
            missing.push(format!("{:?} {:?} ({})", text.kind, text.text, text.about));
        }
    }
    assert!(
        missing.is_empty(),
        "not written like that in any of {:?}:\n{}",
        RESEARCH.iter().map(|(n, _, _)| n).collect::<Vec<_>>(),
        missing.join("\n")
    );
}

#[test]
#[ignore = "needs the research notes: see the module doc"]
fn every_unsafe_number_of_the_research_is_in_the_ledger() {
    let listed: Vec<String> = all_forbidden()
        .iter()
        .map(|(w, _, _)| normalise(w))
        .collect();
    let indent = |l: &str| l.len() - l.trim_start().len();
    let mut missing = Vec::new();
    for (name, start, end) in RESEARCH {
        let research = research_text(name);
        // Every 7+-digit number in the sections of facts whose bullet,
        // sub-bullets or parent bullets carry an unsafe marker.
        let lines = research_sections(&research, start, end);
        let ids = research_file_ids(&research);
        for (i, (line_no, line)) in lines.iter().enumerate() {
            let tokens: Vec<String> = number_runs(line)
                .into_iter()
                .map(|d| normalise(&d))
                .filter(|d| d.len() >= 7 && !ids.contains(d) && !year_range(d))
                .collect();
            if tokens.is_empty() {
                continue;
            }
            let mut context = vec![*line];
            let own = indent(line);
            context.extend(
                lines[i + 1..]
                    .iter()
                    .take_while(|(_, l)| !l.trim().is_empty() && indent(l) > own)
                    .map(|(_, l)| *l),
            );
            let mut level = own;
            for (_, l) in lines[..i].iter().rev() {
                if level == 0 || l.trim().is_empty() || l.trim_start().starts_with('#') {
                    break;
                }
                if indent(l) < level {
                    context.push(l);
                    level = indent(l);
                }
            }
            let context = context.join("\n").to_lowercase();
            let Some(marker) = UNSAFE_MARKERS.iter().find(|m| context.contains(*m)) else {
                continue;
            };
            for token in tokens {
                if !listed
                    .iter()
                    .any(|n| token.contains(n.as_str()) || n.contains(token.as_str()))
                {
                    missing.push(format!(
                        "{name}:{line_no}: number {token} (marked {marker:?}) is not in the ledger: {}",
                        line.trim()
                    ));
                }
            }
        }
    }
    assert!(
        missing.is_empty(),
        "add these to data/rejected.ron:\n{}",
        missing.join("\n")
    );
}

#[test]
#[ignore = "needs the research notes: see the module doc"]
fn every_shipped_number_appears_in_the_research() {
    let research = all_research();
    let runs = number_runs(&research);
    let tokens: BTreeSet<String> = runs
        .iter()
        .flat_map(|d| [d.clone(), normalise(d)])
        .collect();
    for (name, source) in [
        ("embedded data", DataSource::Embedded),
        (
            "data/",
            DataSource::Dir(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data")),
        ),
    ] {
        let loaded = data::load(&source).expect("the shipped data loads");
        let mut invented = Vec::new();
        for (place, display, e164) in shipped_numbers(&loaded.directory) {
            let shipped = normalise(&e164);
            let found = if shipped.len() < 7 {
                tokens.contains(&shipped)
            } else {
                tokens.iter().any(|t| t.contains(&shipped))
                    || subscriber(&shipped).is_some_and(|s| tokens.iter().any(|t| t.starts_with(s)))
            };
            if !found {
                invented.push(format!(
                    "{place}: {display} (digits {shipped}) is not in the research files"
                ));
            }
        }
        assert!(
            invented.is_empty(),
            "{name}: numbers not found in {}:\n{}",
            research_dir().display(),
            invented.join("\n")
        );
    }
}
