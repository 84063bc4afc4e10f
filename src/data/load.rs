//! Reading the data files — embedded in the binary, or from a directory —
//! and parsing them with ron. File-level problems (size, FIFOs, directories
//! named `x.ron`, and what `decode` finds: BOM, UTF-16, invalid UTF-8,
//! conflict markers, empty files) get their own plain messages instead of
//! ron's confusing ones. Everything is read and parsed before any terminal
//! is touched. Reading never blocks: a FIFO or device is refused before it
//! is opened, and the open itself does not wait.

use std::fs;
use std::io::Read;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

pub use super::decode::decode;
pub(super) use super::decode::decode_owned;
use super::diagnostic::{Diagnostic, display_path, line_col};
pub use super::entries::{Body, Entry, embedded_files, entries};
use super::locate::Outline;
use super::raw::{
    PersonalCity, RawCity, RawEmergencyFile, RawPhraseFile, RawSourceFile, RawSpecialtyFile,
};

/// Files larger than this are refused before they are parsed.
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// Where the data comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DataSource {
    Embedded,
    Dir(PathBuf),
}

impl DataSource {
    pub fn describe(&self) -> String {
        match self {
            DataSource::Embedded => "embedded data".to_string(),
            DataSource::Dir(dir) => format!("directory {}", display_path(&dir.to_string_lossy())),
        }
    }
}

/// Why loading could not even start (exit status 2, not 1).
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("data directory {0} does not exist")]
    Missing(String),
    #[error("{0} is not a directory")]
    NotADirectory(String),
    #[error("cannot read data directory {0}: {1}")]
    Unreadable(String, std::io::Error),
}

/// What a file holds, decided by its place in the tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileRole {
    /// `sources.ron`, the bibliography the other files cite.
    Sources,
    Specialties,
    Emergency,
    /// `rejected.ron`, the ledger of values that must never ship.
    Rejected,
    /// `phrases.ron`, the emergency phrase card.
    Phrases,
    City {
        stem: String,
    },
    /// A file of the personal overlay (`raw::PersonalCity`).
    Personal,
}

/// One file's text, as read.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: String,
    pub role: FileRole,
    pub text: String,
}

/// What ron parsed from one file.
#[derive(Debug)]
pub enum Parsed {
    Sources(RawSourceFile),
    Specialties(RawSpecialtyFile),
    Emergency(RawEmergencyFile),
    Rejected(super::rejected::Ledger),
    Phrases(RawPhraseFile),
    City(Box<RawCity>),
    Personal(Box<PersonalCity>),
}

/// One parsed file, with what locates its values for diagnostics and
/// origins: the outline of its text and where its lines start.
#[derive(Debug)]
pub struct ParsedFile {
    pub path: String,
    pub role: FileRole,
    pub text: String,
    pub content: Parsed,
    pub lines: super::diagnostic::LineIndex,
    pub outline: Outline,
}

/// The files of a data source: those read, and a diagnostic for each that
/// could not be read as text.
#[derive(Debug, Default)]
pub struct FileSet {
    pub files: Vec<SourceFile>,
    pub diagnostics: Vec<Diagnostic>,
    /// Files read through a link that leaves their directory (a personal
    /// `notes.ron` kept with the user's dotfiles): used, but their text is
    /// never shown in a diagnostic's snippet.
    pub linked: Vec<String>,
}

impl FileSet {
    fn add(&mut self, path: String, role: FileRole, bytes: Vec<u8>) {
        match decode_owned(&path, bytes) {
            Ok(text) => self.files.push(SourceFile { path, role, text }),
            Err(diagnostic) => self.diagnostics.push(diagnostic),
        }
    }
}

/// Reads every data file of `source`.
pub fn read_files(source: &DataSource) -> Result<FileSet, LoadError> {
    let mut set = FileSet::default();
    for entry in entries(source)? {
        match entry.read() {
            Ok(text) => set.files.push(SourceFile {
                path: entry.path,
                role: entry.role,
                text,
            }),
            Err(diagnostic) => set.diagnostics.push(diagnostic),
        }
    }
    Ok(set)
}

/// Reads one file without ever blocking (a FIFO is refused, not opened) and
/// without reading more than the size cap.
pub(super) fn read_one(set: &mut FileSet, path: &Path, role: FileRole) {
    let shown = path.to_string_lossy().into_owned();
    match read_bytes(path) {
        Ok(bytes) => set.add(shown, role, bytes),
        Err(diagnostic) => set.diagnostics.push(diagnostic),
    }
}

pub(super) fn read_bytes(path: &Path) -> Result<Vec<u8>, Diagnostic> {
    let shown = path.to_string_lossy().into_owned();
    let fail = |message: String| Diagnostic::error(&shown, 1, 1, message);
    let meta = fs::metadata(path).map_err(|e| fail(format!("cannot read file: {e}")))?;
    if meta.is_dir() {
        return Err(fail("is a directory, not a data file".to_string()));
    }
    if !meta.is_file() {
        return Err(fail(
            "is not a regular file (a FIFO, socket or device?); data files must be plain files"
                .to_string(),
        ));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_large(&shown, meta.len()));
    }
    // One more byte than the file holds, so the read ends without growing.
    let mut bytes = Vec::with_capacity(meta.len() as usize + 1);
    // Opened without blocking, and checked again once open: a FIFO put in
    // the file's place since the check above is refused, not waited on.
    let read = fs::OpenOptions::new()
        .read(true)
        .custom_flags(rustix::fs::OFlags::NONBLOCK.bits() as i32)
        .open(path)
        .and_then(|f| {
            if !f.metadata()?.is_file() {
                return Err(std::io::Error::other("it is no longer a regular file"));
            }
            f.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes)
        });
    match read {
        Err(e) => Err(fail(format!("cannot read file: {e}"))),
        Ok(_) if bytes.len() as u64 > MAX_FILE_BYTES => Err(too_large(&shown, bytes.len() as u64)),
        Ok(_) => Ok(bytes),
    }
}

pub(super) fn too_large(path: &str, len: u64) -> Diagnostic {
    Diagnostic::error(
        path,
        1,
        1,
        format!(
            "file is {len} bytes, over the limit of {MAX_FILE_BYTES} bytes (4 MiB); split it into several files"
        ),
    )
}

/// Parses one file with ron (recursion limit kept, `implicit_some` on).
pub fn parse(file: SourceFile) -> Result<ParsedFile, Diagnostic> {
    parse_keeping(file).map_err(|failed| failed.0)
}

/// `parse`, handing the text back with the diagnostic (for its snippet).
pub(super) fn parse_keeping(file: SourceFile) -> Result<ParsedFile, Box<(Diagnostic, String)>> {
    let options =
        ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME);
    let SourceFile { path, role, text } = file;
    let content = match &role {
        FileRole::Sources => options.from_str(&text).map(Parsed::Sources),
        FileRole::Phrases => options.from_str(&text).map(Parsed::Phrases),
        FileRole::Specialties => options.from_str(&text).map(Parsed::Specialties),
        FileRole::Emergency => options.from_str(&text).map(Parsed::Emergency),
        FileRole::Rejected => options.from_str(&text).map(Parsed::Rejected),
        FileRole::City { .. } => options.from_str(&text).map(|c| Parsed::City(Box::new(c))),
        FileRole::Personal => options
            .from_str(&text)
            .map(|c| Parsed::Personal(Box::new(c))),
    };
    match content {
        Ok(content) => Ok(ParsedFile {
            lines: super::diagnostic::LineIndex::new(&text),
            outline: Outline::new(&text),
            path,
            role,
            text,
            content,
        }),
        Err(e) => Err(Box::new((ron_diagnostic(&path, &text, &e), text))),
    }
}

fn ron_diagnostic(path: &str, text: &str, e: &ron::error::SpannedError) -> Diagnostic {
    let (start, end) = (e.span.start, e.span.end);
    let message = crate::text::escape_forbidden(&e.code.to_string());
    let mut diagnostic = Diagnostic::error(path, start.line, start.col, message);
    let from = super::diagnostic::byte_offset(text, start.line, start.col);
    let to = super::diagnostic::byte_offset(text, end.line, end.col);
    if let (Some(from), Some(to)) = (from, to) {
        // ron's spans may start at the whitespace before the culprit.
        let skipped = text[from..].len() - text[from..].trim_start().len();
        let from = if from + skipped < text.len() {
            from + skipped
        } else {
            from
        };
        let to = to.max(from);
        let (line, col) = line_col(text, from);
        diagnostic.line = line;
        diagnostic.col = col;
        diagnostic = diagnostic.with_span(from..to);
    }
    diagnostic
}
