//! The commands, one file each, over the library. Each returns the process
//! exit status; errors that stop a command become `careguide: …` on stderr
//! (exit 2). Shared here: choosing the data source, loading a directory that
//! must be valid, and turning a name from the command line (an id, a name
//! or alias in any case, 汉字 or pinyin) into the record it means.

pub mod check;
pub mod completions;
pub mod doctor;
pub mod emergency;
pub mod export;
pub mod init_data;
pub mod man;
pub mod note;
pub mod search;
pub mod show;
pub mod style;

use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;

use anyhow::bail;

use crate::data::{self, DataSource, Sources, personal};
use crate::model::Directory;
use crate::search::{Index, Scope, Target};
use crate::text::{escaped, has_han, pinyin_forms};

/// Writes `text` and a newline to stderr. A closed or broken stderr is
/// ignored: `eprintln!` would panic there, and the process would exit 101
/// instead of the status the command means.
pub fn to_stderr(text: &str) {
    let _ = writeln!(std::io::stderr(), "{text}");
}

/// The data source chosen by `--data` / `$CAREGUIDE_DATA`, else embedded.
pub fn source_from(dir: Option<PathBuf>) -> DataSource {
    dir.map_or(DataSource::Embedded, DataSource::Dir)
}

/// The shipped data source plus the personal directory: `--personal` /
/// `$CAREGUIDE_PERSONAL`, else `personal/` in the platform's config
/// directory, whose old place (the config directory) is then read too.
pub fn sources_from(data: Option<PathBuf>, personal: Option<PathBuf>) -> Sources {
    let old_personal = match personal {
        Some(_) => None,
        None => personal::old_dir(),
    };
    Sources {
        shipped: source_from(data),
        personal: personal.or_else(personal::default_dir),
        old_personal,
    }
}

/// Prints the loader's notices on stderr, one line each.
pub fn print_notices(loaded: &data::Loaded) {
    for notice in &loaded.notices {
        to_stderr(&format!("careguide: notice: {notice}"));
    }
}

/// The `check` command that shows the shipped data's problems: with
/// `--data DIR`, plain `careguide check` would check the embedded data and
/// find nothing. (Personal files' problems show in `careguide check`
/// whatever the data.)
pub fn check_command(sources: &Sources) -> String {
    match &sources.shipped {
        DataSource::Embedded => "careguide check".to_string(),
        DataSource::Dir(dir) => {
            let dir = dir.to_string_lossy();
            let quoted = shlex::try_quote(&dir).map_or_else(|_| escaped(&dir), |q| q.into_owned());
            format!("careguide check {}", crate::text::escape_forbidden(&quoted))
        }
    }
}

/// Loads and validates; data with errors stops the command (exit 2), since
/// an answer from a broken directory could be a wrong phone number. A
/// personal file with errors is left out, with a warning on stderr.
pub fn load_directory(sources: &Sources) -> anyhow::Result<Directory> {
    let loaded = data::load_for_use(sources)?;
    print_notices(&loaded);
    if loaded.has_errors() {
        let n = loaded.error_count();
        bail!(
            "the {} has {n} error{}; run `{}` to see them",
            sources.shipped.describe(),
            if n == 1 { "" } else { "s" },
            check_command(sources)
        );
    }
    let n = loaded.personal_error_count();
    if n > 0 {
        to_stderr(&format!(
            "careguide: warning: {n} error{} in your personal files, which are left out until fixed; run `careguide check` to see them",
            if n == 1 { "" } else { "s" }
        ));
    }
    Ok(loaded.directory)
}

/// A record named on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Record {
    Facility(usize),
    City(usize),
}

/// Which records a name on the command line may point at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wanted {
    City,
    Facility,
    /// A facility first, then a city (`show`).
    Either,
}

impl Wanted {
    /// What the records are called, and what an unknown name is called.
    fn words(self) -> (&'static str, &'static str) {
        match self {
            Wanted::City => ("city", "city"),
            Wanted::Facility => ("facility", "facility id"),
            Wanted::Either => ("facility or city", "id"),
        }
    }
}

/// A name as the command line compares it: lower case, letters and digits
/// only, so `Oasis`, `OASIS` and `hu he hao te` are `oasis` and `huhehaote`.
fn folded(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The names a record answers to: its id, English and 汉字 names, pinyin
/// and aliases, folded.
fn names_of(
    id: &str,
    name: &str,
    zh: Option<&str>,
    pinyin: Option<&str>,
    aliases: &[String],
) -> Vec<String> {
    let generated = zh.filter(|zh| has_han(zh)).map(|zh| pinyin_forms(zh).0);
    let pinyin = pinyin.map(str::to_string).or(generated);
    let mut names = vec![folded(id), folded(name)];
    names.extend(zh.map(folded));
    names.extend(pinyin.as_deref().map(folded));
    names.extend(aliases.iter().map(|a| folded(a)));
    names
}

/// The record `text` names: one with this id; else the one record whose
/// id, name, 汉字 name, pinyin or alias it is, in any case and ignoring
/// spaces and marks. Otherwise an error that names up to three records it
/// may mean (the search index's best hits when nothing matches exactly).
pub fn named(dir: &Directory, text: &str, wanted: Wanted) -> anyhow::Result<Record> {
    let (facilities, cities) = (wanted != Wanted::City, wanted != Wanted::Facility);
    let facility = dir.facilities.iter().position(|f| f.id.as_str() == text);
    let city = dir.cities.iter().position(|c| c.id.as_str() == text);
    match (facility, city) {
        (Some(f), _) if facilities => return Ok(Record::Facility(f)),
        (_, Some(c)) if cities => return Ok(Record::City(c)),
        _ => {}
    }
    let key = folded(text);
    let mut found = Vec::new();
    for (i, f) in dir.facilities.iter().enumerate().filter(|_| facilities) {
        let names = names_of(
            f.id.as_str(),
            &f.name,
            f.name_zh.as_deref(),
            f.pinyin.as_deref(),
            &f.aliases,
        );
        if !key.is_empty() && names.contains(&key) {
            found.push(Record::Facility(i));
        }
    }
    for (i, c) in dir.cities.iter().enumerate().filter(|_| cities) {
        let names = names_of(
            c.id.as_str(),
            &c.name,
            c.name_zh.as_deref(),
            c.pinyin.as_deref(),
            &c.aliases,
        );
        if !key.is_empty() && names.contains(&key) {
            found.push(Record::City(i));
        }
    }
    if let [one] = found[..] {
        return Ok(one);
    }
    let id = |record: &Record| match *record {
        Record::Facility(f) => dir.facilities[f].id.to_string(),
        Record::City(c) => dir.cities[c].id.to_string(),
    };
    if found.len() > 1 {
        let ids: Vec<String> = found.iter().take(3).map(id).collect();
        let what = wanted.words().0;
        bail!(
            "{} names more than one {what}; did you mean {}?",
            escaped(text),
            or_list(&ids)
        );
    }
    // Nothing is called that: what search ranks first for it.
    let index = Index::new(&Arc::new(dir.clone()));
    let scope = if facilities {
        Scope::Global { prefer: None }
    } else {
        Scope::Cities
    };
    let mut ids: Vec<String> = Vec::new();
    // A city whose advice mentions the text is not what was meant.
    for hit in index
        .query(text, &scope)
        .into_iter()
        .filter(|h| !h.by_advice())
    {
        let record = match hit.target {
            Target::Facility(f) | Target::Contact { facility: f, .. } if facilities => {
                Record::Facility(f)
            }
            Target::City(c) if cities => Record::City(c),
            _ => continue,
        };
        let id = id(&record);
        if !ids.contains(&id) {
            ids.push(id);
        }
        if ids.len() == 3 {
            break;
        }
    }
    let unknown = format!("unknown {} {}", wanted.words().1, escaped(text));
    if !ids.is_empty() {
        bail!("{unknown}; did you mean {}?", or_list(&ids));
    }
    match wanted {
        Wanted::City => {
            let known: Vec<&str> = dir.cities.iter().map(|c| c.id.as_str()).collect();
            bail!("{unknown} (known: {})", known.join(", "))
        }
        _ => bail!("{unknown} (`careguide search NAME` prints ids)"),
    }
}

/// `a`, `a or b`, `a, b or c`.
fn or_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

/// The city a `--city` names (`named`), if one is given.
pub fn optional_city(dir: &Directory, name: Option<&str>) -> anyhow::Result<Option<usize>> {
    let Some(name) = name else {
        return Ok(None);
    };
    match named(dir, name, Wanted::City)? {
        Record::City(c) => Ok(Some(c)),
        Record::Facility(_) => bail!("{} is not a city", escaped(name)),
    }
}
