//! A problem found in the data, at `path:line:col`, and how it is printed:
//! one `path:line:col: error: message` line plus a source snippet with a
//! caret (annotate-snippets). Data strings inside messages are escaped by the
//! code that builds the message; paths are escaped here.

use std::fmt;
use std::ops::Range;

use annotate_snippets::{AnnotationKind, Level, Renderer, Snippet};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The file as the user named it (`data/cities/hohhot.ron`).
    pub path: String,
    /// 1-based line and column (columns count characters, as ron does).
    pub line: usize,
    pub col: usize,
    pub message: String,
    /// Byte range into the file's text, for the snippet.
    pub span: Option<Range<usize>>,
}

impl Diagnostic {
    pub fn error(path: &str, line: usize, col: usize, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            path: path.to_string(),
            line,
            col,
            message: message.into(),
            span: None,
        }
    }

    pub fn warning(path: &str, line: usize, col: usize, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(path, line, col, message)
        }
    }

    pub fn with_span(mut self, span: Range<usize>) -> Self {
        self.span = Some(span);
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The one-line form, `path:line:col: error: message`.
    pub fn headline(&self) -> String {
        format!(
            "{}:{}:{}: {}: {}",
            display_path(&self.path),
            self.line,
            self.col,
            self.severity.label(),
            self.message
        )
    }

    /// The headline followed by a snippet of `text` with a caret, when known.
    pub fn render(&self, text: Option<&str>) -> String {
        let mut out = self.headline();
        if let (Some(text), Some(span)) = (text, self.span.clone())
            && span.start <= span.end
            && span.end <= text.len()
            && text.is_char_boundary(span.start)
            && text.is_char_boundary(span.end)
        {
            let level = match self.severity {
                Severity::Error => Level::ERROR,
                Severity::Warning => Level::WARNING,
            };
            let (window, local, first_line) = snippet_window(text, span.start, span.end);
            let path = display_path(&self.path);
            let report = &[level.primary_title(self.message.as_str()).element(
                Snippet::source(window)
                    .line_start(first_line)
                    .path(path.as_str())
                    .annotation(AnnotationKind::Primary.span(local)),
            )];
            out.push('\n');
            out.push_str(&Renderer::plain().render(report));
        }
        out
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.headline())
    }
}

/// A path printed so that control characters in a file name cannot reach the
/// terminal: plain names stay as they are, anything else is `{:?}`-escaped.
pub fn display_path(path: &str) -> String {
    if path
        .chars()
        .all(|c| !c.is_control() && !crate::text::is_forbidden(c))
    {
        path.to_string()
    } else {
        crate::text::escaped(path)
    }
}

/// At most this many characters of a line are shown before and after a
/// span, and of the span itself: a snippet is a few lines whatever the file
/// (a 1 MiB line of 汉字 included).
const SNIPPET_CONTEXT: usize = 60;
const SNIPPET_SPAN: usize = 120;

/// The text around a span (its lines, cut to `SNIPPET_CONTEXT` characters
/// either side and the span to `SNIPPET_SPAN`), the span's range within it,
/// and the window's 1-based first line number. Control and invisible
/// characters become `?` (one per byte, so the span's offsets stay valid)
/// and cannot reach the terminal.
fn snippet_window(text: &str, start: usize, end: usize) -> (String, Range<usize>, usize) {
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let from = text[line_start..start]
        .char_indices()
        .rev()
        .nth(SNIPPET_CONTEXT - 1)
        .map_or(line_start, |(i, _)| line_start + i);
    let end = text[start..end]
        .char_indices()
        .nth(SNIPPET_SPAN)
        .map_or(end, |(i, _)| start + i);
    let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i);
    let to = text[end..line_end]
        .char_indices()
        .nth(SNIPPET_CONTEXT)
        .map_or(line_end, |(i, _)| end + i);
    let first_line = text[..line_start].matches('\n').count() + 1;
    let mut safe = String::with_capacity(to - from);
    for c in text[from..to].chars() {
        if c == '\r' || c == '\t' {
            safe.push(' ');
        } else if c != '\n' && (c.is_control() || crate::text::is_forbidden(c)) {
            safe.extend(std::iter::repeat_n('?', c.len_utf8()));
        } else {
            safe.push(c);
        }
    }
    (safe, start - from..end - from, first_line)
}

/// Converts ron's 1-based line and character column to a byte offset.
pub fn byte_offset(text: &str, line: usize, col: usize) -> Option<usize> {
    let mut offset = 0;
    for (i, l) in text.split_inclusive('\n').enumerate() {
        if i + 1 == line {
            let within: usize = l
                .chars()
                .take(col.saturating_sub(1))
                .map(char::len_utf8)
                .sum();
            return Some(offset + within);
        }
        offset += l.len();
    }
    (line == 0 || offset == text.len()).then_some(text.len())
}

/// Where each line of a text starts, so that the positions of a file's
/// many records cost a binary search each instead of a scan from the start.
#[derive(Debug, Clone, Default)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineIndex { starts }
    }

    /// The 1-based line of a byte offset: `line_col(..).0`, without
    /// counting the column's characters.
    pub fn line(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset).max(1)
    }

    /// The 1-based line and character column of a byte offset in `text`
    /// (the text this index was built from); the same answer as `line_col`.
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line(offset);
        let start = self.starts.get(line - 1).map_or(0, |&s| s.min(offset));
        (line, text[start..offset].chars().count() + 1)
    }
}

/// The 1-based line and character column of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let mut offset = offset;
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = text[line_start..offset].chars().count() + 1;
    (line, col)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_headline_snippet_and_caret_after_cjk_text() {
        let text = "(\n    name: \"北京协和医院\", adress: \"x\",\n)\n";
        let start = text.find("adress").expect("in text");
        let (line, col) = line_col(text, start);
        assert_eq!((line, col), (2, 21), "columns count characters, not bytes");
        let d = Diagnostic::error(
            "data/cities/x.ron",
            line,
            col,
            "Unexpected field named `adress`",
        )
        .with_span(start..start + 6);
        let rendered = d.render(Some(text));
        let lines: Vec<&str> = rendered.lines().collect();
        assert_eq!(
            lines[0],
            "data/cities/x.ron:2:21: error: Unexpected field named `adress`"
        );
        assert!(rendered.contains("--> data/cities/x.ron:2:"), "{rendered}");
        let source = lines
            .iter()
            .position(|l| l.contains("北京协和医院"))
            .expect("source line");
        let caret = lines[source + 1];
        assert!(caret.trim_end().ends_with("^^^^^^"), "{rendered}");
    }

    #[test]
    fn a_snippet_of_a_huge_line_is_a_few_lines_whatever_its_script() {
        for unit in ["x", "汉", "😀"] {
            let name = unit.repeat(1 << 20);
            let text = format!("(\n  name: \"{name}\",\n  adress: \"{name}\",\n)\n");
            let start = text.find("adress").expect("in text");
            let (line, col) = line_col(&text, start);
            let d = Diagnostic::error("x.ron", line, col, "bad").with_span(start..text.len() - 3);
            let rendered = d.render(Some(&text));
            let chars = rendered.chars().count();
            assert!(chars < 2_000, "{unit}: {chars} characters");
            assert!(rendered.contains("adress"), "{rendered}");
        }
    }

    #[test]
    fn an_empty_line_index_answers_line_one() {
        let index = LineIndex::default();
        assert_eq!((index.line(5), index.line(0), index.line(9)), (1, 1, 1));
    }

    #[test]
    fn the_line_index_agrees_with_line_col() {
        let text = "a\n呼和\n\nxyz\r\nend\n\n\n\n\n\n\nb\nc\n";
        let index = LineIndex::new(text);
        let len = text.len() + 2;
        let forwards: Vec<usize> = (0..=len).collect();
        let backwards = forwards.iter().rev().copied().collect();
        let jumping = (0..=len).map(|i| i * 7 % (len + 1)).collect();
        for offsets in [forwards, backwards, jumping] {
            for offset in offsets {
                assert_eq!(
                    index.line_col(text, offset),
                    line_col(text, offset),
                    "offset {offset}"
                );
                assert_eq!(index.line(offset), line_col(text, offset).0);
            }
        }
    }

    #[test]
    fn control_characters_in_paths_and_snippets_never_reach_the_terminal() {
        let text = "(name: \"a\u{1b}[2Jb\")";
        let d = Diagnostic::error("evil\u{1b}]0;x\u{7}.ron", 1, 8, "bad").with_span(7..10);
        let rendered = d.render(Some(text));
        assert!(!rendered.contains('\u{1b}'), "{rendered:?}");
        assert!(!rendered.contains('\u{7}'), "{rendered:?}");
        assert!(
            rendered.starts_with("\"evil\\u{1b}]0;x\\u{7}.ron\":1:8"),
            "{rendered:?}"
        );
    }
}
