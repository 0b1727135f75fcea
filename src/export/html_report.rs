//! The HTML export as the PI report: one self-contained file (no scripts, no outside links)
//! with a title naming the workspace, the PI and the day, then the sections in the order a PI
//! review reads them: objectives and predictability, the program board with its dependencies,
//! the ROAM table, the confidence vote, flow metrics, and the boards.

use std::fmt::Write;

use crate::model::objectives::train_board;
use crate::model::{Board, Workspace};

use super::html::{board_section, escape};
use super::html_objectives::{confidence_section, objectives_section};
use super::html_program::program_section;
use super::html_roam::roam_section;
use super::html_style::stylesheet;

/// The day of `now` (seconds since 1970), `2026-11-22`.
fn day(now: i64) -> String {
    let time = crate::clock::format_unix(now);
    time.split('T').next().unwrap_or_default().to_string()
}

/// The title's parts: the workspace (folder name, left out when unknown), the PI (the train's
/// program board's `pi.name`) and the day.
fn title_parts(ws: &Workspace, workspace: &str, now: i64) -> Vec<String> {
    let train = train_board(ws).and_then(|b| ws.board(b));
    let pi = train.and_then(|b| b.pi.as_ref()).map(|pi| pi.name.clone());
    let mut parts = Vec::new();
    if !workspace.is_empty() {
        parts.push(workspace.to_string());
    }
    parts.push(pi.unwrap_or_else(|| "no PI named".into()));
    parts.push(day(now));
    parts
}

/// The report of the workspace (named `workspace`, its folder) with `boards` at its end;
/// `now` dates it and ends the flow charts.
pub fn report(ws: &Workspace, workspace: &str, boards: &[&Board], now: i64) -> String {
    let parts: Vec<String> = title_parts(ws, workspace, now).iter().map(|p| escape(p)).collect();
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/><title>PI report · {}</title><style>{}</style></head><body>\n",
        parts.join(" · "),
        stylesheet()
    );
    let _ = writeln!(out, "<header><h1>PI report · {}</h1>", parts.join(" · "));
    let train = train_board(ws).and_then(|b| ws.board(b));
    if let Some(train) = train {
        let _ = write!(out, "<p class=\"subtitle\">{}</p>", escape(&train.name));
    }
    out.push_str("</header>\n");
    out.push_str(&objectives_section(ws));
    match train.filter(|b| !b.iterations.is_empty()) {
        Some(board) => out.push_str(&program_section(ws, board)),
        None => out.push_str("<section class=\"program\">\n<h2>Program board</h2>\n<p>No program board plans iterations.</p>\n</section>\n"),
    }
    out.push_str(&roam_section(ws));
    out.push_str(&confidence_section(ws));
    out.push_str(&super::html_flow::flow_section(ws, boards, now));
    for board in boards {
        out.push_str(&board_section(ws, board, now));
    }
    out.push_str("</body></html>\n");
    out
}
