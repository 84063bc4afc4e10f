//! The overlays drawn over the panes (global search has its own file,
//! `global`): help (generated from the keymap), emergency numbers, the
//! "show to driver" card, the QR code, and the popup that shows a value
//! large when copying it failed.

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Flex, Layout, Rect};
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use super::text::{at_caret, draw_wrapped, fit, pad};
use super::theme::Theme;
use crate::card::emergency_numbers;
use crate::data::diagnostic::display_path;
use crate::tui::keymap::{Context, Keymap, key_label};
use crate::tui::state::{Adding, AppState, ColorMode};

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

pub fn emergency(frame: &mut Frame, area: Rect, state: &AppState, selected: usize, theme: &Theme) {
    let numbers = emergency_numbers(&state.dir, state.city());
    let place = state.city().map_or("mainland China".to_string(), |c| {
        state.dir.cities[c].name.clone()
    });
    let rect = centered(area, 76, area.height.saturating_sub(2));
    frame.render_widget(Clear, rect);
    let mut lines = vec![
        Line::styled(
            "In an emergency in mainland China, call 120 for an ambulance.",
            theme.strong,
        ),
        Line::default(),
    ];
    for (i, n) in numbers.iter().enumerate() {
        let marker = if i == selected { "▶ " } else { "  " };
        let mut spans = vec![
            Span::raw(marker),
            Span::styled(pad(&n.number.display, 7), theme.heading),
            Span::raw(n.label.clone()),
        ];
        if let Some(zh) = &n.label_zh {
            spans.push(Span::raw(format!(" {zh}")));
        }
        if let Some(note) = &n.note {
            spans.push(Span::styled(format!(" — {note}"), theme.dim));
        }
        let line = Line::from(spans);
        lines.push(if i == selected {
            line.style(theme.selected)
        } else {
            line
        });
    }
    lines.push(Line::default());
    lines.push(Line::styled("y copy the number · Esc close", theme.dim));
    let paragraph = Paragraph::new(lines).wrap(Wrap { trim: false });
    draw_wrapped(
        frame,
        rect,
        panel(format!("Emergency numbers — {place}"), theme),
        paragraph,
    );
}

pub fn driver(frame: &mut Frame, area: Rect, state: &AppState, theme: &Theme) {
    frame.render_widget(Clear, area);
    let Some(f) = state.facility().map(|f| &state.dir.facilities[f]) else {
        return;
    };
    let mut lines = vec![
        Line::styled("请带我去 · Please take me to", theme.dim),
        Line::default(),
    ];
    match f.name_zh.as_deref() {
        Some(zh) => lines.push(Line::styled(spaced(zh), theme.heading)),
        None => lines.push(Line::styled(f.name.to_string(), theme.heading)),
    }
    lines.push(Line::default());
    match f.address.as_ref() {
        Some(a) => {
            if let Some(zh) = &a.zh {
                lines.push(Line::styled(spaced(zh), theme.strong));
            }
            if let Some(en) = &a.en {
                lines.push(Line::raw(en.to_string()));
            }
        }
        None => lines.push(Line::styled("地址不详 · address not known", theme.dim)),
    }
    if f.name_zh.as_deref().is_none() {
        lines.push(Line::default());
        lines.push(Line::styled("The 汉字 name is not known.", theme.dim));
    }
    lines.push(Line::default());
    lines.push(Line::styled(f.name.to_string(), theme.dim));
    lines.push(Line::styled("Esc close", theme.dim));
    let height = u16::try_from(lines.len())
        .unwrap_or(u16::MAX)
        .saturating_add(2);
    let rect = centered(area, area.width, height);
    centred_text(frame, rect, "Show to driver", lines, theme);
}

/// 汉字 with a space between characters: easier to read at a distance.
fn spaced(text: &str) -> String {
    let chars: Vec<String> = text.chars().map(String::from).collect();
    chars.join(" ")
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
