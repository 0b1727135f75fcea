//! The session part of [`super::App`]: the workspace being edited and its undo history.

use crate::history::History;
use crate::model::Workspace;

/// The boards in memory and the way back through their edits.
pub struct Session {
    pub(in crate::app) ws: Workspace,
    pub(in crate::app) history: History,
}

impl Session {
    pub fn new(ws: Workspace) -> Session {
        Session { ws, history: History::default() }
    }
}
