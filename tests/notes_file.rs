//! `careguide note ID "text"`: the note is inserted into the personal
//! `notes.ron` without touching anything else (the user's comments and
//! formatting survive: the new file is the old one plus an insertion), the
//! write is atomic (a failure before the rename leaves the old file
//! byte-identical and no temporary file behind), and a file that does not
//! parse, or changed meanwhile, is left alone.

use std::fs;
use std::io;
use std::path::Path;

use assert_cmd::Command;
use careguide::data::notes_file::{self, Addition, NoteError};
use careguide::data::{self, DataSource, Sources};

const HAND_EDITED: &str = r#"// My notes. careguide must keep this comment.
/* and this block comment,
   over two lines */
(
    facilities: [
        // Oasis: the German-speaking doctor.
        (id: "oasis-international", notes: [
            (text: "Dr Li speaks German", sources: []),   // trailing comment
        ]),
        (id: "pumch",   notes: [ (text: "East gate at night", sources: []) ]), // odd spacing kept
    ],
)
"#;

fn note(personal: &Path, id: &str, text: &str) -> assert_cmd::assert::Assert {
    Command::cargo_bin("careguide")
        .expect("binary")
        .env_remove("CAREGUIDE_DATA")
        .arg("--personal")
        .arg(personal)
        .args(["note", id, text])
        .assert()
}

/// `(before, inserted, after)`: the new text split around what was added,
/// where `before + after` is the old text.
fn insertion<'a>(old: &str, new: &'a str) -> (&'a str, &'a str, &'a str) {
    let prefix = old
        .bytes()
        .zip(new.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    let suffix = old[prefix..]
        .bytes()
        .rev()
        .zip(new[prefix..].bytes().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let (before, rest) = new.split_at(prefix);
    let (inserted, after) = rest.split_at(rest.len() - suffix);
    (before, inserted, after)
}

fn notes_of(personal: &Path, id: &str) -> Vec<String> {
    let loaded = data::load_sources(&Sources {
        shipped: DataSource::Embedded,
        personal: Some(personal.to_path_buf()),
        old_personal: None,
    })
    .expect("loads");
    assert_eq!(
        loaded.personal_error_count(),
        0,
        "{}",
        loaded.render_diagnostics()
    );
    let f = loaded.directory.facility(id).expect("facility");
    f.notes
        .iter()
        .filter(|n| n.personal)
        .map(|n| n.text.to_string())
        .collect()
}

#[test]
fn a_note_keeps_the_comments_and_formatting_of_a_hand_edited_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("notes.ron");
    fs::write(&path, HAND_EDITED).expect("write");

    note(dir.path(), "oasis-international", "Ask for the 3rd floor").success();
    let new = fs::read_to_string(&path).expect("read");
    let (before, inserted, after) = insertion(HAND_EDITED, &new);
    assert_eq!(
        format!("{before}{after}"),
        HAND_EDITED,
        "only an insertion:\n{new}"
    );
    assert!(
        inserted.contains("(text: \"Ask for the 3rd floor\", sources: [])"),
        "{inserted:?}"
    );
    assert!(!inserted.contains("//"));
    assert_eq!(
        notes_of(dir.path(), "oasis-international"),
        ["Dr Li speaks German", "Ask for the 3rd floor"]
    );

    let old = new;
    note(
        dir.path(),
        "beijing-united-family",
        "Bring the passport 护照 \"original\"",
    )
    .success();
    let new = fs::read_to_string(&path).expect("read");
    let (before, inserted, after) = insertion(&old, &new);
    assert_eq!(format!("{before}{after}"), old);
    assert!(
        inserted.contains("(id: \"beijing-united-family\""),
        "{inserted:?}"
    );
    assert_eq!(
        notes_of(dir.path(), "beijing-united-family"),
        ["Bring the passport 护照 \"original\""]
    );
    for comment in [
        "// My notes.",
        "/* and this block comment,",
        "// trailing comment",
        "// odd spacing kept",
        "// Oasis: the German",
    ] {
        assert!(new.contains(comment), "{comment} survives");
    }
}

#[test]
fn the_first_note_creates_the_directory_and_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let personal = dir.path().join("careguide");
    note(&personal, "pumch", "Use the east gate")
        .success()
        .stdout(predicates::str::contains("notes.ron"));
    assert_eq!(notes_of(&personal, "pumch"), ["Use the east gate"]);
    note(&personal, "pumch", "Second").success();
    assert_eq!(
        notes_of(&personal, "pumch"),
        ["Use the east gate", "Second"]
    );
}

#[test]
fn an_interrupted_write_leaves_the_old_file_untouched() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("notes.ron");
    fs::write(&path, HAND_EDITED).expect("write");
    let result = notes_file::append_with(
        dir.path(),
        "pumch",
        &Addition::Note("never written".into()),
        |tmp| {
            assert!(tmp.exists(), "the new text is in a temporary file by now");
            Err(io::Error::other("simulated crash before the rename"))
        },
    );
    assert!(matches!(result, Err(NoteError::Io(..))), "{result:?}");
    assert_eq!(fs::read(&path).expect("read"), HAND_EDITED.as_bytes());
    let mut names: Vec<String> = fs::read_dir(dir.path())
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["notes.ron", notes_file::LOCK_FILE],
        "no temporary file left behind (the lock file stays)"
    );
}

#[test]
fn a_file_changed_during_the_write_is_not_overwritten() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("notes.ron");
    fs::write(&path, HAND_EDITED).expect("write");
    let edited = HAND_EDITED.replace("East gate", "West gate");
    let result =
        notes_file::append_with(dir.path(), "pumch", &Addition::Note("mine".into()), |_| {
            fs::write(&path, &edited)
        });
    assert!(matches!(result, Err(NoteError::Changed(_))), "{result:?}");
    assert_eq!(fs::read_to_string(&path).expect("read"), edited);
}

#[test]
fn a_file_that_does_not_parse_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("notes.ron");
    let broken = HAND_EDITED.replace("(id: \"pumch\",   notes:", "(id: \"pumch\"   notes:");
    fs::write(&path, &broken).expect("write");
    note(dir.path(), "pumch", "x")
        .code(2)
        .stderr(predicates::str::contains("does not parse"));
    assert_eq!(fs::read_to_string(&path).expect("read"), broken);
}

#[test]
fn a_facility_is_named_as_people_write_it_and_noted_by_its_id() {
    let dir = tempfile::tempdir().expect("temp dir");
    note(dir.path(), "Oasis", "Bring the passport")
        .success()
        .stdout(predicates::str::contains("oasis-international"));
    note(dir.path(), "北京协和医院", "East gate at night").success();
    assert_eq!(
        notes_of(dir.path(), "oasis-international"),
        ["Bring the passport"]
    );
    assert_eq!(notes_of(dir.path(), "pumch"), ["East gate at night"]);
    note(dir.path(), "oasis internationl", "x")
        .code(2)
        .stderr(predicates::str::contains(
            "did you mean oasis-international",
        ));
}

#[test]
fn unknown_ids_and_bad_text_are_refused_before_writing() {
    let dir = tempfile::tempdir().expect("temp dir");
    note(dir.path(), "no-such-place", "x")
        .code(2)
        .stderr(predicates::str::contains("unknown facility id"));
    note(dir.path(), "pumch", "bad \u{202e} text")
        .code(2)
        .stderr(predicates::str::contains("U+202E"));
    note(dir.path(), "pumch", "   ").code(2);
    assert!(!dir.path().join("notes.ron").exists());
}

fn add_contact(personal: &Path, id: &str, role: &str, number: &str) -> assert_cmd::assert::Assert {
    Command::cargo_bin("careguide")
        .expect("binary")
        .env_remove("CAREGUIDE_DATA")
        .arg("--personal")
        .arg(personal)
        .args(["add-contact", id, role, number])
        .assert()
}

#[test]
fn add_contact_stores_a_number_as_people_dial_it_in_its_international_form() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("notes.ron");
    fs::write(&path, HAND_EDITED).expect("write");
    add_contact(
        dir.path(),
        "oasis-international",
        "Dr Li (mobile)",
        "138 0471 0000",
    )
    .success()
    .stdout(predicates::str::contains(
        "Added +86 138 0471 0000 to \"oasis-international\"",
    ));
    add_contact(dir.path(), "pumch", "Ward", "(0471) 662-0000").success();
    // Insertions only: the comments are all still there.
    let new = fs::read_to_string(&path).expect("read");
    for comment in [
        "careguide must keep this comment",
        "over two lines */",
        "German-speaking",
        "trailing comment",
        "odd spacing kept",
    ] {
        assert!(new.contains(comment), "{comment:?} kept:\n{new}");
    }
    let loaded = data::load_sources(&Sources {
        shipped: DataSource::Embedded,
        personal: Some(dir.path().to_path_buf()),
        old_personal: None,
    })
    .expect("loads");
    assert_eq!(
        loaded.personal_error_count(),
        0,
        "{}",
        loaded.render_diagnostics()
    );
    let mine = |id: &str| -> Vec<(String, String)> {
        let f = loaded.directory.facility(id).expect("facility");
        (f.contacts.iter())
            .filter(|c| c.personal)
            .map(|c| (c.role.to_string(), c.phone.display.to_string()))
            .collect()
    };
    assert_eq!(
        mine("oasis-international"),
        [(
            "Dr Li (mobile)".to_string(),
            "+86 138 0471 0000".to_string()
        )]
    );
    assert_eq!(
        mine("pumch"),
        [("Ward".to_string(), "+86 471 662 0000".to_string())]
    );
    Command::cargo_bin("careguide")
        .expect("binary")
        .env_remove("CAREGUIDE_DATA")
        .arg("--personal")
        .arg(dir.path())
        .arg("check")
        .assert()
        .success();
}

#[test]
fn add_contact_refuses_what_is_not_a_number_before_writing() {
    let dir = tempfile::tempdir().expect("temp dir");
    add_contact(dir.path(), "pumch", "Dr Li", "138 O471 0000")
        .code(2)
        .stderr(predicates::str::contains("the letter \"O\""));
    add_contact(dir.path(), "pumch", "Dr Li", "662 0000")
        .code(2)
        .stderr(predicates::str::contains("needs its area code"));
    add_contact(dir.path(), "pumch", "  ", "+86 138 0471 0000")
        .code(2)
        .stderr(predicates::str::contains("the role is empty"));
    assert!(!dir.path().join("notes.ron").exists());
}
