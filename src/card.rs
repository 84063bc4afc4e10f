//! Plain-text views of records that more than one front end needs: the
//! contact card as copied with `c` and printed by `careguide show`, the
//! emergency numbers that apply to a city, and the short labels a reader
//! weighs a fact's sources by (`news · China Daily 2025`), which the card,
//! `show` and the exports share. No terminal here.

use std::fmt::Write;
use std::sync::Arc;

use crate::model::{Directory, EmergencyNumber, Facility, Source, SourceKind};

/// One source as a reader weighs it: its kind, publisher and year,
/// `news · China Daily 2025`.
pub fn source_label(source: &Source) -> String {
    let mut out = format!("{} · {}", source.kind.label(), source.publisher);
    if let Some(year) = source.year() {
        let _ = write!(out, " {year}");
    }
    out
}

/// A fact's sources in a few words: one source by its label, several of one
/// family by their number (`two secondary datasets`), a mix by its kinds
/// (`three sources · encyclopedia, dataset, app data`); none, on the user's
/// own records, `personal`.
pub fn sources_label(sources: &[Arc<Source>]) -> String {
    match sources {
        [] => "personal".to_string(),
        [one] => source_label(one),
        many => {
            let count = match many.len() {
                2 => "two".to_string(),
                3 => "three".to_string(),
                4 => "four".to_string(),
                5 => "five".to_string(),
                n => n.to_string(),
            };
            let mut kinds: Vec<SourceKind> = Vec::new();
            for s in many {
                if !kinds.contains(&s.kind) {
                    kinds.push(s.kind);
                }
            }
            let family = kinds[0].plural();
            if kinds.iter().all(|k| k.plural() == family) {
                format!("{count} {family}")
            } else {
                let words: Vec<&str> = kinds.iter().map(|k| k.label()).collect();
                format!("{count} sources · {}", words.join(", "))
            }
        }
    }
}

/// Every source cited anywhere on a facility's card, once each, in the
/// order the card shows the facts: what `show` and the card's Sources
/// section list in full.
pub fn cited_sources(f: &Facility) -> Vec<Arc<Source>> {
    let lists = f
        .contacts
        .iter()
        .map(|c| &c.sources)
        .chain(f.address.iter().map(|a| &a.sources))
        .chain(f.grade.iter().map(|g| &g.sources))
        .chain(f.specialties.iter().map(|s| &s.sources))
        .chain(f.notes.iter().map(|n| &n.sources))
        .chain(std::iter::once(&f.sources));
    let mut out: Vec<Arc<Source>> = Vec::new();
    for source in lists.flat_map(|l| l.iter()) {
        if !out.iter().any(|s| s.id == source.id) {
            out.push(source.clone());
        }
    }
    out
}

/// The whole card of a facility as plain text: names, numbers with roles and
/// confidence, address, website, sources and the verified date.
pub fn card_text(dir: &Directory, facility: usize) -> String {
    let f = &dir.facilities[facility];
    let mut out = String::new();
    let _ = writeln!(out, "{}", f.name);
    if let Some(zh) = f.name_zh.as_deref() {
        let _ = writeln!(out, "{zh}");
    }
    let _ = writeln!(out, "{}", kind_line(dir, f));
    if f.personal {
        let _ = writeln!(out, "Personal entry (from your personal files)");
    }
    if f.contacts.is_empty() {
        let _ = writeln!(
            out,
            "No sourced phone number is known. In an emergency call 120 (ambulance)."
        );
    }
    for c in &f.contacts {
        let _ = write!(
            out,
            "{}: {} ({})",
            c.role,
            c.phone.display,
            c.confidence.label()
        );
        if c.personal {
            let _ = write!(out, " [personal]");
        }
        if let Some(note) = c.note.as_deref() {
            let _ = write!(out, " - {note}");
        }
        out.push('\n');
    }
    if let Some(a) = f.address.as_ref() {
        if let Some(zh) = &a.zh {
            let _ = writeln!(out, "Address: {zh}");
        }
        if let Some(en) = &a.en {
            let _ = writeln!(out, "Address: {en}");
        }
    }
    if let Some(web) = f.website.as_deref() {
        let _ = writeln!(out, "Website: {web}");
    }
    let sources: Vec<String> = f.sources.iter().map(|s| source_label(s)).collect();
    let sources = if sources.is_empty() {
        "personal".to_string()
    } else {
        sources.join("; ")
    };
    let _ = writeln!(out, "Source: {sources}");
    let _ = write!(out, "Verified: {}", f.verified);
    out
}

/// `hospital · public · 3A / 三级甲等 · Beijing`.
pub fn kind_line(dir: &Directory, f: &Facility) -> String {
    let mut parts = vec![f.kind.label().to_string(), f.ownership.label().to_string()];
    if let Some(grade) = &f.grade {
        parts.push(grade.level.label().to_string());
    }
    parts.push(dir.city_of(f).name.clone());
    parts.join(" · ")
}

/// The numbers that apply in a city: nationwide ones, then the city's own.
pub fn emergency_numbers(dir: &Directory, city: Option<usize>) -> Vec<&EmergencyNumber> {
    let own = city
        .and_then(|c| dir.cities.get(c))
        .map(|c| c.emergency.iter());
    dir.emergency
        .iter()
        .chain(own.into_iter().flatten())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::{DataSource, load};

    #[test]
    fn oasis_card_text_is_plain_and_complete() {
        let loaded = load(&DataSource::Embedded).expect("embedded data loads");
        let dir = &loaded.directory;
        let oasis = dir
            .facilities
            .iter()
            .position(|f| f.id.as_str() == "oasis-international")
            .expect("oasis");
        let text = card_text(dir, oasis);
        assert!(text.chars().all(|c| c == '\n' || !c.is_control()));
        insta::assert_snapshot!(text);
    }
}
