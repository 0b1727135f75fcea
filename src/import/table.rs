//! A CSV export read as a table of text cells, and lookup of cells by field name where one
//! header may repeat (Jira's `Labels`, `Sprint`, …) and `--map` renames localised headers.
//!
//! RFC 4180 with quoted multi-line cells, CRLF or LF, an optional UTF-8 byte-order mark; rows
//! wider or narrower than the header keep each value under its own header; invalid UTF-8 is
//! replaced (U+FFFD), never a panic.

use std::collections::HashMap;

use super::ImportError;

/// A header row and the data rows under it.
#[derive(Debug, Default)]
pub struct Table {
    pub headers: Vec<String>,
    pub rows: Vec<Row>,
}

/// One data row: its cells and the line of the file it starts on.
#[derive(Debug)]
pub struct Row {
    pub line: u64,
    pub cells: Vec<String>,
}

impl Row {
    /// The cell at `index`, or empty when the row is narrower than the header.
    pub fn cell(&self, index: usize) -> &str {
        self.cells.get(index).map(String::as_str).unwrap_or("")
    }
}

/// Reads CSV bytes into a table; the first record is the header.
pub fn read(bytes: &[u8]) -> Result<Table, ImportError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut reader =
        csv::ReaderBuilder::new().has_headers(false).flexible(true).delimiter(delimiter(bytes)).from_reader(bytes);
    let mut table = Table::default();
    let mut record = csv::ByteRecord::new();
    let mut first = true;
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(err) => return Err(ImportError::Format(format!("the CSV cannot be read: {err}"))),
        }
        let line = record.position().map(|p| p.line()).unwrap_or(0);
        let cells: Vec<String> = record.iter().map(|c| String::from_utf8_lossy(c).into_owned()).collect();
        if first {
            table.headers = cells.into_iter().map(|h| h.trim().to_string()).collect();
            first = false;
        } else if cells.iter().any(|c| !c.trim().is_empty()) {
            table.rows.push(Row { line, cells });
        }
    }
    if table.headers.iter().all(String::is_empty) {
        return Err(ImportError::Format("the file is empty or has no header row".into()));
    }
    Ok(table)
}

/// The separator of the header line: `,` unless it holds more `;` or tabs (a file saved by a
/// spreadsheet in a locale that writes `;`).
fn delimiter(bytes: &[u8]) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for &b in bytes.iter().take(64 * 1024) {
        match b {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => break,
            b',' if !quoted => counts[0] += 1,
            b';' if !quoted => counts[1] += 1,
            b'\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    match counts {
        [c, s, _] if s > c && s >= counts[2] => b';',
        [c, _, t] if t > c => b'\t',
        _ => b',',
    }
}

/// Field name → the columns that hold it, after `--map` and with Jira's `Custom field (X)`
/// also found as `X`. Names compare ignoring case.
#[derive(Debug, Default)]
pub struct Fields {
    index: HashMap<String, Vec<usize>>,
}

fn key(name: &str) -> String {
    name.trim().to_lowercase()
}

/// `Custom field (Story Points)` → `Story Points`.
fn inner_name(header: &str) -> Option<&str> {
    header.strip_prefix("Custom field (").and_then(|rest| rest.strip_suffix(')'))
}

impl Fields {
    /// `map` pairs a header of the file with the field name it stands for.
    pub fn new(headers: &[String], map: &[(String, String)]) -> Fields {
        let mut fields = Fields::default();
        for (i, header) in headers.iter().enumerate() {
            if header.is_empty() {
                continue;
            }
            let name =
                map.iter().find(|(from, _)| key(from) == key(header)).map(|(_, to)| to.as_str()).unwrap_or(header);
            fields.index.entry(key(name)).or_default().push(i);
            if let Some(inner) = inner_name(name) {
                fields.index.entry(key(inner)).or_default().push(i);
            }
        }
        fields
    }

    pub fn has(&self, name: &str) -> bool {
        self.index.contains_key(&key(name))
    }

    /// The first of `names` the file has.
    pub fn which<'a>(&self, names: &[&'a str]) -> Option<&'a str> {
        names.iter().copied().find(|n| self.has(n))
    }

    /// The first non-empty cell, trimmed, among the columns of `names` (tried in order).
    pub fn get<'r>(&self, row: &'r Row, names: &[&str]) -> Option<&'r str> {
        names.iter().find_map(|name| self.all(row, name).next())
    }

    /// The first non-empty cell of `names` in any row, as one line (e.g. the project name).
    pub fn first_in(&self, table: &Table, names: &[&str]) -> String {
        table.rows.iter().find_map(|row| self.get(row, names)).map(super::text::line).unwrap_or_default()
    }

    /// Every non-empty cell, trimmed, of the columns of `name`, left to right.
    pub fn all<'r>(&self, row: &'r Row, name: &str) -> impl Iterator<Item = &'r str> + use<'r> {
        let columns = self.index.get(&key(name)).cloned().unwrap_or_default();
        columns.into_iter().map(move |c| row.cell(c).trim()).filter(|c| !c.is_empty())
    }
}

/// Parses `--map`/`--type` values `FROM=TO` (the last `=` splits, so `FROM` may hold one).
pub fn pairs(values: &[String], flag: &str) -> Result<Vec<(String, String)>, ImportError> {
    values
        .iter()
        .map(|v| match v.rsplit_once('=') {
            Some((from, to)) if !from.trim().is_empty() && !to.trim().is_empty() => {
                Ok((from.trim().to_string(), to.trim().to_string()))
            }
            _ => Err(ImportError::Usage(format!(
                "{flag} '{v}' is not NAME=VALUE, e.g. {flag} 'Type de demande=Issue Type'"
            ))),
        })
        .collect()
}
