//! The view part of [`super::App`]: the mode that has the keyboard, the status line and the
//! messages behind it, the terminal size, presenting, and the objectives view's own state.

use std::collections::VecDeque;

use ratatui::layout::Rect;

use super::state::{Mode, Status};

/// How the app is shown right now.
pub struct View {
    pub(in crate::app) mode: Mode,
    pub(in crate::app) status: Option<Status>,
    /// The last messages shown, oldest first (at most [`super::state::MESSAGES_KEPT`]).
    pub(in crate::app) messages: VecDeque<Status>,
    /// The terminal size, for keeping the selection in view.
    pub(in crate::app) screen: Rect,
    /// Presenting on a shared screen; `Some(true)` once editing was unlocked.
    pub(in crate::app) presenting: Option<bool>,
    /// The objectives view's selection and prompt.
    pub(in crate::app) objectives: super::objectives::ObjectivesView,
}

impl Default for View {
    fn default() -> View {
        View {
            mode: Mode::Board,
            status: None,
            messages: VecDeque::new(),
            screen: Rect::new(0, 0, 80, 24),
            presenting: None,
            objectives: Default::default(),
        }
    }
}
