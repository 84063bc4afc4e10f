//! Help and version as a user and a script meet them (probe 16): the help
//! says what the commands really print, short help stands on its own,
//! help and version written to a full disk fail loudly instead of exiting
//! 0 with nothing written, and `--version` says which data it carries.

use std::fs::OpenOptions;
use std::process::{Command as StdCommand, Stdio};

use assert_cmd::Command;
use careguide::data::{self, DataSource};

const BIN: &str = env!("CARGO_BIN_EXE_careguide");

fn careguide() -> Command {
    let mut cmd = Command::new(BIN);
    cmd.env_remove("CAREGUIDE_DATA")
        .env_remove("CAREGUIDE_CLIPBOARD")
        .env_remove("NO_COLOR")
        .env("CAREGUIDE_PERSONAL", "/nonexistent/careguide-personal");
    cmd
}

fn stdout_of(args: &[&str]) -> String {
    let out = careguide()
        .args(args)
        .assert()
        .success()
        .stderr("")
        .get_output()
        .clone();
    String::from_utf8(out.stdout).expect("UTF-8")
}

/// The subcommands a user can see, as `careguide help` lists them.
fn subcommands() -> Vec<String> {
    let help = stdout_of(&["--help"]);
    let commands = help
        .split("Commands:\n")
        .nth(1)
        .expect("a Commands: section");
    commands
        .lines()
        .take_while(|l| !l.trim().is_empty())
        .filter_map(|l| l.split_whitespace().next())
        .filter(|name| *name != "help")
        .map(str::to_string)
        .collect()
}

/// The CSV header that `export --help` documents is the one `export`
/// prints, `personal` column included.
#[test]
fn probe_16_export_help_documents_the_csv_header_export_prints() {
    let csv = stdout_of(&["export", "--format", "csv"]);
    let header = csv.lines().next().expect("a header line");
    assert!(header.ends_with(",personal"), "{header}");
    let help = stdout_of(&["export", "--help"]);
    assert!(
        help.contains(&format!("csv: header {header};")),
        "the help names the header {header}:\n{help}"
    );
}

/// `-h` shows no long description, so nothing in it may point "above".
#[test]
fn probe_16_short_help_never_says_see_above() {
    let commands = subcommands();
    assert!(commands.contains(&"export".to_string()), "{commands:?}");
    let mut all = vec![vec!["-h".to_string()]];
    all.extend(commands.iter().map(|c| vec![c.clone(), "-h".to_string()]));
    for args in all {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let text = stdout_of(&args);
        assert!(!text.contains("above"), "{args:?}:\n{text}");
    }
}

/// Help and version on a full disk: writing fails, so the exit status must
/// not be 0 (2, with a short message on stderr).
#[test]
fn probe_16_help_and_version_on_a_full_disk_exit_non_zero() {
    for args in [
        &["--help"][..],
        &["-h"],
        &["--version"],
        &["-V"],
        &["help"],
        &["help", "export"],
        &["export", "--help"],
        &["search", "-h"],
    ] {
        let full = OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .expect("/dev/full");
        let out = StdCommand::new(BIN)
            .args(args)
            .env("CAREGUIDE_PERSONAL", "/nonexistent/careguide-personal")
            .stdout(Stdio::from(full))
            .stderr(Stdio::piped())
            .output()
            .expect("runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(
            stderr.starts_with("careguide: ") && stderr.lines().count() == 1,
            "{args:?}: {stderr}"
        );
    }
}

/// `--version` (and `-V`) names the newest `verified` date of the data the
/// binary carries.
#[test]
fn probe_16_version_names_the_date_the_embedded_data_was_verified() {
    let loaded = data::load(&DataSource::Embedded).expect("embedded data loads");
    let newest = loaded
        .directory
        .facilities
        .iter()
        .map(|f| f.verified.to_string())
        .max()
        .expect("facilities");
    let expected = format!(
        "careguide {} (data verified {newest})\n",
        env!("CARGO_PKG_VERSION")
    );
    for flag in ["--version", "-V"] {
        assert_eq!(stdout_of(&[flag]), expected, "{flag}");
    }
}
