//! The overlays drawn over the panes (global search has its own file,
//! `global`): help (generated from the keymap), the emergency overlay's
//! two pages (numbers and notes, the phrase card; their rows come from
//! `tui::sheet`), the Chinese-only card to show a taxi driver, the QR code,
//! and the popup that shows a value large when copying it failed.

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Flex, Layout, Rect};
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use super::text::{at_caret, draw_wrapped, fit, pad};
use super::theme::Theme;
use crate::card::{dialled_in_china, first_number, has_emergency_department};
use crate::data::diagnostic::display_path;
use crate::model::{Directory, Kind};
use crate::tui::action::Action;
use crate::tui::keymap::{Context, Keymap, key_label};
use crate::tui::layout::{self, SHEET_WIDTH, overlay_rows};
use crate::tui::sheet::{self, Role, spaced, wrap};
use crate::tui::state::{Adding, AppState, ColorMode, Cursor};

/// A centred rectangle of at most `width`×`height` inside `area`.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let [row] = Layout::vertical([Constraint::Length(height.min(area.height))])
        .flex(Flex::Center)
        .areas(area);
    let [rect] = Layout::horizontal([Constraint::Length(width.min(area.width))])
        .flex(Flex::Center)
        .areas(row);
    rect
}

pub fn panel<'a>(title: String, theme: &Theme) -> Block<'a> {
    theme.pane(title, true)
}

/// Centred, wrapped `lines` in a panel: the large-text overlays.
fn centred_text(frame: &mut Frame, rect: Rect, title: &str, lines: Vec<Line>, theme: &Theme) {
    let paragraph = Paragraph::new(lines)
        .alignment(Alignment::Center)
        .wrap(Wrap { trim: true });
    draw_wrapped(frame, rect, panel(title.to_string(), theme), paragraph);
}

pub fn help(frame: &mut Frame, area: Rect, keymap: &Keymap, scroll: usize, theme: &Theme) {
    let rect = centered(area, 72, area.height.saturating_sub(2));
    frame.render_widget(Clear, rect);
    let mut lines = Vec::new();
    for (context, heading) in [
        (Context::Browse, "Browsing"),
        (Context::Typing, "Typing a filter or a search"),
        (Context::Overlay, "In a window like this one"),
    ] {
        lines.push(Line::styled(heading, theme.heading));
        for binding in (keymap.bindings().iter()).filter(|b| b.contexts.contains(&context)) {
            let keys: Vec<String> = binding.keys.iter().map(key_label).collect();
            lines.push(Line::from(vec![
                Span::styled(format!("  {}", pad(&keys.join(" "), 22)), theme.strong),
                Span::raw(binding.help),
            ]));
        }
        lines.push(Line::default());
    }
    lines.push(Line::styled("Filter syntax (fzf style)", theme.heading));
    for (syntax, meaning) in crate::tui::keymap::SYNTAX {
        lines.push(Line::from(vec![
            Span::styled(format!("  {}", pad(syntax, 22)), theme.strong),
            Span::raw(meaning),
        ]));
    }
    lines.push(Line::default());
    lines.push(Line::raw(
        "Names match in English, 汉字, pinyin (huhehaote) and initials (hhht). careguide is not medical advice: in an emergency call 120.",
    ));
    let paragraph = Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .scroll((u16::try_from(scroll).unwrap_or(u16::MAX), 0));
    draw_wrapped(frame, rect, panel("Help".to_string(), theme), paragraph);
}

/// The emergency overlay's numbers page: the selected facility's
/// emergency number, 120, the city's own numbers, the rest, and the notes.
pub fn emergency(frame: &mut Frame, area: Rect, state: &AppState, cursor: Cursor, theme: &Theme) {
    let place = state.city().map_or("mainland China".to_string(), |c| {
        state.dir.cities[c].name.clone()
    });
    let hints = [
        (Action::CopyNumber, "copy"),
        (Action::Qr, "QR code"),
        (Action::Phrases, "what to say (phrases)"),
        (Action::Back, "close"),
    ];
    let page = Page {
        title: format!("Emergency numbers — {place}"),
        header: "In an emergency in mainland China, call 120 for an ambulance.",
        hints: hint_line(state, &hints),
    };
    sheet_page(frame, area, state, &page, cursor, theme);
}

/// The emergency overlay's phrase card: what to say, in 汉字, pinyin and
/// English, and what to tell 120.
pub fn phrases(frame: &mut Frame, area: Rect, state: &AppState, cursor: Cursor, theme: &Theme) {
    let hints = [
        (Action::CopyNumber, "copy the 汉字"),
        (Action::Phrases, "numbers"),
        (Action::Back, "close"),
    ];
    let page = Page {
        title: "What to say — phrase card".to_string(),
        header: "Show the 汉字, or read the pinyin aloud. Call 120 for an ambulance.",
        hints: hint_line(state, &hints),
    };
    sheet_page(frame, area, state, &page, cursor, theme);
}

/// A page of the emergency overlay around its rows.
struct Page {
    title: String,
    header: &'static str,
    hints: String,
}

/// `y copy · p phrases · Esc close`, with the keys of the keymap.
fn hint_line(state: &AppState, hints: &[(Action, &str)]) -> String {
    let parts: Vec<String> = (hints.iter())
        .filter_map(|(action, label)| {
            let key = state.keymap.first_key(action, Context::Overlay)?;
            Some(format!("{key} {label}"))
        })
        .collect();
    parts.join(" · ")
}

/// The page's header, its rows from the cursor's offset (the selected
/// entry marked), and its hints; on a short screen, the rows alone.
fn sheet_page(
    frame: &mut Frame,
    area: Rect,
    state: &AppState,
    page: &Page,
    cursor: Cursor,
    theme: &Theme,
) {
    let Some((_, sheet)) = sheet::page(state) else {
        return;
    };
    let rect = centered(area, SHEET_WIDTH, area.height.saturating_sub(2));
    frame.render_widget(Clear, rect);
    let block = panel(page.title.clone(), theme);
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let width = usize::from(inner.width);
    let rows = overlay_rows(state.height);
    // The header, a blank row, the rows, a blank row and the hints.
    let chrome = usize::from(inner.height) >= rows + 4;
    let shown = if chrome {
        rows
    } else {
        usize::from(inner.height)
    };
    let mut lines = Vec::new();
    if chrome {
        lines.push(fit(vec![Span::styled(page.header, theme.strong)], width));
        lines.push(Line::default());
    }
    // The marker on the selected entry's first row on screen.
    let first = (sheet.rows.iter().enumerate().skip(cursor.offset))
        .find(|(_, r)| r.entry == Some(cursor.selected))
        .map(|(i, _)| i);
    for (i, row) in sheet
        .rows
        .iter()
        .enumerate()
        .skip(cursor.offset)
        .take(shown)
    {
        let marker = if first == Some(i) { "▶ " } else { "  " };
        let mut spans = vec![Span::raw(marker)];
        spans.extend(
            (row.parts.iter()).map(|(text, role)| Span::styled(text.clone(), style(*role, theme))),
        );
        let line = fit(spans, width);
        lines.push(match row.entry == Some(cursor.selected) {
            true => line.style(theme.selected),
            false => line,
        });
    }
    if chrome {
        lines.resize(rows + 3, Line::default());
        lines.push(fit(
            vec![Span::styled(page.hints.clone(), theme.dim)],
            width,
        ));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

fn style(role: Role, theme: &Theme) -> Style {
    match role {
        Role::Plain => Style::new(),
        Role::Strong => theme.strong,
        Role::Heading | Role::Number | Role::Large => theme.heading,
        Role::Dim => theme.dim,
    }
}

/// The card to show a taxi driver, in Chinese only: where to go (the
/// sourced "去医院" for a hospital, else 请带我去), the 汉字 name, 急诊 when
/// the facility has an emergency department, the 汉字 address and a number
/// as dialled in China, each large; 不详 (not known) where the data has
/// nothing. The status line stays visible below it, for the user.
pub fn driver(frame: &mut Frame, area: Rect, state: &AppState, theme: &Theme) {
    let Some(f) = state.facility().map(|f| &state.dir.facilities[f]) else {
        return;
    };
    let screen = layout::screen(area.width, area.height, state.focus);
    let area = Rect {
        height: screen.status.y.saturating_sub(area.y).min(area.height),
        ..area
    };
    frame.render_widget(Clear, area);
    let request = match f.kind {
        Kind::Hospital | Kind::CountyHospital => phrase(&state.dir, "去医院"),
        _ => None,
    }
    .unwrap_or("请带我去");
    let mut lines: Vec<(String, Style)> = vec![(request.to_string(), theme.strong)];
    let mut block = |text: String, style: Style| lines.push((text, style));
    match f.name_zh.as_deref() {
        Some(zh) => block(spaced(zh), theme.heading),
        None => block("中文名称不详".to_string(), theme.strong),
    }
    if has_emergency_department(&state.dir, f) {
        block(spaced("急诊"), theme.error);
    }
    match f.address.as_ref().and_then(|a| a.zh.as_deref()) {
        Some(zh) => block(spaced(zh), theme.strong),
        None => block("地址不详".to_string(), theme.strong),
    }
    let phone = first_number(f).map(|c| &c.phone);
    match phone {
        Some(phone) => {
            let number = dialled_in_china(phone).unwrap_or_else(|| phone.display.to_string());
            block(format!("电话 {number}"), theme.heading);
        }
        None => block("电话不详".to_string(), theme.strong),
    }
    let width = usize::from(area.width.saturating_sub(2)).max(1);
    let wrapped: Vec<Vec<Line>> = (lines.into_iter())
        .map(|(text, style)| {
            (wrap(&text, width, width).into_iter())
                .map(|line| Line::styled(line, style))
                .collect()
        })
        .collect();
    // A blank row between the parts, where the screen has room for them.
    let count: usize = wrapped.iter().map(Vec::len).sum();
    let spaced_out = count * 2 < usize::from(area.height);
    let mut rows: Vec<Line> = Vec::new();
    for part in wrapped {
        if spaced_out && !rows.is_empty() {
            rows.push(Line::default());
        }
        rows.extend(part);
    }
    let height = u16::try_from(rows.len())
        .unwrap_or(u16::MAX)
        .saturating_add(2);
    let rect = centered(area, area.width, height);
    let block = Block::bordered().border_style(theme.border_focus);
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    frame.render_widget(Paragraph::new(rows).alignment(Alignment::Center), inner);
}

/// The 汉字 of a phrase of the phrase card, when the data has it.
fn phrase<'a>(dir: &'a Directory, zh: &str) -> Option<&'a str> {
    (dir.phrases.iter())
        .find(|p| p.zh == zh)
        .map(|p| p.zh.as_str())
}

/// The QR code of a `tel:` URI, black on white where colour is allowed;
/// inverted for a dark default background under `NO_COLOR`.
pub fn qr(frame: &mut Frame, area: Rect, uri: &str, label: &str, color: ColorMode, theme: &Theme) {
    let inverted = color == ColorMode::NoColor;
    let code = crate::qr::lines(uri, inverted).unwrap_or_default();
    let code_width = code.first().map_or(0, |l| l.chars().count()) as u16;
    let height = code.len() as u16 + 5;
    let rect = centered(area, (code_width + 4).max(44), height);
    frame.render_widget(Clear, rect);
    let block = panel("Scan to call".to_string(), theme);
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    if inner.width < code_width || inner.height < code.len() as u16 + 3 {
        let text = format!("The terminal is too small for the QR code. {label}");
        frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), inner);
        return;
    }
    let style = match color {
        ColorMode::Color | ColorMode::Basic => Style::new().fg(Color::Black).bg(Color::White),
        ColorMode::NoColor => Style::new(),
    };
    let mut lines: Vec<Line> = code.into_iter().map(|l| Line::styled(l, style)).collect();
    lines.push(Line::default());
    lines.push(Line::styled(label.to_string(), theme.strong));
    lines.push(Line::styled(format!("{uri} · Esc close"), theme.dim));
    frame.render_widget(Paragraph::new(lines).alignment(Alignment::Center), inner);
}

/// The prompt of `a` (whose number, then the number) and `n` (a note),
/// with what is wrong under it and where it will be written.
pub fn add(frame: &mut Frame, area: Rect, state: &AppState, adding: &Adding, theme: &Theme) {
    let rect = centered(area, 76, 12);
    frame.render_widget(Clear, rect);
    let facility = &state.dir.facilities[adding.facility];
    let (title, ask) = match (adding.note, &adding.role) {
        (true, _) => ("Add a note", "Your note:".to_string()),
        (false, None) => (
            "Add a phone number",
            "Whose number is it? (e.g. Dr Li, mobile)".to_string(),
        ),
        (false, Some(role)) => (
            "Add a phone number",
            format!("{role}: the number, as you would dial it (e.g. 138…, 0471 …)"),
        ),
    };
    let block = panel(format!("{title} — {}", facility.name), theme);
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let width = usize::from(inner.width);
    let (before, after) = at_caret(&adding.text, adding.after_caret);
    let mut lines = vec![
        Line::styled(ask, theme.strong),
        fit(
            vec![
                Span::styled("> ", theme.highlight),
                Span::raw(before),
                Span::styled("▏", theme.highlight),
                Span::raw(after),
            ],
            width,
        ),
        Line::default(),
    ];
    if let Some(problem) = &adding.problem {
        lines.push(Line::styled(problem.clone(), theme.error));
        lines.push(Line::default());
    }
    let file = (state.files.sources.personal.as_ref())
        .map(|d| {
            d.join(crate::data::personal::NOTES_FILE)
                .to_string_lossy()
                .into_owned()
        })
        .unwrap_or_default();
    lines.push(Line::styled(
        format!(
            "Saved in {}, marked [personal] in the card.",
            display_path(&file)
        ),
        theme.dim,
    ));
    lines.push(Line::styled("Enter next · Esc cancel", theme.dim));
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}

pub fn copy_failed(frame: &mut Frame, area: Rect, value: &str, reason: &str, theme: &Theme) {
    let rect = centered(area, 70, 11);
    frame.render_widget(Clear, rect);
    let lines = vec![
        Line::styled(format!("Nothing was copied: {reason}"), theme.error),
        Line::default(),
        Line::styled(value.to_string(), theme.heading),
        Line::default(),
        Line::raw(
            "The mouse selects text while this is open: drag over the value and copy it as your terminal does, or read it out.",
        ),
        Line::styled("Esc close", theme.dim),
    ];
    centred_text(frame, rect, "Copy failed", lines, theme);
}
