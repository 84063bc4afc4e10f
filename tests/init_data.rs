//! `careguide init-data DIR`: the round trip (init-data, then `check DIR`
//! is clean and `--data DIR` shows the same directory as the embedded
//! data), and the refusal to overwrite anything.

use std::fs;

use assert_cmd::Command;
use careguide::data::{self, DataSource};
use careguide::model::Directory;

fn careguide() -> Command {
    let mut cmd = Command::cargo_bin("careguide").expect("binary");
    cmd.env_remove("CAREGUIDE_DATA")
        .env("CAREGUIDE_PERSONAL", "/nonexistent/careguide-personal");
    cmd
}

/// Origins name files; only their paths under the data directory matter.
fn without_roots(mut dir: Directory, root: &str) -> Directory {
    let strip = |path: &mut std::sync::Arc<str>| {
        if let Some(rest) = path.strip_prefix(root) {
            *path = rest.trim_start_matches('/').into();
        }
    };
    for city in &mut dir.cities {
        strip(&mut city.origin.file);
    }
    for facility in &mut dir.facilities {
        strip(&mut facility.origin.file);
        facility
            .contacts
            .iter_mut()
            .for_each(|c| strip(&mut c.origin.file));
    }
    dir
}

#[test]
fn init_data_then_check_is_clean_and_data_dir_shows_the_same_directory() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path().join("my-data");
    careguide()
        .arg("init-data")
        .arg(&dir)
        .assert()
        .success()
        .stdout(predicates::str::contains("careguide --data"));
    assert!(dir.join("specialties.ron").is_file());
    assert!(dir.join("emergency.ron").is_file());
    assert!(dir.join("cities/beijing.ron").is_file());

    careguide()
        .arg("check")
        .arg(&dir)
        .assert()
        .success()
        .stdout(predicates::str::contains(": 0 errors, 0 warnings"));

    let embedded = data::load(&DataSource::Embedded).expect("embedded");
    let copied = data::load(&DataSource::Dir(dir.clone())).expect("copied");
    assert!(copied.diagnostics.is_empty());
    assert_eq!(
        without_roots(copied.directory, &dir.to_string_lossy()),
        without_roots(embedded.directory, "data"),
    );

    let export = |data: Option<&std::path::Path>| {
        let mut cmd = careguide();
        if let Some(data) = data {
            cmd.arg("--data").arg(data);
        }
        let out = cmd
            .arg("export")
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        String::from_utf8(out).expect("UTF-8")
    };
    assert_eq!(
        export(Some(&dir)),
        export(None),
        "--data DIR exports the same"
    );
}

#[test]
fn init_data_refuses_to_overwrite_and_writes_nothing() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path();
    fs::create_dir(dir.join("cities")).expect("mkdir");
    fs::write(dir.join("cities/beijing.ron"), "// my edits").expect("write");
    careguide()
        .arg("init-data")
        .arg(dir)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("nothing was written"))
        .stderr(predicates::str::contains("beijing.ron"));
    assert_eq!(
        fs::read_to_string(dir.join("cities/beijing.ron")).expect("read"),
        "// my edits"
    );
    let mut all: Vec<String> = walk(dir);
    all.sort();
    assert_eq!(all, ["cities", "cities/beijing.ron"]);
}

fn walk(dir: &std::path::Path) -> Vec<String> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).expect("list").flatten() {
        let path = entry.path();
        let rel = path
            .strip_prefix(dir)
            .expect("under dir")
            .to_string_lossy()
            .into_owned();
        if path.is_dir() {
            out.extend(walk(&path).into_iter().map(|r| format!("{rel}/{r}")));
        }
        out.push(rel);
    }
    out
}
