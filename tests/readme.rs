//! The README's keys table is generated from the keymap; this test fails
//! when they differ. `UPDATE_README=1 cargo test --release --test readme`
//! rewrites the table.

use std::path::Path;

#[test]
fn readme_keys_table_matches_the_keymap() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let readme = std::fs::read_to_string(&path).expect("README.md");
    let (start, end) = ("<!-- keys:start -->\n", "<!-- keys:end -->");
    let from = readme.find(start).expect("keys:start marker") + start.len();
    let to = readme.find(end).expect("keys:end marker");
    let table = careguide::tui::keymap::markdown_table();
    if std::env::var_os("UPDATE_README").is_some() {
        let updated = format!("{}{}{}", &readme[..from], table, &readme[to..]);
        std::fs::write(&path, updated).expect("write README.md");
    } else {
        assert_eq!(
            &readme[from..to],
            table,
            "README keys table is stale: UPDATE_README=1 cargo test --release --test readme"
        );
    }
}
