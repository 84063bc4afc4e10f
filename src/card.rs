//! Plain-text views of records that more than one front end needs: the
//! contact card as copied with `c` and printed by `careguide show`, the
//! emergency numbers that apply to a city (120 first, the city's own next),
//! where to go now in a city (its facilities with an emergency department
//! and a sourced number), a facility's emergency number, a number as it is
//! dialled from a phone in mainland China, and the short labels a reader
//! weighs a fact's sources by (`news · China Daily 2025`), which the card,
//! `show` and the exports share. No terminal here.

use std::fmt::Write;
use std::sync::Arc;

use crate::model::{
    Contact, Directory, EmergencyNumber, Facility, Phone, Source, SourceKind, is_emergency_role,
};

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
    unique_sources(cited_lists(f))
}

/// The source lists of a facility's facts, in the order the card shows them.
pub fn cited_lists(f: &Facility) -> impl Iterator<Item = &[Arc<Source>]> {
    (f.contacts.iter().map(|c| &*c.sources))
        .chain(f.address.iter().map(|a| &*a.sources))
        .chain(f.grade.iter().map(|g| &*g.sources))
        .chain(f.specialties.iter().map(|s| &*s.sources))
        .chain(f.notes.iter().map(|n| &*n.sources))
        .chain(std::iter::once(&*f.sources))
}

/// The sources of `lists`, each once, in the order first cited.
pub fn unique_sources<'a>(lists: impl IntoIterator<Item = &'a [Arc<Source>]>) -> Vec<Arc<Source>> {
    let mut seen = std::collections::HashSet::new();
    (lists.into_iter().flatten())
        .filter(|s| seen.insert(s.id.clone()))
        .cloned()
        .collect()
}

/// Where to find each source (its URL, else its reference), joined by `; `.
pub fn locators(sources: &[Arc<Source>]) -> String {
    let found: Vec<&str> = sources.iter().map(|s| s.locator()).collect();
    found.join("; ")
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

/// The numbers that apply in a city: 120 (the ambulance) first, then the
/// city's own, then the rest of the nationwide ones in file order.
pub fn emergency_numbers(dir: &Directory, city: Option<usize>) -> Vec<&EmergencyNumber> {
    let own = city
        .and_then(|c| dir.cities.get(c))
        .map(|c| c.emergency.iter());
    let is_ambulance = |n: &&EmergencyNumber| n.number.e164 == "120";
    let ambulance = dir.emergency.iter().filter(is_ambulance);
    let rest = dir.emergency.iter().filter(|n| !is_ambulance(n));
    ambulance
        .chain(own.into_iter().flatten())
        .chain(rest)
        .collect()
}

/// Whether a facility has an emergency department: it is linked to the
/// Emergency specialty.
pub fn has_emergency_department(dir: &Directory, f: &Facility) -> bool {
    (f.specialties.iter()).any(|s| dir.specialties[s.index].id.as_str() == "emergency")
}

/// A facility's emergency number: a contact whose role says emergency
/// (or 急诊/急救), if any.
pub fn emergency_contact(f: &Facility) -> Option<&Contact> {
    f.contacts.iter().find(|c| is_emergency_role(&c.role))
}

/// The number to call a facility on: its emergency line, else its first.
pub fn first_number(f: &Facility) -> Option<&Contact> {
    emergency_contact(f).or(f.contacts.first())
}

/// Where to go now in a city: its facilities with an emergency department
/// and a sourced phone number, in the city's order (all cities' with
/// `None`).
pub fn where_to_go(dir: &Directory, city: Option<usize>) -> Vec<usize> {
    let facilities: Box<dyn Iterator<Item = usize>> = match city {
        Some(c) => Box::new(dir.cities[c].facilities.iter().copied()),
        None => Box::new(0..dir.facilities.len()),
    };
    facilities
        .filter(|&i| {
            let f = &dir.facilities[i];
            has_emergency_department(dir, f) && f.contacts.iter().any(|c| !c.personal)
        })
        .collect()
}

/// A number as it is dialled from a phone in mainland China: a landline
/// with its area code after the trunk 0 (`+86 471 662 0000` →
/// `0471 662 0000`), a mobile or a 400/800 number as it is (`400 876
/// 2747`), a short service number unchanged. `None` for a number abroad.
/// Derived from the canonical international form the loader stores (which
/// libphonenumber formats); a test holds it to libphonenumber's national
/// form for every shipped number.
pub fn dialled_in_china(phone: &Phone) -> Option<String> {
    let Some(national) = phone.display.strip_prefix("+86 ") else {
        return (!phone.display.starts_with('+')).then(|| phone.display.to_string());
    };
    let first = national.split(' ').next().unwrap_or_default();
    let no_trunk = first.starts_with('1') && first.len() == 3 || first == "400" || first == "800";
    Some(match no_trunk {
        true => national.to_string(),
        false => format!("0{national}"),
    })
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
