//! Phone numbers in text, for the checks that no number the research
//! withholds (`data/rejected.ron`) ships and nothing is invented: digit
//! runs in any written form, national digits, the string literals of a RON
//! file, and the ledger itself, read from `data/rejected.ron`.

use std::fs;
use std::path::{Path, PathBuf};

use careguide::data::rejected::{Ledger, TextKind};
use careguide::model::Directory;

/// `data/rejected.ron`, parsed as the loader parses it.
pub fn ledger() -> Ledger {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/rejected.ron");
    let text = fs::read_to_string(&path).expect("data/rejected.ron");
    ron::from_str(&text).expect("data/rejected.ron parses")
}

/// Every number of the ledger: `(as written, why, what it was about)`.
pub fn all_forbidden() -> Vec<(String, String, String)> {
    ledger()
        .numbers
        .into_iter()
        .map(|n| (n.number, format!("{:?}: {}", n.label, n.reason), n.about))
        .collect()
}

/// Every fragment of the ledger that must not appear in a shipped address
/// or website.
pub fn forbidden_texts(kind: TextKind) -> Vec<String> {
    ledger()
        .texts
        .into_iter()
        .filter(|t| t.kind == kind)
        .map(|t| t.text)
        .collect()
}

/// Fragments of the ledger that no string of a data file may hold, with
/// why: addresses, names and `Any` values. Websites are left out: a note may
/// name a domain to say it is not the hospital's.
pub fn forbidden_fragments() -> Vec<(String, String)> {
    ledger()
        .texts
        .into_iter()
        .filter(|t| t.kind != TextKind::Website)
        .map(|t| (t.text, format!("{:?} {:?}: {}", t.kind, t.label, t.reason)))
        .collect()
}

/// An ASCII or full-width digit as ASCII.
pub fn ascii_digit(c: char) -> Option<char> {
    if c.is_ascii_digit() {
        Some(c)
    } else if ('０'..='９').contains(&c) {
        char::from_u32(c as u32 - '０' as u32 + '0' as u32)
    } else {
        None
    }
}

pub fn digits(text: &str) -> String {
    text.chars().filter_map(ascii_digit).collect()
}

/// The national digits of a number: non-digits dropped, then an international
/// prefix `00`, the country code `86` and the trunk prefix `0` stripped, so
/// "0471-5281777", "+86-471-528-1777" and "471 528 1777" all give
/// "4715281777". Short and local numbers keep their digits.
pub fn normalise(number: &str) -> String {
    let all = digits(number);
    let mut rest = all.as_str();
    if let Some(r) = rest.strip_prefix("00") {
        rest = r;
    }
    if let Some(r) = rest.strip_prefix("86")
        && r.len() >= 9
    {
        rest = r;
    }
    rest.trim_start_matches('0').to_string()
}

/// The subscriber part of a geographic national number (area code dropped),
/// so a number written without its area code is caught too. `None` for
/// mobiles, 400/800 numbers and numbers that are already local.
pub fn subscriber(national: &str) -> Option<&str> {
    if national.len() < 9
        || national.starts_with("400")
        || national.starts_with("800")
        || (national.starts_with('1') && !national.starts_with("10"))
    {
        return None;
    }
    let area = if national.starts_with("10") || national.starts_with('2') {
        2
    } else {
        3
    };
    let rest = &national[area..];
    (rest.len() >= 7).then_some(rest)
}

/// The maximal runs of a text made of digits and the separators people put
/// inside phone numbers (space, `-`, `+`, `(`, `)`), as digit strings.
pub fn number_runs(text: &str) -> Vec<String> {
    text.split(|c: char| ascii_digit(c).is_none() && !" -+()".contains(c))
        .map(digits)
        .filter(|d| !d.is_empty())
        .collect()
}

/// One string literal of a data file.
pub struct Literal {
    pub line: usize,
    pub text: String,
}

/// The string literals of a RON text, escapes decoded; comments skipped.
pub fn string_literals(text: &str) -> Vec<Literal> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut line = 1;
    let mut i = 0;
    let at = |i: usize, s: &str| {
        s.chars()
            .enumerate()
            .all(|(k, c)| chars.get(i + k) == Some(&c))
    };
    while i < chars.len() {
        let c = chars[i];
        if c == '\n' {
            line += 1;
            i += 1;
        } else if at(i, "//") {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if at(i, "/*") {
            let mut depth = 0;
            while i < chars.len() {
                if at(i, "/*") {
                    depth += 1;
                    i += 2;
                } else if at(i, "*/") {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    if chars[i] == '\n' {
                        line += 1;
                    }
                    i += 1;
                }
            }
        } else if c == 'r'
            && (i == 0 || !(chars[i - 1].is_alphanumeric() || chars[i - 1] == '_'))
            && matches!(chars.get(i + 1), Some('"' | '#'))
        {
            // Raw string r"..." or r#"..."#.
            let mut j = i + 1;
            let mut hashes = 0;
            while chars.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if chars.get(j) != Some(&'"') {
                i += 1;
                continue;
            }
            let close: String = std::iter::once('"')
                .chain(std::iter::repeat_n('#', hashes))
                .collect();
            let start_line = line;
            let mut s = String::new();
            j += 1;
            while j < chars.len() && !at(j, &close) {
                if chars[j] == '\n' {
                    line += 1;
                }
                s.push(chars[j]);
                j += 1;
            }
            out.push(Literal {
                line: start_line,
                text: s,
            });
            i = j + close.chars().count();
        } else if c == '"' || c == '\'' {
            let quote = c;
            let start_line = line;
            let mut s = String::new();
            i += 1;
            while i < chars.len() && chars[i] != quote {
                if chars[i] == '\\' && i + 1 < chars.len() {
                    i += 1;
                    match chars[i] {
                        'n' => s.push('\n'),
                        't' => s.push('\t'),
                        'r' => s.push('\r'),
                        '0' => s.push('\0'),
                        'u' if chars.get(i + 1) == Some(&'{') => {
                            let end = (i + 2..chars.len())
                                .find(|&k| chars[k] == '}')
                                .unwrap_or(chars.len());
                            let hex: String = chars[i + 2..end].iter().collect();
                            if let Some(ch) =
                                u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32)
                            {
                                s.push(ch);
                            }
                            i = end;
                        }
                        'x' => {
                            let hex: String =
                                chars[i + 1..(i + 3).min(chars.len())].iter().collect();
                            if let Some(ch) =
                                u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32)
                            {
                                s.push(ch);
                            }
                            i += 2;
                        }
                        '\n' => line += 1,
                        other => s.push(other),
                    }
                } else {
                    if chars[i] == '\n' {
                        line += 1;
                    }
                    s.push(chars[i]);
                }
                i += 1;
            }
            i += 1;
            if quote == '"' {
                out.push(Literal {
                    line: start_line,
                    text: s,
                });
            }
        } else {
            i += 1;
        }
    }
    out
}

/// Every file under `dir`, recursively, sorted.
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let entries = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read directory {}: {e}", dir.display()));
    for entry in entries {
        let path = entry.expect("directory entry").path();
        if path.is_dir() {
            out.extend(files_under(&path));
        } else {
            out.push(path);
        }
    }
    out.sort();
    out
}

/// The text pieces of a data file to scan: string literals for RON files,
/// every line for anything else.
pub fn scannable(path: &str, text: &str) -> Vec<Literal> {
    if path.ends_with(".ron") {
        string_literals(text)
    } else {
        text.lines()
            .enumerate()
            .map(|(n, l)| Literal {
                line: n + 1,
                text: l.to_string(),
            })
            .collect()
    }
}

/// Whether `text` holds the forbidden number `national`: its digits (or, for
/// a geographic number, its subscriber digits) inside the digits of the text;
/// a short number must be a whole digit group.
pub fn holds(text: &str, national: &str) -> Option<&'static str> {
    if national.len() < 7 {
        let groups: Vec<String> = text
            .split(|c: char| ascii_digit(c).is_none())
            .map(digits)
            .collect();
        return groups
            .iter()
            .any(|g| normalise(g) == national)
            .then_some("as a whole number");
    }
    let all = digits(text);
    if all.contains(national) {
        Some("with its area code")
    } else if subscriber(national).is_some_and(|s| all.contains(s)) {
        Some("as its subscriber number (area code dropped)")
    } else {
        None
    }
}

/// Violations of the forbidden lists in one file's text: numbers, and the
/// fragments of `forbidden_fragments`.
/// `shown` names the file in messages; `path` decides how it is scanned.
pub fn forbidden_in_text(shown: &str, path: &str, text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let fragments = forbidden_fragments();
    for literal in scannable(path, text) {
        let lower = literal.text.to_lowercase();
        for (fragment, why) in &fragments {
            if lower.contains(&fragment.to_lowercase()) {
                found.push(format!(
                    "{shown}:{}: {fragment:?} ({why}) appears in {:?}",
                    literal.line, literal.text
                ));
            }
        }
        for (written, label, list) in all_forbidden() {
            let national = normalise(&written);
            if let Some(how) = holds(&literal.text, &national) {
                found.push(format!(
                    "{shown}:{}: {written} ({label}; {list}; digits {national}) appears {how} in {:?}",
                    literal.line, literal.text
                ));
            }
        }
    }
    found
}

/// Every phone number of a directory with where it is: `(place, display, e164)`.
pub fn shipped_numbers(directory: &Directory) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    for f in &directory.facilities {
        for c in &f.contacts {
            out.push((
                format!(
                    "facility {} contact {:?} ({}:{})",
                    f.id, c.role, &*c.origin.file, c.origin.line
                ),
                c.phone.display.to_string(),
                c.phone.e164.to_string(),
            ));
        }
    }
    for e in &directory.emergency {
        out.push((
            format!("nationwide emergency number {:?}", e.label),
            e.number.display.to_string(),
            e.number.e164.to_string(),
        ));
    }
    for city in &directory.cities {
        for e in &city.emergency {
            out.push((
                format!("city {} emergency number {:?}", city.id, e.label),
                e.number.display.to_string(),
                e.number.e164.to_string(),
            ));
        }
    }
    out
}
