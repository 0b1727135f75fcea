//! Taking boards out of a meeting: Markdown (the board as columns with WIP, items with their key
//! fields, roll-up and links), HTML (the PI report: one self-contained file with objectives and
//! predictability, the program board, the ROAM table, the confidence vote, the six flow metrics
//! and the boards with a cumulative flow chart drawn as SVG, printable on A4 and Letter), CSV
//! (one row per item, every field, safe to open in a spreadsheet), JSON, and CSVs in the shapes
//! Jira's and Azure DevOps's importers read.

pub mod azure_csv;
pub mod csv;
pub mod html;
pub mod html_flow;
pub mod html_objectives;
pub mod html_program;
pub mod html_report;
pub mod html_roam;
pub mod html_style;
pub mod item_fields;
pub mod jira_csv;
pub mod markdown;
pub mod svg;
pub mod tools;

use crate::model::{Board, Item, Workspace};

/// The export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Markdown,
    Csv,
    Json,
    Html,
    /// A CSV Jira's CSV importer maps without a manual field mapping
    JiraCsv,
    /// A CSV Azure DevOps's CSV import maps without a manual field mapping
    AzureCsv,
}

/// The boards to export, in tab order: one by name or file, or all. Documents people read
/// (Markdown, HTML) show the boards as their tabs do; data for other tools (CSV, JSON, Jira,
/// Azure) also carries the archives, whose items are still work done.
pub fn select<'a>(ws: &'a Workspace, board: Option<&str>, format: Format) -> Option<Vec<&'a Board>> {
    let documents = matches!(format, Format::Markdown | Format::Html);
    match board {
        None if documents => Some(ws.tabs().filter_map(|b| ws.board(b)).collect()),
        None => Some(ws.boards().iter().collect()),
        Some(name) => Some(vec![ws.board_named(name)?]),
    }
}

/// `3/5` for a parent with 3 of its 5 children done.
pub fn rollup_text(ws: &Workspace, item: &Item) -> String {
    ws.rollup(&item.id).map(|(done, total)| format!("{done}/{total}")).unwrap_or_default()
}

/// Writes the selected boards in `format`; `now` (seconds since 1970) dates the report and
/// ends the flow charts. The HTML report names no workspace folder; see [`export_workspace`].
pub fn export(ws: &Workspace, boards: &[&Board], format: Format, now: i64) -> String {
    export_workspace(ws, "", boards, format, now)
}

/// As [`export`], for the workspace in the folder named `workspace`, which the HTML report's
/// title names.
pub fn export_workspace(ws: &Workspace, workspace: &str, boards: &[&Board], format: Format, now: i64) -> String {
    match format {
        Format::Markdown => markdown::boards(ws, boards),
        Format::Csv => csv::boards(ws, boards),
        Format::Json => crate::headless::json::boards_json(ws, boards) + "\n",
        Format::Html => html_report::report(ws, workspace, boards, now),
        Format::JiraCsv => jira_csv::boards(ws, boards),
        Format::AzureCsv => azure_csv::boards(ws, boards),
    }
}
