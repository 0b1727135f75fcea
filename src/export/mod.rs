//! Taking boards out of a meeting: Markdown and HTML (the board as columns with WIP, items with
//! their key fields and roll-up; the HTML is one self-contained file with a cumulative flow
//! chart drawn as SVG), CSV (one row per item, every field) and JSON.

pub mod csv;
pub mod html;
pub mod markdown;
pub mod svg;

use crate::model::{Board, Item, Workspace};

/// The export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Markdown,
    Csv,
    Json,
    Html,
}

/// The boards to export, in tab order: one by name or file, or all.
pub fn select<'a>(ws: &'a Workspace, board: Option<&str>) -> Option<Vec<&'a Board>> {
    match board {
        None => Some(ws.boards().iter().collect()),
        Some(name) => {
            let wanted = name.to_lowercase();
            let found = ws.boards().iter().find(|b| {
                b.name.to_lowercase() == wanted
                    || b.key.to_lowercase() == wanted
                    || b.key.to_lowercase().trim_end_matches(".ron") == wanted
            })?;
            Some(vec![found])
        }
    }
}

/// Items of a board in rank order, column by column.
pub fn ranked(board: &Board) -> impl Iterator<Item = &Item> {
    (0..board.columns.len()).flat_map(move |c| board.column_positions(c).iter().map(move |&p| &board.items[p]))
}

/// `3/5` for a parent with 3 of its 5 children done.
pub fn rollup_text(ws: &Workspace, item: &Item) -> String {
    ws.rollup(&item.id).map(|(done, total)| format!("{done}/{total}")).unwrap_or_default()
}

/// Writes the selected boards in `format`; `now` (seconds since 1970) ends the flow charts.
pub fn export(ws: &Workspace, boards: &[&Board], format: Format, now: i64) -> String {
    match format {
        Format::Markdown => markdown::boards(ws, boards),
        Format::Csv => csv::boards(ws, boards),
        Format::Json => {
            let value: Vec<serde_json::Value> = boards
                .iter()
                .map(|b| {
                    serde_json::json!({
                        "name": b.name, "file": b.key, "level": b.level.name(),
                        "columns": b.columns.iter().enumerate().map(|(i, c)| serde_json::json!({
                            "name": c.name, "wip": c.wip, "count": b.column_len(i),
                        })).collect::<Vec<_>>(),
                        "items": ranked(b).map(|i| crate::headless::item_json(ws, b, i)).collect::<Vec<_>>(),
                    })
                })
                .collect();
            serde_json::to_string_pretty(&value).unwrap_or_default() + "\n"
        }
        Format::Html => html::boards(ws, boards, now),
    }
}
