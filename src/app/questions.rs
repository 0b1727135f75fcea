//! The y/n questions: add a new item over a WIP limit, delete an item, move over a WIP limit,
//! edit again what `$EDITOR` returned invalid. Yes acts, no cancels, other keys keep asking.

use ratatui::crossterm::event::KeyEvent;

use crate::keymap::{Action, Scope};
use crate::model::ops;

use super::actions::{commit, move_to};
use super::component::{Dialog, yes_no};
use super::new_item::NewItemDialog;
use super::state::{App, Effect, Mode};

/// The column of a new item is at its WIP limit: add anyway? (Yes goes on to its title.)
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewItemQuestion(pub NewItemDialog);

impl std::ops::Deref for NewItemQuestion {
    type Target = NewItemDialog;
    fn deref(&self) -> &NewItemDialog {
        &self.0
    }
}

/// Delete this item?
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeleteQuestion {
    pub id: String,
}

/// The column `to` is at its WIP limit: move item `id` there anyway?
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MoveQuestion {
    pub id: String,
    pub to: String,
}

/// `$EDITOR` returned `text` that is not a valid item (`error`): edit it again?
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditorErrorQuestion {
    pub id: String,
    pub text: String,
    pub error: String,
}

/// Yes runs `yes`; no cancels; other keys keep asking.
fn confirm(
    app: &mut App,
    action: Option<Action>,
    again: Mode,
    yes: impl FnOnce(&mut App) -> Vec<Effect>,
) -> (Mode, Vec<Effect>) {
    match action {
        Some(Action::Yes) => (Mode::Board, yes(app)),
        Some(Action::No) => {
            app.info("cancelled");
            (Mode::Board, Vec::new())
        }
        _ => (again, Vec::new()),
    }
}

impl Dialog for NewItemQuestion {
    fn scopes(&self) -> &'static [Scope] {
        &[Scope::Question]
    }
    fn hints(&self, app: &App) -> Vec<(String, &'static str)> {
        yes_no(app)
    }
    fn handle(self: Box<Self>, app: &mut App, _key: KeyEvent, action: Option<Action>) -> (Mode, Vec<Effect>) {
        let again = Mode::ConfirmNewItem((*self).clone());
        confirm(app, action, again, |app| {
            app.view.mode = Mode::NewItem(self.0);
            Vec::new()
        })
    }
}

impl Dialog for DeleteQuestion {
    fn scopes(&self) -> &'static [Scope] {
        &[Scope::Question]
    }
    fn hints(&self, app: &App) -> Vec<(String, &'static str)> {
        yes_no(app)
    }
    fn handle(self: Box<Self>, app: &mut App, _key: KeyEvent, action: Option<Action>) -> (Mode, Vec<Effect>) {
        let id = self.id.clone();
        confirm(app, action, Mode::ConfirmDelete(*self), |app| {
            let edit = ops::delete(&app.session.ws, &id);
            commit(app, edit, None)
        })
    }
}

impl Dialog for MoveQuestion {
    fn scopes(&self) -> &'static [Scope] {
        &[Scope::Question]
    }
    fn hints(&self, app: &App) -> Vec<(String, &'static str)> {
        yes_no(app)
    }
    fn handle(self: Box<Self>, app: &mut App, _key: KeyEvent, action: Option<Action>) -> (Mode, Vec<Effect>) {
        let (id, to) = (self.id.clone(), self.to.clone());
        confirm(app, action, Mode::ConfirmMove(*self), |app| move_to(app, &id, &to))
    }
}

impl Dialog for EditorErrorQuestion {
    fn scopes(&self) -> &'static [Scope] {
        &[Scope::Question]
    }
    fn hints(&self, app: &App) -> Vec<(String, &'static str)> {
        yes_no(app)
    }
    fn handle(self: Box<Self>, app: &mut App, _key: KeyEvent, action: Option<Action>) -> (Mode, Vec<Effect>) {
        let (id, text) = (self.id.clone(), self.text.clone());
        confirm(app, action, Mode::EditorError(*self), |app| {
            app.info("editing again");
            vec![Effect::OpenEditor { id, text }]
        })
    }
}
