//! The ledger of values that must never ship (`data/rejected.ron`) and the
//! shipped numbers, checked against the research notes the data was made
//! from. The notes are not in the repository: these tests are ignored by
//! `cargo test` and run by `.ci/run` where the notes are beside it
//! (`CAREGUIDE_RESEARCH=../shared/research cargo test --release --test
//! research -- --ignored`). Without that variable they fail, never pass.

mod support;

use std::collections::BTreeSet;
use std::fs;
use std::path::PathBuf;

use careguide::data::{self, DataSource};
use support::numbers::{all_forbidden, normalise, number_runs, shipped_numbers, subscriber};

/// The folder of the research notes, from `CAREGUIDE_RESEARCH`.
fn research_dir() -> PathBuf {
    let dir = std::env::var_os("CAREGUIDE_RESEARCH")
        .expect("CAREGUIDE_RESEARCH names the folder of the research notes");
    PathBuf::from(dir)
}

fn research_path() -> PathBuf {
    research_dir().join("hospital-facts.md")
}

fn research_text() -> String {
    let path = research_path();
    fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read the research file {}: {e}", path.display()))
}

/// The research file, sections 1-7: `(line number, text)`.
fn research_sections_1_to_7(research: &str) -> Vec<(usize, &str)> {
    let lines: Vec<(usize, &str)> = research
        .lines()
        .enumerate()
        .map(|(n, l)| (n + 1, l))
        .collect();
    let start = lines
        .iter()
        .position(|(_, l)| l.starts_with("## 1."))
        .expect("the research file has a section '## 1.'");
    let end = lines
        .iter()
        .position(|(_, l)| l.starts_with("## 8."))
        .expect("the research file has a section '## 8.'");
    lines[start..end].to_vec()
}

/// Digit runs of 7+ digits in the research's Sources index: GitHub file ids
/// and URL parts, which are not phone numbers.
fn research_file_ids(research: &str) -> BTreeSet<String> {
    let index = research
        .find("## Sources index")
        .expect("the research file has a '## Sources index'");
    research[index..]
        .split(|c: char| !c.is_ascii_digit())
        .filter(|d| d.len() >= 7)
        .map(str::to_string)
        .collect()
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
fn the_ledger_is_complete_and_matches_the_research() {
    let research = research_text();
    // Every entry is written exactly as in the research file.
    for (written, label, list) in all_forbidden() {
        assert!(
            research.contains(written.as_str()),
            "{written} {label} ({list} list) is not written like that in {}",
            research_path().display()
        );
    }
    // Every 7+-digit number in sections 1-7 whose bullet, sub-bullets or
    // parent bullets carry an unsafe marker is in one of the lists.
    let lines = research_sections_1_to_7(&research);
    let ids = research_file_ids(&research);
    let listed: Vec<String> = all_forbidden()
        .iter()
        .map(|(w, _, _)| normalise(w))
        .collect();
    let indent = |l: &str| l.len() - l.trim_start().len();
    let mut missing = Vec::new();
    for (i, (line_no, line)) in lines.iter().enumerate() {
        let tokens: Vec<String> = number_runs(line)
            .into_iter()
            .map(|d| normalise(&d))
            .filter(|d| d.len() >= 7 && !ids.contains(d))
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
                    "hospital-facts.md:{line_no}: number {token} (marked {marker:?}) is in no forbidden list: {}",
                    line.trim()
                ));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "add these to FORBIDDEN or LEFT_OUT_FOR_CONFLICT in tests/data_shipped.rs:\n{}",
        missing.join("\n")
    );
}

#[test]
#[ignore = "needs the research notes: see the module doc"]
fn every_shipped_number_appears_in_the_research() {
    let research = research_text();
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
                    "{place}: {display} (digits {shipped}) is not in the research file"
                ));
            }
        }
        assert!(
            invented.is_empty(),
            "{name}: numbers not found in {}:\n{}",
            research_path().display(),
            invented.join("\n")
        );
    }
}
