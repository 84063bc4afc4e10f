//! Shared test harness: the shipped directory, app states built by real
//! actions, the named UI scenarios used by snapshots and screenshots,
//! rendering into ratatui's TestBackend, and editable copies of the data
//! files for the reload and personal-overlay tests.
#![allow(dead_code)]

pub mod numbers;
pub mod tmux;

use std::path::Path;
use std::sync::mpsc;
use std::time::Duration;

use careguide::data::{self, DataSource, Loaded};
use careguide::model::Directory;
use careguide::search::Target;
use careguide::tui::action::{Action, Effect};
use careguide::tui::state::{AppState, ColorMode};
use careguide::tui::update::{jump, update};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use unicode_width::UnicodeWidthStr;

/// Loading or checking anything must finish well within this.
pub const NO_HANG: Duration = Duration::from_secs(60);

/// Loads a directory on another thread (with the default 2 MiB stack), so
/// a loader that hangs (on a FIFO, say) fails the test instead of stalling
/// it.
pub fn load_dir(dir: &Path) -> Loaded {
    let (tx, rx) = mpsc::channel();
    let source = DataSource::Dir(dir.to_path_buf());
    std::thread::spawn(move || {
        let _ = tx.send(data::load(&source));
    });
    match rx.recv_timeout(NO_HANG) {
        Ok(result) => result.expect("the directory exists, so loading starts"),
        Err(mpsc::RecvTimeoutError::Timeout) => panic!("loading {} hung", dir.display()),
        Err(mpsc::RecvTimeoutError::Disconnected) => panic!("loading {} panicked", dir.display()),
    }
}

pub fn shipped() -> Directory {
    let loaded = data::load(&DataSource::Embedded).expect("embedded data loads");
    assert!(!loaded.has_errors(), "{}", loaded.render_diagnostics());
    loaded.directory
}

pub fn state(width: u16, height: u16) -> AppState {
    AppState::new(shipped(), width, height, ColorMode::Color)
}

pub fn apply(state: &mut AppState, actions: &[Action]) -> Vec<Effect> {
    actions
        .iter()
        .flat_map(|a| update(state, a.clone()))
        .collect()
}

pub fn type_text(state: &mut AppState, text: &str) {
    for c in text.chars() {
        update(state, Action::Input(c));
    }
}

pub fn facility(state: &AppState, id: &str) -> usize {
    state
        .dir
        .facilities
        .iter()
        .position(|f| f.id.as_str() == id)
        .unwrap_or_else(|| panic!("no facility {id}"))
}

pub fn city(state: &AppState, id: &str) -> usize {
    state
        .dir
        .cities
        .iter()
        .position(|c| c.id.as_str() == id)
        .unwrap_or_else(|| panic!("no city {id}"))
}

/// Jumps to a facility as global search would.
pub fn go_to(state: &mut AppState, id: &str) {
    let f = facility(state, id);
    jump(state, Target::Facility(f));
}

pub const SCENARIOS: &[&str] = &[
    "start",
    "filtered",
    "global_search",
    "card",
    "help",
    "emergency",
    "emergency_hohhot",
    "phrases",
    "driver",
    "driver_unknown",
    "no_number",
    "no_color",
    "qr",
    "personal",
    "stale",
    "diagnostics",
    "global_empty",
    "loading",
    "searching",
    "city",
    "online",
];

/// A personal file for the "personal" scenario: a doctor of the user's own
/// in Hohhot, and a note on a shipped hospital.
pub const PERSONAL_FILE: &str = r#"(
    id: "hohhot",
    facilities: [
        (
            id: "dr-wang-clinic",
            name: "Dr Wang's clinic",
            name_zh: "王医生诊所",
            kind: Clinic,
            ownership: Private,
            contacts: [
                (role: "Dr Wang (mobile)", phone: "+86 138 0471 0000", confidence: SingleSource, sources: []),
            ],
            notes: [(text: "A friend's cousin; call before 6 pm.", sources: [])],
            verified: "2026-11-20",
        ),
    ],
)
"#;

/// A failed reload of `data/cities/beijing.ron` and a personal file left
/// out, as the loop would feed them to `update`.
fn failed_reload(s: &mut AppState) {
    let reload = careguide::tui::action::Reload {
        directory: Directory::default().into(),
        index: None,
        shipped: vec![data::Diagnostic::error(
            "data/cities/beijing.ron",
            57,
            37,
            "Expected comma",
        )],
        personal: vec![data::Diagnostic::error(
            "/home/me/.config/careguide/mine.ron",
            3,
            5,
            "Unexpected field named `adress` in `Facility`",
        )],
    };
    update(s, Action::Reloaded(Box::new(reload)));
}

/// A named UI situation, reached through real actions.
pub fn scenario(name: &str, width: u16, height: u16) -> AppState {
    let mut s = state(width, height);
    match name {
        "start" => {}
        "filtered" => {
            apply(&mut s, &[Action::NextPane, Action::Filter]);
            type_text(&mut s, "first");
        }
        "global_search" => {
            apply(&mut s, &[Action::GlobalSearch]);
            type_text(&mut s, "kidney");
        }
        "card" | "no_color" => {
            if name == "no_color" {
                s.color = ColorMode::NoColor;
            }
            go_to(&mut s, "oasis-international");
            apply(&mut s, &[Action::NextPane, Action::NextPane]);
        }
        // Cards whose facts rest on secondary data and app code, shown
        // with plain labels (not in SCENARIOS: one size is enough).
        "card_imph" | "card_253" => {
            go_to(
                &mut s,
                if name == "card_imph" {
                    "imph"
                } else {
                    "hospital-253"
                },
            );
            apply(&mut s, &[Action::NextPane, Action::NextPane]);
        }
        // The card with every source in full (`s`), scrolled to its end.
        "card_sources" => {
            go_to(&mut s, "imph");
            apply(
                &mut s,
                &[
                    Action::NextPane,
                    Action::NextPane,
                    Action::Sources,
                    Action::PageDown,
                ],
            );
        }
        "help" => {
            apply(&mut s, &[Action::Help]);
        }
        // Oasis (Beijing) selected: its ER number on top, then 120, 999 ….
        "emergency" => {
            go_to(&mut s, "oasis-international");
            apply(&mut s, &[Action::Emergency]);
        }
        // Hohhot: no number of its own, its first hospital none either.
        "emergency_hohhot" => {
            let hohhot = city(&s, "hohhot");
            jump(&mut s, Target::City(hohhot));
            apply(&mut s, &[Action::Emergency]);
        }
        "phrases" => {
            go_to(&mut s, "oasis-international");
            apply(&mut s, &[Action::Emergency, Action::Phrases]);
        }
        // 汉字 name and address known, an emergency department.
        "driver" => {
            go_to(&mut s, "pumch");
            apply(&mut s, &[Action::Driver]);
        }
        // Neither 汉字 name nor address known: 不详, and the ER number.
        "driver_unknown" => {
            go_to(&mut s, "oasis-international");
            apply(&mut s, &[Action::Driver]);
        }
        "no_number" => {
            go_to(&mut s, "hospital-356");
            apply(&mut s, &[Action::NextPane]);
        }
        // The cities pane on Hohhot: the city's card.
        "city" => {
            let hohhot = city(&s, "hohhot");
            jump(&mut s, Target::City(hohhot));
        }
        // An online service: no address, its website instead.
        "online" => {
            go_to(&mut s, "ping-an-good-doctor");
            apply(&mut s, &[Action::NextPane, Action::NextPane]);
        }
        "qr" => {
            go_to(&mut s, "oasis-international");
            apply(&mut s, &[Action::Qr]);
        }
        "personal" => {
            let dir = tempfile::tempdir().expect("a temp dir");
            std::fs::write(dir.path().join("mine.ron"), PERSONAL_FILE).expect("write");
            let sources = data::Sources {
                shipped: DataSource::Embedded,
                personal: Some(dir.path().to_path_buf()),
                old_personal: None,
            };
            s = state_from(&sources, width, height);
            go_to(&mut s, "dr-wang-clinic");
        }
        "stale" => {
            go_to(&mut s, "oasis-international");
            failed_reload(&mut s);
        }
        "diagnostics" => {
            go_to(&mut s, "oasis-international");
            failed_reload(&mut s);
            apply(&mut s, &[Action::Diagnostics]);
        }
        "global_empty" => {
            apply(&mut s, &[Action::GlobalSearch]);
        }
        // A data directory loading behind the first frame.
        "loading" => {
            let sources = data::Sources::shipped(data::DataSource::Dir("data".into()));
            s = AppState::loading(sources, width, height, ColorMode::Color);
            update(
                &mut s,
                Action::Loading {
                    done: 103,
                    total: 252,
                },
            );
        }
        // A filter whose search runs in the background: the old rows stay,
        // the title ends in "…".
        "searching" => {
            let dir = std::sync::Arc::new(shipped());
            let index = std::sync::Arc::new(careguide::search::Index::new(&dir));
            let search = careguide::search::Searcher::with_inline_records(index, 0);
            s = AppState::with_search(dir, search, width, height, ColorMode::Color);
            apply(&mut s, &[Action::NextPane, Action::Filter]);
            type_text(&mut s, "dental");
        }
        other => panic!("unknown scenario {other}"),
    }
    s
}

/// The shipped data files, written into a fresh temporary directory.
pub fn data_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temp dir");
    for (rel, bytes) in data::load::embedded_files() {
        let path = dir.path().join(rel);
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("create dirs");
        std::fs::write(&path, bytes).expect("write a data file");
    }
    dir
}

/// Replaces the one occurrence of `from` in the file with `to`.
pub fn edit_file(path: &std::path::Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).expect("read the file");
    assert_eq!(text.matches(from).count(), 1, "{from:?} once in {path:?}");
    std::fs::write(path, text.replacen(from, to, 1)).expect("write the file");
}

/// The app as `careguide --data DIR [--personal DIR]` starts it.
pub fn state_from(sources: &data::Sources, width: u16, height: u16) -> AppState {
    let loaded = data::load_sources(sources).expect("the sources load");
    assert!(!loaded.has_errors(), "{}", loaded.render_diagnostics());
    AppState::from_loaded(loaded, sources.clone(), width, height, ColorMode::Color)
}

pub fn render(state: &AppState) -> Buffer {
    let backend = TestBackend::new(state.width, state.height);
    let mut terminal = Terminal::new(backend).expect("test terminal");
    terminal
        .draw(|frame| careguide::ui::render(frame, state))
        .expect("draw");
    terminal.backend().buffer().clone()
}

/// The buffer as plain text lines (what a person reads): the cell after a
/// wide character is its continuation, not a space.
pub fn text(buffer: &Buffer) -> String {
    let width = usize::from(buffer.area.width).max(1);
    let mut out = String::new();
    let mut skip = 0;
    for (i, cell) in buffer.content.iter().enumerate() {
        if skip > 0 {
            skip -= 1;
        } else {
            out.push_str(cell.symbol());
            skip = cell.symbol().width().saturating_sub(1);
        }
        if (i + 1) % width == 0 {
            out.push('\n');
            skip = 0;
        }
    }
    out
}
