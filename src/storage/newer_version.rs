//! Reading a board written by a newer trainboard: fields this version does not know are cut
//! out of the text one by one (ron names each with its position) until the rest parses. The
//! board keeps its newer version number, which makes it read-only, so the cut fields are
//! never lost by a save.

use crate::model::Board;

use super::parse::from_ron_raw;

/// The board without the fields this version does not know, or `None` when the text has
/// other problems too.
pub fn without_unknown_fields(text: &str) -> Option<Board> {
    let mut text = text.to_string();
    // Each round cuts one field; a board has only so many.
    for _ in 0..10_000 {
        match from_ron_raw::<Board>(&text) {
            Ok(board) => return Some(board),
            Err(err) => match err.code {
                ron::Error::NoSuchStructField { .. } => {
                    let start = offset_of(&text, err.span.start.line, err.span.start.col)?;
                    text = cut_field(&text, start)?;
                }
                _ => return None,
            },
        }
    }
    None
}

/// Byte offset of a 1-based line and column (in characters).
fn offset_of(text: &str, line: usize, column: usize) -> Option<usize> {
    let line_start = if line <= 1 { 0 } else { text.match_indices('\n').nth(line - 2).map(|(i, _)| i + 1)? };
    let rest = &text[line_start..];
    Some(line_start + rest.char_indices().nth(column.saturating_sub(1)).map_or(rest.len(), |(i, _)| i))
}

/// The text with the field whose name starts at or just before `at` cut out, through its
/// value and the comma after it.
fn cut_field(text: &str, at: usize) -> Option<String> {
    let bytes = text.as_bytes();
    // ron may point at the name's start or just past it: walk back to the name's start.
    let mut start = at.min(text.len());
    while start > 0 && is_ident(bytes[start - 1]) {
        start -= 1;
    }
    let mut i = start;
    while i < bytes.len() && is_ident(bytes[i]) {
        i += 1;
    }
    i = skip_space(bytes, i);
    if bytes.get(i) != Some(&b':') {
        return None;
    }
    let end = skip_value(bytes, skip_space(bytes, i + 1))?;
    let mut end = skip_space(bytes, end);
    if bytes.get(end) == Some(&b',') {
        end += 1;
    }
    Some(format!("{}{}", &text[..start], &text[end..]))
}

fn is_ident(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

fn skip_space(bytes: &[u8], mut i: usize) -> usize {
    loop {
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        if bytes[i..].starts_with(b"//") {
            while i < bytes.len() && bytes[i] != b'\n' {
                i += 1;
            }
        } else if bytes[i..].starts_with(b"/*") {
            i = bytes[i..].windows(2).position(|w| w == b"*/").map_or(bytes.len(), |p| i + p + 2);
        } else {
            return i;
        }
    }
}

/// The end of one RON value starting at `i`: a string, a bracketed group, or a bare token.
fn skip_value(bytes: &[u8], mut i: usize) -> Option<usize> {
    let mut depth = 0usize;
    loop {
        let b = *bytes.get(i)?;
        match b {
            b'"' => i = skip_string(bytes, i)?,
            b'r' if matches!(bytes.get(i + 1), Some(b'"' | b'#')) => i = skip_raw_string(bytes, i)?,
            b'\'' => {
                i += 1;
                while *bytes.get(i)? != b'\'' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                i += 1;
            }
            b'(' | b'[' | b'{' => {
                depth += 1;
                i += 1;
            }
            b')' | b']' | b'}' => {
                if depth == 0 {
                    return Some(i);
                }
                depth -= 1;
                i += 1;
            }
            b',' if depth == 0 => return Some(i),
            _ => i += 1,
        }
        if depth == 0 && i < bytes.len() && matches!(bytes[i - 1], b'"' | b')' | b']' | b'}' | b'\'') {
            // A complete string or group, unless a struct name or `Some` precedes a group.
            let next = skip_space(bytes, i);
            if !matches!(bytes.get(next), Some(b'(')) {
                return Some(i);
            }
        }
    }
}

fn skip_string(bytes: &[u8], mut i: usize) -> Option<usize> {
    i += 1;
    loop {
        match *bytes.get(i)? {
            b'\\' => i += 2,
            b'"' => return Some(i + 1),
            _ => i += 1,
        }
    }
}

fn skip_raw_string(bytes: &[u8], mut i: usize) -> Option<usize> {
    i += 1;
    let hashes = bytes[i..].iter().take_while(|&&b| b == b'#').count();
    i += hashes;
    if *bytes.get(i)? != b'"' {
        return None;
    }
    let close: Vec<u8> = std::iter::once(b'"').chain(std::iter::repeat_n(b'#', hashes)).collect();
    let from = i + 1;
    bytes[from..].windows(close.len()).position(|w| w == close.as_slice()).map(|p| from + p + close.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_fields_of_any_shape_are_cut() {
        let text = r##"Board(
  version: 2,
  name: "T",
  colour: Some((r: 1, g: [2, 3])),
  level: Team,
  columns: [(name: "A", glow: "x, y)"), (name: "B")],
  items: [(id: "S-1", title: "t", column: "A", estimate: r#"raw "# , mood: Happy)],
  future: Thing(a: 1) // comment
)"##;
        let board = without_unknown_fields(text).expect("parses");
        assert_eq!(board.version, 2);
        assert_eq!(board.columns.len(), 2);
        assert_eq!(board.items[0].id, "S-1");
    }

    #[test]
    fn other_problems_still_fail() {
        assert!(without_unknown_fields("Board(version: 2, name: \"T\", level: Nope, columns: [])").is_none());
    }
}
