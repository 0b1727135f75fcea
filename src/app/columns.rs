//! The column menu (`C`): lettered actions on the selected column (add, rename, move, delete,
//! WIP limit, done mark), the prompt they type into (shared with the board menu) and the picker
//! of where a deleted column's cards go. Each action is one undoable edit, saved at once.

use ratatui::crossterm::event::KeyEvent;

use crate::keymap::Action;
use crate::model::ModelError;
use crate::model::columns::{self, ColumnChange};

use super::actions::commit;
use super::input::LineInput;
use super::picker::{Choice, Outcome, PickFor, Picker};
use super::state::{App, Effect, Mode};

/// What a name prompt is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameFor {
    AddColumn { index: usize },
    RenameColumn { index: usize },
    Wip { index: usize },
    NewBoard(crate::model::Level),
    RenameBoard,
}

/// Typing a column name, a WIP limit or a board name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamePrompt {
    pub purpose: NameFor,
    /// The board it applies to (its key).
    pub board: String,
    /// The column's (or board's) name when the prompt opened, for its title.
    pub subject: String,
    pub input: LineInput,
}

impl NamePrompt {
    pub fn title(&self) -> String {
        let subject = &self.subject;
        match self.purpose {
            NameFor::AddColumn { .. } => format!("New column right of {subject}"),
            NameFor::RenameColumn { .. } => format!("Rename column {subject} (its cards follow)"),
            NameFor::Wip { .. } => format!("WIP limit of {subject} (a number; empty clears)"),
            NameFor::NewBoard(level) => {
                let file = columns::file_name_for(&self.input.text()).unwrap_or_else(|| "…".into());
                format!("Name of the new {} board (file {file})", level.name().to_lowercase())
            }
            NameFor::RenameBoard => format!("Rename board {subject} (its file {} keeps its name)", self.board),
        }
    }
}

/// `C`: opens the menu for the selected column.
pub(in crate::app) fn open_menu(app: &mut App) {
    let Some(board) = app.current_board() else { return };
    if let Some(why) = board.read_only_reason() {
        app.error(why);
        return;
    }
    if board.columns.is_empty() {
        app.view.mode = Mode::NamePrompt(prompt(app, NameFor::AddColumn { index: 0 }, ""));
        return;
    }
    let column = app.cursor().column.min(board.columns.len() - 1);
    app.view.mode = Mode::ColumnMenu(ColumnMenu { column });
}

fn prompt(app: &App, purpose: NameFor, text: &str) -> NamePrompt {
    let board = app.current_board();
    let subject = match purpose {
        NameFor::AddColumn { index } | NameFor::RenameColumn { index } | NameFor::Wip { index } => {
            board.and_then(|b| b.columns.get(index)).map(|c| c.name.clone()).unwrap_or_default()
        }
        NameFor::NewBoard(_) | NameFor::RenameBoard => board.map(|b| b.name.clone()).unwrap_or_default(),
    };
    NamePrompt {
        purpose,
        board: board.map(|b| b.key.clone()).unwrap_or_default(),
        subject,
        input: LineInput::new(text),
    }
}

/// A key in the column menu.
pub(in crate::app) fn on_menu(app: &mut App, column: usize, action: Option<Action>) -> (Mode, Vec<Effect>) {
    let Some(board) = app.current_board() else { return (Mode::Board, Vec::new()) };
    let Some(col) = board.columns.get(column) else { return (Mode::Board, Vec::new()) };
    let key_name = board.key.clone();
    let (name, wip, cards) = (col.name.clone(), col.wip, board.column_len(column));
    let open = |purpose, text: &str| Mode::NamePrompt(prompt(app, purpose, text));
    match action {
        Some(Action::AddColumn) => (open(NameFor::AddColumn { index: column }, ""), Vec::new()),
        Some(Action::RenameColumn) => (open(NameFor::RenameColumn { index: column }, &name), Vec::new()),
        Some(Action::ColumnWipLimit) => {
            let text = wip.map(|w| w.to_string()).unwrap_or_default();
            (open(NameFor::Wip { index: column }, &text), Vec::new())
        }
        Some(Action::MoveColumnLeft) => move_column(app, &key_name, column, -1),
        Some(Action::MoveColumnRight) => move_column(app, &key_name, column, 1),
        Some(Action::MarkDoneColumn) => {
            let effects = change(app, &key_name, ColumnChange::MarkDone { index: column }).unwrap_or_default();
            (Mode::Board, effects)
        }
        Some(Action::DeleteColumn) if cards == 0 => {
            let effects =
                change(app, &key_name, ColumnChange::Delete { index: column, cards_to: None }).unwrap_or_default();
            (Mode::Board, effects)
        }
        Some(Action::DeleteColumn) => {
            let choices = board
                .columns
                .iter()
                .enumerate()
                .filter(|(n, _)| *n != column)
                .map(|(_, c)| Choice::new(&c.name, Some(c.name.clone()), false))
                .collect();
            let plural = if cards == 1 { "card" } else { "cards" };
            let title = format!("Delete {name}: move its {cards} {plural} to");
            let mut picker = Picker::new(&name, PickFor::CardsTo, title, choices);
            // The neighbour on the left is the likeliest place (work goes back a step).
            picker.selected = column.saturating_sub(1);
            (Mode::Picker(picker), Vec::new())
        }
        Some(Action::CloseColumnMenu) => (Mode::Board, Vec::new()),
        _ => (Mode::ColumnMenu(ColumnMenu { column }), Vec::new()),
    }
}

/// Moves the column and keeps the menu open on it, so it can be moved again.
fn move_column(app: &mut App, key: &str, column: usize, step: isize) -> (Mode, Vec<Effect>) {
    match change(app, key, ColumnChange::Move { index: column, step }) {
        Some(effects) => (Mode::ColumnMenu(ColumnMenu { column: app.cursor().column }), effects),
        None => (Mode::ColumnMenu(ColumnMenu { column }), Vec::new()),
    }
}

/// Makes the column change as one edit and selects the column it names; `None` when it was
/// refused (said on the status line).
fn change(app: &mut App, key: &str, change: ColumnChange) -> Option<Vec<Effect>> {
    let old: Vec<String> = app
        .session
        .ws
        .board_by_key(key)
        .map(|b| b.columns.iter().map(|c| c.name.clone()).collect())
        .unwrap_or_default();
    let now = (app.prefs.clock)();
    match columns::change_columns(&app.session.ws, key, change, &now) {
        Ok(made) => {
            let effects = commit(app, Ok(made.edit), None);
            if effects.is_empty() {
                return None;
            }
            select_column(app, made.select, &old);
            Some(effects)
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

/// Selects column `index` after the columns changed from `old`; each column keeps its row.
fn select_column(app: &mut App, index: usize, old: &[String]) {
    let Some(new) = app.current_board().map(|b| b.columns.iter().map(|c| c.name.clone()).collect::<Vec<_>>()) else {
        return;
    };
    if let Some(cursor) = app.cursor_mut() {
        let rows = std::mem::take(&mut cursor.rows);
        let same_count = old.len() == new.len();
        cursor.rows = new
            .iter()
            .enumerate()
            .map(|(i, name)| {
                let was = old.iter().position(|o| o == name).or(same_count.then_some(i));
                was.and_then(|w| rows.get(w).copied()).unwrap_or(0)
            })
            .collect();
        cursor.scroll = vec![0; new.len()];
        cursor.column = index.min(new.len().saturating_sub(1));
    }
    app.keep_in_view();
}

/// True for the pickers this module and the board menu answer.
pub fn owns(picker: &Picker) -> bool {
    matches!(picker.purpose, PickFor::CardsTo | PickFor::NewBoardLevel)
}

/// A key in the picker of where a deleted column's cards go, or of a new board's level.
pub(in crate::app) fn on_picker(
    app: &mut App,
    mut picker: Picker,
    key: KeyEvent,
    action: Option<Action>,
) -> (Mode, Vec<Effect>) {
    match picker.on_key(&key, action) {
        Outcome::Open => (Mode::Picker(picker), Vec::new()),
        Outcome::Cancelled => {
            app.info("cancelled");
            (Mode::Board, Vec::new())
        }
        Outcome::Picked(choice) if picker.purpose == PickFor::NewBoardLevel => {
            super::boards::level_picked(choice.value.as_deref())
        }
        Outcome::Picked(choice) => {
            let Some(board) = app.current_board() else { return (Mode::Board, Vec::new()) };
            let Some(index) = board.column_index(&picker.id) else {
                app.error(format!("there is no column {} any more", picker.id));
                return (Mode::Board, Vec::new());
            };
            let key_name = board.key.clone();
            let effects =
                change(app, &key_name, ColumnChange::Delete { index, cards_to: choice.value }).unwrap_or_default();
            (Mode::Board, effects)
        }
    }
}

/// A key in a name prompt: Enter applies (a refused value keeps the prompt open, said), Esc
/// cancels.
pub(in crate::app) fn on_prompt(
    app: &mut App,
    mut prompt: NamePrompt,
    key: KeyEvent,
    action: Option<Action>,
) -> (Mode, Vec<Effect>) {
    match action {
        Some(Action::Cancel) => {
            app.info("cancelled");
            (Mode::Board, Vec::new())
        }
        Some(Action::Confirm) => {
            let text = prompt.input.text();
            let board = prompt.board.clone();
            let done = match prompt.purpose {
                NameFor::AddColumn { index } => change(app, &board, ColumnChange::Add { index, name: text }),
                NameFor::RenameColumn { index } => change(app, &board, ColumnChange::Rename { index, name: text }),
                NameFor::Wip { index } => match columns::parse_wip(&text) {
                    Ok(limit) => change(app, &board, ColumnChange::Wip { index, limit }),
                    Err(err) => {
                        app.error(err.to_string());
                        None
                    }
                },
                NameFor::NewBoard(level) => super::boards::create(app, level, &text),
                NameFor::RenameBoard => super::boards::rename(app, &board, &text),
            };
            match done {
                Some(effects) => (Mode::Board, effects),
                None => (Mode::NamePrompt(prompt), Vec::new()),
            }
        }
        _ => {
            prompt.input.handle(&key);
            (Mode::NamePrompt(prompt), Vec::new())
        }
    }
}

impl super::component::Dialog for NamePrompt {
    fn hints(&self, app: &App) -> Vec<(String, &'static str)> {
        super::component::save_cancel(app)
    }
    fn handle(self: Box<Self>, app: &mut App, key: KeyEvent, action: Option<Action>) -> (Mode, Vec<Effect>) {
        on_prompt(app, *self, key, action)
    }
}

/// The menu of column actions (`C`) for the column at this index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ColumnMenu {
    pub column: usize,
}

impl super::component::Dialog for ColumnMenu {
    fn scopes(&self) -> &'static [crate::keymap::Scope] {
        &[crate::keymap::Scope::ColumnMenu]
    }
    fn hints(&self, app: &App) -> Vec<(String, &'static str)> {
        use Action::*;
        let mut hints =
            super::component::listed(app, &[(AddColumn, "add"), (RenameColumn, "rename"), (ColumnWipLimit, "WIP")]);
        hints.push((app.key_pair(MoveColumnLeft, MoveColumnRight), "move"));
        hints.extend(super::component::listed(
            app,
            &[(DeleteColumn, "delete"), (MarkDoneColumn, "done"), (CloseColumnMenu, "close")],
        ));
        hints
    }
    fn handle(self: Box<Self>, app: &mut App, _key: KeyEvent, action: Option<Action>) -> (Mode, Vec<Effect>) {
        on_menu(app, self.column, action)
    }
}
