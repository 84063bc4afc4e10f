//! Hostile data (issue 6, scenarios 1–10 and the data side of 17): strings
//! that try to reach the terminal, the clipboard or stderr, and files that
//! try to crash, hang or exhaust the loader.
//!
//! Rows 1–7 load `tests/fixtures/hostile/template/` with a payload in every
//! string field, through `data::load` on the directory: the path of an
//! unchecked `--data` directory, which reports errors but still returns a
//! sanitised directory. The test then walks the TUI through every pane and
//! overlay (`tour`), drawing each frame through ratatui's crossterm backend
//! into bytes, copies every kind of value, and runs `careguide check`.
//!
//! | # | scenario | tests here | also covered by |
//! |---|---|---|---|
//! | 1 | ESC/CSI/OSC 52/OSC 0/OSC 8/DCS, raw and `\u{1b}` | `row1_escape_sequences_*` | `data_rules::control_character_via_ron_escape_in_a_name` |
//! | 2 | C1 (U+009B, U+009D, U+0085), NUL, DEL | `row2_c1_controls_and_nul_*` | |
//! | 3 | bidi overrides/isolates, LRM/RLM/ALM | `row3_bidi_controls_*`, `row3_typed_bidi_*` (ignored: bug) | `data_rules::bidi_control_in_an_address` |
//! | 4 | zero-width U+200B, U+2060, U+FEFF, U+00AD | `row4_zero_width_*` | `data_rules::invisible_character_in_an_address` |
//! | 5 | newline, tab, CR, U+2028 in one-line fields | `row5_line_breaks_*` | |
//! | 6 | emoji ZWJ/VS16/flags, CJK, leading combining mark | `row6_*` (three ignored: bugs, see their reasons) | |
//! | 7 | a 10 000-character name | `row7_*` | |
//! | 8 | 100 000 nested brackets; a 50 MB file | `row8_*` | `data_rules::deeply_nested_brackets_*`, `data_rules::file_over_the_size_cap_*` |
//! | 9 | empty/missing dir, dir or FIFO named `x.ron`, unreadable file | `row9_*` | `data_rules::directory_named_ron_*`, `data_rules::fifo_named_ron_*`, `data_rules::check_on_a_missing_directory_exits_2` |
//! | 10 | sizes 0×0, 1×1, 19×4, 20×5; 1 000 resizes | `row10_*` | `tui_props`, `tui_update::resizing_reclamps_and_never_panics` |
//! | 17 | hostile file names and ids in messages | `row17_*` (and `hostile_terminal` for the TUI) | `cli::unknown_city_or_specialty_exits_2_with_an_escaped_message` |

mod support;

use std::collections::BTreeSet;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::Output;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use assert_cmd::Command;
use base64::Engine;
use careguide::clipboard::{self, Memory, Off, Osc52};
use careguide::data::Loaded;
use careguide::data::diagnostic::display_path;
use careguide::model::Directory;
use careguide::search::{Scope, Target};
use careguide::text::{escaped, forbidden_class};
use careguide::tui::action::{Action, CopyWhat, Effect};
use careguide::tui::state::{AppState, ColorMode, Pane};
use careguide::tui::update::{jump, update};
use ratatui::backend::CrosstermBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier};
use ratatui::{Terminal, TerminalOptions, Viewport};
use support::{NO_HANG, load_dir};
use tempfile::TempDir;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

const TEMPLATE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/hostile/template"
);
const CITY: &str = "cities/hostile.ron";
const HOSPITAL: &str = "hostile-hospital";

// --- Payloads ----------------------------------------------------------------

/// Row 1: clear screen, SGR, blink, OSC 52 (clipboard), OSC 0 (title),
/// OSC 8 (hyperlink, ST-terminated), DCS (sixel), DSR query, leave the
/// alternate screen.
const ESCAPES: &str = "\u{1b}[2J\u{1b}[31mred\u{1b}[5m\u{1b}]52;c;aGVsbG8=\u{7}\u{1b}]0;pwned\u{7}\
                       \u{1b}]8;;https://evil.example/\u{1b}\\link\u{1b}]8;;\u{1b}\\\
                       \u{1b}Pq#0;2;0;0;0\u{1b}\\\u{1b}[6n\u{1b}[?1049l";
/// Row 2: C1 CSI and OSC and ST, NEL, NUL, DEL.
const C1: &str = "\u{9b}2J\u{9d}0;pwned\u{9c}\u{85}nel\u{0}nul\u{7f}del";
/// Row 3: RLO/PDF, LRI/RLI/FSI/PDI, LRM, RLM, ALM, LRE/RLE/LRO.
const BIDI: &str = "\u{202e}gnp.exe\u{202c}\u{2066}iso\u{2069}\u{2067}rtl\u{2069}\u{2068}fsi\u{2069}\
                    \u{200e}lrm\u{200f}rlm\u{61c}alm\u{202a}\u{202b}\u{202d}";
/// Row 4: ZWSP, WJ, BOM inside text, soft hyphen, invisible operators,
/// Mongolian vowel separator, interlinear annotation.
const ZERO_WIDTH: &str = "\u{200b}\u{2060}\u{feff}\u{ad}\u{2061}\u{2062}\u{2063}\u{2064}\u{180e}\
                          \u{fff9}\u{fffa}\u{fffb}";
/// Row 5: line breaks and tabs in one-line fields.
const LINE_BREAKS: &str = "\nbreak\ttab\rcr\u{2028}ls\u{2029}ps\u{b}vt\u{c}ff\u{85}nel";

/// How a payload is written into a RON string.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Encoding {
    /// The characters themselves, as bytes in the file.
    Raw,
    /// RON escapes (`\u{1b}`), which ron decodes to the same characters.
    Escaped,
}

fn encode(text: &str, encoding: Encoding) -> String {
    text.chars()
        .map(|c| match c {
            '"' => "\\\"".to_string(),
            '\\' => "\\\\".to_string(),
            c if encoding == Encoding::Escaped && !c.is_ascii_graphic() && c != ' ' => {
                format!("\\u{{{:x}}}", u32::from(c))
            }
            c => c.to_string(),
        })
        .collect()
}

// --- Fixtures ----------------------------------------------------------------

/// A copy of the template with a payload in every string field.
struct Hostile {
    dir: TempDir,
}

impl Hostile {
    fn new(payload: &str, encoding: Encoding) -> Hostile {
        Hostile::build(payload, None, encoding)
    }

    /// The clean template except for the hostile hospital's whole name.
    fn named(name: &str) -> Hostile {
        Hostile::build("", Some(name), Encoding::Raw)
    }

    fn build(payload: &str, name: Option<&str>, encoding: Encoding) -> Hostile {
        let dir = tempfile::tempdir().expect("a temp dir");
        fs::create_dir(dir.path().join("cities")).expect("cities/");
        let name = name.map_or("Evil@P@Hospital".to_string(), |n| encode(n, encoding));
        for rel in ["sources.ron", "specialties.ron", "emergency.ron", CITY] {
            let text = fs::read_to_string(Path::new(TEMPLATE).join(rel)).expect("the template");
            let text = text
                .replace("@NAME@", &name)
                .replace("@P@", &encode(payload, encoding));
            fs::write(dir.path().join(rel), text).expect("write the fixture");
        }
        Hostile { dir }
    }

    fn root(&self) -> &Path {
        self.dir.path()
    }

    fn path(&self, rel: &str) -> String {
        self.root().join(rel).to_string_lossy().into_owned()
    }

    fn load(&self) -> Loaded {
        load_dir(self.root())
    }
}

fn careguide() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_careguide"));
    cmd.env_remove("CAREGUIDE_DATA")
        .env_remove("NO_COLOR")
        .timeout(NO_HANG);
    cmd
}

fn check(dir: &Path) -> Output {
    careguide()
        .arg("check")
        .arg(dir)
        .output()
        .expect("careguide check runs")
}

// --- What reaches the terminal -------------------------------------------------

/// A `Write` whose bytes stay readable after the terminal is dropped.
#[derive(Clone, Default)]
struct Shared(Arc<Mutex<Vec<u8>>>);

impl Write for Shared {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.lock().expect("not poisoned").extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// One frame as the app draws it: every byte written to the terminal by a
/// fresh crossterm backend (so a full redraw), and the cells.
struct Frame {
    label: String,
    bytes: Vec<u8>,
    buffer: Buffer,
}

impl Frame {
    fn text(&self) -> String {
        support::text(&self.buffer)
    }
}

fn draw(state: &AppState, label: &str) -> Frame {
    let out = Shared::default();
    let area = Rect::new(0, 0, state.width, state.height);
    let mut terminal = Terminal::with_options(
        CrosstermBackend::new(out.clone()),
        TerminalOptions {
            viewport: Viewport::Fixed(area),
        },
    )
    .expect("a terminal on a byte buffer");
    let buffer = terminal
        .draw(|frame| careguide::ui::render(frame, state))
        .expect("draw")
        .buffer
        .clone();
    drop(terminal);
    let bytes = out.0.lock().expect("not poisoned").clone();
    Frame {
        label: label.to_string(),
        bytes,
        buffer,
    }
}

/// SGR codes ratatui's crossterm backend writes for the styles careguide
/// uses: reset, bold, dim, italic, underline, reverse, hidden, crossed out,
/// their negations, and default colours. Blink (5, 6) and the basic colour
/// codes (30–37, 40–47) never come from the backend, so an injected
/// `ESC[5m` or `ESC[31m` would stand out.
const BACKEND_SGR: &[&str] = &[
    "0", "1", "2", "3", "4", "7", "8", "9", "22", "23", "24", "27", "28", "29", "39", "49", "59",
];

fn backend_sgr(params: &str) -> bool {
    if params.is_empty() {
        return true;
    }
    let mut codes = params.split(';');
    while let Some(code) = codes.next() {
        match code {
            "38" | "48" | "58" => {
                let count = match codes.next() {
                    Some("5") => 1,
                    Some("2") => 3,
                    _ => return false,
                };
                for _ in 0..count {
                    if codes.next().is_none_or(|n| n.parse::<u8>().is_err()) {
                        return false;
                    }
                }
            }
            code if BACKEND_SGR.contains(&code) => {}
            _ => return false,
        }
    }
    true
}

/// The length (after ESC) of an escape sequence the backend itself writes
/// — cursor moves `CSI row;col H`, SGR `CSI … m`, cursor hide/show
/// `CSI ?25 l/h` — or `None` for anything else.
fn backend_sequence(after_esc: &str) -> Option<usize> {
    let body = after_esc.strip_prefix('[')?;
    let end = body.find(|c: char| !(c.is_ascii_digit() || c == ';' || c == '?'))?;
    let params = &body[..end];
    let ok = match body[end..].chars().next()? {
        'H' => {
            let parts: Vec<&str> = params.split(';').collect();
            parts.len() == 2 && parts.iter().all(|p| p.parse::<u16>().is_ok())
        }
        'm' => backend_sgr(params),
        'h' | 'l' => params == "?25",
        _ => false,
    };
    ok.then_some(1 + end + 1)
}

fn describe(c: char) -> String {
    format!("U+{:04X}", u32::from(c))
}

/// No byte from data controls the terminal: every ESC starts one of the
/// backend's own sequences; no BEL or other C0, no DEL, no C1, no bidi
/// control, no invisible character.
fn assert_terminal_safe(bytes: &[u8], label: &str) {
    let text = std::str::from_utf8(bytes)
        .unwrap_or_else(|e| panic!("{label}: the terminal got invalid UTF-8: {e}"));
    let mut i = 0;
    while let Some(c) = text[i..].chars().next() {
        if c == '\u{1b}' {
            let rest = &text[i + 1..];
            let Some(len) = backend_sequence(rest) else {
                let shown: String = rest.chars().take(24).collect();
                panic!(
                    "{label}: an escape sequence not from the backend at byte {i}: ESC{shown:?}"
                );
            };
            i += 1 + len;
            continue;
        }
        assert!(
            !c.is_control(),
            "{label}: control character {} reached the terminal at byte {i}",
            describe(c)
        );
        if let Some(class) = forbidden_class(c) {
            panic!(
                "{label}: {class} {} reached the terminal at byte {i}",
                describe(c)
            );
        }
        i += c.len_utf8();
    }
}

/// No cell holds a control or forbidden character.
fn assert_cells_safe(buffer: &Buffer, label: &str) {
    for (i, cell) in buffer.content.iter().enumerate() {
        for c in cell.symbol().chars() {
            assert!(
                !c.is_control() && forbidden_class(c).is_none(),
                "{label}: cell {i} holds {}",
                describe(c)
            );
        }
    }
}

/// Text that may reach a clipboard or stderr: no control characters (line
/// breaks only where `newlines`), nothing forbidden.
fn assert_clean_text(text: &str, newlines: bool, what: &str) {
    for c in text.chars() {
        if newlines && c == '\n' {
            continue;
        }
        assert!(
            !c.is_control() && forbidden_class(c).is_none(),
            "{what}: {} in {text:?}",
            describe(c)
        );
    }
}

/// A copied value is clean in every provider: the payload, the memory
/// clipboard, and OSC 52, whose only ESC and BEL are its own framing.
fn assert_copy_clean(what: CopyWhat, text: &str) {
    let label = format!("copy of {what:?}");
    let card = what == CopyWhat::Card;
    assert_clean_text(text, card, &label);
    let payload = clipboard::payload(text);
    assert_clean_text(&payload, card, &label);
    let mut memory = Memory::default();
    match clipboard::copy_with(&mut memory, text) {
        Ok(_) => assert_eq!(memory.copies, std::slice::from_ref(&payload)),
        Err(_) => assert!(payload.len() > clipboard::MAX_PAYLOAD, "{label}: refused"),
    }
    let mut osc = Osc52 { out: Vec::new() };
    match clipboard::copy_with(&mut osc, text) {
        Ok(_) => {
            let out = String::from_utf8(osc.out).expect("OSC 52 is ASCII");
            let body = out
                .strip_prefix("\u{1b}]52;c;")
                .and_then(|b| b.strip_suffix('\u{7}'))
                .unwrap_or_else(|| panic!("{label}: not one OSC 52 sequence: {out:?}"));
            assert!(
                body.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"+/=".contains(&b)),
                "{label}: the OSC 52 body is not plain base64: {body:?}"
            );
            let decoded = base64::engine::general_purpose::STANDARD
                .decode(body)
                .expect("base64");
            assert_eq!(String::from_utf8(decoded).expect("UTF-8"), payload);
        }
        Err(_) => assert!(osc.out.is_empty(), "{label}: a refused copy wrote bytes"),
    }
}

/// stdout/stderr of a command: no control byte but `\n`, nothing forbidden.
fn assert_stream_clean(bytes: &[u8], what: &str) {
    let text = String::from_utf8_lossy(bytes);
    assert_clean_text(&text, true, what);
}

// --- The tour ------------------------------------------------------------------

#[derive(Default)]
struct Tour {
    frames: Vec<Frame>,
    copies: Vec<(CopyWhat, String)>,
}

impl Tour {
    fn shot(&mut self, state: &AppState, label: &str) {
        self.frames.push(draw(state, label));
    }

    fn frame(&self, label: &str) -> &Frame {
        self.frames
            .iter()
            .find(|f| f.label == label)
            .unwrap_or_else(|| panic!("no frame {label}"))
    }

    /// Rows 1–5: nothing unsafe in any frame's bytes or cells, or in any copy.
    fn assert_safe(&self) {
        assert!(self.frames.len() > 30, "the tour drew every situation");
        for frame in &self.frames {
            assert_terminal_safe(&frame.bytes, &frame.label);
            assert_cells_safe(&frame.buffer, &frame.label);
        }
        let kinds: BTreeSet<String> = self.copies.iter().map(|(w, _)| format!("{w:?}")).collect();
        assert_eq!(kinds.len(), 3, "number, address and card were copied");
        for (what, text) in &self.copies {
            assert_copy_clean(*what, text);
        }
    }

    /// Whether some frame shows `visible`: the payload's printable rest
    /// really was drawn, so the checks above were not vacuous.
    fn assert_shows(&self, visible: &str) {
        assert!(
            self.frames.iter().any(|f| f.text().contains(visible)),
            "no frame shows {visible:?}"
        );
    }
}

fn focus(state: &mut AppState, pane: Pane) {
    for _ in 0..4 {
        if state.focus == pane {
            return;
        }
        update(state, Action::NextPane);
    }
    assert_eq!(state.focus, pane);
}

fn type_text(state: &mut AppState, text: &str) {
    for c in text.chars() {
        update(state, Action::Input(c));
    }
}

/// Walks the TUI over `directory` through every pane and overlay at several
/// sizes, drawing each situation and performing each copy as the run loop
/// does (including a refused copy, which shows the value in a popup).
fn tour(directory: Directory) -> Tour {
    let mut t = Tour::default();
    let mut s = AppState::new(directory, 120, 40, ColorMode::Color);
    t.shot(&s, "start");
    let hospital = s
        .dir
        .facilities
        .iter()
        .position(|f| f.id.as_str() == HOSPITAL)
        .expect("the hostile hospital is in the directory");
    jump(&mut s, Target::Facility(hospital));
    t.shot(&s, "hospital");
    focus(&mut s, Pane::Specialties);
    t.shot(&s, "specialty");
    focus(&mut s, Pane::Card);
    t.shot(&s, "card");
    for action in [Action::CopyNumber, Action::CopyAddress, Action::CopyCard] {
        for effect in update(&mut s, action) {
            let Effect::Copy { text, what } = effect else {
                continue;
            };
            t.copies.push((what, text.clone()));
            // As the run loop does: copy, then feed the outcome back.
            let value = clipboard::payload(&text);
            let mut memory = Memory::default();
            let (ok, message) = match clipboard::copy_with(&mut memory, &text) {
                Ok(message) => (true, message),
                Err(message) => (false, message),
            };
            update(
                &mut s,
                Action::CopyDone {
                    ok,
                    message,
                    value: value.clone(),
                },
            );
            t.shot(&s, &format!("copied {what:?}"));
            update(&mut s, Action::Back);
            let mut off = Off {
                reason: "copying is turned off".to_string(),
            };
            let message = clipboard::copy_with(&mut off, &text).expect_err("off refuses");
            update(
                &mut s,
                Action::CopyDone {
                    ok: false,
                    message,
                    value,
                },
            );
            t.shot(&s, &format!("copy of {what:?} failed"));
            update(&mut s, Action::Back);
        }
    }
    for (action, label) in [
        (Action::Qr, "qr"),
        (Action::Emergency, "emergency"),
        (Action::Driver, "driver"),
        (Action::Help, "help"),
    ] {
        update(&mut s, action);
        t.shot(&s, label);
        update(&mut s, Action::Back);
    }
    update(&mut s, Action::GlobalSearch);
    t.shot(&s, "global search");
    type_text(&mut s, "e");
    t.shot(&s, "global search e");
    update(&mut s, Action::Back);
    focus(&mut s, Pane::Facilities);
    update(&mut s, Action::Filter);
    type_text(&mut s, "e");
    t.shot(&s, "filter e");
    update(&mut s, Action::Accept);
    for (width, height) in [(100, 30), (80, 24), (60, 20), (40, 12), (24, 6)] {
        update(&mut s, Action::Resize { width, height });
        for pane in Pane::ALL {
            focus(&mut s, pane);
            t.shot(&s, &format!("{width}x{height} {pane:?}"));
        }
    }
    update(
        &mut s,
        Action::Resize {
            width: 120,
            height: 40,
        },
    );
    s.color = ColorMode::NoColor;
    focus(&mut s, Pane::Card);
    t.shot(&s, "no colour card");
    t
}

/// The data check rejects the file (`careguide check` exits 1 naming the
/// hostile city file and the class of character), with clean output.
fn assert_check_rejects(fx: &Hostile, expected: &str) {
    let output = check(fx.root());
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    let file = fx.path(CITY);
    assert!(
        stdout
            .lines()
            .any(|l| l.starts_with(&format!("{file}:")) && l.contains(expected)),
        "check names {file} with {expected:?}:\n{stdout}"
    );
    assert_stream_clean(&output.stdout, "check stdout");
    assert_stream_clean(&output.stderr, "check stderr");
}

/// The loader reports the payload as an error in the city file.
fn assert_load_rejects(loaded: &Loaded, fx: &Hostile, expected: &str) {
    let file = fx.path(CITY);
    assert!(
        loaded
            .diagnostics
            .iter()
            .any(|d| d.is_error() && d.path == file && d.message.contains(expected)),
        "{}",
        loaded.render_diagnostics()
    );
}

/// Rows 1–5 in one: load, tour, copies, check.
fn hostile_row(payload: &str, encoding: Encoding, class: &str, visible: &str) -> Tour {
    let fx = Hostile::new(payload, encoding);
    let loaded = fx.load();
    assert_load_rejects(&loaded, &fx, class);
    let tour = tour(loaded.directory);
    tour.assert_safe();
    tour.assert_shows(visible);
    assert_check_rejects(&fx, class);
    tour
}

#[test]
fn template_without_a_payload_is_clean() {
    let fx = Hostile::new("", Encoding::Raw);
    let loaded = fx.load();
    assert_eq!(loaded.render_diagnostics(), "");
    let output = check(fx.root());
    assert_eq!(output.status.code(), Some(0));
    let tour = tour(loaded.directory);
    tour.assert_safe();
    tour.assert_shows("EvilHospital");
}

// --- Row 1 ---------------------------------------------------------------------

#[test]
fn row1_escape_sequences_raw_never_reach_the_terminal() {
    hostile_row(
        ESCAPES,
        Encoding::Raw,
        "a control character (U+001B)",
        "Evil[2J[31mred",
    );
}

#[test]
fn row1_escape_sequences_as_ron_escapes_never_reach_the_terminal() {
    hostile_row(
        ESCAPES,
        Encoding::Escaped,
        "a control character (U+001B)",
        "Evil[2J[31mred",
    );
}

// --- Row 2 ---------------------------------------------------------------------

#[test]
fn row2_c1_controls_and_nul_raw_never_reach_the_terminal() {
    hostile_row(
        C1,
        Encoding::Raw,
        "a control character (U+009B)",
        "Evil2J0;pwned nelnuldel",
    );
}

#[test]
fn row2_c1_controls_and_nul_as_ron_escapes_never_reach_the_terminal() {
    hostile_row(
        C1,
        Encoding::Escaped,
        "a control character (U+009B)",
        "Evil2J0;pwned nelnuldel",
    );
}

// --- Row 3 ---------------------------------------------------------------------

#[test]
fn row3_bidi_controls_raw_never_reach_the_terminal() {
    hostile_row(
        BIDI,
        Encoding::Raw,
        "a bidirectional control character (U+202E)",
        "Evilgnp.exeisortlfsilrmrlmalmHospital",
    );
}

#[test]
fn row3_bidi_controls_as_ron_escapes_never_reach_the_terminal() {
    hostile_row(
        BIDI,
        Encoding::Escaped,
        "a bidirectional control character (U+202E)",
        "Evilgnp.exeisortlfsilrmrlmalmHospital",
    );
}

/// Not data, but the same wall: a filter or search typed (or pasted, which
/// without bracketed paste arrives as key presses) with bidi or invisible
/// characters is echoed in the pane border and the search prompt.
#[test]

fn row3_typed_bidi_in_a_filter_or_search_never_reaches_the_terminal() {
    let mut s = support::state(120, 40);
    focus(&mut s, Pane::Facilities);
    update(&mut s, Action::Filter);
    type_text(&mut s, "\u{202e}oasis\u{200b}");
    let frame = draw(&s, "typed filter");
    assert_terminal_safe(&frame.bytes, &frame.label);
    update(&mut s, Action::Back);
    update(&mut s, Action::Back);
    update(&mut s, Action::GlobalSearch);
    type_text(&mut s, "\u{202e}oasis\u{2066}");
    let frame = draw(&s, "typed search");
    assert_terminal_safe(&frame.bytes, &frame.label);
}

// --- Row 4 ---------------------------------------------------------------------

#[test]
fn row4_zero_width_characters_are_stripped_for_display() {
    for encoding in [Encoding::Raw, Encoding::Escaped] {
        hostile_row(
            ZERO_WIDTH,
            encoding,
            "an invisible character (U+200B)",
            "EvilHospital",
        );
    }
}

#[test]
fn row4_search_matches_the_visible_text() {
    let fx = Hostile::named("Zero\u{200b}width Dia\u{2060}lysis Cen\u{ad}tre Hos\u{feff}pital");
    let loaded = fx.load();
    assert_load_rejects(&loaded, &fx, "an invisible character (U+200B)");
    let visible = "Zerowidth Dialysis Centre Hospital";
    let dir = loaded.directory;
    assert_eq!(
        dir.facility(HOSPITAL).expect("loaded").name,
        visible,
        "stripped at load time"
    );
    let mut s = AppState::new(dir, 120, 40, ColorMode::Color);
    let hospital = support::facility(&s, HOSPITAL);
    let index = std::sync::Arc::clone(s.search.index());
    // `'word` is an exact substring: it fails if an invisible character
    // is still inside the word. The match is on the name itself (no "via").
    for query in [
        "'zerowidth",
        "'dialysis",
        "'centre",
        "'hospital",
        "'dialysis 'centre",
    ] {
        for scope in [
            Scope::Facilities { city: None },
            Scope::Global { prefer: None },
        ] {
            let hits = index.query(query, &scope);
            let hit = hits
                .iter()
                .find(|h| h.target == Target::Facility(hospital))
                .unwrap_or_else(|| panic!("{query:?} in {scope:?} finds it"));
            assert_eq!(hit.via, None, "{query:?} matched the visible name");
        }
    }
    // The TUI's global search finds it by what the user sees, and shows it.
    update(&mut s, Action::GlobalSearch);
    type_text(&mut s, "'dialysis");
    let frame = draw(&s, "search for the visible text");
    assert_terminal_safe(&frame.bytes, &frame.label);
    let text = frame.text();
    let row = text
        .lines()
        .find(|l| l.contains(&format!("facility  {visible}")))
        .unwrap_or_else(|| panic!("the hit is shown:\n{text}"));
    assert!(row.contains("▶"), "{row}");
}

// --- Row 5 ---------------------------------------------------------------------

#[test]
fn row5_line_breaks_keep_rows_one_line_high() {
    for encoding in [Encoding::Raw, Encoding::Escaped] {
        let tour = hostile_row(
            LINE_BREAKS,
            encoding,
            "a control character (U+000A)",
            "Evil break tab cr ls ps vt ff nelHospital",
        );
        // The hospital's row is one line: the next row is the next hospital.
        for label in ["hospital", "80x24 Facilities", "60x20 Facilities"] {
            let text = tour.frame(label).text();
            let lines: Vec<&str> = text.lines().collect();
            let row = lines
                .iter()
                .position(|l| l.contains("▶ Evil break tab"))
                .unwrap_or_else(|| panic!("{label}: the row is shown:\n{text}"));
            assert!(
                lines[row + 1].contains("Plain Clinic"),
                "{label}: the next line is the next row:\n{text}"
            );
        }
        // In the global search, a contact's role and number share its row.
        let text = tour.frame("global search e").text();
        let row = text
            .lines()
            .find(|l| l.contains("Role break tab"))
            .unwrap_or_else(|| panic!("the contact is listed:\n{text}"));
        assert!(row.contains("+86 10 5985 0333"), "{row}");
        // The status line after a copy stays one line.
        let text = tour.frame("copied Address").text();
        let status = text.lines().last().expect("a status line");
        assert!(
            status.contains("测试路 break tab cr"),
            "the copied address is named in one line: {status}"
        );
    }
}

// --- Row 6 ---------------------------------------------------------------------

/// Emoji with ZWJ and VS16, a flag, a family, CJK, and a combining mark at
/// the very start of the name: all allowed by the data policy.
const UNICODE_NAME: &str = "\u{301}Ácute 👩\u{200d}⚕\u{fe0f} Doctor ❤\u{fe0f} 🇨🇳 北京协和医院 \
                            👨\u{200d}👩\u{200d}👧 Clinic";

/// Where the pane borders fall on each row, in display columns.
fn border_columns(frame: &Frame) -> Vec<Vec<usize>> {
    frame
        .text()
        .lines()
        .map(|line| {
            line.char_indices()
                .filter(|(_, c)| "│┌┐└┘├┤".contains(*c))
                .map(|(i, _)| line[..i].width())
                .collect()
        })
        .collect()
}

/// Every cell that starts a multi-character grapheme of `name` holds the
/// whole grapheme, and no cell holds a part of one (a lone ZWJ, VS16 or
/// regional indicator).
fn assert_no_split_grapheme(frame: &Frame, name: &str) {
    let whole: Vec<&str> = name
        .graphemes(true)
        .filter(|g| g.chars().count() > 1)
        .collect();
    for cell in &frame.buffer.content {
        let symbol = cell.symbol();
        let Some(first) = symbol.chars().next() else {
            continue;
        };
        let joins = symbol
            .chars()
            .any(|c| matches!(c, '\u{200d}' | '\u{fe0f}' | '\u{1f1e6}'..='\u{1f1ff}'));
        let starts_one = whole.iter().any(|g| g.starts_with(first));
        if joins || starts_one {
            assert!(
                whole.contains(&symbol),
                "{}: the cell {symbol:?} holds part of a grapheme of {name:?}",
                frame.label
            );
        }
    }
}

#[test]
fn row6_emoji_cjk_and_combining_marks_never_panic_or_split() {
    let fx = Hostile::named(UNICODE_NAME);
    let loaded = fx.load();
    assert_eq!(
        loaded.render_diagnostics(),
        "",
        "these characters are allowed"
    );
    let name = loaded
        .directory
        .facility(HOSPITAL)
        .expect("loaded")
        .name
        .to_string();
    let tour = tour(loaded.directory);
    tour.assert_safe();
    tour.assert_shows("Doctor ❤\u{fe0f} 🇨🇳 北京协和");
    for frame in &tour.frames {
        assert_no_split_grapheme(frame, &name);
    }
}

/// Columns stay aligned: every pane border is where the clean template's
/// is, in every frame (display columns by unicode-width, as ratatui counts).
#[test]

fn row6_columns_stay_aligned_with_emoji_cjk_and_combining_marks() {
    let tour = tour(Hostile::named(UNICODE_NAME).load().directory);
    let clean = self::tour(Hostile::new("", Encoding::Raw).load().directory);
    assert_eq!(tour.frames.len(), clean.frames.len());
    for (frame, plain) in tour.frames.iter().zip(&clean.frames) {
        assert_eq!(
            border_columns(frame),
            border_columns(plain),
            "{}: the borders moved:\n{}",
            frame.label,
            frame.text()
        );
    }
}

/// Not even hostile: the shipped data (汉字 names and addresses) hits the
/// same wrap overflow in the card at ordinary widths.
#[test]

fn row6_shipped_cards_keep_their_right_border_at_every_width() {
    let mut broken = Vec::new();
    for width in 60..=140 {
        let mut s = support::state(width, 40);
        for f in 0..s.dir.facilities.len() {
            jump(&mut s, Target::Facility(f));
            focus(&mut s, Pane::Card);
            let buffer = support::render(&s);
            let card = careguide::tui::layout::screen(width, 40, Pane::Card)
                .pane(Pane::Card)
                .expect("a card pane");
            let right = card.x + card.width - 1;
            if let Some(y) =
                (card.y + 1..card.y + card.height - 1).find(|&y| buffer[(right, y)].symbol() != "│")
            {
                broken.push(format!("{} at {width}×40, row {y}", s.dir.facilities[f].id));
            }
        }
    }
    assert!(
        broken.is_empty(),
        "{} cards lose their right border: {:?}",
        broken.len(),
        &broken[..broken.len().min(10)]
    );
}

/// A filter match after an emoji sequence highlights the matched letters,
/// and the highlight never cuts the sequence into two cells.
#[test]

fn row6_highlights_after_an_emoji_sequence_hit_the_match() {
    let loaded = Hostile::named(UNICODE_NAME).load();
    let name = loaded
        .directory
        .facility(HOSPITAL)
        .expect("loaded")
        .name
        .to_string();
    let mut s = AppState::new(loaded.directory, 120, 40, ColorMode::Color);
    focus(&mut s, Pane::Facilities);
    update(&mut s, Action::Filter);
    type_text(&mut s, "'doctor");
    let frame = draw(&s, "filter doctor");
    assert_no_split_grapheme(&frame, &name);
    // Only the list rows: the filter in the pane's bottom border (row 38)
    // and the key hints (row 39) use the same style.
    let highlighted: String = frame
        .buffer
        .content
        .iter()
        .enumerate()
        .filter(|(i, c)| {
            i / 120 < 38 && c.fg == Color::Yellow && c.modifier.contains(Modifier::BOLD)
        })
        .map(|(_, c)| c.symbol().to_string())
        .collect();
    assert_eq!(highlighted, "Doctor");
}

// --- Row 7 ---------------------------------------------------------------------

#[test]
fn row7_a_10000_character_name_is_cut_in_lists_and_wrapped_in_the_card() {
    for (unit, width) in [("Abcdefghij", 1), ("医", 2)] {
        let name = unit.repeat(10_000 / unit.chars().count());
        let fx = Hostile::named(&name);
        let loaded = fx.load();
        assert_load_rejects(
            &loaded,
            &fx,
            "name is 10000 characters long, over the limit of 200",
        );
        let started = Instant::now();
        let tour = tour(loaded.directory);
        tour.assert_safe();
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "the tour took {:?}",
            started.elapsed()
        );
        let marker = format!("▶ {}", name.chars().take(4 / width).collect::<String>());
        for label in [
            "hospital",
            "80x24 Facilities",
            "60x20 Facilities",
            "24x6 Facilities",
        ] {
            let text = tour.frame(label).text();
            let cell = text
                .lines()
                .find_map(|l| l.find(&marker).map(|at| &l[at..]))
                .and_then(|rest| rest.split('│').next())
                .unwrap_or_else(|| panic!("{label}: the row is shown:\n{text}"));
            assert!(
                cell.trim_end().ends_with('…'),
                "{label}: cut with an ellipsis at the pane's edge: {cell:?}"
            );
        }
        // The compact breadcrumb names it, cut.
        let text = tour.frame("60x20 Card").text();
        let breadcrumb = text.lines().next().expect("a breadcrumb");
        assert!(breadcrumb.trim_end().ends_with('…'), "{breadcrumb}");
        // The card (one pane at 60×20: 58 columns inside, text wrapped at
        // 57 so ratatui#2679 cannot reach the border) wraps it over full
        // lines.
        let full: Vec<&str> = text
            .lines()
            .filter(|l| {
                let inside = l.trim_start_matches('│').trim_end_matches('│');
                let text = inside.trim_end_matches(' ');
                inside.width() == 58 && text.width() >= 56 && text.chars().all(|c| unit.contains(c))
            })
            .collect();
        assert!(
            full.len() >= 10,
            "wrapped over many full lines ({} of {width} column(s) each):\n{text}",
            full.len()
        );
        assert_check_rejects(&fx, "name is 10000 characters long");
    }
}

// --- Row 8 ---------------------------------------------------------------------

#[test]
fn row8_deep_nesting_everywhere_is_an_error_not_an_abort() {
    let fx = Hostile::new("", Encoding::Raw);
    let deep = 100_000;
    let files = [
        ("brackets", "[".repeat(deep)),
        ("parens", "(".repeat(deep)),
        ("braces", "{".repeat(deep)),
        ("mixed", "[(".repeat(deep / 2)),
        (
            "option",
            format!(
                "(id: \"option\", name: \"O\", name_zh: {}",
                "Some(".repeat(deep)
            ),
        ),
        (
            "facility",
            format!(
                "(id: \"facility\", name: \"F\", facilities: [(id: \"f\", name: {}",
                "[".repeat(deep)
            ),
        ),
        (
            "comment",
            format!("(id: \"comment\", name: \"C\"){}", "/*".repeat(deep)),
        ),
    ];
    for (stem, text) in &files {
        fs::write(fx.root().join(format!("cities/{stem}.ron")), text).expect("write");
    }
    // In process, on a thread with the default 2 MiB stack.
    let loaded = fx.load();
    for (stem, _) in &files {
        let path = fx.path(&format!("cities/{stem}.ron"));
        assert!(
            loaded
                .diagnostics
                .iter()
                .any(|d| d.is_error() && d.path == path),
            "{stem}: an error names the file:\n{}",
            loaded.render_diagnostics()
        );
    }
    assert!(loaded.directory.city("hostile").is_some(), "the rest loads");
    // The binary: an ordinary exit 1, not a signal (a stack overflow aborts).
    let output = check(fx.root());
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    for (stem, _) in &files {
        let prefix = format!("{}:", fx.path(&format!("cities/{stem}.ron")));
        assert!(stdout.lines().any(|l| l.starts_with(&prefix)), "{stdout}");
    }
    assert_stream_clean(&output.stdout, "check stdout");
}

/// The peak resident memory of a command in KiB, by GNU time, or `None`
/// where GNU time is missing.
fn peak_kib(args: &[&std::ffi::OsStr]) -> Option<(u64, Output)> {
    let time = Path::new("/usr/bin/time");
    if !time.exists() {
        return None;
    }
    let stats = tempfile::NamedTempFile::new().expect("a temp file");
    let output = std::process::Command::new(time)
        .arg("-f")
        .arg("%M")
        .arg("-o")
        .arg(stats.path())
        .arg(env!("CARGO_BIN_EXE_careguide"))
        .args(args)
        .env_remove("CAREGUIDE_DATA")
        .output()
        .expect("run under time");
    let kib = fs::read_to_string(stats.path()).ok()?.trim().parse().ok()?;
    Some((kib, output))
}

#[test]
fn row8_a_50_mb_file_is_refused_before_reading() {
    let fx = Hostile::new("", Encoding::Raw);
    let huge = fx.root().join("cities/huge.ron");
    let size: usize = 50 * 1024 * 1024;
    {
        let mut file = io::BufWriter::new(fs::File::create(&huge).expect("create"));
        file.write_all(b"(id: \"huge\", name: \"").expect("write");
        let chunk = vec![b'x'; 1024 * 1024];
        let mut written = 20;
        while written + chunk.len() < size - 2 {
            file.write_all(&chunk).expect("write");
            written += chunk.len();
        }
        file.write_all(&vec![b'x'; size - 2 - written])
            .expect("write");
        file.write_all(b"\")").expect("write");
    }
    assert_eq!(fs::metadata(&huge).expect("written").len(), size as u64);
    let loaded = fx.load();
    let path = huge.to_string_lossy().into_owned();
    let refused: Vec<String> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.path == path)
        .map(|d| d.headline())
        .collect();
    assert_eq!(
        refused,
        [format!(
            "{path}:1:1: error: file is {size} bytes, over the limit of 4194304 bytes (4 MiB); split it into several files"
        )]
    );
    assert!(loaded.directory.city("hostile").is_some(), "the rest loads");
    // Memory stays bounded: the file is never read into memory.
    let dir = fx.root().as_os_str();
    match peak_kib(&["check".as_ref(), dir]) {
        Some((kib, output)) => {
            assert_eq!(output.status.code(), Some(1), "{output:?}");
            assert!(
                kib < 40 * 1024,
                "careguide check peaked at {kib} KiB with a 50 MiB file"
            );
        }
        None => eprintln!("skipped the memory measurement: /usr/bin/time (GNU time) is missing"),
    }
    // The TUI path refuses the data before touching the terminal.
    let output = careguide()
        .arg("--data")
        .arg(fx.root())
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("over the limit of 4194304 bytes"));
    assert!(output.stdout.is_empty());
}

/// Just under the cap, a 4 MB name: a length error, and the TUI (on the
/// unchecked directory) still draws promptly.
#[test]
fn row8_a_4_mb_name_is_an_error_and_still_draws() {
    let name = "x".repeat(4_000_000);
    let fx = Hostile::named(&name);
    let loaded = fx.load();
    assert_load_rejects(
        &loaded,
        &fx,
        "name is 4000000 characters long, over the limit of 200",
    );
    let mut s = AppState::new(loaded.directory, 120, 40, ColorMode::Color);
    let hospital = support::facility(&s, HOSPITAL);
    jump(&mut s, Target::Facility(hospital));
    focus(&mut s, Pane::Card);
    let started = Instant::now();
    let frame = draw(&s, "4 MB name");
    let took = started.elapsed();
    assert_terminal_safe(&frame.bytes, &frame.label);
    assert!(took < Duration::from_secs(5), "one frame took {took:?}");
}

// --- Row 9 ---------------------------------------------------------------------

#[test]
fn row9_an_empty_directory_names_each_missing_file() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let loaded = load_dir(dir.path());
    let expected: Vec<String> = ["emergency.ron", "sources.ron", "specialties.ron"]
        .iter()
        .map(|name| {
            format!(
                "{}:1:1: error: missing file: every data directory needs {name}",
                dir.path().join(name).display()
            )
        })
        .collect();
    let headlines: Vec<String> = loaded.diagnostics.iter().map(|d| d.headline()).collect();
    assert_eq!(headlines, expected);
    let output = check(dir.path());
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    for line in &expected {
        assert!(stdout.lines().any(|l| l == line), "{stdout}");
    }
    // The TUI path says the same on stderr and leaves the terminal alone.
    let output = careguide()
        .arg("--data")
        .arg(dir.path())
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    for line in &expected {
        assert!(stderr.lines().any(|l| l == line), "{stderr}");
    }
    assert!(output.stdout.is_empty());
    // An empty directory model draws an empty state, not a panic.
    let s = AppState::new(loaded.directory, 80, 24, ColorMode::Color);
    let frame = draw(&s, "empty");
    assert!(frame.text().contains("nothing here"), "{}", frame.text());
}

#[test]
fn row9_a_missing_directory_is_refused_by_the_tui_path_too() {
    let tmp = tempfile::tempdir().expect("a temp dir");
    let missing = tmp.path().join("no-such-dir");
    let output = careguide()
        .arg("--data")
        .arg(&missing)
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        format!(
            "careguide: data directory {} does not exist\n",
            missing.display()
        )
    );
    assert!(output.stdout.is_empty());
}

/// Makes `path` and everything under it readable by anyone (the temp dir is
/// private by default), except `locked`, which nobody may read.
fn open_up(path: &Path, locked: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let mode = if path == locked {
        0o000
    } else if path.is_dir() {
        0o755
    } else {
        0o644
    };
    if path.is_dir() {
        for entry in fs::read_dir(path).expect("list").flatten() {
            if entry.file_type().is_ok_and(|t| t.is_dir() || t.is_file()) {
                open_up(&entry.path(), locked);
            }
        }
    }
    fs::set_permissions(path, fs::Permissions::from_mode(mode)).expect("chmod");
}

/// Every kind of unusable entry at once: each gets its own message, nothing
/// hangs, and the good city still loads. The unreadable file needs a user
/// without CAP_DAC_OVERRIDE: as root, `careguide check` runs as `nobody`
/// through `setpriv`.
#[test]
fn row9_unusable_files_each_get_a_message_and_the_rest_loads() {
    let fx = Hostile::new("", Encoding::Raw);
    let cities = fx.root().join("cities");
    fs::create_dir(cities.join("dir.ron")).expect("a directory named dir.ron");
    let fifo = cities.join("fifo.ron");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo");
    assert!(made.success());
    std::os::unix::fs::symlink(cities.join("nowhere"), cities.join("dangling.ron"))
        .expect("symlink");
    std::os::unix::fs::symlink(cities.join("loop.ron"), cities.join("loop.ron")).expect("symlink");
    let locked = cities.join("locked.ron");
    fs::write(&locked, "(id: \"locked\", name: \"Locked\")").expect("write");
    open_up(fx.root(), &locked);

    let expect = |stem: &str, message: &str| {
        format!(
            "{}:1:1: error: {message}",
            cities.join(format!("{stem}.ron")).display()
        )
    };
    let mut expected = vec![
        expect(
            "dangling",
            "cannot read file: No such file or directory (os error 2)",
        ),
        expect("dir", "is a directory, not a data file"),
        expect(
            "fifo",
            "is not a regular file (a FIFO, socket or device?); data files must be plain files",
        ),
        expect(
            "loop",
            "cannot read file: Too many levels of symbolic links (os error 40)",
        ),
    ];
    let root = rustix::process::geteuid().is_root();
    if !root {
        expected.insert(
            3,
            expect(
                "locked",
                "cannot read file: Permission denied (os error 13)",
            ),
        );
    }
    // In process (as root the locked file is readable, so it loads).
    let loaded = fx.load();
    let headlines: Vec<String> = loaded.diagnostics.iter().map(|d| d.headline()).collect();
    assert_eq!(headlines, expected);
    assert!(loaded.directory.city("hostile").is_some(), "the rest loads");

    if root {
        expected.insert(
            3,
            expect(
                "locked",
                "cannot read file: Permission denied (os error 13)",
            ),
        );
    }
    // As root, a copy of the binary that nobody can run, wherever the
    // checkout is.
    let bin = tempfile::tempdir().expect("a temp dir");
    let mut cmd = if root {
        if !Path::new("/usr/bin/setpriv").exists() {
            eprintln!("skipped the unreadable-file check: running as root without setpriv");
            return;
        }
        let copy = bin.path().join("careguide");
        fs::copy(env!("CARGO_BIN_EXE_careguide"), &copy).expect("copy the binary");
        open_up(bin.path(), Path::new(""));
        fs::set_permissions(&copy, std::os::unix::fs::PermissionsExt::from_mode(0o755))
            .expect("chmod");
        let mut cmd = Command::new("/usr/bin/setpriv");
        cmd.args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
            .arg(&copy);
        cmd
    } else {
        Command::new(env!("CARGO_BIN_EXE_careguide"))
    };
    let output = cmd
        .env_remove("CAREGUIDE_DATA")
        .arg("check")
        .arg(fx.root())
        .timeout(NO_HANG)
        .output()
        .expect("careguide check runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    let printed: Vec<&str> = stdout
        .lines()
        .filter(|l| l.starts_with(&cities.display().to_string()) && l.contains(": error: "))
        .filter(|l| !l.contains("hostile.ron"))
        .collect();
    assert_eq!(printed, expected, "{stdout}");
    assert!(
        stdout.ends_with("2 facilities, 4 phone numbers: 5 errors, 0 warnings\n"),
        "the good city still loads: {stdout}"
    );
}

// --- Row 10 --------------------------------------------------------------------

#[test]
fn row10_tiny_sizes_never_panic_and_say_too_small() {
    for (width, height) in [(0, 0), (1, 1), (19, 4), (20, 5), (19, 5), (20, 4)] {
        for name in support::SCENARIOS {
            let s = support::scenario(name, width, height);
            let frame = draw(&s, &format!("{name} at {width}x{height}"));
            assert_terminal_safe(&frame.bytes, &frame.label);
            let text = frame.text().replace('\n', " ");
            let small = width < 20 || height < 5;
            match (width, height) {
                (0, 0) => assert_eq!(text, ""),
                (1, 1) => assert_eq!(text, "T "),
                _ if small => assert!(text.contains("too small"), "{}: {text}", frame.label),
                _ => {
                    assert!(
                        !text.contains("Terminal too small"),
                        "{}: {text}",
                        frame.label
                    );
                    assert!(
                        text.contains('┌'),
                        "{}: panes are drawn: {text}",
                        frame.label
                    );
                }
            }
        }
    }
}

#[test]
fn row10_a_storm_of_1000_resizes_in_every_mode_never_panics() {
    let mut s = support::state(120, 40);
    let mut seed: u32 = 0x2545_f491;
    let mut next = |bound: u32| {
        seed ^= seed << 13;
        seed ^= seed >> 17;
        seed ^= seed << 5;
        seed % bound
    };
    let modes: [&[Action]; 8] = [
        &[Action::Back, Action::Back],
        &[Action::GlobalSearch, Action::Input('e')],
        &[Action::Back, Action::Help],
        &[Action::Back, Action::Emergency],
        &[Action::Back, Action::Driver],
        &[Action::Back, Action::NextPane, Action::NextPane, Action::Qr],
        &[Action::Back, Action::NextPane, Action::Down],
        &[Action::Back, Action::Filter, Action::Input('a')],
    ];
    for i in 0..1000u32 {
        if i % 125 == 0 {
            for action in modes[(i / 125) as usize] {
                update(&mut s, action.clone());
            }
        }
        let (width, height) = match i % 10 {
            0 => (0, 0),
            1 => (1, 1),
            2 => (19, 4),
            3 => (20, 5),
            _ => (next(301) as u16, next(101) as u16),
        };
        update(&mut s, Action::Resize { width, height });
        if i % 3 == 0 {
            update(&mut s, Action::Down);
        }
        let buffer = support::render(&s);
        assert_eq!(buffer.area, Rect::new(0, 0, width, height));
    }
    update(&mut s, Action::Back);
    update(&mut s, Action::Back);
    update(
        &mut s,
        Action::Resize {
            width: 120,
            height: 40,
        },
    );
    let text = support::text(&support::render(&s));
    assert!(
        text.contains("Cities"),
        "back to normal after the storm:\n{text}"
    );
}

// --- Row 17 (data side) --------------------------------------------------------

/// Every forbidden character, and every control, comes out of the escaping
/// used in messages (`escaped`, `display_path`) as a visible escape.
#[test]
fn row17_message_escaping_covers_every_forbidden_character() {
    let all = (0..=0x10ffffu32)
        .filter_map(char::from_u32)
        .filter(|c| c.is_control() || forbidden_class(*c).is_some());
    for c in all {
        let text = format!("a{c}b");
        for (how, shown) in [
            ("escaped", escaped(&text)),
            ("display_path", display_path(&text)),
        ] {
            assert!(
                shown
                    .chars()
                    .all(|s| !s.is_control() && forbidden_class(s).is_none()),
                "{how} lets {} through: {shown:?}",
                describe(c)
            );
        }
    }
}

/// A city file whose name holds ESC, BEL and an RLO, and ids that hold
/// escape sequences: `check` and the TUI's refusal both name them escaped.
#[test]
fn row17_hostile_file_names_and_ids_are_printed_escaped() {
    let fx = Hostile::new("", Encoding::Raw);
    let evil = "evil\u{1b}]0;pwned\u{7}\u{202e}txt.ron";
    fs::write(
        fx.root().join("cities").join(evil),
        "(id: \"x\u{1b}[31m\", name: \"X\", facilities: [(id: \"y\u{1b}]52;c;aGk=\u{7}\", \
         name: \"Y\", kind: Clinic, ownership: Private, sources: [\"S\"], verified: \"2026-11-22\")])",
    )
    .expect("write");
    let expected_path = format!("{:?}", fx.path(&format!("cities/{evil}")));
    let outputs = [
        ("check", check(fx.root())),
        (
            "the TUI path",
            careguide()
                .arg("--data")
                .arg(fx.root())
                .output()
                .expect("runs"),
        ),
    ];
    for (what, output) in outputs {
        assert_eq!(output.status.code(), Some(1), "{what}: {output:?}");
        assert_stream_clean(&output.stdout, what);
        assert_stream_clean(&output.stderr, what);
        let all = format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        assert!(
            all.contains(&format!("{expected_path}:")),
            "{what}: the file is named escaped:\n{all}"
        );
        assert!(
            all.contains(r#"id "x\u{1b}[31m" must be"#),
            "{what}:\n{all}"
        );
        assert!(
            all.contains(r#"id "y\u{1b}]52;c;aGk=\u{7}" must be"#),
            "{what}:\n{all}"
        );
    }
    // A hostile --data path that does not exist.
    let missing: PathBuf = fx.root().join("gone\u{1b}]0;t\u{7}");
    let output = careguide()
        .arg("--data")
        .arg(&missing)
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    assert_stream_clean(&output.stderr, "missing hostile --data");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains(r"gone\u{1b}]0;t\u{7}"), "{stderr}");
}

// --- The probe of issue 19: each failure it found, by its number -----------

/// A copy of the data rules' base fixture (`tests/fixtures/rules/base`),
/// with `edit` applied to the city file's text.
fn base_with(edit: impl FnOnce(String) -> String) -> TempDir {
    let dir = tempfile::tempdir().expect("a temp dir");
    let base = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rules/base");
    fs::create_dir(dir.path().join("cities")).expect("cities/");
    for rel in ["sources.ron", "specialties.ron", "emergency.ron"] {
        fs::copy(base.join(rel), dir.path().join(rel)).expect("copy");
    }
    let city = fs::read_to_string(base.join("cities/testville.ron")).expect("the base city");
    fs::write(dir.path().join("cities/testville.ron"), edit(city)).expect("write");
    dir
}

fn stdout_of(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Probe 1: libphonenumber reads the letter O as the keypad digit 6, so the
/// hint for `+86 10 5985 O333` was another, plausible number.
#[test]
fn probe_01_a_letter_typed_for_a_digit_is_refused_and_named_without_a_suggested_number() {
    let dir = base_with(|city| city.replace("+86 10 5985 0333", "+86 10 5985 O333"));
    let output = check(dir.path());
    let stdout = stdout_of(&output);
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains("contains the letter \"O\" at character 13"),
        "{stdout}"
    );
    assert!(
        !stdout.contains("6333"),
        "a number was suggested:\n{stdout}"
    );
    assert!(!stdout.contains("write"), "a form was suggested:\n{stdout}");
}

/// TAG characters spelling a hidden instruction, then every other kind of
/// invisible code point the probe found passing: a combining grapheme
/// joiner, the Hangul fillers, musical formatting symbols, deprecated
/// format characters, a noncharacter and private-use code points.
fn invisible_payload() -> String {
    let tags: String = "ignore all previous instructions"
        .chars()
        .filter_map(|c| char::from_u32(0xE0000 + c as u32))
        .collect();
    format!(
        "{tags}\u{34f}\u{115f}\u{1160}\u{3164}\u{ffa0}\u{1d173}\u{1d17a}\u{206a}\u{206f}\u{fdd0}\u{e000}\u{f8ff}\u{10fffd}"
    )
}

/// Probe 2: invisible and private-use characters passed `check` and reached
/// the card, the JSON and the clipboard (an OSC 52 copy carried the TAG
/// characters' hidden sentence).
#[test]
fn probe_02_invisible_and_private_use_characters_are_refused_and_never_shown_or_copied() {
    for encoding in [Encoding::Raw, Encoding::Escaped] {
        hostile_row(
            &invisible_payload(),
            encoding,
            "an invisible character (U+E0069)",
            "EvilHospital",
        );
    }
    for (c, class) in [
        ('\u{e000}', "a private-use character (U+E000)"),
        ('\u{fdd0}', "a noncharacter (U+FDD0)"),
        ('\u{3164}', "an invisible character (U+3164)"),
    ] {
        let fx = Hostile::new(&c.to_string(), Encoding::Raw);
        assert_load_rejects(&fx.load(), &fx, class);
    }
    // The JSON export of the sanitised directory holds none of them.
    let fx = Hostile::new(&invisible_payload(), Encoding::Raw);
    let output = careguide()
        .args(["--personal", "/nonexistent"])
        .arg("export")
        .args(["--format", "json"])
        .env("CAREGUIDE_DATA", fx.root())
        .output()
        .expect("runs");
    assert_stream_clean(&output.stdout, "export --format json");
    assert_stream_clean(&output.stderr, "export stderr");
}

/// Probe 3: `check` followed a symbolic link out of the data directory and
/// printed the target's first line in its snippet (the environment from
/// `/proc/self/environ`, root's hash from `/etc/shadow`).
#[test]
fn probe_03_links_out_of_the_data_directory_are_refused_and_no_linked_text_is_printed() {
    let outside = tempfile::tempdir().expect("a temp dir");
    let secret = outside.path().join("secret.ron");
    fs::write(&secret, "SECRET_TOKEN=hunter2-not-for-logs\n").expect("write");
    let dir = base_with(|city| city);
    std::os::unix::fs::symlink(&secret, dir.path().join("cities/x.ron")).expect("link");
    std::os::unix::fs::symlink("/proc/self/environ", dir.path().join("cities/y.ron"))
        .expect("link");
    // A link that stays inside the directory is an ordinary file.
    std::os::unix::fs::symlink("testville.ron", dir.path().join("cities/.same.ron")).expect("link");
    let personal = tempfile::tempdir().expect("a temp dir");
    std::os::unix::fs::symlink(&secret, personal.path().join("mine.ron")).expect("link");
    let output = careguide()
        .env("PROBE_MARK", "environment-must-not-leak")
        .arg("--personal")
        .arg(personal.path())
        .arg("check")
        .arg(dir.path())
        .output()
        .expect("runs");
    let all = format!(
        "{}{}",
        stdout_of(&output),
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(output.status.code(), Some(1), "{all}");
    for leak in [
        "hunter2",
        "SECRET_TOKEN",
        "environment-must-not-leak",
        "PATH=",
    ] {
        assert!(!all.contains(leak), "{leak} reached the output:\n{all}");
    }
    for file in ["cities/x.ron", "cities/y.ron"] {
        let path = dir.path().join(file).to_string_lossy().into_owned();
        assert!(
            all.contains(&format!("{path}:1:1: error: is a link to")),
            "{file}:\n{all}"
        );
    }
    // A personal file may be a link (to the user's dotfiles): it is read,
    // and its problems are named, but without a snippet of its text.
    let mine = personal
        .path()
        .join("mine.ron")
        .to_string_lossy()
        .into_owned();
    assert!(all.contains(&format!("{mine}:1:1: error:")), "{all}");
}

/// Probe 9: 12 000 query words on 10 000 facilities took 40 s and 5.25 GB,
/// even with `--limit 1`.
#[test]
fn probe_09_a_query_of_12000_words_is_refused_with_a_clear_message() {
    let words = vec!["a"; 12_000].join(" ");
    let output = careguide()
        .args(["search", "--limit", "1"])
        .arg(&words)
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("at most 16 are searched"), "{stderr}");
    let long = "x".repeat(100_000);
    let output = careguide().arg("search").arg(&long).output().expect("runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("at most 256 are searched"), "{stderr}");
    // The index itself reads only the first words of a longer query.
    let dir = std::sync::Arc::new(support::shipped());
    let index = careguide::search::Index::new(&dir);
    let many = format!("oasis {}", vec!["hospital"; 5_000].join(" "));
    assert_eq!(
        index
            .query(&many, &Scope::Global { prefer: None })
            .first()
            .map(|h| h.target),
        index
            .query("oasis hospital", &Scope::Global { prefer: None })
            .first()
            .map(|h| h.target)
    );
}

/// Probe 10: snippets cut long ASCII lines but printed a 1 MiB line of 汉字.
#[test]
fn probe_10_check_prints_a_few_lines_of_a_1_mib_line_of_any_script() {
    for (unit, count) in [("x", 1 << 20), ("汉", 1 << 20), ("😀", 1 << 19)] {
        let name = unit.repeat(count);
        let dir = base_with(|city| city.replace("\"Testville Hospital\"", &format!("\"{name}\"")));
        let output = check(dir.path());
        let stdout = stdout_of(&output);
        assert_eq!(output.status.code(), Some(1), "{unit}");
        assert!(stdout.contains("over the limit of 200"), "{unit}");
        assert!(
            output.stdout.len() < 4_096,
            "{unit}: check printed {} bytes",
            output.stdout.len()
        );
    }
}

/// Probe 11: with `--data DIR`, errors said "run `careguide check`", which
/// checks the embedded data and finds nothing.
#[test]
fn probe_11_errors_of_a_data_directory_name_the_check_that_shows_them() {
    let dir = base_with(|city| city.replace("kind: Hospital,", "kind: Hospital"));
    let output = careguide()
        .args(["--personal", "/nonexistent"])
        .arg("--data")
        .arg(dir.path())
        .args(["search", "x"])
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    let command = format!("careguide check {}", dir.path().display());
    assert!(stderr.contains(&format!("run `{command}`")), "{stderr}");
    // That command does show the error.
    let output = check(dir.path());
    assert_eq!(output.status.code(), Some(1));
    assert!(stdout_of(&output).contains("Expected comma"));
}

/// Probe 12: a broken or unreadable `specialties.ron` was reported after a
/// hundred "unknown specialty id" errors that it caused.
#[test]
fn probe_12_a_broken_specialties_file_is_not_buried_under_the_errors_it_causes() {
    for broken in ["(specialties: [", "\u{feff}(specialties: [])"] {
        let dir = base_with(|city| city);
        fs::write(dir.path().join("specialties.ron"), broken).expect("write");
        let loaded = load_dir(dir.path());
        let messages: Vec<String> = loaded.diagnostics.iter().map(|d| d.headline()).collect();
        assert_eq!(messages.len(), 1, "{messages:#?}");
        assert!(messages[0].contains("specialties.ron:1:"), "{messages:#?}");
    }
}
