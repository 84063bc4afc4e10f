//! Writing the personal `notes.ron` for `careguide note ID "text"`,
//! `careguide add-contact ID ROLE NUMBER` and the TUI's `n` and `a`: the
//! only data file careguide ever writes. What is added is checked first
//! (`Addition::checked`: text rules, a number read as people write it and
//! stored in its canonical form). The file is never re-serialised (ron
//! would drop the user's comments): the addition is inserted as a small RON
//! fragment — into the facility's existing `notes: [...]` (or `contacts:
//! [...]`) list in this file, or as a new `(id: ..., notes: [...])` entry
//! at the end of `facilities`.
//! Everything else in the file stays byte for byte. The result must parse
//! before it replaces the file, and the replacement is atomic: a unique
//! temporary file in the same directory, written, synced, renamed over the
//! target, then the directory synced. If the file changed on disk meanwhile,
//! nothing is written.
//!
//! Two careguides writing at once are serialised by an advisory lock on
//! `notes.ron.lock` beside `notes.ron`, held from the read to the rename.
//! The lock is on a file of its own because the rename replaces
//! `notes.ron`'s inode: a lock on the old inode would not stop a second
//! writer that opened the new one. A `notes.ron` that is a symlink (a
//! dotfiles manager's) is written through: the file it points to is
//! replaced, in its own directory, and the link stays a link. A FIFO,
//! socket or device is refused without being opened for reading, and a
//! file that is not UTF-8 text gets the message `careguide check` gives.

use std::fs;
use std::io::{self, Write};
use std::ops::Range;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

use super::Diagnostic;
use super::load::{decode_owned, read_bytes};
use super::locate::{Outline, Seg};
use super::raw::PersonalCity;
use super::validate::{MAX_NAME, MAX_NOTE};

/// The lock file beside `notes.ron`. Never removed: removing it while a
/// second writer waits on it would let a third lock a new file meanwhile.
pub const LOCK_FILE: &str = "notes.ron.lock";

/// How many symlinks `notes.ron` may go through, as the kernel's limit.
const MAX_LINKS: usize = 40;

/// What `notes.ron` looks like before the first note.
const TEMPLATE: &str =
    "// Personal notes: `careguide note ID \"text\"` adds to this file, and you may
// edit it too (comments are kept). A facility entry with a shipped facility's
// id adds its notes and contacts to that facility; `sources: []` means the
// source is you.
(
    facilities: [],
)
";

/// What the user adds to a facility: a note, or a phone number and whose
/// it is. Personal entries need no source: the source is the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Addition {
    Note(String),
    Contact { role: String, phone: String },
}

impl Addition {
    /// The addition as it will be stored, or what is wrong with it in a
    /// sentence: texts trimmed and held to the data rules (no control or
    /// invisible characters, a length limit), the number read as people
    /// write it (`13804710000`, `0471 662 0000`, `+86 …`) and stored in its
    /// canonical international form.
    pub fn checked(self) -> Result<Addition, String> {
        let text = |what: &str, text: String, max: usize| -> Result<String, String> {
            let text = text.trim().to_string();
            if text.is_empty() {
                return Err(format!("the {what} is empty"));
            }
            if let Some((index, c, class)) = crate::text::first_forbidden(&text) {
                return Err(format!(
                    "the {what} contains U+{:04X} ({class}) at character {}; remove it",
                    c as u32,
                    index + 1
                ));
            }
            let len = text.chars().count();
            if len > max {
                return Err(format!(
                    "the {what} is {len} characters long, over the limit of {max}"
                ));
            }
            Ok(text)
        };
        Ok(match self {
            Addition::Note(note) => Addition::Note(text("note", note, MAX_NOTE)?),
            Addition::Contact { role, phone } => {
                let role = text("role", role, MAX_NAME)?;
                let phone = super::phone::PhoneRule::new().read_typed(phone.trim())?;
                Addition::Contact {
                    role,
                    phone: phone.display,
                }
            }
        })
    }

    /// The list the addition goes into.
    fn list(&self) -> &'static str {
        match self {
            Addition::Note(_) => "notes",
            Addition::Contact { .. } => "contacts",
        }
    }

    /// The addition as a RON item of its list.
    fn item(&self) -> String {
        match self {
            Addition::Note(text) => format!("(text: {}, sources: [])", quoted(text)),
            Addition::Contact { role, phone } => format!(
                "(role: {}, phone: {}, confidence: SingleSource, sources: [])",
                quoted(role),
                quoted(phone)
            ),
        }
    }

    /// Whether a facility entry as parsed ends with this addition.
    fn ends(&self, facility: &super::raw::PersonalFacility) -> bool {
        match self {
            Addition::Note(text) => {
                (facility.notes.last()).is_some_and(|n| &n.text == text && n.sources.is_empty())
            }
            Addition::Contact { role, phone } => (facility.contacts.last())
                .is_some_and(|c| &c.role == role && &c.phone == phone && c.sources.is_empty()),
        }
    }
}

/// Why a note was not written.
#[derive(Debug, thiserror::Error)]
pub enum NoteError {
    #[error(
        "{path} does not parse ({message}); fix it first (`careguide check`), nothing was written"
    )]
    Unparsable { path: String, message: String },
    #[error("{0} has no `facilities: [...]` list to add to; add `facilities: [],` to it")]
    NoList(String),
    #[error("{0} changed on disk while careguide was writing it; nothing was written, try again")]
    Changed(String),
    /// The file cannot be read as text: `check`'s diagnostic for it.
    #[error("{0}; nothing was written")]
    Unusable(Box<Diagnostic>),
    #[error("cannot write {0}: {1}")]
    Io(String, io::Error),
}

/// Appends `addition` (checked already) to `facility`'s entry in
/// `notes.ron` in `dir` (created if needed); returns the file's path.
pub fn append(dir: &Path, facility: &str, addition: &Addition) -> Result<PathBuf, NoteError> {
    append_with(dir, facility, addition, |_| Ok(()))
}

/// `append`, with a step run just before the rename: tests make it fail to
/// show that an interrupted write leaves the old file untouched.
pub fn append_with(
    dir: &Path,
    facility: &str,
    addition: &Addition,
    before_rename: impl FnOnce(&Path) -> io::Result<()>,
) -> Result<PathBuf, NoteError> {
    let path = dir.join(super::personal::NOTES_FILE);
    let shown = path.to_string_lossy().into_owned();
    let io_error = |e| NoteError::Io(shown.clone(), e);
    fs::create_dir_all(dir).map_err(io_error)?;
    let _lock = lock(&dir.join(LOCK_FILE)).map_err(io_error)?;
    let target = resolve(&path).map_err(io_error)?;
    let old = read(&target, &shown)?;
    let old_text = match &old {
        Some((_, text)) => text.as_str(),
        None => TEMPLATE,
    };
    let new_text = with_addition(old_text, facility, addition, &shown)?;
    let expected = old.as_ref().map(|(bytes, _)| bytes.as_slice());
    write_atomically(&target, expected, &new_text, before_rename).map_err(|e| match e {
        WriteError::Changed => NoteError::Changed(shown.clone()),
        WriteError::Unusable(d) => NoteError::Unusable(d),
        WriteError::Io(e) => io_error(e),
    })?;
    Ok(path)
}

/// Opens (creating it if needed) and locks the lock file, waiting for
/// another careguide's write to finish. Opened without blocking, so a FIFO
/// put in its place is refused, not waited on.
fn lock(path: &Path) -> io::Result<fs::File> {
    let file = fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .custom_flags(rustix::fs::OFlags::NONBLOCK.bits() as i32)
        .open(path)?;
    if !file.metadata()?.is_file() {
        return Err(io::Error::other(format!(
            "{} is not a regular file",
            path.display()
        )));
    }
    file.lock()?;
    Ok(file)
}

/// The file a write to `path` replaces: `path`, or the file its symlinks
/// lead to (relative links read from the link's directory), which may not
/// exist yet. Replacing the link itself would turn it into a plain file and
/// leave the file it names without the note.
fn resolve(path: &Path) -> io::Result<PathBuf> {
    let mut path = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        match fs::symlink_metadata(&path) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let target = fs::read_link(&path)?;
                path = match path.parent() {
                    Some(parent) => parent.join(target),
                    None => target,
                };
            }
            Ok(_) => return Ok(path),
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(path),
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::other(format!(
        "more than {MAX_LINKS} symbolic links lead from it"
    )))
}

/// The bytes and text of the file at `target`, `None` when it does not
/// exist. Read as the loader reads a data file (a FIFO or device is refused
/// unopened, the size is capped) and decoded as it decodes one, so a BOM or
/// UTF-16 gets `check`'s message, reported under the name the user knows
/// (`shown`, the link when `notes.ron` is one).
fn read(target: &Path, shown: &str) -> Result<Option<(Vec<u8>, String)>, NoteError> {
    let unusable = |mut d: Diagnostic| {
        d.path = shown.to_string();
        NoteError::Unusable(Box::new(d))
    };
    match fs::symlink_metadata(target) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(NoteError::Io(shown.to_string(), e)),
        Ok(_) => {}
    }
    let bytes = read_bytes(target).map_err(unusable)?;
    let text = decode_owned(shown, bytes.clone()).map_err(unusable)?;
    Ok(Some((bytes, text)))
}

fn parse(text: &str, path: &str) -> Result<PersonalCity, NoteError> {
    ron::Options::default()
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
        .from_str(text)
        .map_err(|e| NoteError::Unparsable {
            path: path.to_string(),
            message: crate::text::escape_forbidden(&e.to_string()),
        })
}

/// The file's text with the addition inserted; checked to parse and to
/// hold it where it belongs.
pub fn with_addition(
    text: &str,
    facility: &str,
    addition: &Addition,
    path: &str,
) -> Result<String, NoteError> {
    let parsed = parse(text, path)?;
    let outline = Outline::new(text);
    let list = |path: &[Seg]| {
        outline
            .list(path)
            .filter(|(span, _)| text[span.clone()].starts_with('['))
    };
    let item = addition.item();
    let existing = parsed
        .facilities
        .iter()
        .rposition(|f| f.id == facility)
        .and_then(|i| {
            let path = [
                Seg::Key("facilities"),
                Seg::Index(i),
                Seg::Key(addition.list()),
            ];
            list(&path).map(|list| (i, list))
        });
    let (entry, new) = match existing {
        Some((i, list)) => (i, insert(text, list, &item)),
        None => {
            let list = list(&[Seg::Key("facilities")])
                .ok_or_else(|| NoteError::NoList(path.to_string()))?;
            let entry = format!("(id: {}, {}: [{item}])", quoted(facility), addition.list());
            (parsed.facilities.len(), insert(text, list, &entry))
        }
    };
    let check = parse(&new, path)?;
    let added = (check.facilities.get(entry)).is_some_and(|f| addition.ends(f));
    if !added {
        return Err(NoteError::NoList(path.to_string()));
    }
    Ok(new)
}

/// Inserts `item` as the last element of the list at `span`: on the same
/// line when the list's last item shares the line of its `[`, else on a new
/// line indented like that item; into an empty list, one step in from the
/// list's line.
fn insert(text: &str, (span, items): (Range<usize>, Vec<Range<usize>>), item: &str) -> String {
    let line_start = |offset: usize| text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let indent_at = |offset: usize| {
        text[line_start(offset)..]
            .chars()
            .take_while(|c| *c == ' ' || *c == '\t')
            .collect::<String>()
    };
    let (at, end, fragment) = match items.last() {
        Some(last) if line_start(last.start) == line_start(span.start) => {
            (last.end, last.end, format!(", {item}"))
        }
        Some(last) => (
            last.end,
            last.end,
            format!(",\n{}{item}", indent_at(last.start)),
        ),
        None => {
            let outer = indent_at(span.start);
            let inside = span.start + 1..span.end.saturating_sub(1).max(span.start + 1);
            // Blank space inside `[ ]` is replaced; a comment there stays.
            let end = if text[inside.clone()].trim().is_empty() {
                inside.end
            } else {
                inside.start
            };
            (inside.start, end, format!("\n{outer}    {item},\n{outer}"))
        }
    };
    let mut out = String::with_capacity(text.len() + fragment.len());
    out.push_str(&text[..at]);
    out.push_str(&fragment);
    out.push_str(&text[end..]);
    out
}

enum WriteError {
    Changed,
    Unusable(Box<Diagnostic>),
    Io(io::Error),
}

impl From<io::Error> for WriteError {
    fn from(e: io::Error) -> Self {
        WriteError::Io(e)
    }
}

/// Replaces `path` (not a symlink: `resolve`d) with `text` atomically,
/// unless its bytes are no longer `expected` (`None`: it did not exist).
fn write_atomically(
    path: &Path,
    expected: Option<&[u8]>,
    text: &str,
    before_rename: impl FnOnce(&Path) -> io::Result<()>,
) -> Result<(), WriteError> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    tmp.write_all(text.as_bytes())?;
    if let Ok(meta) = fs::metadata(path) {
        fs::set_permissions(tmp.path(), meta.permissions())?;
    }
    tmp.as_file().sync_all()?;
    before_rename(tmp.path())?;
    // Writers that take the lock cannot get here at once; this catches an
    // editor (or a careguide from before the lock) saving meanwhile.
    let now = match fs::symlink_metadata(path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(e.into()),
        Ok(_) => Some(read_bytes(path).map_err(|d| WriteError::Unusable(Box::new(d)))?),
    };
    if now.as_deref() != expected {
        return Err(WriteError::Changed);
    }
    tmp.persist(path).map_err(|e| e.error)?;
    fs::File::open(dir)?.sync_all()?;
    Ok(())
}
/// `s` as a RON string literal.
fn quoted(s: &str) -> String {
    ron::to_string(s).unwrap_or_else(|_| format!("{s:?}"))
}
