//! The PI report's ROAM table: every risk of the boards by its ROAM state (Resolved, Owned,
//! Accepted, Mitigated, or Unroamed), with its owner and the item it is linked to.

use std::fmt::Write;

use crate::model::{Item, Kind, Workspace};

use super::html::escape;

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
            board
                .ranked()
                .filter(|i| board.kind_of(i) == Kind::Risk)
                .map(move |i| (crate::model::sync::roam_state(board, i), i))
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
    for (state, name) in crate::model::sync::ROAM_STATES.iter().enumerate() {
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
