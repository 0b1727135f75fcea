//! The board menu (`R`): a new board (its level picked, its name typed; written to a new file
//! with the SAFe default columns of its level, then shown) and renaming the current board
//! (its `name`, one undoable edit; the file keeps its name).

use ratatui::crossterm::event::KeyEvent;

use crate::keymap::Action;
use crate::model::columns::{self, board_name_taken, clean_name};
use crate::model::{Board, Level, ModelError};

use super::actions::commit;
use super::columns::{NameFor, NamePrompt};
use super::input::LineInput;
use super::picker::{Choice, PickFor, Picker};
use super::state::{App, Effect, Mode};

/// `R`: opens the board menu.
pub(in crate::app) fn open_menu(app: &mut App) {
    app.view.mode = Mode::BoardMenu;
}

/// A key in the board menu.
pub(in crate::app) fn on_menu(app: &mut App, action: Option<Action>) -> (Mode, Vec<Effect>) {
    match action {
        Some(Action::NewBoard) => {
            let current = app.current_board().map(|b| b.level).unwrap_or(Level::Team);
            // Team first: the board a train adds most often.
            let choices = [Level::Team, Level::Program, Level::Portfolio]
                .iter()
                .map(|l| Choice::new(format!("{} board", l.name()), Some(l.name().to_string()), *l == current))
                .collect();
            (Mode::Picker(Picker::new("", PickFor::NewBoardLevel, "Level of the new board", choices)), Vec::new())
        }
        Some(Action::RenameBoard) => {
            let Some(board) = app.current_board() else { return (Mode::Board, Vec::new()) };
            if let Some(why) = board.read_only_reason() {
                app.error(why);
                return (Mode::Board, Vec::new());
            }
            let prompt = NamePrompt {
                purpose: NameFor::RenameBoard,
                board: board.key.clone(),
                subject: board.name.clone(),
                input: LineInput::new(&board.name),
            };
            (Mode::NamePrompt(prompt), Vec::new())
        }
        Some(Action::CloseBoardMenu) => (Mode::Board, Vec::new()),
        _ => (Mode::BoardMenu, Vec::new()),
    }
}

/// The level of the new board was picked: ask its name.
pub fn level_picked(level: Option<&str>) -> (Mode, Vec<Effect>) {
    let Some(level) = Level::ALL.into_iter().find(|l| Some(l.name()) == level) else {
        return (Mode::Board, Vec::new());
    };
    let prompt = NamePrompt {
        purpose: NameFor::NewBoard(level),
        board: String::new(),
        subject: String::new(),
        input: LineInput::default(),
    };
    (Mode::NamePrompt(prompt), Vec::new())
}

/// Enter on the new board's name: the board to write, or `None` when the name is refused.
pub(in crate::app) fn create(app: &mut App, level: Level, name: &str) -> Option<Vec<Effect>> {
    let board = clean_name(name, "board").map_err(|e| e.to_string()).and_then(|name| {
        if board_name_taken(&app.session.ws, &name, None) {
            return Err(format!("there is already a board called \"{name}\""));
        }
        crate::demo::new_board(level, &name)
    });
    match board {
        Ok(board) => {
            app.info(format!("creating the {} board {}…", level.name().to_lowercase(), board.name));
            Some(vec![Effect::CreateBoard(Box::new(board))])
        }
        Err(err) => {
            app.error(err);
            None
        }
    }
}

/// Enter on the board's new name: one undoable edit.
pub(in crate::app) fn rename(app: &mut App, key: &str, name: &str) -> Option<Vec<Effect>> {
    match columns::rename_board(&app.session.ws, key, name) {
        Ok(edit) => {
            let effects = commit(app, Ok(edit), None);
            (!effects.is_empty()).then_some(effects)
        }
        Err(ModelError::NothingToChange) => {
            app.info("no change");
            Some(Vec::new())
        }
        Err(err) => {
            app.error(err.to_string());
            None
        }
    }
}

/// The shell wrote the new board's file (or could not): show it as a tab and go to it.
pub(in crate::app) fn created(app: &mut App, result: Result<Board, String>) {
    match result {
        Ok(board) => {
            let (key, name, level) = (board.key.clone(), board.name.clone(), board.level);
            app.session.ws.put_board(board);
            if let Some(index) = app.session.ws.board_index(&key) {
                app.show_board(index);
            }
            app.success(format!("Created the {} board {name} in {key}", level.name().to_lowercase()));
        }
        Err(err) => app.error(format!("could not create the board: {err}")),
    }
}

/// The menu of board actions (`R`): a new board, renaming this one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BoardMenu;

impl super::component::Dialog for BoardMenu {
    fn scopes(&self) -> &'static [crate::keymap::Scope] {
        &[crate::keymap::Scope::BoardMenu]
    }
    fn hints(&self, app: &App) -> Vec<(String, &'static str)> {
        super::component::listed(
            app,
            &[(Action::NewBoard, "new board"), (Action::RenameBoard, "rename"), (Action::CloseBoardMenu, "close")],
        )
    }
    fn handle(self: Box<Self>, app: &mut App, _key: KeyEvent, action: Option<Action>) -> (Mode, Vec<Effect>) {
        on_menu(app, action)
    }
}
