//! Primitive changes to a workspace and the undo/redo history built from them.
//!
//! Every operation is a list of [`Op`]s; applying one returns its exact inverse, so undo is
//! "apply the inverses in reverse order" and restores the boards byte for byte.

use super::item::Item;
use super::workspace::Workspace;

/// One primitive change to one board, addressed by board key and item id.
#[derive(Debug, Clone, PartialEq)]
pub enum Op {
    /// Put `item` at `pos` in the board's `items` (clamped to the end).
    Insert { board: String, pos: usize, item: Item },
    /// Take the item with `id` out of the board.
    Remove { board: String, id: String },
    /// Replace the item that has `item.id` with `item`.
    Replace { board: String, item: Item },
    /// Move the item with `id` to position `to` in the board's `items`.
    Reposition { board: String, id: String, to: usize },
    /// Put the board's items in exactly this order of ids.
    Reorder { board: String, ids: Vec<String> },
}

impl Op {
    pub fn board(&self) -> &str {
        match self {
            Op::Insert { board, .. }
            | Op::Remove { board, .. }
            | Op::Replace { board, .. }
            | Op::Reposition { board, .. }
            | Op::Reorder { board, .. } => board,
        }
    }
}

/// A named change made of primitive ops (already applied when it sits in the history).
#[derive(Debug, Clone, PartialEq)]
pub struct Edit {
    pub label: String,
    pub ops: Vec<Op>,
}

impl Edit {
    pub fn new(label: impl Into<String>, ops: Vec<Op>) -> Edit {
        Edit { label: label.into(), ops }
    }

    /// The keys of the boards this edit touches, each once, in first-touched order.
    pub fn boards(&self) -> Vec<String> {
        let mut keys: Vec<String> = Vec::new();
        for op in &self.ops {
            if !keys.iter().any(|k| k == op.board()) {
                keys.push(op.board().to_string());
            }
        }
        keys
    }
}

/// Undo and redo stacks. Each entry holds the ops that reverse the change it names.
#[derive(Debug, Default)]
pub struct History {
    undo: Vec<Edit>,
    redo: Vec<Edit>,
}

/// What a commit, undo or redo did: its label and the boards to save.
#[derive(Debug, Clone, PartialEq)]
pub struct Applied {
    pub label: String,
    pub boards: Vec<String>,
}

impl History {
    /// Applies `edit` to `ws` and records it for undo. If any op fails, nothing is changed.
    pub fn commit(&mut self, ws: &mut Workspace, edit: Edit) -> Result<Applied, super::ModelError> {
        let applied = Applied { label: edit.label.clone(), boards: edit.boards() };
        let inverse = apply_all(ws, edit)?;
        self.undo.push(inverse);
        self.redo.clear();
        Ok(applied)
    }

    pub fn undo(&mut self, ws: &mut Workspace) -> Option<Applied> {
        let edit = self.undo.pop()?;
        Self::swap(ws, edit, &mut self.redo)
    }

    pub fn redo(&mut self, ws: &mut Workspace) -> Option<Applied> {
        let edit = self.redo.pop()?;
        Self::swap(ws, edit, &mut self.undo)
    }

    fn swap(ws: &mut Workspace, edit: Edit, other: &mut Vec<Edit>) -> Option<Applied> {
        let applied = Applied { label: edit.label.clone(), boards: edit.boards() };
        // An edit whose items were changed by someone else since may no longer apply; it
        // is dropped rather than half-applied (apply_all rolls back on failure).
        let inverse = apply_all(ws, edit).ok()?;
        other.push(inverse);
        Some(applied)
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    pub fn clear(&mut self) {
        self.undo.clear();
        self.redo.clear();
    }
}

/// Applies every op of `edit`; returns the edit that undoes it. On failure rolls back.
pub fn apply_all(ws: &mut Workspace, edit: Edit) -> Result<Edit, super::ModelError> {
    let mut inverses = Vec::with_capacity(edit.ops.len());
    for op in edit.ops {
        match ws.apply(op) {
            Ok(inverse) => inverses.push(inverse),
            Err(err) => {
                for inverse in inverses.into_iter().rev() {
                    // Inverses of ops that just succeeded always apply.
                    let _ = ws.apply(inverse);
                }
                return Err(err);
            }
        }
    }
    inverses.reverse();
    Ok(Edit { label: edit.label, ops: inverses })
}
