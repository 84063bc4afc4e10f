//! The scriptable CLI through the real binary (assert_cmd): exit codes 0/1/2,
//! stdout and stderr of every command; `search --json` against the TUI's
//! global search called in-process; JSON, CSV and vCard output parsed back
//! (the vCard by the independent `vcard4` parser); a closed pipe; and insta
//! snapshots of every `--help` and of `careguide emergency --city beijing`.

use std::collections::BTreeSet;
use std::io::Read;
use std::process::{Command as StdCommand, Stdio};

use assert_cmd::Command;
use careguide::data::{self, DataSource};
use careguide::model::Directory;
use careguide::search::{Index, Scope, Target};
use predicates::prelude::*;
use serde::Deserialize;
use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_careguide");

/// The binary with the environment that could change its output removed.
fn careguide() -> Command {
    let mut cmd = Command::new(BIN);
    cmd.env_remove("CAREGUIDE_DATA")
        .env_remove("CAREGUIDE_CLIPBOARD")
        .env_remove("NO_COLOR")
        .env("CAREGUIDE_PERSONAL", "/nonexistent/careguide-personal");
    cmd
}

fn shipped() -> Directory {
    let loaded = data::load(&DataSource::Embedded).expect("embedded data loads");
    assert!(!loaded.has_errors(), "{}", loaded.render_diagnostics());
    loaded.directory
}

/// stdout of a command that must succeed with nothing on stderr.
fn stdout_of(args: &[&str]) -> String {
    let out = careguide()
        .args(args)
        .assert()
        .success()
        .stderr("")
        .get_output()
        .clone();
    String::from_utf8(out.stdout).expect("stdout is UTF-8")
}

fn search_json(args: &[&str]) -> Vec<Value> {
    let mut all = vec!["search", "--json"];
    all.extend(args);
    let text = stdout_of(&all);
    serde_json::from_str(&text).expect("search --json prints one JSON array")
}

/// `(kind, id)` of a hit as the CLI names it: a contact by its facility.
fn kind_and_id(dir: &Directory, target: Target) -> (String, String) {
    let id = match target {
        Target::City(c) => dir.cities[c].id.to_string(),
        Target::Facility(f) | Target::Contact { facility: f, .. } => {
            dir.facilities[f].id.to_string()
        }
        Target::Specialty(s) => dir.specialties[s].id.to_string(),
    };
    (target.kind_label().to_string(), id)
}

fn json_kind_and_id(hit: &Value) -> (String, String) {
    let s = |key: &str| {
        hit[key]
            .as_str()
            .unwrap_or_else(|| panic!("{key} in {hit}"))
            .to_string()
    };
    (s("kind"), s("id"))
}

// ---------------------------------------------------------------- search

#[test]
fn search_json_ranks_exactly_as_the_tui_global_search() {
    let dir = std::sync::Arc::new(shipped());
    let index = Index::new(&dir);
    for query in ["kidney", "呼和", "oasis", "xiehe"] {
        let tui: Vec<(String, String)> = index
            .query(query, &Scope::Global { prefer: None })
            .iter()
            .map(|hit| kind_and_id(&dir, hit.target))
            .collect();
        let cli: Vec<(String, String)> =
            search_json(&[query]).iter().map(json_kind_and_id).collect();
        assert!(!tui.is_empty(), "{query}: no hits in the TUI");
        assert_eq!(cli, tui, "{query}: CLI and TUI disagree");
    }
}

#[test]
fn search_prints_aligned_lines_and_exits_0() {
    let text = stdout_of(&["search", "oasis"]);
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].starts_with("facility"), "{text}");
    assert!(lines[0].contains("oasis-international"), "{text}");
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("contact") && l.contains("+86 10 5985 0333"))
    );
    // The id column starts at the same place on every line.
    let id_columns: BTreeSet<usize> = lines
        .iter()
        .filter_map(|l| l.find("oasis-international"))
        .collect();
    assert!(
        lines
            .iter()
            .filter(|l| l.contains("oasis-international"))
            .count()
            >= 2
    );
    assert_eq!(id_columns.len(), 1, "{text}");
    // No colour is written when stdout is not a terminal.
    assert!(!text.contains('\u{1b}'));
    // 汉字 are two cells wide: columns after them still line up.
    let text = stdout_of(&["search", "呼和"]);
    let city_columns: BTreeSet<usize> = text
        .lines()
        .filter(|l| l.starts_with("facility"))
        .filter_map(|l| {
            let at = l.rfind("  hohhot")?;
            Some(unicode_width::UnicodeWidthStr::width(&l[..at]))
        })
        .collect();
    assert_eq!(city_columns.len(), 1, "{text}");
}

#[test]
fn search_without_hits_exits_1() {
    careguide()
        .args(["search", "qqqzzzxxjj"])
        .assert()
        .code(1)
        .stdout("")
        .stderr("");
    careguide()
        .args(["search", "--json", "qqqzzzxxjj"])
        .assert()
        .code(1)
        .stdout("[]\n")
        .stderr("");
}

/// `args` run in a pseudo-terminal (util-linux `script`) with `$COLUMNS`:
/// its exit status and everything it wrote there, stdout and stderr.
fn on_a_terminal(columns: usize, args: &str) -> (Option<i32>, String) {
    let out = StdCommand::new("script")
        .args(["-qec", &format!("'{BIN}' {args}"), "/dev/null"])
        .env("COLUMNS", columns.to_string())
        .env("CAREGUIDE_PERSONAL", "/nonexistent/careguide-personal")
        .env("NO_COLOR", "1")
        .env_remove("CAREGUIDE_DATA")
        .env("SHELL", "/bin/sh")
        .output()
        .expect("script runs");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).replace("\r\n", "\n"),
    )
}

#[test]
fn on_a_terminal_no_hit_says_so_and_rows_fit_the_width() {
    let (code, text) = on_a_terminal(80, "search qqqzzzxxjj");
    assert_eq!(code, Some(1), "{text}");
    assert_eq!(text.trim(), "no match");
    for columns in [80, 100] {
        let (code, text) = on_a_terminal(columns, "search hospital");
        assert_eq!(code, Some(0), "{text}");
        let lines: Vec<&str> = text.lines().filter(|l| !l.is_empty()).collect();
        assert!(lines.len() > 5, "{text}");
        for line in &lines {
            let width = unicode_width::UnicodeWidthStr::width(*line);
            assert!(width <= columns, "{width} > {columns}: {line:?}");
        }
        // Ids are never cut.
        assert!(lines.iter().any(|l| l.contains(" imph ")), "{text}");
    }
}

#[test]
fn a_facility_s_emergency_line_is_listed_before_its_other_numbers() {
    let text = stdout_of(&["search", "oasis"]);
    let er = text.find("+86 10 5985 0333").expect("the ER number");
    let hotline = text.find("+86 400 876 2747").expect("the hotline");
    assert!(er < hotline, "{text}");
}

#[test]
fn search_json_has_the_documented_fields() {
    let hits = search_json(&["oasis"]);
    let common = [
        "kind", "id", "name", "name_zh", "city", "via", "score", "personal",
    ];
    let mut seen_contact = false;
    for hit in &hits {
        let keys: BTreeSet<&str> = hit
            .as_object()
            .expect("object")
            .keys()
            .map(String::as_str)
            .collect();
        let mut expected: BTreeSet<&str> = common.into_iter().collect();
        if hit["kind"] == "contact" {
            seen_contact = true;
            expected.extend(["role", "phone", "facility"]);
            assert_eq!(hit["facility"], hit["id"]);
        }
        assert_eq!(keys, expected, "{hit}");
    }
    assert!(seen_contact);
    let er = hits
        .iter()
        .find(|h| h["phone"] == "+86 10 5985 0333")
        .expect("the Oasis ER number is a hit");
    assert_eq!(er["id"], "oasis-international");
    assert_eq!(er["city"], "beijing");
}

#[test]
fn search_filters_keep_the_ranking_order() {
    let all: Vec<Value> = search_json(&["hospital"]);
    let beijing: Vec<Value> = search_json(&["hospital", "--city", "beijing"]);
    let expected: Vec<&Value> = all.iter().filter(|h| h["city"] == "beijing").collect();
    assert!(!beijing.is_empty());
    assert_eq!(beijing.iter().collect::<Vec<_>>(), expected);

    let limited = search_json(&["hospital", "--city", "beijing", "--limit", "2"]);
    assert_eq!(limited[..], beijing[..2]);

    let dir = shipped();
    let county = search_json(&["hospital", "--kind", "county-hospital"]);
    assert!(!county.is_empty());
    for hit in county {
        let f = dir
            .facility(hit["id"].as_str().expect("id"))
            .expect("a facility");
        assert_eq!(f.kind, careguide::model::Kind::CountyHospital);
    }
    let urology = search_json(&["hospital", "--specialty", "urology"]);
    assert!(!urology.is_empty());
    for hit in urology {
        let f = dir
            .facility(hit["id"].as_str().expect("id"))
            .expect("a facility");
        assert!(
            f.specialties
                .iter()
                .any(|s| dir.specialties[s.index].id.as_str() == "urology"),
            "{}",
            f.id
        );
    }
}

#[test]
fn unknown_city_or_specialty_exits_2_with_an_escaped_message() {
    careguide()
        .args(["search", "kidney", "--city", "atlantis"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::starts_with(
            "careguide: unknown city \"atlantis\"",
        ));
    let out = careguide()
        .args(["search", "kidney", "--city", "evil\u{1b}[31mred"])
        .assert()
        .code(2)
        .get_output()
        .clone();
    let stderr = String::from_utf8(out.stderr).expect("UTF-8");
    assert!(
        stderr.starts_with(r#"careguide: unknown city "evil\u{1b}[31mred""#),
        "{stderr}"
    );
    assert!(!stderr.contains('\u{1b}'));
    careguide()
        .args(["search", "kidney", "--specialty", "astrology"])
        .assert()
        .code(2)
        .stderr("careguide: unknown specialty \"astrology\"\n");
    careguide()
        .args(["search", "kidney", "--kind", "castle"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("invalid value 'castle'"));
}

#[test]
fn broken_data_exits_2_and_names_the_problem() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir(dir.path().join("cities")).expect("mkdir");
    std::fs::write(dir.path().join("cities/broken.ron"), "(id: \"broken\",").expect("write");
    careguide()
        .args(["search", "kidney", "--data"])
        .arg(dir.path())
        .assert()
        .code(2)
        .stdout("")
        .stderr(
            predicate::str::starts_with("careguide: the directory")
                .and(predicate::str::contains("careguide check")),
        );
}

#[test]
fn a_broken_stderr_keeps_the_exit_status() {
    // stderr is a pipe whose reader has gone: writing the error fails with
    // EPIPE. The status must still be the command's own (2: cannot run,
    // 1: invalid data), never a panic's 101.
    let bad = tempfile::tempdir().expect("temp dir");
    std::fs::write(bad.path().join("specialties.ron"), "(").expect("writes");
    for (args, code) in [
        (r#""$0" --data /nonexistent/careguide-data search x"#, 2),
        (r#""$0" --data "$1" search x"#, 2),
        (r#""$0" --data "$1""#, 1),
    ] {
        let script =
            format!("{{ sleep 0.3; {args}; }} 2>&1 >/dev/null | true; exit ${{PIPESTATUS[0]}}");
        let out = StdCommand::new("bash")
            .args(["-c", &script, BIN])
            .arg(bad.path())
            .env_remove("CAREGUIDE_DATA")
            .env("CAREGUIDE_PERSONAL", "/nonexistent/careguide-personal")
            .output()
            .expect("bash runs");
        assert_eq!(out.status.code(), Some(code), "{args}: {out:?}");
    }
}

#[test]
fn a_closed_pipe_exits_0_quietly() {
    // The acceptance case, as a shell runs it.
    let out = StdCommand::new("bash")
        .args([
            "-c",
            r#"set -o pipefail; "$0" search kidney | head -1"#,
            BIN,
        ])
        .env_remove("CAREGUIDE_DATA")
        .output()
        .expect("bash runs");
    assert!(out.status.success(), "{out:?}");
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 1);
    assert_eq!(out.stderr, b"");
    // The reader gone before the first write: the write fails with EPIPE.
    for args in [
        &["search", "kidney"][..],
        &["export", "--format", "csv"][..],
    ] {
        let mut child = StdCommand::new(BIN)
            .args(args)
            .env_remove("CAREGUIDE_DATA")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawns");
        drop(child.stdout.take());
        let status = child.wait().expect("exits");
        let mut stderr = String::new();
        child
            .stderr
            .take()
            .expect("stderr")
            .read_to_string(&mut stderr)
            .expect("reads");
        assert!(status.success(), "{args:?}: {status:?} {stderr}");
        assert_eq!(stderr, "", "{args:?}");
    }
}

// ---------------------------------------------------------------- show

#[test]
fn show_a_facility_as_text_is_the_card_plus_every_source() {
    let dir = shipped();
    let oasis = dir
        .facilities
        .iter()
        .position(|f| f.id.as_str() == "oasis-international")
        .expect("oasis");
    let text = stdout_of(&["show", "oasis-international"]);
    assert!(
        text.starts_with(&careguide::card::card_text(&dir, oasis)),
        "{text}"
    );
    for c in &dir.facilities[oasis].contacts {
        assert!(text.contains(&format!(
            "{}: {} ({})",
            c.role,
            c.phone.display,
            c.confidence.label()
        )));
        for s in c.sources.iter() {
            assert!(
                text.contains(&s.title) && text.contains(s.locator()),
                "{}",
                s.id
            );
        }
    }
    assert!(text.contains("Address (single source)"));
}

#[test]
fn show_a_facility_as_json_and_vcard() {
    let text = stdout_of(&["show", "oasis-international", "--format", "json"]);
    // A `Facility` with its `bibliography` added: every source it cites.
    let mut shown: Value = serde_json::from_str(&text).expect("JSON");
    let bibliography = shown
        .as_object_mut()
        .and_then(|o| o.remove("bibliography"))
        .expect("a bibliography");
    let bibliography: Vec<SourceDoc> =
        serde_json::from_value(bibliography).expect("the documented Source");
    let facility: FacilityDoc = serde_json::from_value(shown).expect("the documented Facility");
    for id in facility.contacts.iter().flat_map(|c| &c.sources) {
        assert!(bibliography.iter().any(|s| &s.id == id), "{id}");
    }
    assert_eq!(facility.id, "oasis-international");
    assert_eq!(&*facility.contacts[0].phone.e164, "+861059850333");
    assert_eq!(facility.contacts[0].confidence, ConfidenceDoc::Official);
    // Unknown values are null, never left out: the keys are the schema's,
    // in its order (a reordering is a change consumers can see).
    let value: Value = serde_json::from_str(&text).expect("JSON");
    let keys: Vec<&str> = text
        .lines()
        .filter_map(|l| l.strip_prefix("  \"")?.split_once("\": "))
        .map(|(key, _)| key)
        .collect();
    assert_eq!(
        keys,
        [
            "id",
            "name",
            "name_zh",
            "pinyin",
            "aliases",
            "kind",
            "ownership",
            "grade",
            "specialties",
            "contacts",
            "address",
            "website",
            "notes",
            "sources",
            "verified",
            "city",
            "personal",
            "bibliography",
        ]
    );
    // The keys of the first object under `key`, which ends at `end`.
    let first = |key: &str, end: &str| {
        let at = text.find(&format!("\"{key}\": ")).expect("the key");
        let after = &text[at + key.len() + 4..];
        after[..after.find(end).expect("its end")]
            .lines()
            .filter_map(|l| l.trim_start().strip_prefix('"')?.split_once("\": "))
            .map(|(key, _)| key)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        first("address", "\n  }"),
        ["en", "zh", "confidence", "sources"]
    );
    assert_eq!(first("specialties", "\n    }"), ["id", "note", "sources"]);
    assert_eq!(value["name_zh"], Value::Null);

    let card = stdout_of(&["show", "oasis-international", "--format", "vcard"]);
    let cards = vcard4::parse(&card).expect("a valid vCard 4.0");
    assert_eq!(cards.len(), 1);
}

#[test]
fn show_a_city_lists_its_facilities() {
    let dir = shipped();
    let text = stdout_of(&["show", "beijing"]);
    assert!(text.starts_with("Beijing\n北京\n"), "{text}");
    let beijing = dir.city("beijing").expect("beijing");
    for &f in &beijing.facilities {
        assert!(
            text.contains(dir.facilities[f].id.as_str()),
            "{}",
            dir.facilities[f].id
        );
    }
    let json: Value =
        serde_json::from_str(&stdout_of(&["show", "beijing", "--format", "json"])).expect("JSON");
    assert_eq!(json["id"], "beijing");
    assert_eq!(
        json["facilities"].as_array().map(Vec::len),
        Some(beijing.facilities.len())
    );
}

#[test]
fn show_takes_a_name_alias_汉字_or_pinyin_in_any_case() {
    let by_id = stdout_of(&["show", "oasis-international"]);
    for name in [
        "oasis",
        "OASIS International Hospital",
        "Oasis-International",
    ] {
        assert_eq!(stdout_of(&["show", name]), by_id, "{name}");
    }
    let pumch = stdout_of(&["show", "pumch"]);
    for name in [
        "北京协和医院",
        "PUMCH",
        "beijing xie he yi yuan",
        "协和医院",
    ] {
        assert_eq!(stdout_of(&["show", name]), pumch, "{name}");
    }
    let hohhot = stdout_of(&["show", "hohhot"]);
    for name in ["Hohhot", "呼和浩特", "huhehaote", "呼市"] {
        assert_eq!(stdout_of(&["show", name]), hohhot, "{name}");
    }
}

#[test]
fn a_name_that_is_no_record_suggests_up_to_three() {
    for (args, suggestion) in [
        (&["show", "xiehe"][..], "did you mean pumch"),
        (
            &["show", "oasis internationl"][..],
            "did you mean oasis-international",
        ),
        (
            &["emergency", "--city", "hohot"][..],
            "did you mean hohhot?",
        ),
        (
            &["search", "kidney", "--city", "shangai"][..],
            "did you mean shanghai?",
        ),
        (&["export", "--city", "beijng"][..], "did you mean beijing?"),
    ] {
        let out = careguide()
            .args(args)
            .assert()
            .code(2)
            .stdout("")
            .get_output()
            .clone();
        let stderr = String::from_utf8(out.stderr).expect("UTF-8");
        assert!(stderr.contains(suggestion), "{args:?}: {stderr}");
        let named = stderr.split("did you mean ").nth(1).unwrap_or_default();
        assert!(
            named
                .split([',', ' '])
                .filter(|w| w.contains('-') || w.len() > 3)
                .count()
                <= 3
        );
    }
}

#[test]
fn several_records_called_the_same_are_not_guessed() {
    let mut dir = shipped();
    let pumch = dir
        .facilities
        .iter()
        .position(|f| f.id.as_str() == "pumch")
        .expect("pumch");
    dir.facilities[pumch].aliases.push("Oasis".to_string());
    let err = careguide::cmd::named(&dir, "oasis", careguide::cmd::Wanted::Either)
        .expect_err("two facilities are called Oasis");
    let message = err.to_string();
    assert!(message.contains("names more than one"), "{message}");
    assert!(
        message.contains("did you mean oasis-international or pumch?"),
        "{message}"
    );
    let oasis = dir
        .facilities
        .iter()
        .position(|f| f.id.as_str() == "oasis-international");
    let id = careguide::cmd::named(&dir, "oasis-international", careguide::cmd::Wanted::Either);
    assert_eq!(
        id.ok(),
        oasis.map(careguide::cmd::Record::Facility),
        "an id is exact"
    );
}

#[test]
fn city_options_take_a_name_in_any_case() {
    let by_id = stdout_of(&["emergency", "--city", "hohhot"]);
    for name in ["Hohhot", "HOHHOT", "呼和浩特", "huhehaote"] {
        assert_eq!(stdout_of(&["emergency", "--city", name]), by_id, "{name}");
    }
    let filtered = search_json(&["hospital", "--city", "Hohhot"]);
    assert!(!filtered.is_empty());
    assert!(filtered.iter().all(|h| h["city"] == "hohhot"));
    let csv = stdout_of(&["export", "--format", "csv", "--city", "Beijing"]);
    assert_eq!(
        csv,
        stdout_of(&["export", "--format", "csv", "--city", "beijing"])
    );
}

#[test]
fn show_an_unknown_id_exits_2() {
    careguide()
        .args(["show", "no-such-place"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::starts_with(
            "careguide: unknown id \"no-such-place\"",
        ));
}

// ---------------------------------------------------------------- export

#[test]
fn export_json_parses_back_into_the_documented_shape() {
    let dir = shipped();
    let doc: DirectoryDoc =
        serde_json::from_str(&stdout_of(&["export"])).expect("the documented shape");
    assert_eq!(doc.format_version, 2);
    assert_eq!(doc.cities.len(), dir.cities.len());
    assert_eq!(doc.facilities.len(), dir.facilities.len());
    assert_eq!(doc.specialties.len(), dir.specialties.len());
    assert_eq!(doc.emergency_notes.len(), dir.emergency_notes.len());
    assert_eq!(
        doc.emergency[0].number.display,
        dir.emergency[0].number.display
    );
    let phones: usize = doc
        .facilities
        .iter()
        .map(|f| f.contacts.len())
        .sum::<usize>()
        + doc.cities.iter().map(|c| c.emergency.len()).sum::<usize>()
        + doc.emergency.len();
    assert_eq!(phones, dir.phone_count());
    let cities: BTreeSet<&str> = doc.cities.iter().map(|c| c.id.as_str()).collect();
    assert!(
        doc.facilities
            .iter()
            .all(|f| cities.contains(f.city.as_str()))
    );

    let one: DirectoryDoc = serde_json::from_str(&stdout_of(&["export", "--city", "hohhot"]))
        .expect("the documented shape");
    assert_eq!(one.cities.len(), 1);
    assert!(!one.facilities.is_empty());
    assert!(one.facilities.iter().all(|f| f.city == "hohhot"));
    assert_eq!(one.emergency.len(), dir.emergency.len());
}

/// Records cite sources by id; the export resolves every id it uses in its
/// `sources`, and the CSV's `source_url` is the resolved URL.
#[test]
fn export_carries_source_ids_and_the_sources_they_resolve_to() {
    let dir = shipped();
    let doc: DirectoryDoc =
        serde_json::from_str(&stdout_of(&["export"])).expect("the documented shape");
    let known: BTreeSet<&str> = doc.sources.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(known.len(), dir.sources.len());
    assert!(!doc.phrases.is_empty() && !doc.tell_120.is_empty());
    assert_eq!(doc.phrases.len(), dir.phrases.len());
    assert_eq!(doc.tell_120.len(), dir.tell_120.len());
    let cited: Vec<&str> = doc
        .facilities
        .iter()
        .flat_map(|f| {
            f.contacts
                .iter()
                .flat_map(|c| &c.sources)
                .chain(&f.sources)
                .chain(f.notes.iter().flat_map(|n| &n.sources))
        })
        .chain(doc.emergency.iter().flat_map(|e| &e.sources))
        .chain(doc.phrases.iter().flat_map(|p| &p.sources))
        .chain(doc.tell_120.iter().flat_map(|n| &n.sources))
        .map(String::as_str)
        .collect();
    assert!(!cited.is_empty());
    for id in cited {
        assert!(
            known.contains(id),
            "{id} is cited but not in the export's sources"
        );
    }
    let oasis = doc
        .sources
        .iter()
        .find(|s| s.id == "oasis-official-contact")
        .expect("Oasis's own contact page");
    assert_eq!(
        oasis.url.as_deref(),
        Some("https://www.oasishealth.cn/l-en/feedback/info-18.html")
    );
    let csv = stdout_of(&["export", "--format", "csv"]);
    let row = csv
        .lines()
        .find(|l| l.contains(",+86 10 5985 0333,"))
        .expect("the Oasis ER row");
    assert!(
        row.ends_with(",official,https://www.oasishealth.cn/l-en/feedback/info-18.html,"),
        "{row}"
    );
}

#[test]
fn export_csv_has_every_phone_number_exactly_once() {
    let dir = shipped();
    let text = stdout_of(&["export", "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .expect("header")
        .iter()
        .map(String::from)
        .collect();
    assert_eq!(
        header,
        [
            "facility_id",
            "facility",
            "city",
            "role",
            "phone",
            "confidence",
            "source_url",
            "personal"
        ]
    );
    let mut rows: Vec<(String, String, String, String)> = Vec::new();
    for record in reader.records() {
        let r = record.expect("a well-formed row");
        rows.push((
            r[0].to_string(),
            r[2].to_string(),
            r[3].to_string(),
            r[4].to_string(),
        ));
        assert!(
            ["official", "corroborated", "single_source", ""].contains(&&r[5]),
            "{r:?}"
        );
        assert!(!r[6].is_empty(), "every number has a source: {r:?}");
        assert_eq!(&r[7], "", "no shipped number is personal: {r:?}");
    }
    let mut expected: Vec<(String, String, String, String)> = Vec::new();
    for n in &dir.emergency {
        expected.push((
            String::new(),
            String::new(),
            n.label.clone(),
            n.number.display.to_string(),
        ));
    }
    for c in &dir.cities {
        for n in &c.emergency {
            expected.push((
                String::new(),
                c.name.clone(),
                n.label.clone(),
                n.number.display.to_string(),
            ));
        }
    }
    for f in &dir.facilities {
        for c in &f.contacts {
            let city = dir.city_of(f).name.clone();
            expected.push((
                f.id.to_string(),
                city,
                c.role.to_string(),
                c.phone.display.to_string(),
            ));
        }
    }
    assert_eq!(rows.len(), dir.phone_count());
    rows.sort();
    expected.sort();
    assert_eq!(rows, expected);
}

#[test]
fn export_vcard_parses_with_an_independent_parser() {
    let dir = shipped();
    let text = stdout_of(&["export", "--format", "vcard"]);
    assert!(text.ends_with("END:VCARD\r\n"));
    for line in text.split_terminator("\r\n") {
        assert!(line.len() <= 75, "{} octets: {line}", line.len());
        assert!(!line.contains('\n') && !line.contains('\r'));
    }
    let cards = vcard4::parse(&text).expect("valid vCard 4.0");
    assert_eq!(cards.len(), dir.facilities.len());

    let fn_of = |card: &vcard4::Vcard| card.formatted_name.first().map(|n| n.value.clone());
    let oasis = cards
        .iter()
        .find(|c| fn_of(c).as_deref() == Some("Oasis International Hospital"))
        .expect("the Oasis card");
    let tels: Vec<String> = oasis
        .tel
        .iter()
        .filter_map(|t| match t {
            vcard4::property::TextOrUriProperty::Uri(u) => Some(u.value.to_string()),
            vcard4::property::TextOrUriProperty::Text(_) => None,
        })
        .collect();
    assert!(tels.contains(&"tel:+861059850333".to_string()), "{tels:?}");
    let note = &oasis.note.first().expect("a NOTE").value;
    assert!(
        note.contains("24-hour emergency (ER): +86 10 5985 0333 (official"),
        "{note}"
    );
    assert!(note.contains("Verified: 2026-11-22"), "{note}");

    // A facility with a 汉字 name has it as a LANGUAGE=zh alternative.
    let pumch = cards
        .iter()
        .find(|c| fn_of(c).as_deref() == Some("Peking Union Medical College Hospital"))
        .expect("the PUMCH card");
    let zh = pumch
        .formatted_name
        .iter()
        .find(|n| n.parameters.as_ref().and_then(|p| p.language.as_deref()) == Some("zh"))
        .expect("a zh FN");
    assert_eq!(zh.value, "北京协和医院");
    let alt =
        |n: &vcard4::property::TextProperty| n.parameters.as_ref().and_then(|p| p.alt_id.clone());
    assert_eq!(alt(zh), alt(&pumch.formatted_name[0]));
    assert!(alt(zh).is_some());
}

#[test]
fn export_unknown_city_exits_2() {
    careguide()
        .args(["export", "--format", "csv", "--city", "narnia"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::starts_with(
            "careguide: unknown city \"narnia\"",
        ));
}

// ---------------------------------------------------------------- emergency

#[test]
fn emergency_for_beijing() {
    let text = stdout_of(&["emergency", "--city", "beijing"]);
    let first_number = text
        .lines()
        .find(|l| l.starts_with("  1") || l.starts_with("  9"))
        .expect("a number");
    assert!(
        first_number.starts_with("  120 ") && first_number.contains("Ambulance"),
        "{first_number}"
    );
    assert!(text.contains("999"));
    assert!(
        text.lines()
            .all(|l| unicode_width::UnicodeWidthStr::width(l) <= 78),
        "{text}"
    );
    insta::assert_snapshot!("emergency_beijing", text);
}

#[test]
fn emergency_without_a_city_is_nationwide_only() {
    let text = stdout_of(&["emergency"]);
    assert!(text.contains("mainland China") && text.contains("  120 "));
    assert!(!text.contains("999 "));
    careguide()
        .args(["emergency", "--city", "gotham"])
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with(
            "careguide: unknown city \"gotham\"",
        ));
}

// ---------------------------------------------------------------- help, version, completions

#[test]
fn help_of_every_command() {
    for command in [
        "",
        "search",
        "show",
        "export",
        "emergency",
        "completions",
        "check",
    ] {
        let args: Vec<&str> = [command, "--help"]
            .into_iter()
            .filter(|a| !a.is_empty())
            .collect();
        let text = stdout_of(&args);
        assert!(text.contains("Examples:"), "{command}: {text}");
        let name = if command.is_empty() {
            "help".to_string()
        } else {
            format!("help_{command}")
        };
        insta::assert_snapshot!(name, text);
    }
}

#[test]
fn version() {
    careguide()
        .arg("--version")
        .assert()
        .success()
        .stdout(predicate::str::starts_with(format!(
            "careguide {} (data verified ",
            env!("CARGO_PKG_VERSION")
        )));
}

#[test]
fn completions_for_every_shell() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let text = stdout_of(&["completions", shell]);
        assert!(
            text.contains("careguide") && text.contains("emergency"),
            "{shell}"
        );
    }
    careguide()
        .args(["completions", "tcsh"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("invalid value 'tcsh'"));
}

/// `careguide man` prints one roff page, made from the clap definitions,
/// with a section for every command a user can see; groff (where it is
/// installed, as `man` needs it) renders it without a warning.
#[test]
fn man_page_renders_and_mentions_every_subcommand() {
    use clap::CommandFactory;
    let page = stdout_of(&["man"]);
    assert!(
        page.lines().any(|l| l.starts_with(".TH careguide 1")),
        "{page}"
    );
    assert!(page.contains(".SH NAME") && page.contains(".SH SYNOPSIS"));
    let cmd = careguide::cli::Cli::command();
    let names: Vec<&str> = cmd
        .get_subcommands()
        .filter(|s| !s.is_hide_set())
        .map(|s| s.get_name())
        .collect();
    assert!(names.len() >= 9, "{names:?}");
    for name in &names {
        assert!(
            page.contains(&format!(".SS \"careguide {name}\"")),
            "{name} has a section"
        );
    }
    assert!(
        !page.contains("careguide\\-check(1)"),
        "no page per command"
    );
    let groff = StdCommand::new("groff")
        // -P-b -P-u: plain letters, without overstriking for bold and italics.
        .args(["-k", "-man", "-Tutf8", "-ww", "-P-b", "-P-u"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let Ok(mut groff) = groff else {
        eprintln!("groff is not installed: the page's rendering is not checked");
        return;
    };
    let mut stdin = groff.stdin.take().expect("stdin");
    std::io::Write::write_all(&mut stdin, page.as_bytes()).expect("groff reads");
    drop(stdin);
    let out = groff.wait_with_output().expect("groff runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{out:?}");
    assert_eq!(String::from_utf8_lossy(&out.stderr), "", "groff warns");
    for name in &names {
        assert!(
            text.contains(&format!("careguide {name}")),
            "{name} in the rendered page"
        );
    }
    assert!(text.contains("120 (ambulance)"), "{text}");
}

// ---------------------------------------------------------------- the documented JSON shape

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DirectoryDoc {
    format_version: u32,
    sources: Vec<SourceDoc>,
    specialties: Vec<SpecialtyDoc>,
    emergency: Vec<EmergencyDoc>,
    emergency_notes: Vec<NoteDoc>,
    phrases: Vec<PhraseDoc>,
    tell_120: Vec<NoteDoc>,
    cities: Vec<CityDoc>,
    facilities: Vec<FacilityDoc>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct SourceDoc {
    id: String,
    title: String,
    publisher: String,
    kind: SourceKindDoc,
    date: Option<String>,
    url: Option<String>,
    reference: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "snake_case")]
enum SourceKindDoc {
    Official,
    Government,
    News,
    Encyclopedia,
    Guide,
    Dataset,
    AppCode,
    Seed,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct PhraseDoc {
    situation: SituationDoc,
    zh: String,
    pinyin: Option<String>,
    en: String,
    confidence: ConfidenceDoc,
    sources: Vec<String>,
    note: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "snake_case")]
enum SituationDoc {
    #[serde(rename = "call_120")]
    Call120,
    Describe,
    Hospital,
    Words,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct SpecialtyDoc {
    id: String,
    name: String,
    name_zh: String,
    aliases: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct EmergencyDoc {
    number: PhoneDoc,
    label: String,
    label_zh: Option<String>,
    note: Option<String>,
    sources: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PhoneDoc {
    display: String,
    e164: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct NoteDoc {
    text: String,
    sources: Vec<String>,
    personal: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct CityDoc {
    id: String,
    name: String,
    name_zh: Option<String>,
    pinyin: Option<String>,
    aliases: Vec<String>,
    province: Option<String>,
    province_zh: Option<String>,
    emergency: Vec<EmergencyDoc>,
    notes: Vec<NoteDoc>,
    sources: Vec<String>,
    personal: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct FacilityDoc {
    id: String,
    name: String,
    name_zh: Option<String>,
    pinyin: Option<String>,
    aliases: Vec<String>,
    kind: KindDoc,
    ownership: OwnershipDoc,
    grade: Option<GradeDoc>,
    specialties: Vec<LinkDoc>,
    contacts: Vec<ContactDoc>,
    address: Option<AddressDoc>,
    website: Option<String>,
    notes: Vec<NoteDoc>,
    sources: Vec<String>,
    verified: String,
    city: String,
    personal: bool,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "snake_case")]
enum KindDoc {
    Hospital,
    Clinic,
    CountyHospital,
    CommunityHealthCentre,
    Online,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "snake_case")]
enum OwnershipDoc {
    Public,
    Private,
    Military,
    Unknown,
}

#[derive(Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
enum ConfidenceDoc {
    Official,
    Corroborated,
    SingleSource,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct GradeDoc {
    level: String,
    sources: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct LinkDoc {
    id: String,
    note: Option<String>,
    sources: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct ContactDoc {
    role: String,
    phone: PhoneDoc,
    confidence: ConfidenceDoc,
    sources: Vec<String>,
    note: Option<String>,
    personal: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct AddressDoc {
    en: Option<String>,
    zh: Option<String>,
    confidence: ConfidenceDoc,
    sources: Vec<String>,
}
