//! The emergency overlay's two pages as entries and rows: the numbers page
//! (the selected facility's emergency number, 120, the city's own numbers,
//! the rest, then the "good to know" notes) and the phrase card (what to
//! say when calling 120 and at the hospital, in 汉字, pinyin and English,
//! with what to tell 120). `layout` wraps the entries to a width, so that
//! `update` (scrolling, copying) and `ui` (drawing) agree on every row; it
//! also holds the word wrap and the spaced 汉字 the driver card shares.
//! Every text comes from the data, with its sources. Pure, no terminal.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use super::action::CopyWhat;
use super::layout::sheet_columns;
use super::state::{AppState, Cursor, Mode};
use crate::card::{dialled_in_china, emergency_contact, emergency_numbers, sources_label};
use crate::model::{Contact, Directory, EmergencyNumber, Facility, Note, Phone, Phrase, Situation};

/// One selectable entry of a page.
#[derive(Debug, Clone, Copy)]
pub enum Entry<'a> {
    /// The selected facility's emergency number.
    Facility(&'a Facility, &'a Contact),
    Number(&'a EmergencyNumber),
    /// A nationwide "good to know" note.
    Note(&'a Note),
    Phrase(&'a Phrase),
    /// A line of what to tell 120, numbered from 0.
    Tell(usize, &'a Note),
}

impl Entry<'_> {
    /// The phone number of the entry, and a label for its QR code.
    pub fn phone(&self) -> Option<(&Phone, String)> {
        match self {
            Entry::Facility(f, c) => Some((
                &c.phone,
                format!("{} — {}, {}", c.phone.display, c.role, f.name),
            )),
            Entry::Number(n) => Some((&n.number, format!("{} — {}", n.number.display, n.label))),
            _ => None,
        }
    }

    /// What `y` copies: a number as displayed, a phrase's 汉字.
    pub fn copied(&self) -> Option<(String, CopyWhat)> {
        match self {
            Entry::Phrase(p) => Some((p.zh.clone(), CopyWhat::Phrase)),
            _ => self
                .phone()
                .map(|(phone, _)| (phone.display.to_string(), CopyWhat::Number)),
        }
    }
}

/// The numbers page: the selected facility's emergency number when it has
/// one, the numbers in `emergency_numbers` order (120, the city's own, the
/// rest), then the nationwide notes.
pub fn numbers(dir: &Directory, city: Option<usize>, facility: Option<usize>) -> Vec<Entry<'_>> {
    let own = facility
        .and_then(|f| dir.facilities.get(f))
        .and_then(|f| emergency_contact(f).map(|c| Entry::Facility(f, c)));
    own.into_iter()
        .chain(emergency_numbers(dir, city).into_iter().map(Entry::Number))
        .chain(dir.emergency_notes.iter().map(Entry::Note))
        .collect()
}

/// The phrase card: the phrases for calling 120, what to tell 120, then
/// the phrases for saying what is wrong, at the hospital, and single words.
pub fn phrases(dir: &Directory) -> Vec<Entry<'_>> {
    let of = |situation: Situation| {
        (dir.phrases.iter())
            .filter(move |p| p.situation == situation)
            .map(Entry::Phrase)
    };
    of(Situation::Call120)
        .chain(
            dir.tell_120
                .iter()
                .enumerate()
                .map(|(i, n)| Entry::Tell(i, n)),
        )
        .chain(of(Situation::Describe))
        .chain(of(Situation::Hospital))
        .chain(of(Situation::Words))
        .collect()
}

/// The entries of the page open in `state`, and their rows at its width.
pub fn page(state: &AppState) -> Option<(Vec<Entry<'_>>, Sheet)> {
    let entries = match state.mode {
        Mode::Emergency(_) => numbers(&state.dir, state.city(), state.facility()),
        Mode::Phrases(_) => phrases(&state.dir),
        _ => return None,
    };
    let sheet = layout(&entries, sheet_columns(state.width));
    Some((entries, sheet))
}

/// How a row's text is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Plain,
    Strong,
    Heading,
    /// A phone number.
    Number,
    /// Sources, notes, the dialling form.
    Dim,
    /// A phrase's 汉字, spaced.
    Large,
}

/// One row of text: its parts, and the entry it belongs to (`None` for a
/// heading or a blank row before an entry).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub parts: Vec<(String, Role)>,
    pub entry: Option<usize>,
}

/// A page laid out: its rows, and for each entry the rows to show with it
/// (its heading, if any, and its own).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Sheet {
    pub rows: Vec<Row>,
    pub entries: Vec<Range<usize>>,
}

impl Sheet {
    /// Moves the cursor by `delta` entries on a screen of `height` rows;
    /// one step (`j`, `k`) first scrolls through an entry taller than the
    /// screen, and the far moves (`g`, `G`) show the first or last row.
    pub fn step(&self, cursor: &mut Cursor, delta: isize, height: usize) {
        let rows = self
            .entries
            .get(cursor.selected)
            .cloned()
            .unwrap_or_default();
        match delta {
            1 if rows.end > cursor.offset + height => cursor.offset += 1,
            -1 if rows.start < cursor.offset => cursor.offset -= 1,
            _ => {
                let last = self.entries.len().saturating_sub(1);
                let moved = (cursor.selected as isize).saturating_add(delta);
                cursor.selected = moved.clamp(0, last as isize) as usize;
                if cursor.selected == last && delta > 1 {
                    cursor.offset = self.rows.len();
                } else if cursor.selected == 0 && delta < -1 {
                    cursor.offset = 0;
                }
            }
        }
        self.clamp(cursor, height);
    }

    /// Keeps the cursor on an entry and the screen of `height` rows on it:
    /// all of it when it fits, else nothing but it; `offset` is the first
    /// row shown, moved as little as that takes.
    pub fn clamp(&self, cursor: &mut Cursor, height: usize) {
        let height = height.max(1);
        cursor.selected = cursor.selected.min(self.entries.len().saturating_sub(1));
        if let Some(rows) = self.entries.get(cursor.selected) {
            let bottom = rows.end.saturating_sub(height);
            let (low, high) = (rows.start.min(bottom), rows.start.max(bottom));
            cursor.offset = cursor.offset.clamp(low, high);
        }
        cursor.offset = cursor.offset.min(self.rows.len().saturating_sub(height));
    }
}

/// The entries in rows of at most `width` columns.
pub fn layout(entries: &[Entry], width: usize) -> Sheet {
    let mut sheet = Sheet::default();
    let mut previous: Option<&Entry> = None;
    // The short numbers (120, 12345) in a column of their own.
    let column = (entries.iter())
        .filter_map(|e| match e {
            Entry::Number(n) => Some(n.number.display.width()),
            _ => None,
        })
        .max()
        .unwrap_or_default();
    for (i, entry) in entries.iter().enumerate() {
        let start = sheet.rows.len();
        let mut lead = |text: &str, role: Role| {
            sheet.rows.push(Row {
                parts: match text.is_empty() {
                    true => Vec::new(),
                    false => vec![(text.to_string(), role)],
                },
                entry: None,
            });
        };
        if let Some(heading) = heading(previous, entry) {
            if previous.is_some() {
                lead("", Role::Plain);
            }
            for line in wrap(heading, width, width) {
                lead(&line, Role::Heading);
            }
        } else if matches!(entry, Entry::Phrase(_)) {
            lead("", Role::Plain);
        }
        let mut own = Own {
            rows: &mut sheet.rows,
            entry: i,
            width,
            column,
        };
        match entry {
            Entry::Facility(f, c) => {
                let label = format!("{} — {}", f.name, c.role);
                own.number(&c.phone, &label);
                let source = format!("[{}] {}", c.confidence.label(), sources_label(&c.sources));
                own.details(&c.phone, c.note.as_deref(), &source);
            }
            Entry::Number(n) => {
                let label = match &n.label_zh {
                    Some(zh) => format!("{} {zh}", n.label),
                    None => n.label.clone(),
                };
                own.number(&n.number, &label);
                let source = format!("Source: {}.", sources_label(&n.sources));
                own.details(&n.number, n.note.as_deref(), &source);
            }
            Entry::Note(n) => {
                own.text(&n.text, "• ", "  ", Role::Plain);
                let source = format!("source: {}", sources_label(&n.sources));
                own.text(&source, "  ", "  ", Role::Dim);
            }
            Entry::Phrase(p) => {
                own.text(&spaced(&p.zh), "", "", Role::Large);
                if let Some(pinyin) = &p.pinyin {
                    own.text(pinyin, "", "", Role::Strong);
                }
                own.text(&p.en, "", "", Role::Plain);
                let source = format!("[{}] {}", p.confidence.label(), sources_label(&p.sources));
                let dim = match &p.note {
                    Some(note) => format!("{note} {source}"),
                    None => source,
                };
                own.text(&dim, "", "", Role::Dim);
            }
            Entry::Tell(n, note) => {
                let number = format!("{}. ", n + 1);
                let indent = " ".repeat(number.width());
                own.text(&note.text, &number, &indent, Role::Plain);
                let source = format!("source: {}", sources_label(&note.sources));
                own.text(&source, &indent, &indent, Role::Dim);
            }
        }
        sheet.entries.push(start..sheet.rows.len());
        previous = Some(entry);
    }
    sheet
}

/// The heading before `entry`, when it starts a section.
fn heading(previous: Option<&Entry>, entry: &Entry) -> Option<&'static str> {
    let section = |e: &Entry| match e {
        Entry::Facility(..) | Entry::Number(_) => None,
        Entry::Note(_) => Some("Good to know"),
        Entry::Tell(..) => Some("What to tell 120 when you call"),
        Entry::Phrase(p) => Some(match p.situation {
            Situation::Call120 => "Calling for help",
            Situation::Describe => "Saying what is wrong",
            Situation::Hospital => "At the hospital",
            Situation::Words => "Single words",
        }),
    };
    let this = section(entry)?;
    (previous.and_then(section) != Some(this)).then_some(this)
}

/// The rows of one entry, as they are added.
struct Own<'a> {
    rows: &'a mut Vec<Row>,
    entry: usize,
    width: usize,
    /// The columns a number is padded to.
    column: usize,
}

impl Own<'_> {
    fn push(&mut self, parts: Vec<(String, Role)>) {
        self.rows.push(Row {
            parts,
            entry: Some(self.entry),
        });
    }

    /// `text` wrapped, its first row after `first`, the others after `rest`.
    fn text(&mut self, text: &str, first: &str, rest: &str, role: Role) {
        let lines = wrap(
            text,
            self.width - first.width().min(self.width),
            self.width - rest.width().min(self.width),
        );
        for (i, line) in lines.into_iter().enumerate() {
            let indent = if i == 0 { first } else { rest };
            let mut parts = Vec::new();
            if !indent.is_empty() {
                parts.push((indent.to_string(), Role::Plain));
            }
            parts.push((line, role));
            self.push(parts);
        }
    }

    /// A number and its label on one row, the label wrapped under it.
    fn number(&mut self, phone: &Phone, label: &str) {
        let pad = self.column.saturating_sub(phone.display.width());
        let number = format!("{}{}", phone.display, " ".repeat(pad));
        let indent = self.indent();
        let rest = self.width.saturating_sub(indent.width());
        // On a narrow screen the number has a row of its own.
        if number.width() + 2 + 8 > self.width {
            self.push(vec![(phone.display.to_string(), Role::Number)]);
            for line in wrap(label, rest, rest) {
                self.push(vec![(indent.clone(), Role::Plain), (line, Role::Plain)]);
            }
            return;
        }
        let first = self.width - number.width() - 2;
        for (i, line) in wrap(label, first, rest).into_iter().enumerate() {
            let parts = match i {
                0 => vec![
                    (number.clone(), Role::Number),
                    (format!("  {line}"), Role::Plain),
                ],
                _ => vec![(indent.clone(), Role::Plain), (line, Role::Plain)],
            };
            self.push(parts);
        }
    }

    /// Where the labels of the short numbers start: the rows under a
    /// number start there too.
    fn indent(&self) -> String {
        " ".repeat((self.column + 2).max(4).min(self.width / 3))
    }

    /// Under a number: how it is dialled in China when that differs from
    /// how it is shown, its note, and its sources.
    fn details(&mut self, phone: &Phone, note: Option<&str>, source: &str) {
        let mut parts = Vec::new();
        if let Some(dialled) = dialled_in_china(phone).filter(|d| d.as_str() != &*phone.display) {
            parts.push(format!("From a phone in China: {dialled}."));
        }
        parts.extend(note.map(str::to_string));
        parts.push(source.to_string());
        let indent = self.indent();
        self.text(&parts.join(" "), &indent, &indent, Role::Dim);
    }
}

/// `text` in lines of at most `first` columns (the first) and `rest` (the
/// others), broken at spaces; a word wider than a line is broken between
/// its graphemes. Never an empty list.
pub fn wrap(text: &str, first: usize, rest: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut limit = first.max(1);
    for word in text.split_whitespace() {
        let used = line.width();
        if !line.is_empty() && used + 1 + word.width() <= limit {
            line.push(' ');
            line.push_str(word);
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
            limit = rest.max(1);
        }
        for g in word.graphemes(true) {
            if !line.is_empty() && line.width() + g.width() > limit {
                lines.push(std::mem::take(&mut line));
                limit = rest.max(1);
            }
            line.push_str(g);
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// 汉字 with a space between characters, easier to read at a distance:
/// runs of Latin letters and digits (`120`) stay together, and no space
/// comes before closing punctuation or after opening.
pub fn spaced(text: &str) -> String {
    const CLOSING: &str = "。，、！？：；,.!?:;)）」』】》";
    const OPENING: &str = "(（「『【《";
    let mut out = String::new();
    let mut previous: Option<char> = None;
    let mut gap = false;
    for c in text.chars() {
        if c.is_whitespace() {
            gap = previous.is_some();
            continue;
        }
        if let Some(p) = previous {
            let together = (p.is_ascii_alphanumeric() && c.is_ascii_alphanumeric())
                || CLOSING.contains(c)
                || OPENING.contains(p);
            if gap || !together {
                out.push(' ');
            }
        }
        out.push(c);
        previous = Some(c);
        gap = false;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_breaks_at_spaces_and_inside_long_words() {
        assert_eq!(wrap("one two three", 7, 7), ["one two", "three"]);
        assert_eq!(wrap("abcdefgh", 3, 3), ["abc", "def", "gh"]);
        assert_eq!(wrap("北京协和医院", 4, 4), ["北京", "协和", "医院"]);
        assert_eq!(wrap("", 5, 5), [""]);
        assert_eq!(wrap("a b c d", 1, 3), ["a", "b c", "d"]);
    }

    #[test]
    fn every_width_lays_out_both_pages() {
        let loaded = crate::data::load(&crate::data::DataSource::Embedded).expect("data");
        let dir = &loaded.directory;
        for width in 0..=80 {
            for entries in [numbers(dir, Some(0), Some(0)), phrases(dir)] {
                let sheet = layout(&entries, width);
                assert_eq!(sheet.entries.len(), entries.len());
                let widest = (sheet.rows.iter())
                    .map(|r| r.parts.iter().map(|(t, _)| t.width()).sum::<usize>())
                    .max()
                    .unwrap_or_default();
                // Only a number wider than the screen is wider.
                assert!(widest <= width.max(16), "{widest} columns at {width}");
            }
        }
    }

    #[test]
    fn spaced_keeps_numbers_and_punctuation_together() {
        assert_eq!(spaced("北京协和医院"), "北 京 协 和 医 院");
        assert_eq!(spaced("请拨打 120。我需要"), "请 拨 打 120。 我 需 要");
        assert_eq!(spaced("救命!"), "救 命!");
        assert_eq!(spaced("东单院区(东院)"), "东 单 院 区 (东 院)");
    }
}
