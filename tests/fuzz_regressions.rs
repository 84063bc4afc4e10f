//! Inputs that crashed (or would have crashed) a fuzz target, replayed the
//! way `fuzz/fuzz_targets/load.rs` runs them — `decode`, `parse` and
//! `validate` in each file role, with the same invariants — and through
//! `careguide check`, so each stays fixed. How to fuzz: `fuzz/README.md`.

use std::fs;
use std::time::Duration;

use assert_cmd::Command;
use careguide::data::load::{self, FileRole, SourceFile, embedded_files};
use careguide::data::validate::validate;
use careguide::text::forbidden_class;

const PATH: &str = "fuzz/cities/x.ron";

/// Crash inputs, each with where it came from and what it broke.
const CRASHES: &[(&str, &[u8])] = &[
    // Found by reading `Outline::new` while writing the load target (the
    // target then ran clean): a `#!` attribute with no `]` after it moved
    // the scanner past the end, and slicing there panicked in `decode`, so
    // `careguide check` died with exit 101 on a two-byte file.
    ("attribute without a closing bracket", b"#!"),
    (
        "attribute without a closing bracket, then space",
        b"#![enable(implicit_some)\n ",
    ),
    (
        "two attributes, the second unclosed",
        b"#![enable(unwrap_newtypes)]\n#!",
    ),
];

fn shipped(name: &str, role: FileRole) -> SourceFile {
    let (path, bytes) = embedded_files()
        .find(|(path, _)| *path == name)
        .expect("the shipped data has this file");
    SourceFile {
        path: path.to_string(),
        role,
        text: load::decode(path, bytes).expect("shipped data decodes"),
    }
}

fn clean(s: &str) -> bool {
    s.chars()
        .all(|c| c == '\n' || (!c.is_control() && forbidden_class(c).is_none()))
}

/// What the load target does with one input in one role.
fn replay(bytes: &[u8], role: FileRole) {
    let text = match load::decode(PATH, bytes) {
        Ok(text) => text,
        Err(diagnostic) => {
            assert!(clean(&diagnostic.render(None)), "{diagnostic:?}");
            return;
        }
    };
    let mut files = Vec::new();
    if matches!(role, FileRole::City { .. }) {
        files.push(shipped("specialties.ron", FileRole::Specialties));
    }
    files.push(SourceFile {
        path: PATH.to_string(),
        role,
        text: text.clone(),
    });
    let mut diagnostics = Vec::new();
    let mut parsed = Vec::new();
    for file in files {
        match load::parse(file) {
            Ok(p) => parsed.push(p),
            Err(d) => diagnostics.push(d),
        }
    }
    let (_, rules) = validate(&parsed);
    diagnostics.extend(rules);
    for d in &diagnostics {
        let shown = d.render((d.path == PATH).then_some(text.as_str()));
        assert!(clean(&shown), "{shown:?}");
    }
}

#[test]
fn crash_inputs_load_without_a_panic() {
    for (what, bytes) in CRASHES {
        for role in [
            FileRole::City {
                stem: "x".to_string(),
            },
            FileRole::Specialties,
            FileRole::Emergency,
        ] {
            let result = std::panic::catch_unwind(|| replay(bytes, role.clone()));
            assert!(result.is_ok(), "{what} ({bytes:?}) as {role:?} panicked");
        }
    }
}

#[test]
fn crash_inputs_are_reported_by_check_naming_the_file() {
    let base = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/rules/base");
    for (what, bytes) in CRASHES {
        let dir = tempfile::tempdir().expect("a temp dir");
        fs::create_dir(dir.path().join("cities")).expect("cities/");
        for rel in ["specialties.ron", "emergency.ron", "cities/testville.ron"] {
            fs::copy(format!("{base}/{rel}"), dir.path().join(rel)).expect("copy the base");
        }
        let file = dir.path().join("cities/x.ron");
        fs::write(&file, bytes).expect("write the crash input");
        let output = Command::cargo_bin("careguide")
            .expect("the binary is built")
            .env_remove("CAREGUIDE_DATA")
            .arg("check")
            .arg(dir.path())
            .timeout(Duration::from_secs(60))
            .output()
            .expect("careguide check runs");
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert_eq!(output.status.code(), Some(1), "{what}: {stdout}");
        assert!(
            stdout.contains(&format!("{}:", file.display())),
            "{what}: the file is named: {stdout}"
        );
        assert!(stdout.ends_with("1 city, 1 facility, 2 phone numbers: 1 error, 0 warnings\n"));
    }
}
