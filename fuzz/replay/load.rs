//! One input loaded as one data file, the way a file from a `--data`
//! directory is (`decode`, `parse`, `validate`), in a given role: a city
//! file beside the shipped `sources.ron` and `specialties.ron` it refers
//! to, `specialties.ron`, or `emergency.ron` beside `sources.ron`. Shared by the `load` fuzz target and
//! `tests/fuzz_regressions.rs` (both include this file), so a replayed
//! crash input runs exactly what the fuzzer ran.

use careguide::data::Diagnostic;
use careguide::data::load::{self, FileRole, SourceFile, embedded_files};
use careguide::data::validate;
use careguide::export::Selection;
use careguide::export::json::DirectoryJson;
use careguide::model::Directory;
use careguide::text::forbidden_class;
use serde_json::Value;

/// Where the input file claims to be.
pub const PATH: &str = "fuzz/cities/x.ron";

/// What loading one input gave.
pub enum Outcome {
    /// Not text: the loader's one diagnostic.
    Undecodable(Diagnostic),
    Loaded {
        text: String,
        directory: Directory,
        diagnostics: Vec<Diagnostic>,
    },
}

/// The shipped file of a role, as the loader would read it.
fn shipped(name: &str, role: FileRole) -> SourceFile {
    let (path, bytes) = embedded_files()
        .find(|(path, _)| *path == name)
        .expect("the shipped data has this file");
    let text = load::decode(path, bytes).expect("shipped data decodes");
    SourceFile {
        path: path.to_string(),
        role,
        text,
    }
}

/// Loads `bytes` as the data file at `PATH` in `role`.
pub fn load_one(bytes: &[u8], role: FileRole) -> Outcome {
    let text = match load::decode(PATH, bytes) {
        Ok(text) => text,
        Err(diagnostic) => return Outcome::Undecodable(diagnostic),
    };
    let mut files = Vec::new();
    if matches!(role, FileRole::City { .. } | FileRole::Emergency) {
        // Their records cite the shipped sources.
        files.push(shipped("sources.ron", FileRole::Sources));
    }
    if matches!(role, FileRole::City { .. }) {
        // A city's facilities refer to the shipped specialties.
        files.push(shipped("specialties.ron", FileRole::Specialties));
    }
    files.push(SourceFile {
        path: PATH.to_string(),
        role,
        text: text.clone(),
    });
    let mut parsed = Vec::new();
    let mut diagnostics = Vec::new();
    for file in files {
        match load::parse(file) {
            Ok(p) => parsed.push(p),
            Err(d) => diagnostics.push(d),
        }
    }
    let (directory, rules) = validate(parsed);
    diagnostics.extend(rules);
    Outcome::Loaded {
        text,
        directory,
        diagnostics,
    }
}

/// No control or otherwise forbidden character (newlines allowed where
/// `newlines`).
pub fn clean(s: &str, newlines: bool) -> bool {
    s.chars()
        .all(|c| (newlines && c == '\n') || (!c.is_control() && forbidden_class(c).is_none()))
}

/// Every diagnostic of `outcome` renders, with its snippet, without
/// control characters.
pub fn assert_diagnostics_clean(outcome: &Outcome) {
    match outcome {
        Outcome::Undecodable(diagnostic) => {
            let shown = diagnostic.render(None);
            assert!(clean(&shown, true), "{shown:?}");
        }
        Outcome::Loaded {
            text, diagnostics, ..
        } => {
            for d in diagnostics {
                let shown = d.render((d.path == PATH).then_some(text.as_str()));
                assert!(clean(&shown, true), "{shown:?}");
            }
        }
    }
}

/// Every string of the model, except ids, passed the sanitiser: the JSON
/// export shows every text of the model, a facility's own (names, aliases,
/// address, website) included.
pub fn assert_model_sanitised(directory: &Directory) {
    let all = DirectoryJson::new(Selection::all(directory));
    let model = serde_json::to_value(&all).expect("the model serialises");
    assert_sanitised(&model, "");
}

fn assert_sanitised(value: &Value, key: &str) {
    match value {
        Value::String(s) if key != "id" && key != "city" => {
            assert!(
                clean(s, false),
                "{key}: {s:?} reached the model unsanitised"
            );
        }
        Value::Array(items) => items.iter().for_each(|v| assert_sanitised(v, key)),
        Value::Object(map) => map.iter().for_each(|(k, v)| assert_sanitised(v, k)),
        _ => {}
    }
}
