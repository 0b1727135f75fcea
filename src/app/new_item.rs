//! New items: `n` adds one just below the selected card, `N` just above it (at the top of an
//! empty column), of a kind chosen in the dialog (Tab cycles the kinds of the board's level,
//! starting at the board's kind for new items). A column at its WIP limit asks first.

use ratatui::crossterm::event::KeyEvent;

use crate::keymap::Action;
use crate::model::ops::{self, Place};
use crate::model::{Board, Kind, fields};

use super::actions::commit;
use super::input::LineInput;
use super::state::{App, Effect, Mode};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewItemDialog {
    pub input: LineInput,
    /// The board's key and the column's name the item goes to.
    pub board: String,
    pub column: String,
    pub place: Place,
    pub kind: Kind,
}

impl NewItemDialog {
    /// `New Story below S-3 in Analyzing`.
    pub fn title(&self) -> String {
        let place = match &self.place {
            Place::Above(id) => format!(" above {id}"),
            Place::Below(id) => format!(" below {id}"),
            Place::Top | Place::Bottom => String::new(),
        };
        format!("New {}{place} in {}", self.kind.name(), self.column)
    }
}

/// The kinds a new item on `board` can be: the board's kind for new items first, then the
/// others of its level.
pub fn kinds(board: &Board) -> Vec<Kind> {
    let first = board.new_item_kind();
    let mut kinds = vec![first];
    kinds.extend(fields::kinds_for(board.level).iter().copied().filter(|k| *k != first));
    kinds
}

/// Opens the dialog for a new item above or below the selection; asks first when the column
/// is at its WIP limit.
pub(in crate::app) fn open(app: &mut App, above: bool) {
    let Some(board) = app.current_board() else { return };
    if let Some(why) = board.read_only_reason() {
        app.error(why);
        return;
    }
    let col = app.cursor().column.min(board.columns.len().saturating_sub(1));
    let Some(column) = board.columns.get(col) else {
        app.error(format!("board {} has no columns to add to", board.name));
        return;
    };
    let place = match app.selected_id() {
        Some(id) if above => Place::Above(id),
        Some(id) => Place::Below(id),
        None => Place::Top,
    };
    let dialog = NewItemDialog {
        input: LineInput::default(),
        board: board.key.clone(),
        column: column.name.clone(),
        place,
        kind: board.new_item_kind(),
    };
    app.view.mode = if board.column_is_full(col) {
        Mode::ConfirmNewItem(super::questions::NewItemQuestion(dialog))
    } else {
        Mode::NewItem(dialog)
    };
}

/// The question asked before adding to a full column.
pub fn question(app: &App, dialog: &NewItemDialog) -> String {
    let limit = app
        .session
        .ws
        .board_by_key(&dialog.board)
        .and_then(|b| b.columns.iter().find(|c| c.name == dialog.column))
        .and_then(|c| c.wip)
        .map(|l| l.to_string())
        .unwrap_or_default();
    format!("{} is at its WIP limit {limit} — add anyway?", dialog.column)
}

pub(in crate::app) fn on_key(
    app: &mut App,
    mut dialog: NewItemDialog,
    key: KeyEvent,
    action: Option<Action>,
) -> (Mode, Vec<Effect>) {
    match action {
        Some(Action::Cancel) => (Mode::Board, Vec::new()),
        Some(step @ (Action::NextField | Action::PrevField)) => {
            if let Some(board) = app.session.ws.board_by_key(&dialog.board) {
                let kinds = kinds(board);
                let at = kinds.iter().position(|k| *k == dialog.kind).unwrap_or(0);
                let step = if step == Action::NextField { 1 } else { kinds.len() - 1 };
                dialog.kind = kinds[(at + step) % kinds.len()];
            }
            (Mode::NewItem(dialog), Vec::new())
        }
        Some(Action::Confirm) => {
            let now = (app.prefs.clock)();
            let added = ops::add_item_at(
                &app.session.ws,
                &dialog.board,
                &dialog.column,
                &dialog.input.text(),
                &now,
                Some(dialog.kind),
                &dialog.place,
            );
            match added {
                Ok((edit, id)) => (Mode::Board, commit(app, Ok(edit), Some(&id))),
                Err(err) => {
                    app.error(err.to_string());
                    (Mode::NewItem(dialog), Vec::new())
                }
            }
        }
        _ => {
            dialog.input.handle(&key);
            (Mode::NewItem(dialog), Vec::new())
        }
    }
}

impl super::component::Dialog for NewItemDialog {
    fn hints(&self, app: &App) -> Vec<(String, &'static str)> {
        super::component::listed(
            app,
            &[(Action::Confirm, "add"), (Action::NextField, "kind"), (Action::Cancel, "cancel")],
        )
    }
    fn handle(self: Box<Self>, app: &mut App, key: KeyEvent, action: Option<Action>) -> (Mode, Vec<Effect>) {
        on_key(app, *self, key, action)
    }
}
