//! Editing an item's title in one line; a change by someone else meanwhile is said, and a
//! second `Enter` saves ours over it.

use ratatui::crossterm::event::KeyEvent;

use crate::keymap::Action;
use crate::model::ops;

use super::actions::commit;
use super::component::{Dialog, save_cancel};
use super::input::LineInput;
use super::state::{App, Effect, Mode};

/// Editing an item's title.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditTitleDialog {
    pub id: String,
    /// The title when the dialog opened, to notice a change by someone else.
    pub original: String,
    pub input: LineInput,
}

impl Dialog for EditTitleDialog {
    fn hints(&self, app: &App) -> Vec<(String, &'static str)> {
        save_cancel(app)
    }
    fn handle(self: Box<Self>, app: &mut App, key: KeyEvent, action: Option<Action>) -> (Mode, Vec<Effect>) {
        on_edit_title(app, *self, key, action)
    }
}

fn on_edit_title(app: &mut App, dialog: EditTitleDialog, key: KeyEvent, action: Option<Action>) -> (Mode, Vec<Effect>) {
    let EditTitleDialog { id, original, mut input } = dialog;
    match action {
        Some(Action::Cancel) => (Mode::Board, Vec::new()),
        Some(Action::Confirm) => {
            // Someone else changed the title while we typed: say so, and let a second Enter
            // choose ours over theirs, or Esc keep theirs.
            let now = app.session.ws.item(&id).map(|i| i.title.clone());
            if let Some(theirs) = now.filter(|t| *t != original && *t != input.text()) {
                app.error(format!(
                    "{id}'s title was just changed by someone else to \"{theirs}\"; {} saves yours over it, {} keeps theirs",
                    app.key(Action::Confirm),
                    app.key(Action::Cancel)
                ));
                return (Mode::EditTitle(EditTitleDialog { id, original: theirs, input }), Vec::new());
            }
            let edit = ops::set_title(&app.session.ws, &id, &input.text());
            (Mode::Board, commit(app, edit, Some(&id)))
        }
        _ => {
            input.handle(&key);
            (Mode::EditTitle(EditTitleDialog { id, original, input }), Vec::new())
        }
    }
}
