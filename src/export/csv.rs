//! CSV: one row per item with every field, RFC 4180 quoting and CRLF line ends, so it opens
//! correctly in a spreadsheet. Lists are joined with `; `, history as `time column`.
//!
//! Spreadsheet-safe: a UTF-8 byte-order mark so Excel reads accents; a cell beginning with
//! `=`, `+`, `-`, `@`, tab or CR gets a leading `'` so it is never run as a formula (OWASP's
//! CSV-injection rule); progress as `3 of 5` so it is not read as a date; `rank` is the place
//! in the column (1 = top priority); WSJF rounded to one decimal as on screen.

use crate::model::{Board, Workspace};

use super::item_fields::{ITEM_FIELDS, Row};

/// The column names, from the one list of item fields.
pub const HEADER: [&str; ITEM_FIELDS.len()] = super::item_fields::NAMES;

/// A field made safe (no control, escape or hidden characters; line breaks inside a field
/// stay) and quoted when it holds a comma, quote or line break.
pub fn field(text: &str) -> String {
    // Line by line, so that line ends (`\n`, `\r\n`) inside a quoted field stay as they were.
    let text = text
        .split('\n')
        .map(|line| match line.strip_suffix('\r') {
            Some(line) => format!("{}\r", crate::text::clean(line)),
            None => crate::text::clean(line).into_owned(),
        })
        .collect::<Vec<_>>()
        .join("\n");
    if text.contains([',', '"', '\n', '\r']) { format!("\"{}\"", text.replace('"', "\"\"")) } else { text }
}

/// A cell a spreadsheet will not run as a formula: one starting with `=`, `+`, `-`, `@`, tab
/// or CR gets a leading `'`.
pub fn neutral(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{text}") } else { text.to_string() }
}

/// The byte-order mark that makes spreadsheets read the file as UTF-8.
pub const BOM: &str = "\u{FEFF}";

pub fn boards(ws: &Workspace, boards: &[&Board]) -> String {
    let mut out = format!("{BOM}{}", HEADER.join(","));
    out.push_str("\r\n");
    for board in boards {
        let mut place: Vec<usize> = vec![0; board.columns.len()];
        for item in board.ranked() {
            let rank = board.column_index(&item.column).map(|c| {
                place[c] += 1;
                place[c]
            });
            let row = Row { ws, board, item, rank };
            let row: Vec<String> = ITEM_FIELDS.iter().map(|f| (f.text)(&row)).collect();
            out.push_str(&row.iter().map(|f| field(&neutral(f))).collect::<Vec<_>>().join(","));
            out.push_str("\r\n");
        }
    }
    out
}
