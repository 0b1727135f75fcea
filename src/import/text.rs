//! Cleaning imported text for the fields it goes to: one-line fields lose line breaks and
//! surrounding space; escape sequences stay as text (the board writer escapes them and the
//! screen shows them harmlessly).

/// One line: line breaks and tabs become spaces, runs of space collapse, ends trimmed.
pub fn line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.trim().chars() {
        if c.is_whitespace() {
            space = true;
        } else {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    out
}

/// Free text: `\r\n` and lone `\r` become `\n`; trailing space trimmed; `None` when empty.
pub fn block(text: &str) -> Option<String> {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let text = text.trim_end();
    (!text.trim().is_empty()).then(|| text.to_string())
}

/// An id: one line, without control characters (which a file name or a shell would mangle).
pub fn id(text: &str) -> Option<String> {
    let id = line(text);
    (!id.is_empty() && !id.chars().any(char::is_control)).then_some(id)
}

/// A number of points: `5`, `5.0`, `3,5` rounded; negative or not a number gives `None`.
pub fn points(text: &str) -> Option<u32> {
    let value: f64 = text.trim().replace(',', ".").parse().ok()?;
    (value.is_finite() && value >= 0.0 && value < f64::from(u32::MAX)).then(|| value.round() as u32)
}

/// The last segment of an Azure path: `Shop\Teams\Alpha` → `Alpha`.
pub fn last_segment(path: &str) -> String {
    line(path.rsplit(['\\', '/']).next().unwrap_or(""))
}

/// The name of `Name <email>`, else the text itself.
pub fn person(text: &str) -> String {
    let name = match text.find('<') {
        Some(at) if text.trim_end().ends_with('>') && at > 0 => &text[..at],
        _ => text,
    };
    line(name)
}
