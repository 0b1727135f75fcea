//! Markdown: each board as a heading, each column as a sub-heading with `count/limit`, items as
//! a table. Cell text is escaped so no title can break the table or inject markup.

use std::fmt::Write;

use crate::model::{Board, Workspace};

use super::rollup_text;

/// Text safe in a Markdown table cell: one line, pipes and markup characters escaped.
pub fn cell(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in crate::ui::text::clean(text).chars() {
        match c {
            '|' | '\\' | '*' | '_' | '`' | '[' | ']' | '#' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            c => out.push(c),
        }
    }
    out
}

pub fn boards(ws: &Workspace, boards: &[&Board]) -> String {
    let mut out = String::new();
    for board in boards {
        let _ = writeln!(out, "## {} ({})\n", cell(&board.name), board.level.name());
        for (col, column) in board.columns.iter().enumerate() {
            let count = board.column_len(col);
            let wip = match column.wip {
                Some(limit) if count > limit as usize => format!("{count}/{limit} **over the WIP limit**"),
                Some(limit) => format!("{count}/{limit}"),
                None => count.to_string(),
            };
            let _ = writeln!(out, "### {} ({wip})\n", cell(&column.name));
            let items: Vec<_> = board.column_items(col).collect();
            if items.is_empty() {
                out.push_str("_no items_\n\n");
                continue;
            }
            out.push_str("| id | title | kind | points / WSJF | owner | team | iteration | progress | blocked |\n");
            out.push_str("|---|---|---|---|---|---|---|---|---|\n");
            for item in items {
                let score = crate::ui::card::score(item).unwrap_or_default();
                let optional = |v: &Option<String>| v.as_deref().map(cell).unwrap_or_default();
                let _ = writeln!(
                    out,
                    "| {} | {} | {} | {} | {} | {} | {} | {} | {} |",
                    cell(&item.id),
                    cell(&item.title),
                    board.kind_of(item).name(),
                    score,
                    optional(&item.owner),
                    optional(&item.team),
                    optional(&item.iteration),
                    rollup_text(ws, item),
                    optional(&item.blocked),
                );
            }
            out.push('\n');
        }
    }
    out
}
