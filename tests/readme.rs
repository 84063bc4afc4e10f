//! The README's keys table is generated from the keymap, and its example
//! config file is `config::EXAMPLE`; these tests fail when they differ.
//! `UPDATE_README=1 cargo test --release --test readme` rewrites both.

use std::path::Path;

/// Checks (or, with `UPDATE_README`, rewrites) the README between two
/// markers.
fn generated(name: &str, expected: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let readme = std::fs::read_to_string(&path).expect("README.md");
    let (start, end) = (
        format!("<!-- {name}:start -->\n"),
        format!("<!-- {name}:end -->"),
    );
    let from = readme.find(&start).expect("start marker") + start.len();
    let to = readme.find(&end).expect("end marker");
    if std::env::var_os("UPDATE_README").is_some() {
        let updated = format!("{}{}{}", &readme[..from], expected, &readme[to..]);
        std::fs::write(&path, updated).expect("write README.md");
    } else {
        assert_eq!(
            &readme[from..to],
            expected,
            "README {name} is stale: UPDATE_README=1 cargo test --release --test readme"
        );
    }
}

#[test]
fn readme_keys_table_matches_the_keymap() {
    generated("keys", &careguide::tui::keymap::markdown_table());
}

#[test]
fn readme_config_example_is_the_one_careguide_parses() {
    generated(
        "config",
        &format!("```toml\n{}```\n", careguide::config::EXAMPLE),
    );
}
