//! HTML boards for the PI report: each board as columns of cards, WIP shown and over-limit
//! columns marked, and its cumulative flow as inline SVG; and the escaping all HTML text gets.

use std::fmt::Write;

use crate::model::{Board, Workspace};

use super::rollup_text;
use super::svg::cumulative_flow_svg;

/// Text safe in HTML content and attribute values; control characters dropped.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in crate::text::clean(text).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn card(ws: &Workspace, board: &Board, item: &crate::model::Item) -> String {
    let mut meta = Vec::new();
    if let Some(score) = item.score_label() {
        meta.push(score);
    }
    let rollup = rollup_text(ws, item);
    if !rollup.is_empty() {
        meta.push(format!("done {rollup}"));
    }
    for value in [&item.owner, &item.team, &item.iteration].into_iter().flatten() {
        meta.push(value.clone());
    }
    let blocked = item
        .blocked
        .as_deref()
        .map(|b| format!("<div class=\"blocked\">Blocked: {}</div>", escape(b)))
        .unwrap_or_default();
    format!(
        "<div class=\"card\"><span class=\"id\">{}</span> <span class=\"kind\">{}</span><div>{}</div>{blocked}<div class=\"meta\">{}</div></div>",
        escape(&item.id),
        board.kind_of(item).name(),
        escape(&item.title),
        escape(&meta.join(" · "))
    )
}

/// One board as a section of its own (print starts it on a new page): heading, columns of
/// cards, cumulative flow.
pub fn board_section(ws: &Workspace, board: &Board, now: i64) -> String {
    let mut out = String::from("<section class=\"board-section\">\n");
    let _ = writeln!(out, "<h2>{} <small>({})</small></h2>", escape(&board.name), board.level.name());
    out.push_str("<div class=\"board\">");
    for (col, column) in board.columns.iter().enumerate() {
        let count = board.column_len(col);
        let over = column.wip.is_some_and(|l| count > l as usize);
        let wip = column.wip.map(|l| format!("{count}/{l}")).unwrap_or_else(|| count.to_string());
        let _ = write!(
            out,
            "<div class=\"col{}\"><h3>{} <span class=\"wip\">{wip}</span></h3>",
            if over { " over" } else { "" },
            escape(&column.name)
        );
        for item in board.column_items(col) {
            out.push_str(&card(ws, board, item));
        }
        out.push_str("</div>");
    }
    out.push_str("</div>\n<h3>Cumulative flow</h3>\n");
    out.push_str(&cumulative_flow_svg(board, now));
    out.push_str("\n</section>\n");
    out
}
