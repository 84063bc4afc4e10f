//! Hostile files and file systems around the files careguide writes and
//! reads beside the data: `careguide note` run many times at once, on a
//! FIFO, through a symlink and on a file with a BOM (probe 4);
//! `init-data` on a disk that fills up midway (probe 13); a config file
//! beside the personal files, and personal files in their old place
//! (probe 14). Everything runs the real binary, as a user would.

use std::fs;
use std::os::unix::fs::FileTypeExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command as StdCommand, Stdio};
use std::time::Duration;

use assert_cmd::Command;
use careguide::data::{self, DataSource, Sources};

const BIN: &str = env!("CARGO_BIN_EXE_careguide");

/// Longer than any command takes here; a hang is killed and fails the test.
const NO_HANG: Duration = Duration::from_secs(30);

/// The binary with the environment that could change what it reads removed.
fn careguide() -> Command {
    let mut cmd = Command::new(BIN);
    cmd.env_remove("CAREGUIDE_DATA")
        .env_remove("CAREGUIDE_PERSONAL")
        .env_remove("NO_COLOR")
        .timeout(NO_HANG);
    cmd
}

fn note(personal: &Path, id: &str, text: &str) -> assert_cmd::assert::Assert {
    careguide()
        .arg("--personal")
        .arg(personal)
        .args(["note", id, text])
        .assert()
}

/// The personal notes of facility `id`, with `personal` loaded without errors.
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

/// Every path under `dir`, relative to it, sorted (directories too).
fn walk(dir: &Path) -> Vec<String> {
    fn go(root: &Path, dir: &Path, out: &mut Vec<String>) {
        for entry in fs::read_dir(dir).expect("list").flatten() {
            let path = entry.path();
            let rel = path.strip_prefix(root).expect("under root");
            out.push(rel.to_string_lossy().into_owned());
            if entry.file_type().expect("type").is_dir() {
                go(root, &path, out);
            }
        }
    }
    let mut out = Vec::new();
    go(dir, dir, &mut out);
    out.sort();
    out
}

// ---------------------------------------------------------------- probe 4: careguide note

/// 50 pairs of `careguide note` at once, as two terminals (or a script and
/// a person) would run them: every run must say it added its note and exit
/// 0, and every note must be in the file afterwards, which must parse.
/// Ten pairs start together, five times over.
#[test]
fn probe_04_concurrent_notes_are_all_kept() {
    let dir = tempfile::tempdir().expect("temp dir");
    let personal = dir.path().join("personal");
    let spawn = |text: &str| -> Child {
        StdCommand::new(BIN)
            .env_remove("CAREGUIDE_DATA")
            .env_remove("CAREGUIDE_PERSONAL")
            .arg("--personal")
            .arg(&personal)
            .args(["note", "pumch", text])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawns")
    };
    let mut expected = Vec::new();
    for batch in 0..5 {
        let mut children = Vec::new();
        for pair in 0..10 {
            for side in ["a", "b"] {
                let text = format!("pair {} note {side}", batch * 10 + pair);
                children.push((spawn(&text), text.clone()));
                expected.push(text);
            }
        }
        for (child, text) in children {
            let out = child.wait_with_output().expect("waits");
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert!(out.status.success(), "{text}: {:?} {stderr}", out.status);
            assert!(
                String::from_utf8_lossy(&out.stdout).starts_with("Added a note"),
                "{text}: {out:?}"
            );
        }
    }
    let mut notes = notes_of(&personal, "pumch");
    notes.sort();
    expected.sort();
    assert_eq!(notes, expected, "every note is kept, once");
}

/// A FIFO named `notes.ron` is refused at once with a clear message: it is
/// never opened for reading (which waits for a writer for ever).
#[test]
fn probe_04_a_fifo_notes_file_is_refused_without_hanging() {
    let dir = tempfile::tempdir().expect("temp dir");
    let fifo = dir.path().join("notes.ron");
    let made = StdCommand::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo");
    assert!(made.success());
    note(dir.path(), "pumch", "never written")
        .code(2)
        .stderr(predicates::str::contains("not a regular file"));
    assert!(
        fs::symlink_metadata(&fifo)
            .expect("still there")
            .file_type()
            .is_fifo(),
        "the FIFO is left alone"
    );
}

/// `notes.ron` as a symlink (dotfiles managed with stow or chezmoi): the
/// note goes into the link's target, and the link stays a link. A relative
/// link, and a link whose target does not exist yet (created there).
#[test]
fn probe_04_a_symlinked_notes_file_gets_the_note_and_stays_a_link() {
    let dir = tempfile::tempdir().expect("temp dir");
    let dotfiles = dir.path().join("dotfiles/careguide");
    fs::create_dir_all(&dotfiles).expect("mkdir");
    let target = dotfiles.join("notes.ron");
    let original = "// kept\n(\n    facilities: [],\n)\n";
    fs::write(&target, original).expect("write");
    let personal = dir.path().join("config");
    fs::create_dir(&personal).expect("mkdir");
    let link = personal.join("notes.ron");
    std::os::unix::fs::symlink("../dotfiles/careguide/notes.ron", &link).expect("symlink");

    note(&personal, "pumch", "Through the link").success();
    assert!(
        fs::symlink_metadata(&link)
            .expect("link")
            .file_type()
            .is_symlink(),
        "notes.ron is still a symlink"
    );
    let text = fs::read_to_string(&target).expect("target");
    assert!(text.starts_with("// kept\n"), "{text}");
    assert!(text.contains("Through the link"), "{text}");
    assert_eq!(notes_of(&personal, "pumch"), ["Through the link"]);
    let mut left: Vec<String> = walk(&dotfiles);
    left.retain(|name| name != "notes.ron");
    assert!(left.is_empty(), "no temporary file left: {left:?}");

    let fresh = dir.path().join("fresh");
    fs::create_dir(&fresh).expect("mkdir");
    let later = dotfiles.join("later.ron");
    std::os::unix::fs::symlink(&later, fresh.join("notes.ron")).expect("symlink");
    note(&fresh, "pumch", "Into a new target").success();
    assert!(
        fs::symlink_metadata(fresh.join("notes.ron"))
            .expect("link")
            .file_type()
            .is_symlink()
    );
    assert!(
        fs::read_to_string(&later)
            .expect("created")
            .contains("Into a new target")
    );
}

/// A `notes.ron` with a BOM, in UTF-16 or with invalid UTF-8 is refused
/// with the message `careguide check` gives for it, and left untouched.
#[test]
fn probe_04_an_unreadable_notes_file_gets_the_message_check_gives() {
    let valid = "(facilities: [])\n";
    let utf16: Vec<u8> = valid.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let cases: [(&str, Vec<u8>); 3] = [
        (
            "BOM",
            [b"\xEF\xBB\xBF".as_slice(), valid.as_bytes()].concat(),
        ),
        ("UTF-16", utf16),
        ("invalid UTF-8", b"(facilities: [])\n// caf\xE9\n".to_vec()),
    ];
    for (what, bytes) in cases {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("notes.ron");
        fs::write(&path, &bytes).expect("write");
        let check = careguide()
            .arg("--personal")
            .arg(dir.path())
            .arg("check")
            .output()
            .expect("check runs");
        let check = String::from_utf8_lossy(&check.stdout).into_owned();
        let headline = check
            .lines()
            .find(|l| l.contains("notes.ron:"))
            .unwrap_or_else(|| panic!("{what}: check names notes.ron: {check}"));
        note(dir.path(), "pumch", "never written")
            .code(2)
            .stderr(predicates::str::contains(headline));
        assert_eq!(fs::read(&path).expect("read"), bytes, "{what}: untouched");
    }
}

// ---------------------------------------------------------------- probe 13: init-data

/// `init-data` where writes fail midway: RLIMIT_FSIZE (`ulimit -f 16`,
/// 8 or 16 KiB) lets the small files through and cuts the large ones, as
/// a full disk does (EFBIG, with SIGXFSZ ignored). Nothing may be left
/// behind, and the retry without the limit must succeed. Once into a
/// directory that does not exist yet, once into an empty one.
#[test]
fn probe_13_init_data_that_fails_midway_leaves_nothing_and_the_retry_succeeds() {
    for exists in [false, true] {
        let tmp = tempfile::tempdir().expect("temp dir");
        let dir = tmp.path().join("my-data");
        if exists {
            fs::create_dir(&dir).expect("mkdir");
        }
        let out = StdCommand::new("sh")
            .args([
                "-c",
                r#"trap '' XFSZ; ulimit -f 16 && exec "$0" init-data "$1""#,
                BIN,
            ])
            .arg(&dir)
            .env_remove("CAREGUIDE_DATA")
            .env_remove("CAREGUIDE_PERSONAL")
            .output()
            .expect("sh runs");
        assert_eq!(out.status.code(), Some(2), "exists={exists}: {out:?}");
        let left = walk(tmp.path());
        let expected: Vec<String> = if exists {
            vec!["my-data".to_string()]
        } else {
            Vec::new()
        };
        assert_eq!(left, expected, "exists={exists}: nothing left behind");

        careguide()
            .env("CAREGUIDE_PERSONAL", "/nonexistent/careguide-personal")
            .arg("init-data")
            .arg(&dir)
            .assert()
            .success();
        careguide()
            .env("CAREGUIDE_PERSONAL", "/nonexistent/careguide-personal")
            .arg("check")
            .arg(&dir)
            .assert()
            .success()
            .stdout(predicates::str::contains(": 0 errors, 0 warnings"));
        let files = walk(&dir);
        assert!(
            files.contains(&"cities/beijing.ron".to_string()),
            "{files:?}"
        );
        assert!(
            files.iter().all(|f| !f.starts_with('.')),
            "no temporary directory left: {files:?}"
        );
    }
}

// ---------------------------------------------------------------- probe 14: where personal files live

/// A fake home: `$HOME` and `$XDG_CONFIG_HOME` in a temporary directory,
/// so the platform's config directory is `<tmp>/config/careguide`.
struct Home {
    tmp: tempfile::TempDir,
}

impl Home {
    fn new() -> Home {
        Home {
            tmp: tempfile::tempdir().expect("temp dir"),
        }
    }

    /// `~/.config/careguide`: the config directory (the old personal place).
    fn config(&self) -> PathBuf {
        self.tmp.path().join("config/careguide")
    }

    /// `~/.config/careguide/personal`.
    fn personal(&self) -> PathBuf {
        self.config().join("personal")
    }

    fn write(&self, path: &Path, text: &str) {
        fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        fs::write(path, text).expect("write");
    }

    fn careguide(&self) -> Command {
        let mut cmd = careguide();
        cmd.env("HOME", self.tmp.path())
            .env("XDG_CONFIG_HOME", self.tmp.path().join("config"));
        cmd
    }
}

const MINE: &str = r#"(
    id: "hohhot",
    facilities: [
        (
            id: "dr-wang-clinic",
            name: "Dr Wang's clinic",
            name_zh: "王医生诊所",
            kind: Clinic,
            ownership: Private,
            contacts: [(role: "Dr Wang (mobile)", phone: "+86 138 0471 0000",
                        confidence: SingleSource, sources: [])],
            verified: "2026-11-20",
        ),
    ],
)
"#;

/// A config file, in TOML or RON, and a state file beside the personal
/// files are not data: they are not read, raise no error, and the personal
/// files around them are still merged.
#[test]
fn probe_14_a_config_file_beside_personal_files_is_not_read_as_data() {
    let home = Home::new();
    home.write(&home.personal().join("mine.ron"), MINE);
    for dir in [home.config(), home.personal()] {
        home.write(&dir.join("config.toml"), "clipboard = \"osc52\"\n");
        home.write(&dir.join("config.ron"), "(clipboard: Osc52)\n");
        home.write(&dir.join("state.ron"), "(last_city: \"hohhot\")\n");
        home.write(&dir.join("state.toml"), "last_city = \"hohhot\"\n");
    }
    home.careguide()
        .args(["search", "--json", "dr wang"])
        .assert()
        .success()
        .stderr("")
        .stdout(predicates::str::contains("\"id\": \"dr-wang-clinic\""));
    home.careguide()
        .arg("check")
        .assert()
        .success()
        .stdout(predicates::str::contains("personal: 1 file, 0 errors"));
}

/// The personal files live in `~/.config/careguide/personal/`.
#[test]
fn probe_14_files_in_the_personal_folder_are_read() {
    let home = Home::new();
    home.write(&home.personal().join("mine.ron"), MINE);
    home.careguide()
        .args(["search", "--json", "dr wang"])
        .assert()
        .success()
        .stderr("")
        .stdout(predicates::str::contains("\"id\": \"dr-wang-clinic\""));
}

/// Personal files in the old place (`~/.config/careguide/*.ron`) are still
/// read, with a one-line notice to move them; `careguide note` writes into
/// the new folder.
#[test]
fn probe_14_files_in_the_old_place_are_read_with_a_notice() {
    let home = Home::new();
    home.write(&home.config().join("mine.ron"), MINE);
    home.write(
        &home.config().join("config.toml"),
        "clipboard = \"osc52\"\n",
    );
    let out = home
        .careguide()
        .args(["search", "--json", "dr wang"])
        .assert()
        .success()
        .stdout(predicates::str::contains("\"id\": \"dr-wang-clinic\""))
        .get_output()
        .clone();
    let stderr = String::from_utf8(out.stderr).expect("UTF-8");
    assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");
    let new_place = home.personal().display().to_string();
    assert!(
        stderr.contains("mine.ron") && stderr.contains(&new_place) && stderr.contains("move"),
        "{stderr}"
    );
    assert!(!stderr.contains("config.toml"), "{stderr}");

    home.careguide()
        .args(["note", "pumch", "In the new folder"])
        .assert()
        .success();
    assert!(home.personal().join("notes.ron").is_file());
    assert!(!home.config().join("notes.ron").exists());
    assert_eq!(notes_of(&home.personal(), "pumch"), ["In the new folder"]);
}
