//! The live-reload watcher (`tui::watch`) on a real directory: a file
//! written is a change, a file read is not. notify reports every open of a
//! watched file, and a reload reads every file, so a watcher that counted
//! reads would reload for ever after the first edit (and two careguides on
//! one directory would keep each other reloading).

use std::time::{Duration, Instant};

use careguide::data::{DataSource, Sources};
use careguide::tui::watch::{DEBOUNCE, Watch};

mod support;

/// Whether `watch` reports a change within `wait`.
fn changed_within(watch: &Watch, wait: Duration) -> bool {
    let start = Instant::now();
    while start.elapsed() < wait {
        if watch.changed() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    false
}

#[test]
fn a_written_file_is_a_change_and_a_read_one_is_not() {
    let data = support::data_copy();
    let sources = Sources {
        shipped: DataSource::Dir(data.path().to_path_buf()),
        personal: None,
        old_personal: None,
    };
    let watch = Watch::start(&sources)
        .expect("the directory can be watched")
        .expect("something to watch");
    // Long enough for the debounce and its tick to pass several times.
    let quiet = DEBOUNCE * 4;
    assert!(!changed_within(&watch, quiet), "nothing happened yet");

    // What a reload does: read every file.
    for (rel, _) in careguide::data::load::embedded_files() {
        std::fs::read_to_string(data.path().join(rel)).expect("read");
    }
    assert!(!changed_within(&watch, quiet), "reading is not a change");

    let file = data.path().join("cities/beijing.ron");
    support::edit_file(
        &file,
        "Oasis International Hospital",
        "Oasis Edited Hospital",
    );
    assert!(
        changed_within(&watch, Duration::from_secs(5)),
        "a write is a change"
    );
    assert!(!changed_within(&watch, quiet), "one change, reported once");
}
