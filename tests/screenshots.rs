//! The README's screenshots are the real renderer's output: this test draws
//! each scenario into a TestBackend, writes it as SVG, and fails when a
//! committed picture in screenshots/ differs. Regenerate them with
//! `UPDATE_SCREENSHOTS=1 cargo test --release --test screenshots`.

mod support;

use std::path::Path;

const SHOTS: &[(&str, &str, u16, u16)] = &[
    ("main", "start", 120, 34),
    ("filter", "filtered", 120, 34),
    ("global-search", "global_search", 120, 34),
    ("card", "card", 120, 34),
    ("help", "help", 120, 40),
    ("emergency", "emergency", 120, 34),
    ("phrases", "phrases", 120, 34),
    ("driver", "driver", 100, 24),
    ("compact", "no_number", 60, 20),
    ("personal", "personal", 120, 34),
    ("diagnostics", "diagnostics", 120, 34),
];

#[test]
fn committed_screenshots_match_the_renderer() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("screenshots");
    let update = std::env::var_os("UPDATE_SCREENSHOTS").is_some();
    let tmp = tempfile::tempdir().expect("temp dir");
    let mut stale = Vec::new();
    for (file, scenario, width, height) in SHOTS {
        let buffer = support::render(&support::scenario(scenario, *width, *height));
        let svg = careguide::ui::svg::to_svg(&buffer);
        let name = format!("{file}.svg");
        std::fs::write(tmp.path().join(&name), &svg).expect("write to temp dir");
        let committed = dir.join(&name);
        if update {
            std::fs::write(&committed, &svg).expect("write screenshot");
        } else if std::fs::read_to_string(&committed).ok().as_deref() != Some(svg.as_str()) {
            stale.push(name);
        }
    }
    assert!(
        stale.is_empty(),
        "stale screenshots {stale:?}: run UPDATE_SCREENSHOTS=1 cargo test --release --test screenshots"
    );
}
