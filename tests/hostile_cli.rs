//! Help as a user and a script meet it (probe 16): the help says what the
//! commands really print, and short help stands on its own.

use assert_cmd::Command;

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
