//! The card pane's content, as the state decides it: which card (a
//! facility's; a city's, or the nationwide one for "All cities", while the
//! cities pane has focus), laid out at the pane's width into lines (words
//! wrapped by textwrap, a phone number and its badge never split), and the
//! card's selectable rows — numbers and places — with the lines each takes.
//! A facility with no sourced number lists what to do instead: the city's
//! facilities with an emergency department and a number, then the
//! emergency numbers. The same cards preview a global search's hit.
//! `ui::card` gives the lines their styles and draws them; `update` scrolls
//! and moves the selection over the same lines, so both agree on the card's
//! height.

use std::sync::Arc;

use super::layout;
use super::state::{AppState, Pane, SourcesView};
use crate::card::{
    cited_sources, dialled_in_china, emergency_numbers, first_number, has_emergency_department,
    kind_line, source_label, sources_label, where_to_go,
};
use crate::model::{Confidence, Contact, Facility, Kind, Note, Phone, Source};
use crate::search::Target;

/// What a part of a line is, for its style.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Look {
    Plain,
    Heading,
    Strong,
    Dim,
    /// A phone number.
    Number,
    Badge(Confidence),
    /// The `[personal]` badge.
    Personal,
    /// What to do: the guidance when something is not known.
    Advice,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    pub text: String,
    pub look: Look,
}

/// One line of the card, as wide as the pane at most.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CardLine {
    pub parts: Vec<Part>,
    /// The selectable row the line belongs to.
    pub row: Option<usize>,
}

/// A selectable row of a card: what `y`, `d`, `Q` and `Enter` act on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CardRow {
    /// A facility's contact: (facility, contact).
    Contact(usize, usize),
    /// A facility to go to (Enter, or its number key, jumps there).
    Place(usize),
    /// An emergency number, as `emergency_numbers` lists them.
    Emergency(usize),
}

/// A card laid out: its lines, and its rows in order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Card {
    pub lines: Vec<CardLine>,
    pub rows: Vec<CardRow>,
    /// The places listed, numbered from 1 (their number keys).
    pub places: Vec<usize>,
}

impl Card {
    /// The first line of `row`.
    pub fn first_line(&self, row: usize) -> Option<usize> {
        self.lines.iter().position(|l| l.row == Some(row))
    }

    /// The last line of `row`.
    pub fn last_line(&self, row: usize) -> Option<usize> {
        self.lines.iter().rposition(|l| l.row == Some(row))
    }
}

/// The card's inside: its width for text and its height, on this screen
/// (`None` when the card pane is not on screen).
pub fn area(state: &AppState) -> Option<(usize, usize)> {
    let screen = layout::screen(state.width, state.height, state.focus);
    let rect = screen.pane(Pane::Card)?;
    // Inside the border, and one column narrower (`ui::text::draw_wrapped`).
    let width = usize::from(rect.width.saturating_sub(3));
    let height = usize::from(rect.height.saturating_sub(2));
    Some((width.max(1), height.max(1)))
}

/// The number a row stands for: a contact's, a place's emergency (else
/// first) number, an emergency number.
pub fn row_phone(state: &AppState, row: CardRow) -> Option<(&Phone, String)> {
    let dir = &state.dir;
    match row {
        CardRow::Contact(f, c) => {
            let f = &dir.facilities[f];
            let c = f.contacts.get(c)?;
            Some((&c.phone, format!("{}, {}", c.role, f.name)))
        }
        CardRow::Place(f) => {
            let f = &dir.facilities[f];
            let c = first_number(f)?;
            Some((&c.phone, format!("{}, {}", c.role, f.name)))
        }
        CardRow::Emergency(i) => {
            let n = *emergency_numbers(dir, state.city()).get(i)?;
            Some((&n.number, n.label.clone()))
        }
    }
}

/// The card the state shows, laid out `width` columns wide.
pub fn card(state: &AppState, width: usize) -> Card {
    let specialty = match state.focus {
        Pane::Specialties => state.specialty(),
        _ => None,
    };
    let mut card = Builder::new(width, state.city(), specialty);
    if state.loading.is_some() {
        card.text(
            "Loading the directory. Keys typed now wait for it; q quits.",
            Look::Dim,
            0,
        );
    } else if state.focus == Pane::Cities {
        city_card(&mut card, state);
    } else if let Some(f) = state.facility() {
        facility_card(&mut card, state, f);
    } else {
        card.text("Select a hospital to see its card.", Look::Dim, 0);
    }
    card.card
}

/// How many of a specialty's facilities its preview lists.
const PREVIEW_LISTED: usize = 60;

/// The card of a search hit, as `Enter` would show it: a city's card, a
/// facility's (a contact's facility), or what a specialty leads to.
pub fn preview(state: &AppState, target: Target, width: usize) -> Card {
    let dir = &state.dir;
    match target {
        Target::City(c) => {
            let mut card = Builder::new(width, Some(c), None);
            city_card(&mut card, state);
            card.card
        }
        Target::Facility(f) | Target::Contact { facility: f, .. } => {
            let mut card = Builder::new(width, Some(dir.facilities[f].city), None);
            facility_card(&mut card, state, f);
            card.card
        }
        Target::Specialty(s) => {
            let mut card = Builder::new(width, None, None);
            let spec = &dir.specialties[s];
            card.text(&format!("{} {}", spec.name, spec.name_zh), Look::Heading, 0);
            let listed =
                || (dir.facilities.iter()).filter(|f| f.specialties.iter().any(|l| l.index == s));
            let text = match listed().count() {
                0 => "No facility lists it.".to_string(),
                1 => "1 facility lists it: Enter shows it.".to_string(),
                n => format!("{n} facilities list it: Enter shows them."),
            };
            card.text(&text, Look::Dim, 0);
            // No more than a screen shows (a large directory has thousands).
            for f in listed().take(PREVIEW_LISTED) {
                let text = format!("{} · {}", f.name, dir.city_of(f).name);
                card.text(&text, Look::Plain, 2);
            }
            card.card
        }
    }
}

struct Builder {
    width: usize,
    card: Card,
    /// The row the lines being added belong to.
    row: Option<usize>,
    /// The city whose emergency numbers the card lists.
    city: Option<usize>,
    /// The specialty whose note a facility's card shows.
    specialty: Option<usize>,
}

fn part(text: impl Into<String>, look: Look) -> Part {
    Part {
        text: text.into(),
        look,
    }
}

impl Builder {
    fn new(width: usize, city: Option<usize>, specialty: Option<usize>) -> Builder {
        Builder {
            width: width.max(1),
            card: Card::default(),
            row: None,
            city,
            specialty,
        }
    }

    fn push(&mut self, parts: Vec<Part>) {
        self.card.lines.push(CardLine {
            parts,
            row: self.row,
        });
    }

    fn blank(&mut self) {
        self.push(Vec::new());
    }

    /// `text` wrapped, every line `indent` columns in.
    fn text(&mut self, text: &str, look: Look, indent: usize) {
        self.lead(text, look, indent, indent);
    }

    /// `text` wrapped, its first line `first` columns in, the rest `rest`.
    fn lead(&mut self, text: &str, look: Look, first: usize, rest: usize) {
        self.badged(text, look, first, rest, None);
    }

    /// `lead`, with a badge (`[personal]`) after the text, styled apart.
    fn badged(&mut self, text: &str, look: Look, first: usize, rest: usize, badge: Option<&str>) {
        let (first, rest) = (" ".repeat(first), " ".repeat(rest));
        let options = textwrap::Options::new(self.width)
            .initial_indent(&first)
            .subsequent_indent(&rest);
        let full = match badge {
            Some(badge) => format!("{text} {badge}"),
            None => text.to_string(),
        };
        let lines = textwrap::wrap(&full, options);
        let last = lines.len().saturating_sub(1);
        for (i, line) in lines.into_iter().enumerate() {
            let split = badge
                .filter(|_| i == last)
                .and_then(|b| line.strip_suffix(b));
            match split {
                Some(head) => {
                    let badge = badge.unwrap_or_default();
                    self.push(vec![part(head, look), part(badge, Look::Personal)]);
                }
                None => self.push(vec![part(line.into_owned(), look)]),
            }
        }
    }

    fn heading(&mut self, text: &str) {
        self.blank();
        self.text(text, Look::Heading, 0);
    }

    /// Starts a selectable row; its lines follow.
    fn begin(&mut self, row: CardRow) {
        self.row = Some(self.card.rows.len());
        self.card.rows.push(row);
    }

    fn end(&mut self) {
        self.row = None;
    }

    /// Parts that stay together on one line when they fit; otherwise each
    /// starts a line of its own: a phone number whole (it is never split),
    /// anything else wrapped.
    fn unit(&mut self, indent: usize, parts: Vec<Part>) {
        let width: usize = parts.iter().map(|p| text_width(&p.text)).sum();
        if indent + width <= self.width {
            let mut line = vec![part(" ".repeat(indent), Look::Plain)];
            line.extend(parts);
            self.push(line);
            return;
        }
        for p in parts.into_iter().filter(|p| !p.text.trim().is_empty()) {
            match p.look {
                Look::Number => {
                    let number = part(p.text.trim().to_string(), p.look);
                    self.push(vec![part(" ".repeat(indent), Look::Plain), number]);
                }
                look => self.text(p.text.trim(), look, indent),
            }
        }
    }

    /// `number  label`, `indent` in, the label wrapped under itself: a
    /// number in a column and what it is beside it.
    fn numbered(&mut self, number: &str, label: &str, indent: usize) {
        let hang = indent + text_width(number) + 2;
        let options = textwrap::Options::new(self.width)
            .initial_indent("")
            .subsequent_indent("");
        let room = self.width.saturating_sub(hang).max(8);
        let lines = textwrap::wrap(label, options.width(room));
        for (i, line) in lines.into_iter().enumerate() {
            let lead = match i {
                0 => vec![
                    part(" ".repeat(indent), Look::Plain),
                    part(format!("{number}  "), Look::Number),
                ],
                _ => vec![part(" ".repeat(hang), Look::Plain)],
            };
            let mut parts = lead;
            parts.push(part(line.into_owned(), Look::Plain));
            self.push(parts);
        }
    }

    /// A number, its badge and its dialling form in China, `indent` in.
    fn number(&mut self, indent: usize, phone: &Phone, badge: Option<Confidence>, personal: bool) {
        let mut parts = vec![part(phone.display.clone(), Look::Number)];
        if let Some(confidence) = badge {
            parts.push(part(
                format!("  [{}]", confidence.label()),
                Look::Badge(confidence),
            ));
        }
        if personal {
            parts.push(part(" [personal]", Look::Personal));
        }
        self.unit(indent, parts);
        if let Some(dialled) = dialled_in_china(phone).filter(|d| *d != phone.display) {
            self.unit(
                indent,
                vec![
                    part("in China dial ", Look::Dim),
                    part(dialled, Look::Number),
                ],
            );
        }
    }

    fn sources(&mut self, sources: &[Arc<Source>], indent: usize) {
        if !sources.is_empty() {
            self.text(&sources_label(sources), Look::Dim, indent);
        }
    }

    fn notes(&mut self, notes: &[Note]) {
        // The user's own notes first: they know their city.
        let mine = notes.iter().filter(|n| n.personal);
        for note in mine.chain(notes.iter().filter(|n| !n.personal)) {
            let badge = note.personal.then_some("[personal]");
            self.badged(&format!("• {}", note.text), Look::Plain, 0, 2, badge);
            if !note.personal {
                self.sources(&note.sources, 2);
            }
        }
    }

    /// A place to go: numbered, its name, why, its number.
    fn place(&mut self, state: &AppState, facility: usize) {
        let f = &state.dir.facilities[facility];
        self.card.places.push(facility);
        let n = self.card.places.len();
        self.begin(CardRow::Place(facility));
        let name = match &f.name_zh {
            Some(zh) => format!("[{n}] {} {zh}", f.name),
            None => format!("[{n}] {}", f.name),
        };
        self.lead(&name, Look::Strong, 2, 6);
        // The number right under the name: on a short screen it is what
        // must show.
        match first_number(f) {
            Some(c) => {
                self.number(6, &c.phone, Some(c.confidence), c.personal);
                let what = format!("{} · emergency department (急诊)", c.role);
                self.text(&what, Look::Dim, 6);
            }
            None => self.text("emergency department (急诊)", Look::Dim, 6),
        }
        self.end();
    }

    /// The emergency numbers of a city (120 first, then its own), each a
    /// row; `all` adds the rest of the nationwide ones.
    fn emergency(&mut self, state: &AppState, all: bool) {
        let city = self.city;
        let own = city.map_or(0, |c| state.dir.cities[c].emergency.len());
        for (i, n) in emergency_numbers(&state.dir, city).into_iter().enumerate() {
            if !all && i > own {
                break;
            }
            self.begin(CardRow::Emergency(i));
            let label = match &n.label_zh {
                Some(zh) => format!("{} {zh}", n.label),
                None => n.label.clone(),
            };
            self.numbered(&n.number.display, &label, 2);
            self.end();
        }
    }
}

fn text_width(text: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(text)
}

fn facility_card(card: &mut Builder, state: &AppState, facility: usize) {
    let dir = &state.dir;
    let f = &dir.facilities[facility];
    let badge = f.personal.then_some("[personal]");
    card.badged(&f.name, Look::Heading, 0, 0, badge);
    match f.name_zh.as_deref() {
        Some(zh) => card.text(zh, Look::Strong, 0),
        None => card.text("汉字 name not known", Look::Dim, 0),
    }
    card.text(&kind_line(dir, f), Look::Dim, 0);
    if has_emergency_department(dir, f) {
        card.text("Emergency department (急诊)", Look::Strong, 0);
    }
    specialty(card, state, f);
    if f.kind == Kind::Online {
        card.heading("Online service");
        let how = match f.website.as_deref() {
            Some(web) => format!("Used through its website or app, not in person: {web}"),
            None => "Used through its app, not in person.".to_string(),
        };
        card.text(&how, Look::Advice, 0);
    }
    card.heading("Phone");
    match f.kind {
        Kind::Online if f.contacts.is_empty() => {
            card.text(
                "No sourced phone number. In an emergency call 120:",
                Look::Advice,
                2,
            );
            card.emergency(state, false);
        }
        _ if f.contacts.is_empty() => no_number(card, state, f),
        _ => {}
    }
    // The user's own numbers first: a doctor they know comes before a
    // switchboard.
    let mine = (0..f.contacts.len()).filter(|&c| f.contacts[c].personal);
    let shipped = (0..f.contacts.len()).filter(|&c| !f.contacts[c].personal);
    for c in mine.chain(shipped).collect::<Vec<_>>() {
        contact(card, state, facility, c);
    }
    if f.kind != Kind::Online {
        address(card, f);
    }
    if let Some(web) = f.website.as_deref().filter(|_| f.kind != Kind::Online) {
        card.heading("Website");
        card.text(web, Look::Plain, 0);
    }
    if !f.notes.is_empty() {
        card.heading("Notes");
        card.notes(&f.notes);
    }
    sources(card, state, f);
}

/// The selected specialty's note, while the specialties pane has focus.
fn specialty(card: &mut Builder, state: &AppState, f: &Facility) {
    let Some(s) = card.specialty else {
        return;
    };
    let Some(link) = f.specialties.iter().find(|l| l.index == s) else {
        return;
    };
    let spec = &state.dir.specialties[s];
    card.heading(&format!("{} {}", spec.name, spec.name_zh));
    if let Some(note) = link.note.as_deref() {
        card.text(note, Look::Plain, 0);
    }
    card.sources(&link.sources, 0);
}

fn contact(card: &mut Builder, state: &AppState, facility: usize, index: usize) {
    let c: &Contact = &state.dir.facilities[facility].contacts[index];
    card.begin(CardRow::Contact(facility, index));
    card.lead(&c.role, Look::Strong, 2, 4);
    card.number(
        4,
        &c.phone,
        (!c.personal).then_some(c.confidence),
        c.personal,
    );
    card.sources(&c.sources, 4);
    if let Some(note) = c.note.as_deref() {
        card.text(note, Look::Plain, 4);
    }
    card.end();
}

/// No sourced number: what to do instead, never a dead end.
fn no_number(card: &mut Builder, state: &AppState, f: &Facility) {
    card.text("No sourced phone number for this facility.", Look::Plain, 2);
    let places: Vec<usize> = where_to_go(&state.dir, Some(f.city))
        .into_iter()
        .filter(|&g| state.dir.facilities[g].id != f.id)
        .take(9)
        .collect();
    if places.is_empty() {
        card.text(
            "No facility in this city has an emergency department with a sourced number here: in an emergency call 120.",
            Look::Advice,
            2,
        );
    } else {
        let city = &state.dir.city_of(f).name;
        card.text(
            &format!("In {city}, go to one with an emergency department (1–9 shows it):"),
            Look::Advice,
            2,
        );
        for place in places {
            card.place(state, place);
        }
    }
    card.text("Emergency numbers (all of them: press !)", Look::Advice, 2);
    card.emergency(state, false);
}

fn address(card: &mut Builder, f: &Facility) {
    card.heading("Address");
    let Some(a) = f.address.as_ref() else {
        card.text(
            "No sourced address is known: ask the hospital, or show the driver its 汉字 name (t).",
            Look::Dim,
            2,
        );
        return;
    };
    for text in [&a.zh, &a.en].into_iter().flatten() {
        card.text(text, Look::Plain, 2);
    }
    card.unit(
        2,
        vec![
            part(
                format!("[{}]", a.confidence.label()),
                Look::Badge(a.confidence),
            ),
            part(format!(" {}", sources_label(&a.sources)), Look::Dim),
        ],
    );
}

fn sources(card: &mut Builder, state: &AppState, f: &Facility) {
    card.heading("Sources");
    for source in f.sources.iter() {
        card.lead(&format!("• {}", source_label(source)), Look::Dim, 0, 2);
    }
    if f.sources.is_empty() {
        card.text("• personal (your own entry)", Look::Dim, 0);
    }
    card.text(&format!("Verified {}", f.verified), Look::Dim, 0);
    let key = state
        .keymap
        .keys_for(
            &super::action::Action::Sources,
            super::keymap::Context::Browse,
        )
        .unwrap_or_default();
    let cited = cited_sources(f);
    match state.card.sources {
        SourcesView::Labels if !cited.is_empty() => card.text(
            &format!("Press {key} for every source in full."),
            Look::Dim,
            0,
        ),
        SourcesView::Labels => {}
        SourcesView::Full => {
            card.heading(&format!("Every source on this card ({key} hides this)"));
            for source in &cited {
                card.lead(&format!("• {}", source.title), Look::Plain, 0, 2);
                card.text(&source_label(source), Look::Dim, 2);
                card.text(source.locator(), Look::Dim, 2);
            }
        }
    }
}

/// A city's card (or the nationwide one): where to go now, the emergency
/// numbers, the city's advice, and what is good to know anywhere.
fn city_card(card: &mut Builder, state: &AppState) {
    let dir = &state.dir;
    let city = card.city;
    match city {
        Some(c) => {
            let c = &dir.cities[c];
            let name = match &c.name_zh {
                Some(zh) => format!("{} {zh}", c.name),
                None => c.name.clone(),
            };
            card.text(&name, Look::Heading, 0);
            let province = [c.province.as_deref(), c.province_zh.as_deref()];
            let province: Vec<&str> = province.into_iter().flatten().collect();
            if !province.is_empty() {
                card.text(&province.join(" "), Look::Dim, 0);
            }
        }
        None => {
            card.text("All cities · mainland China", Look::Heading, 0);
            card.text(
                "Select a city for where to go there and its own numbers.",
                Look::Dim,
                0,
            );
        }
    }
    if let Some(c) = city {
        card.heading("Where to go now");
        let places = where_to_go(dir, Some(c));
        if places.is_empty() {
            card.text(
                "No facility here has an emergency department with a sourced number: in an emergency call 120.",
                Look::Advice,
                0,
            );
        }
        for place in places.into_iter().take(9) {
            card.place(state, place);
        }
    }
    card.heading("Emergency numbers");
    card.emergency(state, city.is_none());
    if city.is_some() {
        card.text("All of them: press !", Look::Dim, 2);
    }
    if let Some(c) = city
        && !dir.cities[c].notes.is_empty()
    {
        card.heading(&format!("Advice for {}", dir.cities[c].name));
        card.notes(&dir.cities[c].notes);
    }
    if !dir.emergency_notes.is_empty() {
        card.heading("Good to know");
        card.notes(&dir.emergency_notes);
    }
}
