//! vCard 4.0 content lines (RFC 6350 §3.2–3.4): escaping text values,
//! joining compound values, quoting parameter values, and folding each line
//! at 75 octets with CRLF line ends, never inside a UTF-8 character. Knows
//! nothing of facilities; `vcard` decides what the lines say.

/// Octets per physical line, CRLF excluded (RFC 6350 §3.2).
pub const MAX_OCTETS: usize = 75;

/// One property: `NAME;PARAM=value:value`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentLine {
    name: &'static str,
    params: Vec<(&'static str, String)>,
    /// Already encoded (escaped text, a compound value or a URI).
    value: String,
}

impl ContentLine {
    /// A property whose value is written as given: a URI or a fixed token.
    pub fn raw(name: &'static str, value: &str) -> Self {
        ContentLine {
            name,
            params: Vec::new(),
            value: value.to_string(),
        }
    }

    /// A property with a text value, escaped.
    pub fn text(name: &'static str, value: &str) -> Self {
        Self::raw(name, &escape_text(value))
    }

    /// A property with a compound value (`ADR`, `ORG`): each component
    /// escaped, joined with `;`.
    pub fn compound(name: &'static str, components: &[&str]) -> Self {
        let value: Vec<String> = components.iter().map(|c| escape_text(c)).collect();
        Self::raw(name, &value.join(";"))
    }

    pub fn param(self, name: &'static str, value: &str) -> Self {
        self.param_list(name, &[value])
    }

    /// A parameter with several values, `TYPE=work,voice` (§5.6).
    pub fn param_list(mut self, name: &'static str, values: &[&str]) -> Self {
        let values: Vec<String> = values.iter().map(|v| param_value(v)).collect();
        self.params.push((name, values.join(",")));
        self
    }

    /// The folded line, CRLF included.
    pub fn encode(&self) -> String {
        let mut line = self.name.to_string();
        for (name, value) in &self.params {
            line.push(';');
            line.push_str(name);
            line.push('=');
            line.push_str(value);
        }
        line.push(':');
        line.push_str(&self.value);
        fold(&line)
    }
}

/// Escapes a text value: backslash, comma, semicolon and newline (§3.4).
/// Other control characters cannot appear in a vCard and are dropped (the
/// data check already refuses them).
pub fn escape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ',' => out.push_str("\\,"),
            ';' => out.push_str("\\;"),
            '\n' => out.push_str("\\n"),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\r' => out.push_str("\\n"),
            '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A parameter value, double-quoted when it holds `;`, `:` or `,`
/// (§3.3); double quotes and control characters cannot be carried and are
/// dropped.
pub fn param_value(s: &str) -> String {
    let clean: String = s.chars().filter(|&c| c != '"' && !c.is_control()).collect();
    if clean.contains([';', ':', ',']) {
        format!("\"{clean}\"")
    } else {
        clean
    }
}

/// Folds a logical line into physical lines of at most 75 octets (the
/// leading space of a continuation counts), each ending in CRLF. A
/// character is never split: a multi-octet one that does not fit moves to
/// the next line whole.
pub fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 24 + 2);
    let mut octets = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if octets + n > MAX_OCTETS {
            out.push_str("\r\n ");
            octets = 1;
        }
        out.push(c);
        octets += n;
    }
    out.push_str("\r\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The physical lines of folded text, without their CRLF.
    fn physical(folded: &str) -> Vec<&str> {
        let body = folded.strip_suffix("\r\n").expect("ends with CRLF");
        body.split("\r\n").collect()
    }

    fn unfold(folded: &str) -> String {
        folded
            .replace("\r\n ", "")
            .trim_end_matches("\r\n")
            .to_string()
    }

    #[test]
    fn ascii_folds_at_exactly_75_octets() {
        let line = "x".repeat(200);
        let folded = fold(&line);
        let lines = physical(&folded);
        assert_eq!(lines[0].len(), 75);
        assert_eq!(lines[1].len(), 75);
        assert!(lines[1].starts_with(' '));
        assert_eq!(lines.iter().map(|l| l.len()).sum::<usize>(), 200 + 2);
        assert_eq!(unfold(&folded), line);
    }

    #[test]
    fn cjk_folds_on_character_boundaries() {
        // 3 octets each: 25 fit on the first line (75 octets), 24 after the
        // leading space (73 octets; a 25th would make 76).
        let line = "北京和睦家医院".repeat(10);
        let folded = fold(&line);
        let lines = physical(&folded);
        assert_eq!(lines[0].len(), 75);
        assert_eq!(lines[0].chars().count(), 25);
        assert_eq!(lines[1].len(), 73);
        assert!(lines.iter().all(|l| l.len() <= MAX_OCTETS));
        assert_eq!(unfold(&folded), line);
    }

    #[test]
    fn mixed_text_never_exceeds_75_octets() {
        let line = format!("NOTE:{}", "a北b京😷c,".repeat(40));
        let folded = fold(&line);
        for l in physical(&folded) {
            assert!(l.len() <= MAX_OCTETS, "{} octets: {l}", l.len());
        }
        assert_eq!(unfold(&folded), line);
        assert!(!folded.replace("\r\n", "").contains('\r'));
    }

    #[test]
    fn short_lines_are_not_folded() {
        assert_eq!(fold("FN:Oasis"), "FN:Oasis\r\n");
        assert_eq!(fold(&"y".repeat(75)), format!("{}\r\n", "y".repeat(75)));
    }

    #[test]
    fn text_escaping() {
        assert_eq!(escape_text(r"a\b,c;d"), r"a\\b\,c\;d");
        assert_eq!(escape_text("one\ntwo\r\nthree"), r"one\ntwo\nthree");
        assert_eq!(escape_text("bell\u{7}\ttab"), "bell tab");
        assert_eq!(escape_text("北京, 朝阳"), r"北京\, 朝阳");
    }

    #[test]
    fn compound_and_params() {
        let line = ContentLine::compound("ADR", &["", "", "1 Road; Block A", "", "", "", "China"])
            .param("LANGUAGE", "en")
            .param("LABEL", "1 Road, China");
        assert_eq!(
            line.encode(),
            "ADR;LANGUAGE=en;LABEL=\"1 Road, China\":;;1 Road\\; Block A;;;;China\r\n"
        );
        assert_eq!(param_value("a\"b"), "ab");
        let tel = ContentLine::raw("TEL", "tel:+861059850333")
            .param("VALUE", "uri")
            .param_list("TYPE", &["work", "voice"]);
        assert_eq!(
            tel.encode(),
            "TEL;VALUE=uri;TYPE=work,voice:tel:+861059850333\r\n"
        );
    }
}
