//! The hierarchy under an item, across boards (epic → features → stories), as rows for the
//! tree view; children in board order (portfolio, program, team), then rank order.

use crate::model::Workspace;

/// One row of the tree: how deep it is and which item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TreeRow {
    pub depth: usize,
    pub id: String,
}

/// The rows of the tree rooted at `root` (the root first). Cycles are cut.
pub fn rows(ws: &Workspace, root: &str) -> Vec<TreeRow> {
    let mut out = Vec::new();
    let mut stack = vec![(0usize, root.to_string())];
    while let Some((depth, id)) = stack.pop() {
        if out.iter().any(|r: &TreeRow| r.id == id) {
            continue;
        }
        let mut children: Vec<&String> = ws.children(&id).iter().collect();
        children.sort_by_key(|c| {
            let board = ws.board_of(c).unwrap_or(usize::MAX);
            let pos = ws.board(board).and_then(|b| b.position(c)).unwrap_or(usize::MAX);
            (board, pos)
        });
        for child in children.into_iter().rev() {
            stack.push((depth + 1, child.clone()));
        }
        out.push(TreeRow { depth, id });
    }
    out
}

/// The top of the hierarchy an item belongs to (its root ancestor).
pub fn root_of(ws: &Workspace, id: &str) -> String {
    let mut current = id.to_string();
    let mut seen = vec![current.clone()];
    while let Some(parent) = ws.item(&current).and_then(|i| i.parent.clone()).filter(|p| ws.contains(p)) {
        if seen.contains(&parent) {
            break;
        }
        seen.push(parent.clone());
        current = parent;
    }
    current
}
