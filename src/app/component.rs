//! A dialog as one component: the key maps it reads, its status-line hints and its key
//! handling live together on its state type, and [`Mode`] maps a dialog mode to it once.

use ratatui::crossterm::event::KeyEvent;

use crate::keymap::{Action, Scope};

use super::state::{App, Effect, Mode};

/// One dialog: what has the keyboard while it is open.
pub trait Dialog {
    /// The key maps its keys are looked up in, the first that binds a key wins: most dialogs
    /// read the dialog keys only.
    fn scopes(&self) -> &'static [Scope] {
        &[Scope::Dialog]
    }
    /// Its most useful keys for the status line, from the live key map, most useful first.
    fn hints(&self, app: &App) -> Vec<(String, &'static str)>;
    /// A key while it is open: the mode that follows (itself again to stay open) and the
    /// effects to run.
    fn handle(self: Box<Self>, app: &mut App, key: KeyEvent, action: Option<Action>) -> (Mode, Vec<Effect>);
}

/// The hints of the actions that have a key, each with what it does.
pub fn listed(app: &App, items: &[(Action, &'static str)]) -> Vec<(String, &'static str)> {
    items.iter().map(|(a, what)| (app.key(*a), *what)).filter(|(k, _)| !k.is_empty()).collect()
}

/// Hints for a y/n question.
pub fn yes_no(app: &App) -> Vec<(String, &'static str)> {
    listed(app, &[(Action::Yes, "yes"), (Action::No, "no")])
}

/// Hints for a one-line text field.
pub fn save_cancel(app: &App) -> Vec<(String, &'static str)> {
    listed(app, &[(Action::Confirm, "save"), (Action::Cancel, "cancel")])
}

impl Mode {
    /// The open dialog, to read; `None` for the board and the views.
    pub fn as_dialog(&self) -> Option<&dyn Dialog> {
        Some(match self {
            Mode::Search(d) => d,
            Mode::NewItem(d) => d,
            Mode::ConfirmNewItem(d) => d,
            Mode::Wsjf(d) => d,
            Mode::Description(d) => d,
            Mode::EditTitle(d) => d,
            Mode::Split(d) => d,
            Mode::ConfirmDelete(d) => d,
            Mode::ConfirmMove(d) => d,
            Mode::EditorError(d) => d,
            Mode::Picker(d) => d,
            Mode::Prompt(d) => d,
            Mode::Filter(d) => d,
            Mode::ColumnMenu(d) => d,
            Mode::BoardMenu => &super::boards::BoardMenu,
            Mode::NamePrompt(d) => d,
            Mode::Conflicts(d) => d,
            _ => return None,
        })
    }

    /// The open dialog, to hand a key to; the mode itself back when it is no dialog.
    pub fn into_dialog(self) -> Result<Box<dyn Dialog>, Box<Mode>> {
        Ok(match self {
            Mode::Search(d) => Box::new(d),
            Mode::NewItem(d) => Box::new(d),
            Mode::ConfirmNewItem(d) => Box::new(d),
            Mode::Wsjf(d) => Box::new(d),
            Mode::Description(d) => Box::new(d),
            Mode::EditTitle(d) => Box::new(d),
            Mode::Split(d) => Box::new(d),
            Mode::ConfirmDelete(d) => Box::new(d),
            Mode::ConfirmMove(d) => Box::new(d),
            Mode::EditorError(d) => Box::new(d),
            Mode::Picker(d) => Box::new(d),
            Mode::Prompt(d) => Box::new(d),
            Mode::Filter(d) => Box::new(d),
            Mode::ColumnMenu(d) => Box::new(d),
            Mode::BoardMenu => Box::new(super::boards::BoardMenu),
            Mode::NamePrompt(d) => Box::new(d),
            Mode::Conflicts(d) => Box::new(d),
            other => return Err(Box::new(other)),
        })
    }
}
