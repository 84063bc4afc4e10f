//! Embeds every file under `data/` into the binary: writes a list of
//! `(path, include_bytes!(..))` pairs, so adding a city file needs no code
//! change, and tells cargo to rebuild when anything under `data/` changes.
//! Also sets `CAREGUIDE_DATA_VERIFIED`, the newest `verified: "YYYY-MM-DD"`
//! date in those files, which `--version` prints without loading the data.

use std::path::{Path, PathBuf};
use std::{env, fs};

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "ron") {
            out.push(path);
        }
    }
}

/// The newest `verified: "YYYY-MM-DD"` date in `text`. A plain scan rather
/// than a parse: the data's schema lives in the crate this script builds,
/// and `check` (run in CI) holds every date to that form.
fn newest_verified(text: &str) -> Option<&str> {
    text.match_indices("verified:")
        .filter_map(|(at, key)| {
            let value = text[at + key.len()..].trim_start().strip_prefix('"')?;
            let date = value.get(..10)?;
            let digits = date.bytes().enumerate().all(|(i, b)| match i {
                4 | 7 => b == b'-',
                _ => b.is_ascii_digit(),
            });
            (digits && value[10..].starts_with('"')).then_some(date)
        })
        .max()
}

fn main() {
    let root =
        PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let data = root.join("data");
    println!("cargo:rerun-if-changed=data");
    let mut files = Vec::new();
    collect(&data, &mut files);
    files.sort();
    let mut code = String::from("pub static FILES: &[(&str, &[u8])] = &[\n");
    for file in &files {
        let rel = file.strip_prefix(&root).expect("under the manifest dir");
        let rel = rel.to_string_lossy().replace('\\', "/");
        code.push_str(&format!(
            "    ({rel:?}, include_bytes!({:?})),\n",
            file.display().to_string()
        ));
    }
    code.push_str("];\n");
    let texts: Vec<String> = files
        .iter()
        .filter_map(|f| fs::read_to_string(f).ok())
        .collect();
    let verified = texts
        .iter()
        .filter_map(|t| newest_verified(t))
        .max()
        .unwrap_or("unknown");
    println!("cargo:rustc-env=CAREGUIDE_DATA_VERIFIED={verified}");
    let out =
        PathBuf::from(env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("embedded_data.rs");
    fs::write(out, code).expect("write embedded_data.rs");
}
