//! Markdown: a title naming the train and the boards, each board as a heading, each column as a
//! sub-heading with `count/limit`, items as a table with their parent, what they need and what
//! needs them. Cell text is escaped so no title can break the table or inject markup.

use std::collections::HashMap;
use std::fmt::Write;

use crate::model::{Board, Item, Workspace};

use super::rollup_text;

/// Text safe in a Markdown table cell: one line, pipes and markup characters escaped.
pub fn cell(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in crate::text::clean(text).chars() {
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

/// The document's `# ` title: the train (its program board) and the boards exported, e.g.
/// `# Mobile Shopping ART — Alpha, Beta`; just the board when it is the train's own.
pub fn title(ws: &Workspace, boards: &[&Board]) -> String {
    let train = crate::model::objectives::train_board(ws).and_then(|i| ws.board(i)).map(|b| b.name.as_str());
    let names: Vec<String> = boards.iter().map(|b| cell(&b.name)).collect();
    let listed = if names.is_empty() { "no boards".to_string() } else { names.join(", ") };
    match train {
        Some(train) if boards.len() == 1 && boards[0].name == train => format!("# {listed}"),
        Some(train) => format!("# {} — {listed}", cell(train)),
        None => format!("# {listed}"),
    }
}

/// An item's links: `↑ F-2` for its parent, `needs S-3, S-4` for what it depends on.
pub fn links(item: &Item) -> String {
    let mut parts = Vec::new();
    if let Some(parent) = &item.parent {
        parts.push(format!("↑ {}", cell(parent)));
    }
    if !item.depends_on.is_empty() {
        let needs: Vec<String> = item.depends_on.iter().map(|d| cell(d)).collect();
        parts.push(format!("needs {}", needs.join(", ")));
    }
    parts.join(" · ")
}

/// For every item some item depends on: the ids of the items (on any board but the archives)
/// that need it, in board order.
pub fn needed_by(ws: &Workspace) -> HashMap<&str, Vec<&str>> {
    let mut consumers: HashMap<&str, Vec<&str>> = HashMap::new();
    for item in ws.tabs().filter_map(|b| ws.board(b)).flat_map(|b| &b.items) {
        for provider in &item.depends_on {
            consumers.entry(provider.as_str()).or_default().push(item.id.as_str());
        }
    }
    consumers
}

pub fn boards(ws: &Workspace, boards: &[&Board]) -> String {
    let consumers = needed_by(ws);
    let mut out = title(ws, boards);
    out.push_str("\n\n");
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
            out.push_str(
                "| id | title | kind | points / WSJF | owner | team | iteration | progress | links | needed by | blocked |\n",
            );
            out.push_str("|---|---|---|---|---|---|---|---|---|---|---|\n");
            for item in items {
                let score = item.score_label().unwrap_or_default();
                let optional = |v: &Option<String>| v.as_deref().map(cell).unwrap_or_default();
                let needed: Vec<String> =
                    consumers.get(item.id.as_str()).into_iter().flatten().map(|id| cell(id)).collect();
                let _ = writeln!(
                    out,
                    "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
                    cell(&item.id),
                    cell(&item.title),
                    board.kind_of(item).name(),
                    score,
                    optional(&item.owner),
                    optional(&item.team),
                    optional(&item.iteration),
                    rollup_text(ws, item),
                    links(item),
                    needed.join(", "),
                    optional(&item.blocked),
                );
            }
            out.push('\n');
        }
    }
    out
}
