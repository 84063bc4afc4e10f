//! Turning data text into spans: matched characters highlighted, and lines
//! cut to a width with an ellipsis without splitting a wide (汉字) character
//! or a grapheme.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// `text` as spans, the graphemes at `indices` in `hl`. The matcher counts
/// graphemes (nucleo keeps one character per grapheme), not characters, so
/// an emoji sequence such as 👩‍⚕️ is one position.
pub fn highlighted(text: &str, indices: &[u32], base: Style, hl: Style) -> Vec<Span<'static>> {
    if indices.is_empty() {
        return vec![Span::styled(text.to_string(), base)];
    }
    let mut spans = Vec::new();
    let mut current = String::new();
    let mut current_hl = false;
    for (i, g) in text.graphemes(true).enumerate() {
        let is_hl = u32::try_from(i).is_ok_and(|i| indices.binary_search(&i).is_ok());
        if is_hl != current_hl && !current.is_empty() {
            let style = if current_hl { hl } else { base };
            spans.push(Span::styled(std::mem::take(&mut current), style));
        }
        current_hl = is_hl;
        current.push_str(g);
    }
    if !current.is_empty() {
        spans.push(Span::styled(current, if current_hl { hl } else { base }));
    }
    spans
}

/// Cuts spans to `width` columns, ending with `…` when something was cut.
pub fn fit(spans: Vec<Span<'static>>, width: usize) -> Line<'static> {
    let total: usize = spans.iter().map(|s| s.content.width()).sum();
    if total <= width {
        return Line::from(spans);
    }
    let budget = width.saturating_sub(1);
    let mut used = 0;
    let mut out = Vec::new();
    let mut last_style = Style::new();
    'outer: for span in spans {
        let mut kept = String::new();
        for g in span.content.graphemes(true) {
            let w = g.width();
            if used + w > budget {
                if !kept.is_empty() {
                    out.push(Span::styled(kept, span.style));
                }
                last_style = span.style;
                break 'outer;
            }
            used += w;
            kept.push_str(g);
        }
        last_style = span.style;
        out.push(Span::styled(kept, span.style));
    }
    if width > 0 {
        out.push(Span::styled("…", last_style));
    }
    Line::from(out)
}

/// Draws a wrapped `paragraph` inside `block`, one column narrower than the
/// block's inside: ratatui 0.30.2's word wrap can emit a line one column too
/// wide where a wide character meets the edge (ratatui#2679), and the spare
/// column keeps it off the border.
pub fn draw_wrapped(frame: &mut Frame, area: Rect, block: Block, paragraph: Paragraph) {
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let narrower = Rect {
        width: inner.width.saturating_sub(1),
        ..inner
    };
    frame.render_widget(paragraph, narrower);
}

/// A prompt's text split at its caret, `after` characters from the end.
pub fn at_caret(text: &str, after: usize) -> (String, String) {
    let before = text.chars().count().saturating_sub(after);
    (
        text.chars().take(before).collect(),
        text.chars().skip(before).collect(),
    )
}

/// Pads or cuts `text` to exactly `width` columns.
pub fn pad(text: &str, width: usize) -> String {
    let line = fit(vec![Span::raw(text.to_string())], width);
    let mut s: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
    let w = s.width();
    s.extend(std::iter::repeat_n(' ', width.saturating_sub(w)));
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(line: &Line) -> String {
        line.spans.iter().map(|s| s.content.as_ref()).collect()
    }

    #[test]
    fn fit_never_splits_wide_characters() {
        let line = fit(vec![Span::raw("呼和浩特市第一医院")], 6);
        assert_eq!(plain(&line), "呼和…");
        assert_eq!(fit(vec![Span::raw("abc")], 3).width(), 3);
        assert_eq!(plain(&fit(vec![Span::raw("abcd")], 3)), "ab…");
    }

    #[test]
    fn highlight_splits_at_matches() {
        let spans = highlighted("Oasis", &[0, 1], Style::new(), Style::new().bold());
        assert_eq!(spans.len(), 2);
        assert_eq!(spans[0].content, "Oa");
    }
}
