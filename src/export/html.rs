//! HTML: one self-contained file (no scripts, no outside links) with each board as columns of
//! cards, WIP shown and over-limit columns marked, and its cumulative flow as inline SVG.

use std::fmt::Write;

use crate::model::{Board, Workspace};

use super::rollup_text;
use super::svg::cumulative_flow_svg;

/// Text safe in HTML content and attribute values; control characters dropped.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in crate::ui::text::clean(text).chars() {
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

const STYLE: &str = "body{font-family:system-ui,sans-serif;margin:24px;color:#222}\
h2{margin-top:32px}.board{display:flex;gap:12px;overflow-x:auto;align-items:flex-start}\
.col{background:#f3f4f6;border-radius:8px;padding:8px;min-width:200px;max-width:260px}\
.col h3{font-size:14px;margin:4px 0 8px}.col.over h3 .wip{background:#d62728;color:#fff;border-radius:4px;padding:0 4px}\
.card{background:#fff;border-radius:6px;padding:6px 8px;margin-bottom:8px;box-shadow:0 1px 2px #0002;font-size:13px}\
.id{color:#1f77b4;font-weight:600}.kind{color:#666;font-size:11px}.blocked{color:#d62728;font-weight:600}\
.meta{color:#555;font-size:11px;margin-top:4px}";

fn card(ws: &Workspace, board: &Board, item: &crate::model::Item) -> String {
    let mut meta = Vec::new();
    if let Some(score) = crate::ui::card::score(item) {
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

pub fn boards(ws: &Workspace, boards: &[&Board], now: i64) -> String {
    let title = boards.iter().map(|b| escape(&b.name)).collect::<Vec<_>>().join(", ");
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/><title>{title}</title><style>{STYLE}</style></head><body>\n"
    );
    for board in boards {
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
        out.push('\n');
    }
    out.push_str(&super::html_flow::flow_section(ws, boards, now));
    out.push_str("</body></html>\n");
    out
}
