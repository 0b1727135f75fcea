//! The external part of [`super::App`]: what others did to the files while the app ran —
//! cards they changed, boards whose file broke or disappeared, save conflicts waiting for a
//! choice, and the boards and objectives changed but not seen yet.

use std::collections::HashMap;
use std::time::Instant;

use super::state::ConflictView;

/// News from the disk, kept until the user has seen or answered it.
#[derive(Default)]
pub struct External {
    /// Cards changed by someone else, marked until the given instant.
    pub(in crate::app) marked: HashMap<String, Instant>,
    /// Boards whose file no longer parses, with the problem (`file:line:column: message`).
    pub(in crate::app) broken: HashMap<String, String>,
    /// Unresolved save conflicts, oldest first.
    pub(in crate::app) conflicts: Vec<ConflictView>,
    /// A conflict came while a dialog was open: it opens once the dialog closes.
    pub(in crate::app) conflict_waiting: bool,
    /// The board shown when its file disappeared, and the item selected on it, to return to
    /// when the file comes back.
    pub(in crate::app) removed_current: Option<(String, Option<String>)>,
    /// Boards and objectives changed by others that the views point at until seen.
    pub(in crate::app) unseen: super::marks::Unseen,
}
