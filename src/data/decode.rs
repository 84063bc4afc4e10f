//! Turning a data file's bytes into text, or saying plainly why they are
//! not usable: too large, a byte-order mark, UTF-16, invalid UTF-8, an
//! empty file, or a git conflict marker left in it.

use super::diagnostic::{Diagnostic, line_col};
use super::load::{MAX_FILE_BYTES, too_large};

/// Turns a file's bytes into text, or says plainly why it is not usable.
pub fn decode(path: &str, bytes: &[u8]) -> Result<String, Diagnostic> {
    decode_owned(path, bytes.to_vec())
}

/// `decode`, keeping the bytes as the text's buffer (no copy).
pub(super) fn decode_owned(path: &str, bytes: Vec<u8>) -> Result<String, Diagnostic> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(path, bytes.len() as u64));
    }
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        return Err(Diagnostic::error(
            path,
            1,
            1,
            "file starts with a byte-order mark (BOM); save it as UTF-8 without BOM",
        ));
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) || looks_utf16(&bytes) {
        return Err(Diagnostic::error(
            path,
            1,
            1,
            "file is encoded as UTF-16; save it as UTF-8",
        ));
    }
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let (bytes, valid) = (e.as_bytes(), e.utf8_error().valid_up_to());
            let good = std::str::from_utf8(&bytes[..valid]).unwrap_or_default();
            let (line, col) = line_col(good, valid);
            return Err(Diagnostic::error(
                path,
                line,
                col,
                format!(
                    "invalid UTF-8 (byte 0x{:02X} at byte offset {valid}); save the file as UTF-8",
                    bytes[valid]
                ),
            ));
        }
    };
    if text.trim().is_empty() || !super::locate::has_value(&text) {
        return Err(Diagnostic::error(
            path,
            1,
            1,
            "file is empty; a data file holds one RON value such as `(id: \"…\", …)`",
        ));
    }
    if let Some(offset) = conflict_marker(&text) {
        let (line, col) = line_col(&text, offset);
        return Err(Diagnostic::error(
            path,
            line,
            col,
            "git conflict marker: resolve the merge conflict before loading this file",
        )
        .with_span(offset..offset + 7));
    }
    Ok(text)
}

/// UTF-16 without a BOM shows as NUL bytes at every other position.
fn looks_utf16(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(64)];
    head.len() >= 4 && head.iter().filter(|&&b| b == 0).count() * 3 >= head.len()
}

/// The offset of the first line that is a git conflict marker. Only a line
/// starting with `<`, `=` or `>` can be one, and `memchr3` finds those
/// bytes many at a time instead of the text being cut into lines.
fn conflict_marker(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    memchr::memchr3_iter(b'<', b'=', b'>', bytes)
        .filter(|&at| at == 0 || bytes[at - 1] == b'\n')
        .find(|&at| {
            let line = text[at..].split('\n').next().unwrap_or_default();
            is_marker(line.trim_end_matches('\r'))
        })
}

fn is_marker(line: &str) -> bool {
    line.starts_with("<<<<<<< ")
        || line == "<<<<<<<"
        || line == "======="
        || line.starts_with(">>>>>>> ")
        || line == ">>>>>>>"
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        /// The first marker line is the one a line-by-line reading finds.
        #[test]
        fn a_conflict_marker_is_found_where_a_line_by_line_reading_finds_it(
            lines in prop::collection::vec((
                prop::sample::select(vec![
                    "<<<<<<< ours", "<<<<<<<", "=======", ">>>>>>> theirs", ">>>>>>>",
                    "======", "<<<<<<<<", "a = b", " =======", "x>", "",
                ]),
                prop::sample::select(vec!["\n", "\r\n", "\r\r\n", " \n", ""]),
            ), 0..8)
        ) {
            let text: String = lines.iter().flat_map(|(line, end)| [*line, *end]).collect();
            let mut offset = 0;
            let mut expected = None;
            for line in text.split_inclusive('\n') {
                if is_marker(line.trim_end_matches(['\n', '\r'])) {
                    expected = Some(offset);
                    break;
                }
                offset += line.len();
            }
            prop_assert_eq!(conflict_marker(&text), expected);
        }
    }
}
