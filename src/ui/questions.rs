//! The y/n questions' pictures: a new item or a move over a WIP limit, a delete, an edit
//! from `$EDITOR` that was not valid.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};

use crate::app::App;
use crate::app::questions::{DeleteQuestion, EditorErrorQuestion, MoveQuestion, NewItemQuestion};
use crate::keymap::Action;
use crate::theme::Theme;

use super::dialog::render_question;
use super::draw_dialog::DrawDialog;

impl DrawDialog for NewItemQuestion {
    fn draw(&self, app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) -> (Option<Position>, Option<Rect>) {
        let body = crate::app::new_item::question(app, self);
        (None, Some(render_question("WIP limit reached", &body, theme, area, buf)))
    }
}

impl DrawDialog for DeleteQuestion {
    fn draw(&self, app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) -> (Option<Position>, Option<Rect>) {
        let id = &self.id;
        let title = app.ws().item(id).map(|i| i.title.clone()).unwrap_or_default();
        let children = app.ws().children(id).len();
        let note =
            if children > 0 { format!(" Its {children} children keep existing, unlinked.") } else { String::new() };
        let body = format!("Delete {id} \"{title}\"?{note} ({} undoes it)", app.key(Action::Undo));
        (None, Some(render_question("Delete item", &body, theme, area, buf)))
    }
}

impl DrawDialog for MoveQuestion {
    fn draw(&self, app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) -> (Option<Position>, Option<Rect>) {
        let (id, to) = (&self.id, &self.to);
        let limit = app.current_board().and_then(|b| b.columns.iter().find(|c| &c.name == to)).and_then(|c| c.wip);
        let body = format!(
            "{to} is at its WIP limit of {}. Move {id} there anyway?",
            limit.map(|l| l.to_string()).unwrap_or_default()
        );
        (None, Some(render_question("WIP limit reached", &body, theme, area, buf)))
    }
}

impl DrawDialog for EditorErrorQuestion {
    fn draw(&self, _app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) -> (Option<Position>, Option<Rect>) {
        let body = format!("The edit of {} is not valid and was not applied: {}. Edit it again?", self.id, self.error);
        (None, Some(render_question("Edit not applied", &body, theme, area, buf)))
    }
}
