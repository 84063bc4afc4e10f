//! Loading and checking the data: read the files (embedded or a directory),
//! parse them with ron, validate them into a `Directory`, and collect every
//! diagnostic. The CLI's `check`, the other commands and the TUI all load
//! through `load`, so they agree on what is valid.

pub mod diagnostic;
pub mod load;
pub mod locate;
pub mod phone;
pub mod raw;
pub mod validate;

use std::collections::HashMap;

pub use diagnostic::{Diagnostic, Severity};
pub use load::{DataSource, LoadError};

use crate::model::Directory;

/// The result of loading: the directory (built from every file that parsed)
/// and every problem found, in file order.
#[derive(Debug)]
pub struct Loaded {
    pub directory: Directory,
    pub diagnostics: Vec<Diagnostic>,
    /// File texts by path, for snippets.
    pub texts: HashMap<String, String>,
    pub file_count: usize,
}

impl Loaded {
    pub fn error_count(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }

    pub fn warning_count(&self) -> usize {
        self.diagnostics.len() - self.error_count()
    }

    pub fn has_errors(&self) -> bool {
        self.error_count() > 0
    }

    /// Every diagnostic with its snippet, separated by blank lines.
    pub fn render_diagnostics(&self) -> String {
        self.diagnostics
            .iter()
            .map(|d| d.render(self.texts.get(&d.path).map(String::as_str)))
            .collect::<Vec<_>>()
            .join("\n\n")
    }

    /// `N files, N cities, N facilities, N phone numbers: N errors, N warnings`.
    pub fn summary(&self) -> String {
        let plural =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        format!(
            "{}, {}, {}, {}: {}, {}",
            plural(self.file_count, "file", "files"),
            plural(self.directory.cities.len(), "city", "cities"),
            plural(self.directory.facilities.len(), "facility", "facilities"),
            plural(
                self.directory.phone_count(),
                "phone number",
                "phone numbers"
            ),
            plural(self.error_count(), "error", "errors"),
            plural(self.warning_count(), "warning", "warnings"),
        )
    }
}

/// Reads, parses and validates a data source.
pub fn load(source: &DataSource) -> Result<Loaded, LoadError> {
    let set = load::read_files(source)?;
    let mut diagnostics = set.diagnostics;
    let file_count = set.files.len() + diagnostics.len();
    let texts: HashMap<String, String> = set
        .files
        .iter()
        .map(|f| (f.path.clone(), f.text.clone()))
        .collect();
    let mut parsed = Vec::new();
    for file in set.files {
        match load::parse(file) {
            Ok(p) => parsed.push(p),
            Err(d) => diagnostics.push(d),
        }
    }
    let (directory, mut rules) = validate::validate(&parsed);
    diagnostics.append(&mut rules);
    diagnostics.sort_by(|a, b| (&a.path, a.line, a.col).cmp(&(&b.path, b.line, b.col)));
    Ok(Loaded {
        directory,
        diagnostics,
        texts,
        file_count,
    })
}
