//! Three-way merge of board files by item id and field, as `docs/sharing.md` describes:
//! base = the bytes last loaded, ours = in memory, theirs = on disk. Used by the save
//! protocol, by reloads with unsaved changes, and by the git merge driver
//! (`src/merge_driver.rs`). Pure: no files, processes or clock.
//!
//! The rules: a board-level field (version, name, level, columns, iterations, objectives) and
//! each entry of a keyed board-level list (a capacity by team and iteration, a milestone by name)
//! and each field of each item (keyed by id) is merged on its own. Unchanged on one side: the other
//! side's value. The same change on both: taken. Different changes on both: a [`Conflict`], and
//! the result holds theirs. History entries appended on both sides are joined in time order.
//! An item added on one side is added; added on both with different content under one id, ours
//! takes a fresh id ([`Merged::renamed`]). Deleted on one side and unchanged on the other: gone;
//! deleted on one side and edited on the other: a conflict, and the result is as theirs has it.
//! Order: theirs, with the items ours moved (and ours' new items) put back after the item that
//! precedes them in ours.

pub mod board;
pub mod columns;
pub mod ids;
pub mod item;
pub mod keyed;
pub mod order;
pub mod show;

pub use crate::model::ids::fresh_id;
pub use board::{merge_boards, merge_one};
pub use order::merge_order;

use crate::model::Board;

/// A field both sides changed differently (or an edit against a delete). The result holds theirs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    /// The item, or `None` for a board-level field.
    pub id: Option<String>,
    /// The field's name as in the board file (`column`, `title`, `columns`, …), or
    /// [`board::EDIT_VS_DELETE`] when one side deleted the item the other edited.
    pub field: String,
    /// Ours' value, readable (`"In Progress"`, `none`, `deleted`, or what an edit changed).
    pub ours: String,
    /// Theirs' value, rendered the same way.
    pub theirs: String,
}

/// The result of a merge.
#[derive(Debug, Clone)]
pub struct Merged {
    /// The merged board, indexed; `key` and `locked` come from theirs.
    pub board: Board,
    /// What could not both stand, sorted by id (board-level first) and field.
    pub conflicts: Vec<Conflict>,
    /// Our new items that took a fresh id because theirs added another item under the same id:
    /// (old, new), in ours' order. Not a conflict: both items are kept.
    pub renamed: Vec<(String, String)>,
}

impl Merged {
    /// True when nothing conflicted.
    pub fn is_clean(&self) -> bool {
        self.conflicts.is_empty()
    }
}
