//! The data rules, one tiny fixture each: every test breaks exactly one thing
//! in a copy of `tests/fixtures/rules/base/` and asserts the complete list of
//! diagnostics as `path:line:col: severity: message` headlines, compared for
//! exact equality so that a drifting position or wording fails the test.
//!
//! The base city file, `tests/fixtures/rules/base/cities/testville.ron`, with
//! the line numbers the expectations below rely on:
//!
//! ```text
//!  1 (
//!  2     id: "testville",
//!  3     name: "Testville",
//!  4     facilities: [
//!  5         (
//!  6             id: "testville-hospital",
//!  7             name: "Testville Hospital",
//!  8             kind: Hospital,
//!  9             ownership: Public,
//! 10             specialties: [(id: "urology")],
//! 11             contacts: [
//! 12                 (
//! 13                     role: "Switchboard",
//! 14                     phone: "+86 10 5985 0333",
//! 15                     confidence: Official,
//! 16                     sources: ["contact-page"],
//! 17                 ),
//! 18             ],
//! 19             address: (
//! 20                 en: "1 Test Road",
//! 21                 confidence: Official,
//! 22                 sources: ["contact-page"],
//! 23             ),
//! 24             sources: ["about-page"],
//! 25             verified: "2026-11-22",
//! 26         ),
//! 27     ],
//! 28 )
//! ```
//!
//! The base bibliography, `tests/fixtures/rules/base/sources.ron`, holds the
//! three sources the base files cite, one per seven lines: `contact-page`
//! (id at line 4) and `about-page` (line 11), both of kind `Official` from
//! the publisher "Testville Hospital", and `emergency-page` (line 18), a
//! `Guide`; its list ends at line 24, where `add_source` inserts.

mod support;

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use careguide::data::{Loaded, Severity, load::MAX_FILE_BYTES};
use support::{NO_HANG, load_dir};
use tempfile::TempDir;

const CITY: &str = "cities/testville.ron";
const EMERGENCY: &str = "emergency.ron";
const SPECIALTIES: &str = "specialties.ron";
const SOURCES: &str = "sources.ron";

fn fixture_dir(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/rules")
        .join(name)
}

fn headlines(loaded: &Loaded) -> Vec<String> {
    loaded.diagnostics.iter().map(|d| d.headline()).collect()
}

fn check_cmd(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("careguide").expect("the careguide binary is built");
    cmd.env_remove("CAREGUIDE_DATA")
        .arg("check")
        .arg(dir)
        .timeout(NO_HANG);
    cmd
}

/// A copy of the base fixture in a temporary directory.
struct Fixture {
    dir: TempDir,
}

impl Fixture {
    fn new() -> Self {
        let dir = tempfile::tempdir().expect("create a temp dir");
        let base = fixture_dir("base");
        fs::create_dir(dir.path().join("cities")).expect("create cities/");
        for rel in [SOURCES, SPECIALTIES, EMERGENCY, CITY] {
            fs::copy(base.join(rel), dir.path().join(rel)).expect("copy the base fixture");
        }
        Fixture { dir }
    }

    fn root(&self) -> &Path {
        self.dir.path()
    }

    /// A file's path exactly as diagnostics show it.
    fn path(&self, rel: &str) -> String {
        self.root().join(rel).to_string_lossy().into_owned()
    }

    fn read(&self, rel: &str) -> String {
        fs::read_to_string(self.root().join(rel)).expect("read a fixture file")
    }

    fn write(&self, rel: &str, contents: impl AsRef<[u8]>) {
        fs::write(self.root().join(rel), contents).expect("write a fixture file");
    }

    /// Replaces the one occurrence of `from` in a base file with `to`.
    fn edit(&self, rel: &str, from: &str, to: &str) {
        let text = self.read(rel);
        assert_eq!(
            text.matches(from).count(),
            1,
            "{from:?} must occur once in {rel}"
        );
        self.write(rel, text.replacen(from, to, 1));
    }

    /// Adds an entry (the text inside its parentheses, on one line) at the
    /// end of the bibliography: it opens on line 24, its fields on line 25.
    fn add_source(&self, fields: &str) {
        self.edit(
            SOURCES,
            "    ],\n)",
            &format!("        (\n            {fields}\n        ),\n    ],\n)"),
        );
    }

    fn load(&self) -> Loaded {
        load_dir(self.root())
    }

    fn error(&self, rel: &str, line: usize, col: usize, message: &str) -> String {
        format!("{}:{line}:{col}: error: {message}", self.path(rel))
    }
}

/// The base city with one edit.
fn city_with(from: &str, to: &str) -> Fixture {
    let fx = Fixture::new();
    fx.edit(CITY, from, to);
    fx
}

/// Asserts the complete list of diagnostics.
fn assert_diagnostics(fx: &Fixture, expected: &[String]) {
    assert_eq!(headlines(&fx.load()), expected);
}

/// Asserts that the only diagnostic is one error in the base city file.
fn assert_city_error(fx: &Fixture, line: usize, col: usize, message: &str) {
    assert_diagnostics(fx, &[fx.error(CITY, line, col, message)]);
}

// --- The base fixture ------------------------------------------------------

#[test]
fn base_fixture_is_clean() {
    let loaded = load_dir(&fixture_dir("base"));
    assert_eq!(headlines(&loaded), Vec::<String>::new());
    let city = loaded
        .directory
        .city("testville")
        .expect("testville is loaded");
    assert_eq!(city.name, "Testville");
    let hospital = loaded
        .directory
        .facility("testville-hospital")
        .expect("the hospital is loaded");
    assert_eq!(hospital.contacts[0].phone.display, "+86 10 5985 0333");
    assert_eq!(hospital.contacts[0].phone.e164, "+861059850333");
    let urology = hospital.specialties[0].index;
    assert_eq!(loaded.directory.specialties[urology].id.as_str(), "urology");
    assert_eq!(loaded.directory.emergency[0].number.display, "120");
}

// --- File-level checks -----------------------------------------------------

#[test]
fn ron_syntax_error_missing_comma() {
    let fx = city_with("kind: Hospital,", "kind: Hospital");
    assert_city_error(&fx, 9, 13, "Expected comma");
}

#[test]
fn unknown_field_is_an_error_not_dropped() {
    let fx = city_with("address: (", "adress: (");
    assert_city_error(
        &fx,
        19,
        13,
        "Unexpected field named `adress` in `Facility`, expected one of `id`, `name`, `name_zh`, `pinyin`, `aliases`, `kind`, `ownership`, `grade`, `specialties`, `contacts`, `address`, `website`, `notes`, `sources`, or `verified` instead",
    );
}

#[test]
fn missing_field() {
    let fx = city_with("            verified: \"2026-11-22\",\n", "");
    // The facility's record now closes on line 25.
    assert_city_error(
        &fx,
        25,
        9,
        "Unexpected missing field named `verified` in `Facility`",
    );
}

#[test]
fn wrong_type_number_for_a_string() {
    let fx = city_with("name: \"Testville\",", "name: 42,");
    let loaded = fx.load();
    // The column is left out here: see `wrong_type_points_at_the_value`.
    let found: Vec<_> = loaded
        .diagnostics
        .iter()
        .map(|d| (d.path.clone(), d.line, d.severity, d.message.as_str()))
        .collect();
    assert_eq!(
        found,
        [(fx.path(CITY), 3, Severity::Error, "Expected string")]
    );
}

#[test]
fn wrong_type_points_at_the_value() {
    // `    name: 42,`: the value `42` starts at column 11.
    let fx = city_with("name: \"Testville\",", "name: 42,");
    assert_city_error(&fx, 3, 11, "Expected string");
}

#[test]
fn trailing_characters_after_the_value() {
    let fx = Fixture::new();
    fx.write(CITY, format!("{})\n", fx.read(CITY)));
    let loaded = fx.load();
    // The position is left out here: see `trailing_characters_point_at_the_extra_text`.
    let found: Vec<_> = loaded
        .diagnostics
        .iter()
        .map(|d| (d.path.clone(), d.severity, d.message.as_str()))
        .collect();
    assert_eq!(
        found,
        [(
            fx.path(CITY),
            Severity::Error,
            "Non-whitespace trailing characters"
        )]
    );
}

#[test]
fn trailing_characters_point_at_the_extra_text() {
    let fx = Fixture::new();
    fx.write(CITY, format!("{})\n", fx.read(CITY)));
    assert_city_error(&fx, 29, 1, "Non-whitespace trailing characters");
}

#[test]
fn byte_order_mark() {
    let fx = Fixture::new();
    let mut bytes = vec![0xEF, 0xBB, 0xBF];
    bytes.extend(fx.read(CITY).into_bytes());
    fx.write(CITY, bytes);
    assert_city_error(
        &fx,
        1,
        1,
        "file starts with a byte-order mark (BOM); save it as UTF-8 without BOM",
    );
}

#[test]
fn utf16_with_and_without_bom() {
    for (what, bom, big_endian) in [
        ("UTF-16LE with BOM", true, false),
        ("UTF-16BE with BOM", true, true),
        ("UTF-16LE without BOM", false, false),
    ] {
        let fx = Fixture::new();
        let mut bytes = Vec::new();
        for unit in (if bom { "\u{feff}" } else { "" })
            .encode_utf16()
            .chain(fx.read(CITY).encode_utf16())
        {
            bytes.extend(if big_endian {
                unit.to_be_bytes()
            } else {
                unit.to_le_bytes()
            });
        }
        fx.write(CITY, bytes);
        assert_eq!(
            headlines(&fx.load()),
            [fx.error(CITY, 1, 1, "file is encoded as UTF-16; save it as UTF-8")],
            "{what}"
        );
    }
}

#[test]
fn invalid_utf8_with_its_position() {
    let fx = Fixture::new();
    let mut bytes = b"(\n    id: \"testville\",\n    name: \"Test".to_vec();
    bytes.push(0xFF);
    bytes.extend(b"ville\",\n)\n");
    fx.write(CITY, bytes);
    assert_city_error(
        &fx,
        3,
        16,
        "invalid UTF-8 (byte 0xFF at byte offset 38); save the file as UTF-8",
    );
}

#[test]
fn invalid_utf8_column_counts_characters_not_bytes() {
    let fx = Fixture::new();
    let mut bytes = "(\n    id: \"testville\",\n    name: \"测试"
        .as_bytes()
        .to_vec();
    bytes.push(0xC3); // a lead byte without its continuation
    bytes.extend(b"\",\n)\n");
    fx.write(CITY, bytes);
    assert_city_error(
        &fx,
        3,
        14,
        "invalid UTF-8 (byte 0xC3 at byte offset 40); save the file as UTF-8",
    );
}

#[test]
fn git_conflict_markers() {
    let fx = Fixture::new();
    fx.write(
        CITY,
        r#"(
    id: "testville",
<<<<<<< HEAD
    name: "Testville",
=======
    name: "Testburg",
>>>>>>> feature
)
"#,
    );
    assert_city_error(
        &fx,
        3,
        1,
        "git conflict marker: resolve the merge conflict before loading this file",
    );
}

#[test]
fn empty_file() {
    for contents in ["", "  \n\n\t\n"] {
        let fx = Fixture::new();
        fx.write(CITY, contents);
        assert_city_error(
            &fx,
            1,
            1,
            "file is empty; a data file holds one RON value such as `(id: \"…\", …)`",
        );
    }
}

#[test]
fn file_over_the_size_cap_is_refused_and_the_rest_loads() {
    let fx = Fixture::new();
    let size = MAX_FILE_BYTES as usize + 1;
    let mut text = String::from("(id: \"big\", name: \"Big\")\n//");
    text.push_str(&"x".repeat(size - text.len()));
    assert_eq!(text.len(), size);
    fx.write("cities/big.ron", text);
    let loaded = fx.load();
    assert_eq!(
        headlines(&loaded),
        [fx.error(
            "cities/big.ron",
            1,
            1,
            "file is 4194305 bytes, over the limit of 4194304 bytes (4 MiB); split it into several files",
        )]
    );
    assert!(loaded.directory.city("testville").is_some());
    assert!(loaded.directory.city("big").is_none());
}

#[test]
fn file_exactly_at_the_size_cap_loads() {
    let fx = Fixture::new();
    let size = MAX_FILE_BYTES as usize;
    let mut text = String::from("(id: \"big\", name: \"Big\")\n//");
    text.push_str(&"x".repeat(size - text.len()));
    assert_eq!(text.len(), size);
    fx.write("cities/big.ron", text);
    let loaded = fx.load();
    assert_eq!(headlines(&loaded), Vec::<String>::new());
    assert!(loaded.directory.city("big").is_some());
}

#[test]
fn directory_named_ron_is_refused_and_the_rest_loads() {
    let fx = Fixture::new();
    fs::create_dir(fx.root().join("cities/x.ron")).expect("create a directory named x.ron");
    let loaded = fx.load();
    assert_eq!(
        headlines(&loaded),
        [fx.error("cities/x.ron", 1, 1, "is a directory, not a data file")]
    );
    assert!(loaded.directory.city("testville").is_some());
}

#[cfg(unix)]
#[test]
fn fifo_named_ron_is_refused_without_blocking_and_the_rest_loads() {
    let fx = Fixture::new();
    let fifo = fx.root().join("cities/y.ron");
    let status = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("run mkfifo");
    assert!(status.success(), "mkfifo failed");
    let expected = fx.error(
        "cities/y.ron",
        1,
        1,
        "is not a regular file (a FIFO, socket or device?); data files must be plain files",
    );
    let loaded = fx.load();
    assert_eq!(headlines(&loaded), std::slice::from_ref(&expected));
    assert!(loaded.directory.city("testville").is_some());

    let output = check_cmd(fx.root())
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let stdout = String::from_utf8(output).expect("UTF-8 output");
    assert!(stdout.lines().any(|l| l == expected), "{stdout}");
}

#[test]
fn missing_required_file() {
    let fx = Fixture::new();
    fs::remove_file(fx.root().join(SPECIALTIES)).expect("remove specialties.ron");
    // The facility's link to "urology" cannot be checked without the
    // vocabulary: the one error is the missing file (issue 19, probe 12).
    assert_diagnostics(
        &fx,
        &[fx.error(
            SPECIALTIES,
            1,
            1,
            "missing file: every data directory needs specialties.ron",
        )],
    );
}

// --- Rules checked after parsing -------------------------------------------

#[test]
fn duplicate_ids_across_files_name_the_other_location() {
    let fx = Fixture::new();
    fx.write(
        "cities/othertown.ron",
        r#"(
    id: "othertown",
    name: "Othertown",
    facilities: [
        (
            id: "testville-hospital",
            name: "Othertown Hospital",
            kind: Hospital,
            ownership: Public,
            sources: ["about-page"],
            verified: "2026-11-22",
        ),
        (
            id: "urology",
            name: "Othertown Urology Clinic",
            kind: Clinic,
            ownership: Private,
            sources: ["about-page"],
            verified: "2026-11-22",
        ),
    ],
)
"#,
    );
    // othertown.ron sorts, and so is read, before testville.ron.
    let other = fx.path("cities/othertown.ron");
    let specialties = fx.path(SPECIALTIES);
    assert_diagnostics(
        &fx,
        &[
            fx.error(
                "cities/othertown.ron",
                14,
                17,
                &format!("duplicate id \"urology\": also defined at {specialties}:3:14"),
            ),
            fx.error(
                CITY,
                6,
                17,
                &format!("duplicate id \"testville-hospital\": also defined at {other}:6:17"),
            ),
        ],
    );
}

#[test]
fn city_id_differs_from_file_name() {
    let fx = city_with("id: \"testville\",", "id: \"otherville\",");
    assert_city_error(
        &fx,
        2,
        9,
        "city id \"otherville\" differs from its file name \"testville.ron\"; rename one so they match",
    );
}

#[test]
fn unknown_specialty_id() {
    let fx = city_with("(id: \"urology\")", "(id: \"urolgy\")");
    assert_city_error(
        &fx,
        10,
        32,
        "unknown specialty id \"urolgy\"; add it to specialties.ron or fix the spelling",
    );
}

#[test]
fn phone_number_without_a_source() {
    let fx = city_with(
        "confidence: Official,\n                    sources: [\"contact-page\"],",
        "confidence: Official,\n                    sources: [],",
    );
    assert_city_error(
        &fx,
        16,
        30,
        "phone number has no source; name where this fact comes from",
    );
}

#[test]
fn address_without_a_source() {
    let fx = city_with(
        "confidence: Official,\n                sources: [\"contact-page\"],",
        "confidence: Official,\n                sources: [],",
    );
    assert_city_error(
        &fx,
        22,
        26,
        "address has no source; name where this fact comes from",
    );
}

#[test]
fn corroborated_needs_two_distinct_sources() {
    let message = "confidence Corroborated needs at least two independent sources; found 1";
    // One source.
    let fx = city_with(
        "                    confidence: Official,",
        "                    confidence: Corroborated,",
    );
    assert_city_error(&fx, 15, 33, message);
    // The same source twice is still one.
    let fx = city_with(
        "confidence: Official,\n                    sources: [\"contact-page\"],",
        "confidence: Corroborated,\n                    sources: [\"contact-page\", \"contact-page\"],",
    );
    assert_city_error(&fx, 15, 33, message);
    // Two distinct sources (of two publishers) pass, for addresses too.
    let fx = Fixture::new();
    fx.add_source(r#"id: "directory", title: "A directory", publisher: "Example Directory", kind: Guide, url: "https://example.net/directory","#);
    let text = fx
        .read(CITY)
        .replace("confidence: Official,", "confidence: Corroborated,")
        .replace(
            "sources: [\"contact-page\"],",
            "sources: [\"contact-page\", \"directory\"],",
        );
    fx.write(CITY, text);
    assert_diagnostics(&fx, &[]);
}

#[test]
fn address_corroborated_with_one_source() {
    let fx = city_with(
        "\n                confidence: Official,",
        "\n                confidence: Corroborated,",
    );
    assert_city_error(
        &fx,
        21,
        29,
        "confidence Corroborated needs at least two independent sources; found 1",
    );
}

#[test]
fn empty_name() {
    for empty in ["\"\"", "\"   \""] {
        let fx = city_with("name: \"Testville Hospital\",", &format!("name: {empty},"));
        assert_city_error(&fx, 7, 19, "name is empty");
    }
}

#[test]
fn phone_not_in_canonical_form_says_how_to_write_it() {
    let fx = city_with("phone: \"+86 10 5985 0333\",", "phone: \"010-59850333\",");
    assert_city_error(
        &fx,
        14,
        28,
        "phone number \"010-59850333\" is not in canonical international form: write \"+86 10 5985 0333\"",
    );
}

#[test]
fn invalid_phone_number() {
    let fx = city_with(
        "phone: \"+86 10 5985 0333\",",
        "phone: \"+86 10 5985 033\",",
    );
    assert_city_error(
        &fx,
        14,
        28,
        "\"+86 10 5985 033\" is not a valid phone number",
    );
}

#[test]
fn text_that_is_not_a_phone_number() {
    let fx = city_with("phone: \"+86 10 5985 0333\",", "phone: \"call the desk\",");
    assert_city_error(
        &fx,
        14,
        28,
        "\"call the desk\" is not a phone number: not a number",
    );
}

#[test]
fn short_number_not_on_the_allow_list() {
    let fx = Fixture::new();
    fx.edit(EMERGENCY, "number: \"120\",", "number: \"12399\",");
    assert_diagnostics(
        &fx,
        &[fx.error(
            EMERGENCY,
            4,
            21,
            "short number \"12399\" is not in the allow-list of service numbers (110, 112, 114, 119, 120, 122, 999, 12110, 12320, 12345, 12395)",
        )],
    );
}

#[test]
fn short_number_on_the_allow_list_passes() {
    let fx = Fixture::new();
    fx.edit(EMERGENCY, "number: \"120\",", "number: \"999\",");
    let loaded = fx.load();
    assert_eq!(headlines(&loaded), Vec::<String>::new());
    assert_eq!(loaded.directory.emergency[0].number.display, "999");
    assert_eq!(loaded.directory.emergency[0].number.tel_uri(), "tel:999");
}

#[test]
fn control_character_via_ron_escape_in_a_name() {
    let message = "name contains a control character (U+001B) at character 10; remove it";
    // `\u{1b}` is a RON escape: ron decodes it to a real ESC.
    let fx = city_with(
        "name: \"Testville Hospital\",",
        r#"name: "Testville\u{1b}Hospital","#,
    );
    assert_city_error(&fx, 7, 19, message);
    // A raw ESC byte in the file is rejected the same way.
    let fx = city_with(
        "name: \"Testville Hospital\",",
        "name: \"Testville\u{1b}Hospital\",",
    );
    assert_city_error(&fx, 7, 19, message);
}

#[test]
fn a_bad_source_is_reported_at_every_record_citing_it() {
    // The contact (line 16) and the address (line 22) cite the same id: an
    // unknown one is an error at each, and the source they meant to cite,
    // now cited by no record, is a warning.
    let fx = Fixture::new();
    let text = fx.read(CITY).replace(
        r#"sources: ["contact-page"]"#,
        r#"sources: ["contact-pgae"]"#,
    );
    fx.write(CITY, text);
    let message = "unknown source \"contact-pgae\"; add it to sources.ron or fix the spelling";
    assert_diagnostics(
        &fx,
        &[
            fx.error(CITY, 16, 31, message),
            fx.error(CITY, 22, 27, message),
            format!(
                "{}:4:17: warning: source \"contact-page\" is cited by no record; cite it or remove it",
                fx.path(SOURCES)
            ),
        ],
    );
    // A bad character is reported once, in the bibliography, where the
    // source is described: the records cite it by id.
    let fx = Fixture::new();
    fx.edit(
        SOURCES,
        "Testville Hospital: contact",
        "Testville\u{1b} Hospital",
    );
    assert_diagnostics(
        &fx,
        &[fx.error(
            SOURCES,
            5,
            20,
            "title contains a control character (U+001B) at character 10; remove it",
        )],
    );
}

#[test]
fn bidi_control_in_an_address() {
    let fx = city_with("en: \"1 Test Road\",", "en: \"1 Test\u{202e} Road\",");
    assert_city_error(
        &fx,
        20,
        21,
        "address contains a bidirectional control character (U+202E) at character 7; remove it",
    );
}

#[test]
fn invisible_character_in_an_address() {
    let fx = city_with(
        "en: \"1 Test Road\",",
        "en: \"1 Test Road\", zh: \"测试路\u{200b}1号\",",
    );
    assert_city_error(
        &fx,
        20,
        40,
        "address contains an invisible character (U+200B) at character 4; remove it",
    );
}

#[test]
fn invalid_verified_date() {
    for bad in ["2026-02-30", "2026-1-5", "22/11/2026"] {
        let fx = city_with(
            "verified: \"2026-11-22\",",
            &format!("verified: \"{bad}\","),
        );
        assert_city_error(
            &fx,
            25,
            23,
            &format!("verified date \"{bad}\" must be a real date written YYYY-MM-DD"),
        );
    }
}

#[test]
fn a_date_is_judged_as_written_not_as_the_last_one_was_kept() {
    // chrono reads " 2024-1-01" (ten bytes) past its space, and the text is
    // kept as "2024-1-01"; a later "2024-1-01" is nine bytes and wrong.
    let fx = Fixture::new();
    let base = fx.read(CITY);
    let start = base
        .find("        (\n            id:")
        .expect("the facility");
    let end = base.find("    ],\n)").expect("the list's end");
    let second = base[start..end]
        .replace("testville-hospital", "testville-clinic")
        .replace("+86 10 5985 0333", "+86 10 6462 0333")
        .replace("\"2026-11-22\"", "\"2024-1-01\"");
    let first = base[start..end].replace("\"2026-11-22\"", "\" 2024-1-01\"");
    let text = format!("{}{first}{second}{}", &base[..start], &base[end..]);
    fx.write(CITY, &text);
    let line = text
        .lines()
        .position(|l| l.contains("\"2024-1-01\""))
        .expect("the second date")
        + 1;
    assert_city_error(
        &fx,
        line,
        23,
        "verified date \"2024-1-01\" must be a real date written YYYY-MM-DD",
    );
}

#[test]
fn website_that_is_not_an_http_url() {
    for bad in ["ftp://example.org/", "example.org", "javascript:alert(1)"] {
        let fx = city_with(
            "verified: \"2026-11-22\",",
            &format!("website: \"{bad}\", verified: \"2026-11-22\","),
        );
        assert_city_error(
            &fx,
            25,
            22,
            &format!("website \"{bad}\" must be an http:// or https:// URL"),
        );
    }
    let fx = city_with(
        "verified: \"2026-11-22\",",
        "website: \"https://example.org/\", verified: \"2026-11-22\",",
    );
    assert_diagnostics(&fx, &[]);
}

// --- Every problem in one run ----------------------------------------------

#[test]
fn all_errors_are_reported_in_one_run() {
    let dir = fixture_dir("multi");
    let shown = dir.to_string_lossy().into_owned();
    let expected = [
        format!(
            "{shown}/cities/testville.ron:10:32: error: unknown specialty id \"urolgy\"; add it to specialties.ron or fix the spelling"
        ),
        format!(
            "{shown}/cities/testville.ron:20:28: error: phone number \"010-59850333\" is not in canonical international form: write \"+86 10 5985 0333\""
        ),
        format!(
            "{shown}/cities/testville.ron:26:23: error: verified date \"2026-13-01\" must be a real date written YYYY-MM-DD"
        ),
        format!(
            "{shown}/cities/testville.ron:36:28: warning: phone number +86 10 5985 0333 is also listed for \"testville-hospital\"; check that both are right"
        ),
        format!(
            "{shown}/emergency.ron:4:21: error: short number \"12399\" is not in the allow-list of service numbers (110, 112, 114, 119, 120, 122, 999, 12110, 12320, 12345, 12395)"
        ),
        format!(
            "{shown}/emergency.ron:11:22: error: emergency number has no source; name where this fact comes from"
        ),
    ];
    let summary = "4 files, 1 city, 2 facilities, 3 phone numbers: 5 errors, 1 warning";

    let loaded = load_dir(&dir);
    assert_eq!(headlines(&loaded), expected);
    assert_eq!(loaded.summary(), summary);

    let output = check_cmd(&dir).assert().code(1).get_output().clone();
    let stdout = String::from_utf8(output.stdout).expect("UTF-8 output");
    // Headlines are the lines that start with the path; the rest are snippets.
    let printed: Vec<&str> = stdout.lines().filter(|l| l.starts_with(&shown)).collect();
    assert_eq!(printed, expected, "{stdout}");
    assert_eq!(stdout.lines().last(), Some(summary), "{stdout}");
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
}

// --- Hostile input ---------------------------------------------------------

#[test]
fn deeply_nested_brackets_are_rejected_without_a_crash() {
    let fx = Fixture::new();
    fx.write("cities/deep.ron", "[".repeat(100_000));
    let expected = fx.error(
        "cities/deep.ron",
        1,
        1,
        "Expected opening `(` for struct `City`",
    );
    let loaded = fx.load();
    assert_eq!(headlines(&loaded), std::slice::from_ref(&expected));
    assert!(loaded.directory.city("testville").is_some());

    let output = check_cmd(fx.root())
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let stdout = String::from_utf8(output).expect("UTF-8 output");
    assert!(stdout.lines().any(|l| l == expected), "{stdout}");
}

#[test]
fn deeply_nested_brackets_inside_a_field_are_rejected_without_a_crash() {
    let fx = Fixture::new();
    let mut text = String::from("(id: \"deep\", name: \"Deep\", aliases: ");
    text.push_str(&"[".repeat(100_000));
    fx.write("cities/deep.ron", text);
    assert_diagnostics(
        &fx,
        &[fx.error("cities/deep.ron", 1, 38, "Expected string")],
    );
}

// --- Adding a city ---------------------------------------------------------

#[test]
fn a_new_city_file_needs_no_code_change() {
    let fx = Fixture::new();
    fx.add_source(r#"id: "newtown-page", title: "Newtown Clinic", publisher: "Newtown Clinic", kind: Official, url: "https://example.org/newtown","#);
    fx.write(
        "cities/newtown.ron",
        r#"(
    id: "newtown",
    name: "Newtown",
    name_zh: "新城",
    facilities: [
        (
            id: "newtown-clinic",
            name: "Newtown Clinic",
            kind: Clinic,
            ownership: Private,
            specialties: [(id: "urology")],
            contacts: [
                (
                    role: "Front desk",
                    phone: "+86 400 876 2747",
                    confidence: SingleSource,
                    sources: ["newtown-page"],
                ),
            ],
            sources: ["newtown-page"],
            verified: "2026-11-22",
        ),
    ],
)
"#,
    );
    let loaded = fx.load();
    assert_eq!(headlines(&loaded), Vec::<String>::new());
    let dir = &loaded.directory;
    let city = dir.city("newtown").expect("the new city is loaded");
    assert_eq!(city.name, "Newtown");
    assert_eq!(city.name_zh.as_deref(), Some("新城"));
    let clinic = dir
        .facility("newtown-clinic")
        .expect("its facility is loaded");
    assert_eq!(dir.city_of(clinic).id.as_str(), "newtown");
    assert_eq!(city.facilities.len(), 1);
    assert_eq!(
        dir.facilities[city.facilities[0]].id.as_str(),
        "newtown-clinic"
    );
    assert_eq!(clinic.contacts[0].phone.display, "+86 400 876 2747");
    assert!(dir.city("testville").is_some());
    assert_eq!(
        loaded.summary(),
        "5 files, 2 cities, 2 facilities, 3 phone numbers: 0 errors, 0 warnings"
    );
}

// --- careguide check -------------------------------------------------------

#[test]
fn check_on_a_missing_directory_exits_2() {
    let tmp = tempfile::tempdir().expect("create a temp dir");
    let missing = tmp.path().join("no-such-dir");
    let output = check_cmd(&missing).assert().code(2).get_output().clone();
    assert_eq!(String::from_utf8_lossy(&output.stdout), "");
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        format!(
            "careguide: data directory {} does not exist\n",
            missing.display()
        )
    );
}

#[test]
fn check_on_a_file_exits_2() {
    let file = fixture_dir("base").join(SPECIALTIES);
    let output = check_cmd(&file).assert().code(2).get_output().clone();
    assert_eq!(String::from_utf8_lossy(&output.stdout), "");
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        format!("careguide: {} is not a directory\n", file.display())
    );
}

#[test]
fn check_on_the_clean_base_fixture_exits_0() {
    let output = check_cmd(&fixture_dir("base"))
        .assert()
        .code(0)
        .get_output()
        .clone();
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        "4 files, 1 city, 1 facility, 2 phone numbers: 0 errors, 0 warnings\n"
    );
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
}

// --- The ledger of values that must never ship (rejected.ron) -----------------

const REJECTED: &str = "rejected.ron";

/// A ledger with one number, one address fragment and one website.
fn with_ledger(reason: &str) -> Fixture {
    let fx = Fixture::new();
    fx.write(
        REJECTED,
        format!(
            "(\n    numbers: [\n        (number: \"010-5985 0333\", about: \"testville-hospital\", label: Dated,\n         reason: \"{reason}\", sources: [\"research part 1\"]),\n    ],\n    texts: [\n        (kind: Address, text: \"TEST ROAD\", about: \"x\", label: UnverifiedCode, reason: \"app code\", sources: [\"research\"]),\n        (kind: Website, text: \"evil.example\", about: \"x\", label: NotOfficial, reason: \"not theirs\", sources: [\"research\"]),\n    ],\n)\n"
        ),
    );
    fx
}

#[test]
fn a_number_in_the_ledger_is_refused_however_it_is_written() {
    let fx = with_ledger("an old page");
    fx.edit(CITY, "1 Test Road", "2 Other Road");
    assert_city_error(
        &fx,
        14,
        28,
        "this number is \"010-5985 0333\" in rejected.ron, which must never ship (dated: an old page); remove it",
    );
}

#[test]
fn an_address_or_website_in_the_ledger_is_refused() {
    let fx = with_ledger("an old page");
    fx.edit(CITY, "+86 10 5985 0333", "+86 10 5927 7000");
    fx.edit(
        CITY,
        "            sources: [\"about-page\"],",
        "            website: \"https://www.evil.example/\",\n            sources: [\"about-page\"],",
    );
    assert_diagnostics(
        &fx,
        &[
            fx.error(
                CITY,
                20,
                21,
                "this address is \"TEST ROAD\" in rejected.ron, which must never ship (only in app code: app code); remove it",
            ),
            fx.error(
                CITY,
                24,
                22,
                "this website is \"evil.example\" in rejected.ron, which must never ship (not official: not theirs); remove it",
            ),
        ],
    );
}

#[test]
fn a_ledger_entry_says_why() {
    let fx = with_ledger("");
    fx.edit(CITY, "+86 10 5985 0333", "+86 10 5927 7000");
    fx.edit(CITY, "1 Test Road", "2 Other Road");
    assert_diagnostics(&fx, &[fx.error(REJECTED, 4, 18, "reason is empty")]);
}

// --- The bibliography and the label rules (sources.ron) ----------------------

#[test]
fn missing_bibliography() {
    let fx = Fixture::new();
    fs::remove_file(fx.root().join(SOURCES)).expect("remove sources.ron");
    // The citations cannot be checked without it: the one error is the
    // missing file, as for specialties.ron.
    assert_diagnostics(
        &fx,
        &[fx.error(
            SOURCES,
            1,
            1,
            "missing file: every data directory needs sources.ron",
        )],
    );
}

#[test]
fn a_cited_id_must_be_in_the_bibliography() {
    let fx = city_with(r#"sources: ["about-page"]"#, r#"sources: ["abuot-page"]"#);
    assert_diagnostics(
        &fx,
        &[
            fx.error(
                CITY,
                24,
                23,
                "unknown source \"abuot-page\"; add it to sources.ron or fix the spelling",
            ),
            format!(
                "{}:11:17: warning: source \"about-page\" is cited by no record; cite it or remove it",
                fx.path(SOURCES)
            ),
        ],
    );
}

#[test]
fn a_source_no_record_cites_is_a_warning() {
    let fx = Fixture::new();
    fx.add_source(
        r#"id: "spare", title: "A page nobody cites", publisher: "Example", kind: News, url: "https://example.org/spare","#,
    );
    let expected = format!(
        "{}:25:17: warning: source \"spare\" is cited by no record; cite it or remove it",
        fx.path(SOURCES)
    );
    assert_diagnostics(&fx, std::slice::from_ref(&expected));
    // A warning: check still exits 0.
    let output = check_cmd(fx.root()).assert().code(0).get_output().clone();
    let stdout = String::from_utf8(output.stdout).expect("UTF-8 output");
    assert!(stdout.lines().any(|l| l == expected), "{stdout}");
}

#[test]
fn official_needs_a_source_of_kind_official() {
    let fx = Fixture::new();
    fx.edit(
        SOURCES,
        "publisher: \"Testville Hospital\",\n            kind: Official,\n            url: \"https://example.org/contact\"",
        "publisher: \"Testville Hospital\",\n            kind: News,\n            url: \"https://example.org/contact\"",
    );
    let message = "confidence Official needs a source of kind official (the institution's own site); found news";
    assert_diagnostics(
        &fx,
        &[
            fx.error(CITY, 15, 33, message),
            fx.error(CITY, 21, 29, message),
        ],
    );
}

#[test]
fn corroborated_needs_two_publishers() {
    let fx = Fixture::new();
    fx.add_source(
        r#"id: "contact-copy", title: "Testville Hospital: contact (print)", publisher: "Testville Hospital", kind: Official, url: "https://example.org/contact.pdf","#,
    );
    fx.edit(
        CITY,
        "confidence: Official,\n                    sources: [\"contact-page\"],",
        "confidence: Corroborated,\n                    sources: [\"contact-page\", \"contact-copy\"],",
    );
    assert_city_error(
        &fx,
        15,
        33,
        "confidence Corroborated needs sources from two different publishers; these are all from \"Testville Hospital\"",
    );
}

#[test]
fn app_code_alone_backs_no_number_and_no_address() {
    let fx = Fixture::new();
    fx.add_source(
        r#"id: "app-list", title: "A hospital list in an app's code", publisher: "an app on GitHub", kind: AppCode, reference: "GitHub file ref 1234567","#,
    );
    let text = fx
        .read(CITY)
        .replace("confidence: Official,", "confidence: SingleSource,")
        .replace(r#"sources: ["contact-page"]"#, r#"sources: ["app-list"]"#);
    fx.write(CITY, text);
    assert_diagnostics(
        &fx,
        &[
            fx.error(
                CITY,
                16,
                30,
                "phone number rests on app code alone (sources of kind app_code); add a source that is not app code, or remove it",
            ),
            fx.error(
                CITY,
                22,
                26,
                "address rests on app code alone (sources of kind app_code); add a source that is not app code, or remove it",
            ),
            format!(
                "{}:4:17: warning: source \"contact-page\" is cited by no record; cite it or remove it",
                fx.path(SOURCES)
            ),
        ],
    );
    // With a second source that is not app code, both may stand.
    let fx = Fixture::new();
    fx.add_source(
        r#"id: "app-list", title: "A hospital list in an app's code", publisher: "an app on GitHub", kind: AppCode, reference: "GitHub file ref 1234567","#,
    );
    let text = fx.read(CITY).replace(
        r#"sources: ["contact-page"]"#,
        r#"sources: ["contact-page", "app-list"]"#,
    );
    fx.write(CITY, text);
    assert_diagnostics(&fx, &[]);
}

#[test]
fn a_source_says_where_to_find_it_and_when() {
    let fx = Fixture::new();
    fx.add_source(
        r#"id: "vague", title: "Somewhere", publisher: "Someone", kind: Guide, date: "May 2020","#,
    );
    fx.edit(
        CITY,
        r#"sources: ["about-page"]"#,
        r#"sources: ["about-page", "vague"]"#,
    );
    assert_diagnostics(
        &fx,
        &[
            fx.error(
                SOURCES,
                24,
                9,
                "source \"vague\" has neither a url nor a reference; say where a reader can find it",
            ),
            fx.error(
                SOURCES,
                25,
                87,
                "date \"May 2020\" must be written YYYY, YYYY-MM or YYYY-MM-DD",
            ),
        ],
    );
}

#[test]
fn check_stale_lists_facilities_verified_long_ago() {
    let fx = city_with("verified: \"2026-11-22\",", "verified: \"2020-01-01\",");
    let stdout = |args: &[&str]| {
        let mut cmd = check_cmd(fx.root());
        cmd.args(args);
        let output = cmd.assert().code(0).get_output().clone();
        String::from_utf8(output.stdout).expect("UTF-8 output")
    };
    let listed = stdout(&["--stale", "30"]);
    let line = listed
        .lines()
        .find(|l| l.starts_with(&format!("{}:6: ", fx.path(CITY))))
        .unwrap_or_else(|| panic!("the facility is listed:\n{listed}"));
    assert!(
        line.contains(": testville-hospital verified 2020-01-01, ") && line.ends_with(" days ago"),
        "{line}"
    );
    assert!(
        listed.contains("\n1 facility verified more than 30 days ago:\n"),
        "{listed}"
    );
    // Default off; and a threshold it is within lists nothing.
    assert!(!stdout(&[]).contains("verified more than"));
    assert!(
        stdout(&["--stale", "100000"])
            .contains("\n0 facilities verified more than 100000 days ago.\n")
    );
}

#[test]
fn a_name_or_any_text_in_the_ledger_is_refused() {
    let fx = Fixture::new();
    fx.write(
        REJECTED,
        "(\n    texts: [\n        (kind: Name, text: \"HOSPITAL\", about: \"x\", label: UnverifiedCode, reason: \"app code\", sources: [\"research\"]),\n        (kind: Any, text: \"switch\", about: \"x\", label: Dated, reason: \"an old page\", sources: [\"research\"]),\n    ],\n)\n",
    );
    assert_diagnostics(
        &fx,
        &[
            fx.error(
                CITY,
                7,
                19,
                "this name is \"HOSPITAL\" in rejected.ron, which must never ship (only in app code: app code); remove it",
            ),
            fx.error(
                CITY,
                13,
                27,
                "this text is \"switch\" in rejected.ron, which must never ship (dated: an old page); remove it",
            ),
        ],
    );
}

// --- The phrase card (phrases.ron) --------------------------------------------

#[test]
fn phrases_are_checked_like_every_fact() {
    let fx = Fixture::new();
    fx.write(
        "phrases.ron",
        "(\n    phrases: [\n        (situation: Call120, zh: \"救命\u{200b}!\", en: \"Help!\", confidence: Corroborated, sources: [\"emergency-page\"]),\n        (situation: Words, zh: \"救护车\", en: \"ambulance\", confidence: SingleSource, sources: []),\n        (situation: Words, zh: \"急诊\", en: \"emergency\", confidence: SingleSource, sources: [\"no-such-page\"]),\n    ],\n    tell_120: [(text: \"Say where you are.\", sources: [\"emergency-page\"])],\n)\n",
    );
    let phrases = "phrases.ron";
    assert_diagnostics(
        &fx,
        &[
            fx.error(
                phrases,
                3,
                34,
                "zh contains an invisible character (U+200B) at character 3; remove it",
            ),
            fx.error(
                phrases,
                3,
                67,
                "confidence Corroborated needs at least two independent sources; found 1",
            ),
            fx.error(
                phrases,
                4,
                91,
                "phrase has no source; name where this fact comes from",
            ),
            fx.error(
                phrases,
                5,
                91,
                "unknown source \"no-such-page\"; add it to sources.ron or fix the spelling",
            ),
        ],
    );
    let loaded = fx.load();
    assert_eq!(loaded.directory.phrases.len(), 3);
    assert_eq!(loaded.directory.phrases[0].zh, "救命!");
    assert_eq!(loaded.directory.tell_120.len(), 1);
}
