//! The PI report's ROAM table: every risk of the boards by its ROAM state (Resolved, Owned,
//! Accepted, Mitigated, or Unroamed), with its owner and the item it is linked to.

use std::fmt::Write;

use crate::model::{Board, Item, Kind, Workspace};

use super::html::escape;

/// The ROAM states in the order the table lists them; the last is "not ROAMed yet".
pub const STATES: [&str; 5] = ["Resolved", "Owned", "Accepted", "Mitigated", "Unroamed"];

/// A risk's ROAM state, by the column it is in (as the ART sync counts them): a column whose
/// name starts with a state's name, unless it is the board's entry column; else Unroamed.
pub fn state_of(board: &Board, item: &Item) -> usize {
    let column = item.column.to_lowercase();
    let named = STATES[..4].iter().position(|s| column.starts_with(&s.to_lowercase()));
    match named {
        Some(state) if board.column_index(&item.column) != Some(0) => state,
        _ => STATES.len() - 1,
    }
}

fn linked(ws: &Workspace, item: &Item) -> String {
    let Some(parent) = &item.parent else { return "–".into() };
    let title = ws.item(parent).map(|p| format!(" {}", escape(&p.title))).unwrap_or_default();
    format!("<span class=\"id\">{}</span>{title}", escape(parent))
}

/// Every risk on the boards (archives left out), grouped by ROAM state in board order.
pub fn roam_section(ws: &Workspace) -> String {
    let risks: Vec<(usize, &Item)> = ws
        .tabs()
        .filter_map(|b| ws.board(b))
        .flat_map(|board| {
            board.ranked().filter(|i| board.kind_of(i) == Kind::Risk).map(move |i| (state_of(board, i), i))
        })
        .collect();
    let mut out = String::from("<section class=\"roam\">\n<h2>Risks (ROAM)</h2>\n");
    if risks.is_empty() {
        out.push_str("<p>No risks recorded.</p>\n</section>\n");
        return out;
    }
    out.push_str(
        "<table class=\"report\"><thead><tr><th>ROAM</th><th>Risk</th><th style=\"width:35%\">Title</th><th>Owner</th><th>Linked to</th></tr></thead><tbody>\n",
    );
    for (state, name) in STATES.iter().enumerate() {
        for (_, risk) in risks.iter().filter(|(s, _)| *s == state) {
            let _ = writeln!(
                out,
                "<tr><td>{name}</td><td><span class=\"id\">{}</span></td><td>{}</td><td>{}</td><td>{}</td></tr>",
                escape(&risk.id),
                escape(&risk.title),
                risk.owner.as_deref().map(escape).unwrap_or_else(|| "–".into()),
                linked(ws, risk)
            );
        }
    }
    out.push_str("</tbody></table>\n</section>\n");
    out
}
