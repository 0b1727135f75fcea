//! The description editor (`D`): several lines typed in place, Enter for a new line, Ctrl+S or
//! Alt+Enter saves the whole text as one undoable edit, Esc cancels.

use ratatui::crossterm::event::KeyEvent;

use crate::keymap::Action;
use crate::model::ModelError;
use crate::model::fields::{self, Field};

use super::actions::{commit, editable_selection};
use super::state::{App, Effect, Mode};
use super::text_area::TextArea;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DescriptionDialog {
    pub id: String,
    pub text: TextArea,
    /// The description when the editor opened, to notice a change by someone else.
    pub original: Option<String>,
    /// The mode to return to afterwards (the board, or the details).
    pub back: Box<Mode>,
}

/// Opens the editor on the selected item's description.
pub(in crate::app) fn open(app: &mut App) {
    let Some(id) = editable_selection(app) else { return };
    let Some(item) = app.session.ws.item(&id) else { return };
    let original = item.description.clone();
    let text = TextArea::new(original.as_deref().unwrap_or(""));
    let back = Box::new(back_mode(&app.view.mode));
    app.view.mode = Mode::Description(DescriptionDialog { id, text, original, back });
}

/// Where a dialog opened from `mode` returns: the details stay open, anything else is the board.
pub fn back_mode(mode: &Mode) -> Mode {
    match mode {
        Mode::Details { scroll, criterion } => Mode::Details { scroll: *scroll, criterion: *criterion },
        _ => Mode::Board,
    }
}

/// Saving is Ctrl+S or Alt+Enter by default (both reach the program in common terminals;
/// Ctrl+Enter often does not); Enter starts a new line.
pub fn on_key(
    app: &mut App,
    mut dialog: DescriptionDialog,
    key: KeyEvent,
    action: Option<Action>,
) -> (Mode, Vec<Effect>) {
    if action == Some(Action::Cancel) {
        app.info("description not changed");
        return (*dialog.back, Vec::new());
    }
    if action == Some(Action::SaveText) {
        let id = dialog.id.clone();
        // Someone else changed the description while we typed: say so, and let a second save
        // put ours over theirs, or Esc keep theirs.
        let now = app.session.ws.item(&id).map(|i| i.description.clone());
        let ours = fields::clean_description(&dialog.text.text());
        if let Some(theirs) = now.filter(|t| *t != dialog.original && *t != ours) {
            app.error(format!(
                "{id}'s description was just changed by someone else; save again to put yours over it, {} keeps theirs",
                app.key(Action::Cancel)
            ));
            dialog.original = theirs;
            return (Mode::Description(dialog), Vec::new());
        }
        return match fields::set_field(&app.session.ws, &id, Field::Description(Some(dialog.text.text()))) {
            Err(ModelError::NothingToChange) => {
                app.info("no change");
                (*dialog.back, Vec::new())
            }
            edit => {
                let effects = commit(app, edit, Some(&id));
                (*dialog.back, effects)
            }
        };
    }
    dialog.text.handle(&key);
    (Mode::Description(dialog), Vec::new())
}

impl super::component::Dialog for DescriptionDialog {
    fn hints(&self, app: &App) -> Vec<(String, &'static str)> {
        super::component::listed(app, &[(Action::SaveText, "save"), (Action::Cancel, "cancel")])
    }
    fn handle(self: Box<Self>, app: &mut App, key: KeyEvent, action: Option<Action>) -> (Mode, Vec<Effect>) {
        on_key(app, *self, key, action)
    }
}
