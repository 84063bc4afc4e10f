//! The personal overlay merged over the shipped data: a personal facility
//! appears in the lists and in search marked personal (and in every
//! export), a personal note attaches to a shipped facility, and a personal
//! file with an error is reported without hiding the shipped data. Plus the
//! overlay's own rules (what a personal entry may not change).

mod support;

use std::path::Path;

use assert_cmd::Command;
use careguide::data::{self, DataSource, Loaded, Sources};
use careguide::search::{Index, Scope, Target};
use careguide::tui::action::{Action, Effect};
use careguide::tui::state::RowTarget;
use careguide::tui::update::jump;
use serde_json::Value;
use support::{apply, go_to, render, state_from, text, type_text};

const MINE: &str = r#"// My own doctors in Hohhot.
(
    id: "hohhot",
    facilities: [
        (
            id: "dr-wang-clinic",
            name: "Dr Wang's clinic",
            name_zh: "王医生诊所",
            kind: Clinic,
            ownership: Private,
            contacts: [
                (role: "Dr Wang (mobile)", phone: "+86 138 0471 0000", confidence: SingleSource, sources: []),
            ],
            verified: "2026-11-20",
        ),
    ],
)
"#;

const NOTES: &str = r#"(
    facilities: [
        (id: "oasis-international", notes: [(text: "Dr Li on the 3rd floor speaks German", sources: [])]),
    ],
)
"#;

fn personal_dir(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).expect("write a personal file");
    }
    dir
}

fn sources(personal: &Path) -> Sources {
    Sources {
        shipped: DataSource::Embedded,
        personal: Some(personal.to_path_buf()),
        old_personal: None,
    }
}

fn load(personal: &Path) -> Loaded {
    data::load_sources(&sources(personal)).expect("loads")
}

/// `load`, whose personal files must have no problem.
fn load_clean(personal: &Path) -> Loaded {
    let loaded = load(personal);
    assert!(
        loaded.personal_diagnostics.is_empty(),
        "{}",
        loaded.render_diagnostics()
    );
    loaded
}

fn careguide(personal: &Path) -> Command {
    let mut cmd = Command::cargo_bin("careguide").expect("binary");
    cmd.env_remove("CAREGUIDE_DATA")
        .env_remove("NO_COLOR")
        .env("CAREGUIDE_PERSONAL", personal);
    cmd
}

fn stdout(cmd: &mut Command) -> String {
    let out = cmd.assert().success().get_output().stdout.clone();
    String::from_utf8(out).expect("UTF-8")
}

#[test]
fn a_personal_facility_appears_in_lists_and_search_marked_personal() {
    let dir = personal_dir(&[("mine.ron", MINE)]);
    let loaded = load_clean(dir.path());
    let shipped = support::shipped();
    assert_eq!(
        loaded.directory.facilities.len(),
        shipped.facilities.len() + 1
    );
    let wang = loaded.directory.facility("dr-wang-clinic").expect("merged");
    assert!(wang.personal && wang.contacts[0].personal);
    assert_eq!(loaded.directory.city_of(wang).id.as_str(), "hohhot");
    assert!(
        wang.contacts[0].sources.is_empty(),
        "its source is personal"
    );

    let mut s = state_from(&sources(dir.path()), 240, 40);
    let hohhot = support::city(&s, "hohhot");
    jump(&mut s, Target::City(hohhot));
    let wang = support::facility(&s, "dr-wang-clinic");
    assert!(s.facilities.rows.contains(&RowTarget::Facility(wang)));
    let screen = text(&render(&s));
    assert!(
        screen.contains("Dr Wang's clinic [personal] 王医生诊所"),
        "{screen}"
    );

    let hits = Index::new(&s.dir).query("wang clinic", &Scope::Global { prefer: None });
    assert_eq!(hits.first().map(|h| h.target), Some(Target::Facility(wang)));
    apply(&mut s, &[Action::GlobalSearch]);
    type_text(&mut s, "wang clinic");
    let screen = text(&render(&s));
    let row = screen
        .lines()
        .find(|l| l.contains("▶ facility"))
        .expect("the selected hit");
    assert!(
        row.contains("Dr Wang's clinic") && row.contains("[personal]"),
        "{row}"
    );

    let effects = apply(&mut s, &[Action::Accept, Action::Edit]);
    let mine = dir.path().join("mine.ron");
    assert_eq!(
        effects,
        [Effect::Edit {
            path: mine,
            line: 6
        }],
        "e opens a personal record even on the embedded data"
    );
    apply(&mut s, &[Action::NextPane, Action::NextPane]);
    let screen = text(&render(&s));
    assert!(screen.contains("+86 138 0471 0000 [personal]"), "{screen}");
}

#[test]
fn every_export_marks_personal_records() {
    let dir = personal_dir(&[("mine.ron", MINE)]);
    let json: Value =
        serde_json::from_str(&stdout(careguide(dir.path()).arg("export"))).expect("JSON");
    let facilities = json["facilities"].as_array().expect("facilities");
    let wang = facilities
        .iter()
        .find(|f| f["id"] == "dr-wang-clinic")
        .expect("exported");
    assert_eq!(wang["personal"], true);
    assert_eq!(wang["contacts"][0]["personal"], true);
    assert!(
        facilities
            .iter()
            .filter(|f| f["id"] != "dr-wang-clinic")
            .all(|f| f["personal"] == false)
    );

    let csv = stdout(careguide(dir.path()).args(["export", "--format", "csv"]));
    assert!(
        csv.lines()
            .next()
            .expect("header")
            .ends_with(",source_url,personal")
    );
    assert!(csv.contains("dr-wang-clinic,Dr Wang's clinic,Hohhot,Dr Wang (mobile),+86 138 0471 0000,single_source,,personal\n"));

    let vcard = stdout(careguide(dir.path()).args(["show", "dr-wang-clinic", "--format", "vcard"]));
    assert!(vcard.contains("Personal entry"), "{vcard}");
    assert!(vcard.contains("[personal]"), "{vcard}");

    let hits: Value = serde_json::from_str(&stdout(careguide(dir.path()).args([
        "search",
        "--json",
        "wang clinic",
    ])))
    .expect("JSON");
    assert_eq!(hits[0]["id"], "dr-wang-clinic");
    assert_eq!(hits[0]["personal"], true);
}

#[test]
fn a_personal_note_attaches_to_a_shipped_facility() {
    let dir = personal_dir(&[("notes.ron", NOTES)]);
    let loaded = load_clean(dir.path());
    let shipped = support::shipped();
    let before = shipped.facility("oasis-international").expect("shipped");
    let after = loaded
        .directory
        .facility("oasis-international")
        .expect("still there");
    assert_eq!(after.notes.len(), before.notes.len() + 1);
    assert_eq!(&after.notes[..before.notes.len()], &before.notes[..]);
    let note = after.notes.last().expect("the note");
    assert_eq!(&*note.text, "Dr Li on the 3rd floor speaks German");
    assert!(note.personal);
    assert!(!after.personal, "the facility stays shipped");
    assert_eq!(loaded.directory.facilities.len(), shipped.facilities.len());

    let mut s = state_from(&sources(dir.path()), 240, 100);
    go_to(&mut s, "oasis-international");
    let screen = text(&render(&s));
    assert!(
        screen.contains("• Dr Li on the 3rd floor speaks German [personal]"),
        "{screen}"
    );
    let shown = stdout(careguide(dir.path()).args(["show", "oasis-international"]));
    assert!(
        shown.contains("  - Dr Li on the 3rd floor speaks German [personal]"),
        "{shown}"
    );
}

#[test]
fn a_personal_file_with_an_error_is_reported_without_hiding_the_shipped_data() {
    let broken = MINE.replace("kind: Clinic,", "kind: Clinic");
    let dir = personal_dir(&[("mine.ron", &broken), ("notes.ron", NOTES)]);
    let loaded = load(dir.path());
    assert!(!loaded.has_errors(), "the shipped data is fine");
    assert_eq!(loaded.personal_error_count(), 1);
    let problem = &loaded.personal_diagnostics[0];
    let path = dir.path().join("mine.ron");
    assert_eq!(
        problem.headline(),
        format!("{}:10:13: error: Expected comma", path.display())
    );
    let shipped = support::shipped();
    assert_eq!(loaded.directory.facilities.len(), shipped.facilities.len());
    assert!(loaded.directory.facility("dr-wang-clinic").is_none());
    let oasis = loaded
        .directory
        .facility("oasis-international")
        .expect("shipped");
    assert!(
        oasis.notes.iter().any(|n| n.personal),
        "the good file still counts"
    );

    let mut s = state_from(&sources(dir.path()), 120, 40);
    let screen = text(&render(&s));
    assert!(
        screen.contains("[personal files left out: 1 error — press D]"),
        "{screen}"
    );
    apply(&mut s, &[Action::Diagnostics]);
    let screen = text(&render(&s));
    assert!(
        screen.contains("mine.ron:10:13: error: Expected comma"),
        "{screen}"
    );

    let out = careguide(dir.path())
        .args(["search", "oasis"])
        .assert()
        .success();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(
        stderr.contains("1 error in your personal files"),
        "{stderr}"
    );
    let out = careguide(dir.path()).arg("check").assert().code(1);
    let report = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(
        report.contains("mine.ron:10:13: error: Expected comma"),
        "{report}"
    );
    assert!(report.contains("personal: 2 files, 1 error"), "{report}");
}

#[test]
fn check_with_a_directory_checks_personal_files_only_when_named() {
    let data = support::data_copy();
    let dir = personal_dir(&[("bad.ron", "(facilities: [(id: \"nowhere\")])")]);
    Command::cargo_bin("careguide")
        .expect("binary")
        .env("CAREGUIDE_PERSONAL", dir.path())
        .env_remove("CAREGUIDE_DATA")
        .arg("check")
        .arg(data.path())
        .assert()
        .code(1);
    Command::cargo_bin("careguide")
        .expect("binary")
        .env_remove("CAREGUIDE_PERSONAL")
        .env_remove("CAREGUIDE_DATA")
        .env("HOME", dir.path())
        .arg("check")
        .arg(data.path())
        .assert()
        .success();
}

/// One personal file's diagnostics, as `line:col: message`.
fn problems(file: &str) -> Vec<String> {
    let dir = personal_dir(&[("p.ron", file)]);
    let loaded = load(dir.path());
    loaded
        .personal_diagnostics
        .iter()
        .map(|d| format!("{}:{}: {}", d.line, d.col, d.message))
        .collect()
}

#[test]
fn the_overlay_rules() {
    assert_eq!(
        problems("(facilities: [(id: \"oasis-international\", name: \"Mine now\")])"),
        [
            "1:49: \"oasis-international\" is a shipped facility: a personal entry can add `notes` and `contacts` to it, not change its `name` (edit the shipped files with `careguide --data DIR`)"
        ]
    );
    assert_eq!(
        problems(
            "(facilities: [(id: \"my-doctor\", name: \"Mine\", kind: Clinic, ownership: Private, verified: \"2026-01-01\")])"
        ),
        [
            "1:20: \"my-doctor\" is not a shipped facility, so it is a new one, and a new facility needs a city: give this file `id: \"<city id>\"`"
        ]
    );
    assert_eq!(
        problems("(id: \"hohhot\", facilities: [(id: \"my-doctor\", notes: [])])"),
        [
            "1:29: \"my-doctor\" is not a shipped facility, so it is a new one, which needs `name`, `kind`, `ownership`, `verified`; to add notes to a shipped facility use its exact id"
        ]
    );
    assert_eq!(
        problems("(id: \"hohhot\", name: \"Huhehaote\")"),
        [
            "1:22: \"hohhot\" is a shipped city: a personal file can add notes and facilities to it, not change its `name`"
        ]
    );
    assert_eq!(
        problems("(id: \"dalian\")"),
        [
            "1:6: \"dalian\" is not a shipped city, so this file makes a new one, which needs a `name`"
        ]
    );
    assert_eq!(
        problems(
            "(id: \"dalian\", name: \"Dalian\", facilities: [(id: \"pumch\", notes: [(text: \"x\", sources: [])])])"
        ),
        Vec::<String>::new(),
        "a new city, and a note on a shipped facility of another city"
    );
    assert_eq!(
        problems("(facilities: [(id: \"pumch\", contacts: [(role: \"x\", phone: \"12\", confidence: Official, sources: [])])])")
            .len(),
        1,
        "a personal number follows the phone rules"
    );
    // The shipped data lists this number once: the merge keeps no holder
    // for such a number, so the overlay must record them all first.
    assert_eq!(
        problems(
            "(facilities: [(id: \"pumch\", contacts: [(role: \"x\", phone: \"+86 10 5985 0333\", confidence: Official, sources: [])])])"
        ),
        [
            "1:59: phone number +86 10 5985 0333 is also listed for \"oasis-international\"; check that both are right"
        ],
        "a personal number checked against every shipped one"
    );
}

/// A record names the file and line it comes from, for `e`: a personal
/// number on a shipped facility names the personal file, not the
/// facility's, and a personal file left out for an error takes no place.
#[test]
fn every_record_names_its_own_file_and_line() {
    let added = r#"(
    facilities: [
        (id: "oasis-international", contacts: [
            (role: "My GP", phone: "+86 138 0471 0000", confidence: SingleSource, sources: []),
        ]),
    ],
)
"#;
    let personal = personal_dir(&[
        // Parses, but a new facility needs a city: left out whole.
        ("a-broken.ron", "(facilities: [(id: \"zz-new\")])"),
        ("b-added.ron", added),
    ]);
    let loaded = load(personal.path());
    assert_eq!(
        loaded.personal_diagnostics.len(),
        1,
        "{}",
        loaded.render_diagnostics()
    );
    let dir = &loaded.directory;
    let origins = dir.cities.iter().map(|c| &c.origin).chain(
        dir.facilities
            .iter()
            .flat_map(|f| std::iter::once(&f.origin).chain(f.contacts.iter().map(|c| &c.origin))),
    );
    assert!(
        origins
            .into_iter()
            .all(|o| !o.file.ends_with("a-broken.ron"))
    );
    let oasis = dir.facility("oasis-international").expect("oasis");
    let beijing = dir.city("beijing").expect("beijing");
    assert!(beijing.origin.file.ends_with("beijing.ron"));
    assert_eq!(oasis.origin.file, beijing.origin.file);
    let (shipped, mine): (Vec<_>, Vec<_>) = oasis.contacts.iter().partition(|c| !c.personal);
    assert!(shipped.iter().all(|c| c.origin.file == beijing.origin.file));
    let [mine] = mine[..] else {
        panic!("one personal number: {mine:?}")
    };
    assert_eq!(
        &*mine.origin.file,
        personal.path().join("b-added.ron").to_string_lossy()
    );
    let number = added.lines().position(|l| l.contains("+86 138 0471 0000"));
    assert_eq!(number.map(|i| i + 1), Some(mine.origin.line));
    for city in &dir.cities {
        let file = &*city.origin.file;
        assert!(
            file.ends_with(&format!("{}.ron", city.id)),
            "{} in {file}",
            city.id
        );
        for &f in &city.facilities {
            let f = &dir.facilities[f];
            assert!(f.personal || f.origin.file == city.origin.file, "{}", f.id);
        }
    }
}

/// Personal files left in their old place are merged and reported as one
/// notice on the loaded result (what the TUI's status can show); config
/// and state files beside them are not data, and alone raise no notice.
#[test]
fn files_in_the_old_place_are_merged_with_a_notice_and_config_files_are_not_data() {
    let old = personal_dir(&[
        ("mine.ron", MINE),
        ("config.ron", "(clipboard: Osc52)"),
        ("state.ron", "not RON at all"),
    ]);
    let new = old.path().join("personal");
    let with_old = |old_personal: Option<&Path>| {
        data::load_sources(&Sources {
            shipped: DataSource::Embedded,
            personal: Some(new.clone()),
            old_personal: old_personal.map(Path::to_path_buf),
        })
        .expect("loads")
    };
    let loaded = with_old(Some(old.path()));
    assert!(
        loaded.personal_diagnostics.is_empty(),
        "{}",
        loaded.render_diagnostics()
    );
    assert!(loaded.directory.facility("dr-wang-clinic").is_some());
    assert_eq!(loaded.personal_file_count, 1);
    let [notice] = loaded.notices.as_slice() else {
        panic!("one notice: {:?}", loaded.notices);
    };
    assert!(
        notice.contains("(mine.ron)") && notice.contains(&new.display().to_string()),
        "{notice}"
    );

    let without = with_old(None);
    assert!(without.notices.is_empty());
    assert!(without.directory.facility("dr-wang-clinic").is_none());

    std::fs::remove_file(old.path().join("mine.ron")).expect("remove");
    let config_only = with_old(Some(old.path()));
    assert!(config_only.notices.is_empty(), "{:?}", config_only.notices);
    assert!(config_only.personal_diagnostics.is_empty());
}

/// A personal record cites the shipped bibliography by id, or nothing (the
/// source is the user); free text is not a source there either.
#[test]
fn personal_records_cite_shipped_sources_by_id_or_nothing() {
    let note = |sources: &str| {
        problems(&format!(
            "(facilities: [(id: \"pumch\", notes: [(text: \"x\", sources: [{sources}])])])"
        ))
    };
    assert_eq!(note(""), Vec::<String>::new());
    assert_eq!(note("\"pumch-medical-care\""), Vec::<String>::new());
    assert_eq!(
        note("\"my friend Li\""),
        ["1:59: unknown source \"my friend Li\"; add it to sources.ron or fix the spelling"]
    );
}
