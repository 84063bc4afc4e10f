//! Text going into a prompt (a pane's filter or the global search): a
//! typed character, or a paste taken as text — its first line only (the
//! rest is dropped, never run as keys), cleaned of control and invisible
//! characters, and held to the query's caps (`MAX_QUERY_CHARS` characters,
//! `MAX_QUERY_WORDS` words), so a paste of any size is one edit and one
//! search.

use crate::search::{MAX_QUERY_CHARS, MAX_QUERY_WORDS};

/// Which cap a character would break.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cap {
    Chars,
    Atoms,
}

impl Cap {
    /// How the status line names it, after "at most" or "cut to".
    fn limit(self) -> String {
        match self {
            Cap::Chars => format!("{MAX_QUERY_CHARS} characters"),
            Cap::Atoms => format!("{MAX_QUERY_WORDS} words"),
        }
    }
}

/// The cap `c` would break if appended to `query`, if any. A character
/// starts a new word when it is not a space and the query is empty or ends
/// with one.
fn refused(query: &str, chars: usize, c: char) -> Option<Cap> {
    if chars >= MAX_QUERY_CHARS {
        return Some(Cap::Chars);
    }
    let starts_word = !c.is_whitespace() && query.chars().last().is_none_or(char::is_whitespace);
    if starts_word && query.split_whitespace().count() >= MAX_QUERY_WORDS {
        return Some(Cap::Atoms);
    }
    None
}

/// Appends a typed character. `Ok(false)` when it is not text (a control
/// or invisible character: dropped), `Err` with the status message when a
/// cap refuses it.
pub(super) fn type_char(query: &mut String, c: char) -> Result<bool, String> {
    if crate::text::forbidden_class(c).is_some() {
        return Ok(false);
    }
    match refused(query, query.chars().count(), c) {
        Some(cap) => Err(format!("A query takes at most {}", cap.limit())),
        None => {
            query.push(c);
            Ok(true)
        }
    }
}

/// What a paste did: whether the query changed, and the status message
/// when part of the text was left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Pasted {
    pub changed: bool,
    pub note: Option<String>,
}

/// Appends pasted text to `query`: up to its first line break, sanitised
/// like data text (control, bidi and invisible characters dropped, tabs
/// and runs of spaces made one space), then as much as the caps allow.
pub(super) fn paste(query: &mut String, text: &str) -> Pasted {
    let mut lines = text.splitn(2, ['\r', '\n', '\u{85}', '\u{2028}', '\u{2029}']);
    let line = lines.next().unwrap_or_default();
    let more_lines = lines.next().is_some_and(|rest| !rest.trim().is_empty());
    let mut clean = crate::text::sanitize(line);
    // A space before the text still parts it from the query's last word.
    if line.starts_with(char::is_whitespace) && !query.is_empty() && !query.ends_with(' ') {
        clean.insert(0, ' ');
    }
    let mut cap = None;
    let before = query.len();
    for (chars, c) in (query.chars().count()..).zip(clean.chars()) {
        if let Some(refusal) = refused(query, chars, c) {
            cap = Some(refusal);
            break;
        }
        query.push(c);
    }
    let mut cuts = Vec::new();
    if more_lines {
        cuts.push("at its first line break".to_string());
    }
    if let Some(cap) = cap {
        cuts.push(format!("to {}", cap.limit()));
    }
    Pasted {
        changed: query.len() != before,
        note: (!cuts.is_empty()).then(|| format!("Pasted text cut {}", cuts.join(" and "))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_paste_keeps_its_first_line_and_says_so() {
        let mut query = String::new();
        let pasted = paste(&mut query, "Peking Union\re…\r/bei\njjy\nq");
        assert_eq!(query, "Peking Union");
        assert!(pasted.changed);
        assert_eq!(
            pasted.note.as_deref(),
            Some("Pasted text cut at its first line break")
        );
        // A trailing line break alone cuts nothing worth saying.
        let mut query = String::new();
        assert_eq!(paste(&mut query, "oasis\n").note, None);
        assert_eq!(query, "oasis");
    }

    #[test]
    fn a_paste_is_cleaned_and_capped() {
        let mut query = String::new();
        let pasted = paste(&mut query, &"b".repeat(100 * 1024));
        assert_eq!(query.chars().count(), MAX_QUERY_CHARS);
        assert_eq!(
            pasted.note.as_deref(),
            Some("Pasted text cut to 256 characters")
        );
        let mut query = "bei".to_string();
        paste(&mut query, " jing\u{1b}[2J\u{202e}\tx");
        assert_eq!(query, "bei jing[2J x");
        let mut query = String::new();
        let words = "a ".repeat(MAX_QUERY_WORDS + 5);
        let pasted = paste(&mut query, &words);
        assert_eq!(query.split_whitespace().count(), MAX_QUERY_WORDS);
        assert_eq!(pasted.note.as_deref(), Some("Pasted text cut to 16 words"));
        let mut query = String::new();
        let pasted = paste(&mut query, &format!("{}\nmore", "汉".repeat(300)));
        assert_eq!(query.chars().count(), MAX_QUERY_CHARS);
        assert_eq!(
            pasted.note.as_deref(),
            Some("Pasted text cut at its first line break and to 256 characters")
        );
    }

    #[test]
    fn typing_is_held_to_the_same_caps() {
        let mut query = "x".repeat(MAX_QUERY_CHARS);
        assert!(type_char(&mut query, 'y').is_err());
        let mut query = "a ".repeat(MAX_QUERY_WORDS);
        assert_eq!(type_char(&mut query, ' '), Ok(true));
        assert!(type_char(&mut query, 'b').is_err());
        query.pop();
        query.pop();
        assert_eq!(type_char(&mut query, 'b'), Ok(true), "a word may grow");
        assert_eq!(type_char(&mut query, '\u{7}'), Ok(false));
    }
}
