//! Live reload and `e`, driven through `update()` with the loop's own
//! `reload()` on a copy of the data files: the selection stays on the same
//! ids, a broken edit keeps the last good data and shows the diagnostic
//! (panel and stale marker), and fixing the file recovers without restart.
//! `e` asks for the file and line of the selected record.

mod support;

use std::path::{Path, PathBuf};

use careguide::data::{DataSource, Sources};
use careguide::tui::action::{Action, Effect};
use careguide::tui::run::reload;
use careguide::tui::state::{Mode, Pane, RowTarget};
use careguide::tui::update::update;
use support::{apply, city, data_copy, edit_file, facility, go_to, render, state_from, text};

const NEW_FACILITY: &str = "    facilities: [
        (
            id: \"aaa-new-clinic\",
            name: \"AAA New Clinic\",
            kind: Clinic,
            ownership: Private,
            sources: [\"oasis-official-contact\"],
            verified: \"2026-11-22\",
        ),
";

fn sources(dir: &Path) -> Sources {
    Sources::shipped(DataSource::Dir(dir.to_path_buf()))
}

fn beijing(dir: &Path) -> PathBuf {
    dir.join("cities/beijing.ron")
}

/// The text of line `line` (1-based) of a file.
fn line_of(path: &Path, line: usize) -> String {
    let text = std::fs::read_to_string(path).expect("read");
    text.lines()
        .nth(line - 1)
        .expect("the line exists")
        .to_string()
}

#[test]
fn reload_keeps_the_selection_by_id() {
    let data = data_copy();
    let sources = sources(data.path());
    let mut s = state_from(&sources, 120, 40);
    go_to(&mut s, "oasis-international");
    apply(&mut s, &[Action::NextPane, Action::Down]);
    let specialty = s.specialty().map(|i| s.dir.specialties[i].id.clone());
    assert!(specialty.is_some());
    apply(&mut s, &[Action::NextPane, Action::Down]);
    assert_eq!((s.focus, s.card.selected), (Pane::Card, 1));
    let before = facility(&s, "oasis-international");

    edit_file(&beijing(data.path()), "    facilities: [\n", NEW_FACILITY);
    update(&mut s, reload(&sources));

    let after = facility(&s, "oasis-international");
    assert_eq!(after, before + 1, "a facility was added before Oasis");
    assert_eq!(s.facility(), Some(after), "still on Oasis, by id");
    assert_eq!(s.city(), Some(city(&s, "beijing")));
    assert_eq!(
        s.specialty().map(|i| s.dir.specialties[i].id.clone()),
        specialty
    );
    assert_eq!((s.focus, s.card.selected), (Pane::Card, 1));
    let new = facility(&s, "aaa-new-clinic");
    assert!(
        s.facilities.rows.contains(&RowTarget::Facility(new)),
        "the new facility is listed"
    );
    assert!(s.files.marker().is_none());
}

#[test]
fn a_removed_record_moves_the_selection_to_the_first_row() {
    let data = data_copy();
    let sources = sources(data.path());
    let mut s = state_from(&sources, 120, 40);
    go_to(&mut s, "oasis-international");
    edit_file(
        &beijing(data.path()),
        "id: \"oasis-international\"",
        "id: \"oasis-renamed\"",
    );
    update(&mut s, reload(&sources));
    assert_eq!(s.city(), Some(city(&s, "beijing")), "the city is kept");
    assert_eq!(s.facilities.cursor.selected, 0);
    assert!(s.dir.facility("oasis-international").is_none());
}

#[test]
fn a_broken_edit_keeps_the_last_good_data_and_a_fix_recovers() {
    let data = data_copy();
    let sources = sources(data.path());
    let file = beijing(data.path());
    let mut s = state_from(&sources, 120, 40);
    go_to(&mut s, "oasis-international");
    let good = s.dir.clone();
    let original = std::fs::read_to_string(&file).expect("read");

    edit_file(
        &file,
        "id: \"oasis-international\",",
        "id: \"oasis-international\"",
    );
    update(&mut s, reload(&sources));
    assert_eq!(s.dir, good, "the last good data stays");
    assert_eq!(s.facility(), Some(facility(&s, "oasis-international")));
    assert_eq!(s.files.stale_errors(), 1);
    let problem = s.files.stale[0].clone();
    assert_eq!(problem.path, file.to_string_lossy());
    assert_eq!(problem.message, "Expected comma");
    assert_eq!(
        s.files.marker().as_deref(),
        Some("stale data: 1 error in files — press D")
    );
    let screen = text(&render(&s));
    assert!(
        screen.contains("[stale data: 1 error in files — press D]"),
        "{screen}"
    );

    apply(&mut s, &[Action::Diagnostics]);
    assert!(matches!(s.mode, Mode::Diagnostics { .. }));
    let screen = text(&render(&s));
    let headline = format!(
        "beijing.ron:{}:{}: error: Expected comma",
        problem.line, problem.col
    );
    assert!(screen.contains(&headline), "{screen}");
    assert!(screen.contains("last good data"), "{screen}");
    let effects = apply(&mut s, &[Action::Edit]);
    assert_eq!(
        effects,
        vec![Effect::Edit {
            path: file.clone(),
            line: problem.line
        }],
        "e opens the problem"
    );

    std::fs::write(&file, original).expect("write the fix");
    update(&mut s, reload(&sources));
    assert!(s.files.stale.is_empty());
    assert!(s.files.marker().is_none());
    assert_eq!(s.mode, Mode::Browse, "nothing left to show");
    let status = s.status.as_ref().map(|st| st.text.as_str());
    assert_eq!(status, Some("Reloaded: the data files are fixed"));
    assert!(!text(&render(&s)).contains("stale data"));
}

#[test]
fn e_asks_for_the_file_and_line_of_the_selected_record() {
    let data = data_copy();
    let sources = sources(data.path());
    let file = beijing(data.path());
    let mut s = state_from(&sources, 120, 40);
    go_to(&mut s, "oasis-international");
    let edit = |effects: Vec<Effect>| match effects.as_slice() {
        [Effect::Edit { path, line }] => (path.clone(), *line),
        other => panic!("expected one Edit effect, got {other:?}"),
    };

    let (path, line) = edit(apply(&mut s, &[Action::Edit]));
    assert_eq!(path, file);
    assert!(line_of(&file, line).contains("id: \"oasis-international\""));

    apply(&mut s, &[Action::NextPane, Action::NextPane, Action::Down]);
    let (path, line) = edit(apply(&mut s, &[Action::Edit]));
    assert_eq!(path, file);
    let contact = &s.dir.facilities[facility(&s, "oasis-international")].contacts[1];
    assert_eq!(line, contact.origin.line);
    // A contact opens at its number.
    let at = line_of(&file, line);
    assert!(
        at.contains(&format!("phone: \"{}\"", contact.phone.display)),
        "{at}"
    );

    apply(&mut s, &[Action::NextPane]);
    assert_eq!(s.focus, Pane::Cities);
    let (path, line) = edit(apply(&mut s, &[Action::Edit]));
    assert_eq!(path, file);
    assert!(line_of(&file, line).contains("id: \"beijing\""));
}

#[test]
fn e_on_the_embedded_data_explains_how_to_get_editable_files() {
    let mut s = support::state(120, 40);
    go_to(&mut s, "oasis-international");
    let effects = apply(&mut s, &[Action::Edit]);
    assert!(effects.is_empty());
    let status = s.status.clone().expect("a status").text;
    assert!(status.contains("careguide init-data DIR"), "{status}");
    assert!(status.contains("careguide --data DIR"), "{status}");
    assert!(text(&render(&s)).contains("init-data"));
}

#[test]
fn r_asks_the_loop_to_reload_and_d_without_problems_says_so() {
    let mut s = support::state(120, 40);
    assert_eq!(apply(&mut s, &[Action::Reload]), vec![Effect::Reload]);
    apply(&mut s, &[Action::Diagnostics]);
    assert_eq!(s.mode, Mode::Browse);
    let status = s.status.clone().expect("a status").text;
    assert!(status.contains("No problems"), "{status}");
}

#[test]
fn a_reload_that_removes_the_city_ctrl_p_prefers_draws_and_searches_everywhere() {
    let data = data_copy();
    let sources = sources(data.path());
    let mut s = state_from(&sources, 120, 40);
    let ningbo = city(&s, "ningbo");
    careguide::tui::update::jump(&mut s, careguide::search::Target::City(ningbo));
    apply(&mut s, &[Action::GlobalSearch]);
    support::type_text(&mut s, "hospital");
    assert!(matches!(&s.mode, Mode::Global(g) if g.city == Some(ningbo)));
    std::fs::remove_file(data.path().join("cities/ningbo.ron")).expect("remove");
    update(&mut s, reload(&sources));
    assert!(s.dir.cities.iter().all(|c| c.id.as_str() != "ningbo"));
    let screen = text(&render(&s));
    assert!(screen.contains("search ▸ hospital"), "{screen}");
    assert!(matches!(&s.mode, Mode::Global(g) if g.city.is_none() && g.here.is_none()));
}
