//! The selection part of [`super::App`]: which board is shown, where its cursor is, which cards
//! are marked with Space and which filter hides the others.

use std::collections::HashMap;

use super::state::Cursor;

/// What the user points at.
#[derive(Debug, Default)]
pub struct Selection {
    /// Index of the board shown.
    pub(in crate::app) board: usize,
    /// The cursor of each board, by key.
    pub(in crate::app) cursors: HashMap<String, Cursor>,
    /// Cards marked with Space on the current board, in the order they were marked; moves,
    /// ranks, tags and archiving act on all of them. Cleared when the board changes.
    pub(in crate::app) marks: Vec<String>,
    /// Only cards matching this are shown.
    pub(in crate::app) filter: Option<super::filter::Filter>,
}

impl Selection {
    pub fn on_board(board: usize) -> Selection {
        Selection { board, ..Selection::default() }
    }
}
