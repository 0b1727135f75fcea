//! CSV: one row per item with every field, RFC 4180 quoting and CRLF line ends, so it opens
//! correctly in a spreadsheet. Lists are joined with `; `, history as `time column`.
//!
//! Spreadsheet-safe: a UTF-8 byte-order mark so Excel reads accents; a cell beginning with
//! `=`, `+`, `-`, `@`, tab or CR gets a leading `'` so it is never run as a formula (OWASP's
//! CSV-injection rule); progress as `3 of 5` so it is not read as a date; `rank` is the place
//! in the column (1 = top priority); WSJF rounded to one decimal as on screen.

use crate::model::{Board, Workspace};

pub const HEADER: [&str; 25] = [
    "board",
    "file",
    "level",
    "id",
    "title",
    "column",
    "rank",
    "kind",
    "parent",
    "description",
    "acceptance",
    "points",
    "wsjf_value",
    "wsjf_time_criticality",
    "wsjf_risk_reduction",
    "wsjf_job_size",
    "wsjf_score",
    "owner",
    "team",
    "iteration",
    "tags",
    "blocked",
    "depends_on",
    "history",
    "progress",
];

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
            let rank = match board.column_index(&item.column) {
                Some(c) => {
                    place[c] += 1;
                    place[c].to_string()
                }
                None => String::new(),
            };
            let opt = |v: &Option<String>| v.clone().unwrap_or_default();
            let num = |v: Option<u32>| v.map(|n| n.to_string()).unwrap_or_default();
            let wsjf = item.wsjf;
            let acceptance: Vec<String> =
                item.acceptance.iter().map(|c| format!("[{}] {}", if c.done { "x" } else { " " }, c.text)).collect();
            let history: Vec<String> = item.history.iter().map(|m| format!("{} {}", m.at, m.column)).collect();
            let row = [
                board.name.clone(),
                board.key.clone(),
                board.level.name().to_string(),
                item.id.clone(),
                item.title.clone(),
                item.column.clone(),
                rank,
                board.kind_of(item).name().to_string(),
                opt(&item.parent),
                opt(&item.description),
                acceptance.join("; "),
                num(item.points),
                num(wsjf.map(|w| w.value)),
                num(wsjf.map(|w| w.time_criticality)),
                num(wsjf.map(|w| w.risk_reduction)),
                num(wsjf.map(|w| w.job_size)),
                item.wsjf_score().map(|s| format!("{s:.1}")).unwrap_or_default(),
                opt(&item.owner),
                opt(&item.team),
                opt(&item.iteration),
                item.tags.join("; "),
                opt(&item.blocked),
                item.depends_on.join("; "),
                history.join("; "),
                ws.rollup(&item.id).map(|(done, total)| format!("{done} of {total}")).unwrap_or_default(),
            ];
            out.push_str(&row.iter().map(|f| field(&neutral(f))).collect::<Vec<_>>().join(","));
            out.push_str("\r\n");
        }
    }
    out
}
