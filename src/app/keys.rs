//! Which key maps a key is looked up in, by what has the keyboard: the board (and while
//! presenting its own keys first), a view's own keys before the view keys and the board's, a
//! dialog's, a question's, a menu's. Every key a mode answers comes from the live key map, so
//! every key is rebindable and shown in the help.

use ratatui::crossterm::event::KeyEvent;

use crate::keymap::{Action, Scope};

use super::state::{App, Mode};

/// The key maps of the current mode, the first that binds a key wins.
pub fn scopes(app: &App) -> &'static [Scope] {
    use Scope::*;
    match &app.view.mode {
        Mode::Board if app.view.presenting.is_some() => &[Presenting, Board],
        Mode::Board => &[Board],
        Mode::Details { .. } => &[Details, View, Board],
        Mode::Objectives { .. } if app.view.objectives.prompt.is_some() => &[Dialog],
        Mode::Objectives { .. } => &[Objectives, View, Board],
        Mode::Help { .. } | Mode::Messages { .. } | Mode::Sync { .. } | Mode::SystemDemo { .. } | Mode::Tree { .. } => {
            &[View, Board]
        }
        Mode::ProgramBoard | Mode::Metrics => &[Board, View],
        mode => mode.as_dialog().map_or(&[Board], |dialog| dialog.scopes()),
    }
}

/// What `key` asks for in the current mode.
pub fn action(app: &App, key: &KeyEvent) -> Option<Action> {
    app.prefs.keymap.action_in(scopes(app), key)
}

/// What `key` asks for in a dialog (confirm, cancel, the next field…); `None` for typing.
pub fn dialog(app: &App, key: &KeyEvent) -> Option<Action> {
    app.prefs.keymap.action_in(&[Scope::Dialog], key)
}
