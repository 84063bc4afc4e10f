//! The contact card of the selected facility: names, kind, grade, contacts
//! as selectable rows with confidence badges and a short label of their
//! sources (`news · China Daily 2025`), address in both forms, website,
//! notes, sources and the verified date; the selected specialty's note
//! when the specialties pane has focus. `s` adds every source cited on the
//! card in full (title, publisher, date, URL or reference) at its end. The
//! user's own facility, numbers and notes carry a `[personal]` badge; an
//! empty source list on them reads "personal".

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::text::draw_wrapped;
use super::theme::{PERSONAL, Theme};
use crate::card::{cited_sources, kind_line, source_label, sources_label};
use crate::model::{Confidence, Facility};
use crate::tui::action::Action;
use crate::tui::keymap::Context;
use crate::tui::state::{AppState, Pane, SourcesView};

pub fn render(frame: &mut Frame, area: Rect, state: &AppState, theme: &Theme) {
    let focused = state.focus == Pane::Card;
    let block = theme.pane(Pane::Card.title().to_string(), focused);
    let lines = match state.facility() {
        Some(f) => card_lines(state, &state.dir.facilities[f], focused, theme),
        None if state.loading.is_some() => vec![Line::styled(
            "Loading the directory. Keys typed now wait for it; q quits.",
            theme.dim,
        )],
        None => vec![Line::styled(
            "Select a hospital to see its card.",
            theme.dim,
        )],
    };
    let paragraph = Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .scroll((state.card.scroll, 0));
    draw_wrapped(frame, area, block, paragraph);
}

fn badge(confidence: Confidence) -> String {
    format!("[{}]", confidence.label())
}

fn card_lines(state: &AppState, f: &Facility, focused: bool, theme: &Theme) -> Vec<Line<'static>> {
    let mode = state.color;
    let mut title = vec![Span::styled(f.name.to_string(), theme.heading)];
    if f.personal {
        title.push(Span::styled(format!(" {PERSONAL}"), theme.personal));
    }
    let mut lines = vec![Line::from(title)];
    lines.push(match f.name_zh.as_deref() {
        Some(zh) => Line::styled(zh.to_string(), theme.strong),
        None => Line::styled("汉字 name not known", theme.dim),
    });
    lines.push(Line::styled(kind_line(&state.dir, f), theme.dim));
    if state.focus == Pane::Specialties
        && let Some(s) = state.specialty()
        && let Some(link) = f.specialties.iter().find(|l| l.index == s)
    {
        let spec = &state.dir.specialties[s];
        lines.push(Line::default());
        lines.push(Line::styled(
            format!("{} {}", spec.name, spec.name_zh),
            theme.heading,
        ));
        if let Some(note) = link.note.as_deref() {
            lines.push(Line::raw(note.to_string()));
        }
        if !&link.sources.is_empty() {
            lines.push(Line::styled(
                format!("source: {}", sources_label(&link.sources)),
                theme.dim,
            ));
        }
    }
    lines.push(Line::default());
    lines.push(Line::styled("Phone", theme.heading));
    if f.contacts.is_empty() {
        lines.push(Line::raw(
            "No sourced phone number is known for this facility. Press ! for emergency numbers (120: ambulance).",
        ));
    }
    for (i, c) in f.contacts.iter().enumerate() {
        let selected = focused && i == state.card.selected;
        let mut spans = vec![
            Span::raw(if selected { "▶ " } else { "  " }),
            Span::raw(format!("{}  ", c.role)),
            Span::styled(c.phone.display.to_string(), theme.strong),
            Span::raw(" "),
            Span::styled(badge(c.confidence), theme.badge(c.confidence, mode)),
        ];
        if !c.sources.is_empty() {
            spans.push(Span::styled(
                format!(" {}", sources_label(&c.sources)),
                theme.dim,
            ));
        }
        if c.personal {
            spans.push(Span::styled(format!(" {PERSONAL}"), theme.personal));
        }
        if let Some(note) = c.note.as_deref() {
            spans.push(Span::raw(format!(" — {note}")));
        }
        let line = Line::from(spans);
        lines.push(if selected {
            line.style(theme.selected)
        } else {
            line
        });
    }
    lines.push(Line::default());
    lines.push(Line::styled("Address", theme.heading));
    match f.address.as_ref() {
        Some(a) => {
            if let Some(zh) = &a.zh {
                lines.push(Line::raw(format!("  {zh}")));
            }
            if let Some(en) = &a.en {
                lines.push(Line::raw(format!("  {en}")));
            }
            lines.push(Line::from(vec![
                Span::raw("  "),
                Span::styled(badge(a.confidence), theme.badge(a.confidence, mode)),
                Span::styled(format!(" {}", sources_label(&a.sources)), theme.dim),
            ]));
        }
        None => lines.push(Line::styled("  No sourced address is known.", theme.dim)),
    }
    if let Some(web) = f.website.as_deref() {
        lines.push(Line::default());
        lines.push(Line::from(vec![
            Span::styled("Website ", theme.heading),
            Span::raw(web.to_string()),
        ]));
    }
    if !f.notes.is_empty() {
        lines.push(Line::default());
        lines.push(Line::styled("Notes", theme.heading));
        for note in &f.notes {
            let mut spans = vec![Span::raw(format!("• {}", note.text))];
            if note.personal {
                spans.push(Span::styled(format!(" {PERSONAL}"), theme.personal));
            }
            lines.push(Line::from(spans));
            if !note.sources.is_empty() {
                lines.push(Line::styled(
                    format!("  source: {}", sources_label(&note.sources)),
                    theme.dim,
                ));
            }
        }
    }
    lines.push(Line::default());
    lines.push(Line::styled("Sources", theme.heading));
    for source in f.sources.iter() {
        lines.push(Line::styled(
            format!("• {}", source_label(source)),
            theme.dim,
        ));
    }
    if f.sources.is_empty() {
        lines.push(Line::styled("• personal (your own entry)", theme.dim));
    }
    lines.push(Line::styled(format!("Verified {}", f.verified), theme.dim));
    let key = state
        .keymap
        .keys_for(&Action::Sources, Context::Browse)
        .unwrap_or_default();
    let cited = cited_sources(f);
    match state.card.sources {
        SourcesView::Labels if !cited.is_empty() => lines.push(Line::styled(
            format!("Press {key} for every source in full."),
            theme.dim,
        )),
        SourcesView::Labels => {}
        SourcesView::Full => {
            lines.push(Line::default());
            lines.push(Line::styled(
                format!("Every source on this card ({key} hides this)"),
                theme.heading,
            ));
            for source in &cited {
                lines.push(Line::raw(format!("• {}", source.title)));
                lines.push(Line::styled(
                    format!("  {}", source_label(source)),
                    theme.dim,
                ));
                lines.push(Line::styled(format!("  {}", source.locator()), theme.dim));
            }
        }
    }
    lines
}
