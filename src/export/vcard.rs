//! The vCard 4.0 export (RFC 6350): one card per facility, for a phone's
//! address book. What each card says lives here; the line encoding
//! (escaping, folding, CRLF) is `vcard_line`'s.
//!
//! A card: `KIND:org`; `FN` and `ORG` in English, and in 汉字 as an
//! `ALTID`/`LANGUAGE=zh` alternative when the 汉字 name is known; one `TEL`
//! per contact as a `tel:` URI (`TYPE=work,voice`, the first with `PREF=1`);
//! `ADR` likewise in English and 汉字 (the address in the street component,
//! the country last); `URL` for the website; `CATEGORIES` with the kind; and
//! a `NOTE` giving each number's role, confidence and sources (as the card
//! labels them: `news · China Daily 2025`), the address's confidence, the
//! facility's sources (where to find them) and the verified date, and the user's
//! personal notes; whatever comes from the personal files says "personal". `SOURCE` is
//! left out: RFC 6350 means it for where the card itself can be fetched,
//! and no such URL exists.

use super::vcard_line::ContentLine;
use crate::card::{locators, sources_label};
use crate::model::{Address, Contact, Facility, Source};

/// The product id written in every card.
pub const PRODID: &str = concat!(
    "-//careguide//careguide ",
    env!("CARGO_PKG_VERSION"),
    "//EN"
);

/// The cards of these facilities, one after another.
pub fn cards<'a>(facilities: impl IntoIterator<Item = &'a Facility>) -> String {
    facilities.into_iter().map(card).collect()
}

/// One facility's card, CRLF line ends, folded.
pub fn card(f: &Facility) -> String {
    let mut lines = vec![
        ContentLine::raw("BEGIN", "VCARD"),
        ContentLine::raw("VERSION", "4.0"),
        ContentLine::text("PRODID", PRODID),
        ContentLine::raw("KIND", "org"),
    ];
    names(&mut lines, f);
    lines.push(ContentLine::text("CATEGORIES", f.kind.label()));
    for (i, c) in f.contacts.iter().enumerate() {
        let mut tel = ContentLine::raw("TEL", &c.phone.tel_uri())
            .param("VALUE", "uri")
            .param_list("TYPE", &["work", "voice"]);
        if i == 0 {
            tel = tel.param("PREF", "1");
        }
        lines.push(tel);
    }
    if let Some(address) = f.address.as_ref() {
        addresses(&mut lines, address);
    }
    if let Some(website) = f.website.as_deref() {
        lines.push(ContentLine::raw("URL", website));
    }
    lines.push(ContentLine::text("NOTE", &note(f)));
    lines.push(ContentLine::raw("END", "VCARD"));
    lines.iter().map(ContentLine::encode).collect()
}

/// `FN` and `ORG`: English, plus the 汉字 form as an alternative of it.
fn names(lines: &mut Vec<ContentLine>, f: &Facility) {
    match f.name_zh.as_deref() {
        Some(zh) => {
            for (name, lang) in [(f.name.as_str(), "en"), (zh, "zh")] {
                lines.push(
                    ContentLine::text("FN", name)
                        .param("ALTID", "1")
                        .param("LANGUAGE", lang),
                );
            }
            for (name, lang) in [(f.name.as_str(), "en"), (zh, "zh")] {
                lines.push(
                    ContentLine::compound("ORG", &[name])
                        .param("ALTID", "1")
                        .param("LANGUAGE", lang),
                );
            }
        }
        None => {
            lines.push(ContentLine::text("FN", &f.name).param("LANGUAGE", "en"));
            lines.push(ContentLine::compound("ORG", &[f.name.as_str()]).param("LANGUAGE", "en"));
        }
    }
}

/// `ADR` in each known language; alternatives of one another when both are.
fn addresses(lines: &mut Vec<ContentLine>, a: &Address) {
    let forms: Vec<(&str, &str, &str)> = [
        (a.en.as_deref(), "en", "China"),
        (a.zh.as_deref(), "zh", "中国"),
    ]
    .into_iter()
    .filter_map(|(text, lang, country)| text.map(|t| (t, lang, country)))
    .collect();
    let alternatives = forms.len() > 1;
    for (text, lang, country) in forms {
        // post office box; extended; street; locality; region; code; country
        let mut line = ContentLine::compound("ADR", &["", "", text, "", "", "", country]);
        if alternatives {
            line = line.param("ALTID", "1");
        }
        lines.push(line.param("LANGUAGE", lang));
    }
}

/// The provenance an address book cannot hold elsewhere, one fact a line.
fn note(f: &Facility) -> String {
    let mut out = Vec::new();
    if f.personal {
        out.push("Personal entry (from your careguide personal files).".to_string());
    }
    for c in &f.contacts {
        out.push(contact_note(c));
    }
    if f.contacts.is_empty() {
        out.push("No sourced phone number is known.".to_string());
    }
    if let Some(a) = f.address.as_ref() {
        out.push(format!(
            "Address: {}; source: {}",
            a.confidence.label(),
            sources_label(&a.sources)
        ));
    }
    for n in f.notes.iter().filter(|n| n.personal) {
        out.push(format!("Personal note: {}", n.text));
    }
    out.push(format!("Sources: {}", join(&f.sources)));
    out.push(format!("Verified: {}", f.verified));
    out.push(
        "From careguide. Not medical advice: in an emergency in mainland China call 120."
            .to_string(),
    );
    out.join("\n")
}

fn contact_note(c: &Contact) -> String {
    let mut line = format!(
        "{}: {} ({}; source: {})",
        c.role,
        c.phone.display,
        c.confidence.label(),
        sources_label(&c.sources)
    );
    if c.personal {
        line.push_str(" [personal]");
    }
    if let Some(note) = c.note.as_deref() {
        line.push_str(" - ");
        line.push_str(note);
    }
    line
}

/// Where to find each source: its URL, else its reference.
fn join(sources: &[std::sync::Arc<Source>]) -> String {
    if sources.is_empty() {
        return "personal".to_string();
    }
    locators(sources)
}
