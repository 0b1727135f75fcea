//! Primitive changes to a workspace.
//!
//! Every operation is a list of [`Op`]s; applying one returns its exact inverse. The undo
//! history (`crate::history`) builds on these.

use super::board::{Column, Objective};
use super::confidence::Vote;
use super::item::Item;
use super::workspace::Workspace;

/// A board-level field an op can set as a whole (items have their own ops).
#[derive(Debug, Clone, PartialEq)]
pub enum BoardField {
    Objectives(Vec<Objective>),
    Confidence(Vec<Vote>),
    /// The board's columns, in order (their names, WIP limits and done mark).
    Columns(Vec<Column>),
    /// The names of the board's wait columns (for flow efficiency).
    WaitColumns(Vec<String>),
    /// The board's display name (its file keeps its name).
    Name(String),
}

/// Which board-level field, without its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FieldName {
    Objectives,
    Confidence,
    Columns,
    WaitColumns,
    Name,
}

impl FieldName {
    pub fn name(self) -> &'static str {
        match self {
            FieldName::Objectives => "objectives",
            FieldName::Confidence => "confidence vote",
            FieldName::Columns => "columns",
            FieldName::WaitColumns => "wait columns",
            FieldName::Name => "name",
        }
    }
}

impl BoardField {
    pub fn name(&self) -> FieldName {
        match self {
            BoardField::Objectives(_) => FieldName::Objectives,
            BoardField::Confidence(_) => FieldName::Confidence,
            BoardField::Columns(_) => FieldName::Columns,
            BoardField::WaitColumns(_) => FieldName::WaitColumns,
            BoardField::Name(_) => FieldName::Name,
        }
    }
}

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
    /// Set a board-level field (its objectives, confidence votes, columns, name) as a whole.
    SetField { board: String, field: BoardField },
}

impl Op {
    pub fn board(&self) -> &str {
        match self {
            Op::Insert { board, .. }
            | Op::Remove { board, .. }
            | Op::Replace { board, .. }
            | Op::Reposition { board, .. }
            | Op::Reorder { board, .. }
            | Op::SetField { board, .. } => board,
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
