//! Plain-text views of records that more than one front end needs: the
//! contact card as copied with `c` and printed by `careguide show`, and the
//! emergency numbers that apply to a city. No terminal here.

use std::fmt::Write;

use crate::model::{Directory, EmergencyNumber, Facility};

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
    let sources: Vec<&str> = f.sources.iter().map(|s| s.as_str()).collect();
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
