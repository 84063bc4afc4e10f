//! Inputs that crashed (or would have crashed) a fuzz target, replayed the
//! way `fuzz/fuzz_targets/load.rs` runs them — `decode`, `parse` and
//! `validate` in each file role, with the same invariants — and through
//! `careguide check`, so each stays fixed; and hostile queries replayed the
//! way `fuzz/fuzz_targets/query.rs` runs them. Both targets' code is
//! included here, so the ordinary tests build it. How to fuzz:
//! `fuzz/README.md`.

use std::fs;
use std::time::Duration;

use assert_cmd::Command;
use careguide::data::load::FileRole;

#[path = "../fuzz/replay/load.rs"]
mod fuzz_load;
#[path = "../fuzz/replay/query.rs"]
mod fuzz_query;

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

/// What the load target does with one input in one role (its checks of
/// the diagnostics).
fn replay(bytes: &[u8], role: FileRole) {
    let outcome = fuzz_load::load_one(bytes, role);
    fuzz_load::assert_diagnostics_clean(&outcome);
    if let fuzz_load::Outcome::Loaded { directory, .. } = &outcome {
        fuzz_load::assert_model_sanitised(directory);
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
        for rel in [
            "sources.ron",
            "specialties.ron",
            "emergency.ron",
            "cities/testville.ron",
        ] {
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

/// Queries of the shapes the query target probes: fzf operators alone and
/// doubled, escapes, 汉字 and pinyin, combining marks, bidi and control
/// characters, a character nucleo splits into graphemes, and a long run.
const HOSTILE_QUERIES: &[&str] = &[
    "",
    " ",
    "!",
    "'",
    "^",
    "$",
    "|",
    "!^$",
    "^$ | !'",
    "\\ \\!",
    "'hospital$ !beijing ^in",
    "北京 | bjxh",
    "e\u{301}\u{301}\u{301}",
    "\u{202e}abc\u{2066}",
    "\u{1b}[31m\u{7}",
    "🏥\u{200d}🧑\u{200d}⚕\u{fe0f}",
    "क्षि",
];

#[test]
fn hostile_queries_rank_and_draw_without_a_panic() {
    let mut state = fuzz_query::state();
    let long = "ab!^$|".repeat(2_000);
    for query in HOSTILE_QUERIES.iter().copied().chain([long.as_str()]) {
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            fuzz_query::run(&mut state, query)
        }));
        assert!(result.is_ok(), "{query:?} panicked");
    }
}

/// Probe 15 of issue 19: the fuzz workspace did not build (it could not see
/// a patch of the main workspace's), so the targets had not run since. It
/// is its own workspace, which `cargo test` never builds: this does.
#[test]
fn probe_15_the_fuzz_workspace_builds() {
    let manifest = concat!(env!("CARGO_MANIFEST_DIR"), "/fuzz/Cargo.toml");
    let output = std::process::Command::new(env!("CARGO"))
        .args(["check", "--quiet", "--manifest-path", manifest])
        .output()
        .expect("cargo runs");
    assert!(
        output.status.success(),
        "cargo check of fuzz/ failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
}
