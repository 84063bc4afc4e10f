//! Editing a prompt (a pane's filter or the global search) as a shell
//! line is edited: a caret that `←`/`→`, `Ctrl-a`/`Ctrl-e` move, `Ctrl-u`
//! and `Ctrl-w` (or `Alt-Backspace`) erasing before it. Text goes in at
//! the caret: a typed character, or a paste taken as text — its first line
//! only (the rest is dropped, never run as keys), cleaned of control and
//! invisible characters, and held to the query's caps (`MAX_QUERY_CHARS`
//! characters, `MAX_QUERY_WORDS` words), so a paste of any size is one edit
//! and one search. The caret is kept as the number of characters after it,
//! so text set from elsewhere (a jump's filter) has it at its end.

use crate::search::{MAX_QUERY_CHARS, MAX_QUERY_WORDS};
use crate::tui::action::Action;

/// What an editing action did: whether the text changed (search again),
/// and a status message.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(super) struct Edited {
    pub changed: bool,
    pub note: Option<String>,
}

/// The byte offset of the caret in `text`, `back` characters from its end.
fn caret(text: &str, back: usize) -> usize {
    let chars = text.chars().count();
    (text.char_indices().nth(chars.saturating_sub(back))).map_or(text.len(), |(i, _)| i)
}

/// Where the word before `at` starts (spaces before it skipped).
fn word_start(text: &str, at: usize) -> usize {
    let before = text[..at].trim_end();
    before
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map_or(0, |(i, c)| i + c.len_utf8())
}

/// Applies `action` to the prompt `text` with its caret `back` characters
/// from the end; `None` when the action does not edit a prompt.
pub(super) fn edit(text: &mut String, back: &mut usize, action: &Action) -> Option<Edited> {
    *back = (*back).min(text.chars().count());
    let at = caret(text, *back);
    let cut = |text: &mut String, from: usize| {
        text.replace_range(from..at, "");
        Edited {
            changed: from < at,
            note: None,
        }
    };
    Some(match action {
        Action::Input(c) => match insert(text, at, &c.to_string()) {
            Ok(changed) => Edited {
                changed,
                note: None,
            },
            Err(message) => Edited {
                changed: false,
                note: Some(message),
            },
        },
        Action::Paste(pasted) => paste(text, at, pasted),
        Action::Erase => {
            let from = text[..at].char_indices().next_back().map_or(at, |(i, _)| i);
            cut(text, from)
        }
        Action::EraseWord => cut(text, word_start(text, at)),
        Action::EraseToStart => cut(text, 0),
        Action::CaretLeft => {
            *back = (*back + 1).min(text.chars().count());
            Edited::default()
        }
        Action::CaretRight => {
            *back = back.saturating_sub(1);
            Edited::default()
        }
        Action::CaretStart => {
            *back = text.chars().count();
            Edited::default()
        }
        Action::CaretEnd => {
            *back = 0;
            Edited::default()
        }
        _ => return None,
    })
}

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

/// Inserts typed text at `at`. `Ok(false)` when it is not text (a control
/// or invisible character: dropped), `Err` with the status message when a
/// cap refuses it.
fn insert(query: &mut String, at: usize, typed: &str) -> Result<bool, String> {
    let mut c = typed.chars();
    let (Some(c), None) = (c.next(), c.next()) else {
        return Ok(false);
    };
    if crate::text::forbidden_class(c).is_some() {
        return Ok(false);
    }
    let mut after = query[..at].to_string();
    after.push(c);
    after.push_str(&query[at..]);
    match refused(&query[..at], query.chars().count(), c) {
        Some(cap) => Err(format!("A query takes at most {}", cap.limit())),
        None if after.split_whitespace().count() > MAX_QUERY_WORDS => {
            Err(format!("A query takes at most {}", Cap::Atoms.limit()))
        }
        None => {
            *query = after;
            Ok(true)
        }
    }
}

/// Inserts pasted text into `query` at `at`: up to its first line break,
/// sanitised like data text (control, bidi and invisible characters
/// dropped, tabs and runs of spaces made one space), then as much as the
/// caps allow; the note says what was left out.
fn paste(query: &mut String, at: usize, text: &str) -> Edited {
    let mut lines = text.splitn(2, ['\r', '\n', '\u{85}', '\u{2028}', '\u{2029}']);
    let line = lines.next().unwrap_or_default();
    let more_lines = lines.next().is_some_and(|rest| !rest.trim().is_empty());
    let mut clean = crate::text::sanitize(line);
    let (head, tail) = query.split_at(at);
    let (mut head, tail) = (head.to_string(), tail.to_string());
    // A space before the text still parts it from the word before it.
    if line.starts_with(char::is_whitespace) && !head.is_empty() && !head.ends_with(' ') {
        clean.insert(0, ' ');
    }
    let mut cap = None;
    let before = head.len();
    let tail_chars = tail.chars().count();
    for (chars, c) in (head.chars().count() + tail_chars..).zip(clean.chars()) {
        let words = |h: &str| format!("{h}{c}{tail}").split_whitespace().count();
        let refusal = refused(&head, chars, c)
            .or_else(|| (words(&head) > MAX_QUERY_WORDS).then_some(Cap::Atoms));
        if let Some(refusal) = refusal {
            cap = Some(refusal);
            break;
        }
        head.push(c);
    }
    let changed = head.len() != before;
    *query = head + &tail;
    let mut cuts = Vec::new();
    if more_lines {
        cuts.push("at its first line break".to_string());
    }
    if let Some(cap) = cap {
        cuts.push(format!("to {}", cap.limit()));
    }
    Edited {
        changed,
        note: (!cuts.is_empty()).then(|| format!("Pasted text cut {}", cuts.join(" and "))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A prompt after `actions`: its text, and the text before the caret.
    fn after(text: &str, actions: &[Action]) -> (String, String, Vec<Edited>) {
        let (mut text, mut back) = (text.to_string(), 0);
        let edits = (actions.iter())
            .map(|a| edit(&mut text, &mut back, a).expect("an editing action"))
            .collect();
        let at = caret(&text, back);
        (text.clone(), text[..at].to_string(), edits)
    }

    fn typed(text: &str) -> Vec<Action> {
        text.chars().map(Action::Input).collect()
    }

    #[test]
    fn the_caret_moves_and_text_goes_in_at_it() {
        let mut actions = vec![Action::CaretLeft; 3];
        actions.extend(typed("汉"));
        let (text, before, _) = after("beijing", &actions);
        assert_eq!((text.as_str(), before.as_str()), ("beij汉ing", "beij汉"));
        let mut actions = vec![Action::CaretStart];
        actions.extend(typed("x"));
        actions.extend([Action::CaretEnd, Action::Input('y'), Action::CaretRight]);
        assert_eq!(after("ab", &actions).0, "xaby");
        // Left stops at the start, right at the end.
        let actions = [vec![Action::CaretLeft; 5], typed("<")].concat();
        assert_eq!(after("ab", &actions).0, "<ab");
    }

    #[test]
    fn erasing_like_a_shell() {
        let (text, before, _) = after("kidney stone  ", &[Action::EraseWord]);
        assert_eq!((text.as_str(), before.as_str()), ("kidney ", "kidney "));
        let actions = [Action::CaretLeft, Action::CaretLeft, Action::EraseWord];
        assert_eq!(after("kidney stone", &actions).0, "kidney ne");
        let actions = [Action::CaretLeft, Action::CaretLeft, Action::EraseToStart];
        let (text, before, edits) = after("呼和浩特", &actions);
        assert_eq!((text.as_str(), before.as_str()), ("浩特", ""));
        assert!(edits[2].changed);
        let (text, _, edits) = after("ab", &[Action::CaretStart, Action::Erase]);
        assert_eq!(text, "ab");
        assert!(!edits[1].changed, "nothing before the caret");
        assert_eq!(after("ab", &[Action::Erase]).0, "a");
    }

    #[test]
    fn a_paste_keeps_its_first_line_and_says_so() {
        let paste = |t: &str| Action::Paste(t.to_string());
        let (text, _, edits) = after("", &[paste("Peking Union\re…\r/bei\njjy\nq")]);
        assert_eq!(text, "Peking Union");
        assert!(edits[0].changed);
        assert_eq!(
            edits[0].note.as_deref(),
            Some("Pasted text cut at its first line break")
        );
        // A trailing line break alone cuts nothing worth saying.
        let (text, _, edits) = after("", &[paste("oasis\n")]);
        assert_eq!((text.as_str(), edits[0].note.as_deref()), ("oasis", None));
        // At the caret.
        let (text, before, _) = after("hh", &[Action::CaretLeft, paste("x y")]);
        assert_eq!((text.as_str(), before.as_str()), ("hx yh", "hx y"));
    }

    #[test]
    fn a_paste_is_cleaned_and_capped() {
        let paste = |t: &str| Action::Paste(t.to_string());
        let (text, _, edits) = after("", &[paste(&"b".repeat(100 * 1024))]);
        assert_eq!(text.chars().count(), MAX_QUERY_CHARS);
        assert_eq!(
            edits[0].note.as_deref(),
            Some("Pasted text cut to 256 characters")
        );
        let (text, ..) = after("bei", &[paste(" jing\u{1b}[2J\u{202e}\tx")]);
        assert_eq!(text, "bei jing[2J x");
        let (text, _, edits) = after("", &[paste(&"a ".repeat(MAX_QUERY_WORDS + 5))]);
        assert_eq!(text.split_whitespace().count(), MAX_QUERY_WORDS);
        assert_eq!(
            edits[0].note.as_deref(),
            Some("Pasted text cut to 16 words")
        );
        let (text, _, edits) = after("", &[paste(&format!("{}\nmore", "汉".repeat(300)))]);
        assert_eq!(text.chars().count(), MAX_QUERY_CHARS);
        assert_eq!(
            edits[0].note.as_deref(),
            Some("Pasted text cut at its first line break and to 256 characters")
        );
    }

    #[test]
    fn typing_is_held_to_the_same_caps() {
        let full = "x".repeat(MAX_QUERY_CHARS);
        assert!(after(&full, &[Action::Input('y')]).2[0].note.is_some());
        let words = "a ".repeat(MAX_QUERY_WORDS);
        let (text, _, edits) = after(&words, &typed(" b"));
        assert!(edits[0].changed && !edits[1].changed, "{edits:?}");
        assert!(edits[1].note.is_some());
        assert_eq!(text.split_whitespace().count(), MAX_QUERY_WORDS);
        let (text, ..) = after(&words, &[Action::Erase, Action::Input('b')]);
        assert!(text.ends_with("ab"), "a word may grow: {text:?}");
        // A word put between two others is refused too.
        let actions = [Action::CaretStart, Action::Input('b'), Action::Input(' ')];
        let (_, _, edits) = after(words.trim_end(), &actions);
        assert!(edits[2].note.is_some(), "{edits:?}");
        assert!(!after("", &[Action::Input('\u{7}')]).2[0].changed);
    }
}
